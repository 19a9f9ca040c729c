"""The axis checklist (``data/seed/COVERAGE.md``): the tumor–immune axes the knowledge base is expected to state,
grouped, each with the interactions that state it or the reason it is left out.

:func:`read_checklist` parses the file; :func:`checklist_problems` lists what is wrong with it against a graph (an
axis with neither rows nor a reason, an id that is not an interaction, a group missing); :func:`coverage` counts
covered axes per group for ``tmekg stats``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tmekg.errors import NotFoundError
from tmekg.kg import KnowledgeGraph

__all__ = ["GROUPS", "Axis", "Checklist", "checklist_problems", "coverage", "read_checklist", "seed_coverage"]

#: The groups of the checklist, in order.
GROUPS: tuple[str, ...] = (
    "checkpoints and co-inhibition",
    "co-stimulation",
    "antigen presentation and cross-priming",
    "immunogenic cell death",
    "NK recognition including missing self",
    "effector killing",
    "cytokines",
    "myeloid suppression",
    "metabolic suppression",
    "chemokine recruitment and exclusion",
    "stroma and CAFs",
    "angiogenesis and vasculature",
    "phagocytosis checkpoints",
    "B cells and tertiary lymphoid structures",
    "gamma-delta T cells",
    "neutrophils",
    "exosomes and soluble forms",
)
HEADER = "| axis | molecules | interactions | left out because |"
_ID = re.compile(r"`(tmekg:[A-Za-z0-9_]+)`")
_REVIEW = re.compile(r"^[-*] `((?:PMID|DOI):[^`]+)` \S")


@dataclass(frozen=True)
class Axis:
    group: str
    name: str
    molecules: str
    interactions: tuple[str, ...]
    left_out_because: str
    line: int


@dataclass(frozen=True)
class Checklist:
    reviews: tuple[str, ...]
    axes: tuple[Axis, ...]
    groups: tuple[str, ...]
    problems: tuple[str, ...]


def _cells(line: str) -> list[str] | None:
    text = line.strip()
    if not (text.startswith("|") and text.endswith("|")):
        return None
    return [c.strip() for c in text[1:-1].split("|")]


def read_checklist(path: Path) -> Checklist:
    """Parse a COVERAGE.md; format problems (a row with the wrong number of cells...) are in ``problems``."""
    reviews: list[str] = []
    axes: list[Axis] = []
    groups: list[str] = []
    problems: list[str] = []
    group: str | None = None
    in_table = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("## "):
            group = line[3:].strip()
            groups.append(group)
            in_table = False
            continue
        if group is None:
            match = _REVIEW.match(line.strip())
            if match:
                reviews.append(match.group(1))
            continue
        if line.strip() == HEADER:
            in_table = True
            continue
        cells = _cells(line) if in_table else None
        if cells is None:
            in_table = in_table and not line.strip()
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        if len(cells) != 4:
            problems.append(f"line {number}: {len(cells)} cells; a row has 4 (axis, molecules, interactions, reason)")
            continue
        name, molecules, listed, reason = cells
        axes.append(Axis(group, name, molecules, tuple(_ID.findall(listed)), reason, number))
    return Checklist(tuple(reviews), tuple(axes), tuple(groups), tuple(problems))


def checklist_problems(checklist: Checklist, kg: KnowledgeGraph) -> list[str]:
    """Everything wrong with the checklist against ``kg``, each naming the line and what to fix."""
    problems = list(checklist.problems)
    for group in GROUPS:
        if group not in checklist.groups:
            problems.append(f"group '{group}' is missing: add a '## {group}' section")
    for group in checklist.groups:
        if group not in GROUPS:
            problems.append(f"unknown group '{group}' (the groups are: {', '.join(GROUPS)})")
    seen: set[str] = set()
    for axis in checklist.axes:
        where = f"line {axis.line} ({axis.name})"
        if axis.name in seen:
            problems.append(f"{where}: axis listed twice")
        seen.add(axis.name)
        if not axis.interactions and not axis.left_out_because:
            problems.append(f"{where}: no interaction states this axis; curate one or say why it is left out")
        if axis.interactions and axis.left_out_because:
            problems.append(f"{where}: both interactions and a reason; clear the reason")
        for inter in axis.interactions:
            if not _has_interaction(kg, inter):
                problems.append(f"{where}: {inter} is not in interactions.csv; fix the id or drop it")
    for review in checklist.reviews:
        if review not in {r.id for r in kg.references}:
            problems.append(f"source review {review} is not in references.csv")
    return problems


def _has_interaction(kg: KnowledgeGraph, interaction_id: str) -> bool:
    try:
        kg.interaction(interaction_id)
    except NotFoundError:
        return False
    return True


def coverage(checklist: Checklist) -> dict[str, dict[str, int]]:
    """Per group: axes, covered (with at least one interaction) and left out."""
    out: dict[str, dict[str, int]] = {}
    for group in checklist.groups:
        axes = [a for a in checklist.axes if a.group == group]
        covered = sum(1 for a in axes if a.interactions)
        out[group] = {"axes": len(axes), "covered": covered, "left_out": len(axes) - covered}
    return out


def seed_coverage(seed_dir: Path) -> dict[str, object] | None:
    """The checklist's coverage of a seed directory (``None`` when it has no COVERAGE.md)."""
    path = seed_dir / "COVERAGE.md"
    if not path.is_file():
        return None
    checklist = read_checklist(path)
    by_group = coverage(checklist)
    covered = sum(g["covered"] for g in by_group.values())
    return {"axes": len(checklist.axes), "covered": covered, "groups": by_group}
