// title: Therapies on an axis
// description: Therapies that act on any molecule of a molecule's axis: the molecule, the complexes holding it and
// description: its subunits, and every ligand, receptor and mediator of the interactions that use any of those
// description: (the adenosine axis: adenosine, its A2A and A2B receptors, CD39 and CD73 that make it).
// param: molecule (molecule) — the molecule's id, e.g. CHEBI:16335 (adenosine)
MATCH (m:Molecule {id: $molecule})
CALL (m) {
  RETURN m AS core
  UNION
  MATCH (core:Complex)-[:HAS_SUBUNIT]->(m) RETURN core
  UNION
  MATCH (m)-[:HAS_SUBUNIT]->(core) RETURN core
}
CALL (core) {
  RETURN core AS member
  UNION
  MATCH (core)<-[:LIGAND|RECEPTOR|MEDIATOR]-(:Interaction)-[:LIGAND|RECEPTOR|MEDIATOR]->(member) RETURN member
}
WITH DISTINCT member
MATCH (t:Therapy)-[a]->(member)
RETURN DISTINCT $molecule AS molecule, t.id AS therapy, toLower(type(a)) AS action, member.id AS target
ORDER BY therapy, action, target
