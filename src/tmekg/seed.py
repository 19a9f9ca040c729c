"""Read the seed tables (``data/seed/*.csv``) into typed records, reporting every problem with its place.

Reading never writes anything and never half-loads: :func:`load` returns a validated
:class:`~tmekg.kg.KnowledgeGraph` or raises :class:`~tmekg.errors.SeedError` listing every problem.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import gc
import hashlib
import io
import os
import re
import stat
from collections.abc import Iterator, Sequence
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

__all__ = [
    "MANIFEST",
    "MAX_TABLE_BYTES",
    "TABLES",
    "SeedRead",
    "Table",
    "load",
    "manifest_text",
    "read_manifest",
    "read_seed",
    "render_table",
]

#: A seed table larger than this is refused (the curated tables are a few hundred kB; a grown seed of 10^6
#: interactions is about 250 MB). ``TMEKG_MAX_TABLE_BYTES`` raises or lowers it.
MAX_TABLE_BYTES = int(os.environ.get("TMEKG_MAX_TABLE_BYTES", 1024 * 1024 * 1024))
#: Columns that hold a sign, written +1 / -1.
SIGN_COLUMNS = frozenset({"polarity", "effect"})
#: A cell longer than this is refused.
MAX_CELL_CHARS = 20_000
#: Tables with more data rows than this are read column-wise (:mod:`tmekg.columnar`): below it, importing Arrow
#: costs more than validating the rows one by one (measured: the shipped seed, 2,000 rows in all, reads in 0.09 s
#: row by row; Arrow's import alone takes 0.2-0.3 s).
COLUMNAR_ROWS = 2_000


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
    #: data rows (after the header) of each table file that parsed as CSV
    row_counts: dict[str, int] = field(default_factory=dict)

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


_FILE_TYPES = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def _read_bytes(path: Path, seed_dir: Path, problems: list[Problem]) -> bytes | None:
    """The bytes of a seed file, or ``None`` with one problem: missing, a link that loops, dangles or leaves the seed
    directory, not a regular file (a FIFO, a device, a directory: refused without blocking), too large, unreadable."""
    name = path.name
    if not path.exists() and not path.is_symlink():
        problems.append(Problem(name, 0, "", "file is missing", f"create {path} with the header row"))
        return None
    try:
        resolved = path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 raises this for a symlink loop
        problems.append(Problem(name, 0, "", "is a symbolic link that loops", "replace the link with the file"))
        return None
    except OSError as exc:
        reason = "a symbolic link that loops" if exc.errno == errno.ELOOP else exc.strerror
        problems.append(Problem(name, 0, "", f"cannot resolve the file ({reason})", "fix the link"))
        return None
    if not resolved.is_relative_to(seed_dir.resolve()):
        problems.append(
            Problem(name, 0, "", f"links outside the seed directory (to {resolved})", "copy the file in instead")
        )
        return None
    try:
        # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; fstat then refuses it
        fd = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        problems.append(Problem(name, 0, "", f"cannot read the file ({exc.strerror})", "check its permissions"))
        return None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        kind = _FILE_TYPES.get(stat.S_IFMT(info.st_mode), "not a regular file")
        problems.append(
            Problem(name, 0, "", f"cannot read the file ({kind}, not a regular file)", "put the CSV file here")
        )
        return None
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > MAX_TABLE_BYTES:
            problems.append(
                Problem(name, 0, "", f"file is {info.st_size} bytes, over the {MAX_TABLE_BYTES}-byte limit", "split it")
            )
            return None
        try:
            return handle.read(MAX_TABLE_BYTES + 1)
        except OSError as exc:
            problems.append(Problem(name, 0, "", f"cannot read the file ({exc.strerror})", "check its permissions"))
            return None


def _read_text(
    path: Path, seed_dir: Path, problems: list[Problem], digests: dict[str, str] | None = None
) -> str | None:
    name = path.name
    data = _read_bytes(path, seed_dir, problems)
    if data is None:
        return None
    if len(data) > MAX_TABLE_BYTES:  # it grew while being read
        problems.append(Problem(name, 0, "", f"file is over the {MAX_TABLE_BYTES}-byte limit", "split it"))
        return None
    if digests is not None:
        digests[name] = hashlib.sha256(data).hexdigest()
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
    if text and not text.endswith("\n"):
        line = text.count("\n") + 1
        problems.append(
            Problem(
                name,
                line,
                "",
                "the file does not end with a line break, so its last row may be cut short (a truncated copy?)",
                "restore the whole file; if the row is complete, end the file with a line break",
            )
        )
        return None
    return text


def _read_table(
    table: Table, seed_dir: Path, out: SeedRead, digests: dict[str, str] | None = None, *, columnar: bool | None = None
) -> None:
    problems = out.problems
    path = seed_dir / table.filename
    if table.optional and not path.exists() and not path.is_symlink():
        out.records.setdefault(table.name, [])
        return
    text = _read_text(seed_dir / table.filename, seed_dir, problems, digests)
    if text is None:
        return
    if columnar is None:
        columnar = text.count("\n") > COLUMNAR_ROWS
    if columnar and _read_columns(table, text, out):
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
    out.row_counts[name] = len(rows) - 1
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
        record = _read_row(table, header, cells, number, problems)
        if record is not None:
            records.append(record)
            out.rows.setdefault((table.name, table.key(record)), []).append(number)


def _read_columns(table: Table, text: str, out: SeedRead) -> bool:
    """Read ``text`` column-wise (:mod:`tmekg.columnar`): rows that pass every column check become records
    directly, the others are validated row by row for their problems. ``False`` when the table must be read row by
    row (the columnar reader declines what it cannot vouch to parse exactly as :mod:`csv` does)."""
    from tmekg import columnar

    raw = columnar.parse(text, table.columns)
    if raw is None:
        return False
    built = columnar.build(table.model, raw, MAX_CELL_CHARS)
    if built is None:
        return False
    out.row_counts[table.filename] = len(built)
    records = out.records.setdefault(table.name, [])
    # a record's key is its id cell where the table is keyed by id (what Table.key returns, read once per column)
    ids: list[str] | None = raw["id"].to_pylist() if table.key_columns == ("id",) else None
    rows, name = out.rows, table.name
    for index, record in enumerate(built):
        number = index + 2
        if record is None:
            cells = [str(raw[column][index].as_py()) for column in table.columns]
            record = _read_row(table, table.columns, cells, number, out.problems)
            if record is None:
                continue
        records.append(record)
        rows.setdefault((name, ids[index] if ids is not None else table.key(record)), []).append(number)
    return True


def _read_row(
    table: Table, header: Sequence[str], cells: list[str], number: int, problems: list[Problem]
) -> Record | None:
    """One data row through the record's own validation: its record, or ``None`` with its problems."""
    name = table.filename
    if len(cells) != len(header):
        problems.append(
            Problem(name, number, "", f"{len(cells)} cells for {len(header)} columns", "quote cells with commas")
        )
        return None
    long = [c for c, v in zip(header, cells, strict=True) if len(v) > MAX_CELL_CHARS]
    if long:
        problems.append(Problem(name, number, long[0], f"cell over {MAX_CELL_CHARS} characters", "shorten it"))
        return None
    return _parse_row(table, dict(zip(header, cells, strict=True)), name, number, problems)


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


def read_seed(seed_dir: Path, *, columnar: bool | None = None) -> SeedRead:
    """Read every seed table in ``seed_dir``; collect records and problems, never raise on bad rows.

    A table of more than :data:`COLUMNAR_ROWS` rows is read column-wise (:mod:`tmekg.columnar`), a smaller one row
    by row through the record's own validation (faster below that size, and no Arrow to import); ``columnar``
    ``True`` or ``False`` forces one reader for every table. Both give the same records and the same problems.

    When the directory holds a :data:`MANIFEST` (the shipped seed does), every table must have the number of rows it
    records (a truncated copy is an error) and its checksum (a changed table is a warning until ``tmekg lint``
    records it)."""
    out = SeedRead()
    if not seed_dir.is_dir():
        out.problems.append(Problem(str(seed_dir), 0, "", "seed directory not found", "pass an existing --seed DIR"))
        return out
    manifest = read_manifest(seed_dir, out.problems)
    digests: dict[str, str] | None = {} if manifest is not None else None
    for table in TABLES:
        _read_table(table, seed_dir, out, digests, columnar=columnar)
    if manifest is not None and digests is not None:
        _check_manifest(seed_dir, manifest, out, digests)
    return out


#: The file of a seed directory that records each table's data rows and SHA-256 (written by ``tmekg lint``).
MANIFEST = "MANIFEST.tsv"
_MANIFEST_HEADER = "file\trows\tsha256"
_MANIFEST_NOTE = (
    "# tmekg seed manifest: the data rows and SHA-256 of each table. `tmekg lint` writes it; `tmekg validate` and "
    "every command check it."
)
_SHA256 = re.compile(r"[0-9a-f]{64}", re.ASCII)


def read_manifest(seed_dir: Path, problems: list[Problem]) -> dict[str, tuple[int, str]] | None:
    """``{file: (rows, sha256)}`` of the seed's :data:`MANIFEST`; ``None`` when there is none (or it is unusable,
    with a problem)."""
    path = seed_dir / MANIFEST
    if not path.exists() and not path.is_symlink():
        return None
    text = _read_text(path, seed_dir, problems)
    if text is None:
        return None
    hint = "regenerate it with `tmekg lint`"
    lines = text.split("\n")[:-1]
    entries: dict[str, tuple[int, str]] = {}
    body = [(n, line) for n, line in enumerate(lines, start=1) if not line.startswith("#")]
    if not body or body[0][1] != _MANIFEST_HEADER:
        problems.append(
            Problem(MANIFEST, body[0][0] if body else 1, "", f"the header is not {_MANIFEST_HEADER!r}", hint)
        )
        return None
    known = {t.filename for t in TABLES}
    for number, line in body[1:]:
        cells = line.split("\t")
        if len(cells) != 3 or cells[0] not in known or not cells[1].isdigit() or not cells[1].isascii():
            problems.append(Problem(MANIFEST, number, "", f"malformed line {line!r}", hint))
            return None
        if not _SHA256.fullmatch(cells[2]) or cells[0] in entries:
            problems.append(Problem(MANIFEST, number, "", f"malformed line {line!r}", hint))
            return None
        entries[cells[0]] = (int(cells[1]), cells[2])
    return entries


def _check_manifest(
    seed_dir: Path, manifest: dict[str, tuple[int, str]], out: SeedRead, digests: dict[str, str]
) -> None:
    hint = "restore the file; after an intended edit, run `tmekg lint` to record it in " + MANIFEST
    for table in TABLES:
        name = table.filename
        recorded = manifest.get(name)
        present = (seed_dir / name).exists() or (seed_dir / name).is_symlink()
        if recorded is None:
            if present:
                out.problems.append(
                    Problem(name, 0, "", f"the table is not listed in {MANIFEST}", "run `tmekg lint`", "warning")
                )
            continue
        rows, digest = recorded
        if not present:
            if table.optional:  # a missing required table is reported by the reader
                out.problems.append(Problem(name, 0, "", f"missing, but {MANIFEST} records {rows} rows", hint))
            continue
        if name not in out.row_counts or name not in digests:
            continue  # unreadable: the reader said why
        if out.row_counts[name] != rows:
            out.problems.append(
                Problem(
                    name,
                    0,
                    "",
                    f"{out.row_counts[name]} data rows, but {MANIFEST} records {rows}: the file was cut short "
                    "or edited",
                    hint,
                )
            )
        elif digests[name] != digest:
            out.problems.append(
                Problem(
                    name,
                    0,
                    "",
                    f"changed since {MANIFEST} was written (same number of rows)",
                    f"run `tmekg lint` to record an intended edit in {MANIFEST}",
                    "warning",
                )
            )


def manifest_text(tables: dict[str, bytes]) -> str:
    """The :data:`MANIFEST` that records ``tables`` (file name -> bytes), in table order."""
    lines = [_MANIFEST_NOTE, _MANIFEST_HEADER]
    for table in TABLES:
        data = tables.get(table.filename)
        if data is None:
            continue
        rows = sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8"), newline=""))) - 1
        lines.append(f"{table.filename}\t{max(rows, 0)}\t{hashlib.sha256(data).hexdigest()}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Validation:
    """What checking a seed found: every problem (read, model rules, and with ``grounded`` the reference data),
    the references whose identifiers are not confirmed, and the graph when the tables could be read."""

    seed: Path
    problems: tuple[Problem, ...]
    unconfirmed_references: tuple[str, ...] = ()
    grounded: bool = False
    graph: KnowledgeGraph | None = None

    def of(self, severity: str) -> list[Problem]:
        return [p for p in self.problems if p.severity == severity]

    @property
    def errors(self) -> list[Problem]:
        return self.of("error")

    @property
    def ok(self) -> bool:
        return not self.errors


def validate_seed(seed_dir: Path | str | None = None, *, ground: bool = False) -> Validation:
    """Read and check the seed tables (the shipped seed when ``seed_dir`` is ``None``) without raising.

    The rules run only on tables that read cleanly (a table that did not parse gives its own problems). With
    ``ground``, every id is also checked against the offline reference data (the ``ground`` extra).
    """
    from tmekg.resources import seed_dir as shipped_seed_dir
    from tmekg.validate import check

    path = Path(seed_dir) if seed_dir is not None else shipped_seed_dir()
    with _collector_paused():
        read = read_seed(path)
        if read.problems:
            return Validation(path, tuple(read.problems), grounded=ground)
        kg = read.graph()
        found = check(kg, read.where)
    if ground:
        from tmekg.ground import ground as ground_ids

        found = sorted(found + ground_ids(kg, read.where))
    unconfirmed = tuple(sorted({r.id for r in kg.references if not r.confirmed}))
    return Validation(path, tuple(found), unconfirmed, ground, kg)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while records are made and checked: at 10^5 rows its scans find nothing
    to collect (records hold no cycles) and cost a third of the time. The previous state is restored."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load(seed_dir: Path | str | None = None) -> KnowledgeGraph:
    """Load and validate the seed tables; the shipped seed when ``seed_dir`` is ``None``.

    Raises :class:`~tmekg.errors.SeedError` with every problem when any table is bad.
    """
    checked = validate_seed(seed_dir)
    if checked.graph is None:
        raise SeedError(list(checked.problems))
    if not checked.ok:
        raise SeedError(checked.errors)
    return checked.graph


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
