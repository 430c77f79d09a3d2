"""Source-language words left in a translation."""

from transnews.review.leftover import leftovers


def test_english_left_in_chinese():
    assert leftovers("培训班 was held in 厦门。", "en", "zh") == ["was held in"]
    assert leftovers("Ignacio de Castro先生与Benjamin Ng发言。", "en", "zh") == []  # names
    assert leftovers("详见www.wipo.int/copyright/news或致函press@wipo.int。", "en", "zh") == []
    assert leftovers("运行`transnews check --json`或<a href=\"x\">报告</a>，%s个文件，{name}。", "en", "zh") == []
    assert leftovers("全长5 km，WIPO与NCAC合作。", "en", "zh") == []  # units and acronyms
    assert leftovers("Attorneys at Law的合伙人", "en", "zh", spans=[(0, 16)]) == []  # a glossary form


def test_chinese_left_in_english_and_same_script():
    assert leftovers("The industry is 蓬勃发展.", "zh", "en") == ["蓬勃发展"]
    assert leftovers("left as is", "en", "fr") == []
