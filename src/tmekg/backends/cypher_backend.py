"""Neo4j as a :class:`~tmekg.backends.base.Backend`: a thin adapter over :mod:`tmekg.backends.neo4j` (load,
``run_named``, ``run_query``), so code written against the contract runs on Neo4j as on a SPARQL store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from tmekg.backends.base import QueryResult, Value
from tmekg.kg import KnowledgeGraph

if TYPE_CHECKING:
    from neo4j import Driver

__all__ = ["Neo4jBackend"]


class Neo4jBackend:
    """A Neo4j 5 database behind ``driver`` (the caller opens and closes the driver)."""

    language = "cypher"

    def __init__(self, driver: Driver, *, database: str | None = None, batch_size: int = 1000) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size

    def describe(self) -> str:
        return f"Neo4j database {self.database or '(default)'}"

    def load(self, kg: KnowledgeGraph) -> str:
        from tmekg.backends.neo4j import load

        summary = load(self.driver, kg, database=self.database, batch_size=self.batch_size)
        return (
            f"loaded into Neo4j: {summary.nodes_created} nodes and {summary.relationships_created} relationships "
            f"created, {summary.batches} batches"
        )

    @staticmethod
    def _limited(columns: list[str], rows: list[dict[str, object]], limit: int | None) -> QueryResult:
        truncated = limit is not None and len(rows) > limit
        return QueryResult(columns, rows[:limit] if truncated else rows, truncated)

    def catalogue(self, name: str, params: Mapping[str, Value], *, limit: int | None = None) -> QueryResult:
        from tmekg.backends.neo4j import run_named

        result = run_named(self.driver, name, dict(params), database=self.database)
        return self._limited(result.columns, result.rows, limit)

    def query(self, text: str, params: Mapping[str, Value], *, limit: int | None = None) -> QueryResult:
        from tmekg.backends.neo4j import run_query

        result = run_query(self.driver, text, dict(params), database=self.database, write=False)
        return self._limited(result.columns, result.rows, limit)

    def labels(self, ids: Iterable[str]) -> dict[str, str]:
        from tmekg.backends.neo4j import run_query

        wanted = sorted(set(ids))
        if not wanted:
            return {}
        result = run_query(
            self.driver,
            "MATCH (n:Tmekg) WHERE n.id IN $ids RETURN n.id AS id, n.label AS label",
            {"ids": wanted},
            database=self.database,
        )
        return {str(r["id"]): str(r["label"]) for r in result.rows if r.get("label") is not None}
