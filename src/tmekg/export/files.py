"""Write a knowledge graph (or an answer's subgraph), with any imported tiers, in one of the export formats.

Every format is an entry of the export registry (:mod:`tmekg.export.registry`): a module that renders the
export in memory, and a layout on disk. Writing goes through :mod:`tmekg.atomic`, the one writer:

- one-file formats (json, ttl, nt, jsonld, trig, nq, graphml, gexf, cx2, dot, html) go to a temporary file beside
  the target, renamed over it; ``path`` ``-`` writes to standard output instead;
- ``cyjs`` writes ``path`` and the Cytoscape style ``<stem>.style.json`` beside it, ``kgx`` writes
  ``<path>_nodes.tsv`` and ``<path>_edges.tsv`` (``kgx transform`` naming; a ``.tsv``/``.kgx`` suffix on ``path``
  is dropped first); each also writes a manifest last (``<stem>.manifest.json``, ``<path>_manifest.json``) that
  names every file with its size and SHA-256, so a reader can tell a complete set from an interrupted one
  (:func:`tmekg.atomic.check_manifest`);
- ``neo4j-csv`` writes a directory, built whole beside ``path`` (its manifest inside) and renamed into place.

Only a regular file (or an empty or tmekg-made directory for neo4j-csv) is ever replaced; a target inside a
directory the command reads (``inputs``: the seed, a tier) is refused; every OS error is one
:class:`~tmekg.atomic.OutputError` line. Every export says in the file which layers it holds (curated, and each
imported tier given in ``tiers``): see each format's module.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tmekg.atomic import OutputError, check_target, write_directory, write_files, write_text
from tmekg.errors import InputError
from tmekg.export.registry import WRITERS, ExportFormat, ExportJob, Layout
from tmekg.kg import KnowledgeGraph

if TYPE_CHECKING:
    from tmekg.export.layout import AnswerLayout
    from tmekg.importers.base import Tier

__all__ = ["STDOUT", "ExportFormat", "export", "written_paths"]

#: The ``path`` that means standard output (one-file formats only).
STDOUT = "-"


def written_paths(fmt: ExportFormat | str, path: Path | str) -> list[Path]:
    """The files ``export(kg, fmt, path)`` writes (for ``neo4j-csv``: the directory), manifest last."""
    return WRITERS[ExportFormat(fmt)].paths(Path(path))


def export(
    kg: KnowledgeGraph,
    fmt: ExportFormat | str,
    path: Path | str,
    *,
    tiers: Sequence[Tier] = (),
    inputs: Iterable[Path | str] = (),
    title: str = "tmekg",
    bundle: bool = False,
    isolated: bool = False,
    layout: AnswerLayout | None = None,
    stdout: BinaryIO | None = None,
) -> list[Path]:
    """Write ``kg`` (and ``tiers``, each a separate layer) as ``fmt`` to ``path``; return the paths written.

    The previous file(s) survive any failure. ``inputs``: directories the command reads, which the output must
    not be inside. Visual formats: ``bundle`` makes parallel interaction edges one edge with a count,
    ``isolated`` keeps the entities no edge touches (the HTML view keeps them for search and shows them on
    request), ``layout`` is an answer's layered layout and edge roles (see :mod:`tmekg.export.view`).
    ``path`` ``-``: standard output (``stdout``, else ``sys.stdout``), for one-file formats."""
    fmt = ExportFormat(fmt)
    writer = WRITERS[fmt]
    inputs = list(inputs)
    to_stdout = str(path) == STDOUT
    if to_stdout and writer.layout is not Layout.FILE:
        what = "several files" if writer.layout is Layout.FILES else "a directory"
        raise OutputError(f"{fmt.value} writes {what}, not one file: give a path instead of - (standard output)")
    if tiers and not writer.tiers:
        hint = "load the imported tiers into Neo4j with `tmekg neo4j load-tier`"
        raise InputError(f"{fmt.value} holds the curated layer only; {hint}")
    targets = [] if to_stdout else writer.paths(Path(path))
    for target in targets:  # before rendering: a bad target costs nothing
        check_target(target, inputs=inputs, directory=writer.layout is Layout.DIRECTORY)
    job = ExportJob(
        kg,
        fmt,
        tuple(tiers),
        title=title,
        bundle=bundle,
        isolated=isolated,
        layout=layout,
        path=None if to_stdout else Path(path),
    )
    rendered = writer.render(job)
    if to_stdout:
        stream = stdout if stdout is not None else sys.stdout.buffer
        stream.write(rendered.encode("utf-8"))
        stream.flush()
        return []
    meta = {"export": fmt.value, "layers": job.layers, "title": title, "tmekg": _version()}
    if writer.layout is Layout.FILE:
        write_text(targets[0], rendered, inputs=inputs)
        return targets
    if writer.layout is Layout.FILES:
        return write_files(rendered, targets[-1], meta, inputs=inputs)
    return write_directory(targets[0], rendered, meta, inputs=inputs)


def _version() -> str:
    from tmekg import __version__

    return __version__
