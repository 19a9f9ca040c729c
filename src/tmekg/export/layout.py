"""Where the nodes of a view go: a deterministic spring layout per connected component (fixed seed, fixed node
order, so the same whatever ``PYTHONHASHSEED``), components packed in rows, loose nodes below; and the
:class:`AnswerLayout` an answer's layered diagram (:mod:`tmekg.export.layered`) uses instead."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tmekg.export.view_model import ViewEdge

__all__ = ["AnswerLayout", "spring_layout"]


def _component(graph: Any, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Spring layout of one connected component (``nodes`` in a fixed order), in pixels, with its top-left corner
    at (0, 0). The component is copied into a new graph in that order: ``graph.subgraph`` iterates a small node
    set in set order, which depends on the hash seed, and spring_layout's result depends on the node order."""
    import networkx as nx

    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    sub: nx.Graph[str] = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(sorted(tuple(sorted(e)) for e in graph.subgraph(nodes).edges))
    raw = nx.spring_layout(sub, k=3.0 / len(sub) ** 0.5, iterations=200, seed=7)
    scale = 95.0 * len(sub) ** 0.5
    xs = [float(p[0]) * scale for p in raw.values()]
    ys = [float(p[1]) * scale for p in raw.values()]
    x0, y0 = min(xs), min(ys)
    return {n: (float(p[0]) * scale - x0, float(p[1]) * scale - y0) for n, p in raw.items()}


def spring_layout(node_ids: list[str], edges: list[ViewEdge]) -> dict[str, tuple[float, float]]:
    """A deterministic layout in pixels: each connected component laid out by networkx's spring layout (fixed
    seed), components packed in rows, largest first; nodes without edges in rows below, in ``node_ids`` order."""
    import networkx as nx

    graph: nx.Graph[str] = nx.Graph()
    graph.add_edges_from((e.source, e.target) for e in edges)
    order = {n: i for i, n in enumerate(node_ids)}
    components = [sorted(c, key=lambda n: (order.get(n, len(order)), n)) for c in nx.connected_components(graph)]
    components.sort(key=lambda c: (-len(c), order.get(c[0], len(order)), c[0]))
    pos: dict[str, tuple[float, float]] = {}
    blocks = [_component(graph, c) for c in components]
    gap = 90.0
    sizes = [(max(bx for bx, _ in b.values()) + gap, max(by for _, by in b.values()) + gap) for b in blocks]
    area = sum(w * h for w, h in sizes)
    width = max([w for w, _ in sizes] + [(area * 1.6) ** 0.5, 900.0])  # about 1.6 times wider than high
    x = y = row_height = 0.0
    for block in blocks:
        w = max(bx for bx, _ in block.values())
        h = max(by for _, by in block.values())
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        pos.update({n: (round(x + bx, 2), round(y + by, 2)) for n, (bx, by) in block.items()})
        x += w + gap
        row_height = max(row_height, h)
    bottom = y + row_height + 2 * gap if pos else 0.0
    rest = [n for n in node_ids if n not in pos]
    per_row = max(int(width // 110), 6)
    for i, node in enumerate(rest):
        row, col = divmod(i, per_row)
        pos[node] = (round(col * 110.0, 2), round(bottom + row * 80.0, 2))
    return pos


@dataclass(frozen=True)
class AnswerLayout:
    """Where an answer puts things: node positions in pixels and a role for each interaction edge (severed,
    strengthened, escape...). Built by
    :func:`tmekg.export.layered.therapy_layout` and :func:`tmekg.export.layered_path.path_layout`."""

    positions: Mapping[str, tuple[float, float]]
    roles: Mapping[str, str] = field(default_factory=dict)
