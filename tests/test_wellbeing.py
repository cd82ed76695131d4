"""Issue 31's safety note: beside the emotions in workbook 01 when an emotion is rated 80 or
more or the record's words suggest hopelessness; on the coach's page when a recent record
carries that signal; never on the manager's copy. The threshold, the phrases and the words are
data (seeds/wellbeing.yaml); the note blocks nothing and stores nothing."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil

import pytest
from markupsafe import escape

from widgets import coach_session, thought_records
from widgets.content import wellbeing as wellbeing_module
from widgets.content.resources import seeds_dir
from widgets.content.wellbeing import wellbeing
from widgets.readers.beliefs import recent_wellbeing_signal, wellbeing_signal
from widgets.readers.beliefs import thought_records as stored_records
from widgets.storage.journal import Journal
from widgets.storage.records import Profile, Rerating, ThoughtRecord
from widgets.views.report import build_report

TODAY = dt.date(2026, 11, 20)
HOPELESS_WORDS = "Whatever I do, it feels hopeless."


def _note_shown(editor) -> bool:
    return "stepup-wellbeing-note" in editor.wellbeing_note.value


def on_disk(path) -> list[ThoughtRecord]:
    with Journal(path, readonly=True) as journal:
        return [r for _, r in stored_records(journal)]


def test_an_emotion_at_80_shows_the_note_and_at_79_with_neutral_words_does_not(journal_path):
    editor = thought_records().editor
    editor.situation.value = "The design review moved to Friday."
    editor.belief.value = "They'll see I'm not ready."
    editor.emotions.value = "anxious 79, ashamed 40"
    assert not _note_shown(editor)
    editor.emotions.value = "anxious 80, ashamed 40"
    assert _note_shown(editor)
    note = html.unescape(editor.wellbeing_note.value)
    assert wellbeing().note in note and wellbeing().directory.name in note
    editor.emotions.value = "anxious 60"
    assert not _note_shown(editor)  # it follows the record as it stands


@pytest.mark.parametrize(
    ("field", "words", "shown"),
    [
        ("belief", HOPELESS_WORDS, True),
        ("situation", "I CAN’T GO ON like this.", True),  # any case, a typographic apostrophe
        ("evidence_for", "There is no   point in trying.", True),
        ("belief", "I hopelessly underestimated the migration.", False),  # whole words only
        ("belief", "No pointer was null in the end.", False),
        # Chinese words are matched whatever the page's language, inside a sentence (no spaces)
        ("situation", "这周我真的撑不下去了。", True),
        ("belief", "我觉得活着没意思", True),
        ("belief", "我有点累，但项目快上线了。", False),
    ],
)
def test_words_of_hopelessness_show_the_note(journal_path, field, words, shown):
    editor = thought_records().editor
    getattr(editor, field).value = words
    assert _note_shown(editor) is shown


def test_the_note_never_blocks_saving_and_stores_nothing_extra(journal_path):
    editor = thought_records().editor
    editor.belief.value = HOPELESS_WORDS
    editor.emotions.value = "despair 95"
    editor.strength_before.value = "90"
    editor.strength_after.value = "85"
    editor.complete_button.click()
    [record] = on_disk(journal_path)
    assert record.status == "complete" and record.emotions[0].intensity == 95
    with Journal(journal_path, readonly=True) as journal:
        data = journal.history(editor.entry_id)[-1].data
    assert set(data) == set(ThoughtRecord.model_fields)  # no flag, no copy of the note
    assert "wellbeing" not in str(data).lower()


def test_the_threshold_and_the_phrases_are_data(tmp_path):
    """A different seed changes what the note responds to, with no change in code."""
    for name in ("wellbeing.yaml",):
        shutil.copy(seeds_dir() / name, tmp_path / name)
    text = (tmp_path / "wellbeing.yaml").read_text()
    text = text.replace("threshold: 80", "threshold: 90").replace("  - hopeless\n", "  - stuck\n")
    (tmp_path / "wellbeing.yaml").write_text(text)
    custom = wellbeing_module.wellbeing(tmp_path)
    record = ThoughtRecord(recorded_on=TODAY, emotions=[{"name": "anxious", "intensity": 85}])
    assert wellbeing_signal(record, wellbeing()) and not wellbeing_signal(record, custom)
    stuck = ThoughtRecord(recorded_on=TODAY, belief="I am stuck")
    assert wellbeing_signal(stuck, custom) and not wellbeing_signal(stuck, wellbeing())


def test_the_note_says_what_to_do_and_hard_codes_no_country_number():
    seed = wellbeing()
    for words in ("assistance programme", "doctor", "crisis line", "emergency number"):
        assert words in seed.note
    assert not re.search(r"\d{3}", seed.note + seed.coach_note)  # no phone number of one country
    assert str(seed.directory.url).startswith("https://findahelpline.com")


def _signalled(journal: Journal, on: dt.date, **answers) -> str:
    return journal.save(
        ThoughtRecord(recorded_on=on, situation="SITUATION-WORDS " + HOPELESS_WORDS, **answers)
    ).id


@pytest.fixture
def coach_reads(journal_path, monkeypatch):
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    monkeypatch.setenv("STEPUP_READONLY", "1")
    return journal_path


def test_the_coach_page_refers_for_a_signalled_journal(coach_reads):
    with Journal(coach_reads) as journal:
        journal.save(Profile(alias="Asha"))
        _signalled(journal, TODAY - dt.timedelta(days=3), belief="They'll find out.")
    session = coach_session()
    assert "stepup-coach-referral" in session.html
    assert str(escape(wellbeing().coach_note)) in session.html
    assert "wellbeing: check it first" in session.summary()
    assert "SITUATION-WORDS" not in session.html  # the engineer's words are never quoted


def test_the_coach_page_has_no_referral_otherwise(coach_reads):
    with Journal(coach_reads) as journal:
        journal.save(Profile(alias="Asha"))
        journal.save(
            ThoughtRecord(
                recorded_on=TODAY - dt.timedelta(days=2),
                belief="They'll find out.",
                emotions=[{"name": "anxious", "intensity": 79}],
            )
        )
        _signalled(journal, TODAY - dt.timedelta(days=60))  # an old record: not this session's
    session = coach_session()
    assert "stepup-coach-referral" not in session.html
    assert "wellbeing" not in session.summary()


def test_a_recent_re_rating_with_hopeless_words_refers():
    old = ThoughtRecord(
        recorded_on=TODAY - dt.timedelta(days=90),
        reratings=[Rerating(on=TODAY - dt.timedelta(days=1), strength=90, note="no way out")],
    )
    assert recent_wellbeing_signal([old], TODAY, wellbeing())
    calm = old.model_copy(update={"reratings": [Rerating(on=TODAY, strength=40, note="better")]})
    assert not recent_wellbeing_signal([calm], TODAY, wellbeing())


def test_the_managers_copy_never_holds_it(coach_reads):
    """Neither the page of a coach who is the manager nor the manager's document says it."""
    with Journal(coach_reads) as journal:
        journal.save(Profile(alias="Asha", coach_role="manager"))
        _signalled(
            journal, TODAY - dt.timedelta(days=1), emotions=[{"name": "low", "intensity": 95}]
        )
        copies = [build_report(journal, fmt, "manager", "none").text for fmt in ("md", "html")]
    session = coach_session()
    assert session.audience == "manager"
    seed = wellbeing()
    for text in [session.html, session.summary(), *copies]:
        assert "stepup-coach-referral" not in text
        for words in (seed.coach_note, seed.note, seed.directory.name, "wellbeing"):
            assert str(escape(words)) not in text and words not in text
    with Journal(coach_reads) as journal:  # the same journal, read by a coach who is not
        journal.save(Profile(alias="Asha"))
    assert "stepup-coach-referral" in coach_session().html
