"""Output for scripts and people (issue 16, item 2): --format table|tsv|csv|json on every command that prints rows,
labels beside ids (--ids for bare ids), real pipes into ``cut -f``, progress that stays off in a pipe, shell
completion, and the messages the issue found garbled."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from tmekg.cli import app, render

runner = CliRunner()
TMEKG = str(Path(sys.executable).parent / "tmekg")

#: Every command that prints rows, with arguments, and the first columns its TSV starts with.
ROW_COMMANDS: list[tuple[list[str], list[str]]] = [
    (["validate"], ["file", "row", "column"]),
    (["stats"], ["what", "count"]),
    (["lookup", "PD-L1"], ["direction", "id", "tumor_outcome", "source", "source_label"]),
    (["interactions", "--molecule", "CTLA4"], ["id", "tumor_outcome", "source", "source_label"]),
    (["therapy", "pembrolizumab"], ["therapy", "therapy_label", "role", "verdict", "id"]),
    (["combine", "pembrolizumab", "ipilimumab"], ["kind", "set", "id"]),
    (["path", "PD-L1", "tumor growth"], ["rank", "sign", "weight", "hops", "nodes", "nodes_label"]),
    (
        ["query", "sparql", "therapy_blocks", "--param", "therapy=atezolizumab"],
        ["therapy", "therapy_label", "interaction", "action", "target", "target_label"],
    ),
]


def pipe(command: list[str], then: list[str]) -> tuple[int, int, str, str]:
    """``tmekg COMMAND | THEN`` through a real OS pipe: (tmekg's exit, THEN's exit, THEN's stdout, tmekg's stderr)."""
    first = subprocess.Popen([TMEKG, *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert first.stdout is not None
    second = subprocess.run(then, stdin=first.stdout, capture_output=True, text=True, timeout=120, check=False)
    first.stdout.close()
    _, err = first.communicate(timeout=120)
    return first.returncode, second.returncode, second.stdout, err.decode()


@pytest.mark.parametrize(("command", "columns"), ROW_COMMANDS, ids=lambda c: " ".join(c) if c else "")
def test_tsv_through_cut(command: list[str], columns: list[str]) -> None:
    cut = shutil.which("cut")
    assert cut is not None
    width = len(columns)
    code, cut_code, out, err = pipe([*command, "--format", "tsv"], [cut, "-f", f"1-{width}"])
    assert (code, cut_code) == (0, 0), err
    lines = out.splitlines()
    assert lines[0].split("\t") == columns
    # every id travels whole, with its label beside it in the next column
    for line in lines[1:]:
        assert len(line.split("\t")) == width
    code, _, whole, _ = pipe([*command, "--format", "tsv"], ["cat"])
    rows = [line.split("\t") for line in whole.splitlines()]
    assert len({len(r) for r in rows}) == 1  # one field count for the header and every row


def test_a_labelled_id_column_is_the_label_of_that_id() -> None:
    code, _, out, _ = pipe(["interactions", "--molecule", "CTLA4", "--format", "tsv"], ["cat"])
    assert code == 0
    reader = list(csv.DictReader(io.StringIO(out), delimiter="\t"))
    assert reader
    first = reader[0]
    assert first["receptor"] == "HGNC:2505"
    assert first["receptor_label"] == "CTLA-4"


@pytest.mark.parametrize(("command", "columns"), ROW_COMMANDS[2:], ids=lambda c: " ".join(c) if c else "")
def test_csv_and_bare_ids(command: list[str], columns: list[str]) -> None:
    result = runner.invoke(app, [*command, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[0][: len(columns)] == columns
    assert len({len(row) for row in table}) == 1
    bare = runner.invoke(app, [*command, "--format", "tsv", "--ids"])
    assert bare.exit_code == 0
    header = bare.stdout.splitlines()[0].split("\t")
    assert not [c for c in header if c.endswith("_label")]
    expected = [c for c in columns if not c.endswith("_label")]
    assert header[: len(expected)] == expected


def test_json_alias_and_conflict() -> None:
    as_flag = runner.invoke(app, ["interactions", "--molecule", "CTLA4", "--json"])
    as_format = runner.invoke(app, ["interactions", "--molecule", "CTLA4", "--format", "json"])
    assert as_flag.exit_code == as_format.exit_code == 0
    assert json.loads(as_flag.stdout) == json.loads(as_format.stdout)
    both = runner.invoke(app, ["interactions", "--json", "--format", "tsv"])
    assert both.exit_code == 2
    assert "--json and --format tsv disagree" in both.stderr


def test_tsv_lists_are_complete_like_json() -> None:
    data = json.loads(runner.invoke(app, ["path", "regulatory T cell", "--json"]).stdout)
    tsv = runner.invoke(app, ["path", "regulatory T cell", "--format", "tsv"]).stdout
    assert data["summary"]["paths"] > 20  # more than a screen shows by default
    assert len(tsv.splitlines()) - 1 == len(data["paths"])


def test_catalogue_table_puts_labels_beside_ids() -> None:
    result = runner.invoke(app, ["query", "sparql", "therapy_blocks", "--param", "therapy=atezolizumab"])
    assert result.exit_code == 0
    assert "therapy_label" in result.stdout
    assert "atezolizumab" in result.stdout
    assert "target_label" in result.stdout
    bare = runner.invoke(app, ["query", "sparql", "therapy_blocks", "--param", "therapy=atezolizumab", "--ids"])
    assert "therapy_label" not in bare.stdout
    as_json = json.loads(
        runner.invoke(app, ["query", "sparql", "therapy_blocks", "--param", "therapy=atezolizumab", "--json"]).stdout
    )
    assert set(as_json[0]) == {"therapy", "interaction", "action", "target", "tumor_outcome"}  # JSON unchanged


def test_ids_on_screen() -> None:
    result = runner.invoke(app, ["path", "PD-L1", "--top", "1", "--ids"])
    assert result.exit_code == 0
    assert "HGNC:17635 → HGNC:8760" in result.stdout
    render.use_ids(False)


def test_human_output_in_a_pipe_is_never_wrapped() -> None:
    code, _, out, _ = pipe(["therapy", "pembrolizumab"], ["cat"])
    assert code == 0
    supporting = [line for line in out.splitlines() if line.startswith("  supporting:")]
    assert supporting
    assert all("weakest link" in line and "]" in line for line in supporting)  # each path on one line


# -- progress, completion, messages ------------------------------------------------------------------------------


def test_progress_is_off_in_a_pipe(tmp_path: Path) -> None:
    target = tmp_path / "kg.html"
    result = subprocess.run(
        [TMEKG, "export", "-f", "html", "-o", str(target)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"wrote {target} (html; layers: curated)"  # no spinner, no bar, no escapes


def test_progress_shows_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(render, "err_console", Console(file=screen, force_terminal=True, width=100))
    with render.working("export html") as say:
        say("writing kg.html")
    assert "export html" in screen.getvalue()
    bar = render.progress_bar()
    assert not bar.disable
    monkeypatch.setattr(render, "err_console", Console(file=io.StringIO(), force_terminal=False))
    assert render.progress_bar().disable


def test_shell_completion() -> None:
    result = subprocess.run(
        [TMEKG],
        env={"_TMEKG_COMPLETE": "complete_bash", "COMP_WORDS": "tmekg therapy --format ", "COMP_CWORD": "3"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.split() == ["table", "tsv", "csv", "json"]
    assert "--install-completion" in runner.invoke(app, ["--help"]).stdout


def test_unknown_catalogue_query_message() -> None:
    result = runner.invoke(app, ["query", "sparql", "nosuch"])
    assert result.exit_code == 1
    assert "no sparql query matches 'nosuch'; known: anti_tumor_interactions," in result.stderr
    assert "(known" not in result.stderr


def test_validate_help_names_the_ground_extra() -> None:
    result = runner.invoke(app, ["validate", "--help"])
    assert "pip install 'tmekg[ground]'" in " ".join(result.stdout.split())
