// title: Signed paths
// description: Signed simple paths from one entity to another over the direct relationships (SENDS, BINDS,
// description: INCREASES/DECREASES, MAKES, PROMOTES/RESTRAINS and a therapy's action), at most max_hops
// description: relationships (1 to 6), with the node sequence, the edge keys of `tmekg path` (produces, binds,
// description: increases, decreases, makes, polarity, part_of, has_form, the action) and the net sign (the product
// description: of the relationships' `sign`), shortest and strongest first. The rules of `tmekg path` apply: a
// description: path follows one signal (at most one BINDS; an agonist is not followed by a binding), enters a
// description: complex through a subunit (HAS_SUBUNIT read backwards) only right after a therapy acts on the
// description: subunit, and reaches a molecular form (FORM_OF read backwards) only right after a therapy that
// description: blocks or inhibits the molecule. Same path set as `tmekg path FROM TO --max-hops N`.
// param: source (entity) — where the paths start, e.g. DRUGBANK:DB09037 (pembrolizumab)
// param: target (entity) — where they end, e.g. tmekg:tumor_growth
// param: max_hops (integer 1..6) — the longest path in edges, 1 to 6
MATCH (s:Tmekg {id: $source})
MATCH (t:Tmekg {id: $target})
WHERE s <> t AND 1 <= toInteger($max_hops) <= 6
CALL (s, t) {
  // along the signals only
  MATCH p = (s)-[rs:SENDS|BINDS|INCREASES|DECREASES|MAKES|PROMOTES|RESTRAINS*1..6]->(t)
  RETURN nodes(p) AS path, [r IN rs | type(r)] AS types, [r IN rs | r.sign] AS signs, [r IN rs | r.weight] AS weights
  UNION
  // a therapy's signed action (or the process a drug-made action drives), then the signals
  MATCH (s:Therapy)-[a]->(x)
  WHERE a.sign IS NOT NULL
  MATCH p = (x)-[rs:SENDS|BINDS|INCREASES|DECREASES|MAKES|PROMOTES|RESTRAINS*0..5]->(t)
  RETURN [s] + nodes(p) AS path, [type(a)] + [r IN rs | type(r)] AS types, [a.sign] + [r IN rs | r.sign] AS signs,
         [a.weight] + [r IN rs | r.weight] AS weights
  UNION
  // a therapy's action, then a complex holding its target or (blocking, inhibiting) a form of it, then the signals
  MATCH (s:Therapy)-[a]->(x)<-[h:HAS_SUBUNIT|FORM_OF]-(y)
  WHERE a.sign IS NOT NULL AND (type(h) = 'HAS_SUBUNIT' OR a.reaches_forms)
  MATCH p = (y)-[rs:SENDS|BINDS|INCREASES|DECREASES|MAKES|PROMOTES|RESTRAINS*0..4]->(t)
  RETURN [s, x] + nodes(p) AS path, [type(a), type(h)] + [r IN rs | type(r)] AS types,
         [a.sign, 1] + [r IN rs | r.sign] AS signs, [a.weight, 1.0] + [r IN rs | r.weight] AS weights
}
WITH path, types, signs, weights
WHERE size(types) <= toInteger($max_hops)
  AND size([x IN types WHERE x = 'BINDS']) <= 1
  AND NOT (types[0] = 'AGONIZES' AND types[1] = 'BINDS')
  AND all(i IN range(0, size(path) - 2) WHERE NOT path[i] IN path[i + 1..])
WITH path, types, signs, reduce(weight = 1.0, x IN weights | CASE WHEN x < weight THEN x ELSE weight END) AS weight
RETURN $source AS source, $target AS target, toInteger($max_hops) AS max_hops, size(types) AS hops,
       reduce(sign = 1, x IN signs | sign * x) AS sign,
       reduce(ids = '', n IN path | ids + CASE ids WHEN '' THEN '' ELSE ' > ' END + n.id) AS path,
       reduce(keys = '', x IN types | keys + CASE keys WHEN '' THEN '' ELSE ' ' END + CASE x
         WHEN 'SENDS' THEN 'produces'
         WHEN 'PROMOTES' THEN 'polarity'
         WHEN 'RESTRAINS' THEN 'polarity'
         WHEN 'HAS_SUBUNIT' THEN 'part_of'
         WHEN 'FORM_OF' THEN 'has_form'
         ELSE toLower(x)
       END) AS predicates
ORDER BY hops, weight DESC, path, predicates
