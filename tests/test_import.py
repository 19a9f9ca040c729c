"""Importing tmekg does nothing: no file written or read besides its own modules, no seed parsed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = r"""
import json, sys
events = []
def hook(event, args):
    if event == "open":
        events.append([str(args[0]), str(args[1])])
sys.addaudithook(hook)
import tmekg
print(json.dumps({"opened": events, "modules": sorted(m for m in sys.modules if m.startswith("tmekg"))}))
"""


def test_import_is_inert(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True, text=True, check=True)
    data = json.loads(result.stdout)
    assert data["modules"] == ["tmekg"]
    suspicious = [path for path, mode in data["opened"] if not path.endswith((".py", ".pyc")) or "w" in mode]
    assert suspicious == [], suspicious
    assert list(tmp_path.iterdir()) == []
