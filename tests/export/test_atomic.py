"""Exports are atomic: a failure leaves the previous file(s) as they were and no temporary file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tmekg import atomic
from tmekg.atomic import check_manifest
from tmekg.export.files import ExportFormat, export, written_paths
from tmekg.kg import KnowledgeGraph


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=lambda f: f.value)
def test_every_format_writes_its_files(fmt: ExportFormat, mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / f"kg.{fmt.value}"
    written = export(mini_kg, fmt, path)
    expected = sorted(p.name for p in written_paths(fmt, path))
    assert sorted(p.name for p in tmp_path.iterdir()) == expected
    if fmt is ExportFormat.NEO4J_CSV:
        assert written[-1] == path / atomic.MANIFEST_NAME
        assert check_manifest(written[-1]) == []
        return
    assert written == written_paths(fmt, path)
    for file in written:
        assert file.read_text(encoding="utf-8").endswith("\n")
    if len(written) > 1:  # several files: the manifest, written last, vouches for the others
        assert written[-1].name.endswith("manifest.json")
        assert check_manifest(written[-1]) == []


@pytest.mark.parametrize("fmt", [ExportFormat.CYJS, ExportFormat.KGX], ids=lambda f: f.value)
def test_multi_file_failure_keeps_previous_files(
    fmt: ExportFormat, mini_kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kg"
    export(mini_kg, fmt, path)
    paths = written_paths(fmt, path)
    before = {p: p.read_bytes() for p in paths}
    real_replace = os.replace
    calls: list[str] = []

    def second_rename_fails(src: str | Path, dst: str | Path) -> None:
        calls.append(str(dst))
        if len([c for c in calls if "/.kg" not in c]) == 2:  # the second file renamed into place
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", second_rename_fails)
    smaller = KnowledgeGraph(cell_types=mini_kg.cell_types)
    with pytest.raises(KeyboardInterrupt):
        export(smaller, fmt, path)
    monkeypatch.setattr(atomic.os, "replace", real_replace)
    assert {p: p.read_bytes() for p in paths} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


def test_failure_while_building_writes_nothing(
    mini_kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kg.gexf"
    export(mini_kg, ExportFormat.GEXF, path)
    before = path.read_bytes()

    def broken(*args: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr("tmekg.export.gexf.to_gexf", broken)
    with pytest.raises(RuntimeError):
        export(mini_kg, ExportFormat.GEXF, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kg.gexf"]


def test_subgraph_exports_the_same_way(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    """An answer's subgraph (some interactions, some entities) exports like the whole graph."""
    inter = mini_kg.interaction("tmekg:i_pdl1_pd1")
    sub = KnowledgeGraph(
        cell_types=tuple(c for c in mini_kg.cell_types if c.id in (inter.source, inter.target)),
        interactions=(inter,),
        references=mini_kg.references,
    )
    for fmt in ExportFormat:
        if fmt is not ExportFormat.NEO4J_CSV:  # an import needs every node a relationship names
            export(sub, fmt, tmp_path / f"sub.{fmt.value}")
    text = (tmp_path / "sub.graphml").read_text(encoding="utf-8")
    assert text.count("<node ") == 3  # the two cells and the process the statement acts on
    assert text.count("<edge ") == 2  # the statement, and the sender's effect on the process
