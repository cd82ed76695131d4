"""Workbook 04's estimation drills at the senior bar (issue 31), driven from Python: the engineer
writes their own assumptions and estimate before the reference reasoning shows; every attempt
is kept; bad input stores nothing; the coach's copy has no control. And the drills themselves:
the missing ones exist per track, and the corrected figures stay corrected."""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as w
import pytest

from widgets import estimation_drills
from widgets.content import seeds as content
from widgets.content.design import figure
from widgets.forms.drills import DrillAttemptForm, EstimationDrillsPanel, parse_estimate
from widgets.readers.audience import audience_view
from widgets.readers.drills import drill_attempts
from widgets.readers.practice import track_practice
from widgets.storage import current
from widgets.storage.journal import Journal
from widgets.storage.records import DrillAttempt, Profile

from .helpers import all_widgets, html_shown

ATTACK = "<img src=x onerror=alert(1)>"


@pytest.fixture
def software_engineer(journal_path, monkeypatch):
    """A backend engineer's journal, the kernel's; the date pinned."""
    monkeypatch.setenv("STEPUP_TODAY", "2026-11-20")
    with Journal(journal_path) as journal:
        journal.save(Profile(track="software"))
    return journal_path


def on_disk(path) -> list[DrillAttempt]:
    """The attempts as another process reads them from the file."""
    with Journal(path, readonly=True) as journal:
        return [attempt for _, attempt in drill_attempts(journal)]


def text_on_page(root) -> str:
    """Everything the page's widgets hold as text: HTML, values, labels, options, placeholders."""
    pieces = list(html_shown(root))
    for widget in all_widgets(root):
        for name in ("value", "description", "placeholder", "tooltip"):
            value = getattr(widget, name, None)
            if isinstance(value, str):
                pieces.append(value)
        pieces += [str(label) for label, *_ in getattr(widget, "options", ()) or ()]
    return html.unescape("\n".join(pieces))


def pick(panel: EstimationDrillsPanel, drill_id: str) -> DrillAttemptForm:
    panel.picker.value = drill_id
    assert panel.form.drill.id == drill_id
    return panel.form


def test_an_attempt_is_stored_with_the_engineers_own_assumptions(software_engineer):
    panel = estimation_drills()
    form = pick(panel, "connection_pool_size")
    form.assumptions.value = "300 requests a second per instance\n10 ms per request"
    form.estimate.value = "120"
    assert on_disk(software_engineer) == [], "nothing is stored before Check"
    form.check_button.click()
    [attempt] = on_disk(software_engineer)
    assert attempt.drill_id == "connection_pool_size"
    assert attempt.assumptions == "300 requests a second per instance\n10 ms per request"
    assert attempt.estimate == 120 and attempt.unit == "connections"
    assert attempt.attempted_on == dt.date(2026, 11, 20) and not attempt.after_answer
    assert attempt.reference == 160 and attempt.within == 3
    assert "Attempt saved" in form.status_line.value


def test_the_answer_is_on_the_page_only_after_check(software_engineer):
    panel = estimation_drills()
    form = pick(panel, "fanout_tail_latency")
    drill = form.drill
    before = text_on_page(panel)
    assert drill.question in before
    for hidden in (drill.answer.say, *drill.assumptions, drill.steps[0].say, "Within the"):
        assert hidden not in before, hidden
    form.assumptions.value = "each leaf is slow 1% of the time"
    form.estimate.value = "1"
    form.check()
    after = text_on_page(panel)
    assert drill.answer.say in after and drill.assumptions[0] in after
    assert all(step.say in after for step in drill.steps)
    # Plain words on how far off: 1% against the reference 63% is 63 times too low.
    assert "Outside the accepted range (1.5 times either way)" in after
    assert "63 times smaller than the reference answer (too low)" in after


def test_a_second_attempt_keeps_the_first(software_engineer):
    panel = estimation_drills()
    form = pick(panel, "monthly_cost")
    form.assumptions.value = "servers at $0.10 an hour"
    form.estimate.value = "5,000"
    form.check()
    form.estimate.value = "9e3"
    form.check()
    form.check()  # pressed again unchanged: still two attempts
    first, second = on_disk(software_engineer)
    assert (first.estimate, second.estimate) == (5000, 9000)
    assert not first.after_answer and second.after_answer, "the second saw the answer"
    listed = panel.attempts_html.value
    assert "Your attempts at this drill (2)" in listed and "9,000" in listed


def test_an_attempt_without_a_number_stores_nothing_and_says_why_beside_the_field(
    software_engineer,
):
    panel = estimation_drills()
    form = pick(panel, "failover_downtime")
    form.assumptions.value = "heartbeat every 5 s"
    for typed in ("about a minute", "", "-3", "0"):
        form.estimate.value = typed
        assert form.check() is None
        assert on_disk(software_engineer) == []
        assert "Give your estimate as a number" in form.rows["estimate"].message
        assert form.reveal.value == "" and not form.revealed
    form.estimate.value = "60"
    form.assumptions.value = "   "
    assert form.check() is None and on_disk(software_engineer) == []
    assert "at least one assumption" in form.rows["assumptions"].message
    assert form.rows["estimate"].message == "", "the fixed field's message is gone"


def test_typed_text_is_escaped(software_engineer):
    panel = estimation_drills()
    form = pick(panel, "monthly_cost")
    form.assumptions.value = ATTACK
    form.estimate.value = "1e4"
    form.check()
    assert ATTACK not in panel.attempts_html.value and "&lt;img" in panel.attempts_html.value


def test_the_coach_sees_every_attempt_and_no_control(software_engineer, monkeypatch):
    panel = estimation_drills()
    form = pick(panel, "availability_minutes")
    form.assumptions.value = "three nines for the database"
    form.estimate.value = "40"
    form.check()
    monkeypatch.setenv(current.READONLY_ENV, "1")
    current.close_all()
    coach = estimation_drills()
    assert isinstance(coach, EstimationDrillsPanel) and coach.readonly
    controls = [
        widget
        for widget in all_widgets(coach)
        if isinstance(widget, (w.ValueWidget, w.Button)) and not isinstance(widget, w.HTML)
    ]
    assert controls == [], "no control on the coach's page, no Check button"
    shown = "\n".join(html_shown(coach))
    assert "three nines for the database" in shown and "26 minutes a month" in shown
    assert "Within the accepted range" in shown
    assert coach.summary().startswith("Estimation drills: 17, attempts: 1 — read-only")


def test_a_read_only_form_has_its_fields_disabled_and_no_check_button(software_engineer):
    with Journal(software_engineer) as journal:
        drill = content.design_practice().drill("monthly_cost")
        form = DrillAttemptForm(journal, drill, readonly=True)
        assert all(control.disabled for control in form.controls())
        assert form.check_button.layout.display == "none"
        form.assumptions.value, form.estimate.value = "mine", "10"
        assert form.check() is None and on_disk(software_engineer) == []


def test_the_managers_copy_holds_no_attempt(software_engineer):
    with Journal(software_engineer) as journal:
        journal.save(
            DrillAttempt(
                drill_id="monthly_cost",
                attempted_on=dt.date(2026, 11, 20),
                assumptions="x",
                estimate=1,
            )
        )
        kinds = {entry.kind for entry in audience_view(journal.snapshot(), "manager").entries()}
        assert DrillAttempt.kind not in kinds
        coach_kinds = {e.kind for e in audience_view(journal.snapshot(), "coach").entries()}
        assert DrillAttempt.kind in coach_kinds


def test_a_drill_since_removed_keeps_its_attempts_on_the_coachs_card(software_engineer):
    with Journal(software_engineer) as journal:
        journal.save(
            DrillAttempt(
                drill_id="gone_drill",
                attempted_on=dt.date(2026, 11, 2),
                assumptions="mine",
                estimate=50,
                unit="servers",
                reference=10,
                within=10,
            )
        )
        coach = EstimationDrillsPanel(journal, track_practice(journal), readonly=True)
    shown = "\n".join(html_shown(coach))
    assert "a drill no longer offered: gone_drill" in shown
    assert "5 times the reference answer (too high)" in shown


@pytest.mark.parametrize(
    ("track", "drill_ids"),
    [
        (
            "ml",
            {
                "ab_test_duration",
                "kv_cache_requests",
                "llm_gpus_for_traffic",
                "llm_cost_per_million_tokens",
                "embedding_qps_per_gpu",
            },
        ),
        (
            "software",
            {
                "db_write_headroom",
                "failover_downtime",
                "connection_pool_size",
                "fanout_tail_latency",
                "availability_minutes",
                "monthly_cost",
            },
        ),
    ],
)
def test_the_senior_bar_drills_exist_per_track(track, drill_ids):
    offered = {drill.id for drill in content.design_practice().drills_for(track)}
    assert drill_ids <= offered, drill_ids - offered
    for drill_id in drill_ids:
        drill = content.design_practice().drill(drill_id)
        assert drill.track == track and drill.assumptions and drill.steps
        assert drill.sources or drill.judgement == "ours", drill_id


def test_the_drills_answers_hold_the_worked_figures():
    answer = {d.id: d.answer.value for d in content.design_practice().drills}
    assert answer["fanout_tail_latency"] == pytest.approx((1 - 0.99**100) * 100, rel=0.02)
    assert answer["connection_pool_size"] == 40 * 250 * 0.008 / 0.5
    assert answer["kv_cache_requests"] == pytest.approx(
        (80e9 - 26e9) / (2 * 5120 * 40 * 2 * 2048), rel=0.02
    )
    assert answer["availability_minutes"] == pytest.approx(
        (1 - 0.9999 * 0.9995 * (1 - 0.001**2)) * 43800, rel=0.02
    )


def test_the_disk_figure_is_no_longer_thirty_megabytes_a_second():
    drill = content.design_practice().drill("disk_scan_time")
    hdd = next(step for step in drill.steps if step.name == "hdd_seconds")
    assert "30e6" not in hdd.calc and hdd.result < 1e4, "1 TB at 150 MB/s is under 2 hours"
    assert not any("30 MB a second from a spinning disk" in a for a in drill.assumptions)
    assert drill.judgement == "ours"


def test_a_small_model_is_not_given_palms_utilisation():
    drill = content.design_practice().drill("gpu_hours_retrain")
    rate = next(step for step in drill.steps if step.name == "gpu_rate")
    assert "0.4" not in rate.calc and "0.2" in rate.calc
    assert any("our judgement" in line for line in drill.assumptions)


def test_a_drill_with_neither_sources_nor_judgement_is_refused():
    drill = content.design_practice().drill("monthly_cost").model_dump()
    drill.update(sources=[], judgement=None)
    with pytest.raises(ValueError, match="names its sources, or says it is our judgement"):
        type(content.design_practice().drill("monthly_cost")).model_validate(drill)


@pytest.mark.parametrize(
    ("typed", "read"),
    [("50,000", 50000), ("5e4", 50000), ("5 x 10^4", 50000), ("6,5", 6.5), ("", None)],
)
def test_an_estimate_reads_as_people_type_it(typed, read):
    assert parse_estimate(typed) == read


def test_figures_read_plainly():
    assert figure(1.6e13) == "1.6 × 10^13" and figure(46000) == "46,000" and figure(0.28) == "0.28"
