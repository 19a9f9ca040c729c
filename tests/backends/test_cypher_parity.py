"""Every catalogue query: the Cypher answer on the loaded Neo4j graph equals the SPARQL answer on the embedded
graph and the Python answer (a real Neo4j 5 server; see tests/neo4j_server.py); ``signed_paths`` gives the paths of
``tmekg path``; no catalogue query draws a notification (deprecation, performance hint...) from the server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from tmekg.backends.neo4j import load, run_named, run_query
from tmekg.backends.neo4j_rows import node_rows
from tmekg.backends.rdf import select, to_rdf
from tmekg.kg import KnowledgeGraph
from tmekg.queries import list_queries, load_query
from tmekg.reasoning.catalogue import ANSWERS, MAX_QUERY_HOPS, answer
from tmekg.reasoning.paths import find_paths
from tmekg.vocab import TUMOR_GROWTH, EntityKind

#: (source, target, max_hops) beyond "every entity to tumor growth at the default bound": other targets, the
#: longest bound, a therapy reaching a complex through a subunit and a form through the molecule, a bound of 1.
PATH_CASES = [
    ("pembrolizumab", "tumor growth", 6),
    ("PD-L1", "CD8 T cell effector function", 4),
    ("regulatory T cell", "T cell priming and activation", 5),
    ("denileukin diftitox", "tumor growth", 6),
    ("atezolizumab", "tumor growth", 6),
    ("tumor-associated macrophage", "tumor growth", 6),
    ("malignant cell", "tumor growth", 1),
    ("ADAM10", "NKG2D", 3),
]


def _key(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in row.items()))


def test_every_sparql_query_has_a_cypher_twin() -> None:
    """Same names, titles and parameters in both languages (a Cypher query whose SPARQL twin is written on the
    RDF branch may come first)."""
    cypher, sparql = set(list_queries("cypher")), set(list_queries("sparql"))
    assert sparql <= cypher
    assert cypher == set(ANSWERS), "every catalogue query has a Python answer"
    for name in sorted(sparql):
        sparql_spec, cypher_spec = load_query("sparql", name), load_query("cypher", name)
        assert (cypher_spec.title, cypher_spec.params) == (sparql_spec.title, sparql_spec.params), name


def _cases(kg: KnowledgeGraph, name: str) -> Iterator[dict[str, Any]]:
    params = load_query("cypher", name).params
    by_kind = {
        "therapy": [t.id for t in kg.therapies],
        "cell_type": [c.id for c in kg.cell_types],
        "molecule": [m.id for m in kg.molecules],
    }
    if not params:
        yield {}
    elif params == {"source": "entity", "target": "entity", "max_hops": f"integer 1..{MAX_QUERY_HOPS}"}:
        for entity in kg.entities():
            yield {"source": entity.id, "target": TUMOR_GROWTH, "max_hops": 4}
        for source, target, hops in PATH_CASES:
            yield {"source": kg.lookup(source).id, "target": kg.lookup(target).id, "max_hops": hops}
    elif len(params) == 1 and next(iter(params.values())) in by_kind:
        ((key, kind),) = params.items()
        yield from ({key: value} for value in by_kind[str(kind)])
    else:
        pytest.fail(f"no cases for {name} {params}")


@pytest.fixture(scope="module")
def _module_driver(neo4j_server: Any) -> Iterator[Driver]:
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def loaded(_module_driver: Driver, kg: KnowledgeGraph) -> Driver:
    """A driver to a database holding exactly the shipped seed: loaded once, again only after another test
    (with the function-scoped ``neo4j_driver``) cleared the database (the tests here only read)."""
    from tests.neo4j_server import clear_database

    expected = sum(len(rows) for rows in node_rows(kg).values())
    records, _, _ = _module_driver.execute_query("MATCH (n) RETURN count(n) AS nodes, count(n:Tmekg) AS tmekg")
    if (records[0]["nodes"], records[0]["tmekg"]) != (expected, expected) or not _seed_marker(_module_driver, kg):
        clear_database(_module_driver)
        load(_module_driver, kg)
    return _module_driver


def _seed_marker(driver: Driver, kg: KnowledgeGraph) -> bool:
    """Whether the database holds the shipped seed rather than another graph of the same size."""
    records, _, _ = driver.execute_query("MATCH (n:Interaction) RETURN collect(n.id) AS ids")
    return set(records[0]["ids"]) == {i.id for i in kg.interactions}


@pytest.mark.neo4j
def test_cypher_equals_sparql_equals_python(loaded: Driver, kg: KnowledgeGraph) -> None:
    graph = to_rdf(kg)
    sparql_names = set(list_queries("sparql"))
    answered = set()
    for name in sorted(ANSWERS):
        for params in _cases(kg, name):
            python = sorted(answer(kg, name, params), key=_key)
            cypher = run_named(loaded, name, params)
            assert sorted(cypher.rows, key=_key) == python, (name, params)
            assert not cypher.notices, (name, [str(n) for n in cypher.notices])
            if name in sparql_names:
                sparql = select(graph, load_query("sparql", name).text, params)
                assert sorted(sparql, key=_key) == python, (name, params)
            if python:
                answered.add(name)
    assert answered == set(ANSWERS)


@pytest.mark.neo4j
def test_signed_paths_are_the_paths_of_tmekg_path(loaded: Driver, kg: KnowledgeGraph) -> None:
    """The Cypher query on the direct relationships gives the path set (nodes and signs) of ``find_paths``, the
    search behind ``tmekg path``, for every entity to tumor growth at the default bound and the cases above."""
    cases = [(e.id, TUMOR_GROWTH, 4) for e in kg.entities()]
    cases += [(kg.lookup(s).id, kg.lookup(t).id, hops) for s, t, hops in PATH_CASES]
    kinds = set()
    for source, target, hops in cases:
        found = find_paths(kg, source, target, max_hops=hops, max_paths=100_000)
        assert not found.truncated, (source, target)
        expected = sorted((" > ".join(p.nodes), p.sign, " ".join(h.predicate for h in p.hops)) for p in found.paths)
        rows = run_named(loaded, "signed_paths", {"source": source, "target": target, "max_hops": hops}).rows
        assert sorted((r["path"], r["sign"], r["predicates"]) for r in rows) == expected, (source, target, hops)
        if expected:
            kinds.add(kg.get(source).kind)
    assert kinds == set(EntityKind) - {EntityKind.CANCER}, "paths start from therapies, cells, molecules, processes"
    predicates = {k for s, t, h in cases for r in answer(kg, "signed_paths", {"source": s, "target": t, "max_hops": h})
                  for k in str(r["predicates"]).split()}  # fmt: skip
    assert {"produces", "binds", "increases", "decreases", "polarity", "part_of", "has_form", "makes"} <= predicates


@pytest.mark.neo4j
def test_signed_paths_bounds(loaded: Driver, kg: KnowledgeGraph) -> None:
    """max_hops outside 1..6 and a path to itself give no rows (the query enumerates at most 6 hops)."""
    pembrolizumab = kg.lookup("pembrolizumab").id
    for hops in (0, MAX_QUERY_HOPS + 1):
        params = {"source": pembrolizumab, "target": TUMOR_GROWTH, "max_hops": hops}
        assert run_named(loaded, "signed_paths", params).rows == answer(kg, "signed_paths", params) == []
    params = {"source": TUMOR_GROWTH, "target": TUMOR_GROWTH, "max_hops": 4}
    assert run_named(loaded, "signed_paths", params).rows == answer(kg, "signed_paths", params) == []
    text = load_query("cypher", "signed_paths").text
    assert f"*1..{MAX_QUERY_HOPS}]" in text, "the longest variable-length pattern is the documented bound"


@pytest.mark.neo4j
def test_a_deprecated_query_is_reported(loaded: Driver) -> None:
    """The notices the parity test expects to be empty are really collected: CALL {} without a scope clause is
    deprecated in Neo4j 5.26."""
    result = run_query(loaded, "MATCH (n:Therapy) WITH n LIMIT 1 CALL { WITH n RETURN n.id AS x } RETURN x")
    assert [n.classification for n in result.notices] == ["DEPRECATION"]
    assert "variable scope clause" in str(result.notices[0])


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "hostile", ["'} DETACH DELETE n //", "x' OR 1=1 //", '"}) MATCH (n) DETACH DELETE n //', "é" * 2000]
)
def test_hostile_parameters_change_nothing(neo4j_driver: Any, mini_kg: KnowledgeGraph, hostile: str) -> None:
    load(neo4j_driver, mini_kg)

    def count() -> int:
        with neo4j_driver.session() as session:
            return int(session.run("MATCH (n) RETURN count(n) AS n").single()["n"])

    before = count()
    for name in list_queries("cypher"):
        params = dict.fromkeys(load_query("cypher", name).params, hostile)
        if not params:
            continue
        if "max_hops" in params:
            params["max_hops"] = 4
        assert run_named(neo4j_driver, name, params).rows == [], name
    assert count() == before


@pytest.mark.neo4j
def test_the_documented_cypher_runs(loaded: Driver, kg: KnowledgeGraph) -> None:
    """The Cypher blocks of README.md and queries/README.md run on the loaded seed without a notification, and
    the README's shortest signed paths from pembrolizumab are the ones it describes."""
    root = Path(__file__).resolve().parents[2]
    blocks = [
        block
        for doc in ("README.md", "queries/README.md")
        for block in re.findall(r"```cypher\n(.*?)```", (root / doc).read_text(encoding="utf-8"), re.S)
    ]
    assert len(blocks) == 2
    results = []
    for text in blocks:
        params = {"therapy": kg.lookup("pembrolizumab").id} if "$therapy" in text else {}
        result = run_query(loaded, text, params)
        assert result.rows, text
        assert not result.notices, [str(n) for n in result.notices]
        results.append(result.rows)
    shortest = results[0]
    assert len(shortest) == 5
    first = ["pembrolizumab", "PD-1", "CD8 T cell effector function", "tumor growth"]
    assert shortest[0] == {"path": first, "sign": -1}
    assert {row["sign"] for row in shortest} == {-1}
    three_hops = find_paths(kg, "pembrolizumab", "tumor growth", max_hops=3).paths
    assert sorted(row["path"] for row in shortest) == sorted([kg.label(n) for n in p.nodes] for p in three_hops)
