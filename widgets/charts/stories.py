"""Workbook 03's charts: story coverage heatmaps and project readiness."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

from widgets.i18n import gettext as _

from .base import AFTER_COLOUR, BEFORE_COLOUR, _empty, fit_title, literal, new_figure

COVERAGE_COLOURS = ["#f3f3f3", AFTER_COLOUR]  # not covered, covered


def story_coverage(
    stories: Sequence[str], columns: Sequence[str], matrix: Sequence[Sequence[int]], title: str
) -> Figure:
    """Stories (rows) × columns (story types or competencies): filled where the story is tagged.

    Column labels carry how many stories cover them, so an empty column (a gap in the story
    bank) reads at a glance.
    """
    figure = new_figure(
        figsize=(min(2.2 + 0.55 * max(len(columns), 1), 11), 1.9 + 0.42 * max(len(stories), 1)),
        layout="constrained",
    )
    if not stories or not columns:
        return _empty(figure, _("No stories yet: write one below and tag it."))
    from matplotlib.colors import ListedColormap

    ax = figure.add_subplot()
    ax.imshow(
        [list(row) for row in matrix],
        cmap=ListedColormap(COVERAGE_COLOURS),
        vmin=0,
        vmax=1,
        aspect="auto",
    )
    totals = [sum(row[i] for row in matrix) for i in range(len(columns))]
    ax.set_xticks(
        range(len(columns)),
        [
            f"{literal(name, width=22, max_lines=2)} ({total})"
            for name, total in zip(columns, totals, strict=True)
        ],
        rotation=40,
        ha="right",
        fontsize="small",
    )
    ax.set_yticks(
        range(len(stories)),
        [literal(name, width=40, max_lines=1) for name in stories],
        fontsize="small",
    )
    for index, total in enumerate(totals):
        if total == 0:
            ax.axvspan(
                index - 0.5,
                index + 0.5,
                facecolor="none",
                edgecolor=BEFORE_COLOUR,
                hatch="//",
                linewidth=0,
            )
    ax.set_xticks([x - 0.5 for x in range(1, len(columns))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(stories))], minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    fit_title(figure, ax=ax, text=title)
    return figure


def project_readiness(projects: Sequence[tuple[str, int, int, int]]) -> Figure:
    """Per project ``(label, ready, answered, total)``: share of drill questions ready
    (confidence ≥ 4)."""
    figure = new_figure(figsize=(8, 1.3 + 0.55 * max(len(projects), 1)), layout="constrained")
    if not projects:
        return _empty(
            figure, _("No projects yet: add the projects you would choose for a deep dive.")
        )
    ax = figure.add_subplot()
    rows = list(range(len(projects)))[::-1]
    answered = [100 * a / t if t else 0 for _, _, a, t in projects]
    ready = [100 * r / t if t else 0 for _, r, _, t in projects]
    ax.barh(rows, answered, color="#cfd8e3", label=_("answered"))
    ax.barh(rows, ready, color=AFTER_COLOUR, label=_("answered with confidence 4 or 5"))
    for row, (_label, r, a, t) in zip(rows, projects, strict=True):
        # Both counts: "0/12" alone beside a grey bar read as if the answers had not counted.
        counts = _("{ready}/{total} ready, {answered} answered").format(
            ready=r, total=t, answered=a
        )
        ax.text(101, row, counts, va="center", fontsize="small")
    ax.set_yticks(rows, [literal(name, width=30, max_lines=2) for name, *_ in projects])
    ax.set_xlim(0, 140)  # room for the counts right of the 100% mark
    ax.set_xticks(range(0, 101, 25))
    ax.set_xlabel(_("Deep-dive questions (%)"))
    fit_title(figure, ax=ax, text=_("How ready each project is for a deep dive"))
    figure.legend(loc="outside lower right", frameon=False, ncols=2, fontsize="small")
    return figure
