"""The store contract (issue 11): one parameter resolver, the embedded SPARQL store and Neo4j behind the same
methods, parameters bound into remote queries as escaped literals, results shown with prefixed names and labels."""

from __future__ import annotations

from typing import Any

import pytest

from tmekg.backends.base import Backend, QueryResult, display_rows, resolve_params
from tmekg.backends.rdf import Iri, compact, select_table, to_rdf
from tmekg.backends.sparql import EmbeddedSparql, bind_values
from tmekg.errors import AmbiguousNameError, InputError, NotFoundError
from tmekg.kg import KnowledgeGraph
from tmekg.queries import load_query, parse_query_text


def test_resolver_turns_names_into_ids_and_checks_the_header(kg: KnowledgeGraph) -> None:
    spec = load_query("sparql", "signed_paths")
    got = resolve_params(spec, {"source": "pembrolizumab", "target": "tumor growth", "max_hops": " 3 "}, kg)
    assert got == {"source": "DRUGBANK:DB09037", "target": "tmekg:tumor_growth", "max_hops": 3}
    bad = [
        ({"source": "pembrolizumab", "target": "tumor growth", "max_hops": "7"}, "takes 1 to 6"),
        ({"source": "pembrolizumab", "target": "tumor growth", "max_hops": "two"}, "wants a whole number"),
        ({"source": "pembrolizumab", "target": "tumor growth"}, "needs --param max_hops=VALUE"),
        ({"source": "a", "target": "b", "max_hops": "1", "hops": "2"}, "unknown parameter(s) hops"),
    ]
    for given, message in bad:
        with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
            resolve_params(spec, given, kg)
    with pytest.raises((NotFoundError, AmbiguousNameError)):
        resolve_params(spec, {"source": "no such thing", "target": "tumor growth", "max_hops": "2"}, kg)
    therapy = load_query("sparql", "therapy_blocks")
    with pytest.raises(NotFoundError):  # a kind restricts the lookup: PD-L1 is no therapy
        resolve_params(therapy, {"therapy": "PD-L1"}, kg)
    own = parse_query_text("mine", "sparql", "SELECT ?x WHERE { ?x ?p ?v }")
    assert resolve_params(own, {"v": "text"}, None, declared_only=False) == {"v": "text"}


@pytest.mark.parametrize(
    "value",
    ["plain", 'quote " and \\ backslash', "} } DROP ALL { {", "line\nbreak\ttab", "'single' # not a comment", 7],
)
def test_values_bound_into_the_text_equal_the_stores_own_binding(kg: KnowledgeGraph, value: str | int) -> None:
    graph = to_rdf(kg)
    text = (
        '# a { in a comment\nSELECT ?v ?label WHERE { BIND("{" AS ?brace) '
        "OPTIONAL { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(?label = ?v) } }"
    )
    bound = bind_values(text, {"v": value})
    _cols, via_values, _ = select_table(graph, bound)
    _cols, via_store, _ = select_table(graph, text, {"v": value})
    assert via_values == via_store == [{"v": value, "label": None}]


def test_bound_parameters_find_what_the_catalogue_binding_finds(kg: KnowledgeGraph) -> None:
    graph = to_rdf(kg)
    text = load_query("sparql", "therapy_blocks").text
    params = {"therapy": "DRUGBANK:DB09037"}
    _c, bound, _ = select_table(graph, bind_values(text, params))
    _c, native, _ = select_table(graph, text, params)
    assert bound == native
    assert bound


def test_display_rows_compacts_iris_and_labels_ids(kg: KnowledgeGraph) -> None:
    store = EmbeddedSparql(to_rdf(kg))
    result = QueryResult(
        ["x", "path", "n", "text"],
        [
            {
                "x": Iri("http://purl.obolibrary.org/obo/CL_0000815"),
                "path": "DRUGBANK:DB09037 > HGNC:8760 > tmekg:tumor_growth",
                "n": 2,
                "text": "pro tumor",
            }
        ],
    )
    assert display_rows(result, store.labels, compact) == [
        {
            "x": "CL:0000815",
            "x_label": "regulatory T cell",
            "path": "DRUGBANK:DB09037 > HGNC:8760 > tmekg:tumor_growth",
            "path_label": "pembrolizumab > PD-1 > tumor growth",
            "n": 2,
            "text": "pro tumor",
        }
    ]


def test_embedded_store_meets_the_contract(kg: KnowledgeGraph) -> None:
    store = EmbeddedSparql()
    assert isinstance(store, Backend)
    with pytest.raises(InputError, match="holds no graph"):
        store.catalogue("hijacked_functions", {})
    assert "triples" in store.load(kg)
    assert store.catalogue("hijacked_functions", {}, limit=2).truncated
    with pytest.raises(InputError, match="read-only"):
        store.query("DELETE WHERE { ?s ?p ?o }", {})
    assert store.labels(["HGNC:17635", "https://w3id.org/tmekg/vocab#blocks"]) == {
        "HGNC:17635": "PD-L1",
        "https://w3id.org/tmekg/vocab#blocks": "blocks",
    }


def _key(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in row.items()))


@pytest.mark.neo4j
def test_neo4j_adapter_meets_the_contract(neo4j_driver: Any, kg: KnowledgeGraph) -> None:
    from tmekg.backends.cypher_backend import Neo4jBackend

    neo4j = Neo4jBackend(neo4j_driver)
    assert isinstance(neo4j, Backend)
    assert "nodes" in neo4j.load(kg)
    spec = load_query("cypher", "therapy_blocks")
    params = resolve_params(spec, {"therapy": "pembrolizumab"}, kg)
    got = neo4j.catalogue("therapy_blocks", params).rows
    want = EmbeddedSparql(to_rdf(kg)).catalogue("therapy_blocks", params).rows
    assert sorted(got, key=_key) == sorted(want, key=_key)
    assert got
    assert neo4j.catalogue("therapy_blocks", params, limit=1).truncated == (len(got) > 1)
    assert neo4j.labels(["HGNC:17635"]) == {"HGNC:17635": "PD-L1"}
    with pytest.raises(Exception, match=r"(?i)write|access"):
        neo4j.query("MATCH (n:Tmekg) DETACH DELETE n", {})
    assert neo4j.query("MATCH (n:Tmekg) RETURN count(n) AS n", {}).rows[0]["n"] > 0
