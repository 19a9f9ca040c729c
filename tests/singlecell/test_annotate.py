"""Annotation of LIANA+, CellChat and CellPhoneDB results: matching, the resources' traps, the summary."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import tmekg
from tmekg.errors import InputError
from tmekg.kg import KnowledgeGraph
from tmekg.singlecell import annotate_study, detect, to_long
from tmekg.singlecell.cells import map_cells, normalise

DATA = Path(__file__).parent.parent / "fixtures" / "singlecell"
CELLS = DATA / "cells_map.csv"


def row(table: pd.DataFrame, ligand: str, receptor: str, **where: str) -> pd.Series:
    lig = "ligand_complex" if "ligand_complex" in table.columns else "ligand"
    rec = "receptor_complex" if "receptor_complex" in table.columns else "receptor"
    chosen = table[(table[lig] == ligand) & (table[rec] == receptor)]
    for column, value in where.items():
        chosen = chosen[chosen[column] == value]
    assert len(chosen) == 1, chosen
    return chosen.iloc[0]


@pytest.fixture(scope="module")
def liana(kg: KnowledgeGraph) -> pd.DataFrame:
    return annotate_study(DATA / "liana_traps.csv", kg, cells=CELLS).table


def test_pdl1_pd1_is_pro_tumor_and_cut_by_pembrolizumab(liana: pd.DataFrame) -> None:
    got = row(liana, "CD274", "PDCD1", target="CD8_T_cells")
    assert got["tmekg_source_cell"] == "CL:0001064"
    assert got["tmekg_target_cell"] == "CL:0000625"  # CD8_T_cells, by normalisation
    assert got["tmekg_match"] == "exact"
    assert "tmekg:i_pdl1_pd1_tumor_cd8" in got["tmekg_interactions"].split("|")
    assert got["tmekg_tumor_outcome"] == "pro_tumor"
    assert "DRUGBANK:DB09037" in got["tmekg_therapy_ids"].split("|")  # pembrolizumab
    assert "pembrolizumab (approved)" in got["tmekg_therapies"]
    assert got["tmekg_citations"]
    assert got["tmekg_hijacked_function"]


def test_reversed_pair_is_matched_with_cells_swapped(liana: pd.DataFrame) -> None:
    got = row(liana, "TIGIT", "PVR")  # NK cells -> Malignant as LIANA writes it; PVR (tumor) -> TIGIT (NK)
    assert got["tmekg_orientation"] == "reversed"
    assert got["tmekg_match"] == "exact"
    assert "tmekg:i_pvr_tigit_nk_exhaustion" in got["tmekg_interactions"].split("|")


def test_ado_is_read_as_adenosine(liana: pd.DataFrame) -> None:
    got = row(liana, "ADO", "ADORA2A")
    assert got["tmekg_ligand"] == "CHEBI:16335"
    assert "adenosine" in got["tmekg_notes"]
    assert "tmekg:i_adenosine_a2ar_cd8" in got["tmekg_interactions"].split("|")
    assert got["tmekg_match"] == "broader"  # the curated statement names no sender


def test_fake_complex_and_complexes_and_previous_symbols(liana: pd.DataFrame) -> None:
    csf = row(liana, "CSF1_IL34", "CSF1R")
    assert "alternative ligands" in csf["tmekg_notes"]
    assert csf["tmekg_match"] == "exact"  # Malignant -> TAM
    tgf = row(liana, "TGFB1", "TGFBR1_TGFBR2")
    assert "tmekg:i_tgfb1_tgfbr_tumor_cd8" in tgf["tmekg_interactions"].split("|")
    vista = row(liana, "C10orf54", "SELPLG")
    assert vista["tmekg_ligand"] == "HGNC:30085"
    assert "C10orf54 is now VSIR" in vista["tmekg_notes"]


def test_narrower_unknown_and_garbage(liana: pd.DataFrame) -> None:
    macro = row(liana, "CSF1", "CSF1R", target="macrophage")
    assert macro["tmekg_match"] == "narrower"  # curated for TAM, a state of macrophage
    blob = row(liana, "CD274", "PDCD1", target="Mystery blob")
    assert blob["tmekg_target_cell"] == ""
    assert blob["tmekg_match"] == "pair_only"
    assert row(liana, "ZZZ9", "QQQ1")["tmekg_match"] == "no_curated_knowledge"
    assert row(liana, "ZZZ9", "QQQ1")["tmekg_tumor_outcome"] == "no_curated_knowledge"
    garbage = row(liana, "###", "PDCD1")
    assert garbage["tmekg_match"] == "no_curated_knowledge"


def test_summary(kg: KnowledgeGraph) -> None:
    summary = annotate_study(DATA / "liana_traps.csv", kg, cells=CELLS).summary
    assert summary["rows"] == 10
    assert summary["score"] == {"column": "magnitude_rank", "higher_is_stronger": False}
    assert summary["unmapped_cells"] == [{"name": "Mystery blob", "rows": 1, "how": "unmapped"}]
    assert summary["symbols"]["not_gene_symbols"]["examples"] == ["###"]
    unknown = {s["symbol"] for s in summary["symbols"]["unknown_to_tmekg"]["top"]}
    assert unknown == {"ZZZ9", "QQQ1", "IL34"}  # IL34 is a real gene that tmekg has no statement about
    assert summary["top_pro_tumor"][0]["ligand"] == "CD274"  # the best magnitude_rank
    ranked = [t["therapy"]["label"] for t in summary["therapies"]]
    assert {"pembrolizumab", "nivolumab"} <= set(ranked)
    first = summary["therapies"][0]
    assert 0 < first["fraction_of_pro_tumor_signal"] <= 1
    assert summary["coverage"]["no_curated_knowledge"] == 2


def test_cellchat_complexes_from_interaction_names(kg: KnowledgeGraph) -> None:
    table = annotate_study(DATA / "cellchat_subset.csv", kg, cells=CELLS).table
    tgf = row(table, "TGFB1", "TGFbR1_R2")
    assert tgf["tmekg_receptor"] == "HGNC:11772|HGNC:11773"
    assert "tmekg:i_tgfb1_tgfbr_tumor_cd8" in tgf["tmekg_interactions"].split("|")
    assert row(table, "CD274", "PDCD1")["tmekg_match"] == "exact"
    only_name = annotate_study(DATA / "cellchat_no_name2.csv", kg, cells=CELLS).table
    assert only_name.iloc[0]["tmekg_receptor"] == "HGNC:11772|HGNC:11773"


def test_cellphonedb_wide_table(kg: KnowledgeGraph) -> None:
    result = annotate_study(DATA / "cpdb_significant_means.txt", kg, cells=CELLS)
    table = result.table
    assert len(table) == 3  # one row per interaction and cell pair with a value (CSF1_CSF1R has none)
    pd1 = row(table, "CD274", "PDCD1")
    assert (pd1["source"], pd1["target"]) == ("Tumor", "CD8 T")
    tigit = row(table, "PVR", "TIGIT")  # receptor_a: TIGIT in the CD8 T cell, PVR from the tumor
    assert (tigit["source"], tigit["target"]) == ("Tumor", "CD8 T")
    assert tigit["tmekg_match"] == "exact"
    assert tigit["tmekg_orientation"] == "as_given"
    unsplit = row(table, "TGFB1", "TGFbeta_receptor1", source="Tumor")
    assert unsplit["tmekg_match"] == "no_curated_knowledge"  # the complex is unknown without a complex table
    split = annotate_study(
        DATA / "cpdb_significant_means.txt",
        kg,
        cells=CELLS,
        complexes={"TGFbeta_receptor1": ("TGFBR1", "TGFBR2")},
    ).table
    assert row(split, "TGFB1", "TGFbeta_receptor1", source="Tumor")["tmekg_match"] == "exact"


def test_python_api_on_a_dataframe(kg: KnowledgeGraph) -> None:
    frame = pd.read_csv(DATA / "liana_traps.csv")
    table = tmekg.annotate(frame, kg, cells={"Malignant": "CL:0001064"})
    assert len(table) == len(frame)
    assert list(table.columns[: len(frame.columns)]) == list(frame.columns)
    assert table.attrs["tmekg_summary"]["format"] == "liana"


def test_detection_and_bad_tables() -> None:
    assert detect(pd.read_csv(DATA / "liana_traps.csv")).value == "liana"
    assert detect(pd.read_csv(DATA / "cellchat_subset.csv")).value == "cellchat"
    with pytest.raises(InputError, match="not a LIANA, CellChat or CellPhoneDB results table"):
        to_long(pd.read_csv(DATA / "not_a_result.csv"))
    with pytest.raises(InputError, match="missing column"):
        to_long(pd.read_csv(DATA / "liana_missing_column.csv"), "liana")
    with pytest.raises(InputError, match="no rows"):
        to_long(pd.read_csv(DATA / "liana_traps.csv").head(0))


def test_garbage_only_is_unusable(kg: KnowledgeGraph) -> None:
    frame = pd.DataFrame(
        {"source": ["a"] * 3, "target": ["b"] * 3, "ligand_complex": ["1.5", "#", "?"], "receptor_complex": ["2"] * 3}
    )
    with pytest.raises(InputError, match="none of the 3 rows names a gene symbol"):
        annotate_study(frame, kg)


def test_cell_names(kg: KnowledgeGraph) -> None:
    assert normalise("CD8_T_cells") == "cd8 t cell"
    got = map_cells(["Tregs", "Treg", "tumour blob", "CD14+ Monocytes"], kg)
    assert got["Treg"].cell == "CL:0000815"
    assert got["Tregs"].cell == "CL:0000815"
    assert got["Tregs"].how == "normalised"
    assert got["tumour blob"].cell is None
    assert got["CD14+ Monocytes"].cell == "CL:0000860"
