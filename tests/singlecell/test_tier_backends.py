"""The imported tier in RDF (named graphs, a layer property), JSON exports and Neo4j: visible and separable."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from neo4j import Driver
from rdflib import URIRef
from typer.testing import CliRunner

import tmekg
from tests.conftest import MINI_SEED
from tmekg.backends.rdf import to_rdf
from tmekg.backends.tier_neo4j import load_tier, wipe_tier
from tmekg.backends.tier_rdf import layer_iri, tier_dataset
from tmekg.cli import app
from tmekg.importers.base import Tier
from tmekg.importers.liana import LianaImporter
from tmekg.importers.store import save_tier
from tmekg.kg import KnowledgeGraph

DATA = Path(__file__).parent.parent / "fixtures" / "singlecell"
VOCAB = "https://w3id.org/tmekg/vocab#"


@pytest.fixture(scope="module")
def tier(kg: KnowledgeGraph) -> Tier:
    return LianaImporter().build(DATA / "omni_resource.csv", kg=kg)


def test_named_graph_per_layer(mini_kg: KnowledgeGraph, tier: Tier) -> None:
    dataset = tier_dataset(to_rdf(mini_kg, store="default"), [tier])
    graphs = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    assert set(graphs) == {str(layer_iri("curated")), str(layer_iri("imported:liana"))}
    imported = dataset.graph(layer_iri("imported:liana"))
    assert len(set(imported.subjects(predicate=None, object=None))) > len(tier.pairs)
    curated = dataset.graph(layer_iri("curated"))
    # the curated layer holds the ontology (which declares the class) but no imported pair
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert not any(curated.subjects(rdf_type, URIRef(VOCAB + "ImportedPair")))
    assert any(imported.subjects(rdf_type, URIRef(VOCAB + "ImportedPair")))


def test_exports_name_their_layers_and_keep_the_tier_apart(tmp_path: Path, tier: Tier) -> None:
    directory = tmp_path / "tier"
    save_tier(tier, directory)
    runner = CliRunner()
    ttl, js = tmp_path / "g.ttl", tmp_path / "g.json"
    for path, fmt in ((ttl, "ttl"), (js, "json")):
        result = runner.invoke(
            app, ["export", "--seed", str(MINI_SEED), "--tier", str(directory), "-f", fmt, "-o", str(path)]
        )
        assert result.exit_code == 0, result.stderr
        assert "layers: curated, imported:liana" in " ".join(result.stderr.split())
    store = pyoxigraph.Store()
    store.load(ttl.read_bytes(), pyoxigraph.RdfFormat.TURTLE)
    rows = list(
        store.query(
            f"SELECT ?p ?layer WHERE {{ ?p a <{VOCAB}ImportedPair> ; <{VOCAB}layer> ?layer ; "
            f"<{VOCAB}importedLigand> <https://identifiers.org/hgnc:17635> }}"
        )
    )
    assert len(rows) == 1
    assert rows[0]["layer"].value == str(layer_iri("imported:liana"))
    signed = store.query(f"ASK {{ ?p a <{VOCAB}ImportedPair> ; <{VOCAB}effect> ?e }}")
    assert not bool(signed)  # an imported pair never gains a sign
    data = json.loads(js.read_text())
    assert [layer["layer"] for layer in data["layers"]] == ["curated", "imported:liana"]
    assert {p["layer"] for p in data["imported_pairs"]} == {"imported:liana"}
    assert all("tumor_outcome" not in p and "effect" not in p for p in data["imported_pairs"])
    assert {i["id"] for i in data["interactions"]} == {i.id for i in tmekg.load(MINI_SEED).interactions}
    result = runner.invoke(app, ["export", "--tier", str(directory), "-f", "neo4j-csv", "-o", str(tmp_path / "csv")])
    assert result.exit_code == 2  # the visual formats draw imported pairs (tests/export/test_tiers.py); this one
    assert "curated layer only" in result.stderr  # has no place for them: `tmekg neo4j load-tier` does
    assert not (tmp_path / "csv").exists()


@pytest.mark.neo4j
def test_neo4j_own_label_apart_from_tmekg(neo4j_driver: Driver, mini_kg: KnowledgeGraph, tier: Tier) -> None:
    from tmekg.backends.neo4j import load, wipe_tmekg

    load(neo4j_driver, mini_kg)
    assert load_tier(neo4j_driver, tier) == len(tier.pairs)
    assert load_tier(neo4j_driver, tier) == len(tier.pairs)  # idempotent
    with neo4j_driver.session() as session:
        count = session.run("MATCH (p:ImportedPair:TmekgImported) WHERE NOT p:Tmekg RETURN count(p) AS n").single()
        assert count is not None
        assert count["n"] == len(tier.pairs)
        linked = session.run(
            "MATCH (p:ImportedPair {id: 'imported:liana:CD274>PDCD1'})-[:IMPORTED_LIGAND]->(m:Molecule) "
            "RETURN m.id AS id"
        ).value("id")
        assert linked == ["HGNC:17635"]
        props = session.run("MATCH (p:ImportedPair) RETURN keys(p) AS k LIMIT 1").single()
        assert props is not None
        assert "effect" not in props["k"]
        assert "tumor_outcome" not in props["k"]
    wipe_tmekg(neo4j_driver)
    with neo4j_driver.session() as session:
        left = session.run("MATCH (p:ImportedPair) RETURN count(p) AS n").single()
        assert left is not None
        assert left["n"] == len(tier.pairs)  # a curated wipe leaves the tier
    assert wipe_tier(neo4j_driver, "liana") == len(tier.pairs)


def test_tier_terms_are_declared_in_the_ontology(mini_kg: KnowledgeGraph, tier: Tier) -> None:
    from rdflib import Graph, URIRef

    from tmekg.backends.tier_rdf import add_tier
    from tmekg.resources import ontology_path

    declared = set(Graph().parse(ontology_path(), format="turtle").subjects())
    graph = add_tier(Graph(), tier)
    used = {p for p in graph.predicates() if str(p).startswith(VOCAB)}
    used |= {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(VOCAB)}
    assert used <= declared, sorted(used - declared)


@pytest.mark.neo4j
def test_neo4j_load_tier_cli(neo4j_uri: str, neo4j_driver: Driver, tier: Tier, tmp_path: Path) -> None:
    save_tier(tier, tmp_path)
    uri = neo4j_uri
    args = ["neo4j", "load-tier", "--uri", uri, "--tier", str(tmp_path), "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"layers": {"imported:liana": len(tier.pairs)}}
    result = CliRunner().invoke(app, ["neo4j", "load-tier", "--uri", uri, "--tier", str(tmp_path / "none")])
    assert result.exit_code == 2
