"""Workbook 04's chart: rubric scores across practice sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from widgets.i18n import gettext as _

from .base import (
    BEFORE_COLOUR,
    _empty,
    date_locator,
    day_month_ticks,
    fit_title,
    literal,
    new_figure,
)
from .scales import SCORE_LEVELS, score_name


def design_scores(
    series: dict[str, Sequence[tuple[dt.date, int]]],
    coach: dict[str, Sequence[tuple[dt.date, int]]] | None = None,
    width: float = 8.5,
) -> Figure:
    """Rubric score per dimension across practice sessions (1 below mid … 4 staff), the senior
    bar dashed.

    Coach scores, where given, are drawn as hollow markers in the dimension's colour. A narrow
    chart (beside the form) puts its legend underneath instead of to the right.
    """
    narrow = width < 6
    figure = new_figure(figsize=(width, 6.2 if narrow else 4.6), layout="constrained")
    plotted = {name: points for name, points in series.items() if points}
    if not plotted:
        return _empty(
            figure, _("No scored sessions yet: score a practice design against the rubric.")
        )
    ax = figure.add_subplot()
    all_dates = []
    for index, (name, points) in enumerate(plotted.items()):
        dates, scores = zip(*sorted(points, key=lambda point: point[0]), strict=True)
        # A small vertical offset per dimension keeps equal scores on the same day apart.
        offset = (index - (len(plotted) - 1) / 2) * 0.04
        (line,) = ax.plot(
            dates,
            [s + offset for s in scores],
            marker="o",
            label=literal(name, width=40, max_lines=1),
        )
        all_dates += dates
        coach_points = (coach or {}).get(name) or []
        if coach_points:
            c_dates, c_scores = zip(*coach_points, strict=True)
            ax.scatter(
                c_dates,
                [s + offset for s in c_scores],
                facecolors="none",
                edgecolors=line.get_color(),
                s=90,
                linewidths=1.5,
            )
            all_dates += c_dates
    if coach and any(coach.values()):
        ax.scatter(
            [], [], facecolors="none", edgecolors="#555", s=90, label=_("coach's score (hollow)")
        )
    ax.axhline(3, color=BEFORE_COLOUR, linestyle="--", linewidth=1, alpha=0.7)
    ax.set_ylim(0.6, 4.4)
    ax.set_yticks(
        list(SCORE_LEVELS),
        [_("{score} {name}").format(score=score, name=score_name(score)) for score in SCORE_LEVELS],
    )
    ax.set_xlim(min(all_dates) - dt.timedelta(days=3), max(all_dates) + dt.timedelta(days=3))
    ax.xaxis.set_major_locator(date_locator())
    ax.xaxis.set_major_formatter(day_month_ticks())
    fit_title(
        figure,
        ax=ax,
        text=_("Design scores by session (senior bar dashed)")
        if narrow
        else _("Your design scores across practice sessions (senior bar dashed)"),
    )
    ax.grid(alpha=0.3)
    figure.legend(
        loc="outside lower center" if narrow else "outside right center",
        ncols=2 if narrow else 1,
        frameon=False,
        fontsize="small",
    )
    return figure
