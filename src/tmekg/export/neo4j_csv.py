"""``neo4j-admin database import full`` CSV files of a knowledge graph, written atomically into a directory.

One nodes file per label group (``nodes_Protein.csv``…) and one relationships file per type
(``relationships_BLOCKS.csv``…), built from :func:`~tmekg.backends.neo4j_rows.node_rows` and
:func:`~tmekg.backends.neo4j_rows.edge_rows` so the import gives the same graph as ``tmekg neo4j load``.
Headers are typed (``id:ID``, ``:LABEL``, ``approval_year:int``, ``synonyms:string[]``); arrays and labels are
separated by ``;``. ``README.md`` in the directory holds the exact import command.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

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

__all__ = ["ARRAY_DELIMITER", "import_command", "write_neo4j_csv"]

ARRAY_DELIMITER = ";"
_README = "README.md"
_PREFIXES = ("nodes_", "relationships_")


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


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


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
`{ARRAY_DELIMITER}`). The import gives the same graph as `tmekg neo4j load`.

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


def _build(kg: KnowledgeGraph, directory: Path) -> list[Path]:
    node_files: list[str] = []
    for group, rows in node_rows(kg).items():
        props = tuple(name for name in group.properties if name != "id")
        labels = ARRAY_DELIMITER.join(label.value for label in group.labels)
        name = f"nodes_{group.name}.csv"
        _write(
            directory / name,
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
        _write(
            directory / name,
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
    (directory / _README).write_text(_readme(node_files, relationship_files), encoding="utf-8", newline="\n")
    return [directory / n for n in (*node_files, *relationship_files, _README)]


def _replaceable(directory: Path) -> bool:
    """Whether ``directory`` may be replaced: absent, empty, or a previous neo4j-csv export (and nothing else)."""
    if not directory.exists():
        return True
    if not directory.is_dir():
        return False
    names = [p.name for p in directory.iterdir()]
    return all(n == _README or (n.startswith(_PREFIXES) and n.endswith(".csv")) for n in names)


def write_neo4j_csv(kg: KnowledgeGraph, directory: Path | str) -> list[Path]:
    """Write the import files of ``kg`` into ``directory``; return the paths written.

    The files are built in a temporary directory beside ``directory`` and renamed into place, so a failure
    leaves the previous export (if any) untouched. ``directory`` must not exist, be empty, or hold a previous
    export and nothing else: :class:`~tmekg.errors.InputError` otherwise.
    """
    target = Path(directory)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"directory {parent} does not exist")
    if not _replaceable(target):
        raise InputError(
            f"{target} is not a directory holding a previous neo4j-csv export (or nothing); choose a new directory"
        )
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    old: Path | None = None
    complete = False
    try:
        written = _build(kg, tmp)
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; an export is an ordinary directory
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=parent))
            os.replace(target, old / target.name)
        os.replace(tmp, target)
        complete = True
    finally:  # any failure, Ctrl-C included: put the previous export back
        if not complete:
            if old is not None and not target.exists():
                os.replace(old / target.name, target)
            shutil.rmtree(tmp, ignore_errors=True)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return [target / p.name for p in written]
