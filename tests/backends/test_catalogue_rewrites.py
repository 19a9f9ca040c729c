"""Catalogue queries rewritten so that Oxigraph evaluates the bound entity first (issue 13) answer exactly as before.

Two changes: a catalogue query's parameters are written into its text as escaped literals (``inline_values``,
SPARQL-dev SEP-0007 substitution) instead of being bound beside it, and some queries were rewritten (the old texts
are kept in ``tests/fixtures/catalogue_before/`` for this comparison only). Both are checked on the shipped seed and
on a generated seed against the old text with the engine's own binding and against the Python twins.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest

import tmekg
from tmekg.backends import sparql
from tmekg.backends.rdf import select_table, to_rdf
from tmekg.backends.sparql import EmbeddedSparql, inline_values
from tmekg.kg import KnowledgeGraph
from tmekg.queries import list_queries, load_query
from tmekg.reasoning.catalogue import answer

ROOT = Path(__file__).parents[2]
BEFORE = ROOT / "tests" / "fixtures" / "catalogue_before"
SCALE = ROOT / "benchmarks" / "scale.py"
HOSTILE = ["plain", 'quote " and \\ backslash', "} } DROP ALL { {", "line\nbreak\ttab", "'single' # not a comment", 7]


def _key(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in row.items()))


@pytest.fixture(scope="module")
def generated() -> tuple[KnowledgeGraph, Any]:
    """A generated seed of 3,000 interactions (hubs as an import grows them) and its RDF view."""
    generate = runpy.run_path(str(SCALE))["generate"]
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        kg = tmekg.load(generate(3_000, Path(tmp) / "seed"))
    return kg, to_rdf(kg)


@pytest.mark.parametrize("value", HOSTILE)
def test_an_inlined_value_finds_what_the_engines_binding_finds(kg: KnowledgeGraph, value: str | int) -> None:
    graph = to_rdf(kg)
    text = (
        '# a ?v in a comment { \nSELECT ?v ?label ?s WHERE { BIND("?v {" AS ?brace) '
        "OPTIONAL { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(?label = ?v) } "
        "{ SELECT ?v ?s WHERE { OPTIONAL { ?s <http://purl.org/dc/terms/identifier> ?v } } } } ORDER BY ?v"
    )
    inlined = inline_values(text, {"v": value})
    assert inlined is not None
    assert "?v {" in inlined  # strings and comments are left alone
    assert "a ?v in a comment" in inlined
    _cols, via_text, _ = select_table(graph, inlined)
    _cols, via_store, _ = select_table(graph, text, {"v": value})
    assert via_text == via_store == [{"v": value, "label": None, "s": None}]


def test_a_value_the_query_binds_itself_is_not_inlined() -> None:
    for text in (
        "SELECT * WHERE { ?s ?p ?v }",
        "SELECT ?x WHERE { BIND(1 AS ?v) ?x ?p ?v }",
        "SELECT ?x WHERE { VALUES ?v { 1 } ?x ?p ?v }",
        "SELECT ?x WHERE { { SELECT ?v WHERE { ?x ?p ?v } } }",
    ):
        assert inline_values(text, {"v": "x"}) is None, text


def test_every_catalogue_query_reaches_the_engine_with_its_values_in_the_text(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bound beside the query (pyoxigraph's ``substitutions``), a value is planned as an unknown: at 10^5
    interactions ``interactions_of_cell`` for Treg took 10 s that way and 0.15 s with the value in the text."""
    seen: list[tuple[str, dict[str, Any]]] = []
    real = sparql.select_table

    def spy(graph: Any, text: str, bindings: Any = None, *args: Any) -> Any:
        seen.append((text, dict(bindings or {})))
        return real(graph, text, bindings, *args)

    monkeypatch.setattr(sparql, "select_table", spy)
    backend = EmbeddedSparql(to_rdf(kg))
    values = {"therapy": "DRUGBANK:DB09037", "cell": "CL:0000815", "molecule": "CHEBI:16335"}
    values |= {"source": "HGNC:17635", "target": "tmekg:tumor_growth", "max_hops": 3}
    for name in list_queries("sparql"):
        params = {p: values[p] for p in load_query("sparql", name).params}
        if not params:
            continue
        seen.clear()
        backend.catalogue(name, params)  # (its rows are checked below and in tests/reasoning/test_queries.py)
        [(text, bound)] = seen
        if name in sparql.ENGINE_BOUND:
            assert bound == params, name
            continue
        assert bound == {}, name
        for value in params.values():
            assert (f'"{value}"' if isinstance(value, str) else f'"{value}"^^') in text, name


def _old(name: str) -> str:
    return (BEFORE / f"{name}.rq").read_text(encoding="utf-8")


@pytest.mark.parametrize("seed", ["shipped", "generated"])
def test_rewritten_queries_give_the_rows_of_the_old_text(
    seed: str, kg: KnowledgeGraph, generated: tuple[KnowledgeGraph, Any]
) -> None:
    graph_kg, graph = (kg, to_rdf(kg)) if seed == "shipped" else generated
    assert sorted(p.stem for p in BEFORE.glob("*.rq")) == ["hijacked_functions", "therapy_blocks"]
    nonempty = 0
    for therapy in graph_kg.therapies:
        params = {"therapy": therapy.id}
        text = inline_values(load_query("sparql", "therapy_blocks").text, params)
        assert text is not None
        _c, new, _ = select_table(graph, text)
        _c, old, _ = select_table(graph, _old("therapy_blocks"), params)
        assert new == old, therapy.id
        assert sorted(new, key=_key) == sorted(answer(graph_kg, "therapy_blocks", params), key=_key)
        nonempty += bool(new)
    assert nonempty > 10
    _c, new, _ = select_table(graph, load_query("sparql", "hijacked_functions").text)
    _c, old, _ = select_table(graph, _old("hijacked_functions"))
    assert new == old
    assert new == answer(graph_kg, "hijacked_functions")
    assert len(new) > 10


def test_inlined_catalogue_answers_equal_the_engines_binding_on_a_generated_seed(
    generated: tuple[KnowledgeGraph, Any],
) -> None:
    """Every catalogue query with parameters, on a seed of the shape imports grow: the text with the values
    written in gives the rows (in order) of the text with the values bound by the engine, and of the Python twin."""
    kg, graph = generated
    cases: list[tuple[str, dict[str, Any]]] = []
    # a spread of cells and molecules (the old text, value bound by the engine, reads every interaction for each)
    cases += [("interactions_of_cell", {"cell": c}) for c in [*(c.id for c in kg.cell_types[::10]), "CL:0000815"]]
    cases += [("therapies_on_axis", {"molecule": m.id}) for m in kg.molecules[::40]]
    cases += [("therapies_on_axis", {"molecule": "CHEBI:16335"})]
    cases += [("trials_of_therapy", {"therapy": t.id}) for t in kg.therapies]
    cases += [
        ("signed_paths", {"source": s, "target": "tmekg:tumor_growth", "max_hops": 3})
        for s in ("DRUGBANK:DB09037", "HGNC:17635")
    ]
    answered = set()
    for name, params in cases:
        spec = load_query("sparql", name)
        text = inline_values(spec.text, params)
        assert text is not None, name
        _c, new, _ = select_table(graph, text)
        _c, old, _ = select_table(graph, spec.text, params)
        assert new == old, (name, params)
        assert sorted(new, key=_key) == sorted(answer(kg, name, params), key=_key), (name, params)
        answered |= {name} if new else set()
    assert answered == {name for name, _ in cases}
