"""Human output of the reasoning commands (therapy, combine, path, query)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rich.table import Table
from rich.text import Text

from tmekg.cli.render import console, interactions_table, showing_ids, shown

__all__ = ["combination", "path_list", "query_rows", "rows_table", "therapy"]

_ARROW = {1: "→", -1: "⊣", 0: "—"}


def _label(ref: dict[str, Any] | None) -> str:
    if not ref:
        return ""
    return str(ref["id"] if showing_ids() else ref["label"])


def _path_line(path: dict[str, Any]) -> Text:
    text = Text()
    nodes = path["nodes"]
    for i, edge in enumerate(path["edges"]):
        if i == 0:
            text.append(_label(nodes[0]))
        text.append(f" {_ARROW[edge['sign']]} ", style="bold")
        text.append(_label(nodes[i + 1]))
    weakest = path["weakest_link"]
    names = {n["id"]: _label(n) for n in nodes}
    text.append(
        f"   [net {'+' if path['sign'] > 0 else '−'}; weight {path['weight']:.1f}; weakest link "
        f"{names[weakest['source']]} {weakest['predicate']} {names[weakest['target']]}"
        f"{' ' + ', '.join(weakest['evidence']) if weakest['evidence'] else ''}]",
        style="dim",
    )
    return text


def path_list(data: dict[str, Any]) -> None:
    paths = data["paths"]
    summary = data["summary"]
    console.print(
        Text(
            f"{summary['paths']} signed path(s) from {_label(data['source'])} to {_label(data['target'])}: "
            f"{summary['net_positive']} net + (weight {summary['positive_weight']:g}), "
            f"{summary['net_negative']} net − (weight {summary['negative_weight']:g}); strongest first",
            style="bold",
        )
    )
    for path in paths:
        console.print(_path_line(path))
    shown(len(paths), summary["paths"], "paths shown")
    if data["truncated"]:
        console.print(Text(f"truncated at the bounds {data['bounds']}; raise --max-hops/--max-paths", style="yellow"))


def therapy(data: dict[str, Any]) -> None:
    t = data["therapy"]
    console.print(Text(f"{t['label']}  [{t['id']}]", style="bold"))
    for a in data["actions"]:
        target = a["target"]
        name = _label(target) + (f" ({target['symbol']})" if target.get("symbol") and not showing_ids() else "")
        console.print(Text.assemble(f"  {a['action']} {name}  ", (", ".join(a["evidence"]), "dim")))
    net = data["net_effect"]
    style = {"anti_tumor": "green", "pro_tumor": "red", "mixed": "yellow"}.get(net["direction"], "dim")
    console.print(
        Text(f"predicted net effect on the tumor: {net['direction']}", style=f"bold {style}"),
        Text(f" (score {net['score']:+.2f}; {net['supporting_count']} supporting, {net['opposing_count']} opposing)"),
    )
    for label, key in (("supporting", "supporting_paths"), ("opposing", "opposing_paths")):
        for path in net[key]:
            console.print(Text(f"  {label}: ", style="dim") + _path_line(path))
        shown(len(net[key]), net[f"{label}_count"], f"{label} paths shown")
    counts = data["counts"]
    titles = {
        "benefit": "severed, pro-tumor signals cut (benefit)",
        "harm": "severed, anti-tumor interactions lost (harm)",
        "neutral": "severed only because the receiving cell is depleted (see the net effect)",
    }
    for verdict, title in titles.items():
        chosen = [v for v in data["severed"] if v["verdict"] == verdict]
        if chosen:
            console.print(interactions_table(chosen, title))
    shown(len(data["severed"]), counts["severed"], "severed interactions shown")
    if data["strengthened"]:
        console.print(interactions_table(data["strengthened"], "strengthened"))
    shown(len(data["strengthened"]), counts["strengthened"], "strengthened interactions shown")
    for made in data.get("drug_made", []):
        effectors = ", ".join(_label(c) for c in made["effectors"])
        console.print(
            Text(
                f"  drug-made: {made['action']} — {effectors} kill cells bearing {_label(made['antigen'])} "
                f"({_label(made['process'])})  {', '.join(made['evidence'])}"
            )
        )
    if data.get("needs"):
        console.print(Text("needs in the tumor:", style="bold"))
        for need in data["needs"]:
            console.print(Text(f"  {_label(need['requires'])} ({need['kind']}): {need['because']}"))
    if data["escape_routes"]:
        console.print(interactions_table(data["escape_routes"], "escape routes: what defeats it or is left intact"))
        for route in data["escape_routes"]:
            if route.get("defeats"):
                console.print(Text(f"  {route['id']}: {route['escape_reason']}", style="yellow"))
    shown(len(data["escape_routes"]), counts["escape_routes"], "escape routes shown")
    if data["partners"]:
        table = Table(title="combination partners (therapies that close escape routes), best first")
        table.add_column("therapy")
        table.add_column("status")
        table.add_column("score", justify="right")
        table.add_column("why")
        for p in data["partners"]:
            why = "; ".join(p["reasons"] + [f"[not by default: {x}]" for x in p["excluded_by_default"]])
            table.add_row(_label(p["therapy"]), p["status"], f"{p['score']:.2f}", why)
        console.print(table)
    shown(len(data["partners"]), counts["partners"], "partners shown")
    if data.get("trials"):
        console.print(Text("trials:", style="bold"))
        for trial in data["trials"]:
            console.print(Text(f"  {trial['summary']}  {', '.join(trial['publications'])}"))


def combination(data: dict[str, Any]) -> None:
    first, second = (t["label"] for t in data["therapies"])
    style = {"antagonistic": "red", "redundant": "yellow", "complementary": "green"}[data["kind"]]
    console.print(Text(f"{first} + {second}: {data['kind']}", style=f"bold {style}"))
    if data.get("clinical"):
        tone = {"agrees": "green", "disagrees": "red", "mixed": "yellow"}.get(data["agreement"], "dim")
        console.print(Text(f"  {data['clinical']}", style=tone))
    for conflict in data["conflicts"]:
        where = f" ({conflict['interaction']['id']})" if conflict["interaction"] else ""
        console.print(Text(f"  {conflict['reason']}{where}", style="red"))
    for key, title in (
        ("shared", "severed by both"),
        ("only_first", f"only {first}"),
        ("only_second", f"only {second}"),
    ):
        if data[key]:
            console.print(interactions_table(data[key], title))


def _table_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)  # lists, maps, nodes from a Cypher query


def rows_table(rows: list[dict[str, Any]], title: str) -> None:
    if not rows:  # a table without columns prints nothing, not even its title
        console.print(Text(title))
        return
    table = Table(title=title)
    columns = list(dict.fromkeys(c for row in rows for c in row))
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_table_cell(row.get(c)) for c in columns))
    console.print(table)


def query_rows(rows: list[dict[str, Any]], title: str, fmt: str, ids: bool, label: Callable[[str], str | None]) -> None:
    """Catalogue (or your own) query rows, SPARQL or Cypher: a label column beside every column of entity ids
    unless ``ids``; as a table, TSV or CSV (JSON is printed by the caller, unchanged)."""
    from tmekg.cli.render import write_rows
    from tmekg.cli.rows import labelled

    shown_rows = rows if ids else labelled(rows, label)
    if fmt in ("tsv", "csv"):
        write_rows(shown_rows, fmt)
    else:
        rows_table(shown_rows, title)
