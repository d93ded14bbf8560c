"""The official format as data: the model of a format edition (tables, fields, rules), loaded and checked.

Every cell's place is computed once, by `layout`, from `templates/` and `schemas/`: the generator
writes these cells, the reader looks for them, the checker names them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import equation
from .cells import a1, a1_range
from .equation import Equation
from .errors import SpecError
from .resources import data_dir

if TYPE_CHECKING:
    from .findings import Severity

DEFAULT_EDITION = "2021"
TITLE_ROW, UNIT_ROW, FIRST_TABLE_ROW = 0, 1, 2
CHECK_WIDTH = 32.0  # a check column: wide enough for a rule's message in its 9-point font


@dataclass(frozen=True)
class Field:
    """One data cell of the report: a path of the data model and where it sits."""

    path: str  # "table3.new_received.total"
    table: str
    row: str | None
    group: str | None
    column: str
    sheet: str
    r: int
    c: int
    span: int  # merged data columns
    type: str  # "count" | "amount"
    parts: tuple[str, ...]  # paths summed by this total; () for an input cell
    row_label: str
    column_label: str
    row_aliases: tuple[str, ...] = ()  # wordings seen in the wild for row_label
    group_label: str = ""  # 表四's 行政复议, 未经复议直接起诉, …

    @property
    def keys(self) -> tuple[str, str, str]:
        """Where the value sits in the report document: doc[table][row or group][column]."""
        return self.table, str(self.row or self.group), self.column

    @property
    def is_input(self) -> bool:
        return not self.parts

    @property
    def cell(self) -> str:
        return a1(self.r, self.c)

    @property
    def absolute(self) -> str:
        return a1(self.r, self.c, absolute=True)

    @property
    def label(self) -> str:
        return "｜".join(part for part in (self.row_label, self.group_label, self.column_label) if part)


@dataclass(frozen=True)
class Label:
    """Fixed text of the official tables, possibly merged over a range."""

    sheet: str
    r: int
    c: int
    last_r: int
    last_c: int
    text: str
    role: str  # "title" | "caption" | "corner" | "header" | "row" | "check"

    @property
    def ref(self) -> str:
        return a1_range(self.r, self.c, self.last_r, self.last_c)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    tables: tuple[str, ...]
    check: str  # "equation" | "same_as_previous"
    across: str  # "rows" | "columns": which keys the equation names
    equation: Equation
    when: Equation | None  # the rule applies only where this holds
    only: tuple[str, ...]  # restrict to these rows or columns (empty: everywhere it fits)
    exempt_units: str | None  # a unit whose name matches this pattern is not checked
    per_unit: bool  # a plausibility check of one unit's report: not tried on a total
    live: bool  # shown as a ✓/✗ cell in the workbook
    title: dict[str, str]
    message: dict[str, str]
    action: dict[str, str]  # what the unit should do when the rule fails
    blank: str

    @cached_property  # asked of every rule for every file
    def needs_previous(self) -> bool:
        return self.check == "same_as_previous" or any(
            t.previous for eq in (self.equation, self.when) if eq for t in eq.terms)


@dataclass(frozen=True)
class Operand:
    """A term of a rule bound to a cell: `coef × field`, last year's field, or the constant `coef`."""

    coef: int
    field: Field | None
    previous: bool = False


Terms = tuple[tuple[int, str | None, bool], ...]


@dataclass(frozen=True)
class Comparison:
    left: tuple[Operand, ...]
    op: str
    right: tuple[Operand, ...]

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(o.field for o in self.left + self.right if o.field and not o.previous)

    @cached_property
    def terms(self) -> tuple[Terms, Terms]:
        """Each side as (coef, field path or None for a constant, last year's?), as the checks read it."""
        def plain(side: tuple[Operand, ...]) -> Terms:
            return tuple((o.coef, o.field.path if o.field else None, o.previous) for o in side)
        return plain(self.left), plain(self.right)


@dataclass(frozen=True)
class Instance:
    """A rule applied to one row, column or table: the cells it compares."""

    rule: Rule
    test: Comparison | None  # None for a whole-table comparison with last year
    when: Comparison | None = None
    table_fields: tuple[Field, ...] = ()  # the cells of a whole-table rule

    @property
    def left(self) -> tuple[Operand, ...]:
        return self.test.left if self.test else ()

    @property
    def right(self) -> tuple[Operand, ...]:
        return self.test.right if self.test else ()

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every cell the rule looks at this year, the one to look at first leading."""
        found = self.test.fields + (self.when.fields if self.when else ()) if self.test else self.table_fields
        return tuple(dict.fromkeys(found))

    @property
    def anchor(self) -> Field:
        """The cell to look at first: the total, or the first cell the rule names."""
        return self.fields[0]


@dataclass(frozen=True)
class Check:
    """A live check cell of the workbook showing ✓ or ✗ for one rule instance."""

    instance: Instance
    sheet: str
    r: int
    c: int
    last_r: int
    last_c: int
    compact: bool = False  # too narrow for the rule's message: show only the two sides


@dataclass(frozen=True)
class Table:
    id: str
    sheet: str
    title: str
    column_widths: tuple[float, ...]
    width: int  # columns used by the table itself, check column excluded
    fields: tuple[Field, ...]
    labels: tuple[Label, ...]
    checks: tuple[Check, ...]  # live checks of the workbook
    instances: tuple[Instance, ...]  # every rule applied to this table
    header_rows: tuple[int, int]  # first and last header row of the first block
    freeze: tuple[int, int]  # first row and column that scroll
    label_columns: int
    last_row: int
    last_col: int
    shared_cases: bool = False  # a case may be counted by two units, so a total of units may count it twice


@dataclass(frozen=True)
class Spec:
    format: str
    version: str
    title: str
    source: str
    first_year: int
    last_year: int
    decimals: dict[str, int]  # a count's and an amount's: 0 and 6 (万元 to the fen)
    guide: tuple[str, ...]  # 填报说明, a line each
    cover: dict[str, str]  # the cover's fields in order, key → label: name, code, year, then the contact's
    tables: tuple[Table, ...]
    rules: tuple[Rule, ...]
    instances: tuple[Instance, ...] = field(repr=False)  # every rule applied, in rule order
    fields: dict[str, Field] = field(repr=False)
    older_labels: dict[str, str] = field(repr=False)  # label only an earlier edition has → that edition

    @property
    def contact(self) -> dict[str, str]:
        """The cover's fields where a unit says who filled it in (填报人, 联系电话…), key → label."""
        return {key: label for key, label in self.cover.items() if key not in ("name", "code", "year")}

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)

    @cached_property
    def inputs(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields.values() if f.is_input)

    @cached_property
    def shape(self) -> tuple[tuple[str, tuple[tuple[str, tuple[tuple[str, str], ...]], ...]], ...]:
        """The document's tables, their rows and cells in the fields' order: (table, ((row, ((cell, path), …)),
        …)), so that a document is built or read with a loop per row, not a lookup per field."""
        tables: dict[str, dict[str, list[tuple[str, str]]]] = {}
        for f in self.fields.values():
            table, outer, inner = f.keys
            tables.setdefault(table, {}).setdefault(outer, []).append((inner, f.path))
        return tuple((table, tuple((outer, tuple(cells)) for outer, cells in rows.items()))
                     for table, rows in tables.items())

    @cached_property
    def totals_in_order(self) -> tuple[Field, ...]:
        """Every total, each after the totals it sums: computing them in this order needs no recursion."""
        order: dict[str, Field] = {}

        def visit(f: Field) -> None:
            if not f.is_input and f.path not in order:
                for p in f.parts:
                    visit(self.fields[p])
                order[f.path] = f

        for f in self.fields.values():
            visit(f)
        return tuple(order.values())

    @property
    def checks(self) -> tuple[Check, ...]:
        return tuple(check for table in self.tables for check in table.checks)


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SpecError(f"无法读取格式文件 {path}：{exc}") from exc


def check_against(document: Any, schema_name: str, source: Path) -> None:
    """Raise SpecError naming the file and the JSON path when `document` breaks its meta-schema."""
    import jsonschema  # a fifth of the start-up: only for a format file from outside the package

    schema = _load_json(data_dir("schemas") / schema_name)  # itself checked by tests/test_schema.py, not per run
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(document))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(根)"
        raise SpecError(f"格式文件 {source} 不符合 {schema_name}：位置 {where}：{error.message}")


@cache
def load(edition: str = DEFAULT_EDITION) -> Spec:
    """The spec of one format edition, from `templates/` and `schemas/`; the files the package ships are checked
    against their meta-schemas by the tests (tests/test_spec.py), not on every start."""
    return load_files(
        data_dir("templates") / f"gov-info-annual-{edition}.json",
        data_dir("schemas") / f"rules-{edition}.json",
        checked=False,
    )


def load_files(template_path: Path, rules_path: Path, *, checked: bool = True) -> Spec:
    """A format from its two files, each checked against its meta-schema unless `checked` is False."""
    template = _load_json(template_path)
    rules_doc = _load_json(rules_path)
    if checked:
        check_against(template, "template.schema.json", template_path)
        check_against(rules_doc, "rules.schema.json", rules_path)
    if rules_doc["format"] != template["format"]:
        raise SpecError(f"{rules_path} 的格式 {rules_doc['format']} 与 {template_path} 不一致")
    declared = tuple(_rule(r) for r in rules_doc["rules"])
    unknown = {t for r in declared for t in r.tables} - {t["id"] for t in template["tables"]}
    if unknown:
        raise SpecError(f"{rules_path} 的规则指向不存在的表 {sorted(unknown)}")
    from .layout import lay_out  # the layout engine builds the classes of this module

    tables = tuple(lay_out(t, declared, template_path) for t in template["tables"])
    by_rule: dict[str, list[Instance]] = {}
    for table in tables:
        for inst in table.instances:
            by_rule.setdefault(inst.rule.id, []).append(inst)
    for rule in declared:
        if rule.check == "same_as_previous":
            by_rule[rule.id] = [Instance(rule, None, table_fields=t.fields) for t in tables if t.id in rule.tables]
    fields = {f.path: f for t in tables for f in t.fields}
    return Spec(
        format=template["format"],
        version=template["version"],
        title=template["title"],
        source=template.get("source", ""),
        first_year=template["first_year"],
        last_year=template["last_year"],
        decimals={kind: t["decimals"] for kind, t in template["types"].items()},
        guide=tuple(line.format(amount_decimals=template["types"]["amount"]["decimals"]) for line in template["guide"]),
        cover={item["key"]: item["label"] for item in template["cover"]},
        tables=tables,
        rules=tuple(by_rule[r.id][0].rule for r in declared),
        instances=tuple(inst for r in declared for inst in by_rule[r.id]),
        fields=fields,
        older_labels={label: older["format"]
                      for older in template.get("older_formats", ()) for label in older["labels"]},
    )


def _rule(raw: dict[str, Any]) -> Rule:
    try:
        eq = equation.parse(raw["assert"]) if "assert" in raw else None
        when = equation.parse(raw["when"]) if "when" in raw else None
    except ValueError as exc:
        raise SpecError(f"规则 {raw['id']}：{exc}") from exc
    tables = raw["table"]
    if "total" in raw:  # completed from the template's sum_of once the layout is known
        eq = Equation((equation.Term(+1, raw["total"]),), ())
    return Rule(
        id=raw["id"],
        severity=raw["severity"],
        tables=(tables,) if isinstance(tables, str) else tuple(tables),
        check=raw.get("check", "equation"),
        across=raw.get("across", "rows"),
        equation=eq or Equation((), ()),
        when=when,
        only=tuple(raw.get("only", ())),
        exempt_units=raw.get("exempt_units"),
        per_unit=raw.get("per_unit", False),
        live=raw.get("live", False),
        title=raw["title"],
        message=raw["message"],
        action=raw["action"],
        blank=raw["blank"],
    )
