"""The HTML view in headless Chromium (Debian ``chromium`` driven by playwright-core): it renders offline,
search finds an entity, clicking shows cards with citations, no console error, no network request."""

from __future__ import annotations

import re
from pathlib import Path

from tests.export.tools import ARTIFACTS, open_view
from tmekg.export.files import ExportFormat, export
from tmekg.export.html import script_json, view_data
from tmekg.export.layered import therapy_layout
from tmekg.export.view import project
from tmekg.kg import KnowledgeGraph
from tmekg.reasoning import block


def test_html_is_self_contained(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "kg.html"
    export(mini_kg, ExportFormat.HTML, path)
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "default-src 'none'" in text
    assert text.count("<script") == 2


def test_html_view_in_chromium(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "kg.html"
    export(kg, ExportFormat.HTML, path)
    report = open_view(path, ARTIFACTS / "html_view.png", "pd l1")  # folded: case, spacing, hyphen
    assert report["consoleErrors"] == []
    assert report["pageErrors"] == []
    assert report["dialogs"] == []
    assert set(report["requests"]) == {path.as_uri()}  # the file itself (twice: the deep link) and nothing else
    # it opens on the overview: cells and processes, readable at 1400x900 without zooming
    assert report["startMode"] == "overview"
    labels = report["startLabels"]
    assert isinstance(labels, list)
    assert any(label.startswith("malignant cell") for label in labels)
    assert any(label.startswith("tumor growth") for label in labels)
    assert 40 < report["startNodes"] < 100
    assert report["startFonts"] >= 10.5  # label size on screen, in pixels
    assert report["overviewClickMode"] == "focus"
    # the whole graph: every entity, every edge of the projection
    view = project(kg, isolated=True)
    assert report["nodes"] == len(list(kg.entities()))
    assert report["edges"] == len(view.edges)
    # search zooms to the hit and opens its neighbourhood, with a deep link
    assert report["searchedId"] == "HGNC:17635"
    assert report["hash"] == "#entity=HGNC:17635"
    assert "scale(1.3)" in str(report["zoom"]) or "scale(1." in str(report["zoom"])
    assert report["cardKind"] == "entity"
    entity_card = str(report["nodeCard"])
    assert entity_card.startswith("PD-L1")
    assert "HGNC:17635" in entity_card
    assert "CD274" in entity_card
    assert report["edgeCardKind"] == "interaction"
    citations = report["citations"]
    assert isinstance(citations, list)
    assert citations
    assert all("PMID:" in c or "DOI:" in c for c in citations)
    assert "tumor" in str(report["edgeCard"]) or "T cell" in str(report["edgeCard"])
    for raw in ("pro_tumor", "in_vitro", "mouse_in_vivo", "human_correlative"):  # enums by their human labels
        assert raw not in str(report["edgeCard"])
    assert report["edgesAfterFilter"] == 0
    assert (report["linkMode"], report["linkCardId"]) == ("focus", "HGNC:17635")
    for shot in ("html_view.png", "html_view-start.png", "html_view-focus.png"):
        assert (ARTIFACTS / shot).stat().st_size > 10_000


def test_therapy_answer_view_in_chromium(kg: KnowledgeGraph, tmp_path: Path) -> None:
    """An answer's HTML view opens on its layered layout, with the interactions coloured by their role."""
    answer = block(kg, "pembrolizumab")
    path = tmp_path / "pembrolizumab.html"
    export(answer.subgraph(kg), ExportFormat.HTML, path, isolated=True, layout=therapy_layout(kg, answer))
    report = open_view(path, ARTIFACTS / "html_therapy.png", "PD-1")
    assert report["pageErrors"] == []
    assert report["consoleErrors"] == []
    assert report["startMode"] == "answer"
    assert report["searchedId"] == "HGNC:8760"
    assert (ARTIFACTS / "html_therapy-start.png").stat().st_size > 10_000
    view = project(answer.subgraph(kg), layout=therapy_layout(kg, answer))
    roles = {e.attrs.get("answer_role") for e in view.edges if e.kind == "interaction"}
    assert {"severed", "escape"} <= roles
    severed = next(e for e in view.edges if e.attrs.get("answer_role") == "severed")
    escape = next(e for e in view.edges if e.attrs.get("answer_role") == "escape")
    assert severed.color != escape.color
    x = {n.id: n.x for n in view.nodes}
    assert x["DRUGBANK:DB09037"] < x["HGNC:8760"] < x["tmekg:t_cell_cytotoxicity"] < x["tmekg:tumor_growth"]


def test_enums_have_human_labels(kg: KnowledgeGraph) -> None:
    data = view_data(project(kg, isolated=True))
    shown = [str(v) for e in data["edges"] for _, v, _ in e["details"]]
    shown += [str(v) for n in data["nodes"] for _, v, _ in n["details"]]
    for raw in ("peripheral_tolerance", "mouse_in_vivo", "monoclonal_antibody", "cic step"):
        assert not any(raw in v for v in shown), raw
    steps = [v for e in data["edges"] for k, v, _ in e["details"] if k == "Cancer-Immunity Cycle"]
    assert "Cancer-Immunity Cycle 7: killing of cancer cells" in steps


def test_script_json_cannot_close_the_script() -> None:
    text = script_json({"label": "</script><script>alert(1)</script>", "amp": "a & b"})
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
