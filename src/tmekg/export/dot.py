"""Graphviz DOT from the shared :mod:`~tmekg.export.view` projection.

Node ids are synthetic (``n0``, ``n1``…): a CURIE's colon would be read as a port. The CURIE is kept in
``tooltip``, ``id`` and ``URL`` (its resolver IRI). Shapes and fill colours by kind; edge colour by tumor
outcome, arrowhead by sign (``normal`` activating, ``tee`` inhibiting), ``penwidth`` by evidence level. The
layout is included as ``pos`` (render it with ``neato -n``) and ``dot``/``sfdp`` lay it out anew.
"""

from __future__ import annotations

from tmekg.export.view import View
from tmekg.vocab import CURIE_PATTERNS, curie_to_iri

__all__ = ["DOT_SHAPES", "quote", "to_dot"]

#: Cytoscape.js shape -> Graphviz shape (and extra style).
DOT_SHAPES: dict[str, tuple[str, str]] = {
    "ellipse": ("ellipse", "filled"),
    "round-rectangle": ("box", "filled,rounded"),
    "rectangle": ("box", "filled"),
    "diamond": ("diamond", "filled"),
    "triangle": ("triangle", "filled"),
    "octagon": ("octagon", "filled"),
}
_ARROWS = {"triangle": "normal", "tee": "tee"}


def quote(text: str) -> str:
    r"""A DOT double-quoted string: backslashes and quotes escaped, newlines as ``\n``.

    >>> quote('say "hi"')
    '"say \\"hi\\""'
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{escaped}"'


def _attrs(pairs: dict[str, str | float | int]) -> str:
    return ", ".join(f"{k}={v if isinstance(v, int | float) else quote(v)}" for k, v in pairs.items())


def _url(curie: str) -> str:
    prefix = curie.partition(":")[0]
    return curie_to_iri(curie) if prefix in CURIE_PATTERNS else ""


def to_dot(view: View) -> str:
    """The DOT text of ``view`` (a ``digraph``)."""
    ids = {node.id: f"n{i}" for i, node in enumerate(view.nodes)}
    lines = [
        f"digraph {quote(view.title)} {{",
        '  graph [overlap=false, splines=true, outputorder=edgesfirst, fontname="Helvetica"];',
        '  node [fontname="Helvetica", fontsize=10, penwidth=1];',
        '  edge [fontname="Helvetica", fontsize=8];',
    ]
    for node in view.nodes:
        shape, style = DOT_SHAPES[node.shape]
        attrs: dict[str, str | float | int] = {
            "label": node.label,
            "tooltip": node.id,
            "id": node.id,
            "shape": shape,
            "style": style,
            "fillcolor": node.color,
            "kind": node.kind,
            "pos": f"{node.x:.2f},{-node.y:.2f}",
        }
        if url := _url(node.id):
            attrs["URL"] = url
        lines.append(f"  {ids[node.id]} [{_attrs(attrs)}];")
    for edge in view.edges:
        evidence = edge.attrs.get("evidence", [])
        attrs = {
            "id": edge.id,
            "label": edge.label,
            "tooltip": f"{edge.id}: {edge.attrs.get('summary', edge.label)}",
            "color": edge.color,
            "arrowhead": _ARROWS[edge.arrow],
            "penwidth": edge.width,
            "style": "dashed" if edge.kind == "therapy_action" else "solid",
            "sign": edge.sign,
            "outcome": edge.outcome,
            "evidence_level": edge.evidence_level,
            "evidence": "|".join(evidence),
        }
        lines.append(f"  {ids[edge.source]} -> {ids[edge.target]} [{_attrs(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
