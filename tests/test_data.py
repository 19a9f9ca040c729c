"""Data tests over the shipped seed: one case per row of every table (a row that fails to parse is a case too), one
per table listing every bad row, and checks that every row was read. Each failure says what to fix."""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

import pytest

from tmekg.errors import Problem
from tmekg.resources import seed_dir
from tmekg.seed import TABLES, SeedRead, read_seed
from tmekg.validate import check


def check_seed(path: Path) -> tuple[SeedRead, tuple[Problem, ...]]:
    """Read and check a seed directory: parse problems, then (when everything parsed) cross-record problems;
    errors and warnings only (notes are for the record)."""
    read = read_seed(path)
    found = list(read.problems)
    if not read.problems:
        found += check(read.graph(), read.where)
    return read, tuple(p for p in found if p.severity in ("error", "warning"))


@cache
def shipped() -> tuple[SeedRead, tuple[Problem, ...]]:
    return check_seed(seed_dir())


def data_rows(path: Path) -> int:
    """How many data rows a CSV file holds (its records after the header)."""
    if not path.exists():
        return 0
    return sum(1 for _ in csv.reader(io.StringIO(path.read_text(encoding="utf-8")))) - 1


def row_cases(path: Path) -> list[tuple[str, int]]:
    """(file, row) for every data row of every table, parsed or not, plus row 0 (the file) of each."""
    cases = []
    for table in TABLES:
        cases.append((table.filename, 0))
        cases.extend((table.filename, row) for row in range(2, data_rows(path / table.filename) + 2))
    return cases


@pytest.mark.parametrize(("file", "row"), row_cases(seed_dir()), ids=lambda v: str(v))
def test_row(file: str, row: int) -> None:
    """Row 0 stands for the file as a whole (header, encoding, file-level warnings)."""
    _, found = shipped()
    here = [str(p) for p in found if p.file == file and p.row == row]
    assert here == [], "\n".join(here)


@pytest.mark.parametrize("table", [t.filename for t in TABLES])
def test_table(table: str) -> None:
    """Every bad row of one table in one message."""
    _, found = shipped()
    bad = [str(p) for p in found if p.file == table]
    assert bad == [], f"{len(bad)} problem(s):\n" + "\n".join(bad)


def test_every_row_was_read() -> None:
    read, _ = shipped()
    for table in TABLES:
        rows = data_rows(seed_dir() / table.filename)
        assert len(read.records[table.name]) == rows, (
            f"{table.filename}: {rows} rows, {len(read.records[table.name])} read"
        )
        assert rows > 0, f"{table.filename} is empty"


def test_a_malformed_row_fails_its_own_case(tmp_path: Path) -> None:
    """The data tests catch a malformed row: blanking a required label makes that row's case fail."""
    import shutil

    copy = tmp_path / "seed"
    shutil.copytree(seed_dir(), copy)
    path = copy / "processes.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = next(csv.reader([lines[1]]))
    fields[1] = ""  # the label
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(fields)
    lines[1] = out.getvalue()
    path.write_text("".join(lines), encoding="utf-8")
    read, found = check_seed(copy)
    assert ("processes.csv", 2) in row_cases(copy)
    assert [p for p in found if (p.file, p.row, p.column) == ("processes.csv", 2, "label")]
    assert len(read.records["processes"]) == data_rows(path) - 1, "the bad row is not read, and that is visible"


def test_references_are_confirmed() -> None:
    read, _ = shipped()
    unconfirmed = [r.id for r in read.graph().references if not r.confirmed]
    assert unconfirmed == [], f"confirm these references and fill checked_against: {unconfirmed}"


def test_tables_and_readme_are_canonical() -> None:
    from tmekg.lint import lint_seed

    assert lint_seed(seed_dir(), write=False) == [], "run `tmekg lint` to rewrite the seed tables and README"
