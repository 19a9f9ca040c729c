"""The contract every store of tmekg meets, and the one parameter resolver they share.

A :class:`Backend` loads a knowledge graph, runs a named catalogue query and runs a user's query read-only; the
embedded RDF store (:class:`tmekg.backends.sparql.EmbeddedSparql`), a remote SPARQL 1.1 store
(:class:`tmekg.backends.remote.RemoteSparql`) and Neo4j (:class:`tmekg.backends.cypher_backend.Neo4jBackend`)
implement it. Adding a store is one module with a class that has these methods.

Catalogue parameters are declared in each query's header (``# param: NAME (KIND) — help``, see
:mod:`tmekg.queries`); :func:`resolve_params` checks a user's values against that header and turns them into what
the query binds: an entity named by id, label or synonym becomes its id, an ``integer`` becomes an ``int`` (in
the bounds the header gives, ``integer 1..6``), anything else stays text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from tmekg.errors import InputError
from tmekg.queries import QuerySpec
from tmekg.vocab import CURIE_PATTERNS, EntityKind, curie_error

if TYPE_CHECKING:
    from tmekg.kg import KnowledgeGraph

__all__ = [
    "Backend",
    "QueryResult",
    "Value",
    "display_rows",
    "looks_like_id",
    "parse_params",
    "resolve_params",
]

#: A bound parameter value: an id or text, or an integer.
Value = str | int

_INTEGER = re.compile(r"integer(?: (?P<low>-?\d+)\.\.(?P<high>-?\d+))?")
#: Parameter kinds that name any entity (``entity``) or an entity of one kind (``therapy``, ``cell_type`` ...).
_ANY_ENTITY = "entity"


@dataclass(frozen=True)
class QueryResult:
    """Rows of a query as plain values (IRIs as :class:`tmekg.backends.rdf.Iri` strings), the columns in order,
    and whether a row limit cut them."""

    columns: list[str]
    rows: list[dict[str, object]]
    truncated: bool = False
    notes: list[str] = field(default_factory=list)


@runtime_checkable
class Backend(Protocol):
    """A store tmekg can load and query."""

    #: ``sparql`` or ``cypher``: which catalogue the store runs.
    language: str

    def describe(self) -> str:
        """Where the store is, for messages (never with credentials)."""

    def load(self, kg: KnowledgeGraph) -> str:
        """Put ``kg`` in the store (replacing what tmekg put there before); a one-line summary."""

    def catalogue(self, name: str, params: Mapping[str, Value], *, limit: int | None = None) -> QueryResult:
        """Run the catalogue query ``name`` with parameters resolved by :func:`resolve_params`."""

    def query(self, text: str, params: Mapping[str, Value], *, limit: int | None = None) -> QueryResult:
        """Run a user's query read-only (an update or a write is refused)."""

    def labels(self, ids: Iterable[str]) -> dict[str, str]:
        """The labels of the given ids or IRIs that the store knows."""


#: Resolves a name to the id of an entity of a kind (any kind for ``None``), e.g. the CLI's resolver that also says
#: on stderr how a forgiving match read the name.
Lookup = Callable[[str, EntityKind | None], str]


def parse_params(items: Iterable[str]) -> dict[str, Any]:
    """``--param`` values as given on the command line: ``name=text`` (a string) or ``name:=JSON`` (a number, a
    list...), the same syntax for SPARQL and Cypher.

    >>> parse_params(["id=CL:0000625", "limit:=5"])
    {'id': 'CL:0000625', 'limit': 5}
    """
    params: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        typed = key.endswith(":")
        key = key.removesuffix(":").strip()
        if not sep or not key.isidentifier():
            raise InputError(f"--param {item!r}: write name=text or name:=JSON (e.g. -p id=CL:0000625 -p limit:=5)")
        if typed:
            try:
                params[key] = json.loads(value)
            except json.JSONDecodeError as exc:
                raise InputError(f"--param {item!r}: the value after ':=' is not JSON ({exc.msg})") from None
        else:
            params[key] = value
    return params


def resolve_params(
    spec: QuerySpec,
    given: Mapping[str, str],
    kg: KnowledgeGraph | None = None,
    *,
    declared_only: bool = True,
    lookup: Lookup | None = None,
) -> dict[str, Value]:
    """Check ``given`` (name -> text) against the header of ``spec`` and resolve each value: an entity kind looks
    the name up with ``lookup`` (default: :meth:`KnowledgeGraph.lookup` of ``kg``; :class:`~tmekg.errors.NotFoundError`
    or :class:`~tmekg.errors.AmbiguousNameError` when it does not resolve), ``integer`` parses an int in bounds,
    a parameter without a kind stays text. ``declared_only`` refuses parameters the header does not declare
    (a user's own query declares none, so it takes any).

    >>> from tmekg.queries import parse_query_text
    >>> spec = parse_query_text("q", "sparql", "# param: n (integer 1..6) — hops\\nSELECT")
    >>> resolve_params(spec, {"n": "4"})
    {'n': 4}
    """
    if declared_only:
        unknown = sorted(set(given) - set(spec.params))
        if unknown:
            takes = ", ".join(spec.params) or "no parameters"
            raise InputError(f"unknown parameter(s) {', '.join(unknown)}; {spec.name} takes {takes}")
    missing = sorted(set(spec.params) - set(given))
    if missing:
        raise InputError(f"{spec.name} needs --param {missing[0]}=VALUE")
    resolved: dict[str, Value] = {}
    for name, text in given.items():
        kind = spec.params.get(name)
        resolved[name] = _resolve(spec.name, name, kind, text, kg, lookup)
    return resolved


def _resolve(
    query: str, name: str, kind: str | None, text: str, kg: KnowledgeGraph | None, lookup: Lookup | None
) -> Value:
    if kind is None:
        return text
    integer = _INTEGER.fullmatch(kind)
    if integer:
        try:
            number = int(text.strip())
        except ValueError:
            raise InputError(f"--param {name}={text!r}: {query} wants a whole number") from None
        low, high = integer["low"], integer["high"]
        if low is not None and high is not None and not int(low) <= number <= int(high):
            raise InputError(f"--param {name}={number}: {query} takes {low} to {high}")
        return number
    if kind != _ANY_ENTITY and kind not in {k.value for k in EntityKind}:
        raise InputError(f"query {query}: parameter {name} has an unknown kind {kind!r}")
    wanted = None if kind == _ANY_ENTITY else EntityKind(kind)
    if lookup is not None:
        return lookup(text, wanted)
    if kg is None:
        raise InputError(f"query {query}: resolving {name} needs the knowledge graph")
    return kg.lookup(text, wanted).id


def looks_like_id(value: str) -> bool:
    """Whether a text is a tmekg CURIE (``CL:0000625``, ``tmekg:TAM``, ``DRUGBANK:DB09037``).

    >>> looks_like_id("HGNC:17635"), looks_like_id("pro tumor")
    (True, False)
    """
    prefix = value.partition(":")[0]
    return prefix in CURIE_PATTERNS and curie_error(value) is None


#: Values made of ids joined by this (a path of ``signed_paths``) get a label for each id.
PATH_JOIN = " > "


def display_rows(
    result: QueryResult,
    labels: Callable[[Iterable[str]], Mapping[str, str]],
    compact: Callable[[str], str],
) -> list[dict[str, object]]:
    """The rows a table, TSV or CSV shows: IRIs compacted to prefixed names (``CL:0000625``, ``tmekg:blocks``), and
    a ``<column>_label`` column beside every column holding ids or IRIs the store has labels for (a path of ids
    gets the path of their labels). ``labels`` asks the store once for every id in the rows."""
    from tmekg.backends.oxstore import Iri

    def parts(value: object) -> list[str]:
        if isinstance(value, Iri):
            return [str(value)]
        if isinstance(value, str) and value:
            split = value.split(PATH_JOIN)
            if all(looks_like_id(p) for p in split):
                return split
        return []

    wanted = {p for row in result.rows for value in row.values() for p in parts(value)}
    found = dict(labels(wanted)) if wanted else {}
    labelled = {
        column
        for row in result.rows
        for column, value in row.items()
        if any(p in found for p in parts(value)) and f"{column}_label" not in row
    }
    shown: list[dict[str, object]] = []
    for row in result.rows:
        new: dict[str, object] = {}
        for column, value in row.items():
            new[column] = compact(str(value)) if isinstance(value, Iri) else value
            if column in labelled:
                names = parts(value)
                new[f"{column}_label"] = PATH_JOIN.join(found.get(p, p) for p in names) if names else ""
        shown.append(new)
    return shown
