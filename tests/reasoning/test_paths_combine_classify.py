"""Signed paths with bounds, combinations, and the outcome cross-check."""

from __future__ import annotations

import dataclasses

import pytest

from tmekg.errors import NotFoundError
from tmekg.kg import KnowledgeGraph
from tmekg.reasoning import by_hijacked_function, classify, combine, conflicts, find_paths, signed_graph
from tmekg.vocab import TUMOR_GROWTH, TumorOutcome


def test_signed_paths(toy_kg: KnowledgeGraph) -> None:
    result = find_paths(toy_kg, "PD-L1", "tumor growth")
    assert [p.nodes for p in result.paths] == [("HGNC:17635", "HGNC:8760", "tmekg:t_cell_cytotoxicity", TUMOR_GROWTH)]
    path = result.paths[0]
    assert path.sign == 1  # PD-L1 helps the tumor grow
    assert [h.sign for h in path.hops] == [1, -1, -1]
    assert path.weakest.weight == pytest.approx(0.4)
    assert not result.truncated
    killing = find_paths(toy_kg, "CTL", "tumor growth")
    assert {p.sign for p in killing.paths} == {-1}


def test_paths_are_bounded(toy_kg: KnowledgeGraph) -> None:
    assert find_paths(toy_kg, "PD-L1", "tumor growth", max_hops=2).paths == ()
    both = find_paths(toy_kg, "cd8-depleter", "tumor growth")
    assert len(both.paths) >= 1
    one = find_paths(toy_kg, "pembrolizumab", "tumor growth", max_paths=1)
    assert len(one.paths) == 1
    with pytest.raises(NotFoundError):
        find_paths(toy_kg, "PD-L9", "tumor growth")


def test_no_role_switch(kg: KnowledgeGraph) -> None:
    """A receptor reached by one interaction does not go on as the ligand of another."""
    graph = signed_graph(kg)
    for path in find_paths(kg, "PD-L1", "tumor growth", max_hops=6).paths:
        predicates = [h.predicate for h in path.hops]
        assert predicates.count("binds") <= 1
    assert graph.number_of_edges() > 0


def test_combinations(toy_kg: KnowledgeGraph, kg: KnowledgeGraph) -> None:
    assert combine(kg, "pembrolizumab", "nivolumab").kind == "redundant"
    assert combine(kg, "pembrolizumab", "ipilimumab").kind == "complementary"
    bad = combine(toy_kg, "pembrolizumab", "cd8-depleter")
    assert bad.kind == "antagonistic"
    reasons = {(by, i.id) for by, i, _ in bad.conflicts if i}
    assert ("tmekg:anti_cd8", "tmekg:i_pdl1_pd1") in reasons  # it depletes the CD8 T cells anti-PD-1 unleashes


def test_classify_and_conflicts(mini_kg: KnowledgeGraph) -> None:
    assert all(c.agrees for c in classify(mini_kg))
    assert conflicts(mini_kg) == []
    inter = mini_kg.interaction("tmekg:i_pdl2_pd1")
    two_sided = inter.model_copy(update={"tumor_outcome": TumorOutcome.CONTEXT_DEPENDENT, "outcome_note": "x"})
    kg = dataclasses.replace(mini_kg, interactions=(mini_kg.interactions[0], two_sided))
    found = conflicts(kg)
    assert [(c.interaction.id, c.derived.value) for c in found] == [("tmekg:i_pdl2_pd1", "pro_tumor")]
    groups = by_hijacked_function(mini_kg, list(mini_kg.interactions))
    label = "termination of T cell activation by inhibitory receptors"
    assert list(groups) == [label]
    assert len(groups[label]) == 2


def test_cancer_context(mini_kg: KnowledgeGraph) -> None:
    melanoma = mini_kg.for_cancer("MONDO:0005105")
    assert len(melanoma.interactions) == 2
    other = mini_kg.for_cancer("MONDO:0000001")
    assert [i.id for i in other.interactions] == ["tmekg:i_pdl1_pd1"]


def test_cancer_subsumption(mini_kg: KnowledgeGraph) -> None:
    """A statement made for a broader cancer (melanoma) holds for a narrower one."""
    narrow = mini_kg.for_cancer("MONDO:0000002", broader_cancers={"MONDO:0005105"})
    assert len(narrow.interactions) == 2


def test_cancer_hierarchy_is_shipped(kg: KnowledgeGraph) -> None:
    """--cancer needs no optional extra: subsumption comes from the cancers table (MONDO-derived, grounded)."""
    tnbc = kg.lookup("triple-negative breast carcinoma").id
    breast = kg.lookup("breast carcinoma").id
    assert breast in kg.broader_cancers(tnbc)
    assert tnbc in kg.narrower_cancers(breast)
    statements = {i.id for i in kg.for_cancer(tnbc).interactions}
    assert {i.id for i in kg.interactions if breast in i.contexts} <= statements
