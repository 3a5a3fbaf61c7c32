// Test-only: read a GEXF file with graphology-gexf (the parser of Gephi Lite) and print what it
// read as JSON: {order, size, nodes: {key: attributes}, edges: [[source, target, attributes]]}.
// Usage: node read_gexf.cjs FILE.gexf
'use strict';
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf/node');

const graph = gexf.parse(Graph, fs.readFileSync(process.argv[2], 'utf-8'));
const nodes = {};
graph.forEachNode((key, attrs) => { nodes[key] = attrs; });
const edges = [];
graph.forEachEdge((key, attrs, source, target) => { edges.push([source, target, attrs]); });
process.stdout.write(JSON.stringify({type: graph.type, order: graph.order, size: graph.size, nodes, edges}));
