"""Shared fixtures: a tiny hand-made seed (copied per test so tests may corrupt it) and the shipped graph."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import tmekg
from tmekg.kg import KnowledgeGraph

pytest_plugins = ["tests.neo4j_server"]

FIXTURES = Path(__file__).parent / "fixtures"
MINI_SEED = FIXTURES / "mini_seed"


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
