"""Read the seed tables (``data/seed/*.csv``) into typed records, reporting every problem with its place.

Reading never writes anything and never half-loads: :func:`load` returns a validated
:class:`~tmekg.kg.KnowledgeGraph` or raises :class:`~tmekg.errors.SeedError` listing every problem.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from pydantic import ValidationError

from tmekg.errors import Problem, SeedError
from tmekg.kg import KnowledgeGraph
from tmekg.model import (
    Cancer,
    CellType,
    Entity,
    Interaction,
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

__all__ = ["MAX_TABLE_BYTES", "TABLES", "SeedRead", "Table", "load", "read_seed", "render_table"]

#: A seed table larger than this is refused (the curated tables are a few hundred kB; a grown seed of 10^6
#: interactions is about 250 MB). ``TMEKG_MAX_TABLE_BYTES`` raises or lowers it.
MAX_TABLE_BYTES = int(os.environ.get("TMEKG_MAX_TABLE_BYTES", 1024 * 1024 * 1024))
#: Columns that hold a sign, written +1 / -1.
SIGN_COLUMNS = frozenset({"polarity", "effect"})
#: A cell longer than this is refused.
MAX_CELL_CHARS = 20_000


@dataclass(frozen=True)
class Table:
    """One seed table: its file, its record type, its columns in canonical order."""

    name: str
    model: type[Record]
    columns: tuple[str, ...]
    #: the columns that make a row's unique key, in sort order
    key_columns: tuple[str, ...] = ("id",)
    #: a missing optional table reads as empty (tables added after v1: a v1 seed still loads)
    optional: bool = False

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def key(self, record: Record) -> str:
        """The unique key of a record in this table (``therapy|target`` for therapy actions)."""
        if isinstance(record, TherapyAction):
            return record.id
        if isinstance(record, Requirement):
            return record.key
        return str(cast("Entity | Reference | Interaction | Trial | NormalFunction", record).id)


TABLES: tuple[Table, ...] = (
    Table("cell_types", CellType, ("id", "label", "synonyms", "broader", "context", "description")),
    Table(
        "molecules",
        Molecule,
        (
            "id",
            "label",
            "molecule_type",
            "symbol",
            "uniprot",
            "subunits",
            "form_of",
            "form",
            "made_by",
            "categories",
            "synonyms",
            "description",
        ),
    ),
    Table("processes", Process, ("id", "label", "polarity", "synonyms", "description")),
    Table("therapies", Therapy, ("id", "label", "synonyms", "modality", "status", "approval_year", "description")),
    Table("cancers", Cancer, ("id", "label", "synonyms", "broader")),
    Table("functions", NormalFunction, ("id", "label", "category", "description")),
    Table("references", Reference, ("id", "authors", "year", "title", "journal", "doi", "checked_against")),
    Table(
        "interactions",
        Interaction,
        (
            "id",
            "source",
            "ligand",
            "receptor",
            "mediators",
            "sites",
            "directions",
            "target",
            "process",
            "effect",
            "mechanism",
            "tumor_outcome",
            "hijacked_function",
            "hijacked_note",
            "outcome_note",
            "cic_step",
            "contexts",
            "species",
            "evidence",
            "evidence_level",
            "confidence",
            "summary",
        ),
    ),
    Table(
        "therapy_actions",
        TherapyAction,
        ("therapy", "target", "action", "effector", "process", "evidence", "evidence_level", "note"),
        key_columns=("therapy", "target"),
    ),
    Table(
        "requirements",
        Requirement,
        ("action", "target", "requires", "kind", "evidence", "evidence_level", "note"),
        key_columns=("action", "target", "requires"),
        optional=True,
    ),
    Table(
        "trials",
        Trial,
        (
            "id",
            "name",
            "phase",
            "randomized",
            "cancers",
            "experimental",
            "comparator",
            "comparator_note",
            "endpoint",
            "result",
            "result_note",
            "publications",
            "checked_against",
        ),
        optional=True,
    ),
)


@dataclass
class SeedRead:
    """What reading the seed gave: records per table, where each came from, and the problems met."""

    records: dict[str, list[Record]] = field(default_factory=dict)
    rows: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, table: str, key: str) -> tuple[str, int]:
        """File name and first row of the record ``key`` in ``table`` (row 0 when unknown)."""
        rows = self.rows.get((table, key), [])
        return f"{table}.csv", rows[0] if rows else 0

    def graph(self) -> KnowledgeGraph:
        def recs(name: str) -> tuple[Record, ...]:
            return tuple(self.records.get(name, []))

        return KnowledgeGraph(
            cell_types=recs("cell_types"),  # type: ignore[arg-type]
            molecules=recs("molecules"),  # type: ignore[arg-type]
            processes=recs("processes"),  # type: ignore[arg-type]
            therapies=recs("therapies"),  # type: ignore[arg-type]
            cancers=recs("cancers"),  # type: ignore[arg-type]
            functions=recs("functions"),  # type: ignore[arg-type]
            references=recs("references"),  # type: ignore[arg-type]
            interactions=recs("interactions"),  # type: ignore[arg-type]
            therapy_actions=recs("therapy_actions"),  # type: ignore[arg-type]
            requirements=recs("requirements"),  # type: ignore[arg-type]
            trials=recs("trials"),  # type: ignore[arg-type]
        )


def _read_text(path: Path, seed_dir: Path, problems: list[Problem]) -> str | None:
    name = path.name
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(name, 0, "", "file is missing", f"create {path} with the header row"))
        return None
    try:
        resolved = path.resolve(strict=True)
    except OSError as exc:
        problems.append(Problem(name, 0, "", f"cannot resolve the file ({exc.strerror})", "fix the link"))
        return None
    if not resolved.is_relative_to(seed_dir.resolve()):
        problems.append(
            Problem(name, 0, "", f"links outside the seed directory (to {resolved})", "copy the file in instead")
        )
        return None
    try:
        size = resolved.stat().st_size
        if size > MAX_TABLE_BYTES:
            problems.append(
                Problem(name, 0, "", f"file is {size} bytes, over the {MAX_TABLE_BYTES}-byte limit", "split it")
            )
            return None
        data = resolved.read_bytes()
    except OSError as exc:
        problems.append(Problem(name, 0, "", f"cannot read the file ({exc.strerror})", "check its permissions"))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(name, 1, "", "file starts with a byte-order mark", "save as UTF-8 without BOM"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(name, line, "", f"not UTF-8 (byte {data[exc.start]:#x})", "save the file as UTF-8"))
        return None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        problems.append(Problem(name, line, "", "Windows (CRLF) or CR line endings", "use \\n line endings"))
        return None
    return text


def _read_table(table: Table, seed_dir: Path, out: SeedRead) -> None:
    problems = out.problems
    path = seed_dir / table.filename
    if table.optional and not path.exists() and not path.is_symlink():
        out.records.setdefault(table.name, [])
        return
    text = _read_text(seed_dir / table.filename, seed_dir, problems)
    if text is None:
        return
    name = table.filename
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, "", f"malformed CSV ({exc})", "check the quoting"))
        return
    if not rows:
        problems.append(Problem(name, 1, "", "file is empty", f"the header is: {','.join(table.columns)}"))
        return
    header = rows[0]
    if tuple(header) != table.columns:
        missing = [c for c in table.columns if c not in header]
        extra = [c for c in header if c not in table.columns]
        detail = []
        if missing:
            detail.append(f"missing {', '.join(missing)}")
        if extra:
            detail.append(f"unknown {', '.join(extra)}")
        if not detail:
            detail.append("columns out of order")
        problems.append(
            Problem(name, 1, "", "bad header: " + "; ".join(detail), f"the header is: {','.join(table.columns)}")
        )
        return
    records = out.records.setdefault(table.name, [])
    for number, cells in enumerate(rows[1:], start=2):
        if len(cells) != len(header):
            problems.append(
                Problem(name, number, "", f"{len(cells)} cells for {len(header)} columns", "quote cells with commas")
            )
            continue
        long = [c for c, v in zip(header, cells, strict=True) if len(v) > MAX_CELL_CHARS]
        if long:
            problems.append(Problem(name, number, long[0], f"cell over {MAX_CELL_CHARS} characters", "shorten it"))
            continue
        record = _parse_row(table, dict(zip(header, cells, strict=True)), name, number, problems)
        if record is not None:
            records.append(record)
            out.rows.setdefault((table.name, table.key(record)), []).append(number)


def _parse_row(table: Table, row: dict[str, str], name: str, number: int, problems: list[Problem]) -> Record | None:
    try:
        return table.model.model_validate(row)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            ctx = err.get("ctx") or {}
            loc = err.get("loc") or ()
            column = str(ctx.get("column") or (loc[0] if loc else ""))
            message = str(ctx.get("message") or err["msg"])
            hint = _hint(table, column, err["type"], row.get(column, ""))
            problems.append(Problem(name, number, column, message, hint))
        return None


def _hint(table: Table, column: str, kind: str, value: str) -> str:
    if kind == "missing" or (kind == "string_too_short" and not value) or (kind == "too_short" and not value):
        return "this cell is required"
    if kind == "enum":
        return "use one of the listed values (see data/seed/README.md)"
    if kind in {"int_parsing", "int_from_float"}:
        return "write a whole number"
    if kind == "literal_error":
        return "write +1 or -1"
    return f"see the `{column}` column of {table.filename} in data/seed/README.md" if column else ""


def read_seed(seed_dir: Path) -> SeedRead:
    """Read every seed table in ``seed_dir``; collect records and problems, never raise on bad rows."""
    out = SeedRead()
    if not seed_dir.is_dir():
        out.problems.append(Problem(str(seed_dir), 0, "", "seed directory not found", "pass an existing --seed DIR"))
        return out
    for table in TABLES:
        _read_table(table, seed_dir, out)
    return out


def load(seed_dir: Path | str | None = None) -> KnowledgeGraph:
    """Load and validate the seed tables; the shipped seed when ``seed_dir`` is ``None``.

    Raises :class:`~tmekg.errors.SeedError` with every problem when any table is bad.
    """
    from tmekg.resources import seed_dir as shipped_seed_dir
    from tmekg.validate import check

    path = Path(seed_dir) if seed_dir is not None else shipped_seed_dir()
    read = read_seed(path)
    if read.problems:
        raise SeedError(read.problems)
    kg = read.graph()
    errors = [p for p in check(kg, read.where) if p.severity == "error"]
    if errors:
        raise SeedError(errors)
    return kg


def render_table(table: Table, records: Sequence[Record]) -> str:
    """The canonical text of a table: header, rows sorted by key, minimal quoting, ``\\n`` endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    for record in sorted(records, key=table.key):
        data = record.model_dump(mode="json")
        writer.writerow([_cell(data.get(column), column in SIGN_COLUMNS) for column in table.columns])
    return buffer.getvalue()


def _cell(value: object, sign: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    if sign and isinstance(value, int):
        return f"{value:+d}"
    return str(value)
