"""The Python answer to each named catalogue query, row for row what the SPARQL and Cypher twins return.

Tests compare the three; the CLI uses these to say what a query means.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from tmekg.actions import spec
from tmekg.answers import function_label
from tmekg.errors import InputError
from tmekg.kg import KnowledgeGraph
from tmekg.reasoning.blocking import _escape_routes, affected, touched_processes
from tmekg.reasoning.paths import signed_paths as find_signed_paths
from tmekg.reasoning.signed import signed_graph
from tmekg.vocab import TumorOutcome

__all__ = ["ANSWERS", "MAX_PATH_HOPS", "Params", "Row", "answer"]

Row = dict[str, object]
#: Parameters as the shared resolver gives them: ids for entities, ``int`` for integers.
Params = Mapping[str, Any]
#: The longest path the ``signed_paths`` twins enumerate (their chains are written out hop by hop).
MAX_PATH_HOPS = 6


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


def pro_tumor_interactions(kg: KnowledgeGraph, params: Params) -> list[Row]:
    return _outcome_rows(kg, TumorOutcome.PRO_TUMOR, hijacked=True)


def anti_tumor_interactions(kg: KnowledgeGraph, params: Params) -> list[Row]:
    return _outcome_rows(kg, TumorOutcome.ANTI_TUMOR, hijacked=False)


def therapy_blocks(kg: KnowledgeGraph, params: Params) -> list[Row]:
    therapy = params["therapy"]
    rows = set()
    for action in kg.therapy_actions:
        if action.therapy == therapy and spec(action.action).severing:
            for inter, _role in affected(kg, action):
                rows.add((therapy, inter.id, action.action.value, action.target, inter.tumor_outcome.value))
    keys = ("therapy", "interaction", "action", "target", "tumor_outcome")
    return [dict(zip(keys, r, strict=True)) for r in sorted(rows, key=lambda r: (r[1], r[2], r[3]))]


def interactions_of_cell(kg: KnowledgeGraph, params: Params) -> list[Row]:
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


def hijacked_functions(kg: KnowledgeGraph, params: Params) -> list[Row]:
    counts = Counter(
        (function.category.value, function.label)
        for i in kg.interactions
        if i.tumor_outcome is TumorOutcome.PRO_TUMOR and (function := kg.function(i.hijacked_function))
    )
    ordered = sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))
    return [{"hijacked_category": c, "hijacked_function": f, "interactions": n} for (c, f), n in ordered]


def trials_of_therapy(kg: KnowledgeGraph, params: Params) -> list[Row]:
    therapy = params["therapy"]
    rows: list[Row] = []
    for trial in sorted(kg.trials, key=lambda t: t.id):
        if therapy in trial.experimental:
            for cancer in sorted(trial.cancers):
                row: Row = {"therapy": therapy, "trial": trial.id, "name": trial.name, "phase": trial.phase.value}
                row.update(randomized=trial.randomized, cancer=cancer, result=trial.result.value)
                rows.append(row)
    return rows


def signed_paths(kg: KnowledgeGraph, params: Params) -> list[Row]:
    """Every signed simple path of at most ``max_hops`` edges, as ``tmekg path`` finds them (no count or time
    bound): node ids and edge keys joined, the number of hops and the net sign."""
    source, target, max_hops = params["source"], params["target"], int(params["max_hops"])
    if not 1 <= max_hops <= MAX_PATH_HOPS:
        raise InputError(f"max_hops is 1 to {MAX_PATH_HOPS} for the signed_paths query (tmekg path goes further)")
    found = find_signed_paths(
        signed_graph(kg), source, target, max_hops=max_hops, max_paths=10**7, time_limit=float("inf")
    )
    rows: list[Row] = [
        {
            "source": source,
            "target": target,
            "max_hops": max_hops,
            "hops": len(p.hops),
            "sign": p.sign,
            "path": " > ".join(p.nodes),
            "predicates": " ".join(h.predicate for h in p.hops),
        }
        for p in found.paths
    ]
    return sorted(rows, key=lambda r: (r["hops"], r["path"], r["predicates"]))


def _axis(kg: KnowledgeGraph, molecule: str) -> set[str]:
    """A molecule's axis: the molecule, the complexes holding it and its subunits, and every ligand, receptor and
    mediator of the interactions that use any of those (adenosine: A2A and A2B receptors, CD39, CD73 ...)."""
    core = {molecule, *kg.complexes_of(molecule)}
    if kg.has(molecule):
        core |= set(getattr(kg.get(molecule), "subunits", ()))
    axis = set(core)
    for inter in kg.interactions:
        used = {m for m in (inter.ligand, inter.receptor, *inter.mediators) if m}
        if used & core:
            axis |= used
    return axis


def therapies_on_axis(kg: KnowledgeGraph, params: Params) -> list[Row]:
    molecule = params["molecule"]
    axis = _axis(kg, molecule)
    rows = {(a.therapy, a.action.value, a.target) for a in kg.therapy_actions if a.target in axis}
    keys = ("therapy", "action", "target")
    return [{"molecule": molecule, **dict(zip(keys, r, strict=True))} for r in sorted(rows)]


def escape_routes(kg: KnowledgeGraph, params: Params) -> list[Row]:
    """The escape routes ``tmekg therapy`` reports, with the processes the therapy acts on read from what it
    severs, strengthens and drives (``tmekg therapy`` also counts the processes on its supporting signed paths)."""
    therapy = params["therapy"]
    severed = {
        inter.id
        for action in kg.therapy_actions
        if action.therapy == therapy and spec(action.action).severing
        for inter, _role in affected(kg, action)
    }
    routes = _escape_routes(kg, kg, therapy, touched_processes(kg, therapy), severed)
    return [
        {
            "therapy": therapy,
            "interaction": r.interaction.id,
            "process": r.interaction.process,
            "tumor_outcome": r.interaction.tumor_outcome.value,
        }
        for r in sorted(routes, key=lambda r: r.interaction.id)
    ]


ANSWERS: dict[str, Callable[[KnowledgeGraph, Params], list[Row]]] = {
    "pro_tumor_interactions": pro_tumor_interactions,
    "anti_tumor_interactions": anti_tumor_interactions,
    "therapy_blocks": therapy_blocks,
    "interactions_of_cell": interactions_of_cell,
    "hijacked_functions": hijacked_functions,
    "trials_of_therapy": trials_of_therapy,
    "signed_paths": signed_paths,
    "therapies_on_axis": therapies_on_axis,
    "escape_routes": escape_routes,
}


def answer(kg: KnowledgeGraph, name: str, params: Params | None = None) -> list[Row]:
    """The Python answer to the catalogue query ``name`` (parameters as resolved ids)."""
    return ANSWERS[name](kg, params or {})
