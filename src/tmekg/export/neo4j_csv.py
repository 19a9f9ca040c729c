"""``neo4j-admin database import full`` CSV files of a knowledge graph, written atomically as a directory.

One nodes file per label group (``nodes_Protein.csv``…) and one relationships file per type
(``relationships_BLOCKS.csv``…), built from :func:`~tmekg.backends.neo4j_rows.node_rows` and
:func:`~tmekg.backends.neo4j_rows.edge_rows` so the import gives the same graph as ``tmekg neo4j load``.
Headers are typed (``id:ID``, ``:LABEL``, ``approval_year:int``, ``synonyms:string[]``); arrays and labels are
separated by ``;``. ``README.md`` in the directory holds the exact import command. A text cell that a
spreadsheet would run as a formula gets a leading apostrophe (:func:`tmekg.text.spreadsheet_safe`).

The directory is built whole beside its target, with ``tmekg-manifest.json`` (every file, its size and SHA-256,
the layers: curated) written last inside it, and renamed into place (:func:`tmekg.atomic.write_directory`); it
replaces only an empty directory or a previous tmekg export that nobody has added to.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tmekg.backends.neo4j_rows import (
    PROPERTY_TYPES,
    RELATIONSHIP_PROPERTIES,
    RelType,
    constraint_statements,
    edge_rows,
    node_rows,
)
from tmekg.errors import InputError
from tmekg.kg import KnowledgeGraph
from tmekg.text import spreadsheet_safe

if TYPE_CHECKING:
    from tmekg.export.registry import ExportJob

__all__ = ["ARRAY_DELIMITER", "import_command", "render", "write_neo4j_csv"]

ARRAY_DELIMITER = ";"
_README = "README.md"


def _header(name: str) -> str:
    kind = PROPERTY_TYPES.get(name, "string")
    return name if kind == "string" else f"{name}:{kind}"


def _cell(name: str, value: Any, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        for item in value:
            if ARRAY_DELIMITER in str(item):
                raise InputError(
                    f"{where}: {name} item {item!r} holds the array delimiter {ARRAY_DELIMITER!r}; "
                    "neo4j-admin import would split it"
                )
        return ARRAY_DELIMITER.join(str(item) for item in value)
    return str(value)


def _csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    handle = io.StringIO()
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return handle.getvalue()


def import_command(node_files: Sequence[str], relationship_files: Sequence[str], database: str = "neo4j") -> str:
    """The ``neo4j-admin database import full`` command for these files (run in their directory)."""
    parts = ["neo4j-admin database import full"]
    parts += [f"--nodes={name}" for name in node_files]
    parts += [f"--relationships={name}" for name in relationship_files]
    parts += [f'--array-delimiter="{ARRAY_DELIMITER}"', "--id-type=string", "--multiline-fields=true"]
    parts += ["--overwrite-destination", database]
    return " \\\n  ".join(parts)


def _readme(node_files: Sequence[str], relationship_files: Sequence[str]) -> str:
    constraints = "\n".join(f"{statement};" for statement in constraint_statements())
    return f"""# tmekg for neo4j-admin import

Files written by `tmekg export --format neo4j-csv`: one nodes file per label and one relationships file per
type, with typed headers (`id:ID`, `:LABEL`, `name:int`, `name:string[]`; arrays and labels separated by
`{ARRAY_DELIMITER}`). The import gives the same graph as `tmekg neo4j load`. `tmekg-manifest.json`, written
last, lists every file with its size and SHA-256: without it the export is incomplete.

Stop the database, then run from this directory (`--overwrite-destination` replaces database `neo4j`):

```bash
{import_command(node_files, relationship_files)}
```

Start the database again and create the uniqueness constraints that `tmekg neo4j load` creates (an import
does not; a `tmekg neo4j load` of the same seed creates them too and leaves the graph as it is):

```cypher
{constraints}
```
"""


def render(job: ExportJob) -> dict[str, str]:
    """``{file name: text}`` of the import files of the graph."""
    return _files(job.kg)


def _files(kg: KnowledgeGraph) -> dict[str, str]:
    files: dict[str, str] = {}
    node_files: list[str] = []
    for group, rows in node_rows(kg).items():
        props = tuple(name for name in group.properties if name != "id")
        labels = ARRAY_DELIMITER.join(label.value for label in group.labels)
        name = f"nodes_{group.name}.csv"
        files[name] = _csv(
            ["id:ID", ":LABEL", *(_header(p) for p in props)],
            ([row["id"], labels, *(_cell(p, row.get(p), row["id"]) for p in props)] for row in rows),
        )
        node_files.append(name)
    by_type: dict[RelType, list[dict[str, Any]]] = {}
    for edge_group, rows in edge_rows(kg).items():
        by_type.setdefault(edge_group.type, []).extend(rows)
    relationship_files: list[str] = []
    for rel_type, rows in by_type.items():
        props = RELATIONSHIP_PROPERTIES[rel_type]
        name = f"relationships_{rel_type.value}.csv"
        files[name] = _csv(
            [":START_ID", ":END_ID", ":TYPE", *(_header(p) for p in props)],
            (
                [
                    row["start"],
                    row["end"],
                    rel_type.value,
                    *(_cell(p, row["props"].get(p), f"{row['start']} -> {row['end']}") for p in props),
                ]
                for row in rows
            ),
        )
        relationship_files.append(name)
    files[_README] = _readme(node_files, relationship_files)
    return files


def write_neo4j_csv(kg: KnowledgeGraph, directory: Path | str, *, inputs: Iterable[Path | str] = ()) -> list[Path]:
    """Write the import files of ``kg`` as the directory ``directory``; return the paths written (the manifest
    last). See the module docstring for what may be replaced; :class:`~tmekg.atomic.OutputError` otherwise."""
    from tmekg.export.files import export

    return export(kg, "neo4j-csv", Path(directory), inputs=inputs)
