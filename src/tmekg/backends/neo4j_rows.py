"""The Neo4j graph model of a knowledge graph, pure: labels, relationship types and the rows a load sends.

The model is fixed (the RDF view, the Cypher catalogue and the neo4j-admin CSV export rely on it):

* every node has the label ``:Tmekg`` and the label of its kind (``:CellType``, ``:Molecule`` plus ``:Protein``,
  ``:Complex``, ``:Metabolite`` or ``:Form``, ``:Process``, ``:Therapy``, ``:Cancer``, ``:Reference``,
  ``:Interaction``, ``:Trial``);
  its properties carry the canonical JSON names (``id``, ``label``, ``synonyms``…); a property without a value
  (``None``, ``""`` or an empty list) is left out, since Neo4j and ``neo4j-admin import`` cannot tell them apart;
* each ``:Interaction`` ``HIJACKS`` the ``:Function`` (a normal function) it co-opts, whose label and kind are
  also the node's ``hijacked_function`` and ``hijacked_category``; it points to its participants: ``SOURCE``,
  ``LIGAND``, ``RECEPTOR``, ``MEDIATOR``, ``TARGET`` (receiver cell), ``PROCESS``, ``CONTEXT`` (cancer) and
  ``EVIDENCE`` (reference); ``LIGAND``, ``RECEPTOR`` and ``MEDIATOR`` carry ``site`` (sender, receiver,
  extracellular) and, when the statement is about the participant's change, ``direction`` and ``aspect``;
* a complex ``HAS_SUBUNIT`` each protein; a form is ``FORM_OF`` its molecule and ``MADE_BY`` its enzymes; a
  cell type or a cancer points ``BROADER`` to the cell type or cancers that subsume it;
* a therapy points to each target by one relationship typed by its action (``BLOCKS``, ``INHIBITS``,
  ``DEPLETES``, ``AGONIZES``, ``SUPPLIES``, ``TRANSFERS``, ``REDIRECTS``, ``OPSONIZES``, ``ENGINEERS``,
  ``VACCINATES``, ``STIMULATES``, ``LYSES``; the type is
  :attr:`tmekg.actions.ActionSpec.rel_type`) with ``evidence``, ``evidence_level``, ``note`` and, for drug-made
  actions, ``effector`` and ``process``;
* what an action needs: the action's target ``REQUIRES`` the needed molecule or cell (``action``, ``kind``,
  ``evidence``...);
* a ``:Trial`` points to the therapies of its ``EXPERIMENTAL_ARM`` and its ``COMPARATOR_ARM``, ``STUDIES`` its
  cancers and is ``REPORTED_IN`` its publications.

Labels and relationship types come only from the closed enums below, never from data.

>>> from tmekg.model import Cancer
>>> from tmekg.kg import KnowledgeGraph
>>> rows = node_rows(KnowledgeGraph(cancers=(Cancer(id="MONDO:0005105", label="melanoma"),)))
>>> {group.name: group_rows for group, group_rows in rows.items()}
{'Cancer': [{'id': 'MONDO:0005105', 'label': 'melanoma'}]}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from tmekg.actions import ACTIONS
from tmekg.errors import InputError
from tmekg.kg import KnowledgeGraph
from tmekg.model import Entity, Interaction, Molecule, NormalFunction, Record, Reference, Trial
from tmekg.vocab import Action, EntityKind, MoleculeType, Role

__all__ = [
    "ACTION_TYPE",
    "KIND_LABEL",
    "MOLECULE_LABEL",
    "NODE_PROPERTIES",
    "PROPERTY_TYPES",
    "RELATIONSHIP_PROPERTIES",
    "EdgeGroup",
    "NodeGroup",
    "NodeLabel",
    "PropertyType",
    "RelType",
    "constraint_statements",
    "edge_rows",
    "node_group",
    "node_rows",
    "properties",
]


class NodeLabel(StrEnum):
    """Every node label tmekg writes."""

    TMEKG = "Tmekg"
    CELL_TYPE = "CellType"
    MOLECULE = "Molecule"
    PROTEIN = "Protein"
    COMPLEX = "Complex"
    METABOLITE = "Metabolite"
    FORM = "Form"
    PROCESS = "Process"
    THERAPY = "Therapy"
    CANCER = "Cancer"
    REFERENCE = "Reference"
    INTERACTION = "Interaction"
    TRIAL = "Trial"
    FUNCTION = "Function"


class RelType(StrEnum):
    """Every relationship type tmekg writes."""

    SOURCE = "SOURCE"
    LIGAND = "LIGAND"
    RECEPTOR = "RECEPTOR"
    MEDIATOR = "MEDIATOR"
    TARGET = "TARGET"
    PROCESS = "PROCESS"
    CONTEXT = "CONTEXT"
    EVIDENCE = "EVIDENCE"
    HAS_SUBUNIT = "HAS_SUBUNIT"
    FORM_OF = "FORM_OF"
    MADE_BY = "MADE_BY"
    BROADER = "BROADER"
    BLOCKS = "BLOCKS"
    INHIBITS = "INHIBITS"
    DEPLETES = "DEPLETES"
    AGONIZES = "AGONIZES"
    SUPPLIES = "SUPPLIES"
    TRANSFERS = "TRANSFERS"
    REDIRECTS = "REDIRECTS"
    OPSONIZES = "OPSONIZES"
    ENGINEERS = "ENGINEERS"
    VACCINATES = "VACCINATES"
    STIMULATES = "STIMULATES"
    LYSES = "LYSES"
    REQUIRES = "REQUIRES"
    EXPERIMENTAL_ARM = "EXPERIMENTAL_ARM"
    COMPARATOR_ARM = "COMPARATOR_ARM"
    STUDIES = "STUDIES"
    REPORTED_IN = "REPORTED_IN"
    HIJACKS = "HIJACKS"


#: The label of each entity kind (molecules also get their type's label).
KIND_LABEL: Mapping[EntityKind, NodeLabel] = {
    EntityKind.CELL_TYPE: NodeLabel.CELL_TYPE,
    EntityKind.MOLECULE: NodeLabel.MOLECULE,
    EntityKind.PROCESS: NodeLabel.PROCESS,
    EntityKind.THERAPY: NodeLabel.THERAPY,
    EntityKind.CANCER: NodeLabel.CANCER,
}
MOLECULE_LABEL: Mapping[MoleculeType, NodeLabel] = {
    MoleculeType.PROTEIN: NodeLabel.PROTEIN,
    MoleculeType.COMPLEX: NodeLabel.COMPLEX,
    MoleculeType.METABOLITE: NodeLabel.METABOLITE,
    MoleculeType.FORM: NodeLabel.FORM,
}
#: The relationship type of each therapy action (from the action registry).
ACTION_TYPE: Mapping[Action, RelType] = {action: RelType(spec.rel_type) for action, spec in ACTIONS.items()}

_ENTITY = ("id", "label", "synonyms", "description")
#: The properties of each kind of node, in the order the CSV export writes them (``id`` first).
NODE_PROPERTIES: Mapping[NodeLabel, tuple[str, ...]] = {
    NodeLabel.CELL_TYPE: (*_ENTITY, "broader", "context"),
    NodeLabel.MOLECULE: (*_ENTITY, "symbol", "uniprot", "molecule_type", "form", "categories"),
    NodeLabel.PROCESS: (*_ENTITY, "polarity"),
    NodeLabel.THERAPY: (*_ENTITY, "modality", "status", "approval_year"),
    NodeLabel.CANCER: _ENTITY,
    NodeLabel.REFERENCE: ("id", "authors", "year", "title", "journal", "doi", "checked_against"),
    NodeLabel.INTERACTION: (
        "id",
        "effect",
        "mechanism",
        "tumor_outcome",
        "hijacked_function",
        "hijacked_category",
        "hijacked_note",
        "outcome_note",
        "cic_step",
        "species",
        "evidence",
        "evidence_level",
        "confidence",
        "summary",
    ),
    NodeLabel.FUNCTION: ("id", "label", "category", "description"),
    NodeLabel.TRIAL: (
        "id",
        "name",
        "phase",
        "randomized",
        "endpoint",
        "result",
        "result_note",
        "comparator_note",
        "checked_against",
    ),
}
_PARTICIPANT = ("site", "direction", "aspect")
#: The properties of each relationship type.
RELATIONSHIP_PROPERTIES: Mapping[RelType, tuple[str, ...]] = {
    **dict.fromkeys(RelType, ()),
    **dict.fromkeys(ACTION_TYPE.values(), ("evidence", "evidence_level", "note", "effector", "process")),
    RelType.LIGAND: _PARTICIPANT,
    RelType.RECEPTOR: _PARTICIPANT,
    RelType.MEDIATOR: _PARTICIPANT,
    RelType.REQUIRES: ("action", "kind", "evidence", "evidence_level", "note"),
}

PropertyType = Literal["string", "int", "string[]", "boolean"]
#: Neo4j type of every property that is not a string.
PROPERTY_TYPES: Mapping[str, PropertyType] = {
    "synonyms": "string[]",
    "categories": "string[]",
    "species": "string[]",
    "evidence": "string[]",
    "polarity": "int",
    "effect": "int",
    "approval_year": "int",
    "year": "int",
    "cic_step": "int",
    "randomized": "boolean",
    "effector": "string[]",
}


@dataclass(frozen=True)
class NodeGroup:
    """Nodes loaded by one query: ``label`` carries the uniqueness constraint the MERGE uses."""

    label: NodeLabel
    extra: NodeLabel | None = None

    @property
    def labels(self) -> tuple[NodeLabel, ...]:
        """All labels of the group's nodes: ``:Tmekg``, the kind, the molecule type if any."""
        return (NodeLabel.TMEKG, self.label, *((self.extra,) if self.extra else ()))

    @property
    def name(self) -> str:
        """The most specific label, e.g. ``Protein``."""
        return (self.extra or self.label).value

    @property
    def properties(self) -> tuple[str, ...]:
        return NODE_PROPERTIES[self.label]


@dataclass(frozen=True)
class EdgeGroup:
    """Relationships loaded by one query: their type and the labels that find their two ends."""

    type: RelType
    start: NodeLabel
    end: NodeLabel

    @property
    def properties(self) -> tuple[str, ...]:
        return RELATIONSHIP_PROPERTIES[self.type]


def constraint_statements() -> list[str]:
    """``CREATE CONSTRAINT … IF NOT EXISTS`` on ``id`` for every label tmekg writes (names from the enum)."""
    return [
        f"CREATE CONSTRAINT tmekg_{label.value}_id IF NOT EXISTS FOR (n:{label.value}) REQUIRE n.id IS UNIQUE"
        for label in NodeLabel
    ]


_NODE_ORDER: tuple[NodeGroup, ...] = (
    NodeGroup(NodeLabel.CELL_TYPE),
    *(NodeGroup(NodeLabel.MOLECULE, MOLECULE_LABEL[t]) for t in MoleculeType),
    NodeGroup(NodeLabel.PROCESS),
    NodeGroup(NodeLabel.THERAPY),
    NodeGroup(NodeLabel.CANCER),
    NodeGroup(NodeLabel.REFERENCE),
    NodeGroup(NodeLabel.INTERACTION),
    NodeGroup(NodeLabel.TRIAL),
    NodeGroup(NodeLabel.FUNCTION),
)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def properties(record: Record, names: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of ``record`` as Neo4j property values (enums as strings, tuples as lists), no empties."""
    data = record.model_dump(mode="json", include=set(names))
    return {name: data[name] for name in names if not _empty(data.get(name))}


NodeRecord = Entity | Reference | Interaction | Trial | NormalFunction


def node_group(record: NodeRecord) -> NodeGroup:
    """The group (labels) a record's node belongs to."""
    if isinstance(record, Molecule):
        return NodeGroup(NodeLabel.MOLECULE, MOLECULE_LABEL[record.molecule_type])
    if isinstance(record, Entity):
        return NodeGroup(KIND_LABEL[record.kind])
    if isinstance(record, Interaction):
        return NodeGroup(NodeLabel.INTERACTION)
    if isinstance(record, Trial):
        return NodeGroup(NodeLabel.TRIAL)
    if isinstance(record, NormalFunction):
        return NodeGroup(NodeLabel.FUNCTION)
    return NodeGroup(NodeLabel.REFERENCE)


def _records(kg: KnowledgeGraph) -> Iterator[NodeRecord]:
    yield from kg.entities()
    yield from kg.references
    yield from kg.interactions
    yield from kg.trials
    yield from kg.functions


def node_rows(kg: KnowledgeGraph) -> dict[NodeGroup, list[dict[str, Any]]]:
    """One property map per node, grouped by labels, each group sorted by id; empty groups left out."""
    grouped: dict[NodeGroup, list[dict[str, Any]]] = {group: [] for group in _NODE_ORDER}
    for record in _records(kg):
        group = node_group(record)
        row = properties(record, group.properties)
        if isinstance(record, Interaction):  # the function's label and kind, for captions and plain queries
            function = kg.function(record.hijacked_function)
            row.pop("hijacked_function", None)
            if function:
                row.update(hijacked_function=function.label, hijacked_category=function.category.value)
        grouped[group].append(row)
    return {group: sorted(rows, key=lambda r: r["id"]) for group, rows in grouped.items() if rows}


_ROLE_TYPE = {Role.LIGAND: RelType.LIGAND, Role.RECEPTOR: RelType.RECEPTOR, Role.MEDIATOR: RelType.MEDIATOR}


def _interaction_ends(inter: Interaction) -> Iterator[tuple[RelType, str, dict[str, Any]]]:
    if inter.source:
        yield RelType.SOURCE, inter.source, {}
    for part in inter.participants:
        props: dict[str, Any] = {"site": part.site.value}
        if part.change:
            props.update(direction=part.change.direction.value, aspect=part.change.aspect.value)
        yield _ROLE_TYPE[part.role], part.molecule, props
    if inter.target:
        yield RelType.TARGET, inter.target, {}
    yield RelType.PROCESS, inter.process, {}
    for cancer in inter.contexts:
        yield RelType.CONTEXT, cancer, {}
    for reference in inter.evidence:
        yield RelType.EVIDENCE, reference, {}


def edge_rows(kg: KnowledgeGraph) -> dict[EdgeGroup, list[dict[str, Any]]]:
    """One ``{"start", "end", "props"}`` map per relationship, grouped by type and end labels.

    Both ends must be records of ``kg``: a dangling id raises :class:`~tmekg.errors.InputError` (a load could
    not create the relationship). Groups come in type order, rows in (start, end) order.
    """
    label_of: dict[str, NodeLabel] = {record.id: node_group(record).label for record in _records(kg)}
    grouped: dict[EdgeGroup, list[dict[str, Any]]] = {}
    dangling: list[str] = []

    def add(rel: RelType, start: str, end: str, props: dict[str, Any]) -> None:
        end_label = label_of.get(end)
        if end_label is None:
            dangling.append(f"{start} -{rel.value}-> {end}")
            return
        group = EdgeGroup(rel, label_of[start], end_label)
        grouped.setdefault(group, []).append({"start": start, "end": end, "props": props})

    for inter in kg.interactions:
        for rel, end, props in _interaction_ends(inter):
            add(rel, inter.id, end, props)
    for inter in kg.interactions:
        if inter.hijacked_function:
            add(RelType.HIJACKS, inter.id, inter.hijacked_function, {})
    for molecule in kg.molecules:
        for subunit in molecule.subunits:
            add(RelType.HAS_SUBUNIT, molecule.id, subunit, {})
        if molecule.form_of:
            add(RelType.FORM_OF, molecule.id, molecule.form_of, {})
        for enzyme in molecule.made_by:
            add(RelType.MADE_BY, molecule.id, enzyme, {})
    for cancer in kg.cancers:
        for broader in cancer.broader:
            add(RelType.BROADER, cancer.id, broader, {})
    for cell in kg.cell_types:
        if cell.broader and cell.broader in label_of:
            add(RelType.BROADER, cell.id, cell.broader, {})
    for req in kg.requirements:
        if req.target in label_of:
            add(RelType.REQUIRES, req.target, req.requires, properties(req, RELATIONSHIP_PROPERTIES[RelType.REQUIRES]))
    for trial in kg.trials:
        for therapy in trial.experimental:
            add(RelType.EXPERIMENTAL_ARM, trial.id, therapy, {})
        for therapy in trial.comparator:
            add(RelType.COMPARATOR_ARM, trial.id, therapy, {})
        for studied in trial.cancers:
            add(RelType.STUDIES, trial.id, studied, {})
        for reference in trial.publications:
            add(RelType.REPORTED_IN, trial.id, reference, {})
    for action in kg.therapy_actions:
        rel = ACTION_TYPE[action.action]
        if action.therapy not in label_of:
            dangling.append(f"{action.therapy} (therapy of an action on {action.target})")
            continue
        add(rel, action.therapy, action.target, properties(action, RELATIONSHIP_PROPERTIES[rel]))
    if dangling:
        more = f" (and {len(dangling) - 3} more)" if len(dangling) > 3 else ""
        raise InputError(f"relationships to ids that are not in the graph: {', '.join(dangling[:3])}{more}")
    order = list(RelType)
    return {
        group: sorted(grouped[group], key=lambda r: (r["start"], r["end"]))
        for group in sorted(grouped, key=lambda g: (order.index(g.type), g.start.value, g.end.value))
    }
