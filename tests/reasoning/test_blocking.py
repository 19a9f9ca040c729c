"""Therapy actions applied with their semantics; net effect from signed paths; escape routes; partners."""

from __future__ import annotations

import pytest

from tmekg.kg import KnowledgeGraph
from tmekg.reasoning import block, tumor_sign
from tmekg.vocab import Action, NetDirection, RequirementKind, Role, TumorOutcome, Verdict


@pytest.mark.usefixtures("toy_is_valid")
def test_blocks_sever_by_ligand_or_receptor(toy_kg: KnowledgeGraph) -> None:
    anti_pd1 = block(toy_kg, "pembrolizumab")
    assert [e.interaction.id for e in anti_pd1.severed] == ["tmekg:i_pdl1_pd1", "tmekg:i_pdl2_pd1"]
    assert all(e.benefit(toy_kg) for e in anti_pd1.severed)
    assert anti_pd1.net_effect.direction is NetDirection.ANTI_TUMOR
    anti_pdl1 = block(toy_kg, "toy-anti-pd-l1")
    assert [e.interaction.id for e in anti_pdl1.severed] == ["tmekg:i_pdl1_pd1"]
    # what anti-PD-L1 leaves open on the same process is the PD-L2 route, which anti-PD-1 closes; anti-PD-1 is on
    # the same axis (PD-1 binds PD-L1), so it is a partner only when asked for all
    assert [r.interaction.id for r in anti_pdl1.escape_routes] == ["tmekg:i_pdl2_pd1"]
    assert anti_pdl1.partners == ()
    everyone = block(toy_kg, "toy-anti-pd-l1", all_partners=True)
    (partner,) = everyone.partners
    assert (partner.therapy.label, partner.closes) == ("pembrolizumab", ("tmekg:i_pdl2_pd1",))
    assert any("same axis" in why for why in partner.excluded)


def test_depleting_effector_cells_is_harm(toy_kg: KnowledgeGraph) -> None:
    answer = block(toy_kg, "cd8-depleter")
    severed = {e.interaction.id: e for e in answer.severed}
    assert set(severed) == {
        "tmekg:i_cd8_kill",
        "tmekg:i_il2_cd8",
        "tmekg:i_pdl1_pd1",
        "tmekg:i_pdl2_pd1",
        "tmekg:i_b2m_loss",
    }
    assert severed["tmekg:i_cd8_kill"].verdict(toy_kg) is Verdict.HARM
    assert severed["tmekg:i_cd8_kill"].role is Role.SOURCE
    # PD-1 signalling is lost only because its receiver is gone: no benefit claimed
    assert severed["tmekg:i_pdl1_pd1"].verdict(toy_kg) is Verdict.NEUTRAL
    assert answer.net_effect.direction is NetDirection.PRO_TUMOR
    assert answer.net_effect.opposing, "the path through perforin killing opposes"


def test_agonist_and_supply_strengthen(toy_kg: KnowledgeGraph) -> None:
    agonist = block(toy_kg, "il2r-agonist")  # agonizes a subunit of the IL-2 receptor complex
    assert agonist.severed == ()
    assert [(e.interaction.id, e.role) for e in agonist.strengthened] == [("tmekg:i_il2_cd8", "receptor")]
    assert agonist.strengthened[0].benefit(toy_kg)
    supply = block(toy_kg, "toy-aldesleukin")
    assert [(e.interaction.id, e.role) for e in supply.strengthened] == [("tmekg:i_il2_cd8", "ligand")]
    assert supply.net_effect.direction is NetDirection.ANTI_TUMOR


def test_engineered_cells_make_their_own_killing(toy_kg: KnowledgeGraph) -> None:
    car_t = block(toy_kg, "toy-car-t")
    assert car_t.severed == car_t.strengthened == ()
    (made,) = car_t.drug_made
    assert (made.action.target, made.action.process) == ("HGNC:1633", "tmekg:tumor_cell_killing")
    assert car_t.net_effect.direction is NetDirection.ANTI_TUMOR
    (path,) = car_t.net_effect.supporting
    assert [h.predicate for h in path.hops] == ["engineers", "polarity"]
    assert {(n.requires, n.kind) for n in car_t.needs} == {
        ("HGNC:1633", RequirementKind.ANTIGEN),
        ("CL:0000625", RequirementKind.EFFECTOR_CELL),
    }
    routes = {r.interaction.id: r for r in car_t.escape_routes}
    # antigen loss defeats it; B2M loss does not (CAR-T cells do not need MHC-I)
    assert "tmekg:i_cd19_loss" in routes
    assert routes["tmekg:i_cd19_loss"].defeats is not None
    assert "tmekg:i_b2m_loss" not in routes
    # the CD8 T cells it sends are suppressed by PD-1 signalling: that is an escape route too
    assert "tmekg:i_pdl1_pd1" in routes


def test_requirements_feed_escape_routes(toy_kg: KnowledgeGraph) -> None:
    answer = block(toy_kg, "pembrolizumab")
    routes = {r.interaction.id: r for r in answer.escape_routes}
    assert "tmekg:i_b2m_loss" in routes, "B2M loss defeats the MHC-I presentation PD-1 blockade needs"
    assert routes["tmekg:i_b2m_loss"].defeats is not None
    assert routes["tmekg:i_b2m_loss"].defeats.kind is RequirementKind.ANTIGEN_PRESENTATION
    assert "tmekg:i_cd19_loss" not in routes


def test_acting_on_a_subunit_reaches_the_complex(toy_kg: KnowledgeGraph) -> None:
    agonist = block(toy_kg, "il2r-agonist")
    (path,) = agonist.net_effect.supporting
    assert [h.predicate for h in path.hops] == ["agonizes", "part_of", "increases", "polarity"]


def test_trials_of_a_therapy(toy_kg: KnowledgeGraph) -> None:
    answer = block(toy_kg, "pembrolizumab")
    assert [t.name for t in answer.trials] == ["TOY-1"]
    assert block(toy_kg, "pembrolizumab", cancer="MONDO:0005105").trials
    # a trial in melanoma says nothing about another cancer
    assert block(toy_kg, "pembrolizumab", cancer="MONDO:0000001").trials == () if toy_kg.has("MONDO:0000001") else True


def test_json_contract(toy_kg: KnowledgeGraph) -> None:
    data = block(toy_kg, "pembrolizumab").to_dict(toy_kg)
    assert {"therapy", "actions", "severed", "strengthened", "net_effect", "escape_routes", "partners"} <= set(data)
    assert {"drug_made", "needs", "trials", "status", "cancer"} <= set(data)
    assert data["therapy"] == {"id": "DRUGBANK:DB09037", "label": "pembrolizumab"}
    assert data["actions"][0]["target"]["symbol"] == "PDCD1"
    assert data["actions"][0]["action"] == "blocks"
    net = data["net_effect"]
    assert {"direction", "score", "supporting_paths", "opposing_paths"} <= set(net)
    severed = data["severed"][0]
    for key in ("id", "source", "target", "ligand", "receptor", "mediators", "effect", "tumor_outcome",
                "hijacked_function", "evidence", "sites", "directions"):  # fmt: skip
        assert key in severed
    assert severed["ligand"]["label"] == "PD-L1"
    assert {"escape_reason", "defeats"} <= set(data["escape_routes"][0])


# --- the shipped knowledge base --------------------------------------------------------------------------------


def _using(kg: KnowledgeGraph, symbol: str, roles: tuple[str, ...]) -> set[str]:
    molecule = kg.lookup(symbol).id
    holders = {molecule} | {m.id for m in kg.molecules if molecule in m.subunits}
    return {i.id for i in kg.interactions if any(getattr(i, r) in holders for r in roles)}


def test_anti_pd1_and_anti_pdl1_differ_exactly_where_biology_says(kg: KnowledgeGraph) -> None:
    pd1 = {e.interaction.id for e in block(kg, "pembrolizumab").severed}
    pdl1 = {e.interaction.id for e in block(kg, "atezolizumab").severed}
    pdl1_forms = {m.id for m in kg.molecules if m.form_of == kg.lookup("CD274").id}
    assert pdl1_forms, "exosomal PD-L1 is a form of PD-L1"
    assert pd1 == _using(kg, "PDCD1", ("ligand", "receptor"))
    assert pdl1 == _using(kg, "CD274", ("ligand", "receptor")) | {
        i.id for i in kg.interactions if pdl1_forms & {i.ligand, i.receptor}
    }, "an antibody to PD-L1 reaches its exosomal form"
    only_pd1, only_pdl1 = pd1 - pdl1, pdl1 - pd1
    assert only_pd1
    assert all(kg.interaction(i).ligand == kg.lookup("PDCD1LG2").id for i in only_pd1), "PD-L2 -> PD-1"
    assert only_pdl1
    # PD-L1 -> CD80, or PD-L1 through a receptor the paper did not resolve
    assert all(kg.interaction(i).receptor in (kg.lookup("CD80").id, None) for i in only_pdl1)
    assert any(kg.interaction(i).receptor == kg.lookup("CD80").id for i in only_pdl1)


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
        assert all(hop.evidence or hop.predicate in ("polarity", "part_of", "has_form") for hop in path.hops), (
            "every hop cites evidence"
        )
    gone = {e.interaction.id for e in answer.severed}
    for route in answer.escape_routes:
        assert route.interaction.id not in gone
        assert route.interaction.tumor_outcome is not TumorOutcome.ANTI_TUMOR
    scores = [p.score for p in answer.partners]
    assert scores == sorted(scores, reverse=True)
    assert all(a.action in Action for a in answer.actions)
