"""The RDF view in remote SPARQL 1.1 stores: a real Oxigraph server and a real Apache Jena Fuseki (see
tests/sparql_servers.py). Every catalogue query gives the embedded store's rows there; a push replaces only
tmekg's named graph; a bad endpoint, wrong credentials or a non-SPARQL URL is one line and exit 2."""

from __future__ import annotations

import csv
import http.server
import io
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.sparql_servers import SparqlServer
from tmekg.backends.base import Backend
from tmekg.backends.rdf import to_rdf
from tmekg.backends.remote import DEFAULT_GRAPH, PASSWORD_ENV, USER_ENV, RemoteError, RemoteSparql
from tmekg.backends.sparql import EmbeddedSparql
from tmekg.cli import app
from tmekg.kg import KnowledgeGraph
from tmekg.queries import list_queries, load_query
from tmekg.reasoning.catalogue import ANSWERS, answer

pytestmark = pytest.mark.sparql_server

runner = CliRunner()


def _key(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in row.items()))


@pytest.fixture(params=["oxigraph", "fuseki"])
def server(request: pytest.FixtureRequest) -> SparqlServer:
    found: SparqlServer = request.getfixturevalue(f"{request.param}_server")
    return found


def _store(server: SparqlServer, **options: Any) -> RemoteSparql:
    return RemoteSparql(server.endpoint, auth=server.auth, timeout=120, **options)


def _cases(kg: KnowledgeGraph) -> list[tuple[str, dict[str, Any]]]:
    """Every catalogue query, each for a spread of parameter values (the embedded store is checked against Python
    for every value in tests/reasoning/test_queries.py; a remote engine takes 0.1-6 s a query)."""
    therapies = [*[t.id for t in kg.therapies][::12], "DRUGBANK:DB09037", "DRUGBANK:DB00073"]
    molecules = [*[m.id for m in kg.molecules][::20], "CHEBI:16335", "HGNC:17635"]
    cases: list[tuple[str, dict[str, Any]]] = []
    for name in sorted(ANSWERS):
        params = load_query("sparql", name).params
        if not params:
            cases.append((name, {}))
        elif name == "signed_paths":
            for source in ["DRUGBANK:DB09037", "HGNC:17635", "CL:0000815"]:
                cases.append((name, {"source": source, "target": "tmekg:tumor_growth", "max_hops": 4}))
        elif params == {"therapy": "therapy"}:
            cases.extend((name, {"therapy": t}) for t in (therapies[::2] if name == "escape_routes" else therapies))
        elif params == {"cell": "cell_type"}:
            cases.extend((name, {"cell": c.id}) for c in kg.cell_types[::6])
        elif params == {"molecule": "molecule"}:
            cases.extend((name, {"molecule": m}) for m in molecules)
        else:
            pytest.fail(f"no cases for {name} {params}")
    return cases


def test_every_catalogue_query_gives_the_embedded_rows(server: SparqlServer, kg: KnowledgeGraph) -> None:
    store = _store(server)
    assert isinstance(store, Backend)
    summary = store.load(kg)
    assert f"loaded {len(to_rdf(kg))} triples" in summary
    embedded = EmbeddedSparql(to_rdf(kg))
    answered = set()
    for name, params in _cases(kg):
        remote = store.catalogue(name, params).rows
        local = embedded.catalogue(name, params).rows
        python = answer(kg, name, params)
        assert sorted(remote, key=_key) == sorted(local, key=_key) == sorted(python, key=_key), (server.name, name)
        if python:
            answered.add(name)
    assert answered == set(list_queries("sparql")), "every query answers something on the shipped seed"


def test_push_replaces_only_its_graph(server: SparqlServer, mini_kg: KnowledgeGraph, kg: KnowledgeGraph) -> None:
    import httpx

    other = "urn:example:someone-elses-graph"
    mini = "https://w3id.org/tmekg/test/mini"
    store = _store(server, graph=mini)
    update, _ = store._endpoints()
    with httpx.Client(auth=server.auth, timeout=60) as client:
        body = f"INSERT DATA {{ GRAPH <{other}> {{ <urn:x> <urn:y> 'kept' }} }}"
        reply = client.post(update, content=body, headers={"Content-Type": "application/sparql-update"})
        assert reply.status_code < 300, reply.text
    store.load(kg)
    store.load(mini_kg)  # replaces the whole graph: nothing of the shipped seed is left in it
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert store.query(count, {}).rows == [{"n": len(to_rdf(mini_kg))}]
    untouched = RemoteSparql(server.endpoint, graph=other, auth=server.auth)
    assert untouched.query("SELECT ?o WHERE { ?s ?p ?o }", {}).rows == [{"o": "kept"}]
    listing = RemoteSparql(server.endpoint, graph=mini, auth=server.auth)
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    with httpx.Client(auth=server.auth, timeout=60) as client:
        reply = client.post(
            server.endpoint, data={"query": graphs}, headers={"Accept": "application/sparql-results+json"}
        )
    names = {b["g"]["value"] for b in reply.json()["results"]["bindings"]}
    assert not any(n.startswith("urn:tmekg:upload:") for n in names), "no temporary graph is left behind"
    assert {mini, other} <= names
    assert listing.labels(["HGNC:17635"]) == {"HGNC:17635": "PD-L1"}


def test_cli_push_and_query_with_labels(server: SparqlServer, monkeypatch: pytest.MonkeyPatch) -> None:
    if server.auth:
        monkeypatch.setenv(USER_ENV, server.auth[0])
        monkeypatch.setenv(PASSWORD_ENV, server.auth[1])
    result = runner.invoke(app, ["rdf", "push", "--endpoint", server.endpoint])
    assert result.exit_code == 0, result.stderr
    assert f"into <{DEFAULT_GRAPH}>" in result.stdout
    args = ["query", "sparql", "therapy_blocks", "-p", "therapy=pembrolizumab", "--endpoint", server.endpoint]
    result = runner.invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["therapy"], r["therapy_label"]) for r in rows} == {("DRUGBANK:DB09037", "pembrolizumab")}
    assert all(r["target_label"] for r in rows)
    bare = list(csv.DictReader(io.StringIO(runner.invoke(app, [*args, "--format", "csv", "--ids"]).stdout)))
    assert "therapy_label" not in bare[0]
    assert [r["therapy"] for r in json.loads(runner.invoke(app, [*args, "--json"]).stdout)] == [
        r["therapy"] for r in bare
    ]


def test_wrong_credentials_are_one_line(fuseki_server: SparqlServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(USER_ENV, "tmekg")
    monkeypatch.setenv(PASSWORD_ENV, "not-the-password")
    for args in (["rdf", "push"], ["query", "sparql", "hijacked_functions"]):
        result = runner.invoke(app, [*args, "--endpoint", fuseki_server.endpoint])
        assert result.exit_code == 2
        assert "refused the credentials (HTTP 401)" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "not-the-password" not in result.stderr
    monkeypatch.delenv(PASSWORD_ENV)
    result = runner.invoke(app, ["query", "sparql", "hijacked_functions", "--endpoint", fuseki_server.endpoint])
    assert result.exit_code == 2
    assert f"set both {USER_ENV} and {PASSWORD_ENV}" in result.stderr


@pytest.fixture
def html_site() -> Iterator[str]:
    """A local web server that answers every request with an HTML page (a URL that is not SPARQL)."""

    class Page(http.server.BaseHTTPRequestHandler):
        def _page(self) -> None:
            body = b"<html><body>hello</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = _page

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_unreachable_and_non_sparql_endpoints_are_one_line(html_site: str, oxigraph_server: SparqlServer) -> None:
    base = oxigraph_server.endpoint.rsplit("/", 1)[0]
    cases = {
        "http://127.0.0.1:9/query": "cannot reach http://127.0.0.1:9/query",
        html_site: "is not a SPARQL endpoint: it answered a query with text/html",
        f"{base}/": "is not a SPARQL endpoint for query (HTTP 404)",
        "ftp://example.org/query": "is not an http(s) URL",
        "http://me:pw@127.0.0.1:9/query": "must not hold credentials",
    }
    for endpoint, message in cases.items():
        result = runner.invoke(app, ["query", "sparql", "hijacked_functions", "--endpoint", endpoint])
        assert result.exit_code == 2, (endpoint, result.stdout)
        assert message in result.stderr, (endpoint, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "pw@" not in result.stderr
    result = runner.invoke(app, ["rdf", "push", "--endpoint", html_site])
    assert result.exit_code == 2
    assert "is not a SPARQL endpoint" in result.stderr


def test_remote_queries_are_read_only(oxigraph_server: SparqlServer, tmp_path: Any) -> None:
    update = tmp_path / "u.rq"
    update.write_text("DELETE WHERE { ?s ?p ?o }")
    args = ["query", "sparql", "--file", str(update), "--endpoint", oxigraph_server.endpoint]
    assert runner.invoke(app, [*args, "--write"]).exit_code == 2
    with pytest.raises(RemoteError):
        RemoteSparql(oxigraph_server.endpoint, graph="not an iri")


def test_own_query_on_a_remote_store_prints_prefixed_names_and_labels(
    oxigraph_server: SparqlServer, kg: KnowledgeGraph, tmp_path: Any
) -> None:
    _store(oxigraph_server).load(kg)
    query = tmp_path / "q.rq"
    query.write_text('SELECT ?p WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> "blocks" FILTER(isIRI(?p)) }')
    args = ["query", "sparql", "--file", str(query), "--endpoint", oxigraph_server.endpoint]
    result = runner.invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = sorted(csv.DictReader(io.StringIO(result.stdout)), key=lambda r: r["p"])
    assert rows == [  # the action term (a value of tmekg:action) and the property of its direct edges
        {"p": "tmekg:action_blocks", "p_label": "blocks"},
        {"p": "tmekg:blocks", "p_label": "blocks"},
    ]
    result = runner.invoke(app, [*args, "--format", "csv", "--ids"])
    bare = sorted(r["p"] for r in csv.DictReader(io.StringIO(result.stdout)))
    assert bare == ["https://w3id.org/tmekg/vocab#action_blocks", "https://w3id.org/tmekg/vocab#blocks"]
