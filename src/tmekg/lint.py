"""Rewrite seed tables in canonical form: the fixes a machine can make without judgement.

Canonical form: UTF-8 without BOM, ``\\n`` endings, the documented column order, cells and list items without
stray whitespace, rows sorted by key, minimal quoting. Rows are not validated here (``tmekg validate`` does). The
column tables of the seed's README.md are regenerated from the model (:mod:`tmekg.docs`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tmekg.atomic import write_text
from tmekg.docs import render_readme
from tmekg.errors import Problem, SeedError
from tmekg.seed import MANIFEST, TABLES, Table, manifest_text

__all__ = ["canonical_text", "lint_seed"]


def _clean(cell: str) -> str:
    cell = cell.strip()
    if "|" in cell:
        cell = "|".join(part.strip() for part in cell.split("|"))
    return cell


def canonical_text(table: Table, text: str) -> str:
    """The canonical form of one table's text; :class:`SeedError` when its header cannot be mapped."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise SeedError([Problem(table.filename, 1, "", "file is empty", "add the header row")])
    header = [h.strip() for h in rows[0]]
    if sorted(header) != sorted(table.columns):
        raise SeedError(
            [
                Problem(
                    table.filename,
                    1,
                    "",
                    "header does not hold the documented columns",
                    f"the header is: {','.join(table.columns)}",
                )
            ]
        )
    index = [header.index(c) for c in table.columns]
    body = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise SeedError(
                [Problem(table.filename, number, "", f"{len(row)} cells for {len(header)} columns", "fix by hand")]
            )
        body.append([_clean(row[i]) for i in index])
    key_columns = [table.columns.index(c) for c in table.key_columns]
    body.sort(key=lambda r: [r[i] for i in key_columns])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(body)
    return out.getvalue()


def lint_seed(seed_dir: Path, write: bool = True) -> list[str]:
    """Canonicalise every table in ``seed_dir``; return the names of the files that changed (or would).

    A seed with a :data:`~tmekg.seed.MANIFEST` (the shipped one) gets it rewritten for the new tables. A table that
    does not end with a line break is refused rather than completed: it may be a truncated copy, and recording it in
    the manifest would hide that."""
    changed = []
    contents: dict[str, bytes] = {}
    for table in TABLES:
        path = seed_dir / table.filename
        if not path.is_file() and table.optional:
            continue
        if not path.is_file():
            raise SeedError([Problem(table.filename, 0, "", "file is missing", f"create {path}")])
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise SeedError([Problem(table.filename, 0, "", "not UTF-8", "save the file as UTF-8")]) from None
        if text and not text.endswith(("\n", "\r")):
            raise SeedError(
                [
                    Problem(
                        table.filename,
                        text.count("\n") + 1,
                        "",
                        "the file does not end with a line break, so its last row may be cut short",
                        "check the last row against the original; if it is complete, end the file with a line break",
                    )
                ]
            )
        new = canonical_text(table, text)
        contents[table.filename] = new.encode("utf-8")
        if new != text:
            changed.append(table.filename)
            if write:
                write_text(path, new)
    manifest = seed_dir / MANIFEST
    if manifest.is_file():
        old = manifest.read_bytes()
        fresh = manifest_text(contents)
        if fresh.encode("utf-8") != old:
            changed.append(MANIFEST)
            if write:
                write_text(manifest, fresh)
    readme = seed_dir / "README.md"
    if readme.is_file():  # the column tables of the seed's README are generated from the model
        text = readme.read_text(encoding="utf-8")
        new = render_readme(text)
        if new != text:
            changed.append(readme.name)
            if write:
                write_text(readme, new)
    return changed
