"""``tmekg.seed.validate_seed``: the one validation sequence the CLI's ``validate`` and :func:`tmekg.load` share."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import tmekg
from tmekg.errors import SeedError
from tmekg.seed import validate_seed


def test_a_valid_seed_gives_its_graph_and_no_error(mini_seed: Path) -> None:
    checked = validate_seed(mini_seed)
    assert checked.ok
    assert checked.seed == mini_seed
    assert checked.graph is not None
    assert checked.graph.has("HGNC:17635")
    assert checked.unconfirmed_references == tuple(sorted(r.id for r in checked.graph.references if not r.confirmed))


def test_a_rule_broken_is_reported_not_raised(mini_seed: Path) -> None:
    path = mini_seed / "interactions.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["evidence"] = "PMID:1"  # well formed, but not in references.csv: a cross-table rule
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    checked = validate_seed(mini_seed)
    assert not checked.ok
    assert checked.graph is not None  # the tables read; a model rule failed
    assert any(p.file == "interactions.csv" and p.row == 2 for p in checked.errors), checked.errors
    with pytest.raises(SeedError) as raised:
        tmekg.load(mini_seed)
    assert raised.value.problems == checked.errors


def test_an_unreadable_table_gives_no_graph(mini_seed: Path) -> None:
    (mini_seed / "cancers.csv").unlink()
    checked = validate_seed(mini_seed)
    assert checked.graph is None
    assert any(p.file == "cancers.csv" for p in checked.errors)
    with pytest.raises(SeedError):
        tmekg.load(mini_seed)
