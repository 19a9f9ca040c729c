"""LIANA+'s ligand–receptor resources (``liana/resource/omni_resource.csv`` of an installed ``liana``).

The file holds sixteen resources and LIANA's ``consensus``; ``resource`` picks one (default ``consensus``).
Complexes are ``_``-joined gene symbols (``COMPLEX:`` UniProt ids in the id columns). LIANA gives no evidence ids
or signs per pair, so the imported pairs carry only provenance and the row's UniProt ids as its source id.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from tmekg.errors import InputError
from tmekg.importers._package import licence_of, package_dir, package_version
from tmekg.importers.base import Importer, RawPair

__all__ = ["LianaImporter"]

INSTALL_HINT = "pip install 'tmekg[singlecell]' (it brings liana)"


class LianaImporter(Importer):
    name: ClassVar[str] = "liana"

    def __init__(self, resource: str = "consensus") -> None:
        self.resource = resource

    def locate(self, path: Path | None) -> Path:
        if path is not None:
            if not Path(path).is_file():
                raise InputError(f"{path} does not exist")
            return Path(path)
        root = package_dir("liana")
        if root is None or not (root / "resource" / "omni_resource.csv").is_file():
            raise InputError(f"no installed liana with resource/omni_resource.csv; {INSTALL_HINT}, or give --path")
        return root / "resource" / "omni_resource.csv"

    def version(self, path: Path) -> str:
        return f"liana {package_version('liana') or 'unknown'} omni_resource.csv, resource {self.resource}"

    def licence(self, path: Path) -> str:
        return (
            f"liana package: {licence_of('liana') or 'not stated'}; each bundled resource keeps its own terms "
            "(OmniPath collection)"
        )

    def rows(self, path: Path) -> Iterator[RawPair]:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            wanted = {"source", "target", "source_genesymbol", "target_genesymbol", "resource"}
            if not wanted <= set(reader.fieldnames or ()):
                raise InputError(f"{path} is not LIANA's omni_resource.csv (needs {', '.join(sorted(wanted))})")
            seen = False
            for row in reader:
                if row["resource"] != self.resource:
                    continue
                seen = True
                ligand, receptor = row["source_genesymbol"], row["target_genesymbol"]
                yield RawPair(
                    ligand=ligand,
                    receptor=receptor,
                    ligand_members=tuple(m for m in ligand.split("_") if m),
                    receptor_members=tuple(m for m in receptor.split("_") if m),
                    source_id=f"{row['source']}>{row['target']}",
                )
            if not seen:
                raise InputError(f"{path} has no rows of resource {self.resource!r}")
