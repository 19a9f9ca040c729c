"""Shared fixtures: a tiny hand-made seed (copied per test so tests may corrupt it) and the shipped graph."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import tmekg
from tmekg.kg import KnowledgeGraph

pytest_plugins = ["tests.neo4j_server", "tests.sparql_servers"]

FIXTURES = Path(__file__).parent / "fixtures"
MINI_SEED = FIXTURES / "mini_seed"


@pytest.fixture(scope="session", autouse=True)
def _store_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Commands run in tests keep their persistent stores in a session directory, not the user's cache."""
    root = tmp_path_factory.mktemp("stores")
    before = os.environ.get("TMEKG_STORE")
    os.environ["TMEKG_STORE"] = str(root)
    yield root
    if before is None:
        os.environ.pop("TMEKG_STORE", None)
    else:
        os.environ["TMEKG_STORE"] = before


@pytest.fixture
def mini_seed(tmp_path: Path) -> Path:
    """A writable copy of the tiny seed in ``tests/fixtures/mini_seed``."""
    target = tmp_path / "seed"
    shutil.copytree(MINI_SEED, target)
    return target


@pytest.fixture(scope="session")
def mini_kg() -> KnowledgeGraph:
    return tmekg.load(MINI_SEED)


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    """The shipped seed, loaded and validated."""
    return tmekg.load()
