"""Chart functions are pure: check what they plot, read back from the Figure."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets import charts


def test_before_after_plots_one_row_per_belief():
    figure = charts.belief_before_after([("I'm behind", 85, 55), ("They'll find out", 90, 60)])
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["I'm behind", "They'll find out"]
    assert [tick for tick in ax.get_yticks()] == [1, 0]  # first belief on the top row
    before, after = ax.collections[:2]
    assert sorted(before.get_offsets()[:, 0].tolist()) == [85, 90]
    assert sorted(after.get_offsets()[:, 0].tolist()) == [55, 60]
    assert ax.get_xlim() == (0, 100)
    assert "0–100" in ax.get_xlabel()
    assert [t.get_text() for t in figure.legends[0].get_texts()] == ["before", "after"]


def test_trend_has_one_line_per_belief_in_date_order():
    series = {
        "I'm behind": [(dt.date(2026, 10, 1), 85), (dt.date(2026, 9, 1), 90)],
        "Design is beyond me": [(dt.date(2026, 9, 15), 80)],
        "Unrated": [],
    }
    figure = charts.belief_trend(series)
    ax = figure.axes[0]
    lines = ax.get_lines()
    assert len(lines) == 2
    assert lines[0].get_ydata().tolist() == [90, 85]
    assert [t.get_text() for t in figure.legends[0].get_texts()] == [
        "I'm behind",
        "Design is beyond me",
    ]
    assert ax.get_ylim() == (0, 100)


def test_distortion_counts_are_sorted_most_first():
    ax = charts.distortion_counts(
        [("Labeling", 1), ("Fortune telling", 3), ("Mind reading", 2)]
    ).axes[0]
    widths = [bar.get_width() for bar in ax.patches]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert dict(zip(labels, widths)) == {"Fortune telling": 3, "Mind reading": 2, "Labeling": 1}
    assert labels[0] == "Fortune telling" and ax.get_yticks()[0] == 2  # the top row


@pytest.mark.parametrize(
    "build",
    [
        lambda: charts.belief_before_after([]),
        lambda: charts.belief_trend({}),
        lambda: charts.distortion_counts([]),
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


def test_radar_has_a_spoke_per_competency_and_a_line_per_series():
    figure = charts.competency_radar(
        RADAR_LABELS, RADAR_SERIES, ["Junior", "Mid", "Senior", "Staff"]
    )
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == RADAR_LABELS
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Junior", "Mid", "Senior", "Staff"]
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == [
        "you now",
        "your target",
        "coach's view",
        "previous snapshot",
    ]
    current = lines[0].get_ydata()
    assert len(current) == 13 and current[0] == current[-1] == 2  # closed polygon
    assert current[11] != current[11]  # unrated spoke is a gap (NaN), not the centre
    assert [t.get_text() for t in figure.legends[0].get_texts()][:2] == ["you now", "your target"]


def test_radar_canvas_renders_the_same_picture_as_the_pure_chart():
    """The fast path (cached background, lines drawn on top) must not change what is shown."""
    import io

    from PIL import Image, ImageChops

    levels = ["Junior", "Mid", "Senior", "Staff"]
    canvas = charts.RadarCanvas(RADAR_LABELS, levels, list(RADAR_SERIES))
    fast = Image.open(io.BytesIO(canvas.render(RADAR_SERIES))).convert("RGB")
    pure = Image.open(
        io.BytesIO(charts.to_png(charts.competency_radar(RADAR_LABELS, RADAR_SERIES, levels)))
    ).convert("RGB")
    assert fast.size == pure.size
    difference = ImageChops.difference(fast, pure)
    changed = difference.convert("L").point(lambda value: 255 if value > 60 else 0).histogram()[255]
    assert changed < 0.002 * fast.size[0] * fast.size[1]
    moved = dict(RADAR_SERIES, current=[4] * 12)
    assert canvas.render(moved) != canvas.render(RADAR_SERIES)


def test_snapshots_are_small_multiples_oldest_first():
    figure = charts.competency_snapshots(
        RADAR_LABELS,
        [("18 Aug 2026", {"current": [1] * 12}), ("10 Nov 2026", {"current": [2] * 12})],
        ["A", "B", "C"],
    )
    assert [ax.get_title() for ax in figure.axes] == ["18 Aug 2026", "10 Nov 2026"]


def test_gap_bars_keep_the_given_order():
    ax = charts.competency_gaps([("Communication", 6), ("Mentoring", 2)]).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Communication", "Mentoring"]
    assert list(ax.get_yticks()) == [1, 0]  # the first (largest) gap on the top row
    assert [bar.get_width() for bar in ax.patches] == [6, 2]


def test_story_coverage_marks_tagged_cells_and_counts_each_column():
    from widgets.charts import story_coverage

    figure = story_coverage(
        ["Leakage", "Outage"],
        ["Conflict", "Incident", "Mentoring"],
        [[1, 0, 0], [0, 1, 0]],
        "Stories × types",
    )
    ax = figure.axes[0]
    assert ax.images[0].get_array().tolist() == [[1, 0, 0], [0, 1, 0]]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Conflict (1)",
        "Incident (1)",
        "Mentoring (0)",
    ]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Leakage", "Outage"]
    assert len(ax.patches) == 1  # the uncovered column is hatched


def test_project_readiness_plots_answered_and_ready_shares():
    from widgets.charts import project_readiness

    figure = project_readiness([("Churn", 9, 12, 14), ("Ranking", 0, 0, 14)])
    ax = figure.axes[0]
    answered, ready = ax.containers
    assert [round(bar.get_width(), 1) for bar in answered] == [85.7, 0.0]
    assert [round(bar.get_width(), 1) for bar in ready] == [64.3, 0.0]
    assert [t.get_text() for t in ax.texts] == ["9/14", "0/14"]


def test_design_scores_plot_one_line_per_scored_dimension_with_coach_markers():
    from widgets.charts import design_scores

    day = dt.date(2026, 9, 20)
    figure = design_scores(
        {
            "Driving": [(day, 2), (day + dt.timedelta(days=14), 3)],
            "Trade-offs": [(day, 3)],
            "Unscored": [],
        },
        {"Driving": [(day + dt.timedelta(days=14), 2)]},
    )
    ax = figure.axes[0]
    lines = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert len(lines) == 2
    assert [round(v) for v in lines[0].get_ydata()] == [2, 3]
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
    """Read back from the Figure: confidence on the left, practice on the right, hours as bars,
    interviews as lines. Reversing a series or zeroing the hours must fail this test."""
    import datetime as dt

    from matplotlib.dates import date2num

    from widgets.charts import readiness_timeline

    weeks = [dt.date(2026, 9, 7), dt.date(2026, 9, 14), dt.date(2026, 9, 21)]
    checkins = [(weeks[0], 4, 2.0), (weeks[1], None, 3.5), (weeks[2], 7, 6.0)]
    practice = [(dt.date(2026, 9, 10), 1.5), (dt.date(2026, 9, 20), 2.5)]
    figure = readiness_timeline(checkins, [(dt.date(2026, 10, 1), "Ledgerline")], practice)
    top, bottom, right = figure.axes[0], figure.axes[1], figure.axes[2]

    def points(line):
        return [(x, float(y)) for x, y in zip(line.get_xdata(), line.get_ydata())]

    assert points(top.get_lines()[0]) == [
        (weeks[0], 4.0),
        (weeks[2], 7.0),
    ]  # a week with no rating is skipped
    assert points(right.get_lines()[0]) == [(day, score) for day, score in practice]
    bars = sorted(
        (round(bar.get_x() + bar.get_width() / 2), bar.get_height()) for bar in bottom.patches
    )
    assert bars == [(round(date2num(day)), hours) for day, _, hours in checkins]
    interview_lines = [line for line in top.get_lines()[1:] if line.get_linestyle() == ":"]
    assert [line.get_xdata()[0] for line in interview_lines] == [dt.date(2026, 10, 1)]
