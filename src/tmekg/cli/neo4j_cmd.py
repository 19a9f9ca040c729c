"""``tmekg neo4j load`` and ``tmekg query cypher``: tmekg in the user's Neo4j 5.

The password comes from env ``TMEKG_NEO4J_PASSWORD`` or, with ``--ask-password``, a hidden prompt; it is never
an option, so it stays out of the shell history, ``--help`` and every message. Without a user or a password the
driver connects without auth. Connection and query failures are one line on stderr and exit 2.
"""

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tmekg.cli.common import FormatOpt, IdsOpt, JsonOpt, SeedOpt, fail, output_format
from tmekg.errors import InputError, NotFoundError, SeedError, TmekgError

if TYPE_CHECKING:
    from neo4j import Driver
    from rich.progress import Progress, TaskID

    from tmekg.backends.neo4j import LoadSummary

__all__ = ["PASSWORD_ENV", "cypher_command", "neo4j_app"]

PASSWORD_ENV = "TMEKG_NEO4J_PASSWORD"
USER_ENV = "TMEKG_NEO4J_USER"
URI_ENV = "TMEKG_NEO4J_URI"
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_ACCESS_MODE = "Neo.ClientError.Statement.AccessMode"

neo4j_app = typer.Typer(
    name="neo4j",
    help="Load tmekg into a Neo4j 5 database (your own server, cluster or hosted instance).",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)

_URI = typer.Option("--uri", envvar=URI_ENV, help="Bolt or neo4j URI, e.g. bolt://localhost:7687.", show_default=False)
UriOpt = Annotated[str, _URI]
UserOpt = Annotated[
    str | None,
    typer.Option(
        "--user",
        envvar=USER_ENV,
        help=f"User name (default neo4j when a password is given). Password: env {PASSWORD_ENV} or --ask-password.",
        show_default=False,
    ),
]
DatabaseOpt = Annotated[
    str | None, typer.Option("--database", help="Database name (default: the server's default).", show_default=False)
]
AskOpt = Annotated[bool, typer.Option("--ask-password", help="Prompt for the password (input hidden).")]


def _one_line(exc: BaseException | str) -> str:
    return " ".join(str(exc).split())


def _shown(uri: str) -> str:
    """``uri`` without any ``user:password@`` part (Neo4j URIs carry no credentials, but users try).

    >>> _shown("bolt://neo4j:secret@db.example.org:7687/x")
    'bolt://db.example.org:7687/x'
    """
    scheme, sep, rest = uri.partition("://")
    if not sep:
        return uri.rpartition("@")[2]
    authority, slash, path = rest.partition("/")
    return f"{scheme}{sep}{authority.rpartition('@')[2]}{slash}{path}"


def _auth(user: str | None, ask_password: bool) -> tuple[str, str] | None:
    password = typer.prompt("Neo4j password", hide_input=True) if ask_password else os.environ.get(PASSWORD_ENV)
    if not password:
        if user:
            raise InputError(f"user {user!r} needs a password: set {PASSWORD_ENV} or pass --ask-password")
        return None
    return (user or "neo4j", password)


@contextmanager
def _neo4j_errors(uri: str) -> Iterator[None]:
    """Map driver and tmekg errors to one line on stderr and an exit code (2; 1 for not found)."""
    uri = _shown(uri)
    from neo4j.exceptions import AuthError, ClientError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

    from tmekg.cli.render import problems

    try:
        yield
    except AuthError:
        raise fail(2, f"authentication failed at {uri}: check the user and {PASSWORD_ENV}") from None
    except (ServiceUnavailable, SessionExpired) as exc:
        raise fail(2, f"cannot reach Neo4j at {uri}: {_one_line(exc)}") from None
    except ClientError as exc:
        if exc.code == _ACCESS_MODE:
            raise fail(2, "the query writes to the database; queries run read-only unless you pass --write") from None
        raise fail(2, f"Neo4j refused the query ({exc.code}): {_one_line(exc.message or exc)}") from None
    except Neo4jError as exc:
        raise fail(2, f"Neo4j error ({exc.code}): {_one_line(exc.message or exc)}") from None
    except DriverError as exc:
        raise fail(2, f"Neo4j driver error: {_one_line(exc)}") from None
    except SeedError as exc:
        problems(exc.problems)
        raise fail(2, f"{len(exc.problems)} problem(s) in the seed tables; nothing was loaded") from None
    except NotFoundError as exc:
        raise fail(1, str(exc)) from None
    except TmekgError as exc:
        raise fail(2, str(exc)) from None


@contextmanager
def _driver(uri: str, user: str | None, ask_password: bool, connect_timeout: float = 10.0) -> "Iterator[Driver]":
    """A verified driver to ``uri``; closed on exit. Call inside :func:`_neo4j_errors`."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import ConfigurationError

    scheme, sep, _ = uri.partition("://")
    if not sep or scheme not in _SCHEMES:
        raise InputError(
            f"--uri {_shown(uri)!r} is not a Neo4j URI (schemes: {', '.join(_SCHEMES)}, e.g. bolt://host:7687)"
        )
    if _shown(uri) != uri:
        raise InputError(f"--uri must not hold credentials; use --user and env {PASSWORD_ENV} or --ask-password")
    auth = _auth(user, ask_password)
    try:
        # a listener that accepts and never answers costs connect_timeout, not the driver's default 60 s
        driver = GraphDatabase.driver(
            uri, auth=auth, connection_timeout=connect_timeout, connection_acquisition_timeout=connect_timeout
        )
    except (ConfigurationError, ValueError) as exc:
        raise InputError(f"bad --uri {_shown(uri)!r}: {_one_line(exc)}") from None
    try:
        try:
            driver.verify_connectivity()
        except ValueError as exc:  # the driver's address parser, e.g. a port that is not a number
            raise InputError(f"bad --uri {_shown(uri)!r}: {_one_line(exc)}") from None
        yield driver
    finally:
        driver.close()


class _LoadProgress:
    """A rich progress bar on stderr, one task per stage of the load."""

    def __init__(self, progress: "Progress") -> None:
        self._progress = progress
        self._tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        task = self._tasks.get(stage)
        if task is None:
            task = self._tasks[stage] = self._progress.add_task(stage, total=total)
        self._progress.update(task, completed=done, total=total)


def _summary_table(summary: "LoadSummary", uri: str) -> Any:
    from rich.table import Table

    table = Table(title=f"tmekg loaded into {uri}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, count in summary.nodes.items():
        table.add_row(f":{label} nodes", str(count))
    for rel_type, count in summary.relationships.items():
        table.add_row(f"{rel_type} relationships", str(count))
    table.add_section()
    for name in (
        "nodes_created",
        "relationships_created",
        "properties_set",
        "labels_added",
        "constraints_added",
        "nodes_deleted",
        "relationships_deleted",
        "batches",
    ):
        table.add_row(name.replace("_", " "), str(getattr(summary, name)))
    table.add_row("seconds", f"{summary.seconds:.2f}")
    return table


@neo4j_app.command("load")
def load_command(
    uri: UriOpt,
    user: UserOpt = None,
    database: DatabaseOpt = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per transaction.")] = 10_000,
    wipe: Annotated[
        bool, typer.Option("--wipe", help="First delete tmekg's nodes (label :Tmekg) and only those.")
    ] = False,
    seed: SeedOpt = None,
    ask_password: AskOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Load the knowledge graph into Neo4j: constraints, then batched CREATE (empty database) or MERGE.

    Idempotent: a second load changes nothing, and an interrupted load completes when run again.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tmekg.backends.neo4j import load
    from tmekg.cli.render import console, err_console, print_json
    from tmekg.seed import load as load_seed

    with _neo4j_errors(uri):
        kg = load_seed(seed)
        with _driver(uri, user, ask_password) as driver:
            columns = (TextColumn("{task.description:<13}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
            with Progress(*columns, console=err_console, disable=not err_console.is_terminal) as bar:
                summary = load(
                    driver, kg, database=database, batch_size=batch_size, wipe=wipe, progress=_LoadProgress(bar)
                )
    if json_out:
        print_json(asdict(summary))
    else:
        console.print(_summary_table(summary, _shown(uri)))


def _quiet_driver_log() -> None:
    """Keep the driver from logging each server notification with the whole query (Python's last-resort handler
    prints it on stderr); the command prints the notices itself, one line each."""
    import logging

    log = logging.getLogger("neo4j.notifications")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())
    log.propagate = False


def _catalogue_query(name: str, params: dict[str, Any], seed: Path | None) -> str:
    """The text of catalogue query ``name``; its parameters checked against the query's header and resolved (entity
    names to ids in ``seed``, bounded integers) by the one resolver every backend uses."""
    from tmekg.backends.base import resolve_params
    from tmekg.cli.common import load_graph
    from tmekg.queries import load_query

    spec = load_query("cypher", name)
    names_entities = any(kind is not None and not kind.startswith("integer") for kind in spec.params.values())
    kg = load_graph(seed) if names_entities else None
    given = {key: value if isinstance(value, str) else json.dumps(value) for key, value in params.items()}
    params.update(resolve_params(spec, given, kg))
    return spec.text


def _list_catalogue() -> None:
    from tmekg.cli.render import console
    from tmekg.queries import list_queries, load_query

    for known in list_queries("cypher"):
        spec = load_query("cypher", known)
        extra = f"  (params: {', '.join(spec.params)})" if spec.params else ""
        console.print(f"{known}: {spec.title}{extra}", highlight=False)


def cypher_command(
    name: Annotated[
        str | None, typer.Argument(help="Catalogue query name (omit it and --file to list the catalogue).")
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            "-f",
            help="Run your own Cypher query from this file.",
            exists=True,
            dir_okay=False,
            readable=True,
            show_default=False,
        ),
    ] = None,
    uri: Annotated[str | None, _URI] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="Parameter: name=text, or name:=JSON for numbers and lists. Repeatable.",
            show_default=False,
        ),
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="Allow your --file query to write (default: read-only).")
    ] = False,
    user: UserOpt = None,
    database: DatabaseOpt = None,
    ask_password: AskOpt = False,
    limit: Annotated[int, typer.Option(min=1, help="Most rows to fetch; more are cut and the cut is said.")] = 10_000,
    time_limit: Annotated[
        float, typer.Option(min=0.1, help="Seconds the server may spend on the query (its transaction timeout).")
    ] = 60.0,
    connect_timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to wait for the server to answer.")] = 10.0,
    allow_network: Annotated[
        bool,
        typer.Option(
            "--allow-network",
            help="Let your query use LOAD CSV or apoc.load/import/export (the server fetches those; refused by "
            "default).",
        ),
    ] = False,
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
    fmt: FormatOpt = None,
    ids: IdsOpt = False,
) -> None:
    """Run a catalogue Cypher query (or your own --file) against Neo4j, read-only unless --write.

    Catalogue parameters that name an entity accept an id, label or synonym (resolved in --seed). Tables, TSV and
    CSV put the label of each entity id of --seed beside it (--ids leaves them out). Exit 1 when a read returns no
    rows.
    """
    from tmekg.backends.neo4j import run_query
    from tmekg.cli.render import err_console, print_json

    _quiet_driver_log()

    with _neo4j_errors(uri or ""):
        if name is None and file is None:
            _list_catalogue()
            return
        if name is not None and file is not None:
            raise InputError("give a catalogue query name or --file, not both")
        if write and file is None:
            raise InputError("--write is for your own --file queries; catalogue queries only read")
        if not uri:
            raise InputError(f"--uri is required (or env {URI_ENV})")
        from tmekg.backends.base import parse_params

        params = parse_params(param or [])
        if file is not None:
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"cannot read {file}: {exc}") from None
            if not text.strip():
                raise InputError(f"{file} holds no query")
        else:
            assert name is not None
            text = _catalogue_query(name, params, seed)
        from tmekg.backends.neo4j import network_clause

        clause = None if allow_network else network_clause(text)
        if clause:  # refused before connecting
            raise InputError(
                f"the query uses {clause}, which makes the server fetch a URL or file; it is refused unless you pass "
                "--allow-network"
            )
        with _driver(uri, user, ask_password, connect_timeout) as driver:
            result = run_query(
                driver,
                text,
                params,
                database=database,
                write=write,
                limit=limit,
                time_limit=time_limit,
                allow_network=allow_network,
            )
    if result.truncated:
        err_console.print(f"truncated: the first {limit} rows are printed (raise --limit)", highlight=False)
    for notice in result.notices:  # one line each, instead of the driver's log record with the whole query
        err_console.print(f"{notice.severity.lower()}: {notice}", markup=False, highlight=False, soft_wrap=True)
    chosen = output_format(fmt, json_out, ids)
    if chosen == "json":
        print_json(result.rows)
    else:
        from tmekg.cli.common import load_graph
        from tmekg.cli.render_reasoning import query_rows
        from tmekg.cli.rows import entity_label

        rows = [{c: row.get(c) for c in result.columns} for row in result.rows]
        query_rows(rows, f"{len(rows)} row(s)", chosen, ids, entity_label(load_graph(seed)))
    if not result.rows and not write:
        raise typer.Exit(1)
