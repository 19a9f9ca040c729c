"""The persistent embedded store: the validated graph, its signed reasoning graph and its RDF view, built once per
seed version and opened by every later call.

A store lives in ``<root>/<key>/`` where ``key`` is a SHA-256 of the tmekg version and every seed table's bytes, so a
changed seed (or a new tmekg) gets a new store and an old one is never used for it. ``root`` is the ``--store`` or
``TMEKG_STORE`` directory, else the user cache directory (``platformdirs``); ``TMEKG_STORE=off`` turns the store off.

Layout: ``kg.pickle`` (the validated :class:`~tmekg.kg.KnowledgeGraph` with its interaction and name indexes),
``core.pickle`` (the same graph without its interactions, with the name index: what resolving a name, labelling an
id and a path search need), ``interactions.sqlite`` (each interaction record by its table position and id, and
which entities take part in it: an entity's interactions are read on demand, and the ids in SPARQL order),
``signed.sqlite`` (the signed graph's
out-edges per node, with distances to tumor growth, read per node by a path search on the core), ``table.pickle``
(the :class:`~tmekg.reasoning.table.InteractionTable` a therapy answer reads instead of the
records: it reads only the records it lists), ``signed.pickle`` (the :class:`~tmekg.reasoning.signed.SignedGraph`),
``rdf/`` (an on-disk Oxigraph store) and
``manifest.json``, written last, with the key, the counts and a SHA-256 of each other file. A store is built in a
fresh directory beside the final one and renamed into place in one step, under a lock file, so readers never see a
half-built store and two builders do not both build; a store whose manifest is missing or whose checksums do not
match is rebuilt, never used.

The pickles are read only from the store this module wrote (their checksums are in the manifest), never from files
a user hands over; records are rebuilt without validation because they were validated when the store was built.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import pickle
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from tmekg import __version__
from tmekg.errors import InputError
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction
from tmekg.reasoning.signed import PATH_GRAPH, SignedGraph, signed_graph
from tmekg.reasoning.table import TABLE_LOADER, InteractionTable
from tmekg.seed import MANIFEST, TABLES, load
from tmekg.signed_store import StoredSignedGraph, write_signed
from tmekg.store_rows import FREEZE_ABOVE, InteractionRows, StoreCorrupt, collector_paused, write_interactions
from tmekg.vocab import TUMOR_GROWTH

__all__ = [
    "Store",
    "StoreCorrupt",
    "StoreStatus",
    "build",
    "load_graph",
    "open_store",
    "seed_key",
    "status",
    "store_root",
]

_FORMAT = 3
_MANIFEST = "manifest.json"
_INTERACTIONS = "interactions.sqlite"
_SIGNED_NODES = "signed.sqlite"
#: Hops for which distances to tumor growth are precomputed (the deepest default path search).
_DISTANCE_HOPS = 12

Progress = Callable[[str], None]
T = TypeVar("T")


def store_root(given: Path | None = None) -> Path | None:
    """Where stores live: ``given``, ``$TMEKG_STORE``, else the user cache directory; ``None`` when the store is
    turned off (``TMEKG_STORE=off``)."""
    if given is not None:
        return given
    env = os.environ.get("TMEKG_STORE")
    if env is not None:
        return None if env.lower() in {"off", "0", "no", "none", ""} else Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tmekg")) / "stores"


@functools.cache
def _code_fingerprint() -> str:
    """A hash of tmekg's own code and ontology: a store built by other code is never used."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.ttl")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def seed_key(seed_dir: Path) -> str:
    """The store key of a seed directory: tmekg version and code, store format, every table's name and bytes."""
    digest = hashlib.sha256(f"tmekg {__version__} store {_FORMAT} {_code_fingerprint()}\n".encode())
    # what the reader checks beyond the bytes: the directory's file names and each table's file type (a symlink
    # or a special file is refused by the reader, so it must never share a key with a regular file's content)
    digest.update("\0".join(sorted(p.name for p in seed_dir.iterdir())).encode() + b"\n")
    for filename in (*(table.filename for table in TABLES), MANIFEST):  # the reader checks the manifest too
        path = seed_dir / filename
        digest.update(filename.encode() + b"\0")
        if path.is_symlink():
            digest.update(b"symlink to " + os.fsencode(os.readlink(path)) + b"\0")
        if path.exists() and not path.is_file():
            digest.update(f"special file {path.stat().st_mode:o}".encode())  # never read here (a FIFO blocks)
        elif path.is_file():
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class StoreStatus:
    """Whether a seed's store exists and is complete."""

    path: Path
    key: str
    current: bool
    reason: str


def status(seed_dir: Path, root: Path, *, verify: bool = False) -> StoreStatus:
    """Is the store of ``seed_dir`` under ``root`` built and intact? The manifest (written last) says it is
    complete and the files have their recorded sizes; ``verify`` also compares their SHA-256."""
    key = seed_key(seed_dir)
    path = root / key
    manifest = path / _MANIFEST
    if not manifest.is_file():
        return StoreStatus(path, key, False, "not built" if not path.exists() else "incomplete (no manifest)")
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return StoreStatus(path, key, False, "manifest unreadable")
    if data.get("key") != key or data.get("format") != _FORMAT:
        return StoreStatus(path, key, False, "manifest of another seed or format")
    sizes = data.get("sizes", {})
    for name, digest in data.get("checksums", {}).items():
        file = path / name
        if not file.is_file() or file.stat().st_size != sizes.get(name) or (verify and _sha256(file) != digest):
            return StoreStatus(path, key, False, f"{name} is missing or corrupt")
    if not (path / "rdf").is_dir():
        return StoreStatus(path, key, False, "rdf store missing")
    return StoreStatus(path, key, True, "current")


@contextlib.contextmanager
def _lock(root: Path, key: str) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with (root / f"{key}.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(seed_dir: Path, root: Path, *, progress: Progress | None = None, force: bool = False) -> StoreStatus:
    """Build the store of ``seed_dir`` under ``root`` unless a current one exists (``force`` rebuilds).

    Raises :class:`~tmekg.errors.SeedError` when the seed does not validate (nothing is written).
    """
    say = progress or (lambda _message: None)
    key = seed_key(seed_dir)
    with _lock(root, key):
        found = status(seed_dir, root)
        if found.current and not force:
            return found
        work = root / f".build-{key}-{os.getpid()}"
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
        try:
            with collector_paused():
                _write(seed_dir, key, work, say)
            target = root / key
            if target.exists():
                shutil.rmtree(target)  # an incomplete or corrupt store of this key, never a current one
            os.replace(work, target)
        finally:
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)
        return status(seed_dir, root)


def _write(seed_dir: Path, key: str, work: Path, say: Progress) -> None:
    """Build every store file of ``seed_dir`` in ``work``, the manifest last."""
    from tmekg.backends.rdf import to_rdf

    say("reading and validating the seed")
    kg = load(seed_dir)
    kg.index  # noqa: B018 -- built now, so it is stored with the graph
    kg.names  # noqa: B018 -- likewise
    say(f"building the signed graph ({len(kg.interactions)} interactions)")
    graph = signed_graph(kg)
    graph.distances_to(TUMOR_GROWTH, _DISTANCE_HOPS)
    _pickle(graph, work / "signed.pickle")
    write_signed(graph, TUMOR_GROWTH, _DISTANCE_HOPS, work / _SIGNED_NODES)
    kg._cache.pop("signed_graph", None)
    del graph  # each part is written and dropped before the next is built: at 10^6 interactions they add up
    _pickle(InteractionTable.build(kg), work / "table.pickle")
    say("building the RDF store")
    rdf = to_rdf(kg, path=work / "rdf")
    inner: Any = rdf.store
    triples = len(inner._inner)  # the Oxigraph store's own count (rdflib's len iterates every triple)
    rdf.store.close()
    del rdf
    kg._cache.pop("edge_records", None)  # shared by the signed graph and the RDF view; neither needs it now
    say("writing the store")
    core = replace(kg, interactions=())
    core._cache["names"] = kg.names
    _pickle(kg, work / "kg.pickle")
    _pickle(core, work / "core.pickle")
    write_interactions(kg, work / _INTERACTIONS)
    checksums, sizes = {}, {}
    for name in ("kg.pickle", "core.pickle", "signed.pickle", "table.pickle", _INTERACTIONS, _SIGNED_NODES):
        checksums[name] = _sha256(work / name)
        sizes[name] = (work / name).stat().st_size
    manifest = {
        "format": _FORMAT,
        "key": key,
        "tmekg": __version__,
        "seed": str(seed_dir),
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "interactions": len(kg.interactions),
        "triples": triples,
        "checksums": checksums,
        "sizes": sizes,
    }
    (work / _MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def _pickle(value: object, path: Path) -> None:
    with path.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)


@dataclass
class Store:
    """An opened store: the graph, the signed graph (loaded on first use) and the RDF view (read-only)."""

    path: Path
    manifest: dict[str, Any]

    def _load(self, name: str, kind: type[T], what: str) -> T:
        """The object pickled in ``name``, of type ``kind``; :class:`StoreCorrupt` (saying it should hold ``what``)
        when the file does not load or holds something else."""
        large = int(self.manifest.get("interactions", 0)) > FREEZE_ABOVE
        try:
            with collector_paused(freeze=large), (self.path / name).open("rb") as handle:
                value = pickle.load(handle)  # our own store, its files recorded in the manifest
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError) as exc:
            raise StoreCorrupt(f"{self.path / name} does not load ({exc})") from None
        if not isinstance(value, kind):
            raise StoreCorrupt(f"{self.path / name} does not hold {what}")
        return value

    def graph(self) -> KnowledgeGraph:
        """The stored graph; :class:`StoreCorrupt` when the file does not load."""
        return self._load("kg.pickle", KnowledgeGraph, "a knowledge graph")

    def core(self) -> KnowledgeGraph:
        """The stored graph without its interactions, with its name index: every entity, reference, therapy action,
        requirement and trial (for resolving names, labelling ids and, with :meth:`attach_signed_graph`, finding
        paths); :meth:`around` adds the interactions of given entities, and the therapy reasoning reads the stored
        :meth:`table` (on first use) and the records it lists. :class:`StoreCorrupt` when it does not load."""
        kg = self._load("core.pickle", KnowledgeGraph, "the graph's core")
        if kg.interactions:
            raise StoreCorrupt(f"{self.path / 'core.pickle'} does not hold the graph's core")
        kg._cache[TABLE_LOADER] = self.table
        return kg

    def table(self) -> InteractionTable:
        """The stored interaction table, bound to the records of this store (read by position on demand)."""
        table = self._load("table.pickle", InteractionTable, "the interaction table")
        if len(table) != self.interaction_count():
            raise StoreCorrupt(f"{self.path / 'table.pickle'} does not hold the interaction table")
        return table.bind(self.records_at, stored=True)

    @functools.cached_property
    def _rows(self) -> InteractionRows:
        return InteractionRows(self.path / _INTERACTIONS)

    def records_at(self, positions: Sequence[int]) -> list[Interaction]:
        """The interaction records at table ``positions``, in that order."""
        return self._rows.at(positions)

    def around(self, core: KnowledgeGraph, entity_ids: Iterable[str]) -> KnowledgeGraph:
        """``core`` (from :meth:`core`) with the interactions that go out of or into any of ``entity_ids``, in table
        order: for those entities, :meth:`KnowledgeGraph.interactions_of` answers as on the whole graph."""
        kg = replace(core, interactions=tuple(self._rows.using(entity_ids)))
        kg._cache["names"] = core.names
        return kg

    def interaction_ids(self, offset: int, count: int) -> list[str]:
        """Interaction ids in code point order (SPARQL's order of their ``dcterms:identifier``), from ``offset``."""
        return self._rows.ids(offset, count)

    def interaction_count(self) -> int:
        return int(self.manifest.get("interactions", 0))

    def attach_signed_graph(self, kg: KnowledgeGraph) -> None:
        """Give ``kg`` the stored signed graph, so reasoning does not rebuild it: a graph's core (:meth:`core`) the
        graph read per node (:class:`~tmekg.signed_store.StoredSignedGraph`), a whole graph the whole one."""
        if not kg.interactions and TABLE_LOADER in kg._cache:
            if PATH_GRAPH not in kg._cache:
                kg._cache[PATH_GRAPH] = StoredSignedGraph(self.path / _SIGNED_NODES, self.signed_graph, StoreCorrupt)
            return
        if "signed_graph" not in kg._cache:
            kg._cache["signed_graph"] = self.signed_graph()

    def signed_graph(self) -> SignedGraph:
        """The whole stored signed graph; :class:`StoreCorrupt` when it does not load."""
        return self._load("signed.pickle", SignedGraph, "the signed graph")

    def oxigraph(self) -> Any:
        """The RDF view as the on-disk Oxigraph store itself (a pyoxigraph ``Store``), read-only: a query runs on it
        without rdflib."""
        from tmekg.backends.oxstore import open_read_only

        return open_read_only(self.path / "rdf")

    def rdf(self) -> Any:
        """The RDF view as an rdflib Graph on the on-disk Oxigraph store, read-only."""
        from tmekg.backends.rdf import open_rdf

        return open_rdf(self.path / "rdf")


def open_store(seed_dir: Path, root: Path, *, progress: Progress | None = None) -> Store:
    """The current store of ``seed_dir`` under ``root``, built first when it is missing, stale or incomplete."""
    found = status(seed_dir, root)
    if not found.current:
        found = build(seed_dir, root, progress=progress)
    if not found.current:
        raise InputError(f"the store at {found.path} could not be built ({found.reason})")
    manifest = json.loads((found.path / _MANIFEST).read_text(encoding="utf-8"))
    return Store(found.path, manifest)


def load_graph(
    seed_dir: Path,
    root: Path | None,
    *,
    reasoning: bool = False,
    core: bool = False,
    progress: Progress | None = None,
) -> tuple[KnowledgeGraph, Store | None]:
    """The graph of ``seed_dir``: from its store under ``root`` (built when needed; rebuilt once when a file of it
    is corrupt), or read and validated directly when ``root`` is ``None``. With ``reasoning``, the stored signed
    graph comes with it; with ``core``, a stored graph comes without its interactions (:meth:`Store.core`; a graph
    read from the seed is whole)."""
    if root is None:
        return load(seed_dir), None
    store = open_store(seed_dir, root, progress=progress)
    try:
        kg = store.core() if core else store.graph()
    except StoreCorrupt:
        build(seed_dir, root, progress=progress, force=True)
        store = open_store(seed_dir, root, progress=progress)
        kg = store.core() if core else store.graph()
    if reasoning:
        store.attach_signed_graph(kg)
    return kg, store
