"""The curated side of annotation, built once per graph: (ligand key, receptor key) -> curated statements, and
what each statement says (outcome, hijacked function, evidence, the therapies that sever it).

A key is an HGNC id (a protein, or each subunit of a complex) or a ChEBI id (a metabolite). Soluble, shed and
exosomal forms are left out: an expression study measures the gene, and a form's statement (soluble MICA is
pro-tumor, membrane MICA anti-tumor) cannot be told apart from the protein's by expression.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tmekg.answers import function_label
from tmekg.kg import KnowledgeGraph
from tmekg.model import Molecule, Therapy
from tmekg.reasoning.blocking import effects
from tmekg.vocab import EvidenceLevel, MoleculeType, Verdict

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EVIDENCE_ORDER", "CuratedIndex", "Cut", "Statement"]

#: Strongest first.
EVIDENCE_ORDER = (
    EvidenceLevel.CLINICAL,
    EvidenceLevel.HUMAN_CORRELATIVE,
    EvidenceLevel.MOUSE_IN_VIVO,
    EvidenceLevel.IN_VITRO,
    EvidenceLevel.REVIEW,
)


@dataclass(frozen=True)
class Cut:
    """A therapy that severs a statement: through which action on which target, and whether that helps."""

    therapy: str
    label: str
    status: str
    action: str
    target: str
    verdict: Verdict


@dataclass(frozen=True)
class Statement:
    """What annotation reports of one curated interaction."""

    id: str
    source: str | None
    target: str | None
    outcome: str
    hijacked: str
    evidence_level: EvidenceLevel
    citations: tuple[str, ...]
    cuts: tuple[Cut, ...]


def molecule_keys(kg: KnowledgeGraph, molecule_id: str | None) -> frozenset[str]:
    """The gene (or ChEBI) keys a study's symbols can meet a curated molecule by."""
    if not molecule_id or not kg.has(molecule_id):
        return frozenset()
    molecule = kg.get(molecule_id)
    if not isinstance(molecule, Molecule):
        return frozenset()
    if molecule.molecule_type is MoleculeType.COMPLEX:
        return frozenset(molecule.subunits)
    if molecule.molecule_type is MoleculeType.FORM:
        return frozenset()
    return frozenset({molecule.id})


class CuratedIndex:
    """Curated ligand -> receptor statements keyed by gene pairs, built once (a few ms at curated scale)."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        import pandas as pd

        self.kg = kg
        cuts: dict[str, list[Cut]] = {}
        # only ligand -> receptor statements can match a study row: ask the therapies about those alone
        paired = replace(kg, interactions=tuple(i for i in kg.interactions if i.ligand and i.receptor))
        for therapy in kg.therapies:
            assert isinstance(therapy, Therapy)
            severed, _ = effects(paired, therapy.id)
            for effect in severed:
                cuts.setdefault(effect.interaction.id, []).append(
                    Cut(
                        therapy.id,
                        therapy.label,
                        therapy.status.value,
                        effect.action.action.value,
                        effect.action.target,
                        effect.verdict(paired),
                    )
                )
        rows: list[tuple[str, str, str]] = []
        statements: dict[str, Statement] = {}
        for inter in kg.interactions:
            ligands, receptors = molecule_keys(kg, inter.ligand), molecule_keys(kg, inter.receptor)
            if not ligands or not receptors:
                continue
            rows.extend((lk, rk, inter.id) for lk in sorted(ligands) for rk in sorted(receptors))
            statements[inter.id] = Statement(
                id=inter.id,
                source=inter.source,
                target=inter.target,
                outcome=inter.tumor_outcome.value,
                hijacked=function_label(kg, inter) or "",
                evidence_level=inter.evidence_level,
                citations=inter.evidence,
                cuts=tuple(sorted(cuts.get(inter.id, []), key=lambda c: (c.label.casefold(), c.therapy))),
            )
        self.pairs: pd.DataFrame = pd.DataFrame(rows, columns=["lkey", "rkey", "interaction"]).drop_duplicates()
        self.statements = statements

    def broader(self, cell: str) -> frozenset[str]:
        return self.kg.broader_cells(cell)

    def narrower(self, cell: str) -> frozenset[str]:
        return self.kg.narrower_cells(cell)
