"""``tmekg rdf push``: the RDF view into a remote SPARQL 1.1 store (Graph Store Protocol)."""

from typing import Annotated

import typer

from tmekg.cli.common import JsonOpt, SeedOpt, handles_errors, load_graph

__all__ = ["rdf_app"]

rdf_app = typer.Typer(
    name="rdf",
    help="Put the RDF view into a shared SPARQL 1.1 store (Oxigraph, Fuseki, GraphDB, Virtuoso ...).",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)


@rdf_app.command("push")
@handles_errors
def push(
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            help="The store's SPARQL query endpoint, e.g. http://localhost:7878/query (Oxigraph) or "
            "http://localhost:3030/ds/sparql (Fuseki). Credentials: env TMEKG_SPARQL_USER, TMEKG_SPARQL_PASSWORD.",
            show_default=False,
        ),
    ],
    graph: Annotated[
        str, typer.Option("--graph", help="The named graph to replace (no other graph is touched).")
    ] = "https://w3id.org/tmekg/graph",
    update_endpoint: Annotated[
        str | None,
        typer.Option(
            "--update-endpoint", help="SPARQL Update endpoint (default: beside --endpoint).", show_default=False
        ),
    ] = None,
    store_endpoint: Annotated[
        str | None,
        typer.Option(
            "--store-endpoint", help="Graph Store Protocol endpoint (default: beside --endpoint).", show_default=False
        ),
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to wait for each request.")] = 300.0,
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Replace a named graph of a remote store with the RDF view (and the ontology), atomically: the graph is
    uploaded to a temporary graph, then moved over the old one in one SPARQL Update."""
    from tmekg.backends.remote import RemoteSparql
    from tmekg.cli.render import console, print_json

    store = RemoteSparql(
        endpoint, graph=graph, update_endpoint=update_endpoint, store_endpoint=store_endpoint, timeout=timeout
    )
    from tmekg.cli.render import working

    kg = load_graph(seed)
    with working(f"push to {endpoint}"):  # a spinner on a terminal, nothing in a pipe or a log
        summary = store.load(kg)
    if json_out:
        print_json({"endpoint": endpoint, "graph": graph, "summary": summary})
    else:
        console.print(summary, markup=False, highlight=False)
