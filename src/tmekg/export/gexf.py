"""GEXF 1.3 for Gephi, from the shared :mod:`~tmekg.export.view` projection, with ``viz`` styling.

Written by hand (not networkx: its 1.3 writer misspells the XSI namespace, adds ``graph@name`` and crashes on
lists). Nodes carry ``viz:color``, ``viz:position``, ``viz:size`` and ``viz:shape`` (disc, square, diamond,
triangle: GEXF's four shapes); edges ``viz:color`` (tumor outcome), ``viz:thickness`` and ``weight`` (evidence
level) and ``viz:shape`` (the line style of :mod:`tmekg.export.style`: solid a curated statement, dashed a therapy
action, dotted an imported pair). Attributes are declared per class with GEXF types; list values are joined by
``|``. The layers the file holds are in ``meta/keywords`` (``layers: curated, imported:liana``) and the
description; each edge has its ``layer``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

from tmekg.export.fields import attribute_types, edge_fields, flat, node_fields, rgb
from tmekg.export.style import GEXF_SHAPES
from tmekg.export.view_model import View

if TYPE_CHECKING:
    from tmekg.export.registry import ExportJob

__all__ = ["GEXF_NS", "GEXF_SHAPES", "VIZ_NS", "render", "to_gexf"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
# attributes that GEXF carries natively (id, label, viz) are not repeated as attvalues
_NATIVE = {"label", "color", "r", "g", "b", "size", "x", "y", "shape"}


def _attributes(graph: ET.Element, klass: str, rows: list[dict[str, Any]]) -> list[str]:
    element = ET.SubElement(graph, "attributes", {"class": klass, "mode": "static"})
    names = []
    for name, kind in attribute_types(rows).items():
        ET.SubElement(element, "attribute", {"id": name, "title": name, "type": kind})
        names.append(name)
    return names


def _attvalues(parent: ET.Element, row: dict[str, Any]) -> None:
    values = ET.SubElement(parent, "attvalues")
    for name, value in row.items():
        ET.SubElement(values, "attvalue", {"for": name, "value": str(flat(value))})


def _color(parent: ET.Element, color: str) -> None:
    r, g, b = rgb(color)
    ET.SubElement(parent, "viz:color", {"r": str(r), "g": str(g), "b": str(b)})


def to_gexf(view: View) -> str:
    """The GEXF 1.3 text of ``view`` (directed, static)."""
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    held = ", ".join(view.layer_names)
    ET.SubElement(meta, "creator").text = "tmekg"
    ET.SubElement(meta, "keywords").text = f"layers: {held}"
    ET.SubElement(meta, "description").text = f"{view.title}: tumor-immune interactions (layers: {held})"
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    node_rows = [{k: v for k, v in node_fields(n).items() if k not in _NATIVE} for n in view.nodes]
    edge_rows = [{k: v for k, v in edge_fields(e).items() if k not in _NATIVE} for e in view.edges]
    _attributes(graph, "node", node_rows)
    _attributes(graph, "edge", edge_rows)
    nodes = ET.SubElement(graph, "nodes")
    for node, row in zip(view.nodes, node_rows, strict=True):
        element = ET.SubElement(nodes, "node", {"id": node.id, "label": node.label})
        _attvalues(element, row)
        _color(element, node.color)
        ET.SubElement(element, "viz:position", {"x": str(node.x), "y": str(-node.y), "z": "0.0"})
        ET.SubElement(element, "viz:size", {"value": str(node.size / 4)})
        ET.SubElement(element, "viz:shape", {"value": GEXF_SHAPES[node.shape]})
    edges = ET.SubElement(graph, "edges")
    for edge, row in zip(view.edges, edge_rows, strict=True):
        attrs = {"id": edge.id, "source": edge.source, "target": edge.target, "label": edge.label}
        element = ET.SubElement(edges, "edge", attrs | {"weight": str(edge.width)})
        _attvalues(element, row)
        _color(element, edge.color)
        ET.SubElement(element, "viz:thickness", {"value": str(edge.width)})
        ET.SubElement(element, "viz:shape", {"value": edge.line_style})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render(job: ExportJob) -> str:
    return to_gexf(job.view())
