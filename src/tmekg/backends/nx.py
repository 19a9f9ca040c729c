"""NetworkX view of a knowledge graph: a signed ``MultiDiGraph`` for paths and exports.

Each interaction induces signed edges along its signal: sender ``produces`` ligand or mediator, ligand
``binds`` receptor, the signal ``acts_on`` the receiver cell, and the last molecule (or the sender when no
molecule is named) ``increases`` or ``decreases`` the process, as does every other mediator. Edges are keyed
by predicate; the same edge induced by several interactions is one edge listing them all. Therapy actions are
edges keyed by the action.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from tmekg.kg import KnowledgeGraph
from tmekg.model import CellType, Interaction, Molecule, Process, Therapy
from tmekg.vocab import Action

__all__ = ["ACTION_SIGN", "interaction_edges", "to_networkx"]

#: The sign a therapy action puts on its target.
ACTION_SIGN: dict[Action, int] = {
    Action.BLOCKS: -1,
    Action.INHIBITS: -1,
    Action.DEPLETES: -1,
    Action.ENGINEERS: 1,  # engineered cells recognise the target: more of the killing that uses it
    Action.AGONIZES: 1,
    Action.SUPPLIES: 1,
}


def interaction_edges(inter: Interaction) -> list[tuple[str, str, str, int]]:
    """The signed edges ``(u, v, predicate, sign)`` one interaction induces, in signal order."""
    edges: list[tuple[str, str, str, int]] = []
    signals = [m for m in (inter.ligand, *inter.mediators) if m]
    if inter.source:
        edges.extend((inter.source, m, "produces", 1) for m in signals)
    if inter.ligand and inter.receptor:
        edges.append((inter.ligand, inter.receptor, "binds", 1))
    last = [inter.receptor] if inter.receptor else signals or ([inter.source] if inter.source else [])
    if inter.target:
        edges.extend((m, inter.target, "acts_on", 1) for m in last if m and m != inter.target)
    predicate = "increases" if inter.effect > 0 else "decreases"
    edges.extend((m, inter.process, predicate, inter.effect) for m in last if m)
    # co-acting mediators (e.g. CD73 making the adenosine that A2AR senses) act on the process too
    edges.extend((m, inter.process, predicate, inter.effect) for m in inter.mediators if m not in last)
    return edges


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph[str]:
    """Build the signed multigraph of ``kg`` (pure: a new graph each call)."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="tmekg")
    for entity in kg.entities():
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
        graph.add_node(entity.id, **attrs)

    def add(u: str, v: str, key: str, sign: int, origin: str, kind: str) -> None:
        if graph.has_edge(u, v, key):
            data = graph.edges[u, v, key]
            if origin not in data["origins"]:
                data["origins"].append(origin)
            return
        graph.add_edge(u, v, key=key, predicate=key, sign=sign, kind=kind, origins=[origin])

    for inter in kg.interactions:
        for u, v, key, sign in interaction_edges(inter):
            add(u, v, key, sign, inter.id, "interaction")
    for action in kg.therapy_actions:
        add(
            action.therapy,
            action.target,
            action.action.value,
            ACTION_SIGN[action.action],
            f"{action.therapy}|{action.target}",
            "therapy_action",
        )
    for molecule in kg.molecules:
        for sub in molecule.subunits:
            add(molecule.id, sub, "has_subunit", 0, molecule.id, "structure")
    for cell in kg.cell_types:
        if isinstance(cell, CellType) and cell.broader and cell.broader in graph:
            add(cell.id, cell.broader, "subclass_of", 0, cell.id, "structure")
    return graph
