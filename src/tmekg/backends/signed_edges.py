"""The signed edges of a knowledge graph, pure: what the path reasoning walks and what Neo4j stores directly.

One derivation for every consumer: :func:`tmekg.reasoning.signed.signed_graph` builds its search structure from
:func:`signed_edges`, and :mod:`tmekg.backends.neo4j_rows` writes the same edges as typed relationships, so a path
found in Python is found in Cypher and neither can drift from the other.

The edges come from :func:`tmekg.backends.nx.edge_records` (``produces``, ``binds``, ``increases``/``decreases``
from the interactions; therapy actions with the sign of :data:`tmekg.actions.ACTIONS` and, for a drug-made action,
an edge from the therapy to the process it drives; ``makes`` from an enzyme to a molecular form), plus

- ``part_of`` from each subunit to its complexes and ``has_form`` from a molecule to its forms (the path rules
  follow them only right after a therapy's action), and
- ``polarity`` from every process to ``tumor growth``, signed by the process's polarity.

An edge's weight is the best evidence weight among the statements behind it (:data:`EVIDENCE_WEIGHT`); a
context-dependent statement counts at :data:`CONTEXT_DEPENDENT_FACTOR` of its level; structural edges weigh 1.
"""

from __future__ import annotations

from typing import NamedTuple

from tmekg.backends.nx import edge_records
from tmekg.kg import KnowledgeGraph
from tmekg.vocab import TUMOR_GROWTH, EvidenceLevel, Predicate, TumorOutcome

__all__ = ["CONTEXT_DEPENDENT_FACTOR", "EVIDENCE_WEIGHT", "SIGNED_PREDICATES", "SignedEdge", "signed_edges"]

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

#: The interaction edges that carry a sign along a signal (``acts_on`` says which cell a signal reaches; unsigned).
SIGNED_PREDICATES = frozenset(
    {Predicate.PRODUCES, Predicate.BINDS, Predicate.INCREASES, Predicate.DECREASES, Predicate.POLARITY}
)


class SignedEdge(NamedTuple):
    """One signed edge: ``kind`` is ``interaction``, ``therapy_action``, ``form``, ``structure`` or ``polarity``;
    ``origins`` are the records behind it (interaction or action ids; the complex, form or process)."""

    source: str
    target: str
    predicate: str
    sign: int
    weight: float
    evidence: tuple[str, ...]
    origins: tuple[str, ...]
    kind: str


def signed_edges(kg: KnowledgeGraph) -> list[SignedEdge]:
    """Every signed edge of ``kg``, in a stable order (that of :func:`~tmekg.backends.nx.edge_records`, then the
    subunit and form edges by molecule, then the polarity edges by process)."""
    levels = {
        i.id: (
            EVIDENCE_WEIGHT[i.evidence_level]
            * (CONTEXT_DEPENDENT_FACTOR if i.tumor_outcome is TumorOutcome.CONTEXT_DEPENDENT else 1.0),
            i.evidence,
        )
        for i in kg.interactions
    }
    action_levels = {a.id: (EVIDENCE_WEIGHT[a.evidence_level], a.evidence) for a in kg.therapy_actions}
    edges: list[SignedEdge] = []
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
        edges.append(SignedEdge(u, v, key, data["sign"], weight, evidence, tuple(data["origins"]), data["kind"]))
    for molecule in kg.molecules:
        for sub in molecule.subunits:  # acting on a subunit acts on the complexes it is part of
            edges.append(SignedEdge(sub, molecule.id, Predicate.PART_OF.value, 1, 1.0, (), (molecule.id,), "structure"))
        if molecule.form_of:  # blocking a molecule blocks its forms too (only right after such an action)
            has_form = Predicate.HAS_FORM.value
            edges.append(SignedEdge(molecule.form_of, molecule.id, has_form, 1, 1.0, (), (molecule.id,), "structure"))
    if any(p.id == TUMOR_GROWTH for p in kg.processes):
        for process in kg.processes:
            if process.id != TUMOR_GROWTH:
                edges.append(
                    SignedEdge(
                        process.id, TUMOR_GROWTH, Predicate.POLARITY.value, process.polarity, 1.0, (), (process.id,),
                        "polarity",
                    )
                )  # fmt: skip
    return edges
