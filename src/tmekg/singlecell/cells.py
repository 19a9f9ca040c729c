"""Map a study's cell-type names to tmekg cell types, saying how each name was mapped.

Order: the user's map (``--cells map.csv``: columns ``name`` and ``cell``, the cell given as a tmekg id, label or
synonym; an empty ``cell`` marks a name as deliberately unmapped), then a tmekg id, label or synonym (case-
insensitive), then the same after a light normalisation (``_`` and ``.`` as spaces, runs of spaces collapsed, a
plural last word made singular: ``CD8_T_cells`` -> ``cd8 t cell``). Nothing else is tried: a name that none of these
reach is reported as unmapped with its row count, never guessed.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tmekg.errors import AmbiguousNameError, InputError, NotFoundError
from tmekg.kg import KnowledgeGraph
from tmekg.vocab import EntityKind

__all__ = ["CellMatch", "map_cells", "normalise", "read_cell_map"]


@dataclass(frozen=True)
class CellMatch:
    """How one study name was mapped: the tmekg cell id (``None`` when unmapped) and how (``map``, ``name``,
    ``normalised``, ``unmapped``, ``unmapped_by_map``, ``ambiguous``)."""

    name: str
    cell: str | None
    how: str
    note: str = ""


def normalise(name: str) -> str:
    """A study name in a comparable form.

    >>> normalise("CD8_T_cells"), normalise("CD14+ Monocytes"), normalise("B.cells")
    ('cd8 t cell', 'cd14+ monocyte', 'b cell')
    """
    text = re.sub(r"[_.]+", " ", name.strip().casefold())
    text = re.sub(r"\s+", " ", text).strip()
    words = text.split(" ")
    last = words[-1]
    if len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        words[-1] = last[:-1]
    return " ".join(words)


def read_cell_map(path: Path, kg: KnowledgeGraph) -> dict[str, str | None]:
    """The user's cell map: ``name`` -> tmekg cell id (``None`` for a name deliberately left unmapped)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"cell map {path} does not exist")
    with path.open(encoding="utf-8", newline="") as handle:
        sample = handle.readline()
        handle.seek(0)
        reader = csv.DictReader(handle, delimiter="\t" if "\t" in sample else ",")
        if not reader.fieldnames or not {"name", "cell"} <= set(reader.fieldnames):
            raise InputError(f"cell map {path}: needs the columns 'name' and 'cell' (found {reader.fieldnames})")
        out: dict[str, str | None] = {}
        for number, row in enumerate(reader, start=2):
            name, cell = (row.get("name") or "").strip(), (row.get("cell") or "").strip()
            if not name:
                raise InputError(f"cell map {path}, row {number}: empty 'name'")
            if name in out:
                raise InputError(f"cell map {path}, row {number}: {name!r} is mapped twice")
            if not cell:
                out[name] = None
                continue
            try:
                out[name] = kg.lookup(cell, EntityKind.CELL_TYPE).id
            except (NotFoundError, AmbiguousNameError) as exc:
                raise InputError(f"cell map {path}, row {number}, column 'cell': {exc}") from None
    return out


def _index(kg: KnowledgeGraph) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    exact: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for cell in kg.cell_types:
        for name in (cell.id, cell.label, *cell.synonyms):
            exact.setdefault(name.casefold(), set()).add(cell.id)
            loose.setdefault(normalise(name), set()).add(cell.id)
    return exact, loose


def map_cells(
    names: Iterable[str], kg: KnowledgeGraph, user_map: Mapping[str, str | None] | None = None
) -> dict[str, CellMatch]:
    """How each distinct study name maps to a tmekg cell type."""
    exact, loose = _index(kg)
    user_map = user_map or {}
    out: dict[str, CellMatch] = {}
    for name in names:
        if name in out:
            continue
        if name in user_map:
            cell = user_map[name]
            out[name] = CellMatch(name, cell, "map" if cell else "unmapped_by_map")
            continue
        for how, hits in (
            ("name", exact.get(name.strip().casefold(), set())),
            ("normalised", loose.get(normalise(name), set())),
        ):
            if len(hits) == 1:
                out[name] = CellMatch(name, next(iter(hits)), how)
                break
            if len(hits) > 1:
                out[name] = CellMatch(name, None, "ambiguous", ", ".join(sorted(hits)))
                break
        else:
            out[name] = CellMatch(name, None, "unmapped")
    return out
