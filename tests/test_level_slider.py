"""The level slider of workbook 02: a value is always one of its levels."""

from __future__ import annotations

import pytest
from traitlets import TraitError

from widgets.forms.level_slider import LevelSlider

LEVELS = [("not rated", ""), ("Mid-level engineer", "mid"), ("Senior engineer", "senior")]


def test_it_holds_one_of_its_levels_and_names_it():
    slider = LevelSlider(options=LEVELS, value="mid", description="You now")
    assert slider.label == "Mid-level engineer"
    slider.value = "senior"
    assert slider.label == "Senior engineer"


def test_a_value_that_is_not_a_level_is_refused_and_the_last_one_stays():
    slider = LevelSlider(options=LEVELS, value="mid")
    with pytest.raises(TraitError):
        slider.value = "principal"
    assert slider.value == "mid"
