"""Signed simple paths between two entities, bounded in hops, count and time."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, cast

import networkx as nx

from tmekg.answers import entity_ref
from tmekg.kg import KnowledgeGraph
from tmekg.reasoning.signed import signed_graph

__all__ = ["Hop", "PathResult", "SignedPath", "find_paths", "signed_paths"]


@dataclass(frozen=True)
class Hop:
    """One signed edge of a path, with the evidence behind it."""

    source: str
    target: str
    predicate: str
    sign: int
    weight: float
    evidence: tuple[str, ...]
    origins: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "predicate": self.predicate,
            "sign": self.sign,
            "weight": self.weight,
            "evidence": list(self.evidence),
            "origins": list(self.origins),
        }


@dataclass(frozen=True)
class SignedPath:
    """A simple path; its sign is the product of its hops' signs, its weight that of its weakest hop."""

    hops: tuple[Hop, ...]

    @property
    def nodes(self) -> tuple[str, ...]:
        return (self.hops[0].source, *(h.target for h in self.hops)) if self.hops else ()

    @property
    def sign(self) -> int:
        return math.prod(h.sign for h in self.hops)

    @property
    def weight(self) -> float:
        return min((h.weight for h in self.hops), default=0.0)

    @property
    def weakest(self) -> Hop:
        """The first hop with the lowest evidence weight."""
        return min(self.hops, key=lambda h: h.weight)

    def to_dict(self, kg: KnowledgeGraph) -> dict[str, Any]:
        return {
            "nodes": [entity_ref(kg, n) for n in self.nodes],
            "edges": [h.to_dict() for h in self.hops],
            "sign": self.sign,
            "weight": self.weight,
            "weakest_link": self.weakest.to_dict(),
        }


@dataclass(frozen=True)
class PathResult:
    """Paths found within the bounds; ``truncated`` says a bound cut the search short."""

    source: str
    target: str
    paths: tuple[SignedPath, ...]
    truncated: bool = False
    bounds: dict[str, float] = field(default_factory=dict)

    def subgraph(self, kg: KnowledgeGraph) -> KnowledgeGraph:
        """The paths as a graph: the statements and therapy actions behind every hop, and every node."""
        origins = {o for p in self.paths for h in p.hops for o in h.origins}
        actions = [tuple(o.split("|", 1)) for o in origins if "|" in o]
        return kg.subgraph(
            interactions=[o for o in origins if "|" not in o],
            therapy_actions=[(a[0], a[1]) for a in actions],
            entities={n for p in self.paths for n in p.nodes},
        )

    def to_dict(self, kg: KnowledgeGraph) -> dict[str, Any]:
        return {
            "source": entity_ref(kg, self.source),
            "target": entity_ref(kg, self.target),
            "paths": [p.to_dict(kg) for p in self.paths],
            "truncated": self.truncated,
            "bounds": self.bounds,
        }


def signed_paths(
    graph: nx.MultiDiGraph[str],
    source: str,
    target: str,
    *,
    max_hops: int = 4,
    max_paths: int = 200,
    time_limit: float = 5.0,
) -> PathResult:
    """Simple signed paths from ``source`` to ``target`` in a :func:`signed_graph`, shortest and strongest first.

    At most ``max_paths`` paths of at most ``max_hops`` edges are collected, within ``time_limit`` seconds;
    when a bound stops the search, the result says ``truncated``.
    """
    bounds = {"max_hops": max_hops, "max_paths": max_paths, "time_limit": time_limit}
    if source not in graph or target not in graph or source == target:
        return PathResult(source, target, (), False, bounds)
    deadline = time.monotonic() + time_limit
    found: list[SignedPath] = []
    truncated = False
    for raw in nx.all_simple_edge_paths(graph, source, target, cutoff=max_hops):
        edge_path = cast("list[tuple[str, str, str]]", raw)  # a multigraph yields (u, v, key) triples
        if len(found) >= max_paths or time.monotonic() > deadline:
            truncated = True
            break
        if _switches_role(edge_path):
            continue
        hops = []
        for u, v, key in edge_path:
            data = graph.edges[u, v, key]
            hops.append(Hop(u, v, key, data["sign"], data["weight"], tuple(data["evidence"]), tuple(data["origins"])))
        found.append(SignedPath(tuple(hops)))
    found.sort(key=lambda p: (len(p.hops), -p.weight, p.nodes, [h.predicate for h in p.hops]))
    return PathResult(source, target, tuple(found), truncated, bounds)


def _switches_role(edge_path: list[tuple[str, str, str]]) -> bool:
    """A path follows one signal: at most one ``binds``, so a molecule reached as a receptor does not go on
    as a ligand (PD-L1 binding CD80 says nothing about CD80 then engaging CD28)."""
    return sum(1 for _, _, key in edge_path if key == "binds") > 1


def find_paths(
    kg: KnowledgeGraph,
    source: str,
    target: str,
    *,
    max_hops: int = 4,
    max_paths: int = 200,
    time_limit: float = 5.0,
) -> PathResult:
    """Signed paths between two entities named by id, label, symbol or synonym.

    >>> import tmekg
    >>> kg = tmekg.load()
    >>> result = find_paths(kg, "PD-L1", "tumor growth")
    >>> sorted({p.sign for p in result.paths})
    [1]
    """
    start = kg.lookup(source).id
    end = kg.lookup(target).id
    return signed_paths(signed_graph(kg), start, end, max_hops=max_hops, max_paths=max_paths, time_limit=time_limit)
