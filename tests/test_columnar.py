"""The columnar seed reader (tmekg.columnar) gives what the row-by-row reader gives: the same records (values, types,
fields set), the same rows, the same problems (file, row, column, message, hint) — on the shipped seed, on a
generated seed of 10^4 interactions, on every class of bad input in the catalogues, and on random mutations."""

from __future__ import annotations

import csv
import io
import runpy
import shutil
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import Field, model_validator

from tmekg import columnar
from tmekg.model import Interaction, Process
from tmekg.resources import seed_dir
from tmekg.seed import TABLES, SeedRead, read_seed
from tmekg.validate import check

from .test_bad_input import CATALOGUE, ROWS, cell_text, mutated_seed
from .test_bad_input_hardening import CATALOGUE as HARDENING

SCALE = Path(__file__).parents[1] / "benchmarks" / "scale.py"


def assert_same(seed: Path) -> SeedRead:
    """Both readers on ``seed``: equal problems, rows and records; returns the columnar read."""
    new = read_seed(seed, columnar=True)
    old = read_seed(seed, columnar=False)
    assert new.problems == old.problems
    assert new.rows == old.rows
    assert new.row_counts == old.row_counts
    assert new.records.keys() == old.records.keys()
    for table, records in old.records.items():
        built = new.records[table]
        assert len(built) == len(records), table
        for first, second in zip(records, built, strict=True):
            assert type(first) is type(second)
            assert first == second
            assert first.model_dump() == second.model_dump()
            assert first.model_fields_set == second.model_fields_set, (table, first)
            for name in type(first).model_fields:
                one, other = getattr(first, name), getattr(second, name)
                assert type(one) is type(other), (table, name)
                if isinstance(one, tuple):
                    assert [type(v) for v in one] == [type(v) for v in other], (table, name)
    if not new.problems:
        assert check(new.graph(), new.where) == check(old.graph(), old.where)
    return new


def test_shipped_seed_reads_the_same() -> None:
    read = assert_same(seed_dir())
    assert not read.problems
    assert len(read.records["interactions"]) > 500


@pytest.fixture(scope="module")
def seed_10k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    generate = runpy.run_path(str(SCALE))["generate"]
    seed: Path = generate(10_000, tmp_path_factory.mktemp("scale") / "seed")
    return seed


def test_generated_seed_of_10k_reads_the_same(seed_10k: Path) -> None:
    read = assert_same(seed_10k)
    assert len(read.records["interactions"]) == 10_000
    assert not [p for p in read.problems if p.severity == "error"]


def test_large_tables_are_read_column_wise(seed_10k: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """By default a table of more than COLUMNAR_ROWS rows takes the columnar reader, a small one the row reader."""
    used: list[str] = []
    real = columnar.build

    def spy(model: Any, raw: Any, max_chars: int) -> Any:
        used.append(model.__name__)
        return real(model, raw, max_chars)

    monkeypatch.setattr(columnar, "build", spy)
    read_seed(seed_10k)
    assert used == ["Molecule", "Interaction"]
    used.clear()
    read_seed(seed_dir())
    assert used == []


@pytest.mark.parametrize("case", CATALOGUE + HARDENING, ids=[c[0] for c in CATALOGUE + HARDENING])
def test_bad_input_gives_the_same_problems(case: tuple[Any, ...], mini_seed: Path) -> None:
    label, mutate = case[:2]
    mutate(mini_seed)
    read = assert_same(mini_seed)
    assert read.problems or check(read.graph(), read.where), label


def test_a_bad_row_among_many_is_reported_once_in_its_place(seed_10k: Path, tmp_path: Path) -> None:
    """In a large table, rows that break a rule are the only ones validated row by row: their problems keep their
    place (row numbers of the file), the other rows still become records."""
    seed = tmp_path / "seed"
    shutil.copytree(seed_10k, seed)
    path = seed / "interactions.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = next(csv.reader([lines[5000]]))
    cells[10] = "hugging"  # mechanism
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    lines[5000] = buffer.getvalue()
    lines[7000] = lines[7000].replace(",binding,", ",binding ,", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    read = assert_same(seed)
    places = {(p.file, p.row, p.column) for p in read.problems if p.severity == "error"}
    assert ("interactions.csv", 5001, "mechanism") in places
    assert len(read.records["interactions"]) == 10_000 - 2


settings_ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@settings_
@given(
    file=st.sampled_from(sorted(ROWS)),
    row=st.integers(min_value=1, max_value=3),
    column=st.integers(min_value=0, max_value=21),
    value=st.one_of(
        cell_text,
        st.sampled_from(
            ["", "|", "+1", "1", "-1", "01", "true", "CL:0000625", "HGNC:8760", "x|x", "lost", "HGNC:8760=sender",
             "HGNC:17635=lost/expression", "tmekg:x", "2014", "1949", "pro_tumor", "context_dependent", "killing",
             '"', ",", "page: https://example.org/x", "blocks", "redirects", "protein", "form"]
        ),
    ),
)  # fmt: skip
def test_mutated_rows_read_the_same(
    tmp_path_factory: pytest.TempPathFactory, file: str, row: int, column: int, value: str
) -> None:
    seed = mutated_seed(tmp_path_factory.mktemp("seed"), file, row, column, value)
    assert_same(seed)


def test_every_table_is_read_column_wise() -> None:
    """Every record type's validators have their column-wise twins (else its table would be read row by row)."""
    assert all(columnar.covered(table.model) for table in TABLES)


def test_a_rule_the_columnar_reader_does_not_know_sends_the_table_to_the_row_reader() -> None:
    class Stricter(Process):
        @model_validator(mode="after")
        def _new_rule(self) -> Stricter:
            return self

    assert not columnar.covered(Stricter)
    raw = columnar.parse("id,label\nx,y\n", ["id", "label"])
    assert raw is not None
    assert columnar.build(Stricter, raw, 100) is None


def test_a_constraint_the_columnar_reader_does_not_know_is_an_error() -> None:
    class Shorter(Interaction):
        summary: str = Field(min_length=1, max_length=10, description="x")
        curie_fields: ClassVar[dict[str, frozenset[str]]] = {}

    text = ",".join(Shorter.model_fields) + "\n" + ",".join("x" for _ in Shorter.model_fields) + "\n"
    raw = columnar.parse(text, list(Shorter.model_fields))
    assert raw is not None
    with pytest.raises(TypeError, match="does not know the constraint"):
        columnar.build(Shorter, raw, 100)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("id,label\nx,y\n\n", "a blank line"),
        ("id,label\nx,y,z\n", "a row with an extra cell"),
        ('id,label\n"x\ny",z\n', "a quoted line break"),
        ('id,label\nx"y,z\n', "a quote inside a cell"),
        ('id,label\n"x"y,z\n', "text after a closing quote"),
        ("label,id\ny,x\n", "another header"),
        ("id,label\n", "no rows"),
    ],
)
def test_parse_declines_what_csv_might_read_otherwise(text: str, why: str) -> None:
    parsed = columnar.parse(text, ["id", "label"])
    if parsed is None:
        return
    expected = list(csv.reader(io.StringIO(text.partition("\n")[2], newline=""), strict=True))
    assert [[parsed[c][i].as_py() for c in ("id", "label")] for i in range(len(expected))] == expected, why


def test_quoted_cells_read_as_csv_reads_them() -> None:
    text = 'id,label\nx,"a, b"\ny,"say ""hi"""\n'
    parsed = columnar.parse(text, ["id", "label"])
    assert parsed is not None
    assert parsed["label"].to_pylist() == ["a, b", 'say "hi"']
