// title: Escape routes of a therapy
// description: Pro-tumor interactions the therapy leaves intact that defeat it: the loss of a molecule it needs
// description: (a requirement of one of its actions, or the antigen of a drug-made action, or a complex or
// description: subunit of those); else one that suppresses the effector cells it needs; else one acting on a
// description: process the therapy acts on (a process of what it severs or strengthens, or one it drives).
// description: `reason` says which: 'lost_need', 'suppresses_effector' or 'same_process'.
// description: `tmekg therapy` also counts the processes on its supporting signed paths, so it can list more.
// param: therapy (therapy) — the therapy's id, e.g. DRUGBANK:DB09037
MATCH (th:Therapy {id: $therapy})
// what its actions sever or strengthen, and the processes those interactions act on
CALL (th) {
  MATCH (th)-[a]->(x)
  WHERE a.severs IS NOT NULL OR a.strengthens IS NOT NULL
  CALL (a, x) {
    RETURN x AS hit
    UNION
    MATCH (hit:Complex)-[:HAS_SUBUNIT]->(x) RETURN hit
    UNION
    MATCH (hit:CellType)-[:BROADER*1..]->(x) RETURN hit
    UNION
    MATCH (hit:Form)-[:FORM_OF]->(x) WHERE a.reaches_forms RETURN hit
    UNION
    MATCH (hit:Form)-[:FORM_OF]->(:Complex)-[:HAS_SUBUNIT]->(x) WHERE a.reaches_forms RETURN hit
  }
  MATCH (i:Interaction)-[role]->(hit)
  WHERE type(role) IN coalesce(a.severs, a.strengthens)
  MATCH (i)-[:PROCESS]->(p:Process)
  RETURN collect(DISTINCT CASE WHEN a.severs IS NOT NULL THEN i END) AS severed, collect(DISTINCT p) AS acted
}
// the processes its drug-made actions drive
CALL (th) {
  MATCH (th)-->(p:Process)
  RETURN collect(DISTINCT p) AS driven
}
// what it needs: the requirements of its (action, target) pairs; a drug-made action's antigen and effector cells
CALL (th) {
  CALL (th) {
    MATCH (th)-[a]->(x)-[q:REQUIRES]->(need)
    WHERE q.action = toLower(type(a))
    RETURN q.kind AS kind, need
    UNION
    MATCH (th)-[a]->(need)
    WHERE a.sign IS NULL
    RETURN 'antigen' AS kind, need
    UNION
    MATCH (th)-[a]->()
    UNWIND a.effector AS cell
    MATCH (need:CellType {id: cell})
    RETURN 'effector_cell' AS kind, need
  }
  RETURN collect(DISTINCT CASE WHEN kind <> 'effector_cell' THEN need END) AS needed,
         collect(DISTINCT CASE WHEN kind = 'effector_cell' THEN need END) AS effectors
}
// a loss defeats a need when it hits the needed molecule, a complex holding it or one of its subunits
CALL (needed) {
  UNWIND needed AS need
  CALL (need) {
    RETURN need AS around
    UNION
    MATCH (around:Complex)-[:HAS_SUBUNIT]->(need) RETURN around
    UNION
    MATCH (need)-[:HAS_SUBUNIT]->(around) RETURN around
  }
  RETURN collect(DISTINCT around) AS defeated_by_loss
}
CALL (effectors) {
  UNWIND effectors AS cell
  MATCH (state:CellType)-[:BROADER*0..]->(cell)
  RETURN collect(DISTINCT state) AS effector_cells
}
WITH th, severed, acted + driven AS touched, defeated_by_loss, effector_cells
MATCH (i:Interaction)-[:PROCESS]->(p:Process)
WHERE NOT i IN severed
WITH i, p, touched, defeated_by_loss, effector_cells,
     CASE i.tumor_outcome
       WHEN 'pro_tumor' THEN 1
       WHEN 'anti_tumor' THEN -1
       ELSE CASE WHEN i.effect * p.polarity > 0 THEN 1 ELSE -1 END
     END AS tumor_sign,
     COLLECT { MATCH (i)-[r:LIGAND|RECEPTOR|MEDIATOR]->() RETURN coalesce(r.direction, 'none') } AS directions
WHERE tumor_sign > 0
WITH i, p,
     CASE
       WHEN 'lost' IN directions OR (size(directions) > 0 AND all(d IN directions WHERE d IN ['decreased', 'lost']))
       THEN CASE
         WHEN EXISTS {
           MATCH (i)-[r:LIGAND|RECEPTOR|MEDIATOR]->(m)
           WHERE r.direction IN ['decreased', 'lost'] AND m IN defeated_by_loss
         } THEN 'lost_need'
       END
       WHEN (i.effect < 0 OR i.mechanism = 'suppression')
            AND EXISTS { MATCH (i)-[:TARGET]->(c) WHERE c IN effector_cells } THEN 'suppresses_effector'
       WHEN p IN touched THEN 'same_process'
     END AS reason
WHERE reason IS NOT NULL
RETURN $therapy AS therapy, i.id AS interaction, p.id AS process, reason
ORDER BY interaction
