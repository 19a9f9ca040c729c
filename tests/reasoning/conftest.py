"""A toy graph for reasoning: the tiny seed plus an anti-tumor killing interaction, IL-2 signalling, loss of
B2M and of CD19, a requirement of PD-1 blockade, a trial, and therapies that deplete, agonize, supply and
engineer."""

from __future__ import annotations

import dataclasses

import pytest

from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction, Molecule, Process, Requirement, Therapy, TherapyAction, Trial

REF = ("PMID:11015443",)


def _interaction(**fields: object) -> Interaction:
    base: dict[str, object] = {"species": ("human",), "evidence": REF, "evidence_level": "in_vitro",
                               "confidence": "low", "summary": "toy statement"}  # fmt: skip
    return Interaction.model_validate({**base, **fields})


def _therapy(id: str, label: str) -> Therapy:
    return Therapy(id=id, label=label, modality="monoclonal_antibody", status="phase_1", description="toy")


def _action(therapy: str, target: str, action: str, **extra: object) -> TherapyAction:
    return TherapyAction.model_validate(
        {"therapy": therapy, "target": target, "action": action, "evidence": REF, "evidence_level": "review", **extra}
    )


@pytest.fixture(scope="session")
def toy_kg(mini_kg: KnowledgeGraph) -> KnowledgeGraph:
    molecules = (
        *mini_kg.molecules,
        Molecule(id="HGNC:9360", label="perforin", molecule_type="protein", symbol="PRF1", uniprot="P14222",
                 categories=("cytotoxic_effector",), description="pore former"),
        Molecule(id="HGNC:6001", label="IL-2", molecule_type="protein", symbol="IL2", uniprot="P60568",
                 categories=("cytokine",), description="T cell growth factor"),
        Molecule(id="HGNC:6008", label="IL-2RA", molecule_type="protein", symbol="IL2RA", uniprot="P01589",
                 categories=("receptor",), description="IL-2 receptor alpha"),
        Molecule(id="HGNC:6009", label="IL-2RB", molecule_type="protein", symbol="IL2RB", uniprot="P14784",
                 categories=("receptor",), description="IL-2 receptor beta"),
        Molecule(id="HGNC:1633", label="CD19", molecule_type="protein", symbol="CD19", uniprot="P15391",
                 categories=("other",), description="B-cell antigen"),
        Molecule(id="tmekg:il2_receptor", label="IL-2 receptor", molecule_type="complex",
                 subunits=("HGNC:6008", "HGNC:6009"), categories=("receptor",), description="IL-2R"),
        Molecule(id="HGNC:914", label="B2M", molecule_type="protein", symbol="B2M", uniprot="P61769",
                 categories=("other",), description="MHC-I light chain"),
    )  # fmt: skip
    processes = (
        *mini_kg.processes,
        Process(id="tmekg:tumor_cell_killing", label="tumor cell killing", polarity=-1, description="killing"),
    )
    interactions = (
        *mini_kg.interactions,
        _interaction(id="tmekg:i_cd8_kill", source="CL:0000625", mediators=("HGNC:9360",),
                     sites=("HGNC:9360=sender",), target="CL:0001064", process="tmekg:tumor_cell_killing", effect=1,
                     mechanism="killing", tumor_outcome="anti_tumor"),
        _interaction(id="tmekg:i_il2_cd8", ligand="HGNC:6001", receptor="tmekg:il2_receptor", target="CL:0000625",
                     process="tmekg:t_cell_cytotoxicity", effect=1, mechanism="activation",
                     tumor_outcome="anti_tumor"),
        # escapes by loss: B2M (what PD-1 blockade needs) and CD19 (what CD19 CAR-T needs)
        _interaction(id="tmekg:i_b2m_loss", source="CL:0001064", mediators=("HGNC:914",),
                     sites=("HGNC:914=sender",), directions=("HGNC:914=lost/expression",), target="CL:0000625",
                     process="tmekg:tumor_cell_killing", effect=-1, mechanism="suppression",
                     tumor_outcome="pro_tumor"),
        _interaction(id="tmekg:i_cd19_loss", source="CL:0001064", mediators=("HGNC:1633",),
                     sites=("HGNC:1633=sender",), directions=("HGNC:1633=lost/expression",),
                     process="tmekg:tumor_cell_killing", effect=-1, mechanism="suppression",
                     tumor_outcome="pro_tumor"),
    )  # fmt: skip
    therapies = (
        *mini_kg.therapies,
        _therapy("tmekg:anti_cd8", "cd8-depleter"),
        _therapy("tmekg:il2_agonist", "il2r-agonist"),
        _therapy("tmekg:rhil2", "toy-aldesleukin"),
        _therapy("tmekg:anti_pdl1", "toy-anti-pd-l1"),
        _therapy("tmekg:car_t", "toy-car-t"),
    )
    actions = (
        *mini_kg.therapy_actions,
        _action("tmekg:anti_cd8", "CL:0000625", "depletes"),
        _action("tmekg:il2_agonist", "HGNC:6009", "agonizes"),
        _action("tmekg:rhil2", "HGNC:6001", "supplies"),
        _action("tmekg:anti_pdl1", "HGNC:17635", "blocks"),
        _action("tmekg:car_t", "HGNC:1633", "engineers", effector=("CL:0000625",),
                process="tmekg:tumor_cell_killing"),
    )  # fmt: skip
    requirements = (
        Requirement.model_validate({"action": "blocks", "target": "HGNC:8760", "requires": "HGNC:914",
                                    "kind": "antigen_presentation", "evidence": REF, "evidence_level": "clinical"}),
    )  # fmt: skip
    trials = (
        Trial.model_validate({"id": "clinicaltrials:NCT00000001", "name": "TOY-1", "phase": "phase_3",
                              "randomized": "true", "cancers": ("MONDO:0005105",),
                              "experimental": ("DRUGBANK:DB09037", "tmekg:anti_cd8"), "comparator_note": "placebo",
                              "endpoint": "PFS", "result": "not_met", "publications": REF,
                              "checked_against": "site: example.org (a toy trial)"}),
    )  # fmt: skip
    return dataclasses.replace(mini_kg, molecules=molecules, processes=processes, interactions=interactions,
                               therapies=therapies, therapy_actions=actions, requirements=requirements,
                               trials=trials)  # fmt: skip


@pytest.fixture(scope="session")
def toy_is_valid(toy_kg: KnowledgeGraph) -> None:
    from tmekg.validate import check

    assert [p for p in check(toy_kg) if p.severity == "error"] == []
