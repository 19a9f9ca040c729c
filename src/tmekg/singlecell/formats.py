"""Read cell–cell communication results (LIANA+, CellChat, CellPhoneDB v5) into one long table.

The long table has one row per (sender, receiver, ligand, receptor) call of the input, with columns ``row`` (the
row of the input table it came from; for CellPhoneDB's wide tables, the interaction row), ``source``, ``target``
(cell names as the study wrote them), ``ligand``, ``receptor`` (the member symbols, ``+``-joined, in the order
the tool gave them), ``ligand_text``, ``receptor_text`` (as written) and ``score`` (the tool's own number).

Formats (columns as the tools document them; see tests/fixtures/singlecell/README.md):

- ``liana``: LIANA+ ``rank_aggregate`` or single-method results (``adata.uns["liana_res"]`` written out):
  ``source``, ``target``, ``ligand_complex``, ``receptor_complex`` and score columns; complexes are ``_``-joined
  (``TGFBR1_TGFBR2``), sometimes prefixed ``COMPLEX:``.
- ``cellchat``: ``subsetCommunication()``: ``source``, ``target``, ``ligand``, ``receptor``, ``prob``, ``pval``,
  ``interaction_name`` (``TGFB1_TGFBR1_TGFBR2``), ``interaction_name_2`` (``TGFB1 - (TGFBR1+TGFBR2)``),
  ``pathway_name``; CellChat names complexes its own way (``TGFbR1_R2``), so members come from
  ``interaction_name_2`` or ``interaction_name``.
- ``cellphonedb``: ``significant_means`` / ``means``: one row per interaction (``interacting_pair``,
  ``partner_a``/``partner_b`` as ``simple:UNIPROT`` or ``complex:NAME``, ``gene_a``/``gene_b``,
  ``receptor_a``/``receptor_b``) and one column per cell pair ``A|B`` (partner a in A, partner b in B). The
  ligand is the partner that is not the receptor; complexes are split with a complex table (the imported
  CellPhoneDB tier, or ``complexes``) and otherwise reported as unresolved.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tmekg.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LONG_COLUMNS", "Format", "Study", "detect", "read_results", "to_long"]

LONG_COLUMNS = ("row", "source", "target", "ligand", "receptor", "ligand_text", "receptor_text", "score")


class Format(StrEnum):
    LIANA = "liana"
    CELLCHAT = "cellchat"
    CELLPHONEDB = "cellphonedb"


REQUIRED: dict[Format, tuple[str, ...]] = {
    Format.LIANA: ("source", "target", "ligand_complex", "receptor_complex"),
    Format.CELLCHAT: ("source", "target", "ligand", "receptor"),
    Format.CELLPHONEDB: ("interacting_pair", "partner_a", "partner_b", "gene_a", "gene_b"),
}
#: Score columns tried in order, with whether a higher value means a stronger call.
SCORES: dict[Format, tuple[tuple[str, bool], ...]] = {
    Format.LIANA: (
        ("magnitude_rank", False),
        ("lr_means", True),
        ("lrscore", True),
        ("expr_prod", True),
        ("lr_probs", True),
        ("specificity_rank", False),
        ("cellphone_pvals", False),
        ("score", True),
    ),
    Format.CELLCHAT: (("prob", True), ("pval", False)),
    Format.CELLPHONEDB: (),  # the values of the cell-pair columns
}


class Study:
    """A normalised study: the long table, the format, and which score column (and direction) was used."""

    def __init__(self, long: pd.DataFrame, fmt: Format, score_column: str | None, higher_is_stronger: bool) -> None:
        self.long = long
        self.format = fmt
        self.score_column = score_column
        self.higher_is_stronger = higher_is_stronger


def read_results(path: Path) -> pd.DataFrame:
    """Read a results table: CSV, TSV or TXT (delimiter sniffed from the header line) or Parquet."""
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist or is not a file")
    if path.stat().st_size == 0:
        raise InputError(f"{path} is empty: expected a LIANA, CellChat or CellPhoneDB results table")
    if path.suffix.lower() == ".parquet":
        try:
            return pd.read_parquet(path)
        except ImportError:
            raise InputError("reading Parquet needs pyarrow: pip install 'tmekg[singlecell]'") from None
        except (OSError, ValueError) as exc:
            raise InputError(f"{path} is not a readable Parquet file ({exc})") from None
    with path.open(encoding="utf-8", errors="replace") as handle:
        header = handle.readline()
    if not header.strip():
        raise InputError(f"{path} has no header line: expected a LIANA, CellChat or CellPhoneDB results table")
    sep = "\t" if header.count("\t") > header.count(",") else ","
    kwargs: dict[str, Any] = {"sep": sep}
    try:
        import pyarrow  # noqa: F401

        kwargs["engine"] = "pyarrow"
    except ImportError:
        kwargs["low_memory"] = False
    try:
        frame = pd.read_csv(path, **kwargs)
    except (ValueError, OSError, csv.Error) as exc:  # pandas and pyarrow parser errors are ValueErrors
        raise InputError(f"{path} is not a readable {'TSV' if sep == chr(9) else 'CSV'} table ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - pyarrow's ArrowInvalid is not a ValueError on every version
        raise InputError(f"{path} is not a readable table ({type(exc).__name__}: {exc})") from None
    return pd.DataFrame(frame)


def detect(frame: pd.DataFrame) -> Format:
    """The format of a results table, from its columns."""
    columns = set(map(str, frame.columns))
    if set(REQUIRED[Format.LIANA]) <= columns:
        return Format.LIANA
    if set(REQUIRED[Format.CELLPHONEDB]) <= columns and any("|" in c for c in columns):
        return Format.CELLPHONEDB
    if set(REQUIRED[Format.CELLCHAT]) <= columns:
        return Format.CELLCHAT
    shown = ", ".join(sorted(columns)[:12]) + (" ..." if len(columns) > 12 else "")
    raise InputError(
        "not a LIANA, CellChat or CellPhoneDB results table: LIANA has "
        f"{'/'.join(REQUIRED[Format.LIANA])}, CellChat {'/'.join(REQUIRED[Format.CELLCHAT])}, CellPhoneDB "
        f"interacting_pair/partner_a/partner_b/gene_a/gene_b and 'A|B' cell-pair columns (columns seen: {shown}); "
        "or give --format"
    )


def _check_columns(frame: pd.DataFrame, fmt: Format) -> None:
    missing = [c for c in REQUIRED[fmt] if c not in frame.columns]
    if fmt is Format.CELLPHONEDB and not any("|" in str(c) for c in frame.columns):
        missing.append("'A|B' cell-pair columns")
    if missing:
        raise InputError(f"the table is not {fmt.value} output: missing column(s) {', '.join(missing)}")


def _score(frame: pd.DataFrame, fmt: Format, wanted: str | None) -> tuple[Any, str | None, bool]:
    import pandas as pd

    if wanted is not None:
        if wanted not in frame.columns:
            raise InputError(f"--score {wanted!r} is not a column of the table")
        higher = dict(SCORES[fmt]).get(wanted, not wanted.endswith(("rank", "pval", "pvals")))
        return pd.to_numeric(frame[wanted], errors="coerce"), wanted, higher
    for column, higher in SCORES[fmt]:
        if column in frame.columns:
            return pd.to_numeric(frame[column], errors="coerce"), column, higher
    return pd.Series(float("nan"), index=frame.index), None, True


def _liana_members(text: str) -> str:
    body = text[len("COMPLEX:") :] if text.upper().startswith("COMPLEX:") else text
    return "+".join(p for p in body.split("_") if p)


def _text(series: pd.Series) -> pd.Series:
    return series.astype("string").fillna("").str.strip()


def _liana(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    lig, rec = _text(frame["ligand_complex"]), _text(frame["receptor_complex"])
    lig_map = {v: _liana_members(v) for v in lig.unique()}
    rec_map = {v: _liana_members(v) for v in rec.unique()}
    return pd.DataFrame(
        {
            "source": _text(frame["source"]),
            "target": _text(frame["target"]),
            "ligand": lig.map(lig_map),
            "receptor": rec.map(rec_map),
            "ligand_text": lig,
            "receptor_text": rec,
        }
    )


_SIDE = re.compile(r"^\(?(?P<members>[^()]*?)\)?$")


def _cellchat_pair(ligand: str, receptor: str, name: str, name2: str) -> tuple[str, str]:
    """Member symbols of a CellChat ligand and receptor, from ``interaction_name_2`` when it has them."""
    if " - " in name2:
        left, _, right = name2.partition(" - ")
        sides = []
        for side in (left, right):
            match = _SIDE.match(side.strip())
            members = match.group("members") if match else side
            sides.append("+".join(p.strip() for p in members.split("+") if p.strip()))
        return sides[0], sides[1]
    tokens = [t for t in name.split("_") if t]
    if tokens and ligand == tokens[0] and len(tokens) > 1:  # TGFB1_TGFBR1_TGFBR2: a simple ligand, then the rest
        return ligand, "+".join(tokens[1:])
    if tokens and receptor == tokens[-1] and len(tokens) > 1:
        return "+".join(tokens[:-1]), receptor
    return ligand, receptor


def _cellchat(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    lig, rec = _text(frame["ligand"]), _text(frame["receptor"])
    empty = pd.Series("", index=frame.index, dtype="string")
    name = _text(frame["interaction_name"]) if "interaction_name" in frame.columns else empty
    name2 = _text(frame["interaction_name_2"]) if "interaction_name_2" in frame.columns else empty
    keys = pd.DataFrame({"l": lig, "r": rec, "n": name, "n2": name2})
    unique = keys.drop_duplicates()
    parsed = {
        (l_, r_, n_, n2_): _cellchat_pair(l_, r_, n_, n2_)
        for l_, r_, n_, n2_ in unique.itertuples(index=False, name=None)
    }
    pairs = [parsed[k] for k in keys.itertuples(index=False, name=None)]
    return pd.DataFrame(
        {
            "source": _text(frame["source"]),
            "target": _text(frame["target"]),
            "ligand": [p[0] for p in pairs],
            "receptor": [p[1] for p in pairs],
            "ligand_text": lig,
            "receptor_text": rec,
        },
        index=frame.index,
    )


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in {"true", "1", "yes"}


def _cpdb_members(partner: str, gene: str, complexes: Mapping[str, tuple[str, ...]]) -> tuple[str, str]:
    """(members, text) of a CellPhoneDB partner: a simple protein is its gene; a complex its subunits when the
    complex table knows it, else empty members (unresolved)."""
    partner = partner.strip()
    if partner.startswith("complex:"):
        name = partner[len("complex:") :]
        return "+".join(complexes.get(name, ())), name
    return gene.strip(), gene.strip() or partner


def _cellphonedb(frame: pd.DataFrame, complexes: Mapping[str, tuple[str, ...]]) -> tuple[pd.DataFrame, pd.Series]:
    import pandas as pd

    pair_columns = [c for c in frame.columns if "|" in str(c)]
    info = []
    for row, (pa, pb, ga, gb, ra, rb) in enumerate(
        zip(
            _text(frame["partner_a"]),
            _text(frame["partner_b"]),
            _text(frame["gene_a"]),
            _text(frame["gene_b"]),
            frame["receptor_a"] if "receptor_a" in frame.columns else [False] * len(frame),
            frame["receptor_b"] if "receptor_b" in frame.columns else [False] * len(frame),
            strict=True,
        )
    ):
        a_members, a_text = _cpdb_members(pa, ga, complexes)
        b_members, b_text = _cpdb_members(pb, gb, complexes)
        swap = _truthy(ra) and not _truthy(rb)  # partner a is the receptor: b (in cell B) is the ligand
        info.append((row, swap, a_members, a_text, b_members, b_text))
    import numpy as np

    values = frame[pair_columns].apply(pd.to_numeric, errors="coerce").to_numpy(dtype="float64")
    rows, cols = np.nonzero(~np.isnan(values) & (values != 0))
    found = values[rows, cols]
    cells = [str(c).split("|", 1) for c in pair_columns]
    records = []
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        _, swap, a_m, a_t, b_m, b_t = info[r]
        cell_a, cell_b = cells[c]
        if swap:
            records.append((r, cell_b, cell_a, b_m, a_m, b_t, a_t))
        else:
            records.append((r, cell_a, cell_b, a_m, b_m, a_t, b_t))
    long = pd.DataFrame.from_records(
        records, columns=["row", "source", "target", "ligand", "receptor", "ligand_text", "receptor_text"]
    )
    return long, pd.Series(found, index=long.index, dtype="float64")


def to_long(
    frame: pd.DataFrame,
    fmt: Format | str | None = None,
    *,
    score: str | None = None,
    complexes: Mapping[str, tuple[str, ...]] | None = None,
) -> Study:
    """Normalise a results table (any of the three formats; detected when ``fmt`` is None)."""
    import pandas as pd

    if len(frame.columns) == 0:
        raise InputError("the table has no columns: expected a LIANA, CellChat or CellPhoneDB results table")
    frame = frame.rename(columns=str)
    chosen = Format(fmt) if fmt is not None else detect(frame)
    _check_columns(frame, chosen)
    if frame.empty:
        raise InputError(f"the {chosen.value} table has a header but no rows")
    if chosen is Format.CELLPHONEDB:
        if score is not None:
            raise InputError("--score does not apply to CellPhoneDB tables: the score is the cell-pair value")
        long, values = _cellphonedb(frame, complexes or {})
        if long.empty:
            raise InputError("the cellphonedb table has no value in any 'A|B' cell-pair column")
        long["score"] = values
        return Study(long, chosen, "mean", True)
    long = _liana(frame) if chosen is Format.LIANA else _cellchat(frame)
    values, column, higher = _score(frame, chosen, score)
    long.insert(0, "row", range(len(frame)))
    long["score"] = pd.Series(values.to_numpy(dtype="float64", na_value=float("nan")), index=long.index)
    long.index = pd.RangeIndex(len(long))
    return Study(long, chosen, column, higher)
