"""The query catalogue: ``queries/sparql/<name>.rq`` and ``queries/cypher/<name>.cypher``, paired by name.

Each file starts with a comment header::

    # title: Pro-tumor interactions
    # description: ...
    # param: therapy (therapy) — the therapy's id

A parameter's kind in parentheses (``therapy``, ``cell_type``, ``molecule``, ``cancer``, ``entity`` for any
kind) lets front ends resolve a name to an id before binding; ``integer`` (or ``integer 1..6``, with bounds)
binds a whole number (see :func:`tmekg.backends.base.resolve_params`). Values are always bound, never
formatted into the text as raw text; in SPARQL a parameter variable is bound with ``initBindings`` (a remote store
gets a ``VALUES`` block of escaped literals; the embedded store's catalogue gets each value written in as an
escaped literal, :func:`tmekg.backends.sparql.inline_values`, so that Oxigraph plans knowing it), is used in the
query's top-level group and is projected (Oxigraph substitutes projected variables only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tmekg.errors import InputError, NotFoundError
from tmekg.resources import queries_dir

__all__ = ["LANGUAGES", "QuerySpec", "list_queries", "load_query", "parse_query_text"]

LANGUAGES = {"sparql": ("rq", "#"), "cypher": ("cypher", "//")}
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_PARAM = re.compile(
    r"(?P<name>[a-z][a-z0-9_]*)\s*(?:\((?P<kind>[a-z_]+(?: -?\d+\.\.-?\d+)?)\))?\s*(?:[—-]+\s*(?P<help>.*))?"
)


@dataclass(frozen=True)
class QuerySpec:
    """One catalogue query: its text and the header that describes it."""

    name: str
    language: str
    text: str
    title: str = ""
    description: str = ""
    params: dict[str, str | None] = field(default_factory=dict)
    """Parameter name -> entity kind to resolve names with (or ``None``)."""


def parse_query_text(name: str, language: str, text: str) -> QuerySpec:
    """Read the comment header of a query text."""
    comment = LANGUAGES[language][1]
    title = description = ""
    params: dict[str, str | None] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith(comment):
            break
        key, _, value = stripped[len(comment) :].strip().partition(":")
        value = value.strip()
        if key == "title":
            title = value
        elif key == "description":
            description = (description + " " + value).strip()
        elif key == "param":
            match = _PARAM.fullmatch(value)
            if not match:
                raise InputError(f"query {name}: bad param line {value!r}")
            params[match["name"]] = match["kind"]
    return QuerySpec(name, language, text, title, description, params)


def _directory(language: str, directory: Path | None) -> Path:
    if language not in LANGUAGES:
        raise InputError(f"unknown query language {language!r} (use {', '.join(LANGUAGES)})")
    return (directory or queries_dir()) / language


def list_queries(language: str, directory: Path | None = None) -> list[str]:
    """Names of the catalogue queries in one language, sorted."""
    ext = LANGUAGES[language][0] if language in LANGUAGES else ""
    return sorted(p.stem for p in _directory(language, directory).glob(f"*.{ext}"))


def load_query(language: str, name: str, directory: Path | None = None) -> QuerySpec:
    """Load a catalogue query by name; :class:`NotFoundError` lists the names there are."""
    if not _NAME.fullmatch(name):
        raise InputError(f"query names are lower-case words joined by '_', not {name!r}")
    path = _directory(language, directory) / f"{name}.{LANGUAGES[language][0]}"
    if not path.is_file():
        raise NotFoundError(name, f"{language} query", known=list_queries(language, directory))
    return parse_query_text(name, language, path.read_text(encoding="utf-8"))
