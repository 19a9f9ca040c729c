"""Formula-leading cells are escaped in every CSV/TSV export (KGX, neo4j-csv): a spreadsheet opening the file
shows text, never runs ``=HYPERLINK(...)``; numbers such as ``-1`` stay numbers. Read back with pandas and the
``csv`` module."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from tmekg.export.files import ExportFormat, export, written_paths
from tmekg.kg import KnowledgeGraph
from tmekg.text import spreadsheet_safe

LINK = '=HYPERLINK("http://example.invalid/x","click")'
SUM = "@SUM(A1:A9)"
CMD = "+cmd|' /C calc'!A0"
DASH = "-2+3 (not a number)"


@pytest.fixture(scope="module")
def formula_kg(mini_kg: KnowledgeGraph) -> KnowledgeGraph:
    cell = mini_kg.cell_types[0].model_copy(update={"description": LINK, "synonyms": (SUM, "plain")})
    inter = mini_kg.interactions[0].model_copy(update={"summary": CMD, "outcome_note": DASH})
    return KnowledgeGraph(
        cell_types=(cell, *mini_kg.cell_types[1:]),
        molecules=mini_kg.molecules,
        processes=mini_kg.processes,
        therapies=mini_kg.therapies,
        cancers=mini_kg.cancers,
        functions=mini_kg.functions,
        references=mini_kg.references,
        interactions=(inter, *mini_kg.interactions[1:]),
        therapy_actions=mini_kg.therapy_actions,
    )


@pytest.mark.parametrize(
    ("text", "safe"),
    [(LINK, "'" + LINK), (SUM, "'" + SUM), (CMD, "'" + CMD), (DASH, "'" + DASH), ("\tx", "'\tx")]
    + [(n, n) for n in ("-1", "+1", "-0.5", "1e-3", "-2E+4", "PD-L1", "", "'=already")],
)
def test_spreadsheet_safe(text: str, safe: str) -> None:
    assert spreadsheet_safe(text) == safe


def test_kgx_cells(formula_kg: KnowledgeGraph, tmp_path: Path) -> None:
    nodes_path, edges_path, _ = written_paths(ExportFormat.KGX, tmp_path / "k")
    export(formula_kg, ExportFormat.KGX, tmp_path / "k")
    read = {"sep": "\t", "dtype": str, "quoting": 3, "keep_default_na": False}
    nodes = pd.read_csv(nodes_path, **read).set_index("id")
    edges = pd.read_csv(edges_path, **read).set_index("id")
    cell = formula_kg.cell_types[0].id
    assert nodes.loc[cell, "description"] == "'" + LINK
    assert nodes.loc[cell, "synonym"] == f"'{SUM}|plain"
    inter = formula_kg.interactions[0].id
    assert edges.loc[inter, "tmekg_summary"] == "'" + CMD
    assert set(edges["tmekg_sign"]) <= {"-1", "1"}  # numbers are not escaped
    for frame in (nodes, edges):
        cells = [str(v) for v in frame.reset_index().to_numpy().ravel()]
        assert not [c for c in cells if c[:1] in ("=", "@") or (c[:1] in ("+", "-") and c not in ("-1", "+1", "1"))]


def test_neo4j_csv_cells(formula_kg: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export(formula_kg, ExportFormat.NEO4J_CSV, out)
    cells = []
    for path in out.glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        cells += [cell for row in rows[1:] for cell in row]
    assert "'" + LINK in cells
    assert "'" + CMD in cells
    assert "'" + DASH in cells
    assert any(cell.startswith("'" + SUM) for cell in cells)
    assert "-1" in cells  # effect:int stays a number
    assert not [c for c in cells if c[:1] in ("=", "@") or (c[:1] in ("+", "-") and c != "-1")]
