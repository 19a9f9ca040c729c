"""Find the external readers the export tests use; skip without them, or fail when CI requires them.

``TMEKG_REQUIRE_EXPORT_TOOLS=1`` (set by CI) turns every "missing tool" skip into a failure.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "tools" / "js"
SCHEMAS = Path(__file__).parent / "schemas"
ARTIFACTS = ROOT / "tests" / "artifacts"
APT_HINT = "apt-get install graphviz libxml2-utils raptor2-utils chromium"
NPM_HINT = "npm ci --prefix tools/js"


def missing(what: str, hint: str) -> None:
    """Skip (or fail, under ``TMEKG_REQUIRE_EXPORT_TOOLS=1``) because ``what`` is not installed."""
    message = f"{what} is not installed; install it with: {hint}"
    if os.environ.get("TMEKG_REQUIRE_EXPORT_TOOLS") == "1":
        pytest.fail(f"{message} (TMEKG_REQUIRE_EXPORT_TOOLS=1)")
    pytest.skip(message)


def program(name: str, hint: str = APT_HINT) -> str:
    path = shutil.which(name)
    if path is None:
        missing(f"`{name}`", hint)
        raise AssertionError("unreachable")
    return path


def module(name: str, hint: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError:
        missing(f"Python package {name}", hint)
        raise AssertionError("unreachable") from None


def chromium() -> str:
    path = os.environ.get("TMEKG_CHROMIUM", "/usr/bin/chromium")
    if not Path(path).is_file():
        missing(f"Chromium ({path})", "apt-get install chromium (or set TMEKG_CHROMIUM)")
    return path


def node_script(script: str, *args: str, timeout: float = 120) -> Any:
    """Run ``tools/js/<script>`` with node and return its JSON output."""
    node = program("node", "apt-get install nodejs npm")
    for package in ("cytoscape", "graphology-gexf", "playwright-core"):
        if not (JS / "node_modules" / package).is_dir():
            missing(f"npm package {package} in tools/js", NPM_HINT)
    result = subprocess.run(
        [node, str(JS / script), *args], capture_output=True, text=True, timeout=timeout, cwd=JS, check=False
    )
    assert result.returncode == 0, f"{script} failed:\n{result.stderr}"
    return json.loads(result.stdout)


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, check=False)


def validate_gexf(path: Path) -> tuple[bool, str]:
    """``xmllint --relaxng`` with the GEXF 1.3 grammar in ``schemas/``: (valid, messages)."""
    result = run(program("xmllint"), "--noout", "--nonet", "--relaxng", str(SCHEMAS / "gexf-1.3.rng"), str(path))
    return result.returncode == 0, result.stderr


def read_dot(path: Path) -> dict[str, Any]:
    """What ``dot -Tjson`` reads from a DOT file."""
    result = run(program("dot"), "-Tjson", str(path))
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def unescape_dot(text: str) -> str:
    """A DOT label's escapes as graphviz renders them (only ``\\\\`` occurs in our labels)."""
    return text.replace("\\\\", "\\")


def open_view(path: Path, shot: Path, query: str) -> dict[str, Any]:
    """Open an HTML view in headless Chromium, search ``query``, click around; the report of check_html.js."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = node_script("check_html.js", str(path), str(shot), query, chromium(), timeout=180)
    assert isinstance(report, dict)
    return report
