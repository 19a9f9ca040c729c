"""The Python answer to each named catalogue query, row for row what the SPARQL and Cypher twins return.

Tests compare the three; the CLI uses these to say what a query means.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

from tmekg.actions import spec
from tmekg.answers import function_label
from tmekg.kg import KnowledgeGraph
from tmekg.reasoning import paths
from tmekg.reasoning.blocking import affected, direct_escape_routes
from tmekg.reasoning.signed import path_graph
from tmekg.vocab import EntityKind, RequirementKind, TumorOutcome

__all__ = ["ANSWERS", "MAX_QUERY_HOPS", "Row", "answer", "axis_members"]

#: The longest path the signed_paths catalogue queries enumerate (a Cypher variable-length bound is a literal).
MAX_QUERY_HOPS = 6

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


def signed_paths(kg: KnowledgeGraph, params: dict[str, str]) -> list[Row]:
    """The paths of ``tmekg path SOURCE TARGET --max-hops N`` (every one: no count or time bound): the node ids
    joined by ``" > "``, the edge keys joined by spaces, the number of hops and the net sign."""
    source, target, max_hops = params["source"], params["target"], int(params["max_hops"])
    if not 1 <= max_hops <= MAX_QUERY_HOPS or not kg.has(source) or not kg.has(target):
        return []
    graph = path_graph(kg)
    found = paths.signed_paths(graph, source, target, max_hops=max_hops, max_paths=10**9, time_limit=math.inf)
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
        for p in sorted(found.paths, key=lambda p: (len(p.hops), -p.weight, p.nodes))
    ]
    return rows


def axis_members(kg: KnowledgeGraph, molecule: str) -> set[str]:
    """A molecule's axis: the molecule, the complexes holding it and its subunits, and every ligand, receptor and
    mediator of the interactions that use any of those (adenosine: its A2A and A2B receptors, CD39, CD73)."""
    core = {molecule, *kg.complexes_of(molecule), *getattr(kg.get(molecule), "subunits", ())}
    members = set(core)
    for inter in kg.interactions:
        used = {p.molecule for p in inter.participants}
        if used & core:
            members |= used
    return members


def therapies_on_axis(kg: KnowledgeGraph, params: dict[str, str]) -> list[Row]:
    molecule = params["molecule"]
    if not kg.has(molecule) or kg.get(molecule).kind is not EntityKind.MOLECULE:
        return []
    members = axis_members(kg, molecule)
    rows = sorted({(a.therapy, a.action.value, a.target) for a in kg.therapy_actions if a.target in members})
    return [{"molecule": molecule, "therapy": t, "action": action, "target": target} for t, action, target in rows]


def escape_routes(kg: KnowledgeGraph, params: dict[str, str]) -> list[Row]:
    """The escape routes ``tmekg therapy`` reports, with the processes the therapy acts on read from what it
    severs, strengthens and drives (``tmekg therapy`` also counts the processes on its supporting signed paths,
    which depend on its path budget), and why each counts: ``lost_need`` (the loss of something the therapy
    needs), ``suppresses_effector`` (it suppresses the effector cells a drug-made action brings) or
    ``same_process`` (a pro-tumor interaction on a process the therapy acts on, left intact)."""
    therapy = params["therapy"]
    if not kg.has(therapy) or kg.get(therapy).kind is not EntityKind.THERAPY:
        return []
    routes = direct_escape_routes(kg, therapy)
    rows: list[Row] = []
    for route in routes:
        if route.defeats is None:
            reason = "same_process"
        elif route.defeats.kind is RequirementKind.EFFECTOR_CELL:
            reason = "suppresses_effector"
        else:
            reason = "lost_need"
        inter = route.interaction
        rows.append({"therapy": therapy, "interaction": inter.id, "process": inter.process, "reason": reason})
    return sorted(rows, key=lambda r: str(r["interaction"]))


ANSWERS: dict[str, Callable[[KnowledgeGraph, dict[str, str]], list[Row]]] = {
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


def answer(kg: KnowledgeGraph, name: str, params: dict[str, str] | None = None) -> list[Row]:
    """The Python answer to the catalogue query ``name`` (parameters as resolved ids)."""
    return ANSWERS[name](kg, params or {})
