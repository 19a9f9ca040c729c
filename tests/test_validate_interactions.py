"""The cross-record checks of interactions test the common case (every id known, the outcome the signs give) at
once and look closer only at a row that fails it: every kind of problem must still be reported, with its column."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from tmekg.kg import KnowledgeGraph
from tmekg.validate import check

CASES: list[tuple[dict[str, Any], str, str]] = [
    ({"source": "CL:0000001"}, "source", "CL:0000001 is not in cell_types.csv"),
    ({"target": "CL:0000002"}, "target", "CL:0000002 is not in cell_types.csv"),
    ({"ligand": "HGNC:1"}, "ligand", "HGNC:1 is not in molecules.csv"),
    ({"receptor": "HGNC:2"}, "receptor", "HGNC:2 is not in molecules.csv"),
    ({"receptor": "CHEBI:16335"}, "receptor", "is a metabolite, not a receptor"),
    ({"mediators": ("HGNC:3",)}, "mediators", "HGNC:3 is not in molecules.csv"),
    ({"contexts": ("MONDO:0000001",)}, "contexts", "MONDO:0000001 is not in cancers.csv"),
    ({"evidence": ("PMID:1",)}, "evidence", "PMID:1 is not in references.csv"),
    ({"hijacked_function": "tmekg:fn_none"}, "hijacked_function", "tmekg:fn_none is not in functions.csv"),
    ({"process": "tmekg:no_process"}, "process", "tmekg:no_process is not in processes.csv"),
    ({"effect": 1}, "tumor_outcome", "curated pro_tumor disagrees with effect +1"),
]


@pytest.mark.parametrize(("change", "column", "words"), CASES, ids=[c[1] + ":" + c[2][:20] for c in CASES])
def test_each_problem_of_an_interaction_is_reported(
    mini_kg: KnowledgeGraph, change: dict[str, Any], column: str, words: str
) -> None:
    first, *rest = mini_kg.interactions
    broken = first.model_copy(update=change)
    kg = dataclasses.replace(mini_kg, interactions=(broken, *rest))
    found = [p for p in check(kg) if p.severity == "error"]
    assert any(p.column == column and words in p.message for p in found), found
    assert not [p for p in check(mini_kg) if p.severity == "error"]
