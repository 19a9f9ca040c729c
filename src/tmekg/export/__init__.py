"""File exports of a knowledge graph (or of an answer's subgraph)."""
