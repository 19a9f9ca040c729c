"""tools/neo4j-test-server/start.sh on an existing home (issue 17, item 5): a second start with the same home and
password comes up with the data kept (it used to hang with no ready line), after a clean stop and after SIGKILL; a
relative HOME such as ``../home`` works (it used to fail with "not a normalized path"); a server that cannot come up
exits non-zero instead of hanging."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from tests.neo4j_server import START_SCRIPT, _free_port, _OutputReader, _stop, _unavailable

pytestmark = pytest.mark.neo4j

PASSWORD = "restart-secret-1"
READY_S = float(os.environ.get("TMEKG_NEO4J_READY_TIMEOUT", "300"))


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _unavailable(f"{' and '.join(missing)} not on PATH")


@contextlib.contextmanager
def server(home: str, port: int, cwd: Path, password: str | None = PASSWORD) -> Iterator[subprocess.Popen[str]]:
    """start.sh HOME PORT run from ``cwd``, until its ready line (the test fails if it exits or hangs first)."""
    env = dict(os.environ, NEO4J_TEST_STOP_ON_STDIN_EOF="1")
    env.pop("NEO4J_TEST_PASSWORD", None)
    if password:
        env["NEO4J_TEST_PASSWORD"] = password
    proc = subprocess.Popen(
        ["bash", str(START_SCRIPT), home, str(port)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=cwd,
        start_new_session=True,
    )
    reader = _OutputReader(proc)
    reader.start()
    try:
        deadline = time.monotonic() + READY_S
        while not reader.ready.wait(0.2):
            assert proc.poll() is None, f"start.sh exited with {proc.returncode}:\n{reader.tail_text()}"
            assert time.monotonic() < deadline, f"no ready line after {READY_S:.0f} s:\n{reader.tail_text()}"
        yield proc
    finally:
        _stop(proc)
        reader.join(timeout=5)


def query(port: int, cypher: str) -> list[object]:
    with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=("neo4j", PASSWORD)) as driver:
        records, _, _ = driver.execute_query(cypher)
        return [record[0] for record in records]


def test_restart_on_an_existing_home_with_a_relative_path(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    port = _free_port()
    with server("../home", port, work):
        assert query(port, "CREATE (n:Kept {v: 42}) RETURN n.v") == [42]
    assert (tmp_path / "home" / "data").is_dir(), "../home is resolved from the working directory"
    with server("../home", port, work) as proc:  # same home, same password: used to hang with no ready line
        assert query(port, "MATCH (n:Kept) RETURN n.v") == [42]
        os.killpg(proc.pid, signal.SIGKILL)  # then no clean shutdown
        proc.wait(timeout=30)
    with server(str(tmp_path / "home"), port, work):  # the same home by its absolute path
        assert query(port, "MATCH (n:Kept) RETURN n.v") == [42]


def test_a_server_that_cannot_come_up_exits_non_zero(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            ["bash", str(START_SCRIPT), str(tmp_path / "home"), str(port)],
            capture_output=True,
            text=True,
            timeout=READY_S,
            check=False,
        )
    assert proc.returncode != 0
    assert "NEO4J_READY" not in proc.stdout
    assert "the server did not come up" in proc.stderr
