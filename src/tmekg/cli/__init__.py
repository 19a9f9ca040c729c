"""The ``tmekg`` command line (typer + rich)."""

import tmekg.cli.main
import tmekg.cli.neo4j_tier_cmd
import tmekg.cli.reasoning_cmd
import tmekg.cli.singlecell_cmd  # noqa: F401  (each module registers its commands on the app)
from tmekg.cli.common import app
from tmekg.cli.neo4j_cmd import cypher_command, neo4j_app
from tmekg.cli.rdf_cmd import rdf_app
from tmekg.cli.reasoning_cmd import query_app

app.add_typer(neo4j_app, name="neo4j")
app.add_typer(rdf_app, name="rdf")
query_app.command("cypher")(cypher_command)

__all__ = ["app"]
