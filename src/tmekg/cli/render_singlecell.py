"""Human output of ``tmekg annotate`` (and the Markdown form of its summary)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from tmekg.atomic import write_text
from tmekg.cli.render import console, err_console, print_json

__all__ = ["err", "print_json", "summary", "summary_markdown", "warnings", "write_summary"]


def err(message: str) -> None:
    err_console.print(message, soft_wrap=True)


def warnings(data: dict[str, Any]) -> None:
    """One line per kind of problem, with counts, on stderr."""
    for cell in data["unmapped_cells"]:
        why = "left unmapped by --cells" if cell["how"] == "unmapped_by_map" else "matches no tmekg cell type"
        if cell["how"] == "ambiguous":
            why = "matches several tmekg cell types; map it with --cells"
        err_console.print(
            Text(f"warning: cell name {cell['name']!r} {why} ({cell['rows']} row mention(s)); map it with --cells"),
            style="yellow",
            soft_wrap=True,
        )
    symbols = data["symbols"]
    garbage = symbols["not_gene_symbols"]
    if garbage["distinct"]:
        shown = ", ".join(repr(s) for s in garbage["examples"])
        err_console.print(
            Text(
                f"warning: {garbage['distinct']} ligand/receptor name(s) in {garbage['rows']} row(s) are not gene "
                f"symbols (e.g. {shown}); those rows get no_curated_knowledge"
            ),
            style="yellow",
            soft_wrap=True,
        )
    unknown = symbols["unknown_to_tmekg"]
    if unknown["distinct"]:
        err(f"note: {unknown['distinct']} gene symbol(s) are not in tmekg's curated molecules (no curated knowledge)")


def summary(data: dict[str, Any]) -> None:
    cov = data["coverage"]
    console.print(
        f"{data['rows']} row(s) of {data['format']} output; curated knowledge for the same or related cells: "
        f"{cov['fraction_cell_matched']:.1%} (exact {cov['exact']}, broader {cov['broader']}, narrower "
        f"{cov['narrower']}); pair only: {cov['pair_only']}; no curated knowledge: {cov['no_curated_knowledge']}"
    )
    if data["top_pro_tumor"]:
        table = Table(title="top pro-tumor calls (by the study's score)")
        for column in ("sender", "receiver", "ligand → receptor", "match", "therapies"):
            table.add_column(column)
        for row in data["top_pro_tumor"]:
            table.add_row(
                str(row["source"]),
                str(row["target"]),
                f"{row['ligand']} → {row['receptor']}",
                row["match"],
                ", ".join(row["therapies"]) or "—",
            )
        console.print(table)
    if data["therapies"]:
        table = Table(title="therapies by the study's pro-tumor signal they would cut")
        for column in ("therapy", "status", "pro-tumor signal cut", "rows", "anti-tumor cut", "via"):
            table.add_column(column)
        for t in data["therapies"]:
            table.add_row(
                t["therapy"]["label"],
                str(t["status"]),
                f"{t['pro_tumor_signal_cut']:.2f} ({t['fraction_of_pro_tumor_signal']:.0%})",
                str(t["rows_cut"]),
                f"{t['anti_tumor_signal_cut']:.2f}",
                "; ".join(t["via"]),
            )
        console.print(table)


def summary_markdown(data: dict[str, Any]) -> str:
    cov = data["coverage"]
    lines = [
        "# tmekg annotation summary",
        "",
        f"- input: {data['rows']} row(s), format `{data['format']}`, score `{data['score']['column']}`",
        f"- layers: {', '.join(data['layers'])}",
        f"- coverage: exact {cov['exact']}, broader {cov['broader']}, narrower {cov['narrower']}, pair only "
        f"{cov['pair_only']}, no curated knowledge {cov['no_curated_knowledge']} "
        f"({cov['fraction_cell_matched']:.1%} with curated knowledge for these cells)",
        "",
        "## Top pro-tumor calls",
        "",
        "| sender | receiver | ligand → receptor | match | interactions | therapies |",
        "|---|---|---|---|---|---|",
    ]
    for r in data["top_pro_tumor"]:
        lines.append(
            f"| {r['source']} | {r['target']} | {r['ligand']} → {r['receptor']} | {r['match']} | "
            f"{', '.join(r['interactions'])} | {', '.join(r['therapies'])} |"
        )
    lines += [
        "",
        "## Therapies",
        "",
        "| therapy | status | pro-tumor signal cut | rows | anti-tumor cut |",
        "|---|---|---|---|---|",
    ]
    for t in data["therapies"]:
        lines.append(
            f"| {t['therapy']['label']} | {t['status']} | {t['pro_tumor_signal_cut']:.2f} "
            f"({t['fraction_of_pro_tumor_signal']:.0%}) | {t['rows_cut']} | {t['anti_tumor_signal_cut']:.2f} |"
        )
    lines += ["", "## Unmapped cell names", ""]
    lines += [f"- {c['name']}: {c['rows']} row mention(s) ({c['how']})" for c in data["unmapped_cells"]] or ["- none"]
    return "\n".join(lines) + "\n"


def write_summary(data: dict[str, Any], path: Path) -> None:
    if path.suffix.lower() == ".md":
        write_text(path, summary_markdown(data))
    else:
        write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    err(f"wrote the summary to {path}")
