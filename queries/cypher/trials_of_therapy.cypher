// title: Trials of a therapy
// description: Clinical trials whose experimental arm gives the therapy (alone or with others), with phase,
// description: design, the cancers studied and the result on the primary endpoint.
// param: therapy (therapy) — the therapy's id, e.g. DRUGBANK:DB09037
MATCH (:Therapy {id: $therapy})<-[:EXPERIMENTAL_ARM]-(x:Trial)-[:STUDIES]->(c:Cancer)
RETURN $therapy AS therapy, x.id AS trial, x.name AS name, x.phase AS phase, x.randomized AS randomized,
       c.id AS cancer, x.result AS result
ORDER BY trial, cancer
