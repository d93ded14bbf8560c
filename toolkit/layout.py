"""The layout engine: where each label, data cell and check cell of a table goes, from the template's blocks.

`lay_out` places one table's blocks on its sheet, top to bottom: header rows of nested column labels,
row labels nested to the left, data cells where they meet, totals from `sum_of`, and for every rule
marked live a check cell beside the row or under the column it checks. Everything it returns is a
class of `spec`; nothing else in the toolkit computes a position.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import equation
from .errors import SpecError
from .spec import CHECK_WIDTH, FIRST_TABLE_ROW, Check, Comparison, Field, Instance, Label, Operand, Rule, Table


def lay_out(raw: dict[str, Any], rules: tuple[Rule, ...], source: Path) -> Table:
    """One table of the template, laid out, with its rules bound to its cells."""
    return _Layout(raw, rules, source).build()


@dataclass
class _Leaf:
    key: str | None
    label: str
    group: str | None
    sum_of: tuple[str, ...]
    type: str
    index: int = 0
    aliases: tuple[str, ...] = ()
    group_label: str = ""


_Key = tuple[str | None, str | None, str]  # a data cell: row, column group, column


def _depth(nodes: list[dict[str, Any]]) -> int:
    return max((1 + _depth(n.get("children", [])) for n in nodes), default=0)


def _leaves(nodes: list[dict[str, Any]], group: str | None = None, inherited: str = "count",
            group_label: str = "") -> list[_Leaf]:
    out: list[_Leaf] = []
    for node in nodes:
        kind = node.get("type", inherited)
        if "children" in node:
            keyed = "key" in node
            out += _leaves(node["children"], node.get("key", group), kind, node["label"] if keyed else group_label)
        else:
            out.append(_Leaf(node.get("key"), node["label"], group, tuple(node.get("sum_of", ())), kind,
                             aliases=tuple(node.get("aliases", ())), group_label=group_label))
    for i, leaf in enumerate(out):
        leaf.index = i
    return out


class _Layout:
    """Places one table's blocks on its sheet, top to bottom."""

    def __init__(self, raw: dict[str, Any], rules: tuple[Rule, ...], source: Path) -> None:
        self.raw, self.source = raw, source
        self.sheet, self.table = raw["sheet"], raw["id"]
        blocks = raw["blocks"]
        self.label_cols = max(_depth(b.get("rows", [])) for b in blocks)
        self.data_cols = max(len(_leaves(b["columns"])) for b in blocks)
        self.labels: list[Label] = []
        self.fields: list[Field] = []
        self.sums: dict[str, dict[str, tuple[str, ...]]] = {"rows": {}, "columns": {}}
        self.row = FIRST_TABLE_ROW
        self.header_rows = (FIRST_TABLE_ROW, FIRST_TABLE_ROW)
        for block in blocks:
            self._block(block)
        self.rules = [self._complete(r) for r in rules if self.table in r.tables and r.check == "equation"]
        self.instances = {rule.id: self._instances(rule) for rule in self.rules}
        self.checks: list[Check] = []
        self.check_col = self.label_cols + self.data_cols
        self._checks()

    def error(self, message: str) -> SpecError:
        return SpecError(f"格式文件 {self.source}：{self.table}：{message}")

    def label(self, r: int, c: int, last_r: int, last_c: int, text: str, role: str) -> None:
        self.labels.append(Label(self.sheet, r, c, last_r, last_c, text, role))

    @property
    def last_col(self) -> int:
        return self.label_cols + self.data_cols - 1

    def _block(self, block: dict[str, Any]) -> None:
        if "caption" in block:
            self.label(self.row, 0, self.row, self.last_col, block["caption"], "caption")
            self.row += 1
        columns, rows = block["columns"], block.get("rows", [])
        leaves = _leaves(columns)
        if self.data_cols % len(leaves):
            raise self.error(f"{len(leaves)} 列无法均分到 {self.data_cols} 个数据列")
        span = self.data_cols // len(leaves)
        header_depth = _depth(columns)
        top = self.row
        if self.label_cols and "corner" in block:
            self.label(top, 0, top + header_depth - 1, self.label_cols - 1, block["corner"], "corner")
        self._headers(columns, top, header_depth, self.label_cols, span)
        self.row += header_depth
        if self.header_rows == (FIRST_TABLE_ROW, FIRST_TABLE_ROW):
            self.header_rows = (top, self.row - 1)
        row_leaves = _leaves(rows) if rows else [_Leaf(None, "", None, (), "count")]
        first = self.row
        self._row_labels(rows, first, 0)
        by_key: dict[_Key, Field] = {}
        for i, row_leaf in enumerate(row_leaves):
            for col_leaf in leaves:
                if col_leaf.key is None:
                    raise self.error(f"列“{col_leaf.label}”没有 key")
                f = self._field(row_leaf, col_leaf, first + i, self.label_cols + col_leaf.index * span, span)
                by_key[(f.row, f.group, f.column)] = f
        self.fields += self._with_parts(by_key, row_leaves, leaves)
        self.row = first + len(row_leaves)

    def _headers(self, nodes: list[dict[str, Any]], r: int, depth: int, c: int, span: int) -> None:
        for node in nodes:
            width = len(_leaves([node])) * span
            last_r = r if "children" in node else r + depth - 1
            self.label(r, c, last_r, c + width - 1, node["label"], "header")
            if "children" in node:
                self._headers(node["children"], r + 1, depth - 1, c, span)
            c += width

    def _row_labels(self, nodes: list[dict[str, Any]], r: int, c: int) -> None:
        for node in nodes:
            height = len(_leaves([node]))
            last_c = c if "children" in node else self.label_cols - 1
            self.label(r, c, r + height - 1, last_c, node["label"], "row")
            if "children" in node:
                self._row_labels(node["children"], r, c + 1)
            r += height

    def _field(self, row: _Leaf, col: _Leaf, r: int, c: int, span: int) -> Field:
        path = ".".join(k for k in (self.table, row.key, col.group, col.key) if k)
        return Field(
            path=path, table=self.table, row=row.key, group=col.group, column=str(col.key),
            sheet=self.sheet, r=r, c=c, span=span, type=col.type if col.type != "count" else row.type,
            parts=(), row_label=row.label, column_label=col.label, row_aliases=row.aliases,
            group_label=col.group_label,
        )

    def _with_parts(self, by_key: dict[_Key, Field], row_leaves: list[_Leaf], col_leaves: list[_Leaf]) -> list[Field]:
        """Fill `parts` of total cells; a cell that is both a row and a column total sums its row."""
        col_sums = {(c.group, c.key): c.sum_of for c in col_leaves if c.sum_of}
        row_sums = {r.key: r.sum_of for r in row_leaves if r.sum_of}
        for (_, key), keys in col_sums.items():
            self._declare_sum("columns", str(key), keys)
        for key, keys in row_sums.items():
            self._declare_sum("rows", str(key), keys)
        out = []
        for f in by_key.values():
            if (f.group, f.column) in col_sums:
                cells: list[_Key] = [(f.row, f.group, k) for k in col_sums[(f.group, f.column)]]
            elif f.row in row_sums:
                cells = [(k, f.group, f.column) for k in row_sums[f.row]]
            else:
                out.append(f)
                continue
            missing = [k for k in cells if k not in by_key]
            if missing:
                raise self.error(f"“{f.label}”的 sum_of 指向不存在的单元格 {missing}")
            out.append(replace(f, parts=tuple(by_key[k].path for k in cells)))
        return out

    def _declare_sum(self, axis: str, key: str, parts: tuple[str, ...]) -> None:
        if self.sums[axis].setdefault(key, parts) != parts:
            raise self.error(f"合计项 {key} 在不同位置的 sum_of 不一致")

    # ------------------------------------------------------------ live checks

    def _instances(self, rule: Rule) -> list[Instance]:
        """Every row (or column) the rule applies to, with its cells."""
        index = {(f.row, f.group, f.column): f for f in self.fields}
        across_rows = rule.across == "rows"
        # fields run row by row, so first appearance gives columns (or rows) in sheet order
        lines = list(dict.fromkeys((f.group, f.column) if across_rows else (f.row, f.group) for f in self.fields))
        out = []
        for line in lines:
            if rule.only and not set(rule.only) & set(line):
                continue

            def bind(eq: equation.Equation, line: tuple[str | None, ...] = line) -> Comparison | None:
                sides = []
                for side in (eq.left, eq.right):
                    operands = []
                    for t in side:
                        key = ((t.name, *line) if across_rows else (*line, t.name)) if t.name else None
                        if key is not None and key not in index:
                            return None
                        operands.append(Operand(t.coef, index[key] if key else None, t.previous))
                    sides.append(tuple(operands))
                return Comparison(sides[0], eq.op, sides[1])

            test = bind(rule.equation)
            when = bind(rule.when) if rule.when else None
            if test is not None and (rule.when is None or when is not None):
                out.append(Instance(rule, test, when))
        if not out:
            raise self.error(f"规则 {rule.id} 在本表没有可检查的单元格")
        return out

    def _complete(self, rule: Rule) -> Rule:
        """Fill in a `total` rule's parts and expand `parts(total)` terms from the template's sums."""
        eq = rule.equation
        if not eq.right:
            name = str(eq.left[0].name)
            eq = equation.total(name, self._parts(rule, name))
        when = rule.when and self._expand(rule, rule.when)
        return replace(rule, equation=self._expand(rule, eq), when=when)

    def _parts(self, rule: Rule, name: str) -> tuple[str, ...]:
        if name not in self.sums[rule.across]:
            raise self.error(f"规则 {rule.id} 的 “{name}” 不是本表的合计项")
        return self.sums[rule.across][name]

    def _expand(self, rule: Rule, eq: equation.Equation) -> equation.Equation:
        def side(terms: tuple[equation.Term, ...]) -> tuple[equation.Term, ...]:
            return tuple(
                part
                for t in terms
                for part in ([equation.Term(t.coef, p, t.previous) for p in self._parts(rule, str(t.name))]
                             if t.parts else [t])
            )
        return replace(eq, left=side(eq.left), right=side(eq.right))

    def _checks(self) -> None:
        multi_row = len({f.r for f in self.fields}) > 1
        for rule in (r for r in self.rules if r.live):
            instances = self.instances[rule.id]
            if rule.across == "columns" and multi_row:
                # one check per data row, in a column right of the table
                c = self.check_col
                self.check_col += 1
                self.label(self.header_rows[0], c, self.header_rows[1], c, f"校验：{rule.title['zh']}", "check")
                for inst in instances:
                    r = inst.anchor.r
                    self.checks.append(Check(inst, self.sheet, r, c, r, c))
            else:
                r = self.row
                self.row += 1
                if self.label_cols:
                    self.label(r, 0, r, self.label_cols - 1, f"校验：{rule.title['zh']}", "check")
                else:
                    self.label(r, 0, r, self.last_col, f"校验：{rule.title['zh']}", "check")
                    r = self.row
                    self.row += 1
                for inst in instances:
                    cols = [f.c for f in inst.fields] + [f.c + f.span - 1 for f in inst.fields]
                    first, last = (inst.anchor.c, inst.anchor.c + inst.anchor.span - 1) if rule.across == "rows" \
                        else (min(cols), max(cols))
                    self.checks.append(Check(inst, self.sheet, r, first, r, last))

    def build(self) -> Table:
        widths = tuple(self.raw["label_widths"]) + (self.raw["data_width"],) * self.data_cols
        widths += (CHECK_WIDTH,) * (self.check_col - self.label_cols - self.data_cols)
        checks = tuple(replace(ch, compact=sum(widths[ch.c:ch.last_c + 1]) < CHECK_WIDTH) for ch in self.checks)
        if len(self.raw["label_widths"]) != self.label_cols:
            raise self.error(f"label_widths 应有 {self.label_cols} 项")
        return Table(
            id=self.table, sheet=self.sheet, title=self.raw["title"], column_widths=widths,
            width=self.label_cols + self.data_cols, fields=tuple(self.fields), labels=tuple(self.labels),
            checks=checks, instances=tuple(i for r in self.rules for i in self.instances[r.id]),
            header_rows=self.header_rows, label_columns=self.label_cols,
            # a table of several blocks has no single header to keep in view
            freeze=(self.header_rows[1] + 1, self.label_cols) if len(self.raw["blocks"]) == 1
            else (FIRST_TABLE_ROW, 0),
            last_row=self.row - 1, last_col=self.check_col - 1, shared_cases=self.raw.get("shared_cases", False),
        )




