"""Script detection (transnews.text): which script an article is written in."""

import pytest

from transnews.errors import LanguageError
from transnews.text import check_script, count_scripts, script_mismatch

ZH = "4月20日，由国家版权局指导的2026年全国版权宣传周活动在杭州正式启动。来自各地的约200名代表参加。"
EN = "The training course on copyright was held in Beijing from 7 to 9 July, with 120 participants."


def test_counts_ignore_urls_emails_markup_and_digits():
    c = count_scripts("访问 https://www.wipo.int/about 或 zhao@ncac.gov.cn <b class='x'>版权</b> &amp; 2026年 ok")
    assert (c.han, c.latin) == (6, 2)


@pytest.mark.parametrize("text, lang, suggested", [
    (ZH, "en", "zh"), (ZH, "fr", "zh"), (EN, "zh", "en"), (EN, "zt", "en"),
    ("東京で会議が開かれました。参加者は多かったです。", "en", "ja"),
    ("서울에서 저작권 회의가 열렸습니다 참가자가 많았습니다", "en", "ko"),
])
def test_mismatch_suggests_the_script_language(text, lang, suggested):
    assert script_mismatch(text, lang)[0] == suggested


@pytest.mark.parametrize("text, lang", [
    (ZH, "zh"), (EN, "en"), (ZH, "ja"), (EN, "ru"),  # Cyrillic languages are not judged
    ("WIPO和NCAC举办了培训 (Training on Copyright and Related Rights)", "zh"),  # bilingual: even
    ("WIPO和NCAC举办了培训 (Training on Copyright and Related Rights)", "en"),
    (EN + " 世界知识产权组织。", "en"),  # an English article quoting Chinese
    ("版权", "en"), ("Hello", "zh"),  # too short to judge
])
def test_fitting_or_unclear_text_is_not_refused(text, lang):
    assert script_mismatch(text, lang) is None
    check_script(text, lang)


def test_refusal_is_one_line_naming_file_and_option():
    with pytest.raises(LanguageError) as err:
        check_script(ZH, "en", path="news.txt", option="--from")
    msg = str(err.value)
    assert msg.startswith("news.txt: ") and msg.endswith("pass --from zh") and "\n" not in msg
    assert "Chinese" in msg and "English" in msg
    with pytest.raises(LanguageError, match=r"not Chinese \(Simplified\); pass --lang en"):
        check_script(EN, "zh", path="a.txt", option="--lang")
