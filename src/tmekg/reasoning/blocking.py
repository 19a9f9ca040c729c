"""What a therapy does: the interactions each action severs or strengthens, the killing it makes itself, the
predicted net effect on the tumor from signed paths, what it needs, the escape routes it leaves open and the
therapies that would close them, and the trials of the therapy.

Action semantics come from :data:`tmekg.actions.ACTIONS`. Escape routes are (a) pro-tumor interactions on the
processes the therapy acts on that it leaves intact — never an escape by loss of a molecule it does not need —
and (b) losses of what it needs: the requirements of its (action, target) pairs (MHC-I presentation and IFN-γ
signalling for PD-1 blockade), the antigen of a drug-made action (CD19 for CD19 CAR-T), and pro-tumor
interactions that act on the effector cells a drug-made action brings.

With a cancer, statements are those made for that cancer, a cancer that subsumes it, or no cancer in particular;
which processes the therapy acts on is read from the whole graph, so an escape route is never dropped only
because the interaction that links the therapy to its process was tagged with another cancer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from tmekg.actions import spec
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Therapy, TherapyAction, Trial
from tmekg.reasoning.paths import signed_paths, strongest_first
from tmekg.reasoning.signed import path_graph
from tmekg.reasoning.table import InteractionTable, interaction_table
from tmekg.reasoning.therapy_answer import (
    DrugMade,
    Effect,
    EscapeRoute,
    Need,
    NetEffect,
    Partner,
    TherapyAnswer,
    removes_signal,
    verdict,
)
from tmekg.reasoning.trials import trial_line, trials_of
from tmekg.vocab import (
    TUMOR_GROWTH,
    EntityKind,
    NetDirection,
    RequirementKind,
    Role,
    TherapyStatus,
    TrialResult,
    Verdict,
)

__all__ = [
    "affected",
    "block",
    "direct_escape_routes",
    "effects",
    "needs",
    "tumor_sign",
]

#: |score| at or above this gives a direction; below it (with paths both ways) the effect is mixed.
DIRECTION_THRESHOLD = 1 / 3
#: How much a partner's development status counts when partners are ranked.
STATUS_WEIGHT: dict[TherapyStatus, float] = {
    TherapyStatus.APPROVED: 1.0,
    TherapyStatus.PHASE_3: 0.8,
    TherapyStatus.PHASE_2: 0.6,
    TherapyStatus.PHASE_1: 0.4,
    TherapyStatus.DISCONTINUED: 0.2,
}
#: Added to a partner's score for each randomized trial of the pair that met its primary endpoint.
TRIAL_MET_BONUS = 1.0


def tumor_sign(kg: KnowledgeGraph, inter: Interaction) -> int:
    """+1 when the interaction helps the tumor (curated outcome; the derived sign for context-dependent ones)."""
    return kg.tumor_sign(inter)


def _targets(kg: KnowledgeGraph, action: TherapyAction) -> tuple[EntityKind, set[str]]:
    """The kind of an action's target and the ids it reaches: a cell type with its subtypes and states, a
    molecule with the complexes that hold it (and, for blocking and inhibiting, their soluble or exosomal
    forms)."""
    if kg.has(action.target) and kg.get(action.target).kind is EntityKind.CELL_TYPE:
        return EntityKind.CELL_TYPE, {action.target, *kg.narrower_cells(action.target)}
    reached = {action.target, *kg.complexes_of(action.target)}
    if spec(action.action).reaches_forms:
        reached |= kg.forms_of(reached)
    return EntityKind.MOLECULE, reached


#: Per interaction position: the first of a therapy's actions (in the actions table's order) that reaches it, and
#: through which role.
Reached = dict[int, tuple[TherapyAction, Role]]


def _affected_positions(kg: KnowledgeGraph, table: InteractionTable, action: TherapyAction) -> list[tuple[int, Role]]:
    kind, targets = _targets(kg, action)
    found: dict[int, Role] = {}
    for role in spec(action.action).roles(kind):
        for n in table.using(role.value, targets):
            found.setdefault(n, role)
    return sorted(found.items())


def affected(kg: KnowledgeGraph, action: TherapyAction) -> list[tuple[Interaction, Role]]:
    """The interactions an action reaches, each once with the first role (in the action's order) its target
    plays there, in table order."""
    table = interaction_table(kg)
    pairs = _affected_positions(kg, table, action)
    return list(zip(table.records([n for n, _ in pairs]), [role for _, role in pairs], strict=True))


def _reached(kg: KnowledgeGraph, therapy_id: str) -> tuple[Reached, Reached]:
    """(severed, strengthened) positions of every action of a therapy, each interaction once."""
    table = interaction_table(kg)
    severed: Reached = {}
    strengthened: Reached = {}
    for action in kg.therapy_actions:
        if action.therapy != therapy_id:
            continue
        into = strengthened if spec(action.action).strengthens else severed
        for n, role in _affected_positions(kg, table, action):
            into.setdefault(n, (action, role))
    return severed, strengthened


def _effects(table: InteractionTable, reached: Reached, strengthened: bool) -> list[Effect]:
    order = sorted(reached, key=table.ids.__getitem__)
    return [Effect(inter, *reached[n], strengthened) for inter, n in zip(table.records(order), order, strict=True)]


def effects(kg: KnowledgeGraph, therapy_id: str) -> tuple[list[Effect], list[Effect]]:
    """(severed, strengthened) effects of every action of a therapy, each interaction once."""
    table = interaction_table(kg)
    severed, strengthened = _reached(kg, therapy_id)
    return _effects(table, severed, False), _effects(table, strengthened, True)


def needs(kg: KnowledgeGraph, therapy_id: str) -> list[Need]:
    """What a therapy needs in the tumor: the requirements of its (action, target) pairs, and for a drug-made
    action its target antigen and its effector cells."""
    found: dict[tuple[str, RequirementKind], Need] = {}
    for action in kg.therapy_actions:
        if action.therapy != therapy_id:
            continue
        for req in kg.requirements:
            if req.action is action.action and req.target == action.target:
                why = f"{action.action.value} {kg.label(action.target)} needs it"
                found.setdefault((req.requires, req.kind), Need(req.requires, req.kind, why, req.evidence))
        if spec(action.action).drug_made:
            why = f"its {action.action.value} action kills cells bearing {kg.label(action.target)}"
            found.setdefault(
                (action.target, RequirementKind.ANTIGEN), Need(action.target, RequirementKind.ANTIGEN, why)
            )
            for cell in action.effector:
                why = f"its {action.action.value} action sends {kg.label(cell)} to the tumor"
                found.setdefault((cell, RequirementKind.EFFECTOR_CELL), Need(cell, RequirementKind.EFFECTOR_CELL, why))
    return sorted(found.values(), key=lambda n: (n.kind.value, n.requires))


def _net_effect(kg: KnowledgeGraph, therapy_id: str, max_hops: int, max_paths: int) -> NetEffect:
    result = signed_paths(path_graph(kg), therapy_id, TUMOR_GROWTH, max_hops=max_hops, max_paths=max_paths)
    supporting = tuple(sorted((p for p in result.paths if p.sign < 0), key=strongest_first))
    opposing = tuple(sorted((p for p in result.paths if p.sign > 0), key=strongest_first))
    for_, against = sum(p.weight for p in supporting), sum(p.weight for p in opposing)
    if not result.paths:
        return NetEffect(NetDirection.NONE, 0.0, (), (), result.truncated)
    score = (for_ - against) / (for_ + against)
    if score >= DIRECTION_THRESHOLD:
        direction = NetDirection.ANTI_TUMOR
    elif score <= -DIRECTION_THRESHOLD:
        direction = NetDirection.PRO_TUMOR
    else:
        direction = NetDirection.MIXED
    return NetEffect(direction, score, supporting, opposing, result.truncated)


def _benefits(kg: KnowledgeGraph, severed: Reached, targets: set[str] | None = None) -> set[int]:
    """Positions of the pro-tumor interactions severed by removing their signal (what ``Effect.benefit`` says),
    through actions on ``targets`` only when given."""
    helps = interaction_table(kg).helps_tumor
    return {
        n
        for n, (action, role) in severed.items()
        if (targets is None or action.target in targets)
        and verdict(bool(helps[n]), False, removes_signal(action, role, False)) is Verdict.BENEFIT
    }


def benefits(kg: KnowledgeGraph, therapy_id: str, targets: set[str] | None = None) -> set[str]:
    """Ids of the pro-tumor interactions a therapy severs (through actions on ``targets`` only, when given)."""
    ids = interaction_table(kg).ids
    return {ids[n] for n in _benefits(kg, _reached(kg, therapy_id)[0], targets)}


def touched_processes(kg: KnowledgeGraph, therapy_id: str) -> set[str]:
    """The processes a therapy acts on: those of what it severs or strengthens, and those it drives itself."""
    process = interaction_table(kg).process
    severed, strengthened = _reached(kg, therapy_id)
    touched = {process[n] for n in (*severed, *strengthened)}
    touched |= {a.process for a in kg.therapy_actions if a.therapy == therapy_id and a.process}
    return touched


def axis(kg: KnowledgeGraph, therapy_id: str) -> set[str]:
    """The molecules a therapy acts on, the complexes and subunits around them, and what binds them directly:
    PD-1 blockade's axis is PD-1, PD-L1 and PD-L2."""
    targets = {a.target for a in kg.therapy_actions if a.therapy == therapy_id}
    around = set(targets)
    for target in targets:
        around |= kg.complexes_of(target)
        if kg.has(target):
            around |= set(getattr(kg.get(target), "subunits", ()))
    table = interaction_table(kg)
    bound = {table.receptor[n] for n in table.using("ligand", around)}
    bound |= {table.ligand[n] for n in table.using("receptor", around)}
    return around | {m for m in bound if m}


def _escape_routes(
    kg: KnowledgeGraph, scoped: KnowledgeGraph, therapy_id: str, touched: set[str], severed: set[int]
) -> tuple[list[int], Sequence[EscapeRoute]]:
    """The positions of the escape routes in ``scoped`` and the routes (best first): losses of what the therapy
    needs, then what suppresses the effector cells it needs, then pro-tumor interactions on the processes it acts
    on that it leaves intact."""
    wanted = needs(kg, therapy_id)
    by_molecule: dict[str, Need] = {}
    for need in wanted:
        if need.kind is RequirementKind.EFFECTOR_CELL:
            continue
        related = {need.requires, *kg.complexes_of(need.requires)}
        if kg.has(need.requires):
            related |= set(getattr(kg.get(need.requires), "subunits", ()))
        for molecule in related:
            by_molecule.setdefault(molecule, need)
    effector_needs = {
        cell: need
        for need in wanted
        if need.kind is RequirementKind.EFFECTOR_CELL
        for cell in (need.requires, *kg.narrower_cells(need.requires))
    }
    table = interaction_table(scoped)
    found: dict[int, tuple[str, Need | None]] = {}
    for molecule in by_molecule:
        for n in table.loss_by_molecule.get(molecule, ()):
            if n in found or n in severed:
                continue
            first = next(m for m in table.lost[n] if m in by_molecule)
            need = by_molecule[first]
            found[n] = (f"loss of {kg.label(first)} defeats what the therapy needs ({need.kind.value})", need)
    for cell, need in effector_needs.items():
        for n in table.pro_suppressing_by_target.get(cell, ()):
            if n not in severed:
                found[n] = (f"suppresses {kg.label(cell)}, the effector cells the therapy needs", need)
    for process in touched:
        for n in table.pro_by_process.get(process, ()):
            if n not in severed and n not in found:
                found[n] = (f"acts on '{kg.label(process)}', which the therapy acts on, and is left intact", None)
    order = sorted(found, key=lambda n: (found[n][1] is None, table.process[n], table.ids[n]))
    return order, table.materialized(order, lambda inter, n: EscapeRoute(inter, *found[n]))


def direct_escape_routes(kg: KnowledgeGraph, therapy_id: str) -> list[EscapeRoute]:
    """The escape routes of ``block`` judged on the processes the therapy acts on directly
    (``touched_processes``), without those on its supporting signed paths (which depend on the path budget):
    what the catalogue's ``escape_routes`` query returns, in Python and in Cypher."""
    severed, _ = _reached(kg, therapy_id)
    return list(_escape_routes(kg, kg, therapy_id, touched_processes(kg, therapy_id), set(severed))[1])


def _failed_with(trials: list[Trial]) -> list[Trial]:
    return [t for t in trials if t.randomized and t.result is TrialResult.NOT_MET]


def _partners(
    kg: KnowledgeGraph,
    scoped: KnowledgeGraph,
    therapy: Therapy,
    escape: list[int],
    cancer: str | None,
    all_partners: bool,
) -> list[Partner]:
    table = interaction_table(scoped)
    open_positions = set(escape)
    own_axis = axis(kg, therapy.id)
    partners = []
    for other in kg.therapies:
        if other.id == therapy.id:
            continue
        other_targets = {a.target for a in kg.therapy_actions if a.therapy == other.id}
        outside = other_targets - own_axis
        severs = _reached(scoped, other.id)[0]
        closes_all = _benefits(scoped, severs) & open_positions
        closes = _benefits(scoped, severs, outside) & open_positions
        if not closes_all:
            continue
        excluded = []
        reasons = []
        inside = sorted(other_targets & own_axis)
        if inside:
            axis_names = ", ".join(kg.label(t) for t in inside)
            if closes:
                reasons.append(
                    f"same axis ({axis_names}) but also acts on {', '.join(kg.label(t) for t in sorted(outside))}"
                )
            else:
                excluded.append(f"acts on the same axis ({axis_names}) and closes nothing beyond it")
                closes = closes_all
        if other.status is TherapyStatus.DISCONTINUED:
            excluded.append("discontinued")
        pair_trials = trials_of(kg, {therapy.id, other.id}, cancer)
        for trial in _failed_with(pair_trials):
            excluded.append(trial_line(kg, trial))
        if excluded and not all_partners:
            continue
        met = [t for t in pair_trials if t.randomized and t.result is TrialResult.MET]
        score = STATUS_WEIGHT[other.status] * math.fsum(table.weight[n] for n in closes) + TRIAL_MET_BONUS * len(met)
        closed = sorted(table.ids[n] for n in closes)
        labels = ", ".join(kg.label(i) if kg.has(i) else i for i in closed[:3])
        reasons.insert(0, f"closes {len(closes)} escape route(s): {labels}{'…' if len(closes) > 3 else ''}")
        reasons.extend(trial_line(kg, t) for t in pair_trials if t.result is not TrialResult.NOT_MET)
        partners.append(Partner(other, tuple(closed), score, tuple(reasons), tuple(excluded), tuple(pair_trials)))
    partners.sort(key=lambda p: (bool(p.excluded), -p.score, p.therapy.label))
    return partners


def block(
    kg: KnowledgeGraph,
    therapy: str,
    *,
    cancer: str | None = None,
    max_hops: int = 6,
    max_paths: int = 500,
    all_partners: bool = False,
) -> TherapyAnswer:
    """Apply a therapy (id, name or synonym) to the graph and report what it should do to the tumor.

    ``cancer`` (id or name) keeps that cancer's statements and the pan-cancer ones; ``all_partners`` also lists
    partners on the same axis, discontinued ones and those that failed a randomized trial with this therapy.

    >>> import tmekg
    >>> answer = block(tmekg.load(), "pembrolizumab")
    >>> answer.net_effect.direction.value
    'anti_tumor'
    """
    found = kg.lookup(therapy, EntityKind.THERAPY)
    assert isinstance(found, Therapy)
    cancer_id = kg.lookup(cancer, EntityKind.CANCER).id if cancer else None
    scoped = kg.for_cancer(cancer_id) if cancer_id else kg
    actions = tuple(a for a in kg.therapy_actions if a.therapy == found.id)
    table = interaction_table(scoped)
    severs, strengthens = _reached(scoped, found.id)
    severed, strengthened = _effects(table, severs, False), _effects(table, strengthens, True)
    net = _net_effect(scoped, found.id, max_hops, max_paths)
    touched = touched_processes(kg, found.id)
    touched |= {
        n
        for p in net.supporting
        for n in p.nodes
        if n != TUMOR_GROWTH and kg.has(n) and kg.get(n).kind is EntityKind.PROCESS
    }
    open_positions, escape = _escape_routes(kg, scoped, found.id, touched, set(severs))
    partners = _partners(kg, scoped, found, open_positions, cancer_id, all_partners)
    drug_made = tuple(DrugMade(a) for a in actions if spec(a.action).drug_made)
    return TherapyAnswer(
        found,
        actions,
        tuple(severed),
        tuple(strengthened),
        net,
        escape,
        tuple(partners),
        drug_made,
        tuple(needs(kg, found.id)),
        tuple(trials_of(kg, {found.id}, cancer_id)),
        cancer_id,
    )
