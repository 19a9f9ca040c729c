"""Therapy actions applied with their semantics; net effect from signed paths; escape routes; partners."""

from __future__ import annotations

import pytest

from tmekg.kg import KnowledgeGraph
from tmekg.reasoning import block, tumor_sign
from tmekg.vocab import Action, TumorOutcome


@pytest.mark.usefixtures("toy_is_valid")
def test_blocks_sever_by_ligand_or_receptor(toy_kg: KnowledgeGraph) -> None:
    anti_pd1 = block(toy_kg, "pembrolizumab")
    assert [e.interaction.id for e in anti_pd1.severed] == ["tmekg:i_pdl1_pd1", "tmekg:i_pdl2_pd1"]
    assert all(e.benefit(toy_kg) for e in anti_pd1.severed)
    assert anti_pd1.net_effect.direction == "anti_tumor"
    anti_pdl1 = block(toy_kg, "toy-anti-pd-l1")
    assert [e.interaction.id for e in anti_pdl1.severed] == ["tmekg:i_pdl1_pd1"]
    # what anti-PD-L1 leaves open on the same process is the PD-L2 route, which anti-PD-1 closes
    assert [i.id for i in anti_pdl1.escape_routes] == ["tmekg:i_pdl2_pd1"]
    assert [(p.therapy.label, p.closes) for p in anti_pdl1.partners] == [("pembrolizumab", ("tmekg:i_pdl2_pd1",))]


def test_depleting_effector_cells_is_harm(toy_kg: KnowledgeGraph) -> None:
    answer = block(toy_kg, "cd8-depleter")
    severed = {e.interaction.id: e for e in answer.severed}
    assert set(severed) == {
        "tmekg:i_cd8_kill",
        "tmekg:i_car_t_kill",
        "tmekg:i_il2_cd8",
        "tmekg:i_pdl1_pd1",
        "tmekg:i_pdl2_pd1",
    }
    assert severed["tmekg:i_cd8_kill"].verdict(toy_kg) == "harm"
    assert severed["tmekg:i_cd8_kill"].role == "source"
    # PD-1 signalling is lost only because its receiver is gone: no benefit claimed
    assert severed["tmekg:i_pdl1_pd1"].verdict(toy_kg) == "neutral"
    assert answer.net_effect.direction == "pro_tumor"
    assert answer.net_effect.opposing, "the path through perforin killing opposes"


def test_agonist_and_supply_strengthen(toy_kg: KnowledgeGraph) -> None:
    agonist = block(toy_kg, "il2r-agonist")  # agonizes a subunit of the IL-2 receptor complex
    assert agonist.severed == ()
    assert [(e.interaction.id, e.role) for e in agonist.strengthened] == [("tmekg:i_il2_cd8", "receptor")]
    assert agonist.strengthened[0].benefit(toy_kg)
    supply = block(toy_kg, "toy-aldesleukin")
    assert [(e.interaction.id, e.role) for e in supply.strengthened] == [("tmekg:i_il2_cd8", "ligand")]
    assert supply.net_effect.direction == "anti_tumor"


def test_engineered_cells_strengthen_the_killing_they_recognise(toy_kg: KnowledgeGraph) -> None:
    car_t = block(toy_kg, "toy-car-t")
    assert [(e.interaction.id, e.verdict(toy_kg)) for e in car_t.strengthened] == [("tmekg:i_car_t_kill", "benefit")]
    assert car_t.net_effect.direction == "anti_tumor"


def test_acting_on_a_subunit_reaches_the_complex(toy_kg: KnowledgeGraph) -> None:
    agonist = block(toy_kg, "il2r-agonist")
    (path,) = agonist.net_effect.supporting
    assert [h.predicate for h in path.hops] == ["agonizes", "part_of", "increases", "polarity"]


def test_json_contract(toy_kg: KnowledgeGraph) -> None:
    data = block(toy_kg, "pembrolizumab").to_dict(toy_kg)
    assert set(data) == {"therapy", "actions", "severed", "strengthened", "net_effect", "escape_routes", "partners"}
    assert data["therapy"] == {"id": "DRUGBANK:DB09037", "label": "pembrolizumab"}
    assert data["actions"][0]["target"]["symbol"] == "PDCD1"
    assert data["actions"][0]["action"] == "blocks"
    net = data["net_effect"]
    assert {"direction", "score", "supporting_paths", "opposing_paths"} <= set(net)
    severed = data["severed"][0]
    for key in ("id", "source", "target", "ligand", "receptor", "mediators", "effect", "tumor_outcome",
                "hijacked_function", "evidence"):  # fmt: skip
        assert key in severed
    assert severed["ligand"]["label"] == "PD-L1"


# --- the shipped knowledge base --------------------------------------------------------------------------------


def _using(kg: KnowledgeGraph, symbol: str, roles: tuple[str, ...]) -> set[str]:
    molecule = kg.lookup(symbol).id
    holders = {molecule} | {m.id for m in kg.molecules if molecule in m.subunits}
    return {i.id for i in kg.interactions if any(getattr(i, r) in holders for r in roles)}


def test_anti_pd1_and_anti_pdl1_differ_exactly_where_biology_says(kg: KnowledgeGraph) -> None:
    pd1 = {e.interaction.id for e in block(kg, "pembrolizumab").severed}
    pdl1 = {e.interaction.id for e in block(kg, "atezolizumab").severed}
    assert pd1 == _using(kg, "PDCD1", ("ligand", "receptor"))
    assert pdl1 == _using(kg, "CD274", ("ligand", "receptor"))
    only_pd1, only_pdl1 = pd1 - pdl1, pdl1 - pd1
    assert only_pd1
    assert all(kg.interaction(i).ligand == kg.lookup("PDCD1LG2").id for i in only_pd1)
    assert only_pdl1
    assert all(kg.interaction(i).receptor == kg.lookup("CD80").id for i in only_pdl1)


@pytest.mark.parametrize(
    "therapy", ["pembrolizumab", "atezolizumab", "ipilimumab", "pexidartinib", "magrolimab", "bevacizumab"]
)
def test_flagship_therapies(kg: KnowledgeGraph, therapy: str) -> None:
    answer = block(kg, therapy)
    assert answer.severed, f"{therapy} severs nothing"
    assert answer.net_effect.direction == "anti_tumor"
    targets = {a.target for a in answer.actions}
    for effect in answer.severed:
        assert effect.action.target in targets
        assert effect.benefit(kg) == (tumor_sign(kg, effect.interaction) > 0 and effect.removes_signal)
    for path in answer.net_effect.supporting:
        assert path.nodes[0] == answer.therapy.id
        assert path.sign < 0
        assert all(hop.evidence or hop.predicate in ("polarity", "part_of") for hop in path.hops), (
            "every hop cites evidence"
        )
    gone = {e.interaction.id for e in answer.severed}
    for route in answer.escape_routes:
        assert route.id not in gone
        assert route.tumor_outcome is not TumorOutcome.ANTI_TUMOR
    counts = [len(p.closes) for p in answer.partners]
    assert counts == sorted(counts, reverse=True)
    assert all(a.action in Action for a in answer.actions)
