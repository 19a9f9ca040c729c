"""The Python answer to each named catalogue query, row for row what the SPARQL and Cypher twins return.

Tests compare the three; the CLI uses these to say what a query means.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from tmekg.actions import spec
from tmekg.answers import function_label
from tmekg.kg import KnowledgeGraph
from tmekg.reasoning.blocking import affected
from tmekg.vocab import TumorOutcome

__all__ = ["ANSWERS", "Row", "answer"]

Row = dict[str, object]


def _outcome_rows(kg: KnowledgeGraph, outcome: TumorOutcome, hijacked: bool) -> list[Row]:
    rows = []
    for i in sorted(kg.interactions, key=lambda i: i.id):
        if i.tumor_outcome is outcome:
            row: Row = {"interaction": i.id, "source": i.source, "ligand": i.ligand, "receptor": i.receptor}
            row.update(target=i.target, process=i.process)
            if hijacked:
                row["hijacked_function"] = function_label(kg, i)
            rows.append(row)
    return rows


def pro_tumor_interactions(kg: KnowledgeGraph, params: dict[str, str]) -> list[Row]:
    return _outcome_rows(kg, TumorOutcome.PRO_TUMOR, hijacked=True)


def anti_tumor_interactions(kg: KnowledgeGraph, params: dict[str, str]) -> list[Row]:
    return _outcome_rows(kg, TumorOutcome.ANTI_TUMOR, hijacked=False)


def therapy_blocks(kg: KnowledgeGraph, params: dict[str, str]) -> list[Row]:
    therapy = params["therapy"]
    rows = set()
    for action in kg.therapy_actions:
        if action.therapy == therapy and spec(action.action).severing:
            for inter, _role in affected(kg, action):
                rows.add((therapy, inter.id, action.action.value, action.target, inter.tumor_outcome.value))
    keys = ("therapy", "interaction", "action", "target", "tumor_outcome")
    return [dict(zip(keys, r, strict=True)) for r in sorted(rows, key=lambda r: (r[1], r[2], r[3]))]


def interactions_of_cell(kg: KnowledgeGraph, params: dict[str, str]) -> list[Row]:
    cell = params["cell"]
    cells = {cell, *kg.narrower_cells(cell)}
    rows: list[Row] = []
    for i in sorted(kg.interactions, key=lambda i: i.id):
        for role in ("source", "target"):
            if getattr(i, role) in cells:
                row: Row = {"cell": cell, "interaction": i.id, "role": role, "process": i.process}
                row["tumor_outcome"] = i.tumor_outcome.value
                rows.append(row)
    return rows


def hijacked_functions(kg: KnowledgeGraph, params: dict[str, str]) -> list[Row]:
    counts = Counter(
        (function.category.value, function.label)
        for i in kg.interactions
        if i.tumor_outcome is TumorOutcome.PRO_TUMOR and (function := kg.function(i.hijacked_function))
    )
    ordered = sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))
    return [{"hijacked_category": c, "hijacked_function": f, "interactions": n} for (c, f), n in ordered]


def trials_of_therapy(kg: KnowledgeGraph, params: dict[str, str]) -> list[Row]:
    therapy = params["therapy"]
    rows: list[Row] = []
    for trial in sorted(kg.trials, key=lambda t: t.id):
        if therapy in trial.experimental:
            for cancer in sorted(trial.cancers):
                row: Row = {"therapy": therapy, "trial": trial.id, "name": trial.name, "phase": trial.phase.value}
                row.update(randomized=trial.randomized, cancer=cancer, result=trial.result.value)
                rows.append(row)
    return rows


ANSWERS: dict[str, Callable[[KnowledgeGraph, dict[str, str]], list[Row]]] = {
    "pro_tumor_interactions": pro_tumor_interactions,
    "anti_tumor_interactions": anti_tumor_interactions,
    "therapy_blocks": therapy_blocks,
    "interactions_of_cell": interactions_of_cell,
    "hijacked_functions": hijacked_functions,
    "trials_of_therapy": trials_of_therapy,
}


def answer(kg: KnowledgeGraph, name: str, params: dict[str, str] | None = None) -> list[Row]:
    """The Python answer to the catalogue query ``name`` (parameters as resolved ids)."""
    return ANSWERS[name](kg, params or {})
