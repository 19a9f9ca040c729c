"""The persistent store's interaction records in SQLite: each record by table position and id, and which entities
take part in it, written once at build time and read by position, by entity or in id order (``tmekg.store``).

The records are read only from a store tmekg wrote (its files are checksummed in the manifest), never from files a
user hands over; they are rebuilt without validation because they were validated when the store was built.
"""

from __future__ import annotations

import contextlib
import gc
import pickle
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tmekg.errors import InputError
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction

__all__ = ["FREEZE_ABOVE", "InteractionRows", "StoreCorrupt", "collector_paused", "write_interactions"]


class StoreCorrupt(InputError):
    """A store file does not load; the store is rebuilt (see :func:`load_graph`)."""


#: Graphs above this many interactions are moved out of the collector's scans once loaded (see ``collector_paused``).
FREEZE_ABOVE = 20_000


@contextlib.contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector: building or unpickling 10^5 records with it on costs seconds of scans
    that find nothing to collect (records hold no cycles). The previous state is restored; with ``freeze``, what
    was loaded is first moved to the permanent generation (``gc.freeze``), so the first collections after it do not
    scan a million young objects either."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was:
            gc.enable()


def _participants(inter: Any) -> set[str]:
    """The entities an interaction goes out of or into (the roles :meth:`KnowledgeGraph.interactions_of` reads)."""
    ids = {inter.source, inter.ligand, inter.receptor, inter.target, inter.process, *inter.mediators}
    ids.discard(None)
    return ids


def write_interactions(kg: KnowledgeGraph, path: Path) -> None:
    """Each interaction record by table position (``ord``) and id, and who takes part in it, in one SQLite file."""
    with contextlib.closing(sqlite3.connect(path)) as con, con:
        con.execute("CREATE TABLE interaction (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, record BLOB NOT NULL)")
        con.execute("CREATE TABLE participant (entity TEXT NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (entity, ord))")
        con.executemany(
            "INSERT INTO interaction VALUES (?, ?, ?)",
            ((n, i.id, pickle.dumps(i, protocol=pickle.HIGHEST_PROTOCOL)) for n, i in enumerate(kg.interactions)),
        )
        con.executemany(
            "INSERT INTO participant VALUES (?, ?)",
            ((entity, n) for n, inter in enumerate(kg.interactions) for entity in sorted(_participants(inter))),
        )


class InteractionRows:
    """The interaction records of one store's SQLite file, read on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def at(self, positions: Sequence[int]) -> list[Interaction]:
        """The records at table ``positions``, in that order."""
        wanted = sorted(set(positions))
        by_position: dict[int, Interaction] = {}
        for start in range(0, len(wanted), 10_000):
            chunk = wanted[start : start + 10_000]
            marks = ", ".join("?" * len(chunk))
            rows = self._query(f"SELECT ord, record FROM interaction WHERE ord IN ({marks})", chunk)
            by_position.update(self._unpickled(rows))
        if len(by_position) != len(wanted):
            raise StoreCorrupt(f"{self.path} lacks interactions the table lists; rebuild it with `tmekg build --force`")
        return [by_position[n] for n in positions]

    def using(self, entity_ids: Iterable[str]) -> list[Interaction]:
        """The records that go out of or into any of ``entity_ids``, in table order."""
        ids = sorted(set(entity_ids))
        marks = ", ".join("?" * len(ids))
        rows = self._query(
            f"SELECT ord, record FROM interaction WHERE ord IN (SELECT ord FROM participant WHERE entity IN ({marks})) "
            "ORDER BY ord",
            ids,
        )
        return [record for _, record in self._unpickled(rows)]

    def ids(self, offset: int, count: int) -> list[str]:
        """Interaction ids in code point order (SPARQL's order of their ``dcterms:identifier``), from ``offset``."""
        rows = self._query("SELECT id FROM interaction ORDER BY id LIMIT ? OFFSET ?", (count, offset))
        return [str(row[0]) for row in rows]

    def _unpickled(self, rows: list[Any]) -> Iterator[tuple[int, Interaction]]:
        try:
            with collector_paused():
                decoded = [(int(n), pickle.loads(record)) for n, record in rows]  # our own store (module docstring)
        except (EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError) as exc:
            raise StoreCorrupt(
                f"{self.path} holds a record that does not load ({exc}); rebuild it with `tmekg build --force`"
            ) from None
        return iter(decoded)

    def _query(self, sql: str, args: Iterable[object] = ()) -> list[Any]:
        uri = self.path.resolve().as_uri() + "?immutable=1"  # never written after the build
        try:
            with contextlib.closing(sqlite3.connect(uri, uri=True)) as con:
                return con.execute(sql, tuple(args)).fetchall()
        except sqlite3.Error as exc:
            raise StoreCorrupt(f"{self.path} cannot be read ({exc}); rebuild it with `tmekg build --force`") from None
