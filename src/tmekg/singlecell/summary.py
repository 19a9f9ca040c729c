"""The summary of an annotated study: coverage, cell mapping, symbols, top pro-tumor calls, therapies ranked by
how much of the study's pro-tumor signal they would cut."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tmekg.kg import KnowledgeGraph
from tmekg.singlecell.cells import CellMatch
from tmekg.singlecell.curated import CuratedIndex
from tmekg.singlecell.formats import Study
from tmekg.vocab import Verdict

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["summarise"]

TOP = 10
_CELL_LEVELS = ("exact", "broader", "narrower")


def summarise(
    kg: KnowledgeGraph,
    study: Study,
    out: pd.DataFrame,
    matches: Mapping[str, CellMatch],
    *,
    resolved_counts: dict[str, Counter[str]],
    best: pd.DataFrame,
    rows_of: Any,
    index: CuratedIndex,
) -> dict[str, Any]:
    """``best``: the best-level statements of each distinct (pair, sender, receiver), ``i`` its index;
    ``rows_of``: that index for every row of ``out``."""
    import numpy as np
    import pandas as pd

    n = len(out)
    counts = out["tmekg_match"].value_counts().to_dict()
    coverage = {level: int(counts.get(level, 0)) for level in (*_CELL_LEVELS, "pair_only", "no_curated_knowledge")}
    cell_matched = sum(coverage[x] for x in _CELL_LEVELS)
    rows_per_name = Counter(out["source"].astype(str).tolist()) if "source" in out.columns else Counter()
    rows_per_name.update(out["target"].astype(str).tolist() if "target" in out.columns else [])
    cells = [
        {
            "name": m.name,
            "cell": m.cell,
            "label": kg.label(m.cell) if m.cell else None,
            "how": m.how,
            "rows": rows_per_name.get(m.name, 0),
            **({"note": m.note} if m.note else {}),
        }
        for m in sorted(matches.values(), key=lambda m: m.name)
    ]
    unmapped = [c for c in cells if c["cell"] is None]

    is_cell = out["tmekg_match"].isin(_CELL_LEVELS)
    pro = out[is_cell & out["tmekg_tumor_outcome"].isin(["pro_tumor", "mixed"])]
    pro_total = float(out.loc[is_cell & (out["tmekg_tumor_outcome"] == "pro_tumor"), "tmekg_signal"].sum())
    top = pro.sort_values("tmekg_signal", ascending=False, kind="stable").head(TOP)
    top_rows = [
        {
            "source": r["source"] if "source" in top.columns else None,
            "target": r["target"] if "target" in top.columns else None,
            "ligand": study.long["ligand_text"].iat[_pos(i)],
            "receptor": study.long["receptor_text"].iat[_pos(i)],
            "score": _number(study.long["score"].iat[_pos(i)]),
            "signal": round(float(r["tmekg_signal"]), 4),
            "match": r["tmekg_match"],
            "interactions": r["tmekg_interactions"].split("|"),
            "tumor_outcome": r["tmekg_tumor_outcome"],
            "therapies": [t for t in r["tmekg_therapies"].split("|") if t],
        }
        for i, r in top.iterrows()
    ]

    # therapies: signal of the rows whose cell-level statements each therapy severs
    cell_best = best[best["level"] < 9][["i", "interaction"]]
    cut_rows = [
        (c.therapy, i, c.verdict.value, c.action, c.target)
        for i in cell_best["interaction"].unique()
        for c in index.statements[i].cuts
    ]
    cuts = pd.DataFrame(cut_rows, columns=["therapy", "interaction", "verdict", "action", "target"])
    joined = cell_best.merge(cuts, on="interaction")
    signal = out["tmekg_signal"].to_numpy(dtype="float64")
    therapies: list[dict[str, Any]] = []
    for therapy_id, group in joined.groupby("therapy"):
        benefit_rows = np.isin(rows_of, group.loc[group["verdict"] == Verdict.BENEFIT.value, "i"].unique())
        harm_rows = np.isin(rows_of, group.loc[group["verdict"] == Verdict.HARM.value, "i"].unique())
        therapy = kg.get(str(therapy_id))
        cut = float(signal[benefit_rows].sum())
        therapies.append(
            {
                "therapy": {"id": therapy.id, "label": therapy.label},
                "status": getattr(getattr(therapy, "status", None), "value", None),
                "pro_tumor_signal_cut": round(cut, 4),
                "fraction_of_pro_tumor_signal": round(cut / pro_total, 4) if pro_total else 0.0,
                "rows_cut": int(benefit_rows.sum()),
                "anti_tumor_signal_cut": round(float(signal[harm_rows].sum()), 4),
                "via": sorted({f"{a} {kg.label(t)}" for a, t in zip(group["action"], group["target"], strict=True)}),
            }
        )
    therapies.sort(key=lambda t: (-t["pro_tumor_signal_cut"], t["anti_tumor_signal_cut"], t["therapy"]["label"]))
    therapies = [t for t in therapies if t["pro_tumor_signal_cut"] > 0 or t["anti_tumor_signal_cut"] > 0]
    unknown = resolved_counts["unknown"]
    garbage = resolved_counts["garbage"]
    return {
        "format": study.format.value,
        "rows": n,
        "score": {"column": study.score_column, "higher_is_stronger": study.higher_is_stronger},
        "layers": ["curated"],
        "coverage": {
            **coverage,
            "fraction_cell_matched": round(cell_matched / n, 4) if n else 0.0,
            "fraction_pair_matched": round((cell_matched + coverage["pair_only"]) / n, 4) if n else 0.0,
        },
        "cells": cells,
        "unmapped_cells": [{"name": c["name"], "rows": c["rows"], "how": c["how"]} for c in unmapped],
        "symbols": {
            "unknown_to_tmekg": {"distinct": len(unknown), "rows": sum(unknown.values()), "top": _top(unknown)},
            "not_gene_symbols": {
                "distinct": len(garbage),
                "rows": sum(garbage.values()),
                "examples": [s for s, _ in garbage.most_common(5)],
            },
            "read_specially": [{"note": k, "rows": v} for k, v in sorted(resolved_counts["notes"].items())],
        },
        "pro_tumor_signal": round(pro_total, 4),
        "top_pro_tumor": top_rows,
        "therapies": therapies,
    }


def _pos(label: Any) -> int:
    return int(label)


def _top(counts: Counter[str], k: int = 10) -> list[dict[str, Any]]:
    return [{"symbol": s, "rows": c} for s, c in counts.most_common(k)]


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if number != number else number
