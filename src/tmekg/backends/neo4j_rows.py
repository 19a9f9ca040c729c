"""The Neo4j graph model of a knowledge graph, pure: labels, relationship types and the rows a load sends.

The model is fixed (the RDF view, the Cypher catalogue and the neo4j-admin CSV export rely on it):

* every node has the label ``:Tmekg`` and the label of its kind (``:CellType``, ``:Molecule`` plus ``:Protein``,
  ``:Complex``, ``:Metabolite`` or ``:Form``, ``:Process``, ``:Therapy``, ``:Cancer``, ``:Reference``,
  ``:Interaction``, ``:Trial``, ``:Function``) and a ``name`` to caption it (an entity's or a function's label, a
  reference's first author and year, a trial's name, an interaction's signal and effect); its other properties
  carry the canonical JSON names (``id``, ``label``, ``synonyms``…); a property without a value (``None``, ``""``
  or an empty list) is left out, since Neo4j and ``neo4j-admin import`` cannot tell them apart;
* each ``:Interaction`` ``HIJACKS`` the ``:Function`` (a normal function) it co-opts, whose label and kind are
  also the node's ``hijacked_function`` and ``hijacked_category``; it points to its participants: ``SOURCE``,
  ``LIGAND``, ``RECEPTOR``, ``MEDIATOR``, ``TARGET`` (receiver cell), ``PROCESS``, ``CONTEXT`` (cancer) and
  ``EVIDENCE`` (reference); ``LIGAND``, ``RECEPTOR`` and ``MEDIATOR`` carry ``site`` (sender, receiver,
  extracellular) and, when the statement is about the participant's change, ``direction`` and ``aspect``;
* a complex ``HAS_SUBUNIT`` each protein; a form is ``FORM_OF`` its molecule and ``MADE_BY`` its enzymes; a
  cell type or a cancer points ``BROADER`` to the cell type or cancers that subsume it;
* the direct, signed edges the path reasoning walks (:func:`tmekg.backends.signed_edges.signed_edges`, one
  relationship per edge), each with ``sign`` (+1/-1) and ``weight`` (the best evidence weight behind it): a cell
  ``SENDS`` its molecules, a ligand ``BINDS`` its receptor, a molecule (or a cell, when the statement names no
  molecule) ``INCREASES`` or ``DECREASES`` a process, an enzyme ``MAKES`` a molecular form, and every process
  ``PROMOTES`` or ``RESTRAINS`` ``tmekg:tumor_growth`` by its polarity; the interaction-derived ones carry the
  ``interactions`` behind them and their ``evidence``; a signal also ``ACTS_ON`` the receiving cell (unsigned);
* a therapy points to each target by one relationship typed by its action (``BLOCKS``, ``INHIBITS``,
  ``DEPLETES``, ``AGONIZES``, ``SUPPLIES``, ``TRANSFERS``, ``REDIRECTS``, ``OPSONIZES``, ``ENGINEERS``,
  ``VACCINATES``, ``STIMULATES``, ``LYSES``; the type is
  :attr:`tmekg.actions.ActionSpec.rel_type`) with ``evidence``, ``evidence_level``, ``weight``, ``note``, the
  ``sign`` the action puts on its target (none for drug-made actions), what it reaches from the action registry
  (``severs`` or ``strengthens``: the relationship types of the roles it cuts or strengthens for a target of
  that kind; ``reaches_forms``) and, for drug-made actions, ``effector`` and ``process``; a drug-made action
  also points from the therapy to the process it drives, by the same type, with ``sign`` +1;
* what an action needs: the action's target ``REQUIRES`` the needed molecule or cell (``action``, ``kind``,
  ``evidence``...);
* a ``:Trial`` points to the therapies of its ``EXPERIMENTAL_ARM`` and its ``COMPARATOR_ARM``, ``STUDIES`` its
  cancers and is ``REPORTED_IN`` its publications.

Labels and relationship types come only from the closed enums below, never from data.

>>> from tmekg.model import Cancer
>>> from tmekg.kg import KnowledgeGraph
>>> rows = node_rows(KnowledgeGraph(cancers=(Cancer(id="MONDO:0005105", label="melanoma"),)))
>>> {group.name: group_rows for group, group_rows in rows.items()}
{'Cancer': [{'id': 'MONDO:0005105', 'name': 'melanoma', 'label': 'melanoma'}]}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from tmekg.actions import ACTIONS
from tmekg.backends.nx import edge_records
from tmekg.backends.signed_edges import EVIDENCE_WEIGHT, SignedEdge, signed_edges
from tmekg.errors import InputError
from tmekg.kg import KnowledgeGraph
from tmekg.model import (
    Entity,
    Interaction,
    Molecule,
    NormalFunction,
    Record,
    Reference,
    TherapyAction,
    Trial,
    parse_action_id,
)
from tmekg.vocab import Action, EntityKind, MoleculeType, Predicate, Role

__all__ = [
    "ACTION_TYPE",
    "KIND_LABEL",
    "MOLECULE_LABEL",
    "NODE_PROPERTIES",
    "PROPERTY_TYPES",
    "RELATIONSHIP_PROPERTIES",
    "SIGNED_TYPE",
    "EdgeGroup",
    "NodeGroup",
    "NodeLabel",
    "PropertyType",
    "RelType",
    "constraint_statements",
    "edge_rows",
    "interaction_name",
    "node_group",
    "node_name",
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
    SENDS = "SENDS"
    BINDS = "BINDS"
    ACTS_ON = "ACTS_ON"
    INCREASES = "INCREASES"
    DECREASES = "DECREASES"
    MAKES = "MAKES"
    PROMOTES = "PROMOTES"
    RESTRAINS = "RESTRAINS"


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

_ENTITY = ("id", "name", "label", "synonyms", "description")
#: The properties of each kind of node, in the order the CSV export writes them (``id`` first, then the
#: ``name`` that captions it). A cell type's parent is its ``BROADER`` relationship, not a property.
NODE_PROPERTIES: Mapping[NodeLabel, tuple[str, ...]] = {
    NodeLabel.CELL_TYPE: (*_ENTITY, "context"),
    NodeLabel.MOLECULE: (*_ENTITY, "symbol", "uniprot", "molecule_type", "form", "categories"),
    NodeLabel.PROCESS: (*_ENTITY, "polarity"),
    NodeLabel.THERAPY: (*_ENTITY, "modality", "status", "approval_year"),
    NodeLabel.CANCER: _ENTITY,
    NodeLabel.REFERENCE: ("id", "name", "authors", "year", "title", "journal", "doi", "checked_against"),
    NodeLabel.INTERACTION: (
        "id",
        "name",
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
    NodeLabel.FUNCTION: ("id", "name", "label", "category", "description"),
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
_SIGNED = ("sign", "weight")
_REACH = ("severs", "strengthens", "reaches_forms")
_FROM_INTERACTIONS = (*_SIGNED, "interactions", "evidence")
#: The direct relationship type of each signed-edge predicate (``polarity`` is PROMOTES or RESTRAINS by sign;
#: a therapy action's edges take the action's type; ``part_of`` and ``has_form`` are HAS_SUBUNIT and FORM_OF
#: read backwards).
SIGNED_TYPE: Mapping[str, RelType] = {
    Predicate.PRODUCES.value: RelType.SENDS,
    Predicate.BINDS.value: RelType.BINDS,
    Predicate.INCREASES.value: RelType.INCREASES,
    Predicate.DECREASES.value: RelType.DECREASES,
    Predicate.MAKES.value: RelType.MAKES,
}
#: The properties of each relationship type.
RELATIONSHIP_PROPERTIES: Mapping[RelType, tuple[str, ...]] = {
    **dict.fromkeys(RelType, ()),
    **dict.fromkeys(
        ACTION_TYPE.values(),
        ("evidence", "evidence_level", "note", "effector", "process", *_SIGNED, *_REACH),
    ),
    RelType.LIGAND: _PARTICIPANT,
    RelType.RECEPTOR: _PARTICIPANT,
    RelType.MEDIATOR: _PARTICIPANT,
    RelType.REQUIRES: ("action", "kind", "evidence", "evidence_level", "note"),
    **dict.fromkeys((RelType.SENDS, RelType.BINDS, RelType.INCREASES, RelType.DECREASES), _FROM_INTERACTIONS),
    RelType.ACTS_ON: ("interactions",),
    **dict.fromkeys((RelType.MAKES, RelType.PROMOTES, RelType.RESTRAINS), _SIGNED),
}

PropertyType = Literal["string", "int", "double", "string[]", "boolean"]
#: Neo4j type of every property that is not a string.
PROPERTY_TYPES: Mapping[str, PropertyType] = {
    "synonyms": "string[]",
    "categories": "string[]",
    "species": "string[]",
    "evidence": "string[]",
    "interactions": "string[]",
    "polarity": "int",
    "effect": "int",
    "sign": "int",
    "weight": "double",
    "approval_year": "int",
    "year": "int",
    "cic_step": "int",
    "randomized": "boolean",
    "effector": "string[]",
    "severs": "string[]",
    "strengthens": "string[]",
    "reaches_forms": "boolean",
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


def interaction_name(kg: KnowledgeGraph, inter: Interaction) -> str:
    """A caption for an interaction node: its signal, then the way it moves its process.

    >>> import tmekg
    >>> kg = tmekg.load()
    >>> interaction_name(kg, kg.interaction("tmekg:i_pdl1_pd1_tam_cd8"))
    'PD-L1 → PD-1 ↓ CD8 T cell effector function'
    """
    if inter.ligand and inter.receptor:
        signal = f"{kg.label(inter.ligand)} → {kg.label(inter.receptor)}"
    elif inter.ligand or inter.mediators:
        signal = ", ".join(kg.label(m) for m in (inter.ligand, *inter.mediators) if m)
    else:
        signal = kg.label(inter.source) if inter.source else inter.id
    return f"{signal} {'↑' if inter.effect > 0 else '↓'} {kg.label(inter.process)}"


def node_name(kg: KnowledgeGraph, record: NodeRecord) -> str:
    """The ``name`` that captions a node in Neo4j Browser and Bloom: an entity's or a function's label, a
    reference's first author and year, a trial's name, an interaction's :func:`interaction_name`."""
    if isinstance(record, Entity | NormalFunction):
        return record.label
    if isinstance(record, Interaction):
        return interaction_name(kg, record)
    if isinstance(record, Trial):
        return record.name
    return f"{record.authors} {record.year}"


def node_rows(kg: KnowledgeGraph) -> dict[NodeGroup, list[dict[str, Any]]]:
    """One property map per node, grouped by labels, each group sorted by id; empty groups left out."""
    grouped: dict[NodeGroup, list[dict[str, Any]]] = {group: [] for group in _NODE_ORDER}
    for record in _records(kg):
        group = node_group(record)
        row = {"id": record.id, "name": node_name(kg, record), **properties(record, group.properties)}
        if isinstance(record, Interaction):  # the function's label and kind, for captions and plain queries
            function = kg.function(record.hijacked_function)
            row.pop("hijacked_function", None)
            if function:
                row.update(hijacked_function=function.label, hijacked_category=function.category.value)
        grouped[group].append(row)
    return {group: sorted(rows, key=lambda r: r["id"]) for group, rows in grouped.items() if rows}


_ROLE_TYPE = {
    Role.SOURCE: RelType.SOURCE,
    Role.LIGAND: RelType.LIGAND,
    Role.RECEPTOR: RelType.RECEPTOR,
    Role.MEDIATOR: RelType.MEDIATOR,
    Role.TARGET: RelType.TARGET,
}


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


def _reach(action: TherapyAction, target: NodeLabel | None) -> dict[str, Any]:
    """What an action reaches, from the action registry, so that a query needs no list of actions: the
    relationship types (roles) of the interactions it ``severs`` or ``strengthens`` for a target of this kind,
    and ``reaches_forms`` when it also acts on the target's soluble, shed and exosomal forms."""
    action_spec = ACTIONS[action.action]
    kinds = {NodeLabel.CELL_TYPE: EntityKind.CELL_TYPE, NodeLabel.MOLECULE: EntityKind.MOLECULE}
    kind = kinds.get(target) if target is not None else None
    reach: dict[str, Any] = {}
    if kind is not None:
        for name, roles in (("severs", action_spec.severs), ("strengthens", action_spec.strengthens)):
            if roles.get(kind):
                reach[name] = [_ROLE_TYPE[role].value for role in roles[kind]]
    if action_spec.reaches_forms:
        reach["reaches_forms"] = True
    return reach


def _signed_type(edge: SignedEdge) -> RelType | None:
    """The relationship that stores a signed edge directly, or ``None`` when another one already does: a therapy's
    action on its target (written from the action itself), ``part_of`` and ``has_form`` (HAS_SUBUNIT and FORM_OF
    read backwards)."""
    if edge.predicate == Predicate.POLARITY.value:
        return RelType.PROMOTES if edge.sign > 0 else RelType.RESTRAINS
    if edge.kind == "therapy_action":  # a drug-made action's edge to the process it drives (its target edge is 0)
        targets = {key[1] for o in edge.origins if (key := parse_action_id(o)) is not None}
        return ACTION_TYPE[Action(edge.predicate)] if edge.target not in targets else None
    return SIGNED_TYPE.get(edge.predicate)


def edge_rows(kg: KnowledgeGraph) -> dict[EdgeGroup, list[dict[str, Any]]]:
    """One ``{"start", "end", "props"}`` map per relationship, grouped by type and end labels.

    Both ends must be records of ``kg``: a dangling id raises :class:`~tmekg.errors.InputError` (a load could
    not create the relationship). There is at most one relationship of a type between two nodes (the first row
    wins). Groups come in type order, rows in (start, end) order.
    """
    label_of: dict[str, NodeLabel] = {record.id: node_group(record).label for record in _records(kg)}
    grouped: dict[EdgeGroup, list[dict[str, Any]]] = {}
    dangling: list[str] = []

    seen: set[tuple[str, RelType, str]] = set()

    def add(rel: RelType, start: str, end: str, props: dict[str, Any]) -> None:
        end_label = label_of.get(end)
        if end_label is None:
            dangling.append(f"{start} -{rel.value}-> {end}")
            return
        if (start, rel, end) in seen:  # one relationship per type between two nodes (a load may CREATE them)
            return
        seen.add((start, rel, end))
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
    signed = {(e.source, e.target, e.predicate): e for e in signed_edges(kg)}
    for action in kg.therapy_actions:
        rel = ACTION_TYPE[action.action]
        if action.therapy not in label_of:
            dangling.append(f"{action.therapy} (therapy of an action on {action.target})")
            continue
        props = properties(action, RELATIONSHIP_PROPERTIES[rel])
        edge = signed.get((action.therapy, action.target, action.action.value))
        if edge is not None:
            props["sign"] = edge.sign
        props["weight"] = EVIDENCE_WEIGHT[action.evidence_level]
        props.update(_reach(action, label_of.get(action.target)))
        add(rel, action.therapy, action.target, props)
    for (u, v, key), data in edge_records(kg).items():
        if key == Predicate.ACTS_ON.value:
            add(RelType.ACTS_ON, u, v, {"interactions": list(data["origins"])})
    for edge in signed.values():
        rel_type = _signed_type(edge)
        if rel_type is None:
            continue
        props = {"sign": edge.sign, "weight": edge.weight}
        if edge.kind == "interaction":
            props.update(interactions=list(edge.origins), evidence=list(edge.evidence))
        elif edge.kind == "therapy_action":
            props["evidence"] = list(edge.evidence)
        add(rel_type, edge.source, edge.target, {k: v for k, v in props.items() if not _empty(v)})
    if dangling:
        more = f" (and {len(dangling) - 3} more)" if len(dangling) > 3 else ""
        raise InputError(f"relationships to ids that are not in the graph: {', '.join(dangling[:3])}{more}")
    order = list(RelType)
    return {
        group: sorted(grouped[group], key=lambda r: (r["start"], r["end"]))
        for group in sorted(grouped, key=lambda g: (order.index(g.type), g.start.value, g.end.value))
    }
