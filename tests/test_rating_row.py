"""A competency's rating row in workbook 02: every choice is one of its options, named as shown."""

from __future__ import annotations

import pytest
from traitlets import TraitError

from widgets.content import seeds as content
from widgets.forms.competency_rows import CompetencyRow
from widgets.storage.records import CompetencyRating

FRAMEWORK = content.frameworks()[0]
COMPETENCY = FRAMEWORK.competency("system_design")


def test_it_holds_one_of_its_levels_and_names_it():
    row = CompetencyRow(FRAMEWORK, COMPETENCY, CompetencyRating(current="mid"), "senior")
    assert row.option_label("current") == "Mid-level engineer"
    assert row.option_label("target") == "Senior engineer (profile)"
    row.current = "senior"
    assert row.option_label("current") == "Senior engineer"


@pytest.mark.parametrize(
    ("answer", "refused"),
    [("current", "principal"), ("target", "cto"), ("confidence", 9), ("weight", 0)],
)
def test_a_value_that_is_not_a_choice_is_refused_and_the_last_one_stays(answer, refused):
    row = CompetencyRow(FRAMEWORK, COMPETENCY, CompetencyRating(current="mid", target="senior"))
    before = getattr(row, answer)
    with pytest.raises(TraitError):
        setattr(row, answer, refused)
    assert getattr(row, answer) == before


def test_its_message_is_escaped_and_its_descriptor_follows_the_levels():
    row = CompetencyRow(FRAMEWORK, COMPETENCY, None)
    assert "not rated yet" in row.descriptor
    row.current = "mid"
    assert "Mid-level engineer" in row.descriptor and "not rated yet" not in row.descriptor
    row.show_error("<b>too long</b>")
    assert "&lt;b&gt;too long&lt;/b&gt;" in row.message and row.error == "<b>too long</b>"
    row.show_error("")
    assert row.message == ""
