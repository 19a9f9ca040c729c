"""A therapy answer as a layered signal-flow diagram (:mod:`tmekg.export.diagram`), drawn by
:mod:`tmekg.export.plot` with matplotlib (nothing here needs matplotlib), and the layout of its visual export.

A therapy answer reads left to right: the therapy -> its targets -> the signals it severs or strengthens (and the
killing it makes itself) -> the processes they act on -> tumor growth. Escape routes (pro-tumor signals it leaves
intact) and the partner therapies that would close them have a lane of their own below. Interactions that carry
the same signal (ligand -> receptor, or mediators) are one node with a count, so an answer with a hundred escape
routes stays readable; the most important signals are shown (``top``) and the title says how many. Path answers
are in :mod:`tmekg.export.layered_path`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tmekg.actions import spec
from tmekg.export.diagram import (
    Diagram,
    DiagramEdge,
    DiagramNode,
    answer_layout,
    entity_kind,
    short,
    target_label,
)
from tmekg.export.labels import short_label
from tmekg.export.layout import AnswerLayout
from tmekg.export.view import endpoints
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Process
from tmekg.reasoning.signed import EVIDENCE_WEIGHT
from tmekg.reasoning.therapy_answer import Effect, EscapeRoute, Partner, TherapyAnswer
from tmekg.vocab import TUMOR_GROWTH, Verdict

__all__ = ["signal_key", "signal_label", "therapy_diagram", "therapy_layout"]

#: How the net direction of a therapy reads in a title.
DIRECTION_WORDS = {
    "anti_tumor": "anti-tumor",
    "pro_tumor": "pro-tumor",
    "mixed": "mixed",
    "none": "no path to tumor growth",
}


# -- shared pieces ----------------------------------------------------------------------------------------------


def _name(kg: KnowledgeGraph, entity_id: str) -> str:
    """A short display name (a cell type's short synonym when its ontology label is long)."""
    return short_label(kg.get(entity_id)) if kg.has(entity_id) else entity_id


def _listing(names: Sequence[str], most: int = 2) -> str:
    """``a, b +3``: the first ``most`` names and how many more."""
    unique = list(dict.fromkeys(names))
    shown = ", ".join(unique[:most])
    return shown + (f" +{len(unique) - most}" if len(unique) > most else "")


def signal_key(inter: Interaction) -> tuple[str, ...]:
    """What carries an interaction's signal: (ligand, receptor), else its mediators, else its sender and
    mechanism (a cell acting by contact or killing)."""
    if inter.ligand or inter.receptor:
        return ("lr", inter.ligand or "", inter.receptor or "")
    if inter.mediators:
        return ("med", *inter.mediators)
    return ("cell", inter.source or "", inter.mechanism.value)


def signal_label(kg: KnowledgeGraph, inter: Interaction) -> str:
    """The signal as a person reads it: ``PD-L1 → PD-1``, ``IDO1, kynurenine``, ``NK cell killing``."""
    key = signal_key(inter)
    if key[0] == "lr":
        text = " → ".join(_name(kg, m) for m in key[1:] if m)
    elif key[0] == "med":
        text = _listing([_name(kg, m) for m in key[1:]], 3)
    else:
        text = f"{_name(kg, key[1])} {key[2]}" if key[1] else key[2]
    return f"loss of {text}" if inter.is_loss else text


def _cells_line(kg: KnowledgeGraph, inters: Sequence[Interaction]) -> str:
    senders = [_name(kg, i.source) for i in inters if i.source]
    receivers = [_name(kg, i.target) for i in inters if i.target]
    if not senders:
        return f"on {_listing(receivers)}" if receivers else ""
    return f"{_listing(senders)} → {_listing(receivers)}" if receivers else f"from {_listing(senders)}"


def _weight(inters: Iterable[Interaction]) -> float:
    return max((EVIDENCE_WEIGHT[i.evidence_level] for i in inters), default=0.5)


# -- therapy ----------------------------------------------------------------------------------------------------


@dataclass
class _Signal:
    """Interactions that carry one signal in one role, gathered into one node."""

    key: tuple[str, ...]
    role: str
    inters: list[Interaction] = field(default_factory=list)
    targets: set[str] = field(default_factory=set)
    defeats: bool = False

    @property
    def node_id(self) -> str:
        return f"{self.role}|{'|'.join(self.key)}"


def _effect_role(kg: KnowledgeGraph, effect: Effect) -> str:
    if effect.strengthened:
        return "strengthened"
    verdict = effect.verdict(kg)
    return {Verdict.BENEFIT: "severed", Verdict.HARM: "severed_harm", Verdict.NEUTRAL: "severed_neutral"}[verdict]


def _gather_effects(kg: KnowledgeGraph, effects: Iterable[Effect]) -> list[_Signal]:
    found: dict[tuple[str, tuple[str, ...]], _Signal] = {}
    for effect in effects:
        role = _effect_role(kg, effect)
        key = signal_key(effect.interaction)
        signal = found.setdefault((role, key), _Signal(key, role))
        signal.inters.append(effect.interaction)
        signal.targets.add(effect.action.target)
    return list(found.values())


def _gather_escapes(routes: Iterable[EscapeRoute]) -> list[_Signal]:
    found: dict[tuple[str, ...], _Signal] = {}
    for route in routes:
        key = signal_key(route.interaction)
        signal = found.setdefault(key, _Signal(key, "escape"))
        signal.inters.append(route.interaction)
        signal.defeats = signal.defeats or route.defeats is not None
    return list(found.values())


def _signal_node(kg: KnowledgeGraph, signal: _Signal, layer: int, lane: int) -> DiagramNode:
    first = signal.inters[0]
    count = len(signal.inters)
    head = short(signal_label(kg, first))
    suffix = f"  ({count})" if count > 1 else ""
    label = f"{head}{suffix}\n{short(_cells_line(kg, signal.inters), 38)}"
    return DiagramNode(
        signal.node_id,
        label,
        signal.role,
        "signal",
        layer,
        lane,
        tuple(i.id for i in signal.inters),
        detail="; ".join(i.summary for i in signal.inters[:3]),
    )


def _process_edges(signal: _Signal, role: str) -> list[DiagramEdge]:
    """One edge per (process, effect) of a signal's interactions, as strong as its best evidence."""
    by: dict[tuple[str, int], list[Interaction]] = defaultdict(list)
    for inter in signal.inters:
        by[(inter.process, inter.effect)].append(inter)
    return [
        DiagramEdge(signal.node_id, process, effect, role, _weight(inters))
        for (process, effect), inters in sorted(by.items())
    ]


def therapy_diagram(
    kg: KnowledgeGraph, answer: TherapyAnswer, *, top: int = 8, top_partners: int = 5, top_effects: int = 14
) -> Diagram:
    """The layered diagram of a therapy answer (what ``tmekg therapy X --plot`` draws).

    Columns: therapy, targets, signals (severed, strengthened, drug-made; escape routes in the lower lane),
    processes, tumor growth. Shows at most ``top_effects`` signals it acts on, ``top`` escape signals (those
    that defeat what the therapy needs first, then those the shown partners close, then the largest) and
    ``top_partners`` partners; the subtitle says how many of each there are.
    """
    therapy = answer.therapy
    nodes: dict[str, DiagramNode] = {}
    edges: list[DiagramEdge] = []
    nodes[therapy.id] = DiagramNode(therapy.id, therapy.label, "therapy", "therapy", 0, 0)
    for action in answer.actions:
        target = action.target
        if target not in nodes:
            nodes[target] = DiagramNode(target, target_label(kg, target), "target", entity_kind(kg, target), 1, 0)
        action_spec = spec(action.action)
        sign = 1 if action_spec.target_sign is None else action_spec.target_sign
        weight = EVIDENCE_WEIGHT[action.evidence_level]
        edges.append(DiagramEdge(therapy.id, target, sign, "action", weight, action.action.value))
    acted = _gather_effects(kg, (*answer.severed, *answer.strengthened))
    acted.sort(key=lambda s: (s.role != "severed", -len(s.inters), -_weight(s.inters), s.key))
    shown_acted = acted[:top_effects]
    for signal in shown_acted:
        nodes[signal.node_id] = _signal_node(kg, signal, 2, 0)
        for target in sorted(signal.targets):
            edges.append(DiagramEdge(target, signal.node_id, 0, "via"))
        edges.extend(_process_edges(signal, signal.role))
    for made in answer.drug_made:
        action = made.action
        node_id = f"drug_made|{action.target}"
        cells = _listing([_name(kg, c) for c in action.effector]) or "the therapy"
        label = f"kills {short(kg.label(action.target), 20)}+ cells\nby {short(cells, 30)}"
        nodes[node_id] = DiagramNode(node_id, label, "drug_made", "signal", 2, 0)
        edges.append(DiagramEdge(action.target, node_id, 0, "via"))
        if action.process:
            edges.append(DiagramEdge(node_id, action.process, 1, "drug_made", EVIDENCE_WEIGHT[action.evidence_level]))
    # escape routes and partners: the lower lane
    escapes = _gather_escapes(answer.escape_routes)
    partners = list(answer.partners[: top_partners * 4])
    closers: dict[str, int] = defaultdict(int)
    for partner in partners:
        for inter_id in partner.closes:
            closers[inter_id] += 1
    escapes.sort(
        key=lambda s: (
            not s.defeats,
            -sum(closers.get(i.id, 0) for i in s.inters),
            -len(s.inters),
            -_weight(s.inters),
            s.key,
        )
    )
    shown_escapes = escapes[:top]
    for signal in shown_escapes:
        nodes[signal.node_id] = _signal_node(kg, signal, 2, 1)
        edges.extend(_process_edges(signal, "escape"))
    where = {i.id: s.node_id for s in shown_escapes for i in s.inters}
    groups: dict[tuple[str, ...], list[Partner]] = {}
    for partner in partners:  # partners that close the same shown signals are one box (same-axis antibodies)
        closed = tuple(sorted({where[i] for i in partner.closes if i in where}))
        if closed:
            groups.setdefault(closed, []).append(partner)
    shown_partners = 0
    for closed, members in list(groups.items())[:top_partners]:
        shown_partners += len(members)
        node_id = "partner|" + "|".join(p.therapy.id for p in members)
        names = _listing([p.therapy.label for p in members], 2)
        most = max(len(p.closes) for p in members)
        label = f"{short(names, 34)}\ncloses {most} route(s)"
        nodes[node_id] = DiagramNode(node_id, label, "partner", "therapy", 0, 1, tuple(p.therapy.id for p in members))
        edges.extend(DiagramEdge(node_id, target, -1, "partner", 0.0, "closes") for target in closed)
    # processes and tumor growth
    processes = sorted({e.target for e in edges if e.target not in nodes and e.target != TUMOR_GROWTH})
    for process in processes:
        nodes[process] = DiagramNode(process, short(kg.label(process), 30), "process", "process", 3, None)
        entity = kg.get(process) if kg.has(process) else None
        if isinstance(entity, Process):  # a process's sign toward the tumor is its polarity; nothing is assumed
            edges.append(DiagramEdge(process, TUMOR_GROWTH, entity.polarity, "polarity"))
    if processes or any(e.target == TUMOR_GROWTH for e in edges):
        nodes.setdefault(TUMOR_GROWTH, DiagramNode(TUMOR_GROWTH, kg.label(TUMOR_GROWTH), "sink", "process", 4, None))
    net = answer.net_effect
    cancer = f" in {kg.label(answer.cancer)}" if answer.cancer else ""
    title = (
        f"{therapy.label}{cancer}: predicted net effect {DIRECTION_WORDS[net.direction.value]} "
        f"(score {net.score:+.2f}; {len(net.supporting)} supporting, {len(net.opposing)} opposing path(s))"
    )
    verbs = "; ".join(f"{a.action.value} {target_label(kg, a.target)}" for a in answer.actions)
    n_acted = len(answer.severed) + len(answer.strengthened)
    parts = [
        verbs,
        f"acts on {n_acted} interaction(s) as {len(acted)} signal(s)"
        + (f", {len(shown_acted)} shown" if len(shown_acted) < len(acted) else ""),
        f"leaves {len(answer.escape_routes)} escape route(s) as {len(escapes)} signal(s)"
        + (f", top {len(shown_escapes)} shown" if len(shown_escapes) < len(escapes) else ""),
        f"{len(answer.partners)} partner(s)"
        + (f", top {shown_partners} shown" if shown_partners < len(answer.partners) else ""),
    ]
    return Diagram(
        title=title,
        subtitle=" · ".join(parts),
        nodes=tuple(nodes.values()),
        edges=tuple(edges),
        columns=("therapy", "targets", "signals it cuts, strengthens or makes", "processes", "tumor"),
        lanes=("what the therapy acts on", "escape routes left open, and partners that close them"),
    )


def therapy_layout(kg: KnowledgeGraph, answer: TherapyAnswer) -> AnswerLayout:
    """The layered layout of a therapy answer's exported subgraph: therapy, targets, senders and receivers of
    what it cuts or strengthens (upper lane) and of the escape routes (lower lane), processes, tumor growth; each
    interaction edge gets its role (severed, strengthened, escape), which sets its colour."""
    layers: dict[str, int] = {answer.therapy.id: 0}
    lanes: dict[str, int | None] = {answer.therapy.id: 0}
    roles: dict[str, str] = {}
    links: list[tuple[str, str]] = []
    for action in answer.actions:
        layers.setdefault(action.target, 1)
        lanes.setdefault(action.target, 0)
        links.append((answer.therapy.id, action.target))
    placed: list[tuple[Interaction, str, int]] = [
        (e.interaction, _effect_role(kg, e), 0) for e in (*answer.severed, *answer.strengthened)
    ]
    placed += [(r.interaction, "escape", 1) for r in answer.escape_routes]
    for inter, role, lane in placed:
        roles.setdefault(inter.id, role)
        sender, receiver = endpoints(inter)
        for node, layer in ((sender, 2), (receiver, 3)):
            if node != inter.process and node != TUMOR_GROWTH and node not in layers:
                layers[node], lanes[node] = layer, lane
    return answer_layout(answer.subgraph(kg), layers, lanes, roles, links)
