"""Workbook 05's chart: confidence and practice over time, interviews marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from matplotlib.dates import AutoDateLocator
from matplotlib.figure import Figure

from .base import AFTER_COLOUR, BEFORE_COLOUR, _empty, day_month_ticks, literal


def readiness_timeline(
    checkins: Sequence[tuple[dt.date, int | None, float | None]],
    interviews: Sequence[tuple[dt.date, str]],
    practice: Sequence[tuple[dt.date, float]] = (),
) -> Figure:
    """Weekly confidence (0–10) and practice scores over time, hours practised below, interviews marked.

    ``practice`` is the mean design-rubric score per session (1–4), drawn on a right-hand axis.
    """
    figure = Figure(figsize=(8.5, 5.2), layout="constrained")
    if not checkins and not practice:
        return _empty(figure, "No check-ins yet: add this week's check-in below.")
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=[2.2, 1])
    rated = [(day, c) for day, c, _ in checkins if c is not None]
    if rated:
        top.plot(*zip(*rated), marker="o", color=AFTER_COLOUR, label="confidence (0–10)")
    top.set_ylim(0, 10.5)
    top.set_ylabel("Confidence (0–10)")
    right = top.twinx()
    if practice:
        right.plot(
            *zip(*practice),
            marker="s",
            linestyle="--",
            color=BEFORE_COLOUR,
            label="design practice score (1–4)",
        )
    right.set_ylim(0.5, 4.5)
    right.set_yticks([1, 2, 3, 4], ["below mid", "mid", "senior", "staff"], fontsize="small")
    hours = [(day, h) for day, _, h in checkins if h is not None]
    if hours:
        bottom.bar([day for day, _ in hours], [h for _, h in hours], width=4, color="#8aa6bf")
    bottom.set_ylabel("Hours practised")
    days = [day for day, *_ in checkins] + [day for day, _ in practice]
    start, end = min(days), max(days)
    for day, label in interviews:
        for ax in (top, bottom):
            ax.axvline(day, color="#6b4f9e", linestyle=":", linewidth=1.5)
        top.annotate(
            literal(label, width=26, max_lines=2),
            (day, 10.4),
            rotation=90,
            va="top",
            ha="right",
            fontsize="x-small",
            color="#6b4f9e",
        )
        start, end = min(start, day), max(end, day)
    top.set_xlim(start - dt.timedelta(days=4), end + dt.timedelta(days=4))
    bottom.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=8))
    bottom.xaxis.set_major_formatter(day_month_ticks())
    top.set_title("Readiness over time (interviews dotted)")
    handles = top.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    names = top.get_legend_handles_labels()[1] + right.get_legend_handles_labels()[1]
    figure.legend(
        handles, names, loc="outside lower center", ncols=2, frameon=False, fontsize="small"
    )
    top.grid(alpha=0.3)
    return figure
