"""The records of the visual projection (:mod:`tmekg.export.view`): nodes, edges and the view that holds them,
each with its style; writers read these and nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tmekg.export.style import EDGE_LINE_STYLES, SIGN_COLORS, SIGN_NAMES
from tmekg.importers.base import CURATED_LAYER

__all__ = ["View", "ViewEdge", "ViewNode"]


@dataclass(frozen=True)
class ViewNode:
    """A node: id (CURIE), label, kind and style, position, and scalar or list details."""

    id: str
    label: str
    kind: str
    shape: str
    color: str
    size: float
    x: float = 0.0
    y: float = 0.0
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ViewEdge:
    """An edge (an interaction or a therapy action) with its style and its n-ary details in ``attrs``."""

    id: str
    source: str
    target: str
    label: str
    kind: str  # "interaction", "therapy_action", "effect", "polarity", "bundle" or "imported"
    sign: int  # +1 or -1; 0 for an imported pair, which has none
    outcome: str  # a TumorOutcome value, "therapy" for therapy actions, "imported" for imported pairs
    evidence_level: str
    color: str
    width: float
    arrow: str
    attrs: dict[str, Any] = field(default_factory=dict)
    layer: str = CURATED_LAYER

    @property
    def sign_name(self) -> str:
        return SIGN_NAMES.get(self.sign, "")

    @property
    def sign_color(self) -> str:
        return SIGN_COLORS.get(self.sign, self.color)

    @property
    def line_style(self) -> str:
        """solid, dashed or dotted: what the line means is in :data:`tmekg.export.style.LINE_STYLES`."""
        return EDGE_LINE_STYLES[self.kind]

    @property
    def signed(self) -> bool:
        """Whether the edge carries a sign and an outcome (an imported pair does not)."""
        return self.kind != "imported"


@dataclass(frozen=True)
class View:
    """The projection: nodes in a stable order (kind, then id), edges in a stable order (kind, then id)."""

    title: str
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    #: labels of every entity of the graph, drawn or not (cards name ligands, receptors and cancers by them)
    labels: dict[str, str] = field(default_factory=dict)
    #: positions come from an answer's layered layout
    layered: bool = False
    #: the layers the view holds: curated, then each imported tier with its provenance
    layers: tuple[dict[str, Any], ...] = ()

    @property
    def layer_names(self) -> list[str]:
        return [str(layer["layer"]) for layer in self.layers] or [CURATED_LAYER]

    def node(self, node_id: str) -> ViewNode:
        return next(n for n in self.nodes if n.id == node_id)

    def edge(self, edge_id: str) -> ViewEdge:
        return next(e for e in self.edges if e.id == edge_id)
