"""RDF file texts (Turtle, N-Triples, JSON-LD) of the graph that :func:`tmekg.backends.rdf.to_rdf` builds.

JSON-LD is rdflib's own conversion (``from_rdf``) as is, in expanded form with ``use_native_types=False``: every
typed literal keeps its lexical form and datatype (``{"@value": "1.0", "@type": "...#double"}``). rdflib's
compaction against a context turns such value objects into JSON numbers (``1.0``, which readers take back as an
integer), so no context is applied. Only the order is ours — nodes sorted by ``@id``, keys sorted, the values of a
property sorted (JSON-LD property values are unordered) — so the same graph gives the same bytes whatever the hash
seed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rdflib import Graph

from tmekg.backends.rdf import PREFIXES, ntriples, to_rdf
from tmekg.kg import KnowledgeGraph

__all__ = ["graph_to_jsonld", "to_jsonld", "to_ntriples", "to_turtle"]


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


def _ordered(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _ordered(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return sorted((_ordered(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def graph_to_jsonld(graph: Graph) -> str:
    """Expanded JSON-LD of any rdflib graph without quoted triples, in a stable order (see the module docstring)."""
    from rdflib.plugins.serializers.jsonld import from_rdf

    nodes = from_rdf(graph, use_native_types=False)  # type: ignore[no-untyped-call]
    ordered = sorted((_ordered(node) for node in nodes), key=lambda node: str(node.get("@id", "")))
    return json.dumps(ordered, indent=1, ensure_ascii=False) + "\n"


def to_jsonld(kg: KnowledgeGraph) -> str:
    return graph_to_jsonld(to_rdf(kg))
