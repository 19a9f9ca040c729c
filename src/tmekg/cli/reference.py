"""The README's list of commands, generated from the command line itself so that the two never drift.

``README.md`` holds the list between ``<!-- commands -->`` and ``<!-- /commands -->``; ``python -m
tmekg.cli.reference README.md`` rewrites it (``--check`` only says whether it is current, exit 1 if not), and a
test compares it with :func:`command_list`. Each entry is the command's synopsis (arguments, then every option
with its value: ``--format json|ttl|...`` lists every export format) and the first paragraph of its ``--help``.
"""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path
from typing import Any, get_args

import typer

__all__ = ["command_list", "main", "render_readme"]

_BLOCK = re.compile(r"(<!-- commands -->\n)(.*?)(<!-- /commands -->)", re.DOTALL)
#: Options every command understands, said once above the list rather than on every line.
_SHARED = {"help", "seed"}


# Typer builds the command tree with the click it ships (``typer._click`` in typer 0.29), so the tree is read by its
# attributes rather than by click's classes.
Command = Any


def _option(param: Any) -> str:
    name = max(param.opts, key=len)
    if param.is_flag:
        return f"{name}/{max(param.secondary_opts, key=len)}" if param.secondary_opts else name
    choices = _enum(getattr(getattr(param, "type_descriptor", None), "annotation", None))
    if choices is not None:
        value = "|".join(str(c.value) for c in choices)
    elif param.metavar:
        value = param.metavar
    else:
        value = (param.name or "value").upper()
    return f"{name} {value}"


def _enum(annotation: Any) -> type[Enum] | None:
    """The enum an option's annotation holds (``OutputFormat | None`` -> ``OutputFormat``), if any."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    return next((e for a in get_args(annotation) if (e := _enum(a)) is not None), None)


def _synopsis(path: list[str], command: Command) -> str:
    parts = ["tmekg", *path]
    for param in command.params:
        if param.param_type_name == "argument":
            name = (param.name or "arg").upper()
            parts.append(name if param.required else f"[{name}]")
    for param in command.params:
        if param.param_type_name == "option" and not param.hidden and param.name not in _SHARED:
            text = _option(param)
            parts.append(text if param.required else f"[{text}]")
    return " ".join(parts)


def _summary(command: Command) -> str:
    text = (command.help or "").replace("\\[", "[")
    first = text.strip().split("\n\n")[0]
    return " ".join(first.split())


def _walk(group: Command, path: list[str]) -> list[tuple[list[str], Command]]:
    out: list[tuple[list[str], Command]] = []
    for name, command in group.commands.items():
        if command.hidden:
            continue
        if hasattr(command, "commands"):
            out += _walk(command, [*path, name])
        else:
            out.append(([*path, name], command))
    return out


def command_list(app: typer.Typer | None = None) -> str:
    """The Markdown list of every command of ``app`` (the ``tmekg`` app by default), in ``--help`` order."""
    if app is None:
        from tmekg.cli import app as tmekg_app

        app = tmekg_app
    root = typer.main.get_command(app)
    lines = [f"- `{_synopsis(path, command)}`: {_summary(command)}" for path, command in _walk(root, [])]
    return "\n".join(lines) + "\n"


def render_readme(text: str, listing: str) -> str:
    """``text`` with its commands block replaced by ``listing``; :class:`ValueError` when it has no block."""
    if not _BLOCK.search(text):
        raise ValueError("no <!-- commands --> ... <!-- /commands --> block")
    return _BLOCK.sub(lambda m: m.group(1) + listing + m.group(3), text, count=1)


def main(argv: list[str] | None = None) -> int:
    """``python -m tmekg.cli.reference README.md [--check]``: rewrite (or check) the README's command list."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    paths = [a for a in args if a != "--check"] or ["README.md"]
    readme = Path(paths[0])
    text = readme.read_text(encoding="utf-8")
    new = render_readme(text, command_list())
    if new == text:
        return 0
    if check:
        print(f"{readme}: the command list is out of date; run python -m tmekg.cli.reference {readme}")
        return 1
    readme.write_text(new, encoding="utf-8")
    print(f"rewrote the command list in {readme}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
