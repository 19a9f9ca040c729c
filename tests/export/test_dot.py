"""Graphviz DOT read back by ``dot -Tjson`` (Debian graphviz)."""

from __future__ import annotations

from pathlib import Path

from tests.export.tools import read_dot
from tmekg.export.files import ExportFormat, export
from tmekg.export.view import project
from tmekg.kg import KnowledgeGraph


def test_dot_read_by_graphviz(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "kg.dot"
    export(mini_kg, ExportFormat.DOT, path, isolated=True)
    data = read_dot(path)
    objects = data["objects"]
    assert len(objects) == len(list(mini_kg.entities()))
    assert all(":" not in o["name"] for o in objects)  # synthetic ids, no ports
    by_curie = {o["tooltip"]: o for o in objects}
    assert by_curie["HGNC:17635"]["label"] == "PD-L1"
    assert by_curie["HGNC:17635"]["URL"] == "https://identifiers.org/hgnc:17635"
    assert (by_curie["CL:0000625"]["shape"], by_curie["CL:0000625"]["fillcolor"]) == ("ellipse", "#4E79A7")
    edges = {e["id"]: e for e in data["edges"]}
    assert len(edges) == len(project(mini_kg).edges)
    edge = edges["tmekg:i_pdl1_pd1"]
    names = {o["_gvid"]: o["tooltip"] for o in objects}
    assert (names[edge["tail"]], names[edge["head"]]) == ("CL:0001064", "CL:0000625")
    assert (edge["sign"], edge["outcome"], edge["evidence_level"]) == ("-1", "pro_tumor", "in_vitro")
    assert (edge["arrowhead"], edge["color"], edge["evidence"]) == ("tee", "#C0392B", "PMID:11015443")
    assert edge["label"] == "PD-L1 → PD-1"


def test_dot_lays_out_the_seed(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "kg.dot"
    export(kg, ExportFormat.DOT, path, isolated=True)
    data = read_dot(path)
    assert len(data["objects"]) == len(list(kg.entities()))
    assert len(data["edges"]) == len(project(kg).edges)
