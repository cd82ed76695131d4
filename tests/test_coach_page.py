"""The coach's page on a journal with nothing in it yet: it says what is missing, plainly."""

from __future__ import annotations

from widgets import coach_session
from widgets.storage.journal import Journal
from widgets.views.css import PAGE_CSS


def test_an_empty_journal_reads_as_not_started_not_as_placeholders(journal_path, monkeypatch):
    Journal(journal_path).close()
    monkeypatch.setenv("STEPUP_READONLY", "1")
    page = coach_session().html
    assert "level and target not set yet" in page
    for placeholder in ("— → —", "? years"):
        assert placeholder not in page
    assert "class='stepup-error'" not in page and 'class="stepup-error"' not in page, (
        "nothing is overdue, so nothing is in red"
    )
    assert "No overdue actions." in page


def test_text_columns_are_left_aligned_against_labs_right_aligned_cells():
    """Lab and Voilà right-align table cells (:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon
    td, specificity 0,2,1); Step Up's rule must outrank it (the browser test reads the computed
    alignment on the coach's page)."""
    assert "table.stepup-table.stepup-table th, table.stepup-table.stepup-table td" in PAGE_CSS
    assert "text-align: left" in PAGE_CSS


def test_a_whole_number_of_years_reads_as_one(journal_path, monkeypatch):
    from widgets.storage.records import Profile

    with Journal(journal_path) as journal:
        journal.save(Profile(years_experience=5))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    page = coach_session().html
    assert ", 5 years" in page and "5.0 years" not in page
    assert "<p class='stepup-muted'>Software engineer, 5 years" in page  # it starts the line


def test_every_chart_states_its_numbers_in_its_alt_text(demo_path, monkeypatch):
    """A screen-reader user hears the radar's ring per competency, every belief rating and every
    design score: the same numbers the picture draws."""
    import re

    from markupsafe import escape

    monkeypatch.setenv("STEPUP_JOURNAL", str(demo_path))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    session = coach_session()
    alts = dict(re.findall(r"<img class='stepup-coach-(\w+)' alt='([^']*)'", session.html))
    assert set(alts) == {"radar", "beliefs", "design"}
    ov = session.ov
    names = [c.name for c in ov.framework.competencies]
    self_line = "self: " + ", ".join(
        f"{n} {v if v is not None else '—'}"
        for n, v in zip(names, ov.radar["current"], strict=True)
    )
    assert str(escape(self_line)) in alts["radar"]
    for points in ov.belief_trend.values():
        for day, strength in points[-1:]:
            assert f"{day.isoformat()} {strength}" in alts["beliefs"]
    for name, points in ov.design_series.items():
        assert str(escape(name)) in alts["design"] and (
            not points or f"{points[-1][0].isoformat()} {points[-1][1]}" in alts["design"]
        )


def _take_journal(journal_path, notes: str, clips: list[bytes]):
    from widgets.storage.records import AudioRef, Rehearsal, Story, TakeMetrics

    with Journal(journal_path) as journal:
        story = journal.save(Story(title="The deadline we renegotiated"))
        for n, clip in enumerate(clips):
            record = Rehearsal(
                subject_kind="story",
                subject_id=story.id,
                time_box_s=120,
                recorded_on=f"2026-11-{20 + n}",
                audio=AudioRef.of(clip, "audio/webm;codecs=opus"),
                metrics=TakeMetrics(
                    duration_s=131.4, speaking_s=100.0, pauses=7, longest_pause_s=4.2, long_pauses=2
                ),
                self_scores={"clarity": 3, "pace": 2},
                notes=notes,
                coach_rater="Dana",
                coach_scores={"structure": 4},
            )
            journal.save_take(record, clip, "audio/webm;codecs=opus")


def test_each_take_plays_on_the_coach_page_with_its_figures_and_nothing_to_edit(
    journal_path, monkeypatch
):
    import base64
    import re

    clips = [b"\x1a\x45\xdf\xa3" + bytes([n]) * 3000 for n in (1, 2)]
    _take_journal(journal_path, "<script>alert(1)</script> rushed the result", clips)
    monkeypatch.setenv("STEPUP_READONLY", "1")
    session = coach_session()
    page = session.html
    players = re.findall(r"<audio class='stepup-coach-audio' controls [^>]*src='([^']*)'", page)
    assert players == [
        "data:audio/webm;codecs=opus;base64," + base64.b64encode(clip).decode()
        for clip in reversed(clips)  # newest first
    ]
    assert "Story: The deadline we renegotiated</b>, take 2 on 2026-11-21" in page
    assert "2:11 of 2:00 (11 s over)" in page and "76% speaking" in page
    assert "longest pause 4.2 s · 2 pauses over 3 s" in page
    assert (
        "Their ratings: clarity 3, pace 2; notes: " in page
        and "Dana's ratings: structure 4" in page
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt; rushed the result" in page
    assert "<script>" not in page
    for control in ("<input", "<select", "<textarea", "<button", "contenteditable"):
        assert control not in page
    assert "spoken takes: 2" in session.summary()


def test_the_coach_page_carries_the_newest_recordings_up_to_its_limit(journal_path, monkeypatch):
    from widgets.readers import rehearsal

    monkeypatch.setattr(rehearsal, "COACH_PAGE_AUDIO_BYTES", 5000)
    clips = [b"\x1a\x45\xdf\xa3" + bytes([n]) * 3000 for n in (1, 2)]
    _take_journal(journal_path, "", clips)
    monkeypatch.setenv("STEPUP_READONLY", "1")
    session = coach_session()
    assert session.html.count("<audio ") == 1
    assert "The recording is not on this page" in session.html
    assert "(recording not on this page)" in session.summary()


def test_no_takes_reads_plainly(journal_path, monkeypatch):
    Journal(journal_path).close()
    monkeypatch.setenv("STEPUP_READONLY", "1")
    assert "No spoken takes yet (Say it aloud, in workbooks 03 and 04)." in coach_session().html


def test_a_long_worry_is_cut_on_the_page_with_all_of_it_one_click_away(journal_path, monkeypatch):
    from widgets.storage.records import Profile

    worry = " ".join(f"Worry number {n} is that they will find out." for n in range(100))
    with Journal(journal_path) as journal:
        journal.save(Profile(worries=worry))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    page = coach_session().html
    shown = page.split("<b>What worries them most:</b> ", 1)[1].split("</p>", 1)[0]
    assert len(shown) <= 400 and shown.endswith("…") and worry.startswith(shown[:-1].rstrip())
    assert f"<summary>All of it ({len(worry.split())} words)</summary>" in page
    assert worry in page  # whole, once, inside the closed <details>
    assert page.count("Worry number 99") == 1


def test_a_short_worry_is_shown_whole(journal_path, monkeypatch):
    from widgets.storage.records import Profile

    with Journal(journal_path) as journal:
        journal.save(Profile(worries="My English slows me down in design reviews."))
    monkeypatch.setenv("STEPUP_READONLY", "1")
    page = coach_session().html
    assert "<b>What worries them most:</b> My English slows me down in design reviews.</p>" in page
    assert "All of it" not in page
