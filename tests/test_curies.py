"""CURIE <-> IRI through one ``curies`` converter (tmekg.vocab)."""

from __future__ import annotations

import pytest

from tmekg.vocab import CURIE_PATTERNS, curie_converter, curie_to_iri, iri_prefix, iri_to_curie

EXAMPLES = {
    "CL": "0000625",
    "CHEBI": "17234",
    "GO": "0006955",
    "MONDO": "0007254",
    "NCIT": "C2924",
    "HGNC": "17635",
    "DRUGBANK": "DB09037",
    "PMID": "25034862",
    "clinicaltrials": "NCT02477826",
    "DOI": "10.1038/nature13954",
    "tmekg": "tumor_growth",
}


def test_every_prefix_has_an_example() -> None:
    assert set(EXAMPLES) == set(CURIE_PATTERNS)


@pytest.mark.parametrize("prefix", sorted(EXAMPLES))
def test_round_trip(prefix: str) -> None:
    curie = f"{prefix}:{EXAMPLES[prefix]}"
    iri = curie_to_iri(curie)
    assert iri == iri_prefix(prefix) + EXAMPLES[prefix]
    assert iri_to_curie(iri) == curie
    assert curie_converter().expand(curie) == iri  # the fast path agrees with curies' own expansion


def test_the_converter_carries_the_patterns() -> None:
    assert curie_converter().pattern_map == {p: pattern.pattern for p, (pattern, _) in CURIE_PATTERNS.items()}


def test_unknown_prefix_and_foreign_iri() -> None:
    with pytest.raises(ValueError, match="unknown prefix 'FOO'"):
        curie_to_iri("FOO:1")
    assert iri_to_curie("https://example.org/x") is None
