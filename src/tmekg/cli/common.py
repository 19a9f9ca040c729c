"""What every command shares: the app, common options, error mapping, loading the graph."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

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
    "opened_rdf",
    "top_for",
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


#: Options every command shares, set by the app callback (``tmekg --store DIR ...``).
STATE: dict[str, Any] = {"store": None}


@app.callback()
def _options(
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="Directory of the persistent store (default: $TMEKG_STORE, else the user cache; "
            "TMEKG_STORE=off reads the seed every time).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """tmekg: a curated knowledge graph of tumor–immune interactions."""
    STATE["store"] = store
    STATE.pop("opened", None)
    from tmekg.cli.render import unwrap_when_piped

    unwrap_when_piped()


def load_graph(seed: Path | None, *, reasoning: bool = False) -> KnowledgeGraph:
    """The graph of the seed (the shipped one by default), from the persistent store when it is on; with
    ``reasoning``, the stored signed graph too. A store that cannot be written falls back to reading the seed."""
    from tmekg.resources import seed_dir
    from tmekg.seed import load
    from tmekg.store import load_graph as stored
    from tmekg.store import store_root

    path = seed if seed is not None else seed_dir()
    STATE["seed_read"] = path  # an export must not write inside it
    root = store_root(STATE["store"])
    if root is None:
        return load(path)
    if not path.is_dir():
        return load(path)  # the seed's own error (directory not found)
    try:
        kg, store = stored(path, root, reasoning=reasoning, progress=_building)
    except OSError as exc:
        from tmekg.cli.render import err_console

        err_console.print(f"note: the store at {root} cannot be used ({exc.strerror}); reading the seed", markup=False)
        return load(path)
    STATE["opened"] = store
    STATE["graph"] = kg  # kept to the end of the process: freeing 10^5 records on return costs a quarter second
    return kg


def _building(message: str) -> None:
    from tmekg.cli.render import err_console

    if err_console.is_terminal:
        err_console.print(f"[dim]store: {message}[/dim]")


def opened_rdf(kg: KnowledgeGraph) -> Any:
    """The RDF view of the graph the command loaded: the store's on-disk Oxigraph store when one was opened,
    else built in memory."""
    store = STATE.get("opened")
    if store is not None:
        return store.rdf()
    from tmekg.backends.rdf import to_rdf

    return to_rdf(kg)


TopOpt = Annotated[
    int | None,
    typer.Option(
        "--top",
        min=0,
        show_default=False,
        help="Show at most this many entries per list on screen, saying 'N of M shown' (0: all). JSON is "
        "complete unless --top is given.",
    ),
]
#: --top when not given: screen lists stop here; JSON lists are complete.
SCREEN_TOP = 20


def top_for(top: int | None, json_out: bool) -> int | None:
    """The list bound a command applies: ``None`` (all) for JSON without --top and for --top 0."""
    if top is None:
        return None if json_out else SCREEN_TOP
    return None if top == 0 else top


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
    out in layers when ``layout`` is given); the format comes from ``fmt`` or the file's suffix. The file may not
    be inside the seed directory the command read."""
    from tmekg.cli.render import err_console
    from tmekg.export.files import STDOUT, ExportFormat, export

    if str(path) == STDOUT:
        raise InputError("--export - would mix the subgraph with the answer on standard output; give a file name")
    name = fmt or path.suffix.lstrip(".").lower()
    try:
        chosen = ExportFormat(name)
    except ValueError:
        known = ", ".join(f.value for f in ExportFormat)
        raise InputError(f"cannot tell the export format from {path.name!r}; use --export-format ({known})") from None
    inputs = [STATE["seed_read"]] if STATE.get("seed_read") is not None else []
    written = export(kg, chosen, path, title=title, isolated=True, layout=layout, inputs=inputs)
    message = f"wrote the answer's subgraph to {', '.join(str(p) for p in written)} ({chosen.value})"
    err_console.print(message, markup=False, highlight=False, soft_wrap=True)
