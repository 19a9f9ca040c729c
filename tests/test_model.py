"""Records validate themselves: types, enums, CURIE syntax and rules within one row."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from tmekg.model import CellType, Interaction, Molecule, Process, Therapy, TherapyAction

INTERACTION: dict[str, Any] = {
    "id": "tmekg:i_x",
    "source": "CL:0001064",
    "ligand": "HGNC:17635",
    "receptor": "HGNC:8760",
    "target": "CL:0000625",
    "process": "tmekg:t_cell_cytotoxicity",
    "effect": "-1",
    "mechanism": "binding",
    "tumor_outcome": "pro_tumor",
    "hijacked_function": "tmekg:fn_checkpoint_termination",
    "species": "human",
    "evidence": "PMID:11015443",
    "evidence_level": "in_vitro",
    "confidence": "high",
    "summary": "PD-L1 binds PD-1.",
}


def columns_of(exc: ValidationError) -> set[str]:
    out = set()
    for err in exc.errors():
        ctx = err.get("ctx") or {}
        out.add(str(ctx.get("column") or (err["loc"][0] if err["loc"] else "")))
    return out


def test_interaction_from_cells() -> None:
    inter = Interaction.model_validate({**INTERACTION, "species": "human|mouse", "cic_step": "7", "mediators": ""})
    assert inter.effect == -1
    assert inter.species == ("human", "mouse")
    assert inter.cic_step == 7
    assert inter.mediators == ()
    assert inter.molecules == ("HGNC:17635", "HGNC:8760")


def test_records_are_frozen() -> None:
    inter = Interaction.model_validate(INTERACTION)
    with pytest.raises(ValidationError):
        inter.effect = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"effect": "2"}, "effect"),
        ({"effect": ""}, "effect"),
        ({"mechanism": "hugging"}, "mechanism"),
        ({"ligand": "CD274"}, "ligand"),
        ({"ligand": "HGNC:0017635"}, "ligand"),
        ({"receptor": "CHEBI:16335"}, "receptor"),
        ({"contexts": "DOID:1909"}, "contexts"),
        ({"hijacked_function": ""}, "hijacked_function"),
        ({"hijacked_function": "tolerance"}, "hijacked_function"),
        (
            {"hijacked_note": "x", "tumor_outcome": "anti_tumor", "effect": "+1", "hijacked_function": ""},
            "hijacked_note",
        ),
        ({"tumor_outcome": "anti_tumor", "effect": "+1"}, "hijacked_function"),
        ({"tumor_outcome": "context_dependent"}, "outcome_note"),
        ({"ligand": "HGNC:8760"}, "receptor"),
        ({"source": "", "ligand": "", "receptor": ""}, "source"),
        ({"target": "", "ligand": ""}, "target"),
        ({"species": "human| mouse"}, "species"),
        ({"evidence": "PMID:1|PMID:1"}, "evidence"),
        ({"summary": " padded"}, "summary"),
        ({"cic_step": "9"}, "cic_step"),
        ({"unknown": "x"}, "unknown"),
    ],
)
def test_interaction_row_rules(change: dict[str, str], column: str) -> None:
    with pytest.raises(ValidationError) as info:
        Interaction.model_validate({**INTERACTION, **change})
    assert column in columns_of(info.value)


def test_molecule_rules() -> None:
    protein = {
        "id": "HGNC:17635",
        "label": "PD-L1",
        "molecule_type": "protein",
        "symbol": "CD274",
        "uniprot": "Q9NZQ7",
        "categories": "ligand",
        "description": "x",
    }
    assert Molecule.model_validate(protein).names() == ("PD-L1", "CD274")
    for change, column in [
        ({"symbol": ""}, "symbol"),
        ({"uniprot": "notanacc"}, "uniprot"),
        ({"id": "CHEBI:16335"}, "id"),
        ({"subunits": "HGNC:1|HGNC:2"}, "subunits"),
        ({"categories": "flavour"}, "categories"),
    ]:
        with pytest.raises(ValidationError) as info:
            Molecule.model_validate({**protein, **change})
        assert column in columns_of(info.value), change
    metabolite = {
        "id": "CHEBI:16335",
        "label": "adenosine",
        "molecule_type": "metabolite",
        "categories": "metabolite",
        "description": "x",
    }
    with pytest.raises(ValidationError) as info:
        Molecule.model_validate({**metabolite, "symbol": "ADO"})
    assert "symbol" in columns_of(info.value)
    with pytest.raises(ValidationError) as info:
        Molecule.model_validate(
            {**metabolite, "id": "tmekg:tgfbr", "molecule_type": "complex", "subunits": "HGNC:11772"}
        )
    assert "subunits" in columns_of(info.value)


def test_cell_type_needs_a_parent_when_local() -> None:
    with pytest.raises(ValidationError) as info:
        CellType.model_validate({"id": "tmekg:TAM", "label": "TAM", "description": "x"})
    assert "broader" in columns_of(info.value)
    # a state may hang under another tmekg: state (TREM2+ TAM under TAM); the chain is checked by validate
    CellType.model_validate({"id": "tmekg:TREM2_TAM", "label": "T", "broader": "tmekg:TAM", "description": "x"})
    with pytest.raises(ValidationError):
        CellType.model_validate({"id": "tmekg:TAM", "label": "TAM", "broader": "HGNC:1", "description": "x"})


def test_process_polarity_and_therapy_year() -> None:
    assert Process.model_validate({"id": "tmekg:a", "label": "a", "polarity": "+1", "description": "x"}).polarity == 1
    with pytest.raises(ValidationError):
        Process.model_validate({"id": "tmekg:a", "label": "a", "polarity": "0", "description": "x"})
    with pytest.raises(ValidationError) as info:
        Therapy.model_validate(
            {
                "id": "DRUGBANK:DB09037",
                "label": "p",
                "modality": "monoclonal_antibody",
                "status": "approved",
                "description": "x",
            }
        )
    assert "approval_year" in columns_of(info.value)


def test_therapy_action_needs_evidence() -> None:
    with pytest.raises(ValidationError) as info:
        TherapyAction.model_validate(
            {
                "therapy": "DRUGBANK:DB09037",
                "target": "HGNC:8760",
                "action": "blocks",
                "evidence": "",
                "evidence_level": "review",
            }
        )
    assert "evidence" in columns_of(info.value)
