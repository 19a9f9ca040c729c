"""Neo4j 5 backend: load a knowledge graph through a driver, run Cypher read-only.

The graph model and the rows are pure and live in :mod:`tmekg.backends.neo4j_rows`; this module does the I/O,
always through a driver the caller passes in. A load is idempotent and restartable:

1. a uniqueness constraint on ``id`` for every tmekg label (``CREATE CONSTRAINT … IF NOT EXISTS``);
2. with ``wipe=True``, the ``:Tmekg`` nodes (and only those) are deleted, in batches;
3. nodes, batched: ``UNWIND $rows AS row MERGE (n:Label {id: row.id}) SET n = row SET n:Tmekg``;
4. relationships, batched: ``MATCH`` both ends by id, ``MERGE`` the relationship.

Each batch is its own write transaction, so a load interrupted anywhere and run again converges to the full
graph. Values travel as parameters; labels and types come from the closed enums of ``neo4j_rows``. A rerun
without ``wipe`` never deletes: records or relationships removed from the seed since the last load stay until a
load with ``wipe=True``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, ManagedTransaction, Record, ResultSummary
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath

from tmekg.backends.neo4j_rows import (
    EdgeGroup,
    NodeGroup,
    NodeLabel,
    RelType,
    constraint_statements,
    edge_rows,
    node_rows,
)
from tmekg.errors import InputError
from tmekg.kg import KnowledgeGraph
from tmekg.queries import load_query

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "GraphCounts",
    "LoadSummary",
    "Notice",
    "ProgressCallback",
    "QueryResult",
    "constraint_statements",
    "edge_query",
    "graph_counts",
    "load",
    "node_query",
    "notices",
    "query_parameters",
    "run_named",
    "run_query",
    "to_plain",
    "wipe_tmekg",
]

#: ``progress(stage, done, total)`` after each batch; stages are ``wipe``, ``nodes`` and ``relationships``.
ProgressCallback = Callable[[str, int, int], None]

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _name(value: NodeLabel | RelType) -> str:
    """A label or type from the closed enums, checked once more before it enters a query's text."""
    if not isinstance(value, NodeLabel | RelType) or not _NAME.fullmatch(value.value):
        raise TypeError(f"not a tmekg label or relationship type: {value!r}")
    return value.value


def node_query(group: NodeGroup, *, create: bool = False) -> str:
    """The batched MERGE of one node group; ``SET n = row`` drops stale properties, labels are kept.

    With ``create`` (a database that holds no tmekg node yet) the nodes are created without looking them up.
    """
    if create:
        labels = "".join(f":{_name(label)}" for label in group.labels)
        return f"UNWIND $rows AS row CREATE (n{labels}) SET n = row"
    extra = "".join(f":{_name(label)}" for label in group.labels if label is not group.label)
    return f"UNWIND $rows AS row MERGE (n:{_name(group.label)} {{id: row.id}}) SET n = row SET n{extra}"


def edge_query(group: EdgeGroup, *, create: bool = False) -> str:
    """The batched MERGE of one relationship group; returns how many rows found both ends.

    With ``create`` (a database that holds no tmekg node before this load) the relationship is created without
    the check for an existing one, which MERGE pays on every row and which grows with the degree of the end nodes.
    """
    props = " SET r = row.props" if group.properties else ""
    verb = "CREATE" if create else "MERGE"
    return (
        f"UNWIND $rows AS row MATCH (a:{_name(group.start)} {{id: row.start}}) "
        f"MATCH (b:{_name(group.end)} {{id: row.end}}) "
        f"{verb} (a)-[r:{_name(group.type)}]->(b){props} RETURN count(r) AS merged"
    )


@dataclass
class LoadSummary:
    """What a load did, from the driver's result counters."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    labels_added: int = 0
    constraints_added: int = 0
    batches: int = 0
    #: nodes merged per group (most specific label), e.g. ``{"Protein": 32}``
    nodes: dict[str, int] = field(default_factory=dict)
    #: relationships merged per type
    relationships: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    relationship_seconds: float = 0.0
    #: ``create`` when the database held no tmekg node, so nothing had to be merged; else ``merge``
    mode: str = "merge"

    def add_counters(self, counters: Any) -> None:
        self.nodes_created += counters.nodes_created
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_created += counters.relationships_created
        self.relationships_deleted += counters.relationships_deleted
        self.properties_set += counters.properties_set
        self.labels_added += counters.labels_added
        self.constraints_added += counters.constraints_added


def _batches(rows: Sequence[dict[str, Any]], size: int) -> list[Sequence[dict[str, Any]]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _write_batch(tx: ManagedTransaction, query: str, rows: Sequence[dict[str, Any]]) -> tuple[int, Any]:
    result = tx.run(query, rows=list(rows))
    record = result.single()
    merged = int(record["merged"]) if record is not None and "merged" in record else len(rows)
    return merged, result.consume().counters


def _delete_batch(tx: ManagedTransaction, query: str, limit: int) -> tuple[int, Any]:
    result = tx.run(query, limit=limit)
    record = result.single()
    return (int(record["deleted"]) if record else 0), result.consume().counters


def _wipe_queries() -> list[str]:
    """Relationships first, type by type (so no transaction deletes a dense node's thousands at once), then nodes."""
    rels = [
        f"MATCH (:Tmekg)-[r:{_name(rel)}]->() WITH r LIMIT $limit DELETE r RETURN count(*) AS deleted"
        for rel in RelType
    ]
    return [*rels, "MATCH (n:Tmekg) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"]


def wipe_tmekg(
    driver: Driver,
    *,
    database: str | None = None,
    batch_size: int = 1000,
    progress: ProgressCallback | None = None,
    summary: LoadSummary | None = None,
) -> int:
    """Delete every ``:Tmekg`` node and its relationships, ``batch_size`` per transaction; other nodes stay.

    Returns the number of nodes deleted. ``progress("wipe", done, total)`` counts relationships and nodes.
    """
    summary = summary if summary is not None else LoadSummary()
    with driver.session(database=database) as session:
        counted = session.run("MATCH (n:Tmekg) RETURN count(n) + sum(COUNT { (n)-->() }) AS c")
        total = int(counted.single(strict=True)["c"])
        before = summary.nodes_deleted
        done = 0
        for query in _wipe_queries():
            while True:
                count, counters = session.execute_write(_delete_batch, query, batch_size)
                summary.add_counters(counters)
                if count == 0:
                    break
                summary.batches += 1
                done += count
                if progress:
                    progress("wipe", min(done, total), total)
    return summary.nodes_deleted - before


#: Rows per transaction unless the caller says otherwise (measured in benchmarks/neo4j_load.py).
DEFAULT_BATCH_SIZE = 10_000


def _holds_tmekg(driver: Driver, database: str | None) -> bool:
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:
        return bool(session.run("RETURN EXISTS { MATCH (:Tmekg) } AS found").single(strict=True)["found"])


def load(
    driver: Driver,
    kg: KnowledgeGraph,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wipe: bool = False,
    progress: ProgressCallback | None = None,
) -> LoadSummary:
    """Load ``kg`` into the database behind ``driver`` (idempotent; see the module docstring).

    Into a database that holds no ``:Tmekg`` node (a first load, or after ``wipe``) nodes and relationships are
    created outright; otherwise they are merged. Either way the result is the same graph.

    ``progress(stage, done, total)`` is called after each batch; an exception it raises stops the load, and a
    later load completes it.
    """
    if batch_size < 1:
        raise InputError(f"batch size must be at least 1, not {batch_size}")
    nodes = node_rows(kg)
    edges = edge_rows(kg)
    summary = LoadSummary()
    started = time.perf_counter()
    with driver.session(database=database) as session:
        for statement in constraint_statements():
            summary.add_counters(session.run(statement).consume().counters)
    if wipe:
        wipe_tmekg(driver, database=database, batch_size=batch_size, progress=progress, summary=summary)
    create = not _holds_tmekg(driver, database)
    summary.mode = "create" if create else "merge"
    with driver.session(database=database, default_access_mode=WRITE_ACCESS) as session:
        total = sum(len(rows) for rows in nodes.values())
        done = 0
        for group, rows in nodes.items():
            query = node_query(group, create=create)
            for batch in _batches(rows, batch_size):
                merged, counters = session.execute_write(_write_batch, query, batch)
                summary.add_counters(counters)
                summary.batches += 1
                summary.nodes[group.name] = summary.nodes.get(group.name, 0) + merged
                done += len(batch)
                if progress:
                    progress("nodes", done, total)
        rel_started = time.perf_counter()
        total = sum(len(rows) for rows in edges.values())
        done = 0
        for edge_group, rows in edges.items():
            query = edge_query(edge_group, create=create)
            name = edge_group.type.value
            for batch in _batches(rows, batch_size):
                merged, counters = session.execute_write(_write_batch, query, batch)
                summary.add_counters(counters)
                summary.batches += 1
                summary.relationships[name] = summary.relationships.get(name, 0) + merged
                done += len(batch)
                if progress:
                    progress("relationships", done, total)
    ended = time.perf_counter()
    summary.seconds = ended - started
    summary.relationship_seconds = ended - rel_started
    return summary


@dataclass(frozen=True)
class GraphCounts:
    """What tmekg's part of a database holds: ``:Tmekg`` nodes per label and relationships per type."""

    nodes: dict[str, int]
    relationships: dict[str, int]


def graph_counts(driver: Driver, *, database: str | None = None) -> GraphCounts:
    """Count ``:Tmekg`` nodes per label (``Tmekg`` itself included) and relationships between them per type."""
    with driver.session(database=database, default_access_mode=READ_ACCESS) as session:

        def work(tx: ManagedTransaction) -> GraphCounts:
            labels = tx.run("MATCH (n:Tmekg) UNWIND labels(n) AS label RETURN label, count(*) AS c")
            nodes = {str(r["label"]): int(r["c"]) for r in labels}
            types = tx.run("MATCH (:Tmekg)-[r]->(:Tmekg) RETURN type(r) AS type, count(*) AS c")
            return GraphCounts(nodes, {str(r["type"]): int(r["c"]) for r in types})

        return session.execute_read(work)


# -- queries ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """A notification the server attached to a query's result (a deprecation, a hint, a warning)."""

    severity: str
    classification: str
    status: str
    description: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = f", line {self.line}, column {self.column}" if self.line is not None else ""
        return f"{self.description} ({self.classification.lower()}, GQL status {self.status}{where})"


@dataclass(frozen=True)
class QueryResult:
    """The rows of a query as plain Python values (nodes and relationships as maps), and the server's notices."""

    columns: list[str]
    rows: list[dict[str, Any]]
    query_type: str | None = None
    notices: tuple[Notice, ...] = ()
    #: whether rows were left out because of the row limit
    truncated: bool = False


def notices(summary: ResultSummary) -> tuple[Notice, ...]:
    """The notifications of a result summary (its GQL status objects that are notifications)."""
    found = []
    for status in summary.gql_status_objects:
        if not status.is_notification:
            continue
        position = status.position
        found.append(
            Notice(
                str(status.raw_severity or status.severity),
                str(status.raw_classification or status.classification),
                status.gql_status,
                status.status_description,
                position.line if position else None,
                position.column if position else None,
            )
        )
    return tuple(found)


def to_plain(value: Any) -> Any:
    """A Cypher value as JSON-ready Python: a node is ``{"labels", "properties"}``, a relationship
    ``{"type", "start", "end", "properties"}`` (ends by ``id`` when they have one), a path a list of both."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), "properties": {k: to_plain(v) for k, v in sorted(value.items())}}
    if isinstance(value, Relationship):
        start, end = value.start_node, value.end_node
        return {
            "type": value.type,
            "start": start.get("id", start.element_id) if start is not None else None,
            "end": end.get("id", end.element_id) if end is not None else None,
            "properties": {k: to_plain(v) for k, v in sorted(value.items())},
        }
    if isinstance(value, GraphPath):
        parts: list[Any] = [to_plain(value.nodes[0])]
        for rel, node in zip(value.relationships, value.nodes[1:], strict=True):
            parts += [to_plain(rel), to_plain(node)]
        return parts
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # temporal, spatial and byte values


def _collect(tx: ManagedTransaction, query: str, params: Mapping[str, Any], limit: int | None = None) -> QueryResult:
    result = tx.run(query, dict(params))
    columns = list(result.keys())
    records: list[Record] = []
    truncated = False
    for record in result:  # streamed in batches: a row limit stops the fetch, not just the printing
        if limit is not None and len(records) >= limit:
            truncated = True
            break
        records.append(record)
    summary = result.consume()  # discards what is left on the server
    rows = [{key: to_plain(record[key]) for key in columns} for record in records]
    return QueryResult(columns, rows, summary.query_type, notices(summary), truncated)


#: Cypher that makes the server fetch a URL or touch its file system: LOAD CSV, and APOC's loaders and importers.
_NETWORK_CYPHER = re.compile(r"\bLOAD\s+CSV\b|\bapoc\.(?:load|import|export)\.", re.IGNORECASE)
_CYPHER_COMMENT_OR_STRING = re.compile(r"//[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.DOTALL)


def network_clause(query: str) -> str | None:
    """The clause of ``query`` that would make the server fetch a URL (``LOAD CSV``, ``apoc.load.*``), comments and
    string literals aside; ``None`` when there is none.

    >>> network_clause("LOAD CSV FROM 'http://x' AS row RETURN row")
    'LOAD CSV'
    >>> network_clause("MATCH (n {note: 'load csv here'}) RETURN n // LOAD CSV") is None
    True
    """
    found = _NETWORK_CYPHER.search(_CYPHER_COMMENT_OR_STRING.sub(" ", query))
    if found is None:
        return None
    clause = found.group(0).rstrip(".")
    return "LOAD CSV" if clause[:1] in "lL" else clause.lower()


def run_query(
    driver: Driver,
    query: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str | None = None,
    write: bool = False,
    limit: int | None = None,
    time_limit: float | None = None,
    allow_network: bool = False,
) -> QueryResult:
    """Run one Cypher query with parameters, read-only unless ``write``.

    A read-only run happens in a read transaction of a read-access session: the server refuses any write
    (``Neo.ClientError.Statement.AccessMode``). ``limit`` stops fetching after that many rows (``truncated``
    says so); ``time_limit`` is the transaction timeout the server enforces (seconds). A query that would make
    the server fetch a URL (``LOAD CSV``, ``apoc.load.*``) is refused unless ``allow_network``.
    """
    from neo4j import unit_of_work

    clause = None if allow_network else network_clause(query)
    if clause:
        raise InputError(
            f"the query uses {clause}, which makes the server fetch a URL or file; it is refused unless you pass "
            "--allow-network"
        )
    for name, value in (params or {}).items():
        _check_bolt_value(name, value)

    @unit_of_work(timeout=time_limit)
    def work(tx: ManagedTransaction) -> QueryResult:
        return _collect(tx, query, params or {}, limit)

    mode = WRITE_ACCESS if write else READ_ACCESS
    with driver.session(database=database, default_access_mode=mode) as session:
        # the query text is the user's own by design; values still travel as parameters
        if write:
            return session.execute_write(work)
        return session.execute_read(work)


_INT64 = range(-(2**63), 2**63)


def _check_bolt_value(name: str, value: Any) -> None:
    """Refuse a parameter Bolt cannot carry: an integer outside 64 bits (the driver would raise OverflowError).

    >>> _check_bolt_value("n", [1, {"k": 2**63}])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tmekg.errors.InputError: --param n: 9223372036854775808 is outside Neo4j's 64-bit integer range ...
    """
    if isinstance(value, bool):
        return
    if isinstance(value, int) and value not in _INT64:
        raise InputError(
            f"--param {name}: {value} is outside Neo4j's 64-bit integer range (write it as a string or a float)"
        )
    items = value.values() if isinstance(value, Mapping) else value if isinstance(value, list) else ()
    for item in items:
        _check_bolt_value(name, item)


_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def query_parameters(text: str) -> set[str]:
    """The ``$name`` parameters a Cypher text uses (``//`` comment lines ignored)."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return set(_PARAMETER.findall(body))


def run_named(
    driver: Driver,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    database: str | None = None,
    directory: Path | None = None,
) -> QueryResult:
    """Run a catalogue query ``queries/cypher/<name>.cypher`` read-only with ``params`` (``directory`` is a
    catalogue root holding ``cypher/``)."""
    text = load_query("cypher", name, directory).text
    given = dict(params or {})
    missing = sorted(query_parameters(text) - given.keys())
    if missing:
        raise InputError(f"query {name!r} needs parameter(s): {', '.join('$' + m for m in missing)}")
    return run_query(driver, text, given, database=database)
