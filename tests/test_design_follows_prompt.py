"""Workbook 04 (issue 31): the steps and rubric follow the prompt's track, every track's steps
have a deep dive, scores are read by dimension across tracks, "weakest" needs two scored
dimensions, and the metrics behaviour sits at one level on the radar and on the rubric."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from widgets import design_practice, design_progress
from widgets.content import seeds as content
from widgets.content.design import DEEP_DIVE_MINUTES
from widgets.content.resources import seeds_dir
from widgets.content.seeds import DESIGN_MINUTES, ContentError
from widgets.content.tracks import tracks
from widgets.forms.design import session_card
from widgets.readers.practice import (
    design_sessions,
    dimension_means,
    score_series,
    session_track,
    track_practice,
    weakest_dimension,
)
from widgets.readers.reading import reading_list
from widgets.storage.journal import Journal
from widgets.storage.records import DesignSession, Profile
from widgets.storage.transfer import import_journal

SOFTWARE_PERSONA = seeds_dir() / "personas" / "software.json"
ML_ONLY_STEPS = {"framing", "data", "features", "model", "offline_eval", "online_eval"}


def on_disk(path) -> list[DesignSession]:
    with Journal(path, readonly=True) as journal:
        return [s for _, s in design_sessions(journal)]


def ids(items) -> set[str]:
    return {item.id for item in items}


@pytest.fixture
def ml_engineer(journal_path):
    with Journal(journal_path) as journal:
        journal.save(Profile(track="ml"))
    return journal_path


# -- steps and rubric follow the prompt ----------------------------------------------------------


def test_an_ml_engineer_on_a_software_prompt_gets_software_steps_rubric_and_ids(
    ml_engineer, journal_path
):
    practice = content.design_practice()
    editor = design_practice().editor
    assert ML_ONLY_STEPS <= set(editor.sections), "a new session starts on the profile's track"
    editor.sections["framing"].notes = "Is ML needed at all?"  # typed, then the prompt changes
    editor.prompt.value = "payment_ledger"
    assert set(editor.sections) == ids(practice.sections_for("software"))
    assert set(editor.self_scores) == ids(practice.rubric_for("software"))
    assert set(editor.coach_scores) == ids(practice.rubric_for("software"))
    assert not ML_ONLY_STEPS & set(editor.sections)
    early = design_practice().editor  # reopened before any score: the prompt's track
    assert set(early.sections) == ids(practice.sections_for("software"))
    shown = {box for box in editor.children if box in editor.sections.values()}
    assert shown == set(editor.sections.values()), "the page shows the new steps"
    assert "suggest" in editor.total.value or "min" in editor.total.value
    editor.sections["deep_dive"].notes = "Double entry in one transaction."
    editor.self_scores["failure_modes_software"].score = 2
    editor.self_scores["requirements_scope"].score = 3
    [saved] = on_disk(journal_path)
    assert saved.prompt_id == "payment_ledger"
    assert set(saved.self_scores) == {"failure_modes_software", "requirements_scope"}
    assert set(saved.self_scores) <= ids(practice.rubric_for("software"))
    assert saved.sections["deep_dive"].notes == "Double entry in one transaction."
    assert saved.sections["framing"].notes == "Is ML needed at all?", "nothing written is lost"
    reopened = design_practice().editor
    assert set(reopened.sections) == ids(practice.sections_for("software"))
    assert reopened.self_scores["failure_modes_software"].score == 2


def test_back_to_an_ml_prompt_brings_back_the_ml_steps_with_their_notes(ml_engineer, journal_path):
    editor = design_practice().editor
    editor.prompt.value = "feed_ranking"
    editor.sections["model"].notes = "Two towers, then a ranker."
    editor.prompt.value = "rate_limiter"
    assert "model" not in editor.sections
    editor.prompt.value = "feed_ranking"
    assert editor.sections["model"].notes == "Two towers, then a ranker."


def test_an_old_session_still_shows_the_rubric_it_was_scored_on(ml_engineer, journal_path):
    """Saved before steps followed the prompt: a software prompt scored on the ML rubric."""
    with Journal(journal_path) as journal:
        journal.save(
            DesignSession(
                prompt_id="payment_ledger",
                practised_on=dt.date(2026, 10, 1),
                sections={"framing": {"notes": "Ledger as a prediction problem?", "minutes": 3}},
                self_scores={"failure_modes": 1, "requirements_framing": 2},
            )
        )
        practice = track_practice(journal)
        [(_, session)] = design_sessions(journal)
    assert session_track(session, practice) == "ml"
    editor = design_practice().editor
    assert "framing" in editor.sections and editor.self_scores["failure_modes"].score == 1
    card = str(session_card(session, practice))
    assert "Failure modes 1 (below mid)" in card and "Framing as an ML problem" in card


def test_going_back_to_your_own_prompt_keeps_the_steps_shown(journal_path):
    editor = design_practice().editor
    editor.own_prompt.value = "Design a feature flag service."
    editor.prompt.value = "feed_ranking"
    assert "framing" in editor.sections
    editor.prompt.value = ""  # back to a prompt of their own: the track shown stays
    assert "framing" in editor.sections


# -- a deep dive in every track ------------------------------------------------------------------


@pytest.mark.parametrize("track", tracks().ids())
def test_every_track_has_one_deep_dive_of_ten_to_fifteen_minutes(track):
    steps = content.design_practice().sections_for(track)
    deep = [s for s in steps if s.deep_dive]
    assert len(deep) == 1, track
    low, high = DEEP_DIVE_MINUTES
    assert (low, high) == (10, 15)
    assert low <= deep[0].suggested_minutes <= high, track
    assert sum(s.suggested_minutes for s in steps) <= DESIGN_MINUTES == 38, track
    assert any("interviewer" in q for q in deep[0].guide), "the interviewer picks the component"
    others = [s.suggested_minutes for s in steps if not s.deep_dive]
    assert max(others) < deep[0].suggested_minutes, "the time goes to the deep dive"


def test_the_ml_deep_dive_is_a_new_step_and_old_step_ids_stay():
    ml = [s.id for s in content.design_practice().sections_for("ml")]
    assert "ml_deep_dive" in ml
    before = ["requirements", "framing", "ml_estimates", "data", "features", "model"]
    before += ["offline_eval", "online_eval", "serving", "monitoring", "iteration"]
    assert set(before) <= set(ml)


def _load_edited(tmp_path, old: str, new: str):
    text = (seeds_dir() / "design_practice.yaml").read_text()
    assert text.count(old) == 1, old
    (tmp_path / "design_practice.yaml").write_text(text.replace(old, new))
    return content.design_practice(tmp_path)


def test_a_track_without_a_deep_dive_or_with_a_short_one_is_refused(tmp_path):
    marker = "  - id: ml_deep_dive\n    name: Deep dive\n    tracks: [ml]\n"
    with pytest.raises(ContentError, match=r"ml steps need one deep-dive step of 10 to 15"):
        _load_edited(tmp_path, marker + "    deep_dive: true\n", marker)
    with pytest.raises(ContentError, match=r"found: ml_deep_dive 8"):
        _load_edited(
            tmp_path,
            "Most of the round's time belongs here.\n    suggested_minutes: 12",
            "Most of the round's time belongs here.\n    suggested_minutes: 8",
        )


# -- scores kept per dimension across tracks -----------------------------------------------------


@pytest.fixture
def software_persona(tmp_path):
    path = tmp_path / "software.sqlite"
    import_journal(SOFTWARE_PERSONA.read_text(encoding="utf-8"), path)
    return path


def test_the_software_personas_chart_shows_failure_modes_going_from_1_to_3(software_persona):
    with Journal(software_persona, readonly=True) as journal:
        practice = track_practice(journal)
        sessions = [s for _, s in design_sessions(journal)]
    series = score_series(sessions, practice, "self")
    scores = [score for _, score in series["Failure modes"]]
    assert scores[0] == 1 and scores[-1] == 3, scores
    assert len(scores) == len(sessions), "every session scored failure modes"


def test_scores_from_another_tracks_rubric_are_read_by_dimension(journal):
    """The issue's case: a backend engineer's sessions stored under ML rubric ids."""
    journal.save(Profile(track="software"))
    day = dt.date(2026, 10, 1)
    for week, score in enumerate((1, 2, 3)):
        journal.save(
            DesignSession(
                practised_on=day + dt.timedelta(days=7 * week),
                prompt_id="payment_ledger",
                self_scores={"failure_modes": score, "driving": 3},
            )
        )
    practice = track_practice(journal)
    sessions = [s for _, s in design_sessions(journal)]
    series = score_series(sessions, practice, "self")
    assert [score for _, score in series["Failure modes"]] == [1, 2, 3]
    means = {d.name: mean for d, mean in dimension_means(sessions, practice)}
    assert means["Failure modes"] == 2.0, "not 'not scored'"
    weakest = weakest_dimension(sessions, practice)
    assert weakest.name == "Failure modes" and weakest.mean == 2.0
    design = {topic.name: topic for topic in reading_list(journal).group("design")}
    assert design["Failure modes"].detail.startswith("mean score 2.0"), "the reading list too"


def test_another_tracks_dimension_shows_when_scored_and_only_then(journal):
    journal.save(Profile(track="ml"))
    practice = track_practice(journal)
    none = score_series([], practice)
    assert "APIs and data model" not in none, "an ML engineer's chart keeps to ML dimensions"
    session = DesignSession(
        practised_on=dt.date(2026, 10, 1),
        prompt_id="payment_ledger",
        self_scores={"apis_and_data": 3, "failure_modes_software": 2},
    )
    series = score_series([session], practice)
    assert series["APIs and data model"] == [(dt.date(2026, 10, 1), 3)]
    assert series["Failure modes"] == [(dt.date(2026, 10, 1), 2)]


# -- weakest needs two scored dimensions ---------------------------------------------------------


def test_weakest_is_not_named_from_one_scored_dimension(journal_path):
    with Journal(journal_path) as journal:
        journal.save(Profile(track="software"))
        journal.save(
            DesignSession(
                practised_on=dt.date(2026, 10, 1),
                prompt_id="payment_ledger",
                self_scores={"driving": 2},
            )
        )
        practice = track_practice(journal)
        sessions = [s for _, s in design_sessions(journal)]
    assert weakest_dimension(sessions, practice) is None
    progress = design_progress()
    assert progress.weakest is None
    assert "Score at least two to see which is weakest" in progress.callout.value
    assert "Weakest dimension lately" not in progress.callout.value
    assert "score at least two" in repr(progress)
    with Journal(journal_path) as journal:
        journal.save(
            DesignSession(
                practised_on=dt.date(2026, 10, 8),
                prompt_id="rate_limiter",
                self_scores={"driving": 2, "failure_modes_software": 3},
            )
        )
    progress.redraw()
    assert progress.weakest is not None and progress.weakest.name == "Driving the conversation"


# -- one level for the metrics behaviour ---------------------------------------------------------

# The metrics behaviour of Dropbox IC4 (ML): critique existing metrics, define an
# experimentation strategy. The same words on the radar framework and on the rubric.
METRICS_BEHAVIOUR = ("questions existing metrics", "experimentation strategy")


def _level_saying(levels: dict[str, str], words: str) -> list[str]:
    return [level for level, text in levels.items() if words in " ".join(text.lower().split())]


def test_the_metrics_behaviour_is_senior_on_the_radar_and_on_the_rubric():
    frameworks = yaml.safe_load((seeds_dir() / "frameworks.yaml").read_text())
    radar = next(c for c in frameworks["competencies"] if c["id"] == "experimentation_metrics")
    rubric = next(d for d in content.design_practice().all_rubric if d.id == "metrics_eval")
    for words in METRICS_BEHAVIOUR:
        assert _level_saying(radar["descriptors"], words) == ["senior"], words
        assert _level_saying(rubric.levels, words) == ["senior"], words
    assert rubric.judgement == "ours", "the staff line goes beyond the sources"
    assert "several teams" in rubric.levels["staff"]
