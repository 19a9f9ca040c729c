"""Exports that hold imported tiers beside the curated graph, each file naming its layers.

- ``json``: the canonical curated JSON plus ``layers`` (curated, then each tier with its provenance) and
  ``imported_pairs`` (each with its ``layer``);
- ``ttl``, ``nt``, ``jsonld``: the curated RDF plus each tier's triples (:mod:`tmekg.backends.tier_rdf`): every
  imported pair is a ``tmekg:ImportedPair`` with ``tmekg:layer``, and every layer a ``tmekg:Layer`` node;
- ``trig`` / ``nq``: the same as a Dataset with one named graph per layer.

The visual formats show the curated layer only (an imported pair has no sign or outcome to draw); ask for one of
the formats above to carry a tier.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tmekg.atomic import write_text
from tmekg.errors import InputError
from tmekg.importers.base import ImportedPair, Tier
from tmekg.importers.store import layers
from tmekg.kg import KnowledgeGraph

__all__ = ["TIER_FORMATS", "export_with_tiers", "pair_dict"]

TIER_FORMATS = ("json", "ttl", "nt", "jsonld", "trig", "nq")


def pair_dict(tier: Tier, pair: ImportedPair) -> dict[str, Any]:
    return {
        "id": pair.id,
        "layer": tier.layer,
        "resource": tier.resource,
        "predicate": "binds",
        "ligand": pair.ligand,
        "receptor": pair.receptor,
        "ligand_ids": list(pair.ligand_ids),
        "receptor_ids": list(pair.receptor_ids),
        "ligand_symbols": list(pair.ligand_symbols),
        "receptor_symbols": list(pair.receptor_symbols),
        "evidence": list(pair.evidence),
        "resource_claim": pair.claim,
        "flags": list(pair.flags),
        "source_id": pair.source_id,
    }


def export_with_tiers(kg: KnowledgeGraph, tiers: list[Tier], fmt: str, path: Path) -> None:
    """Write ``kg`` and ``tiers`` as ``fmt`` to ``path`` atomically."""
    if fmt not in TIER_FORMATS:
        raise InputError(f"imported tiers export as {', '.join(TIER_FORMATS)}; {fmt!r} shows the curated layer only")
    if fmt == "json":
        from tmekg.export.canonical import to_json_dict

        data: dict[str, Any] = dict(to_json_dict(kg))
        data["layers"] = layers(tiers)
        data["imported_pairs"] = [pair_dict(t, p) for t in tiers for p in t.pairs]
        write_text(path, json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        return
    from tmekg.backends.rdf import to_rdf
    from tmekg.backends.tier_rdf import add_tier, layer_iri, tier_dataset

    curated = to_rdf(kg, store="default")
    if fmt in ("trig", "nq"):
        dataset = tier_dataset(curated, tiers)
        write_text(path, dataset.serialize(format="trig" if fmt == "trig" else "nquads"))
        return
    from rdflib import RDF, Literal, Namespace
    from rdflib.namespace import RDFS

    from tmekg.backends.rdf import VOCAB_IRI

    vocab = Namespace(VOCAB_IRI)
    curated.add((layer_iri("curated"), RDF.type, vocab.Layer))
    curated.add((layer_iri("curated"), RDFS.label, Literal("curated")))
    for tier in tiers:
        add_tier(curated, tier)
    rdf_format = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt]
    write_text(path, curated.serialize(format=rdf_format))
