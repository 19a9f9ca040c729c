"""The records of a therapy answer (:func:`tmekg.reasoning.blocking.block`): the interactions it severs or
strengthens, the killing it makes itself, what it needs, its predicted net effect, the escape routes it leaves and
the partners that would close them; each with the ``to_dict`` of its JSON contract."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tmekg.actions import spec
from tmekg.answers import entity_ref, interaction_view
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Therapy, TherapyAction, Trial
from tmekg.reasoning.paths import SignedPath
from tmekg.reasoning.trials import trial_view
from tmekg.vocab import NetDirection, RequirementKind, Role, Verdict

__all__ = [
    "DrugMade",
    "Effect",
    "EscapeRoute",
    "Need",
    "NetEffect",
    "Partner",
    "TherapyAnswer",
    "removes_signal",
    "verdict",
]


def removes_signal(action: TherapyAction, role: Role, strengthened: bool) -> bool:
    """An action severs an interaction by removing its signal (not by removing the cell that receives it)."""
    return not strengthened and role not in spec(action.action).receiver_loss


def verdict(helps_tumor: bool, strengthened: bool, removes_signal: bool) -> Verdict:
    """What severing (or strengthening) an interaction does: ``benefit``, ``harm``, or ``neutral`` (a pro-tumor
    signal lost only because its receiver was depleted)."""
    if strengthened:
        return Verdict.HARM if helps_tumor else Verdict.BENEFIT
    if not helps_tumor:
        return Verdict.HARM
    return Verdict.BENEFIT if removes_signal else Verdict.NEUTRAL


@dataclass(frozen=True)
class Effect:
    """One interaction an action severs or strengthens, and through which role of the target."""

    interaction: Interaction
    action: TherapyAction
    role: Role
    strengthened: bool

    @property
    def removes_signal(self) -> bool:
        """Severed by removing the signal (not by removing the cell that receives it)."""
        return removes_signal(self.action, self.role, self.strengthened)

    def verdict(self, kg: KnowledgeGraph) -> Verdict:
        """``benefit`` (works against the tumor), ``harm``, or ``neutral``: a pro-tumor signal lost only
        because its receiver was depleted (what that does depends on the receiver; see the net effect)."""
        return verdict(kg.tumor_sign(self.interaction) > 0, self.strengthened, self.removes_signal)

    def benefit(self, kg: KnowledgeGraph) -> bool:
        return self.verdict(kg) is Verdict.BENEFIT

    def relies_on(self) -> tuple[str, ...]:
        """The cells a beneficial effect needs: the receiver of the signal it strengthens or unleashes."""
        inter = self.interaction
        return (inter.target,) if inter.target else ()

    def to_dict(self, kg: KnowledgeGraph) -> dict[str, Any]:
        view = interaction_view(kg, self.interaction)
        view["via"] = {
            "target": entity_ref(kg, self.action.target),
            "action": self.action.action.value,
            "role": self.role.value,
        }
        verdict = self.verdict(kg)
        view["verdict"] = verdict.value
        view["benefit"] = verdict is Verdict.BENEFIT
        return view


@dataclass(frozen=True)
class DrugMade:
    """Killing that exists only with the therapy: effector cells sent to cells bearing the target antigen."""

    action: TherapyAction

    def to_dict(self, kg: KnowledgeGraph) -> dict[str, Any]:
        a = self.action
        return {
            "action": a.action.value,
            "antigen": entity_ref(kg, a.target),
            "effectors": [entity_ref(kg, c) for c in a.effector],
            "process": entity_ref(kg, a.process),
            "evidence": list(a.evidence),
            "evidence_level": a.evidence_level.value,
        }


@dataclass(frozen=True)
class Need:
    """Something a therapy needs in the tumor, and why (an explicit requirement or implied by a drug-made
    action)."""

    requires: str
    kind: RequirementKind
    because: str
    evidence: tuple[str, ...] = ()

    def to_dict(self, kg: KnowledgeGraph) -> dict[str, Any]:
        return {
            "requires": entity_ref(kg, self.requires),
            "kind": self.kind.value,
            "because": self.because,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class EscapeRoute:
    """An interaction that lets the tumor escape the therapy, and why it counts."""

    interaction: Interaction
    reason: str
    defeats: Need | None = None

    def to_dict(self, kg: KnowledgeGraph) -> dict[str, Any]:
        view = interaction_view(kg, self.interaction)
        view["escape_reason"] = self.reason
        view["defeats"] = self.defeats.to_dict(kg) if self.defeats else None
        return view


@dataclass(frozen=True)
class NetEffect:
    """The predicted effect on tumor growth from signed paths, weighted by their weakest evidence."""

    direction: NetDirection
    score: float
    supporting: tuple[SignedPath, ...]
    opposing: tuple[SignedPath, ...]
    truncated: bool

    def to_dict(self, kg: KnowledgeGraph, top: int = 3) -> dict[str, Any]:
        return {
            "direction": self.direction.value,
            "score": round(self.score, 3),
            "supporting_paths": [p.to_dict(kg) for p in self.supporting[:top]],
            "opposing_paths": [p.to_dict(kg) for p in self.opposing[:top]],
            "supporting_count": len(self.supporting),
            "opposing_count": len(self.opposing),
            "truncated": self.truncated,
        }


@dataclass(frozen=True)
class Partner:
    """A therapy that would close escape routes, with its rank score and the reasons a clinician reads."""

    therapy: Therapy
    closes: tuple[str, ...]
    score: float = 0.0
    reasons: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    trials: tuple[Trial, ...] = field(default=())

    def to_dict(self, kg: KnowledgeGraph) -> dict[str, Any]:
        return {
            "therapy": {"id": self.therapy.id, "label": self.therapy.label},
            "status": self.therapy.status.value,
            "closes": list(self.closes),
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
            "excluded_by_default": list(self.excluded),
            "trials": [trial_view(kg, t) for t in self.trials],
        }


@dataclass(frozen=True)
class TherapyAnswer:
    """Everything ``tmekg therapy`` reports, typed; :meth:`to_dict` gives the JSON contract."""

    therapy: Therapy
    actions: tuple[TherapyAction, ...]
    severed: tuple[Effect, ...]
    strengthened: tuple[Effect, ...]
    net_effect: NetEffect
    #: Best first; read from the store as they are listed when the graph is a stored one.
    escape_routes: Sequence[EscapeRoute]
    partners: tuple[Partner, ...]
    drug_made: tuple[DrugMade, ...] = ()
    needs: tuple[Need, ...] = ()
    trials: tuple[Trial, ...] = ()
    cancer: str | None = None

    def subgraph(self, kg: KnowledgeGraph) -> KnowledgeGraph:
        """The answer as a graph: the therapy's actions, what it severs or strengthens, the escape routes, and
        the entities on its net-effect paths."""
        on_paths = {n for p in (*self.net_effect.supporting, *self.net_effect.opposing) for n in p.nodes}
        return kg.subgraph(
            interactions=[e.interaction.id for e in (*self.severed, *self.strengthened)]
            + [r.interaction.id for r in self.escape_routes],
            therapy_actions=[a.key for a in self.actions],
            entities=on_paths,
        )

    def to_dict(self, kg: KnowledgeGraph, top: int | None = None) -> dict[str, Any]:
        """The JSON contract. ``top`` keeps the first ``top`` of each list (severed, strengthened, escape routes,
        partners; net-effect paths: 3 when not given); ``counts`` always has the full sizes."""
        cut = slice(None) if top is None else slice(top)
        return {
            "therapy": {"id": self.therapy.id, "label": self.therapy.label},
            "status": self.therapy.status.value,
            "cancer": entity_ref(kg, self.cancer),
            "counts": {
                "severed": len(self.severed),
                "strengthened": len(self.strengthened),
                "escape_routes": len(self.escape_routes),
                "partners": len(self.partners),
            },
            "actions": [
                {"target": entity_ref(kg, a.target), "action": a.action.value, "evidence": list(a.evidence)}
                for a in self.actions
            ],
            "severed": [e.to_dict(kg) for e in self.severed[cut]],
            "strengthened": [e.to_dict(kg) for e in self.strengthened[cut]],
            "drug_made": [d.to_dict(kg) for d in self.drug_made],
            "needs": [n.to_dict(kg) for n in self.needs],
            "net_effect": self.net_effect.to_dict(kg, 3 if top is None else top),
            "escape_routes": [r.to_dict(kg) for r in self.escape_routes[cut]],
            "partners": [p.to_dict(kg) for p in self.partners[cut]],
            "trials": [trial_view(kg, t) for t in self.trials],
        }
