"""Reasoning commands: therapy, combine, path, and the query catalogue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tmekg.cli.common import (
    STATE,
    ExportFormatOpt,
    ExportOpt,
    FirstOpt,
    FormatOpt,
    IdsOpt,
    JsonOpt,
    SeedOpt,
    TopOpt,
    app,
    export_subgraph,
    fail,
    handles_errors,
    load_graph,
    opened_rdf,
    opened_store,
    output_format,
    resolve,
    top_for,
)
from tmekg.errors import InputError
from tmekg.kg import KnowledgeGraph
from tmekg.vocab import EntityKind

if TYPE_CHECKING:
    from tmekg.backends.base import Backend

__all__ = ["query_app"]

CancerOpt = Annotated[
    str | None, typer.Option("--cancer", help="Keep this cancer's and pan-cancer statements.", show_default=False)
]

PlotOpt = Annotated[
    Path | None,
    typer.Option(
        "--plot",
        help="Also draw the answer as a layered diagram to this file (.svg, .png or .pdf; needs the plot extra).",
        show_default=False,
    ),
]

query_app = typer.Typer(help="Run a catalogue query (or your own) on the graph.", no_args_is_help=True)
app.add_typer(query_app, name="query")


def _restricted(seed: Path | None, cancer: str | None, first: bool = False, core: bool = False) -> KnowledgeGraph:
    kg = load_graph(seed, reasoning=not cancer, core=core and not cancer)
    if cancer:
        kg = kg.for_cancer(resolve(kg, cancer, EntityKind.CANCER, first).id)
    return kg


@app.command()
@handles_errors
def therapy(
    name: Annotated[str, typer.Argument(help="Therapy id, name or synonym.")],
    cancer: CancerOpt = None,
    all_partners: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Also list partners on the same axis, discontinued ones and those that failed a trial with it.",
        ),
    ] = False,
    top: TopOpt = None,
    export: ExportOpt = None,
    export_format: ExportFormatOpt = None,
    plot: PlotOpt = None,
    first: FirstOpt = False,
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
    fmt: FormatOpt = None,
    ids: IdsOpt = False,
) -> None:
    """What a therapy severs, strengthens or makes, what it needs, its predicted effect on the tumor, escape
    routes, partners and trials.

    As TSV or CSV: the interactions it severs or strengthens and its escape routes, one row each with a ``role``
    and a ``verdict`` (paths, partners and trials: --json).
    """
    from tmekg.cli import render, render_reasoning
    from tmekg.reasoning import block

    chosen_format = output_format(fmt, json_out, ids)
    # the answer alone reads the stored interaction table and the records it lists; a cancer's statements, an
    # export and a plot need the whole graph
    kg = load_graph(seed, reasoning=True, core=cancer is None and export is None and plot is None)
    chosen = resolve(kg, name, EntityKind.THERAPY, first).id
    cancer_id = resolve(kg, cancer, EntityKind.CANCER, first).id if cancer else None
    answer = block(kg, chosen, cancer=cancer_id, all_partners=all_partners)
    data = answer.to_dict(kg, top_for(top, chosen_format != "table"))
    if export is not None:
        from tmekg.export.layered import therapy_layout

        title = f"tmekg: what {answer.therapy.label} acts on"
        export_subgraph(answer.subgraph(kg), export, export_format, title, therapy_layout(kg, answer))
    if plot is not None:
        _plot(kg, answer, plot)
    from tmekg.cli.rows import therapy_rows

    render.emit(data, chosen_format, render_reasoning.therapy, therapy_rows, ids)


@app.command()
@handles_errors
def combine(
    first: Annotated[str, typer.Argument(help="First therapy.")],
    second: Annotated[str, typer.Argument(help="Second therapy.")],
    cancer: CancerOpt = None,
    first_hit: FirstOpt = False,
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
    fmt: FormatOpt = None,
    ids: IdsOpt = False,
) -> None:
    """Whether two therapies are redundant, complementary or antagonistic, and which interactions say so."""
    from tmekg.cli import render, render_reasoning
    from tmekg.reasoning import combine as combine_therapies

    chosen = output_format(fmt, json_out, ids)
    kg = load_graph(seed)
    a, b = (resolve(kg, x, EntityKind.THERAPY, first_hit).id for x in (first, second))
    cancer_id = resolve(kg, cancer, EntityKind.CANCER, first_hit).id if cancer else None
    data = combine_therapies(kg, a, b, cancer=cancer_id).to_dict(kg)
    from tmekg.cli.rows import combine_rows

    render.emit(data, chosen, render_reasoning.combination, combine_rows, ids)


@app.command()
@handles_errors
def path(
    source: Annotated[str, typer.Argument(help="Start: an entity id or name (a therapy, cell, molecule...).")],
    target: Annotated[str, typer.Argument(help="End, e.g. 'tumor growth'.")] = "tumor growth",
    max_hops: Annotated[int, typer.Option(min=1, max=12, help="Longest path, in edges.")] = 4,
    max_paths: Annotated[int, typer.Option(min=1, max=100_000, help="Most paths to return.")] = 200,
    time_limit: Annotated[
        float, typer.Option(min=0.01, max=600, help="Seconds before the search stops and says it was truncated.")
    ] = 5.0,
    cancer: CancerOpt = None,
    top: TopOpt = None,
    export: ExportOpt = None,
    export_format: ExportFormatOpt = None,
    plot: PlotOpt = None,
    first: FirstOpt = False,
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
    fmt: FormatOpt = None,
    ids: IdsOpt = False,
) -> None:
    """Signed simple paths between two entities, strongest evidence first, each with its net sign and the
    evidence on every hop, and a one-line sum: how many paths (and how much weight) say + and −."""
    from tmekg.cli import render, render_reasoning
    from tmekg.reasoning import find_paths

    chosen = output_format(fmt, json_out, ids)
    # paths need names, labels and the signed graph; the statements behind them only for a drawing or an export
    kg = _restricted(seed, cancer, first, core=export is None and plot is None)
    start, end = (resolve(kg, x, first=first).id for x in (source, target))
    result = find_paths(kg, start, end, max_hops=max_hops, max_paths=max_paths, time_limit=time_limit)
    data = result.to_dict(kg, top_for(top, chosen != "table"))
    if export is not None:
        from tmekg.export.layered_path import path_layout

        title = f"tmekg: paths from {source} to {target}"
        export_subgraph(result.subgraph(kg), export, export_format, title, path_layout(kg, result))
    if plot is not None:
        _plot(kg, result, plot)
    from tmekg.cli.rows import path_rows

    render.emit(data, chosen, render_reasoning.path_list, path_rows, ids)
    if not data["paths"]:
        raise typer.Exit(1)


def _plot(kg: KnowledgeGraph, answer: object, path: Path) -> None:
    """Draw a therapy or path answer to ``path`` and say so on stderr."""
    from tmekg.cli.render import err_console
    from tmekg.export.plot import plot_answer

    if not path.parent.exists():
        raise InputError(f"directory {path.parent} does not exist")
    plot_answer(kg, answer, path)
    err_console.print(f"drew the answer to {path}")


def _params(pairs: list[str]) -> dict[str, str]:
    """``--param`` values (see :func:`tmekg.backends.base.parse_params`, shared with Cypher) as the text the
    resolver reads: ``name:=5`` and ``name=5`` bind the same."""
    from tmekg.backends.base import parse_params

    return {key: value if isinstance(value, str) else json.dumps(value) for key, value in parse_params(pairs).items()}


ParamOpt = Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE (repeatable).")]
EndpointOpt = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        help="Query a remote SPARQL 1.1 store at this query endpoint instead of the embedded graph (credentials: "
        "env TMEKG_SPARQL_USER and TMEKG_SPARQL_PASSWORD).",
        show_default=False,
    ),
]
GraphOpt = Annotated[str, typer.Option("--graph", help="The named graph tmekg was pushed into (with --endpoint).")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to wait for the remote store.")]


@query_app.command("sparql")
@handles_errors
def query_sparql(
    name: Annotated[str | None, typer.Argument(help="Catalogue query name (omit to list them).")] = None,
    param: ParamOpt = None,
    file: Annotated[Path | None, typer.Option("--file", help="Run your own SPARQL query from this file.")] = None,
    write: Annotated[bool, typer.Option("--write", help="Allow a SPARQL update (on the in-memory graph).")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Most rows to print; more are cut and the cut is said.")] = 10_000,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit",
            min=0.1,
            help="Seconds your --file query may run on the embedded graph before it is stopped (exit 2); with "
            "--endpoint, --timeout bounds the wait instead.",
        ),
    ] = 60.0,
    allow_network: Annotated[
        bool,
        typer.Option(
            "--allow-network",
            help="Let your query use SERVICE or LOAD (the engine fetches those URLs; refused by default).",
        ),
    ] = False,
    endpoint: EndpointOpt = None,
    graph: GraphOpt = "https://w3id.org/tmekg/graph",
    timeout: TimeoutOpt = 60.0,
    first: FirstOpt = False,
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
    fmt: FormatOpt = None,
    ids: IdsOpt = False,
) -> None:
    """Run a catalogue SPARQL query (or --file) on the embedded graph or a remote store (--endpoint); values bind
    as parameters.

    Tables, TSV and CSV show IRIs as prefixed names and put the label of each id or IRI beside it (a
    ``<column>_label`` column; --ids leaves them out); JSON prints the rows as the query returns them.
    """
    from tmekg.backends.base import display_rows, resolve_params
    from tmekg.backends.rdf import compact
    from tmekg.backends.sparql import is_update
    from tmekg.cli import render, render_reasoning
    from tmekg.queries import list_queries, load_query, parse_query_text

    if name is None and file is None:
        for known in list_queries("sparql"):
            spec = load_query("sparql", known)
            extra = f"  (params: {', '.join(spec.params)})" if spec.params else ""
            render.console.print(f"{known}: {spec.title}{extra}")
        return
    if name is not None and file is not None:
        raise InputError("give a catalogue query name or --file, not both")
    if file is not None:
        if not file.is_file():
            raise InputError(f"query file {file} not found")
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot read {file}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
        spec = parse_query_text("file", "sparql", text)
        _refuse_update(spec.text, write, allow_network)
    else:
        assert name is not None
        spec = load_query("sparql", name)
    # the seed resolves names to ids (the core of a stored graph: its names); the store has the rest
    names_entities = any(kind is not None and not kind.startswith("integer") for kind in spec.params.values())
    if endpoint is not None:
        from tmekg.backends.remote import RemoteSparql

        if write:
            raise InputError("--write is for the embedded graph; a remote store is queried read-only")
        backend: Backend = RemoteSparql(endpoint, graph=graph, timeout=timeout, allow_network=allow_network)
        kg = load_graph(seed, core=True) if names_entities else None
    else:
        from tmekg.backends.sparql import EmbeddedSparql

        store = None if write or names_entities else opened_store(seed)  # no graph needed beside the RDF
        if store is not None:
            kg, rdf = None, store.rdf()
        else:
            kg = load_graph(seed, core=not write)  # an update runs on an in-memory copy of the whole graph
            rdf = to_rdf_graph(kg, write)
        order = None if write else STATE.get("opened")  # the store lists interaction ids in order
        # only the user's own queries are stopped at --time-limit: the catalogue's are tmekg's, bounded by design
        bound = time_limit if file is not None else None
        backend = EmbeddedSparql(rdf, allow_network=allow_network, time_limit=bound, order=order)
    loaded = kg

    def lookup(text: str, kind: EntityKind | None) -> str:
        assert loaded is not None
        return resolve(loaded, text, kind, first).id

    bindings = resolve_params(spec, _params(param or []), kg, declared_only=file is None, lookup=lookup)
    if endpoint is None and file is not None and write and is_update(spec.text, allow_network=allow_network):
        assert isinstance(backend, EmbeddedSparql)
        triples = backend.update(spec.text)
        render.console.print(f"update applied to the in-memory graph ({triples} triples); nothing is saved")
        return
    if file is not None:
        result = backend.query(spec.text, bindings, limit=limit)
    else:
        result = backend.catalogue(spec.name, bindings, limit=limit)
    if result.truncated:
        render.err_console.print(f"truncated: the first {limit} rows are printed (raise --limit)")
    chosen = output_format(fmt, json_out, ids)
    if chosen == "json":
        render.print_json(result.rows)
    else:
        rows = result.rows if ids else display_rows(result, backend.labels, compact)
        title = f"{spec.title or spec.name}: {len(rows)} row(s)"
        render_reasoning.query_rows(rows, title, chosen, True, lambda _value: None)  # labelled above
    if not result.rows:
        raise typer.Exit(1)


def to_rdf_graph(kg: KnowledgeGraph, write: bool) -> Any:
    """The embedded graph a query runs on: the persistent store's (read-only) unless an update may run, which gets
    a fresh in-memory copy (an update never touches the store)."""
    from tmekg.backends.rdf import to_rdf

    return to_rdf(kg) if write else opened_rdf(kg)


def _refuse_update(text: str, write: bool, allow_network: bool) -> None:
    from tmekg.backends.sparql import is_update

    update = is_update(text, allow_network=allow_network)
    if update and not write:
        raise fail(2, "this is a SPARQL update; it is refused unless you pass --write")
