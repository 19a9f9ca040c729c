"""The shipped symbol table: what it resolves, and that it is what tools/build_symbol_table.py writes."""

from __future__ import annotations

import pytest

from tmekg.kg import KnowledgeGraph
from tmekg.symbols import SYMBOL_TABLE, SymbolTable, _shipped_rows, symbol_rows


def test_resolves_approved_previous_alias_and_case() -> None:
    table = SymbolTable.shipped()
    assert table.resolve("CD274").how == "approved"
    assert table.resolve("C10orf54").symbol == "VSIR"
    assert table.resolve("TMEM173").symbol == "STING1"
    assert table.resolve("PD-L1").hgnc_id == "HGNC:17635"
    assert table.resolve("Pdcd1").how == "case"
    assert table.resolve("ADO").how == "unknown"  # a gene outside the seed: unknown, never guessed


def test_shipped_table_matches_the_hgnc_table(kg: KnowledgeGraph) -> None:
    from tmekg.refdata import MissingReferenceDataError, default_reference_data

    try:
        entries = default_reference_data().hgnc_entries()
    except MissingReferenceDataError as exc:
        pytest.skip(str(exc))
    expected = symbol_rows(kg, entries)
    assert list(_shipped_rows()) == expected, (
        f"{SYMBOL_TABLE.name} is out of date: run `python tools/build_symbol_table.py`"
    )
