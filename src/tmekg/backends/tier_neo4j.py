"""Neo4j of the imported tiers: ``:ImportedPair:TmekgImported`` nodes, apart from the curated ``:Tmekg`` graph.

A pair node holds the resource's provenance and text (``resource``, ``layer``, ``version``, ``licence``,
``ligand``, ``receptor``, ``evidence``, ``claim``, ``flags``); ``[:IMPORTED_LIGAND]`` and ``[:IMPORTED_RECEPTOR]``
link it to the curated ``:Molecule`` nodes it names, when they are loaded. A curated load or wipe (``:Tmekg``)
never touches these nodes; :func:`wipe_tier` removes one resource's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tmekg.importers.base import Tier

if TYPE_CHECKING:
    from neo4j import Driver, ManagedTransaction

__all__ = ["CONSTRAINT", "PAIR_QUERY", "load_tier", "tier_rows", "wipe_tier"]

CONSTRAINT = "CREATE CONSTRAINT tmekg_imported_pair_id IF NOT EXISTS FOR (p:ImportedPair) REQUIRE p.id IS UNIQUE"
PAIR_QUERY = (
    "UNWIND $rows AS row MERGE (p:ImportedPair {id: row.id}) SET p = row.props SET p:TmekgImported "
    "WITH p, row CALL { WITH p, row "
    "UNWIND row.ligand_ids AS lid MATCH (m:Molecule {id: lid}) MERGE (p)-[:IMPORTED_LIGAND]->(m) } "
    "WITH p, row CALL { WITH p, row "
    "UNWIND row.receptor_ids AS rid MATCH (m:Molecule {id: rid}) MERGE (p)-[:IMPORTED_RECEPTOR]->(m) } "
    "RETURN count(p) AS merged"
)
WIPE_QUERY = "MATCH (p:ImportedPair {resource: $resource}) DETACH DELETE p RETURN count(*) AS deleted"


def tier_rows(tier: Tier) -> list[dict[str, Any]]:
    """One row per pair: its id, its properties and the ids of the molecules it names."""
    return [
        {
            "id": p.id,
            "ligand_ids": list(p.ligand_ids),
            "receptor_ids": list(p.receptor_ids),
            "props": {
                "id": p.id,
                "resource": tier.resource,
                "layer": tier.layer,
                "version": tier.version,
                "licence": tier.licence,
                "ligand": p.ligand,
                "receptor": p.receptor,
                "ligand_ids": list(p.ligand_ids),
                "receptor_ids": list(p.receptor_ids),
                "evidence": list(p.evidence),
                "claim": p.claim,
                "flags": list(p.flags),
                "source_id": p.source_id,
            },
        }
        for p in tier.pairs
    ]


def _write(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> int:
    record = tx.run(PAIR_QUERY, rows=rows).single()
    return int(record["merged"]) if record else 0


def load_tier(driver: Driver, tier: Tier, *, database: str | None = None, batch_size: int = 1000) -> int:
    """Merge ``tier``'s pairs (idempotent); returns how many pair nodes were merged."""
    rows = tier_rows(tier)
    merged = 0
    with driver.session(database=database) as session:
        session.run(CONSTRAINT).consume()
        for start in range(0, len(rows), batch_size):
            merged += session.execute_write(_write, rows[start : start + batch_size])
    return merged


def wipe_tier(driver: Driver, resource: str, *, database: str | None = None) -> int:
    """Delete one resource's pair nodes; returns how many."""
    with driver.session(database=database) as session:
        record = session.run(WIPE_QUERY, resource=resource).single()
    return int(record["deleted"]) if record else 0
