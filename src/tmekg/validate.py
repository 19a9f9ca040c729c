"""Rules that span records: unique ids, no dangling references, kinds that fit, outcomes that agree.

:func:`check` returns problems (errors and warnings); it never raises on bad data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from tmekg.errors import Problem
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Molecule, Process
from tmekg.vocab import TUMOR_GROWTH, Action, MoleculeType, TumorOutcome

__all__ = ["Where", "check", "derived_outcome"]

#: Maps (table, record key) to (file, row) for messages.
Where = Callable[[str, str], tuple[str, int]]

_MOLECULE_ACTIONS = {Action.BLOCKS, Action.INHIBITS, Action.AGONIZES, Action.ENGINEERS, Action.SUPPLIES}


def _nowhere(table: str, key: str) -> tuple[str, int]:
    return f"{table}.csv", 0


def derived_outcome(interaction: Interaction, process: Process) -> TumorOutcome:
    """The outcome the signs imply: effect x polarity, + is pro-tumor.

    >>> from tmekg.model import Process
    >>> p = Process(id="tmekg:angiogenesis", label="angiogenesis", polarity=1, description="x")
    >>> i = Interaction(id="tmekg:i", ligand="HGNC:12680", process=p.id, effect=1, mechanism="binding",
    ...     tumor_outcome="pro_tumor", hijacked_function="wound repair",
    ...     hijacked_category="wound_healing_and_tissue_repair", species=("human",),
    ...     evidence=("PMID:1",), evidence_level="review", confidence="high", summary="x")
    >>> derived_outcome(i, p).value
    'pro_tumor'
    """
    return TumorOutcome.PRO_TUMOR if interaction.effect * process.polarity > 0 else TumorOutcome.ANTI_TUMOR


def check(kg: KnowledgeGraph, where: Where = _nowhere) -> list[Problem]:
    """Every cross-record problem in ``kg``, errors and warnings, sorted by place."""
    problems: list[Problem] = []

    def report(table: str, key: str, column: str, message: str, hint: str = "", severity: str = "error") -> None:
        file, row = where(table, key)
        problems.append(Problem(file, row, column, message, hint, severity))

    _unique(kg, report)
    _interactions(kg, report)
    _therapy_actions(kg, report)
    _entities(kg, report)
    _references(kg, report)
    return sorted(problems)


Report = Callable[..., None]


def _unique(kg: KnowledgeGraph, report: Report) -> None:
    tables: list[tuple[str, Iterable[str]]] = [
        ("cell_types", (e.id for e in kg.cell_types)),
        ("molecules", (e.id for e in kg.molecules)),
        ("processes", (e.id for e in kg.processes)),
        ("therapies", (e.id for e in kg.therapies)),
        ("cancers", (e.id for e in kg.cancers)),
        ("references", (r.id for r in kg.references)),
        ("interactions", (i.id for i in kg.interactions)),
    ]
    owner: dict[str, str] = {}
    for table, ids in tables:
        for key in ids:
            if key in owner:
                other = owner[key]
                where = "in the same table" if other == table else f"in {other}.csv"
                report(table, key, "id", f"duplicate id {key} (already {where})", "give each record its own id")
            else:
                owner[key] = table
    counts = Counter(a.key for a in kg.therapy_actions)
    for (therapy, target), n in counts.items():
        if n > 1:
            report(
                "therapy_actions",
                f"{therapy}|{target}",
                "target",
                f"{therapy} acts on {target} {n} times",
                "keep one row per therapy and target",
            )


def _interactions(kg: KnowledgeGraph, report: Report) -> None:
    cells = {c.id for c in kg.cell_types}
    molecules = {m.id: m for m in kg.molecules}
    processes = {p.id: p for p in kg.processes}
    cancers = {c.id for c in kg.cancers}
    references = {r.id for r in kg.references}
    for inter in kg.interactions:
        key = inter.id

        def dangling(column: str, value: str, table: str, key: str = key) -> None:
            report(
                "interactions", key, column, f"{value} is not in {table}.csv", f"add it to {table}.csv or fix the id"
            )

        for column in ("source", "target"):
            value = getattr(inter, column)
            if value and value not in cells:
                dangling(column, value, "cell_types")
        for column in ("ligand", "receptor"):
            value = getattr(inter, column)
            if value and value not in molecules:
                dangling(column, value, "molecules")
        for value in inter.mediators:
            if value not in molecules:
                dangling("mediators", value, "molecules")
        receptor = molecules.get(inter.receptor or "")
        if receptor is not None and receptor.molecule_type is MoleculeType.METABOLITE:
            report(
                "interactions",
                key,
                "receptor",
                f"{receptor.label} is a metabolite, not a receptor",
                "put the metabolite in ligand or mediators and its receptor protein in receptor",
            )
        for value in inter.contexts:
            if value not in cancers:
                dangling("contexts", value, "cancers")
        for value in inter.evidence:
            if value not in references:
                dangling("evidence", value, "references")
        process = processes.get(inter.process)
        if process is None:
            dangling("process", inter.process, "processes")
            continue
        if inter.tumor_outcome is not TumorOutcome.CONTEXT_DEPENDENT:
            derived = derived_outcome(inter, process)
            if derived is not inter.tumor_outcome:
                report(
                    "interactions",
                    key,
                    "tumor_outcome",
                    f"curated {inter.tumor_outcome.value} disagrees with effect {inter.effect:+d} on "
                    f"'{process.label}' (polarity {process.polarity:+d}), which gives {derived.value}",
                    "fix the effect, the process or the outcome, or mark it context_dependent with an outcome_note",
                )


def _therapy_actions(kg: KnowledgeGraph, report: Report) -> None:
    therapies = {t.id for t in kg.therapies}
    cells = {c.id for c in kg.cell_types}
    molecules: dict[str, Molecule] = {m.id: m for m in kg.molecules}
    references = {r.id for r in kg.references}
    for action in kg.therapy_actions:
        key = f"{action.therapy}|{action.target}"
        if action.therapy not in therapies:
            report(
                "therapy_actions",
                key,
                "therapy",
                f"{action.therapy} is not in therapies.csv",
                "add the therapy or fix the id",
            )
        if action.target not in cells and action.target not in molecules:
            report(
                "therapy_actions",
                key,
                "target",
                f"{action.target} is neither a molecule nor a cell type",
                "add it to molecules.csv or cell_types.csv",
            )
        elif action.action in _MOLECULE_ACTIONS and action.target not in molecules:
            report(
                "therapy_actions",
                key,
                "action",
                f"'{action.action.value}' acts on a molecule, but {action.target} is a cell type",
                "use 'depletes' for a cell population",
            )
        elif action.action is Action.DEPLETES and action.target not in cells:
            report(
                "therapy_actions",
                key,
                "action",
                f"'depletes' removes a cell population, but {action.target} is a molecule",
                "target the cell type that expresses it",
            )
        for value in action.evidence:
            if value not in references:
                report(
                    "therapy_actions",
                    key,
                    "evidence",
                    f"{value} is not in references.csv",
                    "add the reference or fix the id",
                )


def _entities(kg: KnowledgeGraph, report: Report) -> None:
    molecules = {m.id: m for m in kg.molecules}
    for molecule in kg.molecules:
        for sub in molecule.subunits:
            found = molecules.get(sub)
            if found is None:
                report(
                    "molecules",
                    molecule.id,
                    "subunits",
                    f"subunit {sub} is not in molecules.csv",
                    "add the protein row",
                )
            elif found.molecule_type is not MoleculeType.PROTEIN:
                report(
                    "molecules",
                    molecule.id,
                    "subunits",
                    f"subunit {sub} is a {found.molecule_type.value}",
                    "complexes are made of proteins",
                )
    symbols = Counter(m.symbol for m in kg.molecules if m.symbol)
    for molecule in kg.molecules:
        if molecule.symbol and symbols[molecule.symbol] > 1:
            report(
                "molecules",
                molecule.id,
                "symbol",
                f"symbol {molecule.symbol} is used by several rows",
                "one row per gene",
            )
    if kg.processes and not any(p.id == TUMOR_GROWTH for p in kg.processes):
        report(
            "processes",
            TUMOR_GROWTH,
            "id",
            f"no {TUMOR_GROWTH} process, the sink of signed paths",
            f"add {TUMOR_GROWTH} with polarity +1",
            "warning",
        )


def _references(kg: KnowledgeGraph, report: Report) -> None:
    used = {r for i in kg.interactions for r in i.evidence} | {r for a in kg.therapy_actions for r in a.evidence}
    for ref in kg.references:
        if not ref.confirmed:
            report(
                "references",
                ref.id,
                "checked_against",
                f"{ref.id} is unconfirmed",
                "confirm the identifier and say where in checked_against",
                "warning",
            )
        if ref.id not in used:
            report("references", ref.id, "id", f"{ref.id} is cited by nothing", "remove it or cite it", "warning")
