"""The HTML view in headless Chromium (Debian ``chromium`` driven by playwright-core): it renders offline,
search finds an entity, clicking shows cards with citations, no console error, no network request."""

from __future__ import annotations

import re
from pathlib import Path

from tests.export.tools import ARTIFACTS, open_view
from tmekg.export.files import ExportFormat, export
from tmekg.export.html import script_json
from tmekg.kg import KnowledgeGraph


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
    report = open_view(path, ARTIFACTS / "html_view.png", "PD-L1")
    assert report["consoleErrors"] == []
    assert report["pageErrors"] == []
    assert report["dialogs"] == []
    assert report["requests"] == [path.as_uri()]  # the file itself and nothing else
    assert report["nodes"] == len(list(kg.entities()))
    assert report["edges"] == len(kg.interactions) + len(kg.therapy_actions)
    assert report["searchedId"] == "HGNC:17635"
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
    assert "tumor" in str(report["edgeCard"])
    assert report["edgesAfterFilter"] == 0
    assert (ARTIFACTS / "html_view.png").stat().st_size > 10_000
    assert (ARTIFACTS / "html_view-focus.png").stat().st_size > 10_000


def test_script_json_cannot_close_the_script() -> None:
    text = script_json({"label": "</script><script>alert(1)</script>", "amp": "a & b"})
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
