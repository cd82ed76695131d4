"""Workbook 05's chart: confidence and practice over time, the milestones marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from widgets.i18n import gettext as _

from .base import (
    AFTER_COLOUR,
    BEFORE_COLOUR,
    _empty,
    date_locator,
    day_month_ticks,
    fit_title,
    literal,
    new_figure,
)
from .scales import score_name


def readiness_timeline(
    checkins: Sequence[tuple[dt.date, int | None, float | None]],
    milestones: Sequence[tuple[dt.date, str]],
    practice: Sequence[tuple[dt.date, float]] = (),
) -> Figure:
    """Weekly confidence (0–10), design practice scores (1–4) and hours practised, each on its
    own axis (one axis for two scales read a score of 3 as 3 out of 10), the milestones (an
    interview, the packet's due date, calibration: each labelled with its kind) marked."""
    figure = new_figure(figsize=(8.5, 6.2), layout="constrained")
    if not checkins and not practice:
        return _empty(figure, _("No check-ins yet: add this week's check-in below."))
    top, middle, bottom = figure.subplots(3, 1, sharex=True, height_ratios=[2, 1.4, 1])
    rated = [(day, c) for day, c, _ in checkins if c is not None]
    if rated:
        top.plot(
            *zip(*rated, strict=True),
            marker="o",
            color=AFTER_COLOUR,
            label=_("confidence (0–10)"),
        )
    top.set_ylim(0, 10.5)
    top.set_ylabel(_("Confidence (0–10)"))
    if practice:
        middle.plot(*zip(*practice, strict=True), marker="s", linestyle="--", color=BEFORE_COLOUR)
    else:
        middle.text(
            0.01,
            0.5,
            _("No scored design practice yet."),
            transform=middle.transAxes,
            color="#666",
        )
    middle.set_ylim(0.5, 4.5)
    middle.set_yticks([1, 2, 3, 4], [score_name(s) for s in (1, 2, 3, 4)], fontsize="small")
    middle.set_ylabel(_("Design score"))
    middle.grid(alpha=0.3)
    hours = [(day, h) for day, _, h in checkins if h is not None]
    if hours:
        bottom.bar([day for day, _ in hours], [h for _, h in hours], width=4, color="#8aa6bf")
    bottom.set_ylabel(_("Hours practised"))
    days = [day for day, *_ in checkins] + [day for day, _ in practice]
    start, end = min(days), max(days)
    for day, label in milestones:
        for ax in (top, middle, bottom):
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
    bottom.xaxis.set_major_locator(date_locator())
    bottom.xaxis.set_major_formatter(day_month_ticks())
    fit_title(figure, ax=top, text=_("Readiness over time (milestones dotted)"))
    top.grid(alpha=0.3)
    return figure
