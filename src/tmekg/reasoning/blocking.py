"""What a therapy does: the interactions each action severs or strengthens, the predicted net effect on the
tumor from signed paths, the escape routes it leaves open and the therapies that would close them.

Action semantics (DESIGN.md §3): ``blocks`` severs the interactions that use the target (or a complex holding
it) as ligand or receptor; ``inhibits`` removes the target's activity wherever it acts (ligand, receptor or
mediator); ``depletes`` removes a cell population (every interaction it, or a state of it, sends or
receives); ``agonizes`` strengthens the interactions that signal through the target receptor; ``supplies``
strengthens those that use the supplied molecule as ligand or mediator; ``engineers`` (CAR/TCR cells)
strengthens the killing interactions that recognise its antigen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tmekg.answers import entity_ref, interaction_view
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Therapy, TherapyAction
from tmekg.reasoning.paths import SignedPath, signed_paths
from tmekg.reasoning.signed import signed_graph
from tmekg.vocab import TUMOR_GROWTH, Action, EntityKind, Mechanism, TumorOutcome

__all__ = ["Effect", "NetEffect", "Partner", "TherapyAnswer", "affected", "block", "tumor_sign"]

_ROLES: dict[Action, tuple[str, ...]] = {
    Action.BLOCKS: ("ligand", "receptor"),
    Action.INHIBITS: ("ligand", "receptor", "mediators"),
    Action.DEPLETES: ("source", "target"),
    Action.AGONIZES: ("receptor", "mediators"),
    Action.SUPPLIES: ("ligand", "mediators"),
    Action.ENGINEERS: ("ligand", "receptor", "mediators"),
}
_STRENGTHENS = frozenset({Action.AGONIZES, Action.SUPPLIES, Action.ENGINEERS})
#: |score| at or above this gives a direction; below it (with paths both ways) the effect is mixed.
DIRECTION_THRESHOLD = 1 / 3


def tumor_sign(kg: KnowledgeGraph, inter: Interaction) -> int:
    """+1 when the interaction helps the tumor (curated outcome; the derived sign for context-dependent ones)."""
    if inter.tumor_outcome is TumorOutcome.PRO_TUMOR:
        return 1
    if inter.tumor_outcome is TumorOutcome.ANTI_TUMOR:
        return -1
    process = kg.get(inter.process)
    polarity = getattr(process, "polarity", 1)
    return 1 if inter.effect * polarity > 0 else -1


@dataclass(frozen=True)
class Effect:
    """One interaction an action severs or strengthens, and through which role of the target."""

    interaction: Interaction
    action: TherapyAction
    role: str
    strengthened: bool

    @property
    def removes_signal(self) -> bool:
        """Severed by removing the signal (not by removing the cell that receives it)."""
        return not self.strengthened and not (self.action.action is Action.DEPLETES and self.role == "target")

    def verdict(self, kg: KnowledgeGraph) -> str:
        """``benefit`` (works against the tumor), ``harm``, or ``neutral``: a pro-tumor signal lost only
        because its receiver was depleted (what that does depends on the receiver; see the net effect)."""
        helps_tumor = tumor_sign(kg, self.interaction) > 0
        if self.strengthened:
            return "harm" if helps_tumor else "benefit"
        if not helps_tumor:
            return "harm"
        return "benefit" if self.removes_signal else "neutral"

    def benefit(self, kg: KnowledgeGraph) -> bool:
        return self.verdict(kg) == "benefit"

    def to_dict(self, kg: KnowledgeGraph) -> dict[str, Any]:
        view = interaction_view(kg, self.interaction)
        view["via"] = {
            "target": entity_ref(kg, self.action.target),
            "action": self.action.action.value,
            "role": self.role,
        }
        view["verdict"] = self.verdict(kg)
        view["benefit"] = view["verdict"] == "benefit"
        return view


def affected(kg: KnowledgeGraph, action: TherapyAction) -> list[tuple[Interaction, str]]:
    """The interactions an action reaches, each with the role its target plays there."""
    roles = _ROLES[action.action]
    targets = {action.target}
    if action.action is Action.DEPLETES:
        targets |= {c.id for c in kg.cell_types if c.broader == action.target}
    else:
        targets |= {m.id for m in kg.molecules if action.target in m.subunits}
    found = []
    for inter in kg.interactions:
        if action.action is Action.ENGINEERS and inter.mechanism is not Mechanism.KILLING:
            continue
        for role in roles:
            value = getattr(inter, role)
            values = value if isinstance(value, tuple) else (value,)
            if targets.intersection(v for v in values if v):
                found.append((inter, role.rstrip("s") if role == "mediators" else role))
                break
    return found


@dataclass(frozen=True)
class NetEffect:
    """The predicted effect on tumor growth from signed paths, weighted by their weakest evidence."""

    direction: str
    score: float
    supporting: tuple[SignedPath, ...]
    opposing: tuple[SignedPath, ...]
    truncated: bool

    def to_dict(self, kg: KnowledgeGraph, top: int = 3) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "score": round(self.score, 3),
            "supporting_paths": [p.to_dict(kg) for p in self.supporting[:top]],
            "opposing_paths": [p.to_dict(kg) for p in self.opposing[:top]],
            "supporting_count": len(self.supporting),
            "opposing_count": len(self.opposing),
            "truncated": self.truncated,
        }


@dataclass(frozen=True)
class Partner:
    therapy: Therapy
    closes: tuple[str, ...]


@dataclass(frozen=True)
class TherapyAnswer:
    """Everything ``tmekg therapy`` reports, typed; :meth:`to_dict` gives the JSON contract."""

    therapy: Therapy
    actions: tuple[TherapyAction, ...]
    severed: tuple[Effect, ...]
    strengthened: tuple[Effect, ...]
    net_effect: NetEffect
    escape_routes: tuple[Interaction, ...]
    partners: tuple[Partner, ...]

    def subgraph(self, kg: KnowledgeGraph) -> KnowledgeGraph:
        """The answer as a graph: the therapy's actions, what it severs or strengthens, the escape routes, and
        the entities on its net-effect paths."""
        on_paths = {n for p in (*self.net_effect.supporting, *self.net_effect.opposing) for n in p.nodes}
        return kg.subgraph(
            interactions=[e.interaction.id for e in (*self.severed, *self.strengthened)]
            + [i.id for i in self.escape_routes],
            therapy_actions=[a.key for a in self.actions],
            entities=on_paths,
        )

    def to_dict(self, kg: KnowledgeGraph) -> dict[str, Any]:
        return {
            "therapy": {"id": self.therapy.id, "label": self.therapy.label},
            "actions": [
                {"target": entity_ref(kg, a.target), "action": a.action.value, "evidence": list(a.evidence)}
                for a in self.actions
            ],
            "severed": [e.to_dict(kg) for e in self.severed],
            "strengthened": [e.to_dict(kg) for e in self.strengthened],
            "net_effect": self.net_effect.to_dict(kg),
            "escape_routes": [interaction_view(kg, i) for i in self.escape_routes],
            "partners": [
                {"therapy": {"id": p.therapy.id, "label": p.therapy.label}, "closes": list(p.closes)}
                for p in self.partners
            ],
        }


def effects(kg: KnowledgeGraph, therapy_id: str) -> tuple[list[Effect], list[Effect]]:
    """(severed, strengthened) effects of every action of a therapy, each interaction once."""
    severed: dict[str, Effect] = {}
    strengthened: dict[str, Effect] = {}
    for action in kg.therapy_actions:
        if action.therapy != therapy_id:
            continue
        into = strengthened if action.action in _STRENGTHENS else severed
        for inter, role in affected(kg, action):
            into.setdefault(inter.id, Effect(inter, action, role, action.action in _STRENGTHENS))
    return sorted(severed.values(), key=lambda e: e.interaction.id), sorted(
        strengthened.values(), key=lambda e: e.interaction.id
    )


def _net_effect(kg: KnowledgeGraph, therapy_id: str, max_hops: int, max_paths: int) -> NetEffect:
    result = signed_paths(signed_graph(kg), therapy_id, TUMOR_GROWTH, max_hops=max_hops, max_paths=max_paths)
    order = lambda p: (-p.weight, len(p.hops), p.nodes)  # noqa: E731
    supporting = tuple(sorted((p for p in result.paths if p.sign < 0), key=order))
    opposing = tuple(sorted((p for p in result.paths if p.sign > 0), key=order))
    for_, against = sum(p.weight for p in supporting), sum(p.weight for p in opposing)
    if not result.paths:
        return NetEffect("none", 0.0, (), (), result.truncated)
    score = (for_ - against) / (for_ + against)
    if score >= DIRECTION_THRESHOLD:
        direction = "anti_tumor"
    elif score <= -DIRECTION_THRESHOLD:
        direction = "pro_tumor"
    else:
        direction = "mixed"
    return NetEffect(direction, score, supporting, opposing, result.truncated)


def benefits(kg: KnowledgeGraph, therapy_id: str) -> set[str]:
    """Ids of the pro-tumor interactions a therapy severs."""
    severed, _ = effects(kg, therapy_id)
    return {e.interaction.id for e in severed if e.benefit(kg)}


def block(kg: KnowledgeGraph, therapy: str, *, max_hops: int = 6, max_paths: int = 500) -> TherapyAnswer:
    """Apply a therapy (id, name or synonym) to the graph and report what it should do to the tumor.

    >>> import tmekg
    >>> answer = block(tmekg.load(), "pembrolizumab")
    >>> answer.net_effect.direction
    'anti_tumor'
    """
    found = kg.lookup(therapy, EntityKind.THERAPY)
    assert isinstance(found, Therapy)
    actions = tuple(a for a in kg.therapy_actions if a.therapy == found.id)
    severed, strengthened = effects(kg, found.id)
    net = _net_effect(kg, found.id, max_hops, max_paths)
    touched = {e.interaction.process for e in (*severed, *strengthened)}
    touched |= {
        n
        for p in net.supporting
        for n in p.nodes
        if n != TUMOR_GROWTH and kg.has(n) and kg.get(n).kind is EntityKind.PROCESS
    }
    gone = {e.interaction.id for e in severed}
    escape = tuple(i for i in kg.interactions if i.process in touched and i.id not in gone and tumor_sign(kg, i) > 0)
    open_ids = {i.id for i in escape}
    partners = []
    for other in kg.therapies:
        if other.id == found.id:
            continue
        closes = sorted(benefits(kg, other.id) & open_ids)
        if closes:
            partners.append(Partner(other, tuple(closes)))
    partners.sort(key=lambda p: (-len(p.closes), p.therapy.label))
    return TherapyAnswer(
        found,
        actions,
        tuple(severed),
        tuple(strengthened),
        net,
        tuple(sorted(escape, key=lambda i: (i.process, i.id))),
        tuple(partners),
    )
