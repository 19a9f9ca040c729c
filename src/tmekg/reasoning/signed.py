"""The signed reasoning graph: the NetworkX view plus each process's polarity toward tumor growth.

Edges that carry a sign along a signal: ``produces``, ``binds``, ``increases``/``decreases`` (from the
interactions), ``makes`` (an enzyme making a molecular form), therapy actions (``blocks`` ... with the sign in
:data:`tmekg.actions.ACTIONS`; a drug-made action reaches its process directly), ``polarity`` edges from every
process to ``tumor growth``, and ``part_of`` edges from a subunit to its complexes. ``acts_on`` (which receiver a
signal reaches) and the other structural edges carry no sign and are left out: a path's sign is the product of its
edge signs and means "more of the start gives more (+1) or less (-1) of the end".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from tmekg.backends.signed_edges import (
    CONTEXT_DEPENDENT_FACTOR,
    EVIDENCE_WEIGHT,
    SIGNED_PREDICATES,
    signed_edges,
)
from tmekg.kg import KnowledgeGraph

__all__ = [
    "CONTEXT_DEPENDENT_FACTOR",
    "EVIDENCE_WEIGHT",
    "SIGNED_PREDICATES",
    "Edge",
    "PathGraph",
    "SignedGraph",
    "path_graph",
    "signed_graph",
]


class Edge(NamedTuple):
    """A signed edge of the reasoning graph (a named tuple: cheap to build, pickle and load)."""

    target: str
    predicate: str
    sign: int
    weight: float
    evidence: tuple[str, ...]
    origins: tuple[str, ...]
    kind: str

    def __reduce__(self) -> tuple[Any, ...]:
        """Unpickle through ``tuple.__new__`` (in C) rather than the generated ``__new__`` (Python, one call per
        edge): the stored signed graph of 10^5 interactions loads in about half the time."""
        return (tuple.__new__, (Edge, tuple(self)))


@dataclass
class SignedGraph:
    """The signed graph paths run on: out-edges per node, in-neighbours per node (for distances to a target), and
    hop distances to tumor growth computed once. Plain lists and dicts: fast to build, to pickle and to load."""

    out: dict[str, list[Edge]] = field(default_factory=dict)
    into: dict[str, list[str]] = field(default_factory=dict)
    _distances: dict[tuple[str, int], dict[str, int]] = field(default_factory=dict, repr=False)

    def __contains__(self, node: object) -> bool:
        return node in self.out or node in self.into

    def add(self, source: str, edge: Edge) -> None:
        self.out.setdefault(source, []).append(edge)
        self.into.setdefault(edge.target, []).append(source)
        self.out.setdefault(edge.target, [])

    def out_edges(self, node: str) -> Sequence[Edge]:
        """The signed edges out of ``node`` (none for a node not in the graph)."""
        return self.out.get(node, ())

    def number_of_edges(self) -> int:
        return sum(len(edges) for edges in self.out.values())

    def distances_to(self, target: str, limit: int) -> dict[str, int]:
        """Hops from every node that reaches ``target`` within ``limit`` (breadth-first on in-neighbours)."""
        cached = self._distances.get((target, limit))
        if cached is None:
            # hop counts are shortest distances: those within a deeper search's limit that are within this one
            deeper = [found for (end, hops), found in self._distances.items() if end == target and hops > limit]
            if deeper:
                cached = {node: hops for node, hops in deeper[0].items() if hops <= limit}
                self._distances[(target, limit)] = cached
                return cached
            cached = {target: 0}
            frontier = [target]
            for depth in range(1, limit + 1):
                nxt = []
                for node in frontier:
                    for prev in self.into.get(node, ()):
                        if prev not in cached:
                            cached[prev] = depth
                            nxt.append(prev)
                frontier = nxt
            self._distances[(target, limit)] = cached
        return cached


class PathGraph(Protocol):
    """What a signed path search reads of a graph: a :class:`SignedGraph`, or the store's graph read per node
    (:class:`tmekg.signed_store.StoredSignedGraph`)."""

    def __contains__(self, node: object) -> bool: ...

    def out_edges(self, node: str) -> Sequence[Edge]: ...

    def distances_to(self, target: str, limit: int) -> Mapping[str, int]: ...


def signed_graph(kg: KnowledgeGraph) -> SignedGraph:
    """The signed graph used for paths: every edge has ``sign``, ``weight`` and ``evidence`` (ids).

    An edge's weight is the best evidence weight among the statements behind it; a context-dependent
    statement counts at :data:`CONTEXT_DEPENDENT_FACTOR` of its level. Built once per graph and kept with it.
    """
    return kg.cached("signed_graph", _build_signed_graph)


#: Where a store leaves the signed graph it reads per node on a graph's core (:meth:`tmekg.store.Store.core`).
PATH_GRAPH = "path_graph"


def path_graph(kg: KnowledgeGraph) -> PathGraph:
    """The graph a signed path search walks: the store's, read per node, for a graph's core read from a store;
    else :func:`signed_graph`."""
    stored: PathGraph | None = kg._cache.get(PATH_GRAPH)
    return stored if stored is not None else signed_graph(kg)


def _build_signed_graph(kg: KnowledgeGraph) -> SignedGraph:
    """The search structure over :func:`tmekg.backends.signed_edges.signed_edges` (the edges Neo4j stores too)."""
    graph = SignedGraph()
    for entity in kg.entities():
        graph.out.setdefault(entity.id, [])
    for e in signed_edges(kg):
        graph.add(e.source, Edge(e.target, e.predicate, e.sign, e.weight, e.evidence, e.origins, e.kind))
    return graph
