"""Seed loading: the tiny seed loads; every kind of corruption is reported with file, row and column."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import tmekg
from tmekg.errors import Problem, SeedError
from tmekg.seed import TABLES, read_seed, render_table


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="\n")


def problems_of(seed: Path) -> list[Problem]:
    with pytest.raises(SeedError) as info:
        tmekg.load(seed)
    return info.value.problems


def test_mini_seed_loads(mini_seed: Path) -> None:
    kg = tmekg.load(mini_seed)
    assert kg.stats()["interactions"] == 2
    assert kg.get("HGNC:17635").label == "PD-L1"


# fmt: off
CORRUPTIONS: list[tuple[str, str, str, str, int, str, str]] = [
    # (label, file, old, new, row, column, words in the message)
    ("bad enum", "interactions.csv", ",binding,", ",hugging,", 2, "mechanism", "binding"),
    ("dangling reference", "interactions.csv", "CL:0001064,HGNC:17635", "CL:0001065,HGNC:17635", 2, "source",
     "CL:0001065 is not in cell_types.csv"),
    ("duplicate id", "molecules.csv", "HGNC:18731,PD-L2", "HGNC:17635,PD-L2", 3, "id", "duplicate id HGNC:17635"),
    ("bad CURIE", "therapy_actions.csv", "DRUGBANK:DB09037,HGNC:8760", "DRUGBANK:DB09037,HGNC:PDCD1", 2, "target",
     "bad CURIE 'HGNC:PDCD1'"),
    ("missing column", "cancers.csv", "id,label,synonyms", "id,label", 1, "", "missing synonyms"),
    ("outcome disagrees with signs", "interactions.csv", "cytotoxicity,-1,binding", "cytotoxicity,+1,binding", 2,
     "tumor_outcome", "gives anti_tumor"),
    ("metabolite as receptor", "interactions.csv", "HGNC:18731,HGNC:8760", "HGNC:18731,CHEBI:16335", 3, "receptor",
     "bad CURIE"),
    ("unknown therapy", "therapy_actions.csv", "DRUGBANK:DB09037,HGNC:8760", "DRUGBANK:DB00001,HGNC:8760", 2,
     "therapy", "DRUGBANK:DB00001 is not in therapies.csv"),
    ("transfers a molecule", "therapy_actions.csv", ",blocks,", ",transfers,", 2, "action", "acts on a cell type"),
    ("empty required cell", "processes.csv", "T cell cytotoxicity,-1", ",-1", 2, "label", "at least 1 character"),
    ("wrong type", "therapies.csv", ",2014,", ",twenty,", 2, "approval_year", "integer"),
    ("too few cells", "cancers.csv", "MONDO:0005105,melanoma,", "MONDO:0005105,melanoma", 2, "", "3 cells for 4"),
]
# fmt: on


@pytest.mark.parametrize(
    ("label", "file", "old", "new", "row", "column", "words"), CORRUPTIONS, ids=[c[0] for c in CORRUPTIONS]
)
def test_corruption_is_located(
    mini_seed: Path, label: str, file: str, old: str, new: str, row: int, column: str, words: str
) -> None:
    edit(mini_seed / file, old, new)
    found = problems_of(mini_seed)
    assert any(p.file == file and p.row == row and p.column == column and words in str(p) for p in found), (
        f"{label}: expected {file} row {row} column {column!r} mentioning {words!r}; got {[str(p) for p in found]}"
    )


def test_missing_file(mini_seed: Path) -> None:
    (mini_seed / "cancers.csv").unlink()
    found = problems_of(mini_seed)
    assert [p.message for p in found if p.file == "cancers.csv"] == ["file is missing"]


def test_bom_crlf_and_encoding(mini_seed: Path) -> None:
    path = mini_seed / "cancers.csv"
    original = path.read_bytes()
    for data, words in [
        (b"\xef\xbb\xbf" + original, "byte-order mark"),
        (original.replace(b"\n", b"\r\n"), "CRLF"),
        (original.replace(b"melanoma", b"m\xe9lanoma"), "not UTF-8"),
    ]:
        path.write_bytes(data)
        assert any(words in p.message for p in problems_of(mini_seed))


def test_every_problem_is_reported_at_once(mini_seed: Path) -> None:
    edit(mini_seed / "cancers.csv", "MONDO:0005105", "MONDO:5105")
    edit(mini_seed / "processes.csv", ",+1,", ",up,")
    found = problems_of(mini_seed)
    assert {p.file for p in found} >= {"cancers.csv", "processes.csv"}


def test_quoted_commas_and_newlines_are_cells(mini_seed: Path) -> None:
    edit(mini_seed / "cancers.csv", "MONDO:0005105,melanoma,", 'MONDO:0005105,melanoma,"skin, melanoma"')
    kg = tmekg.load(mini_seed)
    assert kg.get("MONDO:0005105").synonyms == ("skin, melanoma",)


def test_render_table_round_trips(mini_seed: Path) -> None:
    read = read_seed(mini_seed)
    assert not read.problems
    for table in TABLES:
        text = (mini_seed / table.filename).read_text(encoding="utf-8")
        assert render_table(table, read.records[table.name]) == text, table.filename


def _to_directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize("mutate", [_to_directory, lambda p: p.write_text("")], ids=["unreadable", "empty"])
def test_unreadable_or_empty(mini_seed: Path, mutate: Callable[[Path], object]) -> None:
    mutate(mini_seed / "cancers.csv")
    assert any(p.file == "cancers.csv" for p in problems_of(mini_seed))


def test_symlink_out_of_seed_dir(mini_seed: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.csv"
    outside.write_text((mini_seed / "cancers.csv").read_text())
    (mini_seed / "cancers.csv").unlink()
    (mini_seed / "cancers.csv").symlink_to(outside)
    assert any("outside the seed directory" in p.message for p in problems_of(mini_seed))
