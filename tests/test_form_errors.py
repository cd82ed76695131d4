"""Refused values reach their field by where pydantic says they are, never by their words.

The words come from one table (widgets/content/messages.py): rewording it, as a translated UI
would, must move no message to another field.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import pkgutil
import typing
from pathlib import Path

import pydantic_core
import pytest
from pydantic import ValidationError

import widgets
import widgets.forms
from widgets import coach_ratings, competency_ratings, profile_form, project_deep_dives
from widgets.content import messages
from widgets.forms.errors import validate_with_fallback
from widgets.storage.journal import Journal
from widgets.storage.records import Project, ThoughtRecord, describe_errors

PYDANTIC_CODES = set(typing.get_args(pydantic_core.core_schema.ErrorType))


@pytest.fixture
def other_words(monkeypatch) -> dict[str, str]:
    """Every template in other words (no "field: " anywhere), as a translation would swap them."""
    table = {code: f"«{code.upper()} in other words»" for code in messages.TEMPLATES}
    monkeypatch.setattr(messages, "TEMPLATES", table)
    return table


def said(code: str) -> str:
    return f"«{code.upper()} in other words»"


def test_errors_land_beside_the_same_fields_when_the_words_change(journal_path, other_words):
    editor = project_deep_dives().editor
    editor.name.value = "Ranking features"
    editor.team_size.value = "lots"
    editor.started.value = dt.date(2025, 5, 1)
    editor.ended.value = dt.date(2025, 4, 1)  # a rule across fields: named in its parameters
    shown = {name: row.error for name, row in editor.rows.items() if row.error}
    assert shown == {"team_size": said("team_size"), "ended": said("ends_before_start")}
    with Journal(journal_path, readonly=True) as journal:
        [saved] = [entry.record() for entry in journal.entries("project")]
    assert (saved.name, saved.team_size, saved.started, saved.ended) == (
        "Ranking features",
        None,
        dt.date(2025, 5, 1),
        None,
    )


def test_the_coach_name_message_is_the_tables(journal_path, other_words):
    own, coach = competency_ratings().form, coach_ratings()
    own.rows["communication"].current = "junior"
    coach.rows["communication"].level = "senior"
    assert said("coach_missing") in coach.rater_message.value
    assert coach.errors.keys() == {"rater"}


def test_a_refused_value_in_a_list_lands_on_its_own_row(journal_path, other_words):
    """The second interview has no company: its row says so, the first one says nothing."""
    form = profile_form()
    form.add_interview.click()
    form.add_interview.click()
    first, second = form.interview_rows
    first.company.value = "Northwind"
    second.level.value = "Senior (L5)"
    assert (first.message.error, second.message.error) == ("", said("company_missing"))
    assert form.errors.keys() == {"interviews.1"}


def test_a_refused_value_in_a_dict_lands_on_its_own_row(journal_path, other_words):
    rows = competency_ratings().form.rows
    rows["mentoring"].evidence = "x" * 6_000
    assert said("string_too_long") in rows["mentoring"].message
    assert [name for name, row in rows.items() if row.message] == ["mentoring"]


def test_the_table_fills_in_each_errors_parameters():
    """The English words: what was refused, with the numbers of this refusal."""
    with pytest.raises(ValidationError) as refused:
        Project(name="x" * 130, started=dt.date(2025, 5, 1), ended=dt.date(2025, 4, 1))
    [too_long] = refused.value.errors()
    assert messages.sentence_for(too_long) == (
        "That is longer than 120 characters (130 typed). Shorten it; "
        "your last saved answer is kept."
    )
    with pytest.raises(ValidationError) as refused:
        Project(started=dt.date(2025, 5, 1), ended=dt.date(2025, 4, 1))
    assert describe_errors(refused.value) == ["ended: The project can't end before it started."]


def test_a_rule_across_fields_falls_back_to_the_field_it_names():
    last_good = ThoughtRecord(recorded_on=dt.date(2026, 1, 5), distortions=["labelling"])
    data = {**last_good.model_dump(), "distortions": ["labelling", "labelling"]}
    record, problems = validate_with_fallback(ThoughtRecord, data, last_good.model_dump())
    assert record == last_good
    assert [(key, [e["type"] for e in items]) for key, items in problems.items()] == [
        ("distortions", ["distortion_repeated"])
    ]


def _override_codes(value) -> set[str]:
    """The codes a form names instead of pydantic's: values of {pydantic code: our code} dicts,
    however deep (field → {code: code})."""
    if not isinstance(value, dict):
        return set()
    if value and set(value) <= PYDANTIC_CODES and all(isinstance(v, str) for v in value.values()):
        return set(value.values())
    return set().union(*(_override_codes(v) for v in value.values()))


def _raised_codes() -> set[str]:
    """Every code given to ``messages.error(...)`` anywhere in the package."""
    codes = set()
    for path in Path(widgets.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and (node.func.attr, getattr(node.func.value, "id", "")) == ("error", "messages")
                and isinstance(node.args[0], ast.Constant)  # else a table's (completion_codes)
            ):
                codes.add(node.args[0].value)
    return codes


def test_every_code_used_has_a_template():
    raised = _raised_codes()
    assert {"ends_before_start", "date_out_of_range", "distortion_repeated"} <= raised
    incomplete = ThoughtRecord(recorded_on=dt.date(2026, 1, 5), next_step="act")
    completion = set(incomplete.completion_codes().values())
    assert len(completion) == 4
    overrides = set()
    for info in pkgutil.iter_modules(widgets.forms.__path__):
        module = importlib.import_module(f"widgets.forms.{info.name}")
        for value in vars(module).values():
            overrides |= _override_codes(value)
            overrides |= _override_codes(getattr(value, "friendly", None))
    assert {"team_size", "minutes", "hours", "strength_whole", "coach_missing"} <= overrides
    used = raised | completion | overrides | set(messages.SAME_AS.values()) | messages.RULES
    assert used - messages.TEMPLATES.keys() == set()
    assert raised | completion == messages.RULES  # every rule of ours is worded as ours


def test_no_form_reads_the_words_of_an_error():
    """Forms route by path and code: none reads an error's text (its ``msg``) or parses it."""
    for path in Path(widgets.forms.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for words in ('["msg"]', "['msg']", '"msg"', "Value error"):
            assert words not in text, f"{path} reads an error's words ({words})"
