"""A GraphML-ready projection of the signed multigraph: scalar attributes only, list values joined by '|'."""

from __future__ import annotations

import networkx as nx

from tmekg.backends.nx import to_networkx
from tmekg.kg import KnowledgeGraph

__all__ = ["flat_graph"]


def flat_graph(kg: KnowledgeGraph) -> nx.MultiDiGraph[str]:
    """``to_networkx(kg)`` with every attribute a string, int or float (GraphML has no lists)."""
    graph = to_networkx(kg)
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        # the GraphML node id already is the CURIE; an "id" attribute would clash with it in readers
        flat.add_node(node, **{k: v for k, v in data.items() if v is not None and k != "id"})
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {k: ("|".join(val) if isinstance(val, list) else val) for k, val in data.items()}
        flat.add_edge(u, v, key=key, **attrs)
    return flat
