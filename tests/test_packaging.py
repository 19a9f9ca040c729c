"""The wheel carries the seed and the queries; installed in a fresh environment, `tmekg stats` works anywhere."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import tmekg
from tmekg.coverage import seed_coverage
from tmekg.resources import seed_dir

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    (wheel,) = dist.glob("tmekg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tmekg/_data/data/seed/interactions.csv" in names
    assert "tmekg/_data/queries/README.md" in names
    assert "tmekg/ontology/tmekg.ttl" in names
    assert "tmekg/py.typed" in names  # PEP 561: type checkers read the package's annotations

    # A fresh environment: the wheel installed without dependencies, which are borrowed from this
    # environment's site-packages by a path entry (no .pth files there are processed, so the checkout's
    # editable install stays invisible).
    env_dir = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    new_python = env_dir / "bin" / "python"
    new_site = Path(
        subprocess.run(
            [str(new_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (new_site / "borrowed-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(new_python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    where = subprocess.run(
        [str(new_python), "-c", "import tmekg.resources as r; print(r.seed_dir())"],
        cwd=outside,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where.startswith(str(new_site)), where
    result = subprocess.run(
        [str(env_dir / "bin" / "tmekg"), "stats", "--json"], cwd=outside, check=True, capture_output=True, text=True
    )
    data = json.loads(result.stdout)
    assert [layer["layer"] for layer in data.pop("layers")] == ["curated"]  # no imported tier was asked for
    assert data.pop("checklist") == seed_coverage(seed_dir())  # the wheel ships the seed's COVERAGE.md
    assert data == tmekg.load().stats()
    assert list(outside.iterdir()) == []
