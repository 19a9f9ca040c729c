"""A self-contained, offline HTML view of a knowledge graph (or of an answer's subgraph).

The whole graph opens on an overview: the cell types (subtypes with few statements folded into their parent) and
the processes they drive, one edge per cell, process and sign with the count of statements, and each process's
edge to tumor growth; a click on a cell or a process opens its focus (its neighbourhood, layered: senders, the
entity, receivers, processes, tumor growth), and "whole graph" shows everything. Search uses the resolver's rules
(:mod:`tmekg.names`: case, spacing, hyphens, Greek letters and their short forms, British spellings, previous HGNC
symbols, plurals; each node carries its keys and the page folds a query with the same tables) and zooms to the hit;
a name no key reaches is matched by a small edit distance in the page (the command line suggests names with
rapidfuzz instead, which a self-contained page cannot load);
``#entity=HGNC:17635`` opens that entity's focus. Cards show enum values by their human labels, with a line
saying what each means. An answer's view (``therapy``/``path --export x.html``) opens on its layered layout.

One file: the data as JSON in a ``<script type="application/json">`` block (``<``, ``>``, ``&`` escaped as
``\\u003c``…), and the project's own stylesheet and script (``view.css``, ``view.js`` beside this module: SVG
drawing of the :mod:`~tmekg.export.view` projection and its layout, pan and zoom, search, filters by kind,
outcome and cancer, entity and interaction cards with citations, colour by outcome or by sign). No third-party
code, no CDN, no network: a Content-Security-Policy allows only the inline script and style by their hashes,
so even injected markup could neither run nor load anything. The script builds the page with ``textContent``.

The layers the view holds are named in the page header, in ``<meta name="tmekg-layers">`` and in the data
(``layers``). An imported pair is a dotted grey edge with a card that gives its resource, version, licence and
claim (never a sign or outcome); line styles and what they mean come from :mod:`tmekg.export.style`.
"""

from __future__ import annotations

import base64
import hashlib
import json
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from tmekg.export.labels import ENUMS, explain, field_label, human, short_name
from tmekg.export.style import (
    ANSWER_ROLE_COLORS,
    EDGE_OUTCOME_COLORS,
    IMPORTED_EDGE_COLOR,
    LINE_STYLES,
    NODE_STYLES,
    THERAPY_EDGE_COLOR,
)
from tmekg.export.view_model import View, ViewEdge, ViewNode
from tmekg.names import GREEK, GREEK_SHORT, SPELLINGS, hgnc_symbols, name_keys

if TYPE_CHECKING:
    from tmekg.export.registry import ExportJob

__all__ = ["overview", "render", "script_json", "to_html", "view_data"]

_KIND_LABELS = {
    "cell": "cell",
    "molecule": "molecule",
    "metabolite": "metabolite",
    "therapy": "therapy",
    "process": "process",
    "cancer": "cancer",
    "imported": "molecule named only by an imported pair",
    "other": "other",
}
_OUTCOME_LABELS = {
    "pro_tumor": "pro-tumor",
    "anti_tumor": "anti-tumor",
    "context_dependent": "context-dependent",
    "therapy": "therapy action",
    "imported": "imported pair (no sign or outcome)",
}
_NODE_DETAILS: tuple[str, ...] = ("symbol", "synonyms", "description", "molecule_type", "uniprot", "categories")
_NODE_DETAILS += ("subunits", "broader", "context", "polarity", "modality", "status", "approval_year", "layers")
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
_EDGE_DETAILS += ("confidence", "evidence", "note", "count", "signals", "interactions", "answer_role")
_EDGE_DETAILS += ("resource", "resource_version", "licence", "resource_claim", "flags", "pair")
_ROLE_LABELS = {
    "severed": "cut by the therapy (benefit)",
    "severed_harm": "cut by the therapy (harm: an anti-tumor signal)",
    "severed_neutral": "lost with its receiving cell",
    "strengthened": "strengthened by the therapy",
    "escape": "escape route left open",
}
#: A cell with fewer statements than this (sent and received) is folded into its parent cell in the overview.
OVERVIEW_MIN_STATEMENTS = 8


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
    """``[field label, value (enum values by their human labels), explanation]`` for each field that has a value."""
    rows: list[list[Any]] = []
    for name in names:
        value = attrs.get(name)
        if value in (None, "", 0, []):
            continue
        if name == "answer_role":
            rows.append(["in this answer", _ROLE_LABELS.get(str(value), str(value)), ""])
        elif name in ENUMS or name == "cic_step":
            values = value if isinstance(value, list) else [value]
            shown = [human(name, v) for v in values]
            notes = [note for v in values if (note := explain(name, v))]
            rows.append([field_label(name), shown if isinstance(value, list) else shown[0], "; ".join(notes)])
        else:
            rows.append([field_label(name), value, ""])
    return rows


def _node(node: ViewNode, degree: int) -> dict[str, Any]:
    names = [str(node.attrs.get("symbol") or ""), *node.attrs.get("synonyms", [])]
    previous = [symbol for _, symbol in hgnc_symbols().get(node.id, ())]
    keys = name_keys(n for n in (node.label, node.id, *names, *previous) if n)
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
        "keys": keys,
        "broader": node.attrs.get("broader", ""),
        "polarity": node.attrs.get("polarity", 0),
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
        "line": edge.line_style,
        "layer": edge.layer,
        "summary": edge.attrs.get("summary", ""),
        "contexts": edge.attrs.get("contexts", []),
        "evidence": edge.attrs.get("evidence", []),
        "citations": edge.attrs.get("citations", []),
        "mentions": _mentions(edge),
        "process": edge.attrs.get("process", ""),
        "count": edge.attrs.get("count", 1),
        "role": edge.attrs.get("answer_role", ""),
        "details": _details(edge.attrs, _EDGE_DETAILS),
    }


def _mentions(edge: ViewEdge) -> list[str]:
    """Ids an edge names besides its endpoints (ligand, receptor, mediators, process)."""
    a = edge.attrs
    ids = [a.get("ligand", ""), a.get("receptor", ""), *a.get("mediators", []), a.get("process", "")]
    return [i for i in dict.fromkeys(ids) if i and i not in (edge.source, edge.target)]


def _cell_groups(view: View) -> dict[str, str]:
    """Each cell -> the overview cell it is shown as: itself when it has enough statements, else its nearest
    broader cell that has (itself when none has)."""
    cells = {n.id: n for n in view.nodes if n.kind == "cell"}
    count: dict[str, int] = {}
    for edge in view.edges:
        if edge.kind in ("interaction", "bundle"):
            for end in (edge.source, edge.target):
                count[end] = count.get(end, 0) + int(edge.attrs.get("count", 1))
    kept = {c for c in cells if count.get(c, 0) >= OVERVIEW_MIN_STATEMENTS}
    groups = {}
    for cell in cells:
        up, seen = cell, set()
        while up not in kept and up in cells and up not in seen:
            seen.add(up)
            up = str(cells[up].attrs.get("broader") or "")
        groups[cell] = up if up in kept else cell
    return groups


def overview(view: View) -> dict[str, Any]:
    """The overview: cells (folded into their parent when they have few statements) -> the processes they drive
    (one edge per cell, process and sign, with the count of statements) -> tumor growth; laid out in columns
    (cells, processes with the anti-tumor ones on top, tumor growth) by :func:`~tmekg.export.layered
    .layered_positions`."""
    from tmekg.export.diagram import layered_positions

    nodes = {n.id: n for n in view.nodes}
    groups = _cell_groups(view)
    members: dict[str, list[str]] = {}
    for cell, group in sorted(groups.items()):
        if cell != group:
            members.setdefault(group, []).append(cell)
    edges: dict[tuple[str, str, int], dict[str, Any]] = {}
    left_out = 0
    for edge in view.edges:
        if edge.kind == "effect" or (
            edge.kind in ("interaction", "bundle") and edge.target == edge.attrs.get("process")
        ):
            if edge.source not in groups:
                left_out += int(edge.attrs.get("count", 1))
                continue
            key = (groups[edge.source], edge.target, edge.sign)
            item = edges.setdefault(key, {"count": 0, "outcomes": {}, "edges": []})
            item["count"] += int(edge.attrs.get("count", 1))
            item["outcomes"][edge.outcome] = item["outcomes"].get(edge.outcome, 0) + 1
            item["edges"].append(edge.id)
    polarity = [e for e in view.edges if e.kind == "polarity"]
    processes = {p for _, p, _ in edges} | {e.source for e in polarity}
    sink = {e.target for e in polarity}
    # sorted: the column order seeds the layout, and a set's order depends on the hash seed
    layers = {g: 0 for g, _, _ in edges} | dict.fromkeys(sorted(processes), 1) | dict.fromkeys(sorted(sink), 2)
    lanes: dict[str, int | None] = {g: None for g, _, _ in edges}
    lanes |= {p: 0 if nodes[p].attrs.get("polarity", 1) < 0 else 1 for p in sorted(processes)} | dict.fromkeys(sink)
    links = [(g, p) for g, p, _ in edges] + [(e.source, e.target) for e in polarity]
    pos = layered_positions(layers, lanes, links)
    column_x = (0.0, 250.0, 600.0)
    out_nodes = []
    for node_id, (x, y) in sorted(pos.items(), key=lambda item: (item[1][0], item[1][1])):
        node = nodes[node_id]
        count = sum(v["count"] for (g, _, _), v in edges.items() if node_id in (g,))
        if node.kind == "cell":
            name = short_name(node.label, node.attrs.get("synonyms", []))
            folded = len(members.get(node_id, []))
            name += f" (+{folded} subtype{'s' if folded > 1 else ''})" if folded else ""
        else:
            name = node.label if len(node.label) <= 36 else node.label[:35].rstrip() + "…"
        out_nodes.append(
            {
                "id": node_id,
                "label": name,
                "full": node.label,
                "kind": node.kind,
                "color": node.color,
                "x": column_x[int(x)],
                "y": round(y * 27.0, 2),
                "members": members.get(node_id, []),
                "count": count,
            }
        )
    out_edges = []
    for (group, process, sign), item in sorted(edges.items()):
        outcome = max(item["outcomes"], key=lambda o: (item["outcomes"][o], o))
        out_edges.append(
            {
                "id": f"overview|{group}|{process}|{sign:+d}",
                "source": group,
                "target": process,
                "sign": sign,
                "arrow": "triangle" if sign > 0 else "tee",
                "outcome": outcome,
                "color": EDGE_OUTCOME_COLORS.get(outcome, "#888888"),
                "count": item["count"],
                "edges": item["edges"],
            }
        )
    for edge in polarity:
        out_edges.append(
            {
                "id": edge.id,
                "source": edge.source,
                "target": edge.target,
                "sign": edge.sign,
                "arrow": edge.arrow,
                "outcome": edge.outcome,
                "color": edge.color,
                "count": 0,
                "edges": [edge.id],
            }
        )
    return {"nodes": out_nodes, "edges": out_edges, "left_out": left_out}


def view_data(view: View, show_isolated: bool = False) -> dict[str, Any]:
    """The JSON the page's script reads."""
    cancers = {n.id: n.label for n in view.nodes if n.kind == "cancer"}
    for edge in view.edges:
        for context in edge.attrs.get("contexts", []):
            cancers.setdefault(context, view.labels.get(context, context))
    outcomes = EDGE_OUTCOME_COLORS | {"therapy": THERAPY_EDGE_COLOR}
    if any(not edge.signed for edge in view.edges):
        outcomes["imported"] = IMPORTED_EDGE_COLOR
    degree: dict[str, int] = {}
    for edge in view.edges:
        for end in (edge.source, edge.target):
            degree[end] = degree.get(end, 0) + 1
    answer = view.layered
    roles = sorted({str(e.attrs["answer_role"]) for e in view.edges if e.attrs.get("answer_role")})
    return {
        "title": view.title,
        "layers": list(view.layers) or [{"layer": name} for name in view.layer_names],
        "start": "answer" if answer else "overview",
        "showIsolated": show_isolated,
        "nodes": [_node(n, degree.get(n.id, 0)) for n in view.nodes],
        "edges": [_edge(e) for e in view.edges],
        "labels": view.labels,
        "kinds": {k: {"label": _KIND_LABELS[k], "color": s.color, "shape": s.shape} for k, s in NODE_STYLES.items()},
        "outcomes": {k: {"label": _OUTCOME_LABELS[k], "color": c} for k, c in outcomes.items()},
        "roles": {r: {"label": _ROLE_LABELS.get(r, r), "color": ANSWER_ROLE_COLORS.get(r, "#888888")} for r in roles},
        "cancers": [{"id": i, "label": label} for i, label in sorted(cancers.items(), key=lambda c: c[1].lower())],
        "overview": overview(view) if not answer else {"nodes": [], "edges": [], "left_out": 0},
        "greek": GREEK,
        "spellings": SPELLINGS,
        "greekShort": list(GREEK_SHORT),
    }


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


_BODY = """<header>
<h1 id="title"></h1>
<span id="layers"></span>
<input id="search" type="search" placeholder="Search a name, symbol or id (PD L1, TGF-β…)" autocomplete="off">
<button id="search-go" type="button">Search</button>
<span id="modes"><button id="mode-overview" type="button" data-mode="overview">Overview</button>
<button id="mode-all" type="button" data-mode="all">Whole graph</button></span>
<span>colour edges by
<label><input type="radio" name="colorby" value="outcome" checked> tumor outcome</label>
<label><input type="radio" name="colorby" value="sign"> sign</label></span>
</header>
<div id="results"></div>
<aside id="filters">
<h3>Node kind</h3><div id="kinds"></div>
<h3>Tumor outcome</h3><div id="outcomes"></div>
<h3 id="roles-title">In this answer</h3><div id="roles"></div>
<h3>Cancer</h3><select id="cancer"></select>
<label><input id="isolated" type="checkbox"> show entities without edges (whole graph)</label>
<h3>Reading the graph</h3>
<p>Overview: each cell type on the left, the processes it raises (▶) or lowers (⊣) in the middle, the number of
statements on the edge, and what each process does to tumor growth on the right. Click a cell or a process to
open its neighbourhood. Edge colour: tumor outcome (red helps the tumor, blue works against it). Width: evidence
(thickest = clinical) or number of statements. {lines} Faint lines in a neighbourhood lead on to what a
statement names or drives. Links: add <code>#entity=ID</code> to the address to open an entity.</p>
</aside>
<main id="stage">
<div id="crumb"></div>
<svg id="graph" xmlns="http://www.w3.org/2000/svg"><g id="viewport"><g id="edges"></g><g id="nodes"></g></g></svg>
<div class="tools"><button id="zoom-in" type="button">+</button><button id="zoom-out" type="button">−</button>
<button id="zoom-fit" type="button">fit</button></div>
<div id="count"></div>
</main>
<aside id="card"><p class="hint">Click a node or an edge, or search an entity.</p></aside>
"""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def to_html(view: View, show_isolated: bool = False) -> str:
    """The HTML text of ``view``; ``show_isolated`` draws the entities without edges from the start."""
    package = files("tmekg.export")
    css = package.joinpath("view.css").read_text(encoding="utf-8")
    script = package.joinpath("view.js").read_text(encoding="utf-8")
    if "</" in script or "</" in css:
        raise ValueError("view.js and view.css must not contain '</'")
    policy = (
        f"default-src 'none'; script-src '{_sha256(script)}'; style-src '{_sha256(css)}'; "
        "img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )
    title = _escape(view.title)
    held = _escape(" ".join(view.layer_names))
    lines = " ".join(f"{style.capitalize()}: {meaning}." for style, meaning in LINE_STYLES.items())
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="tmekg">\n'
        f'<meta name="tmekg-layers" content="{held}">\n'
        f"<title>{title}</title>\n<style>{css}</style>\n</head>\n<body>\n{_BODY.replace('{lines}', lines)}"
        f'<script type="application/json" id="tmekg-data">{script_json(view_data(view, show_isolated))}</script>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def render(job: ExportJob) -> str:
    """The HTML view keeps every entity (for search and focus) and hides the isolated ones unless asked."""
    view = job.view(isolated=True)
    return to_html(view, show_isolated=job.isolated and not view.layered)
