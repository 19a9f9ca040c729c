"""Human labels and one-line explanations for every value of tmekg's enums, and short display names.

The exports that a person reads (the HTML view's cards, the pictures) show ``peripheral tolerance`` rather than
``peripheral_tolerance`` and ``Cancer-Immunity Cycle 7: killing of cancer cells`` rather than ``cic step 7``.
Every enum of :mod:`tmekg.vocab` that reaches an export has an entry; a test keeps the tables complete.

>>> human("hijacked_category", "peripheral_tolerance")
'peripheral tolerance'
>>> human("cic_step", 7)
'Cancer-Immunity Cycle 7: killing of cancer cells'
>>> explain("tumor_outcome", "pro_tumor")
'helps the tumor grow or escape immunity'
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tmekg.actions import ACTIONS
from tmekg.model import CellType, Entity
from tmekg.names import GREEK, SPELLINGS, fold
from tmekg.vocab import (
    HIJACKED_CATEGORY_DESCRIPTIONS,
    Action,
    Aspect,
    Confidence,
    Direction,
    EntityKind,
    EvidenceLevel,
    FormKind,
    HijackedCategory,
    Mechanism,
    Modality,
    MoleculeCategory,
    MoleculeType,
    NetDirection,
    RequirementKind,
    Role,
    Site,
    Species,
    TherapyStatus,
    TrialPhase,
    TrialResult,
    TumorOutcome,
    Verdict,
)

__all__ = [
    "ENUMS",
    "EXPLANATIONS",
    "FIELD_LABELS",
    "GREEK",
    "LABELS",
    "SPELLINGS",
    "explain",
    "field_label",
    "human",
    "search_key",
    "short_label",
    "short_name",
]

#: Cancer-Immunity Cycle steps (Chen & Mellman, Immunity 2013).
CIC_STEPS: dict[int, str] = {
    1: "release of cancer cell antigens",
    2: "cancer antigen presentation",
    3: "priming and activation of T cells",
    4: "trafficking of T cells to the tumor",
    5: "infiltration of T cells into the tumor",
    6: "recognition of cancer cells by T cells",
    7: "killing of cancer cells",
}

#: Which enum each exported field holds.
ENUMS: dict[str, type[StrEnum]] = {
    "mechanism": Mechanism,
    "tumor_outcome": TumorOutcome,
    "outcome": TumorOutcome,
    "hijacked_category": HijackedCategory,
    "evidence_level": EvidenceLevel,
    "confidence": Confidence,
    "species": Species,
    "molecule_type": MoleculeType,
    "categories": MoleculeCategory,
    "modality": Modality,
    "status": TherapyStatus,
    "action": Action,
    "entity_kind": EntityKind,
    "net_direction": NetDirection,
    "verdict": Verdict,
    "role": Role,
    "requirement": RequirementKind,
    "site": Site,
    "direction": Direction,
    "aspect": Aspect,
    "form_kind": FormKind,
    "trial_phase": TrialPhase,
    "trial_result": TrialResult,
}

#: Labels that are not the value with its underscores as spaces.
LABELS: dict[str, dict[str, str]] = {
    "tumor_outcome": {"pro_tumor": "pro-tumor", "anti_tumor": "anti-tumor", "context_dependent": "context-dependent"},
    "evidence_level": {
        "clinical": "clinical (patients, trials)",
        "human_correlative": "human correlative (patient samples)",
        "mouse_in_vivo": "mouse in vivo",
        "in_vitro": "in vitro",
        "review": "review",
    },
    "status": {"phase_3": "phase 3", "phase_2": "phase 2", "phase_1": "phase 1"},
    "trial_phase": {"phase_1_2": "phase 1/2", "phase_2_3": "phase 2/3"},
    "entity_kind": {"cell_type": "cell type"},
    "net_direction": {"pro_tumor": "pro-tumor", "anti_tumor": "anti-tumor", "none": "no path to tumor growth"},
    "requirement": {"ifn_gamma_signalling": "IFN-γ signalling", "fc_receptor": "Fc receptor"},
    "trial_result": {"met": "met its primary endpoint", "not_met": "did not meet its primary endpoint"},
    "hijacked_category": {"developmental_signalling": "developmental signalling"},
    "categories": {"cytotoxic_effector": "cytotoxic effector"},
}

#: One-line explanations, by field and value.
EXPLANATIONS: dict[str, dict[str, str]] = {
    "tumor_outcome": {
        "pro_tumor": "helps the tumor grow or escape immunity",
        "anti_tumor": "works against the tumor",
        "context_dependent": "helps or hinders the tumor depending on the setting (see the note)",
    },
    "mechanism": {
        "binding": "a ligand binds its receptor on the receiving cell",
        "secretion": "the sender secretes a soluble factor",
        "recruitment": "the sender attracts cells into the tumor",
        "polarization": "the sender shifts the receiver to another state (e.g. M2-like)",
        "suppression": "the sender dampens the receiver's function",
        "activation": "the sender switches the receiver on",
        "killing": "the sender kills the receiver",
        "depletion": "the sender removes the receiver or a nutrient it needs",
        "metabolic": "through a metabolite or nutrient (adenosine, kynurenine, lactate, arginine)",
    },
    "hijacked_category": {c.value: d for c, d in HIJACKED_CATEGORY_DESCRIPTIONS.items()},
    "evidence_level": {
        "clinical": "from patients in clinical studies or trials (strongest)",
        "human_correlative": "correlations in human tumor samples",
        "mouse_in_vivo": "experiments in mice",
        "in_vitro": "experiments on cells in culture",
        "review": "stated in a review article (weakest)",
    },
    "confidence": {
        "high": "several consistent studies",
        "medium": "one good study or consistent but indirect evidence",
        "low": "preliminary or disputed",
    },
    "action": {a.value: s.description for a, s in ACTIONS.items()},
    "net_direction": {
        "anti_tumor": "more paths say the therapy lowers tumor growth",
        "pro_tumor": "more paths say the therapy raises tumor growth",
        "mixed": "the paths disagree",
        "none": "no signed path reaches tumor growth",
    },
    "verdict": {
        "benefit": "works against the tumor",
        "harm": "helps the tumor",
        "neutral": "a pro-tumor signal lost only because its receiving cell is gone",
    },
    "cic_step": {str(step): f"step {step} of the Cancer-Immunity Cycle" for step in CIC_STEPS},
}

#: Field names as a person reads them.
FIELD_LABELS: dict[str, str] = {
    "cic_step": "Cancer-Immunity Cycle",
    "hijacked_function": "normal function hijacked",
    "hijacked_category": "kind of function hijacked",
    "evidence_level": "evidence",
    "tumor_outcome": "for the tumor",
    "outcome_note": "outcome note",
    "molecule_type": "molecule type",
    "approval_year": "approved in",
    "uniprot": "UniProt",
    "broader": "a kind of",
}


def human(field: str, value: Any) -> str:
    """The human label of an enum value (or a Cancer-Immunity Cycle step); other values as they are."""
    if field == "cic_step":
        step = int(value)
        return f"Cancer-Immunity Cycle {step}: {CIC_STEPS[step]}" if step in CIC_STEPS else str(value)
    text = str(value)
    if field in LABELS and text in LABELS[field]:
        return LABELS[field][text]
    if field in ENUMS:
        return text.replace("_", " ")
    return text


def explain(field: str, value: Any) -> str:
    """A one-line explanation of an enum value, or ``""``."""
    return EXPLANATIONS.get(field, {}).get(str(value), "")


def field_label(field: str) -> str:
    """A field name as a person reads it.

    >>> field_label("cic_step"), field_label("mechanism")
    ('Cancer-Immunity Cycle', 'mechanism')
    """
    return FIELD_LABELS.get(field, field.replace("_", " "))


def short_label(entity: Entity, limit: int = 28) -> str:
    """A short display name: the label, or for a cell type whose ontology label is long or has a comma
    ("CD8-positive, alpha-beta T cell") its first short synonym with a space ("CD8 T cell").

    >>> from tmekg.model import CellType
    >>> label = "CD8-positive, alpha-beta T cell"
    >>> cd8 = CellType(id="CL:0000625", label=label, synonyms=("CD8 T cell",), broader="CL:0000084", description="x")
    >>> short_label(cd8)
    'CD8 T cell'
    """
    if not isinstance(entity, CellType):
        return entity.label
    return short_name(entity.label, entity.synonyms, limit)


def short_name(label: str, synonyms: tuple[str, ...] | list[str], limit: int = 28) -> str:
    """``label``, or when it is longer than ``limit`` or has a comma, its first synonym with a space that is
    no longer than ``limit``."""
    if len(label) <= limit and "," not in label:
        return label
    for synonym in synonyms:
        if " " in synonym and len(synonym) <= min(limit, len(label)):
            return synonym
    return label


def search_key(text: str) -> str:
    """A name folded for matching, as the resolver folds it (:func:`tmekg.names.fold`).

    >>> search_key("TGF-β1"), search_key("tgf beta 1"), search_key("PD L1"), search_key("Tumour growth")
    ('tgfbeta1', 'tgfbeta1', 'pdl1', 'tumorgrowth')
    """
    return fold(text)
