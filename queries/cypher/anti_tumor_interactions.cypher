// title: Anti-tumor interactions
// description: Interactions whose curated outcome restrains the tumor, with sender, ligand, receptor,
// description: receiver and the process they act on.
MATCH (i:Interaction {tumor_outcome: 'anti_tumor'})-[:PROCESS]->(p:Process)
OPTIONAL MATCH (i)-[:SOURCE]->(s:CellType)
OPTIONAL MATCH (i)-[:LIGAND]->(l:Molecule)
OPTIONAL MATCH (i)-[:RECEPTOR]->(r:Molecule)
OPTIONAL MATCH (i)-[:TARGET]->(t:CellType)
RETURN i.id AS interaction, s.id AS source, l.id AS ligand, r.id AS receptor, t.id AS target, p.id AS process
ORDER BY interaction
