"""Graphviz DOT from the shared :mod:`~tmekg.export.view` projection.

Node ids are synthetic (``n0``, ``n1``…): a CURIE's colon would be read as a port. The CURIE is kept in
``tooltip``, ``id`` and ``URL`` (its resolver IRI). Shapes and fill colours by kind; edge colour by tumor
outcome, arrowhead by sign (``normal`` activating, ``tee`` inhibiting, ``none`` for an imported pair, which has
no sign), ``penwidth`` by evidence level, ``style`` by the line style of :mod:`tmekg.export.style` (solid a
curated statement, dashed a therapy action, dotted an imported pair). The layout is included as ``pos`` (render it
with ``neato -n``) and ``dot``/``sfdp`` lay it out anew. The graph attribute ``tmekg_layers`` names the layers the
file holds (``curated|imported:liana``; not Graphviz's own ``layers``, which would turn on layered drawing) and
each edge has its ``layer``; an imported edge carries its resource, version and licence, and no sign or outcome.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tmekg.export.fields import flat
from tmekg.export.style import DOT_ARROWS, DOT_SHAPES
from tmekg.export.view_model import View, ViewEdge
from tmekg.vocab import CURIE_PATTERNS, curie_to_iri

if TYPE_CHECKING:
    from tmekg.export.registry import ExportJob

__all__ = ["DOT_SHAPES", "quote", "render", "to_dot"]

_IMPORTED_ATTRS = ("resource", "resource_version", "licence", "resource_claim", "flags", "pair")


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


def _edge_attrs(edge: ViewEdge) -> dict[str, str | float | int]:
    attrs: dict[str, str | float | int] = {
        "id": edge.id,
        "label": edge.label,
        "tooltip": f"{edge.id}: {edge.attrs.get('summary', edge.label)}",
        "color": edge.color,
        "arrowhead": DOT_ARROWS[edge.arrow],
        "penwidth": edge.width,
        "style": edge.line_style,
        "kind": edge.kind,
        "layer": edge.layer,
    }
    if edge.signed:
        attrs |= {"sign": edge.sign, "outcome": edge.outcome, "evidence_level": edge.evidence_level}
    else:
        attrs |= {name: flat(edge.attrs.get(name, "")) for name in _IMPORTED_ATTRS}
    attrs["evidence"] = "|".join(edge.attrs.get("evidence", []))
    return attrs


def to_dot(view: View) -> str:
    """The DOT text of ``view`` (a ``digraph``)."""
    ids = {node.id: f"n{i}" for i, node in enumerate(view.nodes)}
    held = quote("|".join(view.layer_names))
    lines = [
        f"digraph {quote(view.title)} {{",
        f'  graph [overlap=false, splines=true, outputorder=edgesfirst, fontname="Helvetica", tmekg_layers={held}];',
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
        lines.append(f"  {ids[edge.source]} -> {ids[edge.target]} [{_attrs(_edge_attrs(edge))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(job: ExportJob) -> str:
    return to_dot(job.view())
