"""GraphML read back by python-igraph (not the writer's own code)."""

from __future__ import annotations

from pathlib import Path

from tests.export.tools import module
from tmekg.export.files import ExportFormat, export
from tmekg.export.view import project
from tmekg.kg import KnowledgeGraph


def test_graphml_read_by_igraph(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    igraph = module("igraph", "pip install python-igraph")
    path = tmp_path / "kg.graphml"
    export(mini_kg, ExportFormat.GRAPHML, path, isolated=True)
    graph = igraph.Graph.Read_GraphML(str(path))
    assert graph.is_directed()
    assert graph.vcount() == len(list(mini_kg.entities()))
    assert graph.ecount() == len(project(mini_kg).edges)
    nodes = {v["id"]: v.attributes() for v in graph.vs}
    assert nodes["HGNC:17635"]["label"] == "PD-L1"
    assert nodes["HGNC:17635"]["name"] == "PD-L1"
    assert (nodes["HGNC:17635"]["kind"], nodes["HGNC:17635"]["shape"]) == ("molecule", "round-rectangle")
    assert nodes["CL:0000625"]["color"] == "#4E79A7"
    assert (nodes["CL:0000625"]["r"], nodes["CL:0000625"]["g"], nodes["CL:0000625"]["b"]) == (78, 121, 167)
    edges = {e["edge_id"]: (graph.vs[e.source]["id"], graph.vs[e.target]["id"], e.attributes()) for e in graph.es}
    source, target, attrs = edges["tmekg:i_pdl1_pd1"]
    assert (source, target) == ("CL:0001064", "CL:0000625")
    assert (attrs["sign"], attrs["sign_name"], attrs["outcome"]) == (-1, "inhibiting", "pro_tumor")
    assert (attrs["evidence_level"], attrs["evidence"]) == ("in_vitro", "PMID:11015443")
    assert attrs["label"] == "PD-L1 → PD-1"
    assert attrs["citations"] == "Freeman GJ et al. (2000) J Exp Med. PMID:11015443"
    assert edges["DRUGBANK:DB09037|HGNC:8760"][2]["label"] == "blocks"


def test_graphml_key_ids_are_unique(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    path = tmp_path / "kg.graphml"
    export(mini_kg, ExportFormat.GRAPHML, path)
    keys = ET.parse(path).getroot().findall("{http://graphml.graphdrawing.org/xmlns}key")
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))
    assert {(k.get("for"), k.get("attr.name")) for k in keys} >= {("node", "label"), ("edge", "sign")}
