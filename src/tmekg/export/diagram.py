"""A layered signal-flow diagram: typed nodes in layers (columns) and lanes (bands), typed edges, and a
deterministic layout (:func:`layered_positions`); the pieces the therapy diagram (:mod:`tmekg.export.layered`) and
the path diagram (:mod:`tmekg.export.layered_path`) share, and the pixel layout an answer's visual export uses.

The layout puts each layer in a column, in the order the nodes are given, then improves the order inside a
column by barycentre sweeps and spreads the rows by lane; it is deterministic (no randomness, and no set order:
the same bytes whatever the hash seed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from tmekg.export.labels import short_label
from tmekg.export.layout import AnswerLayout
from tmekg.export.view import endpoints
from tmekg.kg import KnowledgeGraph
from tmekg.model import CellType, Molecule
from tmekg.vocab import TUMOR_GROWTH

__all__ = [
    "COLUMN_PX",
    "ROW_PX",
    "Diagram",
    "DiagramEdge",
    "DiagramNode",
    "answer_layout",
    "entity_kind",
    "layered_positions",
    "short",
    "target_label",
]


@dataclass(frozen=True)
class DiagramNode:
    """A box of the diagram. ``role`` says what it is in the answer (therapy, target, severed, strengthened,
    drug_made, escape, partner, process, sink, entity); ``lane`` is ``None`` for a node that spans every lane
    (processes and tumor growth); ``members`` are the interaction ids a signal node stands for."""

    id: str
    label: str
    role: str
    kind: str
    layer: int
    lane: int | None = 0
    members: tuple[str, ...] = ()
    detail: str = ""


@dataclass(frozen=True)
class DiagramEdge:
    """An arrow: ``sign`` +1 (arrowhead), -1 (bar) or 0 (plain line); ``weight`` is the evidence weight (0-1)
    that sets the width; ``role`` sets colour and dash (``severed`` edges are dashed: the therapy cuts them)."""

    source: str
    target: str
    sign: int
    role: str
    weight: float = 1.0
    label: str = ""


@dataclass(frozen=True)
class Diagram:
    """A layered diagram: title (the net effect), subtitle (what is shown of what), nodes, edges, the names of
    the columns and of the lanes."""

    title: str
    subtitle: str
    nodes: tuple[DiagramNode, ...]
    edges: tuple[DiagramEdge, ...]
    columns: tuple[str, ...]
    lanes: tuple[str, ...] = ("",)
    notes: tuple[str, ...] = field(default=())

    def node(self, node_id: str) -> DiagramNode:
        return next(n for n in self.nodes if n.id == node_id)

    def positions(self) -> dict[str, tuple[float, float]]:
        """The layout: node id -> (column, row), row 0 at the top, in abstract units."""
        return layered_positions(
            {n.id: n.layer for n in self.nodes},
            {n.id: n.lane for n in self.nodes},
            [(e.source, e.target) for e in self.edges],
        )


# -- layout -----------------------------------------------------------------------------------------------------


def layered_positions(
    layers: dict[str, int],
    lanes: dict[str, int | None],
    edges: Iterable[tuple[str, str]],
    *,
    sweeps: int = 4,
) -> dict[str, tuple[float, float]]:
    """(x, y) for every node: x is its layer (one column per layer), y its row.

    Rows are grouped by lane: lane 0 on top, lane 1 below it and so on, each lane as tall as its tallest column;
    a node whose lane is ``None`` is placed among the others by its neighbours. Inside a column, nodes are ordered
    by the mean row of their neighbours (barycentre sweeps, left to right then right to left), which keeps
    crossings few; ties keep the given order. Pure and deterministic.

    >>> pos = layered_positions({"a": 0, "b": 1, "c": 1}, {"a": 0, "b": 0, "c": 1}, [("a", "b"), ("a", "c")])
    >>> pos["a"][0], pos["b"][0], pos["b"][1] < pos["c"][1]
    (0.0, 1.0, True)
    """
    import networkx as nx

    if not layers:
        return {}
    graph: nx.Graph[str] = nx.Graph()
    for node, layer in layers.items():
        graph.add_node(node, layer=layer)
    graph.add_edges_from((u, v) for u, v in edges if u in layers and v in layers and u != v)
    columns: dict[int, list[str]] = defaultdict(list)
    for node in layers:  # initial order: as given (not networkx's multipartite_layout, which orders a column as
        columns[layers[node]].append(node)  # a set, so by the hash seed)
    order = sorted(columns)
    lane_ids = sorted({lane for lane in lanes.values() if lane is not None}) or [0]

    def rows() -> dict[str, float]:
        """Row of every node from the current column orders."""
        height = {lane: max(sum(1 for n in columns[c] if lanes.get(n) == lane) for c in order) for lane in lane_ids}
        top = {}
        start = 0.0
        for lane in lane_ids:
            top[lane] = start
            start += height[lane] + (0.6 if height[lane] else 0.0)
        total = start - 0.6
        out: dict[str, float] = {}
        for c in order:
            column = columns[c]
            spanning = [n for n in column if lanes.get(n) is None]
            if spanning and len(spanning) == len(column):
                offset = (total - len(column)) / 2 + 0.5
                out.update({n: offset + i for i, n in enumerate(column)})
                continue
            for lane in lane_ids:
                members = [n for n in column if lanes.get(n) == lane]
                offset = top[lane] + (height[lane] - len(members)) / 2 + 0.5
                out.update({n: offset + i for i, n in enumerate(members)})
            for i, n in enumerate(spanning):  # mixed columns: spanning nodes after the laned ones
                out[n] = start + i
        return out

    lane_rank: dict[int | None, int] = {lane: i for i, lane in enumerate(lane_ids)}

    def sweep(sequence: list[int], step: int) -> None:
        """Reorder each column of ``sequence`` by the mean row of its neighbours in the column ``step`` away."""
        for c in sequence:
            i = order.index(c) + step
            if not 0 <= i < len(order):
                continue
            near = set(columns[order[i]])
            current = rows()

            def barycentre(node: str, near: set[str] = near, current: dict[str, float] = current) -> float:
                around = [current[m] for m in graph.neighbors(node) if m in near]
                return sum(around) / len(around) if around else current[node]

            columns[c].sort(key=lambda n: (lane_rank.get(lanes.get(n), -1), barycentre(n)))

    for _ in range(sweeps):
        sweep(order[1:], -1)
        sweep(order[-2::-1], 1)
    final = rows()
    return {n: (float(layers[n]), round(final[n], 4)) for n in layers}


# -- shared pieces ----------------------------------------------------------------------------------------------


def short(text: str, limit: int = 34) -> str:
    """Cut a label to ``limit`` characters with an ellipsis.

    >>> short("tumor-associated macrophage", 12)
    'tumor-assoc…'
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entity_kind(kg: KnowledgeGraph, entity_id: str) -> str:
    if not kg.has(entity_id):
        return "other"
    entity = kg.get(entity_id)
    if isinstance(entity, CellType):
        return "cell"
    if isinstance(entity, Molecule):
        return "metabolite" if entity.molecule_type.value == "metabolite" else "molecule"
    return entity.kind.value


def target_label(kg: KnowledgeGraph, entity_id: str) -> str:
    """A display name with a molecule's gene symbol when it differs: ``PD-1 (PDCD1)``."""
    if not kg.has(entity_id):
        return entity_id
    entity = kg.get(entity_id)
    label = short_label(entity)
    symbol = getattr(entity, "symbol", None)
    return f"{label} ({symbol})" if symbol and symbol != label else label


# -- answer layouts for the visual exports (one node per entity) --------------------------------------------------

#: Pixels per column and per row when a layered layout is used by the exports.
COLUMN_PX = 300.0
ROW_PX = 72.0


def answer_layout(
    sub: KnowledgeGraph,
    layers: dict[str, int],
    lanes: dict[str, int | None],
    roles: dict[str, str],
    links: list[tuple[str, str]],
) -> AnswerLayout:
    """Complete the layers with every linked entity of the answer's graph (processes in the column before tumor
    growth, anything else in a bottom lane beside its first neighbour) and turn rows and columns into pixels.
    Entities without an edge keep the default placement (rows below; hidden in the HTML view unless asked)."""
    process_column = max(layers.values(), default=0) + 1
    for inter in sub.interactions:
        sender, receiver = endpoints(inter)
        links.extend([(sender, receiver), (sender, inter.process)])
        for node in (sender, receiver, inter.process):
            if node not in layers and sub.has(node) and sub.get(node).kind.value == "process":
                layers[node], lanes[node] = process_column, None
    for node in (n for edge in links for n in edge):
        if node not in layers and node != TUMOR_GROWTH:
            near = [layers[m] for a, b in links for m in (a, b) if node in (a, b) and m in layers]
            layers[node], lanes[node] = (min(near) if near else 1), 3
    layers[TUMOR_GROWTH], lanes[TUMOR_GROWTH] = process_column + 1, None
    links.extend((p, TUMOR_GROWTH) for p, layer in layers.items() if layer == process_column)
    positions = layered_positions(layers, lanes, links)
    pixels = {n: (round(x * COLUMN_PX, 2), round(y * ROW_PX, 2)) for n, (x, y) in positions.items()}
    return AnswerLayout(pixels, roles)
