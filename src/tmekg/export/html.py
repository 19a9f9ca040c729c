"""A self-contained, offline HTML view of a knowledge graph (or of an answer's subgraph).

One file: the data as JSON in a ``<script type="application/json">`` block (``<``, ``>``, ``&`` escaped as
``\\u003c``…), and the project's own stylesheet and script (``view.css``, ``view.js`` beside this module: SVG
drawing of the :mod:`~tmekg.export.view` projection and its layout, pan and zoom, search, filters by kind,
outcome and cancer, entity and interaction cards with citations, colour by outcome or by sign). No third-party
code, no CDN, no network: a Content-Security-Policy allows only the inline script and style by their hashes,
so even injected markup could neither run nor load anything. The script builds the page with ``textContent``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from importlib.resources import files
from typing import Any

from tmekg.export.view import (
    EDGE_OUTCOME_COLORS,
    NODE_STYLES,
    THERAPY_EDGE_COLOR,
    View,
    ViewEdge,
    ViewNode,
)

__all__ = ["script_json", "to_html"]

_KIND_LABELS = {
    "cell": "cell",
    "molecule": "molecule",
    "metabolite": "metabolite",
    "therapy": "therapy",
    "process": "process",
    "cancer": "cancer",
    "other": "other",
}
_OUTCOME_LABELS = {
    "pro_tumor": "pro-tumor",
    "anti_tumor": "anti-tumor",
    "context_dependent": "context-dependent",
    "therapy": "therapy action",
}
_NODE_DETAILS: tuple[str, ...] = ("symbol", "synonyms", "description", "molecule_type", "uniprot", "categories")
_NODE_DETAILS += ("subunits", "broader", "context", "polarity", "modality", "status", "approval_year")
_EDGE_DETAILS: tuple[str, ...] = ("mechanism", "action", "ligand", "receptor", "mediators", "process", "therapy")
_EDGE_DETAILS += (
    "hijacked_function",
    "hijacked_category",
    "outcome_note",
    "cic_step",
    "contexts",
    "species",
    "evidence_level",
)
_EDGE_DETAILS += ("confidence", "evidence", "note")


def script_json(data: Any) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>``, ``&`` and the line separators escaped.

    >>> script_json({"a": "</script><b>&"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _details(attrs: dict[str, Any], names: tuple[str, ...]) -> list[list[Any]]:
    return [[name.replace("_", " "), attrs[name]] for name in names if attrs.get(name) not in (None, "", 0, [])]


def _node(node: ViewNode, degree: int) -> dict[str, Any]:
    names = [str(node.attrs.get("symbol") or ""), *node.attrs.get("synonyms", [])]
    return {
        "id": node.id,
        "label": node.label,
        "kind": node.kind,
        "color": node.color,
        "shape": node.shape,
        "size": node.size,
        "x": node.x,
        "y": node.y,
        "names": [n for n in names if n],
        "degree": degree,
        "details": _details(node.attrs, _NODE_DETAILS),
    }


def _edge(edge: ViewEdge) -> dict[str, Any]:
    return {
        "id": edge.id,
        "source": edge.source,
        "target": edge.target,
        "label": edge.label,
        "kind": edge.kind,
        "sign": edge.sign,
        "sign_name": edge.sign_name,
        "sign_color": edge.sign_color,
        "outcome": edge.outcome,
        "color": edge.color,
        "width": edge.width,
        "arrow": edge.arrow,
        "summary": edge.attrs.get("summary", ""),
        "contexts": edge.attrs.get("contexts", []),
        "evidence": edge.attrs.get("evidence", []),
        "citations": edge.attrs.get("citations", []),
        "mentions": _mentions(edge),
        "details": _details(edge.attrs, _EDGE_DETAILS),
    }


def _mentions(edge: ViewEdge) -> list[str]:
    """Ids an edge names besides its endpoints (ligand, receptor, mediators, process)."""
    a = edge.attrs
    ids = [a.get("ligand", ""), a.get("receptor", ""), *a.get("mediators", []), a.get("process", "")]
    return [i for i in dict.fromkeys(ids) if i and i not in (edge.source, edge.target)]


def view_data(view: View) -> dict[str, Any]:
    """The JSON the page's script reads."""
    cancers = {n.id: n.label for n in view.nodes if n.kind == "cancer"}
    for edge in view.edges:
        for context in edge.attrs.get("contexts", []):
            cancers.setdefault(context, context)
    outcomes = EDGE_OUTCOME_COLORS | {"therapy": THERAPY_EDGE_COLOR}
    degree: dict[str, int] = {}
    for edge in view.edges:
        for end in (edge.source, edge.target):
            degree[end] = degree.get(end, 0) + 1
    return {
        "title": view.title,
        "nodes": [_node(n, degree.get(n.id, 0)) for n in view.nodes],
        "edges": [_edge(e) for e in view.edges],
        "kinds": {k: {"label": _KIND_LABELS[k], "color": s.color, "shape": s.shape} for k, s in NODE_STYLES.items()},
        "outcomes": {k: {"label": _OUTCOME_LABELS[k], "color": c} for k, c in outcomes.items()},
        "cancers": [{"id": i, "label": label} for i, label in sorted(cancers.items(), key=lambda c: c[1].lower())],
    }


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


_BODY = """<header>
<h1 id="title"></h1>
<input id="search" type="search" placeholder="Search an entity (name, symbol, id)" autocomplete="off">
<button id="search-go" type="button">Search</button>
<span>colour edges by
<label><input type="radio" name="colorby" value="outcome" checked> tumor outcome</label>
<label><input type="radio" name="colorby" value="sign"> sign</label></span>
</header>
<div id="results"></div>
<aside id="filters">
<h3>Node kind</h3><div id="kinds"></div>
<h3>Tumor outcome</h3><div id="outcomes"></div>
<h3>Cancer</h3><select id="cancer"></select>
<label><input id="isolated" type="checkbox"> show entities without edges</label>
<h3>Reading the graph</h3>
<p>Edge colour: tumor outcome (or sign). Arrowhead: ▶ activating, ⊣ inhibiting. Width: evidence level
(thickest = clinical). Dashed: therapy action. Click a node or an edge for its card.</p>
</aside>
<main id="stage">
<svg id="graph" xmlns="http://www.w3.org/2000/svg"><g id="viewport"><g id="edges"></g><g id="nodes"></g></g></svg>
<div class="tools"><button id="zoom-in" type="button">+</button><button id="zoom-out" type="button">−</button>
<button id="zoom-fit" type="button">fit</button></div>
<div id="count"></div>
</main>
<aside id="card"><p class="hint">Click a node or an edge, or search an entity.</p></aside>
"""


def to_html(view: View) -> str:
    """The HTML text of ``view``."""
    package = files("tmekg.export")
    css = package.joinpath("view.css").read_text(encoding="utf-8")
    script = package.joinpath("view.js").read_text(encoding="utf-8")
    if "</" in script or "</" in css:
        raise ValueError("view.js and view.css must not contain '</'")
    policy = (
        f"default-src 'none'; script-src '{_sha256(script)}'; style-src '{_sha256(css)}'; "
        "img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    title = view.title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="tmekg">\n'
        f"<title>{title}</title>\n<style>{css}</style>\n</head>\n<body>\n{_BODY}"
        f'<script type="application/json" id="tmekg-data">{script_json(view_data(view))}</script>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )
