"""Find the shipped seed tables and query catalogue, in an installed wheel or in a checkout."""

from __future__ import annotations

from pathlib import Path

from tmekg.errors import InputError

__all__ = ["ontology_path", "queries_dir", "seed_dir", "shapes_path"]

_PACKAGE = Path(__file__).resolve().parent


def _find(*parts: str) -> Path:
    installed = _PACKAGE.joinpath("_data", *parts)  # the wheel force-includes data/ and queries/ here
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent.joinpath(*parts)  # src/tmekg -> repository root
    if checkout.is_dir():
        return checkout
    raise InputError(f"cannot find the shipped {'/'.join(parts)} (looked in {installed} and {checkout})")


def seed_dir() -> Path:
    """The directory of the shipped seed tables."""
    return _find("data", "seed")


def queries_dir() -> Path:
    """The directory of the shipped query catalogue (``sparql/`` and ``cypher/``)."""
    return _find("queries")


def ontology_path() -> Path:
    """The tmekg OWL/RDFS ontology (Turtle) shipped inside the package."""
    return _PACKAGE / "ontology" / "tmekg.ttl"


def shapes_path() -> Path:
    """The SHACL shapes of the RDF view (Turtle) shipped inside the package."""
    return _PACKAGE / "ontology" / "shapes.ttl"
