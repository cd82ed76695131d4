"""Workbook 01's behavioural experiment (issue 31): a written prediction and how strongly it is
believed, the test and its day, what happened, and the prediction re-rated; the card, the text
summary and the belief reader show the prediction beside what happened. And "is it partly
true?" asked before any distortion label."""

from __future__ import annotations

import datetime as dt
import html
import re

import ipywidgets as w

from widgets import thought_records
from widgets.content import seeds
from widgets.forms.thought_record import record_card_html, record_summary
from widgets.readers.beliefs import experiment_result
from widgets.readers.beliefs import thought_records as stored_records
from widgets.storage.journal import Journal
from widgets.storage.records import ThoughtRecord
from widgets.storage.transfer import dumps, export_journal, import_journal

DAY = dt.date(2026, 11, 2)
NEW_KEYS = {"partly_true"}
NEW_EXPERIMENT_KEYS = {"prediction", "prediction_before", "prediction_after"}
PREDICTION = "I will freeze and they will mark me down."
OUTCOME = "I paused twice, then answered; the reviewer asked me to lead the next one."


def on_disk(path) -> list[ThoughtRecord]:
    with Journal(path, readonly=True) as journal:
        return [r for _, r in stored_records(journal)]


def _tested(editor) -> None:
    editor.belief.value = "I freeze when a senior engineer questions me."
    editor.experiment_prediction.value = PREDICTION
    editor.experiment_prediction_before.value = "85"
    editor.experiment_plan.value = "Present the design at Thursday's review."
    editor.experiment_due.value = DAY
    editor.experiment_outcome.value = OUTCOME
    editor.experiment_prediction_after.value = "30"


def test_a_prediction_and_its_re_rating_round_trip_through_the_journal(journal_path, tmp_path):
    """Are the prediction, both ratings and the outcome stored, and do they survive an export
    and an import?"""
    _tested(thought_records().editor)
    [record] = on_disk(journal_path)
    experiment = record.experiment
    assert (experiment.prediction, experiment.prediction_before) == (PREDICTION, 85)
    assert (experiment.outcome, experiment.prediction_after) == (OUTCOME, 30)
    assert experiment.due == DAY
    with Journal(journal_path, readonly=True) as journal:
        text = dumps(export_journal(journal))
    import_journal(text, tmp_path / "copy.sqlite")
    assert on_disk(tmp_path / "copy.sqlite") == [record]


def test_a_prediction_rating_out_of_range_is_refused_beside_it(journal_path):
    editor = thought_records().editor
    _tested(editor)
    editor.experiment_prediction_after.value = "130"
    assert "from 0 to 100" in editor.rows["experiment_prediction_after"].error
    assert on_disk(journal_path)[0].experiment.prediction_after == 30  # the last good one


def _old_journal_text(tmp_path) -> str:
    """An export of a journal written before the prediction and "partly true" existed."""
    with Journal(tmp_path / "old.sqlite") as journal:
        journal.save(
            ThoughtRecord(
                recorded_on=DAY,
                belief="They'll find out in the deep dive.",
                strength_before=80,
                emotions=[{"name": "anxious", "intensity": 70}],
                experiment={"plan": "Mock deep dive with Priya", "outcome": "Went fine"},
            )
        )
        document = export_journal(journal)
    for entry in document["entries"]:
        for revision in entry["revisions"]:
            data = revision["data"]
            for key in NEW_KEYS:
                del data[key]
            for key in NEW_EXPERIMENT_KEYS:
                del data["experiment"][key]
    return dumps(document)


def test_an_old_journal_loads_and_writes_back_byte_for_byte(tmp_path, monkeypatch):
    """Does a journal saved before the new fields load (the fields empty), open in the form
    without a write, and export exactly as it was imported?"""
    text = _old_journal_text(tmp_path)
    assert '"prediction' not in text and '"partly_true"' not in text
    path = tmp_path / "journal.sqlite"
    import_journal(text, path)
    monkeypatch.setenv("STEPUP_JOURNAL", str(path))
    panel = thought_records()
    panel.editor.close()
    [record] = on_disk(path)
    assert record.partly_true is None
    assert (record.experiment.prediction, record.experiment.prediction_before) == ("", None)
    assert record.experiment.prediction_after is None
    with Journal(path, readonly=True) as journal:
        assert dumps(export_journal(journal)) == text
    assert "predicted:" not in record_summary(record, seeds.distortions())


def _beside(card: str) -> list[tuple[str, str]]:
    """(head, cell) pairs of the card's prediction-beside-outcome table."""
    table = re.search(r"<table class='stepup-table stepup-experiment-result'>(.*?)</table>", card)
    assert table, card
    heads = [html.unescape(h) for h in re.findall(r"<th>(.*?)</th>", table.group(1))]
    cells = [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", table.group(1))]
    return list(zip(heads, cells, strict=True))


def test_the_card_shows_the_prediction_beside_the_outcome(journal_path):
    editor = thought_records().editor
    _tested(editor)
    card = str(record_card_html(on_disk(journal_path)[0], seeds.distortions()))
    assert _beside(card) == [
        ("What the belief predicts", f"{PREDICTION} (believed 85/100)"),
        ("What happened", f"{OUTCOME} (re-rated 30/100)"),
    ]
    assert card.count(PREDICTION.replace("'", "&#39;")) == 1  # once: not also as a part


def test_the_card_escapes_the_prediction():
    attack = "<script>alert(1)</script>"
    record = ThoughtRecord(recorded_on=DAY, experiment={"prediction": attack})
    card = str(record_card_html(record, seeds.distortions()))
    assert attack not in card and "&lt;script&gt;" in card
    assert _beside(card)[1] == ("What happened", "not written yet")


def test_the_reader_and_the_summary_put_the_prediction_beside_what_happened():
    record = ThoughtRecord(
        recorded_on=DAY,
        belief="b",
        experiment={
            "prediction": PREDICTION,
            "prediction_before": 90,
            "outcome": OUTCOME,
            "prediction_after": 20,
        },
    )
    assert experiment_result(record) == (
        f"{PREDICTION} (believed 90/100)",
        f"{OUTCOME} (re-rated 20/100)",
    )
    assert (
        f"predicted: {PREDICTION} (believed 90/100) → happened: {OUTCOME} (re-rated 20/100)"
        in record_summary(record, seeds.distortions())
    )
    assert experiment_result(ThoughtRecord(recorded_on=DAY, experiment={"plan": "p"})) is None


def test_the_prediction_is_asked_before_the_test_and_what_happened_after_it():
    editor = thought_records().editor
    names = [f.name for f in editor.FIELDS]
    order = [
        "experiment_prediction",
        "experiment_prediction_before",
        "experiment_plan",
        "experiment_due",
        "experiment_outcome",
        "experiment_prediction_after",
    ]
    assert [names.index(n) for n in order] == sorted(names.index(n) for n in order)


def _shown(editor) -> list[w.Widget]:
    return list(editor.children)


def test_partly_true_is_asked_before_the_distortion_grid(journal_path):
    """Is "is it partly true?" answered before any distortion label is offered?"""
    editor = thought_records().editor
    shown = _shown(editor)
    assert shown.index(editor.rows["partly_true"]) < shown.index(editor.rows["distortions"])
    texts = [c.value for c in shown if isinstance(c, w.HTML)]
    first = next(i for i, t in enumerate(texts) if "First: is it partly true?" in t)
    then = next(i for i, t in enumerate(texts) if "distortions in the part that is not true" in t)
    assert first < then
    editor.belief.value = "My team never gets the interesting projects."
    editor.partly_true.value = "partly"
    assert on_disk(journal_path)[0].partly_true == "partly"
    card = str(record_card_html(on_disk(journal_path)[0], seeds.distortions()))
    assert "<b>Is it partly true?</b> Partly: part of it is a real problem" in card


def test_no_example_calls_a_real_career_problem_a_thinking_error():
    """The four examples issue 31 names are gone from the checklist (scope, visibility,
    fairness of a promotion, politics)."""
    examples = " ".join(d.example for d in seeds.distortions().distortions)
    for gone in (
        "interesting projects",
        "notices my work",
        "person who got promoted",
        "pure politics",
    ):
        assert gone not in examples
    personalization = seeds.distortions().by_id("personalization")
    assert personalization.name == "Personalization"  # Burns 1980; "and blame" is the Handbook's
    assert any("Feeling Good Handbook" in s for s in personalization.sources)


def test_the_new_answers_are_private():
    """The prediction, its ratings and "partly true?" are the engineer's and the coach's only."""
    from widgets.readers.audience import sees

    for field in ("partly_true", "experiment"):
        assert not sees("manager", "thought_record", field)
        assert sees("coach", "thought_record", field)
