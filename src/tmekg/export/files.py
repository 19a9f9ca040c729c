"""Write a knowledge graph to a file in one of the export formats, atomically."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from tmekg.atomic import atomic_path, write_text
from tmekg.kg import KnowledgeGraph

__all__ = ["ExportFormat", "export"]


class ExportFormat(StrEnum):
    JSON = "json"
    TTL = "ttl"
    GRAPHML = "graphml"


def export(kg: KnowledgeGraph, fmt: ExportFormat, path: Path) -> None:
    """Write ``kg`` as ``fmt`` to ``path``; the previous file survives any failure."""
    if fmt is ExportFormat.JSON:
        from tmekg.export.canonical import to_json

        write_text(path, to_json(kg))
    elif fmt is ExportFormat.TTL:
        from tmekg.backends.rdf import to_rdf

        text = to_rdf(kg).serialize(format="turtle")
        write_text(path, text)
    elif fmt is ExportFormat.GRAPHML:
        import networkx as nx

        from tmekg.export.graphml import flat_graph

        with atomic_path(path) as tmp:
            nx.write_graphml(flat_graph(kg), tmp, encoding="utf-8")
