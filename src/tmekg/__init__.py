"""tmekg: a curated knowledge graph of tumor–immune interactions.

Importing the package does nothing but define names; :func:`load` reads and validates the seed tables.

>>> import tmekg
>>> kg = tmekg.load()  # doctest: +SKIP
>>> kg.lookup("PD-L1").id  # doctest: +SKIP
'HGNC:17635'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["KnowledgeGraph", "__version__", "annotate", "load"]
__version__ = "0.2.0"

if TYPE_CHECKING:
    from tmekg.kg import KnowledgeGraph
    from tmekg.seed import load
    from tmekg.singlecell.annotate import annotate


def __getattr__(name: str) -> Any:
    if name == "load":
        from tmekg.seed import load

        return load
    if name == "annotate":
        from tmekg.singlecell.annotate import annotate

        return annotate
    if name == "KnowledgeGraph":
        from tmekg.kg import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'tmekg' has no attribute {name!r}")
