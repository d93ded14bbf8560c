"""The rule language: a linear comparison of keys, `a + b == c + d`, `4 * a <= b + c`.

Parsed with `ast` and a whitelist, never evaluated by Python: the same parsed form is
computed by the validator and compiled into live-check formulas of the workbook.

A term is a key (`carried_over`), a key times a whole number (`4 * carried_forward`), a whole
number (`1000`), last year's value of a key (`previous.carried_forward`), or every part of a
template total (`parts(results_total)`, expanded once the layout is known).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

OPERATORS = {ast.Eq: "==", ast.LtE: "<=", ast.GtE: ">="}


@dataclass(frozen=True)
class Term:
    coef: int  # a constant term when name is None
    name: str | None
    previous: bool = False  # last year's value of `name`
    parts: bool = False  # every part of the total `name`

    @property
    def sign(self) -> int:
        return 1 if self.coef > 0 else -1


@dataclass(frozen=True)
class Equation:
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    op: str = "=="

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(term.name for term in self.left + self.right if term.name)

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.left + self.right


def parse(text: str) -> Equation:
    """`'a + b == c - d'` → Equation; ValueError for anything else."""
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        raise ValueError(f"not an equation: {text!r}") from exc
    if not (isinstance(tree, ast.Compare) and len(tree.ops) == 1 and type(tree.ops[0]) in OPERATORS):
        raise ValueError(f"a rule needs exactly one of ==, <=, >=: {text!r}")
    return Equation(_terms(tree.left, +1), _terms(tree.comparators[0], +1), OPERATORS[type(tree.ops[0])])


def total(name: str, parts: tuple[str, ...]) -> Equation:
    """The equation a template total stands for: `name == part + part + …`."""
    return Equation((Term(+1, name),), tuple(Term(+1, part) for part in parts))


def holds(left: float, op: str, right: float) -> bool:
    return left == right if op == "==" else left <= right if op == "<=" else left >= right


def _terms(node: ast.expr, sign: int) -> tuple[Term, ...]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        right_sign = sign if isinstance(node.op, ast.Add) else -sign
        return _terms(node.left, sign) + _terms(node.right, right_sign)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        factor, key = (node.left, node.right) if isinstance(node.left, ast.Constant) else (node.right, node.left)
        (term,) = _terms(key, sign)
        return (Term(term.coef * _whole(factor), term.name, term.previous, term.parts),)
    if isinstance(node, ast.Constant):
        return (Term(sign * _whole(node), None),)
    if isinstance(node, ast.Name):
        return (Term(sign, node.id),)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "previous":
        return (Term(sign, node.attr, previous=True),)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "parts"
            and len(node.args) == 1 and isinstance(node.args[0], ast.Name) and not node.keywords):
        return (Term(sign, node.args[0].id, parts=True),)
    raise ValueError(f"not allowed in a rule: {ast.unparse(node)!r}")


def _whole(node: ast.expr) -> int:
    if isinstance(node, ast.Constant) and type(node.value) is int and node.value >= 0:
        return node.value
    raise ValueError(f"only whole numbers may multiply a key, not {ast.unparse(node)!r}")
