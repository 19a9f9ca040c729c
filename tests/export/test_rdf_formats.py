"""Turtle, N-Triples and JSON-LD read back by pyoxigraph and (Turtle, N-Triples) by raptor's ``rapper``."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import XSD, Graph, Literal, URIRef

from tests.export.tools import program, run
from tmekg.backends.rdf import to_rdf
from tmekg.export.files import ExportFormat, export
from tmekg.export.rdf import graph_to_jsonld
from tmekg.export.tier import layer_ntriples
from tmekg.kg import KnowledgeGraph

FORMATS = {
    ExportFormat.TTL: (pyoxigraph.RdfFormat.TURTLE, "turtle"),
    ExportFormat.NT: (pyoxigraph.RdfFormat.N_TRIPLES, "ntriples"),
    ExportFormat.JSONLD: (pyoxigraph.RdfFormat.JSON_LD, None),
}


def _expected(kg: KnowledgeGraph) -> set[str]:
    """The triples of ``to_rdf(kg)`` and of the curated layer's node, as N-Triples lines, written by pyoxigraph
    from rdflib's N-Triples."""
    text = to_rdf(kg).serialize(format="nt") + "".join(layer_ntriples(()))
    return {str(t) for t in pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)}


@pytest.mark.parametrize("fmt", list(FORMATS), ids=lambda f: f.value)
def test_rdf_read_by_oxigraph(fmt: ExportFormat, mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / f"kg.{fmt.value}"
    export(mini_kg, fmt, path)
    triples = {str(t) for t in pyoxigraph.parse(path=str(path), format=FORMATS[fmt][0])}
    assert triples == _expected(mini_kg)
    label = '<https://identifiers.org/hgnc:17635> <http://www.w3.org/2000/01/rdf-schema#label> "PD-L1"'
    assert any(t.startswith(label) for t in triples)


@pytest.mark.parametrize("fmt", [ExportFormat.TTL, ExportFormat.NT], ids=lambda f: f.value)
def test_rdf_read_by_rapper(fmt: ExportFormat, kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / f"kg.{fmt.value}"
    export(kg, fmt, path)
    base = "https://w3id.org/tmekg/"
    result = run(program("rapper"), "-q", "-i", str(FORMATS[fmt][1]), "-o", "ntriples", str(path), base)
    assert result.returncode == 0, result.stderr
    lines = {line for line in result.stdout.splitlines() if line.strip()}
    assert len(lines) == len(to_rdf(kg)) + len(layer_ntriples(()))


def test_jsonld_keeps_doubles_and_integers(tmp_path: Path) -> None:
    graph = Graph()
    graph.bind("ex", "http://example.org/")
    subject = URIRef("http://example.org/a")
    graph.add((subject, URIRef("http://example.org/double"), Literal(1.0)))
    graph.add((subject, URIRef("http://example.org/integer"), Literal(1)))
    graph.add((subject, URIRef("http://example.org/text"), Literal('1.0 & <"x">', datatype=XSD.string)))
    text = graph_to_jsonld(graph)
    read = {
        str(t.predicate): t.object for t in pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.JSON_LD)
    }
    assert read["<http://example.org/double>"] == pyoxigraph.Literal(
        "1.0", datatype=pyoxigraph.NamedNode(str(XSD.double))
    )
    assert read["<http://example.org/integer>"] == pyoxigraph.Literal(
        "1", datatype=pyoxigraph.NamedNode(str(XSD.integer))
    )
    assert read["<http://example.org/text>"].value == '1.0 & <"x">'


def test_jsonld_is_the_same_bytes_whatever_the_insertion_order() -> None:
    triples = [
        (URIRef(f"http://example.org/{s}"), URIRef(f"http://example.org/{p}"), Literal(f"{s}{p}{o}"))
        for s in "cab"
        for p in "zyx"
        for o in "21"
    ]
    texts = set()
    for order in (triples, list(reversed(triples)), triples[1::2] + triples[::2]):
        graph = Graph()
        graph.bind("ex", "http://example.org/")
        for triple in order:
            graph.add(triple)
        texts.add(graph_to_jsonld(graph))
    (text,) = texts
    ids = [f'"@id": "http://example.org/{s}"' for s in "abc"]
    assert text.index(ids[0]) < text.index(ids[1]) < text.index(ids[2])


def test_jsonld_of_one_node_is_read_back(tmp_path: Path) -> None:
    graph = Graph()
    graph.add((URIRef("http://example.org/a"), URIRef("http://example.org/p"), Literal(2.5)))
    read = list(pyoxigraph.parse(graph_to_jsonld(graph).encode("utf-8"), format=pyoxigraph.RdfFormat.JSON_LD))
    assert [str(t) for t in read] == [
        '<http://example.org/a> <http://example.org/p> "2.5"^^<http://www.w3.org/2001/XMLSchema#double>'
    ]
