"""Workbook 01's charts: belief strength before and after, over time, and distortions leaned on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from widgets.i18n import gettext as _

from .base import (
    ACCENT,
    AFTER_COLOUR,
    BEFORE_COLOUR,
    _empty,
    date_locator,
    day_month_ticks,
    fit_title,
    literal,
    new_figure,
)

NARROW = 6  # inches: narrower than this, labels wrap shorter and legends go underneath


def belief_before_after(changes: Sequence[tuple[str, int, int]], width: float = 8) -> Figure:
    """One row per belief ``(label, before, after)``: strength before and after weighing the
    evidence."""
    figure = new_figure(figsize=(width, 1.2 + 0.7 * max(len(changes), 1)), layout="constrained")
    if not changes:
        return _empty(
            figure, _("No rated beliefs yet: rate a belief before and after a thought record.")
        )
    ax = figure.add_subplot()
    labels, before, after = zip(*changes, strict=True)
    rows = list(range(len(changes)))[::-1]
    for row, start, end in zip(rows, before, after, strict=True):
        ax.plot([start, end], [row, row], color="#999", linewidth=2, zorder=1)
    ax.scatter(before, rows, color=BEFORE_COLOUR, s=70, label=_("before"), zorder=2)
    ax.scatter(after, rows, color=AFTER_COLOUR, s=70, label=_("after"), zorder=3)
    ax.set_yticks(rows, [literal(label, width=38 if width >= NARROW else 24) for label in labels])
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("How strongly you believe it (0–100)"))
    fit_title(figure, ax=ax, text=_("Belief strength before and after the thought record"))
    ax.set_ylim(-0.6, len(changes) - 0.4)
    figure.legend(loc="outside lower right", frameon=False, ncols=2)
    ax.grid(axis="x", alpha=0.3)
    return figure


def belief_trend(series: dict[str, Sequence[tuple[dt.date, int]]], width: float = 8) -> Figure:
    """Each belief's strength over time, across the record and every later re-rating."""
    figure = new_figure(figsize=(width, 4.2 + 0.25 * len(series)), layout="constrained")
    plotted = {label: points for label, points in series.items() if points}
    if not plotted:
        return _empty(figure, _("No ratings over time yet: re-rate a belief in a later week."))
    ax = figure.add_subplot()
    for label, points in plotted.items():
        # stable: before stays before after
        dates, strengths = zip(*sorted(points, key=lambda point: point[0]), strict=True)
        ax.plot(
            dates, strengths, marker="o", label=literal(label, width=int(width * 11), max_lines=1)
        )
    # Pad by a few days so a single day of ratings still gets a readable axis.
    all_dates = [day for points in plotted.values() for day, _ in points]
    ax.set_xlim(min(all_dates) - dt.timedelta(days=3), max(all_dates) + dt.timedelta(days=3))
    ax.xaxis.set_major_locator(date_locator())
    ax.xaxis.set_major_formatter(day_month_ticks(year=True))
    ax.set_ylim(0, 100)
    ax.set_ylabel(_("Strength (0–100)"))
    fit_title(figure, ax=ax, text=_("Belief strength over time"))
    figure.legend(loc="outside lower left", frameon=False, fontsize="small")
    ax.grid(alpha=0.3)
    return figure


def distortion_counts(counts: Sequence[tuple[str, int]], width: float = 8) -> Figure:
    """How often each distortion was ticked, most frequent first."""
    figure = new_figure(figsize=(width, 1.2 + 0.35 * max(len(counts), 1)), layout="constrained")
    if not counts:
        return _empty(figure, _("No distortions ticked yet."))
    ordered = sorted(counts, key=lambda item: (-item[1], item[0]))
    ax = figure.add_subplot()
    rows = list(range(len(ordered)))[::-1]
    ax.barh(rows, [count for _, count in ordered], color=ACCENT)
    ax.set_yticks(rows, [literal(name, width=40, max_lines=1) for name, _ in ordered])
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(_("Thought records where it appears"))
    fit_title(figure, ax=ax, text=_("The distortions you lean on most"))
    return figure
