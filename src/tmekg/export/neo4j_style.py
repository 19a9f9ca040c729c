"""How tmekg's Neo4j graph looks in Neo4j Browser (a GraSS style sheet) and in Bloom (a perspective), generated
from the closed label and relationship-type enums of :mod:`tmekg.backends.neo4j_rows` and the colours every other
export uses (:mod:`tmekg.export.style`), so they name only labels and types tmekg writes.

``tools/neo4j/tmekg.grass`` and ``tools/neo4j/tmekg-perspective.json`` are written by
``python tools/neo4j/build_styles.py``; a test checks they equal :func:`grass` and :func:`bloom_perspective`.
Every node is captioned by its ``name``; a relationship by its type.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tmekg.backends.neo4j_rows import (
    ACTION_TYPE,
    NODE_PROPERTIES,
    PROPERTY_TYPES,
    RELATIONSHIP_PROPERTIES,
    NodeLabel,
    RelType,
)
from tmekg.export.style import EDGE_OUTCOME_COLORS, NODE_STYLES, SIGN_COLORS, THERAPY_EDGE_COLOR

__all__ = ["NODE_LOOK", "RELATIONSHIP_LOOK", "Look", "bloom_json", "bloom_perspective", "grass"]


@dataclass(frozen=True)
class Look:
    """Colour and size (node diameter or relationship shaft width, in pixels) of a label or type."""

    color: str
    size: int


_GREY = "#BAB0AC"
#: The look of each node label (``Tmekg`` is on every node and is left unstyled so the kind's look shows).
NODE_LOOK: Mapping[NodeLabel, Look] = {
    NodeLabel.CELL_TYPE: Look(NODE_STYLES["cell"].color, 60),
    NodeLabel.MOLECULE: Look(NODE_STYLES["molecule"].color, 45),
    NodeLabel.PROTEIN: Look(NODE_STYLES["molecule"].color, 45),
    NodeLabel.COMPLEX: Look(NODE_STYLES["molecule"].color, 50),
    NodeLabel.FORM: Look(NODE_STYLES["molecule"].color, 40),
    NodeLabel.METABOLITE: Look(NODE_STYLES["metabolite"].color, 45),
    NodeLabel.PROCESS: Look(NODE_STYLES["process"].color, 55),
    NodeLabel.THERAPY: Look(NODE_STYLES["therapy"].color, 55),
    NodeLabel.CANCER: Look(NODE_STYLES["cancer"].color, 50),
    NodeLabel.INTERACTION: Look("#D5D8DC", 30),
    NodeLabel.FUNCTION: Look(EDGE_OUTCOME_COLORS["pro_tumor"], 40),
    NodeLabel.TRIAL: Look("#76D7C4", 45),
    NodeLabel.REFERENCE: Look(_GREY, 25),
}
_UP, _DOWN = SIGN_COLORS[1], SIGN_COLORS[-1]
#: The look of each relationship type: signed direct edges by sign, therapy actions in the therapy colour.
RELATIONSHIP_LOOK: Mapping[RelType, Look] = {
    **{rel: Look(_GREY, 1) for rel in RelType},
    **{rel: Look(THERAPY_EDGE_COLOR, 3) for rel in ACTION_TYPE.values()},
    RelType.SENDS: Look(_UP, 2),
    RelType.BINDS: Look("#5D6D7E", 3),
    RelType.INCREASES: Look(_UP, 3),
    RelType.DECREASES: Look(_DOWN, 3),
    RelType.MAKES: Look(_UP, 2),
    RelType.PROMOTES: Look(EDGE_OUTCOME_COLORS["pro_tumor"], 3),
    RelType.RESTRAINS: Look(EDGE_OUTCOME_COLORS["anti_tumor"], 3),
    RelType.ACTS_ON: Look("#85929E", 1),
    RelType.HIJACKS: Look(EDGE_OUTCOME_COLORS["pro_tumor"], 1),
}


def _darker(color: str) -> str:
    """The colour at 85% brightness (a node's border)."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * 0.85):02X}" for c in (r, g, b))


def _text_color(color: str) -> str:
    """Black or white, whichever reads better on ``color``."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#FFFFFF"


def grass() -> str:
    """The Neo4j Browser style sheet (GraSS): drop it on Browser, or paste it after ``:style``."""
    blocks = [
        "node {\n  diameter: 40px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  border-width: 2px;\n"
        '  text-color-internal: #FFFFFF;\n  font-size: 10px;\n  caption: "{name}";\n}',
        "relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  font-size: 8px;\n  padding: 3px;\n"
        '  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n  caption: "<type>";\n}',
    ]
    for label, look in NODE_LOOK.items():
        blocks.append(
            f"node.{label.value} {{\n  diameter: {look.size}px;\n  color: {look.color};\n"
            f"  border-color: {_darker(look.color)};\n  text-color-internal: {_text_color(look.color)};\n"
            '  defaultCaption: "<id>";\n  caption: "{name}";\n}'
        )
    for rel, look in RELATIONSHIP_LOOK.items():
        body = f'  color: {look.color};\n  shaft-width: {look.size}px;\n  caption: "<type>";'
        blocks.append(f"relationship.{rel.value} {{\n{body}\n}}")
    return "\n\n".join(blocks) + "\n"


_DATA_TYPE = {"string": "string", "int": "bigint", "double": "number", "boolean": "boolean", "string[]": "array"}
_CREATED = 1_764_374_400_000  # a fixed time stamp (2025-11-29), so the generated file is the same on every run


def _label_properties(label: NodeLabel) -> list[dict[str, Any]]:
    owner = label if label in NODE_PROPERTIES else NodeLabel.MOLECULE  # Protein, Complex... carry Molecule's
    return [
        {"propertyKey": name, "type": label.value, "dataType": _DATA_TYPE[PROPERTY_TYPES.get(name, "string")]}
        for name in NODE_PROPERTIES[owner]
    ]


def bloom_perspective() -> dict[str, Any]:
    """A Bloom perspective (import it in Bloom's perspective gallery): one category per label, captioned by
    ``name``, coloured like every other tmekg export; every relationship type, coloured by sign or kind."""
    categories = []
    for number, (label, look) in enumerate(NODE_LOOK.items(), start=1):
        categories.append(
            {
                "id": number,
                "name": label.value,
                "labels": [label.value],
                "properties": [
                    {
                        "name": p["propertyKey"],
                        "exclude": False,
                        "isCaption": p["propertyKey"] == "name",
                        "dataType": p["dataType"],
                    }
                    for p in _label_properties(label)
                ],
                "color": look.color,
                "icon": "no-icon",
                "size": 1,
                "textSize": 1,
                "textAlign": "top",
                "captions": [{"key": "name", "type": "property", "isCaption": True, "inTooltip": True, "styles": []}],
                "captionKeys": ["name"],
                "styleRules": [],
                "createdAt": _CREATED,
                "lastEditedAt": _CREATED,
            }
        )
    relationship_types: list[dict[str, Any]] = [
        {
            "id": rel.value,
            "name": rel.value,
            "color": look.color,
            "size": look.size,
            "textSize": 1,
            "textAlign": "top",
            "properties": [
                {"propertyKey": name, "type": rel.value, "dataType": _DATA_TYPE[PROPERTY_TYPES.get(name, "string")]}
                for name in RELATIONSHIP_PROPERTIES[rel]
            ],
            "captions": [
                {"key": rel.value, "type": "relationship", "isCaption": True, "inTooltip": True, "styles": []}
            ],
            "captionKeys": [],
            "styleRules": [],
        }
        for rel, look in RELATIONSHIP_LOOK.items()
    ]
    return {
        "name": "tmekg",
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "https://w3id.org/tmekg/bloom-perspective")),
        "type": "STANDARD_PERSPECTIVE",
        "createdAt": _CREATED,
        "lastEditedAt": _CREATED,
        "hideUncategorisedData": False,
        "parentPerspectiveId": None,
        "categories": categories,
        "labels": {label.value: _label_properties(label) for label in NODE_LOOK},
        "relationshipTypes": relationship_types,
        "hiddenRelationshipTypes": [],
        "templates": [],
        "sceneActions": [],
        "palette": {"colors": sorted({look.color for look in NODE_LOOK.values()}), "currentIndex": 0},
        "metadata": {
            "pathSegments": [],
            "indexes": [
                {"label": label.value, "type": "native", "propertyKeys": [{"key": "id", "metadataProp": False}]}
                for label in NODE_LOOK
            ],
        },
    }


def bloom_json() -> str:
    """:func:`bloom_perspective` as the JSON text of the shipped file."""
    return json.dumps(bloom_perspective(), indent=2, ensure_ascii=False) + "\n"
