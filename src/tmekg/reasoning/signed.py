"""The signed reasoning graph: the NetworkX view plus each process's polarity toward tumor growth.

Edges that carry a sign along a signal: ``produces``, ``binds``, ``increases``/``decreases`` (from the
interactions), ``makes`` (an enzyme making a molecular form), therapy actions (``blocks`` ... with the sign in
:data:`tmekg.actions.ACTIONS`; a drug-made action reaches its process directly), ``polarity`` edges from every
process to ``tumor growth``, and ``part_of`` edges from a subunit to its complexes. ``acts_on`` (which receiver a
signal reaches) and the other structural edges carry no sign and are left out: a path's sign is the product of its
edge signs and means "more of the start gives more (+1) or less (-1) of the end".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from tmekg.backends.nx import edge_records
from tmekg.kg import KnowledgeGraph
from tmekg.vocab import TUMOR_GROWTH, EvidenceLevel, Predicate, TumorOutcome

__all__ = ["EVIDENCE_WEIGHT", "SIGNED_PREDICATES", "Edge", "SignedGraph", "signed_graph"]

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


class Edge(NamedTuple):
    """A signed edge of the reasoning graph (a named tuple: cheap to build, pickle and load)."""

    target: str
    predicate: str
    sign: int
    weight: float
    evidence: tuple[str, ...]
    origins: tuple[str, ...]
    kind: str


@dataclass
class SignedGraph:
    """The signed graph paths run on: out-edges per node, in-neighbours per node (for distances to a target), and
    hop distances to tumor growth computed once. Plain lists and dicts: fast to build, to pickle and to load."""

    out: dict[str, list[Edge]] = field(default_factory=dict)
    into: dict[str, list[str]] = field(default_factory=dict)
    _distances: dict[tuple[str, int], dict[str, int]] = field(default_factory=dict, repr=False)

    def __contains__(self, node: object) -> bool:
        return node in self.out or node in self.into

    def add(self, source: str, edge: Edge) -> None:
        self.out.setdefault(source, []).append(edge)
        self.into.setdefault(edge.target, []).append(source)
        self.out.setdefault(edge.target, [])

    def number_of_edges(self) -> int:
        return sum(len(edges) for edges in self.out.values())

    def distances_to(self, target: str, limit: int) -> dict[str, int]:
        """Hops from every node that reaches ``target`` within ``limit`` (breadth-first on in-neighbours)."""
        cached = self._distances.get((target, limit))
        if cached is None:
            cached = {target: 0}
            frontier = [target]
            for depth in range(1, limit + 1):
                nxt = []
                for node in frontier:
                    for prev in self.into.get(node, ()):
                        if prev not in cached:
                            cached[prev] = depth
                            nxt.append(prev)
                frontier = nxt
            self._distances[(target, limit)] = cached
        return cached


def signed_graph(kg: KnowledgeGraph) -> SignedGraph:
    """The signed graph used for paths: every edge has ``sign``, ``weight`` and ``evidence`` (ids).

    An edge's weight is the best evidence weight among the statements behind it; a context-dependent
    statement counts at :data:`CONTEXT_DEPENDENT_FACTOR` of its level. Built once per graph and kept with it.
    """
    return kg.cached("signed_graph", _build_signed_graph)


def _build_signed_graph(kg: KnowledgeGraph) -> SignedGraph:
    graph = SignedGraph()
    for entity in kg.entities():
        graph.out.setdefault(entity.id, [])
    levels = {
        i.id: (
            EVIDENCE_WEIGHT[i.evidence_level]
            * (CONTEXT_DEPENDENT_FACTOR if i.tumor_outcome is TumorOutcome.CONTEXT_DEPENDENT else 1.0),
            i.evidence,
        )
        for i in kg.interactions
    }
    action_levels = {a.id: (EVIDENCE_WEIGHT[a.evidence_level], a.evidence) for a in kg.therapy_actions}
    for (u, v, key), data in edge_records(kg).items():
        if data["kind"] == "interaction" and key in SIGNED_PREDICATES:
            found = [levels[o] for o in data["origins"]]
        elif data["kind"] == "therapy_action" and data["sign"] != 0:
            found = [action_levels[o] for o in data["origins"]]
        elif data["kind"] == "form":
            found = [(1.0, ())]
        else:
            continue
        weight = max(level for level, _ in found)
        evidence = tuple(sorted({ref for _, refs in found for ref in refs}))
        graph.add(u, Edge(v, key, data["sign"], weight, evidence, tuple(data["origins"]), data["kind"]))
    for molecule in kg.molecules:
        for sub in molecule.subunits:  # acting on a subunit acts on the complexes it is part of
            graph.add(sub, Edge(molecule.id, Predicate.PART_OF.value, 1, 1.0, (), (molecule.id,), "structure"))
        if molecule.form_of:  # blocking a molecule blocks its forms too (only right after such an action)
            graph.add(
                molecule.form_of, Edge(molecule.id, Predicate.HAS_FORM.value, 1, 1.0, (), (molecule.id,), "structure")
            )
    if any(p.id == TUMOR_GROWTH for p in kg.processes):
        for process in kg.processes:
            if process.id != TUMOR_GROWTH:
                edge = Edge(
                    TUMOR_GROWTH, Predicate.POLARITY.value, process.polarity, 1.0, (), (process.id,), "polarity"
                )
                graph.add(process.id, edge)
    return graph
