import pytest

from toolkit import equation
from toolkit.equation import Term


def test_parses_a_linear_equation():
    eq = equation.parse("a + b - c == d")
    assert eq.left == (Term(1, "a"), Term(1, "b"), Term(-1, "c"))
    assert eq.right == (Term(1, "d"),)
    assert eq.names == ("a", "b", "c", "d")


def test_subtraction_of_a_group_flips_signs():
    eq = equation.parse("a - b - c == d")
    assert [t.sign for t in eq.left] == [1, -1, -1]


@pytest.mark.parametrize("text", [
    "__import__('os').system('true') == a",
    "a == b == c",
    "a * b == c",
    "a",
    "a == 1",
    "a.b == c",
    "a +",
])
def test_rejects_anything_but_names_plus_and_minus(text):
    with pytest.raises(ValueError):
        equation.parse(text)
