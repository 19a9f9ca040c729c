"""Write several files as one export: build them all in a temporary directory, then rename each into place.

A failure while building leaves every previous file untouched and no temporary file behind; a failure while
renaming puts back the files already replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["write_files"]


def write_files(files: Mapping[Path, str]) -> list[Path]:
    """Write ``{path: text}`` (UTF-8, ``\\n`` endings); all paths share one directory. Return the paths."""
    targets = list(files)
    if not targets:
        return []
    parents = {t.parent for t in targets}
    if len(parents) != 1:
        raise ValueError("write_files writes into one directory")
    parent = parents.pop()
    directory = parent if str(parent) else Path(".")
    tmp = Path(tempfile.mkdtemp(prefix=".tmekg-export.", suffix=".tmp", dir=directory))
    backups: list[tuple[Path, Path]] = []
    done: list[Path] = []
    complete = False
    try:
        for target, text in files.items():
            (tmp / target.name).write_text(text, encoding="utf-8", newline="\n")
            os.chmod(tmp / target.name, 0o644)
        for target in targets:
            if target.exists():
                backup = tmp / f"{target.name}.old"
                os.replace(target, backup)
                backups.append((target, backup))
            os.replace(tmp / target.name, target)
            done.append(target)
        complete = True
    finally:  # any failure, Ctrl-C included: roll back to the previous files
        if not complete:
            for target in done:
                target.unlink(missing_ok=True)
            for target, backup in backups:
                os.replace(backup, target)
        shutil.rmtree(tmp, ignore_errors=True)
    return targets
