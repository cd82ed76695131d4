"""Workbook 03: recovering a project's depth (artefacts, people, numbers, decisions, the honest
script), driven from Python, and the project form's text following the profile's track."""

from __future__ import annotations

import ipywidgets as w
from markupsafe import escape

from widgets import project_deep_dives
from widgets.content import seeds as content
from widgets.readers.stories import projects
from widgets.storage.journal import Journal
from widgets.storage.records import DepthRecovery, Profile, Project

from .helpers import all_widgets

ATTACK = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def open_every_part(editor):
    for part in editor.depth.part_ids:
        editor.depth.open_part(part)
    return editor


def saved_project(path) -> Project:
    with Journal(path, readonly=True) as journal:
        [(_, project)] = projects(journal)
    return project


def test_the_depth_section_is_collapsed_and_counts_what_is_done(journal_path):
    editor = project_deep_dives().editor
    assert editor.depth.selected_index is None  # the form stays short until a part is opened
    editor.name.value = "Ranking features"
    assert editor.depth.controls() == []  # a closed part builds no controls
    editor.depth.open_part("artefacts")
    editor.depth.artefacts["design_doc"].reread.value = True
    editor.depth.artefacts["design_doc"].note.value = "go/ranking-design"
    editor.depth.artefacts["postmortems"].note.value = "Six-hour stale-feature incident"
    saved = saved_project(journal_path).depth
    assert saved.artefacts["design_doc"].reread and saved.artefacts["design_doc"].note
    assert not saved.artefacts["postmortems"].reread
    assert set(saved.artefacts) == {"design_doc", "postmortems"}  # untouched ones stay out
    assert editor.depth.get_title(0).endswith("(1 of 6 reread)")


def test_people_numbers_and_decisions_are_lists_the_engineer_adds_to(journal_path):
    editor = project_deep_dives().editor
    editor.name.value = "Payment retries"
    for part in ("people", "numbers", "decisions"):
        editor.depth.open_part(part)
    people = editor.depth.lists["people"]
    people.entries[0].controls["who"].value = "Priya, tech lead"
    people.entries[0].controls["ask"].value = "Why exponential backoff and not a fixed queue?"
    numbers = editor.depth.lists["numbers"]
    first = numbers.entries[0].controls
    first["metric"].value = "p99 latency"
    first["unit"].value = "ms"
    first["baseline.value"].value = "420"
    first["baseline.source"].value = "Grafana, March"
    first["target.value"].value = "250"
    first["actual.value"].value = "180,5"
    decisions = editor.depth.lists["decisions"]
    decisions.entries[0].controls["decision"].value = "Outbox table"
    decisions.add().controls["decision"].value = "Idempotency keys per request"
    decisions.entries[1].controls["now"].value = "The same, with a shorter key lifetime"
    depth = saved_project(journal_path).depth
    assert [(p.who, p.ask[:3]) for p in depth.people] == [("Priya, tech lead", "Why")]
    [number] = depth.numbers
    assert (number.metric, number.unit) == ("p99 latency", "ms")
    assert (number.baseline.value, number.target.value, number.actual.value) == (420, 250, 180.5)
    assert number.baseline.source == "Grafana, March"
    assert [d.decision for d in depth.decisions] == ["Outbox table", "Idempotency keys per request"]
    assert depth.decisions[1].now.startswith("The same")
    assert "(2 decisions)" in editor.depth.get_title(3)


def test_a_cleared_entry_leaves_the_list_and_messages_land_beside_the_right_entry(journal_path):
    editor = project_deep_dives().editor
    editor.name.value = "Payment retries"
    editor.depth.open_part("numbers")
    numbers = editor.depth.lists["numbers"]
    numbers.entries[0].controls["metric"].value = "error rate"
    second = numbers.add().controls
    second["metric"].value = "p99 latency"
    second["actual.value"].value = "180"
    numbers.entries[0].controls["metric"].value = ""  # the first entry is cleared: removed
    assert [n.metric for n in saved_project(journal_path).depth.numbers] == ["p99 latency"]
    second["actual.value"].value = "fast"
    assert "must be a number" in editor.rows["depth.numbers.1.actual.value"].message
    assert editor.rows["depth.numbers.0.actual.value"].message == ""
    assert saved_project(journal_path).depth.numbers[0].actual.value == 180


def test_the_honest_script_follows_the_template_and_is_kept(journal_path):
    editor = project_deep_dives().editor
    steps = content.deep_dives().depth.script
    editor.depth.open_part("not_mine")
    script = editor.depth.lists["not_mine"].entries[0].controls
    assert script[f"steps.{steps[0].id}"].placeholder == steps[0].starter
    script["part"].value = "the serving path"
    script["steps.owner"].value = "I didn't own that part; the platform team did."
    script["steps.what_you_would_change"].value = "If I owned it now, I would add a canary."
    [saved] = saved_project(journal_path).depth.not_mine
    assert saved.part == "the serving path"
    assert {step for step, said in saved.steps.items() if said} == {
        "owner",
        "what_you_would_change",
    }


def test_projects_saved_before_depth_existed_still_load(journal):
    old = {"name": "Churn", "drill": {"problem": {"answer": "Too late to act.", "confidence": 4}}}
    assert Project.model_validate(old).depth == DepthRecovery()
    journal.save(Project.model_validate(old))
    editor = open_every_part(project_deep_dives().editor)
    assert editor.name.value == "Churn" and len(editor.depth.lists["decisions"].entries) == 1


def test_placeholders_and_artefacts_follow_the_track(journal):
    journal.save(Profile(track="software"))
    software = open_every_part(project_deep_dives().editor)
    software_text = " ".join(
        str(getattr(x, "placeholder", "")) + " " + str(getattr(x, "value", ""))
        for x in all_widgets(software)
        if isinstance(x, (w.Text, w.Textarea, w.HTML))
    )
    assert "Churn" not in software_text and "XGBoost" not in software_text
    assert "experiment_logs" not in software.depth.artefacts
    assert software.name.placeholder == "e.g. Payment retries service"
    journal.save(Profile(track="ml"))
    ml = open_every_part(project_deep_dives().editor)
    assert "Churn" in ml.name.placeholder and "experiment_logs" in ml.depth.artefacts
    assert "p99 latency of the payment API" not in [
        c.placeholder for c in ml.depth.lists["numbers"].entries[0].controls.values()
    ]


def test_the_coach_card_shows_the_depth_escaped_and_nothing_editable(journal, monkeypatch):
    journal.save(
        Project(
            name="Ranking",
            depth={
                "artefacts": {"design_doc": {"reread": True, "note": ATTACK}},
                "people": [{"who": ATTACK, "ask": "Why a canary?"}],
                "numbers": [
                    {
                        "metric": "CTR on first result",
                        "unit": "%",
                        "baseline": {"value": 31, "source": "launch readout"},
                        "actual": {"value": 36},
                    }
                ],
                "decisions": [{"decision": "Batch fallback", "now": "Keep it"}],
                "not_mine": [{"part": "serving", "steps": {"owner": "The platform team did."}}],
            },
        )
    )
    monkeypatch.setenv("STEPUP_READONLY", "1")
    panel = project_deep_dives()
    html_text = " ".join(x.value for x in all_widgets(panel) if isinstance(x, w.HTML))
    assert "<img src=x" not in html_text and "<script>" not in html_text
    assert str(escape(ATTACK)) in html_text
    assert "baseline 31 (launch readout) → target ? → actual 36" in html_text
    assert "Batch fallback" in html_text and "The platform team did." in html_text
    assert not [
        x
        for x in all_widgets(panel)
        if isinstance(x, (w.Text, w.Textarea, w.Button, w.Checkbox, w.Accordion))
    ]
    assert "depth: 1 of 6 reread, 1 person" in repr(panel)


def test_a_read_only_editor_disables_the_depth_and_hides_its_add_buttons(journal):
    journal.save(Project(name="Ranking", depth={"decisions": [{"decision": "Batch fallback"}]}))
    editor = project_deep_dives().editor
    editor.depth.open_part("people")  # opened before the mode changes, and after it
    editor.readonly = True
    editor.depth.open_part("decisions")
    assert len(editor.depth.controls()) == 3 + 4
    assert all(control.disabled for control in editor.depth.controls())
    assert len(editor.depth.buttons()) == 2
    assert all(button.layout.display == "none" for button in editor.depth.buttons())
    editor.depth.lists["decisions"].entries[0].controls["why"].value = "Typed anyway"
    assert journal.record("project", editor.entry_id).depth.decisions[0].why == ""
