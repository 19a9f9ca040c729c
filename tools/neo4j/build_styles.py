"""Regenerate tools/neo4j/tmekg.grass (Neo4j Browser) and tools/neo4j/tmekg-perspective.json (Bloom).

Run after changing tmekg's Neo4j labels, relationship types or colours:
``.venv/bin/python tools/neo4j/build_styles.py``.
The test ``tests/export/test_neo4j_style.py`` fails when the shipped files differ from what this writes.
"""

from __future__ import annotations

from pathlib import Path

from tmekg.atomic import write_text
from tmekg.export.neo4j_style import bloom_json, grass

HERE = Path(__file__).resolve().parent
GRASS = HERE / "tmekg.grass"
PERSPECTIVE = HERE / "tmekg-perspective.json"


def main() -> None:
    write_text(GRASS, grass())
    write_text(PERSPECTIVE, bloom_json())
    print(f"wrote {GRASS} and {PERSPECTIVE}")


if __name__ == "__main__":
    main()
