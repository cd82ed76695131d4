"""The recorder in workbooks 03 and 04, driven as the browser drives it: a take arrives as bytes,
is measured and kept with its record in one save, is rated through the one save path, replayed,
charted over the takes of the same item, and deleted with its recording. Bad clips and a
read-only page get sentences and change nothing."""

from __future__ import annotations

import base64

import pytest

from tests.speech_fixtures import ESPEAK, ESPEAK_MISSING, SENTENCES, build_take, encode, synthesise
from widgets.content import seeds as content
from widgets.forms.design import DesignSessionEditor
from widgets.forms.projects import ProjectEditor
from widgets.forms.rehearsal import Recorder, RehearsalForm, RehearsalSection
from widgets.forms.stories import StoryEditor
from widgets.readers.practice import track_practice
from widgets.storage.journal import Journal
from widgets.storage.records import Rehearsal

WEBM = "audio/webm;codecs=opus"
INSERTED = [0.5, 3.5]  # a breath, and one pause over three seconds
PAUSE_TOLERANCE_S = 0.25


@pytest.fixture(scope="module")
def spoken(tmp_path_factory) -> tuple[bytes, float]:
    """Three espeak-ng sentences with known silences, as Chromium's MediaRecorder hands them
    over (webm/opus); and the take's length in seconds."""
    if ESPEAK is None:
        pytest.skip(ESPEAK_MISSING)
    folder = tmp_path_factory.mktemp("espeak")
    read = [synthesise(text, folder) for text in SENTENCES[:3]]
    take = build_take([s for s, _ in read], read[0][1], INSERTED, 0.5, 1.0, noise_dbfs=-50)
    return encode(take, WEBM), take.seconds


def drawn(takes) -> bytes:
    return b"png of %d takes" % len(takes)


def form(journal, kind="story", subject="story-1", readonly=False) -> RehearsalForm:
    return RehearsalForm(journal, kind, subject, readonly=readonly, draw_chart=drawn)


def test_a_take_is_measured_kept_and_shown(journal, spoken):
    audio, seconds = spoken
    rehearse = form(journal)
    rehearse.recorder.time_box_s = 60
    # The browser's own message, with the recording as its buffer (Firefox's spelling of the type).
    rehearse._from_browser(
        rehearse.recorder,
        {"kind": "take", "mime": "audio/webm; codecs=opus", "time_box_s": 60},
        [audio],
    )
    [(entry_id, take)] = journal_takes(journal)
    assert take.subject_kind == "story" and take.subject_id == "story-1" and take.time_box_s == 60
    assert take.metrics.duration_s == pytest.approx(seconds, abs=0.1)
    assert take.metrics.long_pauses == 1
    assert take.metrics.longest_pause_s == pytest.approx(3.5, abs=PAUSE_TOLERANCE_S)
    assert journal.audio(take.audio.sha256) == (audio, WEBM)
    r = rehearse.recorder
    assert r.selected == entry_id and r.playback == audio and r.playback_mime == WEBM
    assert (
        "Take 1" in r.result and "1 pause over 3 s" in r.result and "longest pause 3." in r.result
    )
    assert base64.b64decode(r.chart) == b"png of 1 takes"
    assert "take 1:" in r.chart_alt and "not rated" in r.chart_alt
    assert "Take saved" in rehearse.status
    assert r.kept == f"Recordings in your journal: {len(audio) / 1e6:.1f} MB of 35.0 MB."


def journal_takes(journal):
    return [(e.id, e.record()) for e in journal.entries("rehearsal")]


def test_ratings_and_notes_save_as_revisions_of_the_take(journal, spoken):
    audio, _ = spoken
    rehearse = form(journal)
    rehearse.take_recorded(audio, WEBM, 120)
    [(entry_id, _)] = journal_takes(journal)
    r = rehearse.recorder
    r.clarity = 3
    r.pace = 2
    r.notes = "Started with the context, not the point"
    take = journal.record("rehearsal", entry_id)
    assert take.self_scores == {"clarity": 3, "pace": 2}
    assert take.notes == "Started with the context, not the point"
    assert len(journal.history(entry_id)) == 4  # the take, then one save per answer
    assert "clarity 3, pace 2" in r.chart_alt
    # A coach's ratings need the coach's name: refused beside the ratings, the take unchanged.
    r.coach_clarity = 4
    assert "Name the coach who gave these ratings" in r.message
    assert journal.record("rehearsal", entry_id).coach_scores == {}
    r.coach_rater = "Dana"
    assert journal.record("rehearsal", entry_id).coach_scores == {"clarity": 4}
    assert journal.record("rehearsal", entry_id).coach_rater == "Dana"
    with pytest.raises(Exception, match="not one of the choices"):
        r.structure = 9


def test_takes_of_the_same_item_are_listed_charted_and_replayed(journal, spoken):
    audio, _ = spoken
    rehearse = form(journal)
    rehearse.take_recorded(audio, WEBM, 60)
    second = audio + b""  # the same words again: a second take of the same item
    rehearse.take_recorded(second, WEBM, 120)
    form(journal, subject="another-story").take_recorded(audio, WEBM, 60)
    r = rehearse.recorder
    assert [label.split(" · ")[0] for label, _ in r.takes] == ["Take 1", "Take 2"]
    assert base64.b64decode(r.chart) == b"png of 2 takes"
    first_id = r.takes[0][1]
    r.selected = first_id  # the engineer picks take 1 to hear it again
    assert rehearse.entry_id == first_id and r.playback == audio and "Take 1" in r.result
    # Reopened (a new kernel), the recorder shows the latest take of this item.
    again = form(journal)
    assert again.recorder.selected == r.takes[1][1]
    assert "2 takes" in again.summary()


def test_deleting_the_chosen_take_removes_it_and_its_recording(journal, spoken):
    audio, _ = spoken
    rehearse = form(journal)
    rehearse.take_recorded(audio, WEBM, 60)
    [(_, take)] = journal_takes(journal)
    rehearse._from_browser(rehearse.recorder, {"kind": "delete"}, [])
    assert journal_takes(journal) == []
    assert journal.audio(take.audio.sha256) is None
    r = rehearse.recorder
    assert r.takes == [] and r.selected == "" and r.playback == b"" and r.chart == ""
    assert "deleted" in rehearse.status


@pytest.mark.parametrize(
    ("clip", "mime", "says"),
    [
        (b"", WEBM, "it is empty"),
        (b"\x1a\x45\xdf\xa3" + b"\x00" * 500, WEBM, "damaged or is not audio"),
        (b"%PDF-1.4 not a recording", "application/pdf", "not one this workbook reads"),
    ],
)
def test_a_bad_clip_gets_a_sentence_and_nothing_is_stored(journal, spoken, clip, mime, says):
    audio, _ = spoken
    rehearse = form(journal)
    rehearse.take_recorded(audio, WEBM, 60)
    before = journal_takes(journal)
    assert rehearse.take_recorded(clip, mime, 60) is None
    assert says in rehearse.recorder.message
    assert journal_takes(journal) == before
    assert rehearse.recorder.busy is False


def test_the_journal_cap_is_a_sentence_beside_the_recorder(journal, spoken, monkeypatch):
    audio, _ = spoken
    monkeypatch.setattr("widgets.storage.audio.MAX_JOURNAL_AUDIO_BYTES", len(audio) + 10)
    rehearse = form(journal)
    rehearse.take_recorded(audio, WEBM, 60)
    assert rehearse.take_recorded(audio + b"\x00", WEBM, 60) is None
    assert "Delete takes you no longer need" in rehearse.recorder.message
    assert len(journal_takes(journal)) == 1


def test_read_only_replays_and_records_nothing(journal_path, spoken):
    audio, _ = spoken
    with Journal(journal_path) as journal:
        form(journal).take_recorded(audio, WEBM, 60)
    with Journal(journal_path, readonly=True) as coach:
        shown = form(coach, readonly=True)
        r = shown.recorder
        assert r.disabled and r.playback == audio and r.takes
        assert shown.take_recorded(audio, WEBM, 60) is None
        assert "read-only" in r.message
        r.clarity = 5  # even if a value arrived, nothing is written
        shown._from_browser(r, {"kind": "delete"}, [])
    with Journal(journal_path) as journal:
        [(_, take)] = journal_takes(journal)
        assert take.self_scores == {} and journal.audio(take.audio.sha256) == (audio, WEBM)


def test_an_imported_take_without_its_recording_says_so(journal, spoken):
    audio, _ = spoken
    rehearse = form(journal)
    rehearse.take_recorded(audio, WEBM, 60)
    with journal._write() as con:  # as an import leaves a damaged clip out
        con.execute("DELETE FROM audio")
    shown = form(journal)
    assert (
        shown.recorder.playback == b"" and "left out when the journal was" in shown.recorder.result
    )


def test_the_editors_build_the_recorder_only_when_opened(journal):
    deep = content.deep_dives()
    editors = [
        ProjectEditor(journal, deep.questions, guide=deep.depth),
        StoryEditor(journal, _framework(journal), deep.story_types),
        DesignSessionEditor(journal, track_practice(journal)),
    ]
    for editor, (kind, box) in zip(
        editors,
        [("project", "60 seconds"), ("story", "2 minutes"), ("design_session", "5 minutes")],
        strict=True,
    ):
        section = editor.rehearsal
        assert isinstance(section, RehearsalSection) and section.form is None
        assert box in section.get_title(0)
        assert not _has_recorder(editor)
        opened = section.open_rehearsal()
        assert opened.subject_kind == kind and opened.subject_id == editor.entry_id
        assert _has_recorder(editor)


def _framework(journal):
    from widgets.readers.competencies import available_frameworks

    return available_frameworks(journal)[0]


def _has_recorder(widget) -> bool:
    if isinstance(widget, Recorder):
        return True
    return any(_has_recorder(child) for child in getattr(widget, "children", ()) or ())


def test_the_chart_draws_the_takes(journal, spoken):
    """The real chart (matplotlib): a PNG of the takes of one item."""
    audio, _ = spoken
    rehearse = RehearsalForm(journal, "project", "p1")
    rehearse.take_recorded(audio, WEBM, 60)
    png = base64.b64decode(rehearse.recorder.chart)
    assert png.startswith(b"\x89PNG") and len(png) > 5_000
    assert isinstance(journal.record("rehearsal", rehearse.entry_id), Rehearsal)
