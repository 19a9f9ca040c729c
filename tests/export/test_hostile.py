"""Hostile names (markup, ``&``, quotes, backslash, non-ASCII) survive every format as the same strings when an
independent parser reads them back, and stay inert text in the HTML view."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pyoxigraph

from tests.export.conftest import EVIL, HIJACK, HOSTILE_NAMES
from tests.export.tools import ARTIFACTS, module, node_script, open_view, read_dot, unescape_dot, validate_gexf
from tmekg.export.files import ExportFormat, export, written_paths
from tmekg.kg import KnowledgeGraph

NAMES = set(HOSTILE_NAMES)
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _write(kg: KnowledgeGraph, fmt: ExportFormat, tmp_path: Path) -> Path:
    path = tmp_path / f"hostile.{fmt.value}"
    export(kg, fmt, path, isolated=True)  # every hostile name is a node
    return path


def test_graphml(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    igraph = module("igraph", "pip install python-igraph")
    graph = igraph.Graph.Read_GraphML(str(_write(hostile_kg, ExportFormat.GRAPHML, tmp_path)))
    assert set(graph.vs["label"]) == NAMES
    edge = next(e for e in graph.es if e["edge_id"] == "tmekg:i_evil")
    assert edge["hijacked_function"] == HIJACK


def test_gexf(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = _write(hostile_kg, ExportFormat.GEXF, tmp_path)
    ok, errors = validate_gexf(path)
    assert ok, errors
    graph = nx.read_gexf(path)
    assert {d["label"] for _, d in graph.nodes(data=True)} == NAMES
    read = node_script("read_gexf.js", str(path))
    assert {n["label"] for n in read["nodes"].values()} == NAMES


def test_cyjs(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = _write(hostile_kg, ExportFormat.CYJS, tmp_path)
    read = node_script("read_cyjs.js", *map(str, written_paths(ExportFormat.CYJS, path)[:2]))
    assert {n["name"] for n in read["nodeData"].values()} == NAMES


def test_cx2(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    cx2 = module("ndex2.cx2", 'pip install -e ".[test]"')
    network = cx2.CX2Network()
    network.create_from_raw_cx2(json.loads(_write(hostile_kg, ExportFormat.CX2, tmp_path).read_text("utf-8")))
    assert {n["v"]["name"] for n in network.get_nodes().values()} == NAMES


def test_dot(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    data = read_dot(_write(hostile_kg, ExportFormat.DOT, tmp_path))
    assert {unescape_dot(o["label"]) for o in data["objects"]} == NAMES


def test_kgx(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    nodes_path, edges_path, _ = written_paths(ExportFormat.KGX, _write(hostile_kg, ExportFormat.KGX, tmp_path))
    nodes = pd.read_csv(nodes_path, sep="\t", dtype=str, quoting=3, keep_default_na=False)
    assert set(nodes["name"]) == NAMES
    edges = pd.read_csv(edges_path, sep="\t", dtype=str, quoting=3, keep_default_na=False)
    assert HIJACK in set(edges["tmekg_hijacked_function"])


def test_rdf(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    formats = {
        ExportFormat.TTL: pyoxigraph.RdfFormat.TURTLE,
        ExportFormat.NT: pyoxigraph.RdfFormat.N_TRIPLES,
        ExportFormat.JSONLD: pyoxigraph.RdfFormat.JSON_LD,
    }
    for fmt, rdf_format in formats.items():
        triples = pyoxigraph.parse(path=str(_write(hostile_kg, fmt, tmp_path)), format=rdf_format)
        # the data's labels (the ontology's own, in every export, name the vocabulary's terms)
        labels = {
            t.object.value
            for t in triples
            if t.predicate.value == RDFS_LABEL and not t.subject.value.startswith("https://w3id.org/tmekg/vocab")
        }
        assert labels == NAMES | {HIJACK, "curated"}, fmt  # the hijacked function's label is hostile too


def test_json(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    data = json.loads(_write(hostile_kg, ExportFormat.JSON, tmp_path).read_text("utf-8"))
    assert {e["label"] for e in data["entities"]} == NAMES


def test_html_renders_names_as_text(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = _write(hostile_kg, ExportFormat.HTML, tmp_path)
    report = open_view(path, ARTIFACTS / "html_hostile.png", "<img")
    assert report["dialogs"] == [], "a hostile name ran script"
    assert report["consoleErrors"] == []
    assert report["pageErrors"] == []
    assert set(report["requests"]) == {path.as_uri()}
    assert report["images"] == 0
    assert report["injected"] == 0
    assert report["title"] == "tmekg"
    labels = report["labels"]
    assert isinstance(labels, list)
    assert {label.rsplit(" (", 1)[0] for label in labels} == NAMES
    assert report["searchedId"] == "tmekg:evil"
    assert str(report["nodeCard"]).startswith(EVIL)
    assert HIJACK in str(report["edgeCard"])  # the interaction card shows the hijacked function as text
