"""Atomic file output: write to a temporary file beside the target, rename on success.

A failure or an interrupt leaves the previous file (if any) untouched and no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path", "write_text"]


@contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path in ``target``'s directory; on normal exit it replaces ``target``."""
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    os.close(fd)
    tmp = Path(name)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the mode a plain open() would
    replaced = False
    try:
        yield tmp
        os.replace(tmp, target)
        replaced = True
    finally:  # any failure, Ctrl-C included: the target is untouched and the temporary file goes
        if not replaced:
            tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(target: Path | str, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` endings) to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
