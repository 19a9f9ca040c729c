"""The RDF exports and their layers; the JSON form of an imported pair.

Every RDF export names the layers it holds: a ``tmekg:Layer`` node per layer (``.../layer/curated``, then one
per imported tier with its version, licence and source). With imported tiers:

- ``ttl``, ``nt``, ``jsonld``: the curated RDF plus each tier's triples (:mod:`tmekg.backends.tier_rdf`): every
  imported pair is a ``tmekg:ImportedPair`` with ``tmekg:layer``;
- ``trig`` / ``nq``: the same as a Dataset with one named graph per layer.

The visual formats draw imported pairs too (:func:`tmekg.export.view_tiers.imported_edges`); JSON lists them
(:mod:`tmekg.export.canonical`). An imported pair never carries a sign or an outcome.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tmekg.importers.base import CURATED_LAYER, ImportedPair, Tier

if TYPE_CHECKING:
    from tmekg.export.registry import ExportJob

__all__ = ["layer_ntriples", "pair_dict", "render"]


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


def layer_ntriples(tiers: Sequence[Tier]) -> list[str]:
    """N-Triples lines of the layers: the curated layer node, then each tier's layer node and pairs."""
    from rdflib import RDF, Graph, Literal, Namespace
    from rdflib.namespace import RDFS

    from tmekg.backends.rdf import VOCAB_IRI
    from tmekg.backends.tier_rdf import add_tier, layer_iri

    graph = Graph()
    curated = layer_iri(CURATED_LAYER)
    graph.add((curated, RDF.type, Namespace(VOCAB_IRI).Layer))
    graph.add((curated, RDFS.label, Literal(CURATED_LAYER)))
    for tier in tiers:
        add_tier(graph, tier)
    return [line + "\n" for line in graph.serialize(format="nt").splitlines() if line.strip()]


def render(job: ExportJob) -> str:
    """The text of ``job.fmt`` (ttl, nt, jsonld, trig or nq) with the graph's layers."""
    from tmekg.backends.rdf import to_rdf
    from tmekg.export.rdf import graph_to_jsonld, to_ntriples, to_turtle

    fmt = job.fmt.value
    if fmt in ("trig", "nq"):
        from rdflib import Graph

        from tmekg.backends.tier_rdf import layer_iri, tier_dataset

        dataset = tier_dataset(to_rdf(job.kg, store="default"), list(job.tiers))
        curated = Graph().parse(data="".join(layer_ntriples(())), format="nt")
        target = dataset.graph(layer_iri(CURATED_LAYER))
        for triple in curated:
            target.add(triple)
        return dataset.serialize(format="trig" if fmt == "trig" else "nquads")
    extra = layer_ntriples(job.tiers)
    if fmt == "ttl":
        return to_turtle(job.kg, extra)
    if fmt == "nt":
        return to_ntriples(job.kg, extra)
    graph = to_rdf(job.kg)
    graph.parse(data="".join(extra), format="nt")
    return graph_to_jsonld(graph)
