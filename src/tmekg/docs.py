"""The data dictionary of the seed tables, generated from the model's field descriptions.

``data/seed/README.md`` holds one block per table between ``<!-- columns: NAME -->`` and ``<!-- /columns -->``;
:func:`render_readme` regenerates those blocks (``tmekg lint`` does it), so the README never drifts from the model.

>>> print(column_table(next(t for t in TABLES if t.name == "processes")).splitlines()[2])
| `id` | yes | CURIE of the entity |
"""

from __future__ import annotations

import re
import types
import typing
from enum import Enum
from typing import Any

from pydantic.fields import FieldInfo

from tmekg.actions import ACTIONS
from tmekg.seed import TABLES, Table
from tmekg.vocab import EntityKind

__all__ = ["column_table", "render_readme"]

_BLOCK = re.compile(r"(<!-- columns: (\w+) -->\n)(.*?)(<!-- /columns -->)", re.DOTALL)
_ACTIONS = re.compile(r"(<!-- actions -->\n)(.*?)(<!-- /actions -->)", re.DOTALL)
_KIND_WORDS = {EntityKind.MOLECULE: "molecule", EntityKind.CELL_TYPE: "cell type"}


def _enum_of(annotation: Any) -> type[Enum] | None:
    """The enum a field holds (directly, optionally or as tuple items)."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    for arg in typing.get_args(annotation):
        found = _enum_of(arg)
        if found:
            return found
    return None


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is tuple:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(a) for a in typing.get_args(annotation))
    return False


def _required(field: FieldInfo) -> str:
    if field.is_required():
        return "yes"
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    return str(extra.get("when", "no"))


def _meaning(field: FieldInfo) -> str:
    text = field.description or ""
    enum = _enum_of(field.annotation)
    if enum is not None:
        text += ": " + ", ".join(f"`{member.value}`" for member in enum)
    if _is_list(field.annotation):
        text += " (`|`-separated)"
    return text


def column_table(table: Table) -> str:
    """The Markdown table of one seed table's columns, in column order."""
    lines = ["| column | required | meaning |", "|---|---|---|"]
    for column in table.columns:
        field = table.model.model_fields[column]
        meaning = _meaning(field).replace("|", "\\|")  # a pipe inside a Markdown table cell is escaped
        lines.append(f"| `{column}` | {_required(field)} | {meaning} |")
    return "\n".join(lines) + "\n"


def action_table() -> str:
    """The Markdown table of the therapy actions, from the ActionSpec registry (:data:`tmekg.actions.ACTIONS`)."""
    lines = ["| action | target | meaning |", "|---|---|---|"]
    for action, spec in ACTIONS.items():
        kinds = " or ".join(_KIND_WORDS[k] for k in sorted(spec.target_kinds, key=lambda k: k != EntityKind.CELL_TYPE))
        meaning = ("drug-made: " if spec.drug_made else "") + spec.description.replace("|", "\\|")
        lines.append(f"| `{action.value}` | {kinds} | {meaning} |")
    return "\n".join(lines) + "\n"


def render_readme(text: str) -> str:
    """``text`` with every ``<!-- columns: NAME -->`` block regenerated from the model and the
    ``<!-- actions -->`` block from the action registry."""
    by_name = {t.name: t for t in TABLES}

    def block(match: re.Match[str]) -> str:
        table = by_name.get(match.group(2))
        if table is None:
            return match.group(0)
        return match.group(1) + column_table(table) + match.group(4)

    text = _BLOCK.sub(block, text)
    return _ACTIONS.sub(lambda m: m.group(1) + action_table() + m.group(3), text)
