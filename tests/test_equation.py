import pytest

from toolkit import equation
from toolkit.equation import Term


def test_parses_a_linear_equation():
    eq = equation.parse("a + b - c == d")
    assert eq.left == (Term(1, "a"), Term(1, "b"), Term(-1, "c"))
    assert eq.right == (Term(1, "d"),)
    assert eq.names == ("a", "b", "c", "d")
    assert eq.op == "=="


def test_subtraction_of_a_group_flips_signs():
    eq = equation.parse("a - b - c == d")
    assert [t.sign for t in eq.left] == [1, -1, -1]


def test_coefficients_constants_previous_and_parts():
    eq = equation.parse("4 * a - b * 2 <= previous.c + parts(t) + 1000")
    assert eq.op == "<="
    assert eq.left == (Term(4, "a"), Term(-2, "b"))
    assert eq.right == (Term(1, "c", previous=True), Term(1, "t", parts=True), Term(1000, None))
    assert eq.names == ("a", "b", "c", "t")


@pytest.mark.parametrize(("left", "op", "right", "expected"), [
    (1, "==", 1, True), (1, "==", 2, False), (1, "<=", 2, True), (3, "<=", 2, False), (2, ">=", 2, True),
    (1, ">=", 2, False),
])
def test_holds(left, op, right, expected):
    assert equation.holds(left, op, right) is expected


@pytest.mark.parametrize("text", [
    "__import__('os').system('true') == a",
    "a == b == c",
    "a < b",
    "a != b",
    "a * b == c",
    "-2 * a == c",
    "1.5 * a == c",
    "a",
    "a.b == c",
    "previous.a.b == c",
    "parts(a, b) == c",
    "open(a) == c",
    "a +",
    "'x' == a",
])
def test_rejects_anything_outside_the_rule_language(text):
    with pytest.raises(ValueError):
        equation.parse(text)
