// Load a tmekg .cyjs export and its .style.json with cytoscape.js (headless) and print what it read as JSON:
// counts, the network's data (title, layers), every node's name and computed shape/colour, every edge's key data
// and computed style, warnings.
// usage: node read_cyjs.js GRAPH.cyjs STYLE.style.json
"use strict";
const fs = require("node:fs");
const cytoscape = require("cytoscape");

const [graphFile, styleFile] = process.argv.slice(2);
const warnings = [];
for (const level of ["warn", "error"]) {
  console[level] = (...args) => warnings.push(args.map(String).join(" "));
}
const doc = JSON.parse(fs.readFileSync(graphFile, "utf8"));
const styles = JSON.parse(fs.readFileSync(styleFile, "utf8"));
const cy = cytoscape({
  headless: true,
  styleEnabled: true,
  elements: doc.elements,
  style: styles[0].style,
  layout: { name: "preset" },
  data: doc.data,
});
const nodes = {};
cy.nodes().forEach((n) => {
  nodes[n.id()] = {
    name: n.data("name"),
    kind: n.data("kind"),
    shape: n.style("shape"),
    color: n.style("background-color"),
    x: n.position("x"),
  };
});
const edges = {};
cy.edges().forEach((e) => {
  edges[e.id()] = {
    source: e.source().id(),
    target: e.target().id(),
    sign: e.data("sign"),
    outcome: e.data("outcome"),
    evidence_level: e.data("evidence_level"),
    evidence: e.data("evidence"),
    line_color: e.style("line-color"),
    line_style: e.style("line-style"),
    arrow: e.style("target-arrow-shape"),
    width: e.style("width"),
    kind: e.data("kind"),
    layer: e.data("layer"),
    resource: e.data("resource"),
    resource_version: e.data("resource_version"),
    licence: e.data("licence"),
  };
});
process.stdout.write(
  JSON.stringify({ title: styles[0].title, network: cy.data(), nodes: cy.nodes().length, edges: cy.edges().length, nodeData: nodes, edgeData: edges, warnings }) + "\n",
  // cytoscape keeps timers alive: leave once the report is flushed
  () => process.exit(0),
);
