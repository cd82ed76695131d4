"""The takes of one rehearsed item (a project's summary, a story, a design opening), take by take:
length against the time box, share spent speaking, the longest pause, and the engineer's ratings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

from widgets import i18n
from widgets.i18n import gettext as _

from .base import ACCENT, AFTER_COLOUR, BEFORE_COLOUR, _empty, fit_title, new_figure

RATING_COLOURS = {
    "clarity": "#2e6b8f",
    "structure": "#6b4f9e",
    "pace": "#b07a1e",
    "confidence": "#3b8a4f",
}


def rating_name(name: str) -> str:
    """A rating's name (an id of RATING_COLOURS) in the legend, in the active language."""
    names = {
        "clarity": i18n.gettext("clarity"),
        "structure": i18n.gettext("structure"),
        "pace": i18n.gettext("pace"),
        "confidence": i18n.gettext("confidence"),
    }
    return names.get(name, name)


# One take as the chart reads it (``readers.rehearsal.take_points`` makes them), all plain values
# so a picture can be named by them: label ("20 Nov"), duration_s, time_box_s, speaking_share
# (0 to 1), longest_pause_s, long_pauses, and ratings (those given of RATING_COLOURS' names, 1-5).
Take = Mapping[str, Any]


def rehearsal_takes(takes: Sequence[Take], width: float = 6.4) -> Figure:
    """Three rows over the takes in order: seconds against the time box (a bar over the box is
    red), speaking share with the longest pause, and the engineer's own ratings (1 to 5)."""
    figure = new_figure(figsize=(width, 5.6), layout="constrained")
    if not takes:
        return _empty(figure, _("No takes yet: record one above, then rate it."))
    numbers = list(range(1, len(takes) + 1))
    length, share, ratings = figure.subplots(3, 1, sharex=True)
    _lengths(length, numbers, takes)
    _speaking(share, numbers, takes)
    _ratings(ratings, numbers, takes)
    labels = [f"{n}\n{take['label']}" for n, take in zip(numbers, takes, strict=True)]
    ratings.set_xticks(numbers, labels, fontsize="small")
    ratings.set_xlim(0.4, len(takes) + 0.6)
    ratings.set_xlabel(_("take"))
    return figure


def _lengths(ax: Axes, numbers: list[int], takes: Sequence[Take]) -> None:
    """Each take's seconds as a bar (red when over), the time box as a dashed step."""
    over = [take["duration_s"] > take["time_box_s"] for take in takes]
    ax.bar(
        numbers,
        [take["duration_s"] for take in takes],
        color=[BEFORE_COLOUR if late else AFTER_COLOUR for late in over],
        width=0.6,
    )
    ax.step(
        [numbers[0] - 0.5, *[n + 0.5 for n in numbers]],
        [takes[0]["time_box_s"], *[take["time_box_s"] for take in takes]],
        where="pre",
        color="#555",
        linestyle="--",
        linewidth=1,
        label=_("time box"),
    )
    ax.set_ylabel(_("seconds"))
    fit_title(
        ax.figure,
        ax=ax,
        text=_("Length of each take (red: over the time box, dashed)"),
        fontsize="medium",
    )
    ax.grid(axis="y", alpha=0.3)


def _speaking(ax: Axes, numbers: list[int], takes: Sequence[Take]) -> None:
    """Speaking share (circles) and, on a second axis, the longest pause (squares)."""
    ax.plot(
        numbers,
        [100 * take["speaking_share"] for take in takes],
        marker="o",
        color=ACCENT,
        label=_("speaking share (%)"),
    )
    ax.set_ylim(0, 105)
    ax.set_ylabel(_("{percent} speaking").format(percent="%"), color=ACCENT)
    pauses = ax.twinx()
    pauses.plot(
        numbers,
        [take["longest_pause_s"] for take in takes],
        marker="s",
        color="#b07a1e",
        label=_("longest pause (s)"),
    )
    for n, take in zip(numbers, takes, strict=True):
        if take["long_pauses"]:
            pauses.annotate(
                i18n.ngettext("{count} over 3 s", "{count} over 3 s", take["long_pauses"]).format(
                    count=take["long_pauses"]
                ),
                (n, take["longest_pause_s"]),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize="small",
                color="#b07a1e",
            )
    pauses.axhline(3, color="#b07a1e", linestyle=":", linewidth=1)
    pauses.set_ylim(0, max(6.0, 1.3 * max(take["longest_pause_s"] for take in takes)))
    pauses.set_ylabel(_("longest pause (s)"), color="#b07a1e")
    fit_title(
        ax.figure,
        ax=ax,
        text=_("Speaking share (circles) and longest pause (squares)"),
        fontsize="medium",
    )
    ax.grid(axis="y", alpha=0.3)


def _ratings(ax: Axes, numbers: list[int], takes: Sequence[Take]) -> None:
    """The engineer's own ratings, one line per rating given (1 to 5)."""
    drawn = False
    for index, (name, colour) in enumerate(RATING_COLOURS.items()):
        points = [
            (n, take["ratings"][name])
            for n, take in zip(numbers, takes, strict=True)
            if name in take["ratings"]
        ]
        if not points:
            continue
        drawn = True
        offset = (index - 1.5) * 0.05  # equal ratings on one take stay apart
        ax.plot(
            [n for n, _ in points],
            [score + offset for _, score in points],
            marker="o",
            color=colour,
            label=rating_name(name),
        )
    ax.set_ylim(0.5, 5.5)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.set_ylabel(_("your rating"))
    fit_title(
        ax.figure,
        ax=ax,
        text=_("Your ratings (1 to 5)") if drawn else _("Your ratings (1 to 5): none given yet"),
        fontsize="medium",
    )
    if drawn:
        ax.legend(loc="lower left", ncols=4, fontsize="small", frameon=False)
    ax.grid(axis="y", alpha=0.3)
