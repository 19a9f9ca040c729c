"""Warm answers read only what they need from the persistent store: the graph's core (names, entities, actions) and
an entity's own interactions for a card, the core and the signed graph for paths, and the first interaction ids
for a catalogue query with a row limit. Each answer is the one the whole graph gives."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import tmekg
from tmekg.answers import lookup_subgraph, lookup_view
from tmekg.backends import sparql
from tmekg.backends.sparql import EmbeddedSparql
from tmekg.cli import app
from tmekg.kg import KnowledgeGraph
from tmekg.queries import list_queries, load_query
from tmekg.reasoning.paths import find_paths
from tmekg.reasoning.signed import Edge, SignedGraph, signed_graph
from tmekg.resources import seed_dir
from tmekg.store import Store, StoreCorrupt, build, load_graph, open_store
from tmekg.vocab import TUMOR_GROWTH

runner = CliRunner()


@pytest.fixture(scope="module")
def shipped_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("parts")
    build(seed_dir(), root)
    return open_store(seed_dir(), root)


def _records(kg: KnowledgeGraph) -> list[tuple[str, dict[str, object]]]:
    records = [*kg.entities(), *kg.interactions, *kg.references, *kg.therapy_actions, *kg.trials]
    return [(type(r).__name__, r.model_dump()) for r in records]


def test_core_is_the_graph_without_its_interactions(shipped_store: Store, kg: KnowledgeGraph) -> None:
    core = shipped_store.core()
    assert core.interactions == ()
    assert "names" in core._cache  # stored, not rebuilt
    assert _records(core) == _records(KnowledgeGraph(**{**_fields(kg), "interactions": ()}))
    for entity in kg.entities():
        for name in {entity.id, entity.label}:
            assert core.resolve(name, first=True).entity.id == kg.resolve(name, first=True).entity.id


def _fields(kg: KnowledgeGraph) -> dict[str, Any]:
    names = ("cell_types", "molecules", "processes", "therapies", "cancers", "functions", "references")
    return {n: getattr(kg, n) for n in (*names, "interactions", "therapy_actions", "requirements", "trials")}


def test_an_entity_card_from_its_own_interactions_is_the_whole_graphs(shipped_store: Store, kg: KnowledgeGraph) -> None:
    core = shipped_store.core()
    for entity in kg.entities():
        part = shipped_store.around(core, [entity.id])
        assert len(part.interactions) < len(kg.interactions) or entity.id == TUMOR_GROWTH
        assert lookup_view(part, entity) == lookup_view(kg, entity), entity.id
        assert _records(lookup_subgraph(part, entity)) == _records(lookup_subgraph(kg, entity)), entity.id


def test_paths_from_the_core_and_the_stored_signed_graph(shipped_store: Store, kg: KnowledgeGraph) -> None:
    core = shipped_store.core()
    shipped_store.attach_signed_graph(core)
    starts = ["pembrolizumab", "PD-L1", "TGF-beta", "Treg", "adenosine", "CSF1R"]
    for start in starts:
        got = find_paths(core, start, "tumor growth", max_hops=4, time_limit=60)
        assert got.paths
        assert got.to_dict(core) == find_paths(kg, start, "tumor growth", max_hops=4, time_limit=60).to_dict(kg)


def test_cli_lookup_path_therapy_and_query_never_load_the_whole_graph(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def whole(self: Store) -> KnowledgeGraph:
        raise AssertionError("the whole graph was loaded")

    store = ["--store", str(tmp_path / "stores")]
    assert runner.invoke(app, [*store, "build"]).exit_code == 0
    answers = {}
    with monkeypatch.context() as patched:
        patched.setattr(Store, "graph", whole)
        patched.setattr(Store, "signed_graph", whole)  # paths to tumor growth walk the stored graph per node
        for args in (
            ["lookup", "PD-L1", "--json"],
            ["path", "pembrolizumab", "--json"],
            ["therapy", "pembrolizumab", "--json"],  # the interaction table and the records the answer lists
            ["therapy", "ipilimumab", "--top", "3", "--json"],
            ["lookup", "Treg", "--json"],
            ["query", "sparql", "escape_routes", "--param", "therapy=pembrolizumab", "--limit", "5", "--json"],
        ):
            result = runner.invoke(app, [*store, *args])
            assert result.exit_code == 0, result.output
            answers[tuple(args)] = json.loads(result.stdout)
        patched.setattr(Store, "core", whole)  # a query without names to resolve reads no graph at all
        args = ["query", "sparql", "pro_tumor_interactions", "--limit", "3", "--json"]
        result = runner.invoke(app, [*store, *args])
        assert result.exit_code == 0, result.output
        answers[tuple(args)] = json.loads(result.stdout)
        assert len(answers[tuple(args)]) == 3
    monkeypatch.setenv("TMEKG_STORE", "off")
    for args, answer in answers.items():
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == answer


def test_an_unreadable_interaction_table_is_one_line(shipped_store: Store, tmp_path: Path) -> None:
    broken = Store(tmp_path, shipped_store.manifest)
    (tmp_path / "interactions.sqlite").write_bytes(b"not a database" * 100)
    with pytest.raises(StoreCorrupt, match=r"interactions\.sqlite cannot be read"):
        broken.around(shipped_store.core(), ["HGNC:17635"])


def test_an_interaction_record_that_does_not_load_is_one_line(shipped_store: Store, tmp_path: Path) -> None:
    copy = tmp_path / "interactions.sqlite"
    copy.write_bytes((shipped_store.path / "interactions.sqlite").read_bytes())
    with sqlite3.connect(copy) as con:
        con.execute("UPDATE interaction SET record = x'80'")  # a pickle cut after its first byte
    con.close()
    with pytest.raises(StoreCorrupt, match=r"holds a record that does not load .*tmekg build --force"):
        Store(tmp_path, shipped_store.manifest).around(shipped_store.core(), ["HGNC:17635"])


def _ordered_by_interaction() -> list[str]:
    return [n for n in list_queries("sparql") if sparql._BY_INTERACTION.search(load_query("sparql", n).text)]


class _Counting:
    """A store's interaction order that records how many ids were read."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.read = 0

    def interaction_ids(self, offset: int, count: int) -> list[str]:
        ids = self.store.interaction_ids(offset, count)
        self.read += len(ids)
        return ids

    def interaction_count(self) -> int:
        return self.store.interaction_count()


def test_interaction_ids_are_in_sparql_order(shipped_store: Store, kg: KnowledgeGraph) -> None:
    ids = shipped_store.interaction_ids(0, 10**9)
    assert ids == sorted(i.id for i in kg.interactions)
    assert shipped_store.interaction_ids(5, 3) == ids[5:8]
    query = (
        "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX tmekg: <https://w3id.org/tmekg/vocab#> "
        "SELECT ?interaction WHERE { ?i a tmekg:Interaction ; dcterms:identifier ?interaction } ORDER BY ?interaction"
    )
    rows = EmbeddedSparql(shipped_store.rdf()).query(query, {}).rows
    assert [r["interaction"] for r in rows] == ids


@pytest.mark.parametrize("first_slice", [1, 256])
def test_a_limited_catalogue_query_reads_the_first_ids_and_answers_as_the_whole_query(
    shipped_store: Store, kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch, first_slice: int
) -> None:
    monkeypatch.setattr(sparql, "FIRST_SLICE", first_slice)
    names = _ordered_by_interaction()
    assert {"pro_tumor_interactions", "anti_tumor_interactions", "escape_routes", "therapy_blocks"} <= set(names)
    plain = EmbeddedSparql(shipped_store.rdf())
    for name in names:
        spec = load_query("sparql", name)
        choices: list[dict[str, str | int]] = [{}]
        if "therapy" in spec.params:  # a few therapies: each escape-route query takes a good part of a second
            choices = [{"therapy": kg.lookup(t).id} for t in ("pembrolizumab", "atezolizumab", "ipilimumab")]
        elif "cell" in spec.params:
            choices = [{"cell": c.id} for c in kg.cell_types[:5]]
        for params in choices:
            whole = plain.catalogue(name, params)
            for limit in (1, 7, len(whole.rows), len(whole.rows) + 1):
                if limit < 1:
                    continue
                order = _Counting(shipped_store)
                got = EmbeddedSparql(shipped_store.rdf(), order=order).catalogue(name, params, limit=limit)
                assert got.rows == whole.rows[:limit], (name, params, limit)
                assert got.truncated == (len(whole.rows) > limit), (name, params, limit)
                assert got.columns == whole.columns
                if name == "pro_tumor_interactions" and limit <= 7 and first_slice == 1:
                    assert 0 < order.read < len(kg.interactions) / 8  # only the first ids were read
                if limit >= len(kg.interactions) / 8:
                    assert order.read == 0  # a slice that large costs more than the whole query


def test_a_limit_is_applied_in_the_engine(shipped_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = sparql.select_table

    def spy(graph: Any, text: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(text)
        return real(graph, text, *args, **kwargs)

    monkeypatch.setattr(sparql, "select_table", spy)
    backend = EmbeddedSparql(shipped_store.rdf())
    result = backend.catalogue("hijacked_functions", {}, limit=2)
    assert result.truncated
    assert len(result.rows) == 2
    assert seen[-1].rstrip().endswith("LIMIT 3")


def test_store_files_are_checked(shipped_store: Store) -> None:
    manifest = shipped_store.manifest
    assert {"kg.pickle", "core.pickle", "signed.pickle", "interactions.sqlite"} <= set(manifest["checksums"])
    with sqlite3.connect(shipped_store.path / "interactions.sqlite") as con:
        (count,) = con.execute("SELECT count(*) FROM interaction").fetchone()
    assert count == manifest["interactions"] == len(tmekg.load().interactions)


def test_load_graph_core_without_a_store_is_the_whole_graph(mini_seed: Path) -> None:
    kg, store = load_graph(mini_seed, None, core=True)
    assert store is None
    assert kg.interactions


def test_stored_signed_graph_loads_edges_and_reuses_its_distances(shipped_store: Store, kg: KnowledgeGraph) -> None:
    graph = shipped_store.signed_graph()  # the whole stored graph (a core walks it per node: test_store_reasoning)
    fresh = signed_graph(kg)
    assert graph.out == fresh.out
    assert all(type(e) is Edge for edges in graph.out.values() for e in edges)
    assert list(graph._distances) == [(TUMOR_GROWTH, 12)]  # the build's deepest search, stored
    graph.into = {}  # a new breadth-first walk would now reach nothing
    for hops in (1, 4, 6, 12):
        # a shallower search takes the stored distances within its hops (no second breadth-first walk) ...
        assert list(graph.distances_to(TUMOR_GROWTH, hops).items()) == list(
            SignedGraph(out=fresh.out, into=fresh.into).distances_to(TUMOR_GROWTH, hops).items()
        )
    assert graph._distances[(TUMOR_GROWTH, 4)] is graph.distances_to(TUMOR_GROWTH, 4)
