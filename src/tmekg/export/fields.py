"""The attribute rows writers serialise from a view's nodes and edges, with the scalar and colour helpers formats
without lists or CSS colours need (GraphML, GEXF, DOT, Cytoscape)."""

from __future__ import annotations

from typing import Any

from tmekg.export.view_model import ViewEdge, ViewNode

__all__ = ["attribute_types", "edge_fields", "flat", "node_fields", "rgb"]


def node_fields(node: ViewNode) -> dict[str, Any]:
    """Every attribute of a node (lists kept), style first: the rows every writer serialises."""
    r, g, b = rgb(node.color)
    base: dict[str, Any] = {"label": node.label, "kind": node.kind, "shape": node.shape, "color": node.color}
    base |= {"r": r, "g": g, "b": b, "size": node.size, "x": node.x, "y": node.y}
    return base | node.attrs


def edge_fields(edge: ViewEdge) -> dict[str, Any]:
    """Every attribute of an edge (lists kept), style first. An imported pair has no sign, outcome or evidence
    level, so it has none of those attributes."""
    base: dict[str, Any] = {"label": edge.label, "kind": edge.kind, "layer": edge.layer}
    if edge.signed:
        base |= {
            "sign": edge.sign,
            "sign_name": edge.sign_name,
            "outcome": edge.outcome,
            "evidence_level": edge.evidence_level,
        }
    base |= {"color": edge.color}
    if edge.signed:
        base["sign_color"] = edge.sign_color
    base |= {"width": edge.width, "arrow": edge.arrow, "line_style": edge.line_style}
    return base | edge.attrs


def attribute_types(rows: list[dict[str, Any]]) -> dict[str, str]:
    """The type of each attribute over ``rows``, in first-seen order: ``integer``, ``double`` or ``string``
    (lists count as strings: writers without lists join them with ``|``)."""
    types: dict[str, str] = {}
    for row in rows:
        for name, value in row.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                kind = "string"
            else:
                kind = "double" if isinstance(value, float) else "integer"
            seen = types.get(name)
            if seen is None or seen == kind:
                types[name] = kind
            elif {seen, kind} == {"integer", "double"}:
                types[name] = "double"
            else:
                types[name] = "string"
    return types


def flat(value: Any) -> str | int | float:
    """A scalar for formats without lists: lists joined by ``|``."""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float | str):
        return value
    return str(value)


def rgb(color: str) -> tuple[int, int, int]:
    """``#RRGGBB`` -> ``(r, g, b)``.

    >>> rgb("#C0392B")
    (192, 57, 43)
    """
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
