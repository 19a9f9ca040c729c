"""Biolink KGX TSV: read back the way KGX reads it (pandas, no quoting); every category and predicate checked
against the Biolink model YAML that the ``biolink-model`` wheel ships."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pandas as pd

from tests.export.tools import module
from tmekg.export.files import ExportFormat, export, written_paths
from tmekg.kg import KnowledgeGraph

HINT = 'pip install -e ".[test]"  (biolink-model)'


@cache
def biolink() -> dict[str, Any]:
    module("biolink_model", HINT)
    yaml = module("yaml", HINT)
    text = files("biolink_model").joinpath("schema/biolink_model.yaml").read_text(encoding="utf-8")
    model: dict[str, Any] = yaml.safe_load(text)
    return model


def _snake(name: str) -> str:
    return name.replace(" ", "_")


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split(" "))


def read_kgx(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    nodes_path, edges_path, _ = written_paths(ExportFormat.KGX, path)
    read = {"sep": "\t", "dtype": str, "quoting": 3, "keep_default_na": False}
    return pd.read_csv(nodes_path, **read), pd.read_csv(edges_path, **read)


def test_kgx_files_and_counts(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "tmekg"
    export(mini_kg, ExportFormat.KGX, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tmekg_edges.tsv", "tmekg_manifest.json", "tmekg_nodes.tsv"]
    nodes, edges = read_kgx(path)
    assert len(nodes) == len(list(mini_kg.entities()))
    assert len(edges) == len(mini_kg.interactions) + len(mini_kg.therapy_actions)
    pdl1 = nodes.set_index("id").loc["HGNC:17635"]
    assert (pdl1["category"], pdl1["name"], pdl1["synonym"]) == ("biolink:Protein", "PD-L1", "B7-H1|PDL1")
    edge = edges.set_index("id").loc["tmekg:i_pdl1_pd1"]
    assert (edge["subject"], edge["predicate"], edge["object"]) == ("CL:0001064", "biolink:regulates", "CL:0000625")
    assert (edge["object_direction_qualifier"], edge["tmekg_sign"]) == ("downregulated", "-1")
    assert (edge["publications"], edge["tmekg_evidence_level"]) == ("PMID:11015443", "in_vitro")
    assert edge["tmekg_tumor_outcome"] == "pro_tumor"
    assert (edge["tmekg_ligand"], edge["tmekg_receptor"]) == ("HGNC:17635", "HGNC:8760")
    assert sorted(read_kgx(tmp_path / "tmekg.tsv")[0]["id"]) == sorted(nodes["id"])  # suffix dropped


def test_kgx_terms_exist_in_biolink(kg: KnowledgeGraph, tmp_path: Path) -> None:
    model = biolink()
    classes = {f"biolink:{_pascal(name)}": spec or {} for name, spec in model["classes"].items()}
    slots = {f"biolink:{_snake(name)}": spec or {} for name, spec in model["slots"].items()}
    enums = model["enums"]
    path = tmp_path / "seed"
    export(kg, ExportFormat.KGX, path)
    nodes, edges = read_kgx(path)
    assert set(nodes["category"]) >= {"biolink:Cell", "biolink:Protein", "biolink:SmallMolecule", "biolink:Drug"}
    for category in set(nodes["category"]):
        assert category in classes, f"{category} is not a Biolink class"
        assert not classes[category].get("deprecated"), f"{category} is deprecated"
    for predicate in set(edges["predicate"]):
        assert predicate in slots, f"{predicate} is not a Biolink slot"
        assert not slots[predicate].get("deprecated"), f"{predicate} is deprecated"
        ancestors, name = [], predicate.removeprefix("biolink:").replace("_", " ")
        while name:
            ancestors.append(name)
            name = (model["slots"][name] or {}).get("is_a")
        assert "related to" in ancestors, f"{predicate} is not a predicate (not under related_to)"
    directions = set(enums["DirectionQualifierEnum"]["permissible_values"])
    assert set(edges["object_direction_qualifier"]) - {""} <= directions
    assert set(edges["knowledge_level"]) <= set(enums["KnowledgeLevelEnum"]["permissible_values"])
    assert set(edges["agent_type"]) <= set(enums["AgentTypeEnum"]["permissible_values"])
    for column in ("object_direction_qualifier", "knowledge_level", "agent_type", "publications", "synonym"):
        assert column in slots or f"biolink:{column}" in slots, column
