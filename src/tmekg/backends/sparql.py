"""The embedded SPARQL store as a :class:`~tmekg.backends.base.Backend`: an rdflib Graph on Oxigraph in memory, or
the persistent store's on-disk Oxigraph copy opened read-only in pyoxigraph (then a catalogue query loads no
rdflib: :mod:`tmekg.backends.oxstore`).

Also what every SPARQL store shares: telling a query from an update, and binding parameters into the text of a
query for a store that takes none (a remote endpoint) or plans better knowing them (the embedded store's
catalogue): a ``VALUES`` block as the first thing in the ``WHERE`` group, every value an escaped literal
(:func:`tmekg.backends.oxstore.sparql_literal`), never raw text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from tmekg.backends.base import QueryResult, Value
from tmekg.backends.oxstore import select_table, sparql_literal
from tmekg.errors import InputError
from tmekg.queries import load_query

if TYPE_CHECKING:
    from tmekg.kg import KnowledgeGraph

__all__ = ["EmbeddedSparql", "bind_values", "inline_values", "is_update", "label_query"]

T = TypeVar("T")

# Tokens that may hold a '{' that does not open a group: comments, IRIs, strings (long strings first).
_SKIP = re.compile(
    r'#[^\n]*|<[^<>"{}|^`\\\x00-\x20]*>|"""(?:[^"\\]|\\.|"(?!""))*"""|'
    r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'"
)


def bind_values(text: str, params: Mapping[str, Value]) -> str:
    """``text`` with ``params`` bound by a ``VALUES`` block opening its ``WHERE`` group.

    Like the embedded store's bound parameters, a value reaches every pattern of the query's top-level group
    (catalogue queries use their parameters there and project them).

    >>> bind_values("SELECT ?x WHERE { ?x ?p ?v }", {"v": 'a"b', "n": 2})
    'SELECT ?x WHERE { VALUES (?v ?n) { ("a\\\\"b" "2"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?x ?p ?v }'
    """
    if not params:
        return text
    names = list(params)
    return _values(text, names, [tuple(params[n] for n in names)])


def _values(text: str, names: list[str], rows: Iterable[tuple[Value, ...]]) -> str:
    """``text`` with a ``VALUES`` block of ``rows`` for the variables ``names`` opening its ``WHERE`` group."""
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise InputError(f"parameter name {name!r} is not a SPARQL variable name")
    position = 0
    while True:
        brace = text.find("{", position)
        skip = _SKIP.search(text, position)
        if brace < 0:
            raise InputError("the query has no WHERE group to bind parameters in")
        if skip is not None and skip.start() < brace:
            position = skip.end()
            continue
        break
    listed = " ".join(f"({' '.join(sparql_literal(v) for v in row)})" for row in rows)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ {listed} }}"
    return text[: brace + 1] + block + text[brace + 1 :]


#: What :func:`inline_values` reads: a token that may hold anything (comment, IRI, string), a variable, a word
#: (a keyword or a whole prefixed name), a brace, a star, a parenthesis.
_TOKEN = re.compile(
    rf"(?P<skip>{_SKIP.pattern})|(?P<var>[?$][A-Za-z_][A-Za-z0-9_]*)|(?P<word>[A-Za-z_][\w.-]*(?::[\w.-]*)?)"
    r"|(?P<brace>[{}])|(?P<star>\*)|(?P<paren>[()])"
)


def inline_values(text: str, params: Mapping[str, Value]) -> str | None:
    """``text`` with each parameter's variable replaced by its value, an escaped literal
    (:func:`tmekg.backends.oxstore.sparql_literal`), as SPARQL-dev SEP-0007 defines substitution: a pattern or an
    expression gets the literal, the query's projection ``(literal AS ?name)``, a ``GROUP BY``/``ORDER BY``
    condition ``(literal)``; a sub-select projects it no more (the outer query has the literal too). ``None`` when
    the query binds a parameter's variable itself (``AS ?name``, ``VALUES``), projects ``*``, or a sub-select would
    project nothing, so the value cannot be written in place.

    Oxigraph then plans every part of the query knowing the value: a value bound beside the query
    (``substitutions``) is planned as unknown, and one bound by a ``VALUES`` block (:func:`bind_values`) does not
    reach a ``UNION`` or ``MINUS`` the engine joins by hashing (at 10^5 interactions such a branch computed the
    answer of every therapy before keeping the one asked for).

    >>> inline_values('SELECT ?cell ?i WHERE { ?c <p> ?cell . ?i <q> ?c } ORDER BY ?cell', {"cell": 'a"b'})
    'SELECT ("a\\\\"b" AS ?cell) ?i WHERE { ?c <p> "a\\\\"b" . ?i <q> ?c } ORDER BY ("a\\\\"b")'
    >>> text = inline_values("SELECT ?n ?x WHERE { { SELECT ?n ?x { ?x <p> ?n } } }", {"n": 2})
    >>> print(text.replace("http://www.w3.org/2001/XMLSchema#", "xsd:"))
    SELECT ("2"^^<xsd:integer> AS ?n) ?x WHERE { { SELECT  ?x { ?x <p> "2"^^<xsd:integer> } } }
    >>> inline_values("SELECT * WHERE { ?s ?p ?cell }", {"cell": "x"}) is None
    True
    """
    literals = {name: sparql_literal(value) for name, value in params.items()}
    out: list[str] = []
    position, mode, depth, selects, projected = 0, "body", 0, 0, 0
    after_as = in_values = False  # a variable here is bound by the query itself (AS ?x, VALUES ?x)
    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        out.append(text[position : match.start()])
        position = match.end()
        word = token.upper() if kind == "word" else ""
        if mode == "project" and depth == 0 and (kind in {"var", "star"} or token == "("):
            projected += 1
        if word == "SELECT":
            mode, depth, selects, projected = "project", 0, selects + 1, 0
        elif word in {"GROUP", "ORDER"}:
            mode = "modifier"
        elif word in {"WHERE", "HAVING"} or kind == "brace":
            if mode == "project" and not projected:
                return None  # a sub-select that projected only parameters
            mode, in_values = "body", in_values and token != "{"
        elif word == "VALUES":
            in_values = True
        elif kind == "paren":
            depth += 1 if token == "(" else -1
        elif kind == "star" and mode == "project" and selects == 1:
            return None  # SELECT *: the substituted variable would vanish from the rows
        elif kind == "var" and token[1:] in literals:
            if after_as or in_values:
                return None
            literal = literals[token[1:]]
            if depth > 0 or mode == "body":
                token = literal
            elif mode == "modifier":
                token = f"({literal})"
            else:  # the projection: the query's own shows the value, a sub-select's drops it
                token = f"({literal} AS {token})" if selects == 1 else ""
                projected -= selects > 1
        after_as = word == "AS"
        out.append(token)
    out.append(text[position:])
    return "".join(out)


#: Algebra nodes that make the engine fetch a URL: a federated query, and a LOAD update.
_NETWORK = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD"}


def _network_operation(node: Any, depth: int = 0) -> str | None:
    """The first SERVICE or LOAD in a parsed query or update (rdflib algebra), or ``None``."""
    name = getattr(node, "name", None)
    if name in _NETWORK:
        return _NETWORK[name]
    if depth > 200:  # the algebra of any real query is far shallower
        return None
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list | tuple) else ()
    for child in children:
        found = _network_operation(child, depth + 1)
        if found:
            return found
    return None


def is_update(text: str, *, allow_network: bool = False) -> bool:
    """Whether ``text`` is a SPARQL update rather than a query; :class:`InputError` when it is neither, or when it
    would fetch a URL (``SERVICE``, ``LOAD``) and ``allow_network`` is not given.

    Parsed with rdflib's public ``prepareQuery``/``prepareUpdate`` (tmekg's prefixes predeclared), whose parse
    errors are plain exceptions to us: no parser internals are imported.
    """
    from rdflib.plugins.sparql import prepareQuery, prepareUpdate

    from tmekg.backends.oxstore import PREFIXES

    namespaces = dict(PREFIXES)
    update = False
    try:
        parsed: Any = prepareQuery(text, initNs=namespaces).algebra
    except Exception as query_error:  # noqa: BLE001  (rdflib raises the parser's own exception types)
        try:
            parsed = prepareUpdate(text, initNs=namespaces).algebra
            update = True
        except Exception:  # noqa: BLE001
            raise InputError(f"not a SPARQL query or update: {query_error}") from None
    operation = None if allow_network else _network_operation(parsed)
    if operation:
        raise InputError(
            f"the query uses {operation}, which makes the engine fetch a URL; it is refused unless you pass "
            "--allow-network"
        )
    return update


def label_query(ids: Iterable[str]) -> str | None:
    """A query for the labels of tmekg ids (``dcterms:identifier``) and IRIs: rows ``(key, label)``."""
    curies = sorted({i for i in ids if "://" not in i and not i.startswith("urn:")})
    iris = sorted({i for i in ids if ("://" in i or i.startswith("urn:")) and re.fullmatch(r'[^<>"{}|^`\\\s]+', i)})
    parts = []
    if curies:
        values = " ".join(sparql_literal(c) for c in curies)
        parts.append(
            f"{{ VALUES ?key {{ {values} }} ?x <http://purl.org/dc/terms/identifier> ?key ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
        )
    if iris:
        values = " ".join(f"<{i}>" for i in iris)
        parts.append(
            f"{{ VALUES ?x {{ {values} }} ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label "
            "BIND(STR(?x) AS ?key) }"
        )
    if not parts:
        return None
    return f"SELECT ?key ?label WHERE {{ {' UNION '.join(parts)} }}"


def labels_from(rows: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """The first label of each key in the rows of :func:`label_query` (labels sorted, so the choice is stable)."""
    found: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (str(r["key"]), str(r["label"]))):
        found.setdefault(str(row["key"]), str(row["label"]))
    return found


class InteractionOrder(Protocol):
    """Interaction ids in code point order, read a slice at a time (the persistent store keeps them indexed)."""

    def interaction_ids(self, offset: int, count: int) -> list[str]: ...

    def interaction_count(self) -> int: ...


#: Catalogue queries whose values stay bound beside the text (pyoxigraph's ``substitutions``): Oxigraph plans
#: ``escape_routes`` (three unions of joins, a MINUS) worse with the therapy written in (at 10^4 interactions,
#: pembrolizumab: 17 s against 6 s; a ``VALUES`` block, over 300 s at 10^5).
ENGINE_BOUND = frozenset({"escape_routes"})

#: A catalogue query ordered by interaction id first (``?interaction``: an interaction's ``dcterms:identifier``, a
#: required binding of every row) and not grouped or cut already: its first rows come from the first ids.
_BY_INTERACTION = re.compile(r"\bORDER\s+BY\s+\?interaction\b(?![\s\S]*\b(?:LIMIT|OFFSET)\b)", re.IGNORECASE)
_GROUPED = re.compile(r"\bGROUP\s+BY\b", re.IGNORECASE)
#: Ids tried in the first slice (at least twice the rows asked for), and the share of all ids beyond which the
#: whole query is cheaper than more slices.
FIRST_SLICE, WHOLE_QUERY_SHARE = 256, 0.125


class EmbeddedSparql:
    """The RDF view: ``graph`` is an rdflib Graph on Oxigraph already built, or the persistent store's on-disk
    Oxigraph store opened read-only as a pyoxigraph ``Store`` (queries only: an update needs the rdflib Graph).

    A catalogue query's parameters are written into its text as escaped literals (:func:`inline_values`), not
    bound beside it (pyoxigraph's ``substitutions``): Oxigraph plans the joins knowing the values, so the bound
    entity narrows them first (at 10^5 interactions, ``interactions_of_cell`` for Treg took 10 s with the value
    beside the query and 0.15 s with it in the text); except the queries of :data:`ENGINE_BOUND`.

    With ``order`` (the persistent store), a catalogue query ordered by interaction id with a row limit reads
    only the first interactions: it runs on slices of the ids in order (a ``VALUES`` block of them), growing,
    until more rows than the limit are found. Rows of a slice sort before those of the next, so the rows are the
    first rows of the whole ordered answer; the engine would otherwise read and sort every row before the first.
    """

    language = "sparql"

    def __init__(
        self,
        graph: Any = None,
        *,
        allow_network: bool = False,
        time_limit: float | None = None,
        order: InteractionOrder | None = None,
    ) -> None:
        self.graph = graph
        #: whether a user query may use SERVICE (refused by default: the engine would fetch the URL)
        self.allow_network = allow_network
        #: wall-clock seconds a user query (:meth:`query`, :meth:`update`) may run; ``None``: unbounded
        self.time_limit = time_limit
        #: interaction ids in order (the persistent store), for a limited catalogue query (class docstring)
        self.order = order

    def describe(self) -> str:
        return "the embedded RDF store"

    def load(self, kg: KnowledgeGraph) -> str:
        from tmekg.backends.rdf import to_rdf

        self.graph = to_rdf(kg)
        return f"built the embedded RDF store ({len(self.graph.store._inner)} triples)"

    def _graph(self) -> Any:
        if self.graph is None:
            raise InputError("the embedded RDF store holds no graph yet (load one first)")
        return self.graph

    def catalogue(self, name: str, params: Mapping[str, Value], *, limit: int | None = None) -> QueryResult:
        text = load_query("sparql", name).text
        inlined = inline_values(text, params) if params and name not in ENGINE_BOUND else None
        if inlined is not None:  # the engine plans the query knowing the values (class docstring)
            text, params = inlined, {}
        if limit is None:
            return self._select(text, params, None)
        if self.order is not None and _BY_INTERACTION.search(text) and not _GROUPED.search(text):
            return self._first_by_interaction(text, params, limit, self.order)
        if re.search(r"\b(?:LIMIT|OFFSET)\b", text, re.IGNORECASE) is None:
            text = f"{text.rstrip()}\nLIMIT {limit + 1}\n"  # the engine stops after one row past the limit
        return self._select(text, params, limit)

    def _first_by_interaction(
        self, text: str, params: Mapping[str, Value], limit: int, order: InteractionOrder
    ) -> QueryResult:
        """The first ``limit`` rows of a query ordered by interaction id, from slices of the ids (class docstring)."""
        total = order.interaction_count()
        offset, size = 0, max(FIRST_SLICE, 2 * (limit + 1))
        rows: list[dict[str, object]] = []
        columns: list[str] = []
        while offset < total:
            if offset + size > WHOLE_QUERY_SHARE * total:  # slices this large cost more than the whole query
                return self._select(f"{text.rstrip()}\nLIMIT {limit + 1}\n", params, limit)
            ids = order.interaction_ids(offset, size)
            if not ids:
                break
            columns, found, _ = select_table(self._graph(), _values(text, ["interaction"], [(i,) for i in ids]), params)
            rows += found
            if len(rows) > limit:
                return QueryResult(columns, rows[:limit], True)
            offset += len(ids)
            needed = (limit + 1 - len(rows)) * offset / max(len(rows), 1)  # ids still to read, at this yield
            if offset < total and offset + needed > WHOLE_QUERY_SHARE * total:
                return self._select(f"{text.rstrip()}\nLIMIT {limit + 1}\n", params, limit)
            size *= 2
        if not columns:
            return self._select(text, params, limit)
        return QueryResult(columns, rows, False)

    def query(self, text: str, params: Mapping[str, Value], *, limit: int | None = None) -> QueryResult:
        if is_update(text, allow_network=self.allow_network):
            raise InputError("this is a SPARQL update; queries run read-only")
        return self._bounded(lambda: self._select(text, params, limit), "the query")

    def update(self, text: str) -> int:
        """Apply a SPARQL update to a copy of the in-memory graph and return the number of triples it would leave:
        the graph itself is not changed (the update runs in the bounded worker, whose changes end with it)."""
        graph = self._graph()

        def run() -> int:
            graph.update(text)
            return len(graph)

        return self._bounded(run, "the update")

    def _bounded(self, work: Callable[[], T], what: str) -> T:
        if self.time_limit is None:
            return work()
        from tmekg.backends.deadline import bounded

        hint = "narrow its patterns, add a LIMIT, or raise --time-limit"
        return bounded(work, self.time_limit, what, hint=hint)

    def _select(self, text: str, params: Mapping[str, Value], limit: int | None) -> QueryResult:
        columns, rows, truncated = select_table(self._graph(), text, dict(params), limit)
        return QueryResult(columns, rows, truncated)

    def labels(self, ids: Iterable[str]) -> dict[str, str]:
        text = label_query(ids)
        if text is None:
            return {}
        _columns, rows, _truncated = select_table(self._graph(), text)
        return labels_from(rows)
