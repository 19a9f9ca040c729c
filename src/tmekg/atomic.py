"""Atomic output: the one writer every tmekg file and directory goes through.

The policy, in one place:

- **Nothing is half-written.** A file is written to a temporary file beside its target and renamed over it; a
  failure or an interrupt leaves the previous file (if any) untouched and no temporary file behind.
- **Only what may be replaced is replaced.** A target may be absent or a regular file; a directory, a device
  (``/dev/full``), a FIFO, a socket or a symbolic link is refused, and so is a target inside a directory the
  command reads (``inputs``: the seed, an imported tier). A directory output (:func:`write_directory`) replaces
  only an empty directory or one that tmekg wrote (its :data:`MANIFEST_NAME` lists exactly what it holds).
- **Several files that belong together carry a manifest written last** (:func:`write_files`,
  :func:`write_directory`): it names every file with its size and SHA-256. The previous manifest is removed
  before the first file is replaced, so at any instant either a manifest is present and matches every file it
  lists, or there is none and the set is incomplete; :func:`check_manifest` is the check readers run. A
  directory output is also built whole beside its target and renamed into place.
- **One permission policy.** Files are created with ``os.open(..., 0o666)`` and directories with
  ``os.mkdir(..., 0o777)``, so the process umask applies exactly as for ``open()``/``mkdir`` (the umask is never
  read or changed).
- **Signals.** While a write is under way, SIGTERM raises ``SystemExit(143)`` instead of killing the process
  outright, and SIGINT raises ``KeyboardInterrupt`` as always, so the clean-up runs; a signal that arrives while a
  temporary is being created or renamed is held back until that step and its bookkeeping are done.
- **Every OS error is one line**: :class:`OutputError` (an :class:`~tmekg.errors.InputError`: exit 2 in the
  CLI) naming the path and the reason ("No space left on device", "File name too long", ...).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import shutil
import signal
import stat
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tmekg.errors import InputError

__all__ = [
    "MANIFEST_FORMAT",
    "MANIFEST_NAME",
    "OutputError",
    "atomic_path",
    "check_manifest",
    "check_target",
    "write_directory",
    "write_files",
    "write_text",
]

#: The manifest of a directory output, inside it.
MANIFEST_NAME = "tmekg-manifest.json"
#: The ``format`` every manifest carries.
MANIFEST_FORMAT = "tmekg-output-manifest/1"

_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISREG, "a regular file"),
)


class OutputError(InputError):
    """An output cannot be written where asked (or the OS refused it); nothing was changed."""


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _error(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {target}: {_reason(exc)}")


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _inside(target: Path, directory: Path) -> bool:
    real = Path(os.path.realpath(target))
    return real.is_relative_to(os.path.realpath(directory))


def _name_max(directory: Path) -> int:
    try:
        return os.pathconf(directory, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def check_target(target: Path | str, *, inputs: Iterable[Path | str] = (), directory: bool = False) -> None:
    """Refuse what an output must never replace, before anything is built: a missing parent directory, a target
    inside one of ``inputs`` (directories the command reads), a name too long for the file system, and anything
    at ``target`` but a regular file (``directory=False``) or an empty or tmekg-made directory (``directory=True``).
    Raises :class:`OutputError`."""
    target = Path(target)
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"cannot write {target}: directory {parent} does not exist")
    for source in inputs:
        if _inside(target, Path(source)):
            reason = f"it is inside {source}, which this command reads"
            raise OutputError(f"cannot write {target}: {reason}; write it elsewhere")
    if len(os.fsencode(target.name)) > _name_max(parent):
        raise OutputError(f"cannot write {target}: {os.strerror(errno.ENAMETOOLONG)}")
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _error(target, exc) from None
    if directory and stat.S_ISDIR(mode):
        _check_replaceable_directory(target)
        return
    if not directory and stat.S_ISREG(mode):
        return
    wanted = "an empty or tmekg-made directory" if directory else "a regular file"
    raise OutputError(f"cannot write {target}: it is {_kind(mode)}; tmekg replaces only {wanted}")


def _check_replaceable_directory(target: Path) -> None:
    names = sorted(p.name for p in target.iterdir())
    if not names:
        return
    if MANIFEST_NAME not in names:
        raise OutputError(
            f"cannot write {target}: it is a directory tmekg did not write (no {MANIFEST_NAME}); "
            "choose a new or empty directory"
        )
    problems = check_manifest(target / MANIFEST_NAME)
    listed = {f["name"] for f in _read_manifest(target / MANIFEST_NAME).get("files", [])}
    extra = [n for n in names if n != MANIFEST_NAME and n not in listed]
    if extra:
        problems.append(f"it holds files tmekg did not write ({', '.join(extra[:5])})")
    if problems:
        raise OutputError(f"cannot replace {target}: {problems[0]}; move your files or choose a new directory")


# -- signals and temporaries ------------------------------------------------------------------------------------
#
# Python runs signal handlers in the main thread between bytecodes, whatever thread the OS delivered the signal
# to (a per-thread signal mask cannot hold a signal back when a library has started threads). So the handlers
# below are Python's: outside a held section they raise at once; inside one they note the signal, and the
# section raises it when it ends, after its rename and bookkeeping are both done.


class _Signals:
    holding = 0
    pending: int | None = None


def _raise(signum: int) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


def _on_signal(signum: int, frame: object) -> None:
    if _Signals.holding:
        _Signals.pending = signum
        return
    _raise(signum)


_DEFAULTS = {signal.SIGTERM: signal.SIG_DFL, signal.SIGINT: signal.default_int_handler}


@contextmanager
def _guarded() -> Iterator[None]:
    """While the block runs, SIGTERM raises ``SystemExit(143)`` instead of killing the process outright and SIGINT
    raises ``KeyboardInterrupt`` as usual, both held back inside :func:`_held` sections (main thread only, and only
    for a signal whose handler is Python's default)."""
    installed: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum, default in _DEFAULTS.items():
            if signal.getsignal(signum) == default:
                installed[signum] = signal.signal(signum, _on_signal)
    try:
        yield
    finally:
        for installed_signal, previous in installed.items():
            signal.signal(installed_signal, previous)
        if installed and _Signals.pending is not None and not _Signals.holding:
            pending, _Signals.pending = _Signals.pending, None
            _raise(pending)


@contextmanager
def _held() -> Iterator[None]:
    """SIGINT and SIGTERM are held back until the block ends: a temporary's creation or rename and its
    bookkeeping happen together."""
    _Signals.holding += 1
    try:
        yield
    finally:
        _Signals.holding -= 1
    if not _Signals.holding and _Signals.pending is not None:
        signum, _Signals.pending = _Signals.pending, None
        _raise(signum)


def _temp_name(directory: Path, name: str, suffix: str) -> Path:
    short = name[:40]  # a temporary's name stays short whatever the target's length
    return directory / f".{short}.tmekg-{secrets.token_hex(6)}{suffix}"


def _create_file(path: Path, data: bytes = b"") -> None:
    """A new file holding ``data``; mode 0o666 less the umask, as ``open()`` gives."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def _fill(path: Path, data: bytes) -> None:
    """Write ``data`` into the (empty) temporary ``path``."""
    with path.open("wb") as handle:
        handle.write(data)


def _new_temp(directory: Path, name: str, *, is_dir: bool = False) -> Path:
    """A new, empty temporary file (or directory) in ``directory``; the umask applies to its mode."""
    for _ in range(100):
        path = _temp_name(directory, name, ".tmp")
        try:
            if is_dir:
                os.mkdir(path, 0o777)
            else:
                _create_file(path)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(directory))  # pragma: no cover


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


# -- one file ---------------------------------------------------------------------------------------------------


@contextmanager
def atomic_path(target: Path | str, *, inputs: Iterable[Path | str] = ()) -> Iterator[Path]:
    """Yield a temporary path beside ``target`` (an empty file); on normal exit it replaces ``target``.

    :func:`check_target` runs first; any OS error (in the block too) becomes :class:`OutputError`."""
    target = Path(target)
    check_target(target, inputs=inputs)
    tmp: Path | None = None
    with _guarded():
        try:
            with _held():
                tmp = _new_temp(target.parent, target.name)
            yield tmp
            check_target(target)  # it may have changed while the data was written
            with _held():
                os.replace(tmp, target)
                tmp = None
        except OSError as exc:
            raise _error(target, exc) from None
        finally:  # any failure, Ctrl-C and SIGTERM included: the target is untouched and the temporary goes
            if tmp is not None:
                _remove(tmp)


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def write_text(target: Path | str, text: str | bytes, *, inputs: Iterable[Path | str] = ()) -> None:
    """Write ``text`` (UTF-8; ``\\n`` line endings are kept as given) to ``target`` atomically."""
    with atomic_path(target, inputs=inputs) as tmp:
        _fill(tmp, _bytes(text))


# -- manifests --------------------------------------------------------------------------------------------------


def _manifest(files: Mapping[str, bytes], meta: Mapping[str, Any]) -> bytes:
    listed = [
        {"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in sorted(files.items())
    ]
    document = {"format": MANIFEST_FORMAT, **meta, "files": listed}
    return (json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def check_manifest(path: Path | str) -> list[str]:
    """What is wrong with the file set that the manifest at ``path`` describes (empty: complete and unchanged).

    Files are looked up beside the manifest. A missing manifest means the set is incomplete (a write was
    interrupted before its last step)."""
    path = Path(path)
    if not path.is_file():
        return [f"{path} is missing: the output is incomplete or was not written by tmekg"]
    data = _read_manifest(path)
    if data.get("format") != MANIFEST_FORMAT:
        return [f"{path} is not a tmekg manifest ({MANIFEST_FORMAT})"]
    problems = []
    for entry in data.get("files", []):
        file = path.parent / str(entry.get("name", ""))
        try:
            content = file.read_bytes()
        except OSError as exc:
            problems.append(f"{file}: {_reason(exc)}")
            continue
        if len(content) != entry.get("bytes") or hashlib.sha256(content).hexdigest() != entry.get("sha256"):
            problems.append(f"{file} differs from the manifest (changed after it was written, or mixed)")
    return problems


# -- several files ----------------------------------------------------------------------------------------------


def write_files(
    files: Mapping[Path, str | bytes],
    manifest: Path,
    meta: Mapping[str, Any] | None = None,
    *,
    inputs: Iterable[Path | str] = (),
) -> list[Path]:
    """Write ``{path: data}`` (all in one directory) and then ``manifest`` beside them, as one output.

    Every file is built in a temporary directory first. Then the previous manifest is moved away, each file is
    renamed into place and the new manifest comes last, so a reader that checks the manifest
    (:func:`check_manifest`) never takes a mixed set for a complete one. A failure or an interrupt while
    renaming puts the previous files and manifest back. Returns the paths written, manifest last."""
    targets = [Path(p) for p in files]
    manifest = Path(manifest)
    parents = {p.parent for p in (*targets, manifest)}
    if len(parents) != 1:
        raise ValueError("write_files writes into one directory")
    parent = parents.pop()
    for target in (*targets, manifest):
        check_target(target, inputs=inputs)
    data = {target.name: _bytes(text) for target, text in zip(targets, files.values(), strict=True)}
    order = [*targets, manifest]
    contents = {**data, manifest.name: _manifest(data, meta or {})}
    work: Path | None = None
    moved: list[tuple[Path, Path]] = []  # (target, where its previous version waits)
    placed: list[Path] = []
    complete = False
    with _guarded():
        try:
            with _held():
                work = _new_temp(parent, manifest.name, is_dir=True)
            new, old = work / "new", work / "old"
            os.mkdir(new, 0o777)
            os.mkdir(old, 0o777)
            for name, content in contents.items():
                _create_file(new / name, content)
            for target in (manifest, *targets):  # the previous manifest goes first: from here the set is incomplete
                check_target(target)
                with _held():
                    if target.exists():
                        os.replace(target, old / target.name)
                        moved.append((target, old / target.name))
            for target in order:  # the new manifest comes last
                with _held():
                    os.replace(new / target.name, target)
                    placed.append(target)
            complete = True
        except OSError as exc:
            raise _error(targets[0] if targets else manifest, exc) from None
        finally:  # any failure, Ctrl-C and SIGTERM included: the previous files come back
            with _held():
                if not complete:
                    for target in placed:
                        target.unlink(missing_ok=True)
                    for target, waiting in reversed(moved):
                        os.replace(waiting, target)
                if work is not None:
                    _remove(work)
    return order


def write_directory(
    target: Path | str,
    files: Mapping[str, str | bytes],
    meta: Mapping[str, Any] | None = None,
    *,
    inputs: Iterable[Path | str] = (),
) -> list[Path]:
    """Write ``{name: data}`` into the directory ``target`` with :data:`MANIFEST_NAME` written last inside it.

    The directory is built whole beside ``target`` and renamed into place: a new ``target`` appears in one rename;
    an existing one (empty, or written by tmekg and unchanged since) is moved aside, the new one renamed in and
    the old one deleted. A failure or an interrupt puts the previous directory back. Returns the files written."""
    target = Path(target)
    check_target(target, inputs=inputs, directory=True)
    contents = {name: _bytes(text) for name, text in files.items()}
    if MANIFEST_NAME in contents or any("/" in name or name in ("", ".", "..") for name in contents):
        raise ValueError("file names must be plain and not the manifest's")
    contents[MANIFEST_NAME] = _manifest(contents, meta or {})
    work: Path | None = None
    aside: Path | None = None
    done = False
    with _guarded():
        try:
            with _held():
                work = _new_temp(target.parent, target.name, is_dir=True)
            for name, content in contents.items():
                _create_file(work / name, content)
            check_target(target, directory=True)
            with _held():
                if target.exists():
                    aside = _temp_name(target.parent, target.name, ".old")
                    os.rename(target, aside)
                os.rename(work, target)
                work = None
                done = True
        except OSError as exc:
            raise _error(target, exc) from None
        finally:  # any failure, Ctrl-C and SIGTERM included: the previous directory comes back
            with _held():
                if aside is not None and not done and not target.exists():
                    os.rename(aside, target)
                    aside = None
                for leftover in (work, aside):
                    if leftover is not None:
                        _remove(leftover)
    return [target / name for name in contents]
