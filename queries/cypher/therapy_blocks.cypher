// title: What a therapy severs
// description: Interactions a therapy severs: 'blocks' cuts those using the target (or a complex holding it)
// description: as ligand or receptor, 'inhibits' also those using it as a mediator, 'depletes' every
// description: interaction the cell type (or a state of it) sends or receives, or (for a molecule) those the
// description: cells carrying it receive through it; blocking and inhibiting also reach the soluble, shed and
// description: exosomal forms of the target. Each action relationship says what it reaches: `severs` (the
// description: roles it cuts) and `reaches_forms`.
// param: therapy (therapy) — the therapy's id, e.g. DRUGBANK:DB09037
MATCH (:Therapy {id: $therapy})-[a]->(m)
WHERE a.severs IS NOT NULL
CALL (a, m) {
  RETURN m AS hit
  UNION
  MATCH (hit:Complex)-[:HAS_SUBUNIT]->(m) RETURN hit
  UNION
  MATCH (hit:CellType)-[:BROADER*1..]->(m) RETURN hit
  UNION
  MATCH (hit:Form)-[:FORM_OF]->(m) WHERE a.reaches_forms RETURN hit
  UNION
  MATCH (hit:Form)-[:FORM_OF]->(:Complex)-[:HAS_SUBUNIT]->(m) WHERE a.reaches_forms RETURN hit
}
MATCH (i:Interaction)-[role]->(hit)
WHERE type(role) IN a.severs
RETURN DISTINCT $therapy AS therapy, i.id AS interaction, toLower(type(a)) AS action, m.id AS target,
       i.tumor_outcome AS tumor_outcome
ORDER BY interaction, action, target
