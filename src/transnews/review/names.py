"""All-caps personal names in English news: "Ms. ZHAO Xiuling", "Mr. XU Guojian".

Chinese (and Korean) names in English texts are often written surname first with the
surname in capitals, so that a reader knows which part it is. To a naive acronym check
those surnames look like acronyms (ZHAO, LIU, XU); they are names, which a Chinese
translation writes in characters (赵秀玲), so no acronym is "missing".
"""

from __future__ import annotations

import re

# Common surnames as romanised in English news: Hanyu Pinyin (mainland), Wade-Giles and
# Cantonese spellings (Taiwan, Hong Kong, Macao), and the commonest Korean ones.
SURNAMES = frozenset("""
AI AN BAI BAO BI BIAN CAI CAO CEN CHAI CHANG CHAO CHE CHEN CHENG CHI CHU CONG CUI DAI DENG DI DIAO DING
DONG DOU DU DUAN FAN FANG FEI FENG FU GAN GAO GE GENG GONG GOU GU GUAN GUO HAN HAO HE HONG HOU HU HUA
HUANG HUO JI JIA JIAN JIANG JIAO JIN JING KANG KE KONG KOU KUANG LAI LAN LANG LEI LI LIAN LIANG LIAO LIN
LING LIU LONG LOU LU LUAN LUO LV LYU MA MAO MEI MENG MI MIAO MO MOU MU NI NIE NING NIU OU OUYANG PAN PANG
PEI PENG PI PING PU QI QIAN QIAO QIN QIU QU QUAN RAN REN RONG RUAN SHA SHAN SHANG SHAO SHE SHEN SHENG SHI
SHU SI SIMA SONG SU SUN TAN TANG TAO TENG TIAN TONG TU WAN WANG WEI WEN WENG WU XI XIA XIAN XIANG XIAO
XIE XIN XING XIONG XU XUAN XUE YAN YANG YAO YE YI YIN YING YONG YOU YU YUAN YUE YUN ZANG ZENG ZHAI ZHAN
ZHANG ZHAO ZHEN ZHENG ZHONG ZHOU ZHU ZHUANG ZHUGE ZONG ZOU ZUO SHANGGUAN
CHAN CHEUNG CHIANG CHIU CHOI CHOW CHUNG FUNG HO HSU HUNG KWAN KWOK LAM LAU LEE LEUNG LO MAK NG SZE TSAI
TSANG TSE TSUI WONG YEH YEUNG YIP YUEN KUO HSIEH
KIM PARK JUNG CHO YOON JANG LIM SHIN KWON OH SEO HWANG
""".split())
# A title right before the name: the all-caps word after it is a surname, listed or not.
_TITLE_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Madam|Mme|Sir|Dame|Judge|Justice|Ambassador|Minister|"
    r"Commissioner|President|Chairman|Chairwoman)\.?[ \t]+)$")
_GIVEN_AFTER = re.compile(r"[ \t]+[A-Z][a-z]+(?:-[a-z]+)?\b")  # "LIU Hua", "ZHAO Xiu-ling"
_GIVEN_BEFORE = re.compile(r"\b([A-Z][a-z]+(?:-[a-z]+)?)[ \t]+$")  # "Hua LIU"
# Capitalised words that start a sentence or a title, never a given name ("The HU of …").
_NOT_GIVEN = frozenset("The A An And Or Of In On At By For With From To As Dear Both Mr Ms Mrs Dr".split())


def is_personal_name(text: str, start: int, end: int) -> bool:
    """Whether the all-caps word ``text[start:end]`` is a surname: right after a title
    ("Ms. ZHAO"), or a known surname next to a capitalised given name ("LIU Hua")."""
    word = text[start:end]
    if not word.isalpha():
        return False
    if _TITLE_BEFORE.search(text[max(0, start - 20):start]):
        return True
    if word not in SURNAMES:
        return False
    if _GIVEN_AFTER.match(text, end):
        return True
    before = _GIVEN_BEFORE.search(text[max(0, start - 30):start])
    return before is not None and before.group(1) not in _NOT_GIVEN
