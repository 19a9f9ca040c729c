"""The export registry: each format, the module that renders it and how it is laid out on disk.

A writer module has one entry point, ``render(job: ExportJob)``, that returns the export's bytes without writing
anything: a ``str`` for a one-file format, ``{path: str}`` for a format that writes files beside each other
(the module also has ``paths(path)``, the files it writes), ``{name: str}`` for a directory format.
:func:`tmekg.export.files.export` validates the target, renders, and writes through :mod:`tmekg.atomic` (one
writer, one permission policy, a manifest written last for several files).

Adding a format: one module with ``render`` and one line in :data:`WRITERS` (and its value in
:class:`ExportFormat`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tmekg.export.layout import AnswerLayout
    from tmekg.export.view_model import View
    from tmekg.importers.base import Tier
    from tmekg.kg import KnowledgeGraph

__all__ = ["WRITERS", "ExportFormat", "ExportJob", "Layout", "Writer"]


class ExportFormat(StrEnum):
    JSON = "json"
    TTL = "ttl"
    NT = "nt"
    JSONLD = "jsonld"
    TRIG = "trig"
    NQ = "nq"
    GRAPHML = "graphml"
    GEXF = "gexf"
    CYJS = "cyjs"
    CX2 = "cx2"
    DOT = "dot"
    KGX = "kgx"
    HTML = "html"
    NEO4J_CSV = "neo4j-csv"


class Layout(StrEnum):
    """How an export sits on disk."""

    FILE = "file"  #: one file (may also go to standard output)
    FILES = "files"  #: files beside each other, with a manifest written last
    DIRECTORY = "directory"  #: a directory built whole and renamed into place, its manifest inside


@dataclass(frozen=True)
class Writer:
    """A registry entry: the module whose ``render(job)`` makes the export, and what it is."""

    module: str
    layout: Layout
    visual: bool
    summary: str
    tiers: bool = True

    def load(self) -> Any:
        return importlib.import_module(self.module)

    def render(self, job: ExportJob) -> Any:
        return self.load().render(job)

    def paths(self, path: Path) -> list[Path]:
        """The files (or the directory) an export to ``path`` writes, manifest included."""
        if self.layout is Layout.FILES:
            return list(self.load().paths(Path(path)))
        return [Path(path)]


_JSON, _RDF, _PKG = "tmekg.export.canonical", "tmekg.export.tier", "tmekg.export."

#: Format -> writer. The RDF formats share one module, and so do cyjs and CX2 (``render`` reads ``job.fmt``).
WRITERS: dict[ExportFormat, Writer] = {
    ExportFormat.JSON: Writer(_JSON, Layout.FILE, False, "canonical JSON: entities, interactions, layers"),
    ExportFormat.TTL: Writer(_RDF, Layout.FILE, False, "Turtle: the n-ary RDF view and its layers"),
    ExportFormat.NT: Writer(_RDF, Layout.FILE, False, "N-Triples: the n-ary RDF view and its layers"),
    ExportFormat.JSONLD: Writer(_RDF, Layout.FILE, False, "JSON-LD: the n-ary RDF view and its layers"),
    ExportFormat.TRIG: Writer(_RDF, Layout.FILE, False, "TriG: one named graph per layer"),
    ExportFormat.NQ: Writer(_RDF, Layout.FILE, False, "N-Quads: one named graph per layer"),
    ExportFormat.GRAPHML: Writer(_PKG + "graphml", Layout.FILE, True, "GraphML for Cytoscape, yEd, Gephi"),
    ExportFormat.GEXF: Writer(_PKG + "gexf", Layout.FILE, True, "GEXF 1.3 for Gephi"),
    ExportFormat.CYJS: Writer(_PKG + "cytoscape", Layout.FILES, True, "Cytoscape.js JSON and its style"),
    ExportFormat.CX2: Writer(_PKG + "cytoscape", Layout.FILE, True, "Cytoscape CX2 / NDEx"),
    ExportFormat.DOT: Writer(_PKG + "dot", Layout.FILE, True, "Graphviz DOT"),
    ExportFormat.KGX: Writer(_PKG + "kgx", Layout.FILES, True, "Biolink KGX nodes and edges TSV"),
    ExportFormat.HTML: Writer(_PKG + "html", Layout.FILE, True, "a self-contained offline HTML view"),
    ExportFormat.NEO4J_CSV: Writer(
        _PKG + "neo4j_csv", Layout.DIRECTORY, False, "neo4j-admin import CSV files (a directory)", tiers=False
    ),
}


@dataclass(frozen=True)
class ExportJob:
    """What a writer renders: the graph, the imported tiers beside it and the options of the visual formats.

    ``bundle``: parallel interaction edges as one edge with a count; ``isolated``: keep entities that no edge
    touches; ``layout``: an answer's layered layout and edge roles; ``path``: where it goes (``None`` for standard
    output), for writers whose file names depend on it."""

    kg: KnowledgeGraph
    fmt: ExportFormat
    tiers: tuple[Tier, ...] = ()
    title: str = "tmekg"
    bundle: bool = False
    isolated: bool = False
    layout: AnswerLayout | None = None
    path: Path | None = None

    @cached_property
    def layers(self) -> list[dict[str, object]]:
        """The layers the export holds: curated, then each imported tier with its provenance."""
        from tmekg.importers.store import layers

        return layers(list(self.tiers))

    @property
    def layer_names(self) -> list[str]:
        return [str(layer["layer"]) for layer in self.layers]

    def view(self, *, processes: bool = True, isolated: bool | None = None) -> View:
        """The visual projection of the graph and its tiers (:func:`tmekg.export.view.project`)."""
        from tmekg.export.view import project

        keep = self.isolated if isolated is None else isolated
        return project(
            self.kg,
            self.title,
            processes=processes,
            bundle=self.bundle,
            isolated=keep,
            layout=self.layout,
            tiers=self.tiers,
        )
