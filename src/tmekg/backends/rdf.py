"""RDF view of a knowledge graph (rdflib), n-ary: interactions and therapy actions are nodes.

:func:`to_rdf` is pure: it builds a new Graph (on the Oxigraph store by default, DESIGN.md §4 and §11).
"""

from __future__ import annotations

from enum import StrEnum

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, DefinedNamespace

from tmekg.kg import KnowledgeGraph
from tmekg.model import CellType, Entity, Molecule, Process, Therapy
from tmekg.resources import ontology_path
from tmekg.vocab import EntityKind, MoleculeType, Species, curie_to_iri

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
    Process: URIRef
    Therapy: URIRef
    Cancer: URIRef
    Reference: URIRef
    Interaction: URIRef
    TherapyAction: URIRef
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
}


def iri(curie: str) -> URIRef:
    """The IRI of a CURIE (OBO PURLs for CL/CHEBI/GO/MONDO, identifiers.org for the rest)."""
    return URIRef(curie_to_iri(curie))


def term(value: StrEnum) -> URIRef:
    """The IRI of a controlled-vocabulary value (declared in ``tmekg.ttl``)."""
    return _VOCAB[value.value]


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
        if isinstance(entity, CellType):
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
            for category in entity.categories:
                add((node, TMEKG.category, term(category)))
        elif isinstance(entity, Process):
            add((node, TMEKG.polarity, _int(entity.polarity)))
        elif isinstance(entity, Therapy):
            add((node, TMEKG.modality, term(entity.modality)))
            add((node, TMEKG.status, term(entity.status)))
            if entity.approval_year is not None:
                add((node, TMEKG.approvalYear, _int(entity.approval_year)))

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
        add((node, TMEKG.effect, _int(inter.effect)))
        add((node, TMEKG.mechanism, term(inter.mechanism)))
        add((node, TMEKG.tumorOutcome, term(inter.tumor_outcome)))
        if inter.hijacked_function:
            add((node, TMEKG.hijackedFunction, _text(inter.hijacked_function)))
        if inter.hijacked_category:
            add((node, TMEKG.hijackedCategory, term(inter.hijacked_category)))
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
        node = action_iri(action.therapy, action.target)
        add((node, RDF.type, TMEKG.TherapyAction))
        add((node, TMEKG.therapy, iri(action.therapy)))
        add((node, TMEKG.actionTarget, iri(action.target)))
        add((node, TMEKG.action, term(action.action)))
        for ref_id in action.evidence:
            add((node, TMEKG.evidence, iri(ref_id)))
        add((node, TMEKG.evidenceLevel, term(action.evidence_level)))
        if action.note:
            add((node, TMEKG.note, _text(action.note)))
    return graph


def action_iri(therapy: str, target: str) -> URIRef:
    """A stable IRI for the action of ``therapy`` on ``target`` (CURIE colons become underscores)."""
    local = f"action_{therapy}__{target}".replace(":", "_").replace(".", "_")
    return URIRef(curie_to_iri("tmekg:x")[:-1] + local)


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
