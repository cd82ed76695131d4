"""The phrase bank and structure-first habits (seeds/communication.yaml), validated on load."""

from __future__ import annotations

import re

import pytest

from widgets.content.communication import communication
from widgets.content.resources import seeds_dir
from widgets.content.seeds import ContentError

REQUIRED_GROUPS = {
    "signposting",
    "clarifying",
    "repeat_or_rephrase",
    "buying_time",
    "disagreeing",
    "summarising",
}
REQUIRED_HABITS = {
    "agenda_first",
    "diagram_first",
    "answer_first",
    "numbered_lists",
    "pausing_allowed",
    "check_in",
}
# Words that would make a phrase read as one track's: the bank is shown to both.
ONE_TRACK_WORDS = re.compile(
    r"\b(ML|model|models|feature|features|label|labels|training|retrain|"
    r"Postgres|PostgreSQL|Kafka|Redis)\b"
)


def test_the_bank_holds_every_required_group_with_several_phrases_and_a_when():
    bank = communication()
    groups = {g.id: g for g in bank.phrase_groups}
    assert REQUIRED_GROUPS <= set(groups)
    for group in bank.phrase_groups:
        assert len(group.phrases) >= 3, group.id
        assert group.when and group.name, group.id


def test_the_structure_first_habits_are_all_there_with_how_and_why():
    habits = {h.id: h for h in communication().habits}
    assert REQUIRED_HABITS <= set(habits)
    for habit in habits.values():
        assert habit.how and habit.why and habit.how != habit.why, habit.id


def test_every_group_and_habit_names_its_sources():
    bank = communication()
    for item in [*bank.phrase_groups, *bank.habits]:
        assert item.sources and all(s.strip() for s in item.sources), item.id


def test_ids_are_unique_and_no_phrase_appears_twice():
    bank = communication()
    ids = [item.id for item in [*bank.phrase_groups, *bank.habits]]
    assert len(ids) == len(set(ids))
    phrases = [p for g in bank.phrase_groups for p in g.phrases]
    assert len(phrases) == len(set(phrases))


def test_phrases_and_habits_read_right_for_both_tracks():
    bank = communication()
    texts = [p for g in bank.phrase_groups for p in g.phrases]
    texts += [g.when for g in bank.phrase_groups]
    texts += [t for h in bank.habits for t in (h.name, h.how, h.why)]
    assert [t for t in texts if ONE_TRACK_WORDS.search(t)] == []


def test_lookups_by_id():
    bank = communication()
    assert bank.group("clarifying").name == "Clarifying the question"
    assert bank.habit("answer_first").name == "The main point in one sentence first"
    assert bank.group("no_such_group") is None and bank.habit("no_such_habit") is None


def _copy_with(tmp_path, old: str, new: str):
    text = (seeds_dir() / "communication.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "communication.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def test_a_repeated_id_is_refused_with_the_file_named(tmp_path):
    folder = _copy_with(tmp_path, "- id: diagram_first", "- id: agenda_first")
    with pytest.raises(ContentError, match=r"communication\.yaml.*repeated: agenda_first"):
        communication(folder)


def test_a_group_without_sources_is_refused_naming_the_key(tmp_path):
    text = (seeds_dir() / "communication.yaml").read_text(encoding="utf-8")
    start = text.index("    sources:", text.index("- id: signposting"))
    end = text.index("  - id: clarifying")
    (tmp_path / "communication.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ContentError, match=r"phrase_groups\[0\]\.sources"):
        communication(tmp_path)


def test_a_misspelt_key_is_refused_naming_the_group(tmp_path):
    folder = _copy_with(tmp_path, "    when: >-", "    use_when: >-")
    with pytest.raises(ContentError, match=r"phrase_groups\[0\]"):
        communication(folder)
