"""Annotate a cell–cell communication study with tmekg's curated knowledge.

One output row per input row (for CellPhoneDB's wide tables, per interaction and cell pair with a value), the
input's columns first, then ``tmekg_*`` columns:

- ``tmekg_source_cell`` / ``tmekg_target_cell``: the tmekg cell types the study's names map to (empty: unmapped);
- ``tmekg_ligand`` / ``tmekg_receptor``: the HGNC (or ChEBI) ids the symbols resolve to, ``|``-separated;
- ``tmekg_match``: ``exact`` (curated for the same sender and receiver cell types), ``broader`` (curated for a
  broader cell type on one side or both, or for no cell in particular), ``narrower`` (curated for a subtype or
  state of the study's cell type, e.g. TAM for the study's macrophages), ``pair_only`` (the ligand -> receptor pair
  is curated, but for other cells), or ``no_curated_knowledge``;
- ``tmekg_interactions``: the curated statements at that level; ``tmekg_pair_interactions``: every curated
  statement of the pair, whatever the cells;
- ``tmekg_orientation``: ``as_given``, or ``reversed`` when the curated statement has the input's receptor as its
  ligand (resources list TIGIT -> PVR; the biology is PVR -> TIGIT), cells compared swapped;
- ``tmekg_tumor_outcome`` (``mixed`` when the statements disagree), ``tmekg_hijacked_function``,
  ``tmekg_evidence_level`` (the strongest), ``tmekg_citations``;
- ``tmekg_therapies`` (``label (status)``) and ``tmekg_therapy_ids``: therapies that sever a matched statement;
- ``tmekg_notes``: what was read specially (``ADO`` as adenosine, ``CSF1_IL34`` as alternative ligands, an
  outdated symbol brought up to date);
- ``tmekg_signal``: the row's score as a percentile within the study (1 = the strongest call), the unit in which
  the summary ranks therapies.

The lookup of (ligand gene, receptor gene) -> statements is built once and joined with pandas, so the cost is a
few merges over the input and Python work only per distinct ligand–receptor pair and per distinct cell name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tmekg.errors import InputError
from tmekg.kg import KnowledgeGraph
from tmekg.singlecell.cells import map_cells, read_cell_map
from tmekg.singlecell.curated import EVIDENCE_ORDER, CuratedIndex
from tmekg.singlecell.formats import Format, Study, to_long
from tmekg.symbols import (
    ADENOSINE,
    ADENOSINE_RECEPTORS,
    ALTERNATIVE_LIGANDS,
    SymbolTable,
    looks_like_symbol,
)
from tmekg.vocab import Verdict

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LEVELS", "Annotation", "annotate", "annotate_study"]

#: Match levels, best first; a row reports its best.
LEVELS = ("exact", "broader", "narrower", "pair_only")
_EXACT, _UNSPECIFIED, _BROADER, _NARROWER, _NONE = 0, 1, 2, 3, 9
_LEVEL_NAME = {_EXACT: "exact", _UNSPECIFIED: "broader", _BROADER: "broader", _NARROWER: "narrower", _NONE: "pair_only"}
NO_KNOWLEDGE = "no_curated_knowledge"


@dataclass
class Annotation:
    """The annotated table, the summary (a JSON-ready dict) and the ids an export of the answer needs."""

    table: pd.DataFrame
    summary: dict[str, Any]
    interactions: set[str] = field(default_factory=set)
    therapy_actions: set[tuple[str, str]] = field(default_factory=set)


@dataclass
class _Pair:
    lkeys: list[str]
    rkeys: list[str]
    notes: list[str]
    unknown: list[str]
    garbage: list[str]


def _resolve_pair(ligand: str, receptor: str, symbols: SymbolTable) -> _Pair:
    out = _Pair([], [], [], [], [])
    lig = [m for m in ligand.split("+") if m]
    rec = [m for m in receptor.split("+") if m]
    rec_resolved = [symbols.resolve(m) for m in rec]
    rec_symbols = {r.symbol for r in rec_resolved if r.symbol}
    for member, found in zip(rec, rec_resolved, strict=True):
        _take(member, found, out.rkeys, out)
    for member in lig:
        if member.upper() == "ADO" and rec_symbols & ADENOSINE_RECEPTORS:
            out.lkeys.append(ADENOSINE)
            out.notes.append("ADO read as adenosine (CHEBI:16335), LIANA's proxy; not the ADO gene")
            continue
        _take(member, symbols.resolve(member), out.lkeys, out)
    if frozenset(m.upper() for m in lig) in ALTERNATIVE_LIGANDS:
        out.notes.append(f"{'_'.join(lig)} read as alternative ligands of the receptor, not one complex")
    return out


def _split_key(key: str) -> tuple[str, str]:
    ligand, _, receptor = key.partition("\x1f")
    return ligand, receptor


def _take(member: str, found: Any, keys: list[str], out: _Pair) -> None:
    if found.hgnc_id is None:
        (out.unknown if looks_like_symbol(member) else out.garbage).append(member)
        return
    keys.append(found.hgnc_id)
    if found.how in ("previous", "alias"):
        out.notes.append(f"{member} is now {found.symbol} ({found.how} symbol)")


def _cell_level(study: str, curated: str | None, index: CuratedIndex) -> int:
    if curated is None:
        return _UNSPECIFIED
    if not study:
        return _NONE
    if study == curated:
        return _EXACT
    if curated in index.broader(study):
        return _BROADER
    if curated in index.narrower(study):
        return _NARROWER
    return _NONE


def _joined(values: Any) -> str:
    return "|".join(sorted(set(values)))


def annotate_study(
    data: pd.DataFrame | Path | str,
    kg: KnowledgeGraph | None = None,
    *,
    fmt: Format | str | None = None,
    cells: Mapping[str, str | None] | Path | str | None = None,
    score: str | None = None,
    complexes: Mapping[str, tuple[str, ...]] | None = None,
    index: CuratedIndex | None = None,
    progress: Callable[[str], None] | None = None,
) -> Annotation:
    """Annotate a results table (a DataFrame or a file) and summarise it; see the module docstring.
    ``progress(stage)`` is told each stage as it starts (reading, pairs, cells, statements, summary)."""
    import numpy as np
    import pandas as pd

    from tmekg.singlecell.formats import read_results

    if kg is None:
        from tmekg.seed import load

        kg = load()
    say = progress or (lambda _stage: None)
    say("reading the results")
    frame = read_results(Path(data)) if isinstance(data, str | Path) else data
    study = to_long(frame, fmt, score=score, complexes=complexes)
    user_map = read_cell_map(Path(cells), kg) if isinstance(cells, str | Path) else cells
    index = index or CuratedIndex(kg)
    long = study.long
    n = len(long)

    # -- ligand-receptor pairs: Python work per distinct pair only ------------------------------------------------
    say(f"ligand-receptor pairs of {n} row(s)")
    pair_codes, pair_uniques = pd.factorize(long["ligand"].astype(str) + "\x1f" + long["receptor"].astype(str))
    symbols = SymbolTable.shipped(kg)
    resolved = [_resolve_pair(*_split_key(str(key)), symbols) for key in pair_uniques]
    key_rows = [(code, lk, rk) for code, p in enumerate(resolved) for lk in p.lkeys for rk in p.rkeys]
    keys = pd.DataFrame(key_rows, columns=["pair", "lkey", "rkey"])
    given = keys.merge(index.pairs, on=["lkey", "rkey"])[["pair", "interaction"]].assign(reversed=False)
    swapped = keys.rename(columns={"lkey": "rkey", "rkey": "lkey"}).merge(index.pairs, on=["lkey", "rkey"])
    hits = pd.concat([given, swapped[["pair", "interaction"]].assign(reversed=True)], ignore_index=True)
    hits = hits.drop_duplicates(["pair", "interaction"], keep="first")

    # -- cells: Python work per distinct name only ------------------------------------------------------------------
    say("cell names")
    names = pd.unique(pd.concat([long["source"], long["target"]], ignore_index=True))
    matches = map_cells((str(x) for x in names), kg, user_map)
    cell_of = {name: m.cell or "" for name, m in matches.items()}
    src = long["source"].map(cell_of).fillna("").astype(str)
    tgt = long["target"].map(cell_of).fillna("").astype(str)

    # -- join the distinct (pair, sender, receiver) of the rows with the statements of their pair --------------
    say("curated statements")
    statements = index.statements
    trip_codes, trips = pd.factorize(pd.MultiIndex.from_arrays([pair_codes, src.to_numpy(), tgt.to_numpy()]))
    u_pair = trips.get_level_values(0).to_numpy()
    rows = pd.DataFrame(
        {
            "i": np.arange(len(trips)),
            "pair": u_pair,
            "src": trips.get_level_values(1).to_numpy(dtype=object),
            "tgt": trips.get_level_values(2).to_numpy(dtype=object),
        }
    )
    joined = rows[np.isin(u_pair, hits["pair"].unique())].merge(hits, on="pair")
    cur_src = joined["interaction"].map({k: s.source for k, s in statements.items()}).to_numpy(dtype=object)
    cur_tgt = joined["interaction"].map({k: s.target for k, s in statements.items()}).to_numpy(dtype=object)
    rev = joined["reversed"].to_numpy(dtype=bool)
    src_level = _levels(joined["src"].to_numpy(dtype=object), np.where(rev, cur_tgt, cur_src), index)
    tgt_level = _levels(joined["tgt"].to_numpy(dtype=object), np.where(rev, cur_src, cur_tgt), index)
    joined["level"] = np.maximum(src_level, tgt_level)
    joined["best"] = joined.groupby("i")["level"].transform("min")
    best = joined[joined["level"] == joined["best"]]
    per_trip = best.groupby("i").agg(
        level=("level", "first"),
        interactions=("interaction", _joined),
        reversed_all=("reversed", "all"),
        reversed_any=("reversed", "any"),
    )
    pair_ids = hits.groupby("pair")["interaction"].agg(_joined)
    if n and all(p.garbage and not (p.lkeys or p.rkeys) for p in resolved):
        shown = ", ".join(repr(s) for p in resolved[:3] for s in p.garbage[:1])
        raise InputError(f"none of the {n} rows names a gene symbol in its ligand or receptor (e.g. {shown})")

    # -- the statements' facts, per distinct set of ids ---------------------------------------------------------
    facts: dict[str, tuple[str, str, str, str, str, str]] = {}
    for ids in per_trip["interactions"].unique():
        chosen = [statements[i] for i in ids.split("|")]
        outcomes = {s.outcome for s in chosen}
        level_of = min(EVIDENCE_ORDER.index(s.evidence_level) for s in chosen)
        cuts = sorted({(c.label, c.status, c.therapy) for s in chosen for c in s.cuts})
        facts[ids] = (
            outcomes.pop() if len(outcomes) == 1 else "mixed",
            _joined(s.hijacked for s in chosen if s.hijacked),
            EVIDENCE_ORDER[level_of].value,
            _joined(r for s in chosen for r in s.citations),
            "|".join(f"{label} ({status})" for label, status, _ in cuts),
            _joined(t for _, _, t in cuts),
        )

    out = _output_frame(frame, study)
    u = len(trips)
    at = per_trip.index.to_numpy()

    def spread(values: Any, empty: str = "") -> Any:
        """Values of the matched distinct triples, expanded to every row."""
        full = np.full(u, empty, dtype=object)
        full[at] = values
        return full[trip_codes]

    match = spread([_LEVEL_NAME[int(x)] for x in per_trip["level"]], NO_KNOWLEDGE)
    columns: dict[str, Any] = {
        "tmekg_source_cell": src.to_numpy(),
        "tmekg_target_cell": tgt.to_numpy(),
        "tmekg_ligand": _per_pair(pair_codes, [_joined(p.lkeys) for p in resolved]),
        "tmekg_receptor": _per_pair(pair_codes, [_joined(p.rkeys) for p in resolved]),
        "tmekg_match": match,
        "tmekg_interactions": spread(per_trip["interactions"].to_numpy()),
    }
    pair_text = [pair_ids.get(code, "") for code in range(len(pair_uniques))]
    columns["tmekg_pair_interactions"] = _per_pair(pair_codes, pair_text)
    columns["tmekg_orientation"] = spread(
        np.where(per_trip["reversed_all"], "reversed", np.where(per_trip["reversed_any"], "both", "as_given"))
    )
    names_out = ("outcome", "hijacked", "evidence", "citations", "therapies", "therapy_ids")
    for k, name in enumerate(names_out):
        values = spread([facts[ids][k] for ids in per_trip["interactions"]])
        if name == "outcome":
            values[match == NO_KNOWLEDGE] = NO_KNOWLEDGE
        columns[name] = values
    notes = [_joined(p.notes) for p in resolved]
    signal = _signal(long["score"], study.higher_is_stronger, study.score_column)
    out = out.assign(
        **{k: v for k, v in columns.items() if k.startswith("tmekg_")},
        tmekg_tumor_outcome=columns["outcome"],
        tmekg_hijacked_function=columns["hijacked"],
        tmekg_evidence_level=columns["evidence"],
        tmekg_citations=columns["citations"],
        tmekg_therapies=columns["therapies"],
        tmekg_therapy_ids=columns["therapy_ids"],
        tmekg_notes=_per_pair(pair_codes, notes),
        tmekg_signal=signal.to_numpy(),
    )

    from tmekg.singlecell.summary import summarise

    say("summary")
    summary = summarise(
        kg,
        study,
        out,
        matches,
        resolved_counts=_symbol_counts(resolved, pair_codes),
        best=best,
        rows_of=trip_codes,
        index=index,
    )
    cell_level = best[best["level"] < _NONE]
    chosen_ids = set(cell_level["interaction"])
    actions = {
        (c.therapy, c.action_target)
        for i in chosen_ids
        for c in _cuts_with_target(index, i)
        if c.verdict is Verdict.BENEFIT
    }
    return Annotation(out, summary, chosen_ids, actions)


@dataclass(frozen=True)
class _CutRef:
    therapy: str
    action_target: str
    verdict: Verdict


def _cuts_with_target(index: CuratedIndex, interaction: str) -> list[_CutRef]:
    return [_CutRef(c.therapy, c.target, c.verdict) for c in index.statements[interaction].cuts]


def _levels(study: Any, curated: Any, index: CuratedIndex) -> Any:
    """The cell level of each (study cell, curated cell) pair, computed once per distinct pair."""
    import numpy as np
    import pandas as pd

    if len(study) == 0:
        return np.zeros(0, dtype=np.int64)
    none = "\x00"
    cur = np.asarray([c if isinstance(c, str) else none for c in curated], dtype=object)
    codes, uniques = pd.factorize(pd.MultiIndex.from_arrays([np.asarray(study, dtype=object), cur]))
    values = [_cell_level(str(s), None if c == none else str(c), index) for s, c in uniques]
    return np.asarray(values, dtype=np.int64)[codes]


def _per_pair(codes: Any, values: list[str]) -> Any:
    import numpy as np

    table = np.asarray(values, dtype=object) if values else np.asarray([""], dtype=object)
    return table[codes]


def _signal(score: pd.Series, higher: bool, column: str | None) -> pd.Series:
    if column is None or score.isna().all():
        return score.notna().astype("float64").where(score.notna(), 1.0)
    return score.rank(pct=True, ascending=higher).fillna(0.0)


def _symbol_counts(resolved: list[_Pair], codes: Any) -> dict[str, Counter[str]]:
    import numpy as np

    rows_per_pair: list[int] = np.bincount(codes, minlength=len(resolved)).tolist() if len(resolved) else []
    counts: dict[str, Counter[str]] = {"unknown": Counter(), "garbage": Counter(), "notes": Counter()}
    for pair, rows in zip(resolved, rows_per_pair, strict=True):
        for name, values in (("unknown", pair.unknown), ("garbage", pair.garbage), ("notes", pair.notes)):
            for value in set(values):
                counts[name][value] += int(rows)
    return counts


def _output_frame(frame: pd.DataFrame, study: Study) -> pd.DataFrame:
    """The input's own columns, one row per output row."""
    if study.format is Format.CELLPHONEDB:
        keep = [c for c in frame.columns if "|" not in str(c)]
        base = frame[keep].iloc[study.long["row"].to_numpy()].reset_index(drop=True)
        return base.assign(
            source=study.long["source"].to_numpy(),
            target=study.long["target"].to_numpy(),
            ligand=study.long["ligand_text"].to_numpy(),
            receptor=study.long["receptor_text"].to_numpy(),
            value=study.long["score"].to_numpy(),
        )
    return frame.reset_index(drop=True)


def annotate(
    data: pd.DataFrame | Path | str,
    kg: KnowledgeGraph | None = None,
    *,
    fmt: Format | str | None = None,
    cells: Mapping[str, str | None] | Path | str | None = None,
    score: str | None = None,
) -> pd.DataFrame:
    """The annotated table (``tmekg.annotate(adata.uns["liana_res"])``); the summary is in
    ``.attrs["tmekg_summary"]``."""
    result = annotate_study(data, kg, fmt=fmt, cells=cells, score=score)
    result.table.attrs["tmekg_summary"] = result.summary
    return result.table
