"""The Neo4j Browser style (GraSS) and the Bloom perspective shipped in tools/neo4j/: generated from the label and
type enums, and naming exactly the labels and relationship types a load of the shipped seed creates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from neo4j import Driver

from tmekg.backends.neo4j import load
from tmekg.backends.neo4j_rows import NODE_PROPERTIES, RELATIONSHIP_PROPERTIES, NodeLabel, RelType
from tmekg.export.neo4j_style import bloom_json, bloom_perspective, grass
from tmekg.kg import KnowledgeGraph

TOOLS = Path(__file__).resolve().parents[2] / "tools" / "neo4j"
_SELECTOR = re.compile(r"^(node|relationship)(?:\.([A-Za-z_]+))? \{$", re.M)


def _grass_names() -> tuple[set[str], set[str]]:
    found: dict[str, set[str]] = {"node": set(), "relationship": set()}
    for kind, name in _SELECTOR.findall(grass()):
        if name:
            found[kind].add(name)
    return found["node"], found["relationship"]


def test_the_shipped_files_are_generated() -> None:
    """Rerun ``python tools/neo4j/build_styles.py`` when this fails."""
    assert (TOOLS / "tmekg.grass").read_text(encoding="utf-8") == grass()
    assert (TOOLS / "tmekg-perspective.json").read_text(encoding="utf-8") == bloom_json()


def test_grass_styles_every_label_and_type_and_captions_by_name() -> None:
    labels, types = _grass_names()
    assert labels == {label.value for label in NodeLabel} - {"Tmekg"}, "Tmekg is on every node: left unstyled"
    assert types == {rel.value for rel in RelType}
    text = grass()
    assert text.count("{\n") == text.count("\n}"), "balanced blocks"
    blocks = re.findall(r"^node(?:\.\w+)? \{\n(.*?)\n\}", text, re.M | re.S)
    assert len(blocks) == len(labels) + 1
    assert all('caption: "{name}";' in block for block in blocks)
    for value in re.findall(r"^\s+(?:color|border-color): (\S+);$", text, re.M):
        assert re.fullmatch(r"#[0-9A-F]{6}", value), value


def test_bloom_perspective_names_known_labels_types_and_properties() -> None:
    perspective = json.loads((TOOLS / "tmekg-perspective.json").read_text(encoding="utf-8"))
    assert perspective == bloom_perspective()
    categories = perspective["categories"]
    assert {c["name"] for c in categories} == {label.value for label in NodeLabel} - {"Tmekg"}
    assert len({c["id"] for c in categories}) == len(categories)
    for category in categories:
        (label,) = category["labels"]
        own = NODE_PROPERTIES.get(NodeLabel(label), NODE_PROPERTIES[NodeLabel.MOLECULE])
        assert [p["name"] for p in category["properties"]] == list(own)
        assert [p["name"] for p in category["properties"] if p["isCaption"]] == ["name"]
    types = perspective["relationshipTypes"]
    assert {t["name"] for t in types} == {rel.value for rel in RelType}
    for rel in types:
        assert [p["propertyKey"] for p in rel["properties"]] == list(RELATIONSHIP_PROPERTIES[RelType(rel["name"])])


@pytest.mark.neo4j
def test_styles_name_what_a_load_creates(neo4j_driver: Driver, kg: KnowledgeGraph) -> None:
    """Every label and type the style names exists once the shipped seed is loaded, and every one there is styled."""
    load(neo4j_driver, kg)
    records, _, _ = neo4j_driver.execute_query("CALL db.labels() YIELD label RETURN collect(label) AS labels")
    in_database = set(records[0]["labels"]) - {"Tmekg"}
    records, _, _ = neo4j_driver.execute_query(
        "CALL db.relationshipTypes() YIELD relationshipType RETURN collect(relationshipType) AS types"
    )
    types_in_database = set(records[0]["types"])
    labels, types = _grass_names()
    assert labels == in_database
    assert types == types_in_database
    perspective = bloom_perspective()
    assert {c["name"] for c in perspective["categories"]} == in_database
    assert {t["name"] for t in perspective["relationshipTypes"]} == types_in_database
