"""The axis checklist (data/seed/COVERAGE.md): every listed axis has a row or a reason, every id exists."""

from __future__ import annotations

from pathlib import Path

from tmekg.coverage import GROUPS, checklist_problems, read_checklist, seed_coverage
from tmekg.kg import KnowledgeGraph
from tmekg.resources import seed_dir


def test_shipped_checklist(kg: KnowledgeGraph) -> None:
    checklist = read_checklist(seed_dir() / "COVERAGE.md")
    problems = checklist_problems(checklist, kg)
    assert problems == [], "\n".join(problems)
    assert len(checklist.axes) >= 120
    assert set(checklist.groups) == set(GROUPS)
    assert len(checklist.reviews) >= 4
    covered = sum(1 for a in checklist.axes if a.interactions)
    assert covered >= 120


def test_a_missing_row_fails(kg: KnowledgeGraph, tmp_path: Path) -> None:
    text = (seed_dir() / "COVERAGE.md").read_text(encoding="utf-8")
    first = next(a for a in read_checklist(seed_dir() / "COVERAGE.md").axes if a.interactions)
    broken = text.replace(f"`{first.interactions[0]}`", "`tmekg:i_no_such_row`", 1)
    path = tmp_path / "COVERAGE.md"
    path.write_text(broken, encoding="utf-8")
    problems = checklist_problems(read_checklist(path), kg)
    assert any("tmekg:i_no_such_row is not in interactions.csv" in p for p in problems)


def test_stats_report_coverage() -> None:
    summary = seed_coverage(seed_dir())
    assert summary is not None
    assert summary["covered"] == sum(g["covered"] for g in summary["groups"].values())  # type: ignore[attr-defined]
