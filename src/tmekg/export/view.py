"""The one visual projection of a knowledge graph that every graph-visualizer writer uses.

:func:`project` turns a :class:`~tmekg.kg.KnowledgeGraph` (the whole graph or an answer's subgraph) into
:class:`ViewNode` and :class:`ViewEdge` records that carry their style (``color``, ``shape``, ``width``…), a
deterministic layout and their details (citations, n-ary fields). Writers only serialise it. The layout is the
same whatever the hash seed (``PYTHONHASHSEED``) and whatever imported tiers are added.

How an interaction becomes one edge, "where that reads best":

- sender cell -> receiver cell, when the statement names both (``source`` and ``target``);
- otherwise ligand -> receptor, when it names both;
- otherwise the sender (source cell, ligand, first mediator or receptor) -> the receiver cell, or -> the
  process when there is no receiver.

Processes and tumor growth are nodes with edges: each sender -> process pair carries one ``effect`` edge (kind
``effect``, id ``effect|<sender>|<process>|<sign>``) standing for the interactions by which that sender raises or
lowers the process, with their ``count``; each process has a ``polarity`` edge to tumor growth (kind
``polarity``, id ``polarity|<process>``, pro-tumor when the process helps the tumor) when tumor growth is in the
graph. With ``bundle=True`` the interactions joining the same two nodes with the same outcome and sign are one
edge (kind ``bundle``, id ``bundle|<from>|<to>|<outcome>|<sign>``) with their ``count`` and ids. Entities that no
edge touches are left out unless ``isolated=True``.

The edge id is the interaction id. The n-ary detail (ligand, receptor, mediators, process, effect, mechanism, tumor
outcome, hijacked function, evidence ids and level, citations, cancer contexts) stays on the edge. A therapy action
is an edge therapy -> target with id ``<therapy>|<target>`` (``TherapyAction.id``). Ids an interaction names that
are not in the graph (a subgraph may leave them out) become plain nodes of kind ``other`` labelled with the id.
Entities that no edge touches (a molecule named only inside cell -> cell interactions), when kept, are laid out in
rows below the connected graph. An answer's layout (``layout``: positions and roles from
:mod:`tmekg.export.layered`) replaces the spring layout and marks each edge with its ``answer_role`` (severed,
strengthened, escape) and the colour of that role.

Layers: every edge carries its ``layer`` (``curated``, or ``imported:<resource>``) and every node the
``layers`` that name it; the view's ``layers`` list what it holds. An imported pair (``tiers``) is a grey, dotted
``binds (imported)`` edge from its ligand to its receptor (kind ``imported``, id the pair's id, with
``|<ligand>|<receptor>`` added when a complex the curated graph does not have is drawn member by member), carrying
the resource, its version and licence, its evidence ids, its own claim and the import flags, and never a sign,
an outcome or an evidence level; a molecule that only imported pairs name is a node of kind ``imported``
labelled with its symbol, laid out in rows below the curated graph (a spring layout of thousands of imported
pairs would take minutes). A pair with a side tmekg could not resolve to an id is not drawn (the layer's
``drawn_pairs`` says how many are).

>>> from tmekg.model import Cancer
>>> view = project(KnowledgeGraph(cancers=(Cancer(id="MONDO:0005105", label="melanoma"),)), isolated=True)
>>> [(n.id, n.kind, n.shape, n.color) for n in view.nodes]
[('MONDO:0005105', 'cancer', 'octagon', '#E15759')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tmekg.actions import spec
from tmekg.answers import citation, function_label
from tmekg.export.style import (
    ANSWER_ROLE_COLORS,
    EDGE_LINE_STYLES,
    EDGE_OUTCOME_COLORS,
    EVIDENCE_WIDTH,
    IMPORTED_EDGE_COLOR,
    IMPORTED_EDGE_WIDTH,
    NODE_STYLES,
    SIGN_ARROWS,
    SIGN_COLORS,
    SIGN_NAMES,
    THERAPY_EDGE_COLOR,
    NodeStyle,
)
from tmekg.importers.base import CURATED_LAYER, ImportedPair, Tier
from tmekg.kg import KnowledgeGraph
from tmekg.model import CellType, Entity, Interaction, Molecule, Process, Therapy, TherapyAction
from tmekg.vocab import TUMOR_GROWTH, EvidenceLevel, MoleculeType, TumorOutcome

__all__ = [
    "EDGE_OUTCOME_COLORS",
    "EVIDENCE_WIDTH",
    "NODE_STYLES",
    "SIGN_ARROWS",
    "SIGN_COLORS",
    "SIGN_NAMES",
    "THERAPY_EDGE_COLOR",
    "AnswerLayout",
    "NodeStyle",
    "View",
    "ViewEdge",
    "ViewNode",
    "attribute_types",
    "edge_fields",
    "flat",
    "imported_edges",
    "node_fields",
    "project",
    "rgb",
    "style_kind",
]


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


def style_kind(entity: Entity) -> str:
    """The visual kind of an entity: cell, molecule, metabolite, therapy, process or cancer."""
    if isinstance(entity, CellType):
        return "cell"
    if isinstance(entity, Molecule):
        return "metabolite" if entity.molecule_type is MoleculeType.METABOLITE else "molecule"
    return entity.kind.value


def _node_attrs(entity: Entity) -> dict[str, Any]:
    attrs: dict[str, Any] = {"entity_kind": entity.kind.value, "description": entity.description}
    attrs["synonyms"] = list(entity.synonyms)
    if isinstance(entity, CellType):
        attrs["broader"] = entity.broader or ""
        attrs["context"] = entity.context or ""
    elif isinstance(entity, Molecule):
        attrs["molecule_type"] = entity.molecule_type.value
        attrs["symbol"] = entity.symbol or ""
        attrs["uniprot"] = entity.uniprot or ""
        attrs["categories"] = [c.value for c in entity.categories]
        attrs["subunits"] = list(entity.subunits)
    elif isinstance(entity, Process):
        attrs["polarity"] = entity.polarity
    elif isinstance(entity, Therapy):
        attrs["modality"] = entity.modality.value
        attrs["status"] = entity.status.value
        attrs["approval_year"] = entity.approval_year or 0
    return attrs


def endpoints(inter: Interaction) -> tuple[str, str]:
    """The (from, to) node ids of the edge that shows ``inter`` (see the module docstring)."""
    if inter.source and inter.target:
        return inter.source, inter.target
    if inter.ligand and inter.receptor:
        return inter.ligand, inter.receptor
    sender = inter.source or inter.ligand or (inter.mediators[0] if inter.mediators else None) or inter.receptor
    assert sender is not None  # the model requires a sender
    receiver = inter.target if inter.target and inter.target != sender else inter.process
    return sender, receiver


def _interaction_edge(kg: KnowledgeGraph, inter: Interaction) -> ViewEdge:
    source, target = endpoints(inter)
    via = " → ".join(kg.label(m) for m in (inter.ligand, inter.receptor) if m)
    label = via or inter.mechanism.value
    attrs: dict[str, Any] = {
        "ligand": inter.ligand or "",
        "receptor": inter.receptor or "",
        "mediators": list(inter.mediators),
        "sites": [str(x) for x in inter.sites],
        "directions": [str(x) for x in inter.directions],
        "sender": inter.source or "",
        "receiver": inter.target or "",
        "process": inter.process,
        "process_label": kg.label(inter.process),
        "effect": inter.effect,
        "mechanism": inter.mechanism.value,
        "tumor_outcome": inter.tumor_outcome.value,
        "hijacked_function": function_label(kg, inter) or "",
        "hijacked_category": category.value if (category := kg.hijacked_category(inter)) else "",
        "hijacked_note": inter.hijacked_note or "",
        "outcome_note": inter.outcome_note or "",
        "cic_step": inter.cic_step or 0,
        "contexts": list(inter.contexts),
        "species": [s.value for s in inter.species],
        "evidence": list(inter.evidence),
        "evidence_level": inter.evidence_level.value,
        "citations": [citation(r) for r in kg.references_for(inter.evidence)],
        "confidence": inter.confidence.value,
        "summary": inter.summary,
    }
    return ViewEdge(
        id=inter.id,
        source=source,
        target=target,
        label=label,
        kind="interaction",
        sign=inter.effect,
        outcome=inter.tumor_outcome.value,
        evidence_level=inter.evidence_level.value,
        color=EDGE_OUTCOME_COLORS[inter.tumor_outcome.value],
        width=EVIDENCE_WIDTH[inter.evidence_level.value],
        arrow=SIGN_ARROWS[inter.effect],
        attrs=attrs,
    )


def _action_edge(kg: KnowledgeGraph, action: TherapyAction) -> ViewEdge:
    target_sign = spec(action.action).target_sign
    sign = 1 if target_sign is None else target_sign  # a drug-made action drives its process up
    attrs: dict[str, Any] = {
        "therapy": action.therapy,
        "action": action.action.value,
        "effector": list(action.effector),
        "process": action.process or "",
        "effect": sign,
        "evidence": list(action.evidence),
        "evidence_level": action.evidence_level.value,
        "citations": [citation(r) for r in kg.references_for(action.evidence)],
        "note": action.note or "",
    }
    return ViewEdge(
        id=action.id,
        source=action.therapy,
        target=action.target,
        label=action.action.value,
        kind="therapy_action",
        sign=sign,
        outcome="therapy",
        evidence_level=action.evidence_level.value,
        color=THERAPY_EDGE_COLOR,
        width=EVIDENCE_WIDTH[action.evidence_level.value],
        arrow=SIGN_ARROWS[sign],
        attrs=attrs,
    )


def _component_layout(graph: Any, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Spring layout of one connected component (``nodes`` in a fixed order), in pixels, with its top-left corner
    at (0, 0). The component is copied into a new graph in that order: ``graph.subgraph`` iterates a small node
    set in set order, which depends on the hash seed, and spring_layout's result depends on the node order."""
    import networkx as nx

    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    sub: nx.Graph[str] = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(sorted(tuple(sorted(e)) for e in graph.subgraph(nodes).edges))
    raw = nx.spring_layout(sub, k=3.0 / len(sub) ** 0.5, iterations=200, seed=7)
    scale = 95.0 * len(sub) ** 0.5
    xs = [float(p[0]) * scale for p in raw.values()]
    ys = [float(p[1]) * scale for p in raw.values()]
    x0, y0 = min(xs), min(ys)
    return {n: (float(p[0]) * scale - x0, float(p[1]) * scale - y0) for n, p in raw.items()}


def _layout(node_ids: list[str], edges: list[ViewEdge]) -> dict[str, tuple[float, float]]:
    """A deterministic layout in pixels: each connected component laid out by networkx's spring layout (fixed
    seed), components packed in rows, largest first; nodes without edges in rows below, in ``node_ids`` order."""
    import networkx as nx

    graph: nx.Graph[str] = nx.Graph()
    graph.add_edges_from((e.source, e.target) for e in edges)
    order = {n: i for i, n in enumerate(node_ids)}
    components = [sorted(c, key=lambda n: (order.get(n, len(order)), n)) for c in nx.connected_components(graph)]
    components.sort(key=lambda c: (-len(c), order.get(c[0], len(order)), c[0]))
    pos: dict[str, tuple[float, float]] = {}
    blocks = [_component_layout(graph, c) for c in components]
    gap = 90.0
    sizes = [(max(bx for bx, _ in b.values()) + gap, max(by for _, by in b.values()) + gap) for b in blocks]
    area = sum(w * h for w, h in sizes)
    width = max([w for w, _ in sizes] + [(area * 1.6) ** 0.5, 900.0])  # about 1.6 times wider than high
    x = y = row_height = 0.0
    for block in blocks:
        w = max(bx for bx, _ in block.values())
        h = max(by for _, by in block.values())
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        pos.update({n: (round(x + bx, 2), round(y + by, 2)) for n, (bx, by) in block.items()})
        x += w + gap
        row_height = max(row_height, h)
    bottom = y + row_height + 2 * gap if pos else 0.0
    rest = [n for n in node_ids if n not in pos]
    per_row = max(int(width // 110), 6)
    for i, node in enumerate(rest):
        row, col = divmod(i, per_row)
        pos[node] = (round(col * 110.0, 2), round(bottom + row * 80.0, 2))
    return pos


@dataclass(frozen=True)
class AnswerLayout:
    """Where an answer puts things: node positions in pixels and a role for each interaction edge (severed,
    strengthened, escape...). Built by :func:`tmekg.export.layered.therapy_layout` and ``path_layout``."""

    positions: Mapping[str, tuple[float, float]]
    roles: Mapping[str, str] = field(default_factory=dict)


_STRENGTH = [level.value for level in EvidenceLevel]  # strongest first


def _strongest(levels: list[str]) -> str:
    return min(levels, key=_STRENGTH.index)


def _effect_edges(kg: KnowledgeGraph, edges: list[ViewEdge]) -> list[ViewEdge]:
    """Sender -> process edges (one per sender, process and sign, with the count of interactions) and process
    -> tumor growth polarity edges."""
    groups: dict[tuple[str, str, int], list[Interaction]] = defaultdict(list)
    for inter in kg.interactions:
        sender, receiver = endpoints(inter)
        if receiver != inter.process:  # an edge that already ends on its process needs no second one
            groups[(sender, inter.process, inter.effect)].append(inter)
    out = []
    for (sender, process, sign), inters in sorted(groups.items()):
        outcomes = {i.tumor_outcome.value for i in inters}
        outcome = outcomes.pop() if len(outcomes) == 1 else TumorOutcome.CONTEXT_DEPENDENT.value
        level = _strongest([i.evidence_level.value for i in inters])
        verb = "increases" if sign > 0 else "decreases"
        attrs: dict[str, Any] = {
            "count": len(inters),
            "interactions": [i.id for i in inters],
            "process": process,
            "process_label": kg.label(process),
            "effect": sign,
            "evidence": sorted({r for i in inters for r in i.evidence}),
            "evidence_level": level,
            "summary": f"{kg.label(sender)} {verb} {kg.label(process)} ({len(inters)} interaction(s))",
        }
        out.append(
            ViewEdge(
                id=f"effect|{sender}|{process}|{sign:+d}",
                source=sender,
                target=process,
                label=f"{verb} ({len(inters)})",
                kind="effect",
                sign=sign,
                outcome=outcome,
                evidence_level=level,
                color=EDGE_OUTCOME_COLORS[outcome],
                width=EVIDENCE_WIDTH[level],
                arrow=SIGN_ARROWS[sign],
                attrs=attrs,
            )
        )
    if kg.has(TUMOR_GROWTH):
        drawn = {e.target for e in (*edges, *out)} | {e.source for e in (*edges, *out)}
        for proc in kg.processes:
            if proc.id == TUMOR_GROWTH or proc.id not in drawn:
                continue
            sign = proc.polarity
            outcome = TumorOutcome.PRO_TUMOR.value if sign > 0 else TumorOutcome.ANTI_TUMOR.value
            verb = "raises" if sign > 0 else "lowers"
            out.append(
                ViewEdge(
                    id=f"polarity|{proc.id}",
                    source=proc.id,
                    target=TUMOR_GROWTH,
                    label=f"{verb} tumor growth",
                    kind="polarity",
                    sign=sign,
                    outcome=outcome,
                    evidence_level=EvidenceLevel.REVIEW.value,
                    color=EDGE_OUTCOME_COLORS[outcome],
                    width=1.5,
                    arrow=SIGN_ARROWS[sign],
                    attrs={"polarity": sign, "summary": f"{proc.label} {verb} tumor growth"},
                )
            )
    return out


def _bundled(edges: list[ViewEdge]) -> list[ViewEdge]:
    """Interaction edges joining the same two nodes with the same outcome and sign, as one edge with a count."""
    groups: dict[tuple[str, str, str, int], list[ViewEdge]] = defaultdict(list)
    out = []
    for edge in edges:
        if edge.kind == "interaction":
            groups[(edge.source, edge.target, edge.outcome, edge.sign)].append(edge)
        else:
            out.append(edge)
    for (source, target, outcome, sign), members in sorted(groups.items()):
        if len(members) == 1:
            out.append(members[0])
            continue
        level = _strongest([e.evidence_level for e in members])
        labels = list(dict.fromkeys(e.label for e in members))
        attrs: dict[str, Any] = {
            "count": len(members),
            "interactions": [e.id for e in members],
            "signals": labels,
            "evidence": sorted({r for e in members for r in e.attrs.get("evidence", [])}),
            "citations": sorted({c for e in members for c in e.attrs.get("citations", [])}),
            "evidence_level": level,
            "tumor_outcome": outcome,
            "effect": sign,
            "contexts": sorted({c for e in members for c in e.attrs.get("contexts", [])}),
            "summary": f"{len(members)} interactions: " + "; ".join(labels[:6]) + ("…" if len(labels) > 6 else ""),
        }
        out.append(
            ViewEdge(
                id=f"bundle|{source}|{target}|{outcome}|{sign:+d}",
                source=source,
                target=target,
                label=f"{len(members)} interactions",
                kind="bundle",
                sign=sign,
                outcome=outcome,
                evidence_level=level,
                color=members[0].color,
                width=EVIDENCE_WIDTH[level] + min(len(members), 12) * 0.5,
                arrow=SIGN_ARROWS[sign],
                attrs=attrs,
            )
        )
    return out


def _pair_side(kg: KnowledgeGraph, ids: tuple[str, ...]) -> list[str]:
    """The node(s) one side of an imported pair is drawn at: a curated complex with exactly these subunits, else
    each member."""
    if len(ids) > 1:
        for complex_id in sorted(kg.complexes_of(ids[0])):
            entity = kg.get(complex_id)
            if isinstance(entity, Molecule) and set(entity.subunits) == set(ids):
                return [complex_id]
    return list(dict.fromkeys(ids))


def _pair_labels(pair: ImportedPair) -> dict[str, str]:
    """Id -> the symbol the resource gave it (when every member resolved, so that the two lists line up)."""
    labels: dict[str, str] = {}
    for ids, symbols in ((pair.ligand_ids, pair.ligand_symbols), (pair.receptor_ids, pair.receptor_symbols)):
        if len(ids) == len(symbols):
            labels.update(zip(ids, symbols, strict=True))
    return labels


def imported_edges(kg: KnowledgeGraph, tier: Tier) -> tuple[list[ViewEdge], dict[str, str], int]:
    """The edges of one imported tier, the labels of the ids they name, and how many pairs were not drawn (a
    side with no resolved id)."""
    edges: list[ViewEdge] = []
    labels: dict[str, str] = {}
    skipped = 0
    for pair in tier.pairs:
        ligands, receptors = _pair_side(kg, pair.ligand_ids), _pair_side(kg, pair.receptor_ids)
        if not ligands or not receptors:
            skipped += 1
            continue
        labels.update(_pair_labels(pair))
        ends = [(ligand, receptor) for ligand in ligands for receptor in receptors]
        for ligand, receptor in ends:
            attrs: dict[str, Any] = {
                "pair": pair.id,
                "resource": tier.resource,
                "resource_version": tier.version,
                "licence": tier.licence,
                "ligand": ligand,
                "receptor": receptor,
                "resource_ligand": pair.ligand,
                "resource_receptor": pair.receptor,
                "evidence": list(pair.evidence),
                "resource_claim": pair.claim,
                "flags": list(pair.flags),
                "source_id": pair.source_id,
                "summary": f"{pair.ligand} binds {pair.receptor} according to {tier.resource} {tier.version} "
                f"({tier.licence}); imported, with no tmekg sign or outcome",
            }
            edges.append(
                ViewEdge(
                    id=pair.id if len(ends) == 1 else f"{pair.id}|{ligand}|{receptor}",
                    source=ligand,
                    target=receptor,
                    label="binds (imported)",
                    kind="imported",
                    sign=0,
                    outcome="imported",
                    evidence_level="",
                    color=IMPORTED_EDGE_COLOR,
                    width=IMPORTED_EDGE_WIDTH,
                    arrow="none",
                    attrs=attrs,
                    layer=tier.layer,
                )
            )
    return edges, labels, skipped


def _with_role(edge: ViewEdge, role: str) -> ViewEdge:
    attrs = edge.attrs | {"answer_role": role}
    return ViewEdge(
        edge.id, edge.source, edge.target, edge.label, edge.kind, edge.sign, edge.outcome, edge.evidence_level,
        ANSWER_ROLE_COLORS.get(role, edge.color), edge.width, edge.arrow, attrs, edge.layer,
    )  # fmt: skip


def project(
    kg: KnowledgeGraph,
    title: str = "tmekg",
    *,
    processes: bool = True,
    bundle: bool = False,
    isolated: bool = False,
    layout: AnswerLayout | None = None,
    tiers: tuple[Tier, ...] | list[Tier] = (),
) -> View:
    """The styled, laid-out node/edge view of ``kg`` and its imported ``tiers`` (pure: nothing is written).

    ``processes``: sender -> process effect edges and process -> tumor growth polarity edges (KGX, a statement
    format, leaves them out); ``bundle``: parallel interaction edges as one edge with a count; ``isolated``:
    keep entities that no edge touches; ``layout``: an answer's positions and edge roles.
    """
    from tmekg.importers.store import layers

    edges = [_interaction_edge(kg, i) for i in kg.interactions]
    if layout is not None and layout.roles:
        edges = [_with_role(e, layout.roles[e.id]) if e.id in layout.roles else e for e in edges]
    if bundle:
        edges = _bundled(edges)
    edges += [_action_edge(kg, a) for a in kg.therapy_actions]
    if processes:
        edges += _effect_edges(kg, edges)
    imported_labels: dict[str, str] = {}
    held = layers([])
    for tier in tiers:
        tier_edges, tier_labels, skipped = imported_edges(kg, tier)
        edges += tier_edges
        imported_labels.update(tier_labels)
        held += [layer | {"drawn_pairs": len(tier.pairs) - skipped} for layer in layers([tier])[1:]]
    edges.sort(key=lambda e: (e.kind, e.id))
    entities = {e.id: e for e in kg.entities()}
    touched = {end for edge in edges for end in (edge.source, edge.target)}
    named: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        named[edge.source].add(edge.layer)
        named[edge.target].add(edge.layer)
    ids = set(touched) | (set(entities) if isolated else set())
    order = list(NODE_STYLES)
    raw: list[tuple[str, str, str, dict[str, Any]]] = []
    for node_id in ids:
        entity = entities.get(node_id)
        in_layers = sorted(named[node_id] | ({CURATED_LAYER} if entity is not None else set()))
        if entity is None and CURATED_LAYER not in in_layers:
            symbol = imported_labels.get(node_id, node_id)
            attrs = {"entity_kind": "imported", "symbol": symbol, "layers": in_layers}
            raw.append((node_id, symbol, "imported", attrs))
        elif entity is None:
            raw.append((node_id, node_id, "other", {"entity_kind": "other", "layers": in_layers}))
        else:
            raw.append((node_id, entity.label, style_kind(entity), _node_attrs(entity) | {"layers": in_layers}))
    raw.sort(key=lambda r: (order.index(r[2]), r[0]))
    pos = _layout([r[0] for r in raw], [e for e in edges if e.signed])  # imported pairs never move the curated layout
    if layout is not None:
        pos |= {n: xy for n, xy in layout.positions.items() if n in pos}
    nodes = []
    for node_id, label, kind, attrs in raw:
        style = NODE_STYLES[kind]
        x, y = pos[node_id]
        nodes.append(ViewNode(node_id, label, kind, style.shape, style.color, style.size, x, y, attrs))
    labels = imported_labels | {e.id: e.label for e in kg.entities()}
    return View(
        title=title,
        nodes=tuple(nodes),
        edges=tuple(edges),
        labels=labels,
        layered=layout is not None,
        layers=tuple(held),
    )


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
