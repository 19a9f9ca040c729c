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
``layers`` that name it; how imported pairs are drawn is in :mod:`tmekg.export.view_tiers`.

>>> from tmekg.model import Cancer
>>> view = project(KnowledgeGraph(cancers=(Cancer(id="MONDO:0005105", label="melanoma"),)), isolated=True)
>>> [(n.id, n.kind, n.shape, n.color) for n in view.nodes]
[('MONDO:0005105', 'cancer', 'octagon', '#E15759')]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from tmekg.actions import spec
from tmekg.answers import citation, function_label
from tmekg.export.layout import AnswerLayout, spring_layout
from tmekg.export.style import (
    ANSWER_ROLE_COLORS,
    EDGE_OUTCOME_COLORS,
    EVIDENCE_WIDTH,
    NODE_STYLES,
    SIGN_ARROWS,
    SIGN_COLORS,
    SIGN_NAMES,
    THERAPY_EDGE_COLOR,
    NodeStyle,
)
from tmekg.export.view_model import View, ViewEdge, ViewNode
from tmekg.export.view_tiers import imported_edges
from tmekg.importers.base import CURATED_LAYER, Tier
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
    "NodeStyle",
    "endpoints",
    "project",
    "style_kind",
]


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
    # imported pairs never move the curated layout
    pos = spring_layout([r[0] for r in raw], [e for e in edges if e.signed])
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
