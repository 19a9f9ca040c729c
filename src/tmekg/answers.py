"""Answer objects shared by the Python API, the CLI's ``--json`` output and the exports.

An interaction view expands ids into ``{id, label, symbol?}`` objects (complexes list their subunits), so a
reader needs nothing else to understand it.
"""

from __future__ import annotations

from typing import Any

from tmekg.kg import KnowledgeGraph
from tmekg.model import Entity, Interaction, Molecule, Reference

__all__ = [
    "citation",
    "entity_dict",
    "entity_ref",
    "function_label",
    "interaction_view",
    "lookup_subgraph",
    "lookup_view",
]


def entity_dict(entity: Entity) -> dict[str, Any]:
    """An entity as a JSON object: ``id``, ``kind``, ``label`` and every other field of its record."""
    data = entity.model_dump(mode="json", exclude_none=True)
    data["kind"] = entity.kind.value
    return data


def entity_ref(kg: KnowledgeGraph, entity_id: str | None) -> dict[str, Any] | None:
    """``{id, label, kind, symbol?, subunits?}`` for an id (``None`` stays ``None``)."""
    if entity_id is None:
        return None
    if not kg.has(entity_id):
        return {"id": entity_id, "label": entity_id}
    entity = kg.get(entity_id)
    ref: dict[str, Any] = {"id": entity.id, "label": entity.label, "kind": entity.kind.value}
    if isinstance(entity, Molecule):
        if entity.symbol:
            ref["symbol"] = entity.symbol
        if entity.subunits:
            ref["subunits"] = [entity_ref(kg, s) for s in entity.subunits]
    return ref


def citation(ref: Reference) -> str:
    """A one-line citation: ``Freeman GJ et al. (2000) J Exp Med. PMID:11015443``."""
    return f"{ref.authors} ({ref.year}) {ref.journal}. {ref.id}"


def interaction_view(kg: KnowledgeGraph, inter: Interaction) -> dict[str, Any]:
    """An interaction with its participants expanded, its outcome and its evidence."""
    return {
        "id": inter.id,
        "source": entity_ref(kg, inter.source),
        "ligand": entity_ref(kg, inter.ligand),
        "receptor": entity_ref(kg, inter.receptor),
        "mediators": [entity_ref(kg, m) for m in inter.mediators],
        "sites": {site.molecule: site.site.value for site in inter.sites},
        "directions": {
            change.molecule: {"direction": change.direction.value, "aspect": change.aspect.value}
            for change in inter.directions
        },
        "target": entity_ref(kg, inter.target),
        "process": entity_ref(kg, inter.process),
        "effect": inter.effect,
        "mechanism": inter.mechanism.value,
        "tumor_outcome": inter.tumor_outcome.value,
        "derived_outcome": _derived(kg, inter),
        "hijacked_function": function_label(kg, inter),
        "hijacked_function_id": inter.hijacked_function,
        "hijacked_category": category.value if (category := kg.hijacked_category(inter)) else None,
        "hijacked_note": inter.hijacked_note,
        "outcome_note": inter.outcome_note,
        "cic_step": inter.cic_step,
        "contexts": [entity_ref(kg, c) for c in inter.contexts],
        "species": [s.value for s in inter.species],
        "evidence": list(inter.evidence),
        "evidence_level": inter.evidence_level.value,
        "citations": [citation(r) for r in kg.references_for(inter.evidence)],
        "confidence": inter.confidence.value,
        "summary": inter.summary,
    }


def function_label(kg: KnowledgeGraph, inter: Interaction) -> str | None:
    found = kg.function(inter.hijacked_function)
    return found.label if found else inter.hijacked_function


def _derived(kg: KnowledgeGraph, inter: Interaction) -> str | None:
    """The outcome the signs imply (effect x polarity of the process), when the process is known."""
    derived = kg.derived_outcome(inter)
    return derived.value if derived else None


def lookup_view(kg: KnowledgeGraph, entity: Entity) -> dict[str, Any]:
    """An entity card: the record, interactions out and in, therapies acting on it."""
    out, into = kg.interactions_of(entity.id)
    therapies = []
    for action in kg.actions_on(entity.id):
        therapies.append(
            {
                "therapy": entity_ref(kg, action.therapy),
                "action": action.action.value,
                "target": entity_ref(kg, action.target),
                "evidence": list(action.evidence),
            }
        )
    acting = [a for a in kg.therapy_actions if a.therapy == entity.id]
    return {
        "entity": entity_dict(entity),
        "interactions_out": [interaction_view(kg, i) for i in out],
        "interactions_in": [interaction_view(kg, i) for i in into],
        "therapies": therapies,
        "actions": [{"target": entity_ref(kg, a.target), "action": a.action.value} for a in acting],
    }


def lookup_subgraph(kg: KnowledgeGraph, entity: Entity) -> KnowledgeGraph:
    """An entity card as a graph: the entity, its interactions in and out, the therapy actions on it."""
    out, into = kg.interactions_of(entity.id)
    actions = [a.key for a in kg.actions_on(entity.id)] + [a.key for a in kg.therapy_actions if a.therapy == entity.id]
    return kg.subgraph(interactions=[i.id for i in (*out, *into)], therapy_actions=actions, entities=[entity.id])
