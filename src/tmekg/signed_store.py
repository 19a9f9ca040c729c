"""The signed reasoning graph in the persistent store, read node by node.

A signed path search from a therapy or a molecule to tumor growth visits a few hundred nodes of a graph that has
one per entity; reading the whole stored graph for it costs more than the search. The store therefore also writes
each node's out-edges as one SQLite row, with the hop distance to tumor growth of each edge's target beside them
(the distances the search prunes by, computed once at build time), and :class:`StoredSignedGraph` reads a node's
row when the search first reaches it. A search toward another target needs distances to that target, which only
the whole graph gives: then the whole stored graph is read once (``whole``).
"""

from __future__ import annotations

import contextlib
import pickle
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tmekg.errors import InputError
from tmekg.reasoning.signed import Edge, SignedGraph

__all__ = ["StoredSignedGraph", "write_signed"]


def write_signed(graph: SignedGraph, target: str, limit: int, path: Path) -> None:
    """Write ``graph``'s out-edges per node, with each edge target's distance to ``target`` (within ``limit``
    hops; absent beyond), to the SQLite file ``path``."""
    distance = graph.distances_to(target, limit)
    with contextlib.closing(sqlite3.connect(path)) as con, con:
        con.execute("CREATE TABLE meta (target TEXT NOT NULL, hops INTEGER NOT NULL)")
        con.execute("INSERT INTO meta VALUES (?, ?)", (target, limit))
        con.execute("CREATE TABLE node (id TEXT PRIMARY KEY, hops INTEGER, edges BLOB NOT NULL) WITHOUT ROWID")
        con.executemany(
            "INSERT INTO node VALUES (?, ?, ?)",
            (
                (
                    node,
                    distance.get(node),
                    pickle.dumps((edges, [distance.get(e.target) for e in edges]), protocol=pickle.HIGHEST_PROTOCOL),
                )
                for node, edges in graph.out.items()
            ),
        )


class _Distances(Mapping[str, int]):
    """Hops to the stored target within ``limit``, filled as nodes are read (what the search asks ``get`` of are
    always targets of edges it has read, or the start)."""

    def __init__(self, graph: StoredSignedGraph, limit: int) -> None:
        self._graph, self._limit = graph, limit

    def __getitem__(self, node: str) -> int:
        hops = self._graph._hops(node)
        if hops is None or hops > self._limit:
            raise KeyError(node)
        return hops

    def __iter__(self) -> Any:
        raise TypeError("the stored distances are read by node, not listed")

    def __len__(self) -> int:
        raise TypeError("the stored distances are read by node, not counted")


class StoredSignedGraph:
    """The stored signed graph, read per node from SQLite; what :func:`tmekg.reasoning.paths.signed_paths` asks
    of a :class:`~tmekg.reasoning.signed.SignedGraph` (membership, out-edges, distances to a target)."""

    def __init__(self, path: Path, whole: Callable[[], SignedGraph], error: Callable[[str], InputError]) -> None:
        self._uri = path.resolve().as_uri() + "?immutable=1"  # never written after the build
        self._path = path
        self._whole_loader = whole
        self._error = error
        self._whole: SignedGraph | None = None
        self._edges: dict[str, Sequence[Edge]] = {}
        self._hop: dict[str, int | None] = {}
        self._con: sqlite3.Connection | None = None
        meta = self._rows("SELECT target, hops FROM meta")
        self.target, self.limit = str(meta[0][0]), int(meta[0][1])

    def _rows(self, sql: str, args: tuple[object, ...] = ()) -> list[Any]:
        try:
            if self._con is None:
                self._con = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
            return self._con.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise self._error(f"{self._path} cannot be read ({exc}); rebuild it with `tmekg build --force`") from None

    def _read(self, node: str) -> bool:
        """Read ``node``'s row (its edges, and the distances of their targets); ``False`` when it is no node."""
        if node in self._edges:
            return True
        rows = self._rows("SELECT hops, edges FROM node WHERE id = ?", (node,))
        if not rows:
            return False
        hops, blob = rows[0]
        try:
            edges, distances = pickle.loads(blob)  # our own store, its file checksummed in the manifest
        except (EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError) as exc:
            raise self._error(f"{self._path} holds a node that does not load ({exc}); rebuild it with "
                              "`tmekg build --force`") from None  # fmt: skip
        self._edges[node] = edges
        self._hop[node] = hops
        for edge, hop in zip(edges, distances, strict=True):
            self._hop.setdefault(edge.target, hop)
        return True

    def _hops(self, node: str) -> int | None:
        if node not in self._hop:
            self._read(node)
        return self._hop.get(node)

    def __contains__(self, node: object) -> bool:
        if self._whole is not None:
            return node in self._whole
        return isinstance(node, str) and self._read(node)

    def out_edges(self, node: str) -> Sequence[Edge]:
        if self._whole is not None:
            return self._whole.out_edges(node)
        return self._edges[node] if self._read(node) else ()

    def distances_to(self, target: str, limit: int) -> Mapping[str, int]:
        """Hops to ``target`` from the nodes within ``limit``: read per node for the stored target, else from the
        whole graph (read once)."""
        if self._whole is None and target == self.target and limit <= self.limit:
            return _Distances(self, limit)
        if self._whole is None:
            self._whole = self._whole_loader()
        return self._whole.distances_to(target, limit)
