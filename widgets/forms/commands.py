"""Every write the workbooks make to the journal, each a named command and one transaction.

A form's answers reach the journal through its one save path (``JournalForm._store`` in
:mod:`widgets.forms.base`), which calls :func:`save_record` or, for a form whose save writes
more than its own record, the command named for it (:func:`save_thought_record`). A click that
writes something else calls its command here: accepting a proposed action, a spoken take, the
radar's snapshot, a company ladder. No other module outside ``storage/`` writes to the journal
(``tests/test_one_save_path.py`` reads every module to check it).
"""

from __future__ import annotations

from widgets import i18n
from widgets.content import seeds as content
from widgets.content.ladder import Framework, LadderError
from widgets.readers.beliefs import belief_label
from widgets.readers.competencies import assessment, latest_coach, snapshot_of
from widgets.readers.plan import Proposal, action_from
from widgets.storage import clock
from widgets.storage.journal import Entry, Journal
from widgets.storage.records import (
    Action,
    CompetencySnapshot,
    CustomFramework,
    DrillAttempt,
    Record,
    Rehearsal,
    ThoughtRecord,
)
from widgets.storage.sources import ActionSource

PLANNED = (
    "what",
    "done_when",
    "due",
)  # what a thought record's action says; the plan owns the rest


def save_record(journal: Journal, record: Record, entry_id: str | None = None) -> Entry:
    """Store one record as a new revision of its entry (a form's save)."""
    return journal.save(record, entry_id)


def save_drill_attempt(journal: Journal, attempt: DrillAttempt) -> Entry:
    """Store one estimation drill attempt as an entry of its own: earlier attempts stay."""
    return journal.save(attempt)


def save_thought_record(
    journal: Journal, record: ThoughtRecord, entry_id: str, before: ThoughtRecord | None
) -> Entry:
    """Store a thought record and, when it ends in an action, that action in the growth plan,
    in one transaction: both are saved or neither is.

    The action is made once; a record saved again changes in the plan only what changed here
    since ``before`` (what the journal held), so an edit or a status set in the plan stays. An
    action the engineer deleted from the plan is not made again.
    """
    with journal.transaction():
        entry = journal.save(record, entry_id)
        if record.plans_an_action():
            _plan_follows(journal, record, entry_id, before)
    return entry


def _plan_follows(
    journal: Journal, record: ThoughtRecord, entry_id: str, before: ThoughtRecord | None
) -> None:
    source = ActionSource.belief(entry_id)
    planned = {name: getattr(record.action, name) for name in PLANNED}
    found = action_from(journal, source)
    if found is None:
        journal.save(
            Action(
                **planned,
                why=_why(record),
                source=source,
                created_on=clock.today(),
            )
        )
        return
    action_id, action, deleted = found
    if deleted or before is None:
        return
    edits = {k: v for k, v in planned.items() if getattr(before.action, k) != v}
    if edits:
        journal.save(Action.model_validate({**action.model_dump(), **edits}), action_id)


def _why(record: ThoughtRecord) -> str:
    """Why the plan holds a thought record's action: text the engineer may edit in the plan, so
    written once, in the language they use now, and stored as it is (never translated again)."""
    # Translators: {belief} is the engineer's own thought; {day} is an ISO date (2026-11-16).
    return i18n.gettext(
        'The evidence supports the thought "{belief}" (thought record of {day}, workbook 01).'
    ).format(belief=belief_label(record), day=record.recorded_on.isoformat())


def add_proposed_action(journal: Journal, proposal: Proposal) -> tuple[str, bool]:
    """Add a proposal to the plan as an open action: (its entry id, whether it was added now).

    A second press (a double-click reaches the button before the list is redrawn) finds the
    action the first one added: one proposal, one action.
    """
    with journal.transaction():
        found = action_from(journal, proposal.source)
        if found is not None and not found[2]:
            return found[0], False
        return journal.save(proposal.action(clock.today())).id, True


def save_take(journal: Journal, record: Rehearsal, audio: bytes) -> Entry:
    """Store a spoken take with its recording, in one transaction."""
    return journal.save_take(record, audio, record.audio.mime)


def delete_take(journal: Journal, entry_id: str) -> None:
    """Delete a take and its recording from every revision."""
    journal.delete_take(entry_id)


def save_snapshot(journal: Journal, framework: Framework) -> CompetencySnapshot | None:
    """Date today's ratings (and the coach's) as a snapshot; None when nothing is rated yet.

    One snapshot per day and framework: a second one today updates the first.
    """
    own = assessment(journal, framework)
    if not any(r.current for r in own.ratings.values()):
        return None
    snapshot = snapshot_of(framework, own, latest_coach(journal, framework.id), clock.today())
    with journal.transaction():
        same_day = [
            e.id
            for e in journal.entries(CompetencySnapshot.kind)
            if e.record().framework_id == framework.id and e.record().taken_on == snapshot.taken_on
        ]
        journal.save(snapshot, same_day[0] if same_day else None)
    return snapshot


def import_framework(journal: Journal, framework: Framework) -> bool:
    """Store a company ladder in the journal; returns True when it replaced one of the same id."""
    if framework.id in {f.id for f in content.frameworks()}:
        raise LadderError(  # said to the person importing (the CLI, the import panel)
            i18n.gettext(
                "'{name}' would replace the built-in framework '{id}'; "
                "give it another name (--name). Nothing was imported."
            ).format(name=framework.name, id=framework.id)
        )
    entry_id = CustomFramework.entry_id(framework.id)
    with journal.transaction():
        existing = journal.get(entry_id)
        journal.save(CustomFramework(framework=framework), entry_id)
    return existing is not None and existing.deleted_at is None
