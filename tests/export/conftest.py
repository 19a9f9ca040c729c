"""Fixtures for the export tests: the mini graph's exports and a hostile graph."""

from __future__ import annotations

import pytest

from tmekg.kg import KnowledgeGraph
from tmekg.model import (
    Cancer,
    CellType,
    Interaction,
    Molecule,
    NormalFunction,
    Process,
    Reference,
    Therapy,
    TherapyAction,
)

#: Names that must stay text: markup, entities, quotes, backslashes, non-ASCII.
EVIL = "<img src=x onerror=alert(1)>"
AMP = 'CD8 "killer" T cell & friends — ünïcödé 細胞'
SCRIPT = "PD-L1 </script><script>alert(2)</script>"
QUOTE = "PD-1 'single' & back\\slash"
PROCESS = 'killing & "more" <b>'
HIJACK = "<svg onload=alert(3)>"
THERAPY = "pembro & <u>mab</u> ®"
CANCER = "melanoma <i>&amp;</i>"
HOSTILE_NAMES = (EVIL, AMP, SCRIPT, QUOTE, PROCESS, THERAPY, CANCER)


@pytest.fixture(scope="session")
def hostile_kg() -> KnowledgeGraph:
    """A tiny graph whose names are hostile (markup, ``&``, quotes, backslash, non-ASCII)."""
    return KnowledgeGraph(
        cell_types=(
            CellType(id="tmekg:evil", label=EVIL, broader="CL:0000235", description='a "quoted" & <b>bold</b> cell'),
            CellType(id="CL:0000625", label=AMP, synonyms=("Zellé & Co",), description="T & <T>"),
        ),
        molecules=(
            Molecule(
                id="HGNC:17635",
                label=SCRIPT,
                molecule_type="protein",
                symbol="CD274",
                uniprot="Q9NZQ7",
                categories=("ligand",),
                description="<ligand>",
            ),
            Molecule(
                id="HGNC:8760",
                label=QUOTE,
                molecule_type="protein",
                symbol="PDCD1",
                uniprot="Q15116",
                categories=("receptor",),
                description="receptor & co",
            ),
        ),
        processes=(Process(id="tmekg:t_cell_cytotoxicity", label=PROCESS, polarity=-1, description="x"),),
        therapies=(
            Therapy(
                id="DRUGBANK:DB09037",
                label=THERAPY,
                modality="monoclonal_antibody",
                status="approved",
                approval_year=2014,
                description="anti-PD-1 <antibody>",
            ),
        ),
        cancers=(Cancer(id="MONDO:0005105", label=CANCER),),
        functions=(
            NormalFunction(id="tmekg:fn_evil", label=HIJACK, category="peripheral_tolerance", description=HIJACK),
        ),
        references=(
            Reference(id="PMID:11015443", authors="Freeman GJ & al. <x>", year=2000, title="PD-1 & <B7>", journal="J"),
        ),
        interactions=(
            Interaction(
                id="tmekg:i_evil",
                source="tmekg:evil",
                ligand="HGNC:17635",
                receptor="HGNC:8760",
                target="CL:0000625",
                process="tmekg:t_cell_cytotoxicity",
                effect=-1,
                mechanism="binding",
                tumor_outcome="pro_tumor",
                hijacked_function="tmekg:fn_evil",
                hijacked_note=HIJACK,
                contexts=("MONDO:0005105",),
                species=("human",),
                evidence=("PMID:11015443",),
                evidence_level="clinical",
                confidence="high",
                summary="</script><script>alert(4)</script> & \"quotes\" 'too'",
            ),
        ),
        therapy_actions=(
            TherapyAction(
                therapy="DRUGBANK:DB09037",
                target="HGNC:8760",
                action="blocks",
                evidence=("PMID:11015443",),
                evidence_level="review",
            ),
        ),
    )
