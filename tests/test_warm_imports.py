"""A warm answer (the persistent store built) imports only what it needs: no library of another backend or of the
seed reader, and no validator of the records it unpickles. A guard of structure, not a timing: each CLI call runs
in a fresh interpreter that reports the modules it loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tmekg.resources import seed_dir
from tmekg.store import build

#: Runs the CLI in this interpreter, then prints what it imported and which record classes built their validator.
PROBE = r"""
import json, sys
from tmekg.cli import app
try:
    app(sys.argv[1:], prog_name="tmekg")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
import tmekg.model as model
names = ("Interaction", "Reference", "TherapyAction", "CellType")
built = [name for name in names if getattr(model, name).__pydantic_complete__]
sys.__stderr__.write("\nPROBE " + json.dumps({"code": code, "modules": sorted(sys.modules), "built": built}) + "\n")
"""

#: Libraries that only other commands, the seed reader or the in-memory RDF view need (curies and
#: confusable_homoglyphs check ids and names while validating; rapidfuzz suggests names that were not found).
NEVER_WARM = (
    "rdflib",
    "oxrdflib",
    "pandas",
    "pyarrow",
    "networkx",
    "neo4j",
    "httpx",
    "numpy",
    "rustworkx",
    "curies",
    "confusable_homoglyphs",
    "rapidfuzz",
)
#: tmekg modules that only reading and validating the seed, or building RDF, need.
READERS = ("tmekg.columnar", "tmekg.ground", "tmekg.refdata", "tmekg.backends.rdf", "tmekg.backends.neo4j")

COMMANDS = {
    "lookup": ["lookup", "PD-L1"],
    "path": ["path", "PD-L1", "tumor growth"],
    "therapy": ["therapy", "pembrolizumab"],
    "interactions": ["interactions", "--outcome", "pro_tumor"],
    "query": ["query", "sparql", "pro_tumor_interactions", "--limit", "100"],
}


@pytest.fixture(scope="module")
def warm_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("warm")
    build(seed_dir(), root)
    return root


def _warm_call(root: Path, args: list[str]) -> dict[str, object]:
    env = {**os.environ, "TMEKG_STORE": str(root), "COLUMNS": "120"}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, check=True)
    assert "store:" not in done.stderr  # nothing was built: the call was warm
    report: dict[str, object] = json.loads(done.stderr.rpartition("\nPROBE ")[2])
    assert report["code"] == 0, done.stderr
    return report


@pytest.mark.parametrize("command", COMMANDS)
def test_a_warm_answer_imports_no_other_backend_and_no_seed_reader(warm_store: Path, command: str) -> None:
    report = _warm_call(warm_store, COMMANDS[command])
    modules = set(report["modules"])  # type: ignore[arg-type]
    # only a SPARQL query opens the on-disk RDF store, and it needs pyoxigraph alone for it
    never = (*NEVER_WARM, "pyoxigraph") if command != "query" else NEVER_WARM
    loaded = sorted(m for m in modules if m.split(".")[0] in never or m in READERS)
    assert loaded == [], f"a warm `tmekg {' '.join(COMMANDS[command])}` imported {loaded}"
    # records come unpickled from the store: their validators are not built for them
    assert report["built"] == []
    if command == "query":
        assert "pyoxigraph" in modules  # the on-disk store answered it


@pytest.mark.parametrize("command", ["lookup", "path", "therapy", "interactions"])
def test_an_answer_printed_as_json_draws_nothing_and_imports_no_rich(warm_store: Path, command: str) -> None:
    modules = set(_warm_call(warm_store, [*COMMANDS[command], "--json"])["modules"])  # type: ignore[arg-type]
    assert not any(m.split(".")[0] == "rich" for m in modules)
    # a table is drawn with rich, made on first use
    assert "rich" in set(_warm_call(warm_store, COMMANDS[command])["modules"])  # type: ignore[arg-type]
