"""Answers as flat rows for ``--format tsv|csv`` (and the catalogue's tables): one row per item, a label column
beside every id column (``source`` holds the id, ``source_label`` its label; ``--ids`` drops the labels).

Rows are built from the same dictionaries that ``--json`` prints, so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tmekg.kg import KnowledgeGraph

__all__ = [
    "PROBLEM_COLUMNS",
    "combine_rows",
    "entity_label",
    "interaction_rows",
    "labelled",
    "path_rows",
    "problem_rows",
    "stats_rows",
    "therapy_rows",
    "without_labels",
]

Row = dict[str, Any]

#: The entity roles of an interaction, in column order.
_ROLES = ("source", "ligand", "receptor", "target", "process")


def _ref(row: Row, name: str, ref: dict[str, Any] | None) -> None:
    row[name] = ref["id"] if ref else ""
    row[f"{name}_label"] = ref["label"] if ref else ""


def _refs(row: Row, name: str, refs: list[dict[str, Any]]) -> None:
    row[name] = [r["id"] for r in refs]
    row[f"{name}_label"] = [r["label"] for r in refs]


def interaction_rows(views: Iterable[dict[str, Any]], **first: Any) -> list[Row]:
    """One row per interaction view (:func:`tmekg.answers.interaction_view`), after the columns in ``first``."""
    rows = []
    for view in views:
        row: Row = dict(first)
        row["id"] = view["id"]
        row["tumor_outcome"] = view["tumor_outcome"]
        for role in _ROLES[:3]:
            _ref(row, role, view[role])
        _refs(row, "mediators", view["mediators"])
        _ref(row, "target", view["target"])
        row["effect"] = f"{view['effect']:+d}"
        _ref(row, "process", view["process"])
        for key in ("mechanism", "hijacked_function", "hijacked_category", "cic_step"):
            row[key] = view.get(key)
        _refs(row, "contexts", view.get("contexts") or [])
        row["evidence"] = view["evidence"]
        row["evidence_level"] = view["evidence_level"]
        row["confidence"] = view["confidence"]
        rows.append(row)
    return rows


def path_rows(data: dict[str, Any]) -> list[Row]:
    """One row per signed path: rank, net sign, weight, hops, the nodes (ids and labels) and the weakest link."""
    rows = []
    for rank, path in enumerate(data["paths"], start=1):
        weakest = path["weakest_link"]
        names = {node["id"]: node for node in path["nodes"]}
        row: Row = {"rank": rank, "sign": "+" if path["sign"] > 0 else "-", "weight": path["weight"]}
        row["hops"] = len(path["edges"])
        _refs(row, "nodes", path["nodes"])
        row["signs"] = ["+" if e["sign"] > 0 else "-" for e in path["edges"]]
        _ref(row, "weakest_source", names.get(weakest["source"]))
        row["weakest_predicate"] = weakest["predicate"]
        _ref(row, "weakest_target", names.get(weakest["target"]))
        row["weakest_evidence"] = weakest["evidence"]
        rows.append(row)
    return rows


def therapy_rows(data: dict[str, Any]) -> list[Row]:
    """The interactions a therapy answer is about, one row each, with its ``role`` (``severed``,
    ``strengthened``, ``escape_route``), the ``verdict`` of a severed one and the therapy it is about."""
    about = {"therapy": data["therapy"]["id"], "therapy_label": data["therapy"]["label"]}
    rows = []
    for role, key in (("severed", "severed"), ("strengthened", "strengthened"), ("escape_route", "escape_routes")):
        for view in data[key]:
            rows += interaction_rows([view], **about, role=role, verdict=view.get("verdict", ""))
    return rows


def combine_rows(data: dict[str, Any]) -> list[Row]:
    """The interactions two therapies sever, each with the set it is in (``shared``, ``only_first``,
    ``only_second``) and the combination's kind."""
    rows = []
    for key in ("shared", "only_first", "only_second"):
        rows += interaction_rows(data[key], kind=data["kind"], set=key)
    return rows


def stats_rows(data: dict[str, Any]) -> list[Row]:
    """What the graph holds, as ``what``/``count`` rows (the table ``tmekg stats`` prints)."""
    rows: list[Row] = [{"what": kind, "count": count} for kind, count in data["entities"].items()]
    rows.append({"what": "interactions", "count": data["interactions"]})
    rows += [{"what": f"interactions:{k}", "count": v} for k, v in data["interactions_by_outcome"].items()]
    for key in ("therapy_actions", "requirements", "trials", "references"):
        rows.append({"what": key, "count": data.get(key, 0)})
    rows += [{"what": f"trials:{k}", "count": v} for k, v in data.get("trials_by_result", {}).items()]
    rows.append({"what": "references:unconfirmed", "count": len(data["unconfirmed_references"])})
    rows.append({"what": "references:partially_confirmed", "count": len(data["partially_confirmed_references"])})
    return rows


#: The columns of :func:`problem_rows` (printed as a header even when there is no problem).
PROBLEM_COLUMNS = ("file", "row", "column", "severity", "message", "hint")


def problem_rows(found: Iterable[Any]) -> list[Row]:
    """Seed problems, one row each: file, row, column, severity, message, hint."""
    return [{c: getattr(p, c) for c in PROBLEM_COLUMNS} for p in found]


def labelled(rows: list[Row], label: Callable[[str], str | None]) -> list[Row]:
    """Query rows with a ``<column>_label`` column beside every column whose values are entity ids (``label``
    gives an id's label, or ``None`` when the value is not an entity id)."""
    columns = list(rows[0]) if rows else []
    has_ids = {c for c in columns if any(isinstance(r.get(c), str) and label(r[c]) is not None for r in rows)}
    out = []
    for row in rows:
        new: Row = {}
        for column in columns:
            new[column] = row.get(column)
            if column in has_ids and f"{column}_label" not in row:
                value = row.get(column)
                new[f"{column}_label"] = (label(value) or "") if isinstance(value, str) else ""
        out.append(new)
    return out


def without_labels(rows: list[Row]) -> list[Row]:
    """``--ids``: the rows without their label columns."""
    return [{k: v for k, v in row.items() if not k.endswith("_label")} for row in rows]


def entity_label(kg: KnowledgeGraph) -> Callable[[str], str | None]:
    """The label of an entity id (a CURIE, or the IRI the RDF view gives it) in ``kg``; ``None`` for any other
    value (interaction ids, text, numbers)."""
    from tmekg.vocab import iri_to_curie

    def label(value: str) -> str | None:
        curie = value if kg.has(value) else iri_to_curie(value)
        return kg.label(curie) if curie and kg.has(curie) else None

    return label
