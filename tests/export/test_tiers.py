"""Imported tiers in every visual format, read back by the same independent parsers as the curated exports: an
imported pair is a dotted grey ``binds (imported)`` edge with its resource, version and licence and never a sign or
an outcome; every file names the layers it holds; each line style means the same thing in every format."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from tests.export.test_kgx import biolink
from tests.export.tools import ARTIFACTS, SCHEMAS, module, node_script, open_view, read_dot, validate_gexf
from tmekg.export.fields import rgb
from tmekg.export.files import ExportFormat, export, written_paths
from tmekg.export.style import EDGE_LINE_STYLES, IMPORTED_EDGE_COLOR
from tmekg.export.view import project
from tmekg.export.view_model import View
from tmekg.importers.base import Tier
from tmekg.importers.liana import LianaImporter
from tmekg.kg import KnowledgeGraph

DATA = Path(__file__).parent.parent / "fixtures" / "singlecell"
LAYERS = ["curated", "imported:liana"]
PAIR = "imported:liana:TIGIT>PVR"  # both ends are named only by the imported tier
SPLIT = "imported:liana:TGFB1>TGFBR1+TGFBR2|HGNC:11766|HGNC:11772"  # a receptor complex drawn member by member
SIGNED = ("sign", "sign_name", "outcome", "tumor_outcome", "effect", "evidence_level")


@pytest.fixture(scope="module")
def tier(mini_kg: KnowledgeGraph) -> Tier:
    return LianaImporter().build(DATA / "omni_resource.csv", kg=mini_kg)


@pytest.fixture(scope="module")
def view(mini_kg: KnowledgeGraph, tier: Tier) -> View:
    return project(mini_kg, tiers=[tier], isolated=True)


@pytest.fixture(scope="module")
def files(mini_kg: KnowledgeGraph, tier: Tier, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every visual format of the mini graph with the LIANA fixture tier."""
    out = tmp_path_factory.mktemp("tiers")
    written = {}
    for fmt in ("graphml", "gexf", "cyjs", "cx2", "dot", "kgx", "html"):
        written[fmt] = export(mini_kg, ExportFormat(fmt), out / f"g.{fmt}", tiers=[tier], isolated=True)
    return written


def test_the_view_draws_imported_pairs(view: View, tier: Tier) -> None:
    imported = [e for e in view.edges if e.kind == "imported"]
    assert {e.attrs["pair"] for e in imported} == {p.id for p in tier.pairs if p.ligand_ids and p.receptor_ids}
    assert {e.id for e in imported} >= {PAIR, SPLIT, "imported:liana:CD274>PDCD1"}
    assert all(
        (e.layer, e.line_style, e.color, e.arrow) == ("imported:liana", "dotted", IMPORTED_EDGE_COLOR, "none")
        for e in imported
    )
    pvr = view.node("HGNC:9705")
    assert (pvr.kind, pvr.label, pvr.attrs["layers"]) == ("imported", "PVR", ["imported:liana"])
    assert view.node("HGNC:17635").attrs["layers"] == LAYERS  # PD-L1: curated, and listed by LIANA
    drawn = next(layer for layer in view.layers if layer["layer"] == "imported:liana")
    assert (drawn["pairs"], drawn["drawn_pairs"]) == (8, 7)  # IL34 is not in the shipped symbol table
    assert view.layer_names == LAYERS


def test_imported_pairs_never_move_the_curated_layout(mini_kg: KnowledgeGraph, view: View) -> None:
    curated = project(mini_kg, isolated=True)
    assert {n.id: (n.x, n.y) for n in curated.nodes} == {n.id: (n.x, n.y) for n in view.nodes if n.kind != "imported"}


def _no_sign(attrs: dict[str, Any]) -> bool:
    """No signed attribute has a value (readers fill absent attributes with None or NaN)."""
    return all(attrs.get(k) in (None, "") or (isinstance(attrs.get(k), float) and math.isnan(attrs[k])) for k in SIGNED)


def test_graphml(files: dict[str, list[Path]]) -> None:
    igraph = module("igraph", "pip install python-igraph")
    graph = igraph.Graph.Read_GraphML(str(files["graphml"][0]))
    assert graph["layers"] == "curated|imported:liana"
    edges = {e["edge_id"]: e.attributes() for e in graph.es}
    pair = edges[PAIR]
    assert (pair["kind"], pair["layer"], pair["label"], pair["line_style"]) == (
        "imported",
        "imported:liana",
        "binds (imported)",
        "dotted",
    )
    assert pair["resource"] == "liana"
    assert pair["resource_version"].startswith("liana ")
    assert "BSD" in pair["licence"]
    assert _no_sign(pair)
    assert edges["tmekg:i_pdl1_pd1"]["layer"] == "curated"
    assert edges["tmekg:i_pdl1_pd1"]["sign"] == -1
    nodes = {v["id"]: v.attributes() for v in graph.vs}
    assert (nodes["HGNC:9705"]["label"], nodes["HGNC:9705"]["kind"]) == ("PVR", "imported")


def test_gexf(files: dict[str, list[Path]]) -> None:
    path = files["gexf"][0]
    ok, errors = validate_gexf(path)
    assert ok, errors
    graph = nx.read_gexf(path)
    pair = next(d for _, _, d in graph.edges(data=True) if d["id"] == PAIR)
    assert (pair["kind"], pair["resource"], pair["layer"]) == ("imported", "liana", "imported:liana")
    assert _no_sign(pair)
    read = node_script("read_gexf.js", str(path))
    assert "layers: curated, imported:liana" in read["attributes"]["keywords"]
    edge = read["edges"][PAIR]
    assert (edge["source"], edge["target"], edge["shape"]) == ("HGNC:26838", "HGNC:9705", "dotted")
    assert edge["color"] == "rgb({},{},{})".format(*rgb(IMPORTED_EDGE_COLOR))
    assert "sign" not in edge
    assert "outcome" not in edge
    assert read["edges"]["tmekg:i_pdl1_pd1"]["shape"] == "solid"  # an inhibiting statement is not dashed


def test_cyjs(files: dict[str, list[Path]]) -> None:
    graph, style, manifest = files["cyjs"]
    read = node_script("read_cyjs.js", str(graph), str(style))
    assert read["warnings"] == []
    assert read["network"]["layers"] == LAYERS
    edge = read["edgeData"][PAIR]
    assert (edge["kind"], edge["layer"], edge["resource"]) == ("imported", "imported:liana", "liana")
    assert (edge["line_style"], edge["arrow"]) == ("dotted", "none")
    assert edge["line_color"] == "rgb({},{},{})".format(*rgb(IMPORTED_EDGE_COLOR))
    assert edge.get("sign") is None
    assert edge.get("outcome") is None
    assert "BSD" in edge["licence"]
    assert manifest.name == "g.manifest.json"
    assert json.loads(manifest.read_text())["layers"][1]["layer"] == "imported:liana"


def test_cx2(files: dict[str, list[Path]]) -> None:
    jsonschema = module("jsonschema", 'pip install -e ".[test]"')
    cx2 = module("ndex2.cx2", 'pip install -e ".[test]"')
    doc = json.loads(files["cx2"][0].read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "cx2.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    network = cx2.CX2Network()
    network.create_from_raw_cx2(doc)
    assert network.get_network_attributes()["layers"] == LAYERS
    edge = next(e["v"] for e in network.get_edges().values() if e["v"]["edge_id"] == PAIR)
    assert (edge["kind"], edge["layer"], edge["resource"]) == ("imported", "imported:liana", "liana")
    assert _no_sign(edge)
    visual = network.get_visual_properties()
    lines = {m["v"]: m["vp"] for m in visual["edgeMapping"]["EDGE_LINE_STYLE"]["definition"]["map"]}
    assert lines["imported"] == "dotted"
    default = visual["default"]["edge"]  # what an edge without outcome and sign (an imported pair) is drawn with
    assert (default["EDGE_LINE_COLOR"], default["EDGE_TARGET_ARROW_SHAPE"]) == (IMPORTED_EDGE_COLOR, "none")


def test_dot(files: dict[str, list[Path]]) -> None:
    data = read_dot(files["dot"][0])
    assert data["tmekg_layers"] == "curated|imported:liana"
    names = {o["_gvid"]: o["tooltip"] for o in data["objects"]}
    edge = next(e for e in data["edges"] if e["id"] == PAIR)
    assert (names[edge["tail"]], names[edge["head"]]) == ("HGNC:26838", "HGNC:9705")
    assert (edge["style"], edge["arrowhead"], edge["color"]) == ("dotted", "none", IMPORTED_EDGE_COLOR)
    assert (edge["layer"], edge["resource"]) == ("imported:liana", "liana")
    assert "BSD" in edge["licence"]
    assert not set(SIGNED) & set(edge)


def test_kgx(files: dict[str, list[Path]]) -> None:
    nodes_path, edges_path, manifest = files["kgx"]
    read = {"sep": "\t", "dtype": str, "quoting": 3, "keep_default_na": False}
    edges = pd.read_csv(edges_path, **read).set_index("id")
    nodes = pd.read_csv(nodes_path, **read).set_index("id")
    pair = edges.loc[PAIR]
    assert (pair["subject"], pair["predicate"], pair["object"]) == (
        "HGNC:26838",
        "biolink:directly_physically_interacts_with",
        "HGNC:9705",
    )
    assert (pair["tmekg_kind"], pair["tmekg_layer"], pair["tmekg_resource"]) == ("imported", "imported:liana", "liana")
    assert (pair["tmekg_sign"], pair["tmekg_tumor_outcome"], pair["tmekg_evidence_level"]) == ("", "", "")
    assert edges.loc["tmekg:i_pdl1_pd1", "tmekg_layer"] == "curated"
    assert (nodes.loc["HGNC:9705", "category"], nodes.loc["HGNC:9705", "tmekg_layers"]) == (
        "biolink:Protein",
        "imported:liana",
    )
    assert nodes.loc["HGNC:17635", "tmekg_layers"] == "curated|imported:liana"
    model = biolink()
    assert "directly physically interacts with" in model["slots"]
    agents = set(model["enums"]["AgentTypeEnum"]["permissible_values"])
    assert set(edges["agent_type"]) <= agents
    assert [layer["layer"] for layer in json.loads(manifest.read_text())["layers"]] == LAYERS


def test_html(files: dict[str, list[Path]], view: View) -> None:
    path = files["html"][0]
    assert '<meta name="tmekg-layers" content="curated imported:liana">' in path.read_text(encoding="utf-8")
    report = open_view(path, ARTIFACTS / "html_tiers.png", "PVR")
    assert report["consoleErrors"] == []
    assert report["pageErrors"] == []
    assert report["layersText"] == "layers: curated, imported:liana"
    assert report["edges"] == len(view.edges)  # imported pairs are drawn in the whole graph
    assert report["searchedId"] == "HGNC:9705"
    card = str(report["edgeCard"])
    assert "imported pair (no sign or outcome)" in card
    assert "liana" in card
    assert "BSD" in card
    rows = card.splitlines()  # the card's fields: a name line, then its value
    assert "resource version" in rows
    assert "licence" in rows
    assert not {"sign", "tumor outcome", "evidence level"} & set(rows)


def test_line_styles_mean_one_thing_in_every_format(files: dict[str, list[Path]], view: View) -> None:
    """Read back each edge's line style per format: it is EDGE_LINE_STYLES[kind] everywhere (GEXF once drew
    every inhibiting edge dashed while DOT and Cytoscape dashed the therapy actions)."""
    kinds = {e.id: e.kind for e in view.edges}
    assert set(kinds.values()) >= {"interaction", "therapy_action", "effect", "polarity", "imported"}
    gexf = node_script("read_gexf.js", str(files["gexf"][0]))["edges"]
    dot = {e["id"]: e["style"] for e in read_dot(files["dot"][0])["edges"]}
    cyjs = node_script("read_cyjs.js", *map(str, files["cyjs"][:2]))["edgeData"]
    cx2 = json.loads(files["cx2"][0].read_text(encoding="utf-8"))
    cx2_map = next(a for a in cx2 if "visualProperties" in a)["visualProperties"][0]["edgeMapping"]
    cx2_lines = {m["v"]: m["vp"] for m in cx2_map["EDGE_LINE_STYLE"]["definition"]["map"]}
    for edge_id, kind in kinds.items():
        want = EDGE_LINE_STYLES[kind]
        assert gexf[edge_id]["shape"] == want, ("gexf", edge_id)
        assert dot[edge_id] == want, ("dot", edge_id)
        assert cyjs[edge_id]["line_style"] == want, ("cyjs", edge_id)
        assert cx2_lines[kind] == want, ("cx2", kind)
    report = open_view(files["html"][0], ARTIFACTS / "html_lines.png", "PD-L1")
    dashes = {kind: patterns for kind, patterns in report["dashByKind"].items() if kind in EDGE_LINE_STYLES}
    assert all(len(patterns) == 1 for patterns in dashes.values()), dashes
    by_style: dict[str, set[str]] = {}
    for kind, patterns in dashes.items():
        by_style.setdefault(EDGE_LINE_STYLES[kind], set()).update(patterns)
    assert by_style["solid"] == {"none"}
    assert len({p for patterns in by_style.values() for p in patterns}) == len(by_style)  # one pattern per style


def test_every_visual_format_from_the_cli(tier: Tier, tmp_path: Path) -> None:
    """``tmekg export --tier DIR`` writes every visual format and says the layers; neo4j-csv refuses."""
    from typer.testing import CliRunner

    from tests.conftest import MINI_SEED
    from tmekg.cli import app
    from tmekg.importers.store import save_tier

    directory = tmp_path / "tier"
    save_tier(tier, directory)
    for fmt in ("graphml", "gexf", "cyjs", "cx2", "dot", "kgx", "html"):
        out = tmp_path / f"g.{fmt}"
        args = ["export", "--seed", str(MINI_SEED), "--tier", str(directory), "-f", fmt, "-o", str(out)]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.stderr
        assert "layers: curated, imported:liana" in " ".join(result.stderr.split())
        assert all(p.is_file() for p in written_paths(ExportFormat(fmt), out))


def test_every_export_names_the_layers_it_holds(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    """A plain export (no tier) says in the file that it holds the curated layer, in every format."""
    import xml.etree.ElementTree as ET

    import pyoxigraph

    igraph = module("igraph", "pip install python-igraph")
    layer = "https://w3id.org/tmekg/layer/curated"
    rdf = {"ttl": "TURTLE", "nt": "N_TRIPLES", "jsonld": "JSON_LD", "trig": "TRIG", "nq": "N_QUADS"}
    found = {}
    for fmt in ExportFormat:
        written = export(mini_kg, fmt, tmp_path / f"g.{fmt.value}")
        main, last = written[0], written[-1]
        if fmt.value == "json":
            found[fmt] = [x["layer"] for x in json.loads(main.read_text())["layers"]]
        elif fmt.value in rdf:
            quads = pyoxigraph.parse(path=str(main), format=getattr(pyoxigraph.RdfFormat, rdf[fmt.value]))
            found[fmt] = sorted({q.object.value for q in quads if q.subject.value == layer and "label" in str(q)})
        elif fmt.value == "graphml":
            found[fmt] = igraph.Graph.Read_GraphML(str(main))["layers"].split("|")
        elif fmt.value == "gexf":
            keywords = ET.parse(main).getroot().find("{http://gexf.net/1.3}meta/{http://gexf.net/1.3}keywords")
            assert keywords is not None
            found[fmt] = [str(keywords.text).removeprefix("layers: ")]
        elif fmt.value == "cyjs":
            found[fmt] = json.loads(main.read_text())["data"]["layers"]
        elif fmt.value == "cx2":
            doc = json.loads(main.read_text())
            found[fmt] = next(a for a in doc if "networkAttributes" in a)["networkAttributes"][0]["layers"]
        elif fmt.value == "dot":
            found[fmt] = read_dot(main)["tmekg_layers"].split("|")
        elif fmt.value == "html":
            found[fmt] = ["curated"] if '<meta name="tmekg-layers" content="curated">' in main.read_text() else []
        else:  # kgx, neo4j-csv: the manifest written last
            found[fmt] = [x["layer"] for x in json.loads(last.read_text())["layers"]]
    assert found == {key: ["curated"] for key in ExportFormat}
