"""The signed multigraph: edges along each interaction's signal, therapy actions, no implicit reverse edges."""

from __future__ import annotations

from tmekg.backends.nx import interaction_edges, to_networkx
from tmekg.kg import KnowledgeGraph


def test_interaction_edges(mini_kg: KnowledgeGraph) -> None:
    inter = mini_kg.interaction("tmekg:i_pdl1_pd1")
    assert interaction_edges(inter) == [
        ("CL:0001064", "HGNC:17635", "produces", 1),
        ("HGNC:17635", "HGNC:8760", "binds", 1),
        ("HGNC:8760", "CL:0000625", "acts_on", 1),
        ("HGNC:8760", "tmekg:t_cell_cytotoxicity", "decreases", -1),
    ]


def test_graph(mini_kg: KnowledgeGraph) -> None:
    graph = to_networkx(mini_kg)
    assert graph.number_of_nodes() == 13
    assert graph.nodes["HGNC:17635"]["label"] == "PD-L1"
    assert graph.nodes["tmekg:tumor_growth"]["polarity"] == 1
    shared = graph.edges["HGNC:8760", "tmekg:t_cell_cytotoxicity", "decreases"]
    assert shared["origins"] == ["tmekg:i_pdl1_pd1", "tmekg:i_pdl2_pd1"]
    assert graph.edges["DRUGBANK:DB09037", "HGNC:8760", "blocks"]["sign"] == -1
    assert not graph.has_edge("HGNC:8760", "HGNC:17635"), "direction is data: no reverse edge"
    assert graph.edges["tmekg:TAM", "HGNC:18731", "produces"]["kind"] == "interaction"


def test_pure(mini_kg: KnowledgeGraph) -> None:
    one, two = to_networkx(mini_kg), to_networkx(mini_kg)
    one.add_edge("x", "y")
    assert not two.has_node("x")
