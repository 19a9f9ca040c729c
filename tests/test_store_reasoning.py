"""A therapy answer from the store reads the interaction table and only the records it lists, and a path search
reads the signed graph node by node; both answer as the whole graph does (the shipped seed and a generated one),
and a stored file that does not load is one line."""

from __future__ import annotations

import os
import pickle
import runpy
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tmekg
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction
from tmekg.reasoning.blocking import affected, block, direct_escape_routes
from tmekg.reasoning.paths import find_paths
from tmekg.reasoning.signed import SignedGraph, path_graph, signed_graph
from tmekg.reasoning.table import InteractionTable, Materialized, interaction_table
from tmekg.resources import seed_dir
from tmekg.signed_store import StoredSignedGraph
from tmekg.store import Store, StoreCorrupt, build, open_store
from tmekg.vocab import TUMOR_GROWTH

runner = CliRunner()
SCALE = Path(__file__).parents[1] / "benchmarks" / "scale.py"


@pytest.fixture(scope="module")
def shipped_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("reasoning-store")
    build(seed_dir(), root)
    return open_store(seed_dir(), root)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeGraph, Store]:
    """A generated seed of 3,000 interactions (hubs grown as an import grows them) and its store."""
    generate = runpy.run_path(str(SCALE))["generate"]
    seed: Path = generate(3_000, tmp_path_factory.mktemp("scale") / "seed")
    root = tmp_path_factory.mktemp("scale-store")
    build(seed, root)
    return tmekg.load(seed), open_store(seed, root)


def _core(store: Store) -> KnowledgeGraph:
    core = store.core()
    store.attach_signed_graph(core)
    return core


def _same_answers(store: Store, kg: KnowledgeGraph) -> int:
    core = _core(store)
    checked = 0
    for therapy in kg.therapies:
        stored = block(core, therapy.id, all_partners=True)
        whole = block(kg, therapy.id, all_partners=True)
        assert stored.to_dict(core) == whole.to_dict(kg), therapy.id
        assert stored.to_dict(core, 3) == whole.to_dict(kg, 3), therapy.id
        assert [r.to_dict(core) for r in direct_escape_routes(core, therapy.id)] == [
            r.to_dict(kg) for r in direct_escape_routes(kg, therapy.id)
        ], therapy.id
        checked += len(whole.escape_routes)
    for action in kg.therapy_actions:
        assert [(i.id, role) for i, role in affected(core, action)] == [
            (i.id, role) for i, role in affected(kg, action)
        ]
    return checked


def test_therapy_answers_from_the_stored_table_are_the_whole_graphs(shipped_store: Store, kg: KnowledgeGraph) -> None:
    assert _same_answers(shipped_store, kg) > 100


def test_therapy_answers_on_a_generated_seed_are_the_whole_graphs(generated: tuple[KnowledgeGraph, Store]) -> None:
    kg, store = generated
    assert len(kg.interactions) == 3_000
    assert _same_answers(store, kg) > 1_000


def test_escape_routes_of_a_stored_graph_are_read_as_they_are_listed(
    shipped_store: Store, kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    core = _core(shipped_store)
    read: list[int] = []
    fetch = shipped_store.records_at

    def counting(positions: Sequence[int]) -> list[Interaction]:
        read.extend(positions)
        return fetch(positions)

    table = interaction_table(core)
    assert table.stored
    monkeypatch.setattr(table, "fetch", counting)
    answer = block(core, "pembrolizumab")
    assert isinstance(answer.escape_routes, Materialized)
    before = len(read)
    assert len(answer.escape_routes) > 20
    assert len(read) == before  # counting them reads nothing
    shown = answer.escape_routes[:5]
    assert len(read) == before + 5
    assert [r.interaction.id for r in shown] == [r.interaction.id for r in block(kg, "pembrolizumab").escape_routes[:5]]
    assert list(answer.escape_routes) == list(block(kg, "pembrolizumab").escape_routes)
    assert answer.escape_routes[-1] == block(kg, "pembrolizumab").escape_routes[-1]
    assert answer.escape_routes == block(kg, "pembrolizumab").escape_routes
    # a graph held in memory lists its routes at once
    assert isinstance(block(kg, "pembrolizumab").escape_routes, tuple)


def test_the_table_pickles_without_its_records(kg: KnowledgeGraph) -> None:
    table = InteractionTable.build(kg)
    again = pickle.loads(pickle.dumps(table))
    assert again.fetch is None
    assert not again.stored
    assert again == table
    with pytest.raises(RuntimeError, match="not bound"):
        again.records([0])


def test_partners_rank_the_same_in_every_process() -> None:
    """Partners with equal scores are ordered by name: a score summed in the (per-process) order of a set of ids
    once differed in its last bit between runs, and so did the order of tied partners."""
    script = (
        "import tmekg, json\n"
        "from tmekg.reasoning.blocking import block\n"
        "kg = tmekg.load()\n"
        "print(json.dumps({t: [(p.therapy.id, p.score) for p in block(kg, t, all_partners=True).partners]"
        " for t in ('tiragolumab', 'DRUGBANK:DB11717', 'DRUGBANK:DB14958')}))\n"
    )
    seen = set()
    for hash_seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        seen.add(done.stdout)
    assert len(seen) == 1


def test_paths_walk_the_stored_signed_graph_node_by_node(shipped_store: Store, kg: KnowledgeGraph) -> None:
    core = _core(shipped_store)
    graph = path_graph(core)
    assert isinstance(graph, StoredSignedGraph)
    loaded: list[SignedGraph] = []
    whole = shipped_store.signed_graph

    def loading() -> SignedGraph:
        loaded.append(whole())
        return loaded[-1]

    graph._whole_loader = loading
    for start in ("pembrolizumab", "PD-L1", "TGF-beta", "Treg", "adenosine", "CSF1R", "tisagenlecleucel"):
        for hops in (2, 4, 6):
            got = find_paths(core, start, "tumor growth", max_hops=hops, time_limit=60)
            assert got.to_dict(core) == find_paths(kg, start, "tumor growth", max_hops=hops, time_limit=60).to_dict(kg)
    assert "no such node" not in graph
    assert graph.out_edges("no such node") == ()
    assert not loaded  # to tumor growth, within the stored hops: never the whole graph
    got = find_paths(core, "PD-L1", "T cell priming and activation", max_hops=4, time_limit=60)
    assert got.paths
    assert got.to_dict(core) == find_paths(
        kg, "PD-L1", "T cell priming and activation", max_hops=4, time_limit=60
    ).to_dict(kg)
    assert len(loaded) == 1  # another target: the whole graph, read once
    assert got.to_dict(core) == find_paths(
        core, "PD-L1", "T cell priming and activation", max_hops=4, time_limit=60
    ).to_dict(core)
    assert len(loaded) == 1


def test_a_whole_graph_from_the_store_keeps_the_whole_signed_graph(shipped_store: Store, kg: KnowledgeGraph) -> None:
    stored = shipped_store.graph()
    shipped_store.attach_signed_graph(stored)
    assert isinstance(path_graph(stored), SignedGraph)
    assert path_graph(stored) is signed_graph(stored)
    assert signed_graph(stored).out == signed_graph(kg).out


def _copy(store: Store, tmp_path: Path) -> Store:
    for name in store.manifest["checksums"]:
        (tmp_path / name).write_bytes((store.path / name).read_bytes())
    return Store(tmp_path, store.manifest)


def test_a_table_or_signed_graph_that_does_not_load_is_one_line(shipped_store: Store, tmp_path: Path) -> None:
    broken = _copy(shipped_store, tmp_path)
    (tmp_path / "table.pickle").write_bytes(b"\x80")
    with pytest.raises(StoreCorrupt, match=r"table\.pickle does not load"):
        block(_core(broken), "pembrolizumab")
    (tmp_path / "table.pickle").write_bytes(pickle.dumps({"not": "a table"}))
    with pytest.raises(StoreCorrupt, match=r"table\.pickle does not hold the interaction table"):
        broken.table()
    with sqlite3.connect(tmp_path / "signed.sqlite") as con:
        con.execute("UPDATE node SET edges = x'80'")
    con.close()
    with pytest.raises(StoreCorrupt, match=r"signed\.sqlite holds a node that does not load .*tmekg build --force"):
        find_paths(_core(broken), "PD-L1", "tumor growth")
    (tmp_path / "signed.sqlite").write_bytes(b"not a database" * 100)
    with pytest.raises(StoreCorrupt, match=r"signed\.sqlite cannot be read"):
        _core(broken)
    (tmp_path / "signed.pickle").write_bytes(b"\x80")
    with pytest.raises(StoreCorrupt, match=r"signed\.pickle does not load"):
        broken.signed_graph()


def test_records_missing_from_the_interaction_table_are_one_line(shipped_store: Store, tmp_path: Path) -> None:
    broken = _copy(shipped_store, tmp_path)
    with sqlite3.connect(tmp_path / "interactions.sqlite") as con:
        con.execute("DELETE FROM interaction WHERE ord = 0")
    con.close()
    with pytest.raises(StoreCorrupt, match=r"lacks interactions the table lists"):
        broken.records_at([0, 1])


def test_distance_to_tumor_growth_is_stored_per_node(shipped_store: Store, kg: KnowledgeGraph) -> None:
    graph = StoredSignedGraph(shipped_store.path / "signed.sqlite", shipped_store.signed_graph, StoreCorrupt)
    assert (graph.target, graph.limit) == (TUMOR_GROWTH, 12)
    fresh = signed_graph(kg).distances_to(TUMOR_GROWTH, 4)
    stored = graph.distances_to(TUMOR_GROWTH, 4)
    for node in signed_graph(kg).out:
        assert stored.get(node) == fresh.get(node), node
        assert list(graph.out_edges(node)) == signed_graph(kg).out[node]
