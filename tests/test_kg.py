"""Name resolution and filters on the typed graph."""

from __future__ import annotations

import pytest

from tmekg.errors import AmbiguousNameError, NotFoundError
from tmekg.kg import KnowledgeGraph
from tmekg.model import Cancer
from tmekg.vocab import EntityKind, TumorOutcome


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("HGNC:17635", "HGNC:17635"),
        ("hgnc:17635", "HGNC:17635"),
        ("PD-L1", "HGNC:17635"),
        ("pd-l1", "HGNC:17635"),
        ("CD274", "HGNC:17635"),
        ("b7-h1", "HGNC:17635"),
        ("CTL", "CL:0000625"),
        ("  CD8 T cell ", "CL:0000625"),
    ],
)
def test_lookup(mini_kg: KnowledgeGraph, name: str, expected: str) -> None:
    assert mini_kg.lookup(name).id == expected


def test_lookup_not_found(mini_kg: KnowledgeGraph) -> None:
    with pytest.raises(NotFoundError):
        mini_kg.lookup("PD-L3")
    with pytest.raises(NotFoundError):
        mini_kg.lookup("PD-L1", EntityKind.CELL_TYPE)


def test_a_name_shared_by_two_entities_is_ambiguous(mini_kg: KnowledgeGraph) -> None:
    extra = (
        Cancer(id="MONDO:0000001", label="ADO", synonyms=()),
        Cancer(id="MONDO:0000002", label="x", synonyms=("shared",)),
        Cancer(id="MONDO:0000003", label="y", synonyms=("shared",)),
    )
    kg = KnowledgeGraph(molecules=mini_kg.molecules, cancers=extra)
    with pytest.raises(AmbiguousNameError) as info:  # the label of one and a synonym of adenosine: say so
        kg.lookup("ado")
    assert [c for c, _ in info.value.candidates] == ["MONDO:0000001", "CHEBI:16335"]  # the label ranks first
    assert kg.lookup("ado", first=True).id == "MONDO:0000001"
    with pytest.raises(AmbiguousNameError) as info:
        kg.lookup("Shared")
    assert [c for c, _ in info.value.candidates] == ["MONDO:0000002", "MONDO:0000003"]


def test_filters(mini_kg: KnowledgeGraph) -> None:
    ids = lambda found: [i.id for i in found]  # noqa: E731
    assert ids(mini_kg.filter_interactions(outcome=TumorOutcome.ANTI_TUMOR)) == []
    assert ids(mini_kg.filter_interactions(cell="tmekg:TAM")) == ["tmekg:i_pdl2_pd1"]
    assert ids(mini_kg.filter_interactions(molecule="HGNC:8760")) == ["tmekg:i_pdl1_pd1", "tmekg:i_pdl2_pd1"]
    # a cancer keeps its own and the pan-cancer statements
    assert ids(mini_kg.filter_interactions(cancer="MONDO:0005105")) == ["tmekg:i_pdl1_pd1", "tmekg:i_pdl2_pd1"]
    assert ids(mini_kg.filter_interactions(cancer="MONDO:0000000")) == ["tmekg:i_pdl1_pd1"]


def test_actions_on_and_stats(mini_kg: KnowledgeGraph) -> None:
    assert [a.therapy for a in mini_kg.actions_on("HGNC:8760")] == ["DRUGBANK:DB09037"]
    assert mini_kg.actions_on("HGNC:17635") == []
    stats = mini_kg.stats()
    assert stats["interactions_by_outcome"] == {"pro_tumor": 2, "anti_tumor": 0, "context_dependent": 0}
    assert stats["unconfirmed_references"] == ["PMID:11015443"]


def test_subgraph(mini_kg: KnowledgeGraph) -> None:
    from tmekg.validate import check

    sub = mini_kg.subgraph(interactions=["tmekg:i_pdl2_pd1"], therapy_actions=[("DRUGBANK:DB09037", "HGNC:8760")])
    assert [i.id for i in sub.interactions] == ["tmekg:i_pdl2_pd1"]
    assert {e.id for e in sub.entities()} == {
        "tmekg:TAM", "CL:0000235", "HGNC:18731", "HGNC:8760", "CL:0000625", "tmekg:t_cell_cytotoxicity",
        "MONDO:0005105", "DRUGBANK:DB09037",
    }  # fmt: skip
    assert [r.id for r in sub.references] == ["PMID:11015443"]
    assert [p for p in check(sub) if p.severity == "error"] == [], "an answer's subgraph is a valid graph"
    assert mini_kg.subgraph().stats()["interactions"] == 0
