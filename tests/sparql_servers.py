"""Pytest plugin: two real SPARQL 1.1 servers for the remote-store tests, started the way the Neo4j server is.

* ``oxigraph_server`` (session): ``oxigraph serve`` from the ``oxigraph`` PyPI package (the test extra installs it
  beside Python), in memory on a free port of 127.0.0.1. No authentication.
* ``fuseki_server`` (session): Apache Jena Fuseki 5.6.0 (``tools/fuseki-test-server/start.sh``: jars from Maven
  Central, Java 17), an in-memory dataset ``/ds`` on a free port, with HTTP basic auth (user ``tmekg`` and a
  password made up per run), so wrong credentials can be tested.

When a server cannot be had the tests skip with the reason, or fail when env ``TMEKG_REQUIRE_SPARQL_SERVERS=1``
(set by ``.ci/run``).
"""

from __future__ import annotations

import collections
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

from tests.neo4j_server import _stop  # the same process-group stop as the Neo4j test server

REPO_ROOT = Path(__file__).resolve().parent.parent
FUSEKI_START = REPO_ROOT / "tools" / "fuseki-test-server" / "start.sh"
READY_TIMEOUT_S = float(os.environ.get("TMEKG_SPARQL_READY_TIMEOUT", "300"))


@dataclass(frozen=True)
class SparqlServer:
    """A running server: its query endpoint and the credentials it wants (``None``: none)."""

    name: str
    endpoint: str
    auth: tuple[str, str] | None


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("TMEKG_REQUIRE_SPARQL_SERVERS") == "1":
        pytest.fail(
            f"SPARQL servers required (TMEKG_REQUIRE_SPARQL_SERVERS=1) but unavailable: {reason}", pytrace=False
        )
    pytest.skip(f"SPARQL server unavailable: {reason}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class _Drain(threading.Thread):
    """Reads a server's output so its pipe never fills; keeps the last lines for error messages."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        super().__init__(daemon=True)
        self._proc = proc
        self.tail: collections.deque[str] = collections.deque(maxlen=30)

    def run(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            self.tail.append(line.rstrip("\n"))


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status < 500)
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except OSError:
        return False


def _run(name: str, command: list[str], probe: str, env: dict[str, str], home: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=home,
        start_new_session=True,
    )
    drain = _Drain(proc)
    drain.start()
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not _answers(probe):
            if proc.poll() is not None:
                drain.join(timeout=5)
                _unavailable(f"{name} exited with code {proc.returncode}; last output:\n" + "\n".join(drain.tail))
            if time.monotonic() > deadline:
                _unavailable(f"{name} not ready after {READY_TIMEOUT_S:.0f} s; last output:\n" + "\n".join(drain.tail))
            time.sleep(0.2)
        yield proc
    finally:
        _stop(proc)
        drain.join(timeout=5)


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[SparqlServer]:
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        _unavailable("the oxigraph command is not installed (pip install 'oxigraph==0.5.13', in the test extra)")
    port = _free_port()
    home = Path(tempfile.mkdtemp(prefix="tmekg-oxigraph-"))
    base = f"http://127.0.0.1:{port}"
    try:
        command = [binary, "serve", "--bind", f"127.0.0.1:{port}"]
        for _proc in _run("oxigraph serve", command, f"{base}/query?query=ASK%7B%7D", dict(os.environ), home):
            yield SparqlServer("oxigraph", f"{base}/query", None)
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def fuseki_server() -> Iterator[SparqlServer]:
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _unavailable(f"{' and '.join(missing)} not on PATH (Fuseki runs on Java 17, fetched with Maven)")
    port = _free_port()
    home = Path(tempfile.mkdtemp(prefix="tmekg-fuseki-"))
    password = secrets.token_urlsafe(12)
    env = dict(os.environ, FUSEKI_TEST_PASSWORD=password)
    base = f"http://127.0.0.1:{port}"
    try:
        command = ["bash", str(FUSEKI_START), str(home), str(port)]
        for _proc in _run("Fuseki", command, f"{base}/$/ping", env, home):
            yield SparqlServer("fuseki", f"{base}/ds/query", ("tmekg", password))
    finally:
        shutil.rmtree(home, ignore_errors=True)
