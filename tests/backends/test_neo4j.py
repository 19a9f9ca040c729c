"""Neo4j backend: pure rows, then loads into a real Neo4j 5.26 server (idempotent, restartable, scoped to
``:Tmekg``), parity with the RDF view, the neo4j-admin CSV export (LOAD CSV and the real import tool), the CLI."""

from __future__ import annotations

import csv
import inspect
import json
import os
import re
import shlex
import shutil
import subprocess
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from neo4j import Driver, GraphDatabase, Neo4jDriver
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS
from typer.testing import CliRunner

import tmekg
from tests.conftest import MINI_SEED
from tests.neo4j_server import START_SCRIPT, Neo4jServer, _free_port, _OutputReader, _stop, _unavailable
from tmekg.actions import ACTIONS
from tmekg.backends.neo4j import (
    DEFAULT_BATCH_SIZE,
    graph_counts,
    load,
    query_parameters,
    run_named,
    run_query,
    wipe_tmekg,
)
from tmekg.backends.neo4j_rows import (
    ACTION_TYPE,
    KIND_LABEL,
    NODE_PROPERTIES,
    EdgeGroup,
    NodeLabel,
    RelType,
    constraint_statements,
    edge_rows,
    interaction_name,
    node_name,
    node_rows,
)
from tmekg.backends.nx import to_networkx
from tmekg.backends.rdf import TMEKG, VOCAB_IRI, to_rdf
from tmekg.cli.neo4j_cmd import PASSWORD_ENV, _driver, cypher_command, neo4j_app
from tmekg.errors import InputError, NotFoundError
from tmekg.export.neo4j_csv import write_neo4j_csv
from tmekg.kg import KnowledgeGraph
from tmekg.model import Interaction
from tmekg.reasoning.paths import find_paths
from tmekg.reasoning.signed import signed_graph
from tmekg.vocab import TUMOR_GROWTH, Action, EntityKind, MoleculeType

neo4j = pytest.mark.neo4j
LIB = START_SCRIPT.parent / "lib"
SECRET = "pw-" + uuid.uuid4().hex


def _no_secret(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text


# -- helpers ----------------------------------------------------------------------------------------------------


def expected_counts(kg: KnowledgeGraph) -> tuple[dict[str, int], dict[str, int]]:
    """Nodes per label and relationships per type, counted straight from the records (not from the rows)."""
    types = Counter(m.molecule_type for m in kg.molecules)
    nodes = {
        "CellType": len(kg.cell_types),
        "Molecule": len(kg.molecules),
        "Protein": types[MoleculeType.PROTEIN],
        "Complex": types[MoleculeType.COMPLEX],
        "Metabolite": types[MoleculeType.METABOLITE],
        "Form": types[MoleculeType.FORM],
        "Process": len(kg.processes),
        "Therapy": len(kg.therapies),
        "Cancer": len(kg.cancers),
        "Reference": len(kg.references),
        "Interaction": len(kg.interactions),
        "Trial": len(kg.trials),
        "Function": len(kg.functions),
    }
    nodes["Tmekg"] = sum(nodes[k] for k in nodes if k not in ("Protein", "Complex", "Metabolite", "Form"))
    inters = kg.interactions
    rels = {
        "SOURCE": sum(1 for i in inters if i.source),
        "LIGAND": sum(1 for i in inters if i.ligand),
        "RECEPTOR": sum(1 for i in inters if i.receptor),
        "MEDIATOR": sum(len(i.mediators) for i in inters),
        "TARGET": sum(1 for i in inters if i.target),
        "PROCESS": len(inters),
        "CONTEXT": sum(len(i.contexts) for i in inters),
        "EVIDENCE": sum(len(i.evidence) for i in inters),
        "HAS_SUBUNIT": sum(len(m.subunits) for m in kg.molecules),
        "FORM_OF": sum(1 for m in kg.molecules if m.form_of),
        "MADE_BY": sum(len(m.made_by) for m in kg.molecules),
        "BROADER": sum(len(c.broader) for c in kg.cancers)
        + sum(1 for c in kg.cell_types if c.broader and kg.has(c.broader)),
        "REQUIRES": len(kg.requirements),
        "EXPERIMENTAL_ARM": sum(len(t.experimental) for t in kg.trials),
        "COMPARATOR_ARM": sum(len(t.comparator) for t in kg.trials),
        "STUDIES": sum(len(t.cancers) for t in kg.trials),
        "REPORTED_IN": sum(len(t.publications) for t in kg.trials),
        "HIJACKS": sum(1 for i in kg.interactions if i.hijacked_function),
    }
    rels.update(Counter(a.action.value.upper() for a in kg.therapy_actions))
    # the direct edges: those of the reasoning's signed graph, plus the unsigned ACTS_ON of the NetworkX view
    reasoning = Counter(e.predicate for edges in signed_graph(kg).out.values() for e in edges)
    polarities = Counter(p.polarity for p in kg.processes if p.id != TUMOR_GROWTH) if kg.has(TUMOR_GROWTH) else {}
    rels.update(
        SENDS=reasoning["produces"],
        BINDS=reasoning["binds"],
        INCREASES=reasoning["increases"],
        DECREASES=reasoning["decreases"],
        MAKES=reasoning["makes"],
        ACTS_ON=sum(1 for _, _, key in to_networkx(kg).edges(keys=True) if key == "acts_on"),
        PROMOTES=polarities.get(1, 0),
        RESTRAINS=polarities.get(-1, 0),
    )
    driven = {(a.therapy, a.process, a.action) for a in kg.therapy_actions if a.process}  # drug-made: to the process
    for _, _, action in driven:
        rels[action.value.upper()] += 1
    return {k: v for k, v in nodes.items() if v}, {k: v for k, v in rels.items() if v}


Snapshot = tuple[dict[str, tuple[tuple[str, ...], dict[str, Any]]], list[tuple[str, str, str, str]]]


def snapshot(driver: Driver) -> Snapshot:
    """Every ``:Tmekg`` node (labels, properties) and every relationship between them (with properties)."""
    records, _, _ = driver.execute_query("MATCH (n:Tmekg) RETURN n.id AS id, labels(n) AS labels, properties(n) AS p")
    nodes = {r["id"]: (tuple(sorted(r["labels"])), dict(r["p"])) for r in records}
    assert len(nodes) == len(records), "node ids are unique"
    records, _, _ = driver.execute_query(
        "MATCH (a:Tmekg)-[r]->(b:Tmekg) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p"
    )
    rels = sorted((r["a"], r["t"], r["b"], json.dumps(r["p"], sort_keys=True)) for r in records)
    return nodes, rels


def count(driver: Driver, query: str) -> int:
    records, _, _ = driver.execute_query(query)
    return int(records[0][0])


@pytest.fixture(scope="module")
def shipped() -> KnowledgeGraph:
    return tmekg.load()


@pytest.fixture(scope="module")
def mini() -> KnowledgeGraph:
    return tmekg.load(MINI_SEED)


# -- pure rows --------------------------------------------------------------------------------------------------


def test_node_rows_of_the_mini_seed(mini: KnowledgeGraph) -> None:
    rows = node_rows(mini)
    by_name = {group.name: group for group in rows}
    assert by_name["Protein"].labels == (NodeLabel.TMEKG, NodeLabel.MOLECULE, NodeLabel.PROTEIN)
    assert by_name["CellType"].labels == (NodeLabel.TMEKG, NodeLabel.CELL_TYPE)
    pdl1 = next(r for r in rows[by_name["Protein"]] if r["id"] == "HGNC:17635")
    assert pdl1 == {
        "id": "HGNC:17635",
        "name": "PD-L1",
        "label": "PD-L1",
        "synonyms": ["B7-H1", "PDL1"],
        "description": "Checkpoint ligand of PD-1.",
        "symbol": "CD274",
        "uniprot": "Q9NZQ7",
        "molecule_type": "protein",
        "categories": ["ligand", "checkpoint"],
    }
    melanoma = rows[by_name["Cancer"]][0]
    assert melanoma == {"id": "MONDO:0005105", "name": "melanoma", "label": "melanoma"}, "empty values are left out"
    inter = next(r for r in rows[by_name["Interaction"]] if r["id"] == "tmekg:i_pdl1_pd1")
    assert inter["effect"] == -1
    assert inter["cic_step"] == 7
    assert inter["species"] == ["human", "mouse"]
    assert inter["evidence"] == ["PMID:11015443"]
    assert not {"source", "contexts"} & set(inter), "participants are relationships, not properties"
    assert inter["name"] == "PD-L1 → PD-1 ↓ T cell cytotoxicity"
    assert all("broader" not in row for row in rows[by_name["CellType"]]), "a parent is a BROADER relationship"
    for group, group_rows in rows.items():
        assert [r["id"] for r in group_rows] == sorted(r["id"] for r in group_rows)
        for row in group_rows:
            assert set(row) <= set(NODE_PROPERTIES[group.label])
            assert all(v not in (None, "", []) for v in row.values())


@pytest.mark.parametrize("which", ["mini", "shipped"])
def test_rows_match_the_records(which: str, request: pytest.FixtureRequest) -> None:
    kg: KnowledgeGraph = request.getfixturevalue(which)
    nodes, rels = expected_counts(kg)
    node_counts: Counter[str] = Counter()
    for group, rows in node_rows(kg).items():
        for label in group.labels:
            node_counts[label.value] += len(rows)
    assert dict(node_counts) == nodes
    rel_counts: Counter[str] = Counter()
    for edge_group, rows in edge_rows(kg).items():
        rel_counts[edge_group.type.value] += len(rows)
    assert dict(rel_counts) == rels


def test_edge_rows_of_the_mini_seed(mini: KnowledgeGraph) -> None:
    rows = edge_rows(mini)
    blocks = rows[EdgeGroup(RelType.BLOCKS, NodeLabel.THERAPY, NodeLabel.MOLECULE)]
    assert blocks == [
        {
            "start": "DRUGBANK:DB09037",
            "end": "HGNC:8760",
            "props": {
                "evidence": ["PMID:11015443"],
                "evidence_level": "review",
                "sign": -1,
                "weight": 0.5,
                "severs": ["LIGAND", "RECEPTOR"],
                "reaches_forms": True,
            },
        }
    ]
    source = rows[EdgeGroup(RelType.SOURCE, NodeLabel.INTERACTION, NodeLabel.CELL_TYPE)]
    assert {"start": "tmekg:i_pdl1_pd1", "end": "CL:0001064", "props": {}} in source
    for group in rows:
        if group.type in ACTION_TYPE.values():
            assert group.start is NodeLabel.THERAPY
        elif group.type in (RelType.HAS_SUBUNIT, RelType.FORM_OF, RelType.MADE_BY):
            assert (group.start, group.end) == (NodeLabel.MOLECULE, NodeLabel.MOLECULE)
        elif group.type is RelType.BROADER:
            assert group.start == group.end
        elif group.type is RelType.REQUIRES:
            assert group.start in (NodeLabel.MOLECULE, NodeLabel.CELL_TYPE)
        elif group.type in (RelType.EXPERIMENTAL_ARM, RelType.COMPARATOR_ARM, RelType.STUDIES, RelType.REPORTED_IN):
            assert group.start is NodeLabel.TRIAL
        elif group.type in (RelType.SENDS, RelType.ACTS_ON):
            assert group.start in (NodeLabel.CELL_TYPE, NodeLabel.MOLECULE)
        elif group.type in (RelType.BINDS, RelType.MAKES):
            assert (group.start, group.end) == (NodeLabel.MOLECULE, NodeLabel.MOLECULE)
        elif group.type in (RelType.INCREASES, RelType.DECREASES):
            assert group.end is NodeLabel.PROCESS
        elif group.type in (RelType.PROMOTES, RelType.RESTRAINS):
            assert (group.start, group.end) == (NodeLabel.PROCESS, NodeLabel.PROCESS)
        else:
            assert group.start is NodeLabel.INTERACTION


#: The edge key of ``tmekg path`` that each direct relationship type stores (therapy actions: the action's value).
EDGE_KEY = {
    "SENDS": "produces",
    "BINDS": "binds",
    "INCREASES": "increases",
    "DECREASES": "decreases",
    "MAKES": "makes",
    "PROMOTES": "polarity",
    "RESTRAINS": "polarity",
}


@pytest.mark.parametrize("which", ["mini", "shipped"])
def test_direct_relationships_are_the_reasoning_edges(which: str, request: pytest.FixtureRequest) -> None:
    """Every signed edge the path search walks is one relationship with the same sign and weight (a subunit's
    ``part_of`` and a form's ``has_form`` are HAS_SUBUNIT and FORM_OF read backwards), and nothing more."""
    kg: KnowledgeGraph = request.getfixturevalue(which)
    actions = {t.value for t in ACTION_TYPE.values()}
    stored = set()
    for group, rows in edge_rows(kg).items():
        for row in rows:
            props, rel = row["props"], group.type.value
            if rel in EDGE_KEY or (rel in actions and "sign" in props):
                key = EDGE_KEY.get(rel, rel.lower())
                stored.add((row["start"], row["end"], key, props["sign"], props["weight"]))
            elif rel == "HAS_SUBUNIT":
                stored.add((row["end"], row["start"], "part_of", 1, 1.0))
            elif rel == "FORM_OF":
                stored.add((row["end"], row["start"], "has_form", 1, 1.0))
    walked = {
        (source, e.target, e.predicate, e.sign, e.weight)
        for source, edges in signed_graph(kg).out.items()
        for e in edges
    }
    assert stored == walked
    assert {key for _, _, key, _, _ in walked} >= {"produces", "binds", "polarity"}


def test_interaction_derived_relationships_name_their_interactions(shipped: KnowledgeGraph) -> None:
    """SENDS, BINDS, INCREASES and DECREASES list the interactions behind them and their references; ACTS_ON
    says which interactions reach the receiving cell."""
    by_id = {i.id: i for i in shipped.interactions}
    rows = edge_rows(shipped)
    seen = Counter[str]()
    for group, group_rows in rows.items():
        if group.type not in (RelType.SENDS, RelType.BINDS, RelType.INCREASES, RelType.DECREASES, RelType.ACTS_ON):
            continue
        for row in group_rows:
            inters = [by_id[i] for i in row["props"]["interactions"]]
            seen[group.type.value] += 1
            if group.type is RelType.ACTS_ON:
                assert all(i.target == row["end"] for i in inters)
            else:
                assert set(row["props"]["evidence"]) == {ref for i in inters for ref in i.evidence}
            if group.type is RelType.BINDS:
                assert all((i.ligand, i.receptor) == (row["start"], row["end"]) for i in inters)
            if group.type in (RelType.INCREASES, RelType.DECREASES):
                assert all(i.process == row["end"] for i in inters)
    assert set(seen) == {"SENDS", "BINDS", "INCREASES", "DECREASES", "ACTS_ON"}


def test_every_node_has_a_name(shipped: KnowledgeGraph) -> None:
    """A caption for Neo4j Browser and Bloom: the label of an entity or function, first author and year of a
    reference, a trial's name, an interaction's signal, direction and process."""
    for group, rows in node_rows(shipped).items():
        for row in rows:
            assert isinstance(row.get("name"), str), row["id"]
            assert row["name"].strip(), row["id"]
            if group.label in (NodeLabel.CELL_TYPE, NodeLabel.MOLECULE, NodeLabel.PROCESS, NodeLabel.FUNCTION):
                assert row["name"] == row["label"]
    inter = shipped.interaction("tmekg:i_pdl1_pd1_tam_cd8")
    assert interaction_name(shipped, inter) == "PD-L1 → PD-1 ↓ CD8 T cell effector function"
    reference = shipped.references[0]
    assert node_name(shipped, reference) == f"{reference.authors} {reference.year}"


def test_actions_say_what_they_reach(shipped: KnowledgeGraph) -> None:
    """An action relationship carries the roles it severs or strengthens (for its target's kind) and whether it
    reaches forms, from the action registry, so queries need no list of actions."""
    checked = set()
    for group, rows in edge_rows(shipped).items():
        if group.type not in ACTION_TYPE.values() or group.end is NodeLabel.PROCESS:
            continue
        action = Action(group.type.value.lower())
        kind = EntityKind.CELL_TYPE if group.end is NodeLabel.CELL_TYPE else EntityKind.MOLECULE
        for row in rows:
            props = row["props"]
            assert props.get("severs", []) == [r.value.upper() for r in ACTIONS[action].severs.get(kind, ())]
            assert props.get("strengthens", []) == [r.value.upper() for r in ACTIONS[action].strengthens.get(kind, ())]
            assert props.get("reaches_forms", False) is ACTIONS[action].reaches_forms
            assert ("sign" in props) is (ACTIONS[action].target_sign is not None)
            checked.add(action)
    assert {Action.BLOCKS, Action.DEPLETES, Action.AGONIZES, Action.REDIRECTS} <= checked


def test_the_vocabulary_is_closed() -> None:
    assert set(ACTION_TYPE) == set(Action)
    assert {t.value for t in ACTION_TYPE.values()} == {a.value.upper() for a in Action}
    assert set(KIND_LABEL) == set(EntityKind)
    for name in [*NodeLabel, *RelType]:
        assert re.fullmatch(r"[A-Za-z][A-Za-z_]*", name.value)
    statements = constraint_statements()
    assert len(statements) == len(NodeLabel)
    assert all("IF NOT EXISTS" in s and "REQUIRE n.id IS UNIQUE" in s for s in statements)


def test_dangling_ids_are_refused(mini: KnowledgeGraph) -> None:
    bad = mini.interactions[0].model_copy(update={"process": "tmekg:nowhere"})
    graph = KnowledgeGraph(
        cell_types=mini.cell_types,
        molecules=mini.molecules,
        processes=mini.processes,
        references=mini.references,
        interactions=(bad,),
    )
    with pytest.raises(InputError, match="tmekg:nowhere"):
        edge_rows(graph)


def test_query_parameters() -> None:
    text = "// title: x\n// param: cell (cell_type) — a $fake in a comment\nMATCH (n {id: $cell}) RETURN n LIMIT $k"
    assert query_parameters(text) == {"cell", "k"}


def test_run_named_checks_name_and_parameters(tmp_path: Path) -> None:
    (tmp_path / "cypher").mkdir()
    (tmp_path / "cypher" / "by_id.cypher").write_text("// title: by id\nMATCH (n:Tmekg {id: $id}) RETURN n.id AS id\n")
    with pytest.raises(InputError, match="lower-case"):
        run_named(None, "../etc/passwd", directory=tmp_path)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError, match="known: by_id"):
        run_named(None, "nope", directory=tmp_path)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"\$id"):
        run_named(None, "by_id", {}, directory=tmp_path)  # type: ignore[arg-type]


# -- CSV export (pure) -------------------------------------------------------------------------------------------


def test_csv_export_files(mini: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    written = write_neo4j_csv(mini, out)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in written)
    assert "README.md" in names
    assert "nodes_Protein.csv" in names
    assert "relationships_BLOCKS.csv" in names
    with (out / "nodes_Therapy.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [
        "id:ID",
        ":LABEL",
        "name",
        "label",
        "synonyms:string[]",
        "description",
        "modality",
        "status",
        "approval_year:int",
    ]
    assert rows[1][:2] == ["DRUGBANK:DB09037", "Tmekg;Therapy"]
    assert rows[1][-1] == "2014"
    with (out / "nodes_Protein.csv").open(newline="") as handle:
        pdl1 = next(r for r in csv.DictReader(handle) if r["id:ID"] == "HGNC:17635")
    assert pdl1["synonyms:string[]"] == "B7-H1;PDL1"
    assert pdl1[":LABEL"] == "Tmekg;Molecule;Protein"
    with (out / "relationships_BLOCKS.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        [
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "evidence:string[]",
            "evidence_level",
            "note",
            "effector:string[]",
            "process",
            "sign:int",
            "weight:double",
            "severs:string[]",
            "strengthens:string[]",
            "reaches_forms:boolean",
        ],
        [
            "DRUGBANK:DB09037",
            "HGNC:8760",
            "BLOCKS",
            "PMID:11015443",
            "review",
            "",
            "",
            "",
            "-1",
            "0.5",
            "LIGAND;RECEPTOR",
            "",
            "true",
        ],
    ]
    with (out / "relationships_SENDS.csv").open(newline="") as handle:
        sends = list(csv.DictReader(handle))
    assert {"sign:int": "1", "interactions:string[]": "tmekg:i_pdl1_pd1"}.items() <= sends[0].items()
    readme = (out / "README.md").read_text()
    assert "neo4j-admin database import full" in readme
    assert "--nodes=nodes_Protein.csv" in readme


def test_csv_export_replaces_only_a_previous_export(mini: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    write_neo4j_csv(mini, out)
    smaller = KnowledgeGraph(cell_types=mini.cell_types)
    write_neo4j_csv(smaller, out)
    assert not (out / "nodes_Protein.csv").exists(), "a rerun replaces the whole export"
    (out / "notes.txt").write_text("mine")  # a file tmekg did not write: the export is no longer only tmekg's
    with pytest.raises(InputError, match="tmekg did not write"):
        write_neo4j_csv(mini, out)
    assert (out / "notes.txt").read_text() == "mine"
    other = tmp_path / "home"
    other.mkdir()
    (other / "thesis.tex").write_text("keep me")
    with pytest.raises(InputError, match="directory tmekg did not write"):
        write_neo4j_csv(mini, other)
    assert (other / "thesis.tex").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "home"], "no temporary directory left"


def test_csv_export_failure_keeps_the_previous_export(
    mini: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "csv"
    write_neo4j_csv(mini, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tmekg.atomic._create_file", broken)
    with pytest.raises(InputError, match="No space left on device"):
        write_neo4j_csv(mini, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv"]


def test_csv_export_refuses_the_array_delimiter_inside_an_item(mini: KnowledgeGraph, tmp_path: Path) -> None:
    cell = mini.cell_types[0].model_copy(update={"synonyms": ("a;b",)})
    with pytest.raises(InputError, match="array delimiter"):
        write_neo4j_csv(KnowledgeGraph(cell_types=(cell,)), tmp_path / "csv")
    assert list(tmp_path.iterdir()) == []


# -- loads into a real server ------------------------------------------------------------------------------------


def expected_snapshot(kg: KnowledgeGraph) -> Snapshot:
    nodes = {
        row["id"]: (tuple(sorted(label.value for label in group.labels)), row)
        for group, rows in node_rows(kg).items()
        for row in rows
    }
    rels = sorted(
        (row["start"], group.type.value, row["end"], json.dumps(row["props"], sort_keys=True))
        for group, rows in edge_rows(kg).items()
        for row in rows
    )
    return nodes, rels


@neo4j
@pytest.mark.parametrize("which", ["mini", "shipped"])
def test_load_counts_and_properties(neo4j_driver: Driver, which: str, request: pytest.FixtureRequest) -> None:
    kg: KnowledgeGraph = request.getfixturevalue(which)
    nodes, rels = expected_counts(kg)
    summary = load(neo4j_driver, kg)
    counts = graph_counts(neo4j_driver)
    assert counts.nodes == nodes
    assert counts.relationships == rels
    assert count(neo4j_driver, "MATCH (n) RETURN count(n)") == nodes["Tmekg"]
    assert summary.nodes_created == nodes["Tmekg"]
    assert summary.relationships_created == sum(rels.values())
    assert summary.constraints_added == len(NodeLabel)
    assert sum(summary.nodes.values()) == nodes["Tmekg"]
    assert summary.relationships == rels
    assert snapshot(neo4j_driver) == expected_snapshot(kg)


@neo4j
def test_second_load_changes_nothing(neo4j_driver: Driver, shipped: KnowledgeGraph) -> None:
    load(neo4j_driver, shipped, batch_size=7)
    first = snapshot(neo4j_driver)
    again = load(neo4j_driver, shipped, batch_size=7)
    assert snapshot(neo4j_driver) == first
    assert (again.nodes_created, again.relationships_created, again.labels_added, again.constraints_added) == (
        0,
        0,
        0,
        0,
    )
    constraints, _, _ = neo4j_driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN count(*) AS c")
    assert constraints[0]["c"] == len(NodeLabel)


@neo4j
def test_rerun_removes_stale_properties(neo4j_driver: Driver, mini: KnowledgeGraph) -> None:
    load(neo4j_driver, mini)
    neo4j_driver.execute_query("MATCH (n:Interaction {id: $id}) SET n.stale = 1, n.effect = 99", id="tmekg:i_pdl1_pd1")
    load(neo4j_driver, mini)
    assert snapshot(neo4j_driver) == expected_snapshot(mini)


class Interrupt(Exception):
    pass


@neo4j
@pytest.mark.parametrize(("stage", "after"), [("nodes", 3), ("relationships", 5)])
def test_interrupted_load_then_rerun_is_complete(
    neo4j_driver: Driver, shipped: KnowledgeGraph, stage: str, after: int
) -> None:
    calls = Counter[str]()

    def progress(current: str, done: int, total: int) -> None:
        calls[current] += 1
        if current == stage and calls[current] == after:
            raise Interrupt

    with pytest.raises(Interrupt):
        load(neo4j_driver, shipped, batch_size=4, progress=progress)
    partial = graph_counts(neo4j_driver)
    nodes, rels = expected_counts(shipped)
    if stage == "nodes":
        assert 0 < partial.nodes["Tmekg"] < nodes["Tmekg"]
        assert not partial.relationships
    else:
        assert partial.nodes == nodes
        assert 0 < sum(partial.relationships.values()) < sum(rels.values())
    load(neo4j_driver, shipped, batch_size=50)
    assert snapshot(neo4j_driver) == expected_snapshot(shipped)


@neo4j
def test_other_data_is_left_alone_also_by_wipe(neo4j_driver: Driver, mini: KnowledgeGraph) -> None:
    neo4j_driver.execute_query(
        "CREATE (a:Other {id: 'CL:0000625', name: 'same id, not tmekg'})-[:LIKES {since: 2020}]->(b:Other {id: 'x'})"
    )

    def others() -> list[Any]:
        records, _, _ = neo4j_driver.execute_query(
            "MATCH (n:Other) OPTIONAL MATCH (n)-[r]->(m) "
            "RETURN labels(n) AS l, properties(n) AS p, type(r) AS t, properties(r) AS rp ORDER BY n.id"
        )
        return [r.data() for r in records]

    before = others()
    load(neo4j_driver, mini)
    assert others() == before
    neo4j_driver.execute_query("CREATE (:Tmekg:Interaction {id: 'tmekg:i_stale'})")
    summary = load(neo4j_driver, mini, wipe=True, batch_size=2)
    assert summary.nodes_deleted == expected_counts(mini)[0]["Tmekg"] + 1
    assert others() == before
    assert count(neo4j_driver, "MATCH (n) WHERE NOT n:Tmekg RETURN count(n)") == 2
    assert snapshot(neo4j_driver) == expected_snapshot(mini), "the stale node is gone"


@neo4j
def test_create_and_merge_give_the_same_graph(neo4j_driver: Driver, shipped: KnowledgeGraph) -> None:
    """A database without tmekg nodes is loaded with CREATE (fast), one that holds some with MERGE: same graph."""
    first = load(neo4j_driver, shipped)
    assert first.mode == "create"
    created = snapshot(neo4j_driver)
    assert created == expected_snapshot(shipped)
    wipe_tmekg(neo4j_driver)
    neo4j_driver.execute_query("CREATE (:Tmekg:Therapy {id: $id})", id=shipped.therapies[0].id)
    merged = load(neo4j_driver, shipped, batch_size=100)
    assert merged.mode == "merge"
    assert snapshot(neo4j_driver) == created
    assert merged.nodes_created == first.nodes_created - 1
    assert merged.relationships_created == first.relationships_created


def _ids(graph: Graph, node: Any) -> str:
    value = graph.value(node, DCTERMS.identifier)
    assert value is not None, node
    return str(value)


@neo4j
def test_same_graph_as_the_rdf_view(neo4j_driver: Driver, shipped: KnowledgeGraph) -> None:
    load(neo4j_driver, shipped)
    graph = to_rdf(shipped)
    entity_classes = [TMEKG.CellType, TMEKG.Protein, TMEKG.Complex, TMEKG.Metabolite, TMEKG.Form, TMEKG.Process]
    entity_classes += [TMEKG.Therapy, TMEKG.Cancer]
    rdf_entities = {_ids(graph, s) for c in entity_classes for s in graph.subjects(RDF.type, c)}
    rdf_interactions = {_ids(graph, s) for s in graph.subjects(RDF.type, TMEKG.Interaction)}
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (n:Tmekg) WHERE NOT n:Interaction AND NOT n:Reference AND NOT n:Trial AND NOT n:Function "
        "RETURN collect(n.id) AS ids"
    )
    assert set(records[0]["ids"]) == rdf_entities

    def one(node: Any, prop: URIRef) -> str | None:
        value = graph.value(node, prop)
        return _ids(graph, value) if value is not None else None

    rdf_view = {}
    for node in graph.subjects(RDF.type, TMEKG.Interaction):
        rdf_view[_ids(graph, node)] = {
            "source": one(node, TMEKG.source),
            "ligand": one(node, TMEKG.ligand),
            "receptor": one(node, TMEKG.receptor),
            "mediators": sorted(_ids(graph, m) for m in graph.objects(node, TMEKG.mediator)),
            "target": one(node, TMEKG.target),
            "process": one(node, TMEKG.process),
            "effect": int(graph.value(node, TMEKG.effect)),  # type: ignore[arg-type]
            "tumor_outcome": str(graph.value(node, TMEKG.tumorOutcome)).removeprefix(VOCAB_IRI),
        }
    records, _, _ = neo4j_driver.execute_query(
        """
        MATCH (i:Interaction)
        OPTIONAL MATCH (i)-[:SOURCE]->(s) OPTIONAL MATCH (i)-[:LIGAND]->(l) OPTIONAL MATCH (i)-[:RECEPTOR]->(r)
        OPTIONAL MATCH (i)-[:TARGET]->(t) OPTIONAL MATCH (i)-[:PROCESS]->(p)
        CALL (i) { OPTIONAL MATCH (i)-[:MEDIATOR]->(m) RETURN collect(m.id) AS mediators }
        RETURN i.id AS id, s.id AS source, l.id AS ligand, r.id AS receptor, mediators, t.id AS target,
               p.id AS process, i.effect AS effect, i.tumor_outcome AS tumor_outcome
        """
    )
    neo4j_view = {r["id"]: {**r.data(), "mediators": sorted(r["mediators"])} for r in records}
    for view in neo4j_view.values():
        del view["id"]
    assert set(neo4j_view) == rdf_interactions == {i.id for i in shipped.interactions}
    assert neo4j_view == rdf_view


# -- the CSV export, loaded for real -----------------------------------------------------------------------------


def _load_csv_query(path: str, header: list[str]) -> str:
    """A generic LOAD CSV of one neo4j-admin file: typed headers become conversions (test-side parser)."""

    def value(column: str) -> str:
        name, _, kind = column.partition(":")
        cell = f"row[{json.dumps(column)}]"
        if kind == "int":
            return f"{name}: toInteger({cell})"
        if kind == "double":
            return f"{name}: toFloat({cell})"
        if kind == "string[]":
            return f"{name}: split({cell}, ';')"
        if kind == "boolean":
            return f"{name}: toBoolean({cell})"
        return f"{name}: {cell}"

    if header[0] == "id:ID":
        props = ", ".join(["id: row['id:ID']", *(value(c) for c in header[2:])])
        return (
            f"LOAD CSV WITH HEADERS FROM 'file:///{path}' AS row "
            f"CREATE (n:$(split(row[':LABEL'], ';'))) SET n = {{{props}}}"
        )
    props = ", ".join(value(c) for c in header[3:])
    return (
        f"LOAD CSV WITH HEADERS FROM 'file:///{path}' AS row "
        "MATCH (a:Tmekg {id: row[':START_ID']}) MATCH (b:Tmekg {id: row[':END_ID']}) "
        f"CREATE (a)-[r:$(row[':TYPE'])]->(b) SET r = {{{props}}}"
    )


@neo4j
def test_csv_export_loads_into_the_same_graph(
    neo4j_driver: Driver, neo4j_import_dir: Path, shipped: KnowledgeGraph
) -> None:
    load(neo4j_driver, shipped)
    by_driver = snapshot(neo4j_driver)
    counts_by_driver = graph_counts(neo4j_driver)
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    sub = f"csv-{uuid.uuid4().hex}"
    files = write_neo4j_csv(shipped, neo4j_import_dir / sub)
    neo4j_driver.execute_query("CREATE INDEX tmp_tmekg_id IF NOT EXISTS FOR (n:Tmekg) ON (n.id)")
    for path in sorted(p for p in files if p.suffix == ".csv"):  # nodes_* sort before relationships_*
        with path.open(newline="") as handle:
            header = next(csv.reader(handle))
        neo4j_driver.execute_query(_load_csv_query(f"{sub}/{path.name}", header))
    assert graph_counts(neo4j_driver) == counts_by_driver
    assert snapshot(neo4j_driver) == by_driver


def _launch(home: Path, env: dict[str, str]) -> Iterator[str]:
    """Start tools/neo4j-test-server/start.sh on ``home``; yield the Bolt URI; stop it."""
    proc = subprocess.Popen(
        ["bash", str(START_SCRIPT), str(home), str(_free_port())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NEO4J_TEST_STOP_ON_STDIN_EOF": "1", **env},
        start_new_session=True,
    )
    reader = _OutputReader(proc)
    reader.start()
    try:
        if not reader.ready.wait(300) or reader.uri is None:
            pytest.fail(f"second Neo4j server did not start:\n{reader.tail_text()}")
        yield reader.uri
    finally:
        _stop(proc)
        reader.join(timeout=5)


@dataclass(frozen=True)
class SecondServer:
    uri: str
    imported: Snapshot


@pytest.fixture(scope="module")
def second_server(shipped: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecondServer]:
    """A second server, auth on (user neo4j, password SECRET), whose database was made from the neo4j-csv export
    of the shipped seed by the exact command of the export's README (real import tool); ``imported`` is its graph
    as found at start."""
    if shutil.which("java") is None or not any(LIB.glob("neo4j-import-tool-*.jar")):
        _unavailable("needs java and the fetched jars of tools/neo4j-test-server (tools/neo4j-test-server/fetch.sh)")
    base = tmp_path_factory.mktemp("second-server")
    out = base / "csv"
    write_neo4j_csv(shipped, out)
    command = re.search(r"```bash\n(.*?)\n```", (out / "README.md").read_text(), re.S)
    assert command is not None
    argv = shlex.split(command.group(1).replace("\\\n", " "))
    assert argv[:4] == ["neo4j-admin", "database", "import", "full"]
    home = base / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("")
    java = ["java", "-Xmx512m", "-cp", f"{LIB}/*", "org.neo4j.cli.AdminTool"]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    done = subprocess.run([*java, *argv[1:]], cwd=out, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "IMPORT DONE" in done.stdout
    for uri in _launch(home, {"NEO4J_TEST_PASSWORD": SECRET, "NEO4J_TEST_HEAP": "512m"}):
        with GraphDatabase.driver(uri, auth=("neo4j", SECRET)) as driver:
            imported = snapshot(driver)
        yield SecondServer(uri, imported)


@neo4j
def test_neo4j_admin_import_with_the_readme_command(
    neo4j_driver: Driver, shipped: KnowledgeGraph, second_server: SecondServer
) -> None:
    """The README's neo4j-admin command on the export gives the graph a driver load gives."""
    load(neo4j_driver, shipped)
    assert second_server.imported == snapshot(neo4j_driver)


# -- CLI ---------------------------------------------------------------------------------------------------------


def cli() -> typer.Typer:
    app = typer.Typer()
    app.add_typer(neo4j_app, name="neo4j")
    query = typer.Typer()
    query.command("cypher")(cypher_command)
    app.add_typer(query, name="query")
    return app


runner = CliRunner()


def invoke(*args: str | Path, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(cli(), [str(a) for a in args], input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def no_env_auth(monkeypatch: pytest.MonkeyPatch, neo4j_server: Neo4jServer) -> None:
    """CLI runs against the fixture's server with its credentials (none for the server started here)."""
    monkeypatch.delenv("TMEKG_NEO4J_URI", raising=False)
    if neo4j_server.auth is None:
        monkeypatch.delenv(PASSWORD_ENV, raising=False)
        monkeypatch.delenv("TMEKG_NEO4J_USER", raising=False)


@neo4j
@pytest.mark.usefixtures("no_env_auth")
def test_cli_load(neo4j_driver: Driver, neo4j_uri: str, mini: KnowledgeGraph) -> None:
    code, out, err = invoke("neo4j", "load", "--uri", neo4j_uri, "--seed", MINI_SEED, "--batch-size", "2")
    assert code == 0, err
    assert ":Protein nodes" in out
    assert "relationships created" in out
    assert snapshot(neo4j_driver) == expected_snapshot(mini)
    code, out, err = invoke("neo4j", "load", "--uri", neo4j_uri, "--seed", MINI_SEED, "--wipe", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["nodes_deleted"] == data["nodes_created"] == expected_counts(mini)[0]["Tmekg"]
    assert snapshot(neo4j_driver) == expected_snapshot(mini)


def test_cli_unreachable_uri() -> None:
    code, _out, err = invoke("neo4j", "load", "--uri", "bolt://127.0.0.1:1", "--seed", MINI_SEED)
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("error: cannot reach Neo4j at bolt://127.0.0.1:1")
    code, out, err = invoke("neo4j", "load", "--uri", f"bolt://neo4j:{SECRET}@127.0.0.1:1", "--seed", MINI_SEED)
    assert code == 2
    assert "must not hold credentials" in err
    _no_secret(out, err)
    code, _, err = invoke("neo4j", "load", "--uri", "http://127.0.0.1:1", "--seed", MINI_SEED)
    assert code == 2
    assert "not a Neo4j URI" in err


@neo4j
@pytest.mark.usefixtures("no_env_auth")
def test_cli_cypher_is_read_only_unless_write(neo4j_driver: Driver, neo4j_uri: str, tmp_path: Path) -> None:
    write = tmp_path / "write.cypher"
    write.write_text("CREATE (n:Scratch {id: $id}) RETURN n.id AS id")
    code, _, err = invoke("query", "cypher", "--file", write, "--uri", neo4j_uri, "-p", "id=s1")
    assert code == 2
    assert "read-only unless you pass --write" in err
    assert err.count("\n") == 1
    assert count(neo4j_driver, "MATCH (n) RETURN count(n)") == 0
    code, _out, err = invoke("query", "cypher", "--file", write, "--uri", neo4j_uri, "-p", "id=s1", "--write")
    assert code == 0, err
    assert count(neo4j_driver, "MATCH (n:Scratch {id: 's1'}) RETURN count(n)") == 1


@neo4j
@pytest.mark.usefixtures("no_env_auth")
def test_cli_cypher_parameters_and_json(
    neo4j_driver: Driver, neo4j_uri: str, mini: KnowledgeGraph, tmp_path: Path
) -> None:
    load(neo4j_driver, mini)
    query = tmp_path / "q.cypher"
    query.write_text(
        "// interactions with an effect\nMATCH (i:Interaction)-[:SOURCE]->(c {id: $cell}) WHERE i.effect = $effect "
        "RETURN i.id AS id, i.species AS species, c AS cell ORDER BY id LIMIT $k"
    )
    args = ("query", "cypher", "-f", query, "--uri", neo4j_uri, "-p", "cell=CL:0001064", "-p", "effect:=-1")
    code, out, err = invoke(*args, "-p", "k:=5", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["tmekg:i_pdl1_pd1"]
    assert rows[0]["species"] == ["human", "mouse"]
    assert rows[0]["cell"]["labels"] == ["CellType", "Tmekg"]
    assert rows[0]["cell"]["properties"]["id"] == "CL:0001064"
    code, out, _ = invoke(*args, "-p", "k:=5")
    assert code == 0
    assert "tmekg:i_pdl1_pd1" in out
    assert "1 row(s)" in out
    code, out, err = invoke(*args[:-2], "-p", "effect:=1", "-p", "k:=5")
    assert code == 1, err
    assert "0 row(s)" in out
    code, _, err = invoke(*args, "-p", "k:=five")
    assert code == 2
    assert "not JSON" in err
    code, _, err = invoke(*args)
    assert code == 2
    assert "ParameterMissing" in err


@neo4j
@pytest.mark.usefixtures("no_env_auth")
def test_cli_cypher_catalogue_query_by_name(neo4j_driver: Driver, neo4j_uri: str, shipped: KnowledgeGraph) -> None:
    code, out, _ = invoke("query", "cypher")
    assert code == 0
    assert "therapy_blocks:" in out
    load(neo4j_driver, shipped)
    pembrolizumab = shipped.lookup("pembrolizumab").id
    code, out, err = invoke("query", "cypher", "therapy_blocks", "-p", "therapy=Keytruda", "--uri", neo4j_uri, "--json")
    assert code == 0, err
    expected = run_named(neo4j_driver, "therapy_blocks", {"therapy": pembrolizumab}).rows
    assert json.loads(out) == expected
    assert expected
    code, _, err = invoke("query", "cypher", "therapy_blocks", "-p", "therapy=Keytruda", "--uri", neo4j_uri, "--write")
    assert code == 2
    assert "catalogue queries only read" in err


@neo4j
@pytest.mark.usefixtures("no_env_auth")
def test_cli_routing_uri_and_database(neo4j_driver: Driver, neo4j_uri: str, mini: KnowledgeGraph) -> None:
    """``neo4j://`` (the routing scheme of clusters and Aura) and ``--database`` on load and query."""
    routing = neo4j_uri.replace("bolt://", "neo4j://", 1)
    assert routing.startswith("neo4j://127.0.0.1:")
    with _driver(routing, None, False) as driver:
        assert isinstance(driver, Neo4jDriver), "a routing driver: it asks the server for a routing table"
    seed = ("--seed", MINI_SEED)
    code, _out, err = invoke("neo4j", "load", "--uri", routing, "--database", "neo4j", *seed, "--json")
    assert code == 0, err
    assert snapshot(neo4j_driver) == expected_snapshot(mini)
    query = ("query", "cypher", "therapy_blocks", "-p", "therapy=pembrolizumab", "--uri", routing, *seed)
    code, out, err = invoke(*query, "--database", "neo4j", "--json")
    assert code == 0, err
    assert json.loads(out) == run_named(neo4j_driver, "therapy_blocks", {"therapy": "DRUGBANK:DB09037"}).rows != []
    for command in (("neo4j", "load", "--uri", routing, *seed), query):
        code, out, err = invoke(*command, "--database", "nope")
        assert code == 2, out
        assert err.count("\n") == 1, err
        assert "nope" in err
    code, _, err = invoke("neo4j", "load", "--uri", "neo4j+s://127.0.0.1:1", *seed)
    assert code == 2
    assert err.startswith("error: cannot reach Neo4j at neo4j+s://127.0.0.1:1")


@neo4j
@pytest.mark.usefixtures("no_env_auth")
def test_cli_cypher_prints_notices_in_one_line(
    neo4j_driver: Driver, neo4j_uri: str, mini: KnowledgeGraph, tmp_path: Path
) -> None:
    """A server notification is one line on stderr, not the driver's log record with the whole query."""
    load(neo4j_driver, mini)
    old = tmp_path / "old.cypher"
    old.write_text("MATCH (n:Therapy)\nWITH n LIMIT 1\nCALL { WITH n RETURN n.id AS x }\nRETURN x\n")
    code, out, err = invoke("query", "cypher", "--file", old, "--uri", neo4j_uri, "--json")
    assert code == 0, err
    assert json.loads(out) == [{"x": "DRUGBANK:DB09037"}]
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("warning: ")
    assert "variable scope clause" in lines[0]
    assert "line 3, column 1" in lines[0]
    assert "MATCH (n:Therapy)" not in err


@neo4j
@pytest.mark.usefixtures("no_env_auth")
def test_cli_signed_paths_by_name(neo4j_driver: Driver, neo4j_uri: str, shipped: KnowledgeGraph) -> None:
    """Entity parameters take any kind of name; max_hops must be a whole number."""
    load(neo4j_driver, shipped)
    args = ("query", "cypher", "signed_paths", "--uri", neo4j_uri, "-p", "source=Keytruda", "-p", "target=tumor growth")
    code, out, err = invoke(*args, "-p", "max_hops=4", "--json")
    assert code == 0, err
    paths = find_paths(shipped, "pembrolizumab", "tumor growth", max_hops=4).paths
    assert sorted(r["path"] for r in json.loads(out)) == sorted(" > ".join(p.nodes) for p in paths)
    code, _, err = invoke(*args, "-p", "max_hops=four")
    assert code == 2
    assert "whole number" in err
    code, _, err = invoke(*args, "-p", "max_hops=7")  # beyond the query's literal bound: refused, not empty
    assert code == 2
    assert "takes 1 to 6" in err


def test_cli_default_batch_size_is_the_library_default() -> None:
    from tmekg.cli.neo4j_cmd import load_command

    assert inspect.signature(load_command).parameters["batch_size"].default == DEFAULT_BATCH_SIZE


@neo4j
def test_run_named_against_the_server(neo4j_driver: Driver, mini: KnowledgeGraph, tmp_path: Path) -> None:
    load(neo4j_driver, mini)
    (tmp_path / "cypher").mkdir()
    (tmp_path / "cypher" / "label_of.cypher").write_text(
        "// title: label of an entity\n// param: id — its id\nMATCH (n:Tmekg {id: $id}) RETURN n.label AS label\n"
    )
    result = run_named(neo4j_driver, "label_of", {"id": "HGNC:17635"}, directory=tmp_path)
    assert result.rows == [{"label": "PD-L1"}]
    assert result.query_type == "r"
    assert run_query(neo4j_driver, "MATCH (n:Tmekg) RETURN count(n) AS c").rows == [
        {"c": len(expected_snapshot(mini)[0])}
    ]


# -- passwords ---------------------------------------------------------------------------------------------------


@neo4j
def test_password_never_appears(
    second_server: SecondServer, mini: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    auth_server = second_server.uri
    monkeypatch.delenv("TMEKG_NEO4J_URI", raising=False)
    monkeypatch.setenv("TMEKG_NEO4J_USER", "neo4j")
    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    outputs: list[str] = []

    def run(*args: str | Path, input: str | None = None) -> int:
        result = runner.invoke(cli(), [str(a) for a in args], input=input)
        outputs.extend([result.output, result.stdout, result.stderr])
        return result.exit_code

    assert run("neo4j", "load", "--uri", auth_server, "--seed", MINI_SEED, "--wipe", "--json") == 0
    assert run("neo4j", "load", "--uri", "bolt://127.0.0.1:1", "--seed", MINI_SEED) == 2
    assert run("neo4j", "load", "--help") == 0
    assert run("query", "cypher", "--help") == 0
    monkeypatch.setenv(PASSWORD_ENV, "wrong-" + SECRET)
    assert run("neo4j", "load", "--uri", auth_server, "--seed", MINI_SEED) == 2
    assert "authentication failed" in outputs[-1]
    assert outputs[-1].count("\n") == 1
    monkeypatch.delenv(PASSWORD_ENV)
    assert run("neo4j", "load", "--uri", auth_server, "--seed", MINI_SEED) == 2
    assert "needs a password" in outputs[-1]
    code = run("neo4j", "load", "--uri", auth_server, "--seed", MINI_SEED, "--ask-password", input=SECRET + "\n")
    assert code == 0
    assert outputs
    _no_secret(*outputs)
    with GraphDatabase.driver(auth_server, auth=("neo4j", SECRET)) as driver:
        assert graph_counts(driver).nodes["Tmekg"] == expected_counts(mini)[0]["Tmekg"]


def test_interaction_field_names_are_node_properties() -> None:
    """Every interaction field is either a node property or a relationship (nothing silently dropped)."""
    relationships = {"source", "ligand", "receptor", "mediators", "target", "process", "contexts"}
    relationships |= {"sites", "directions"}  # properties of the LIGAND / RECEPTOR / MEDIATOR relationships
    derived = {"hijacked_category", "name"}  # the hijacked function's kind (from HIJACKS) and a caption
    assert set(Interaction.model_fields) | derived == set(NODE_PROPERTIES[NodeLabel.INTERACTION]) | relationships


def test_integer_parameters_are_whole_numbers_within_their_bounds() -> None:
    """A catalogue parameter of kind ``integer`` (or ``integer LOW..HIGH``) takes a whole number, else exit 2."""
    from tmekg.backends.base import resolve_params
    from tmekg.queries import parse_query_text

    bounded = parse_query_text("q", "cypher", "// param: max_hops (integer 1..6) — hops\nRETURN 1")
    free = parse_query_text("q", "cypher", "// param: max_hops (integer) — hops\nRETURN 1")
    assert resolve_params(free, {"max_hops": "4"}) == {"max_hops": 4}
    assert resolve_params(bounded, {"max_hops": "6"}) == {"max_hops": 6}
    with pytest.raises(InputError, match="whole number"):
        resolve_params(free, {"max_hops": "4.5"})
    with pytest.raises(InputError, match="takes 1 to 6"):
        resolve_params(bounded, {"max_hops": "7"})


# --- user Cypher queries are bounded and cannot reach out (issue 17, item 3) ---------------------------------------


@neo4j
@pytest.mark.usefixtures("no_env_auth")
def test_cli_cypher_limit_stops_the_fetch(neo4j_driver: Driver, neo4j_uri: str, tmp_path: Path) -> None:
    query = tmp_path / "many.cypher"
    query.write_text("UNWIND range(1, 10000000) AS x RETURN x")
    code, out, err = invoke("query", "cypher", "-f", query, "--uri", neo4j_uri, "--limit", "5", "--json")
    assert code == 0, err
    assert [row["x"] for row in json.loads(out)] == [1, 2, 3, 4, 5]
    assert "truncated: the first 5 rows" in err


@neo4j
@pytest.mark.usefixtures("no_env_auth")
def test_cli_cypher_time_limit_is_the_transaction_timeout(neo4j_driver: Driver, neo4j_uri: str, tmp_path: Path) -> None:
    query = tmp_path / "slow.cypher"
    query.write_text("UNWIND range(1, 100000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n")
    code, _, err = invoke("query", "cypher", "-f", query, "--uri", neo4j_uri, "--time-limit", "0.5")
    assert code == 2, err
    assert err.count("\n") == 1
    assert "Traceback" not in err


@neo4j
@pytest.mark.usefixtures("no_env_auth")
def test_cli_cypher_an_integer_bolt_cannot_carry_is_one_line(
    neo4j_driver: Driver, neo4j_uri: str, tmp_path: Path
) -> None:
    query = tmp_path / "echo.cypher"
    query.write_text("RETURN $n AS n")
    code, _, err = invoke("query", "cypher", "-f", query, "--uri", neo4j_uri, "-p", "n:=99999999999999999999")
    assert code == 2, err
    assert "--param n: 99999999999999999999 is outside Neo4j's 64-bit integer range" in err
    assert err.count("\n") == 1
    code, out, err = invoke(
        "query", "cypher", "-f", query, "--uri", neo4j_uri, "-p", "n:=9223372036854775807", "--json"
    )
    assert code == 0, err
    assert json.loads(out) == [{"n": 2**63 - 1}]


def test_cli_cypher_load_csv_is_refused_before_connecting(tmp_path: Path) -> None:
    query = tmp_path / "fetch.cypher"
    query.write_text("// read a file\nload  csv FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row")
    # no server at this URI: the refusal comes first
    code, _, err = invoke("query", "cypher", "-f", query, "--uri", "bolt://127.0.0.1:9")
    assert code == 2
    assert "uses LOAD CSV" in err
    assert "--allow-network" in err
    query.write_text("CALL apoc.load.json('http://127.0.0.1:9/x') YIELD value RETURN value")
    code, _, err = invoke("query", "cypher", "-f", query, "--uri", "bolt://127.0.0.1:9")
    assert code == 2
    assert "uses apoc.load" in err


def test_cli_cypher_a_silent_listener_costs_the_connect_timeout(tmp_path: Path) -> None:
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts (in the kernel) and never answers
    try:
        query = tmp_path / "q.cypher"
        query.write_text("RETURN 1 AS x")
        uri = f"bolt://127.0.0.1:{silent.getsockname()[1]}"
        code, _, err = invoke("query", "cypher", "-f", query, "--uri", uri, "--connect-timeout", "0.5")
    finally:
        silent.close()
    assert code == 2, err
    assert err.count("\n") == 1
