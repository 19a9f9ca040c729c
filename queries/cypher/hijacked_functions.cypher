// title: Hijacked normal functions
// description: The normal immune or tissue functions the tumor co-opts, with how many pro-tumor
// description: interactions hijack each.
MATCH (i:Interaction {tumor_outcome: 'pro_tumor'})
WHERE i.hijacked_function IS NOT NULL
RETURN i.hijacked_function AS hijacked_function, count(DISTINCT i) AS interactions
ORDER BY interactions DESC, hijacked_function
