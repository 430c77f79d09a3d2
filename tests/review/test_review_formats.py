"""printf and brace placeholders compared as msgfmt compares them."""

from transnews.review.formats import brace_args, printf_args, printf_differs, without_placeholders


def test_reordered_positional_arguments_are_the_same():
    assert not printf_differs("%s of %d files", "%2$d个文件中的%1$s")
    assert not printf_differs("%s and %s", "%2$s和%1$s，%1$s")  # an argument used twice
    assert printf_differs("%s of %d files", "%1$s个文件")  # argument 2 dropped
    assert printf_differs("%d files", "%s个文件")  # another type
    assert not printf_differs("%d files", "%i个文件")  # d and i are one type
    assert not printf_differs("%(name)s wrote %(n)d", "%(n)d篇，作者%(name)s")
    assert not printf_differs("Growth was 14% cases", "增长14%")  # prose, not a placeholder


def test_counts_and_masking():
    assert printf_args("%s %s %1$s") == {(1, "s"): 2, (2, "s"): 1}
    assert brace_args("{0} and {name}") == {"0": 1, "name": 1}
    assert without_placeholders("%2$s of {0} in 2021").split() == ["of", "in", "2021"]
