"""NetworkX view of a knowledge graph: a signed ``MultiDiGraph`` for paths and exports.

Each interaction induces signed edges along its signal (:func:`interaction_edges`):

- the sender ``produces`` its own molecules — the ligand and the sender-side mediators — unless the statement is
  about their loss or decrease (a sender never produces a molecule that sits on the receiver);
- the ligand ``binds`` the receptor; the sign is +1, or -1 when exactly one of them is said to go down (soluble
  MICA binding NKG2D makes NKG2D go down);
- the signal ``acts_on`` the receiver cell (no sign);
- the receptor (or the ligand or sender when there is none) and every other mediator ``increases`` or
  ``decreases`` the process, each with its own sign: effect x (-1 when the statement is about its loss or
  decrease). "Loss of B2M decreases killing" gives B2M ``increases`` killing.

A molecular form is ``made`` by its enzymes (signed) and is a ``form_of`` its molecule (no sign). Therapy
actions are edges keyed by the action with the sign of :data:`tmekg.actions.ACTIONS`; a drug-made action (an
engager, an opsonizing antibody, engineered cells) adds an edge from the therapy to the process it drives. Edges
are keyed by predicate; the same edge induced by several records is one edge listing them all in ``origins``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tmekg.actions import spec
from tmekg.kg import KnowledgeGraph
from tmekg.model import CellType, Entity, Interaction, Molecule, Process, Therapy
from tmekg.vocab import Predicate, Site

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["edge_records", "interaction_edges", "node_attributes", "to_networkx"]

Edge = tuple[str, str, Predicate, int]


def interaction_edges(inter: Interaction) -> list[Edge]:
    """The signed edges ``(u, v, predicate, sign)`` one interaction induces, in signal order."""
    edges: list[Edge] = []
    parts = inter.participants
    if inter.source:
        edges.extend(
            (inter.source, p.molecule, Predicate.PRODUCES, 1)
            for p in parts
            if p.site is Site.SENDER and p.direction_sign > 0 and p.molecule != inter.receptor
        )
    by_id = {p.molecule: p for p in parts}
    if inter.ligand and inter.receptor:
        sign = by_id[inter.ligand].direction_sign * by_id[inter.receptor].direction_sign
        edges.append((inter.ligand, inter.receptor, Predicate.BINDS, sign))
    signals = [m for m in (inter.ligand, *inter.mediators) if m]
    last = [inter.receptor] if inter.receptor else signals or ([inter.source] if inter.source else [])
    if inter.target:
        edges.extend((m, inter.target, Predicate.ACTS_ON, 1) for m in last if m and m != inter.target)
    # the receptor (or the signals, or the sender) and every co-acting mediator act on the process
    acting = [m for m in last if m] + [m for m in inter.mediators if m not in last]
    for molecule in acting:
        sign = inter.sign_of(molecule)
        edges.append((molecule, inter.process, Predicate.INCREASES if sign > 0 else Predicate.DECREASES, sign))
    return edges


def node_attributes(entity: Entity) -> dict[str, Any]:
    """The attributes of an entity's node: ``id``, ``kind``, ``label`` and a few kind-specific ones."""
    attrs: dict[str, Any] = {"id": entity.id, "kind": entity.kind.value, "label": entity.label}
    if isinstance(entity, Molecule):
        attrs["molecule_type"] = entity.molecule_type.value
        if entity.symbol:
            attrs["symbol"] = entity.symbol
    elif isinstance(entity, Process):
        attrs["polarity"] = entity.polarity
    elif isinstance(entity, Therapy):
        attrs["modality"] = entity.modality.value
        attrs["status"] = entity.status.value
    return attrs


EdgeKey = tuple[str, str, str]


def edge_records(kg: KnowledgeGraph) -> dict[EdgeKey, dict[str, Any]]:
    """Every edge of the view keyed ``(u, v, predicate)``, with ``sign``, ``kind`` and the ``origins`` (records)
    that induce it; the same edge induced by several records is one edge listing them all.

    Built once per graph and kept with it (the signed graph, the RDF view's direct edges and the Neo4j rows all
    read it): callers read it and never change it."""
    return kg.cached("edge_records", _edge_records)


def _edge_records(kg: KnowledgeGraph) -> dict[EdgeKey, dict[str, Any]]:
    edges: dict[EdgeKey, dict[str, Any]] = {}

    def add(u: str, v: str, key: str, sign: int, origin: str, kind: str) -> None:
        data = edges.get((u, v, key))
        if data is None:
            edges[(u, v, key)] = {"predicate": key, "sign": sign, "kind": kind, "origins": [origin]}
        elif origin not in data["origins"]:
            data["origins"].append(origin)

    for inter in kg.interactions:
        for u, v, key, sign in interaction_edges(inter):
            add(u, v, key.value, sign, inter.id, "interaction")
    for action in kg.therapy_actions:
        action_spec = spec(action.action)
        sign = action_spec.target_sign if action_spec.target_sign is not None else 0
        add(action.therapy, action.target, action.action.value, sign, action.id, "therapy_action")
        if action_spec.drug_made and action.process:
            add(action.therapy, action.process, action.action.value, 1, action.id, "therapy_action")
    cells = {c.id for c in kg.cell_types}
    for molecule in kg.molecules:
        for sub in molecule.subunits:
            add(molecule.id, sub, Predicate.HAS_SUBUNIT.value, 0, molecule.id, "structure")
        if molecule.form_of:
            add(molecule.id, molecule.form_of, Predicate.FORM_OF.value, 0, molecule.id, "structure")
        for enzyme in molecule.made_by:
            add(enzyme, molecule.id, Predicate.MAKES.value, 1, molecule.id, "form")
    for cell in kg.cell_types:
        if isinstance(cell, CellType) and cell.broader and cell.broader in cells:
            add(cell.id, cell.broader, Predicate.SUBCLASS_OF.value, 0, cell.id, "structure")
    return edges


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph[str]:
    """Build the signed multigraph of ``kg`` (pure: a new graph each call)."""
    import networkx as nx  # imported on use: reasoning shares this module's edge records, not networkx

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="tmekg")
    graph.add_nodes_from((entity.id, node_attributes(entity)) for entity in kg.entities())
    edges = edge_records(kg)
    for u, v, _ in edges:  # an id used but not defined becomes a bare node, as networkx would add it
        for node in (u, v):
            if node not in graph:
                graph.add_node(node)
    # (u, v, key, data) 4-tuples are what MultiDiGraph takes; the stubs only know the 2- and 3-tuple forms
    graph.add_edges_from((u, v, key, data) for (u, v, key), data in edges.items())  # type: ignore[misc]
    return graph
