"""The rule language: a linear equation of keys, `a + b == c + d`.

Parsed with `ast` and a whitelist, never evaluated by Python: the same parsed form is
computed by the validator and compiled into live-check formulas of the workbook.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    sign: int  # +1 or -1
    name: str


@dataclass(frozen=True)
class Equation:
    left: tuple[Term, ...]
    right: tuple[Term, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(term.name for term in self.left + self.right)


def parse(text: str) -> Equation:
    """`'a + b == c - d'` → Equation; ValueError for anything else."""
    try:
        tree = ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        raise ValueError(f"not an equation: {text!r}") from exc
    if not (isinstance(tree, ast.Compare) and len(tree.ops) == 1 and isinstance(tree.ops[0], ast.Eq)):
        raise ValueError(f"an equation needs exactly one '==': {text!r}")
    return Equation(_terms(tree.left, +1), _terms(tree.comparators[0], +1))


def total(name: str, parts: tuple[str, ...]) -> Equation:
    """The equation a template total stands for: `name == part + part + …`."""
    return Equation((Term(+1, name),), tuple(Term(+1, part) for part in parts))


def _terms(node: ast.expr, sign: int) -> tuple[Term, ...]:
    if isinstance(node, ast.Name):
        return (Term(sign, node.id),)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        right_sign = sign if isinstance(node.op, ast.Add) else -sign
        return _terms(node.left, sign) + _terms(node.right, right_sign)
    raise ValueError(f"only names joined by + and - are allowed, not {ast.unparse(node)!r}")
