"""RDF view of a knowledge graph (rdflib), n-ary: interactions and therapy actions are nodes.

:func:`to_rdf` is pure: it builds a new Graph (on the Oxigraph store by default, DESIGN.md §4 and §11).
"""

from __future__ import annotations

from enum import StrEnum
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, DefinedNamespace

from tmekg.kg import KnowledgeGraph
from tmekg.model import Cancer, CellType, Entity, Molecule, Process, Therapy
from tmekg.resources import ontology_path
from tmekg.vocab import (
    Aspect,
    Direction,
    EntityKind,
    FormKind,
    MoleculeType,
    RequirementKind,
    Site,
    Species,
    TrialResult,
    curie_to_iri,
)

__all__ = ["TMEKG", "VOCAB_IRI", "entity_class", "iri", "term", "to_rdf"]

VOCAB_IRI = "https://w3id.org/tmekg/vocab#"


class TMEKG(DefinedNamespace):
    """Classes and properties of the tmekg ontology (``ontology/tmekg.ttl``)."""

    _NS = Namespace(VOCAB_IRI)
    _fail = True

    Entity: URIRef
    CellType: URIRef
    Molecule: URIRef
    Protein: URIRef
    Complex: URIRef
    Metabolite: URIRef
    Form: URIRef
    Process: URIRef
    Therapy: URIRef
    Cancer: URIRef
    Reference: URIRef
    Interaction: URIRef
    TherapyAction: URIRef
    Participant: URIRef
    Requirement: URIRef
    Trial: URIRef
    Term: URIRef
    symbol: URIRef
    uniprot: URIRef
    subunit: URIRef
    category: URIRef
    context: URIRef
    polarity: URIRef
    modality: URIRef
    status: URIRef
    approvalYear: URIRef
    authors: URIRef
    year: URIRef
    journal: URIRef
    doi: URIRef
    checkedAgainst: URIRef
    source: URIRef
    ligand: URIRef
    receptor: URIRef
    mediator: URIRef
    target: URIRef
    process: URIRef
    effect: URIRef
    mechanism: URIRef
    tumorOutcome: URIRef
    hijackedFunction: URIRef
    hijackedCategory: URIRef
    hijackedNote: URIRef
    NormalFunction: URIRef
    functionCategory: URIRef
    outcomeNote: URIRef
    cicStep: URIRef
    cancerContext: URIRef
    species: URIRef
    evidence: URIRef
    evidenceLevel: URIRef
    confidence: URIRef
    summary: URIRef
    therapy: URIRef
    actionTarget: URIRef
    action: URIRef
    note: URIRef
    formOf: URIRef
    formKind: URIRef
    madeBy: URIRef
    participant: URIRef
    participantMolecule: URIRef
    site: URIRef
    direction: URIRef
    aspect: URIRef
    effector: URIRef
    drivesProcess: URIRef
    requiredFor: URIRef
    requires: URIRef
    requirementKind: URIRef
    trialName: URIRef
    phase: URIRef
    randomized: URIRef
    studies: URIRef
    experimentalArm: URIRef
    comparatorArm: URIRef
    comparatorNote: URIRef
    endpoint: URIRef
    result: URIRef
    resultNote: URIRef
    publication: URIRef


_VOCAB = Namespace(VOCAB_IRI)
_TAXON = {
    Species.HUMAN: URIRef("http://purl.obolibrary.org/obo/NCBITaxon_9606"),
    Species.MOUSE: URIRef("http://purl.obolibrary.org/obo/NCBITaxon_10090"),
}
_KIND_CLASS = {
    EntityKind.CELL_TYPE: TMEKG.CellType,
    EntityKind.PROCESS: TMEKG.Process,
    EntityKind.THERAPY: TMEKG.Therapy,
    EntityKind.CANCER: TMEKG.Cancer,
}
_MOLECULE_CLASS = {
    MoleculeType.PROTEIN: TMEKG.Protein,
    MoleculeType.COMPLEX: TMEKG.Complex,
    MoleculeType.METABOLITE: TMEKG.Metabolite,
    MoleculeType.FORM: TMEKG.Form,
}


def iri(curie: str) -> URIRef:
    """The IRI of a CURIE (OBO PURLs for CL/CHEBI/GO/MONDO, identifiers.org for the rest)."""
    return URIRef(curie_to_iri(curie))


#: Enums whose terms carry a scheme prefix in their local name (``tmekg:aspect_secretion``), so that a value never
#: names two things (``secretion`` is also a mechanism).
_SCHEME = {Site: "site", Direction: "direction", Aspect: "aspect", FormKind: "form", RequirementKind: "need",
           TrialResult: "result"}  # fmt: skip


def term(value: StrEnum) -> URIRef:
    """The IRI of a controlled-vocabulary value (declared in ``tmekg.ttl``)."""
    scheme = _SCHEME.get(type(value))
    return _VOCAB[f"{scheme}_{value.value}" if scheme else value.value]


def entity_class(entity: Entity) -> URIRef:
    if isinstance(entity, Molecule):
        return _MOLECULE_CLASS[entity.molecule_type]
    return _KIND_CLASS[entity.kind]


def _text(value: str) -> Literal:
    return Literal(value, datatype=XSD.string)


def _int(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def to_rdf(kg: KnowledgeGraph, *, store: str = "Oxigraph", with_ontology: bool = False) -> Graph:
    """Build the RDF graph of ``kg``. ``store="default"`` uses rdflib's in-memory store.

    Every string is an ``xsd:string`` literal and every number an ``xsd:integer``, so the graph compares the
    same on any store.
    """
    graph = Graph(store=store)
    graph.bind("tmekg", _VOCAB)
    graph.bind("skos", SKOS)
    graph.bind("dcterms", DCTERMS)
    graph.bind("obo", Namespace("http://purl.obolibrary.org/obo/"))
    graph.bind("id", Namespace(curie_to_iri("tmekg:x")[:-1]))
    if with_ontology:
        graph.parse(ontology_path(), format="turtle")
    add = graph.add

    for entity in kg.entities():
        node = iri(entity.id)
        add((node, RDF.type, entity_class(entity)))
        add((node, RDFS.label, _text(entity.label)))
        add((node, DCTERMS.identifier, _text(entity.id)))
        for synonym in entity.synonyms:
            add((node, SKOS.altLabel, _text(synonym)))
        if entity.description:
            add((node, DCTERMS.description, _text(entity.description)))
        if isinstance(entity, Cancer):
            for broader in entity.broader:
                add((node, SKOS.broader, iri(broader)))
        elif isinstance(entity, CellType):
            if entity.broader:
                add((node, SKOS.broader, iri(entity.broader)))
            if entity.context:
                add((node, TMEKG.context, _text(entity.context)))
        elif isinstance(entity, Molecule):
            if entity.symbol:
                add((node, TMEKG.symbol, _text(entity.symbol)))
            if entity.uniprot:
                add((node, TMEKG.uniprot, _text(entity.uniprot)))
            for sub in entity.subunits:
                add((node, TMEKG.subunit, iri(sub)))
            if entity.form_of:
                add((node, TMEKG.formOf, iri(entity.form_of)))
            if entity.form:
                add((node, TMEKG.formKind, term(entity.form)))
            for enzyme in entity.made_by:
                add((node, TMEKG.madeBy, iri(enzyme)))
            for category in entity.categories:
                add((node, TMEKG.category, term(category)))
        elif isinstance(entity, Process):
            add((node, TMEKG.polarity, _int(entity.polarity)))
        elif isinstance(entity, Therapy):
            add((node, TMEKG.modality, term(entity.modality)))
            add((node, TMEKG.status, term(entity.status)))
            if entity.approval_year is not None:
                add((node, TMEKG.approvalYear, _int(entity.approval_year)))

    for function in kg.functions:
        node = iri(function.id)
        add((node, RDF.type, TMEKG.NormalFunction))
        add((node, DCTERMS.identifier, _text(function.id)))
        add((node, RDFS.label, _text(function.label)))
        add((node, TMEKG.functionCategory, term(function.category)))
        add((node, DCTERMS.description, _text(function.description)))

    for ref in kg.references:
        node = iri(ref.id)
        add((node, RDF.type, TMEKG.Reference))
        add((node, DCTERMS.identifier, _text(ref.id)))
        add((node, DCTERMS.title, _text(ref.title)))
        add((node, TMEKG.authors, _text(ref.authors)))
        add((node, TMEKG.year, _int(ref.year)))
        add((node, TMEKG.journal, _text(ref.journal)))
        if ref.doi:
            add((node, TMEKG.doi, _text(ref.doi)))
        if ref.checked_against:
            add((node, TMEKG.checkedAgainst, _text(ref.checked_against)))

    for inter in kg.interactions:
        node = iri(inter.id)
        add((node, RDF.type, TMEKG.Interaction))
        add((node, DCTERMS.identifier, _text(inter.id)))
        for prop, value in (
            (TMEKG.source, inter.source),
            (TMEKG.ligand, inter.ligand),
            (TMEKG.receptor, inter.receptor),
            (TMEKG.target, inter.target),
            (TMEKG.process, inter.process),
        ):
            if value:
                add((node, prop, iri(value)))
        for value in inter.mediators:
            add((node, TMEKG.mediator, iri(value)))
        for part in inter.participants:
            qualified = URIRef(f"{node}/participant/{quote(part.molecule, safe='')}")
            add((node, TMEKG.participant, qualified))
            add((qualified, RDF.type, TMEKG.Participant))
            add((qualified, TMEKG.participantMolecule, iri(part.molecule)))
            add((qualified, TMEKG.site, term(part.site)))
            if part.change:
                add((qualified, TMEKG.direction, term(part.change.direction)))
                add((qualified, TMEKG.aspect, term(part.change.aspect)))
        add((node, TMEKG.effect, _int(inter.effect)))
        add((node, TMEKG.mechanism, term(inter.mechanism)))
        add((node, TMEKG.tumorOutcome, term(inter.tumor_outcome)))
        hijacked = kg.function(inter.hijacked_function)
        if hijacked:
            add((node, TMEKG.hijackedFunction, iri(hijacked.id)))
            add((node, TMEKG.hijackedCategory, term(hijacked.category)))
        if inter.hijacked_note:
            add((node, TMEKG.hijackedNote, _text(inter.hijacked_note)))
        if inter.outcome_note:
            add((node, TMEKG.outcomeNote, _text(inter.outcome_note)))
        if inter.cic_step is not None:
            add((node, TMEKG.cicStep, _int(inter.cic_step)))
        for cancer in inter.contexts:
            add((node, TMEKG.cancerContext, iri(cancer)))
        for species in inter.species:
            add((node, TMEKG.species, _TAXON[species]))
        for ref_id in inter.evidence:
            add((node, TMEKG.evidence, iri(ref_id)))
        add((node, TMEKG.evidenceLevel, term(inter.evidence_level)))
        add((node, TMEKG.confidence, term(inter.confidence)))
        add((node, TMEKG.summary, _text(inter.summary)))

    for action in kg.therapy_actions:
        node = record_iri("action", action.id)
        add((node, RDF.type, TMEKG.TherapyAction))
        add((node, DCTERMS.identifier, _text(action.id)))
        add((node, TMEKG.therapy, iri(action.therapy)))
        add((node, TMEKG.actionTarget, iri(action.target)))
        add((node, TMEKG.action, term(action.action)))
        for cell in action.effector:
            add((node, TMEKG.effector, iri(cell)))
        if action.process:
            add((node, TMEKG.drivesProcess, iri(action.process)))
        for ref_id in action.evidence:
            add((node, TMEKG.evidence, iri(ref_id)))
        add((node, TMEKG.evidenceLevel, term(action.evidence_level)))
        if action.note:
            add((node, TMEKG.note, _text(action.note)))

    for req in kg.requirements:
        node = record_iri("requirement", req.key)
        add((node, RDF.type, TMEKG.Requirement))
        add((node, DCTERMS.identifier, _text(req.key)))
        add((node, TMEKG.requiredFor, term(req.action)))
        add((node, TMEKG.actionTarget, iri(req.target)))
        add((node, TMEKG.requires, iri(req.requires)))
        add((node, TMEKG.requirementKind, term(req.kind)))
        for ref_id in req.evidence:
            add((node, TMEKG.evidence, iri(ref_id)))
        add((node, TMEKG.evidenceLevel, term(req.evidence_level)))
        if req.note:
            add((node, TMEKG.note, _text(req.note)))

    for trial in kg.trials:
        node = iri(trial.id)
        add((node, RDF.type, TMEKG.Trial))
        add((node, DCTERMS.identifier, _text(trial.id)))
        add((node, TMEKG.trialName, _text(trial.name)))
        add((node, RDFS.label, _text(trial.name)))
        add((node, TMEKG.phase, term(trial.phase)))
        add((node, TMEKG.randomized, Literal(trial.randomized, datatype=XSD.boolean)))
        for cancer in trial.cancers:
            add((node, TMEKG.studies, iri(cancer)))
        for therapy in trial.experimental:
            add((node, TMEKG.experimentalArm, iri(therapy)))
        for therapy in trial.comparator:
            add((node, TMEKG.comparatorArm, iri(therapy)))
        if trial.comparator_note:
            add((node, TMEKG.comparatorNote, _text(trial.comparator_note)))
        add((node, TMEKG.endpoint, _text(trial.endpoint)))
        add((node, TMEKG.result, term(trial.result)))
        if trial.result_note:
            add((node, TMEKG.resultNote, _text(trial.result_note)))
        for ref_id in trial.publications:
            add((node, TMEKG.publication, iri(ref_id)))
        add((node, TMEKG.checkedAgainst, _text(trial.checked_against)))
    return graph


def record_iri(kind: str, record_id: str) -> URIRef:
    """A stable IRI for a record that has no CURIE of its own (a therapy action, a requirement): its one id,
    percent-encoded, under ``https://w3id.org/tmekg/id/<kind>/``."""
    return URIRef(f"{curie_to_iri('tmekg:' + kind)}/{quote(record_id, safe='')}")


def select(graph: Graph, text: str, bindings: dict[str, str] | None = None) -> list[dict[str, object]]:
    """Run a SPARQL SELECT with string parameters bound (as ``xsd:string`` literals), rows as plain values.

    IRIs become strings, literals their Python values, unbound variables ``None``.
    """
    init = {name: _text(value) for name, value in (bindings or {}).items()}
    result = graph.query(text, initBindings=init) if init else graph.query(text)
    names = [str(v) for v in (result.vars or [])]
    rows: list[dict[str, object]] = []
    for row in result:
        values = row if isinstance(row, tuple) else (row,)
        rows.append({n: _plain(v) for n, v in zip(names, values, strict=True)})
    return rows


def _plain(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython()
    return str(term)
