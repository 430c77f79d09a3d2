"""All-caps surnames are names, not acronyms."""

import pytest

from transnews.review.names import is_personal_name


def _name(text, word):
    at = text.index(word)
    return is_personal_name(text, at, at + len(word))


@pytest.mark.parametrize("text, word, expected", [
    ("Ms. ZHAO Xiuling, Deputy Director General", "ZHAO", True),
    ("and LIU Hua, Director of the WIPO Office", "LIU", True),
    ("Mr. XU Guojian, Senior Partner", "XU", True),
    ("a talk by Hua LIU of WIPO", "LIU", True),
    ("Mr. OKAFOR spoke", "OKAFOR", True),  # any all-caps word right after a title
    ("ZHAO Xiu-ling spoke", "ZHAO", True),
    ("the WIPO Office in China", "WIPO", False),
    ("NCAC Director spoke", "NCAC", False),
    ("LIU said", "LIU", False),  # no given name next to it: not enough to tell
    ("The HU of the report", "HU", False),
])
def test_is_personal_name(text, word, expected):
    assert _name(text, word) is expected
