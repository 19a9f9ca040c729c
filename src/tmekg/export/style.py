"""The one style table every visual writer reads: node kind -> shape, colour and size; tumor outcome -> edge
colour; sign -> arrowhead; evidence level -> edge width; edge kind -> line style. Shapes and arrowheads are
Cytoscape.js names, and each writer maps them to its own vocabulary with the tables below (GEXF, Graphviz); line
style names (solid, dashed, dotted) are the same words in GEXF ``viz:shape``, Graphviz ``style``, Cytoscape.js
``line-style``, CX2 ``EDGE_LINE_STYLE`` and the HTML view.

A line style means one thing in every format: solid, a curated statement (or a summary of curated statements:
effect, polarity and bundle edges); dashed, a therapy action; dotted, a pair imported from an external resource
(no sign, no outcome: a grey line without an arrowhead)."""

from __future__ import annotations

from dataclasses import dataclass

from tmekg.vocab import EvidenceLevel, TumorOutcome

__all__ = [
    "ANSWER_ROLE_COLORS",
    "DOT_ARROWS",
    "DOT_SHAPES",
    "EDGE_LINE_STYLES",
    "EDGE_OUTCOME_COLORS",
    "EVIDENCE_WIDTH",
    "GEXF_SHAPES",
    "IMPORTED_EDGE_COLOR",
    "IMPORTED_EDGE_WIDTH",
    "LINE_STYLES",
    "NODE_STYLES",
    "SIGN_ARROWS",
    "SIGN_COLORS",
    "SIGN_NAMES",
    "THERAPY_EDGE_COLOR",
    "NodeStyle",
]


@dataclass(frozen=True)
class NodeStyle:
    """How a kind of node looks: Cytoscape.js shape name, fill colour, size in pixels."""

    shape: str
    color: str
    size: float


#: Node kind -> style. Shapes are Cytoscape.js names; each writer maps them to its own vocabulary.
NODE_STYLES: dict[str, NodeStyle] = {
    "cell": NodeStyle("ellipse", "#4E79A7", 46.0),
    "molecule": NodeStyle("round-rectangle", "#F28E2B", 34.0),
    "metabolite": NodeStyle("diamond", "#EDC948", 34.0),
    "therapy": NodeStyle("triangle", "#59A14F", 40.0),
    "process": NodeStyle("rectangle", "#B07AA1", 38.0),
    "cancer": NodeStyle("octagon", "#E15759", 36.0),
    "imported": NodeStyle("round-rectangle", "#D5D8DC", 28.0),  # named only by an imported pair
    "other": NodeStyle("ellipse", "#BAB0AC", 26.0),
}

#: Tumor outcome -> edge colour (pro-tumor red, anti-tumor blue, context-dependent amber).
EDGE_OUTCOME_COLORS: dict[str, str] = {
    TumorOutcome.PRO_TUMOR.value: "#C0392B",
    TumorOutcome.ANTI_TUMOR.value: "#2471A3",
    TumorOutcome.CONTEXT_DEPENDENT.value: "#D68910",
}
#: Colour of therapy -> target edges.
THERAPY_EDGE_COLOR = "#17A589"
#: Colour and width of an imported pair's edge (ligand -> receptor, as the resource lists it).
IMPORTED_EDGE_COLOR = "#95A5A6"
IMPORTED_EDGE_WIDTH = 1.5
#: The line styles, and what each means.
LINE_STYLES: dict[str, str] = {
    "solid": "a curated statement, or a summary of curated statements",
    "dashed": "a therapy action",
    "dotted": "a pair imported from an external resource (no sign, no outcome)",
}
#: Edge kind -> line style (a key of LINE_STYLES).
EDGE_LINE_STYLES: dict[str, str] = {
    "interaction": "solid",
    "bundle": "solid",
    "effect": "solid",
    "polarity": "solid",
    "therapy_action": "dashed",
    "imported": "dotted",
}
#: Sign -> name, arrowhead (Cytoscape.js names) and colour (for "colour by sign").
SIGN_NAMES: dict[int, str] = {1: "activating", -1: "inhibiting"}
SIGN_ARROWS: dict[int, str] = {1: "triangle", -1: "tee"}
SIGN_COLORS: dict[int, str] = {1: "#1E8449", -1: "#111111"}
#: Cytoscape.js shape -> Graphviz shape and extra style.
DOT_SHAPES: dict[str, tuple[str, str]] = {
    "ellipse": ("ellipse", "filled"),
    "round-rectangle": ("box", "filled,rounded"),
    "rectangle": ("box", "filled"),
    "diamond": ("diamond", "filled"),
    "triangle": ("triangle", "filled"),
    "octagon": ("octagon", "filled"),
}
#: Cytoscape.js arrowhead -> Graphviz arrowhead.
DOT_ARROWS: dict[str, str] = {"triangle": "normal", "tee": "tee", "none": "none"}
#: Cytoscape.js shape -> GEXF viz shape (GEXF has four: disc, square, diamond, triangle).
GEXF_SHAPES: dict[str, str] = {
    "ellipse": "disc",
    "round-rectangle": "square",
    "rectangle": "square",
    "diamond": "diamond",
    "triangle": "triangle",
    "octagon": "disc",
}
#: Evidence level -> edge width in pixels (stronger evidence, thicker edge).
EVIDENCE_WIDTH: dict[str, float] = {
    EvidenceLevel.CLINICAL.value: 6.0,
    EvidenceLevel.HUMAN_CORRELATIVE.value: 4.5,
    EvidenceLevel.MOUSE_IN_VIVO.value: 3.5,
    EvidenceLevel.IN_VITRO.value: 2.5,
    EvidenceLevel.REVIEW.value: 1.5,
}
#: An interaction's role in an answer -> edge colour (answer exports; the pictures use the same colours).
ANSWER_ROLE_COLORS: dict[str, str] = {
    "severed": "#17A589",
    "severed_harm": "#D68910",
    "severed_neutral": "#7F8C8D",
    "strengthened": "#2471A3",
    "escape": "#C0392B",
}
