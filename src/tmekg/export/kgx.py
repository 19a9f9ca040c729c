"""Biolink KGX TSV from the shared :mod:`~tmekg.export.view` projection.

``export(kg, "kgx", path)`` writes two files beside each other, named as ``kgx transform --output <path>``
names them: ``<path>_nodes.tsv`` and ``<path>_edges.tsv`` (a ``.tsv`` or ``.kgx`` suffix on ``path`` is
dropped first). Both are built in a temporary directory and renamed into place.

Categories: cell type -> ``biolink:Cell``; protein -> ``biolink:Protein``; complex ->
``biolink:MacromolecularComplex``; metabolite -> ``biolink:SmallMolecule``; therapy -> ``biolink:Drug``
(cell therapies, vaccines and oncolytic viruses -> ``biolink:Treatment``); process ->
``biolink:BiologicalProcess``; cancer -> ``biolink:Disease``. Predicates: a ligand -> receptor binding is
``biolink:directly_physically_interacts_with``; every other interaction ``biolink:regulates`` and a therapy
action ``biolink:affects``, each with ``object_direction_qualifier`` ``upregulated``/``downregulated`` (or
``increased``/``decreased`` for therapies) from the sign; when the subject is a participant whose loss or change
the statement is about, ``subject_aspect_qualifier`` and ``subject_direction_qualifier`` say so (``lost`` is
``decreased``). A molecular form is a ``biolink:Protein``. The n-ary detail is kept in ``tmekg_*`` columns;
multivalued cells are joined by ``|``. Cells are never quoted (KGX reads TSV with ``QUOTE_NONE``): a tab or
line break inside a value becomes a space, and a text cell that a spreadsheet would run as a formula gets a
leading apostrophe (:func:`tmekg.text.spreadsheet_safe`).

Layers: each node has ``tmekg_layers`` (the layers that name it) and each edge ``tmekg_layer``; the manifest
written last (``<path>_manifest.json``) lists the layers the export holds. An imported pair is an edge
``biolink:directly_physically_interacts_with`` from its ligand to its receptor with ``tmekg_kind`` ``imported``,
its resource, version, licence, claim and flags in ``tmekg_*`` columns, ``knowledge_level``
``knowledge_assertion``, ``agent_type`` ``not_provided``, no ``primary_knowledge_source`` (the resource has no
infores id that tmekg could check) and no sign, outcome or evidence level; a molecule only imported pairs name is
a ``biolink:Protein`` (``biolink:SmallMolecule`` for ChEBI) of ``tmekg_kind`` ``imported``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tmekg.errors import InputError
from tmekg.export.view_model import View, ViewEdge, ViewNode
from tmekg.text import spreadsheet_safe

if TYPE_CHECKING:
    from tmekg.export.registry import ExportJob

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "kgx_paths", "paths", "render", "to_kgx"]

_MODALITY_TREATMENT = {"cell_therapy", "vaccine", "oncolytic_virus"}
_MOLECULE_CATEGORY = {
    "protein": "biolink:Protein",
    "complex": "biolink:MacromolecularComplex",
    "metabolite": "biolink:SmallMolecule",
    "form": "biolink:Protein",
}
_KIND_CATEGORY = {
    "cell": "biolink:Cell",
    "process": "biolink:BiologicalProcess",
    "cancer": "biolink:Disease",
    "other": "biolink:NamedThing",
}
NODE_COLUMNS = (
    "id",
    "category",
    "name",
    "description",
    "synonym",
    "provided_by",
    "tmekg_kind",
    "tmekg_symbol",
    "tmekg_layers",
)
EDGE_COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    "object_direction_qualifier",
    "subject_aspect_qualifier",
    "subject_direction_qualifier",
    "knowledge_level",
    "agent_type",
    "primary_knowledge_source",
    "publications",
    "tmekg_kind",
    "tmekg_sign",
    "tmekg_tumor_outcome",
    "tmekg_mechanism",
    "tmekg_action",
    "tmekg_ligand",
    "tmekg_receptor",
    "tmekg_mediators",
    "tmekg_sites",
    "tmekg_directions",
    "tmekg_effector",
    "tmekg_process",
    "tmekg_hijacked_function",
    "tmekg_hijacked_category",
    "tmekg_evidence_level",
    "tmekg_contexts",
    "tmekg_summary",
    "tmekg_layer",
    "tmekg_resource",
    "tmekg_resource_version",
    "tmekg_licence",
    "tmekg_resource_claim",
    "tmekg_flags",
)
_SOURCE = "infores:tmekg"
_BREAKS = re.compile(r"[\t\r\n]+")


def kgx_paths(path: Path) -> tuple[Path, Path]:
    """``(<path>_nodes.tsv, <path>_edges.tsv)``."""
    base = path.with_suffix("") if path.suffix in (".tsv", ".kgx") else path
    return base.with_name(f"{base.name}_nodes.tsv"), base.with_name(f"{base.name}_edges.tsv")


def category(node: ViewNode) -> str:
    """The Biolink category of a node."""
    if node.kind == "imported":
        return "biolink:SmallMolecule" if node.id.startswith("CHEBI:") else "biolink:Protein"
    if node.kind in ("molecule", "metabolite"):
        return _MOLECULE_CATEGORY[str(node.attrs.get("molecule_type", "protein"))]
    if node.kind == "therapy":
        treatment = node.attrs.get("modality") in _MODALITY_TREATMENT
        return "biolink:Treatment" if treatment else "biolink:Drug"
    return _KIND_CATEGORY[node.kind]


def predicate(edge: ViewEdge) -> tuple[str, str]:
    """``(predicate, object_direction_qualifier)`` of an edge."""
    if edge.kind == "therapy_action":
        return "biolink:affects", "increased" if edge.sign > 0 else "decreased"
    if edge.kind == "imported":
        return "biolink:directly_physically_interacts_with", ""
    attrs = edge.attrs
    if attrs["mechanism"] == "binding" and (edge.source, edge.target) == (attrs["ligand"], attrs["receptor"]):
        return "biolink:directly_physically_interacts_with", ""
    return "biolink:regulates", "upregulated" if edge.sign > 0 else "downregulated"


def _multi(values: Sequence[Any], where: str) -> str:
    for value in values:
        if "|" in str(value):
            raise InputError(f"{where}: list item {value!r} holds '|', the KGX list separator")
    return "|".join(str(v) for v in values)


def _cell(value: Any) -> str:
    """A TSV cell as KGX reads it (pandas, ``quoting=QUOTE_NONE``): tabs and line breaks become spaces; a formula
    gets a leading apostrophe."""
    return spreadsheet_safe(_BREAKS.sub(" ", str(value)))


def _tsv(columns: Sequence[str], rows: list[dict[str, Any]]) -> str:
    lines = ["\t".join(columns)]
    lines += ["\t".join(_cell(row[c]) for c in columns) for row in rows]
    return "\n".join(lines) + "\n"


def _node_row(node: ViewNode) -> dict[str, Any]:
    return {
        "id": node.id,
        "category": category(node),
        "name": node.label,
        "description": node.attrs.get("description", ""),
        "synonym": _multi(node.attrs.get("synonyms", []), node.id),
        "provided_by": _SOURCE,
        "tmekg_kind": node.kind,
        "tmekg_symbol": node.attrs.get("symbol", ""),
        "tmekg_layers": _multi(node.attrs.get("layers", []), node.id),
    }


def _subject_change(edge: ViewEdge) -> tuple[str, str]:
    """Biolink ``(subject_aspect_qualifier, subject_direction_qualifier)`` when the edge's subject is a
    participant whose change the statement is about (``lost`` is ``decreased``)."""
    for item in edge.attrs.get("directions", []):
        molecule, _, change = str(item).partition("=")
        if molecule == edge.source:
            direction, _, aspect = change.partition("/")
            return aspect, "increased" if direction == "increased" else "decreased"
    return "", ""


def _edge_row(edge: ViewEdge) -> dict[str, Any]:
    pred, direction = predicate(edge)
    aspect, subject_direction = _subject_change(edge)
    a = edge.attrs
    imported = not edge.signed
    return {
        "id": edge.id,
        "subject": edge.source,
        "predicate": pred,
        "object": edge.target,
        "object_direction_qualifier": direction,
        "subject_aspect_qualifier": aspect,
        "subject_direction_qualifier": subject_direction,
        "knowledge_level": "knowledge_assertion",
        "agent_type": "not_provided" if imported else "manual_agent",
        "primary_knowledge_source": "" if imported else _SOURCE,
        "publications": _multi(a.get("evidence", []), edge.id),
        "tmekg_kind": edge.kind,
        "tmekg_sign": "" if imported else edge.sign,
        "tmekg_tumor_outcome": a.get("tumor_outcome", ""),
        "tmekg_mechanism": a.get("mechanism", ""),
        "tmekg_action": a.get("action", ""),
        "tmekg_ligand": a.get("ligand", ""),
        "tmekg_receptor": a.get("receptor", ""),
        "tmekg_mediators": _multi(a.get("mediators", []), edge.id),
        "tmekg_sites": _multi(a.get("sites", []), edge.id),
        "tmekg_directions": _multi(a.get("directions", []), edge.id),
        "tmekg_effector": _multi(a.get("effector", []), edge.id),
        "tmekg_process": a.get("process", ""),
        "tmekg_hijacked_function": a.get("hijacked_function", ""),
        "tmekg_hijacked_category": a.get("hijacked_category", ""),
        "tmekg_evidence_level": edge.evidence_level,
        "tmekg_contexts": _multi(a.get("contexts", []), edge.id),
        "tmekg_summary": a.get("summary", a.get("note", "")),
        "tmekg_layer": edge.layer,
        "tmekg_resource": a.get("resource", ""),
        "tmekg_resource_version": a.get("resource_version", ""),
        "tmekg_licence": a.get("licence", ""),
        "tmekg_resource_claim": a.get("resource_claim", ""),
        "tmekg_flags": _multi(a.get("flags", []), edge.id),
    }


def to_kgx(view: View) -> tuple[str, str]:
    """``(nodes_tsv, edges_tsv)`` texts of ``view``."""
    nodes = _tsv(NODE_COLUMNS, [_node_row(n) for n in view.nodes])
    edges = _tsv(EDGE_COLUMNS, [_edge_row(e) for e in view.edges])
    return nodes, edges


def paths(path: Path) -> list[Path]:
    """The files a KGX export to ``path`` writes: nodes, edges, and the manifest (written last)."""
    nodes, edges = kgx_paths(path)
    return [nodes, edges, edges.with_name(edges.name.removesuffix("_edges.tsv") + "_manifest.json")]


def render(job: ExportJob) -> dict[Path, str]:
    """``{nodes path: text, edges path: text}``: statements, one row each (no derived edges), every entity."""
    nodes, edges = to_kgx(job.view(processes=False, isolated=True))
    nodes_path, edges_path, _ = paths(job.path if job.path is not None else Path("graph"))
    return {nodes_path: nodes, edges_path: edges}
