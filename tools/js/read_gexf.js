// Parse a GEXF file with graphology-gexf (an independent reader) and print what it read as JSON.
// usage: node read_gexf.js GRAPH.gexf
"use strict";
const fs = require("node:fs");
const { MultiDirectedGraph } = require("graphology");
const gexf = require("graphology-gexf");

const graph = gexf.parse(MultiDirectedGraph, fs.readFileSync(process.argv[2], "utf8"));
const nodes = {};
graph.forEachNode((id, a) => {
  nodes[id] = a;
});
const edges = {};
graph.forEachEdge((id, a, source, target) => {
  edges[id] = { ...a, source, target };
});
const attributes = graph.getAttributes(); // the <meta> elements: creator, keywords, description
process.stdout.write(JSON.stringify({ order: graph.order, size: graph.size, attributes, nodes, edges }) + "\n", () => process.exit(0));
