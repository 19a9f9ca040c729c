"""GEXF 1.3: RELAX NG validation with xmllint, read back by networkx and by graphology-gexf (node)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from tests.export.tools import node_script, validate_gexf
from tmekg.export.files import ExportFormat, export
from tmekg.export.view import project
from tmekg.kg import KnowledgeGraph


def test_gexf_validates_against_relaxng(mini_kg: KnowledgeGraph, kg: KnowledgeGraph, tmp_path: Path) -> None:
    for name, graph in (("mini", mini_kg), ("seed", kg)):
        path = tmp_path / f"{name}.gexf"
        export(graph, ExportFormat.GEXF, path)
        ok, errors = validate_gexf(path)
        assert ok, errors


def test_relaxng_check_is_live(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    """The grammar rejects what the DESIGN pitfalls list: networkx's 1.3 output, graph@name, bad viz values."""
    path = tmp_path / "kg.gexf"
    export(mini_kg, ExportFormat.GEXF, path)
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ('mode="static">', 'mode="static" name="tmekg">'),
        ('<viz:shape value="disc"', '<viz:shape value="blob"'),
        ('xmlns:viz="http://gexf.net/1.3/viz"', 'xmlns:viz="http://www.gexf.net/1.3/viz"'),
        ('type="integer"', 'type="int"'),
    ):
        assert old in text
        bad = tmp_path / "bad.gexf"
        bad.write_text(text.replace(old, new, 1), encoding="utf-8")
        assert not validate_gexf(bad)[0], f"accepted {new!r}"
    networkx_file = tmp_path / "nx.gexf"
    nx.write_gexf(nx.path_graph(2), networkx_file, version="1.3")
    assert not validate_gexf(networkx_file)[0]


def test_gexf_read_by_networkx(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "kg.gexf"
    export(mini_kg, ExportFormat.GEXF, path, isolated=True)
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() == len(list(mini_kg.entities()))
    assert graph.number_of_edges() == len(project(mini_kg).edges)
    assert graph.nodes["HGNC:17635"]["label"] == "PD-L1"
    assert graph.nodes["HGNC:17635"]["viz"]["color"] == {"r": 242, "g": 142, "b": 43, "a": 1.0}
    # (networkx reads viz:shape from a "shape" attribute, not the specification's "value": not checked here)
    assert graph.nodes["HGNC:17635"]["viz"]["size"] == 34.0 / 4
    u, v, edge = next((u, v, d) for u, v, d in graph.edges(data=True) if d["id"] == "tmekg:i_pdl1_pd1")
    assert (u, v) == ("CL:0001064", "CL:0000625")
    assert (edge["sign"], edge["outcome"], edge["evidence_level"]) == (-1, "pro_tumor", "in_vitro")
    assert edge["evidence"] == "PMID:11015443"
    assert edge["weight"] == 2.5  # evidence level in_vitro (networkx does not read edge viz; graphology does)


def test_gexf_read_by_graphology(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "kg.gexf"
    export(mini_kg, ExportFormat.GEXF, path, isolated=True)
    read = node_script("read_gexf.js", str(path))
    assert (read["order"], read["size"]) == (13, len(project(mini_kg).edges))
    pdl1 = read["nodes"]["HGNC:17635"]
    assert (pdl1["label"], pdl1["color"], pdl1["shape"]) == ("PD-L1", "rgb(242,142,43)", "square")
    edge = read["edges"]["tmekg:i_pdl1_pd1"]
    assert (edge["source"], edge["target"], edge["sign"], edge["outcome"]) == (
        "CL:0001064",
        "CL:0000625",
        -1,
        "pro_tumor",
    )
    assert edge["color"] == "rgb(192,57,43)"
