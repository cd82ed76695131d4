"""Typed text is saved while typing: committed after a pause, or at once when the page is hidden.

The widgets are driven by the messages the browser sends (``update`` with the box's whole value
at every key, the page's ``commit`` when it is hidden), and time by a clock of the test's own,
so a pause is exact. The stateful machine interleaves keys, short waits, pauses, page hides,
ticks (committed at once), new records and kernel restarts, and after every step checks the
journal against a model: what was committed is stored, one revision per commit (never one per
key), and the status line says "Saved" only when the journal holds what is in the boxes.
"""

from __future__ import annotations

import collections
import datetime as dt
import heapq
import itertools
import os
import tempfile
from pathlib import Path

import ipywidgets as w
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from widgets import thought_records
from widgets.forms import base
from widgets.forms.base import PAUSE_SECONDS, TYPING_STATUS, Pauses, page_keys
from widgets.storage import current
from widgets.storage.journal import Journal

TODAY = dt.date(2026, 11, 16)
SCALE = float(os.environ.get("STEPUP_STATEFUL_SCALE", "1"))
STEPS_RUN: collections.Counter = collections.Counter()


class Clock:
    """The kernel's event loop as far as pauses go: ``call_later`` and time that moves on demand."""

    def __init__(self):
        self.now = 0.0
        self._due: list = []
        self._order = itertools.count()

    def call_later(self, delay: float, callback, *args):
        handle = _Handle()
        due = (self.now + delay, next(self._order), lambda: callback(*args), handle)
        heapq.heappush(self._due, due)
        return handle

    def advance(self, seconds: float) -> None:
        end = self.now + seconds
        while self._due and self._due[0][0] <= end:
            when, _, callback, handle = heapq.heappop(self._due)
            self.now = when
            if not handle.cancelled:
                callback()
        self.now = end


class _Handle:
    cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def browser_sends(widget: w.Widget, **state) -> None:
    """What the page sends when a control changes (ipywidgets' ``update`` message)."""
    widget._handle_msg({"content": {"data": {"method": "update", "state": state}}})


def page_hidden() -> None:
    """What the page sends on ``pagehide`` or when its tab is hidden (static/page_keys.js)."""
    message = {"method": "custom", "content": {"commit": "now"}}
    page_keys()._handle_msg({"content": {"data": message}, "buffers": []})


def type_keys(box: w.Widget, words: str, clock: Clock, gap: float = 0.1) -> None:
    """Type ``words`` into ``box`` one key at a time, ``gap`` seconds apart."""
    for end in range(1, len(words) + 1):
        browser_sends(box, value=box.value + words[end - 1])
        clock.advance(gap)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(base, "PAUSES", Pauses(loop_of=lambda: clock))
    return clock


def revisions(journal_path: Path, entry_id: str) -> list[dict]:
    with Journal(journal_path, readonly=True) as journal:
        return [revision.data for revision in journal.history(entry_id)]


def test_a_sentence_never_left_is_saved_after_a_pause(journal_path, clock):
    editor = thought_records().editor
    type_keys(editor.belief, "They'll find out", clock)
    assert editor.stored is None, "saved before the pause"
    assert editor.status == TYPING_STATUS
    clock.advance(PAUSE_SECONDS)
    assert editor.stored.belief == "They'll find out"
    assert "saved at" in editor.status.lower()
    assert [r["belief"] for r in revisions(journal_path, editor.entry_id)] == ["They'll find out"]


def test_two_hundred_keys_with_pauses_make_one_revision_a_pause(journal_path, clock):
    editor = thought_records().editor
    for burst in range(4):  # 4 bursts of 50 keys, each key 0.3 s after the one before
        type_keys(editor.situation, f"burst {burst} " + "x" * 42, clock, gap=0.3)
        clock.advance(PAUSE_SECONDS)
    history = revisions(journal_path, editor.entry_id)
    assert len(history) == 4
    assert history[-1]["situation"] == editor.situation.value.strip()


def test_a_hidden_page_commits_at_once(journal_path, clock):
    editor = thought_records().editor
    type_keys(editor.belief, "I am behind", clock, gap=0.01)
    page_hidden()
    assert editor.stored.belief == "I am behind"
    clock.advance(10)  # the pause that follows finds nothing left to commit
    assert len(revisions(journal_path, editor.entry_id)) == 1


def test_a_tick_commits_the_typed_words_with_it(journal_path, clock):
    editor = thought_records().editor
    type_keys(editor.belief, "Senior design is beyond me", clock)
    editor.distortions.tick(editor.distortions.options[0][0])
    assert editor.stored.belief == "Senior design is beyond me"
    assert editor.stored.distortions == [editor.distortions.options[0][0]]
    clock.advance(10)
    assert len(revisions(journal_path, editor.entry_id)) == 1


def test_words_typed_then_another_record_opened_stay_in_their_record(journal_path, clock):
    panel = thought_records()
    first = panel.editor
    type_keys(first.belief, "First", clock)
    clock.advance(PAUSE_SECONDS)
    type_keys(first.belief, " and more", clock)
    panel.new_button.click()  # before the pause: the words belong to the first record
    assert panel.editor is not first
    with Journal(journal_path, readonly=True) as journal:
        assert journal.record("thought_record", first.entry_id).belief == "First and more"
    clock.advance(10)
    assert panel.editor.stored is None  # nothing of the first record leaked into the new one


def test_typing_back_to_what_is_stored_saves_nothing_and_says_so(journal_path, clock):
    editor = thought_records().editor
    type_keys(editor.belief, "Stuck", clock)
    clock.advance(PAUSE_SECONDS)
    saved_status = editor.status
    browser_sends(editor.belief, value="Stuck!")
    browser_sends(editor.belief, value="Stuck")
    assert editor.status == TYPING_STATUS
    clock.advance(PAUSE_SECONDS)
    assert editor.status == saved_status
    assert len(revisions(journal_path, editor.entry_id)) == 1


def test_a_composites_typed_answer_waits_for_the_pause_too(journal_path, clock):
    from widgets import competency_ratings

    form = competency_ratings().form
    row = next(iter(form.rows.values()))
    for end in range(1, 12):
        browser_sends(row, evidence="Led the mig"[:end])
        clock.advance(0.1)
    assert revisions(journal_path, form.entry_id) == []
    clock.advance(PAUSE_SECONDS)
    history = revisions(journal_path, form.entry_id)
    assert [r["ratings"][row.competency.id]["evidence"] for r in history] == ["Led the mig"]


def test_text_boxes_send_every_key(journal_path):
    """Without continuous updates the browser sends a box's value only when it is left, and a
    closed tab loses the sentence (issue 28)."""
    editor = thought_records().editor
    assert editor.belief.continuous_update and editor.situation.continuous_update


# -- the stateful machine ---------------------------------------------------------------------
CHUNKS = st.sampled_from(["a", "b", " ", "They", "'ll ", "find out", "\n", "é", "x" * 30])


class TypingMachine(RuleBasedStateMachine):
    """Thought records typed into key by key, against a model of what must be in the journal."""

    def __init__(self):
        super().__init__()
        self._dir = tempfile.TemporaryDirectory()
        self.path = Path(self._dir.name) / "journal.sqlite"
        self._env = {k: os.environ.get(k) for k in (current.JOURNAL_ENV, "STEPUP_TODAY")}
        os.environ[current.JOURNAL_ENV] = str(self.path)
        os.environ["STEPUP_TODAY"] = TODAY.isoformat()
        self._pauses = base.PAUSES
        current.close_all()

    def _kernel_starts(self) -> None:
        clock = self.clock = Clock()  # a new kernel: the old one's timers died with it
        base.PAUSES = Pauses(loop_of=lambda: clock)
        self.panel = thought_records()

    @initialize()
    def open_panel(self):
        self._kernel_starts()
        self.committed: dict[str, dict] = {}  # entry id → belief and situation in the journal
        self.commits: collections.Counter = collections.Counter()  # entry id → revisions made

    @property
    def editor(self):
        return self.panel.editor

    def _shown(self) -> dict:
        """What the form shows, as the journal would hold it."""
        grid = self.editor.distortions
        return {
            "belief": self.editor.belief.value.strip(),
            "situation": self.editor.situation.value.strip(),
            "trap": grid.options[0][0] in grid.chosen,
        }

    def _commit_expected(self) -> None:
        """The form commits now: the model follows if there is something new worth saving."""
        shown = self._shown()
        entry_id = self.editor.entry_id
        before = self.committed.get(entry_id)
        if before is None and not (shown["belief"] or shown["situation"]):
            return  # a record with no words is not an entry yet
        if shown != before:
            self.committed[entry_id] = shown
            self.commits[entry_id] += 1
        self.waiting = False

    @rule(field=st.sampled_from(["belief", "situation"]), chunk=CHUNKS)
    def key(self, field, chunk):
        box = getattr(self.editor, field)
        browser_sends(box, value=box.value + chunk)
        self.waiting = True

    @rule(field=st.sampled_from(["belief", "situation"]))
    def backspace(self, field):
        box = getattr(self.editor, field)
        browser_sends(box, value=box.value[:-1])
        self.waiting = True

    @rule(seconds=st.sampled_from([0.1, 0.5, 0.9]))
    def short_wait(self, seconds):
        self.clock.advance(seconds)
        # a wait that completes a pause begun by earlier short waits commits too
        if getattr(self, "waiting", False) and not base.PAUSES.waiting(self.editor):
            self._commit_expected()

    @rule()
    def pause(self):
        was_waiting = base.PAUSES.waiting(self.editor)
        self.clock.advance(PAUSE_SECONDS + 0.01)
        if was_waiting:
            self._commit_expected()

    @rule()
    def page_hides(self):
        was_waiting = base.PAUSES.waiting(self.editor)
        page_hidden()
        if was_waiting:
            self._commit_expected()

    @rule()
    def tick_a_trap(self):
        grid = self.editor.distortions
        first = grid.options[0][0]
        grid.tick(first, first not in grid.chosen)
        # A tick commits every box at once; a record with no words is not an entry yet.
        self._commit_expected()

    @rule()
    def new_record(self):
        if base.PAUSES.waiting(self.editor):
            self._commit_expected()  # the open record's words are committed before it closes
        self.panel.new_button.click()
        self.waiting = False

    @precondition(lambda self: len(self.committed) > 1)
    @rule(data=st.data())
    def pick_another(self, data):
        entry_id = data.draw(st.sampled_from(list(self.committed)))
        if entry_id == self.editor.entry_id:
            return  # already open: nothing closes, so nothing is committed
        if base.PAUSES.waiting(self.editor):
            self._commit_expected()  # the open record's words are committed before it closes
        self.panel.picker.value = entry_id
        self.waiting = False

    @rule()
    def kernel_restarts(self):
        """The kernel dies: keys it had not committed are gone with it (the page's own copy
        is lost on a restart too); the journal is what the new kernel shows."""
        current.close_all()
        self._kernel_starts()
        self.waiting = False

    @invariant()
    def journal_holds_what_was_committed(self):
        if not self.path.exists():
            assert not self.committed
            return
        with Journal(self.path, readonly=True) as journal:
            stored = {entry.id: entry for entry in journal.entries("thought_record")}
            assert set(stored) == set(self.committed), "a record was lost or made twice"
            for entry_id, fields in self.committed.items():
                data = stored[entry_id].data
                trap = self.editor.distortions.options[0][0] in data["distortions"]
                held = {"belief": data["belief"], "situation": data["situation"], "trap": trap}
                assert held == fields
                history = journal.history(entry_id)
                assert len(history) == self.commits[entry_id], "a revision per key, or one lost"

    @invariant()
    def saved_only_when_stored(self):
        if not hasattr(self, "panel"):
            return
        STEPS_RUN["typing"] += 1
        editor = self.editor
        shown = self._shown()
        held = self.committed.get(editor.entry_id)
        if "saved at" in editor.status.lower():
            assert held == shown, "the status says Saved for words not in the journal"
        if base.PAUSES.waiting(editor):
            assert editor.status == TYPING_STATUS

    def teardown(self):
        base.PAUSES = self._pauses
        current.close_all()
        for key, value in self._env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._dir.cleanup()


TypingMachine.TestCase.settings = settings(
    max_examples=max(1, round(80 * SCALE)),
    stateful_step_count=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
test_typing_against_the_model = TypingMachine.TestCase


def test_the_machine_ran_enough_steps():
    """Runs after the machine (file order): at least 2,000 steps at full scale."""
    if SCALE >= 1 and STEPS_RUN["typing"]:
        assert STEPS_RUN["typing"] >= 2000, STEPS_RUN
    print(f"typing machine: {STEPS_RUN['typing']} steps")
