"""Every entry point against the hostile corpus (tests/hostile.py): a clear error or a faithful
save, never a traceback, and never a change to what was stored before a refusal."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from widgets import (
    charts,
    cli,
    design_practice,
    growth_plan,
    profile_form,
    project_deep_dives,
    story_bank,
    thought_records,
    weekly_checkins,
)
from widgets.content.ladder import LadderError, read_framework_file
from widgets.content.resources import demo_persona_path
from widgets.content.seeds import ContentError, LevelsFile, load_yaml_model
from widgets.forms.base import parse_number
from widgets.storage.journal import Journal
from widgets.storage.transfer import ImportError_, import_journal

from .hostile import DATES, NUMBERS, TEXT


def _editor_field(factory, attribute):
    def make():
        made = factory()
        return getattr(made, "editor", None) or made, attribute

    return make


TEXT_FIELDS = {
    "profile.alias": (_editor_field(profile_form, "alias"), "alias", "alias", "profile"),
    "profile.worries": (_editor_field(profile_form, "worries"), "worries", "worries", "profile"),
    "thought_record.situation": (
        _editor_field(thought_records, "situation"),
        "situation",
        "situation",
        "thought_record",
    ),
    "thought_record.belief": (
        _editor_field(thought_records, "belief"),
        "belief",
        "belief",
        "thought_record",
    ),
    "thought_record.evidence_against": (
        _editor_field(thought_records, "evidence_against"),
        "evidence_against",
        "evidence_against",
        "thought_record",
    ),
    "thought_record.balanced_thought": (
        _editor_field(thought_records, "balanced_thought"),
        "balanced_thought",
        "balanced_thought",
        "thought_record",
    ),
    "project.name": (_editor_field(project_deep_dives, "name"), "name", "name", "project"),
    "project.impact": (_editor_field(project_deep_dives, "impact"), "impact", "impact", "project"),
    "project.stack": (_editor_field(project_deep_dives, "stack"), "stack", "stack", "project"),
    "story.title": (_editor_field(story_bank, "title"), "title", "title", "story"),
    "story.action": (_editor_field(story_bank, "action"), "action", "action", "story"),
    "story.learning": (_editor_field(story_bank, "learning"), "learning", "learning", "story"),
    "design_session.own_prompt": (
        _editor_field(design_practice, "own_prompt"),
        "own_prompt",
        "own_prompt",
        "design_session",
    ),
    "design_session.reflection": (
        _editor_field(design_practice, "reflection"),
        "reflection",
        "reflection",
        "design_session",
    ),
    "action.what": (_editor_field(growth_plan, "what"), "what", "what", "action"),
    "action.done_when": (
        _editor_field(growth_plan, "done_when"),
        "done_when",
        "done_when",
        "action",
    ),
    "checkin.wins": (_editor_field(weekly_checkins, "wins"), "wins", "wins", "checkin"),
    "checkin.next_focus": (
        _editor_field(weekly_checkins, "next_focus"),
        "next_focus",
        "next_focus",
        "checkin",
    ),
}
NUMBER_FIELDS = {
    "profile.years_experience": (
        _editor_field(profile_form, "years_experience"),
        "years_experience",
        "profile",
    ),
    "thought_record.strength_before": (
        _editor_field(thought_records, "strength_before"),
        "strength_before",
        "thought_record",
    ),
    "project.team_size": (_editor_field(project_deep_dives, "team_size"), "team_size", "project"),
    "checkin.hours": (_editor_field(weekly_checkins, "hours"), "hours", "checkin"),
}
GOOD_TEXT = "A first, ordinary answer."
GOOD_NUMBER = {"years_experience": 6.5, "strength_before": 70, "team_size": 4, "hours": 3}


def _stored(journal_path, kind: str, field: str):
    with Journal(journal_path, readonly=True) as journal:
        entries = journal.entries(kind)
        return getattr(entries[-1].record(), field) if entries else None


def _message(form, row: str) -> str:
    return form.rows[row].message


@pytest.mark.parametrize("value", TEXT, ids=[f"text{i}" for i in range(len(TEXT))])
@pytest.mark.parametrize("where", list(TEXT_FIELDS))
def test_every_text_field_saves_hostile_text_faithfully_or_refuses_it_beside_the_field(
    journal_path, where, value
):
    make, attribute, row, kind = TEXT_FIELDS[where]
    form, _ = make()
    if kind == "action" and attribute != "what":
        form.what.value = "Name the action first"  # an action is stored once it has a name
    if kind == "thought_record" and attribute not in ("situation", "belief"):
        form.belief.value = "I'm behind."  # a record is stored from its first words
    getattr(form, attribute).value = GOOD_TEXT
    assert _stored(journal_path, kind, attribute) == GOOD_TEXT
    getattr(form, attribute).value = value
    stored = _stored(journal_path, kind, attribute)
    if stored == GOOD_TEXT and value.strip() != GOOD_TEXT:
        assert _message(form, row), (
            f"{where}: refused without a message"
        )  # refused: the last good answer stays
    else:
        assert stored == value.strip(), (
            where
        )  # accepted: stored exactly as typed (no markup processing)
        assert _message(form, row) == ""


@pytest.mark.parametrize("value", NUMBERS)
@pytest.mark.parametrize("where", list(NUMBER_FIELDS))
def test_every_number_field_refuses_what_is_not_a_number_in_range(journal_path, where, value):
    make, attribute, kind = NUMBER_FIELDS[where]
    form, _ = make()
    if kind == "thought_record":
        form.belief.value = "I'm behind."  # a new record is saved from its first words
    getattr(form, attribute).value = str(GOOD_NUMBER[attribute])
    assert _stored(journal_path, kind, attribute) == GOOD_NUMBER[attribute]
    getattr(form, attribute).value = value
    stored, good, typed = (
        _stored(journal_path, kind, attribute),
        GOOD_NUMBER[attribute],
        parse_number(value),
    )
    assert stored is None or (isinstance(stored, (int, float)) and math.isfinite(stored)), (
        where,
        value,
        stored,
    )
    if stored == good and typed != good:
        assert _message(form, attribute), f"{where}={value!r}: refused without a message"
    elif stored != good:
        assert stored == typed and _message(form, attribute) == "", (where, value, stored)


def _poisoned_exports() -> dict[str, str]:
    base = json.loads(demo_persona_path().read_text(encoding="utf-8"))
    profile = next(e for e in base["entries"] if e["kind"] == "profile")

    def with_profile(**changes) -> str:
        doc = json.loads(json.dumps(base))
        target = next(e for e in doc["entries"] if e["id"] == profile["id"])
        target["revisions"][-1]["data"].update(changes)
        return json.dumps(doc)

    deep = "[" * 100_000 + "]" * 100_000
    cases = {
        "empty file": "",
        "not json": "<html>",
        "truncated": json.dumps(base)[:5000],
        "a list": "[]",
        "null": "null",
        "deep nesting": deep,
        "wrong format name": json.dumps({**base, "format": "something-else"}),
        "newer schema": json.dumps({**base, "schema_version": 99}),
        "schema zero": json.dumps({**base, "schema_version": 0}),
        "entries not a list": json.dumps({**base, "entries": {}}),
        "unknown kind": json.dumps({**base, "entries": [dict(profile, kind="virus")]}),
        "duplicate ids": json.dumps({**base, "entries": [profile, profile]}),
        "bad timestamp": json.dumps({**base, "entries": [dict(profile, created_at="yesterday")]}),
        "revision gap": json.dumps(
            {**base, "entries": [dict(profile, revisions=[dict(profile["revisions"][0], rev=2)])]}
        ),
        "first revision a deletion": json.dumps(
            {
                **base,
                "entries": [dict(profile, revisions=[dict(profile["revisions"][0], data=None)])],
            }
        ),
        "id with a path": json.dumps({**base, "entries": [dict(profile, id="../../etc/passwd")]}),
        "years NaN": with_profile(years_experience=float("nan")),
        "years infinite": with_profile(years_experience="Infinity"),
        "years negative": with_profile(years_experience=-3),
        "years a string": with_profile(years_experience="six"),
        "alias 1 MB": with_profile(alias="x" * 1_000_000),
        "unknown field": with_profile(favourite_colour="blue"),
        "track unknown": with_profile(track="wizard"),
        "interviews not a list": with_profile(interviews="Northwind"),
    }
    for index, bad_date in enumerate(DATES):
        if (
            bad_date is not None and bad_date != "9999-12-31"
        ):  # the last valid day is a date, however odd
            cases[f"bad target date {index}"] = with_profile(target_date=bad_date)
    return cases


EXPORTS = _poisoned_exports()


@pytest.mark.parametrize("case", list(EXPORTS))
def test_a_hostile_export_is_refused_with_a_message_and_the_journal_untouched(tmp_path, case):
    target = tmp_path / "journal.sqlite"
    Journal(target).close()
    before = target.read_bytes()
    with pytest.raises(ImportError_) as refused:
        import_journal(EXPORTS[case], target)
    assert "Nothing was imported" in str(refused.value)
    assert target.read_bytes() == before


LADDERS = {
    "empty.csv": "",
    "header only.csv": "Competency,Mid,Senior\n",
    "one level.csv": "Competency,Mid\nDesign,does design\n",
    "blank descriptor.csv": "Competency,Mid,Senior\nDesign,does design,\n",
    "duplicate competency.csv": "Competency,Mid,Senior\nDesign,a,b\nDesign,c,d\n",
    "ragged row.csv": "Competency,Mid,Senior\nDesign,a,b,c,d\n",
    "binary.csv": "\x00\x01\x02\xff",
    "formula injection.csv": 'Competency,Mid,Senior\n=HYPERLINK("http://x"),a,b\n',
    "yaml list.yaml": "- a\n- b\n",
    "yaml bomb.yaml": (
        "a: &a [1,1,1,1]\nb: &b [*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b]\nd: [*c,*c,*c,*c]\n"
    ),
    "python tag.yaml": "!!python/object/apply:os.system ['echo pwned']\n",
    "not yaml.yaml": "levels: [\n",
    "no competencies.yaml": (
        "name: X\nlevels: [{id: mid, name: Mid}, {id: senior, name: Senior}]\ncompetencies: []\n"
    ),
    "html name.csv": "Competency,Mid,Senior\n<script>alert(1)</script>,a,b\n",
}


@pytest.mark.parametrize("name", list(LADDERS))
def test_a_hostile_ladder_file_is_refused_or_read_as_plain_text(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(
        LADDERS[name].encode("utf-8", "surrogateescape")
        if "\x00" not in LADDERS[name]
        else b"\x00\x01\x02\xff"
    )
    try:
        framework = read_framework_file(path)
    except LadderError as error:
        assert str(error)
        return
    # Accepted only when it is a real ladder; markup and formulas stay literal text.
    assert len(framework.competencies) >= 3 or name in ("html name.csv", "formula injection.csv")
    assert any(c.name.startswith(("<script>", "=HYPERLINK")) for c in framework.competencies)


SEEDS = [
    "",
    "schema_version: 1\n",
    "schema_version: 1\nlevels: 7\n",
    "schema_version: '1'\nlevels: []\n",
    "schema_version: 1\nlevels:\n  - !!python/object/apply:os.system ['echo pwned']\n",
    "\x00\x00",
    "schema_version: 1\nlevels: [" + "[" * 5000,
]


@pytest.mark.parametrize("text", SEEDS, ids=[f"seed{i}" for i in range(len(SEEDS))])
def test_a_hostile_seeds_file_is_reported_by_path(tmp_path, text):
    path = tmp_path / "levels.yaml"
    path.write_text(text)
    with pytest.raises(ContentError) as refused:
        load_yaml_model(path, LevelsFile)
    assert str(path) in str(refused.value)


@pytest.mark.parametrize("label", TEXT[:22], ids=[f"label{i}" for i in range(22)])
def test_hostile_text_as_chart_labels_renders_literally(label, recwarn):
    figure = charts.belief_trend(
        {
            label: [(dt.date(2026, 11, 1), 80), (dt.date(2026, 11, 8), 60)],
            "other": [(dt.date(2026, 11, 1), 50)],
        }
    )
    assert charts.to_png(figure).startswith(b"\x89PNG")
    assert not [w for w in recwarn if "missing from font" in str(w.message)], (
        "control characters reach the font"
    )


CLI_CASES = [
    ["import", "/nonexistent/file.json"],
    ["import", "/"],
    ["import", "/dev/null"],
    ["export", "--journal", "/"],
    ["export", "--journal", "/dev/null"],
    ["where", "--journal", "\x1b[31m"],
    ["framework", "import", "/nonexistent.csv"],
    ["framework", "list", "--journal", "/etc/passwd"],
    ["report", "--journal", "/etc/hostname"],
    ["coach", "--journal", "/nonexistent/j.sqlite"],
]


@pytest.mark.parametrize("args", CLI_CASES, ids=[" ".join(a)[:40] for a in CLI_CASES])
def test_hostile_cli_arguments_get_a_message_not_a_traceback(args, capsys):
    code = cli.main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if args[0] != "where":
        assert code == 2 and err.startswith("stepup: "), err
