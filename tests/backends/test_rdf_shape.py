"""The shape of the RDF view: the ontology is in every graph and file, no IRI is punned, alignments name only
terms the shipped Biolink model knows, direct signed edges are the reasoning's edges, SHACL shapes validate."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from typer.testing import CliRunner

from tmekg.actions import ACTIONS
from tmekg.backends.rdf import TMEKG, VOCAB_IRI, direct_edges, edge_property, iri, select, to_rdf
from tmekg.cli import app
from tmekg.kg import KnowledgeGraph
from tmekg.reasoning.paths import find_paths
from tmekg.reasoning.signed import signed_graph
from tmekg.resources import ontology_path, shapes_path
from tmekg.vocab import Action

BIOLINK = Namespace("https://w3id.org/biolink/vocab/")
OBO = "http://purl.obolibrary.org/obo/"
VOCAB = Namespace(VOCAB_IRI)  # the open namespace: action properties are named after the actions
runner = CliRunner()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def test_ontology_labels_are_queryable_in_every_graph(kg: KnowledgeGraph, tmp_path: Path) -> None:
    query = (
        "PREFIX tmekg: <https://w3id.org/tmekg/vocab#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?l WHERE { tmekg:blocks rdfs:label ?l }"
    )
    for store in ("Oxigraph", "default"):
        assert select(to_rdf(kg, store=store), query) == [{"l": "blocks"}]
    out = tmp_path / "kg.ttl"
    assert runner.invoke(app, ["export", "-f", "ttl", "-o", str(out)]).exit_code == 0
    exported = Graph().parse(out, format="turtle")
    assert [str(o) for o in exported.objects(VOCAB.blocks, RDFS.label)] == ["blocks"]
    result = runner.invoke(app, ["query", "sparql", "--file", str(_write(tmp_path, query)), "--json"])
    assert result.exit_code == 0, result.stderr
    assert [r["l"] for r in json.loads(result.stdout)] == ["blocks"]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_iri_is_punned(ontology: Graph) -> None:
    roles = {
        OWL.Class: "class",
        OWL.ObjectProperty: "property",
        OWL.DatatypeProperty: "property",
        OWL.AnnotationProperty: "annotation",
        TMEKG.Term: "term",
    }
    seen: dict[URIRef, set[str]] = {}
    for kind, role in roles.items():
        for subject in ontology.subjects(RDF.type, kind):
            seen.setdefault(URIRef(subject), set()).add(role)
    punned = {str(s): sorted(r) for s, r in seen.items() if len(r) > 1}
    assert not punned, punned
    assert (TMEKG.ligand, RDF.type, OWL.ObjectProperty) in ontology
    assert (URIRef(VOCAB_IRI + "category_ligand"), RDF.type, TMEKG.Term) in ontology


def test_every_vocabulary_iri_the_view_uses_is_declared_once(kg: KnowledgeGraph, ontology: Graph) -> None:
    declared = set(ontology.subjects(RDF.type, None))
    graph = to_rdf(kg, with_ontology=False)
    used = {p for p in graph.predicates() if str(p).startswith(VOCAB_IRI)}
    used |= {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(VOCAB_IRI)}
    assert used <= declared, sorted(used - declared)


def _biolink() -> dict[str, Any]:
    text = files("biolink_model").joinpath("schema/biolink_model.yaml").read_text(encoding="utf-8")
    model: dict[str, Any] = yaml.safe_load(text)
    return model


def test_alignments_name_terms_the_shipped_biolink_model_has(ontology: Graph) -> None:
    model = _biolink()
    classes = {"".join(w[:1].upper() + w[1:] for w in name.split()) for name in model["classes"]}
    slots = {name.replace(" ", "_") for name in model["slots"]}
    mapped = set(re.findall(r"\b(?:RO|BFO|GO):\d{7}\b", yaml.safe_dump(model)))
    aligned = 0
    for _s, p, o in ontology:
        if p not in (RDFS.subPropertyOf, SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch):
            continue
        text = str(o)
        if text.startswith(str(BIOLINK)):
            local = text.removeprefix(str(BIOLINK))
            assert local in classes or local in slots, f"{text} is not in biolink-model"
            aligned += 1
        elif text.startswith(OBO):
            curie = text.removeprefix(OBO).replace("_", ":")
            assert curie in mapped, f"{curie} is not an id the biolink model maps to"
            aligned += 1
    assert aligned >= 20
    assert (TMEKG.binds, RDFS.subPropertyOf, URIRef(OBO + "RO_0002436")) in ontology
    assert (TMEKG.Complex, SKOS.exactMatch, URIRef(OBO + "GO_0032991")) in ontology


def test_action_properties_follow_the_action_registry(ontology: Graph) -> None:
    for action, spec in ACTIONS.items():
        prop = edge_property(action.value, spec.target_sign if spec.target_sign is not None else 1)
        assert prop == VOCAB[action.value]
        sign = ontology.value(prop, TMEKG.sign)
        assert sign is not None, action
        assert int(sign) == (spec.target_sign if spec.target_sign is not None else 1), action
        assert (prop, RDFS.subPropertyOf, TMEKG.therapyActsOn) in ontology
        term = URIRef(VOCAB_IRI + f"action_{action.value}")
        for node in (prop, term) if spec.reaches_forms else ():
            assert ontology.value(node, TMEKG.reachesForms) == Literal(True), node
        assert (ontology.value(term, TMEKG.drugMade) == Literal(True)) == spec.drug_made, action
        assert (ontology.value(prop, TMEKG.reachesForms) == Literal(True)) == spec.reaches_forms, action
    assert {str(s) for s in ontology.subjects(RDFS.subPropertyOf, TMEKG.therapyActsOn)} == {
        VOCAB_IRI + a.value for a in Action
    }


def test_direct_edges_are_the_signed_reasoning_graph(kg: KnowledgeGraph, ontology: Graph) -> None:
    signed = {(u, e.target, e.predicate, e.sign) for u, edges in signed_graph(kg).out.items() for e in edges}
    direct = {(e.source, e.target, e.key, e.sign) for e in direct_edges(kg) if e.key != "acts_on"}
    assert direct == signed
    graph = to_rdf(kg)
    for u, v, key, sign in list(signed)[:200]:
        prop = edge_property(key, sign)
        assert (iri(u), prop, iri(v)) in graph
        assert int(ontology.value(prop, TMEKG.sign)) == sign  # type: ignore[arg-type]
        assert str(ontology.value(prop, SKOS.notation)) == key


@pytest.mark.parametrize("source", ["pembrolizumab", "PD-L1", "regulatory T cell", "ipilimumab", "blinatumomab"])
def test_signed_paths_query_gives_the_paths_of_tmekg_path(kg: KnowledgeGraph, source: str) -> None:
    """The "done when" of issue 14: the SPARQL twin returns the same paths as ``tmekg path`` (default bounds)."""
    found = find_paths(kg, source, "tumor growth", max_hops=4)
    assert found.paths
    assert not found.truncated
    want = {(" > ".join(p.nodes), " ".join(h.predicate for h in p.hops), p.sign) for p in found.paths}
    result = runner.invoke(
        app,
        ["query", "sparql", "signed_paths", "-p", f"source={source}", "-p", "target=tumor growth",
         "-p", "max_hops=4", "--json", "--ids"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {(r["path"], r["predicates"], r["sign"]) for r in rows} == want
    assert len(rows) == len(want)


def test_the_view_conforms_to_the_shacl_shapes(kg: KnowledgeGraph) -> None:
    pyshacl = pytest.importorskip("pyshacl", reason='pip install -e ".[test]" (pyshacl)')
    shapes = Graph().parse(shapes_path(), format="turtle")
    data = to_rdf(kg, store="default")
    conforms, _graph, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
    assert conforms, text
    # the same shapes catch a broken view: an interaction without its process, an effect of 2, a label twice
    node = next(iter(data.subjects(RDF.type, TMEKG.Interaction)))
    data.remove((node, TMEKG.process, None))
    data.set((node, TMEKG.effect, Literal(2)))
    pdl1 = iri("HGNC:17635")
    data.add((pdl1, RDFS.label, Literal("another label")))
    conforms, report, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
    assert not conforms
    sh = Namespace("http://www.w3.org/ns/shacl#")
    failed = {
        (r.value(v, sh.focusNode), r.value(v, sh.resultPath))
        for r in [report]
        for v in r.subjects(RDF.type, sh.ValidationResult)
    }
    assert {(node, TMEKG.process), (node, TMEKG.effect), (pdl1, RDFS.label)} <= failed
