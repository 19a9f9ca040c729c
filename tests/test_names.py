"""Names that forgive (issue 16, item 1): every case the issue lists, through the library and the command line,
and the HTML view's search agreeing with the resolver."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tmekg.cli import app
from tmekg.errors import AmbiguousNameError, KindMismatchError, NotFoundError
from tmekg.kg import KnowledgeGraph
from tmekg.model import Cancer, CellType, Molecule, Therapy
from tmekg.names import NameIndex, fold, greek_short, query_keys
from tmekg.vocab import EntityKind, Modality, MoleculeCategory, MoleculeType, TherapyStatus

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# -- the cases of the issue, in the shipped graph -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected", "how"),
    [
        ("pd l1", "HGNC:17635", "folded"),  # case and spacing
        ("PD_L1", "HGNC:17635", "folded"),
        ("CD8", "CL:0000625", "name"),  # abbreviations: synonyms in the seed
        ("NK", "CL:0000623", "name"),
        ("MHC class I", "tmekg:mhc_class_i", "name"),
        ("MHC-I", "tmekg:mhc_class_i", "name"),
        ("mhc i", "tmekg:mhc_class_i", "folded"),
        ("Treg", "CL:0000815", "name"),
        ("TAM", "tmekg:TAM", "name"),
        ("MDSC", "CL:0000889", "name"),
        ("tumour growth", "tmekg:tumor_growth", "folded"),  # British spelling
        ("TGF-β", "HGNC:11766", "folded"),  # Greek letters
        ("TGF-beta", "HGNC:11766", "name"),
        ("TGFb", "HGNC:11766", "greek_short"),
        ("IFN-γ", "HGNC:5438", "folded"),
        ("SCYA2", "HGNC:10618", "previous_symbol"),  # previous HGNC symbol of CCL2, not a synonym in the seed
        ("Tregs", "CL:0000815", "plural"),
        ("NK cells", "CL:0000623", "plural"),
        ("hgnc:17635", "HGNC:17635", "id"),
    ],
)
def test_forgiving_names(kg: KnowledgeGraph, name: str, expected: str, how: str) -> None:
    found = kg.resolve(name)
    assert (found.entity.id, found.how) == (expected, how)


def test_a_name_read_forgivingly_says_so(kg: KnowledgeGraph) -> None:
    # "TGF-beta silently resolves to TGF-beta1": it still does (the only TGF-beta in the graph), but says how
    assert "TGF-beta1 [HGNC:11766]" in kg.resolve("TGF-beta").note
    assert "synonym" in kg.resolve("TGF-beta").note
    assert "previous HGNC symbol" in kg.resolve("SCYA2").note
    assert kg.resolve("PD-L1").note == ""  # a label needs no note
    assert kg.resolve("CD274").note == ""  # nor a symbol


def test_ambiguous_names_list_candidates_with_kinds(kg: KnowledgeGraph) -> None:
    with pytest.raises(AmbiguousNameError) as info:
        kg.lookup("aldesleukin")  # a therapy's label and a synonym of IL-2: no longer silently the therapy
    assert [c for c, _ in info.value.candidates] == ["DRUGBANK:DB00041", "HGNC:6001"]
    assert info.value.kinds == ["therapy", "molecule"]
    assert "(aldesleukin, therapy)" in str(info.value)
    assert kg.lookup("aldesleukin", first=True).id == "DRUGBANK:DB00041"  # the label ranks first
    assert kg.lookup("aldesleukin", EntityKind.THERAPY).id == "DRUGBANK:DB00041"  # the kind settles it
    with pytest.raises(AmbiguousNameError):
        kg.lookup("IFNAR")


def test_a_molecule_asked_as_a_therapy_names_the_therapies_acting_on_it(kg: KnowledgeGraph) -> None:
    with pytest.raises(KindMismatchError) as info:
        kg.lookup("PD-1", EntityKind.THERAPY)
    assert info.value.found == ("HGNC:8760", "PD-1", "molecule")
    names = {label for _, label, _ in info.value.alternatives}
    assert {"pembrolizumab", "nivolumab"} <= names
    assert "PD-1 [HGNC:8760], not a therapy" in str(info.value)
    assert "pembrolizumab [DRUGBANK:DB09037] (blocks)" in str(info.value)
    assert isinstance(info.value, NotFoundError)  # callers that catch "not found" still do


def test_a_miss_suggests_the_three_nearest_names(kg: KnowledgeGraph) -> None:
    with pytest.raises(NotFoundError) as info:
        kg.lookup("pembrolizumb", EntityKind.THERAPY)
    assert info.value.suggestions[0][:2] == ("DRUGBANK:DB09037", "pembrolizumab")
    assert len(info.value.suggestions) == 3
    assert all(kind == "therapy" for _, _, kind in info.value.suggestions)
    assert "did you mean pembrolizumab [DRUGBANK:DB09037]" in str(info.value)
    with pytest.raises(NotFoundError) as info:
        kg.lookup("lung cancer", EntityKind.CANCER)  # MONDO's "lung cancer" is not in the graph; its carcinomas are
    assert {"lung carcinoma", "small cell lung carcinoma"} <= {label for _, label, _ in info.value.suggestions}


# -- the same through the command line ----------------------------------------------------------------------------


def test_cli_therapy_misspelt_suggests() -> None:
    code, _, err = run("therapy", "pembrolizumb")
    assert code == 1
    assert "did you mean pembrolizumab" in err


def test_cli_therapy_given_a_molecule() -> None:
    code, _, err = run("therapy", "PD-1")
    assert code == 1
    assert "is a molecule" in err
    assert "pembrolizumab [DRUGBANK:DB09037] (blocks)" in err
    assert "cadonilimab [tmekg:cadonilimab]" in err  # an id in brackets is printed, not read as markup


def test_cli_ambiguous_and_first() -> None:
    code, _, err = run("lookup", "aldesleukin")
    assert code == 2
    assert "DRUGBANK:DB00041 (aldesleukin, therapy)" in err
    assert "HGNC:6001 (IL-2, molecule)" in err
    assert "--first" in err
    code, out, err = run("lookup", "aldesleukin", "--first", "--json")
    assert code == 0
    assert json.loads(out)["entity"]["id"] == "DRUGBANK:DB00041"
    assert "first candidate" in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["lookup", "pd l1", "--json"], "HGNC:17635"),
        (["lookup", "CD8", "--json"], "CL:0000625"),
        (["lookup", "NK", "--json"], "CL:0000623"),
        (["lookup", "MHC class I", "--json"], "tmekg:mhc_class_i"),
        (["lookup", "TGFb", "--json"], "HGNC:11766"),
    ],
)
def test_cli_lookup_forgives(args: list[str], expected: str) -> None:
    code, out, _ = run(*args)
    assert code == 0
    assert json.loads(out)["entity"]["id"] == expected


def test_cli_path_to_tumour_growth_and_cancer_suggestion() -> None:
    code, out, err = run("path", "Tregs", "tumour growth", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["source"]["id"], data["target"]["id"]) == ("CL:0000815", "tmekg:tumor_growth")
    assert "note: 'tumour growth' read as tumor growth" in err
    code, _, err = run("interactions", "--cancer", "lung cancer")
    assert code == 1
    assert "did you mean lung carcinoma" in err or "lung carcinoma [MONDO:0005138]" in err
    code, out, _ = run("therapy", "pembrolizumab", "--cancer", "NSCLC", "--json")
    assert code == 0


# -- the rules on a hand-made graph ------------------------------------------------------------------------------


def _small() -> KnowledgeGraph:
    def protein(entity_id: str, label: str, symbol: str, uniprot: str) -> Molecule:
        return Molecule(
            id=entity_id,
            label=label,
            symbol=symbol,
            uniprot=uniprot,
            molecule_type=MoleculeType.PROTEIN,
            categories=(MoleculeCategory.LIGAND,),
            description="x",
        )

    return KnowledgeGraph(
        cell_types=(CellType(id="CL:0000001", label="killer cell", synonyms=("KC",), description="x"),),
        molecules=(
            protein("HGNC:5992", "IL-1beta", "IL1B", "P01584"),
            protein("HGNC:7794", "NF-kappaB", "NFKB1", "P19838"),
        ),
        therapies=(
            Therapy(
                id="DRUGBANK:DB00001",
                label="killerumab",
                synonyms=("KC",),
                modality=Modality.MONOCLONAL_ANTIBODY,
                status=TherapyStatus.PHASE_2,
                description="x",
            ),
        ),
        cancers=(Cancer(id="MONDO:0000001", label="oesophageal carcinoma", synonyms=()),),
    )


def test_tiers_on_a_small_graph() -> None:
    kg = _small()
    assert kg.lookup("IL1b").id == "HGNC:5992"  # the symbol, case-insensitive
    assert kg.lookup("IL-1β").id == "HGNC:5992"
    assert kg.lookup("NFkB").id == "HGNC:7794"  # Greek letter names shortened on both sides
    assert kg.lookup("NF-κB").id == "HGNC:7794"
    assert kg.lookup("esophageal carcinoma").id == "MONDO:0000001"  # spelling folds both ways
    assert kg.lookup("killer cells").id == "CL:0000001"
    with pytest.raises(AmbiguousNameError) as info:
        kg.lookup("kc")
    assert info.value.kinds == ["cell type", "therapy"]
    assert kg.lookup("kc", EntityKind.THERAPY).id == "DRUGBANK:DB00001"
    with pytest.raises(KindMismatchError, match="no therapy in the graph acts on it"):
        kg.lookup("IL-1beta", EntityKind.THERAPY)
    with pytest.raises(NotFoundError, match="did you mean killerumab"):
        kg.lookup("kilerumab")


def test_a_missing_symbol_table_only_loses_that_tier(tmp_path: Path) -> None:
    index = NameIndex.build(_small().entities(), symbol_table=tmp_path / "none.tsv")
    assert index.resolve("SCYA2") is None
    assert index.symbols() == {}


def test_fold_and_query_keys() -> None:
    assert fold("Haematopoietic  Stem-Cell") == "hematopoieticstemcell"
    assert greek_short(fold("IFN-γ")) == "ifng"
    assert query_keys("TAMs") == ["tams", "tam"]
    assert query_keys("TGF-βs") == ["tgfbetas", "tgfbs", "tgfbeta", "tgfb"]


# -- the HTML view's search uses the same rules -------------------------------------------------------------------


def test_html_search_finds_what_the_resolver_finds(kg: KnowledgeGraph, tmp_path: Path) -> None:
    from tests.export.tools import chromium, node_script
    from tmekg.export.files import ExportFormat, export

    path = tmp_path / "kg.html"
    export(kg, ExportFormat.HTML, path, isolated=True)
    queries = ["pd l1", "CD8", "NK", "MHC class I", "tumour growth", "TGF-β", "TGFb", "SCYA2", "Tregs", "NK cells"]
    listed = tmp_path / "queries.json"
    listed.write_text(json.dumps([*queries, "aldesleukin"]), encoding="utf-8")
    report = node_script("check_search.js", str(path), str(listed), chromium(), timeout=180)
    for query in queries:
        hits = report[query]
        assert hits, query
        assert hits[0]["id"] == kg.lookup(query).id, (query, hits[:3])
        assert not hits[0]["close"], query  # found by a key, not by the page's spelling distance
    both = {hit["id"] for hit in report["aldesleukin"][:2]}  # ambiguous: both candidates first
    assert both == {"DRUGBANK:DB00041", "HGNC:6001"}
