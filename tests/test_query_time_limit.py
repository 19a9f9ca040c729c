"""A user's SPARQL query or update on the embedded graph is stopped at --time-limit (issue 17, item 3).

Oxigraph evaluates a query in Rust without returning to Python, so only a separate process can be stopped: these
tests run queries that would take hours (a four-way cross product) and check they end with one line and exit 2.
The CLI runs in a subprocess with a generous guard, so a missing limit fails the test instead of hanging it.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tmekg.backends.deadline import TimeLimitError, bounded, can_bound
from tmekg.backends.rdf import to_rdf
from tmekg.backends.sparql import EmbeddedSparql
from tmekg.errors import InputError
from tmekg.kg import KnowledgeGraph

pytestmark = pytest.mark.skipif(not can_bound(), reason="this platform has no fork: queries run unbounded")

ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ENDLESS_UPDATE = "INSERT { ?a <urn:x:p> ?l } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
GUARD = 180  # seconds: far beyond the limits below, far below the query's own time


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tmekg", *args],
        capture_output=True,
        text=True,
        timeout=GUARD,
        env={**os.environ, **(env or {})},
    )


def _sleeper() -> int:
    time.sleep(GUARD)
    return 1


def test_work_past_its_limit_is_stopped_and_its_process_is_gone() -> None:
    with pytest.raises(TimeLimitError, match=r"the nap ran longer than its time limit of 0\.5 s.*raise it"):
        bounded(_sleeper, 0.5, "the nap", hint="raise it")
    assert multiprocessing.active_children() == []


def test_work_within_its_limit_returns_its_answer() -> None:
    assert bounded(lambda: {"rows": [1, 2]}, 30, "the sum") == {"rows": [1, 2]}


def test_a_tmekg_error_in_the_worker_comes_back_as_one_input_error() -> None:
    def refuse() -> None:
        raise InputError("a --param binds a variable the query does not SELECT (?x)")

    with pytest.raises(InputError, match=r"does not SELECT \(\?x\)") as caught:
        bounded(refuse, 30, "the query")
    assert not isinstance(caught.value, TimeLimitError)


def test_an_unexpected_error_in_the_worker_is_an_internal_error_with_its_traceback() -> None:
    def crash() -> None:
        raise ZeroDivisionError("boom")

    with pytest.raises(RuntimeError, match=r"(?s)the query failed in its worker process.*ZeroDivisionError: boom"):
        bounded(crash, 30, "the query")


def test_an_update_runs_bounded_and_leaves_the_graph_as_it_was(mini_kg: KnowledgeGraph) -> None:
    graph = to_rdf(mini_kg)
    before = len(graph)
    backend = EmbeddedSparql(graph, time_limit=30)
    after = backend.update("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")
    assert after == before + 1
    assert len(graph) == before


def test_an_endless_update_is_stopped(mini_kg: KnowledgeGraph) -> None:
    backend = EmbeddedSparql(to_rdf(mini_kg), time_limit=0.5)
    with pytest.raises(TimeLimitError, match="the update ran longer"):
        backend.update(ENDLESS_UPDATE)


@pytest.mark.slow
@pytest.mark.parametrize("store", ["on", "off"], ids=["persistent-store", "in-memory"])
def test_an_endless_query_file_ends_at_the_time_limit_with_exit_2(tmp_path: Path, mini_seed: Path, store: str) -> None:
    query = tmp_path / "endless.rq"
    query.write_text(ENDLESS, encoding="utf-8")
    env = {"TMEKG_STORE": "off"} if store == "off" else {"TMEKG_STORE": str(tmp_path / "store")}
    done = _cli("query", "sparql", "--seed", str(mini_seed), "--file", str(query), "--time-limit", "1", env=env)
    assert done.returncode == 2, done.stderr
    assert "ran longer than its time limit of 1 s and was stopped" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_an_endless_update_file_with_write_ends_at_the_time_limit(tmp_path: Path, mini_seed: Path) -> None:
    update = tmp_path / "endless.ru"
    update.write_text(ENDLESS_UPDATE, encoding="utf-8")
    done = _cli("query", "sparql", "--seed", str(mini_seed), "--file", str(update), "--write", "--time-limit", "1")
    assert done.returncode == 2, done.stderr
    assert "the update ran longer than its time limit" in done.stderr
