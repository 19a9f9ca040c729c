"""Store and load imported tiers: ``<dir>/<resource>.tsv`` (the pairs) and ``<dir>/<resource>.json`` (provenance).

Both files are written atomically, the pairs first and the provenance last: the provenance records the size and
SHA-256 of the pairs file, and :func:`load_tier` refuses a pairs file that does not match it (a re-import
interrupted between the two renames, or a file edited by hand), so new pairs are never read with the old
provenance. A directory holds at most one tier per resource, and :func:`load_tiers` reads every tier in it
(sorted by resource) so that any command can say which layers it loaded.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from tmekg.atomic import write_text
from tmekg.errors import InputError
from tmekg.importers.base import CURATED_LAYER, ImportedPair, Tier

__all__ = ["layers", "load_tier", "load_tiers", "save_tier"]

COLUMNS = (
    "id",
    "ligand",
    "receptor",
    "ligand_ids",
    "receptor_ids",
    "ligand_symbols",
    "receptor_symbols",
    "evidence",
    "claim",
    "flags",
    "source_id",
)
FORMAT = "tmekg-imported-tier/1"


def save_tier(tier: Tier, directory: Path) -> tuple[Path, Path]:
    """Write ``tier`` into ``directory`` (created if missing); returns the two files."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    pairs_path, meta_path = directory / f"{tier.resource}.tsv", directory / f"{tier.resource}.json"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in tier.pairs:
        writer.writerow(
            [
                p.id,
                p.ligand,
                p.receptor,
                "|".join(p.ligand_ids),
                "|".join(p.receptor_ids),
                "|".join(p.ligand_symbols),
                "|".join(p.receptor_symbols),
                "|".join(p.evidence),
                p.claim,
                "|".join(p.flags),
                p.source_id,
            ]
        )
    data = buffer.getvalue().encode("utf-8")
    write_text(pairs_path, data)
    meta = {
        "format": FORMAT,
        "resource": tier.resource,
        "layer": tier.layer,
        "version": tier.version,
        "licence": tier.licence,
        "source": tier.source,
        "pairs": len(tier.pairs),
        "pairs_file": {"name": pairs_path.name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()},
        "complexes": {k: list(v) for k, v in sorted(tier.complexes.items())},
        "note": "imported binds pairs: the resource's claims, with no tmekg sign, outcome or hijacked function",
    }
    write_text(meta_path, json.dumps(meta, indent=2, ensure_ascii=False) + "\n")  # last: it vouches for the pairs
    return pairs_path, meta_path


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split("|")) if text else ()


def load_tier(directory: Path, resource: str) -> Tier:
    """The tier of ``resource`` stored in ``directory``."""
    pairs_path, meta_path = Path(directory) / f"{resource}.tsv", Path(directory) / f"{resource}.json"
    if not pairs_path.is_file() or not meta_path.is_file():
        raise InputError(f"no imported {resource} tier in {directory}; build it with `tmekg import {resource}`")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        with pairs_path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise ValueError(f"columns {reader.fieldnames}")
            pairs = tuple(
                ImportedPair(
                    resource=resource,
                    ligand=r["ligand"],
                    receptor=r["receptor"],
                    ligand_ids=_split(r["ligand_ids"]),
                    receptor_ids=_split(r["receptor_ids"]),
                    ligand_symbols=_split(r["ligand_symbols"]),
                    receptor_symbols=_split(r["receptor_symbols"]),
                    evidence=_split(r["evidence"]),
                    claim=r["claim"],
                    flags=_split(r["flags"]),
                    source_id=r["source_id"],
                )
                for r in reader
            )
    except (ValueError, KeyError, OSError) as exc:
        raise InputError(f"imported {resource} tier in {directory} is unreadable ({exc}); rebuild it") from None
    if meta.get("format") != FORMAT:
        raise InputError(f"{meta_path} is not a tmekg imported tier ({FORMAT}); rebuild it")
    _check_pairs_file(pairs_path, meta_path, meta.get("pairs_file"))
    complexes = {k: tuple(v) for k, v in meta.get("complexes", {}).items()}
    return Tier(resource, meta["version"], meta["licence"], meta["source"], pairs, complexes)


def _check_pairs_file(pairs_path: Path, meta_path: Path, listed: object) -> None:
    """Refuse a pairs file that is not the one its provenance (written last) vouches for. A tier saved before
    the provenance recorded the pairs file has no record to check."""
    if listed is None:
        return
    try:
        data = pairs_path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {pairs_path}: {exc.strerror or exc}") from None
    if not isinstance(listed, dict) or (listed.get("bytes"), listed.get("sha256")) != (
        len(data),
        hashlib.sha256(data).hexdigest(),
    ):
        raise InputError(
            f"{pairs_path} is not the file {meta_path.name} describes (an interrupted import or an edit); "
            f"rebuild it with `tmekg import {pairs_path.stem}`"
        )


def load_tiers(directory: Path | None) -> list[Tier]:
    """Every tier stored in ``directory`` (none when it is ``None`` or does not exist)."""
    if directory is None or not Path(directory).is_dir():
        return []
    resources = sorted(p.stem for p in Path(directory).glob("*.json") if p.with_suffix(".tsv").is_file())
    return [load_tier(Path(directory), r) for r in resources]


def layers(tiers: list[Tier]) -> list[dict[str, object]]:
    """The layers an output holds: the curated one, then each imported tier with its provenance."""
    out: list[dict[str, object]] = [{"layer": CURATED_LAYER, "source": "tmekg seed (curated statements)"}]
    out += [
        {
            "layer": t.layer,
            "resource": t.resource,
            "version": t.version,
            "licence": t.licence,
            "source": t.source,
            "pairs": len(t.pairs),
        }
        for t in tiers
    ]
    return out
