"""Signed simple paths between two entities, bounded in hops, count and time."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace
from typing import Any

from tmekg.actions import ACTIONS
from tmekg.answers import entity_ref
from tmekg.kg import KnowledgeGraph
from tmekg.model import parse_action_id
from tmekg.reasoning.signed import PathGraph, path_graph
from tmekg.vocab import Action, Predicate

__all__ = ["Hop", "PathResult", "SignedPath", "find_paths", "signed_paths", "strongest_first"]


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
        actions = [key for o in origins if (key := parse_action_id(o)) is not None]
        return kg.subgraph(
            interactions=[o for o in origins if parse_action_id(o) is None],
            therapy_actions=actions,
            entities={n for p in self.paths for n in p.nodes},
        )

    def to_dict(self, kg: KnowledgeGraph, top: int | None = None) -> dict[str, Any]:
        """The JSON contract; ``top`` keeps the first ``top`` paths (``summary`` counts them all)."""
        positive = sum(1 for p in self.paths if p.sign > 0)
        return {
            "source": entity_ref(kg, self.source),
            "target": entity_ref(kg, self.target),
            "summary": {
                "paths": len(self.paths),
                "net_positive": positive,
                "net_negative": len(self.paths) - positive,
                "positive_weight": round(sum(p.weight for p in self.paths if p.sign > 0), 3),
                "negative_weight": round(sum(p.weight for p in self.paths if p.sign < 0), 3),
            },
            "paths": [p.to_dict(kg) for p in self.paths[: top if top is not None else len(self.paths)]],
            "truncated": self.truncated,
            "bounds": self.bounds,
        }


def signed_paths(
    graph: PathGraph,
    source: str,
    target: str,
    *,
    max_hops: int = 4,
    max_paths: int = 200,
    time_limit: float = 5.0,
) -> PathResult:
    """Simple signed paths from ``source`` to ``target`` in a :func:`signed_graph`, shortest and strongest first.

    The search is depth-first with the path rules applied while it searches (:func:`allowed`) and with every
    node that cannot reach ``target`` in the hops left pruned, so it never enumerates paths it would discard.
    At most ``max_paths`` paths of at most ``max_hops`` edges are collected, within ``time_limit`` seconds;
    when a bound stops the search, the result says ``truncated``.
    """
    bounds = {"max_hops": max_hops, "max_paths": max_paths, "time_limit": time_limit}
    if source not in graph or target not in graph or source == target:
        return PathResult(source, target, (), False, bounds)
    deadline = time.monotonic() + time_limit
    # hops from each node to the target (breadth-first on in-neighbours, at most max_hops deep)
    distance = graph.distances_to(target, max_hops)
    found: list[SignedPath] = []
    truncated = False
    on_path = {source}
    hops: list[Hop] = []

    def search(node: str, binds: int) -> bool:
        """Extend the path from ``node``; ``False`` when a bound stops the whole search."""
        nonlocal truncated
        if time.monotonic() > deadline:
            truncated = True
            return False
        left = max_hops - len(hops)
        for edge in graph.out_edges(node):
            nxt, key = edge.target, edge.predicate
            if nxt in on_path or distance.get(nxt, max_hops + 1) > left - 1:
                continue
            if not allowed(hops[-1] if hops else None, key, binds):
                continue
            hops.append(Hop(node, nxt, key, edge.sign, edge.weight, edge.evidence, edge.origins))
            if nxt == target:
                if len(found) >= max_paths:
                    truncated = True
                    hops.pop()
                    return False
                found.append(SignedPath(tuple(hops)))
            else:
                on_path.add(nxt)
                going = search(nxt, binds + (key == Predicate.BINDS))
                on_path.discard(nxt)
                if not going:
                    hops.pop()
                    return False
            hops.pop()
        return True

    search(source, 0)
    found.sort(key=lambda p: (len(p.hops), -p.weight, p.nodes, [h.predicate for h in p.hops]))
    return PathResult(source, target, tuple(found), truncated, bounds)


def allowed(previous: Hop | None, key: str, binds: int) -> bool:
    """The path rules, checked hop by hop: a path follows one signal, so it holds at most one ``binds`` (PD-L1
    binding CD80 says nothing about CD80 then engaging CD28); an agonist acts on a receptor's own signal, so it
    is never followed by the molecule binding another; and a path enters a complex through a subunit only right
    after a therapy acts on that subunit (a Treg making CD25 does not strengthen another cell's IL-2 receptor),
    and reaches a molecule's form only right after a therapy blocks or inhibits the molecule."""
    if key == Predicate.BINDS and (binds >= 1 or (previous is not None and previous.predicate == Action.AGONIZES)):
        return False
    if key == Predicate.PART_OF:
        return previous is not None and _from_therapy(previous)
    if key == Predicate.HAS_FORM:
        return previous is not None and _from_therapy(previous) and _reaches_forms(previous.predicate)
    return True


def _reaches_forms(predicate: str) -> bool:
    return predicate in {a.value for a, s in ACTIONS.items() if s.reaches_forms}


def _from_therapy(hop: Hop) -> bool:
    return any(parse_action_id(o) is not None for o in hop.origins)


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
    found = signed_paths(path_graph(kg), start, end, max_hops=max_hops, max_paths=max_paths, time_limit=time_limit)
    return replace(found, paths=tuple(sorted(found.paths, key=strongest_first)))


def strongest_first(path: SignedPath) -> tuple[float, int, tuple[str, ...]]:
    """Order paths by evidence weight (strongest first), then by length, then by their nodes."""
    return (-path.weight, len(path.hops), path.nodes)
