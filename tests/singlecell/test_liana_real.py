"""Real LIANA+ on an AnnData that ships inside scanpy (pbmc68k_reduced, no download), annotated with the CLI."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tmekg.cli import app

CELLS = """name,cell
Dendritic,dendritic cell
CD19+ B,B cell
CD4+/CD25 T Reg,regulatory T cell
CD8+ Cytotoxic T,CD8 T cell
CD8+/CD45RA+ Naive Cytotoxic,naive CD8 T cell
CD56+ NK,NK cell
CD4+/CD45RO+ Memory,CD4 T cell
CD4+/CD45RA+/CD25- Naive T,naive CD4 T cell
CD34+,
"""


@pytest.fixture(scope="module")
def liana_result(tmp_path_factory: pytest.TempPathFactory) -> Path:
    li = pytest.importorskip("liana")
    sc = pytest.importorskip("scanpy")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        adata = sc.datasets.pbmc68k_reduced()
        li.mt.rank_aggregate(
            adata,
            groupby="bulk_labels",
            resource_name="consensus",
            expr_prop=0.1,
            use_raw=True,
            n_perms=100,
            seed=0,
            verbose=False,
        )
    path = tmp_path_factory.mktemp("liana") / "liana_res.csv"
    adata.uns["liana_res"].to_csv(path, index=False)
    return path


def test_real_liana_result_annotated_by_the_cli(liana_result: Path, tmp_path: Path) -> None:
    cells = tmp_path / "cells.csv"
    cells.write_text(CELLS)
    out = tmp_path / "annotated.csv"
    result = CliRunner().invoke(app, ["annotate", str(liana_result), "--cells", str(cells), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "cell name 'CD34+' left unmapped by --cells" in result.stderr
    table = pd.read_csv(out, keep_default_na=False)
    assert len(table) == len(pd.read_csv(liana_result))

    # CD40L on CD4 memory T cells licenses dendritic cells through CD40: curated for these very cells, anti-tumor
    licensing = table[
        (table.ligand_complex == "CD40LG")
        & (table.receptor_complex == "CD40")
        & (table.source == "CD4+/CD45RO+ Memory")
        & (table.target == "Dendritic")
    ].iloc[0]
    assert licensing.tmekg_match == "exact"
    assert licensing.tmekg_interactions == "tmekg:i_cd40lg_cd40_dc_licensing"
    assert licensing.tmekg_tumor_outcome == "anti_tumor"

    # MHC-II (HLA-DRA, one subunit of the curated complex) -> LAG3 is pro-tumor; relatlimab would cut it
    lag3 = table[(table.ligand_complex == "HLA-DRA") & (table.receptor_complex == "LAG3")]
    assert not lag3.empty
    assert set(lag3.tmekg_tumor_outcome) == {"pro_tumor"}
    assert all("relatlimab (approved)" in t for t in lag3.tmekg_therapies)

    # PD-L1 -> PD-1, when this reduced data set has it, is pro-tumor and cut by pembrolizumab
    pd1 = table[(table.ligand_complex == "CD274") & (table.receptor_complex == "PDCD1")]
    for _, found in pd1.iterrows():
        assert found.tmekg_tumor_outcome == "pro_tumor"
        assert "pembrolizumab" in found.tmekg_therapies

    # a pair tmekg knows nothing about says so
    assert (table.tmekg_match == "no_curated_knowledge").sum() > len(table) / 2
