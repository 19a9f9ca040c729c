"""``tmekg neo4j load-tier``: the imported tiers into Neo4j as ``:ImportedPair:TmekgImported`` nodes, apart from
the curated ``:Tmekg`` graph (which ``tmekg neo4j load`` writes and wipes)."""

from pathlib import Path
from typing import Annotated

import typer

from tmekg.cli.common import JsonOpt
from tmekg.cli.neo4j_cmd import AskOpt, DatabaseOpt, UriOpt, UserOpt, _driver, _neo4j_errors, neo4j_app
from tmekg.errors import InputError

__all__ = ["load_tier_command"]


@neo4j_app.command("load-tier")
def load_tier_command(
    uri: UriOpt,
    tier: Annotated[Path, typer.Option("--tier", help="Directory of imported tiers (see `tmekg import`).")],
    user: UserOpt = None,
    database: DatabaseOpt = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per transaction.")] = 1000,
    wipe: Annotated[bool, typer.Option("--wipe", help="First delete each loaded resource's pair nodes.")] = False,
    ask_password: AskOpt = False,
    json_out: JsonOpt = False,
) -> None:
    """Load imported ligand–receptor tiers: one :ImportedPair node per pair with its provenance, linked to the
    curated :Molecule nodes it names by [:IMPORTED_LIGAND] and [:IMPORTED_RECEPTOR] (load the curated graph first).
    Idempotent."""
    from tmekg.backends.tier_neo4j import load_tier, wipe_tier
    from tmekg.cli.render import err_console, print_json
    from tmekg.importers.store import load_tiers

    with _neo4j_errors(uri):
        if not tier.is_dir():
            raise InputError(f"--tier {tier} is not a directory")
        tiers = load_tiers(tier)
        if not tiers:
            raise InputError(f"no imported tier in {tier}; build one with `tmekg import liana`")
        loaded: dict[str, int] = {}
        with _driver(uri, user, ask_password) as driver:
            for one in tiers:
                if wipe:
                    wipe_tier(driver, one.resource, database=database)
                loaded[one.layer] = load_tier(driver, one, database=database, batch_size=batch_size)
    if json_out:
        print_json({"layers": loaded})
    else:
        for layer, count in loaded.items():
            err_console.print(f"{layer}: {count} :ImportedPair node(s) merged")
