"""Importers of external ligand–receptor resources into a separate, labelled layer (see :mod:`tmekg.importers.base`).

Adding a resource is one module with an :class:`~tmekg.importers.base.Importer` subclass and one line in
:data:`IMPORTERS`.
"""

from __future__ import annotations

from tmekg.importers.base import ImportedPair, Importer, RawPair, Tier, default_tier_dir
from tmekg.importers.cellchatdb import CellChatDBImporter
from tmekg.importers.cellphonedb import CellPhoneDBImporter
from tmekg.importers.liana import LianaImporter

__all__ = ["IMPORTERS", "ImportedPair", "Importer", "RawPair", "Tier", "default_tier_dir"]

IMPORTERS: dict[str, type[Importer]] = {
    LianaImporter.name: LianaImporter,
    CellChatDBImporter.name: CellChatDBImporter,
    CellPhoneDBImporter.name: CellPhoneDBImporter,
}
