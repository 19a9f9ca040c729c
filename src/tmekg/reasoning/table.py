"""The interactions as a table of positions: what the therapy reasoning reads of each interaction (id, process,
ligand, receptor, whether it helps the tumor, its evidence weight) by table position, the positions using each
entity in each role, and the escape-route candidates grouped by what would make them one.

:func:`tmekg.reasoning.blocking.block` works on positions and turns into records only the interactions its answer
lists, so a therapy answer over a stored graph reads the records it shows, not every interaction: the store
(``tmekg.store``) keeps this table beside the records and fetches records by position on demand. For a graph held
in memory the table is built from it once (:func:`interaction_table`) and records are the graph's own.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, overload

from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction
from tmekg.vocab import Mechanism

__all__ = ["TABLE_LOADER", "Fetch", "InteractionTable", "Materialized", "interaction_table"]

#: Records of interactions by table position, in the order asked.
Fetch = Callable[[Sequence[int]], list[Interaction]]
T = TypeVar("T")

_ROLES = ("source", "ligand", "receptor", "mediator", "target")
_CACHE_KEY = "interaction_table"


@dataclass
class InteractionTable:
    """Columns by table position and the indexes of positions the therapy reasoning asks for.

    ``pro_by_process``, ``pro_suppressing_by_target`` and ``loss_by_molecule`` hold only interactions that help the
    tumor (:meth:`KnowledgeGraph.tumor_sign` > 0): the first two those that are not a loss of function, grouped by
    process and (for those that lower their target or suppress it) by receiving cell; the last the loss-of-function
    ones, by each molecule that goes down in them (``lost`` keeps those molecules in the row's order).
    """

    ids: list[str]
    process: list[str]
    ligand: list[str | None]
    receptor: list[str | None]
    helps_tumor: bytes
    weight: list[float]
    by_role: dict[str, dict[str, list[int]]]
    pro_by_process: dict[str, list[int]]
    pro_suppressing_by_target: dict[str, list[int]]
    lost: dict[int, tuple[str, ...]]
    loss_by_molecule: dict[str, list[int]]
    fetch: Fetch | None = field(default=None, repr=False, compare=False)
    #: Records come from a store, read on demand (answers list them as they are read).
    stored: bool = field(default=False, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["fetch"] = None  # bound again by whoever opens it (the graph's records, or the store's)
        state["stored"] = False
        return state

    def bind(self, fetch: Fetch, *, stored: bool) -> InteractionTable:
        """Give the table its records: ``fetch`` reads them by position; ``stored`` when it reads a store."""
        self.fetch, self.stored = fetch, stored
        return self

    @classmethod
    def build(cls, kg: KnowledgeGraph) -> InteractionTable:
        """The table of ``kg``'s interactions (records fetched from ``kg`` itself)."""
        from tmekg.reasoning.signed import EVIDENCE_WEIGHT

        intern = sys.intern
        by_role: dict[str, dict[str, list[int]]] = {role: {} for role in _ROLES}
        pro_by_process: dict[str, list[int]] = {}
        suppressing: dict[str, list[int]] = {}
        lost: dict[int, tuple[str, ...]] = {}
        loss_by_molecule: dict[str, list[int]] = {}
        helps = bytearray(len(kg.interactions))
        for n, inter in enumerate(kg.interactions):
            for role, value in (("source", inter.source), ("ligand", inter.ligand), ("receptor", inter.receptor),
                                ("target", inter.target)):  # fmt: skip
                if value:
                    by_role[role].setdefault(intern(value), []).append(n)
            for mediator in dict.fromkeys(inter.mediators):
                by_role["mediator"].setdefault(intern(mediator), []).append(n)
            if kg.tumor_sign(inter) <= 0:
                continue
            helps[n] = 1
            if inter.is_loss:
                down = tuple(intern(c.molecule) for c in inter.directions if c.direction.sign < 0)
                lost[n] = down
                for molecule in dict.fromkeys(down):
                    loss_by_molecule.setdefault(molecule, []).append(n)
                continue
            pro_by_process.setdefault(intern(inter.process), []).append(n)
            if inter.target and (inter.effect < 0 or inter.mechanism is Mechanism.SUPPRESSION):
                suppressing.setdefault(intern(inter.target), []).append(n)
        table = cls(
            ids=[i.id for i in kg.interactions],
            process=[intern(i.process) for i in kg.interactions],
            ligand=[intern(i.ligand) if i.ligand else None for i in kg.interactions],
            receptor=[intern(i.receptor) if i.receptor else None for i in kg.interactions],
            helps_tumor=bytes(helps),
            weight=[EVIDENCE_WEIGHT[i.evidence_level] for i in kg.interactions],
            by_role=by_role,
            pro_by_process=pro_by_process,
            pro_suppressing_by_target=suppressing,
            lost=lost,
            loss_by_molecule=loss_by_molecule,
        )
        records = kg.interactions
        return table.bind(lambda positions: [records[n] for n in positions], stored=False)

    def __len__(self) -> int:
        return len(self.ids)

    def using(self, role: str, ids: Iterable[str]) -> list[int]:
        """Positions of the interactions using any of ``ids`` in ``role``, each once, in table order."""
        index = self.by_role[role]
        found: set[int] = set()
        for value in ids:
            found.update(index.get(value, ()))
        return sorted(found)

    def records(self, positions: Sequence[int]) -> list[Interaction]:
        """The interaction records at ``positions``, in that order."""
        if self.fetch is None:
            raise RuntimeError("the interaction table is not bound to its records")
        return self.fetch(positions)

    def materialized(self, positions: Sequence[int], make: Callable[[Interaction, int], T]) -> Sequence[T]:
        """``make(record, position)`` for each of ``positions``: at once when the records are in memory, as they are
        read (:class:`Materialized`) when the table reads them from a store."""
        if not self.stored:
            return tuple(map(make, self.records(positions), positions))
        return Materialized(list(positions), lambda chunk: list(map(make, self.records(chunk), chunk)))


class Materialized(Sequence[T]):
    """A sequence whose items are made on access, a slice at a time: its length is known without reading any
    record, ``answer[:20]`` reads twenty."""

    def __init__(self, keys: list[int], make: Callable[[list[int]], list[T]]) -> None:
        self._keys = keys
        self._make = make

    def __len__(self) -> int:
        return len(self._keys)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return self._make(self._keys[index])
        return self._make([self._keys[index]])[0]

    def __iter__(self) -> Iterator[T]:
        for start in range(0, len(self._keys), 2000):
            yield from self._make(self._keys[start : start + 2000])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


def interaction_table(kg: KnowledgeGraph) -> InteractionTable:
    """The table of ``kg``: for a graph's core read from a store (which holds no interaction records), the store's
    table (read on first use); else built from the graph's records once and kept with it."""
    return kg.cached(_CACHE_KEY, _open_or_build)


#: Where a store leaves the loader of its table on a core graph (:meth:`tmekg.store.Store.core`).
TABLE_LOADER = "interaction_table_loader"


def _open_or_build(kg: KnowledgeGraph) -> InteractionTable:
    loader: Callable[[], InteractionTable] | None = kg._cache.get(TABLE_LOADER)
    return loader() if loader is not None else InteractionTable.build(kg)
