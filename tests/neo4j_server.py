"""Pytest plugin: a real Neo4j 5.26 Community server for the tests.

Load it with ``pytest_plugins = ["tests.neo4j_server"]`` (in tests/conftest.py).

Fixtures:

* ``neo4j_uri`` (session): the Bolt URI. Env ``TMEKG_NEO4J_URI`` names an already running server
  (``TMEKG_NEO4J_USER``/``TMEKG_NEO4J_PASSWORD`` give its credentials, if it wants any); otherwise,
  when ``java`` and ``mvn`` are on PATH, ``tools/neo4j-test-server/start.sh`` starts one on a free port
  with a temporary home (the first run fetches the jars from Maven Central, about a minute).
* ``neo4j_import_dir`` (session): the directory that ``LOAD CSV FROM 'file:///x.csv'`` reads from
  (only for the server started here; skipped with ``TMEKG_NEO4J_URI``).
* ``neo4j_driver`` (function): a driver to an emptied database (no nodes, constraints or indexes
  other than the built-in token lookup indexes).

When no server can be had the tests are skipped, or fail if env ``TMEKG_REQUIRE_NEO4J=1``.
"""

from __future__ import annotations

import collections
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest
from neo4j import Driver, GraphDatabase

REPO_ROOT = Path(__file__).resolve().parent.parent
START_SCRIPT = REPO_ROOT / "tools" / "neo4j-test-server" / "start.sh"
READY_PREFIX = "NEO4J_READY "
READY_TIMEOUT_S = float(os.environ.get("TMEKG_NEO4J_READY_TIMEOUT", "300"))
STOP_TIMEOUT_S = 60.0
TAIL_LINES = 40


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    auth: tuple[str, str] | None
    import_dir: Path | None


def _unavailable(reason: str) -> NoReturn:
    """Skip, or fail when the run requires Neo4j (TMEKG_REQUIRE_NEO4J=1)."""
    if os.environ.get("TMEKG_REQUIRE_NEO4J") == "1":
        pytest.fail(f"Neo4j required (TMEKG_REQUIRE_NEO4J=1) but unavailable: {reason}", pytrace=False)
    pytest.skip(f"Neo4j unavailable: {reason}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _env_auth() -> tuple[str, str] | None:
    password = os.environ.get("TMEKG_NEO4J_PASSWORD")
    if not password:
        return None
    return (os.environ.get("TMEKG_NEO4J_USER", "neo4j"), password)


class _OutputReader(threading.Thread):
    """Drains the server's output, keeps its last lines and notes the ready line."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        super().__init__(name="neo4j-test-server-output", daemon=True)
        self._proc = proc
        self.tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
        self.ready = threading.Event()
        self.uri: str | None = None

    def run(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            line = line.rstrip("\n")
            self.tail.append(line)
            if self.uri is None and line.startswith(READY_PREFIX):
                self.uri = line[len(READY_PREFIX) :].strip()
                self.ready.set()

    def tail_text(self) -> str:
        return "\n".join(self.tail) or "(no output)"


def _stop(proc: subprocess.Popen[str]) -> None:
    """SIGTERM the server's process group (start.sh, a fetch in progress, the JVM); SIGKILL if it hangs."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=STOP_TIMEOUT_S)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        if proc.stdin is not None:
            proc.stdin.close()


def _start_server() -> Iterator[Neo4jServer]:
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _unavailable(f"TMEKG_NEO4J_URI is not set and {' and '.join(missing)} not on PATH")
    home = Path(tempfile.mkdtemp(prefix="tmekg-neo4j-"))
    port = _free_port()
    env = dict(os.environ, NEO4J_TEST_STOP_ON_STDIN_EOF="1")
    env.pop("NEO4J_TEST_PASSWORD", None)
    proc = subprocess.Popen(
        ["bash", str(START_SCRIPT), str(home), str(port)],
        stdin=subprocess.PIPE,  # held open: the server exits on EOF, so it never outlives this process
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    reader = _OutputReader(proc)
    reader.start()
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not reader.ready.wait(0.2):
            if proc.poll() is not None:
                reader.join(timeout=5)
                _unavailable(
                    f"{START_SCRIPT.name} exited with code {proc.returncode} before it was ready; "
                    f"last output:\n{reader.tail_text()}"
                )
            if time.monotonic() > deadline:
                _unavailable(
                    f"{START_SCRIPT.name} not ready after {READY_TIMEOUT_S:.0f} s; last output:\n{reader.tail_text()}"
                )
        assert reader.uri is not None
        yield Neo4jServer(uri=reader.uri, auth=None, import_dir=home / "import")
    finally:
        _stop(proc)
        reader.join(timeout=5)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    uri = os.environ.get("TMEKG_NEO4J_URI")
    if uri:
        yield Neo4jServer(uri=uri, auth=_env_auth(), import_dir=None)
    else:
        yield from _start_server()


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_server: Neo4jServer) -> str:
    return neo4j_server.uri


@pytest.fixture(scope="session")
def neo4j_import_dir(neo4j_server: Neo4jServer) -> Path:
    if neo4j_server.import_dir is None:
        pytest.skip("the import directory of a server given by TMEKG_NEO4J_URI is not known")
    return neo4j_server.import_dir


def _quote_name(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def clear_database(driver: Driver) -> None:
    """Delete every node and relationship, every constraint and every index but the token lookups."""
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        for name in session.run("SHOW CONSTRAINTS YIELD name").value("name"):
            session.run(f"DROP CONSTRAINT {_quote_name(name)} IF EXISTS").consume()
        indexes = session.run(
            "SHOW INDEXES YIELD name, type, owningConstraint "
            "WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN name"
        ).value("name")
        for name in indexes:
            session.run(f"DROP INDEX {_quote_name(name)} IF EXISTS").consume()


@pytest.fixture
def neo4j_driver(neo4j_server: Neo4jServer) -> Iterator[Driver]:
    driver = GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth)
    try:
        try:
            driver.verify_connectivity()
        except Exception as exc:  # noqa: BLE001 - any driver error means no usable server
            _unavailable(f"cannot connect to {neo4j_server.uri}: {exc}")
        clear_database(driver)
        yield driver
    finally:
        driver.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the server (through any of its fixtures, directly or not) carries the ``neo4j`` marker,
    so ``-m "not neo4j"`` never starts a server."""
    for item in items:
        if "neo4j_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)
