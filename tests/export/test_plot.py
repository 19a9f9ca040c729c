"""Pictures of answers: the layered diagram (what is drawn where) and the files (each format opened by a reader
that tmekg did not write). PNGs are kept in tests/artifacts/ to look at."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.export.tools import ARTIFACTS, module
from tmekg.cli import app
from tmekg.errors import InputError
from tmekg.export.diagram import layered_positions
from tmekg.export.layered import therapy_diagram
from tmekg.export.layered_path import path_diagram
from tmekg.export.plot import draw, plot_answer, plot_format
from tmekg.kg import KnowledgeGraph
from tmekg.reasoning import block, find_paths
from tmekg.vocab import TUMOR_GROWTH

SVG = "{http://www.w3.org/2000/svg}"
PEMBROLIZUMAB = "DRUGBANK:DB09037"
PD1 = "HGNC:8760"


def _svg_text(path: Path) -> str:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_therapy_diagram_reads_left_to_right(kg: KnowledgeGraph) -> None:
    answer = block(kg, "pembrolizumab")
    diagram = therapy_diagram(kg, answer)
    roles = {n.id: n.role for n in diagram.nodes}
    layers = {n.id: n.layer for n in diagram.nodes}
    assert roles[PEMBROLIZUMAB] == "therapy"
    assert roles[PD1] == "target"
    assert roles[TUMOR_GROWTH] == "sink"
    assert (layers[PEMBROLIZUMAB], layers[PD1], layers[TUMOR_GROWTH]) == (0, 1, 4)
    severed = [n for n in diagram.nodes if n.role == "severed"]
    assert severed
    assert all(n.layer == 2 and n.lane == 0 for n in severed)
    assert {m for n in severed for m in n.members} == {e.interaction.id for e in answer.severed}
    escapes = [n for n in diagram.nodes if n.role == "escape"]
    assert 0 < len(escapes) <= 8
    assert all(n.lane == 1 for n in escapes)
    partners = [n for n in diagram.nodes if n.role == "partner"]
    assert partners
    assert all(n.layer == 0 and n.lane == 1 for n in partners)
    processes = [n for n in diagram.nodes if n.role == "process"]
    assert all(n.layer == 3 for n in processes)
    # every edge joins two drawn boxes, flows left to right, and has a sign
    for edge in diagram.edges:
        assert layers[edge.source] < layers[edge.target], edge
        assert edge.sign in (-1, 0, 1)
    assert (PEMBROLIZUMAB, PD1, -1) in {(e.source, e.target, e.sign) for e in diagram.edges}  # blocks: a bar
    assert diagram.title.startswith("pembrolizumab: predicted net effect anti-tumor")
    assert f"leaves {len(answer.escape_routes)} escape route(s)" in diagram.subtitle


def test_layout_is_deterministic_and_laned(kg: KnowledgeGraph) -> None:
    diagram = therapy_diagram(kg, block(kg, "pembrolizumab"))
    positions = diagram.positions()
    assert positions == therapy_diagram(kg, block(kg, "pembrolizumab")).positions()
    for node in diagram.nodes:
        assert positions[node.id][0] == node.layer
    column = [n for n in diagram.nodes if n.layer == 2]
    top = max(positions[n.id][1] for n in column if n.lane == 0)
    below = min(positions[n.id][1] for n in column if n.lane == 1)
    assert top < below  # the escape lane is under the lane of what the therapy acts on
    rows = [positions[n.id][1] for n in column]
    assert len(set(rows)) == len(rows)  # no two boxes on one spot


def test_layered_positions_order_by_neighbours() -> None:
    pos = layered_positions(
        {"a": 0, "b": 0, "x": 1, "y": 1},
        {"a": 0, "b": 0, "x": 0, "y": 0},
        [("a", "y"), ("b", "x")],
    )
    assert (pos["a"][1] < pos["b"][1]) == (pos["y"][1] < pos["x"][1])  # the two edges do not cross


def test_path_diagram(kg: KnowledgeGraph) -> None:
    result = find_paths(kg, "regulatory T cell", "tumor growth")
    diagram = path_diagram(kg, result, top=5)
    layers = {n.id: n.layer for n in diagram.nodes}
    assert layers[result.source] == 0
    assert layers[TUMOR_GROWTH] == max(layers.values())
    assert all(layers[e.source] < layers[e.target] for e in diagram.edges)
    assert "the 5 strongest shown" in diagram.subtitle
    assert diagram.title.startswith(f"regulatory T cell → tumor growth: {len(result.paths)} signed path(s)")


@pytest.mark.parametrize("suffix", ["svg", "png", "pdf"])
def test_each_format_opens(kg: KnowledgeGraph, tmp_path: Path, suffix: str) -> None:
    answer = block(kg, "pembrolizumab")
    path = plot_answer(kg, answer, tmp_path / f"pembrolizumab.{suffix}")
    if suffix == "svg":
        text = _svg_text(path)
        for expected in ("pembrolizumab", "PD-1 (PDCD1)", "tumor growth", "escape route left open", "bar: decreases"):
            assert expected in text
    elif suffix == "png":
        image = module("PIL.Image", 'pip install -e ".[test]"')
        with image.open(path) as png:
            assert png.format == "PNG"
            assert png.width > 1000
            assert png.height > 500
    else:
        pypdf = module("pypdf", 'pip install -e ".[test]"')
        reader = pypdf.PdfReader(str(path))
        assert len(reader.pages) == 1
        assert "pembrolizumab" in reader.pages[0].extract_text()


def test_pictures_to_look_at(kg: KnowledgeGraph) -> None:
    """The PNGs a person checks: tests/artifacts/plot_therapy.png and plot_path.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    plot_answer(kg, block(kg, "pembrolizumab"), ARTIFACTS / "plot_therapy.png")
    plot_answer(kg, find_paths(kg, "regulatory T cell", "tumor growth"), ARTIFACTS / "plot_path.png")
    for name in ("plot_therapy.png", "plot_path.png"):
        assert (ARTIFACTS / name).stat().st_size > 50_000


def test_svg_is_deterministic(kg: KnowledgeGraph, tmp_path: Path) -> None:
    answer = block(kg, "pembrolizumab")
    first = plot_answer(kg, answer, tmp_path / "a.svg").read_bytes()
    assert first == plot_answer(kg, answer, tmp_path / "b.svg").read_bytes()


def test_hostile_names_stay_text(hostile_kg: KnowledgeGraph, tmp_path: Path) -> None:
    therapy = hostile_kg.therapies[0].model_copy(update={"label": "pembro $\\alpha$ & <u>mab</u>"})
    kg = KnowledgeGraph(
        cell_types=hostile_kg.cell_types,
        molecules=hostile_kg.molecules,
        processes=hostile_kg.processes,
        therapies=(therapy,),
        cancers=hostile_kg.cancers,
        functions=hostile_kg.functions,
        references=hostile_kg.references,
        interactions=hostile_kg.interactions,
        therapy_actions=hostile_kg.therapy_actions,
    )
    answer = block(kg, therapy.id)
    text = _svg_text(draw(therapy_diagram(kg, answer), tmp_path / "hostile.svg"))
    assert "pembro $\\alpha$ & <u>mab</u>" in text  # never mathtext, never markup
    assert "PD-1 'single' & back\\slash" in text


def test_format_from_suffix() -> None:
    with pytest.raises(InputError, match="svg, png, pdf"):
        plot_format(Path("x.gif"))


def test_cli_plot(tmp_path: Path) -> None:
    runner = CliRunner()
    svg = tmp_path / "answer.svg"
    result = runner.invoke(app, ["therapy", "pembrolizumab", "--plot", str(svg)])
    assert result.exit_code == 0, result.stderr
    assert "pembrolizumab" in _svg_text(svg)
    png = tmp_path / "paths.png"
    result = runner.invoke(app, ["path", "PD-L1", "tumor growth", "--plot", str(png)])
    assert result.exit_code == 0, result.stderr
    assert png.read_bytes().startswith(b"\x89PNG")
    result = runner.invoke(app, ["therapy", "pembrolizumab", "--plot", str(tmp_path / "x.gif")])
    assert result.exit_code == 2
    assert "svg, png, pdf" in result.stderr
    result = runner.invoke(app, ["therapy", "pembrolizumab", "--plot", str(tmp_path / "nodir" / "x.svg")])
    assert result.exit_code == 2
