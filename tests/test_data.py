"""Data tests over the shipped seed: one case per row, each failure saying what to fix."""

from __future__ import annotations

from functools import cache

import pytest

from tmekg.errors import Problem
from tmekg.resources import seed_dir
from tmekg.seed import TABLES, SeedRead, read_seed
from tmekg.validate import check


@cache
def shipped() -> tuple[SeedRead, tuple[Problem, ...]]:
    read = read_seed(seed_dir())
    found = list(read.problems)
    if not read.problems:
        found += check(read.graph(), read.where)
    return read, tuple(found)


def _cases() -> list[tuple[str, int]]:
    read, _ = shipped()
    cases = [(table.filename, 0) for table in TABLES]
    for (table, _key), rows in sorted(read.rows.items()):
        cases.extend((f"{table}.csv", row) for row in rows)
    return sorted(set(cases))


@pytest.mark.parametrize(("file", "row"), _cases(), ids=lambda v: str(v))
def test_row(file: str, row: int) -> None:
    """Row 0 stands for the file as a whole (header, encoding, file-level warnings)."""
    _, found = shipped()
    here = [str(p) for p in found if p.file == file and p.row == row]
    assert here == [], "\n".join(here)


def test_every_row_was_read() -> None:
    read, _ = shipped()
    for table in TABLES:
        text = (seed_dir() / table.filename).read_text(encoding="utf-8")
        lines = len(text.splitlines()) - 1
        assert len(read.records[table.name]) <= lines
        assert len(read.records[table.name]) > 0, f"{table.filename} is empty"


def test_references_are_confirmed() -> None:
    read, _ = shipped()
    unconfirmed = [r.id for r in read.graph().references if not r.confirmed]
    assert unconfirmed == [], f"confirm these references and fill checked_against: {unconfirmed}"


def test_tables_are_canonical() -> None:
    from tmekg.lint import lint_seed

    assert lint_seed(seed_dir(), write=False) == [], "run `tmekg lint` to rewrite the seed tables"
