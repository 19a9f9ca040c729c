"""Cytoscape exports: ``cyjs`` + style loaded by cytoscape.js in node; CX2 checked by a JSON Schema written from
the CX2 specification (``schemas/cx2.schema.json``, validated with jsonschema) and read back by ndex2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.export.tools import SCHEMAS, module, node_script
from tmekg.export.fields import rgb
from tmekg.export.files import ExportFormat, export, written_paths
from tmekg.export.view import EDGE_OUTCOME_COLORS, NODE_STYLES, project
from tmekg.kg import KnowledgeGraph

PIP_HINT = 'pip install -e ".[test]"  (jsonschema, ndex2)'


def _rgb_css(color: str) -> str:
    return "rgb({},{},{})".format(*rgb(color))


def test_cyjs_loaded_by_cytoscape_js(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "kg.cyjs"
    export(mini_kg, ExportFormat.CYJS, path, isolated=True)
    style = tmp_path / "kg.style.json"
    assert written_paths(ExportFormat.CYJS, path) == [path, style, tmp_path / "kg.manifest.json"]
    read = node_script("read_cyjs.js", str(path), str(style))
    assert read["warnings"] == []
    assert (read["nodes"], read["edges"]) == (13, len(project(mini_kg).edges))
    pdl1 = read["nodeData"]["HGNC:17635"]
    assert (pdl1["name"], pdl1["kind"]) == ("PD-L1", "molecule")
    assert (pdl1["shape"], pdl1["color"]) == ("round-rectangle", _rgb_css(NODE_STYLES["molecule"].color))
    cell = read["nodeData"]["CL:0000625"]
    assert (cell["shape"], cell["color"]) == ("ellipse", _rgb_css(NODE_STYLES["cell"].color))
    assert read["nodeData"]["tmekg:TAM"]["x"] != read["nodeData"]["HGNC:8760"]["x"]  # positions kept
    edge = read["edgeData"]["tmekg:i_pdl1_pd1"]
    assert (edge["source"], edge["target"], edge["sign"], edge["outcome"]) == (
        "CL:0001064",
        "CL:0000625",
        -1,
        "pro_tumor",
    )
    assert (edge["evidence_level"], edge["evidence"]) == ("in_vitro", ["PMID:11015443"])
    assert edge["line_color"] == _rgb_css(EDGE_OUTCOME_COLORS["pro_tumor"])
    assert (edge["arrow"], edge["width"]) == ("tee", "2.5px")
    therapy = read["edgeData"]["DRUGBANK:DB09037|HGNC:8760"]
    assert therapy["arrow"] == "tee"


def test_cyjs_keeps_name_apart_from_id(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "kg.cyjs"
    export(mini_kg, ExportFormat.CYJS, path, isolated=True)
    doc = json.loads(path.read_text(encoding="utf-8"))
    node = next(n["data"] for n in doc["elements"]["nodes"] if n["data"]["id"] == "HGNC:17635")
    assert (node["id"], node["name"], node["curie"]) == ("HGNC:17635", "PD-L1", "HGNC:17635")
    ids = [e["data"]["id"] for e in doc["elements"]["edges"]]
    assert len(set(ids)) == len(ids)
    assert "tmekg:i_pdl1_pd1" in ids
    export(mini_kg, ExportFormat.CYJS, tmp_path / "again.cyjs")
    again = json.loads((tmp_path / "again.cyjs").read_text(encoding="utf-8"))
    assert [e["data"]["id"] for e in again["elements"]["edges"]] == ids  # stable


def _cx2_aspects(doc: list[dict[str, Any]]) -> dict[str, Any]:
    return {key: value for item in doc for key, value in item.items()}


def test_cx2_matches_schema_and_declarations(mini_kg: KnowledgeGraph, kg: KnowledgeGraph, tmp_path: Path) -> None:
    jsonschema = module("jsonschema", PIP_HINT)
    schema = json.loads((SCHEMAS / "cx2.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for name, graph in (("mini", mini_kg), ("seed", kg)):
        path = tmp_path / f"{name}.cx2"
        export(graph, ExportFormat.CX2, path)
        doc = json.loads(path.read_text(encoding="utf-8"))
        validator.validate(doc)
        aspects = _cx2_aspects(doc)
        counts = {m["name"]: m["elementCount"] for m in aspects["metaData"]}
        assert counts["nodes"] == len(aspects["nodes"])
        assert counts["edges"] == len(aspects["edges"])
        node_ids = {n["id"] for n in aspects["nodes"]}
        assert all(e["s"] in node_ids and e["t"] in node_ids for e in aspects["edges"])
        declared = aspects["attributeDeclarations"][0]
        python_types = {"string": str, "integer": int, "double": float, "list_of_string": list}
        for aspect, decl in (("nodes", declared["nodes"]), ("edges", declared["edges"])):
            for element in aspects[aspect]:
                for key, value in element["v"].items():
                    assert isinstance(value, python_types[decl[key]["d"]]), (aspect, key, value)
    bad = [*doc, {"nodes": [{"id": "n0"}]}]
    assert not validator.is_valid(bad)  # the schema is live


def test_cx2_read_by_ndex2(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    cx2 = module("ndex2.cx2", PIP_HINT)
    path = tmp_path / "kg.cx2"
    export(mini_kg, ExportFormat.CX2, path, isolated=True)
    network = cx2.CX2Network()
    network.create_from_raw_cx2(json.loads(path.read_text(encoding="utf-8")))
    nodes = network.get_nodes()
    edges = network.get_edges()
    assert (len(nodes), len(edges)) == (13, len(project(mini_kg).edges))
    by_curie = {n["v"]["curie"]: n["v"] for n in nodes.values()}
    assert (by_curie["HGNC:17635"]["name"], by_curie["HGNC:17635"]["kind"]) == ("PD-L1", "molecule")
    edge = next(e["v"] for e in edges.values() if e["v"]["edge_id"] == "tmekg:i_pdl1_pd1")
    assert (edge["sign"], edge["outcome"], edge["evidence"]) == (-1, "pro_tumor", ["PMID:11015443"])
    visual = network.get_visual_properties()
    fill = visual["nodeMapping"]["NODE_BACKGROUND_COLOR"]["definition"]["map"]
    assert {"v": "cell", "vp": NODE_STYLES["cell"].color} in fill
    arrows = visual["edgeMapping"]["EDGE_TARGET_ARROW_SHAPE"]["definition"]["map"]
    assert {"v": -1, "vp": "tee"} in arrows
