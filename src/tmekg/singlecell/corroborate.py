"""Which imported resources corroborate each curated ligand -> receptor pair, and in which orientation.

A curation QA report: for every distinct (ligand, receptor) of the curated statements, each loaded tier says
``forward`` (the resource lists ligand -> receptor), ``reversed`` (only receptor -> ligand, e.g. TIGIT -> PVR),
``both``, or nothing. Pairs no resource has are listed apart, metabolite axes (adenosine, PGE2, lactate) first:
resources of protein pairs seldom hold them. Complexes meet a resource's pair by any shared subunit; a soluble or
exosomal form by the protein it is a form of.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tmekg.importers.base import Tier
from tmekg.importers.store import layers
from tmekg.kg import KnowledgeGraph
from tmekg.model import Molecule
from tmekg.vocab import MoleculeType

__all__ = ["Corroboration", "corroborate", "to_markdown"]


@dataclass(frozen=True)
class Corroboration:
    ligand: str
    receptor: str
    interactions: tuple[str, ...]
    metabolite: bool
    resources: dict[str, str]


def _keys(kg: KnowledgeGraph, molecule_id: str) -> frozenset[str]:
    m = kg.get(molecule_id)
    if not isinstance(m, Molecule):
        return frozenset()
    if m.molecule_type is MoleculeType.COMPLEX:
        return frozenset(m.subunits)
    if m.molecule_type is MoleculeType.FORM and m.form_of:
        return _keys(kg, m.form_of)
    return frozenset({m.id})


def corroborate(kg: KnowledgeGraph, tiers: list[Tier]) -> list[Corroboration]:
    """One entry per curated (ligand, receptor) pair, sorted by ligand then receptor label."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for inter in kg.interactions:
        if inter.ligand and inter.receptor:
            pairs.setdefault((inter.ligand, inter.receptor), []).append(inter.id)
    indexed = [
        (tier.resource, {(lk, rk) for p in tier.pairs for lk in p.ligand_ids for rk in p.receptor_ids})
        for tier in tiers
    ]
    out = []
    for (ligand, receptor), ids in pairs.items():
        lkeys, rkeys = _keys(kg, ligand), _keys(kg, receptor)
        found = {}
        for resource, index in indexed:
            forward = any((lk, rk) in index for lk in lkeys for rk in rkeys)
            backward = any((rk, lk) in index for lk in lkeys for rk in rkeys)
            if forward or backward:
                found[resource] = "both" if forward and backward else "forward" if forward else "reversed"
        entity = kg.get(ligand)
        metabolite = isinstance(entity, Molecule) and entity.molecule_type is MoleculeType.METABOLITE
        out.append(Corroboration(ligand, receptor, tuple(sorted(ids)), metabolite, found))
    return sorted(out, key=lambda c: (kg.label(c.ligand).casefold(), kg.label(c.receptor).casefold()))


def to_dict(kg: KnowledgeGraph, found: list[Corroboration], tiers: list[Tier]) -> dict[str, Any]:
    """The report as JSON: layers, every pair, and the curated axes no resource has."""

    def ref(entity_id: str) -> dict[str, str]:
        return {"id": entity_id, "label": kg.label(entity_id)}

    rows: list[dict[str, Any]] = [
        {
            "ligand": ref(c.ligand),
            "receptor": ref(c.receptor),
            "interactions": list(c.interactions),
            "metabolite_axis": c.metabolite,
            "resources": c.resources,
        }
        for c in found
    ]
    missing = [r for r in rows if not r["resources"]]
    return {
        "layers": layers(tiers),
        "curated_pairs": len(rows),
        "corroborated": len(rows) - len(missing),
        "reversed_in_some_resource": [r for r in rows if "reversed" in r["resources"].values()],
        "pairs": rows,
        "uncorroborated": {
            "metabolite_axes": [r for r in missing if r["metabolite_axis"]],
            "protein_pairs": [r for r in missing if not r["metabolite_axis"]],
        },
    }


def to_markdown(report: dict[str, Any]) -> str:
    resources = [str(layer["resource"]) for layer in report["layers"] if "resource" in layer]
    lines = [
        "# Corroboration of curated ligand -> receptor pairs by imported resources",
        "",
        "Layers: " + ", ".join(str(layer["layer"]) for layer in report["layers"]),
        "",
        f"{report['corroborated']} of {report['curated_pairs']} curated pairs are in at least one resource.",
        "",
        "| ligand | receptor | " + " | ".join(resources) + " | statements |",
        "|---|---|" + "---|" * len(resources) + "---|",
    ]
    for r in report["pairs"]:
        cells = " | ".join(r["resources"].get(name, "—") for name in resources)
        lines.append(f"| {r['ligand']['label']} | {r['receptor']['label']} | {cells} | {len(r['interactions'])} |")
    for title, key in (
        ("Metabolite axes no resource has", "metabolite_axes"),
        ("Protein pairs no resource has", "protein_pairs"),
    ):
        lines += ["", f"## {title}", ""]
        entries = report["uncorroborated"][key]
        lines += [
            f"- {r['ligand']['label']} -> {r['receptor']['label']} ({', '.join(r['interactions'])})" for r in entries
        ]
        if not entries:
            lines.append("- none")
    return "\n".join(lines) + "\n"
