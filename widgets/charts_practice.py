"""Pure charts for workbooks 03 and 04: story coverage, project readiness, design-score progress.

Same rules as :mod:`widgets.charts`: data in, ``Figure`` out, user text made literal first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from matplotlib.colors import ListedColormap
from matplotlib.dates import AutoDateLocator, DateFormatter
from matplotlib.figure import Figure

from .charts import AFTER_COLOUR, BEFORE_COLOUR, _empty, literal

COVERAGE_COLOURS = ListedColormap(["#f3f3f3", AFTER_COLOUR])
SCORE_LEVELS = {1: "below mid", 2: "mid", 3: "senior", 4: "staff"}


def story_coverage(stories: Sequence[str], columns: Sequence[str], matrix: Sequence[Sequence[int]], title: str) -> Figure:
    """Stories (rows) × columns (story types or competencies): filled where the story is tagged.

    Column labels carry how many stories cover them, so an empty column (a gap in the story
    bank) reads at a glance.
    """
    figure = Figure(figsize=(min(2.2 + 0.55 * max(len(columns), 1), 11), 1.9 + 0.42 * max(len(stories), 1)), layout="constrained")
    if not stories or not columns:
        return _empty(figure, "No stories yet: write one below and tag it.")
    ax = figure.add_subplot()
    ax.imshow([list(row) for row in matrix], cmap=COVERAGE_COLOURS, vmin=0, vmax=1, aspect="auto")
    totals = [sum(row[i] for row in matrix) for i in range(len(columns))]
    ax.set_xticks(range(len(columns)), [f"{literal(name, width=22, max_lines=2)} ({total})" for name, total in zip(columns, totals)],
                  rotation=40, ha="right", fontsize="small")
    ax.set_yticks(range(len(stories)), [literal(name, width=40, max_lines=1) for name in stories], fontsize="small")
    for index, total in enumerate(totals):
        if total == 0:
            ax.axvspan(index - 0.5, index + 0.5, facecolor="none", edgecolor=BEFORE_COLOUR, hatch="//", linewidth=0)
    ax.set_xticks([x - 0.5 for x in range(1, len(columns))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(stories))], minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    ax.set_title(title)
    return figure


def project_readiness(projects: Sequence[tuple[str, int, int, int]]) -> Figure:
    """Per project ``(label, ready, answered, total)``: share of drill questions ready (confidence ≥ 4)."""
    figure = Figure(figsize=(8, 1.3 + 0.55 * max(len(projects), 1)), layout="constrained")
    if not projects:
        return _empty(figure, "No projects yet: add the projects you would choose for a deep dive.")
    ax = figure.add_subplot()
    rows = list(range(len(projects)))[::-1]
    answered = [100 * a / t if t else 0 for _, _, a, t in projects]
    ready = [100 * r / t if t else 0 for _, r, _, t in projects]
    ax.barh(rows, answered, color="#cfd8e3", label="answered")
    ax.barh(rows, ready, color=AFTER_COLOUR, label="answered with confidence 4 or 5")
    for row, (_, r, _, t) in zip(rows, projects):
        ax.text(101, row, f"{r}/{t}", va="center", fontsize="small")
    ax.set_yticks(rows, [literal(name, width=30, max_lines=2) for name, *_ in projects])
    ax.set_xlim(0, 110)
    ax.set_xlabel("Deep-dive questions (%)")
    ax.set_title("How ready each project is for a deep dive")
    figure.legend(loc="outside lower right", frameon=False, ncols=2, fontsize="small")
    return figure


def design_scores(series: dict[str, Sequence[tuple[dt.date, int]]], coach: dict[str, Sequence[tuple[dt.date, int]]] | None = None) -> Figure:
    """Rubric score per dimension across practice sessions (1 below mid … 4 staff), the senior bar dashed.

    Coach scores, where given, are drawn as hollow markers in the dimension's colour.
    """
    figure = Figure(figsize=(8.5, 4.6), layout="constrained")
    plotted = {name: points for name, points in series.items() if points}
    if not plotted:
        return _empty(figure, "No scored sessions yet: score a practice design against the rubric.")
    ax = figure.add_subplot()
    all_dates = []
    for index, (name, points) in enumerate(plotted.items()):
        dates, scores = zip(*sorted(points, key=lambda point: point[0]))
        # A small vertical offset per dimension keeps equal scores on the same day apart.
        offset = (index - (len(plotted) - 1) / 2) * 0.04
        (line,) = ax.plot(dates, [s + offset for s in scores], marker="o", label=literal(name, width=40, max_lines=1))
        all_dates += dates
        coach_points = (coach or {}).get(name) or []
        if coach_points:
            c_dates, c_scores = zip(*coach_points)
            ax.scatter(c_dates, [s + offset for s in c_scores], facecolors="none", edgecolors=line.get_color(), s=90, linewidths=1.5)
            all_dates += c_dates
    if coach and any(coach.values()):
        ax.scatter([], [], facecolors="none", edgecolors="#555", s=90, label="coach's score (hollow)")
    ax.axhline(3, color=BEFORE_COLOUR, linestyle="--", linewidth=1, alpha=0.7)
    ax.set_ylim(0.6, 4.4)
    ax.set_yticks(list(SCORE_LEVELS), [f"{score} {name}" for score, name in SCORE_LEVELS.items()])
    ax.set_xlim(min(all_dates) - dt.timedelta(days=3), max(all_dates) + dt.timedelta(days=3))
    ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(DateFormatter("%-d %b"))
    ax.set_title("Your design scores across practice sessions (senior bar dashed)")
    ax.grid(alpha=0.3)
    figure.legend(loc="outside right center", frameon=False, fontsize="small")
    return figure



def readiness_timeline(checkins: Sequence[tuple[dt.date, int | None, float | None]], interviews: Sequence[tuple[dt.date, str]],
                       practice: Sequence[tuple[dt.date, float]] = ()) -> Figure:
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
        right.plot(*zip(*practice), marker="s", linestyle="--", color=BEFORE_COLOUR, label="design practice score (1–4)")
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
        top.annotate(literal(label, width=26, max_lines=2), (day, 10.4), rotation=90, va="top", ha="right", fontsize="x-small", color="#6b4f9e")
        start, end = min(start, day), max(end, day)
    top.set_xlim(start - dt.timedelta(days=4), end + dt.timedelta(days=4))
    bottom.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=8))
    bottom.xaxis.set_major_formatter(DateFormatter("%-d %b"))
    top.set_title("Readiness over time (interviews dotted)")
    handles = top.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    names = top.get_legend_handles_labels()[1] + right.get_legend_handles_labels()[1]
    figure.legend(handles, names, loc="outside lower center", ncols=2, frameon=False, fontsize="small")
    top.grid(alpha=0.3)
    return figure
