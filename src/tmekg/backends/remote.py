"""A remote SPARQL 1.1 store as a :class:`~tmekg.backends.base.Backend`: the scale-out path of the RDF view.

Loading uses the SPARQL 1.1 Graph Store Protocol and replaces tmekg's named graph atomically: the N-Triples of the
RDF view (with the ontology) are streamed in one ``PUT`` to a fresh temporary graph, then one SPARQL Update
``MOVE GRAPH <temporary> TO GRAPH <graph>`` swaps it in (an update request is one transaction, so a reader sees
the old graph or the new one, never a half-loaded one); a failed load drops the temporary graph; no other graph is
touched. Queries go to the query endpoint with the graph as the ``default-graph-uri`` of the request; parameters
are bound by a ``VALUES`` block of escaped literals (:func:`tmekg.backends.sparql.bind_values`); the query
endpoint runs no updates, so a user's query is read-only.

Credentials come from the environment only: ``TMEKG_SPARQL_USER`` and ``TMEKG_SPARQL_PASSWORD`` (HTTP basic
auth). Every HTTP call has a timeout. Failures are one-line :class:`RemoteError` messages: the endpoint cannot be
reached, refuses the credentials, is not a SPARQL endpoint, or rejects the request.

The HTTP client is ``httpx``: explicit connect and read timeouts (requests has none by default), a streamed
request body from a generator (the graph is never held twice in memory), and one exception tree to map.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from tmekg.backends.base import QueryResult, Value
from tmekg.backends.rdf import Iri, ntriples
from tmekg.backends.sparql import bind_values, label_query, labels_from
from tmekg.errors import InputError
from tmekg.kg import KnowledgeGraph
from tmekg.queries import load_query

if TYPE_CHECKING:
    import httpx

__all__ = [
    "DEFAULT_GRAPH",
    "PASSWORD_ENV",
    "USER_ENV",
    "RemoteError",
    "RemoteSparql",
    "default_endpoints",
]

USER_ENV = "TMEKG_SPARQL_USER"
PASSWORD_ENV = "TMEKG_SPARQL_PASSWORD"
#: The named graph tmekg loads into and queries, unless ``--graph`` names another.
DEFAULT_GRAPH = "https://w3id.org/tmekg/graph"
_RESULTS_JSON = "application/sparql-results+json"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBER = {f"{_XSD}integer": int, f"{_XSD}int": int, f"{_XSD}long": int, f"{_XSD}decimal": float,
           f"{_XSD}double": float, f"{_XSD}float": float}  # fmt: skip
_GRAPH_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+")


class RemoteError(InputError):
    """A remote store could not be used; the message is one line saying why."""


def default_endpoints(endpoint: str) -> tuple[str, str]:
    """The update and Graph Store Protocol endpoints beside a query endpoint: Oxigraph's ``/query`` has
    ``/update`` and ``/store``; Fuseki's ``/DATASET/sparql`` or ``/DATASET/query`` has ``/DATASET/update`` and
    ``/DATASET/data``. Other layouts name them with ``--update-endpoint`` and ``--store-endpoint``.

    >>> default_endpoints("http://localhost:7878/query")
    ('http://localhost:7878/update', 'http://localhost:7878/store')
    >>> default_endpoints("http://localhost:3030/ds/sparql")
    ('http://localhost:3030/ds/update', 'http://localhost:3030/ds/data')
    """
    parts = urlsplit(endpoint)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    if last == "query" and head == "":
        siblings = ("update", "store")
    elif last in ("query", "sparql"):
        siblings = ("update", "data")
    else:
        raise RemoteError(
            f"cannot tell the update and graph store endpoints of {shown(endpoint)}; "
            "give --update-endpoint and --store-endpoint"
        )
    return tuple(urlunsplit(parts._replace(path=f"{head}/{s}", query="")) for s in siblings)  # type: ignore[return-value]


def shown(url: str) -> str:
    """``url`` without any ``user:password@`` part.

    >>> shown("http://me:secret@host:7878/query")
    'http://host:7878/query'
    """
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class RemoteSparql:
    """A SPARQL 1.1 store at ``endpoint`` (its query endpoint); tmekg's data lives in the named graph ``graph``."""

    language = "sparql"

    def __init__(
        self,
        endpoint: str,
        *,
        graph: str = DEFAULT_GRAPH,
        update_endpoint: str | None = None,
        store_endpoint: str | None = None,
        timeout: float = 60.0,
        auth: tuple[str, str] | None = None,
        transport: Any = None,
        allow_network: bool = False,
    ) -> None:
        for name, url in (("--endpoint", endpoint), ("--update-endpoint", update_endpoint),
                          ("--store-endpoint", store_endpoint)):  # fmt: skip
            if url is None:
                continue
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise RemoteError(f"{name} {shown(url)!r} is not an http(s) URL")
            if "@" in parts.netloc:
                raise RemoteError(f"{name} must not hold credentials; set {USER_ENV} and {PASSWORD_ENV}")
        if not _GRAPH_IRI.fullmatch(graph):
            raise RemoteError(f"--graph {graph!r} is not an absolute IRI")
        self.endpoint = endpoint
        self.graph = graph
        self._update_endpoint = update_endpoint
        self._store_endpoint = store_endpoint
        self.timeout = timeout
        self.auth = auth if auth is not None else env_auth()
        self._transport = transport
        #: whether a user query may use SERVICE (refused by default: the store would fetch the URL for us)
        self.allow_network = allow_network

    def describe(self) -> str:
        return f"the SPARQL endpoint {shown(self.endpoint)} (graph <{self.graph}>)"

    def _endpoints(self) -> tuple[str, str]:
        if self._update_endpoint and self._store_endpoint:
            return self._update_endpoint, self._store_endpoint
        update, store = default_endpoints(self.endpoint)
        return self._update_endpoint or update, self._store_endpoint or store

    def _client(self) -> httpx.Client:
        import httpx

        timeout = httpx.Timeout(self.timeout, connect=min(10.0, self.timeout))
        return httpx.Client(timeout=timeout, auth=self.auth, transport=self._transport, follow_redirects=False)

    def _send(self, client: httpx.Client, what: str, url: str, **request: Any) -> httpx.Response:
        """One request; a failure becomes a one-line :class:`RemoteError` naming ``what`` was being done."""
        import httpx

        where = shown(url)
        try:
            response = client.request(url=url, **request)
        except httpx.ConnectError as exc:
            raise RemoteError(f"cannot reach {where} ({_one_line(str(exc)) or 'connection failed'})") from None
        except httpx.TimeoutException:
            raise RemoteError(f"{where} did not answer within {self.timeout:g} s ({what})") from None
        except httpx.HTTPError as exc:
            raise RemoteError(f"{what} at {where} failed: {_one_line(str(exc)) or type(exc).__name__}") from None
        if response.status_code in (401, 403):
            raise RemoteError(
                f"{where} refused the credentials (HTTP {response.status_code}): check {USER_ENV} and {PASSWORD_ENV}"
            )
        if response.status_code in (404, 405):
            raise RemoteError(f"{where} is not a SPARQL endpoint for {what} (HTTP {response.status_code})")
        if response.status_code >= 400:
            raise RemoteError(
                f"{where} rejected the {what} (HTTP {response.status_code}): {_one_line(response.text) or '-'}"
            )
        return response

    # ---- queries -------------------------------------------------------------------------------------------
    def _select(self, text: str, params: Mapping[str, Value], limit: int | None) -> QueryResult:
        body = {"query": bind_values(text, params), "default-graph-uri": self.graph}
        with self._client() as client:
            response = self._send(
                client, "query", self.endpoint, method="POST", data=body, headers={"Accept": _RESULTS_JSON}
            )
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        try:
            data = response.json()
            names = [str(n) for n in data["head"]["vars"]]
            bindings = data["results"]["bindings"]
        except (ValueError, KeyError, TypeError):
            raise RemoteError(
                f"{shown(self.endpoint)} is not a SPARQL endpoint: it answered a query with {kind or 'no type'}, "
                "not SPARQL JSON results"
            ) from None
        rows = [{n: _plain(b.get(n)) for n in names} for b in bindings]
        truncated = limit is not None and len(rows) > limit
        return QueryResult(names, rows[:limit] if truncated else rows, truncated)

    def catalogue(self, name: str, params: Mapping[str, Value], *, limit: int | None = None) -> QueryResult:
        return self._select(load_query("sparql", name).text, params, limit)

    def query(self, text: str, params: Mapping[str, Value], *, limit: int | None = None) -> QueryResult:
        from tmekg.backends.sparql import is_update

        if is_update(text, allow_network=self.allow_network):
            raise InputError("this is a SPARQL update; queries to a remote store run read-only")
        return self._select(text, params, limit)

    def labels(self, ids: Iterable[str]) -> dict[str, str]:
        text = label_query(ids)
        return labels_from(self._select(text, {}, None).rows) if text else {}

    # ---- loading -------------------------------------------------------------------------------------------
    def load(self, kg: KnowledgeGraph) -> str:
        """Replace the named graph with the RDF view of ``kg`` (see the module docstring); the triple count."""
        update, store = self._endpoints()
        temporary = f"urn:tmekg:upload:{uuid.uuid4()}"
        with self._client() as client:
            try:
                self._send(
                    client,
                    "graph upload",
                    store,
                    method="PUT",
                    params={"graph": temporary},
                    content=_encoded(ntriples(kg)),
                    headers={"Content-Type": "application/n-triples"},
                )
                move = f"MOVE GRAPH <{temporary}> TO GRAPH <{self.graph}>"
                self._send(
                    client,
                    "update",
                    update,
                    method="POST",
                    content=move.encode("utf-8"),
                    headers={"Content-Type": "application/sparql-update"},
                )
            except BaseException:
                self._drop_quietly(client, update, temporary)
                raise
        count = self._select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}, None)  # the graph is the default
        triples = count.rows[0]["n"] if count.rows else 0
        return f"loaded {triples} triples into <{self.graph}> at {shown(self.endpoint)}"

    def _drop_quietly(self, client: httpx.Client, update: str, graph: str) -> None:
        import httpx

        # the load already failed with its own message; a leftover temporary graph would be named urn:tmekg:upload:
        with contextlib.suppress(httpx.HTTPError):
            client.post(
                update,
                content=f"DROP SILENT GRAPH <{graph}>".encode(),
                headers={"Content-Type": "application/sparql-update"},
            )


def env_auth() -> tuple[str, str] | None:
    """HTTP basic credentials from ``TMEKG_SPARQL_USER`` and ``TMEKG_SPARQL_PASSWORD`` (both, or none)."""
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if not user and not password:
        return None
    if not user or not password:
        raise RemoteError(f"set both {USER_ENV} and {PASSWORD_ENV} (or neither)")
    return (user, password)


def _encoded(lines: Iterator[str], size: int = 1 << 16) -> Iterator[bytes]:
    """The lines as UTF-8 chunks of about ``size`` bytes (a streamed request body)."""
    buffer: list[str] = []
    length = 0
    for line in lines:
        buffer.append(line)
        length += len(line)
        if length >= size:
            yield "".join(buffer).encode("utf-8")
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


def _plain(term: Mapping[str, str] | None) -> object:
    """A SPARQL JSON result term as the embedded store gives it: IRIs as :class:`Iri`, numbers and booleans as
    Python values, other literals as text."""
    if term is None:
        return None
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        return Iri(value)
    if kind == "bnode":
        return f"_:{value}"
    datatype = term.get("datatype")
    if datatype == f"{_XSD}boolean":
        return value in ("true", "1")
    convert = _NUMBER.get(datatype or "")
    return convert(value) if convert else value
