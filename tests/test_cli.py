"""The CLI through typer's runner: output, --json, exit codes, and nothing written on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmekg.cli import app

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_validate_ok_and_json(mini_seed: Path) -> None:
    code, out, _ = run("validate", "--seed", mini_seed)
    assert code == 0
    assert "is valid" in out
    code, out, _ = run("validate", "--seed", mini_seed, "--json")
    data = json.loads(out)
    assert data["errors"] == []
    assert [w["column"] for w in data["warnings"]] == ["checked_against"]


def test_validate_bad_seed(mini_seed: Path) -> None:
    path = mini_seed / "interactions.csv"
    path.write_text(path.read_text().replace(",binding,", ",hugging,", 1))
    code, _, err = run("validate", "--seed", mini_seed)
    assert code == 2
    assert "interactions.csv, row 2, column 'mechanism'" in err


def test_stats_json(mini_seed: Path) -> None:
    code, out, _ = run("stats", "--seed", mini_seed, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["entities"]["molecule"] == 5
    assert data["interactions_by_outcome"]["pro_tumor"] == 2


def test_lookup(mini_seed: Path) -> None:
    code, out, _ = run("lookup", "pd-1", "--seed", mini_seed, "--json")
    assert code == 0
    card = json.loads(out)
    assert card["entity"]["symbol"] == "PDCD1"
    assert {i["id"] for i in card["interactions_in"]} == {"tmekg:i_pdl1_pd1", "tmekg:i_pdl2_pd1"}
    assert card["therapies"][0]["therapy"]["label"] == "pembrolizumab"
    code, out, _ = run("lookup", "PD-1", "--seed", mini_seed)
    assert code == 0
    assert "pembrolizumab" in out
    code, _, err = run("lookup", "PD-L3", "--seed", mini_seed)
    assert code == 1
    assert "no entity matches 'PD-L3'" in err


def test_interactions_filters_and_exit_codes(mini_seed: Path) -> None:
    code, out, _ = run("interactions", "--outcome", "pro_tumor", "--cell", "TAM", "--seed", mini_seed, "--json")
    assert code == 0
    views = json.loads(out)
    assert [v["id"] for v in views] == ["tmekg:i_pdl2_pd1"]
    assert views[0]["ligand"] == {"id": "HGNC:18731", "label": "PD-L2", "kind": "molecule", "symbol": "PDCD1LG2"}
    assert views[0]["hijacked_function"] == "termination of T cell activation by inhibitory receptors"
    code, out, _ = run("interactions", "--outcome", "anti_tumor", "--seed", mini_seed, "--json")
    assert (code, json.loads(out)) == (1, [])
    code, _, err = run("interactions", "--outcome", "helpful", "--seed", mini_seed)
    assert code == 2
    assert "pro_tumor" in err
    code, _, _ = run("interactions", "--cancer", "glioma", "--seed", mini_seed)
    assert code == 1


@pytest.mark.parametrize("fmt", ["json", "ttl", "graphml"])
def test_export_writes_nothing_on_bad_seed(mini_seed: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"kg.{fmt}"
    (mini_seed / "cancers.csv").write_text("id,label\nMONDO:0005105,melanoma\n")
    code, _, err = run("export", "--format", fmt, "-o", out, "--seed", mini_seed)
    assert code == 2
    assert "cancers.csv, row 1" in err
    assert not out.exists()
    assert list(tmp_path.glob(f".kg.{fmt}*")) == []


def test_export_keeps_previous_file_on_bad_seed(mini_seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "kg.json"
    assert run("export", "-o", out, "--seed", mini_seed)[0] == 0
    before = out.read_bytes()
    (mini_seed / "processes.csv").write_text("garbage\n")
    assert run("export", "-o", out, "--seed", mini_seed)[0] == 2
    assert out.read_bytes() == before


def test_export_usage_errors(mini_seed: Path, tmp_path: Path) -> None:
    assert run("export", "--format", "xlsx", "-o", tmp_path / "x", "--seed", mini_seed)[0] == 2
    assert run("export", "-o", tmp_path / "missing" / "x.json", "--seed", mini_seed)[0] == 2


def test_lint(mini_seed: Path) -> None:
    path = mini_seed / "cancers.csv"
    canonical = path.read_text()
    assert run("lint", "--seed", mini_seed, "--check")[0] == 0
    path.write_text("label,id,broader,synonyms\r\n melanoma ,MONDO:0005105,,\r\n")
    code, out, _ = run("lint", "--seed", mini_seed, "--check")
    assert (code, "would rewrite cancers.csv" in out) == (1, True)
    assert run("lint", "--seed", mini_seed)[0] == 0
    assert path.read_text() == canonical
