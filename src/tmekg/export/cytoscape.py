"""Cytoscape exports from the shared :mod:`~tmekg.export.view` projection.

- ``cyjs``: Cytoscape.js / Cytoscape desktop JSON (``elements.nodes[].data`` with ``id`` = CURIE and ``name`` =
  display name, kept distinct; ``position`` from the layout; edge ``id`` = interaction id, stable). Lists stay
  lists.
- the style file written beside it, ``<stem>.style.json``: Cytoscape desktop's JSON style format (a list
  holding one style with ``title`` and ``style`` = Cytoscape.js selectors); import it in Cytoscape desktop
  with File › Import › Styles from File, or pass its ``style`` to ``cytoscape({style})``.
- ``cx2``: Cytoscape CX2 (aspects ``CXVersion``, ``metaData``, ``attributeDeclarations``,
  ``networkAttributes``, ``nodes``, ``edges``, ``visualProperties`` with mappings, ``status``).

Both name the layers they hold in the network's ``layers`` (``data.layers`` in cyjs, a ``networkAttributes`` list in
CX2); each edge has its ``layer``. Line styles come from :mod:`tmekg.export.style` (solid a curated statement,
dashed a therapy action, dotted an imported pair: grey, no arrowhead, no sign or outcome).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tmekg.export.fields import edge_fields, node_fields
from tmekg.export.style import (
    EDGE_LINE_STYLES,
    EDGE_OUTCOME_COLORS,
    EVIDENCE_WIDTH,
    IMPORTED_EDGE_COLOR,
    NODE_STYLES,
    SIGN_ARROWS,
    SIGN_COLORS,
    THERAPY_EDGE_COLOR,
)
from tmekg.export.view_model import View

if TYPE_CHECKING:
    from tmekg.export.registry import ExportJob

__all__ = ["paths", "render", "style_json", "style_path", "to_cx2", "to_cyjs"]

_HEADER = {"format_version": "1.0", "generated_by": "tmekg", "target_cytoscapejs_version": "~2.1"}
_DEFAULT_NODE = "#BAB0AC"
_DEFAULT_EDGE = "#888888"


def _dumps(data: Any) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def to_cyjs(view: View) -> str:
    """Cytoscape.js JSON (the ``.cyjs`` format Cytoscape desktop reads and writes)."""
    nodes = []
    for node in view.nodes:
        data = {"id": node.id, "name": node.label, "shared_name": node.label, "curie": node.id}
        data |= {k: v for k, v in node_fields(node).items() if k not in ("x", "y")}
        nodes.append({"data": data, "position": {"x": node.x, "y": node.y}})
    edges = []
    for edge in view.edges:
        data = {"id": edge.id, "source": edge.source, "target": edge.target, "name": edge.label}
        data |= {"shared_name": edge.label, "interaction": edge.label} | edge_fields(edge)
        edges.append({"data": data})
    network = {"name": view.title, "shared_name": view.title, "layers": view.layer_names}
    return _dumps(_HEADER | {"data": network, "elements": {"nodes": nodes, "edges": edges}})


def style_rules() -> list[dict[str, Any]]:
    """Cytoscape.js stylesheet rules: shape/colour by kind, colour by outcome, arrow by sign, width by evidence."""
    rules: list[dict[str, Any]] = [
        {
            "selector": "node",
            "css": {
                "label": "data(name)",
                "background-color": _DEFAULT_NODE,
                "font-size": 11,
                "text-valign": "bottom",
                "text-margin-y": 4,
                "text-wrap": "wrap",
                "text-max-width": 120,
                "border-width": 1,
                "border-color": "#333333",
            },
        }
    ]
    for kind, style in NODE_STYLES.items():
        css = {"shape": style.shape, "background-color": style.color, "width": style.size, "height": style.size}
        rules.append({"selector": f'node[kind = "{kind}"]', "css": css})
    rules.append(
        {
            "selector": "edge",
            "css": {
                "curve-style": "bezier",
                "width": 2,
                "line-color": _DEFAULT_EDGE,
                "target-arrow-shape": "triangle",
                "target-arrow-color": _DEFAULT_EDGE,
                "arrow-scale": 1.2,
                "opacity": 0.85,
            },
        }
    )
    for outcome, color in EDGE_OUTCOME_COLORS.items():
        rules.append({"selector": f'edge[outcome = "{outcome}"]', "css": {"line-color": color}})
    rules.append({"selector": 'edge[kind = "therapy_action"]', "css": {"line-color": THERAPY_EDGE_COLOR}})
    imported = {"line-color": IMPORTED_EDGE_COLOR, "target-arrow-shape": "none", "width": 1.5}
    rules.append({"selector": 'edge[kind = "imported"]', "css": imported})
    for kind, line in EDGE_LINE_STYLES.items():
        rules.append({"selector": f'edge[kind = "{kind}"]', "css": {"line-style": line}})
    for sign, arrow in SIGN_ARROWS.items():
        css = {"target-arrow-shape": arrow, "target-arrow-color": SIGN_COLORS[sign]}
        rules.append({"selector": f"edge[sign = {sign}]", "css": css})
    for level, width in EVIDENCE_WIDTH.items():
        rules.append({"selector": f'edge[evidence_level = "{level}"]', "css": {"width": width}})
    rules.append({"selector": ":selected", "css": {"border-width": 4, "border-color": "#000000"}})
    return rules


def style_json(title: str = "tmekg") -> str:
    """The ``<stem>.style.json`` text: Cytoscape desktop's JSON style list with one style."""
    return _dumps([_HEADER | {"title": title, "style": style_rules()}])


# -- CX2 --------------------------------------------------------------------------------------------------------


def _cx2_type(values: list[Any]) -> str:
    kinds = set()
    for value in values:
        if isinstance(value, list):
            kinds.add("list_of_string")
        elif isinstance(value, bool) or not isinstance(value, int | float):
            kinds.add("string")
        else:
            kinds.add("double" if isinstance(value, float) else "integer")
    if kinds == {"integer", "double"}:
        return "double"
    return kinds.pop() if len(kinds) == 1 else "string"


def _declare(rows: list[dict[str, Any]]) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    values: dict[str, list[Any]] = {}
    for row in rows:
        for name, value in row.items():
            values.setdefault(name, []).append(value)
    types = {name: _cx2_type(vals) for name, vals in values.items()}
    return {name: {"d": kind} for name, kind in types.items()}, types


def _cast(value: Any, kind: str) -> Any:
    if kind == "list_of_string":
        return [str(v) for v in value]
    if kind == "string":
        return value if isinstance(value, str) else json.dumps(value)
    if kind == "double":
        return float(value)
    return value


def _discrete(attribute: str, kind: str, mapping: dict[Any, Any]) -> dict[str, Any]:
    entries = [{"v": value, "vp": vp} for value, vp in mapping.items()]
    return {"type": "DISCRETE", "definition": {"attribute": attribute, "type": kind, "map": entries}}


def _visual_properties() -> dict[str, Any]:
    node_mapping = {
        "NODE_LABEL": {"type": "PASSTHROUGH", "definition": {"attribute": "name", "type": "string"}},
        "NODE_BACKGROUND_COLOR": _discrete("kind", "string", {k: s.color for k, s in NODE_STYLES.items()}),
        "NODE_SHAPE": _discrete("kind", "string", {k: s.shape for k, s in NODE_STYLES.items()}),
        "NODE_WIDTH": _discrete("kind", "string", {k: s.size for k, s in NODE_STYLES.items()}),
        "NODE_HEIGHT": _discrete("kind", "string", {k: s.size for k, s in NODE_STYLES.items()}),
    }
    edge_colors = EDGE_OUTCOME_COLORS | {"therapy": THERAPY_EDGE_COLOR}
    edge_mapping = {
        "EDGE_LINE_COLOR": _discrete("outcome", "string", edge_colors),
        "EDGE_TARGET_ARROW_SHAPE": _discrete("sign", "integer", SIGN_ARROWS),
        "EDGE_TARGET_ARROW_COLOR": _discrete("sign", "integer", SIGN_COLORS),
        "EDGE_WIDTH": _discrete("evidence_level", "string", EVIDENCE_WIDTH),
        "EDGE_LINE_STYLE": _discrete("kind", "string", EDGE_LINE_STYLES),
    }
    default = {
        "network": {"NETWORK_BACKGROUND_COLOR": "#FFFFFF"},
        "node": {
            "NODE_BACKGROUND_COLOR": _DEFAULT_NODE,
            "NODE_SHAPE": "ellipse",
            "NODE_WIDTH": 30.0,
            "NODE_HEIGHT": 30.0,
            "NODE_BORDER_WIDTH": 1.0,
            "NODE_LABEL_FONT_SIZE": 11,
        },
        "edge": {  # what an edge without a mapped value gets: only an imported pair lacks outcome and sign
            "EDGE_LINE_COLOR": IMPORTED_EDGE_COLOR,
            "EDGE_WIDTH": 1.5,
            "EDGE_TARGET_ARROW_SHAPE": "none",
            "EDGE_LINE_STYLE": "solid",
        },
    }
    return {"default": default, "nodeMapping": node_mapping, "edgeMapping": edge_mapping}


def to_cx2(view: View) -> str:
    """Cytoscape CX2 JSON: integer element ids, ``name`` and ``curie`` attributes, visual properties."""
    index = {node.id: i for i, node in enumerate(view.nodes)}
    node_rows = [
        {"name": n.label, "curie": n.id} | {k: v for k, v in node_fields(n).items() if k not in ("x", "y")}
        for n in view.nodes
    ]
    edge_rows = [{"name": e.label, "edge_id": e.id, "interaction": e.label} | edge_fields(e) for e in view.edges]
    node_decl, node_types = _declare(node_rows)
    edge_decl, edge_types = _declare(edge_rows)
    nodes = [
        {"id": i, "x": n.x, "y": n.y, "v": {k: _cast(v, node_types[k]) for k, v in row.items()}}
        for i, (n, row) in enumerate(zip(view.nodes, node_rows, strict=True))
    ]
    edges = [
        {"id": i, "s": index[e.source], "t": index[e.target], "v": {k: _cast(v, edge_types[k]) for k, v in row.items()}}
        for i, (e, row) in enumerate(zip(view.edges, edge_rows, strict=True))
    ]
    network = {"name": {"d": "string"}, "layers": {"d": "list_of_string"}}
    declarations = {"networkAttributes": network, "nodes": node_decl, "edges": edge_decl}
    aspects: list[tuple[str, list[Any]]] = [
        ("attributeDeclarations", [declarations]),
        ("networkAttributes", [{"name": view.title, "layers": view.layer_names}]),
        ("nodes", nodes),
        ("edges", edges),
        ("visualProperties", [_visual_properties()]),
    ]
    document: list[dict[str, Any]] = [{"CXVersion": "2.0", "hasFragments": False}]
    document.append({"metaData": [{"name": name, "elementCount": len(items)} for name, items in aspects]})
    document += [{name: items} for name, items in aspects]
    document.append({"status": [{"error": "", "success": True}]})
    return _dumps(document)


def style_path(path: Path) -> Path:
    """Where the Cytoscape style of a ``cyjs`` export goes: ``<stem>.style.json`` beside it."""
    return path.with_name(f"{path.stem}.style.json")


def paths(path: Path) -> list[Path]:
    """The files a ``cyjs`` export to ``path`` writes: the graph, its style, and the manifest (written last)."""
    return [path, style_path(path), path.with_name(f"{path.stem}.manifest.json")]


def render(job: ExportJob) -> Any:
    """``cyjs``: ``{graph path: text, style path: text}``; ``cx2``: the CX2 text."""
    view = job.view()
    if job.fmt.value == "cx2":
        return to_cx2(view)
    path = job.path if job.path is not None else Path("graph.cyjs")
    return {path: to_cyjs(view), style_path(path): style_json(job.title)}
