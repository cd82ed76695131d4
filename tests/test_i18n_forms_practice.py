"""Workbooks 03 to 05's practice forms in the engineer's language (issue 32): the growth plan and
the weekly check-ins, design practice, the estimation drills and the recorder, drawn under the
pseudo-locale (en-XA) with no plain English left but the engineer's own words; key words of them
in Chinese; the English as it was; and what the journal stores unchanged: a drill attempt keeps
the drill's English unit whatever language the page is read in.

Some words on these pages are drawn by layers outside this area (the field rows of
``forms/fields.py``, the list panel of ``forms/entries.py``, the readers' proposals and take
figures, the audience notes, a few shared templates): :func:`outside` names them, so what is left
is this area's own. The labels and placeholders these forms declare are marked for the catalogue
here and translated where ``forms/fields.py`` shows them; :func:`shown` reads them as it will.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import ipywidgets as w
import pytest

from widgets import i18n
from widgets.content import tracks
from widgets.content.design import DrillAnswer, design_practice
from widgets.forms.design import DesignSessionsPanel, score_options
from widgets.forms.drills import (
    DrillAttemptForm,
    EstimationDrillsPanel,
    probe_words,
    unit_words,
    verdict,
)
from widgets.forms.entries import EntryListPanel
from widgets.forms.plan import CheckinsPanel, PlanPanel, action_card, held_back, status_name
from widgets.forms.rehearsal import RehearsalForm, RehearsalSection, recorder_words
from widgets.readers.drills import drill_attempts
from widgets.readers.plan import propose
from widgets.readers.practice import track_practice
from widgets.readers.rehearsal import SUBJECTS, TIME_BOXES, take_label, take_words, takes_alt
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import AudioRef, Profile, Rehearsal, TakeMetrics

from .helpers import all_widgets, html_shown
from .untranslated import english_lines, english_words, visible_text

STATIC = Path(__file__).resolve().parent.parent / "widgets" / "static"
WORD = re.compile(r"[A-Za-z]{2,}")
WAV = b"RIFF\x00\x00\x00\x00WAVEfmt " + bytes(range(256)) * 8


def _strings(value) -> list[str]:
    """Every string inside a record's data (the engineer's own words, and ids)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return []


def own_words(journal: Journal) -> set[str]:
    """The words the engineer wrote: English on any page."""
    return {word for text in own_texts(journal) for word in WORD.findall(text)}


def seed_texts(practice) -> set[str]:
    """Seed texts that are not text to translate: the drills' sources and their arithmetic."""
    texts = set()
    for drill in practice.practice.drills:
        texts.update([*drill.sources, *(step.calc for step in drill.steps)])
    return texts


def track_words() -> set[str]:
    """The words of the tracks' labels written as ids ("software"): the seed's, left as they
    are by the pseudo-locale."""
    return {word for track in tracks.tracks().entries for word in WORD.findall(track.label)}


def _values(words) -> list[str]:
    if isinstance(words, dict):
        return [s for item in words.values() for s in _values(item)]
    return [words] if isinstance(words, str) else []


def shown(root) -> str:
    """What a reader sees or hears of a widget tree: its HTML's visible text, every label,
    placeholder, tooltip, option and pane title, and the words composites send their browser
    side. A declared field's label and placeholder read as ``forms/fields.py`` will show them
    (through gettext); a field's audience note is the readers' (left out)."""
    fields, notes = set(), set()
    for widget in all_widgets(root):
        for name, row in (getattr(widget, "rows", None) or {}).items():
            if hasattr(row, "control") and "." not in name:
                fields.add(id(row.control))
            if getattr(row, "note", None) is not None and name != "estimate":
                notes.add(id(row.note))  # the audience's note (readers/audience.py)
    parts = []
    for widget in all_widgets(root):
        if id(widget) in notes:
            continue
        if isinstance(widget, w.HTML) and widget.value:
            parts.append(visible_text(widget.value))
        parts += [visible_text(getattr(widget, n)) for n in widget.trait_names(html=True)]
        for name in ("description", "placeholder", "tooltip", "kept", "chart_alt", "label"):
            value = getattr(widget, name, None)
            if isinstance(value, str) and value:
                parts.append(i18n.gettext(value) if id(widget) in fields else value)
        for name in ("options", "score_options", "rating_options", "time_box_options", "takes"):
            options = getattr(widget, name) if widget.has_trait(name) else ()
            parts += [str(option[0]) for option in options or ()]
        parts += [hint for _, hint in getattr(widget, "rating_hints", None) or ()]
        # A placeholder the browser fills in ({reason}: the browser's error name) is no word.
        parts += [re.sub(r"\{[a-z_]+\}", " ", v) for v in _values(getattr(widget, "words", None))]
        if isinstance(widget, w.Accordion):
            parts += [widget.get_title(i) or "" for i in range(len(widget.children))]
    return "\n".join(part for part in parts if part)


def outside(root, journal: Journal) -> list[str]:
    """Words on these pages that layers outside this area draw, as they draw them now."""
    found = ["Done when:"]  # forms/proposal.html.j2
    for widget in all_widgets(root):
        if isinstance(widget, EntryListPanel):  # forms/entries.py's picker, button and cards
            noun, nouns = widget.noun, widget.nouns
            found += [f"New {noun} (not saved yet)", f"Your {nouns}", f"New {noun}"]
            found += [f"No {nouns} yet.", f"{nouns.capitalize()}: "]
        if hasattr(widget, "total") and isinstance(widget.total, w.HTML):  # time_spent.html.j2
            found.append(visible_text(widget.total.value))
        if isinstance(widget, PlanPanel) and not widget.readonly:  # readers/plan.py
            for proposal in widget.proposed:
                found += [proposal.what, proposal.why, proposal.done_when]
    for _, take in journal_takes(journal):  # readers/rehearsal.py
        words = take_words(take)
        found += [words.length, words.speaking, words.longest_pause, words.long_pauses]
        found += [take_label(take, n) for n in range(1, 4)]
    found.append(takes_alt([take for _, take in journal_takes(journal)]))
    found += [what for what, _ in SUBJECTS.values()] + [label for label, _ in TIME_BOXES]
    # Longest first: a shorter string inside a longer one must not leave the longer one's rest.
    return sorted({text for text in found if text}, key=len, reverse=True)


def journal_takes(journal: Journal) -> list[tuple[str, Rehearsal]]:
    return [(entry.id, entry.record()) for entry in journal.entries(Rehearsal.kind)]


ID = re.compile(r"^[a-z0-9_:.@-]*$")


def own_texts(journal: Journal) -> set[str]:
    """The engineer's own texts in the journal (each whole, and each of its lines): English on
    any page, and never translated. Not the ids it holds ("in_progress", "story"): a page says
    those in words of its own."""
    texts = set()
    for entry in journal.entries():
        for text in _strings(entry.data):
            texts.update([text.strip(), *(line.strip() for line in text.splitlines())])
    return {text for text in texts if not ID.match(text)}


def left_in_english(root, journal: Journal, practice) -> list[str]:
    """The lines of ``root`` that still hold plain English (drawn under en-XA), once the
    engineer's own texts and the words of layers outside this area are taken out."""
    text = shown(root)
    # Longest first: a short text inside a longer one must not leave the longer one's rest.
    pieces = {*own_texts(journal), *seed_texts(practice), *outside(root, journal)}
    for piece in sorted(pieces, key=len, reverse=True):
        text = text.replace(piece, " ")
    # forms/base.py's status line: "Saved" or the form's words, then " at 12:00." of its own.
    text = re.sub(r"(Saved)? at \d\d:\d\d(, except [^.]*)?\.", " ", text)
    return english_lines(text, track_words() | {"MB"})  # MB: storage's megabytes, any language


def add_take(journal: Journal, subject_kind: str, subject_id: str) -> None:
    """A take of the item, as the recorder keeps one (its figures, a recording)."""
    record = Rehearsal(
        subject_kind=subject_kind,
        subject_id=subject_id,
        time_box_s=120,
        recorded_on=clock.today(),
        audio=AudioRef.of(WAV, "audio/wav"),
        metrics=TakeMetrics(
            duration_s=95.2, speaking_s=80.1, pauses=6, longest_pause_s=3.6, long_pauses=1
        ),
    )
    journal.save_take(record, WAV, "audio/wav")


@pytest.fixture
def asha(demo_path):
    """The demo persona's journal (actions, check-ins, design sessions), open for writing."""
    with Journal(demo_path) as journal:
        yield journal


@pytest.fixture
def backend_engineer(journal_path, monkeypatch):
    """A software engineer's journal: the drills of the software track (requests per second)."""
    monkeypatch.setenv("STEPUP_TODAY", "2026-11-20")
    with Journal(journal_path) as journal:
        journal.save(Profile(track="software"))
        yield journal


# -- no English left under the pseudo-locale ---------------------------------------------------


def test_the_growth_plan_and_check_ins_hold_no_plain_english(asha):
    with i18n.use("en-XA"):
        practice = track_practice(asha)
        for panel in (
            PlanPanel(asha),
            CheckinsPanel(asha),
            PlanPanel(asha, readonly=True),
            CheckinsPanel(asha, readonly=True),
        ):
            assert left_in_english(panel, asha, practice) == [], type(panel).__name__
            panel.close()


def test_design_practice_holds_no_plain_english(asha):
    with i18n.use("en-XA"):
        practice = track_practice(asha)
        panel = DesignSessionsPanel(asha, practice)
        panel.editor.self_scores[next(iter(panel.editor.self_scores))].score = 1
        panel.editor.rehearsal.open_rehearsal()
        assert left_in_english(panel, asha, practice) == []
        cards = DesignSessionsPanel(asha, practice, readonly=True)
        assert left_in_english(cards, asha, practice) == []
        assert panel.summary() and not english_words(panel.editor.summary(), own_words(asha))


def test_the_estimation_drills_hold_no_plain_english(asha):
    with i18n.use("en-XA"):
        practice = track_practice(asha)
        panel = EstimationDrillsPanel(asha, practice)
        form = panel.form
        assert left_in_english(panel, asha, practice) == []  # before any attempt
        form.estimate.value = "not a number"
        form.check()
        assert left_in_english(panel, asha, practice) == []  # the refusal
        form.assumptions.value = "Zebu quokka"
        form.estimate.value = "5e4"
        form.check()
        form.estimate.value = "4e11"
        form.check()  # after the answer: marked so
        shown_now = left_in_english(panel, asha, practice)
        cards = EstimationDrillsPanel(asha, practice, readonly=True)
        assert shown_now == [] and left_in_english(cards, asha, practice) == []
        assert not english_words(panel.summary(), own_words(asha) | {"feature_store_size"})


def test_the_recorder_holds_no_plain_english(asha):
    session_id = next(entry.id for entry in asha.entries("design_session"))
    with i18n.use("en-XA"):
        practice = track_practice(asha)
        form = RehearsalForm(asha, "design_session", session_id, draw_chart=lambda _t: b"png")
        assert left_in_english(form, asha, practice) == []  # no take yet
        add_take(asha, "design_session", session_id)
        form.close()
        form = RehearsalForm(asha, "design_session", session_id, draw_chart=lambda _t: b"png")
        form.take_recorded(b"", "audio/ogg", 60)  # refused, with a sentence
        assert "ŕéçóŕđíñĝ" in form.recorder.message
        assert left_in_english(form, asha, practice) == []
        section = RehearsalSection(asha, "story", "story-1")
        assert left_in_english(section, asha, practice) == []
        head = form.summary().splitlines()[0]  # then each take's label: readers/rehearsal.py's
        assert not english_words(head, set(WORD.findall(str(SUBJECTS))))


def test_the_workbook_03_probe_words_are_translated():
    """static/drill_question.js takes its words from the kernel: these are them."""
    with i18n.use("en-XA"):
        words = probe_words("Why this model?")
    assert english_words(" ".join(words.values()), {"Why", "this", "model"}) == []


def test_the_widgets_scripts_hold_no_english_sentence():
    """The recorder's, the design step's, the score row's and the probe's scripts get every word
    from the kernel (their ``words`` trait): no literal of theirs is an English phrase."""
    phrase = re.compile(r"[A-Za-z]+ [a-z]+ [a-z]+|[A-Z][a-z]+ [a-z]+|^[A-Z][a-z]+$")
    for name in ("recorder", "design_step", "design_score", "drill_question"):
        code = re.sub(r"//[^\n]*", "", (STATIC / f"{name}.js").read_text(encoding="utf-8"))
        literals = re.findall(r'"([^"\n]*)"|`([^`]*)`', code)
        english = [t for pair in literals for t in pair if t and phrase.search(t)]
        assert english == [], name


# -- Chinese --------------------------------------------------------------------------------------


def test_the_drills_units_read_in_chinese_and_the_attempt_stores_the_english_unit(
    backend_engineer,
):
    practice = track_practice(backend_engineer)
    feed = next(d for d in practice.drills if d.answer.unit == "requests per second")
    with i18n.use("zh-Hans"):
        panel = EstimationDrillsPanel(backend_engineer, track_practice(backend_engineer))
        panel.drill_id = feed.id
        form = panel.form
        assert "每秒请求数" in form.question.value
        assert "单位：每秒请求数" in form.rows["estimate"].note.value
        form.assumptions.value = "2 亿日活"
        form.estimate.value = "60000"
        form.check()
        assert "每秒请求数" in form.reveal.value and "参考推理" not in form.reveal.value
        assert "可接受范围" in form.reveal.value
        assert "每秒请求数" in panel.attempts_html.value
    with i18n.use("en-XA"):  # the pseudo-locale accents every seed text, the unit too
        drill = track_practice(backend_engineer).practice.drill(feed.id)
        assert drill.answer.unit != "requests per second"  # accented: a text of the seed
        form = DrillAttemptForm(backend_engineer, drill)
        form.assumptions.value = "Zebu"
        form.estimate.value = "50000"
        form.check()
    stored = [attempt for _, attempt in drill_attempts(backend_engineer, feed.id)]
    assert [a.unit for a in stored] == ["requests per second"] * 2
    assert stored[0].assumptions == "2 亿日活"  # the engineer's own words, as written


def test_every_drill_unit_has_its_chinese():
    units = {drill.answer.unit for drill in design_practice().drills}
    with i18n.use("zh-Hans"):
        untranslated = [unit for unit in units if unit_words(unit) == unit]
    assert untranslated == []


def test_the_plan_speaks_chinese(asha):
    found = propose(asha, clock.today())
    with i18n.use("zh-Hans"):
        panel = PlanPanel(asha)
        assert "根据你的练习册提出的建议" in panel.proposals_box.children[0].value
        assert held_back(found).startswith(f"还有 {found.hidden} 条建议在等待")
        assert panel.proposals_box.children[1].children[0].description == "采纳"
        action = next(entry.record() for entry in asha.entries("action"))
        card = action_card(action)
        assert status_name(action.status) in card and "来自" in card
        assert status_name("in_progress") == "进行中"
        checkins = CheckinsPanel(asha)
        assert "这一周你觉得自己为" in checkins.editor.confidence.tooltip


def test_design_practice_and_the_recorder_speak_chinese(asha):
    session_id = next(entry.id for entry in asha.entries("design_session"))
    with i18n.use("zh-Hans"):
        practice = track_practice(asha)
        editor = DesignSessionsPanel(asha, practice).editor
        html = "\n".join(html_shown(editor))
        assert "你的得分" in html and "教练的得分（可选）" in html
        assert ("3 · 高级", 3) in score_options()
        step = next(iter(editor.sections.values()))
        assert step.words["minutes"] == "分钟"
        assert step.words["notes_label"].startswith("你的笔记：")
        words = recorder_words()
        assert words["record"] == "● 录音" and words["rating_names"]["pace"] == "语速"
        add_take(asha, "design_session", session_id)
        form = RehearsalForm(asha, "design_session", session_id, draw_chart=lambda _t: b"png")
        assert "第 1 次录音" in form.recorder.result
        assert "大声说出" in form.children[0].value
        form.take_recorded(WAV[:10], "audio/mp4", 60)
        assert "无法读取这段录音" in form.recorder.message


# -- English as it was -----------------------------------------------------------------------------


@pytest.mark.parametrize("guess", [1e4, 4e4, 5e4, 6.1e4, 2e5, 9e5, 5e6, 3.3e7])
def test_the_verdict_reads_in_english_as_it_did(guess):
    answer = DrillAnswer(value=5e4, unit="requests per second", within=10, say="about 50,000")
    with i18n.use("en"):
        assert verdict(answer, guess) == answer.verdict(guess)


def test_the_english_words_are_unchanged(asha):
    with i18n.use("en"):
        assert status_name("in_progress") == "in progress"
        assert unit_words("requests per second") == "requests per second"
        words = recorder_words()
        assert words["record"] == "● Record" and words["rating_names"]["clarity"] == "Clarity"
        assert words["start_failed"].format(reason="AbortError") == (
            "The microphone could not be started (AbortError). Press Record to try again."
        )
        found = propose(asha, dt.date(2026, 11, 16))
        assert held_back(found).endswith("which is enough.") or not found.hidden


def test_every_word_a_script_reads_is_sent_by_the_kernel(asha):
    """A word the script reads and the kernel does not send would show as "undefined"."""
    session = next(entry.id for entry in asha.entries("design_session"))
    editor = DesignSessionsPanel(asha, track_practice(asha)).editor
    sent = {
        "recorder": recorder_words(),
        "design_step": next(iter(editor.sections.values())).words,
        "drill_question": probe_words("Why this model?"),
    }
    assert RehearsalForm(asha, "design_session", session).recorder.words == sent["recorder"]
    for name, words in sent.items():
        code = (STATIC / f"{name}.js").read_text(encoding="utf-8")
        assert set(re.findall(r"words\.(\w+)", code)) <= set(words), name
