"""GraphML for Cytoscape, yEd and Gephi, from the shared :mod:`~tmekg.export.view` projection.

Node ids are the CURIEs; every node has ``label`` and ``name`` (the display name, what Gephi and Cytoscape
show), ``kind``, ``shape``, ``color`` (``#RRGGBB``) and ``r``/``g``/``b``, ``size``, ``x``/``y`` (a layout).
Edges have an ``id`` (the interaction id, or ``<therapy>><target>``) repeated as ``edge_id`` for readers that
drop XML ids, ``label``, ``sign`` (+1/-1) and ``sign_name``, ``outcome``, ``evidence_level``, ``width``,
``color``, ``arrow`` and the interaction's details. GraphML has no lists: list values are joined by ``|``. Key
ids are ``n0…``/``e0…`` (unique), named by ``attr.name``. In yEd, map ``label``/``color``/``shape`` with
Edit › Properties Mapper. The graph's ``layers`` attribute names the layers it holds (``curated|imported:liana``),
each edge its ``layer`` and each node the ``layers`` that name it; ``line_style`` is the edge's line (solid,
dashed, dotted: :data:`tmekg.export.style.LINE_STYLES`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

from tmekg.export.fields import attribute_types, edge_fields, flat, node_fields
from tmekg.export.view_model import View

if TYPE_CHECKING:
    from tmekg.export.registry import ExportJob

__all__ = ["render", "to_graphml"]

_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_TYPES = {"integer": "int", "double": "double", "string": "string"}


def _keys(root: ET.Element, domain: str, prefix: str, rows: list[dict[str, Any]]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for i, (name, kind) in enumerate(attribute_types(rows).items()):
        key_id = f"{prefix}{i}"
        ET.SubElement(root, "key", {"id": key_id, "for": domain, "attr.name": name, "attr.type": _TYPES[kind]})
        ids[name] = key_id
    return ids


def _data(parent: ET.Element, keys: dict[str, str], row: dict[str, Any]) -> None:
    for name, value in row.items():
        ET.SubElement(parent, "data", {"key": keys[name]}).text = str(flat(value))


def to_graphml(view: View) -> str:
    """The GraphML text of ``view`` (UTF-8, directed)."""
    root = ET.Element(
        "graphml",
        {
            "xmlns": _NS,
            "xmlns:xsi": _XSI,
            "xsi:schemaLocation": f"{_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        },
    )
    node_rows = [{"name": n.label} | node_fields(n) for n in view.nodes]
    edge_rows = [{"name": e.label, "edge_id": e.id} | edge_fields(e) for e in view.edges]
    graph_keys = _keys(root, "graph", "g", [{"title": view.title, "layers": view.layer_names}])
    node_keys = _keys(root, "node", "n", node_rows)
    edge_keys = _keys(root, "edge", "e", edge_rows)
    graph = ET.SubElement(root, "graph", {"id": view.title, "edgedefault": "directed"})
    _data(graph, graph_keys, {"title": view.title, "layers": view.layer_names})
    for node, row in zip(view.nodes, node_rows, strict=True):
        _data(ET.SubElement(graph, "node", {"id": node.id}), node_keys, row)
    for edge, row in zip(view.edges, edge_rows, strict=True):
        element = ET.SubElement(graph, "edge", {"id": edge.id, "source": edge.source, "target": edge.target})
        _data(element, edge_keys, row)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render(job: ExportJob) -> str:
    return to_graphml(job.view())
