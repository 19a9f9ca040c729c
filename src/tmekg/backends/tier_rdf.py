"""RDF of the imported tiers, separable from the curated graph.

Each tier goes into its own named graph (IRI :func:`layer_iri`, ``https://w3id.org/tmekg/layer/imported/<resource>``)
of a Dataset, and every pair node also carries ``tmekg:layer`` (the same IRI) and ``prov:wasDerivedFrom`` its
layer, so that a Turtle file merging the curated graph and a tier (which has no named graphs) stays separable by
a triple pattern. A pair is a ``tmekg:ImportedPair`` with ``tmekg:importedLigand`` / ``tmekg:importedReceptor``
(HGNC or ChEBI IRIs) and the resource's text, evidence ids and claim as literals: never a sign or an outcome.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from tmekg.backends.rdf import VOCAB_IRI, iri
from tmekg.importers.base import ImportedPair, Tier

__all__ = ["LAYER_BASE", "add_tier", "layer_iri", "pair_iri", "tier_dataset"]

LAYER_BASE = "https://w3id.org/tmekg/layer/"
_V = Namespace(VOCAB_IRI)


def layer_iri(layer: str) -> URIRef:
    """``curated`` -> ``.../layer/curated``; ``imported:liana`` -> ``.../layer/imported/liana``."""
    return URIRef(LAYER_BASE + quote(layer.replace(":", "/"), safe="/"))


def pair_iri(pair: ImportedPair) -> URIRef:
    return URIRef(f"{LAYER_BASE}imported/{quote(pair.resource)}/pair/{quote(pair.id.split(':', 2)[2], safe='')}")


def _id_iri(curie: str) -> URIRef:
    return iri(curie)


def add_tier(graph: Graph, tier: Tier) -> Graph:
    """Add ``tier``'s triples (its layer node and its pairs) to ``graph``; returns ``graph``."""
    layer = layer_iri(tier.layer)
    graph.add((layer, RDF.type, _V.Layer))
    graph.add((layer, RDFS.label, Literal(tier.layer)))
    graph.add((layer, OWL.versionInfo, Literal(tier.version)))
    graph.add((layer, DCTERMS.license, Literal(tier.licence)))
    graph.add((layer, DCTERMS.source, Literal(tier.source)))
    for pair in tier.pairs:
        node = pair_iri(pair)
        graph.add((node, RDF.type, _V.ImportedPair))
        graph.add((node, _V.layer, layer))
        graph.add((node, PROV.wasDerivedFrom, layer))
        graph.add((node, RDFS.label, Literal(f"{pair.ligand} binds {pair.receptor} ({tier.resource})")))
        graph.add((node, _V.resourceLigand, Literal(pair.ligand)))
        graph.add((node, _V.resourceReceptor, Literal(pair.receptor)))
        for curie in pair.ligand_ids:
            graph.add((node, _V.importedLigand, _id_iri(curie)))
        for curie in pair.receptor_ids:
            graph.add((node, _V.importedReceptor, _id_iri(curie)))
        for evidence in pair.evidence:
            graph.add((node, _V.resourceEvidence, Literal(evidence)))
        for flag in pair.flags:
            graph.add((node, _V.importFlag, Literal(flag)))
        if pair.claim:
            graph.add((node, _V.resourceClaim, Literal(pair.claim)))
    return graph


def tier_dataset(curated: Graph, tiers: list[Tier]) -> Dataset:
    """A Dataset: the curated graph as the named graph ``.../layer/curated``, each tier as its own named graph."""
    dataset = Dataset()
    target = dataset.graph(layer_iri("curated"))
    for triple in curated:
        target.add(triple)
    for tier in tiers:
        add_tier(dataset.graph(layer_iri(tier.layer)), tier)
    return dataset
