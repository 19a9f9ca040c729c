"""The persistent store: built once per seed, reused, rebuilt when the seed or a store file changes, and the same
answers as a graph read straight from the seed."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tmekg
from tmekg.backends.rdf import select_rows, to_rdf
from tmekg.cli import app
from tmekg.errors import SeedError
from tmekg.reasoning.blocking import block
from tmekg.reasoning.signed import signed_graph
from tmekg.store import build, load_graph, seed_key, status, store_root

runner = CliRunner()


def _dump(kg: tmekg.KnowledgeGraph) -> list[tuple[str, dict[str, object]]]:
    records = [*kg.entities(), *kg.interactions, *kg.references, *kg.therapy_actions, *kg.trials]
    return [(type(r).__name__, r.model_dump()) for r in records]


def test_store_answers_like_the_seed(mini_seed: Path, tmp_path: Path) -> None:
    root = tmp_path / "stores"
    fresh = tmekg.load(mini_seed)
    stored, store = load_graph(mini_seed, root, reasoning=True)
    assert store is not None
    assert _dump(stored) == _dump(fresh)
    # the stored signed graph is the one reasoning uses, and it reasons as a freshly built one does
    assert stored._cache["signed_graph"] is signed_graph(stored)
    for therapy in fresh.therapies:
        assert block(stored, therapy.id).to_dict(stored) == block(fresh, therapy.id).to_dict(fresh)
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    rows, _ = select_rows(store.rdf(), query)
    expected, _ = select_rows(to_rdf(fresh), query)
    assert rows == expected
    assert len(rows) > 100


def test_built_once_and_reused(mini_seed: Path, tmp_path: Path) -> None:
    root = tmp_path / "stores"
    first = build(mini_seed, root)
    assert first.current
    assert first.path == root / seed_key(mini_seed)
    manifest = (first.path / "manifest.json").read_text()
    stamp = (first.path / "kg.pickle").stat().st_mtime_ns
    again = build(mini_seed, root)
    assert again.path == first.path
    assert (first.path / "kg.pickle").stat().st_mtime_ns == stamp
    assert json.loads(manifest)["interactions"] == len(tmekg.load(mini_seed).interactions)
    assert sorted(p.name for p in root.iterdir() if not p.name.endswith(".lock")) == [first.path.name]


def test_changed_seed_gets_a_new_store(mini_seed: Path, tmp_path: Path) -> None:
    root = tmp_path / "stores"
    old = build(mini_seed, root)
    path = mini_seed / "references.csv"
    path.write_text(path.read_text().replace("Freeman GJ et al.", "Freeman G et al.", 1))
    assert not status(mini_seed, root).current
    new = build(mini_seed, root)
    assert new.current
    assert new.path != old.path


def test_corrupt_store_is_rebuilt_not_used(mini_seed: Path, tmp_path: Path) -> None:
    root = tmp_path / "stores"
    built = build(mini_seed, root)
    pickle_file = built.path / "kg.pickle"
    size = pickle_file.stat().st_size
    pickle_file.write_bytes(b"\x80" + b"x" * (size - 1))  # same size, other bytes
    assert status(mini_seed, root).current  # the quick check (sizes) cannot see it ...
    found = status(mini_seed, root, verify=True)  # ... the checksum check can
    assert not found.current
    assert "kg.pickle" in found.reason
    kg, _ = load_graph(mini_seed, root)  # loading fails, the store is rebuilt, the graph is right
    assert _dump(kg) == _dump(tmekg.load(mini_seed))
    assert status(mini_seed, root, verify=True).current


def test_incomplete_store_is_rebuilt(mini_seed: Path, tmp_path: Path) -> None:
    root = tmp_path / "stores"
    built = build(mini_seed, root)
    (built.path / "manifest.json").unlink()
    assert status(mini_seed, root).reason == "incomplete (no manifest)"
    kg, _ = load_graph(mini_seed, root)
    assert len(kg.interactions) == len(tmekg.load(mini_seed).interactions)
    assert status(mini_seed, root).current


def test_invalid_seed_writes_no_store(mini_seed: Path, tmp_path: Path) -> None:
    root = tmp_path / "stores"
    path = mini_seed / "interactions.csv"
    path.write_text(path.read_text().replace(",binding,", ",hugging,", 1))
    with pytest.raises(SeedError):
        build(mini_seed, root)
    assert [p.name for p in root.iterdir() if not p.name.endswith(".lock")] == []


def _build_in_child(seed: str, root: str) -> str:
    return str(build(Path(seed), Path(root)).path)


def test_concurrent_builders_build_one_store(mini_seed: Path, tmp_path: Path) -> None:
    root = tmp_path / "stores"
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        paths = pool.starmap(_build_in_child, [(str(mini_seed), str(root))] * 2)
    assert paths[0] == paths[1]
    assert status(mini_seed, root, verify=True).current
    assert [p.name for p in root.iterdir() if not p.name.endswith(".lock")] == [Path(paths[0]).name]


def test_store_root_choice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMEKG_STORE", "off")
    assert store_root() is None
    assert store_root(tmp_path) == tmp_path
    monkeypatch.setenv("TMEKG_STORE", str(tmp_path / "x"))
    assert store_root() == tmp_path / "x"
    monkeypatch.delenv("TMEKG_STORE")
    assert store_root() is not None


def test_cli_build_and_check(mini_seed: Path, tmp_path: Path) -> None:
    root = tmp_path / "stores"
    result = runner.invoke(app, ["--store", str(root), "build", "--check", "--seed", str(mini_seed)])
    assert result.exit_code == 1
    assert "not built" in result.stdout
    result = runner.invoke(app, ["--store", str(root), "build", "--seed", str(mini_seed)])
    assert result.exit_code == 0
    assert "current" in result.stdout
    result = runner.invoke(app, ["--store", str(root), "build", "--check", "--seed", str(mini_seed)])
    assert result.exit_code == 0
    # commands read the store: a lookup answers from it
    result = runner.invoke(app, ["--store", str(root), "stats", "--json", "--seed", str(mini_seed)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["interactions"] == len(tmekg.load(mini_seed).interactions)


def test_cli_build_with_store_off(mini_seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMEKG_STORE", "off")
    result = runner.invoke(app, ["build", "--seed", str(mini_seed)])
    assert result.exit_code == 2
    assert "turned off" in result.stderr


def test_unwritable_store_falls_back_to_the_seed(mini_seed: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    result = runner.invoke(app, ["--store", str(blocked / "stores"), "stats", "--json", "--seed", str(mini_seed)])
    assert result.exit_code == 0, result.stderr
    assert "cannot be used" in result.stderr


def test_a_symlinked_table_is_never_served_from_a_store_of_the_same_bytes(mini_seed: Path, tmp_path: Path) -> None:
    """The store key covers what the reader checks beyond the bytes: a table moved out of the seed directory and
    linked back has the same content but is refused by the reader, so it must not hit the valid seed's store."""
    root = tmp_path / "stores"
    build(mini_seed, root)
    table = mini_seed / "cancers.csv"
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes(table.read_bytes())
    table.unlink()
    table.symlink_to(outside)
    with pytest.raises(SeedError):
        load_graph(mini_seed, root)
