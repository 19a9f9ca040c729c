"""The canonical JSON form of a knowledge graph: every record, ids not nested objects, sorted, stable.

The ``json`` export is ``{"entities", "interactions", "therapy_actions", "references"}`` (:func:`to_json_dict`)
plus ``layers`` (the curated layer, then each imported tier with its resource, version, licence and source) and
``imported_pairs`` (each with its ``layer``; empty without tiers): the file says which layers it holds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tmekg.answers import entity_dict
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Reference, TherapyAction

if TYPE_CHECKING:
    from tmekg.export.registry import ExportJob
    from tmekg.importers.base import Tier

__all__ = ["entity_dict", "interaction_dict", "render", "to_json", "to_json_dict"]


def interaction_dict(interaction: Interaction) -> dict[str, Any]:
    """An interaction as a JSON object with ids (``target`` is the receiver cell; ``process`` what it acts on)."""
    return interaction.model_dump(mode="json")


def _action_dict(action: TherapyAction) -> dict[str, Any]:
    return action.model_dump(mode="json")


def _reference_dict(reference: Reference) -> dict[str, Any]:
    data = reference.model_dump(mode="json")
    data["confirmed"] = reference.confirmed
    return data


def to_json_dict(kg: KnowledgeGraph) -> dict[str, list[dict[str, Any]]]:
    """The whole graph: ``entities``, ``interactions``, ``therapy_actions``, ``references``, each sorted."""
    return {
        "entities": [entity_dict(e) for e in sorted(kg.entities(), key=lambda e: e.id)],
        "interactions": [interaction_dict(i) for i in sorted(kg.interactions, key=lambda i: i.id)],
        "therapy_actions": [_action_dict(a) for a in sorted(kg.therapy_actions, key=lambda a: a.key)],
        "references": [_reference_dict(r) for r in sorted(kg.references, key=lambda r: r.id)],
    }


def to_json(kg: KnowledgeGraph, tiers: Sequence[Tier] = ()) -> str:
    """The ``json`` export's text: the graph, its ``layers`` and ``imported_pairs``; sorted keys, two-space
    indent, UTF-8 characters kept, trailing newline."""
    from tmekg.export.tier import pair_dict
    from tmekg.importers.store import layers

    data: dict[str, Any] = dict(to_json_dict(kg))
    data["layers"] = layers(list(tiers))
    data["imported_pairs"] = [pair_dict(t, p) for t in tiers for p in t.pairs]
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render(job: ExportJob) -> str:
    return to_json(job.kg, job.tiers)
