"""User SPARQL queries cannot make tmekg fetch a URL (issue 17, item 3): SERVICE and LOAD are refused before the
engine sees them unless --allow-network; nothing connects to the named host."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmekg.backends.sparql import EmbeddedSparql, is_update
from tmekg.cli import app
from tmekg.errors import InputError

runner = CliRunner()


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """A local TCP listener that records every connection (and never answers)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            seen.append(b"connected")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", seen
    stop.set()
    thread.join(2)
    server.close()


def test_service_in_a_query_file_is_refused_and_nothing_connects(
    tmp_path: Path, mini_seed: Path, listener: tuple[str, list[bytes]]
) -> None:
    url, seen = listener
    query = tmp_path / "q.rq"
    query.write_text(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", encoding="utf-8")
    result = runner.invoke(app, ["query", "sparql", "--file", str(query), "--seed", str(mini_seed)])
    assert result.exit_code == 2, result.output
    assert "uses SERVICE" in result.stderr
    assert "--allow-network" in result.stderr
    assert seen == []


def test_load_is_refused_even_with_write(tmp_path: Path, mini_seed: Path, listener: tuple[str, list[bytes]]) -> None:
    url, seen = listener
    update = tmp_path / "u.ru"
    update.write_text(f"LOAD <{url}> INTO GRAPH <urn:x>", encoding="utf-8")
    result = runner.invoke(app, ["query", "sparql", "--file", str(update), "--write", "--seed", str(mini_seed)])
    assert result.exit_code == 2, result.output
    assert "uses LOAD" in result.stderr
    assert seen == []


def test_service_nested_deep_in_a_query_is_found() -> None:
    text = (
        "SELECT ?s WHERE { { ?s ?p ?o } UNION { OPTIONAL { FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?q ?r }"
        " } } } }"
    )
    with pytest.raises(InputError, match="uses SERVICE"):
        is_update(text)
    assert is_update(text, allow_network=True) is False
    with pytest.raises(InputError, match="uses SERVICE"):
        EmbeddedSparql(object()).query(text, {})


def test_queries_and_updates_are_told_apart_without_network_terms() -> None:
    assert is_update("SELECT ?x WHERE { ?x tmekg:effect 1 }") is False  # tmekg's prefixes are predeclared
    assert is_update("INSERT DATA { <urn:a> <urn:b> <urn:c> }") is True
    with pytest.raises(InputError, match="not a SPARQL query or update"):
        is_update("SELEKT nonsense")


def test_a_query_file_that_is_not_utf8_is_bad_input(tmp_path: Path, mini_seed: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_bytes(b'SELECT ?x WHERE { ?x ?p "\xff\xfe" }')
    result = runner.invoke(app, ["query", "sparql", "--file", str(query), "--seed", str(mini_seed)])
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot read {query}: not UTF-8 (invalid start byte at byte 25)\n"


def test_binding_a_variable_the_query_does_not_select_is_bad_input(tmp_path: Path, mini_seed: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?x WHERE { ?x ?p ?o }", encoding="utf-8")
    args = ["query", "sparql", "--file", str(query), "--seed", str(mini_seed), "-p", "y:=99999999999999999999"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: a --param binds a variable the query does not SELECT (?y)")
