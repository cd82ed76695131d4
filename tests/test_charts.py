"""Chart functions are pure: check what they plot, read back from the Figure.

Each chart function's test reads every plotted value back (line data, bar widths and heights,
image arrays, scatter offsets, text labels) and compares it with exactly what the chart was
given, so a series reversed, zeroed or dropped fails a test.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from matplotlib.colors import to_hex
from matplotlib.dates import date2num, num2date

from widgets import charts


def _rows(ax) -> list[tuple[str, float]]:
    """Horizontal bars as (row label, width), top row first:
    each bar matched to the tick at its centre."""
    label_at = {
        round(tick): label.get_text()
        for tick, label in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)
    }
    bars = sorted(ax.patches, key=lambda bar: -(bar.get_y() + bar.get_height() / 2))
    return [(label_at[round(bar.get_y() + bar.get_height() / 2)], bar.get_width()) for bar in bars]


def _values(line) -> list[float | None]:
    """A closed radar line's values, one per spoke (NaN, a gap, read back as None)."""
    ys = [float(y) for y in line.get_ydata()]
    assert ys[-1] == ys[0] or (math.isnan(ys[-1]) and math.isnan(ys[0]))  # closed polygon
    return [None if math.isnan(y) else y for y in ys[:-1]]


def _tick_texts(figure, ax) -> list[str]:
    figure.draw_without_rendering()
    return [t.get_text() for t in ax.get_xticklabels()]


def test_before_after_plots_each_belief_before_and_after_on_its_own_row():
    changes = [
        ("I'm behind", 85, 55),
        ("They'll find out", 90, 60),
        ("Design is beyond me", 70, 75),
    ]
    figure = charts.belief_before_after(changes)
    ax = figure.axes[0]
    label_at = {
        round(tick): label.get_text()
        for tick, label in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)
    }
    assert [label_at[row] for row in (2, 1, 0)] == [
        label for label, _, _ in changes
    ]  # first on top
    before, after = ax.collections[:2]
    read_before = {label_at[round(y)]: x for x, y in before.get_offsets().tolist()}
    read_after = {label_at[round(y)]: x for x, y in after.get_offsets().tolist()}
    assert [(label, read_before[label], read_after[label]) for label, _, _ in changes] == changes
    connectors = {
        label_at[round(line.get_ydata()[0])]: list(line.get_xdata()) for line in ax.get_lines()
    }
    assert connectors == {label: [start, end] for label, start, end in changes}
    assert ax.get_xlim() == (0, 100)
    assert "0–100" in ax.get_xlabel()
    assert [t.get_text() for t in figure.legends[0].get_texts()] == ["before", "after"]


def test_trend_has_one_line_per_belief_in_date_order():
    series = {
        "I'm behind": [(dt.date(2026, 10, 1), 85), (dt.date(2026, 9, 1), 90)],
        "Design is beyond me": [(dt.date(2026, 9, 15), 80), (dt.date(2026, 12, 10), 40)],
        "Unrated": [],
    }
    figure = charts.belief_trend(series)
    ax = figure.axes[0]
    plotted = {
        line.get_label(): list(zip(line.get_xdata(), line.get_ydata().tolist(), strict=True))
        for line in ax.get_lines()
    }
    assert plotted == {
        "I'm behind": [(dt.date(2026, 9, 1), 90), (dt.date(2026, 10, 1), 85)],
        "Design is beyond me": [(dt.date(2026, 9, 15), 80), (dt.date(2026, 12, 10), 40)],
    }
    assert [t.get_text() for t in figure.legends[0].get_texts()] == [
        "I'm behind",
        "Design is beyond me",
    ]
    assert ax.get_ylim() == (0, 100)


def test_date_ticks_have_no_leading_zero_on_any_c_library():
    """Ticks read "1 Sep 2026" / "1 Sep", not "01 Sep", without strftime's glibc-only %-d."""
    days = [dt.date(2026, 9, 1) + dt.timedelta(days=9 * i) for i in range(12)]
    trend = charts.belief_trend({"I'm behind": [(day, 50) for day in days]})
    scores = charts.design_scores({"Driving": [(day, 2) for day in days]})
    timeline = charts.readiness_timeline([(day, 5, 3.0) for day in days], [])
    assert _tick_texts(trend, trend.axes[0]) == [
        "1 Sep 2026",
        "1 Oct 2026",
        "1 Nov 2026",
        "1 Dec 2026",
    ]
    assert _tick_texts(scores, scores.axes[0]) == ["1 Sep", "1 Oct", "1 Nov", "1 Dec"]
    assert _tick_texts(timeline, timeline.axes[2]) == ["1 Sep", "1 Oct", "1 Nov", "1 Dec"]
    for figure, ax in ((trend, trend.axes[0]), (timeline, timeline.axes[2])):
        ticks = [num2date(x) for x in ax.get_xticks()]
        assert all(
            text.startswith(f"{day.day} ")
            for text, day in zip(_tick_texts(figure, ax), ticks, strict=True)
        )


def test_distortion_counts_are_sorted_most_first():
    ax = charts.distortion_counts(
        [("Labeling", 1), ("Fortune telling", 3), ("Mind reading", 2), ("Comparison", 2)]
    ).axes[0]
    assert _rows(ax) == [
        ("Fortune telling", 3),
        ("Comparison", 2),
        ("Mind reading", 2),
        ("Labeling", 1),
    ]


@pytest.mark.parametrize(
    "build",
    [
        lambda: charts.belief_before_after([]),
        lambda: charts.belief_trend({}),
        lambda: charts.distortion_counts([]),
        lambda: charts.competency_gaps([]),
        lambda: charts.competency_snapshots(["A", "B", "C"], [], ["x", "y"]),
        lambda: charts.readiness_timeline([], []),
    ],
)
def test_empty_data_gives_a_message_not_an_error(build):
    figure = build()
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts and texts[0].startswith("No ")
    assert charts.to_png(figure).startswith(b"\x89PNG")


def test_user_text_is_literal_in_labels():
    """Does a belief with dollar signs render as text instead of crashing mathtext?"""
    figure = charts.belief_before_after([("I earn $100k but $ideas$ are \\weak", 70, 40)])
    assert charts.to_png(figure).startswith(b"\x89PNG")
    assert "\\$" in figure.axes[0].get_yticklabels()[0].get_text()


def test_long_labels_are_wrapped_and_cut():
    label = charts.literal("word " * 60, width=20, max_lines=2)
    assert label.count("\n") == 1 and label.endswith("…")


def test_trend_keeps_before_then_after_on_the_same_day():
    """A record rated 90 then re-rated 60 on the same day must draw 90 → 60, never 60 → 90."""
    day = dt.date(2026, 9, 8)
    ax = charts.belief_trend(
        {"They'll find out": [(day, 90), (day, 60), (dt.date(2026, 9, 20), 50)]}
    ).axes[0]
    assert ax.get_lines()[0].get_ydata().tolist() == [90, 60, 50]


RADAR_LABELS = [f"Competency {i}" for i in range(12)]
RADAR_SERIES = {
    "current": [2] * 11 + [None],
    "target": [3] * 12,
    "coach": [None] * 12,
    "previous": [1] * 12,
}
MIXED_SERIES = {  # every spoke different, so a reversed or shifted series cannot pass
    "current": [1, 2, 3, 4, 2, None, 1, 3, 2, 4, 1, 2],
    "target": [3, 3, 4, 4, 3, 3, 2, 4, 3, 4, 3, 4],
    "coach": [2, None, 3, 3, None, 2, 1, 4, 2, 3, None, 2],
    "previous": [1, 1, 2, 3, 2, 1, 1, 2, 2, 3, 1, 1],
}
LEVELS = ["Junior", "Mid", "Senior", "Staff"]


@pytest.mark.parametrize(
    ("levels", "rings"),
    [
        (
            ["Junior engineer", "Mid-level engineer", "Senior engineer", "Staff engineer"],
            ["Junior", "Mid-level", "Senior", "Staff"],
        ),
        (["IC3 engineer", "IC4 developer"], ["IC3 engineer", "IC4 developer"]),
        (["Engineer", "Senior engineer"], ["Engineer", "Senior engineer"]),
        (["Level 2", "Level 3"], ["Level 2", "Level 3"]),
    ],
)
def test_rings_leave_out_the_word_every_level_ends_with(levels, rings):
    """The outer ring's "Staff engineer" ran into the second spoke's name."""
    figure = charts.competency_radar(RADAR_LABELS, MIXED_SERIES, levels)
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == rings


def test_radar_has_a_spoke_per_competency_and_a_line_per_series():
    figure = charts.competency_radar(RADAR_LABELS, MIXED_SERIES, LEVELS)
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == RADAR_LABELS
    assert [t.get_text() for t in ax.get_yticklabels()] == LEVELS
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == [
        "you now",
        "your target",
        "coach's view",
        "previous snapshot",
    ]
    assert [_values(line) for line in lines] == list(MIXED_SERIES.values())
    angles = [2 * math.pi * i / 12 for i in range(12)]
    for line in lines:
        assert list(line.get_xdata()) == pytest.approx(angles + [0])  # spoke i carries value i
    assert [t.get_text() for t in figure.legends[0].get_texts()] == [
        "you now",
        "your target",
        "coach's view",
        "previous snapshot",
    ]


def test_radar_fills_only_a_fully_rated_current_polygon():
    current = [1, 2, 3, 4, 2, 3, 1, 3, 2, 4, 1, 2]
    filled = charts.competency_radar(RADAR_LABELS, dict(MIXED_SERIES, current=current), LEVELS)
    (patch,) = [p for p in filled.axes[0].patches if p.get_visible()]
    assert [round(r, 6) for _, r in patch.get_xy()][:12] == current
    gapped = charts.competency_radar(RADAR_LABELS, MIXED_SERIES, LEVELS)
    assert not [p for p in gapped.axes[0].patches if p.get_visible()]


def test_radar_canvas_plots_the_series_it_is_given():
    canvas = charts.RadarCanvas(RADAR_LABELS, LEVELS, list(MIXED_SERIES))
    canvas.render(MIXED_SERIES)
    assert {name: _values(line) for name, (line, _) in canvas.artists.items()} == MIXED_SERIES
    moved = dict(MIXED_SERIES, coach=[4] * 12)
    canvas.render(moved)
    assert _values(canvas.artists["coach"][0]) == [4] * 12


def test_radar_canvas_renders_the_same_picture_as_the_pure_chart():
    """The fast path (cached background, lines drawn on top) must not change what is shown."""
    import io

    from PIL import Image, ImageChops

    canvas = charts.RadarCanvas(RADAR_LABELS, LEVELS, list(RADAR_SERIES))
    fast = Image.open(io.BytesIO(canvas.render(RADAR_SERIES))).convert("RGB")
    pure = Image.open(
        io.BytesIO(charts.to_png(charts.competency_radar(RADAR_LABELS, RADAR_SERIES, LEVELS)))
    ).convert("RGB")
    assert fast.size == pure.size
    difference = ImageChops.difference(fast, pure)
    changed = difference.convert("L").point(lambda value: 255 if value > 60 else 0).histogram()[255]
    assert changed < 0.002 * fast.size[0] * fast.size[1]
    moved = dict(RADAR_SERIES, current=[4] * 12)
    assert canvas.render(moved) != canvas.render(RADAR_SERIES)


def test_snapshots_are_small_multiples_oldest_first():
    older = {"current": MIXED_SERIES["previous"], "target": MIXED_SERIES["target"]}
    newer = {"current": MIXED_SERIES["current"], "target": [4] * 12}
    figure = charts.competency_snapshots(
        RADAR_LABELS, [("18 Aug 2026", older), ("10 Nov 2026", newer)], ["A", "B", "C", "D"]
    )
    assert [ax.get_title() for ax in figure.axes] == ["18 Aug 2026", "10 Nov 2026"]
    read = [
        {RADAR_LABELS_BY_NAME[line.get_label()]: _values(line) for line in ax.get_lines()}
        for ax in figure.axes
    ]
    assert read == [older, newer]
    assert [t.get_text() for t in figure.legends[0].get_texts()] == ["you now", "your target"]


RADAR_LABELS_BY_NAME = {label: name for name, label in charts.RADAR_LABELS.items()}


def test_gap_bars_keep_the_given_order():
    gaps = [("Communication", 6), ("Mentoring", 3), ("System design", 2)]
    ax = charts.competency_gaps(gaps).axes[0]
    assert _rows(ax) == gaps  # the first (largest) gap on the top row


def test_story_coverage_marks_tagged_cells_and_counts_each_column():
    from widgets.charts import story_coverage

    figure = story_coverage(
        ["Leakage", "Outage", "Onboarding"],
        ["Conflict", "Incident", "Mentoring", "Feedback"],
        [[1, 0, 0, 0], [0, 1, 0, 0], [1, 0, 1, 0]],
        "Stories × types",
    )
    ax = figure.axes[0]
    assert ax.images[0].get_array().tolist() == [[1, 0, 0, 0], [0, 1, 0, 0], [1, 0, 1, 0]]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Conflict (2)",
        "Incident (1)",
        "Mentoring (1)",
        "Feedback (0)",
    ]
    assert list(ax.get_xticks()) == [0, 1, 2, 3]  # column i labels image column i
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Leakage", "Outage", "Onboarding"]
    assert list(ax.get_yticks()) == [0, 1, 2]
    (hatched,) = ax.patches  # only the uncovered column is hatched
    assert (hatched.get_x(), hatched.get_width()) == (2.5, 1)
    assert ax.get_title() == "Stories × types"


def test_project_readiness_plots_answered_and_ready_shares():
    from widgets.charts import project_readiness

    projects = [("Churn", 9, 12, 14), ("Ranking", 4, 8, 14), ("Labels", 0, 0, 0)]
    figure = project_readiness(projects)
    ax = figure.axes[0]
    answered, ready = ax.containers
    label_at = {
        round(tick): label.get_text()
        for tick, label in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)
    }

    def by_label(container):
        return {
            label_at[round(bar.get_y() + bar.get_height() / 2)]: bar.get_width()
            for bar in container
        }

    assert by_label(answered) == pytest.approx(
        {"Churn": 100 * 12 / 14, "Ranking": 100 * 8 / 14, "Labels": 0}
    )
    assert by_label(ready) == pytest.approx(
        {"Churn": 100 * 9 / 14, "Ranking": 100 * 4 / 14, "Labels": 0}
    )
    assert [label_at[row] for row in (2, 1, 0)] == ["Churn", "Ranking", "Labels"]  # first on top
    assert {label_at[round(t.get_position()[1])]: t.get_text() for t in ax.texts} == {
        "Churn": "9/14 ready, 12 answered",
        "Ranking": "4/14 ready, 8 answered",
        "Labels": "0/0 ready, 0 answered",
    }


def test_design_scores_plot_one_line_per_scored_dimension_with_coach_markers():
    from widgets.charts import design_scores

    day = dt.date(2026, 9, 20)
    later = day + dt.timedelta(days=14)
    self_scores = {
        "Driving": [(later, 3), (day, 1)],
        "Trade-offs": [(day, 4), (later, 2)],
        "Unscored": [],
    }
    coach = {"Driving": [(later, 2)], "Trade-offs": [(day, 3), (later, 4)]}
    figure = design_scores(self_scores, coach)
    ax = figure.axes[0]
    lines = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert [line.get_label() for line in lines] == ["Driving", "Trade-offs"]
    for line, name in zip(lines, ("Driving", "Trade-offs"), strict=True):
        expected = sorted(self_scores[name])
        assert list(line.get_xdata()) == [d for d, _ in expected]
        # each dimension sits a small offset apart (0.04 at most), never a whole level
        assert line.get_ydata().tolist() == pytest.approx([s for _, s in expected], abs=0.05)
    # Coach markers are hollow, in their dimension's colour: read them back by that colour.
    dimension_of = {to_hex(line.get_color()): line.get_label() for line in lines}
    hollow = {
        dimension_of[to_hex(c.get_edgecolor()[0])]: c.get_offsets().tolist()
        for c in ax.collections
        if len(c.get_offsets())
    }
    assert set(hollow) == set(coach)
    for name, offsets in hollow.items():
        assert [x for x, _ in offsets] == [date2num(d) for d, _ in coach[name]]
        assert [y for _, y in offsets] == pytest.approx([s for _, s in coach[name]], abs=0.05)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "1 below mid",
        "2 mid",
        "3 senior",
        "4 staff",
    ]
    assert "coach's score (hollow)" in [t.get_text() for t in figure.legends[0].get_texts()]


def test_practice_charts_say_what_to_do_when_empty():
    from widgets.charts import design_scores, project_readiness, story_coverage

    for figure, phrase in (
        (story_coverage([], ["A"], [], "t"), "No stories yet"),
        (project_readiness([]), "No projects yet"),
        (design_scores({"Driving": []}), "No scored sessions yet"),
    ):
        assert phrase in figure.axes[0].texts[0].get_text()


def test_readiness_timeline_plots_exactly_the_values_it_is_given():
    """Read back from the Figure: confidence, practice scores and hours each on an axis of its
    own (one scale per axis), interviews as lines on all three. Reversing a series or zeroing
    the hours must fail this test."""
    from widgets.charts import readiness_timeline

    weeks = [dt.date(2026, 9, 7), dt.date(2026, 9, 14), dt.date(2026, 9, 21), dt.date(2026, 9, 28)]
    checkins = [(weeks[0], 4, 2.0), (weeks[1], None, 3.5), (weeks[2], 7, 6.0), (weeks[3], 6, None)]
    practice = [(dt.date(2026, 9, 10), 1.5), (dt.date(2026, 9, 20), 2.5)]
    interviews = [(dt.date(2026, 10, 1), "Ledgerline"), (dt.date(2026, 10, 9), "Northwind (L5)")]
    figure = readiness_timeline(checkins, interviews, practice)
    top, middle, bottom = figure.axes
    assert top.get_ylim() == (0, 10.5) and middle.get_ylim() == (0.5, 4.5)

    def points(line):
        return [(x, float(y)) for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)]

    assert points(top.get_lines()[0]) == [
        (weeks[0], 4.0),
        (weeks[2], 7.0),
        (weeks[3], 6.0),
    ]  # a week with no rating is skipped
    assert points(middle.get_lines()[0]) == [(day, score) for day, score in practice]
    bars = sorted(
        (round(bar.get_x() + bar.get_width() / 2), bar.get_height()) for bar in bottom.patches
    )
    assert bars == [(round(date2num(day)), hours) for day, _, hours in checkins[:3]]
    for ax in (top, middle, bottom):
        marked = [line.get_xdata()[0] for line in ax.get_lines() if line.get_linestyle() == ":"]
        assert marked == [day for day, _ in interviews]
    assert [(t.xy[0], t.get_text()) for t in top.texts] == interviews
    assert [ax.get_ylabel() for ax in (top, middle, bottom)] == [
        "Confidence (0–10)",
        "Design score",
        "Hours practised",
    ]
