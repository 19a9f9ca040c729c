"""The closed vocabulary of tmekg, defined once: enums, CURIE prefixes and their IRIs.

Backends turn these into RDF terms, Neo4j labels or relationship types; nothing else invents one.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import curies

__all__ = [
    "CURIE_PATTERNS",
    "HIJACKED_CATEGORY_DESCRIPTIONS",
    "TUMOR_GROWTH",
    "Action",
    "Aspect",
    "CombinationKind",
    "Confidence",
    "Direction",
    "EntityKind",
    "EvidenceLevel",
    "FormKind",
    "HijackedCategory",
    "Mechanism",
    "Modality",
    "MoleculeCategory",
    "MoleculeType",
    "NetDirection",
    "Predicate",
    "RequirementKind",
    "Role",
    "Site",
    "SourceKind",
    "Species",
    "TherapyStatus",
    "TrialPhase",
    "TrialResult",
    "TumorOutcome",
    "Verdict",
    "curie_converter",
    "curie_error",
    "curie_to_iri",
    "derive_outcome",
    "iri_prefix",
    "iri_to_curie",
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
    #: a soluble, shed or exosomal form of a protein or complex that has an effect of its own
    FORM = "form"


class FormKind(StrEnum):
    """How a molecular form differs from the molecule it is a form of."""

    SHED = "shed"
    SOLUBLE = "soluble"
    EXOSOMAL = "exosomal"


class Site(StrEnum):
    """Where a participant of an interaction sits: the sender produces only sender-side molecules."""

    SENDER = "sender"
    RECEIVER = "receiver"
    EXTRACELLULAR = "extracellular"


class Direction(StrEnum):
    """Which way a participant moved in the statement (Biolink's direction qualifier)."""

    INCREASED = "increased"
    DECREASED = "decreased"
    LOST = "lost"

    @property
    def sign(self) -> int:
        """+1 when the participant went up, -1 when it went down or was lost."""
        return 1 if self is Direction.INCREASED else -1


class Aspect(StrEnum):
    """What about a participant moved (Biolink's aspect qualifier)."""

    EXPRESSION = "expression"
    ACTIVITY = "activity"
    SECRETION = "secretion"
    CLEAVAGE = "cleavage"


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
    """What a therapy does to its target (DESIGN.md §3, "Therapy action"); what each one means is in
    :data:`tmekg.actions.ACTIONS`."""

    BLOCKS = "blocks"
    INHIBITS = "inhibits"
    DEPLETES = "depletes"
    AGONIZES = "agonizes"
    SUPPLIES = "supplies"
    TRANSFERS = "transfers"
    REDIRECTS = "redirects"
    OPSONIZES = "opsonizes"
    ENGINEERS = "engineers"
    VACCINATES = "vaccinates"
    STIMULATES = "stimulates"
    LYSES = "lyses"


class Role(StrEnum):
    """The part an entity plays in an interaction."""

    SOURCE = "source"
    LIGAND = "ligand"
    RECEPTOR = "receptor"
    MEDIATOR = "mediator"
    TARGET = "target"


class RequirementKind(StrEnum):
    """What a therapy needs in the tumor for its action to work."""

    ANTIGEN_PRESENTATION = "antigen_presentation"
    IFN_GAMMA_SIGNALLING = "ifn_gamma_signalling"
    EFFECTOR_CELL = "effector_cell"
    FC_RECEPTOR = "fc_receptor"
    ANTIGEN = "antigen"


class TrialPhase(StrEnum):
    PHASE_1 = "phase_1"
    PHASE_1_2 = "phase_1_2"
    PHASE_2 = "phase_2"
    PHASE_2_3 = "phase_2_3"
    PHASE_3 = "phase_3"


class TrialResult(StrEnum):
    """What a trial showed on its primary endpoint(s)."""

    MET = "met"
    NOT_MET = "not_met"
    MIXED = "mixed"
    ONGOING = "ongoing"


class Predicate(StrEnum):
    """Edge types of the NetworkX view and the signed graph (relationship types in Neo4j, upper-cased)."""

    PRODUCES = "produces"
    BINDS = "binds"
    ACTS_ON = "acts_on"
    INCREASES = "increases"
    DECREASES = "decreases"
    MAKES = "makes"
    FORM_OF = "form_of"
    HAS_FORM = "has_form"
    HAS_SUBUNIT = "has_subunit"
    PART_OF = "part_of"
    SUBCLASS_OF = "subclass_of"
    POLARITY = "polarity"


class NetDirection(StrEnum):
    """The predicted net effect of a therapy on the tumor."""

    ANTI_TUMOR = "anti_tumor"
    PRO_TUMOR = "pro_tumor"
    MIXED = "mixed"
    NONE = "none"


class Verdict(StrEnum):
    """What severing or strengthening one interaction means for the patient."""

    BENEFIT = "benefit"
    HARM = "harm"
    NEUTRAL = "neutral"


class CombinationKind(StrEnum):
    REDUNDANT = "redundant"
    COMPLEMENTARY = "complementary"
    ANTAGONISTIC = "antagonistic"


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
    GENE_THERAPY = "gene_therapy"
    OLIGONUCLEOTIDE = "oligonucleotide"


class SourceKind(StrEnum):
    """Where a reference or a trial was confirmed: the first word of ``checked_against``, naming how its locator
    is read."""

    #: a web page: the locator is its http(s) URL
    PAGE = "page"
    #: a PubMed Central record (PMC, Europe PMC or a copy): the locator is its PMCID, PMC1234567
    PMC = "pmc"
    #: a PubMed record seen on a copy or mirror with no URL of its own: the locator is the PMID
    PUBMED = "pubmed"
    #: a page known only by its site: the locator is the host name
    SITE = "site"
    #: a file found by searching public source code: the locator is the search index's file id
    CODE = "code"


class TherapyStatus(StrEnum):
    APPROVED = "approved"
    PHASE_3 = "phase_3"
    PHASE_2 = "phase_2"
    PHASE_1 = "phase_1"
    DISCONTINUED = "discontinued"


def derive_outcome(effect: int, polarity: int) -> TumorOutcome:
    """The outcome the signs imply: effect x polarity, + is pro-tumor (the one place this is computed).

    >>> derive_outcome(-1, -1).value
    'pro_tumor'
    """
    return TumorOutcome.PRO_TUMOR if effect * polarity > 0 else TumorOutcome.ANTI_TUMOR


#: The sink of every signed path.
TUMOR_GROWTH = "tmekg:tumor_growth"

#: Accepted CURIE prefixes: the local-part pattern and the IRI prefix it expands to. One grammar per prefix, ASCII
#: only (``re.ASCII``: ``\\d`` would also match Arabic-Indic, fullwidth or Devanagari digits) and IRI-safe (every
#: character may stand in an IRI unescaped). Where bioregistry's pattern fits it is used as is (CL, GO, MONDO,
#: HGNC, DRUGBANK, clinicaltrials); the others are stricter than bioregistry's, never looser (a test checks that every
#: id these accept matches bioregistry's pattern): no leading zero where the registry's ids have none (CHEBI, PMID;
#: ``PMID:0123`` would be a second spelling of ``PMID:123``), NCIT concept codes only, and for DOI Crossref's
#: recommended pattern plus percent-escapes instead of bioregistry's ``.*`` (which lets ``<``, ``"`` or a space through
#: into an IRI).
CURIE_PATTERNS: dict[str, tuple[re.Pattern[str], str]] = {
    "CL": (re.compile(r"\d{7}", re.ASCII), "http://purl.obolibrary.org/obo/CL_"),
    "CHEBI": (re.compile(r"[1-9]\d*", re.ASCII), "http://purl.obolibrary.org/obo/CHEBI_"),
    "GO": (re.compile(r"\d{7}", re.ASCII), "http://purl.obolibrary.org/obo/GO_"),
    "MONDO": (re.compile(r"\d{7}", re.ASCII), "http://purl.obolibrary.org/obo/MONDO_"),
    "NCIT": (re.compile(r"C\d+", re.ASCII), "http://purl.obolibrary.org/obo/NCIT_"),
    "HGNC": (re.compile(r"[1-9]\d{0,4}", re.ASCII), "https://identifiers.org/hgnc:"),
    "DRUGBANK": (re.compile(r"DB\d{5}", re.ASCII), "https://identifiers.org/drugbank:"),
    "PMID": (re.compile(r"[1-9]\d*", re.ASCII), "https://identifiers.org/pubmed:"),
    "clinicaltrials": (re.compile(r"NCT\d{8}", re.ASCII), "https://clinicaltrials.gov/study/"),
    "DOI": (re.compile(r"10\.\d{4,9}/(?:[-._;()/:A-Za-z0-9]|%[0-9A-Fa-f]{2})+", re.ASCII), "https://doi.org/"),
    "tmekg": (re.compile(r"[A-Za-z][A-Za-z0-9_]*", re.ASCII), "https://w3id.org/tmekg/id/"),
}


_DOI_CHAR = re.compile(r"[-._;()/:A-Za-z0-9%]", re.ASCII)


def _first_odd(text: str) -> str:
    """The first character of ``text`` that is not printable ASCII, named (``U+0660 ARABIC-INDIC DIGIT ZERO``)."""
    import unicodedata

    odd = next((c for c in text if not " " < c < "\x7f"), "")
    return f"U+{ord(odd):04X} {unicodedata.name(odd, 'unnamed character')}" if odd else ""


def curie_error(curie: str, allowed: frozenset[str] | None = None) -> str | None:
    """Say what is wrong with ``curie``, or return ``None`` when it is well formed.

    >>> curie_error("CL:0000625") is None
    True
    >>> curie_error("CL:625")
    "local part '625' does not match CL's pattern \\\\d{7}"
    >>> curie_error("HGNC:1", allowed=frozenset({"CL"}))
    'prefix HGNC is not allowed here (allowed: CL)'
    >>> curie_error("MONDO:\u0660\u0660\u0660\u0662\u0665\u0662\u0669")
    "local part '٠٠٠٢٥٢٩' holds U+0660 ARABIC-INDIC DIGIT ZERO: ids are printable ASCII"
    """
    prefix, sep, local = curie.partition(":")
    if not sep or not prefix or not local:
        return "not a CURIE (expected PREFIX:local, e.g. CL:0000625)"
    if prefix not in CURIE_PATTERNS:
        odd = _first_odd(prefix)
        if odd:
            return f"prefix {prefix!r} holds {odd}: ids are printable ASCII"
        return f"unknown prefix {prefix!r} (known: {', '.join(sorted(CURIE_PATTERNS))})"
    if allowed is not None and prefix not in allowed:
        return f"prefix {prefix} is not allowed here (allowed: {', '.join(sorted(allowed))})"
    pattern = CURIE_PATTERNS[prefix][0]
    if not pattern.fullmatch(local):
        odd = _first_odd(local)
        if odd:
            return f"local part {local!r} holds {odd}: ids are printable ASCII"
        if prefix == "DOI" and local.startswith("10."):
            bad = next((c for c in local.partition("/")[2] if not _DOI_CHAR.fullmatch(c)), "")
            if bad:
                return (
                    f"DOI {local!r} holds {bad!r}, which an IRI cannot carry as is: percent-encode it (%{ord(bad):02X})"
                )
        return f"local part {local!r} does not match {prefix}'s pattern {pattern.pattern}"
    return None


@cache
def curie_converter() -> curies.Converter:
    """The ``curies`` converter of every accepted prefix (IRI prefix and local-part pattern), built once."""
    import curies

    return curies.Converter(
        [
            curies.Record(prefix=prefix, uri_prefix=base, pattern=pattern.pattern)
            for prefix, (pattern, base) in CURIE_PATTERNS.items()
        ]
    )


def curie_to_iri(curie: str) -> str:
    """Expand a CURIE of a known prefix to its IRI (``ValueError`` for an unknown prefix; check well-formedness
    with :func:`curie_error` first).

    >>> curie_to_iri("CL:0000625")
    'http://purl.obolibrary.org/obo/CL_0000625'
    >>> curie_to_iri("tmekg:tumor_growth")
    'https://w3id.org/tmekg/id/tumor_growth'
    """
    prefix, _, local = curie.partition(":")
    base = _iri_prefixes().get(prefix)
    if base is None:
        raise ValueError(f"cannot expand {curie!r}: unknown prefix {prefix!r}")
    return base + local


@cache
def _iri_prefixes() -> dict[str, str]:
    # the converter's prefix map, read once: expansion runs once per id of every RDF view (10^6 at scale), where
    # Converter.expand's parsing and checks cost ~11 us a call against ~0.5 us for a dict look-up
    return dict(curie_converter().prefix_map)


def iri_to_curie(iri: str) -> str | None:
    """The CURIE of an IRI under a known prefix (the longest matching IRI prefix wins), else ``None``.

    >>> iri_to_curie("https://identifiers.org/hgnc:17635")
    'HGNC:17635'
    >>> iri_to_curie("https://example.org/x") is None
    True
    """
    return curie_converter().compress(iri)


def iri_prefix(prefix: str) -> str:
    """The IRI prefix a CURIE prefix expands to.

    >>> iri_prefix("tmekg")
    'https://w3id.org/tmekg/id/'
    """
    return _iri_prefixes()[prefix]
