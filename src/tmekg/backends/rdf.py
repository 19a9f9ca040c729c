"""RDF view of a knowledge graph (rdflib), n-ary: interactions and therapy actions are nodes.

:func:`to_rdf` is pure: it builds a new Graph (on the Oxigraph store by default, DESIGN.md §4 and §11) by bulk-loading
the N-Triples that :func:`ntriples` writes (one pass over the records; no triple-by-triple ``add``).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, DefinedNamespace

from tmekg.backends.nx import edge_records
from tmekg.backends.oxstore import (
    PREFIXES,
    Bindings,
    Iri,
    checked_value,
    compact,
    select_oxigraph,
    sparql_literal,
)
from tmekg.kg import KnowledgeGraph
from tmekg.model import Cancer, CellType, Entity, Molecule, Process, Therapy
from tmekg.resources import ontology_path
from tmekg.vocab import (
    TUMOR_GROWTH,
    Action,
    Aspect,
    Direction,
    EntityKind,
    FormKind,
    MoleculeCategory,
    MoleculeType,
    Predicate,
    RequirementKind,
    Site,
    Species,
    TrialResult,
    curie_to_iri,
)

__all__ = [
    "PREFIXES",
    "TMEKG",
    "VOCAB_IRI",
    "DirectEdge",
    "Iri",
    "compact",
    "direct_edges",
    "edge_property",
    "entity_class",
    "iri",
    "ntriples",
    "ontology_ntriples",
    "open_rdf",
    "select",
    "select_rows",
    "select_table",
    "sparql_literal",
    "statements",
    "term",
    "to_rdf",
]

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
    # direct edges derived like the signed reasoning graph (``direct_edges``)
    sign: URIRef
    reachesForms: URIRef
    drugMade: URIRef
    therapyActsOn: URIRef
    produces: URIRef
    binds: URIRef
    bindsInversely: URIRef
    actsOn: URIRef
    increases: URIRef
    decreases: URIRef
    promotes: URIRef
    restrains: URIRef
    makes: URIRef
    partOf: URIRef
    hasForm: URIRef


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
           TrialResult: "result", MoleculeCategory: "category", Action: "action"}  # fmt: skip


@lru_cache(maxsize=None, typed=True)  # typed: StrEnum members of two schemes may share a value ("secretion")
def term(value: StrEnum) -> URIRef:
    """The IRI of a controlled-vocabulary value (declared in ``tmekg.ttl``)."""
    scheme = _SCHEME.get(type(value))
    return _VOCAB[f"{scheme}_{value.value}" if scheme else value.value]


def entity_class(entity: Entity) -> URIRef:
    if isinstance(entity, Molecule):
        return _MOLECULE_CLASS[entity.molecule_type]
    return _KIND_CLASS[entity.kind]


class _NT(str):
    """A term already written as N-Triples (``<iri>`` or a typed literal)."""

    __slots__ = ()


_XSD_STRING = f"^^<{XSD.string}>"
_XSD_INTEGER = f"^^<{XSD.integer}>"
_XSD_BOOLEAN = f"^^<{XSD.boolean}>"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _text(value: str) -> _NT:
    return _NT('"' + value.translate(_ESCAPES) + '"' + _XSD_STRING)


def _int(value: int) -> _NT:
    return _NT(f'"{value}"{_XSD_INTEGER}')


def _bool(value: bool) -> _NT:
    return _NT(f'"{"true" if value else "false"}"{_XSD_BOOLEAN}')


@lru_cache(maxsize=1 << 16)
def _node(curie: str) -> _NT:
    return _NT(f"<{curie_to_iri(curie)}>")


def _record_node(kind: str, record_id: str) -> _NT:
    return _NT(f"<{record_iri(kind, record_id)}>")


@lru_cache(maxsize=1024)
def _iri_nt(term: str) -> str:
    return f"<{term}>"


def _nt(term: str) -> str:
    return term if isinstance(term, _NT) else _iri_nt(term)


class _Terms:
    """A namespace whose terms are N-Triples text, each made once: rdflib's closed namespaces check every attribute
    access (2.9 million of them for 10^5 interactions)."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> _NT:
        value = _NT(f"<{getattr(self._namespace, name)}>")
        setattr(self, name, value)  # later lookups find it on the instance
        return value


_FAST = (_Terms(RDF), _Terms(RDFS), _Terms(DCTERMS), _Terms(SKOS), _Terms(TMEKG))


@lru_cache(maxsize=1 << 16)
def _quoted(molecule: str) -> str:
    return quote(molecule, safe="")


def statements(kg: KnowledgeGraph) -> Iterator[tuple[str, str, str]]:
    """Every triple of the RDF view, each term as N-Triples text (an IRI ``<...>`` or a typed literal)."""
    RDF, RDFS, DCTERMS, SKOS, TMEKG = _FAST  # the namespaces, each term resolved once
    for entity in kg.entities():
        node = _node(entity.id)
        yield (node, RDF.type, entity_class(entity))
        yield (node, RDFS.label, _text(entity.label))
        yield (node, DCTERMS.identifier, _text(entity.id))
        for synonym in entity.synonyms:
            yield (node, SKOS.altLabel, _text(synonym))
        if entity.description:
            yield (node, DCTERMS.description, _text(entity.description))
        if isinstance(entity, Cancer):
            for broader in entity.broader:
                yield (node, SKOS.broader, _node(broader))
        elif isinstance(entity, CellType):
            if entity.broader:
                yield (node, SKOS.broader, _node(entity.broader))
            if entity.context:
                yield (node, TMEKG.context, _text(entity.context))
        elif isinstance(entity, Molecule):
            if entity.symbol:
                yield (node, TMEKG.symbol, _text(entity.symbol))
            if entity.uniprot:
                yield (node, TMEKG.uniprot, _text(entity.uniprot))
            for sub in entity.subunits:
                yield (node, TMEKG.subunit, _node(sub))
            if entity.form_of:
                yield (node, TMEKG.formOf, _node(entity.form_of))
            if entity.form:
                yield (node, TMEKG.formKind, term(entity.form))
            for enzyme in entity.made_by:
                yield (node, TMEKG.madeBy, _node(enzyme))
            for category in entity.categories:
                yield (node, TMEKG.category, term(category))
        elif isinstance(entity, Process):
            yield (node, TMEKG.polarity, _int(entity.polarity))
        elif isinstance(entity, Therapy):
            yield (node, TMEKG.modality, term(entity.modality))
            yield (node, TMEKG.status, term(entity.status))
            if entity.approval_year is not None:
                yield (node, TMEKG.approvalYear, _int(entity.approval_year))

    for function in kg.functions:
        node = _node(function.id)
        yield (node, RDF.type, TMEKG.NormalFunction)
        yield (node, DCTERMS.identifier, _text(function.id))
        yield (node, RDFS.label, _text(function.label))
        yield (node, TMEKG.functionCategory, term(function.category))
        yield (node, DCTERMS.description, _text(function.description))

    for ref in kg.references:
        node = _node(ref.id)
        yield (node, RDF.type, TMEKG.Reference)
        yield (node, DCTERMS.identifier, _text(ref.id))
        yield (node, DCTERMS.title, _text(ref.title))
        yield (node, TMEKG.authors, _text(ref.authors))
        yield (node, TMEKG.year, _int(ref.year))
        yield (node, TMEKG.journal, _text(ref.journal))
        if ref.doi:
            yield (node, TMEKG.doi, _text(ref.doi))
        if ref.checked_against:
            yield (node, TMEKG.checkedAgainst, _text(ref.checked_against))

    for inter in kg.interactions:
        node = _node(inter.id)
        yield (node, RDF.type, TMEKG.Interaction)
        yield (node, DCTERMS.identifier, _text(inter.id))
        for prop, value in (
            (TMEKG.source, inter.source),
            (TMEKG.ligand, inter.ligand),
            (TMEKG.receptor, inter.receptor),
            (TMEKG.target, inter.target),
            (TMEKG.process, inter.process),
        ):
            if value:
                yield (node, prop, _node(value))
        for value in inter.mediators:
            yield (node, TMEKG.mediator, _node(value))
        for part in inter.participants:
            qualified = _NT(f"{node[:-1]}/participant/{_quoted(part.molecule)}>")
            yield (node, TMEKG.participant, qualified)
            yield (qualified, RDF.type, TMEKG.Participant)
            yield (qualified, TMEKG.participantMolecule, _node(part.molecule))
            yield (qualified, TMEKG.site, term(part.site))
            if part.change:
                yield (qualified, TMEKG.direction, term(part.change.direction))
                yield (qualified, TMEKG.aspect, term(part.change.aspect))
        yield (node, TMEKG.effect, _int(inter.effect))
        yield (node, TMEKG.mechanism, term(inter.mechanism))
        yield (node, TMEKG.tumorOutcome, term(inter.tumor_outcome))
        hijacked = kg.function(inter.hijacked_function)
        if hijacked:
            yield (node, TMEKG.hijackedFunction, _node(hijacked.id))
            yield (node, TMEKG.hijackedCategory, term(hijacked.category))
        if inter.hijacked_note:
            yield (node, TMEKG.hijackedNote, _text(inter.hijacked_note))
        if inter.outcome_note:
            yield (node, TMEKG.outcomeNote, _text(inter.outcome_note))
        if inter.cic_step is not None:
            yield (node, TMEKG.cicStep, _int(inter.cic_step))
        for cancer in inter.contexts:
            yield (node, TMEKG.cancerContext, _node(cancer))
        for species in inter.species:
            yield (node, TMEKG.species, _TAXON[species])
        for ref_id in inter.evidence:
            yield (node, TMEKG.evidence, _node(ref_id))
        yield (node, TMEKG.evidenceLevel, term(inter.evidence_level))
        yield (node, TMEKG.confidence, term(inter.confidence))
        yield (node, TMEKG.summary, _text(inter.summary))

    for action in kg.therapy_actions:
        node = _record_node("action", action.id)
        yield (node, RDF.type, TMEKG.TherapyAction)
        yield (node, DCTERMS.identifier, _text(action.id))
        yield (node, TMEKG.therapy, _node(action.therapy))
        yield (node, TMEKG.actionTarget, _node(action.target))
        yield (node, TMEKG.action, term(action.action))
        for cell in action.effector:
            yield (node, TMEKG.effector, _node(cell))
        if action.process:
            yield (node, TMEKG.drivesProcess, _node(action.process))
        for ref_id in action.evidence:
            yield (node, TMEKG.evidence, _node(ref_id))
        yield (node, TMEKG.evidenceLevel, term(action.evidence_level))
        if action.note:
            yield (node, TMEKG.note, _text(action.note))

    for req in kg.requirements:
        node = _record_node("requirement", req.key)
        yield (node, RDF.type, TMEKG.Requirement)
        yield (node, DCTERMS.identifier, _text(req.key))
        yield (node, TMEKG.requiredFor, term(req.action))
        yield (node, TMEKG.actionTarget, _node(req.target))
        yield (node, TMEKG.requires, _node(req.requires))
        yield (node, TMEKG.requirementKind, term(req.kind))
        for ref_id in req.evidence:
            yield (node, TMEKG.evidence, _node(ref_id))
        yield (node, TMEKG.evidenceLevel, term(req.evidence_level))
        if req.note:
            yield (node, TMEKG.note, _text(req.note))

    for trial in kg.trials:
        node = _node(trial.id)
        yield (node, RDF.type, TMEKG.Trial)
        yield (node, DCTERMS.identifier, _text(trial.id))
        yield (node, TMEKG.trialName, _text(trial.name))
        yield (node, RDFS.label, _text(trial.name))
        yield (node, TMEKG.phase, term(trial.phase))
        yield (node, TMEKG.randomized, _bool(trial.randomized))
        for cancer in trial.cancers:
            yield (node, TMEKG.studies, _node(cancer))
        for therapy in trial.experimental:
            yield (node, TMEKG.experimentalArm, _node(therapy))
        for therapy in trial.comparator:
            yield (node, TMEKG.comparatorArm, _node(therapy))
        if trial.comparator_note:
            yield (node, TMEKG.comparatorNote, _text(trial.comparator_note))
        yield (node, TMEKG.endpoint, _text(trial.endpoint))
        yield (node, TMEKG.result, term(trial.result))
        if trial.result_note:
            yield (node, TMEKG.resultNote, _text(trial.result_note))
        for ref_id in trial.publications:
            yield (node, TMEKG.publication, _node(ref_id))
        yield (node, TMEKG.checkedAgainst, _text(trial.checked_against))

    for edge in direct_edges(kg):
        yield (_node(edge.source), edge_property(edge.key, edge.sign), _node(edge.target))


class DirectEdge(NamedTuple):
    """A direct edge of the RDF view: ``key`` is the predicate of the Python views (``binds``, ``polarity``,
    ``blocks`` ...), ``sign`` its sign (0 for ``acts_on``, which carries none)."""

    source: str
    target: str
    key: str
    sign: int


#: Interaction edges that carry a sign along a signal (the rest, ``acts_on``, only says which cell a signal reaches).
_SIGNED_KEYS = frozenset({Predicate.PRODUCES, Predicate.BINDS, Predicate.INCREASES, Predicate.DECREASES})


def direct_edges(kg: KnowledgeGraph) -> Iterator[DirectEdge]:
    """The direct edges, derived as the signed reasoning graph (:func:`tmekg.reasoning.signed.signed_graph`) derives
    its edges from :func:`tmekg.backends.nx.edge_records`, plus the unsigned ``acts_on``: the same derivation, so a
    path found by ``tmekg path`` is a chain of these edges (tests compare the two)."""
    for (u, v, key), data in edge_records(kg).items():
        kind = data["kind"]
        if kind == "interaction" and (key in _SIGNED_KEYS or key == Predicate.ACTS_ON):
            yield DirectEdge(u, v, key, 0 if key == Predicate.ACTS_ON else data["sign"])
        elif (kind == "therapy_action" and data["sign"] != 0) or kind == "form":
            yield DirectEdge(u, v, key, data["sign"])
    for molecule in kg.molecules:
        for sub in molecule.subunits:  # acting on a subunit acts on the complexes it is part of
            yield DirectEdge(sub, molecule.id, Predicate.PART_OF.value, 1)
        if molecule.form_of:
            yield DirectEdge(molecule.form_of, molecule.id, Predicate.HAS_FORM.value, 1)
    if any(p.id == TUMOR_GROWTH for p in kg.processes):
        for process in kg.processes:
            if process.id != TUMOR_GROWTH:
                yield DirectEdge(process.id, TUMOR_GROWTH, Predicate.POLARITY.value, process.polarity)


_EDGE_PROPERTY: dict[tuple[str, int], URIRef] = {
    (Predicate.PRODUCES, 1): TMEKG.produces,
    (Predicate.BINDS, 1): TMEKG.binds,
    (Predicate.BINDS, -1): TMEKG.bindsInversely,
    (Predicate.ACTS_ON, 0): TMEKG.actsOn,
    (Predicate.INCREASES, 1): TMEKG.increases,
    (Predicate.DECREASES, -1): TMEKG.decreases,
    (Predicate.POLARITY, 1): TMEKG.promotes,
    (Predicate.POLARITY, -1): TMEKG.restrains,
    (Predicate.MAKES, 1): TMEKG.makes,
    (Predicate.PART_OF, 1): TMEKG.partOf,
    (Predicate.HAS_FORM, 1): TMEKG.hasForm,
}


def edge_property(key: str, sign: int) -> URIRef:
    """The property of a direct edge: one per (key, sign), so a triple's sign is its property's ``tmekg:sign``
    (a therapy action's property is named after the action: ``tmekg:blocks``)."""
    found = _EDGE_PROPERTY.get((key, sign))
    if found is not None:
        return found
    return _VOCAB[Action(key).value]


def ntriples(kg: KnowledgeGraph, *, ontology: bool = True) -> Iterator[str]:
    """The RDF view as N-Triples lines, in a stable order of records; with ``ontology`` (the default) the lines
    of ``tmekg.ttl`` follow, so the vocabulary's labels and signs are in every graph and file tmekg writes."""
    nt = _nt
    for subject, predicate, obj in statements(kg):
        yield f"{nt(subject)} {nt(predicate)} {nt(obj)} .\n"
    if ontology:
        yield from ontology_ntriples()


@lru_cache(maxsize=1)
def _ontology_lines() -> tuple[str, ...]:
    import pyoxigraph as ox

    lines = []
    for triple in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE):
        lines.append(f"{_ox_nt(triple.subject)} {_ox_nt(triple.predicate)} {_ox_nt(triple.object)} .\n")
    return tuple(sorted(lines))


def ontology_ntriples() -> tuple[str, ...]:
    """The ontology (``tmekg.ttl``) as sorted N-Triples lines, every plain string typed ``xsd:string`` like the
    data's, so a graph compares the same on every store."""
    return _ontology_lines()


def _ox_nt(node: Any) -> str:
    import pyoxigraph as ox

    if isinstance(node, ox.Literal):
        text = '"' + node.value.translate(_ESCAPES) + '"'
        return text + f"@{node.language}" if node.language else text + f"^^<{node.datatype.value}>"
    if isinstance(node, ox.NamedNode):
        return f"<{node.value}>"
    raise ValueError(f"tmekg.ttl must not use blank nodes ({node})")  # sorted, isomorphic files need none


def _prefixes(graph: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace))


class _LineReader(io.RawIOBase):
    """A binary stream of text lines made on demand (the N-Triples of :func:`ntriples`), for a bulk load that reads
    as it parses."""

    def __init__(self, lines: Iterator[str]) -> None:
        super().__init__()
        self._lines = lines
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while len(self._buffer) < len(view):
            chunk = "".join(itertools.islice(self._lines, 4096))
            if not chunk:
                break
            self._buffer += chunk.encode("utf-8")
        size = min(len(view), len(self._buffer))
        view[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


def to_rdf(
    kg: KnowledgeGraph, *, store: str = "Oxigraph", with_ontology: bool = True, path: Path | None = None
) -> Graph:
    """Build the RDF graph of ``kg`` with the ontology in it (``with_ontology=False`` leaves it out).
    ``store="default"`` uses rdflib's in-memory store; the Oxigraph store (the default) is bulk-loaded from
    N-Triples, in memory or, with ``path``, in a new on-disk store there.

    Every string is an ``xsd:string`` literal and every number an ``xsd:integer``, so the graph compares the
    same on any store.
    """
    lines = ntriples(kg, ontology=with_ontology)
    if store == "Oxigraph":
        import pyoxigraph as ox
        from oxrdflib.store import OxigraphStore

        inner = ox.Store(str(path)) if path is not None else ox.Store()
        # streamed: the text of 10^6 interactions (3.8 GB, twice that as str and bytes) is never held at once
        inner.bulk_load(io.BufferedReader(_LineReader(lines), 1 << 20), format=ox.RdfFormat.N_TRIPLES)
        graph = Graph(store=OxigraphStore(store=inner), identifier=DATASET_DEFAULT_GRAPH_ID)
    else:
        graph = Graph(store=store)
        graph.parse(data="".join(lines).encode("utf-8"), format="nt")
    _prefixes(graph)
    return graph


def open_rdf(path: Path) -> Graph:
    """An on-disk Oxigraph store built by :func:`to_rdf` with ``path``, opened read-only as an rdflib Graph."""
    import pyoxigraph as ox
    from oxrdflib.store import OxigraphStore

    graph = Graph(store=OxigraphStore(store=ox.Store.read_only(str(path))), identifier=DATASET_DEFAULT_GRAPH_ID)
    _prefixes(graph)
    return graph


def record_iri(kind: str, record_id: str) -> URIRef:
    """A stable IRI for a record that has no CURIE of its own (a therapy action, a requirement): its one id,
    percent-encoded, under ``https://w3id.org/tmekg/id/<kind>/``."""
    return URIRef(f"{curie_to_iri('tmekg:' + kind)}/{quote(record_id, safe='')}")


def select(graph: Graph, text: str, bindings: Bindings | None = None) -> list[dict[str, object]]:
    """Run a SPARQL SELECT with parameters bound (strings as ``xsd:string``, integers as ``xsd:integer``
    literals), rows as plain values.

    IRIs become :class:`Iri` strings, literals their Python values, unbound variables ``None``.
    """
    return select_rows(graph, text, bindings)[0]


def _literal(value: str | int) -> Literal:
    checked_value(value)  # a string or an integer
    return Literal(value, datatype=XSD.integer if isinstance(value, int) else XSD.string)


def select_rows(
    graph: Graph, text: str, bindings: Bindings | None = None, limit: int | None = None
) -> tuple[list[dict[str, object]], bool]:
    """Like :func:`select`, stopping after ``limit`` rows: ``(rows, truncated)``. On the Oxigraph store the query
    runs in pyoxigraph itself and rows are read lazily, so a limit stops the engine early."""
    _names, rows, truncated = select_table(graph, text, bindings, limit)
    return rows, truncated


def select_table(
    graph: Graph, text: str, bindings: Bindings | None = None, limit: int | None = None
) -> tuple[list[str], list[dict[str, object]], bool]:
    """Like :func:`select_rows`, with the projected variable names first: ``(names, rows, truncated)``."""
    inner = getattr(graph.store, "_inner", None)
    if inner is not None and graph.identifier == DATASET_DEFAULT_GRAPH_ID:
        return select_oxigraph(inner, text, bindings or {}, limit)
    init = {name: _literal(value) for name, value in (bindings or {}).items()}
    result = graph.query(text, initBindings=init) if init else graph.query(text)
    names = [str(v) for v in (result.vars or [])]
    rows: list[dict[str, object]] = []
    for row in result:
        if limit is not None and len(rows) >= limit:
            return names, rows, True
        values = row if isinstance(row, tuple) else (row,)
        rows.append({n: _plain(v) for n, v in zip(names, values, strict=True)})
    return names, rows, False


def _plain(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython()
    if isinstance(term, URIRef):
        return Iri(term)
    return f"_:{term}"
