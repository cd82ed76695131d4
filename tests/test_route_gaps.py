"""Workbook 02's gaps as the engineer's route weighs them (seeds/routes.yaml, gap_weighting): on
the interview route by how much the loop probes a competency, on the promotion route by the
distance to the target level with equal weights (or the ladder's, or the engineer's own), and in
the manager's copy never in the interview route's words."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from widgets import competency_gaps, competency_ratings
from widgets.content import seeds as content
from widgets.content.routes import routes
from widgets.readers.competencies import assessment, gap_weighting, gaps, stored_assessment
from widgets.storage.journal import Journal
from widgets.storage.records import CompetencyAssessment, CompetencyRating, Profile
from widgets.views.overview import chart_words, gap_figure, overview
from widgets.views.report import build_report

from .test_third_track import PACKAGE, _python_branches

INTERVIEW_WORDS = re.compile(r"\b(interview\w*|loop|rounds?|onsite)\b", re.IGNORECASE)

# Levels short on the software ladder (the profile's target is senior): the interview loop's
# weights (3, 1, 2, 3) and equal weights rank these four differently.
RATINGS = {
    "scope_autonomy": CompetencyRating(current="junior"),  # 2 levels, loop weight 3
    "process_hiring": CompetencyRating(current="junior", target="staff"),  # 3 levels, weight 1
    "mentoring": CompetencyRating(current="mid"),  # 1 level, loop weight 2
    "communication": CompetencyRating(current="mid"),  # 1 level, loop weight 3
}
BY_THE_LOOP = ["scope_autonomy", "communication", "process_hiring", "mentoring"]
BY_DISTANCE = ["process_hiring", "scope_autonomy", "communication", "mentoring"]


def rated(journal, route_ids, ratings=RATINGS) -> None:
    """A software engineer going from mid to senior on ``route_ids``, rated as ``ratings``."""
    profile = Profile(track="software", current_level="mid", target_level="senior")
    journal.save(profile.model_copy(update={"routes": route_ids}))
    journal.save(
        CompetencyAssessment(framework_id="software", ratings=ratings),
        CompetencyAssessment.entry_id("software"),
    )


def ranked(found) -> list[tuple[str, int]]:
    return [(gap.competency_id, gap.weight) for gap in found]


def without_interview_words(text: str) -> list[str]:
    return INTERVIEW_WORDS.findall(text)


@pytest.mark.parametrize(
    ("route_ids", "expected"),
    [
        (["promotion"], [(c, 1) for c in BY_DISTANCE]),
        (["interview"], list(zip(BY_THE_LOOP, (3, 3, 1, 2), strict=True))),
    ],
)
def test_the_route_decides_the_order_of_the_gaps(journal, route_ids, expected):
    """Promotion: the distance to the target level, every competency weighing 1; interview: the
    same levels weighed by how much the loop probes each (so the two orders differ)."""
    rated(journal, route_ids)
    assert ranked(competency_gaps().gaps) == expected


def test_weights_the_engineer_set_are_honoured_on_the_promotion_route(journal):
    ratings = dict(RATINGS, mentoring=CompetencyRating(current="mid", weight=3))
    rated(journal, ["promotion"], ratings)
    # Mentoring (1 level × 3) ties with process & hiring (3 levels × 1): framework order wins.
    assert ranked(competency_gaps().gaps) == [
        ("mentoring", 3),
        ("process_hiring", 1),
        ("scope_autonomy", 1),
        ("communication", 1),
    ]


def test_the_ratings_form_shows_and_keeps_the_routes_weights(journal, journal_path):
    """On the promotion route a row starts at the equal weight, not the loop's; a weight the
    engineer picks is kept, even the loop's (3), and it ranks the gaps at once."""
    rated(journal, ["promotion"])
    rows = competency_ratings().form.rows
    assert {row.weight for row in rows.values()} == {1}
    rows["communication"].weight = 3  # the loop's weight for it, chosen here for promotion
    with Journal(journal_path, readonly=True) as saved:
        assert stored_assessment(saved, "software").ratings["communication"].weight == 3
    assert ranked(competency_gaps().gaps)[0] == ("communication", 3)
    rows["communication"].weight = 1  # back to the route's own: nothing of theirs is kept
    with Journal(journal_path, readonly=True) as saved:
        assert stored_assessment(saved, "software").ratings["communication"].weight is None


def test_a_ladders_own_weights_replace_equal_ones_on_the_promotion_route(journal):
    """A company ladder that weighs its competencies for promotion is read; the interview loop's
    weights are not."""
    rated(journal, ["promotion"])
    software = content.frameworks()[0]
    weighed = software.model_copy(
        update={
            "competencies": [
                c.model_copy(update={"ladder_weight": 3 if c.id == "communication" else None})
                for c in software.competencies
            ]
        }
    )
    found = gaps(weighed, assessment(journal, weighed), gap_weighting(journal))
    assert ranked(found) == [
        ("communication", 3),
        ("process_hiring", 1),
        ("scope_autonomy", 1),
        ("mentoring", 1),
    ]


def test_the_promotion_routes_gap_words_name_no_interview(journal):
    """The table's column, the chart's axis and title, its words and every word the route gives
    its gaps: none of interview, loop, round, onsite."""
    rated(journal, ["promotion"])
    weighting = routes().get("promotion").gap_weighting
    panel = competency_gaps()
    texts = [
        *weighting.model_dump().values(),
        panel.table.value,
        panel.chart.alt,
        panel.summary(),
    ]
    assert ">Weight<" in panel.table.value and "weight (equal unless" in panel.chart.alt
    assert [word for text in texts for word in without_interview_words(str(text))] == []
    # The same page on the interview route does speak of the loop: the scan above can fail.
    loop = routes().get("interview").gap_weighting
    assert without_interview_words(f"{loop.column} {loop.axis} {loop.measure}")


def test_the_managers_copy_of_a_both_routes_engineer_has_the_promotion_weighting(journal):
    """The engineer's own copy ranks by the loop (their first route); the manager's copy ranks by
    the distance to the target level with equal weights, in the promotion's words, in the
    document, its chart words and its chart's axis."""
    ratings = dict(RATINGS, communication=CompetencyRating(current="mid", weight=2))
    rated(journal, ["interview", "promotion"], ratings)
    mine = overview(journal, audience="me")
    manager = overview(journal, audience="manager")
    names = {c.id: c.name for c in content.frameworks()[0].competencies}
    # Theirs: the loop's weights, and their own weight of 2 for communication (1 level × 2).
    own_order = ["scope_autonomy", "process_hiring", "communication", "mentoring"]
    assert [g.name for g in mine.gaps] == [names[c] for c in own_order]
    assert [g.name for g in manager.gaps] == [names[c] for c in BY_DISTANCE]
    assert [g.weighted_gap for g in manager.gaps] == [3, 2, 1, 1]  # the weight of 2 is private
    assert without_interview_words(chart_words(mine, ("gaps",))["gaps"])
    words = chart_words(manager, ("gaps",))["gaps"]
    axis = gap_figure(manager).axes[0].get_xlabel()
    assert "levels to the target level × weight" in words and "weight" in axis
    for fmt in ("md", "html"):
        document = build_report(journal, fmt, "manager", "inline").text
        table = document.split("Where I want to grow")[1].split("My plan")[0]
        said = [str(escape(names[c])) if fmt == "html" else names[c] for c in BY_DISTANCE]
        positions = [table.index(name) for name in said]
        assert positions == sorted(positions), fmt
        assert without_interview_words(document) == [], fmt
    assert "levels to the target level × weight" in document  # the gaps chart's words in it
    assert without_interview_words(words + axis) == []


def test_no_gap_code_branches_on_a_route_id():
    """The weighting is read from the route's entry: no module this item touches compares with,
    or looks up by, a route's id."""
    ids = set(routes().ids())
    touched = (
        "content/routes.py",
        "readers/competencies.py",
        "charts/competency.py",
        "views/chart_text.py",
        "views/overview.py",
        "panels/competency.py",
    )
    assert [hit for name in touched for hit in _python_branches(PACKAGE / name, ids)] == []
