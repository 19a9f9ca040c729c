"""``tmekg import``, ``tmekg corroborate`` and ``tmekg stats --tier`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tmekg.cli import app

DATA = Path(__file__).parent.parent / "fixtures" / "singlecell"
runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_import_stats_corroborate(tmp_path: Path) -> None:
    tier = tmp_path / "tier"
    code, out, err = run("import", "liana", "--path", DATA / "omni_resource.csv", "--dir", tier, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["layer"] == "imported:liana"
    assert report["flags"]["ado_as_adenosine"] == 1
    assert report["flags"]["reversed_vs_curated"] == 1
    code, _, err = run("import", "cellchatdb", "--path", DATA / "cellchatdb", "--dir", tier)
    assert code == 0, err
    assert "wrote" in err
    code, out, _ = run("stats", "--json", "--tier", tier)
    assert [x["layer"] for x in json.loads(out)["layers"]] == ["curated", "imported:cellchatdb", "imported:liana"]
    code, out, _ = run("stats")
    assert "layer curated" in out
    code, out, _ = run("corroborate", "--tier", tier, "--json")
    assert code == 0
    data = json.loads(out)
    pairs = {(p["ligand"]["label"], p["receptor"]["label"]): p["resources"] for p in data["pairs"]}
    assert pairs[("PVR", "TIGIT")] == {"liana": "reversed"}
    assert pairs[("PD-L1", "PD-1")] == {"cellchatdb": "forward", "liana": "forward"}
    assert pairs[("adenosine", "A2A receptor")] == {"liana": "forward"}
    metabolites = {p["ligand"]["label"] for p in data["uncorroborated"]["metabolite_axes"]}
    assert "prostaglandin E2" in metabolites
    md = tmp_path / "report.md"
    code, out, _ = run("corroborate", "--tier", tier, "-o", md)
    assert code == 0
    assert "## Metabolite axes no resource has" in md.read_text()


def test_import_errors(tmp_path: Path) -> None:
    code, _, err = run("import", "nope", "--dir", tmp_path)
    assert code == 2
    assert "unknown resource 'nope'" in err
    code, _, err = run("import", "cellphonedb", "--dir", tmp_path)
    assert code == 2
    assert "give the path" in err
    code, _, err = run("corroborate", "--tier", tmp_path / "empty")
    assert code == 2
    assert "no imported tier" in err
    assert list(tmp_path.iterdir()) == []


def test_annotate_uses_the_cellphonedb_complexes_of_a_tier(tmp_path: Path) -> None:
    tier = tmp_path / "tier"
    code, _, err = run("import", "cellphonedb", "--path", DATA / "cpdb_interaction_input.csv", "--dir", tier)
    assert code == 0, err
    out = tmp_path / "a.csv"
    results = DATA / "cpdb_significant_means.txt"
    code, _, err = run("annotate", results, "--cells", DATA / "cells_map.csv", "--tier", tier, "-o", out)
    assert code == 0, err
    import pandas as pd

    table = pd.read_csv(out, keep_default_na=False)
    tgf = table[table.interacting_pair == "TGFB1_TGFbeta_receptor1"].iloc[0]
    assert tgf.tmekg_receptor == "HGNC:11772|HGNC:11773"
    assert tgf.tmekg_match == "exact"
