"""SPARQL on an Oxigraph store through pyoxigraph alone: what a warm catalogue query needs, without rdflib.

The persistent store's RDF copy is an on-disk Oxigraph store (:mod:`tmekg.store`); a catalogue query runs on it in
pyoxigraph itself, so answering one from the store loads neither rdflib nor its Oxigraph plugin. The in-memory
view (:func:`tmekg.backends.rdf.to_rdf`, an rdflib Graph) runs its queries through the same :func:`select_table`.
Also here, because a query needs them and they need no rdflib: the prefixes of tmekg's RDF, :func:`compact`, and
:func:`sparql_literal`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tmekg.errors import InputError
from tmekg.vocab import CURIE_PATTERNS, curie_error, iri_to_curie

__all__ = ["PREFIXES", "XSD", "Bindings", "Iri", "compact", "open_read_only", "select_table", "sparql_literal"]

#: The XML Schema datatypes namespace (``xsd:``).
XSD = "http://www.w3.org/2001/XMLSchema#"

#: The prefixes every RDF view and file of tmekg declares.
PREFIXES: dict[str, str] = {
    "tmekg": "https://w3id.org/tmekg/vocab#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "obo": "http://purl.obolibrary.org/obo/",
    "biolink": "https://w3id.org/biolink/vocab/",
    "id": CURIE_PATTERNS["tmekg"][1],  # iri_prefix("tmekg"), read from the table: no curies converter to build
}


class Iri(str):
    """A result value that is an IRI (a plain ``str`` everywhere else: equal, hashed and printed as its text)."""

    __slots__ = ()


#: Bound parameters of a query: strings (``xsd:string``) and integers (``xsd:integer``).
Bindings = Mapping[str, "str | int"]


def compact(value: str) -> str:
    """A full IRI as the name a tmekg user reads: an entity's CURIE (``CL:0000625``, ``tmekg:TAM``), else a
    prefixed name of :data:`PREFIXES` (``tmekg:blocks``, ``rdfs:label``), else the IRI itself.

    >>> compact("http://purl.obolibrary.org/obo/CL_0000625"), compact("https://w3id.org/tmekg/vocab#blocks")
    ('CL:0000625', 'tmekg:blocks')
    """
    curie = iri_to_curie(value)
    if curie is not None and curie_error(curie) is None:
        return curie
    for prefix, namespace in _PREFIX_BY_LENGTH:
        local = value[len(namespace) :]
        if value.startswith(namespace) and local and _PN_LOCAL.fullmatch(local):
            return f"{prefix}:{local}"
    return value


_PREFIX_BY_LENGTH = sorted(((p, n) for p, n in PREFIXES.items() if p != "id"), key=lambda item: -len(item[1]))
_PN_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-.]*(?<!\.)")


def checked_value(value: object) -> str | int:
    """A parameter value as it is bound: a string or an integer (a ``bool`` or anything else is a ``TypeError``)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"a SPARQL parameter is a string or an integer, not {value!r}")
    return value


def sparql_literal(value: str | int) -> str:
    """A value written as a SPARQL literal: a string quoted with every special character escaped, an integer
    typed ``xsd:integer``; for stores that take no bound parameters (see :mod:`tmekg.backends.remote`).

    >>> print(sparql_literal('a "b"'), sparql_literal(4))
    "a \\"b\\"" "4"^^<http://www.w3.org/2001/XMLSchema#integer>
    """
    if isinstance(checked_value(value), int):
        return f'"{int(value)}"^^<{XSD}integer>'
    return '"' + str(value).translate(_SPARQL_ESCAPES) + '"'


_SPARQL_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
)


def open_read_only(path: Path) -> Any:
    """The on-disk Oxigraph store at ``path`` (built by :func:`tmekg.backends.rdf.to_rdf`), opened read-only."""
    import pyoxigraph as ox

    return ox.Store.read_only(str(path))


def is_oxigraph(graph: object) -> bool:
    """Whether ``graph`` is a pyoxigraph ``Store`` (not an rdflib Graph); pyoxigraph is imported only when it is
    already loaded, since nothing else makes one."""
    import sys

    module = sys.modules.get("pyoxigraph")
    return module is not None and isinstance(graph, module.Store)


def select_table(
    graph: Any, text: str, bindings: Bindings | None = None, limit: int | None = None
) -> tuple[list[str], list[dict[str, object]], bool]:
    """Run a SPARQL SELECT on ``graph`` (a pyoxigraph ``Store``, or an rdflib Graph: see
    :func:`tmekg.backends.rdf.select_table`) with parameters bound, stopping after ``limit`` rows:
    ``(names, rows, truncated)``. Rows are plain values: IRIs as :class:`Iri`, literals as Python values, unbound
    variables ``None``."""
    if is_oxigraph(graph):
        return select_oxigraph(graph, text, bindings or {}, limit)
    from tmekg.backends.rdf import select_table as select_rdflib

    return select_rdflib(graph, text, bindings, limit)


_XSD_NATIVE: dict[str, type] = {f"{XSD}integer": int, f"{XSD}double": float, f"{XSD}decimal": float}


def _plain(term: Any) -> object:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype == f"{XSD}boolean":
            return term.value == "true"
        convert = _XSD_NATIVE.get(datatype)
        return convert(term.value) if convert else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return Iri(term.value)


def select_oxigraph(
    store: Any, text: str, bindings: Bindings, limit: int | None
) -> tuple[list[str], list[dict[str, object]], bool]:
    """:func:`select_table` on a pyoxigraph ``Store``: the query runs in Oxigraph and rows are read lazily, so a
    limit stops the engine early."""
    import pyoxigraph as ox

    subs = {ox.Variable(name): ox.Literal(checked_value(value)) for name, value in bindings.items()}
    try:
        solutions = store.query(text, substitutions=subs or None)
    except RuntimeError as exc:
        if "projection" not in str(exc):
            raise
        bound = ", ".join(f"?{name}" for name in bindings)
        raise InputError(f"a --param binds a variable the query does not SELECT ({bound}): {exc}") from None
    names = [v.value for v in solutions.variables]
    rows: list[dict[str, object]] = []
    for solution in solutions:
        if limit is not None and len(rows) >= limit:
            return names, rows, True
        rows.append({name: _plain(solution[name]) for name in names})
    return names, rows, False
