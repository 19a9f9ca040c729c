"""The typed, frozen model of tmekg: entities, interactions, therapy actions, references.

Every record validates itself (types, enums, CURIE syntax, rules within one row). Rules that span records
(dangling references, unique ids, derived outcomes) live in :mod:`tmekg.validate`. Records accept seed-table
rows directly: an empty cell means "no value" and a ``|``-separated cell fills a tuple field.
"""

from __future__ import annotations

from tmekg.model.base import Record
from tmekg.model.entities import Cancer, CellType, Entity, Molecule, NormalFunction, Process, Therapy
from tmekg.model.evidence import Confirmation, Reference, Trial
from tmekg.model.statements import (
    Change,
    Interaction,
    MediatorSite,
    Participant,
    Requirement,
    TherapyAction,
    action_id,
    parse_action_id,
)

__all__ = [
    "Cancer",
    "CellType",
    "Change",
    "Confirmation",
    "Entity",
    "Interaction",
    "MediatorSite",
    "Molecule",
    "NormalFunction",
    "Participant",
    "Process",
    "Record",
    "Reference",
    "Requirement",
    "Therapy",
    "TherapyAction",
    "Trial",
    "action_id",
    "parse_action_id",
]
