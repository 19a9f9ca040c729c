"""SIGTERM and SIGINT during an export leave the previous export or the new one, whole, and no temporary file;
a kill that no handler can catch (SIGKILL) between the renames of a multi-file export leaves no manifest, so a
reader can tell. Each case runs ``tmekg export`` in a real subprocess that signals itself at a fixed point (while
writing the temporaries, or between two renames)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINI_SEED
from tmekg.atomic import check_manifest
from tmekg.export.files import ExportFormat, export, written_paths
from tmekg.export.registry import WRITERS, Layout
from tmekg.kg import KnowledgeGraph

SCRIPT = r"""
import os
import signal
import sys

import tmekg.atomic as atomic

sig, where, args = getattr(signal, sys.argv[1]), sys.argv[2], sys.argv[3:]
real = {"create": atomic._create_file, "fill": atomic._fill, "replace": os.replace, "rename": os.rename}
renames = []


def create(path, data=b""):
    real["create"](path, data)
    if where == "writing" and data:
        os.kill(os.getpid(), sig)


def fill(path, data):
    real["fill"](path, data)
    if where == "writing":
        os.kill(os.getpid(), sig)


def moved(name):
    def move(src, dst):
        real[name](src, dst)
        renames.append(dst)
        if where == "renaming" and len(renames) == 2:
            os.kill(os.getpid(), sig)
    return move


atomic._create_file, atomic._fill = create, fill
os.replace, os.rename = moved("replace"), moved("rename")
from tmekg.cli import app

app(args)
"""


ENV = dict(os.environ, TMEKG_STORE="off")  # no store build: every rename the script counts is the export's


def _run(sig: str, where: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", SCRIPT, sig, where, *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=ENV, check=False)


def _snapshot(directory: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(directory)): None if p.is_dir() else p.read_bytes() for p in directory.rglob("*")}


CASES = [
    (fmt, where)
    for fmt in ("graphml", "kgx", "cyjs", "neo4j-csv")
    for where in ("writing", "renaming")
    if not (where == "renaming" and WRITERS[ExportFormat(fmt)].layout is Layout.FILE)  # one rename only
]


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
@pytest.mark.parametrize(("fmt", "where"), CASES)
def test_a_signal_leaves_one_whole_export_and_no_temporary(
    fmt: str, where: str, sig: str, mini_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    chosen = ExportFormat(fmt)
    out = tmp_path / "out" / f"g.{fmt}"
    out.parent.mkdir()
    smaller = KnowledgeGraph(cell_types=mini_kg.cell_types)
    export(smaller, chosen, out)
    previous = _snapshot(out.parent)
    (tmp_path / "new").mkdir()
    export(mini_kg, chosen, tmp_path / "new" / f"g.{fmt}")  # what the command writes when it is not stopped
    new = _snapshot(tmp_path / "new")
    result = _run(sig, where, "export", "--seed", MINI_SEED, "-f", fmt, "-o", out)
    assert result.returncode == 128 + getattr(signal, sig), result.stderr
    assert "Traceback" not in result.stderr
    after = _snapshot(out.parent)
    assert after in (previous, new), sorted(after)  # one whole export, nothing mixed, no temporary beside it
    if where == "writing":
        assert after == previous  # nothing was renamed yet
    manifest = written_paths(chosen, out)[-1]
    if WRITERS[chosen].layout is Layout.DIRECTORY:
        manifest = out / "tmekg-manifest.json"
    if WRITERS[chosen].layout is not Layout.FILE:
        assert check_manifest(manifest) == []


KILL = r"""
import os
import signal
import sys

renames = []
real = os.replace


def replace(src, dst):
    real(src, dst)
    renames.append(dst)
    if len(renames) == int(sys.argv[1]):
        os.kill(os.getpid(), signal.SIGKILL)


os.replace = replace
from tmekg.cli import app

app(sys.argv[2:])
"""


def test_sigkill_between_renames_leaves_no_manifest(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    """KGX: the previous manifest is moved away first (rename 1), the previous nodes and edges files next (2, 3),
    then the new nodes file comes in (4): a SIGKILL there leaves new nodes with no edges, and no manifest."""
    out = tmp_path / "k"
    export(KnowledgeGraph(cell_types=mini_kg.cell_types), ExportFormat.KGX, out)
    nodes, _edges, manifest = written_paths(ExportFormat.KGX, out)
    assert check_manifest(manifest) == []
    command = [sys.executable, "-c", KILL, "4", "export", "--seed", str(MINI_SEED), "-f", "kgx", "-o", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=ENV, check=False)
    assert result.returncode == -signal.SIGKILL
    assert nodes.is_file()
    assert not manifest.exists()
    assert check_manifest(manifest) == [f"{manifest} is missing: the output is incomplete or was not written by tmekg"]
    export(mini_kg, ExportFormat.KGX, out)  # the next export makes it whole again
    assert check_manifest(manifest) == []
