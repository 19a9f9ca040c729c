"""What every command shares: the app, common options, error mapping, loading the graph."""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from tmekg.errors import AmbiguousNameError, InputError, NotFoundError, SeedError, TmekgError

if TYPE_CHECKING:
    from tmekg.export.view import AnswerLayout
    from tmekg.kg import KnowledgeGraph
    from tmekg.model import Entity
    from tmekg.vocab import EntityKind

__all__ = [
    "ExportFormatOpt",
    "ExportOpt",
    "FirstOpt",
    "FormatOpt",
    "IdsOpt",
    "JsonOpt",
    "OutputFormat",
    "SeedOpt",
    "app",
    "export_subgraph",
    "fail",
    "handles_errors",
    "load_graph",
    "opened_rdf",
    "output_format",
    "resolve",
    "top_for",
]

app = typer.Typer(
    name="tmekg",
    help="tmekg: a curated knowledge graph of tumor–immune interactions.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=True,  # tmekg --install-completion (bash, zsh, fish, PowerShell); see the README
)

P = ParamSpec("P")
R = TypeVar("R")

SeedOpt = Annotated[
    Path | None, typer.Option("--seed", help="Seed directory (default: the shipped seed).", show_default=False)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


class OutputFormat(StrEnum):
    """How a command prints what it found."""

    TABLE = "table"
    TSV = "tsv"
    CSV = "csv"
    JSON = "json"


FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        help="table (for people; the default), tsv or csv (one row per item with a header, labels beside ids: for "
        "scripts, `| cut -f`), or json (the same as --json).",
        show_default=False,
        case_sensitive=False,
    ),
]
IdsOpt = Annotated[bool, typer.Option("--ids", help="Bare ids: no label beside them (and ids for names on screen).")]


def output_format(fmt: OutputFormat | None, json_out: bool, ids: bool = False) -> OutputFormat:
    """The format a command prints in (``--json`` is ``--format json``); also applies ``--ids``."""
    from tmekg.cli.render import use_ids

    if json_out and fmt not in (None, OutputFormat.JSON):
        raise InputError(f"--json and --format {fmt.value} disagree; give one of them")
    use_ids(ids)
    return OutputFormat.JSON if json_out else (fmt or OutputFormat.TABLE)


FirstOpt = Annotated[
    bool,
    typer.Option("--first", help="When a name matches several entities, take the first candidate instead of listing."),
]


def fail(code: int, message: str) -> typer.Exit:
    """Say ``message`` on stderr as one line (its text is never read as markup: ``[tmekg:x]`` stays) and give the
    exit to raise."""
    from rich.markup import escape

    from tmekg.cli.render import err_console

    err_console.print(f"[red]error:[/red] {escape(message)}", highlight=False, markup=True, soft_wrap=True)
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
        except AmbiguousNameError as exc:
            hint = " (or --first to take the first)" if "first" in kwargs else ""
            raise fail(2, f"{exc}{hint}") from None
        except InputError as exc:
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


def resolve(kg: KnowledgeGraph, name: str, kind: EntityKind | None = None, first: bool = False) -> Entity:
    """The entity ``name`` names (see :meth:`KnowledgeGraph.lookup`); when the name was read forgivingly (a
    synonym, a folded spelling, a previous symbol, the first of several), say how on stderr."""
    found = kg.resolve(name, kind, first=first)
    if found.note:
        from tmekg.cli.render import err_console

        err_console.print(f"note: {name!r} {found.note}", markup=False, highlight=False)
    return found.entity


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
    """The list bound a command applies: ``None`` (all) for JSON, TSV or CSV (``json_out``: anything but the
    table) without --top, and for --top 0."""
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
