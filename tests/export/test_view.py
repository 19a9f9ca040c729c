"""The shared visual projection: one edge per interaction and per therapy action, styled, stable."""

from __future__ import annotations

from pathlib import Path

from tmekg.export.view import EDGE_OUTCOME_COLORS, EVIDENCE_WIDTH, NODE_STYLES, SIGN_ARROWS, endpoints, project
from tmekg.kg import KnowledgeGraph


def test_every_entity_is_a_node_and_every_statement_an_edge(mini_kg: KnowledgeGraph) -> None:
    view = project(mini_kg, isolated=True)
    assert {n.id for n in view.nodes} == {e.id for e in mini_kg.entities()}
    ids = {e.id for e in view.edges if e.kind in ("interaction", "therapy_action")}
    assert ids == {i.id for i in mini_kg.interactions} | {a.id for a in mini_kg.therapy_actions}
    assert len({e.id for e in view.edges}) == len(view.edges)


def test_processes_and_tumor_growth_have_edges(kg: KnowledgeGraph) -> None:
    view = project(kg)
    touched = {end for e in view.edges for end in (e.source, e.target)}
    assert all(n.id in touched for n in view.nodes)  # isolated entities are left out by default
    assert {p.id for p in kg.processes} <= touched
    effect = view.edge("effect|CL:0001064|tmekg:t_cell_cytotoxicity|-1")  # malignant cell lowers T cell killing
    assert effect.kind == "effect"
    assert effect.attrs["count"] == len(effect.attrs["interactions"]) > 1
    assert all(kg.interaction(i).process == "tmekg:t_cell_cytotoxicity" for i in effect.attrs["interactions"])
    polarity = view.edge("polarity|tmekg:angiogenesis")
    assert (polarity.source, polarity.target, polarity.sign, polarity.outcome) == (
        "tmekg:angiogenesis",
        "tmekg:tumor_growth",
        1,
        "pro_tumor",
    )
    kept = project(kg, isolated=True)
    assert len(kept.nodes) == len(list(kg.entities()))


def test_bundled_parallel_edges(kg: KnowledgeGraph) -> None:
    plain = project(kg)
    bundled = project(kg, bundle=True)
    pairs = [(e.source, e.target) for e in plain.edges if e.kind == "interaction"]
    assert max(pairs.count(p) for p in set(pairs)) > 10  # up to dozens between malignant cells and T cells
    keys = [(e.source, e.target, e.outcome, e.sign) for e in bundled.edges if e.kind in ("interaction", "bundle")]
    assert len(keys) == len(set(keys))
    bundles = [e for e in bundled.edges if e.kind == "bundle"]
    assert bundles
    counted = sum(e.attrs["count"] for e in bundles) + sum(1 for e in bundled.edges if e.kind == "interaction")
    assert counted == len(kg.interactions)
    assert all(e.label == f"{e.attrs['count']} interactions" for e in bundles)


def test_interaction_edge_reads_sender_to_receiver(mini_kg: KnowledgeGraph) -> None:
    edge = project(mini_kg).edge("tmekg:i_pdl1_pd1")
    assert (edge.source, edge.target) == ("CL:0001064", "CL:0000625")  # malignant cell -> CD8 T cell
    assert edge.label == "PD-L1 → PD-1"
    assert (edge.sign, edge.sign_name, edge.arrow) == (-1, "inhibiting", SIGN_ARROWS[-1])
    assert edge.color == EDGE_OUTCOME_COLORS["pro_tumor"]
    assert edge.width == EVIDENCE_WIDTH["in_vitro"]
    details = edge.attrs
    assert (details["ligand"], details["receptor"], details["process"]) == (
        "HGNC:17635",
        "HGNC:8760",
        "tmekg:t_cell_cytotoxicity",
    )
    assert details["evidence"] == ["PMID:11015443"]
    assert details["citations"] == ["Freeman GJ et al. (2000) J Exp Med. PMID:11015443"]
    assert details["hijacked_function"] == "termination of T cell activation by inhibitory receptors"


def test_endpoint_rules(mini_kg: KnowledgeGraph) -> None:
    inter = mini_kg.interaction("tmekg:i_pdl1_pd1")
    assert endpoints(inter.model_copy(update={"target": None})) == ("HGNC:17635", "HGNC:8760")  # ligand -> receptor
    no_pair = inter.model_copy(update={"target": None, "receptor": None})
    assert endpoints(no_pair) == ("CL:0001064", "tmekg:t_cell_cytotoxicity")  # sender -> process
    only_molecule = inter.model_copy(update={"source": None, "target": None, "receptor": None})
    assert endpoints(only_molecule) == ("HGNC:17635", "tmekg:t_cell_cytotoxicity")


def test_therapy_action_edge(mini_kg: KnowledgeGraph) -> None:
    edge = project(mini_kg).edge("DRUGBANK:DB09037|HGNC:8760")
    assert (edge.source, edge.target, edge.label, edge.kind) == (
        "DRUGBANK:DB09037",
        "HGNC:8760",
        "blocks",
        "therapy_action",
    )
    assert edge.sign == -1


def test_node_styles_by_kind(mini_kg: KnowledgeGraph) -> None:
    view = project(mini_kg, isolated=True)
    kinds = {n.id: n.kind for n in view.nodes}
    assert kinds["CL:0000625"] == "cell"
    assert kinds["HGNC:17635"] == "molecule"
    assert kinds["CHEBI:16335"] == "metabolite"
    assert kinds["DRUGBANK:DB09037"] == "therapy"
    assert kinds["tmekg:tumor_growth"] == "process"
    assert kinds["MONDO:0005105"] == "cancer"
    for node in view.nodes:
        assert (node.shape, node.color) == (NODE_STYLES[node.kind].shape, NODE_STYLES[node.kind].color)
    assert len({NODE_STYLES[k].shape for k in ("cell", "molecule", "metabolite", "therapy", "process", "cancer")}) == 6


def test_subgraph_with_missing_entities_still_has_its_endpoints(mini_kg: KnowledgeGraph) -> None:
    sub = KnowledgeGraph(interactions=(mini_kg.interaction("tmekg:i_pdl1_pd1"),), references=mini_kg.references)
    view = project(sub)
    assert {n.id: n.kind for n in view.nodes} == {
        "CL:0001064": "other",
        "CL:0000625": "other",
        "tmekg:t_cell_cytotoxicity": "other",
    }
    assert [e.id for e in view.edges] == ["effect|CL:0001064|tmekg:t_cell_cytotoxicity|-1", "tmekg:i_pdl1_pd1"]


def test_projection_is_deterministic(mini_kg: KnowledgeGraph) -> None:
    assert project(mini_kg) == project(mini_kg)


def test_export_options_from_the_cli(tmp_path: Path) -> None:
    """``tmekg export --bundle`` joins parallel edges; ``--isolated`` keeps entities without edges."""
    from typer.testing import CliRunner

    from tmekg.cli import app

    counts = {}
    for flags in ((), ("--bundle",), ("--isolated",)):
        path = tmp_path / f"kg{'-'.join(flags)}.graphml"
        result = CliRunner().invoke(app, ["export", "-f", "graphml", "-o", str(path), *flags])
        assert result.exit_code == 0, result.stderr
        text = path.read_text(encoding="utf-8")
        counts[flags] = (text.count("<node "), text.count("<edge "))
    plain, bundled, isolated = counts[()], counts[("--bundle",)], counts[("--isolated",)]
    assert bundled[1] < plain[1]
    assert isolated[0] > plain[0]
    assert isolated[1] == plain[1]
