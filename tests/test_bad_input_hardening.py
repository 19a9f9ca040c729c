"""Bad input that used to pass validation and crash later (issue 17, item 1): ids that are not IRI-safe or not
ASCII, invisible and control characters, ids that differ only in case, look-alike names, ``checked_against`` without
a source, truncated tables, FIFOs and symlink loops. Each class is a case of docs/bad-input.md, run through the CLI:
one line naming file, row and column, exit 2, nothing written."""

from __future__ import annotations

import csv
import io
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.test_bad_input import assert_documented, assert_refused
from tmekg.lint import lint_seed
from tmekg.model import Cancer, Confirmation, Reference
from tmekg.seed import MANIFEST, TABLES, manifest_text, read_seed
from tmekg.vocab import CURIE_PATTERNS, curie_error, curie_to_iri

runner = CliRunner()


def replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(seed: Path) -> None:
        path = seed / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{file} lacks {old!r}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")

    return mutate


def replace_everywhere(old: str, new: str) -> Callable[[Path], None]:
    """Replace an id in every table, so that only the id's own syntax is wrong (no dangling reference)."""

    def mutate(seed: Path) -> None:
        for table in TABLES:
            path = seed / table.filename
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(old, new), encoding="utf-8", newline="")

    return mutate


def append_row(file: str, row: str) -> Callable[[Path], None]:
    def mutate(seed: Path) -> None:
        with (seed / file).open("a", encoding="utf-8", newline="") as handle:
            handle.write(row + "\n")

    return mutate


def cut_last_bytes(file: str, count: int) -> Callable[[Path], None]:
    def mutate(seed: Path) -> None:
        path = seed / file
        path.write_bytes(path.read_bytes()[:-count])

    return mutate


def write_manifest(seed: Path) -> None:
    tables = {t.filename: (seed / t.filename).read_bytes() for t in TABLES if (seed / t.filename).is_file()}
    (seed / MANIFEST).write_text(manifest_text(tables), encoding="utf-8")


def cut_after_manifest(seed: Path) -> None:
    """The shipped seed's case: a manifest, then a copy cut exactly at a row boundary (the file still ends well)."""
    write_manifest(seed)
    path = seed / "interactions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8", newline="")


def bad_manifest(seed: Path) -> None:
    (seed / MANIFEST).write_text("whatever\n", encoding="utf-8")


def fifo(seed: Path) -> None:
    (seed / "cancers.csv").unlink()
    os.mkfifo(seed / "cancers.csv")


def symlink_loop(seed: Path) -> None:
    (seed / "cancers.csv").unlink()
    (seed / "cancers.csv").symlink_to("cancers.csv")


CYRILLIC_ER = "\u0420"
ARABIC_INDIC_5105 = "\u0660\u0660\u0660\u0665\u0661\u0660\u0665"
NEW_CELL_ROW = "tmekg:tam,macrophage state,,CL:0000235,,A second macrophage state."

# (class, mutation, file, row, column, words in the message) — documented in docs/bad-input.md
CATALOGUE: list[tuple[str, Callable[[Path], None], str, int, str, str]] = [
    ("DOI with a character an IRI cannot carry", replace_everywhere("PMID:11015443", "DOI:10.1084/jem<192>"),
     "references.csv", 2, "id", "percent-encode it (%3C)"),
    ("non-ASCII digits in an id", replace_everywhere("MONDO:0005105", "MONDO:" + ARABIC_INDIC_5105),
     "cancers.csv", 2, "id", "U+0660 ARABIC-INDIC DIGIT ZERO"),
    ("C1 control character in a cell", replace("cancers.csv", ",melanoma,", ",mela\u0085noma,"), "cancers.csv", 2,
     "label", "U+0085"),
    ("non-character in a cell", replace("molecules.csv", "Checkpoint ligand of PD-1.", "Checkpoint ligand\ufffe."),
     "molecules.csv", 3, "description", "U+FFFE non-character"),
    ("bidi override in a cell", replace("processes.csv", "tumor growth,+1", "tumor \u202egrowth,+1"), "processes.csv",
     3, "label", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("zero-width character in a name", replace("cell_types.csv", "|CTL,", "|C\u200bTL,"), "cell_types.csv", 3,
     "synonyms", "U+200B ZERO WIDTH SPACE"),
    ("ids that differ only in case", append_row("cell_types.csv", NEW_CELL_ROW), "cell_types.csv", 6, "id",
     "differs from tmekg:TAM (in the same table) only in case"),
    ("look-alike name (homoglyph)", replace("molecules.csv", "HGNC:18731,PD-L2,", f"HGNC:18731,{CYRILLIC_ER}D-L1,"),
     "molecules.csv", 4, "label", "looks like 'PD-L1' of HGNC:17635 but is spelled with U+0420 CYRILLIC CAPITAL"),
    ("checked_against without a source", replace("references.csv", "J Exp Med,,", "J Exp Med,,seen it"),
     "references.csv", 2, "checked_against", "'seen it' does not say where"),
    ("checked_against with a bad locator", replace("references.csv", "J Exp Med,,", "J Exp Med,,page: PubMed"),
     "references.csv", 2, "checked_against", "is not an http(s) URL"),
    ("table cut inside its last row", cut_last_bytes("interactions.csv", 10), "interactions.csv", 3, "",
     "does not end with a line break"),
    ("table cut at a row boundary (manifest)", cut_after_manifest, "interactions.csv", 0, "",
     "1 data rows, but MANIFEST.tsv records 2"),
    ("malformed manifest", bad_manifest, "MANIFEST.tsv", 1, "", "the header is not"),
    ("FIFO in place of a table", fifo, "cancers.csv", 0, "", "a FIFO (named pipe), not a regular file"),
    ("symlink loop", symlink_loop, "cancers.csv", 0, "", "symbolic link that loops"),
]  # fmt: skip


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail instead of hanging (a FIFO used to block the reader forever)."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError("the command did not finish in 60 s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    ("label", "mutate", "file", "row", "column", "words"), CATALOGUE, ids=[c[0] for c in CATALOGUE]
)
def test_catalogue(
    mini_seed: Path, tmp_path: Path, deadline: None, label: str, mutate: Callable[[Path], None], file: str, row: int,
    column: str, words: str,
) -> None:  # fmt: skip
    assert_refused(mini_seed, tmp_path, label, mutate, file, row, column, words)


def test_catalogue_is_documented() -> None:
    assert_documented(CATALOGUE)


# --- ids: one grammar per prefix, ASCII, IRI-safe ---------------------------------------------------------------


@pytest.mark.parametrize("char", ["<", ">", '"', "{", "}", "^", "\\", "`", "|", " "])
def test_doi_refuses_what_an_iri_cannot_carry(char: str) -> None:
    assert curie_error(f"DOI:10.1000/a{char}b") is not None
    assert curie_error(f"DOI:10.1000/a%{ord(char):02X}b") is None, "the percent-escaped form is the way to write it"


@pytest.mark.parametrize(
    "digits",
    [
        "\u0660\u0660\u0660\u0662\u0665\u0662\u0669",  # Arabic-Indic
        "\uff10\uff10\uff10\uff12\uff15\uff12\uff19",  # fullwidth
        "\u0966\u0966\u0966\u0968\u096b\u0968\u096f",  # Devanagari
    ],
)
@pytest.mark.parametrize("prefix", ["CL", "MONDO", "GO", "HGNC", "CHEBI", "PMID", "DRUGBANK", "clinicaltrials"])
def test_unicode_digits_are_refused_in_every_prefix(prefix: str, digits: str) -> None:
    assert digits.isdigit(), "Python's \\d matches these"
    local = {"DRUGBANK": "DB" + digits[:5], "clinicaltrials": "NCT" + digits + "0"}.get(prefix, digits[:5])
    problem = curie_error(f"{prefix}:{local}")
    assert problem is not None
    assert "printable ASCII" in problem


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_every_accepted_id_is_an_ascii_iri(data: st.DataObject) -> None:
    """Whatever local part a prefix's grammar accepts expands to an IRI that a strict RDF parser accepts."""
    import pyoxigraph

    prefix = data.draw(st.sampled_from(sorted(CURIE_PATTERNS)))
    local = data.draw(st.from_regex(CURIE_PATTERNS[prefix][0], fullmatch=True))
    if curie_error(f"{prefix}:{local}") is not None:  # hypothesis may draw what fullmatch refuses; nothing to check
        return
    assert local.isascii()
    assert local.isprintable()
    pyoxigraph.NamedNode(curie_to_iri(f"{prefix}:{local}"))  # raises on an invalid IRI


BIOREGISTRY = {
    "CL": "cl", "CHEBI": "chebi", "GO": "go", "MONDO": "mondo", "NCIT": "ncit", "HGNC": "hgnc",
    "DRUGBANK": "drugbank", "PMID": "pubmed", "clinicaltrials": "clinicaltrials", "DOI": "doi",
}  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_grammar_is_never_looser_than_bioregistry(data: st.DataObject) -> None:
    if os.environ.get("TMEKG_REQUIRE_GROUND") != "1":
        pytest.importorskip("bioregistry")
    import bioregistry

    prefix = data.draw(st.sampled_from(sorted(BIOREGISTRY)))
    local = data.draw(st.from_regex(CURIE_PATTERNS[prefix][0], fullmatch=True))
    if curie_error(f"{prefix}:{local}") is None:
        assert bioregistry.is_valid_identifier(BIOREGISTRY[prefix], local), (prefix, local)


def test_every_prefix_is_in_the_bioregistry_check() -> None:
    assert set(CURIE_PATTERNS) - set(BIOREGISTRY) == {"tmekg"}


# --- text fields --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "char", ["\x00", "\x1b", "\x7f", "\x85", "\x9f", "\u200b", "\u200d", "\u2060", "\ufeff", "\u202a", "\u202e",
             "\u2066", "\u2069", "\u200f", "\u2028", "\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff"],
)  # fmt: skip
def test_text_fields_refuse_invisible_and_control_characters(char: str) -> None:
    with pytest.raises(ValueError, match=f"U\\+{ord(char):04X}"):
        Cancer.model_validate({"id": "MONDO:0005105", "label": f"mel{char}anoma"})


def test_text_fields_keep_greek_letters_and_dashes() -> None:
    cancer = Cancer.model_validate({"id": "MONDO:0005105", "label": "melanoma", "synonyms": "IFN-γ–driven|TGF-β"})
    assert cancer.synonyms == ("IFN-γ–driven", "TGF-β")


# --- checked_against --------------------------------------------------------------------------------------------


def test_every_shipped_source_has_a_kind_and_locator() -> None:
    from tmekg.resources import seed_dir

    read = read_seed(seed_dir())
    kg = read.graph()
    sources = [r.confirmation for r in kg.references] + [Confirmation.parse(t.checked_against) for t in kg.trials]
    assert all(s is not None and s.locator for s in sources)
    assert {s.kind.value for s in sources if s is not None} >= {"page", "pmc", "pubmed", "site", "code"}


def test_partial_is_read_from_the_note() -> None:
    ref = Reference.model_validate(
        {"id": "PMID:1", "authors": "A B et al.", "year": "2000", "title": "t", "journal": "j",
         "checked_against": "page: https://pubmed.ncbi.nlm.nih.gov/1/ (title) [PARTIAL]"}
    )  # fmt: skip
    assert ref.confirmed
    assert ref.partial
    assert ref.confirmation is not None
    assert ref.confirmation.locator == "https://pubmed.ncbi.nlm.nih.gov/1/"


# --- truncation and the manifest ------------------------------------------------------------------------------------


def test_lint_records_an_edit_in_the_manifest(mini_seed: Path) -> None:
    write_manifest(mini_seed)
    append_row("cell_types.csv", "tmekg:TAM2,second state,,tmekg:TAM,,A state.")(mini_seed)
    found = read_seed(mini_seed).problems
    assert [p.message for p in found if p.file == "cell_types.csv"] == [
        "5 data rows, but MANIFEST.tsv records 4: the file was cut short or edited"
    ]
    assert lint_seed(mini_seed) == [MANIFEST]
    assert read_seed(mini_seed).problems == []


def test_a_changed_cell_with_the_same_rows_is_a_warning(mini_seed: Path) -> None:
    write_manifest(mini_seed)
    replace("cancers.csv", ",melanoma,", ",skin melanoma,")(mini_seed)
    (problem,) = read_seed(mini_seed).problems
    assert (problem.file, problem.severity) == ("cancers.csv", "warning")
    assert "changed since MANIFEST.tsv was written" in problem.message


def test_lint_refuses_to_complete_a_cut_table(mini_seed: Path) -> None:
    from tmekg.errors import SeedError

    write_manifest(mini_seed)
    before = (mini_seed / MANIFEST).read_bytes()
    cut_last_bytes("interactions.csv", 10)(mini_seed)
    with pytest.raises(SeedError, match="does not end with a line break"):
        lint_seed(mini_seed)
    assert (mini_seed / MANIFEST).read_bytes() == before, "the manifest keeps the whole table's count"


def test_shipped_seed_has_a_current_manifest() -> None:
    from tmekg.resources import seed_dir

    path = seed_dir() / MANIFEST
    rows = {line.split("\t")[0]: int(line.split("\t")[1]) for line in path.read_text().splitlines()[2:]}
    for table in TABLES:
        text = (seed_dir() / table.filename).read_text(encoding="utf-8")
        assert rows[table.filename] == sum(1 for _ in csv.reader(io.StringIO(text))) - 1


def test_store_key_covers_the_manifest(mini_seed: Path) -> None:
    from tmekg.store import seed_key

    write_manifest(mini_seed)
    before = seed_key(mini_seed)
    (mini_seed / MANIFEST).write_text((mini_seed / MANIFEST).read_text().replace("\t2\t", "\t9\t"))
    assert seed_key(mini_seed) != before
