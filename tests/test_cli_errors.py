"""What the CLI prints when things go wrong (issue 17, item 4 and the capped problem output of item 1): user text is
printed as text, never as rich markup; any exception is one line and a documented exit code (1 nothing found, 2 bad
input, 3 internal error with --debug for the traceback, 130 interrupted); long problem lists are capped."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tmekg.kg
from tmekg.cli import app
from tmekg.cli.common import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_NOT_FOUND, fail
from tmekg.cli.render import PROBLEMS_PER_CLASS

runner = CliRunner()


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout, result.stderr


# --- user text is text ------------------------------------------------------------------------------------------

MARKUP = ["[/]", "[bold]x[/bold]", "[red]", "[/red]", "[link=http://x]y[/link]", "[#ff0000]z", "a[b]c"]


@pytest.mark.parametrize("name", MARKUP)
def test_lookup_prints_the_name_as_typed(mini_seed: Path, name: str) -> None:
    code, out, err = run("lookup", name, "--seed", mini_seed)
    assert code == EXIT_NOT_FOUND
    (line,) = err.splitlines()
    assert line.startswith(f"error: no entity matches {name!r}")  # then perhaps "; did you mean ..."
    assert out == ""


def test_names_and_descriptions_with_brackets_print_verbatim(mini_seed: Path) -> None:
    path = mini_seed / "molecules.csv"
    text = path.read_text(encoding="utf-8").replace("Checkpoint ligand of PD-1.", "Ligand [/] of [bold]PD-1[/bold].")
    path.write_text(text.replace("B7-H1|PDL1", "B7-H1|[red]PDL1"), encoding="utf-8")
    code, out, err = run("lookup", "PD-L1", "--seed", mini_seed)
    assert code == 0, err
    assert "description: Ligand [/] of [bold]PD-1[/bold]." in out
    assert "synonyms: B7-H1, [red]PDL1" in out
    code, out, _ = run("lookup", "[red]PDL1", "--seed", mini_seed)
    assert code == 0
    assert out.startswith("PD-L1  [HGNC:17635]")


def test_paths_with_brackets_print_verbatim(tmp_path: Path, mini_seed: Path) -> None:
    odd = tmp_path / "[green]seed[/]"
    shutil.copytree(mini_seed, odd)
    code, out, err = run("validate", "--seed", odd)
    assert code == 0, err
    assert out.startswith(f"ok: {odd} is valid")
    missing = tmp_path / "[/]nowhere"
    code, _, err = run("validate", "--seed", missing)
    assert code == EXIT_BAD_INPUT
    assert err.splitlines()[-1] == f"error: 1 error(s) in {missing}"


def test_neo4j_uri_with_brackets_is_one_line(mini_seed: Path) -> None:
    code, _, err = run("neo4j", "load", "--uri", "[/]bolt://x", "--seed", mini_seed)
    assert code == EXIT_BAD_INPUT
    assert err.count("\n") == 1
    assert "'[/]bolt://x' is not a Neo4j URI" in err


def test_fail_prints_any_message_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    from tmekg.cli import render

    render.err_console.file = None  # type: ignore[assignment]  # back to sys.stderr, which capsys holds
    exit_ = fail(2, "Neo4j refused the query: [/] unexpected '[bold]'\nsecond line")
    assert exit_.exit_code == 2
    assert capsys.readouterr().err == "error: Neo4j refused the query: [/] unexpected '[bold]' second line\n"


# --- every exception is one line and an exit code -----------------------------------------------------------------


def boom(*args: object, **kwargs: object) -> None:
    raise ValueError("Invalid IRI code point '<' [/]")


def test_an_unexpected_exception_is_one_line_and_exit_3(mini_seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tmekg.kg.KnowledgeGraph, "resolve", boom)
    code, out, err = run("lookup", "PD-L1", "--seed", mini_seed)
    assert code == EXIT_INTERNAL
    assert out == ""
    assert "Traceback" not in err
    (line,) = err.splitlines()
    assert line.startswith("internal error: ValueError: Invalid IRI code point '<' [/] (a bug in tmekg")
    assert "--debug" in line


@pytest.mark.parametrize("how", ["option", "env"])
def test_debug_prints_the_traceback(mini_seed: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    monkeypatch.setattr(tmekg.kg.KnowledgeGraph, "resolve", boom)
    if how == "option":
        code, _, err = run("--debug", "lookup", "PD-L1", "--seed", mini_seed)
    else:
        code, _, err = run("lookup", "PD-L1", "--seed", mini_seed, env={"TMEKG_DEBUG": "1"})
    assert code == EXIT_INTERNAL
    assert err.startswith("Traceback (most recent call last):")
    assert "in boom" in err
    assert err.splitlines()[-1].startswith("internal error: ValueError")


def test_a_command_without_its_own_handler_is_covered_too(mini_seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """neo4j load maps driver errors itself; anything else reaches the app's group and is still one line."""
    import tmekg.seed

    monkeypatch.setattr(tmekg.seed, "load", boom)
    code, _, err = run("neo4j", "load", "--uri", "bolt://127.0.0.1:1", "--seed", mini_seed)
    assert code == EXIT_INTERNAL
    assert "Traceback" not in err
    assert err.startswith("internal error: ValueError")


def test_an_os_error_is_bad_input(mini_seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", "/dev/full")

    monkeypatch.setattr(tmekg.kg.KnowledgeGraph, "resolve", full)
    code, _, err = run("lookup", "PD-L1", "--seed", mini_seed)
    assert (code, err) == (EXIT_BAD_INPUT, "error: No space left on device: /dev/full\n")


def test_an_interrupt_is_exit_130(mini_seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(tmekg.kg.KnowledgeGraph, "resolve", interrupted)
    code, _, err = run("lookup", "PD-L1", "--seed", mini_seed)
    assert (code, err) == (EXIT_INTERRUPTED, "error: interrupted\n")


def test_usage_errors_stay_exit_2() -> None:
    code, _, err = run("lookup", "--no-such-option")
    assert code == EXIT_BAD_INPUT
    assert "No such option" in err


def test_exit_codes_are_documented() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exit codes") :]
    for code in (0, EXIT_NOT_FOUND, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED):
        assert re.search(rf"^\| `{code}` \|", section, re.MULTILINE), f"README's exit code table lacks {code}"


# --- problem output is capped -----------------------------------------------------------------------------------


def many_bad_rows(seed: Path, count: int) -> None:
    with (seed / "cancers.csv").open("a", encoding="utf-8") as handle:
        for number in range(count):
            handle.write(f"MONDO:{number},cancer {number},,\n")  # a bad CURIE in every row
        handle.write("MONDO:0000001,x,,MONDO:0000001\n")  # one problem of another kind (its own parent)


def test_problems_are_capped_per_kind(mini_seed: Path) -> None:
    many_bad_rows(mini_seed, 5000)
    code, _, err = run("validate", "--seed", mini_seed)
    assert code == EXIT_BAD_INPUT
    lines = err.splitlines()
    assert len([line for line in lines if "column 'id': bad CURIE" in line]) == PROBLEMS_PER_CLASS
    assert len([line for line in lines if "column 'broader'" in line]) == 1
    assert f"... and {5000 - PROBLEMS_PER_CLASS} more error(s) in cancers.csv, column 'id'" in err
    assert lines[-1] == f"error: 5001 error(s) in {mini_seed}"
    assert len(lines) == PROBLEMS_PER_CLASS + 3


def test_all_problems_lists_every_one(mini_seed: Path) -> None:
    many_bad_rows(mini_seed, 50)
    code, _, err = run("validate", "--seed", mini_seed, "--all-problems")
    assert code == EXIT_BAD_INPUT
    assert len([line for line in err.splitlines() if "bad CURIE" in line]) == 50
    assert "more error(s)" not in err


def test_json_problems_are_capped_with_counts(mini_seed: Path) -> None:
    many_bad_rows(mini_seed, 50)
    code, out, _ = run("validate", "--seed", mini_seed, "--json")
    assert code == EXIT_BAD_INPUT
    data = json.loads(out)
    assert len(data["errors"]) == PROBLEMS_PER_CLASS + 1
    assert data["omitted"] == {"errors": 50 - PROBLEMS_PER_CLASS, "warnings": 0}
    code, out, _ = run("validate", "--seed", mini_seed, "--json", "--all-problems")
    assert len(json.loads(out)["errors"]) == 51


def test_other_commands_cap_the_seed_problems_too(mini_seed: Path, tmp_path: Path) -> None:
    many_bad_rows(mini_seed, 300)
    code, _, err = run("export", "-o", tmp_path / "kg.json", "--seed", mini_seed)
    assert code == EXIT_BAD_INPUT
    assert len(err.splitlines()) == PROBLEMS_PER_CLASS + 3
