"""``tmekg annotate`` from the command line: outputs, summary, export, and bad input (exit 2, nothing written)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tmekg.cli import app

DATA = Path(__file__).parent.parent / "fixtures" / "singlecell"
runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("suffix", ["csv", "tsv", "json", "parquet"])
def test_outputs(tmp_path: Path, suffix: str) -> None:
    if suffix == "parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / f"annotated.{suffix}"
    code, stdout, stderr = run("annotate", DATA / "liana_traps.csv", "--cells", DATA / "cells_map.csv", "-o", out)
    assert code == 0, stderr
    assert "10 row(s) of liana output" in stdout
    assert "cell name 'Mystery blob' matches no tmekg cell type (1 row mention(s))" in stderr
    assert "1 ligand/receptor name(s) in 1 row(s) are not gene symbols (e.g. '###')" in stderr
    read = {
        "csv": pd.read_csv,
        "tsv": lambda p: pd.read_csv(p, sep="\t"),
        "json": pd.read_json,
        "parquet": pd.read_parquet,
    }[suffix]
    table = read(out)
    assert len(table) == 10
    assert "tmekg_interactions" in table.columns


def test_summary_files_json_and_export(tmp_path: Path) -> None:
    md, js, graph = tmp_path / "s.md", tmp_path / "s.json", tmp_path / "sub.graphml"
    code, stdout, _ = run("annotate", DATA / "cellchat_subset.csv", "--cells", DATA / "cells_map.csv", "--json")
    assert code == 0
    data = json.loads(stdout)
    assert data["format"] == "cellchat"
    assert data["layers"] == ["curated"]
    code, _, stderr = run(
        "annotate", DATA / "cellchat_subset.csv", "--cells", DATA / "cells_map.csv", "--summary", md, "--export", graph
    )
    assert code == 0, stderr
    assert "# tmekg annotation summary" in md.read_text()
    assert "tmekg:i_pdl1_pd1_tumor_cd8" in graph.read_text()
    code, _, _ = run("annotate", DATA / "cellchat_subset.csv", "--summary", js)
    assert json.loads(js.read_text())["rows"] == 4


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", "", "is empty"),
        ("header_only.csv", "source,target,ligand_complex,receptor_complex\n", "has a header but no rows"),
        ("other.csv", "gene,log2fc\nCD274,1\n", "not a LIANA, CellChat or CellPhoneDB results table"),
        ("missing.csv", "source,target,ligand,lr_means\na,b,CD274,1\n", "not a LIANA, CellChat or CellPhoneDB"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    out = tmp_path / "out.csv"
    code, _, stderr = run("annotate", path, "-o", out, "--summary", tmp_path / "s.json")
    assert code == 2
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_bad_options(tmp_path: Path) -> None:
    code, _, stderr = run("annotate", DATA / "liana_traps.csv", "--format", "liana", "--score", "nope")
    assert code == 2
    assert "--score 'nope' is not a column" in stderr
    code, _, stderr = run("annotate", DATA / "liana_traps.csv", "--format", "cellchat")
    assert code == 2
    assert "missing column(s) ligand, receptor" in stderr
    code, _, stderr = run("annotate", DATA / "liana_traps.csv", "-o", tmp_path / "x.xlsx")
    assert code == 2
    assert "cannot tell the table format" in stderr
    bad_map = tmp_path / "map.csv"
    bad_map.write_text("name,cell\nMalignant,no such cell\n")
    code, _, stderr = run("annotate", DATA / "liana_traps.csv", "--cells", bad_map)
    assert code == 2
    assert "row 2, column 'cell'" in stderr
    code, _, stderr = run("annotate", tmp_path / "missing.csv")
    assert code == 2
    assert "does not exist" in stderr


def test_many_garbage_rows_warn_with_counts(tmp_path: Path) -> None:
    rows = 1_000_000
    frame = pd.DataFrame(
        {
            "source": ["Malignant"] * rows,
            "target": ["CD8_T_cells"] * rows,
            "ligand_complex": ["CD274"] + ["%%%"] * (rows - 1),
            "receptor_complex": ["PDCD1"] * rows,
            "lr_means": 1.0,
        }
    )
    path = tmp_path / "garbage.csv"
    frame.to_csv(path, index=False)
    code, _, stderr = run("annotate", path, "--cells", DATA / "cells_map.csv", "-o", tmp_path / "out.parquet")
    assert code == 0, stderr
    assert f"1 ligand/receptor name(s) in {rows - 1} row(s) are not gene symbols" in stderr


def test_works_without_the_singlecell_extra(tmp_path: Path) -> None:
    """The core and annotate on CSV need none of liana, scanpy, anndata (pyarrow, a pandas option, only speeds
    reading up and writes Parquet)."""
    import subprocess
    import sys

    script = f"""
import sys
for name in ("liana", "scanpy", "anndata"):
    sys.modules[name] = None
from typer.testing import CliRunner
from tmekg.cli import app
r = CliRunner().invoke(app, ["annotate", {str(DATA / "liana_traps.csv")!r}, "-o", {str(tmp_path / "a.csv")!r}])
assert r.exit_code == 0, r.stderr
assert not [m for m in ("liana", "scanpy", "anndata") if sys.modules.get(m) is not None]
"""
    subprocess.run([sys.executable, "-c", script], check=True)
    assert (tmp_path / "a.csv").exists()


@pytest.mark.parametrize("suffix", ["csv", "tsv"])
def test_formula_cells_from_the_results_file_are_not_formulas_in_the_output(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / "hostile.csv"
    path.write_text(
        "source,target,ligand_complex,receptor_complex,lr_means\n"
        '"=HYPERLINK(""http://x"",""y"")",CD8_T_cells,CD274,PDCD1,-2.5\n',
        encoding="utf-8",
    )
    out = tmp_path / f"out.{suffix}"
    code, _, stderr = run("annotate", path, "-o", out)
    assert code == 0, stderr
    table = pd.read_csv(out, sep="," if suffix == "csv" else "\t")
    assert table.loc[0, "source"] == '\'=HYPERLINK("http://x","y")'
    assert table.loc[0, "lr_means"] == -2.5  # numbers stay numbers
    assert table.loc[0, "ligand_complex"] == "CD274"
