"""Seeds are validated on load, and a bad file is reported by path and key."""

from __future__ import annotations

import re

import pytest

from widgets.content import seeds as content
from widgets.content.resources import seeds_dir
from widgets.content.seeds import ContentError, LevelsFile, load_yaml_model
from widgets.content.tracks import tracks


def test_shipped_levels_are_valid_and_ordered():
    levels = content.levels()
    assert [level.id for level in levels.levels] == [
        "junior",
        "mid",
        "senior",
        "staff",
        "principal",
    ]
    assert levels.rank("senior") > levels.rank("mid")
    assert all(level.sources for level in levels.levels)


@pytest.mark.parametrize(
    "text, phrase",
    [
        (
            (
                "schema_version: 1\nlevels:\n"
                "  - id: mid\n    name: Mid\n    equivalents: x\n    summary: y\n    sources: [a]\n"
                "  - id: senior\n    name: ''\n    equivalents: x\n    summary: y\n"
                "    sources: [a]\n"
            ),
            "levels[1].name",
        ),
        (
            (
                "schema_version: 1\nlevels:\n"
                "  - id: mid\n    name: Mid\n    equivalents: x\n    summary: y\n    sources: [a]\n"
                "  - id: mid\n    name: M\n    equivalents: x\n    summary: y\n    sources: [a]\n"
            ),
            "repeated: mid",
        ),
        ("schema_version: 2\nlevels: []\n", "newer than this Step Up reads"),
        ("levels: [\n", "not readable as YAML"),
        ("- just a list\n", "expected a mapping"),
        ("schema_version: 1\nlevels:\n  - id: Mid Level\n", "levels[0].id"),
    ],
)
def test_bad_seed_file_is_reported_by_path_and_key(tmp_path, text, phrase):
    """Does a broken content file name itself and the offending key?"""
    path = tmp_path / "levels.yaml"
    path.write_text(text)
    with pytest.raises(ContentError) as raised:
        load_yaml_model(path, LevelsFile)
    assert str(path) in str(raised.value)
    assert phrase in str(raised.value)


BURNS_TEN = {  # Burns' ten, with "jumping to conclusions" as its two named sub-types
    "all_or_nothing",
    "overgeneralization",
    "mental_filter",
    "discounting_positive",
    "mind_reading",
    "fortune_telling",
    "magnification",
    "emotional_reasoning",
    "should_statements",
    "labeling",
    "personalization",
}
FOUNDING_BELIEFS = {
    "not_grown_enough",
    "superficial_projects",
    "ml_design_beyond_me",
    "behind_for_my_years",
}


def test_distortion_checklist_holds_burns_ten_each_with_definition_example_and_source():
    checklist = content.distortions()
    assert BURNS_TEN <= {d.id for d in checklist.distortions}
    assert {d.id for d in checklist.distortions if d.family == "burns"} == BURNS_TEN
    for distortion in checklist.distortions:
        assert distortion.definition and distortion.example and distortion.sources, distortion.id
        assert distortion.definition != distortion.example


def test_prompt_bank_holds_the_founding_beliefs_with_tailored_questions():
    bank = content.belief_prompts()
    assert FOUNDING_BELIEFS <= {p.id for p in bank.prompts}
    assert len(bank.prompts) >= 8
    all_questions = [q for p in bank.prompts for q in p.questions]
    assert len(all_questions) == len(set(all_questions)), "each belief gets its own questions"
    for prompt in bank.prompts:
        assert len(prompt.questions) >= 3 and prompt.experiment_ideas and prompt.sources, prompt.id


def test_prompt_naming_an_unknown_distortion_is_refused(tmp_path):
    (tmp_path / "distortions.yaml").write_text((seeds_dir() / "distortions.yaml").read_text())
    bank = (
        (seeds_dir() / "belief_prompts.yaml")
        .read_text()
        .replace("[fortune_telling, mind_reading", "[fortune_tellin, mind_reading", 1)
    )
    (tmp_path / "belief_prompts.yaml").write_text(bank)
    with pytest.raises(
        ContentError,
        match=r"prompts\[1\]\.likely_distortions\[0\]: unknown distortion 'fortune_tellin'",
    ):
        content.belief_prompts(tmp_path)


def test_built_in_frameworks_cover_both_tracks_with_every_level_described():
    frameworks = {f.id: f for f in content.frameworks()}
    assert set(frameworks) == {"software", "ml", "frontend_mobile"}
    assert frameworks["software"].track == "software" and frameworks["ml"].track == "ml"
    for framework in frameworks.values():
        assert 10 <= len(framework.competencies) <= 14
        assert framework.level_ids() == ["junior", "mid", "senior", "staff"]
        for competency in framework.competencies:
            assert set(competency.descriptors) == set(framework.level_ids()), competency.id
            assert len(set(competency.descriptors.values())) == 4, (
                f"{competency.id}: each level needs its own words"
            )
            assert competency.sources and competency.weight_reason, competency.id
            assert len(competency.name) <= 30, "radar labels must stay readable"
    assert {"ml_framing_design", "data_features", "experimentation_metrics"} <= {
        c.id for c in frameworks["ml"].competencies
    }


def test_every_built_in_competency_has_a_checkable_outcome_for_each_target_level():
    """Workbook 05's "done when" for a gap: one observable outcome per level a target can be,
    in the engineer's own terms, shorter than the level's whole descriptor and not a copy of it."""
    competencies = {c.id: c for f in content.frameworks() for c in f.competencies}
    assert len(competencies) == 16
    outcomes = []
    for competency in competencies.values():
        assert set(competency.growth_outcomes) == {"mid", "senior", "staff"}, competency.id
        for level, outcome in competency.growth_outcomes.items():
            assert outcome not in competency.descriptors.values(), (competency.id, level)
            assert re.search(r"\b(you|your)\b", outcome, re.IGNORECASE), (competency.id, level)
            assert len(outcome) <= 250 and outcome.count(". ") <= 1, (competency.id, level)
            assert outcome.endswith(".") and ".." not in outcome, (competency.id, level)
            outcomes.append(outcome)
    assert len(set(outcomes)) == len(outcomes) == 48


def test_a_framework_naming_an_unknown_competency_is_refused(tmp_path):
    for name in ("levels.yaml", "frameworks.yaml"):
        (tmp_path / name).write_text((seeds_dir() / name).read_text())
    broken = (
        (tmp_path / "frameworks.yaml").read_text().replace("- mentoring\n", "- mentorship\n", 1)
    )
    assert broken != (tmp_path / "frameworks.yaml").read_text()
    (tmp_path / "frameworks.yaml").write_text(broken)
    with pytest.raises(
        ContentError, match=r"frameworks\[0\]\.competencies\[\d+\]: unknown competency 'mentorship'"
    ):
        content.frameworks(tmp_path)


ISSUE_STORY_TYPES = {"conflict", "ambiguity", "mentoring", "incident", "influence", "failure"}
ISSUE_PROBES = {
    "alternatives",
    "data_quality",
    "metrics",
    "offline_online",
    "scale",
    "failures_incidents",
    "your_role",
    "retrospective",
}
CLASSIC_ML_PROMPTS = {
    "feed_ranking",
    "search_ranking",
    "fraud_detection",
    "ad_ctr",
    "video_recs",
    "content_moderation",
}


def test_deep_dive_bank_holds_the_probes_and_senior_story_types_with_sources():
    bank = content.deep_dives()
    assert ISSUE_PROBES <= {q.id for q in bank.questions}
    assert ISSUE_STORY_TYPES <= {t.id for t in bank.story_types}
    for item in [*bank.questions, *bank.story_types]:
        assert item.sources, item.id
    everywhere = list(tracks().ids())
    assert any(q.tracks != everywhere for q in bank.questions)
    assert any(q.tracks == everywhere for q in bank.questions)


def test_design_practice_has_ten_ml_prompts_a_stepwise_framework_and_a_three_level_rubric():
    practice = content.design_practice().for_track("ml")
    ml = [p for p in practice.prompts if p.track == "ml"]
    assert len(ml) >= 10 and CLASSIC_ML_PROMPTS <= {p.id for p in ml}
    assert practice.prompts[: len(ml)] == ml, "the engineer's own track first"
    assert any(p.track == "software" for p in practice.prompts)
    assert [s.id for s in practice.sections][:2] == ["requirements", "framing"]
    assert {"serving", "monitoring", "offline_eval", "online_eval"} <= {
        s.id for s in practice.sections
    }
    assert 30 <= sum(s.suggested_minutes for s in practice.sections) <= 38, (
        "a round is about 45 minutes, with time for the start and the end"
    )
    for dimension in practice.rubric:
        assert len(set(dimension.levels.values())) == 3 and dimension.sources, dimension.id
    for prompt in practice.prompts:
        assert prompt.brief != prompt.crux and prompt.sources, prompt.id


def test_a_rubric_dimension_without_a_senior_line_is_refused(tmp_path):
    broken = (
        (seeds_dir() / "design_practice.yaml")
        .read_text()
        .replace("      senior: Sets the agenda", "      senio: Sets the agenda", 1)
    )
    (tmp_path / "design_practice.yaml").write_text(broken)
    with pytest.raises(ContentError, match=r"rubric\[0\].*exactly mid, senior and staff"):
        content.design_practice(tmp_path)


def test_a_repeated_story_type_is_refused(tmp_path):
    broken = (
        (seeds_dir() / "deep_dives.yaml")
        .read_text()
        .replace("  - id: ambiguity\n", "  - id: conflict\n", 1)
    )
    (tmp_path / "deep_dives.yaml").write_text(broken)
    with pytest.raises(ContentError, match="story type ids must be unique; repeated: conflict"):
        content.deep_dives(tmp_path)
