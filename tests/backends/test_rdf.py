"""RDF build: n-ary interactions, vocabulary declared in the shipped ontology, isomorphic Turtle round trip."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic

from tmekg.backends.rdf import TMEKG, VOCAB_IRI, iri, to_rdf
from tmekg.kg import KnowledgeGraph
from tmekg.resources import ontology_path


@pytest.mark.parametrize("store", ["default", "Oxigraph"])
def test_turtle_round_trip_is_isomorphic(mini_kg: KnowledgeGraph, store: str) -> None:
    graph = to_rdf(mini_kg, store=store)
    text = graph.serialize(format="turtle")
    again = Graph(store=store).parse(data=text, format="turtle")
    assert len(graph) > 50
    assert isomorphic(graph, again)
    assert isomorphic(graph, to_rdf(mini_kg, store="default" if store == "Oxigraph" else "Oxigraph"))


def test_interaction_is_a_node(mini_kg: KnowledgeGraph) -> None:
    graph = to_rdf(mini_kg)
    node = iri("tmekg:i_pdl1_pd1")
    assert (node, RDF.type, TMEKG.Interaction) in graph
    assert graph.value(node, TMEKG.ligand) == iri("HGNC:17635")
    assert graph.value(node, TMEKG.receptor) == iri("HGNC:8760")
    assert graph.value(node, TMEKG.target) == URIRef("http://purl.obolibrary.org/obo/CL_0000625")
    assert int(graph.value(node, TMEKG.effect)) == -1  # type: ignore[arg-type]
    assert graph.value(node, TMEKG.tumorOutcome) == URIRef(VOCAB_IRI + "pro_tumor")


def test_every_term_used_is_declared_in_the_ontology(mini_kg: KnowledgeGraph) -> None:
    ontology = Graph().parse(ontology_path(), format="turtle")
    declared = set(ontology.subjects())
    graph = to_rdf(mini_kg)
    used = {p for p in graph.predicates() if str(p).startswith(VOCAB_IRI)}
    used |= {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(VOCAB_IRI)}
    assert used, "the graph uses the tmekg vocabulary"
    assert used <= declared, sorted(used - declared)


def test_every_enum_value_is_declared() -> None:
    from tmekg import vocab
    from tmekg.backends.rdf import term

    ontology = Graph().parse(ontology_path(), format="turtle")
    seen: dict[str, str] = {}
    for enum in (
        vocab.HijackedCategory,
        vocab.MoleculeCategory,
        vocab.Mechanism,
        vocab.TumorOutcome,
        vocab.EvidenceLevel,
        vocab.Confidence,
        vocab.Action,
        vocab.Modality,
        vocab.TherapyStatus,
        vocab.Site,
        vocab.Direction,
        vocab.Aspect,
        vocab.FormKind,
        vocab.RequirementKind,
        vocab.TrialPhase,
        vocab.TrialResult,
    ):
        for member in enum:
            local = str(term(member)).removeprefix(VOCAB_IRI)
            shared = enum is vocab.TrialPhase and seen.get(local) == "TherapyStatus"  # phase 3 is phase 3
            assert shared or local not in seen, f"{local} is in {seen.get(local)} and {enum.__name__}"
            seen[local] = enum.__name__
            assert (term(member), RDF.type, TMEKG.Term) in ontology


def test_turtle_parses_in_an_independent_engine(mini_kg: KnowledgeGraph) -> None:
    text = to_rdf(mini_kg).serialize(format="turtle")
    store = pyoxigraph.Store()
    store.load(text.encode(), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(to_rdf(mini_kg))
    rows = list(
        store.query("PREFIX t: <https://w3id.org/tmekg/vocab#> SELECT ?i WHERE { ?i t:tumorOutcome t:pro_tumor }")
    )
    assert len(rows) == 2


def test_oxigraph_view_is_bulk_loaded_from_a_stream_of_every_line(tmp_path: Path, mini_kg: KnowledgeGraph) -> None:
    """to_rdf streams N-Triples into Oxigraph (never the whole text at once): the store holds every triple of the
    text, in memory and on disk, and the stream gives the text's bytes whatever the read size."""
    import io

    import tmekg
    from tmekg.backends.rdf import _LineReader, ntriples

    for kg, sizes in ((mini_kg, (1, 7, 4096)), (tmekg.load(), (4096, 1 << 20))):
        text = "".join(ntriples(kg)).encode("utf-8")
        for size in sizes:
            stream = io.BufferedReader(_LineReader(ntriples(kg)), size)
            chunks = []
            while chunk := stream.read(size):
                chunks.append(chunk)
            assert b"".join(chunks) == text
    expected = pyoxigraph.Store()
    expected.bulk_load(text, format=pyoxigraph.RdfFormat.N_TRIPLES)
    for path in (None, tmp_path / "rdf"):
        inner = to_rdf(kg, path=path).store._inner
        assert len(inner) == len(expected) > 20_000
        assert set(inner) == set(expected)


def test_prefixes_written_without_rdflib_are_rdflibs_namespaces() -> None:
    from rdflib import RDFS, SKOS, XSD
    from rdflib.namespace import DCTERMS

    from tmekg.backends.oxstore import PREFIXES

    expected = {"tmekg": VOCAB_IRI, "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "skos": str(SKOS)}
    assert {k: PREFIXES[k] for k in expected} == expected
    assert PREFIXES["dcterms"] == str(DCTERMS)


def test_a_query_on_the_oxigraph_store_itself_gives_the_rows_of_the_rdflib_graph(
    mini_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    """The persistent store's RDF is queried in pyoxigraph alone (no rdflib); rows, bound parameters and value types
    are those the rdflib Graph on the same store gives."""
    from tmekg.backends.oxstore import Iri, open_read_only
    from tmekg.backends.oxstore import select_table as select_any
    from tmekg.backends.rdf import open_rdf, select_table

    to_rdf(mini_kg, path=tmp_path / "rdf").store.close()
    text = (
        "PREFIX tmekg: <https://w3id.org/tmekg/vocab#> PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT ?interaction ?node ?effect ?n WHERE { ?node a tmekg:Interaction ; dcterms:identifier ?interaction ; "
        "tmekg:effect ?effect } ORDER BY ?interaction"
    )
    graph = open_rdf(tmp_path / "rdf")
    expected = select_table(graph, text, {"n": 3})
    graph.store.close()
    store = open_read_only(tmp_path / "rdf")
    got = select_any(store, text, {"n": 3})
    assert got == expected
    names, rows, truncated = got
    assert names == ["interaction", "node", "effect", "n"]
    assert not truncated
    assert rows
    assert all(isinstance(r["node"], Iri) and r["effect"] in (1, -1) and r["n"] == 3 for r in rows)
    assert select_any(store, text, {"n": 3}, limit=1) == (names, rows[:1], True)
    with pytest.raises(TypeError):
        select_any(store, text, {"n": True})


def test_the_id_prefix_is_the_curie_converters() -> None:
    from tmekg.backends.oxstore import PREFIXES
    from tmekg.vocab import iri_prefix

    assert PREFIXES["id"] == iri_prefix("tmekg")
