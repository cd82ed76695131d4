"""The takes of one rehearsed item (a project's summary, a story, a design opening), take by take:
length against the time box, share spent speaking, the longest pause, and the engineer's ratings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from matplotlib.figure import Figure

from .base import ACCENT, AFTER_COLOUR, BEFORE_COLOUR, _empty

RATING_COLOURS = {
    "clarity": "#2e6b8f",
    "structure": "#6b4f9e",
    "pace": "#b07a1e",
    "confidence": "#3b8a4f",
}


class TakePoint(TypedDict):
    """One take, as the chart needs it (all plain values, so a picture can be named by them)."""

    label: str  # e.g. "20 Nov"
    duration_s: float
    time_box_s: int
    speaking_share: float  # 0 to 1
    longest_pause_s: float
    long_pauses: int
    ratings: dict[str, int]  # of clarity, structure, pace, confidence: those given


def rehearsal_takes(takes: Sequence[TakePoint], width: float = 6.4) -> Figure:
    """Three rows over the takes in order: seconds against the time box (a bar over the box is
    red), speaking share with the longest pause, and the engineer's own ratings (1 to 5)."""
    figure = Figure(figsize=(width, 5.6), layout="constrained")
    if not takes:
        return _empty(figure, "No takes yet: record one above, then rate it.")
    numbers = list(range(1, len(takes) + 1))
    labels = [f"{n}\n{take['label']}" for n, take in zip(numbers, takes)]
    length, share, ratings = figure.subplots(3, 1, sharex=True)

    over = [take["duration_s"] > take["time_box_s"] for take in takes]
    length.bar(
        numbers,
        [take["duration_s"] for take in takes],
        color=[BEFORE_COLOUR if late else AFTER_COLOUR for late in over],
        width=0.6,
    )
    length.step(
        [numbers[0] - 0.5, *[n + 0.5 for n in numbers]],
        [takes[0]["time_box_s"], *[take["time_box_s"] for take in takes]],
        where="pre",
        color="#555",
        linestyle="--",
        linewidth=1,
        label="time box",
    )
    length.set_ylabel("seconds")
    length.set_title("Length of each take (red: over the time box, dashed)", fontsize="medium")
    length.grid(axis="y", alpha=0.3)

    share.plot(
        numbers,
        [100 * take["speaking_share"] for take in takes],
        marker="o",
        color=ACCENT,
        label="speaking share (%)",
    )
    share.set_ylim(0, 105)
    share.set_ylabel("% speaking", color=ACCENT)
    pauses = share.twinx()
    pauses.plot(
        numbers,
        [take["longest_pause_s"] for take in takes],
        marker="s",
        color="#b07a1e",
        label="longest pause (s)",
    )
    for n, take in zip(numbers, takes):
        if take["long_pauses"]:
            pauses.annotate(
                f"{take['long_pauses']} over 3 s",
                (n, take["longest_pause_s"]),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize="small",
                color="#b07a1e",
            )
    pauses.axhline(3, color="#b07a1e", linestyle=":", linewidth=1)
    pauses.set_ylim(0, max(6.0, 1.3 * max(take["longest_pause_s"] for take in takes)))
    pauses.set_ylabel("longest pause (s)", color="#b07a1e")
    share.set_title("Speaking share (circles) and longest pause (squares)", fontsize="medium")
    share.grid(axis="y", alpha=0.3)

    drawn = False
    for index, (name, colour) in enumerate(RATING_COLOURS.items()):
        points = [
            (n, take["ratings"][name]) for n, take in zip(numbers, takes) if name in take["ratings"]
        ]
        if not points:
            continue
        drawn = True
        offset = (index - 1.5) * 0.05  # equal ratings on one take stay apart
        ratings.plot(
            [n for n, _ in points],
            [score + offset for _, score in points],
            marker="o",
            color=colour,
            label=name,
        )
    ratings.set_ylim(0.5, 5.5)
    ratings.set_yticks([1, 2, 3, 4, 5])
    ratings.set_ylabel("your rating")
    ratings.set_title(
        "Your ratings (1 to 5)" if drawn else "Your ratings (1 to 5): none given yet",
        fontsize="medium",
    )
    if drawn:
        ratings.legend(loc="lower left", ncols=4, fontsize="small", frameon=False)
    ratings.grid(axis="y", alpha=0.3)
    ratings.set_xticks(numbers, labels, fontsize="small")
    ratings.set_xlim(0.4, len(takes) + 0.6)
    ratings.set_xlabel("take")
    return figure
