"""Does every panel's text summary state every value its charts plot?

The summary is the widget's plain-text repr: what nbval compares, and what a screen-reader or
text-only user reads instead of the PNG. Each test records what the chart functions are given
while the panel draws, then looks for every one of those values in the summary.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict

import pytest

from widgets import (
    belief_charts,
    charts,
    competency_gaps,
    competency_radar,
    design_progress,
    export_growth_plan,
    readiness_timeline,
    story_coverage,
)


@pytest.fixture
def plotted(demo_path, monkeypatch):
    """What each chart function was given while panels drew, on the demo persona."""
    monkeypatch.setenv("STEPUP_JOURNAL", str(demo_path))
    calls = defaultdict(list)

    def record(owner, name):
        original = getattr(owner, name)

        @functools.wraps(original)  # still the chart it records (a picture is named by it)
        def recorder(*args, **kwargs):  # what was plotted; sizes (keywords) are not data
            calls[name].append(args)
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, recorder)

    for owner, name in (
        (charts, "belief_before_after"),
        (charts, "belief_trend"),
        (charts, "distortion_counts"),
        (charts, "competency_snapshots"),
        (charts, "competency_gaps"),
        (charts, "design_scores"),
        (charts, "readiness_timeline"),
        (charts, "project_readiness"),
        (charts, "story_coverage"),
    ):
        record(owner, name)

    class RecordedRadar(charts.RadarCanvas):
        def __init__(self, labels, *args, **kwargs):
            calls["radar_labels"].append(list(labels))
            super().__init__(labels, *args, **kwargs)

        def render(self, series):
            calls["radar"].append(dict(series))
            return super().render(series)

    monkeypatch.setattr(charts, "RadarCanvas", RecordedRadar)
    return calls


def _line(summary: str, start: str, after: str = "") -> str:
    """The first line of ``summary`` starting with ``start`` (after the line starting ``after``)."""
    lines = summary.splitlines()
    if after:
        lines = lines[next(i for i, line in enumerate(lines) if line.startswith(after)) :]
    found = [line for line in lines if line.startswith(start)]
    assert found, f"no line starting {start!r} in:\n{summary}"
    return found[0]


def _spokes(names, values) -> str:
    return ", ".join(f"{n} {'—' if v is None else v}" for n, v in zip(names, values, strict=True))


def test_belief_summary_states_each_belief_before_after_trend_and_distortion(plotted):
    summary = belief_charts().summary()
    ((changes,),) = plotted["belief_before_after"]
    ((trend,),) = plotted["belief_trend"]
    ((counts,),) = plotted["distortion_counts"]
    # the demo has them all; its fourth belief was rated on one day only, so it has no trend yet
    assert len(changes) == 3 and len(trend) == 3 and len(counts) == 9
    for label, before, after in changes:
        assert f"    {label}: {before} → {after}" in summary.splitlines()
    for label, points in trend.items():
        assert _line(summary, f"    {label}: ", after="  over time:") == (
            f"    {label}: " + ", ".join(f"{day.isoformat()} {s}" for day, s in points)
        )
    distortions = _line(summary, "  distortions: ")
    for name, n in counts:
        assert f"{name} ×{n}" in distortions.split(": ", 1)[1].split(", ")


def test_radar_summary_states_every_series_and_every_snapshot(plotted):
    summary = competency_radar().summary()
    (names,) = plotted["radar_labels"]
    (series,) = plotted["radar"]
    assert list(series) == ["current", "target", "coach", "previous"]
    for name, values in series.items():
        assert f"  {name}: {_spokes(names, values)}" in summary.splitlines()
    ((labels, multiples, _levels),) = plotted["competency_snapshots"]
    assert labels == names and len(multiples) == 2
    for title, snapshot in multiples:
        day = dt.datetime.strptime(title, "%d %b %Y").date()
        assert list(snapshot) == ["current", "target"]
        for name, values in snapshot.items():
            assert f"    {day.isoformat()} {name}: {_spokes(names, values)}" in summary.splitlines()


def test_radar_summary_says_how_many_snapshots_are_charted(plotted, demo_path):
    from widgets.storage.journal import Journal
    from widgets.storage.records import CompetencySnapshot

    with Journal(demo_path) as journal:
        (entry, *_) = journal.entries(CompetencySnapshot.kind)
        first = entry.record()
        for weeks in range(1, 7):
            journal.save(
                first.model_copy(update={"taken_on": first.taken_on - dt.timedelta(weeks=weeks)})
            )
    summary = competency_radar().summary()
    ((_, multiples, _),) = plotted["competency_snapshots"]
    assert len(multiples) == 6 and "  (the latest 6 charted)" in summary.splitlines()
    charted = {line.split(" ")[4] for line in summary.splitlines() if line.startswith("    20")}
    assert len(charted) == 6


def test_gaps_summary_states_every_bar(plotted):
    summary = competency_gaps().summary()
    ((bars,),) = plotted["competency_gaps"]
    assert len(bars) == 7  # measured from the coach's rating where she gave one (issue 31)
    for index, (name, weighted) in enumerate(bars, start=1):
        assert _line(summary, f"  {index}. {name}: ").endswith(f" = {weighted}")


def test_design_summary_states_every_self_and_coach_score(plotted):
    summary = design_progress().summary()
    ((series, coach),) = plotted["design_scores"]
    assert sum(len(points) for points in coach.values()) == 6
    for name, points in series.items():
        assert _line(summary, f"  {name}: ") == f"  {name}: " + (
            ", ".join(f"{day.isoformat()} {score}" for day, score in points) or "not scored"
        )
    for name, points in coach.items():
        if points:
            assert _line(summary, f"  {name}: ", after="Coach's scores:") == f"  {name}: " + (
                ", ".join(f"{day.isoformat()} {score}" for day, score in points)
            )


def test_story_summary_states_readiness_and_every_coverage_cell(plotted):
    summary = story_coverage().summary()
    ((projects,),) = plotted["project_readiness"]
    assert len(projects) == 3
    for label, ready, answered, total in projects:
        assert f"  {label}: {ready}/{total} ready, {answered} answered" in summary.splitlines()
    (types, competencies) = plotted["story_coverage"]
    for (story_titles, columns, matrix, _title), kind, noun in (
        (types, "types", "type"),
        (competencies, "competencies", "competency"),
    ):
        assert len(story_titles) == 6
        for title, row in zip(story_titles, matrix, strict=True):
            tagged = (
                ", ".join(name for name, cell in zip(columns, row, strict=True) if cell) or "none"
            )
            assert f" {kind} {tagged}" in _line(summary, f"  {title}: ")
        totals = [sum(row[i] for row in matrix) for i in range(len(columns))]
        assert _line(summary, f"  stories per {noun}: ") == f"  stories per {noun}: " + ", ".join(
            f"{name} {total}" for name, total in zip(columns, totals, strict=True)
        )


def test_readiness_summary_states_confidence_hours_practice_and_interviews(plotted):
    summary = readiness_timeline().summary()
    ((checkins, interviews, practice),) = plotted["readiness_timeline"]
    assert len(checkins) == 11 and len(interviews) == 2 and len(practice) == 5
    assert _line(summary, "  check-ins: ") == "  check-ins: " + "; ".join(
        f"{day.isoformat()} {confidence}/10, {hours:g} h" for day, confidence, hours in checkins
    )
    assert _line(summary, "  milestones: ") == "  milestones: " + "; ".join(
        f"{day.isoformat()} {label}" for day, label in interviews
    )
    assert _line(summary, "  design practice ") == (
        "  design practice (mean self score, 1–4): "
        + "; ".join(f"{day.isoformat()} {score:.1f}" for day, score in practice)
    )


def test_empty_panels_say_none_rather_than_leave_series_out(journal_path):
    """With nothing recorded, the summaries still name every series, as empty."""
    summary = readiness_timeline().summary()
    for start in ("  milestones: none", "  check-ins: none", "  design practice"):
        assert _line(summary, start)
    assert "(none rated)" in belief_charts().summary()
    assert "snapshots: none" in competency_radar().summary()


def test_export_summary_says_what_the_document_holds_then_where_it_is(demo_path, monkeypatch):
    monkeypatch.setenv("STEPUP_JOURNAL", str(demo_path))
    panel = export_growth_plan()
    manager = panel.summary().splitlines()  # the manager's copy is the one offered first
    assert manager == [
        (
            "Growth-plan export for my manager: an HTML document, on export, written to the"
            " private reports folder beside the journal. It holds:"
        ),
        "  goal: Mid-level engineer → Senior engineer by 2027-03-31",
        # Process & hiring's evidence speaks of an interview: the manager's copy leaves it out.
        "  strengths (ML engineer): 2 at target, with evidence; 14 of 14 competencies rated",
        (
            "  growth areas: the top 5: Communication, ML problem framing & design,"
            " Experimentation & metrics, ML deployment & monitoring, Scope & ambiguity"
        ),
        "  plan: 2 actions, 0 overdue (the actions marked for the manager's copy)",
        "  wins: none logged yet",
        "  what I need from you: 3 asks",
        "  charts: gaps, radar",
    ]
    panel.audience.value = "me"
    before = panel.summary()
    assert before.splitlines()[0] == (
        "Growth-plan export for me: an HTML document, on export, written to the private reports"
        " folder beside the journal. It holds:"
    )
    assert before.splitlines()[1:] == [
        "  goal: Mid-level engineer → Senior engineer by 2027-03-31",
        "  interviews: 2, the next in 24 days",
        "  strengths (ML engineer): 3 at target, with evidence; 14 of 14 competencies rated",
        (
            "  gaps: the top 5: ML problem framing & design, System design, Influence across"
            " teams, ML deployment & monitoring, Execution & delivery; 4 disagreements with the"
            " coach"
        ),
        "  plan: 4 actions, 1 overdue",
        "  wins: none logged yet",
        "  what I need from you: 3 asks",
        "  beliefs: 3 rated before and after a thought record",
        "  deep dives: 3 projects; 6 stories, 4 story types with none",
        "  design practice: 5 sessions",
        "  check-ins: the latest 4 of 11",
        "  charts: gaps, radar, beliefs, stories, design, readiness",
    ]
    written = panel.export()
    after = panel.summary()
    assert (
        after.splitlines()[0]
        == f"Growth-plan export for me: an HTML document, written to {written}. It holds:"
    )
    assert after.splitlines()[1:] == before.splitlines()[1:]
    document = written.read_text()  # holds what the summary says
    assert document.count("<img ") == 6
    gaps_table = document.split("<h2>Gaps")[1].split("</table>")[0]
    assert gaps_table.count("<tr>") == 1 + 5 and "System design" in gaps_table
    plan_table = document.split("<h2>The plan</h2>")[1].split("</table>")[0]
    assert plan_table.count("<tr>") == 1 + 4 and plan_table.count("overdue</span>") == 1


def test_export_summary_of_an_empty_journal_and_of_the_coach_view(journal_path, monkeypatch):
    panel = export_growth_plan()
    panel.audience.value = "me"
    summary = panel.summary()
    for line in (
        "  goal: — → —",
        "  interviews: none",
        "  plan: 0 actions, 0 overdue",
        "  beliefs: 0 rated before and after a thought record",
        "  deep dives: 0 projects; 0 stories, 10 story types with none",
        "  check-ins: none",
        "  charts: radar, beliefs, stories, design, readiness",  # no gaps, no gaps chart
    ):
        assert line in summary.splitlines(), summary
    monkeypatch.setenv("STEPUP_READONLY", "1")
    assert export_growth_plan().summary() == "Growth-plan export (read-only: not available)"
