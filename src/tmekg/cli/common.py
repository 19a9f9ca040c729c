"""What every command shares: the app, common options, error mapping, loading the graph."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from tmekg.errors import AmbiguousNameError, InputError, NotFoundError, SeedError, TmekgError

if TYPE_CHECKING:
    from tmekg.export.view import AnswerLayout
    from tmekg.kg import KnowledgeGraph

__all__ = [
    "ExportFormatOpt",
    "ExportOpt",
    "JsonOpt",
    "SeedOpt",
    "app",
    "export_subgraph",
    "fail",
    "handles_errors",
    "load_graph",
]

app = typer.Typer(
    name="tmekg",
    help="tmekg: a curated knowledge graph of tumor–immune interactions.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)

P = ParamSpec("P")
R = TypeVar("R")

SeedOpt = Annotated[
    Path | None, typer.Option("--seed", help="Seed directory (default: the shipped seed).", show_default=False)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def fail(code: int, message: str) -> typer.Exit:
    from tmekg.cli.render import err_console

    err_console.print(f"[red]error:[/red] {message}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


def handles_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Map tmekg's errors to a one-line message and an exit code (1 not found, 2 bad input)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from tmekg.cli.render import problems

        try:
            return func(*args, **kwargs)
        except SeedError as exc:
            problems(exc.problems)
            raise fail(2, f"{len(exc.problems)} problem(s) in the seed tables; nothing was written") from None
        except NotFoundError as exc:
            raise fail(1, str(exc)) from None
        except (AmbiguousNameError, InputError) as exc:
            raise fail(2, str(exc)) from None
        except TmekgError as exc:
            raise fail(2, str(exc)) from None

    return wrapper


def load_graph(seed: Path | None) -> KnowledgeGraph:
    from tmekg.seed import load

    return load(seed)


ExportOpt = Annotated[
    Path | None,
    typer.Option(
        "--export", help="Also write the answer's subgraph to this file (format from its suffix).", show_default=False
    ),
]
ExportFormatOpt = Annotated[
    str | None,
    typer.Option("--export-format", help="Format of --export when the suffix does not say.", show_default=False),
]


def export_subgraph(
    kg: KnowledgeGraph, path: Path, fmt: str | None, title: str = "tmekg answer", layout: AnswerLayout | None = None
) -> None:
    """Write an answer's subgraph with the same writers as ``tmekg export`` (every entity of the answer kept, laid
    out in layers when ``layout`` is given); the format comes from ``fmt`` or the file's suffix."""
    from tmekg.cli.render import err_console
    from tmekg.export.files import ExportFormat, export, written_paths

    name = fmt or path.suffix.lstrip(".").lower()
    try:
        chosen = ExportFormat(name)
    except ValueError:
        known = ", ".join(f.value for f in ExportFormat)
        raise InputError(f"cannot tell the export format from {path.name!r}; use --export-format ({known})") from None
    if not path.parent.exists():
        raise InputError(f"directory {path.parent} does not exist")
    export(kg, chosen, path, title=title, isolated=True, layout=layout)
    written = ", ".join(str(p) for p in written_paths(chosen, path))
    err_console.print(f"wrote the answer's subgraph to {written} ({chosen.value})")
