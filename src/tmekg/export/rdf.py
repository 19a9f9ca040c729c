"""RDF file texts (Turtle, N-Triples, JSON-LD) of the graph that :func:`tmekg.backends.rdf.to_rdf` builds.

JSON-LD is written here, not by rdflib's serializer (which turns ``"1.0"^^xsd:double`` into the JSON number
``1.0``, read back as an integer): every non-string literal is an explicit value object
(``{"@value": "1.0", "@type": "http://www.w3.org/2001/XMLSchema#double"}``), IRIs are ``{"@id": …}`` in full,
predicates are compacted with the graph's prefixes (declared in the context), subjects are sorted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from tmekg.backends.rdf import PREFIXES, ntriples, to_rdf
from tmekg.kg import KnowledgeGraph

__all__ = ["graph_to_jsonld", "to_jsonld", "to_ntriples", "to_turtle"]

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


def _sorted_ntriples(kg: KnowledgeGraph, extra: Iterable[str] = ()) -> bytes:
    """The graph's N-Triples lines and ``extra`` ones, sorted (so subjects are grouped and the output is stable),
    parsed and written again by Oxigraph (canonical N-Triples)."""
    import pyoxigraph as ox

    data = "".join(sorted([*ntriples(kg), *extra])).encode("utf-8")
    written = ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES)
    assert written is not None  # no output file given: the bytes are returned
    return written


def to_turtle(kg: KnowledgeGraph, extra: Iterable[str] = ()) -> str:
    """Turtle written by Oxigraph's serializer (rdflib's Turtle writer is ~60x slower at 10^4 interactions), with
    the graph's prefixes, one subject block per node in sorted order; ``extra``: more N-Triples lines."""
    import pyoxigraph as ox

    triples = ox.parse(_sorted_ntriples(kg, extra), format=ox.RdfFormat.N_TRIPLES)
    written = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert written is not None  # no output file given: the bytes are returned
    text = written.decode("utf-8")
    lines = text.splitlines(keepends=True)
    count = next((n for n, line in enumerate(lines) if not line.startswith("@prefix")), len(lines))
    return "".join(sorted(lines[:count])) + "".join(lines[count:])  # the prefix lines in a stable order


def to_ntriples(kg: KnowledgeGraph, extra: Iterable[str] = ()) -> str:
    """Canonical N-Triples, one triple a line, sorted (stable output); ``extra``: more N-Triples lines."""
    lines = _sorted_ntriples(kg, extra).decode("utf-8").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def _node_id(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _value(term: Node) -> Any:
    if isinstance(term, Literal):
        if term.language:
            return {"@value": str(term), "@language": term.language}
        if term.datatype is None or term.datatype == XSD.string:
            return str(term)
        return {"@value": str(term), "@type": str(term.datatype)}
    return {"@id": _node_id(term)}


def graph_to_jsonld(graph: Graph) -> str:
    """JSON-LD (expanded values, compact predicate names) of any rdflib graph without quoted triples."""
    used: dict[str, str] = {}
    namespaces = sorted(((str(ns), prefix) for prefix, ns in graph.namespaces() if prefix), key=lambda p: -len(p[0]))

    def key(predicate: URIRef) -> str:
        text = str(predicate)
        for namespace, prefix in namespaces:
            if text.startswith(namespace) and _LOCAL.fullmatch(text[len(namespace) :]):
                used[prefix] = namespace
                return f"{prefix}:{text[len(namespace) :]}"
        return text

    subjects: dict[str, dict[str, list[Any]]] = {}
    for s, p, o in graph:
        node = subjects.setdefault(_node_id(s), {})
        if p == RDF.type and not isinstance(o, Literal):
            node.setdefault("@type", []).append(_node_id(o))
        else:
            node.setdefault(key(URIRef(str(p))), []).append(_value(o))
    items = []
    for subject in sorted(subjects):
        props = subjects[subject]
        item: dict[str, Any] = {"@id": subject}
        for name in sorted(props):
            values = props[name]
            item[name] = sorted(values, key=lambda v: json.dumps(v, sort_keys=True))
        items.append(item)
    document = {"@context": dict(sorted(used.items())), "@graph": items}
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def to_jsonld(kg: KnowledgeGraph) -> str:
    return graph_to_jsonld(to_rdf(kg))
