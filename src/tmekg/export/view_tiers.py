"""Imported ligand–receptor tiers in the visual projection (:mod:`tmekg.export.view`).

Layers: every edge carries its ``layer`` (``curated``, or ``imported:<resource>``) and every node the
``layers`` that name it; the view's ``layers`` list what it holds. An imported pair (``tiers``) is a grey, dotted
``binds (imported)`` edge from its ligand to its receptor (kind ``imported``, id the pair's id, with
``|<ligand>|<receptor>`` added when a complex the curated graph does not have is drawn member by member), carrying
the resource, its version and licence, its evidence ids, its own claim and the import flags, and never a sign,
an outcome or an evidence level; a molecule that only imported pairs name is a node of kind ``imported``
labelled with its symbol, laid out in rows below the curated graph (a spring layout of thousands of imported
pairs would take minutes). A pair with a side tmekg could not resolve to an id is not drawn (the layer's
``drawn_pairs`` says how many are).
"""

from __future__ import annotations

from typing import Any

from tmekg.export.style import IMPORTED_EDGE_COLOR, IMPORTED_EDGE_WIDTH
from tmekg.export.view_model import ViewEdge
from tmekg.importers.base import ImportedPair, Tier
from tmekg.kg import KnowledgeGraph
from tmekg.model import Molecule

__all__ = ["imported_edges"]


def _pair_side(kg: KnowledgeGraph, ids: tuple[str, ...]) -> list[str]:
    """The node(s) one side of an imported pair is drawn at: a curated complex with exactly these subunits, else
    each member."""
    if len(ids) > 1:
        for complex_id in sorted(kg.complexes_of(ids[0])):
            entity = kg.get(complex_id)
            if isinstance(entity, Molecule) and set(entity.subunits) == set(ids):
                return [complex_id]
    return list(dict.fromkeys(ids))


def _pair_labels(pair: ImportedPair) -> dict[str, str]:
    """Id -> the symbol the resource gave it (when every member resolved, so that the two lists line up)."""
    labels: dict[str, str] = {}
    for ids, symbols in ((pair.ligand_ids, pair.ligand_symbols), (pair.receptor_ids, pair.receptor_symbols)):
        if len(ids) == len(symbols):
            labels.update(zip(ids, symbols, strict=True))
    return labels


def imported_edges(kg: KnowledgeGraph, tier: Tier) -> tuple[list[ViewEdge], dict[str, str], int]:
    """The edges of one imported tier, the labels of the ids they name, and how many pairs were not drawn (a
    side with no resolved id)."""
    edges: list[ViewEdge] = []
    labels: dict[str, str] = {}
    skipped = 0
    for pair in tier.pairs:
        ligands, receptors = _pair_side(kg, pair.ligand_ids), _pair_side(kg, pair.receptor_ids)
        if not ligands or not receptors:
            skipped += 1
            continue
        labels.update(_pair_labels(pair))
        ends = [(ligand, receptor) for ligand in ligands for receptor in receptors]
        for ligand, receptor in ends:
            attrs: dict[str, Any] = {
                "pair": pair.id,
                "resource": tier.resource,
                "resource_version": tier.version,
                "licence": tier.licence,
                "ligand": ligand,
                "receptor": receptor,
                "resource_ligand": pair.ligand,
                "resource_receptor": pair.receptor,
                "evidence": list(pair.evidence),
                "resource_claim": pair.claim,
                "flags": list(pair.flags),
                "source_id": pair.source_id,
                "summary": f"{pair.ligand} binds {pair.receptor} according to {tier.resource} {tier.version} "
                f"({tier.licence}); imported, with no tmekg sign or outcome",
            }
            edges.append(
                ViewEdge(
                    id=pair.id if len(ends) == 1 else f"{pair.id}|{ligand}|{receptor}",
                    source=ligand,
                    target=receptor,
                    label="binds (imported)",
                    kind="imported",
                    sign=0,
                    outcome="imported",
                    evidence_level="",
                    color=IMPORTED_EDGE_COLOR,
                    width=IMPORTED_EDGE_WIDTH,
                    arrow="none",
                    attrs=attrs,
                    layer=tier.layer,
                )
            )
    return edges, labels, skipped
