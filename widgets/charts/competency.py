"""Workbook 02's charts: the radar (and its fast redraw), snapshots over time, gaps."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from widgets.i18n import N_
from widgets.i18n import gettext as _

from .base import BEFORE_COLOUR, _empty, fit_title, literal, new_figure

RADAR_STYLES = {  # series name → (colour, line style, fill?)
    "current": ("#2e6b8f", "-", True),
    "target": ("#b5473a", "--", False),
    "coach": ("#2e7d32", "-.", False),
    "previous": ("#999999", ":", False),
}
RADAR_LABELS = {  # translated where drawn (series_label)
    "current": N_("you now"),
    "target": N_("your target"),
    "coach": N_("coach's view"),
    "previous": N_("previous snapshot"),
}


def series_label(name: str) -> str:
    """A radar series' name in the legend, in the active language (an unknown one as given)."""
    return _(RADAR_LABELS[name]) if name in RADAR_LABELS else name


def ring_names(level_names: Sequence[str]) -> list[str]:
    """The levels as their rings show them: a last word every level shares is left out
    ("Staff engineer" → "Staff"), since the outer ring's name runs into the second spoke's."""
    last_words = {name.split()[-1] if name.split() else "" for name in level_names}
    if len(level_names) < 2 or len(last_words) != 1 or not all(" " in n for n in level_names):
        return list(level_names)
    return [name.rsplit(" ", 1)[0] for name in level_names]


def _radar_axes(
    ax,
    labels: Sequence[str],
    level_names: Sequence[str],
    label_width: int = 16,
    fontsize: str = "small",
) -> list[float]:
    """Spokes for ``labels`` starting at 12 o'clock, rings for ``level_names`` (ring 1 = lowest)."""
    angles = [2 * math.pi * i / len(labels) for i in range(len(labels))]
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_xticks(
        angles,
        [literal(label, width=label_width, max_lines=3) for label in labels],
        fontsize=fontsize,
    )
    ax.set_ylim(0, len(level_names) + 0.25)
    ax.set_yticks(
        range(1, len(level_names) + 1),
        [literal(name, width=16, max_lines=1) for name in ring_names(level_names)],
        fontsize="x-small",
        color="#555",
    )
    ax.set_rlabel_position(180 / len(labels))  # ring names sit between the first two spokes
    ax.tick_params(axis="x", pad=8)
    ax.grid(alpha=0.35)
    return angles


def _closed(
    values: Sequence[float | None], angles: Sequence[float]
) -> tuple[list[float], list[float]]:
    """Close the polygon; an unrated axis (None) leaves a gap instead of dropping to the centre."""
    nan = float("nan")
    ys = [nan if v is None else float(v) for v in values]
    return list(angles) + [angles[0]], ys + [ys[0]]


def _radar_figure(
    labels: Sequence[str],
    level_names: Sequence[str],
    names: Sequence[str],
    title: str | None,
    animated: bool = False,
    legend: dict[str, str] | None = None,
    size: tuple[float, float] = (7.6, 6.4),
):
    """The radar's static parts plus one (empty) line per series, and a fill for ``current``."""
    figure = new_figure(figsize=size)
    ax = figure.add_axes((0.17, 0.14, 0.66, 0.72), projection="polar")
    angles = _radar_axes(ax, labels, level_names)
    artists = {}
    for name in names:
        colour, style, fill = RADAR_STYLES.get(name, ("#6b4f9e", "-", False))
        (line,) = ax.plot(
            [],
            [],
            color=colour,
            linestyle=style,
            linewidth=2,
            marker="o",
            markersize=3.5,
            label=literal((legend or {}).get(name) or series_label(name), width=30, max_lines=1),
            animated=animated,
        )
        patch = (
            ax.fill([0], [0], color=colour, alpha=0.12, animated=animated, visible=False)[0]
            if fill
            else None
        )
        artists[name] = (line, patch)
    if names:
        figure.legend(loc="lower center", ncols=len(names), frameon=False, fontsize="small")
    fit_title(figure, text=title or _(RADAR_TITLE), fontsize="medium")
    return figure, ax, angles, artists


def _set_radar_data(angles, artists, series: dict[str, Sequence[int | None]]) -> None:
    for name, (line, patch) in artists.items():
        xs, ys = _closed(series.get(name, [None] * len(angles)), angles)
        line.set_data(xs, ys)
        if patch is not None:
            complete = not any(math.isnan(y) for y in ys)  # fill only a fully rated polygon
            patch.set_visible(complete)
            if complete:
                patch.set_xy(list(zip(xs, ys, strict=True)))


RADAR_TITLE = N_("Where you are and where you're going")  # the default title, translated


def competency_radar(
    labels: Sequence[str],
    series: dict[str, Sequence[int | None]],
    level_names: Sequence[str],
    title: str | None = None,
    legend: dict[str, str] | None = None,
) -> Figure:
    """One spoke per competency; ``series`` maps current/target/coach/previous to ring numbers
    (1 = lowest level, None = not rated: the line leaves a gap rather than dropping to the centre).
    ``legend`` renames series in the legend (the engineer's "you now" is the coach's "self")."""
    if len(labels) < 3:
        return _empty(new_figure(figsize=(7.6, 2)), _("A radar needs at least three competencies."))
    figure, _ax, angles, artists = _radar_figure(
        labels, level_names, list(series), title, legend=legend
    )
    _set_radar_data(angles, artists, series)
    return figure


class RadarCanvas:
    """A radar that redraws in a few milliseconds: the static parts (spokes, rings, labels,
    legend) are rendered once and kept as a bitmap; each update draws only the series on top
    and encodes the PNG with light compression. Used by the form, where every slider move
    redraws; the pure :func:`competency_radar` is what tests and reports use."""

    def __init__(
        self,
        labels: Sequence[str],
        level_names: Sequence[str],
        names: Sequence[str],
        title: str | None = None,
        dpi: int = 96,
        labels_by_series: dict[str, str] | None = None,
        size: tuple[float, float] = (7.6, 6.4),
    ):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.figure, self.ax, self.angles, self.artists = _radar_figure(
            labels, level_names, names, title, animated=True, legend=labels_by_series, size=size
        )
        self.figure.set_dpi(dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(self.figure.bbox)

    def render(self, series: dict[str, Sequence[int | None]]) -> bytes:
        """The radar with ``series`` (values per label, None for unrated) over the kept
        background, as PNG bytes."""
        from PIL import Image

        _set_radar_data(self.angles, self.artists, series)
        self.canvas.restore_region(self.background)
        for line, patch in self.artists.values():
            if patch is not None and patch.get_visible():
                self.ax.draw_artist(patch)
            self.ax.draw_artist(line)
        width, height = self.canvas.get_width_height()
        image = Image.frombuffer(
            "RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1
        )
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()


def competency_snapshots(
    labels: Sequence[str],
    snapshots: Sequence[tuple[str, dict[str, Sequence[int | None]]]],
    level_names: Sequence[str],
    columns: int = 3,
) -> Figure:
    """Small multiples: one small radar per dated snapshot (oldest first), current and target."""
    if not snapshots:
        return _empty(
            new_figure(figsize=(8, 1.5)),
            _("No snapshots yet: press \u201cSave snapshot\u201d to date today's ratings."),
        )
    columns = min(columns, len(snapshots))
    rows = -(-len(snapshots) // columns)
    figure = new_figure(figsize=(3.2 * columns, 3.3 * rows + 0.4), layout="constrained")
    for index, (title, series) in enumerate(snapshots):
        ax = figure.add_subplot(rows, columns, index + 1, projection="polar")
        angles = _radar_axes(ax, [""] * len(labels), level_names)
        ax.set_yticklabels([])
        for name, values in series.items():
            colour, style, fill = RADAR_STYLES.get(name, ("#6b4f9e", "-", False))
            xs, ys = _closed(values, angles)
            ax.plot(
                xs,
                ys,
                color=colour,
                linestyle=style,
                linewidth=1.5,
                label=series_label(name),
            )
            if fill and all(v is not None for v in values):
                ax.fill(xs, ys, color=colour, alpha=0.12)
        fit_title(figure, ax=ax, text=literal(title, width=30, max_lines=1), fontsize="small")
    handles, names = figure.axes[0].get_legend_handles_labels()
    figure.legend(
        handles,
        names,
        loc="outside lower center",
        ncols=len(names),
        frameon=False,
        fontsize="small",
    )
    fit_title(
        figure,
        text=_("Your snapshots over time (spokes in the same order as the radar)"),
        fontsize="medium",
    )
    return figure


def competency_gaps(gaps: Sequence[tuple[str, float]], axis: str | None = None) -> Figure:
    """Weighted gap per competency, largest first; ``axis`` says how it is weighed (the route's
    words, seeds/routes.yaml: levels to target × how much the loop probes it, or × the ladder's
    weight)."""
    figure = new_figure(figsize=(8, 1.2 + 0.35 * max(len(gaps), 1)), layout="constrained")
    if not gaps:
        return _empty(figure, _("No gaps: every rated competency is at or above its target."))
    ax = figure.add_subplot()
    rows = list(range(len(gaps)))[::-1]
    ax.barh(rows, [value for _, value in gaps], color=BEFORE_COLOUR)
    ax.set_yticks(rows, [literal(name, width=40, max_lines=1) for name, _ in gaps])
    ax.set_xlabel(axis or _("Weighted gap"))
    fit_title(figure, ax=ax, text=_("Where to invest first"))
    return figure
