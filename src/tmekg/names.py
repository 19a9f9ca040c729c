"""Names that forgive: how a name a person types reaches one entity.

One resolver serves every command (through :meth:`tmekg.kg.KnowledgeGraph.lookup`) and the HTML view's search
(which receives each entity's keys from :func:`name_keys` and the folding tables below, and folds a query the same
way; a name no key reaches is matched there by a small edit distance, as a self-contained page cannot load
rapidfuzz). Tiers, tried in order; the first that matches answers, and several entities matching in one tier
make the name ambiguous:

1. ``id``: the CURIE, case-insensitive (``hgnc:17635``);
2. ``name``: a label, symbol or synonym, case-insensitive (``pd-l1``, ``Treg``, ``aldesleukin``);
3. ``folded``: the same after :func:`fold` — Unicode-normalised, Greek letters spelled out, British spellings made
   American, spaces, hyphens and punctuation dropped (``PD L1``, ``TGF-β``, ``tumour growth``);
4. ``greek_short``: Greek letter names shortened to their first letter on both sides (``TGFb``, ``NFkB``);
5. ``previous_symbol`` / ``alias_symbol``: an HGNC previous or alias symbol of a protein in the graph, from the
   shipped ``symbol_table.tsv`` (``SCYA2`` is CCL2);
6. ``plural``: tiers 3 and 4 again with a trailing ``s`` dropped (``Tregs``, ``TAMs``, ``NK cells``).

Abbreviations (CD8, NK, MHC-I, Treg, TAM, MDSC …) are data: the entities' ``synonyms`` in the seed. A name that
no tier reaches gets the three nearest names as suggestions, scored by rapidfuzz (a maintained, fast C++
implementation of the string metrics: normalised edit similarity, the same with the words sorted so that word
order does not count, and for several words how well each is found; see :data:`SUGGEST_CUTOFF`).

>>> fold("TGF-β1"), fold("tgf beta 1"), fold("PD L1"), fold("Tumour growth")
('tgfbeta1', 'tgfbeta1', 'pdl1', 'tumorgrowth')
>>> greek_short(fold("TGF-beta")), greek_short(fold("NF-κB"))
('tgfb', 'nfkb')
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tmekg.model import Entity, Molecule

__all__ = [
    "GREEK",
    "GREEK_SHORT",
    "SPELLINGS",
    "SUGGEST_CUTOFF",
    "TIERS",
    "Ambiguous",
    "NameIndex",
    "Resolution",
    "fold",
    "greek_short",
    "hgnc_symbols",
    "kind_name",
    "name_keys",
    "query_keys",
    "singular",
]

#: Greek letters as their names (``TGF-β`` and ``TGF-beta`` are one name).
GREEK: dict[str, str] = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta",
    "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi",
    "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}  # fmt: skip
#: Greek letter names that molecule names shorten to their first letter (``TGFb``, ``IL1b``, ``IFNg``, ``NFkB``).
GREEK_SHORT: tuple[str, ...] = ("alpha", "beta", "gamma", "delta", "kappa", "epsilon")
#: British spellings -> American, applied in this order to the lower-cased text (``tumour``, ``haematopoietic``,
#: ``oesophageal``, ``leukaemia``, ``polarisation``, ``signalling``).
SPELLINGS: dict[str, str] = {
    "tumour": "tumor",
    "signalling": "signaling",
    "labelled": "labeled",
    "modelling": "modeling",
    "colour": "color",
    "behaviour": "behavior",
    "favour": "favor",
    "centre": "center",
    "fibre": "fiber",
    "haem": "hem",
    "aemia": "emia",
    "leukaem": "leukem",
    "anaem": "anem",
    "ischaem": "ischem",
    "oesophag": "esophag",
    "oestr": "estr",
    "oedema": "edema",
    "foet": "fet",
    "paediatr": "pediatr",
    "gynaec": "gynec",
    "isation": "ization",
    "ising": "izing",
    "ised": "ized",
}
_NOT_WORD = re.compile(r"[\W_]+")
_SHORT = re.compile("|".join(GREEK_SHORT))
#: Tiers in the order they are tried (see the module docstring).
TIERS: tuple[str, ...] = ("id", "name", "folded", "greek_short", "previous_symbol", "alias_symbol", "plural")
#: Which names of an entity rank first when ``first`` picks among ambiguous candidates.
_NAME_RANK = {"id": 0, "label": 1, "symbol": 2, "synonym": 3, "previous_symbol": 4, "alias_symbol": 5}
SYMBOL_TABLE = Path(__file__).resolve().parent / "symbol_table.tsv"


_GREEK_TABLE = str.maketrans(GREEK)
_BRITISH = re.compile("|".join(re.escape(b) for b in SPELLINGS))


def _spelled(text: str) -> str:
    ascii_only = text.isascii()  # the common case: nothing to normalise and no Greek letter
    folded = text.lower() if ascii_only else unicodedata.normalize("NFKC", text).casefold().translate(_GREEK_TABLE)
    if _BRITISH.search(folded):  # rare: then the replacements in their order, as the HTML view applies them
        for british, american in SPELLINGS.items():
            folded = folded.replace(british, american)
    return folded


def fold(text: str) -> str:
    """A name folded for matching: Unicode-normalised, lower case, Greek letters spelled out, British spellings
    made American, and spaces, hyphens and punctuation dropped."""
    return _NOT_WORD.sub("", _spelled(text))


def greek_short(key: str) -> str:
    """A folded key with the Greek letter names of :data:`GREEK_SHORT` shortened to their first letter."""
    return _SHORT.sub(lambda m: m.group(0)[0], key)


def singular(key: str) -> str | None:
    """The folded key without a plural ``s`` (``tregs`` -> ``treg``, ``nkcells`` -> ``nkcell``), or ``None``."""
    if len(key) > 3 and key.endswith("s") and not key.endswith("ss"):
        return key[:-1]
    return None


def query_keys(text: str) -> list[str]:
    """The keys a query is looked up by, in tier order: folded, Greek-short, then the same without a plural ``s``
    (the HTML view's search computes the same list)."""
    key = fold(text)
    keys = [key, greek_short(key)]
    alone = singular(key)
    if alone:
        keys += [alone, greek_short(alone)]
    return list(dict.fromkeys(k for k in keys if k))


def _soft(text: str) -> str:
    """A name for fuzzy scoring: folded like :func:`fold` but with words kept apart."""
    return " ".join(_NOT_WORD.sub(" ", _spelled(text)).split())


def kind_name(entity: Entity) -> str:
    """The entity's kind as words (``cell type``)."""
    return entity.kind.value.replace("_", " ")


@dataclass(frozen=True)
class Resolution:
    """A name resolved: the entity, the tier that matched (:data:`TIERS`, or ``first`` when an ambiguous name was
    settled by taking its first candidate) and the entity's name that matched."""

    entity: Entity
    how: str
    matched: str

    @property
    def note(self) -> str:
        """One line saying how a forgiving match read the name (empty for an id, a label or a symbol)."""
        if self.how == "id" or (self.how == "name" and self.matched.casefold() in _primary(self.entity)):
            return ""
        how = {
            "name": "its synonym",
            "previous_symbol": "its previous HGNC symbol",
            "alias_symbol": "its HGNC alias symbol",
            "first": "taking the first candidate, named",
        }.get(self.how, "its name")
        entity = self.entity
        return f"read as {entity.label} [{entity.id}] ({kind_name(entity)}) by {how} {self.matched!r}"


@dataclass(frozen=True)
class Ambiguous:
    """Several entities match a name equally well in one tier, best first (label before symbol before synonym,
    then by id)."""

    name: str
    tier: str
    candidates: tuple[Resolution, ...]


#: name key -> {entity id: (which name: label, symbol, synonym, ...; the name itself)}
_Table = dict[str, dict[str, tuple[str, str]]]


@dataclass
class NameIndex:
    """Every name of every entity, by exact name, folded key and Greek-short key; built once per graph."""

    entities: dict[str, Entity] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    exact: _Table = field(default_factory=dict)
    folded: _Table = field(default_factory=dict)
    short: _Table = field(default_factory=dict)
    symbol_table: Path | None = SYMBOL_TABLE
    _symbols: _Table | None = None
    _fuzzy: dict[frozenset[str] | None, tuple[list[str], list[str], dict[str, list[int]]]] = field(default_factory=dict)

    @classmethod
    def build(cls, entities: Iterable[Entity], symbol_table: Path | None = SYMBOL_TABLE) -> NameIndex:
        """Index ``entities``; ``symbol_table`` (read on first need) gives previous and alias HGNC symbols."""
        index = cls(symbol_table=symbol_table)
        for entity in entities:
            if entity.id in index.entities:
                continue
            index.entities[entity.id] = entity
            index.ids.setdefault(entity.id.casefold(), entity.id)
            for how, name in _names(entity):
                key = fold(name)
                _add(index.exact, name.strip().casefold(), entity.id, how, name)
                _add(index.folded, key, entity.id, how, name)
                _add(index.short, greek_short(key), entity.id, how, name)
        return index

    def symbols(self) -> _Table:
        """Previous and alias HGNC symbols (case-folded) of the proteins in the graph, from the shipped table."""
        if self._symbols is None:
            self._symbols = {}
            table = hgnc_symbols(self.symbol_table) if self.symbol_table is not None else {}
            for entity_id in self.entities:
                for how, symbol in table.get(entity_id, ()):
                    _add(self._symbols, symbol.casefold(), entity_id, how, symbol)
        return self._symbols

    def resolve(self, name: str, wanted: Iterable[str] | None = None) -> Resolution | Ambiguous | None:
        """The entity ``name`` names among the kinds in ``wanted`` (all when ``None``): a :class:`Resolution`,
        an :class:`Ambiguous` set of candidates, or ``None`` when no tier matches."""
        kinds = set(wanted) if wanted is not None else None
        text = name.strip()
        exact = text.casefold()
        key = fold(text)
        ids = {self.ids[exact]: ("id", self.ids[exact])} if exact in self.ids else {}
        symbols = self.symbols().get(exact, {}) if exact else {}
        alone = singular(key)
        plural = (self.folded.get(alone) or self.short.get(greek_short(alone), {})) if alone else {}
        for tier, hits in (
            ("id", ids),
            ("name", self.exact.get(exact, {})),
            ("folded", self.folded.get(key, {})),
            ("greek_short", self.short.get(greek_short(key), {})),
            ("previous_symbol", {i: v for i, v in symbols.items() if v[0] == "previous_symbol"}),
            ("alias_symbol", {i: v for i, v in symbols.items() if v[0] == "alias_symbol"}),
            ("plural", plural),
        ):
            chosen = {i: v for i, v in hits.items() if kinds is None or self.entities[i].kind.value in kinds}
            if len(chosen) == 1:
                entity_id, (_, matched) = next(iter(chosen.items()))
                return Resolution(self.entities[entity_id], tier, matched)
            if chosen:
                ranked = sorted(chosen, key=lambda i: (_NAME_RANK[chosen[i][0]], i))
                return Ambiguous(name, tier, tuple(Resolution(self.entities[i], tier, chosen[i][1]) for i in ranked))
        return None

    def suggest(self, name: str, wanted: Iterable[str] | None = None, limit: int = 3) -> list[Entity]:
        """The ``limit`` entities (of the kinds ``wanted``) whose names are nearest to ``name``, nearest first
        (scored as :data:`SUGGEST_CUTOFF` says)."""
        from rapidfuzz import fuzz, process

        texts, owners, words = self._choices(wanted)
        query = _soft(name)
        if not query or not texts:
            return []
        best: dict[int, float] = {}
        for scorer in (fuzz.ratio, fuzz.token_sort_ratio):  # edit similarity, then the same ignoring word order
            for _, score, i in process.extract(
                query, texts, scorer=scorer, limit=10 * limit, score_cutoff=SUGGEST_CUTOFF
            ):
                best[i] = max(score, best.get(i, 0.0))
        asked = query.split()
        if len(asked) > 1:  # several words: how well each is found among a name's words (names sharing a near word)
            vocabulary = list(words)
            near = [
                {vocabulary[j]: score for _, score, j in process.extract(w, vocabulary, scorer=fuzz.ratio, limit=None,
                                                                          score_cutoff=WORD_CUTOFF)}
                for w in asked
            ]  # fmt: skip
            for i in {i for found in near for word in found for i in words[word]}:
                theirs = texts[i].split()
                covered = sum(max(found.get(t, 0.0) for t in theirs) for found in near) / len(asked)
                if COVERAGE_WEIGHT * covered >= SUGGEST_CUTOFF:
                    best[i] = max(best.get(i, 0.0), COVERAGE_WEIGHT * covered)
        out: list[Entity] = []
        for i in sorted(best, key=lambda i: (-best[i], len(texts[i]), texts[i])):
            entity = self.entities[owners[i]]
            if entity not in out:
                out.append(entity)
        return out[:limit]

    def _choices(self, wanted: Iterable[str] | None) -> tuple[list[str], list[str], dict[str, list[int]]]:
        """The names suggestions are drawn from (for these kinds, built once): their texts as scored, the entity
        each names, and which names hold each word."""
        key = frozenset(wanted) if wanted is not None else None
        if key not in self._fuzzy:
            owner: dict[str, str] = {}
            for entity in self.entities.values():
                if key is None or entity.kind.value in key:
                    for how, each in _names(entity):
                        if how != "id":
                            owner.setdefault(_soft(each), entity.id)
            texts = list(owner)
            words: dict[str, list[int]] = {}
            for i, text in enumerate(texts):
                for word in set(text.split()):
                    words.setdefault(word, []).append(i)
            self._fuzzy[key] = (texts, [owner[t] for t in texts], words)
        return self._fuzzy[key]


#: Lowest similarity (0-100) for a name to be suggested: the best of rapidfuzz's ``ratio`` and ``token_sort_ratio``
#: and, for a query of several words, :data:`COVERAGE_WEIGHT` times how well each query word is found among the
#: name's words (``lung cancer`` -> ``small cell lung cancer``).
SUGGEST_CUTOFF = 60
COVERAGE_WEIGHT = 0.95
#: Lowest ``ratio`` for a word of the query to count as found among a name's words.
WORD_CUTOFF = 50


def name_keys(names: Iterable[str]) -> list[str]:
    """The keys an entity with these names (id, label, symbol, synonyms, previous symbols) is found by: their
    folded and Greek-short keys. The HTML view's search compares a query's :func:`query_keys` with them."""
    return sorted({k for name in names for k in (fold(name), greek_short(fold(name))) if k})


@cache
def hgnc_symbols(path: Path = SYMBOL_TABLE) -> dict[str, tuple[tuple[str, str], ...]]:
    """HGNC id -> its previous and alias symbols in the symbol table at ``path``, as ``(previous_symbol |
    alias_symbol, symbol)``; empty when the file is missing (a checkout without the table)."""
    out: dict[str, list[tuple[str, str]]] = {}
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row["kind"] in ("previous", "alias"):
                    out.setdefault(row["hgnc_id"], []).append((f"{row['kind']}_symbol", row["symbol"]))
    return {key: tuple(value) for key, value in out.items()}


def _primary(entity: Entity) -> set[str]:
    symbol = entity.symbol if isinstance(entity, Molecule) and entity.symbol else entity.label
    return {entity.label.casefold(), symbol.casefold()}


def _names(entity: Entity) -> list[tuple[str, str]]:
    names = [("id", entity.id), ("label", entity.label)]
    if isinstance(entity, Molecule) and entity.symbol:
        names.append(("symbol", entity.symbol))
    names += [("synonym", s) for s in entity.synonyms]
    return names


def _add(table: _Table, key: str, entity_id: str, how: str, name: str) -> None:
    """Index ``name`` under ``key``, keeping for each entity its best-ranked name there."""
    if not key or how == "id":
        return
    found = table.setdefault(key, {})
    if entity_id not in found or _NAME_RANK[how] < _NAME_RANK[found[entity_id][0]]:
        found[entity_id] = (how, name)
