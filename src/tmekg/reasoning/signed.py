"""The signed reasoning graph: the NetworkX view plus each process's polarity toward tumor growth.

Edges that carry a sign along a signal: ``produces``, ``binds``, ``increases``/``decreases`` (from the
interactions), ``makes`` (an enzyme making a molecular form), therapy actions (``blocks`` ... with the sign in
:data:`tmekg.actions.ACTIONS`; a drug-made action reaches its process directly), ``polarity`` edges from every
process to ``tumor growth``, and ``part_of`` edges from a subunit to its complexes. ``acts_on`` (which receiver a
signal reaches) and the other structural edges carry no sign and are left out: a path's sign is the product of its
edge signs and means "more of the start gives more (+1) or less (-1) of the end".
"""

from __future__ import annotations

import networkx as nx

from tmekg.backends.nx import to_networkx
from tmekg.kg import KnowledgeGraph
from tmekg.vocab import TUMOR_GROWTH, EvidenceLevel, Predicate, TumorOutcome

__all__ = ["EVIDENCE_WEIGHT", "SIGNED_PREDICATES", "signed_graph"]

#: How much one hop's evidence counts, by level (a path is as strong as its weakest hop).
EVIDENCE_WEIGHT: dict[EvidenceLevel, float] = {
    EvidenceLevel.CLINICAL: 1.0,
    EvidenceLevel.HUMAN_CORRELATIVE: 0.8,
    EvidenceLevel.MOUSE_IN_VIVO: 0.6,
    EvidenceLevel.REVIEW: 0.5,
    EvidenceLevel.IN_VITRO: 0.4,
}

#: A context-dependent statement's sign holds only in some settings: its hops count at this fraction.
CONTEXT_DEPENDENT_FACTOR = 0.5

SIGNED_PREDICATES = frozenset(
    {Predicate.PRODUCES, Predicate.BINDS, Predicate.INCREASES, Predicate.DECREASES, Predicate.POLARITY}
)


def signed_graph(kg: KnowledgeGraph) -> nx.MultiDiGraph[str]:
    """The signed multigraph used for paths: every edge has ``sign``, ``weight`` and ``evidence`` (ids).

    An edge's weight is the best evidence weight among the statements behind it; a context-dependent
    statement counts at :data:`CONTEXT_DEPENDENT_FACTOR` of its level.
    """
    full = to_networkx(kg)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_nodes_from(full.nodes(data=True))
    levels = {
        i.id: (
            EVIDENCE_WEIGHT[i.evidence_level]
            * (CONTEXT_DEPENDENT_FACTOR if i.tumor_outcome is TumorOutcome.CONTEXT_DEPENDENT else 1.0),
            i.evidence,
        )
        for i in kg.interactions
    }
    action_levels = {a.id: (EVIDENCE_WEIGHT[a.evidence_level], a.evidence) for a in kg.therapy_actions}
    for u, v, key, data in full.edges(keys=True, data=True):
        if data["kind"] == "interaction" and key in SIGNED_PREDICATES:
            found = [levels[o] for o in data["origins"]]
        elif data["kind"] == "therapy_action" and data["sign"] != 0:
            found = [action_levels[o] for o in data["origins"]]
        elif data["kind"] == "form":
            found = [(1.0, ())]
        else:
            continue
        weight = max(level for level, _ in found)
        evidence = sorted({ref for _, refs in found for ref in refs})
        graph.add_edge(
            u,
            v,
            key=key,
            sign=data["sign"],
            weight=weight,
            evidence=evidence,
            origins=list(data["origins"]),
            kind=data["kind"],
        )
    for molecule in kg.molecules:
        for sub in molecule.subunits:  # acting on a subunit acts on the complexes it is part of
            graph.add_edge(
                sub, molecule.id, key=Predicate.PART_OF.value, sign=1, weight=1.0, evidence=[], origins=[molecule.id]
            )
            graph.edges[sub, molecule.id, Predicate.PART_OF.value]["kind"] = "structure"
    for molecule in kg.molecules:
        if molecule.form_of:  # blocking a molecule blocks its forms too (only right after such an action)
            graph.add_edge(
                molecule.form_of, molecule.id, key=Predicate.HAS_FORM.value, sign=1, weight=1.0, evidence=[],
                origins=[molecule.id], kind="structure",
            )  # fmt: skip
    for process in kg.processes:
        if process.id != TUMOR_GROWTH and graph.has_node(TUMOR_GROWTH):
            graph.add_edge(
                process.id,
                TUMOR_GROWTH,
                key=Predicate.POLARITY.value,
                sign=process.polarity,
                weight=1.0,
                evidence=[],
                origins=[process.id],
                kind="polarity",
            )
    return graph
