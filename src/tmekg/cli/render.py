"""Human output of the CLI: rich tables and cards. JSON output bypasses this module, and rich is imported only when
something is drawn with it: ``console`` and ``err_console`` are made on first use."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from tmekg.errors import Problem

if TYPE_CHECKING:
    from rich.console import Console, Group
    from rich.progress import Progress, ProgressColumn

    console: Console  # made by the module's __getattr__ on first use
    err_console: Console

__all__ = [
    "capped_problems",
    "card",
    "console",
    "err_console",
    "interactions_table",
    "print_json",
    "problem_classes",
    "problems",
    "progress_bar",
    "showing_ids",
    "shown",
    "stats",
    "unwrap_when_piped",
    "use_ids",
    "working",
    "write_rows",
]

#: The consoles, by name: ``console`` prints on stdout, ``err_console`` on stderr (soft-wrapped: one line each).
_CONSOLES = ("console", "err_console")

#: Width used when output goes to a pipe or file: long enough that no line is ever wrapped.
_PIPE_WIDTH = 1 << 16
#: Whether :func:`unwrap_when_piped` was asked for (a console made later is unwrapped when it is made).
_UNWRAP = {"on": False}


def __getattr__(name: str) -> Console:
    """``console`` (stdout) and ``err_console`` (stderr), made on first use: an answer printed as JSON, TSV or CSV
    never imports rich."""
    if name not in _CONSOLES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from rich.console import Console

    # markup=False: every string printed is text. Names, ids, paths, queries and error messages come from users and
    # may hold '[' ... ']' ('tmekg lookup "[/]"'): as markup they crashed the printer or lost characters. Styles are
    # given as rich Text objects instead.
    stderr = name == "err_console"
    made = Console(stderr=stderr, highlight=False, soft_wrap=stderr, markup=False)
    if _UNWRAP["on"]:
        _unwrap(made)
    globals()[name] = made
    return made


def _out() -> Console:
    made: Console | None = globals().get("console")
    return made if made is not None else __getattr__("console")


def _err() -> Console:
    made: Console | None = globals().get("err_console")
    return made if made is not None else __getattr__("err_console")


def _unwrap(each: Console) -> None:
    each.width = _PIPE_WIDTH if not each.is_terminal else None  # type: ignore[assignment]


def unwrap_when_piped() -> None:
    """Lines sent to a pipe or a file are never wrapped (so ``cut -f`` and ``grep`` see whole rows and ids);
    on a terminal, rich fits them to the window."""
    _UNWRAP["on"] = True
    for name in _CONSOLES:
        made = globals().get(name)
        if made is not None:
            _unwrap(made)


def progress_bar(*columns: ProgressColumn | str, transient: bool = False) -> Progress:
    """A rich progress display on stderr for long work, shown only when stderr is a terminal: in a pipe, a log or
    a test it stays off (rich would otherwise print the finished bar once)."""
    from rich.progress import Progress

    err_console = _err()
    return Progress(*columns, console=err_console, transient=transient, disable=not err_console.is_terminal)


@contextmanager
def working(what: str) -> Iterator[Callable[[str], None]]:
    """A spinner with the elapsed time while work without a known size runs (an export, an annotation), on a
    terminal only and gone when done; yields a function that says which stage the work is in."""
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    with progress_bar(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True) as bar:
        task = bar.add_task(what, total=None)
        yield lambda stage: bar.update(task, description=f"{what}: {stage}")


_OUTCOME_STYLE = {"pro_tumor": "red", "anti_tumor": "green", "context_dependent": "yellow"}

#: ``--ids``: entities are shown by their ids instead of their labels.
_SHOW = {"ids": False}


def use_ids(ids: bool) -> None:
    """Show entities by bare id (``--ids``) or by label (the default) in the human output."""
    _SHOW["ids"] = ids


def showing_ids() -> bool:
    """Whether ``--ids`` asked for bare ids."""
    return _SHOW["ids"]


def _cell(value: Any) -> str:
    """A value as one TSV/CSV field: lists joined by ``|``, nothing for None, no tab or line break inside."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "|".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return " ".join(str(value).split()) if any(c in str(value) for c in "\t\r\n") else str(value)


def write_rows(
    rows: list[dict[str, Any]], fmt: str, ids: bool = False, columns: tuple[str, ...] | list[str] = ()
) -> None:
    """Rows as TSV or CSV on stdout: a header, then one line per row (``columns`` first, then the others in order
    of first appearance); with ``ids`` the ``*_label`` columns are left out. No rows and no columns: nothing."""
    found = dict.fromkeys([*columns, *(c for row in rows for c in row)])
    columns = [c for c in found if not (ids and c.endswith("_label"))]
    if not columns:
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
        return
    sys.stdout.write("\t".join(columns) + "\n")
    for row in rows:
        sys.stdout.write("\t".join(_cell(row.get(c)) for c in columns) + "\n")


def emit(
    data: Any,
    fmt: str,
    screen: Callable[[Any], None],
    rows: Callable[[Any], list[dict[str, Any]]],
    ids: bool = False,
) -> None:
    """Print a command's answer ``data`` in the chosen format: TSV/CSV ``rows(data)``, JSON ``data`` as is, or
    ``screen(data)`` for people."""
    if fmt in ("tsv", "csv"):
        write_rows(rows(data), fmt, ids)
    elif fmt == "json":
        print_json(data)
    else:
        screen(data)


def print_json(data: Any) -> None:
    """Print ``data`` as JSON on stdout, unstyled, one document."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


#: Problems of one class (severity, file, column) printed before the rest are counted instead (``--all-problems``
#: lists them all): 10^6 bad rows gave 10^6 lines.
PROBLEMS_PER_CLASS = 10


def problem_classes(found: list[Problem]) -> dict[tuple[str, str, str], list[Problem]]:
    """Problems grouped by class: severity, file and column, in the order met."""
    classes: dict[tuple[str, str, str], list[Problem]] = {}
    for problem in found:
        classes.setdefault((problem.severity, problem.file, problem.column), []).append(problem)
    return classes


def capped_problems(found: list[Problem], per_class: int | None = PROBLEMS_PER_CLASS) -> tuple[list[Problem], int]:
    """The problems to show (the first ``per_class`` of each class, in their order) and how many were left out."""
    if per_class is None:
        return found, 0
    keep: set[int] = set()
    for members in problem_classes(found).values():
        keep.update(id(p) for p in members[:per_class])
    shown = [p for p in found if id(p) in keep]
    return shown, len(found) - len(shown)


def problems(found: list[Problem], per_class: int | None = PROBLEMS_PER_CLASS) -> None:
    """One line per problem, at most ``per_class`` per class (``None``: all), then one line per cut class saying
    how many more it holds."""
    from rich.text import Text

    err_console = _err()
    shown, _ = capped_problems(found, per_class)
    for problem in shown:
        style = {"error": "red", "warning": "yellow"}.get(problem.severity, "dim")
        err_console.print(Text(str(problem), style=style), soft_wrap=True)  # one line per problem
    if per_class is None:
        return
    for (severity, file, column), members in problem_classes(found).items():
        if len(members) > per_class:
            where = f"{file}, column {column!r}" if column else file
            err_console.print(
                Text(
                    f"... and {len(members) - per_class} more {severity}(s) in {where} "
                    "(tmekg validate --all-problems lists every one)",
                    style="dim",
                ),
                soft_wrap=True,
            )


def _name(ref: dict[str, Any] | None) -> str:
    if not ref:
        return ""
    if _SHOW["ids"]:
        return str(ref["id"])
    if ref.get("symbol") and ref["symbol"] != ref["label"]:
        return f"{ref['label']} ({ref['symbol']})"
    return str(ref["label"])


def _signal(view: dict[str, Any]) -> str:
    parts = []
    if view["ligand"] or view["receptor"]:
        parts.append(" → ".join(_name(x) for x in (view["ligand"], view["receptor"]) if x))
    if view["mediators"]:
        parts.append(", ".join(_name(m) for m in view["mediators"]))
    return "; ".join(parts)


def interactions_table(views: list[dict[str, Any]], title: str) -> Group:
    """Interactions as two-line entries: the signal and its effect, then function hijacked and evidence."""
    from rich.console import Group
    from rich.text import Text

    lines: list[Text] = [Text(title, style="bold")]
    for v in views:
        outcome = v["tumor_outcome"]
        line = Text()
        line.append(f"{outcome:<17} ", style=_OUTCOME_STYLE[outcome])
        sender, signal, receiver = _name(v["source"]), _signal(v), _name(v["target"])
        line.append(" ⟶ ".join(x for x in (sender, signal, receiver) if x))
        line.append(" : ")
        line.append(("↑ " if v["effect"] > 0 else "↓ ") + _name(v["process"]), style="bold")
        lines.append(line)
        detail = Text("                  ", style="dim")
        if v["hijacked_function"]:
            detail.append(f"hijacks {v['hijacked_function']} · ", style="dim")
        if v["outcome_note"]:
            detail.append(f"{v['outcome_note']} · ", style="dim")
        detail.append(f"{', '.join(v['evidence'])} ({v['evidence_level']}) · {v['id']}", style="dim")
        lines.append(detail)
    return Group(*lines)


def grouped_interactions(groups: list[tuple[str, list[dict[str, Any]], int]], total: int) -> None:
    """Interactions in titled groups (see ``tmekg interactions``), each cut to what was asked with "N of M
    shown" when it was cut."""
    from rich.text import Text

    console = _out()
    console.print(Text(f"{total} interaction(s)", style="bold"))
    for title, views, size in groups:
        console.print(interactions_table(views, title))
        shown(len(views), size, "shown in this group")


def shown(count: int, total: int, what: str) -> None:
    """Say that a list was cut on screen, and how to see all of it."""
    if count < total:
        from rich.text import Text

        _out().print(Text(f"  {count} of {total} {what} (--top N shows more, --top 0 all)", style="dim"))


def card(view: dict[str, Any], top: int | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    console = _out()
    entity = view["entity"]
    console.print(Text(f"{entity['label']}  [{entity['id']}]", style="bold"))
    rows = [("kind", entity["kind"])]
    for key in (
        "molecule_type",
        "symbol",
        "uniprot",
        "broader",
        "context",
        "modality",
        "status",
        "approval_year",
        "polarity",
    ):
        if key in entity:
            value = entity[key]
            rows.append((key, f"{value:+d}" if key == "polarity" else str(value)))
    if entity.get("subunits"):
        rows.append(("subunits", ", ".join(entity["subunits"])))
    if entity.get("categories"):
        rows.append(("categories", ", ".join(entity["categories"])))
    if entity.get("synonyms"):
        rows.append(("synonyms", ", ".join(entity["synonyms"])))
    if entity.get("description"):
        rows.append(("description", entity["description"]))
    for key, value in rows:
        console.print(Text.assemble("  ", (f"{key}:", "dim"), " ", value), highlight=False)
    for key, title in (
        ("interactions_out", "interactions out (it sends or carries)"),
        ("interactions_in", "interactions in (it receives)"),
    ):
        if view[key]:
            console.print(interactions_table(view[key][:top], title))
            shown(len(view[key][:top]), len(view[key]), "shown")
    if view["therapies"]:
        table = Table(title="therapies acting on it")
        for column in ("therapy", "action", "target", "evidence"):
            table.add_column(column)
        for t in view["therapies"]:
            table.add_row(_name(t["therapy"]), t["action"], _name(t["target"]), ", ".join(t["evidence"]))
        console.print(table)
    if view["actions"]:
        table = Table(title="what it acts on")
        table.add_column("action")
        table.add_column("target")
        for a in view["actions"]:
            table.add_row(a["action"], _name(a["target"]))
        console.print(table)


def stats(data: dict[str, Any]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="tmekg knowledge graph")
    table.add_column("what")
    table.add_column("count", justify="right")
    plural = {
        "cell_type": "cell types",
        "molecule": "molecules",
        "process": "processes",
        "therapy": "therapies",
        "cancer": "cancers",
    }
    for kind, count in data["entities"].items():
        table.add_row(plural.get(kind, kind), str(count))
    table.add_row("interactions", str(data["interactions"]))
    for outcome, count in data["interactions_by_outcome"].items():
        table.add_row(Text("  " + outcome, style=_OUTCOME_STYLE[outcome]), str(count))
    table.add_row("therapy actions", str(data["therapy_actions"]))
    table.add_row("requirements", str(data.get("requirements", 0)))
    table.add_row("trials", str(data.get("trials", 0)))
    for result, count in data.get("trials_by_result", {}).items():
        table.add_row("  " + result.replace("_", " "), str(count))
    table.add_row("references", str(data["references"]))
    table.add_row("  unconfirmed", str(len(data["unconfirmed_references"])))
    table.add_row("  partially confirmed", str(len(data["partially_confirmed_references"])))
    checklist = data.get("checklist")
    if checklist:
        table.add_row("checklist axes covered", f"{checklist['covered']} of {checklist['axes']}")
    for layer in data.get("layers", []):
        pairs = f"{layer['pairs']} binds pairs" if "pairs" in layer else "curated statements"
        table.add_row(f"layer {layer['layer']}", pairs)
    _out().print(table)
