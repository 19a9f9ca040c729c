"""An answer as a layered signal-flow diagram: typed nodes in layers (columns) and lanes (bands), typed edges,
and a deterministic layout. :mod:`tmekg.export.plot` draws it with matplotlib; nothing here needs matplotlib.

A therapy answer reads left to right: the therapy -> its targets -> the signals it severs or strengthens (and the
killing it makes itself) -> the processes they act on -> tumor growth. Escape routes (pro-tumor signals it leaves
intact) and the partner therapies that would close them have a lane of their own below. Interactions that carry
the same signal (ligand -> receptor, or mediators) are one node with a count, so an answer with a hundred escape
routes stays readable; the most important signals are shown (``top``) and the title says how many.

A path answer puts each entity in the column of its longest distance from the start, the end in the last
column, and the entities on net-positive paths above those on net-negative ones.

The layout puts each layer in a column, in the order the nodes are given, then improves the order inside a
column by barycentre sweeps and spreads the rows by lane; it is deterministic (no randomness, and no set order:
the same bytes whatever the hash seed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tmekg.actions import spec
from tmekg.export.labels import short_label
from tmekg.export.layout import AnswerLayout
from tmekg.export.view import endpoints
from tmekg.kg import KnowledgeGraph
from tmekg.model import CellType, Interaction, Molecule, Process
from tmekg.reasoning.blocking import Effect, EscapeRoute, Partner, TherapyAnswer
from tmekg.reasoning.paths import PathResult, SignedPath
from tmekg.reasoning.signed import EVIDENCE_WEIGHT
from tmekg.vocab import TUMOR_GROWTH, Verdict

__all__ = [
    "Diagram",
    "DiagramEdge",
    "DiagramNode",
    "layered_positions",
    "path_diagram",
    "path_layout",
    "therapy_diagram",
    "therapy_layout",
]

#: How the net direction of a therapy reads in a title.
DIRECTION_WORDS = {
    "anti_tumor": "anti-tumor",
    "pro_tumor": "pro-tumor",
    "mixed": "mixed",
    "none": "no path to tumor growth",
}


@dataclass(frozen=True)
class DiagramNode:
    """A box of the diagram. ``role`` says what it is in the answer (therapy, target, severed, strengthened,
    drug_made, escape, partner, process, sink, entity); ``lane`` is ``None`` for a node that spans every lane
    (processes and tumor growth); ``members`` are the interaction ids a signal node stands for."""

    id: str
    label: str
    role: str
    kind: str
    layer: int
    lane: int | None = 0
    members: tuple[str, ...] = ()
    detail: str = ""


@dataclass(frozen=True)
class DiagramEdge:
    """An arrow: ``sign`` +1 (arrowhead), -1 (bar) or 0 (plain line); ``weight`` is the evidence weight (0-1)
    that sets the width; ``role`` sets colour and dash (``severed`` edges are dashed: the therapy cuts them)."""

    source: str
    target: str
    sign: int
    role: str
    weight: float = 1.0
    label: str = ""


@dataclass(frozen=True)
class Diagram:
    """A layered diagram: title (the net effect), subtitle (what is shown of what), nodes, edges, the names of
    the columns and of the lanes."""

    title: str
    subtitle: str
    nodes: tuple[DiagramNode, ...]
    edges: tuple[DiagramEdge, ...]
    columns: tuple[str, ...]
    lanes: tuple[str, ...] = ("",)
    notes: tuple[str, ...] = field(default=())

    def node(self, node_id: str) -> DiagramNode:
        return next(n for n in self.nodes if n.id == node_id)

    def positions(self) -> dict[str, tuple[float, float]]:
        """The layout: node id -> (column, row), row 0 at the top, in abstract units."""
        return layered_positions(
            {n.id: n.layer for n in self.nodes},
            {n.id: n.lane for n in self.nodes},
            [(e.source, e.target) for e in self.edges],
        )


# -- layout -----------------------------------------------------------------------------------------------------


def layered_positions(
    layers: dict[str, int],
    lanes: dict[str, int | None],
    edges: Iterable[tuple[str, str]],
    *,
    sweeps: int = 4,
) -> dict[str, tuple[float, float]]:
    """(x, y) for every node: x is its layer (one column per layer), y its row.

    Rows are grouped by lane: lane 0 on top, lane 1 below it and so on, each lane as tall as its tallest column;
    a node whose lane is ``None`` is placed among the others by its neighbours. Inside a column, nodes are ordered
    by the mean row of their neighbours (barycentre sweeps, left to right then right to left), which keeps
    crossings few; ties keep the given order. Pure and deterministic.

    >>> pos = layered_positions({"a": 0, "b": 1, "c": 1}, {"a": 0, "b": 0, "c": 1}, [("a", "b"), ("a", "c")])
    >>> pos["a"][0], pos["b"][0], pos["b"][1] < pos["c"][1]
    (0.0, 1.0, True)
    """
    import networkx as nx

    if not layers:
        return {}
    graph: nx.Graph[str] = nx.Graph()
    for node, layer in layers.items():
        graph.add_node(node, layer=layer)
    graph.add_edges_from((u, v) for u, v in edges if u in layers and v in layers and u != v)
    columns: dict[int, list[str]] = defaultdict(list)
    for node in layers:  # initial order: as given (not networkx's multipartite_layout, which orders a column as
        columns[layers[node]].append(node)  # a set, so by the hash seed)
    order = sorted(columns)
    lane_ids = sorted({lane for lane in lanes.values() if lane is not None}) or [0]

    def rows() -> dict[str, float]:
        """Row of every node from the current column orders."""
        height = {lane: max(sum(1 for n in columns[c] if lanes.get(n) == lane) for c in order) for lane in lane_ids}
        top = {}
        start = 0.0
        for lane in lane_ids:
            top[lane] = start
            start += height[lane] + (0.6 if height[lane] else 0.0)
        total = start - 0.6
        out: dict[str, float] = {}
        for c in order:
            column = columns[c]
            spanning = [n for n in column if lanes.get(n) is None]
            if spanning and len(spanning) == len(column):
                offset = (total - len(column)) / 2 + 0.5
                out.update({n: offset + i for i, n in enumerate(column)})
                continue
            for lane in lane_ids:
                members = [n for n in column if lanes.get(n) == lane]
                offset = top[lane] + (height[lane] - len(members)) / 2 + 0.5
                out.update({n: offset + i for i, n in enumerate(members)})
            for i, n in enumerate(spanning):  # mixed columns: spanning nodes after the laned ones
                out[n] = start + i
        return out

    lane_rank: dict[int | None, int] = {lane: i for i, lane in enumerate(lane_ids)}

    def sweep(sequence: list[int], step: int) -> None:
        """Reorder each column of ``sequence`` by the mean row of its neighbours in the column ``step`` away."""
        for c in sequence:
            i = order.index(c) + step
            if not 0 <= i < len(order):
                continue
            near = set(columns[order[i]])
            current = rows()

            def barycentre(node: str, near: set[str] = near, current: dict[str, float] = current) -> float:
                around = [current[m] for m in graph.neighbors(node) if m in near]
                return sum(around) / len(around) if around else current[node]

            columns[c].sort(key=lambda n: (lane_rank.get(lanes.get(n), -1), barycentre(n)))

    for _ in range(sweeps):
        sweep(order[1:], -1)
        sweep(order[-2::-1], 1)
    final = rows()
    return {n: (float(layers[n]), round(final[n], 4)) for n in layers}


# -- shared pieces ----------------------------------------------------------------------------------------------


def _short(text: str, limit: int = 34) -> str:
    """Cut a label to ``limit`` characters with an ellipsis.

    >>> _short("tumor-associated macrophage", 12)
    'tumor-assoc…'
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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


def _kind(kg: KnowledgeGraph, entity_id: str) -> str:
    if not kg.has(entity_id):
        return "other"
    entity = kg.get(entity_id)
    if isinstance(entity, CellType):
        return "cell"
    if isinstance(entity, Molecule):
        return "metabolite" if entity.molecule_type.value == "metabolite" else "molecule"
    return entity.kind.value


def _target_label(kg: KnowledgeGraph, entity_id: str) -> str:
    """A display name with a molecule's gene symbol when it differs: ``PD-1 (PDCD1)``."""
    if not kg.has(entity_id):
        return entity_id
    entity = kg.get(entity_id)
    label = short_label(entity)
    symbol = getattr(entity, "symbol", None)
    return f"{label} ({symbol})" if symbol and symbol != label else label


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
    head = _short(signal_label(kg, first))
    suffix = f"  ({count})" if count > 1 else ""
    label = f"{head}{suffix}\n{_short(_cells_line(kg, signal.inters), 38)}"
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
            nodes[target] = DiagramNode(target, _target_label(kg, target), "target", _kind(kg, target), 1, 0)
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
        label = f"kills {_short(kg.label(action.target), 20)}+ cells\nby {_short(cells, 30)}"
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
        label = f"{_short(names, 34)}\ncloses {most} route(s)"
        nodes[node_id] = DiagramNode(node_id, label, "partner", "therapy", 0, 1, tuple(p.therapy.id for p in members))
        edges.extend(DiagramEdge(node_id, target, -1, "partner", 0.0, "closes") for target in closed)
    # processes and tumor growth
    processes = sorted({e.target for e in edges if e.target not in nodes and e.target != TUMOR_GROWTH})
    for process in processes:
        nodes[process] = DiagramNode(process, _short(kg.label(process), 30), "process", "process", 3, None)
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
    verbs = "; ".join(f"{a.action.value} {_target_label(kg, a.target)}" for a in answer.actions)
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


# -- paths ------------------------------------------------------------------------------------------------------


def _path_layers(paths: Sequence[SignedPath], source: str, target: str) -> dict[str, int]:
    """Longest distance from ``source`` over the union of the paths (their first position when the union has a
    cycle); ``target`` in the last column."""
    import networkx as nx

    union: nx.DiGraph[str] = nx.DiGraph()
    for path in paths:
        union.add_edges_from((h.source, h.target) for h in path.hops)
    if nx.is_directed_acyclic_graph(union):
        depth: dict[str, int] = {}
        for node in nx.topological_sort(union):
            depth[node] = max((depth[p] + 1 for p in union.predecessors(node)), default=0)
    else:
        depth = {}
        for path in paths:
            for i, node in enumerate(path.nodes):
                depth[node] = min(depth.get(node, i), i)
    depth[source] = 0
    last = max(depth.values(), default=0)
    depth[target] = max(last, 1)
    for node, d in depth.items():
        if node != target and d >= depth[target]:
            depth[node] = depth[target] - 1
    return depth


def path_diagram(kg: KnowledgeGraph, result: PathResult, *, top: int = 12) -> Diagram:
    """The layered diagram of a path answer (what ``tmekg path A B --plot`` draws): the ``top`` strongest paths
    (by weight, then length), entities on net-positive paths in the upper lane, on net-negative ones in the
    lower lane, on both in between; hop sign as arrowhead or bar, hop evidence as width."""
    ordered = sorted(result.paths, key=lambda p: (-p.weight, len(p.hops), p.nodes))
    shown = ordered[:top]
    layers = _path_layers(shown, result.source, result.target)
    signs: dict[str, set[int]] = defaultdict(set)
    for path in shown:
        for node in path.nodes:
            signs[node].add(path.sign)
    nodes = []
    for node_id, layer in layers.items():
        lane: int | None = None
        if node_id not in (result.source, result.target):
            lane = {frozenset({1}): 0, frozenset({-1}): 2}.get(frozenset(signs[node_id]), 1)
        role = "sink" if node_id == TUMOR_GROWTH else "entity"
        nodes.append(
            DiagramNode(node_id, _short(_target_label(kg, node_id), 30), role, _kind(kg, node_id), layer, lane)
        )
    hops: dict[tuple[str, str, str], DiagramEdge] = {}
    for path in shown:
        for hop in path.hops:
            key = (hop.source, hop.target, hop.predicate)
            previous = hops.get(key)
            if previous is None or previous.weight < hop.weight:
                role = "activating" if hop.sign > 0 else "inhibiting"
                hops[key] = DiagramEdge(hop.source, hop.target, hop.sign, role, hop.weight, hop.predicate)
    plus = sum(1 for p in result.paths if p.sign > 0)
    minus = len(result.paths) - plus
    start, end = kg.label(result.source), kg.label(result.target)
    meaning = f" (more {start} gives more {end})" if plus else ""
    if plus > minus:
        net = "net +"
    elif minus > plus:
        net = "net −"
    else:
        net = "balanced"
    title = f"{start} → {end}: {len(result.paths)} signed path(s), {plus} net +{meaning}, {minus} net − — {net}"
    strongest = shown[0] if shown else None
    parts = [f"the {len(shown)} strongest shown" if len(shown) < len(result.paths) else "all paths shown"]
    if strongest is not None:
        parts.append(
            "strongest: "
            + " → ".join(_short(kg.label(n), 24) for n in strongest.nodes)
            + f" (weight {strongest.weight:.1f})"
        )
    if result.truncated:
        parts.append("the search was cut by a bound")
    columns = tuple("start" if i == 0 else "end" if i == layers[result.target] else f"step {i}"
                    for i in range(layers[result.target] + 1)) if layers else ("start", "end")  # fmt: skip
    return Diagram(
        title=title,
        subtitle=" · ".join(parts),
        nodes=tuple(sorted(nodes, key=lambda n: (n.layer, n.id))),
        edges=tuple(hops.values()),
        columns=columns,
        lanes=("on net + paths", "on both", "on net − paths"),
    )


# -- answer layouts for the visual exports (one node per entity) --------------------------------------------------

#: Pixels per column and per row when a layered layout is used by the exports.
COLUMN_PX = 300.0
ROW_PX = 72.0


def _answer_layout(
    sub: KnowledgeGraph,
    layers: dict[str, int],
    lanes: dict[str, int | None],
    roles: dict[str, str],
    links: list[tuple[str, str]],
) -> AnswerLayout:
    """Complete the layers with every linked entity of the answer's graph (processes in the column before tumor
    growth, anything else in a bottom lane beside its first neighbour) and turn rows and columns into pixels.
    Entities without an edge keep the default placement (rows below; hidden in the HTML view unless asked)."""
    process_column = max(layers.values(), default=0) + 1
    for inter in sub.interactions:
        sender, receiver = endpoints(inter)
        links.extend([(sender, receiver), (sender, inter.process)])
        for node in (sender, receiver, inter.process):
            if node not in layers and sub.has(node) and sub.get(node).kind.value == "process":
                layers[node], lanes[node] = process_column, None
    for node in (n for edge in links for n in edge):
        if node not in layers and node != TUMOR_GROWTH:
            near = [layers[m] for a, b in links for m in (a, b) if node in (a, b) and m in layers]
            layers[node], lanes[node] = (min(near) if near else 1), 3
    layers[TUMOR_GROWTH], lanes[TUMOR_GROWTH] = process_column + 1, None
    links.extend((p, TUMOR_GROWTH) for p, layer in layers.items() if layer == process_column)
    positions = layered_positions(layers, lanes, links)
    pixels = {n: (round(x * COLUMN_PX, 2), round(y * ROW_PX, 2)) for n, (x, y) in positions.items()}
    return AnswerLayout(pixels, roles)


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
    return _answer_layout(answer.subgraph(kg), layers, lanes, roles, links)


def path_layout(kg: KnowledgeGraph, result: PathResult) -> AnswerLayout:
    """The layered layout of a path answer's exported subgraph: the entities of the paths in the columns of
    :func:`path_diagram`, the cells that carry their signals in a lane below."""
    layers = _path_layers(result.paths, result.source, result.target) if result.paths else {}
    layers.pop(TUMOR_GROWTH, None)
    lanes: dict[str, int | None] = dict.fromkeys(layers, 0)
    links = [(h.source, h.target) for p in result.paths for h in p.hops]
    return _answer_layout(result.subgraph(kg), layers, lanes, {}, links)
