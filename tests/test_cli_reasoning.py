"""Reasoning commands through the CLI: JSON contracts, exit codes, parameters bound (never formatted)."""

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


def test_therapy_json_and_human() -> None:
    code, out, _ = run("therapy", "Keytruda", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["therapy"]["label"] == "pembrolizumab"
    assert data["net_effect"]["direction"] == "anti_tumor"
    assert all({"id", "tumor_outcome", "evidence"} <= set(i) for i in data["severed"])
    assert all({"therapy", "closes"} <= set(p) for p in data["partners"])
    code, out, _ = run("therapy", "pembrolizumab")
    assert code == 0
    assert "predicted net effect on the tumor: anti_tumor" in out
    assert "escape routes" in out


def test_therapy_not_found_and_wrong_kind() -> None:
    assert run("therapy", "PD-L9")[0] == 1
    code, _, err = run("therapy", "PD-L1")  # a molecule, not a therapy: say so, and which therapies act on it
    assert code == 1
    assert "'PD-L1' is a molecule" in err
    assert "atezolizumab [DRUGBANK:DB11595] (blocks)" in err


def test_combine_and_path() -> None:
    code, out, _ = run("combine", "pembrolizumab", "ipilimumab", "--json")
    assert code == 0
    assert json.loads(out)["kind"] == "complementary"
    code, out, _ = run("path", "PD-L1", "tumor growth", "--json")
    assert code == 0
    paths = json.loads(out)["paths"]
    assert paths
    assert all(p["sign"] == 1 for p in paths)
    assert {"nodes", "edges", "sign"} <= set(paths[0])
    assert all(e["evidence"] for e in paths[0]["edges"] if e["predicate"] not in ("polarity", "part_of"))
    code, out, _ = run("path", "PD-L1", "tumor growth", "--max-hops", "1", "--json")
    assert (code, json.loads(out)["paths"]) == (1, [])


def test_query_sparql() -> None:
    code, out, _ = run("query", "sparql")
    assert code == 0
    assert "therapy_blocks" in out
    code, out, _ = run("query", "sparql", "therapy_blocks", "--param", "therapy=atezolizumab", "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows
    assert {r["therapy"] for r in rows} == {"DRUGBANK:DB11595"}
    assert run("query", "sparql", "therapy_blocks")[0] == 2  # missing parameter
    assert run("query", "sparql", "therapy_blocks", "-p", "drug=x")[0] == 2  # unknown parameter
    assert run("query", "sparql", "no_such")[0] == 1


def test_user_sparql_file_and_updates(tmp_path: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    code, out, _ = run("query", "sparql", "--file", query, "--json")
    assert code == 0
    assert json.loads(out)[0]["n"] > 100
    update = tmp_path / "u.rq"
    update.write_text("DELETE WHERE { ?s ?p ?o }")
    code, _, err = run("query", "sparql", "--file", update)
    assert code == 2
    assert "refused unless you pass --write" in err
    garbage = tmp_path / "g.rq"
    garbage.write_text("this is not SPARQL")
    assert run("query", "sparql", "--file", garbage)[0] == 2


@pytest.mark.parametrize(
    "hostile", ["'} DETACH DELETE n //", '" } ; DROP ALL ; #', 'x" . ?s ?p ?o } #', "é" * 5000, "{{name}}"]
)
def test_hostile_values_are_not_found(hostile: str) -> None:
    code, out, _ = run("query", "sparql", "interactions_of_cell", "-p", f"cell={hostile}", "--json")
    assert code == 1
    for command in (["lookup", hostile], ["therapy", hostile], ["path", hostile]):
        assert run(*command)[0] == 1
    code, out, _ = run("stats", "--json")
    assert json.loads(out)["interactions"] > 0


def test_answer_subgraph_exports(tmp_path: Path) -> None:
    out = tmp_path / "pembro.json"
    code, answer, _ = run("therapy", "pembrolizumab", "--json", "--export", out)
    assert code == 0
    data = json.loads(answer)
    exported = json.loads(out.read_text(encoding="utf-8"))
    expected = {i["id"] for i in data["severed"] + data["strengthened"] + data["escape_routes"]}
    assert {i["id"] for i in exported["interactions"]} == expected
    assert [(a["therapy"], a["action"]) for a in exported["therapy_actions"]] == [("DRUGBANK:DB09037", "blocks")]
    cited = {r for i in exported["interactions"] for r in i["evidence"]}
    assert cited <= {r["id"] for r in exported["references"]}

    graphml = tmp_path / "paths.graphml"
    assert run("path", "PD-L1", "tumor growth", "--export", graphml)[0] == 0
    assert graphml.read_text(encoding="utf-8").startswith("<?xml")
    card = tmp_path / "card.data"
    assert run("lookup", "PD-L1", "--export", card, "--export-format", "json")[0] == 0
    ids = {e["id"] for e in json.loads(card.read_text(encoding="utf-8"))["entities"]}
    assert "HGNC:17635" in ids
    code, _, err = run("lookup", "PD-L1", "--export", tmp_path / "card.xyz")
    assert code == 2
    assert "--export-format" in err


def test_bounds_are_explicit_and_reported() -> None:
    code, out, _ = run("path", "pembrolizumab", "tumor growth", "--max-paths", "1", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["paths"]) == 1
    assert data["truncated"] is True
    assert data["bounds"]["max_paths"] == 1
    code, out, err = run("query", "sparql", "pro_tumor_interactions", "--limit", "2", "--json")
    assert code == 0
    assert len(json.loads(out)) == 2
    assert "truncated" in err


def test_top_bounds_screen_lists_and_says_so() -> None:
    code, out, _ = run("therapy", "pembrolizumab", "--json")
    full = json.loads(out)
    routes = full["counts"]["escape_routes"]
    assert routes == len(full["escape_routes"]) > 2  # JSON without --top is complete
    code, out, _ = run("therapy", "pembrolizumab", "--top", "2")
    assert code == 0
    assert f"2 of {routes} escape routes shown" in out
    code, out, _ = run("therapy", "pembrolizumab", "--top", "2", "--json")
    bounded = json.loads(out)
    assert len(bounded["escape_routes"]) == 2
    assert bounded["counts"] == full["counts"]
    code, out, _ = run("therapy", "pembrolizumab", "--top", "0")
    assert "escape routes shown" not in out


def test_paths_strongest_first_with_a_summary() -> None:
    code, out, _ = run("path", "pembrolizumab", "tumor growth", "--json")
    assert code == 0
    data = json.loads(out)
    weights = [p["weight"] for p in data["paths"]]
    assert weights == sorted(weights, reverse=True)
    assert len(set(weights)) > 1
    summary = data["summary"]
    assert summary["paths"] == len(data["paths"])
    assert summary["net_positive"] == sum(p["sign"] > 0 for p in data["paths"])
    assert summary["net_negative"] == sum(p["sign"] < 0 for p in data["paths"])
    _code, out, _ = run("path", "pembrolizumab", "tumor growth", "--top", "1")
    first = out.splitlines()
    assert f"{summary['net_negative']} net −" in first[0]
    assert f"1 of {summary['paths']} paths shown" in out


def test_interactions_and_lookup_are_bounded_on_screen() -> None:
    code, out, _ = run("interactions", "--outcome", "pro_tumor", "--json")
    assert code == 0
    total = len(json.loads(out))
    code, out, _ = run("interactions", "--outcome", "pro_tumor", "--top", "1")
    assert code == 0
    assert out.splitlines()[0] == f"{total} interaction(s)"
    groups = [line for line in out.splitlines() if line.startswith("hijacked:")]
    assert len(groups) > 1
    assert out.count("tmekg:i_") == len(groups)  # one interaction per group ...
    assert out.count("shown in this group") == sum(not g.endswith("(1)") for g in groups)  # ... and the cut said
    code, out, _ = run("interactions", "--outcome", "pro_tumor", "--top", "1", "--json")
    assert len(json.loads(out)) == 1
    code, out, _ = run("lookup", "PD-L1", "--top", "1")
    assert code == 0
    assert "1 of " in out
