"""The imported ligand–receptor tier: a separate, labelled layer of ``binds`` pairs from external resources.

An imported pair says only that a resource lists a ligand binding a receptor. It carries the resource's
provenance (name, version, licence, its own evidence ids) and, where the resource states one, the resource's own
claim (CellChatDB's modulators, CellPhoneDB's modulatory effect) as text: never a tmekg sign, tumor outcome or
hijacked function. Nothing imported is written to ``data/seed/``; the tier is built on the user's machine from
what they installed and stored in a directory they name (default ``$TMEKG_TIER_DIR`` or ``~/.cache/tmekg/tier``).

An importer (one module per resource) subclasses :class:`Importer` and yields :class:`RawPair` rows; the base
class resolves symbols and handles the resources' known traps:

- ``ADO`` in front of an adenosine receptor is adenosine (``CHEBI:16335``), flagged ``ado_as_adenosine``;
- ``CSF1_IL34`` (alternative ligands written as one complex) becomes two pairs, each flagged
  ``split_alternatives:CSF1_IL34``;
- an outdated symbol (``C10orf54``, ``TMEM173``) is brought to its approved symbol, flagged
  ``outdated_symbol:C10orf54>VSIR``; an unknown one is kept as written, flagged ``unknown_symbol:X``;
- a pair that the curated layer has only the other way round (``TIGIT -> PVR``) keeps the resource's orientation
  as its claim and is flagged ``reversed_vs_curated``.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from tmekg.kg import KnowledgeGraph
from tmekg.symbols import ADENOSINE, ADENOSINE_RECEPTORS, ALTERNATIVE_LIGANDS, SymbolTable

__all__ = ["ImportedPair", "Importer", "RawPair", "Tier", "default_tier_dir"]

#: The layer names every output uses.
CURATED_LAYER = "curated"


def default_tier_dir() -> Path:
    """Where ``tmekg import`` writes and every command reads the imported tier by default."""
    given = os.environ.get("TMEKG_TIER_DIR")
    return Path(given).expanduser() if given else Path("~/.cache/tmekg/tier").expanduser()


@dataclass(frozen=True)
class RawPair:
    """One row of a resource as it writes it: ligand and receptor members (gene symbols), its evidence ids, its
    own claim, its own id for the row."""

    ligand: str
    receptor: str
    ligand_members: tuple[str, ...]
    receptor_members: tuple[str, ...]
    evidence: tuple[str, ...] = ()
    claim: str = ""
    source_id: str = ""


@dataclass(frozen=True)
class ImportedPair:
    """A ``binds`` pair of the imported tier, with the resource's provenance and the flags of what was read
    specially."""

    resource: str
    ligand: str
    receptor: str
    ligand_ids: tuple[str, ...]
    receptor_ids: tuple[str, ...]
    ligand_symbols: tuple[str, ...]
    receptor_symbols: tuple[str, ...]
    evidence: tuple[str, ...] = ()
    claim: str = ""
    flags: tuple[str, ...] = ()
    source_id: str = ""

    @property
    def id(self) -> str:
        """A stable id: ``imported:<resource>:<ligand symbols>><receptor symbols>``."""
        return f"imported:{self.resource}:{'+'.join(self.ligand_symbols)}>{'+'.join(self.receptor_symbols)}"


@dataclass(frozen=True)
class Tier:
    """One resource's imported pairs and where they came from."""

    resource: str
    version: str
    licence: str
    source: str
    pairs: tuple[ImportedPair, ...]
    complexes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def layer(self) -> str:
        """The layer name outputs use: ``imported:<resource>``."""
        return f"imported:{self.resource}"


class Importer(ABC):
    """Base of every importer: locate the resource, read its rows, build a :class:`Tier`."""

    #: Short name, the ``tmekg import NAME`` argument and the tier's resource name.
    name: ClassVar[str]

    @abstractmethod
    def locate(self, path: Path | None) -> Path:
        """The resource file (or directory) to read: ``path``, else where the installed package ships it;
        :class:`~tmekg.errors.InputError` with an install hint when there is none."""

    @abstractmethod
    def version(self, path: Path) -> str:
        """The resource's version (package and data)."""

    @abstractmethod
    def licence(self, path: Path) -> str:
        """The licence the resource is distributed under, as its distribution states it."""

    @abstractmethod
    def rows(self, path: Path) -> Iterator[RawPair]:
        """The resource's ligand–receptor rows."""

    def complexes(self, path: Path) -> dict[str, tuple[str, ...]]:
        """Complex name -> member symbols, when the resource has a complex table."""
        return {}

    def build(
        self, path: Path | None = None, *, kg: KnowledgeGraph | None = None, symbols: SymbolTable | None = None
    ) -> Tier:
        """Read the resource into a tier (symbols resolved, traps handled, orientation checked against ``kg``)."""
        located = self.locate(path)
        table = symbols or SymbolTable.shipped(kg)
        curated = _curated_pairs(kg) if kg is not None else set()
        pairs: dict[str, ImportedPair] = {}
        for raw in self.rows(located):
            for pair in normalise(self.name, raw, table, curated):
                known = pairs.get(pair.id)
                if known is None:
                    pairs[pair.id] = pair
                else:  # the same pair listed twice: keep one, with every evidence id and flag
                    pairs[pair.id] = _merge(known, pair)
        return Tier(
            resource=self.name,
            version=self.version(located),
            licence=self.licence(located),
            source=str(located),
            pairs=tuple(sorted(pairs.values(), key=lambda p: p.id)),
            complexes=self.complexes(located),
        )


def _merge(a: ImportedPair, b: ImportedPair) -> ImportedPair:
    from dataclasses import replace

    def union(x: tuple[str, ...], y: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*x, *y)))

    claim = a.claim if not b.claim or b.claim == a.claim else f"{a.claim}; {b.claim}" if a.claim else b.claim
    source_id = a.source_id if b.source_id in ("", a.source_id) else f"{a.source_id}|{b.source_id}"
    return replace(
        a, evidence=union(a.evidence, b.evidence), flags=union(a.flags, b.flags), claim=claim, source_id=source_id
    )


def _curated_pairs(kg: KnowledgeGraph) -> set[tuple[str, str]]:
    """Curated (ligand key, receptor key) pairs by gene (subunits of complexes) or ChEBI id."""
    from tmekg.model import Molecule
    from tmekg.vocab import MoleculeType

    def keys(molecule_id: str | None) -> set[str]:
        if not molecule_id or not kg.has(molecule_id):
            return set()
        m = kg.get(molecule_id)
        if not isinstance(m, Molecule):
            return set()
        return set(m.subunits) if m.molecule_type is MoleculeType.COMPLEX else {m.id}

    return {(lk, rk) for i in kg.interactions for lk in keys(i.ligand) for rk in keys(i.receptor)}


def normalise(
    resource: str,
    raw: RawPair,
    table: SymbolTable,
    curated: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> Iterable[ImportedPair]:
    """The imported pair(s) of one raw row (two for alternative ligands written as a complex)."""
    flags: list[str] = []
    receptors = [_member(m, table, flags) for m in raw.receptor_members]
    receptor_symbols = {s for s, _ in receptors}
    ligand_groups: list[list[str]] = [list(raw.ligand_members)]
    if frozenset(m.upper() for m in raw.ligand_members) in ALTERNATIVE_LIGANDS:
        ligand_groups = [[m] for m in raw.ligand_members]
        flags.append(f"split_alternatives:{raw.ligand}")
    for group in ligand_groups:
        own = list(flags)
        ligands = []
        for member in group:
            if member.upper() == "ADO" and receptor_symbols & ADENOSINE_RECEPTORS:
                ligands.append(("adenosine", ADENOSINE))
                own.append("ado_as_adenosine")
            else:
                ligands.append(_member(member, table, own))
        lig_ids = tuple(i for _, i in ligands if i)
        rec_ids = tuple(i for _, i in receptors if i)
        if curated and lig_ids and rec_ids:
            forward = any((lk, rk) in curated for lk in lig_ids for rk in rec_ids)
            backward = any((rk, lk) in curated for lk in lig_ids for rk in rec_ids)
            if backward and not forward:
                own.append("reversed_vs_curated")
        yield ImportedPair(
            resource=resource,
            ligand=raw.ligand if len(ligand_groups) == 1 else group[0],
            receptor=raw.receptor,
            ligand_ids=lig_ids,
            receptor_ids=rec_ids,
            ligand_symbols=tuple(s for s, _ in ligands),
            receptor_symbols=tuple(s for s, _ in receptors),
            evidence=raw.evidence,
            claim=raw.claim,
            flags=tuple(dict.fromkeys(own)),
            source_id=raw.source_id,
        )


def _member(member: str, table: SymbolTable, flags: list[str]) -> tuple[str, str]:
    found = table.resolve(member)
    if found.hgnc_id is None or found.symbol is None:
        flags.append(f"unknown_symbol:{member}")
        return member, ""
    if found.how in ("previous", "alias"):
        flags.append(f"outdated_symbol:{member}>{found.symbol}")
    return found.symbol, found.hgnc_id
