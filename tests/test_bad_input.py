"""The bad-input catalogue (docs/bad-input.md): every class of malformed seed gives one line per problem
naming file, row and column, exit 2, no traceback, and nothing written."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import tmekg
from tmekg.cli import app
from tmekg.errors import SeedError
from tmekg.seed import MAX_CELL_CHARS, MAX_TABLE_BYTES, TABLES

FIXTURE = Path(__file__).parent / "fixtures" / "mini_seed"
runner = CliRunner()


def replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(seed: Path) -> None:
        path = seed / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{file} lacks {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")

    return mutate


def write_bytes(file: str, transform: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def mutate(seed: Path) -> None:
        path = seed / file
        path.write_bytes(transform(path.read_bytes()))

    return mutate


def remove(file: str) -> Callable[[Path], None]:
    return lambda seed: (seed / file).unlink()


def huge(seed: Path) -> None:
    with open(seed / "references.csv", "r+b") as handle:  # a sparse file just over the limit
        handle.truncate(MAX_TABLE_BYTES + 1)


def symlink_out(seed: Path) -> None:
    outside = seed.parent / "outside.csv"
    outside.write_bytes((seed / "cancers.csv").read_bytes())
    (seed / "cancers.csv").unlink()
    (seed / "cancers.csv").symlink_to(outside)


def unreadable(seed: Path) -> None:
    (seed / "cancers.csv").unlink()
    (seed / "cancers.csv").mkdir()


INTERACTION_ROW = "tmekg:i_pdl1_pd1,CL:0001064,HGNC:17635,HGNC:8760,"

# (class, mutation, file, row, column, words in the message) — the catalogue documented in docs/bad-input.md
CATALOGUE: list[tuple[str, Callable[[Path], None], str, int, str, str]] = [
    ("missing file", remove("therapies.csv"), "therapies.csv", 0, "", "file is missing"),
    ("missing column", replace("cancers.csv", "id,label,synonyms", "id,label"), "cancers.csv", 1, "",
     "missing synonyms"),
    ("extra column", replace("cancers.csv", "id,label,synonyms", "id,label,synonyms,stage"), "cancers.csv", 1, "",
     "unknown stage"),
    ("columns out of order", replace("cancers.csv", "id,label,synonyms", "label,id,synonyms"), "cancers.csv", 1,
     "", "columns out of order"),
    ("empty required cell", replace("processes.csv", "T cell cytotoxicity,-1", ",-1"), "processes.csv", 2, "label",
     "at least 1 character"),
    ("wrong type", replace("therapies.csv", ",2014,", ",twenty-fourteen,"), "therapies.csv", 2, "approval_year",
     "valid integer"),
    ("bad enum", replace("interactions.csv", ",binding,", ",hugging,"), "interactions.csv", 2, "mechanism",
     "'binding'"),
    ("duplicate id", replace("molecules.csv", "HGNC:18731,PD-L2", "HGNC:17635,PD-L2"), "molecules.csv", 3, "id",
     "duplicate id HGNC:17635"),
    ("dangling reference",
     replace("interactions.csv", INTERACTION_ROW, INTERACTION_ROW.replace("HGNC:8760", "HGNC:8761")),
     "interactions.csv", 2, "receptor", "HGNC:8761 is not in molecules.csv"),
    ("bad CURIE", replace("cancers.csv", "MONDO:0005105", "MONDO:5105"), "cancers.csv", 2, "id", "bad CURIE"),
    ("outcome disagrees with signs", replace("interactions.csv", "cytotoxicity,-1,binding", "cytotoxicity,+1,binding"),
     "interactions.csv", 2, "tumor_outcome", "gives anti_tumor"),
    ("self-loop (ligand is its own receptor)",
     replace("interactions.csv", INTERACTION_ROW, INTERACTION_ROW.replace("HGNC:8760", "HGNC:17635")),
     "interactions.csv", 2, "receptor", "same molecule"),
    ("metabolite as a gene/receptor", replace("interactions.csv", INTERACTION_ROW,
                                              INTERACTION_ROW.replace("HGNC:8760", "CHEBI:16335")),
     "interactions.csv", 2, "receptor", "bad CURIE 'CHEBI:16335'"),
    ("byte-order mark", write_bytes("cancers.csv", lambda b: b"\xef\xbb\xbf" + b), "cancers.csv", 1, "",
     "byte-order mark"),
    ("wrong encoding", write_bytes("cancers.csv", lambda b: b.replace(b"melanoma", b"m\xe9lanoma")), "cancers.csv", 2,
     "", "not UTF-8"),
    ("Windows line endings", write_bytes("cancers.csv", lambda b: b.replace(b"\n", b"\r\n")), "cancers.csv", 1, "",
     "CRLF"),
    ("stray whitespace", replace("cancers.csv", ",melanoma,", ", melanoma ,"), "cancers.csv", 2, "label",
     "stray whitespace"),
    ("quoted comma in a list item", replace("cancers.csv", "MONDO:0005105,melanoma,", 'MONDO:0005105,melanoma,"a,| b"'),
     "cancers.csv", 2, "synonyms", "bad list"),
    ("unbalanced quote", replace("cancers.csv", ",melanoma,", ',"melanoma,'), "cancers.csv", 2, "",
     "malformed CSV"),
    ("line break inside a cell", replace("cancers.csv", "MONDO:0005105,melanoma,", 'MONDO:0005105,melanoma,"a\nb"'),
     "cancers.csv", 2, "synonyms", "line break"),
    ("very long cell", replace("cancers.csv", ",melanoma,", "," + "m" * (MAX_CELL_CHARS + 1) + ","), "cancers.csv", 2,
     "label", f"over {MAX_CELL_CHARS} characters"),
    ("over-size file", huge, "references.csv", 0, "", f"over the {MAX_TABLE_BYTES}-byte limit"),
    ("symlink out of the seed directory", symlink_out, "cancers.csv", 0, "", "outside the seed directory"),
    ("unreadable file", unreadable, "cancers.csv", 0, "", "cannot read the file"),
    ("empty file", write_bytes("cancers.csv", lambda b: b""), "cancers.csv", 1, "", "file is empty"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "mutate", "file", "row", "column", "words"), CATALOGUE, ids=[c[0] for c in CATALOGUE]
)
def test_catalogue(
    mini_seed: Path, tmp_path: Path, label: str, mutate: Callable[[Path], None], file: str, row: int, column: str,
    words: str,
) -> None:  # fmt: skip
    assert_refused(mini_seed, tmp_path, label, mutate, file, row, column, words)


def test_catalogue_is_documented() -> None:
    assert_documented(CATALOGUE)
    assert len(CATALOGUE) >= 20


# --- property-based: random mutations of real rows either load or raise tmekg's own error ----------------------

ROWS = {table.filename: (FIXTURE / table.filename).read_text(encoding="utf-8") for table in TABLES}
cell_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


def replace_cell(text: str, row: int, column: int, value: str) -> str:
    """A CSV table's text with one cell replaced: row ``row`` (0 is the header; past the end, the last row),
    column ``column`` modulo the row's width."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    target = rows[min(row, len(rows) - 1)]
    target[column % len(target)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def mutated_seed(seed: Path, file: str, row: int, column: int, value: str) -> Path:
    """The mini seed written into ``seed`` with one cell of ``file`` replaced (:func:`replace_cell`)."""
    for name, text in ROWS.items():
        changed = replace_cell(text, row, column, value) if name == file else text
        (seed / name).write_text(changed, encoding="utf-8", newline="")
    return seed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    file=st.sampled_from(sorted(ROWS)),
    row=st.integers(min_value=0, max_value=3),
    column=st.integers(min_value=0, max_value=20),
    value=st.one_of(cell_text, st.sampled_from(["", "|", "+1", "-1", "CL:0000625", "HGNC:8760", "x|x", '"', ","])),
)
def test_mutated_rows_load_or_raise_seed_error(tmp_path_factory: pytest.TempPathFactory, file: str, row: int,
                                               column: int, value: str) -> None:  # fmt: skip
    seed = mutated_seed(tmp_path_factory.mktemp("seed"), file, row, column, value)
    problems = None
    try:
        tmekg.load(seed)
    except SeedError as exc:  # any other exception fails the test
        problems = exc.problems
    if problems is not None:
        assert problems, "a SeedError lists its problems"
        assert all(p.file for p in problems)


def test_export_interrupted_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in the middle of writing leaves the previous file intact and no temporary file behind."""
    from tmekg import atomic
    from tmekg.export.files import ExportFormat, export

    kg = tmekg.load(FIXTURE)
    out = tmp_path / "kg.json"
    export(kg, ExportFormat.JSON, out)
    before = out.read_bytes()
    real_replace = os.replace

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export(kg, ExportFormat.JSON, out)
    monkeypatch.setattr(atomic.os, "replace", real_replace)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.json"]


def assert_refused(
    seed: Path, tmp_path: Path, label: str, mutate: Callable[[Path], None], file: str, row: int, column: str,
    words: str,
) -> None:  # fmt: skip
    """Break ``seed`` with ``mutate``; an export must then exit 2, write nothing, and name the file, row and column
    with ``words`` on one line of stderr, the last line saying what happened."""
    mutate(seed)
    out = tmp_path / "kg.json"
    result = runner.invoke(app, ["export", "-o", str(out), "--seed", str(seed)])
    assert result.exit_code == 2, result.output
    assert not out.exists(), "nothing is written"
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    where = f"{file}, row {row}" if row else file
    if column:
        where += f", column {column!r}"
    assert any(line.startswith(where) and words in line for line in lines), f"{label}: {where} / {words}\n{lines}"
    assert lines[-1].startswith("error: "), "the last line says what happened"


def assert_documented(catalogue: list[tuple[Any, ...]]) -> None:
    """Every class of bad input in ``catalogue`` has its row in docs/bad-input.md."""
    doc = (Path(__file__).parents[1] / "docs" / "bad-input.md").read_text(encoding="utf-8")
    for label, *_ in catalogue:
        assert f"| {label} |" in doc, f"docs/bad-input.md lacks the class {label!r}"
