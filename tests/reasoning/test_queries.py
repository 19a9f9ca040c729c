"""Every catalogue query's SPARQL answer equals the Python answer, on both RDF stores."""

from __future__ import annotations

from typing import Any

import pytest

from tmekg.backends.rdf import select, to_rdf
from tmekg.errors import InputError, NotFoundError
from tmekg.kg import KnowledgeGraph
from tmekg.queries import list_queries, load_query, parse_query_text
from tmekg.reasoning.catalogue import ANSWERS, answer

REQUIRED = {"pro_tumor_interactions", "anti_tumor_interactions", "therapy_blocks", "interactions_of_cell",
            "hijacked_functions", "trials_of_therapy", "signed_paths", "therapies_on_axis",
            "escape_routes"}  # fmt: skip


def _key(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in row.items()))


def test_catalogue_is_complete() -> None:
    assert set(list_queries("sparql")) >= REQUIRED
    assert set(list_queries("sparql")) <= set(ANSWERS), "every SPARQL query has a Python answer"
    for name in list_queries("sparql"):
        spec = load_query("sparql", name)
        assert spec.title, f"{name} needs a title"
        assert spec.description, f"{name} needs a description"


#: Queries rdflib's own SPARQL engine (the "default" store) takes minutes for: those that enumerate chains hop by
#: hop, and therapy_blocks, whose property path from the action's target (what lets Oxigraph start from the bound
#: therapy: 0.01 s at 10^5 interactions against 12 s for the union it replaced) rdflib evaluates for about a minute
#: per therapy. They are checked on the Oxigraph store (every store tmekg builds) and on the remote servers.
ENUMERATING = {"signed_paths", "escape_routes", "therapy_blocks"}
#: Where signed paths start in the checks: pembrolizumab, PD-L1, regulatory T cells, and every therapy.
PATH_SOURCES = ["HGNC:17635", "CL:0000815"]


def _cases(kg: KnowledgeGraph, store: str) -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    for name in sorted(ANSWERS):
        spec = load_query("sparql", name)
        if store == "default" and name in ENUMERATING:
            continue
        if not spec.params:
            cases.append((name, {}))
        elif name == "signed_paths":
            for source in [*PATH_SOURCES, *(t.id for t in kg.therapies)]:
                for hops in (1, 4, 6) if source in PATH_SOURCES else (4,):
                    cases.append((name, {"source": source, "target": "tmekg:tumor_growth", "max_hops": hops}))
        elif spec.params == {"therapy": "therapy"}:
            cases.extend((name, {"therapy": t.id}) for t in kg.therapies)
        elif spec.params == {"cell": "cell_type"}:
            cases.extend((name, {"cell": c.id}) for c in kg.cell_types)
        elif spec.params == {"molecule": "molecule"}:  # a spread on rdflib's engine (about a second each there)
            molecules = [m.id for m in kg.molecules]
            chosen = molecules if store != "default" else [*molecules[::25], "CHEBI:16335", "HGNC:17635"]
            cases.extend((name, {"molecule": m}) for m in chosen)
        else:
            pytest.fail(f"no cases for {name} {spec.params}")
    return cases


@pytest.mark.parametrize("store", ["Oxigraph", "default"])
def test_sparql_equals_python(kg: KnowledgeGraph, store: str) -> None:
    graph = to_rdf(kg, store=store)
    nonempty = set()
    for name, params in _cases(kg, store):
        spec = load_query("sparql", name)
        got = select(graph, spec.text, params)
        want = answer(kg, name, params)
        assert sorted(got, key=_key) == sorted(want, key=_key), (name, params)
        if want:
            nonempty.add(name)
    expected = set(ANSWERS) - (ENUMERATING if store == "default" else set())
    assert nonempty == expected, "every query answers something on the shipped seed"


def test_header_parsing() -> None:
    spec = parse_query_text(
        "x", "cypher", "// title: T\n// description: a\n// description: b\n// param: cell (cell_type) — c\nMATCH"
    )
    assert (spec.title, spec.description, spec.params) == ("T", "a b", {"cell": "cell_type"})
    with pytest.raises(InputError):
        load_query("sparql", "../etc/passwd")
    with pytest.raises(NotFoundError):
        load_query("sparql", "no_such_query")


def test_an_integer_parameter_may_name_its_bounds() -> None:
    """``(integer LOW..HIGH)`` is a kind the header accepts and keeps whole, for the CLI to check the value."""
    text = "// param: max_hops (integer 1..6) — hops\n// param: source (entity)\nRETURN 1\n"
    assert parse_query_text("q", "cypher", text).params == {"max_hops": "integer 1..6", "source": "entity"}
    with pytest.raises(InputError, match="bad param line"):
        parse_query_text("q", "cypher", "// param: max_hops (integer 1-6)\nRETURN 1\n")


def test_escape_routes_are_those_of_tmekg_therapy_on_the_processes_it_acts_on(kg: KnowledgeGraph) -> None:
    """The catalogue's escape routes are the routes ``tmekg therapy`` reports, less those it finds only through
    the processes on its supporting signed paths; every therapy of the seed, each with the same reason."""
    from tmekg.reasoning.blocking import block

    reasons = {"lost_need", "suppresses_effector", "same_process"}
    seen = set()
    fewer = 0
    for therapy in kg.therapies:
        full = block(kg, therapy.id).escape_routes
        rows = answer(kg, "escape_routes", {"therapy": therapy.id})
        assert {r["reason"] for r in rows} <= reasons
        by_id = {r.interaction.id: r for r in full}
        assert {r["interaction"] for r in rows} <= set(by_id), therapy.id
        for row in rows:
            route = by_id[str(row["interaction"])]
            assert (row["reason"] == "same_process") == (route.defeats is None), (therapy.id, row)
        fewer += len(full) - len(rows)
        seen |= {r["reason"] for r in rows}
    assert seen == reasons, "the seed exercises every reason"
    assert fewer > 0, "the supporting paths add routes somewhere on the seed (else the twin could be exact)"
