"""CellPhoneDB's ``interaction_input.csv`` (v5), given by path; ``complex_input.csv`` beside it splits complexes.

Partners are ``partner_a`` -> ``partner_b`` (UniProt accessions or complex names); ``protein_input.csv`` beside it
maps accessions to gene symbols (else the ``interactors`` column, ``CD274-PDCD1``, gives them). The ``source``
column gives the evidence ids; ``directionality`` and ``modulatory_effect`` (when present) are kept as the
resource's claim.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from tmekg.errors import InputError
from tmekg.importers.base import Importer, RawPair

__all__ = ["CellPhoneDBImporter"]


def _table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class CellPhoneDBImporter(Importer):
    name: ClassVar[str] = "cellphonedb"

    def __init__(self, licence: str | None = None) -> None:
        self._licence = licence

    def locate(self, path: Path | None) -> Path:
        if path is None:
            raise InputError("give the path of CellPhoneDB's interaction_input.csv (tmekg import cellphonedb --path F)")
        if not Path(path).is_file():
            raise InputError(f"{path} does not exist")
        return Path(path)

    def version(self, path: Path) -> str:
        versions = sorted({r.get("version", "") for r in _table(path)} - {""})
        return f"CellPhoneDB {', '.join(versions) or 'version not stated'} ({path.name})"

    def licence(self, path: Path) -> str:
        return self._licence or "as the CellPhoneDB data repository states it (not in interaction_input.csv)"

    def complexes(self, path: Path) -> dict[str, tuple[str, ...]]:
        beside = path.with_name("complex_input.csv")
        if not beside.is_file():
            return {}
        genes = self._genes(path)
        out = {}
        for row in _table(beside):
            members = [row[k] for k in sorted(row) if k.startswith("uniprot_") and row[k]]
            out[row["complex_name"]] = tuple(genes.get(m, m) for m in members)
        return out

    def _genes(self, path: Path) -> dict[str, str]:
        beside = path.with_name("protein_input.csv")
        if not beside.is_file():
            return {}
        return {r["uniprot"]: r.get("gene_name") or r.get("protein_name", "") for r in _table(beside)}

    def rows(self, path: Path) -> Iterator[RawPair]:
        rows = _table(path)
        if rows and not {"partner_a", "partner_b"} <= set(rows[0]):
            raise InputError(f"{path} is not CellPhoneDB's interaction_input.csv (needs partner_a, partner_b)")
        complexes = self.complexes(path)
        genes = self._genes(path)
        for row in rows:
            a, b = row["partner_a"], row["partner_b"]
            named = [s for s in re.split(r"-", row.get("interactors", "")) if s] if row.get("interactors") else []
            a_members = complexes.get(a) or ((genes[a],) if a in genes else _side(named, 0, a))
            b_members = complexes.get(b) or ((genes[b],) if b in genes else _side(named, 1, b))
            claim = "; ".join(f"{k}: {row[k]}" for k in ("directionality", "modulatory_effect") if row.get(k))
            evidence = tuple(e.strip() for e in re.split(r"[;,]", row.get("source", "")) if e.strip())
            yield RawPair(
                ligand=a,
                receptor=b,
                ligand_members=a_members,
                receptor_members=b_members,
                evidence=evidence,
                claim=claim,
                source_id=row.get("id_cp_interaction", ""),
            )


def _side(named: list[str], index: int, fallback: str) -> tuple[str, ...]:
    """Members of one side from ``interactors`` (``TGFB1-TGFBR1+TGFBR2``), else the partner as written."""
    if len(named) == 2:
        return tuple(m for m in named[index].split("+") if m)
    return (fallback,)
