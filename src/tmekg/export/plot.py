"""Pictures of answers: a therapy answer or a path answer drawn as a layered signal-flow diagram (SVG, PNG or PDF).

The diagram (what is drawn where) comes from :mod:`tmekg.export.layered`; this module only draws it with
matplotlib, which is an optional dependency (``pip install "tmekg[plot]"``) imported when a picture is asked for.

How to read a picture: columns from left to right (therapy, targets, signals, processes, tumor growth), the
lower band for escape routes and partner therapies; a box's border colour says its role (severed, strengthened,
drug-made, escape route, partner), an arrowhead means "increases", a bar "decreases", a dashed line a signal the
therapy cuts, and the width the strength of the evidence. The title says the predicted net effect.

Output is deterministic: no dates in the metadata, fixed SVG ids, text kept as text in SVG (``svg.fonttype``
``none``) and never parsed as mathtext (a ``$`` in a name stays a ``$``).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tmekg.atomic import atomic_path
from tmekg.errors import InputError
from tmekg.export.diagram import Diagram
from tmekg.export.layered import therapy_diagram
from tmekg.export.layered_path import path_diagram
from tmekg.export.style import NODE_STYLES, SIGN_COLORS, THERAPY_EDGE_COLOR

if TYPE_CHECKING:
    from tmekg.kg import KnowledgeGraph
    from tmekg.reasoning.paths import PathResult
    from tmekg.reasoning.therapy_answer import TherapyAnswer

__all__ = [
    "INSTALL_HINT",
    "ROLE_STYLES",
    "PlotFormat",
    "draw",
    "plot_answer",
    "plot_format",
    "plot_paths",
    "plot_therapy",
]

INSTALL_HINT = 'pictures need matplotlib: pip install "tmekg[plot]" (or pip install matplotlib)'


class PlotFormat(StrEnum):
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"


#: Role of a box or an arrow -> (colour, legend text). Box borders and arrows take the colour.
ROLE_STYLES: dict[str, tuple[str, str]] = {
    "therapy": (NODE_STYLES["therapy"].color, "therapy"),
    "target": ("#555555", "target"),
    "severed": ("#17A589", "pro-tumor signal it cuts (benefit)"),
    "severed_harm": ("#D68910", "anti-tumor signal it cuts (harm)"),
    "severed_neutral": ("#7F8C8D", "signal lost with its receiving cell"),
    "strengthened": ("#2471A3", "signal it strengthens"),
    "drug_made": ("#8E44AD", "killing the therapy makes"),
    "escape": ("#C0392B", "escape route left open"),
    "partner": ("#1E8449", "partner therapy that closes it"),
    "process": (NODE_STYLES["process"].color, "process"),
    "sink": ("#7B241C", "tumor growth"),
    "entity": ("#555555", "entity"),
}
_EDGE_COLORS: dict[str, str] = {
    "action": THERAPY_EDGE_COLOR,
    "via": "#9A9A9A",
    "polarity": "#555555",
    "activating": SIGN_COLORS[1],
    "inhibiting": SIGN_COLORS[-1],
}
_FACE: dict[str, str] = {
    "cell": "#DCE6F0",
    "molecule": "#FCE5CF",
    "metabolite": "#FBF3D0",
    "therapy": "#DDF0DA",
    "process": "#EEE2EC",
    "cancer": "#F8D9D9",
    "signal": "#FFFFFF",
    "other": "#EEEEEE",
}
_COLUMN_WIDTH = 3.5  # inches per column
_ROW_HEIGHT = 0.62  # inches per row


def plot_format(path: Path, fmt: str | None = None) -> PlotFormat:
    """The picture format from ``fmt`` or the file's suffix; :class:`InputError` when neither says.

    >>> plot_format(Path("answer.SVG")).value
    'svg'
    """
    name = (fmt or path.suffix.lstrip(".")).lower()
    try:
        return PlotFormat(name)
    except ValueError:
        known = ", ".join(f.value for f in PlotFormat)
        raise InputError(f"cannot draw {path.name!r}: a picture is one of {known} (from the file's suffix)") from None


def _matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - the test extra installs matplotlib
        raise InputError(INSTALL_HINT) from None
    return matplotlib


def _width(weight: float) -> float:
    """Line width in points from an evidence weight (0.4 in vitro ... 1.0 clinical)."""
    return 0.8 + 2.6 * max(0.0, min(weight, 1.0))


def _clip(center: tuple[float, float], other: tuple[float, float], half: tuple[float, float]) -> tuple[float, float]:
    """Where the segment from ``center`` to ``other`` leaves the box of half-size ``half`` around ``center``."""
    dx, dy = other[0] - center[0], other[1] - center[1]
    if dx == 0 and dy == 0:
        return center
    scale = min(half[0] / abs(dx) if dx else float("inf"), half[1] / abs(dy) if dy else float("inf"))
    scale = min(scale, 1.0)
    return center[0] + dx * scale, center[1] + dy * scale


def draw(diagram: Diagram, path: Path, fmt: PlotFormat | None = None) -> Path:
    """Draw ``diagram`` to ``path`` (SVG, PNG or PDF, from ``fmt`` or the suffix), atomically; returns ``path``."""
    chosen = fmt or plot_format(path)
    matplotlib = _matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import ArrowStyle as _ArrowStyle
    from matplotlib.patches import FancyArrowPatch, Patch

    arrow_style: Any = _ArrowStyle  # untyped constructor

    positions = diagram.positions()
    n_columns = max((int(x) for x, _ in positions.values()), default=0) + 1
    last_row = max((y for _, y in positions.values()), default=0.0)
    width = max(_COLUMN_WIDTH * n_columns + 0.6, 11.0)
    height = max(_ROW_HEIGHT * (last_row + 1.5) + 2.5, 5.5)
    style = {
        "svg.fonttype": "none",
        "svg.hashsalt": "tmekg",
        "font.family": "DejaVu Sans",
        "font.size": 8.5,
        "pdf.fonttype": 42,
    }
    with matplotlib.rc_context(style):
        fig = Figure(figsize=(width, height), dpi=110)
        canvas: Any = FigureCanvasAgg(fig)  # matplotlib's draw() and get_renderer() are untyped
        top_margin = 1.05 / height
        bottom_margin = 0.75 / height
        ax = fig.add_axes((0.01, bottom_margin, 0.98, 1 - top_margin - bottom_margin))
        ax.set_xlim(-0.55, n_columns - 0.45)
        ax.set_ylim(last_row + 0.7, -0.8)
        ax.set_axis_off()
        fig.text(0.01, 1 - 0.28 / height, diagram.title, fontsize=12.5, weight="bold", va="top", parse_math=False)
        fig.text(0.01, 1 - 0.62 / height, diagram.subtitle, fontsize=9, color="#333333", va="top", parse_math=False)
        for i, name in enumerate(diagram.columns[:n_columns]):
            ax.text(i, -0.55, name, ha="center", va="center", fontsize=9, color="#555555", style="italic",
                    parse_math=False)  # fmt: skip
        _lane_bands(ax, diagram, positions, n_columns)
        boxes = {}
        for node in diagram.nodes:
            x, y = positions[node.id]
            color = ROLE_STYLES.get(node.role, ROLE_STYLES["entity"])[0]
            face = "#FBEAEA" if node.role == "sink" else _FACE.get(node.kind, "#FFFFFF")
            boxes[node.id] = ax.text(
                x, y, node.label, ha="center", va="center", zorder=3, parse_math=False, linespacing=1.25,
                fontsize=9 if node.role in ("therapy", "sink") else 8.5,
                weight="bold" if node.role in ("therapy", "sink", "target") else "normal",
                bbox={"boxstyle": "round,pad=0.35", "facecolor": face, "edgecolor": color,
                      "linewidth": 2.0 if node.role not in ("process", "entity") else 1.0},
            )  # fmt: skip
        canvas.draw()  # sizes the boxes, so arrows can start and end on their borders
        renderer = canvas.get_renderer()
        inverse = ax.transData.inverted()
        half = {}
        for node_id, text in boxes.items():
            patch = text.get_bbox_patch()
            extent = (patch if patch is not None else text).get_window_extent(renderer)
            (x0, y0), (x1, y1) = inverse.transform([[extent.x0, extent.y0], [extent.x1, extent.y1]])
            half[node_id] = (abs(x1 - x0) / 2 + 0.01, abs(y1 - y0) / 2 + 0.04)
        for edge in diagram.edges:
            if edge.source not in positions or edge.target not in positions:
                continue
            a, b = positions[edge.source], positions[edge.target]
            start = _clip(a, b, half[edge.source])
            end = _clip(b, a, half[edge.target])
            if edge.sign > 0:
                arrow = arrow_style("-|>", head_length=0.7, head_width=0.35)
            elif edge.sign < 0:
                arrow = arrow_style("-[", widthB=0.55, lengthB=0.0)
            else:
                arrow = arrow_style("-")
            color = _EDGE_COLORS.get(edge.role) or ROLE_STYLES.get(edge.role, ("#555555", ""))[0]
            ax.add_patch(
                FancyArrowPatch(
                    start, end, arrowstyle=arrow, mutation_scale=12, color=color,
                    linewidth=_width(edge.weight) if edge.role not in ("via", "polarity", "partner") else 1.1,
                    linestyle=(0, (4, 2.5)) if edge.role.startswith("severed") or edge.role == "partner" else "-",
                    connectionstyle="arc3,rad=0.0", zorder=2, alpha=0.9,
                )
            )  # fmt: skip
            if edge.label and edge.role in ("action", "activating", "inhibiting") and edge.label != "polarity":
                mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
                ax.text(mx, my - 0.12, edge.label, ha="center", va="bottom", fontsize=7, color="#444444", zorder=4,
                        parse_math=False)  # fmt: skip
        _legend(fig, diagram, Line2D, Patch)
        saved = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}, "png": {}}[chosen.value]
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format=chosen.value, metadata=saved or None, facecolor="white")
    return path


def _lane_bands(ax: Any, diagram: Diagram, positions: dict[str, tuple[float, float]], n_columns: int) -> None:
    """A shaded band behind each lane that holds nodes (and its name), so the lanes read as separate."""
    by_lane: dict[int, list[float]] = {}
    for node in diagram.nodes:
        if node.lane is not None:
            by_lane.setdefault(node.lane, []).append(positions[node.id][1])
    shades = ("#F4F6F7", "#FDF2E9", "#EBF5FB")
    for lane, ys in sorted(by_lane.items()):
        if len(by_lane) == 1 and lane == 0:
            return
        top, bottom = min(ys) - 0.5, max(ys) + 0.5
        ax.axhspan(top, bottom, xmin=0, xmax=1, color=shades[lane % len(shades)], zorder=0, linewidth=0)
        if lane < len(diagram.lanes) and diagram.lanes[lane]:
            ax.text(-0.52, top + 0.05, diagram.lanes[lane], ha="left", va="top", fontsize=8, color="#666666",
                    style="italic", zorder=1, parse_math=False)  # fmt: skip


def _legend(fig: Any, diagram: Diagram, line: Any, patch: Any) -> None:
    roles = list(dict.fromkeys(n.role for n in diagram.nodes))
    handles = [
        patch(facecolor="white", edgecolor=ROLE_STYLES[r][0], linewidth=2, label=ROLE_STYLES[r][1])
        for r in roles
        if r in ROLE_STYLES and r not in ("entity", "target", "process")
    ]
    kinds = list(dict.fromkeys(n.kind for n in diagram.nodes if n.kind in _FACE and n.kind != "signal"))
    handles += [patch(facecolor=_FACE[k], edgecolor="#777777", label=f"fill: {k}") for k in kinds]
    handles += [
        line([], [], color="#333333", marker=">", markersize=7, linewidth=1.5, label="arrowhead: increases"),
        line(
            [], [], color="#333333", marker="|", markersize=10, markeredgewidth=2, linewidth=1.5, label="bar: decreases"
        ),
    ]
    if any(e.role.startswith("severed") or e.role == "partner" for e in diagram.edges):
        handles.append(line([], [], color="#333333", linestyle=(0, (4, 2.5)), linewidth=1.5, label="dashed: cut"))
    handles += [
        line([], [], color="#333333", linewidth=_width(1.0), label="evidence: clinical"),
        line([], [], color="#333333", linewidth=_width(0.6), label="mouse in vivo"),
        line([], [], color="#333333", linewidth=_width(0.4), label="in vitro"),
    ]
    if any(e.role in ("activating", "inhibiting") for e in diagram.edges):
        handles += [
            line([], [], color=_EDGE_COLORS["activating"], linewidth=2, label="activating hop"),
            line([], [], color=_EDGE_COLORS["inhibiting"], linewidth=2, label="inhibiting hop"),
        ]
    fig.legend(handles=handles, loc="lower center", ncol=min(7, (len(handles) + 1) // 2), fontsize=8,
               frameon=False, bbox_to_anchor=(0.5, 0.005), handlelength=2.6)  # fmt: skip


def plot_therapy(kg: KnowledgeGraph, answer: TherapyAnswer, path: Path, *, top: int = 8) -> Path:
    """Draw a therapy answer (``tmekg therapy X --plot FILE``)."""
    return draw(therapy_diagram(kg, answer, top=top), Path(path))


def plot_paths(kg: KnowledgeGraph, result: PathResult, path: Path, *, top: int = 12) -> Path:
    """Draw a path answer (``tmekg path A B --plot FILE``)."""
    return draw(path_diagram(kg, result, top=top), Path(path))


def plot_answer(kg: KnowledgeGraph, answer: object, path: Path) -> Path:
    """Draw a :class:`~tmekg.reasoning.blocking.TherapyAnswer` or a :class:`~tmekg.reasoning.paths.PathResult`;
    the format comes from the file's suffix (checked before anything is computed or drawn)."""
    from tmekg.reasoning.paths import PathResult
    from tmekg.reasoning.therapy_answer import TherapyAnswer

    path = Path(path)
    plot_format(path)
    if isinstance(answer, TherapyAnswer):
        return plot_therapy(kg, answer, path)
    if isinstance(answer, PathResult):
        return plot_paths(kg, answer, path)
    raise TypeError(f"cannot draw a {type(answer).__name__}")
