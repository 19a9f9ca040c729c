// title: Hijacked normal functions
// description: The normal immune or tissue functions the tumor co-opts, by kind and exact function, with how
// description: many pro-tumor interactions hijack each.
MATCH (i:Interaction {tumor_outcome: 'pro_tumor'})
WHERE i.hijacked_function IS NOT NULL AND i.hijacked_category IS NOT NULL
RETURN i.hijacked_category AS hijacked_category, i.hijacked_function AS hijacked_function,
       count(DISTINCT i) AS interactions
ORDER BY hijacked_category, interactions DESC, hijacked_function
