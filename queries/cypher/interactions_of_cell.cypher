// title: Interactions of a cell type
// description: Interactions a cell type (or a subtype or state of it) sends (role source) or receives (role
// description: target), with their process
// description: and tumor outcome.
// param: cell (cell_type) — the cell type's id, e.g. CL:0000815
MATCH (:CellType {id: $cell})<-[:BROADER*0..]-(:CellType)<-[r:SOURCE|TARGET]-(i:Interaction)-[:PROCESS]->(p:Process)
RETURN $cell AS cell, i.id AS interaction, toLower(type(r)) AS role, p.id AS process,
       i.tumor_outcome AS tumor_outcome
ORDER BY interaction, role
