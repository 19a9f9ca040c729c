"""Write a knowledge graph (or an answer's subgraph) to a file in one of the export formats, atomically.

Single-file formats are written to a temporary file beside ``path`` and renamed. Two formats write two files,
built together in a temporary directory and renamed into place (see :func:`~tmekg.export.multi.write_files`):

- ``cyjs``: ``path`` and the Cytoscape style ``<stem>.style.json`` beside it (``kg.cyjs`` -> ``kg.style.json``);
- ``kgx``: ``<path>_nodes.tsv`` and ``<path>_edges.tsv`` (``kgx transform`` naming; a ``.tsv``/``.kgx``
  suffix on ``path`` is dropped first).

Every visual format (graphml, gexf, cyjs, cx2, dot, kgx, html) serialises the one projection built by
:func:`tmekg.export.view.project`; the RDF formats (ttl, nt, jsonld) serialise :func:`tmekg.backends.rdf.to_rdf`.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from tmekg.atomic import write_text
from tmekg.kg import KnowledgeGraph

if TYPE_CHECKING:
    from tmekg.export.view import AnswerLayout

__all__ = ["ExportFormat", "export", "written_paths"]


class ExportFormat(StrEnum):
    JSON = "json"
    TTL = "ttl"
    NT = "nt"
    JSONLD = "jsonld"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CYJS = "cyjs"
    CX2 = "cx2"
    DOT = "dot"
    KGX = "kgx"
    HTML = "html"


def style_path(path: Path) -> Path:
    """Where the Cytoscape style of a ``cyjs`` export goes: ``<stem>.style.json`` beside it."""
    return path.with_name(f"{path.stem}.style.json")


def written_paths(fmt: ExportFormat, path: Path) -> list[Path]:
    """The files ``export(kg, fmt, path)`` writes."""
    path = Path(path)
    if fmt is ExportFormat.CYJS:
        return [path, style_path(path)]
    if fmt is ExportFormat.KGX:
        from tmekg.export.kgx import kgx_paths

        return list(kgx_paths(path))
    return [path]


def _visual(
    kg: KnowledgeGraph, fmt: ExportFormat, path: Path, title: str, bundle: bool, isolated: bool,
    layout: AnswerLayout | None,
) -> None:  # fmt: skip
    from tmekg.export.multi import write_files
    from tmekg.export.view import project

    if fmt is ExportFormat.KGX:  # statements, one row each: no derived edges, every entity
        view = project(kg, title=title, processes=False, isolated=True)
    else:  # the HTML view keeps every entity for search and focus, and hides the isolated ones unless asked
        keep = isolated or fmt is ExportFormat.HTML
        view = project(kg, title=title, bundle=bundle, isolated=keep, layout=layout)
    if fmt is ExportFormat.GRAPHML:
        from tmekg.export.graphml import to_graphml

        write_text(path, to_graphml(view))
    elif fmt is ExportFormat.GEXF:
        from tmekg.export.gexf import to_gexf

        write_text(path, to_gexf(view))
    elif fmt is ExportFormat.CYJS:
        from tmekg.export.cytoscape import style_json, to_cyjs

        write_files({path: to_cyjs(view), style_path(path): style_json(title)})
    elif fmt is ExportFormat.CX2:
        from tmekg.export.cytoscape import to_cx2

        write_text(path, to_cx2(view))
    elif fmt is ExportFormat.DOT:
        from tmekg.export.dot import to_dot

        write_text(path, to_dot(view))
    elif fmt is ExportFormat.KGX:
        from tmekg.export.kgx import kgx_paths, to_kgx

        nodes, edges = to_kgx(view)
        nodes_path, edges_path = kgx_paths(path)
        write_files({nodes_path: nodes, edges_path: edges})
    elif fmt is ExportFormat.HTML:
        from tmekg.export.html import to_html

        write_text(path, to_html(view, show_isolated=isolated and not view.layered))
    else:  # pragma: no cover - every format is dispatched above or in export()
        raise ValueError(fmt)


def export(
    kg: KnowledgeGraph,
    fmt: ExportFormat,
    path: Path,
    *,
    title: str = "tmekg",
    bundle: bool = False,
    isolated: bool = False,
    layout: AnswerLayout | None = None,
) -> None:
    """Write ``kg`` as ``fmt`` to ``path``; the previous file(s) survive any failure.

    Visual formats: ``bundle`` makes parallel interaction edges one edge with a count, ``isolated`` keeps the
    entities no edge touches (the HTML view keeps them for search and shows them on request), ``layout`` is an
    answer's layered layout and edge roles (see :mod:`tmekg.export.view`)."""
    path = Path(path)
    if fmt is ExportFormat.JSON:
        from tmekg.export.canonical import to_json

        write_text(path, to_json(kg))
    elif fmt in (ExportFormat.TTL, ExportFormat.NT, ExportFormat.JSONLD):
        from tmekg.export.rdf import to_jsonld, to_ntriples, to_turtle

        writer = {ExportFormat.TTL: to_turtle, ExportFormat.NT: to_ntriples, ExportFormat.JSONLD: to_jsonld}[fmt]
        write_text(path, writer(kg))
    else:
        _visual(kg, fmt, path, title, bundle, isolated, layout)
