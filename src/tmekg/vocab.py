"""The closed vocabulary of tmekg, defined once: enums, CURIE prefixes and their IRIs.

Backends turn these into RDF terms, Neo4j labels or relationship types; nothing else invents one.
"""

from __future__ import annotations

import re
from enum import StrEnum

__all__ = [
    "CURIE_PATTERNS",
    "HIJACKED_CATEGORY_DESCRIPTIONS",
    "TUMOR_GROWTH",
    "Action",
    "Confidence",
    "EntityKind",
    "EvidenceLevel",
    "HijackedCategory",
    "Mechanism",
    "Modality",
    "MoleculeCategory",
    "MoleculeType",
    "Species",
    "TherapyStatus",
    "TumorOutcome",
    "curie_error",
    "curie_to_iri",
]


class EntityKind(StrEnum):
    """The kinds of entity a knowledge graph holds (references are kept apart)."""

    CELL_TYPE = "cell_type"
    MOLECULE = "molecule"
    PROCESS = "process"
    THERAPY = "therapy"
    CANCER = "cancer"


class MoleculeType(StrEnum):
    PROTEIN = "protein"
    COMPLEX = "complex"
    METABOLITE = "metabolite"


class MoleculeCategory(StrEnum):
    LIGAND = "ligand"
    RECEPTOR = "receptor"
    CYTOKINE = "cytokine"
    CHEMOKINE = "chemokine"
    CHECKPOINT = "checkpoint"
    GROWTH_FACTOR = "growth_factor"
    ENZYME = "enzyme"
    CYTOTOXIC_EFFECTOR = "cytotoxic_effector"
    ADHESION = "adhesion"
    TRANSCRIPTION_FACTOR = "transcription_factor"
    METABOLITE = "metabolite"
    OTHER = "other"


class Mechanism(StrEnum):
    BINDING = "binding"
    SECRETION = "secretion"
    RECRUITMENT = "recruitment"
    POLARIZATION = "polarization"
    SUPPRESSION = "suppression"
    ACTIVATION = "activation"
    KILLING = "killing"
    DEPLETION = "depletion"
    METABOLIC = "metabolic"


class TumorOutcome(StrEnum):
    PRO_TUMOR = "pro_tumor"
    ANTI_TUMOR = "anti_tumor"
    CONTEXT_DEPENDENT = "context_dependent"


class HijackedCategory(StrEnum):
    """The kind of normal function a pro-tumor interaction co-opts (the free-text ``hijacked_function`` says
    exactly which); see :data:`HIJACKED_CATEGORY_DESCRIPTIONS`."""

    PERIPHERAL_TOLERANCE = "peripheral_tolerance"
    RESOLUTION_OF_INFLAMMATION = "resolution_of_inflammation"
    WOUND_HEALING_AND_TISSUE_REPAIR = "wound_healing_and_tissue_repair"
    ANGIOGENESIS = "angiogenesis"
    PHAGOCYTOSIS_CONTROL = "phagocytosis_control"
    ANTIMICROBIAL_DEFENSE = "antimicrobial_defense"
    ACUTE_INFLAMMATION = "acute_inflammation"
    LEUKOCYTE_TRAFFICKING = "leukocyte_trafficking"
    METABOLIC_REGULATION = "metabolic_regulation"
    HEMATOPOIESIS_AND_DIFFERENTIATION = "hematopoiesis_and_differentiation"
    DEVELOPMENTAL_SIGNALLING = "developmental_signalling"
    LOSS_OF_IMMUNE_RECOGNITION = "loss_of_immune_recognition"


HIJACKED_CATEGORY_DESCRIPTIONS: dict[HijackedCategory, str] = {
    HijackedCategory.PERIPHERAL_TOLERANCE: "self-tolerance: checkpoints, regulatory T cells, tolerogenic cells",
    HijackedCategory.RESOLUTION_OF_INFLAMMATION: "negative feedback that ends inflammation and protects tissue",
    HijackedCategory.WOUND_HEALING_AND_TISSUE_REPAIR: "repair macrophages, fibroblast activation, matrix",
    HijackedCategory.ANGIOGENESIS: "growth and permeability of blood vessels",
    HijackedCategory.PHAGOCYTOSIS_CONTROL: "'don't eat me' signals that spare healthy cells",
    HijackedCategory.ANTIMICROBIAL_DEFENSE: "neutrophils, NETs, oxidative burst, emergency granulopoiesis",
    HijackedCategory.ACUTE_INFLAMMATION: "inflammatory mediators and responses that are normally transient",
    HijackedCategory.LEUKOCYTE_TRAFFICKING: "homing, recruitment and retention of leukocytes",
    HijackedCategory.METABOLIC_REGULATION: "nutrient and metabolite control of immune cells",
    HijackedCategory.HEMATOPOIESIS_AND_DIFFERENTIATION: "myelopoiesis and myeloid differentiation",
    HijackedCategory.DEVELOPMENTAL_SIGNALLING: "developmental and tissue-growth pathways",
    HijackedCategory.LOSS_OF_IMMUNE_RECOGNITION: "not co-opted but lost: the tumor sheds what immunity needs",
}


class EvidenceLevel(StrEnum):
    """How strong the evidence behind a statement is, strongest first."""

    CLINICAL = "clinical"
    HUMAN_CORRELATIVE = "human_correlative"
    MOUSE_IN_VIVO = "mouse_in_vivo"
    IN_VITRO = "in_vitro"
    REVIEW = "review"


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Species(StrEnum):
    HUMAN = "human"
    MOUSE = "mouse"


class Action(StrEnum):
    """What a therapy does to its target (DESIGN.md §3, "Therapy action")."""

    BLOCKS = "blocks"
    INHIBITS = "inhibits"
    DEPLETES = "depletes"
    AGONIZES = "agonizes"
    ENGINEERS = "engineers"
    SUPPLIES = "supplies"


class Modality(StrEnum):
    MONOCLONAL_ANTIBODY = "monoclonal_antibody"
    BISPECIFIC_ANTIBODY = "bispecific_antibody"
    FUSION_PROTEIN = "fusion_protein"
    SMALL_MOLECULE = "small_molecule"
    RECOMBINANT_CYTOKINE = "recombinant_cytokine"
    CELL_THERAPY = "cell_therapy"
    ONCOLYTIC_VIRUS = "oncolytic_virus"
    VACCINE = "vaccine"
    ANTIBODY_DRUG_CONJUGATE = "antibody_drug_conjugate"


class TherapyStatus(StrEnum):
    APPROVED = "approved"
    PHASE_3 = "phase_3"
    PHASE_2 = "phase_2"
    PHASE_1 = "phase_1"
    DISCONTINUED = "discontinued"


#: The sink of every signed path.
TUMOR_GROWTH = "tmekg:tumor_growth"

#: Accepted CURIE prefixes: the local-part pattern and the IRI prefix it expands to.
CURIE_PATTERNS: dict[str, tuple[re.Pattern[str], str]] = {
    "CL": (re.compile(r"\d{7}"), "http://purl.obolibrary.org/obo/CL_"),
    "CHEBI": (re.compile(r"[1-9]\d*"), "http://purl.obolibrary.org/obo/CHEBI_"),
    "GO": (re.compile(r"\d{7}"), "http://purl.obolibrary.org/obo/GO_"),
    "MONDO": (re.compile(r"\d{7}"), "http://purl.obolibrary.org/obo/MONDO_"),
    "NCIT": (re.compile(r"C\d+"), "http://purl.obolibrary.org/obo/NCIT_"),
    "HGNC": (re.compile(r"[1-9]\d*"), "https://identifiers.org/hgnc:"),
    "DRUGBANK": (re.compile(r"DB\d{5}"), "https://identifiers.org/drugbank:"),
    "PMID": (re.compile(r"[1-9]\d*"), "https://identifiers.org/pubmed:"),
    "DOI": (re.compile(r"10\.\d{4,9}/[^\s|]+"), "https://doi.org/"),
    "tmekg": (re.compile(r"[A-Za-z][A-Za-z0-9_]*"), "https://w3id.org/tmekg/id/"),
}


def curie_error(curie: str, allowed: frozenset[str] | None = None) -> str | None:
    """Say what is wrong with ``curie``, or return ``None`` when it is well formed.

    >>> curie_error("CL:0000625") is None
    True
    >>> curie_error("CL:625")
    "local part '625' does not match CL's pattern \\\\d{7}"
    >>> curie_error("HGNC:1", allowed=frozenset({"CL"}))
    'prefix HGNC is not allowed here (allowed: CL)'
    """
    prefix, sep, local = curie.partition(":")
    if not sep or not prefix or not local:
        return "not a CURIE (expected PREFIX:local, e.g. CL:0000625)"
    if prefix not in CURIE_PATTERNS:
        return f"unknown prefix {prefix!r} (known: {', '.join(sorted(CURIE_PATTERNS))})"
    if allowed is not None and prefix not in allowed:
        return f"prefix {prefix} is not allowed here (allowed: {', '.join(sorted(allowed))})"
    pattern = CURIE_PATTERNS[prefix][0]
    if not pattern.fullmatch(local):
        return f"local part {local!r} does not match {prefix}'s pattern {pattern.pattern}"
    return None


def curie_to_iri(curie: str) -> str:
    """Expand a well-formed CURIE to its IRI.

    >>> curie_to_iri("CL:0000625")
    'http://purl.obolibrary.org/obo/CL_0000625'
    >>> curie_to_iri("tmekg:tumor_growth")
    'https://w3id.org/tmekg/id/tumor_growth'
    """
    prefix, _, local = curie.partition(":")
    return CURIE_PATTERNS[prefix][1] + local
