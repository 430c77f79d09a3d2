import pytest

from transnews.errors import InputError
from transnews.ingest import parse, read_article, read_text
from transnews.ingest.text import is_breadcrumb
from transnews.model import BOILERPLATE, DATE, PARAGRAPH, TITLE


def _rebuild(article):
    """Copy the gaps between segments and each segment's source: must equal the file."""
    out, pos = [], 0
    for seg in article.segments:
        out.append(article.text[pos:seg.start])
        out.append(seg.source)
        pos = seg.end
    out.append(article.text[pos:])
    return "".join(out)


def test_example_article_structure(example_article):
    art = read_article(example_article, "en")
    kinds = [b.kind for b in art.blocks]
    assert kinds[:2] == [BOILERPLATE, TITLE] and set(kinds[2:]) == {PARAGRAPH}
    assert len(art.blocks) == 2 + 5
    assert art.blocks[0].segments[0].text == "You are here: Home > News > Top News"
    assert not art.blocks[0].segments[0].translatable
    assert art.blocks[1].segments[0].text.startswith("International Copyright Training on Overseas")
    assert art.blocks[1].line == 2 and art.blocks[2].line == 4
    assert _rebuild(art) == example_article.read_text(encoding="utf-8")
    for seg in art.segments:
        assert art.text[seg.start:seg.end] == seg.source
        assert art.text.count("\n", 0, seg.start) + 1 == seg.line


def test_line_separated_paragraphs_and_date(tmp_path):
    text = "Home > News > Local\nA title\n2021-07-12\nFirst paragraph. It has two sentences.\nSecond paragraph.\n"
    art = parse(text, tmp_path / "a.txt", "en")
    assert [b.kind for b in art.blocks] == [BOILERPLATE, TITLE, DATE, PARAGRAPH, PARAGRAPH]
    assert str(art.date) == "2021-07-12"
    assert [s.text for s in art.blocks[3].segments] == ["First paragraph.", "It has two sentences."]
    assert _rebuild(art) == text


def test_wrapped_paragraph_msgid_is_one_line(tmp_path):
    text = "Title\n\nThe first line of a paragraph\nwrapped onto a second line. Next one.\n"
    art = parse(text, tmp_path / "a.txt", "en")
    first = art.blocks[1].segments[0]
    assert first.text == "The first line of a paragraph wrapped onto a second line."
    assert "\n" in first.source and _rebuild(art) == text


@pytest.mark.parametrize("line, expected", [
    ("You are here: Home > News > Top News", True),
    ("Home > News > Top News", True),
    ("首页 > 新闻 > 要闻", True),
    ("当前位置：首页 > 新闻", True),
    ("Profits rose > 5% in Q3", False),
    ("International Copyright Training Held in Xiamen", False),
])
def test_breadcrumbs(line, expected):
    assert is_breadcrumb(line) is expected


def test_bad_inputs_give_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)
    (tmp_path / "empty.txt").write_text("  \n\n")
    with pytest.raises(InputError, match="empty"):
        read_text(tmp_path / "empty.txt")
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    with pytest.raises(InputError, match="binary"):
        read_text(tmp_path / "bin.txt")
    (tmp_path / "gbk.txt").write_bytes("标题\n\n第一段。".encode("gb18030"))
    with pytest.raises(InputError) as err:
        read_text(tmp_path / "gbk.txt")
    assert "gbk.txt:1" in str(err.value) and "--encoding" in str(err.value)
    assert read_text(tmp_path / "gbk.txt", "gb18030").startswith("标题")
    with pytest.raises(InputError, match="unknown encoding"):
        read_text(tmp_path / "gbk.txt", "no-such-codec")
