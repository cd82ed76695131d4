"""A composite's drawing code is sent once per kind and kernel, not with every row."""

from __future__ import annotations

import re

import ipywidgets as w
from ipywidgets.widgets.widget import _instances

from widgets.content import seeds as content
from widgets.forms import base
from widgets.forms.competency_rows import CoachRow, CompetencyRow
from widgets.forms.composite_code import CompositeCode


def _code_models() -> list[CompositeCode]:
    # ipywidgets 8 keeps its live models in _instances (Widget.widgets is deprecated)
    return [m for m in _instances.values() if isinstance(m, CompositeCode)]


def test_fourteen_rows_send_their_code_once():
    w.Widget.close_all()
    framework = content.frameworks()[0]
    rows = [CompetencyRow(framework, c, None) for c in framework.competencies]
    coach_rows = [CoachRow(framework, c) for c in framework.competencies]
    codes = _code_models()
    assert len(codes) == 2  # one for the rating rows, one for the coach rows
    code = (base.STATIC / "rating_row.js").read_text(encoding="utf-8")
    carrying = [c for c in codes if "levelSlider" in c._esm]
    assert len(carrying) == 1 and len(carrying[0]._esm) > len(code)
    # each row's own module is a small stub that waits for that code, keyed by its hash
    assert all(len(row._esm) < 1_000 and "levelSlider" not in row._esm for row in rows)
    slot = re.search(r"slots\[(\"[^\"]+\")\]", rows[0]._esm).group(1)
    assert f"slots[{slot}]" in carrying[0]._esm  # the stub and the code meet in one slot
    assert coach_rows[0]._esm != rows[0]._esm
    for widget in [*rows, *coach_rows]:
        widget.close()


def test_a_closed_code_model_is_sent_again_for_the_next_row():
    framework = content.frameworks()[0]
    CompetencyRow(framework, framework.competencies[0], None)
    w.Widget.close_all()  # as a test run or a cleared kernel does
    assert _code_models() == []
    row = CompetencyRow(framework, framework.competencies[0], None)
    assert len(_code_models()) == 1
    row.close()
