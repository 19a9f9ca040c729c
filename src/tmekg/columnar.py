"""Column-wise reading of a seed table: Arrow's CSV reader, every column checked at once, records built without
per-row validation.

A column is checked once per distinct value (an enum column of 10^5 rows holds a handful of them) with the rules the
records enforce (:mod:`tmekg.model`): required cells, stray whitespace, invisible characters, ``|``-lists without
repeats, enums, signs, whole numbers and their bounds, patterns, CURIEs and their prefixes, qualifier items, where
a source was checked. The rules that tie the cells of one row together (a protein needs its symbol, a pro-tumor row
names a hijacked function, ...) are boolean expressions over whole columns; the few that compare lists within a row
(sites and directions against the row's molecules, a cancer that is its own parent) run only on the rows that have
such lists.

A row that passes every check becomes the record validation would have built (the same values, the same fields
set). A row that fails any check is handed back to the row-by-row reader, whose validation says what is wrong
(file, row, column, hint): the problems are those of the row reader by construction, and the checks here only
decide which rows need it. They may send a row to validation that validation then accepts (a year written with a
leading zero: the row is validated and kept), never the reverse — tests compare both readers on the shipped seed,
on a generated one and on random mutations of every table.

:func:`parse` declines (returns ``None``) whatever it cannot vouch to read exactly as Python's :mod:`csv` reads it
(a header that is not the canonical one, a row Arrow splits differently, quoted line breaks, blank lines); the
caller then reads that table row by row.
"""

from __future__ import annotations

import csv
import enum
import re
import typing
from collections.abc import Callable, Sequence
from typing import Any, Literal

import annotated_types
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from tmekg.actions import spec
from tmekg.model import (
    Cancer,
    CellType,
    Change,
    Confirmation,
    Interaction,
    MediatorSite,
    Molecule,
    NormalFunction,
    Process,
    Record,
    Reference,
    Requirement,
    Therapy,
    TherapyAction,
    Trial,
)
from tmekg.text import refused_character
from tmekg.vocab import CURIE_PATTERNS, Action, MoleculeType, TumorOutcome, curie_error

__all__ = ["build", "covered", "parse"]

Mask = np.ndarray[Any, np.dtype[np.bool_]]


class _Invalid:
    """A cell the record would refuse (its row goes to validation)."""


class _Omitted:
    """An empty optional cell: the field keeps its default and is not set."""


INVALID: Any = _Invalid()
OMITTED: Any = _Omitted()


# -- parsing ------------------------------------------------------------------------------------------------------


def parse(text: str, columns: Sequence[str]) -> dict[str, pa.Array] | None:
    """The columns of a seed table's ``text`` (valid UTF-8, ``\\n`` line ends, a final line break), each an Arrow
    string array with one item per data row; ``None`` when the text must be read row by row instead."""
    header, _, body = text.partition("\n")
    if header != ",".join(columns) or any('"' in c or "," in c for c in columns) or not body:
        return None
    if body.startswith("\n") or "\n\n" in body:  # a blank line: Arrow reads a row of empty cells, csv none
        return None
    lines = body.count("\n")
    try:
        table = pacsv.read_csv(
            pa.py_buffer(text.encode("utf-8")),
            read_options=pacsv.ReadOptions(block_size=1 << 24),
            parse_options=pacsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in columns},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
                check_utf8=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return None  # a malformed row: the row reader says where
    if table.num_rows != lines or table.column_names != list(columns):
        return None
    data = {c: table.column(c).combine_chunks() for c in columns}
    if '"' in body:  # quoting is where readers differ: rows holding a quote must read as csv reads them
        for number, line in enumerate(body.split("\n")[:-1]):
            if '"' not in line:
                continue
            try:
                cells = next(csv.reader([line], strict=True))
            except csv.Error:
                return None
            if cells != [data[c][number].as_py() for c in columns]:
                return None
    return data


# -- cells ------------------------------------------------------------------------------------------------------

_SIGNS = {"+1": 1, "1": 1, "-1": -1}
_BOOLS = {"true": True, "false": False}
_WHOLE = re.compile(r"0|[1-9][0-9]*", re.ASCII)
#: Validators that the cell checks of :func:`_cell_check` enforce for every record type
_CELL_VALIDATORS = frozenset({"_from_cells", "_check_curies", "_sign", "_bool", "_from_text"})


def _confirmed(value: str) -> bool:
    try:
        Confirmation.parse(value)
    except ValueError:
        return False
    return True


#: Rules of one cell beyond its type (the `checked_against` structure), checked with the record's own parser.
_EXTRA: dict[tuple[type[Record], str], Callable[[str], bool]] = {
    (Reference, "checked_against"): _confirmed,
    (Trial, "checked_against"): _confirmed,
}


def _base(annotation: Any) -> tuple[Any, bool]:
    """The item type of a field and whether it is a tuple (``str | None`` -> ``str``)."""
    if typing.get_origin(annotation) is tuple:
        return typing.get_args(annotation)[0], True
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is not Literal and len(args) == 1:
        return args[0], False
    return annotation, False


def _item(model: type[Record], name: str, base: Any) -> Callable[[str], Any]:
    """How one item of a cell becomes a field value (``INVALID`` when the record would refuse it)."""
    allowed = model.curie_fields.get(name)
    if base is str:
        if allowed is None:
            return lambda v: v
        return lambda v: v if curie_error(v, allowed) is None else INVALID
    if isinstance(base, type) and issubclass(base, MediatorSite | Change):
        pair: type[MediatorSite] | type[Change] = base
        from_text: Any = pair._from_text  # the item's own parser (a before-validator): same rules, same refusals
        kinds: dict[str, Any] = {name: field.annotation for name, field in pair.model_fields.items()}

        def item(v: str) -> Any:
            try:
                fields = from_text(v)
            except PydanticCustomError:
                return INVALID
            return pair.model_construct(**{k: kinds[k](x) for k, x in fields.items()})

        return item
    if isinstance(base, type) and issubclass(base, str):  # a StrEnum
        members = {m.value: m for m in typing.cast("type[enum.Enum]", base)}
        return lambda v: members.get(v, INVALID)
    if typing.get_origin(base) is Literal and set(typing.get_args(base)) == {1, -1}:
        return lambda v: _SIGNS.get(v, INVALID)
    if base is bool:
        return lambda v: _BOOLS.get(v, INVALID)
    if base is int:
        return lambda v: int(v) if _WHOLE.fullmatch(v) else INVALID
    raise TypeError(f"the columnar reader does not know the type {base!r} of {model.__name__}.{name}")


def _constraints(model: type[Record], name: str, field: FieldInfo) -> tuple[int, re.Pattern[str] | None, Any, Any]:
    """min_length, pattern, ge, le of a field; a constraint this module does not know is an error, so that a rule
    added to the model is never skipped here."""
    min_length, pattern, ge, le = 0, None, None, None
    for meta in field.metadata:
        if isinstance(meta, annotated_types.MinLen):
            min_length = meta.min_length
        elif isinstance(meta, annotated_types.Ge):
            ge = meta.ge
        elif isinstance(meta, annotated_types.Le):
            le = meta.le
        elif type(meta).__name__ == "_PydanticGeneralMetadata" and set(vars(meta)) == {"pattern"}:
            pattern = re.compile(vars(meta)["pattern"])
        else:
            raise TypeError(f"the columnar reader does not know the constraint {meta!r} of {model.__name__}.{name}")
    return min_length, pattern, ge, le


def _cell_check(model: type[Record], name: str) -> Callable[[str], Any]:
    """The value of a cell as validation would make it, ``OMITTED`` for an empty optional cell, ``INVALID`` for a
    cell validation would refuse (or might: the row is then validated)."""
    field = model.model_fields[name]
    base, is_tuple = _base(field.annotation)
    item = _item(model, name, base)
    required = field.is_required()
    min_length, pattern, ge, le = _constraints(model, name, field)
    extra = _EXTRA.get((model, name))

    def check(value: str) -> Any:
        if value == "":
            return INVALID if required else OMITTED
        if value[0].isspace() or value[-1].isspace() or refused_character(value) is not None:
            return INVALID
        if extra is not None and not extra(value):
            return INVALID
        if is_tuple:
            parts = value.split("|")
            if len(parts) < min_length or len(set(parts)) != len(parts):
                return INVALID
            items = []
            for part in parts:
                if not part or part != part.strip():
                    return INVALID
                converted = item(part)
                if converted is INVALID:
                    return INVALID
                items.append(converted)
            return tuple(items)
        if len(value) < min_length or (pattern is not None and not pattern.search(value)):
            return INVALID
        converted = item(value)
        if converted is not INVALID and ((ge is not None and converted < ge) or (le is not None and converted > le)):
            return INVALID
        return converted

    return check


#: A cell of printable ASCII that neither starts nor ends with a space: no whitespace or invisible character to refuse
_PRINTABLE = "[\\x21-\\x7e](?:[\\x20-\\x7e]*[\\x21-\\x7e])?"


def _plain(model: type[Record], name: str, distinct: pa.Array) -> Mask:
    """Which distinct values of a text column are valid as they stand, tested at once by Arrow's regular expressions
    (RE2): printable ASCII without surrounding spaces and, in a CURIE column, a prefix it allows with its pattern.
    A value this does not vouch for is checked by :func:`_cell_check` (so this may only say "valid" when the
    record would accept the value as it is)."""
    field = model.model_fields[name]
    base, is_tuple = _base(field.annotation)
    if (
        is_tuple
        or base is not str
        or (model, name) in _EXTRA
        or field.metadata not in ([], [annotated_types.MinLen(1)])
    ):
        return np.zeros(len(distinct), dtype=bool)
    allowed = model.curie_fields.get(name)
    if allowed is None:
        pattern = _PRINTABLE
    else:
        pattern = "|".join(f"{prefix}:(?:{CURIE_PATTERNS[prefix][0].pattern})" for prefix in sorted(allowed))
    try:
        return _np(pc.match_substring_regex(distinct, f"^(?:{pattern})$"))
    except pa.ArrowInvalid:  # a pattern RE2 does not read: every value is checked one by one
        return np.zeros(len(distinct), dtype=bool)


# -- rows ---------------------------------------------------------------------------------------------------------


class _Columns:
    """The raw Arrow columns of a table and the converted values, with the masks the row rules are written in."""

    def __init__(self, raw: dict[str, pa.Array], values: dict[str, list[Any]]) -> None:
        self.raw = raw
        self.values = values

    def empty(self, name: str) -> Mask:
        return _np(pc.equal(self.raw[name], ""))

    def full(self, name: str) -> Mask:
        return ~self.empty(name)

    def equals(self, name: str, value: str) -> Mask:
        return _np(pc.equal(self.raw[name], value))

    def same(self, first: str, second: str) -> Mask:
        return _np(pc.equal(self.raw[first], self.raw[second]))

    def starts(self, name: str, prefixes: Sequence[str]) -> Mask:
        mask = np.zeros(len(self.raw[name]), dtype=bool)
        for prefix in prefixes:
            mask |= _np(pc.starts_with(self.raw[name], prefix))
        return mask

    def among(self, name: str, allowed: Sequence[str]) -> Mask:
        return _np(pc.is_in(self.raw[name], value_set=pa.array(list(allowed), pa.string())))

    def items(self, name: str) -> np.ndarray[Any, np.dtype[np.int64]]:
        """How many ``|``-items each cell holds."""
        counts = _np_int(pc.count_substring(self.raw[name], "|")) + 1
        return np.where(self.empty(name), 0, counts)


def _np(array: pa.Array) -> Mask:
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=bool)


def _np_int(array: pa.Array) -> np.ndarray[Any, np.dtype[np.int64]]:
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=np.int64)


def _cell_type_rules(c: _Columns) -> Mask:
    local = c.starts("id", ["tmekg:"])
    return (local & c.empty("broader")) | (c.full("broader") & c.same("broader", "id"))


#: The id prefixes of each molecule type (as Molecule._by_type says)
_MOLECULE_PREFIXES = {
    MoleculeType.PROTEIN: ("HGNC:",),
    MoleculeType.COMPLEX: ("tmekg:",),
    MoleculeType.METABOLITE: ("CHEBI:", "tmekg:"),
    MoleculeType.FORM: ("tmekg:",),
}


def _molecule_rules(c: _Columns) -> Mask:
    bad = np.zeros(len(c.raw["id"]), dtype=bool)
    for kind, prefixes in _MOLECULE_PREFIXES.items():
        bad |= c.equals("molecule_type", kind.value) & ~c.starts("id", prefixes)
    protein = c.equals("molecule_type", MoleculeType.PROTEIN.value)
    complex_ = c.equals("molecule_type", MoleculeType.COMPLEX.value)
    form = c.equals("molecule_type", MoleculeType.FORM.value)
    bad |= protein & (c.empty("symbol") | c.empty("uniprot"))
    bad |= ~protein & (c.full("symbol") | c.full("uniprot"))
    bad |= complex_ & (c.items("subunits") < 2)
    bad |= ~complex_ & c.full("subunits")
    bad |= form & (c.empty("form_of") | c.empty("form") | c.same("form_of", "id"))
    bad |= ~form & (c.full("form_of") | c.full("form") | c.full("made_by"))
    return bad


def _therapy_rules(c: _Columns) -> Mask:
    return c.equals("status", "approved") & c.empty("approval_year")


def _cancer_rules(c: _Columns) -> Mask:
    ids, broader = c.values["id"], c.values["broader"]
    return np.array([isinstance(b, tuple) and i in b for i, b in zip(ids, broader, strict=True)], dtype=bool)


def _interaction_rules(c: _Columns) -> Mask:
    sends = c.full("source") | c.full("ligand") | c.full("receptor") | c.full("mediators")
    bad = ~sends
    bad |= c.full("receptor") & c.empty("target") & c.empty("ligand")
    bad |= c.full("ligand") & c.same("ligand", "receptor")
    bad |= c.full("source") & c.same("source", "target") & c.equals("mechanism", "killing")
    pro = c.equals("tumor_outcome", "pro_tumor")
    # a row without directions is never an escape by loss; rows with directions are checked on the record
    bad |= pro & c.empty("hijacked_function") & c.empty("directions")
    bad |= c.equals("tumor_outcome", "context_dependent") & c.empty("outcome_note")
    bad |= ~pro & (c.full("hijacked_function") | c.full("hijacked_note"))
    return bad


def _interaction_record(record: Record) -> bool:
    """The rules that compare lists within a row (sites and directions against the row's molecules; an escape by
    loss needs no hijacked function), on the record built from a row that has such lists."""
    assert isinstance(record, Interaction)
    try:
        record._check_qualifiers()
    except PydanticCustomError:
        return False
    hijacks = record.tumor_outcome is TumorOutcome.PRO_TUMOR and not record.is_loss
    return not (hijacks and not record.hijacked_function)


def _interaction_sparse(c: _Columns) -> Mask:
    return c.full("mediators") | c.full("sites") | c.full("directions")


_DRUG_MADE = [a.value for a in Action if spec(a).drug_made]
_NEEDS_EFFECTOR = [a.value for a in Action if spec(a).drug_made and spec(a).needs_effector]


def _therapy_action_rules(c: _Columns) -> Mask:
    made = c.among("action", _DRUG_MADE)
    bad = c.among("action", _NEEDS_EFFECTOR) & c.empty("effector")
    bad |= made & c.empty("process")
    bad |= ~made & (c.full("effector") | c.full("process"))
    return bad


def _trial_rules(c: _Columns) -> Mask:
    bad = c.equals("randomized", "true") & c.empty("comparator") & c.empty("comparator_note")
    pairs = zip(c.values["experimental"], c.values["comparator"], strict=True)
    same = [isinstance(e, tuple) and isinstance(k, tuple) and set(e) == set(k) for e, k in pairs]
    return np.asarray(bad | np.array(same, dtype=bool), dtype=bool)


def _no_rules(c: _Columns) -> Mask:
    return np.zeros(len(next(iter(c.raw.values()))), dtype=bool)


#: Per record type: the validators beyond the cell checks that it has, and the rules here that enforce them (whole
#: columns; then, on the rows the third item selects, the record-level check).
_ROWS: dict[
    type[Record],
    tuple[frozenset[str], Callable[[_Columns], Mask], Callable[[_Columns], Mask] | None, Callable[[Record], bool]],
] = {
    CellType: (frozenset({"_broader_for_local"}), _cell_type_rules, None, lambda r: True),
    Molecule: (frozenset({"_by_type"}), _molecule_rules, None, lambda r: True),
    Process: (frozenset(), _no_rules, None, lambda r: True),
    Therapy: (frozenset({"_year"}), _therapy_rules, None, lambda r: True),
    Cancer: (frozenset({"_not_own_parent"}), _cancer_rules, None, lambda r: True),
    NormalFunction: (frozenset(), _no_rules, None, lambda r: True),
    Reference: (frozenset({"_checked"}), _no_rules, None, lambda r: True),  # checked_against: a cell check
    Interaction: (frozenset({"_row_rules"}), _interaction_rules, _interaction_sparse, _interaction_record),
    TherapyAction: (frozenset({"_drug_made"}), _therapy_action_rules, None, lambda r: True),
    Requirement: (frozenset(), _no_rules, None, lambda r: True),
    Trial: (frozenset({"_rules"}), _trial_rules, None, lambda r: True),  # checked_against: a cell check
}


def _validators(model: type[Record]) -> frozenset[str]:
    decorators = model.__pydantic_decorators__
    return frozenset(decorators.model_validators) | frozenset(decorators.field_validators)


def _entry(model: type[Record]) -> Any:
    return next((_ROWS[cls] for cls in model.__mro__ if cls in _ROWS), None)


def covered(model: type[Record]) -> bool:
    """Whether every validator of ``model`` has its column-wise twin here (else its table is read row by row)."""
    entry = _entry(model)
    return entry is not None and _validators(model) <= _CELL_VALIDATORS | entry[0]


# -- records ------------------------------------------------------------------------------------------------------

_new = object.__new__
_set = object.__setattr__


def build(model: type[Record], raw: dict[str, pa.Array], max_chars: int) -> list[Record | None] | None:
    """One record per row of ``raw`` (the columns :func:`parse` gave), ``None`` for a row that must be validated
    row by row (it breaks a rule, or a cell is longer than ``max_chars``); ``None`` for the whole table when the
    record type has a rule this module does not enforce."""
    if not covered(model) or set(raw) != set(model.model_fields):
        return None
    rows = len(next(iter(raw.values())))
    ok = np.ones(rows, dtype=bool)
    values: dict[str, list[Any]] = {}
    fields = list(model.model_fields)
    defaults = _defaults(model)
    present = np.zeros(rows, dtype=np.int64)  # bit k: the cell of field k is set
    for bit, name in enumerate(fields):
        array = raw[name]
        if rows and pc.max(pc.utf8_length(array)).as_py() > max_chars:
            ok &= ~_np(pc.greater(pc.utf8_length(array), max_chars))
        encoded = pc.dictionary_encode(array)
        check = _cell_check(model, name)
        distinct = encoded.dictionary.to_pylist()
        converted = np.empty(len(distinct), dtype=object)
        plain = _plain(model, name, encoded.dictionary)
        bad = []
        for index, value in enumerate(distinct):
            if plain[index]:
                converted[index] = value
                continue
            result = check(value)
            if result is INVALID:
                bad.append(index)
            converted[index] = defaults.get(name) if result is OMITTED else result
        indices = encoded.indices.to_numpy(zero_copy_only=False)
        if bad:
            ok &= ~np.isin(indices, bad)
        values[name] = converted[indices].tolist()
        present |= np.where(_np(pc.not_equal(array, "")), 1 << bit, 0)
    columns = _Columns(raw, values)
    _, rules, sparse, record_rule = _entry(model)
    ok &= ~rules(columns)
    recheck = sparse(columns).tolist() if sparse is not None else [False] * rows
    out: list[Record | None] = [None] * rows
    sets: dict[int, frozenset[str]] = {}
    new, put = _new, _set
    for row, (cells, code, good, again) in enumerate(
        zip(zip(*(values[name] for name in fields), strict=True), present.tolist(), ok.tolist(), recheck, strict=True)
    ):
        if not good:
            continue
        names = sets.get(code)
        if names is None:
            names = sets[code] = frozenset(n for k, n in enumerate(fields) if code >> k & 1)
        record = new(model)
        put(record, "__dict__", dict(zip(fields, cells, strict=True)))
        put(record, "__pydantic_fields_set__", set(names))
        put(record, "__pydantic_extra__", None)
        put(record, "__pydantic_private__", None)
        if again and not record_rule(record):
            continue
        out[row] = record
    return out


_DEFAULTS: dict[type[Record], dict[str, Any]] = {}


def _defaults(model: type[Record]) -> dict[str, Any]:
    found = _DEFAULTS.get(model)
    if found is None:
        found = _DEFAULTS[model] = {
            name: field.get_default(call_default_factory=True, validated_data={})
            for name, field in model.model_fields.items()
            if not field.is_required()
        }
    return found
