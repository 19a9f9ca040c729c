"""Write an annotated table (CSV, TSV, JSON records or Parquet) atomically: a failure leaves no file behind."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from tmekg.atomic import atomic_path
from tmekg.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TableFormat", "spreadsheet_safe_table", "table_format", "write_table"]

INSTALL_HINT = "pip install 'tmekg[singlecell]'"


class TableFormat(StrEnum):
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    PARQUET = "parquet"


def table_format(path: Path, given: str | None = None) -> TableFormat:
    """The output format: ``given``, else the file's suffix."""
    name = (given or path.suffix.lstrip(".")).lower()
    try:
        return TableFormat(name)
    except ValueError:
        known = ", ".join(f.value for f in TableFormat)
        raise InputError(f"cannot tell the table format from {path.name!r}; use --output-format ({known})") from None


def spreadsheet_safe_table(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell a spreadsheet would run as a formula prefixed by an apostrophe (names in an
    annotated table come from the user's results file: ``=HYPERLINK(...)`` there must not become a live formula)."""
    from tmekg.text import spreadsheet_safe

    text = [c for c in table.columns if table[c].dtype == object]
    if not text:
        return table
    safe = table.copy()
    for column in text:
        safe[column] = safe[column].map(lambda v: spreadsheet_safe(v) if isinstance(v, str) else v)
    return safe


def write_table(table: pd.DataFrame, path: Path, fmt: TableFormat | None = None) -> None:
    """Write ``table`` to ``path`` in ``fmt`` (default: from the suffix), replacing it atomically."""
    path = Path(path)
    chosen = fmt or table_format(path)
    if not path.parent.exists():
        raise InputError(f"directory {path.parent} does not exist")
    if chosen is TableFormat.PARQUET:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InputError(f"writing Parquet needs pyarrow: {INSTALL_HINT}") from None
    if chosen in (TableFormat.CSV, TableFormat.TSV):
        table = spreadsheet_safe_table(table)
    with atomic_path(path) as tmp:
        if chosen is TableFormat.CSV:
            table.to_csv(tmp, index=False)
        elif chosen is TableFormat.TSV:
            table.to_csv(tmp, index=False, sep="\t")
        elif chosen is TableFormat.JSON:
            table.to_json(tmp, orient="records", indent=1, force_ascii=False)
        else:
            table.to_parquet(tmp, index=False)
