"""Store and load imported tiers: ``<dir>/<resource>.tsv`` (the pairs) and ``<dir>/<resource>.json`` (provenance).

Both files are written atomically; a directory holds at most one tier per resource, and :func:`load_tiers` reads
every tier in it (sorted by resource) so that any command can say which layers it loaded.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tmekg.atomic import atomic_path, write_text
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
    with atomic_path(pairs_path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
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
    meta = {
        "format": FORMAT,
        "resource": tier.resource,
        "layer": tier.layer,
        "version": tier.version,
        "licence": tier.licence,
        "source": tier.source,
        "pairs": len(tier.pairs),
        "complexes": {k: list(v) for k, v in sorted(tier.complexes.items())},
        "note": "imported binds pairs: the resource's claims, with no tmekg sign, outcome or hijacked function",
    }
    write_text(meta_path, json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
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
    complexes = {k: tuple(v) for k, v in meta.get("complexes", {}).items()}
    return Tier(resource, meta["version"], meta["licence"], meta["source"], pairs, complexes)


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
