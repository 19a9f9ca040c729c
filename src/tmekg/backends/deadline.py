"""Run one piece of work with a wall-clock limit that holds even inside a native engine.

An Oxigraph query evaluates in Rust: a ``COUNT`` over a cross product or an ``ORDER BY`` over millions of rows
runs to its end without returning to Python, so neither a signal handler nor a watchdog thread can stop it. The
work therefore runs in a forked child process (which shares the parent's graph, copy-on-write, so nothing is
serialized on the way in) and the parent kills the child at the deadline. The answer comes back pickled over a
pipe; a :class:`~tmekg.errors.TmekgError` raised in the child is raised again in the parent with its message.

Where ``fork`` does not exist (Windows) the work runs in this process, unbounded (:func:`can_bound` says which).
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from tmekg.errors import InputError, TmekgError

__all__ = ["TimeLimitError", "bounded", "can_bound"]

T = TypeVar("T")


class TimeLimitError(InputError):
    """The work ran longer than its time limit and was stopped."""


def can_bound() -> bool:
    """Whether this platform can stop a running query (it has ``fork``)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _child(work: Callable[[], Any], conn: Any) -> None:
    try:
        outcome: tuple[str, Any] = ("ok", work())
    except TmekgError as exc:
        outcome = ("error", (type(exc).__name__, str(exc)))
    except BaseException:  # noqa: BLE001 - carried to the parent, which raises it as an internal error
        outcome = ("crash", traceback.format_exc())
    try:
        conn.send(outcome)
    except Exception:  # noqa: BLE001 - e.g. an answer that cannot be pickled
        conn.send(("crash", traceback.format_exc()))
    finally:
        conn.close()


def bounded(
    work: Callable[[], T],
    seconds: float,
    what: str,
    *,
    hint: str = "",
) -> T:
    """``work()``, stopped after ``seconds`` of wall time with a :class:`TimeLimitError` naming ``what`` (and
    ``hint``, what the user can do about it).

    The work runs in a forked child, so it must not rely on changing the parent's state: what it returns is its
    only effect. An error of tmekg in the child comes back as an :class:`InputError` with its message (the work
    is a query: what it raises on purpose is about the user's query); anything else comes back as a
    ``RuntimeError`` with the child's traceback.
    """
    if not can_bound():
        return work()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(work, sender), daemon=True)
    process.start()
    sender.close()  # the child holds the only writer: a dead child is seen as end of file
    try:
        if not receiver.poll(seconds):
            raise TimeLimitError(
                f"{what} ran longer than its time limit of {seconds:g} s and was stopped"
                + (f"; {hint}" if hint else "")
            )
        try:
            status, payload = receiver.recv()
        except EOFError:
            raise RuntimeError(f"{what}: the process running it ended without an answer") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if status == "ok":
        return payload  # type: ignore[no-any-return]
    if status == "error":
        raise InputError(payload[1])
    raise RuntimeError(f"{what} failed in its worker process:\n{payload}")
