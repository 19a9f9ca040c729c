"""A path answer as a layered diagram (what ``tmekg path A B --plot`` draws) and the layout of its visual export:
each entity in the column of its longest distance from the start, the end in the last column, and the entities
on net-positive paths above those on net-negative ones."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from tmekg.export.diagram import (
    Diagram,
    DiagramEdge,
    DiagramNode,
    answer_layout,
    entity_kind,
    short,
    target_label,
)
from tmekg.export.layout import AnswerLayout
from tmekg.kg import KnowledgeGraph
from tmekg.reasoning.paths import PathResult, SignedPath
from tmekg.vocab import TUMOR_GROWTH

__all__ = ["path_diagram", "path_layout"]


def _path_layers(paths: Sequence[SignedPath], source: str, target: str) -> dict[str, int]:
    """Longest distance from ``source`` over the union of the paths (their first position when the union has a
    cycle); ``target`` in the last column."""
    import networkx as nx

    union: nx.DiGraph[str] = nx.DiGraph()
    for path in paths:
        union.add_edges_from((h.source, h.target) for h in path.hops)
    if nx.is_directed_acyclic_graph(union):
        depth: dict[str, int] = {}
        for node in nx.topological_sort(union):
            depth[node] = max((depth[p] + 1 for p in union.predecessors(node)), default=0)
    else:
        depth = {}
        for path in paths:
            for i, node in enumerate(path.nodes):
                depth[node] = min(depth.get(node, i), i)
    depth[source] = 0
    last = max(depth.values(), default=0)
    depth[target] = max(last, 1)
    for node, d in depth.items():
        if node != target and d >= depth[target]:
            depth[node] = depth[target] - 1
    return depth


def path_diagram(kg: KnowledgeGraph, result: PathResult, *, top: int = 12) -> Diagram:
    """The layered diagram of a path answer (what ``tmekg path A B --plot`` draws): the ``top`` strongest paths
    (by weight, then length), entities on net-positive paths in the upper lane, on net-negative ones in the
    lower lane, on both in between; hop sign as arrowhead or bar, hop evidence as width."""
    ordered = sorted(result.paths, key=lambda p: (-p.weight, len(p.hops), p.nodes))
    shown = ordered[:top]
    layers = _path_layers(shown, result.source, result.target)
    signs: dict[str, set[int]] = defaultdict(set)
    for path in shown:
        for node in path.nodes:
            signs[node].add(path.sign)
    nodes = []
    for node_id, layer in layers.items():
        lane: int | None = None
        if node_id not in (result.source, result.target):
            lane = {frozenset({1}): 0, frozenset({-1}): 2}.get(frozenset(signs[node_id]), 1)
        role = "sink" if node_id == TUMOR_GROWTH else "entity"
        nodes.append(
            DiagramNode(node_id, short(target_label(kg, node_id), 30), role, entity_kind(kg, node_id), layer, lane)
        )
    hops: dict[tuple[str, str, str], DiagramEdge] = {}
    for path in shown:
        for hop in path.hops:
            key = (hop.source, hop.target, hop.predicate)
            previous = hops.get(key)
            if previous is None or previous.weight < hop.weight:
                role = "activating" if hop.sign > 0 else "inhibiting"
                hops[key] = DiagramEdge(hop.source, hop.target, hop.sign, role, hop.weight, hop.predicate)
    plus = sum(1 for p in result.paths if p.sign > 0)
    minus = len(result.paths) - plus
    start, end = kg.label(result.source), kg.label(result.target)
    meaning = f" (more {start} gives more {end})" if plus else ""
    if plus > minus:
        net = "net +"
    elif minus > plus:
        net = "net −"
    else:
        net = "balanced"
    title = f"{start} → {end}: {len(result.paths)} signed path(s), {plus} net +{meaning}, {minus} net − — {net}"
    strongest = shown[0] if shown else None
    parts = [f"the {len(shown)} strongest shown" if len(shown) < len(result.paths) else "all paths shown"]
    if strongest is not None:
        parts.append(
            "strongest: "
            + " → ".join(short(kg.label(n), 24) for n in strongest.nodes)
            + f" (weight {strongest.weight:.1f})"
        )
    if result.truncated:
        parts.append("the search was cut by a bound")
    columns = tuple("start" if i == 0 else "end" if i == layers[result.target] else f"step {i}"
                    for i in range(layers[result.target] + 1)) if layers else ("start", "end")  # fmt: skip
    return Diagram(
        title=title,
        subtitle=" · ".join(parts),
        nodes=tuple(sorted(nodes, key=lambda n: (n.layer, n.id))),
        edges=tuple(hops.values()),
        columns=columns,
        lanes=("on net + paths", "on both", "on net − paths"),
    )


def path_layout(kg: KnowledgeGraph, result: PathResult) -> AnswerLayout:
    """The layered layout of a path answer's exported subgraph: the entities of the paths in the columns of
    :func:`path_diagram`, the cells that carry their signals in a lane below."""
    layers = _path_layers(result.paths, result.source, result.target) if result.paths else {}
    layers.pop(TUMOR_GROWTH, None)
    lanes: dict[str, int | None] = dict.fromkeys(layers, 0)
    links = [(h.source, h.target) for p in result.paths for h in p.hops]
    return answer_layout(result.subgraph(kg), layers, lanes, {}, links)
