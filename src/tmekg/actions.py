"""What each therapy action means, defined once: the registry every backend and the reasoning read.

Adding an action kind is one :class:`Action` value and one :class:`ActionSpec` entry here; the signed graph, the
blocking rules, validation, Neo4j relationship types, RDF terms and the exports all derive from this table.

>>> ACTIONS[Action.BLOCKS].severs[EntityKind.MOLECULE]
(<Role.LIGAND: 'ligand'>, <Role.RECEPTOR: 'receptor'>)
>>> spec(Action.REDIRECTS).drug_made
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tmekg.vocab import Action, EntityKind, Role

__all__ = ["ACTIONS", "ActionSpec", "spec"]

_MOLECULE = frozenset({EntityKind.MOLECULE})
_CELL = frozenset({EntityKind.CELL_TYPE})


@dataclass(frozen=True)
class ActionSpec:
    """The meaning of one therapy action.

    - ``target_kinds``: what its target may be;
    - ``severs`` / ``strengthens``: by target kind, the roles of the target (or a complex holding it, or a state
      of the cell type) in the interactions the action severs or strengthens;
    - ``receiver_loss``: roles through which severing means the receiving cell is gone (a pro-tumor signal lost
      that way is neutral, not a benefit: what it does depends on the receiver);
    - ``target_sign``: the sign the action puts on its target in the signed graph; ``None`` for drug-made actions,
      whose therapy acts on a process itself;
    - ``drug_made``: the therapy makes an interaction that does not exist without it (an engager bridging cells,
      antibody-dependent killing, engineered cells); it names an ``effector`` cell and a ``process`` and needs its
      target antigen on the tumor (antigen loss is its escape route);
    - ``needs_effector``: a drug-made action names the cells that do the killing (not an oncolytic virus);
    - ``reaches_forms``: acting on a molecule also acts on its soluble, shed and exosomal forms (an antibody to
      PD-L1 binds exosomal PD-L1).
    """

    action: Action
    label: str
    description: str
    target_kinds: frozenset[EntityKind]
    severs: dict[EntityKind, tuple[Role, ...]] = field(default_factory=dict)
    strengthens: dict[EntityKind, tuple[Role, ...]] = field(default_factory=dict)
    receiver_loss: frozenset[Role] = frozenset()
    target_sign: int | None = -1
    drug_made: bool = False
    needs_effector: bool = True
    reaches_forms: bool = False

    @property
    def rel_type(self) -> str:
        """The Neo4j relationship type of the action (``BLOCKS``)."""
        return self.action.value.upper()

    @property
    def severing(self) -> bool:
        return bool(self.severs)

    def roles(self, kind: EntityKind) -> tuple[Role, ...]:
        """The roles the action reaches for a target of this kind (severed or strengthened)."""
        return self.severs.get(kind, ()) or self.strengthens.get(kind, ())


ACTIONS: dict[Action, ActionSpec] = {
    spec.action: spec
    for spec in (
        ActionSpec(
            Action.BLOCKS,
            "blocks",
            "an antibody or trap on a ligand or receptor: severs the interactions that use it (or a complex holding "
            "it, or its soluble or exosomal form) as ligand or receptor",
            _MOLECULE,
            severs={EntityKind.MOLECULE: (Role.LIGAND, Role.RECEPTOR)},
            reaches_forms=True,
        ),
        ActionSpec(
            Action.INHIBITS,
            "inhibits",
            "a small molecule on an enzyme or kinase: removes its activity wherever it acts (ligand, receptor, "
            "mediator)",
            _MOLECULE,
            severs={EntityKind.MOLECULE: (Role.LIGAND, Role.RECEPTOR, Role.MEDIATOR)},
            reaches_forms=True,
        ),
        ActionSpec(
            Action.DEPLETES,
            "depletes",
            "removes a cell population (a cell type with its subtypes and states, or the cells that carry a "
            "molecule): every interaction they send or receive",
            _CELL | _MOLECULE,
            severs={EntityKind.CELL_TYPE: (Role.SOURCE, Role.TARGET), EntityKind.MOLECULE: (Role.RECEPTOR,)},
            receiver_loss=frozenset({Role.TARGET, Role.RECEPTOR}),
        ),
        ActionSpec(
            Action.AGONIZES,
            "agonizes",
            "activates a receptor: strengthens the interactions that signal through it",
            _MOLECULE,
            strengthens={EntityKind.MOLECULE: (Role.RECEPTOR, Role.MEDIATOR)},
            target_sign=1,
        ),
        ActionSpec(
            Action.SUPPLIES,
            "supplies",
            "gives more of a molecule (a recombinant cytokine, a virus-encoded one): strengthens the interactions "
            "that use it as ligand or mediator",
            _MOLECULE,
            strengthens={EntityKind.MOLECULE: (Role.LIGAND, Role.MEDIATOR)},
            target_sign=1,
        ),
        ActionSpec(
            Action.TRANSFERS,
            "transfers",
            "adoptive transfer of a cell population (tumor-infiltrating lymphocytes): strengthens what those cells "
            "send",
            _CELL,
            strengthens={EntityKind.CELL_TYPE: (Role.SOURCE,)},
            target_sign=1,
        ),
        ActionSpec(
            Action.REDIRECTS,
            "redirects",
            "a bispecific engager bridges effector cells (T cells through CD3, NK cells through CD16) to cells "
            "bearing the target antigen, which they then kill",
            _MOLECULE,
            target_sign=None,
            drug_made=True,
        ),
        ActionSpec(
            Action.OPSONIZES,
            "opsonizes",
            "an antibody coats cells bearing the target so that Fc-receptor-bearing effector cells kill or engulf "
            "them (ADCC, ADCP)",
            _MOLECULE,
            target_sign=None,
            drug_made=True,
        ),
        ActionSpec(
            Action.ENGINEERS,
            "engineers",
            "engineered cells (CAR-T, TCR-T, CAR-NK) recognise the target and kill the cells bearing it",
            _MOLECULE,
            target_sign=None,
            drug_made=True,
        ),
        ActionSpec(
            Action.VACCINATES,
            "vaccinates",
            "a vaccine primes effector cells against the target antigen, which the tumor must keep presenting",
            _MOLECULE,
            target_sign=None,
            drug_made=True,
        ),
        ActionSpec(
            Action.STIMULATES,
            "stimulates",
            "an immunostimulant without a curated receptor (BCG, muramyl peptides) activates a cell population "
            "directly, driving a process",
            _CELL,
            target_sign=None,
            drug_made=True,
        ),
        ActionSpec(
            Action.LYSES,
            "lyses",
            "an oncolytic virus infects and lyses the target cells itself, releasing tumor antigens",
            _CELL,
            target_sign=None,
            drug_made=True,
            needs_effector=False,
        ),
    )
}


def spec(action: Action) -> ActionSpec:
    """The :class:`ActionSpec` of an action."""
    return ACTIONS[action]
