"""Smoke test of the Neo4j test server (tests/neo4j_server.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from tests.neo4j_server import Neo4jServer


def test_return_one(neo4j_driver: Driver) -> None:
    records, _, _ = neo4j_driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1


def test_server_is_neo4j_5_26(neo4j_driver: Driver) -> None:
    records, _, _ = neo4j_driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"
    )
    kernel = next(r for r in records if r["name"] == "Neo4j Kernel")
    assert kernel["versions"][0].startswith("5.26."), kernel["versions"]


def test_node_with_uniqueness_constraint(neo4j_driver: Driver) -> None:
    neo4j_driver.execute_query("CREATE CONSTRAINT smoke_key IF NOT EXISTS FOR (s:Smoke) REQUIRE s.key IS UNIQUE")
    neo4j_driver.execute_query("CREATE (:Smoke {key: $key, value: 42})", key="k1")
    records, _, _ = neo4j_driver.execute_query("MATCH (s:Smoke {key: $key}) RETURN s.value AS v", key="k1")
    assert [r["v"] for r in records] == [42]
    with pytest.raises(Exception, match="already exists"):
        neo4j_driver.execute_query("CREATE (:Smoke {key: $key})", key="k1")


def test_database_is_cleared_between_tests(neo4j_driver: Driver) -> None:
    # Runs after the test above: its node and constraint are gone.
    records, _, _ = neo4j_driver.execute_query("MATCH (n) RETURN count(n) AS c")
    assert records[0]["c"] == 0
    constraints, _, _ = neo4j_driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name")
    assert constraints == []


def test_load_csv_reads_the_import_dir(neo4j_server: Neo4jServer, neo4j_driver: Driver) -> None:
    if neo4j_server.import_dir is None:
        pytest.skip("import dir unknown for a server given by TMEKG_NEO4J_URI")
    csv_file: Path = neo4j_server.import_dir / "smoke.csv"
    csv_file.write_text("name\nalpha\nbeta\n", encoding="utf-8")
    records, _, _ = neo4j_driver.execute_query(
        "LOAD CSV WITH HEADERS FROM 'file:///smoke.csv' AS row RETURN collect(row.name) AS names"
    )
    assert records[0]["names"] == ["alpha", "beta"]
