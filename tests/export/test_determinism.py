"""Visual exports are the same bytes whatever the hash seed: two processes with different ``PYTHONHASHSEED``
export the shipped graph (every visual format, with an imported tier too, an answer's layered subgraph, the HTML
overview) and the files are compared byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tmekg.export.files import ExportFormat, written_paths

TIER = Path(__file__).parents[1] / "fixtures" / "singlecell" / "omni_resource.csv"
VISUAL = ("graphml", "gexf", "cyjs", "cx2", "dot", "kgx", "html")

SCRIPT = r"""
import sys
from pathlib import Path

import tmekg
from tmekg import reasoning
from tmekg.export.files import ExportFormat, export
from tmekg.export.layered import therapy_layout

out = Path(sys.argv[1])
kg = tmekg.load()
for fmt in sys.argv[3:]:
    export(kg, ExportFormat(fmt), out / f"whole.{fmt}")
from tmekg.importers.liana import LianaImporter

tier = LianaImporter().build(Path(sys.argv[2]), kg=kg)  # imported pairs: drawn in rows below the curated graph
for fmt in ("graphml", "gexf", "cyjs", "html"):
    export(kg, ExportFormat(fmt), out / f"tiers.{fmt}", tiers=[tier])
answer = reasoning.block(kg, "pembrolizumab")
for fmt in ("html", "graphml", "dot"):
    path = out / f"answer.{fmt}"
    export(answer.subgraph(kg), ExportFormat(fmt), path, isolated=True, layout=therapy_layout(kg, answer))
"""


def _export(directory: Path, hash_seed: str) -> dict[str, bytes]:
    directory.mkdir()
    env = dict(os.environ, PYTHONHASHSEED=hash_seed, TMEKG_STORE="off")
    subprocess.run([sys.executable, "-c", SCRIPT, str(directory), str(TIER), *VISUAL], env=env, check=True, timeout=600)
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_visual_exports_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    first = _export(tmp_path / "one", "1")
    second = _export(tmp_path / "two", "2")
    expected = {p.name for fmt in VISUAL for p in written_paths(ExportFormat(fmt), Path(f"whole.{fmt}"))}
    assert expected <= first.keys()
    assert {"tiers.graphml", "tiers.gexf", "tiers.cyjs", "tiers.html"} <= first.keys()
    assert first.keys() == second.keys()
    differ = sorted(name for name in first if first[name] != second[name])
    assert differ == [], f"differ between PYTHONHASHSEED=1 and 2: {differ}"
