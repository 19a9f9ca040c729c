"""What every command shares: the app, common options, error mapping, loading the graph."""

import functools
import os
import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperGroup

from tmekg.errors import AmbiguousNameError, InputError, NotFoundError, SeedError, TmekgError

if TYPE_CHECKING:
    from tmekg.export.layout import AnswerLayout
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
    "exit_for",
    "export_subgraph",
    "fail",
    "handles_errors",
    "load_graph",
    "opened_rdf",
    "opened_store",
    "output_format",
    "resolve",
    "top_for",
    "with_interactions_of",
]

#: Exit codes of every command (README "Exit codes"): 0 ok, 1 nothing found, 2 bad input or usage (an OS error on a
#: file the user named included), 3 an internal error (a bug: one line, the traceback with --debug), 130 interrupted.
EXIT_OK, EXIT_NOT_FOUND, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _pass_through() -> tuple[type[BaseException], ...]:
    """The exceptions typer and click use to end a command on purpose (exits, usage errors, aborts): from typer, and
    from click or the copy of click that newer typers carry."""
    kinds: list[type[BaseException]] = [typer.Exit, typer.Abort]
    for name in ("click.exceptions", "typer._click.exceptions"):
        # only a copy typer has loaded raises anything; importing click when typer carries its own costs 5 ms a call
        module = sys.modules.get(name)
        if module is not None:
            kinds += [getattr(module, n) for n in ("Exit", "Abort", "ClickException") if hasattr(module, n)]
    return tuple(kinds)


_PASS_THROUGH = _pass_through()


class _Group(TyperGroup):
    """The command group of ``tmekg``: whatever a command raises ends as one line and an exit code, never as a
    traceback (``--debug`` or ``TMEKG_DEBUG=1`` prints the traceback of an internal error too)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _PASS_THROUGH:
            raise  # typer.Exit from fail(), usage errors (exit 2) and click's own aborts
        except KeyboardInterrupt:
            raise fail(EXIT_INTERRUPTED, "interrupted") from None
        except Exception as exc:  # noqa: BLE001  (the one place that turns any exception into a line and a code)
            raise exit_for(exc) from None


app = typer.Typer(
    name="tmekg",
    cls=_Group,
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


def fail(code: int, message: str, label: str = "error") -> typer.Exit:
    """Print ``label: message`` on stderr as one line of plain text (never markup) and return the exit to raise."""
    from rich.text import Text

    from tmekg.cli.render import err_console

    one_line = " ".join(message.split("\n"))
    err_console.print(Text.assemble((f"{label}:", "red"), " ", one_line), highlight=False, soft_wrap=True)
    return typer.Exit(code)


def debugging() -> bool:
    """Whether ``--debug`` (or ``TMEKG_DEBUG=1``) asked for tracebacks of internal errors."""
    return bool(STATE.get("debug")) or os.environ.get("TMEKG_DEBUG", "") not in {"", "0"}


def exit_for(exc: Exception) -> typer.Exit:
    """Print the one line that says what went wrong and return the exit with its code: 1 nothing found, 2 bad input
    (tmekg's own errors, an OS error on a file), 3 anything else (an internal error: the traceback with --debug)."""
    from tmekg.cli.render import problems

    if isinstance(exc, SeedError):
        problems(exc.problems)
        return fail(EXIT_BAD_INPUT, f"{len(exc.problems)} problem(s) in the seed tables; nothing was written")
    if isinstance(exc, NotFoundError):
        return fail(EXIT_NOT_FOUND, str(exc))
    if isinstance(exc, (AmbiguousNameError, InputError, TmekgError)):
        return fail(EXIT_BAD_INPUT, str(exc))
    if isinstance(exc, OSError) and exc.strerror:
        names = " -> ".join(os.fsdecode(n) for n in (exc.filename, exc.filename2) if n is not None)
        return fail(EXIT_BAD_INPUT, f"{exc.strerror}: {names}" if names else exc.strerror)
    if debugging():
        import traceback

        from tmekg.cli.render import err_console

        err_console.print(
            "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)), highlight=False, end=""
        )
    return fail(
        EXIT_INTERNAL,
        f"{type(exc).__name__}: {exc} (a bug in tmekg: please report it; `tmekg --debug ...` shows the traceback)",
        label="internal error",
    )


def handles_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Map every exception of a command to a one-line message and an exit code (see :func:`exit_for`)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except _PASS_THROUGH:
            raise
        except AmbiguousNameError as exc:
            hint = " (or --first to take the first)" if "first" in kwargs else ""
            raise fail(EXIT_BAD_INPUT, f"{exc}{hint}") from None
        except Exception as exc:  # noqa: BLE001  (see exit_for)
            raise exit_for(exc) from None

    return wrapper


#: Options every command shares, set by the app callback (``tmekg --store DIR ...``).
STATE: dict[str, Any] = {"store": None, "debug": False}


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
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Print the traceback of an internal error (exit 3); also TMEKG_DEBUG=1."),
    ] = False,
) -> None:
    """tmekg: a curated knowledge graph of tumor–immune interactions.

    Exit codes: 0 ok, 1 nothing found, 2 bad input or usage, 3 internal error (a bug; --debug shows the
    traceback), 130 interrupted.
    """
    STATE["store"] = store
    STATE["debug"] = debug
    STATE.pop("opened", None)
    from tmekg.cli.render import unwrap_when_piped

    unwrap_when_piped()


def load_graph(seed: Path | None, *, reasoning: bool = False, core: bool = False) -> "KnowledgeGraph":
    """The graph of the seed (the shipped one by default), from the persistent store when it is on; with
    ``reasoning``, the stored signed graph too. A store that cannot be written falls back to reading the seed.

    With ``core``, a stored graph comes without its interactions (every other record and the name index: enough to
    resolve names, label ids and search paths); :func:`with_interactions_of` adds the interactions of the entities an
    answer is about. Without a store the graph is whole either way."""
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
        kg, store = stored(path, root, reasoning=reasoning, core=core, progress=_building)
    except OSError as exc:
        from tmekg.cli.render import err_console

        err_console.print(f"note: the store at {root} cannot be used ({exc.strerror}); reading the seed", markup=False)
        return load(path)
    STATE["opened"] = store
    STATE["graph"] = kg  # kept to the end of the process: freeing 10^5 records on return costs a quarter second
    STATE["core"] = kg if core and store is not None else None
    return kg


def opened_store(seed: Path | None) -> Any:
    """The persistent store of the seed (built when needed), opened without reading any graph from it, for an answer
    that needs only its RDF view; ``None`` when the store is off or cannot be used (then :func:`load_graph`)."""
    from tmekg.resources import seed_dir
    from tmekg.store import open_store, store_root

    path = seed if seed is not None else seed_dir()
    root = store_root(STATE["store"])
    if root is None or not path.is_dir():
        return None
    try:
        store = open_store(path, root, progress=_building)
    except OSError:
        return None  # load_graph says why and reads the seed
    STATE["seed_read"] = path
    STATE["opened"] = store
    return store


def with_interactions_of(kg: "KnowledgeGraph", entity_ids: Iterable[str]) -> "KnowledgeGraph":
    """``kg`` with the interactions going out of or into ``entity_ids`` when it is the core :func:`load_graph` read
    from the store (read from the store's interaction table: for those entities, answers are the whole graph's);
    any other graph is returned as it is."""
    store = STATE.get("opened")
    if store is None or STATE.get("core") is not kg:
        return kg
    whole: KnowledgeGraph = store.around(kg, entity_ids)
    STATE["graph"] = whole
    return whole


def resolve(kg: "KnowledgeGraph", name: str, kind: "EntityKind | None" = None, first: bool = False) -> "Entity":
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
        err_console.print(f"store: {message}", style="dim")


def opened_rdf(kg: "KnowledgeGraph") -> Any:
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
    kg: "KnowledgeGraph", path: Path, fmt: str | None, title: str = "tmekg answer", layout: "AnswerLayout | None" = None
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
