// title: Pro-tumor interactions
// description: Interactions whose curated outcome helps the tumor, with sender, ligand, receptor, receiver,
// description: the process they act on and the normal function they hijack.
MATCH (i:Interaction {tumor_outcome: 'pro_tumor'})-[:PROCESS]->(p:Process)
OPTIONAL MATCH (i)-[:SOURCE]->(s:CellType)
OPTIONAL MATCH (i)-[:LIGAND]->(l:Molecule)
OPTIONAL MATCH (i)-[:RECEPTOR]->(r:Molecule)
OPTIONAL MATCH (i)-[:TARGET]->(t:CellType)
RETURN i.id AS interaction, s.id AS source, l.id AS ligand, r.id AS receptor, t.id AS target,
       p.id AS process, i.hijacked_function AS hijacked_function
ORDER BY interaction
