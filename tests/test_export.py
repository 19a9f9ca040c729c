"""Exports read back by parsers other than the ones that wrote them."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph

from tmekg.backends.rdf import to_rdf
from tmekg.export.canonical import to_json, to_json_dict
from tmekg.export.files import ExportFormat, export
from tmekg.export.tier import layer_ntriples
from tmekg.kg import KnowledgeGraph


def test_canonical_json(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "kg.json"
    export(mini_kg, ExportFormat.JSON, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"entities", "interactions", "therapy_actions", "references", "layers", "imported_pairs"}
    assert [layer["layer"] for layer in data["layers"]] == ["curated"]  # the file says which layers it holds
    assert data["imported_pairs"] == []
    pdl1 = next(e for e in data["entities"] if e["id"] == "HGNC:17635")
    assert (pdl1["kind"], pdl1["label"], pdl1["symbol"]) == ("molecule", "PD-L1", "CD274")
    inter = next(i for i in data["interactions"] if i["id"] == "tmekg:i_pdl1_pd1")
    for key in ("id", "source", "target", "ligand", "receptor", "mediators", "effect", "tumor_outcome", "evidence"):
        assert key in inter
    assert inter["evidence"] == ["PMID:11015443"]
    assert inter["effect"] == -1
    assert [e["id"] for e in data["entities"]] == sorted(e["id"] for e in data["entities"])
    assert to_json(mini_kg) == path.read_text(encoding="utf-8")  # stable
    assert {k: v for k, v in data.items() if k not in ("layers", "imported_pairs")} == to_json_dict(mini_kg)


def test_turtle_read_by_oxigraph(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "kg.ttl"
    export(mini_kg, ExportFormat.TTL, path)
    triples = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(to_rdf(mini_kg)) + len(layer_ntriples(()))
