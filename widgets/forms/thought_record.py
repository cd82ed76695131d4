"""Workbook 01: CBT thought records on limiting beliefs.

Editable: a record picker, one record's fields (autosaved as a draft on every change, every
version kept in the journal's history), guidance from the prompt bank, and "Mark complete".
When the engineer judges that the evidence supports the thought, the record ends in an action
instead of a balanced thought, and that action joins the growth plan (workbook 05) once.
Read-only (the coach): every record as a card, nothing editable.
"""

from __future__ import annotations

import ipywidgets as w
from markupsafe import Markup
from pydantic import ValidationError
from traitlets import observe

from widgets import i18n
from widgets.content.messages import Plural
from widgets.content.seeds import BeliefPromptsFile, DistortionsFile
from widgets.content.wellbeing import wellbeing
from widgets.content.wording import clauses, joined
from widgets.forms import commands
from widgets.forms.base import (
    CSS,
    LABEL_STYLE,
    FieldRow,
    JournalForm,
    field_parts,
    friendly_message,
    parse_number,
)
from widgets.forms.entries import EntryListPanel
from widgets.forms.thought_record_fields import (  # noqa: F401 (FIELDS and parse_emotions: read from here)
    _LABELS,
    FIELDS,
    LINE,
    RATED,
    STRENGTH,
    _field_of,
    parse_emotions,
)
from widgets.readers.beliefs import (
    belief_label,
    experiment_result,
    thought_records,
    wellbeing_signal,
)
from widgets.readers.plan import action_from
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import Rerating, ThoughtRecord
from widgets.storage.sources import ActionSource
from widgets.views.fragments import fragment


class ThoughtRecordEditor(JournalForm):
    """One thought record's fields, autosaved to its journal entry.

    Attributes
    ----------
    entry_id : the journal entry (chosen before the first save; nothing is written until the
        situation or the belief holds something).
    rows : field name → :class:`FieldRow`; ``distortions``: the tick grid of thinking traps.
    """

    model = ThoughtRecord
    FIELDS = FIELDS
    # Changed by the buttons ("Mark complete", "Add re-rating"), not by a control: kept as held.
    KEPT = ("status", "reratings")

    def __init__(
        self,
        journal: Journal,
        distortions: DistortionsFile,
        prompts: BeliefPromptsFile,
        entry_id: str | None = None,
        record: ThoughtRecord | None = None,
    ):
        self.prompts, self.distortions_file = prompts, distortions
        self.journal = journal  # the prompts offered follow the profile's routes (make_fields)
        r = record or self.blank()
        self.rows = {}
        rows = self.make_fields(r)
        self.guidance = w.HTML()
        self.plan_link = w.HTML()
        self.wellbeing = wellbeing()
        # Beside the emotions: where to get help, when the record's ratings or words call for it.
        self.wellbeing_note = w.HTML(_dom_classes=("stepup-wellbeing",))
        self._build_rerating()
        self.complete_button = w.Button(
            description=i18n.gettext("Mark complete"), icon="check", button_style="success"
        )
        super().__init__(journal, entry_id=entry_id)
        self.load(r, record)
        self.wire(self.controls())
        self.prompt.observe(self._on_prompt, names="value")
        self.rerate_button.on_click(self._on_rerate)
        self.complete_button.on_click(self._on_complete)
        self.children = self._layout(rows)
        self._show_guidance()
        self._show_reratings()
        self._show_next_step()
        self._show_wellbeing_note()
        self.say(
            i18n.gettext("Complete record.")
            if r.status == "complete"
            else i18n.gettext("Draft: saved as you go.")
        )

    def _build_rerating(self) -> None:
        """Re-ratings in later weeks: a strength, a note and a button, one row. Not a field: the
        button adds a re-rating to the record's list, the boxes are emptied once it is saved."""
        self.rerate_strength = w.Text(
            description=i18n.gettext("Re-rate today"),
            placeholder="0–100",
            style=LABEL_STYLE,
            layout={"width": "260px"},
        )
        self.rerate_note = w.Text(  # labelled: a placeholder is no name for a screen reader
            description=i18n.gettext("Note"),
            placeholder=i18n.gettext("optional"),
            style={"description_width": "initial"},
            layout={"width": "260px"},
        )
        self.rerate_button = w.Button(  # never cut to "Add re-r…" in a narrow column
            description=i18n.gettext("Add re-rating"),
            icon="plus",
            layout={"width": "auto", "flex": "0 0 auto"},
        )
        self.rerate_row = FieldRow(
            w.HBox([self.rerate_strength, self.rerate_note, self.rerate_button])
        )
        self.reratings_html = w.HTML()

    def _layout(self, rows: list[w.Widget]) -> tuple[w.Widget, ...]:
        """The rows in the order a record is worked through; the guidance under the prompt, the
        distortions under their label, the plan link after the action."""
        distortions_label = w.HTML(
            fragment(
                "forms/label",
                title=i18n.gettext("Then: distortions in the part that is not true"),
                note=i18n.gettext("? beside a name: what it means"),
            )
        )
        partly_true_label = w.HTML(fragment("forms/partly_true"))
        before = {
            "recorded_on": [self.guidance],
            # Asked first, before any label: a real problem is solved, not reframed.
            "partly_true": [self.wellbeing_note, partly_true_label],
            "distortions": [distortions_label],
            "strength_after": [self.plan_link],
            "experiment_prediction": [
                w.HTML(fragment("forms/label", title=i18n.gettext("Experiment")))
            ],
        }
        shown: list[w.Widget] = [w.HTML(CSS)]
        for field, row in zip(self.FIELDS, rows, strict=True):
            shown += [*before.get(field.name, ()), row]
        return (
            *shown,
            w.HTML(fragment("forms/label", title=i18n.gettext("Re-ratings in later weeks"))),
            self.reratings_html,
            self.rerate_row,
            w.HBox([self.complete_button, self.status_line]),
        )

    def blank(self) -> ThoughtRecord:
        return ThoughtRecord(recorded_on=clock.today())

    def buttons(self) -> list[w.Widget]:
        return [self.complete_button, self.rerate_button]

    def field_of(self, loc: tuple) -> str:
        return _field_of(loc)

    def message(self, field: str, errors: list[dict]) -> str:
        return friendly_message(
            errors[0], STRENGTH if field in RATED or "strength" in field else None
        )

    def worth_saving(self, record: ThoughtRecord) -> bool:
        return bool(
            record.situation.strip() or record.belief.strip()
        )  # an untouched new record is not an entry yet

    # -- reading the form -----------------------------------------------------------------------
    def collect(self) -> dict:
        return {**self.value.model_dump(include=set(self.KEPT)), **self.read_fields()}

    @property
    def record(self) -> ThoughtRecord:
        """The record as stored, or as held before its first save."""
        return self.stored or self.value

    def saved_words(self, record: ThoughtRecord) -> str:
        return (
            i18n.gettext("Complete record saved")
            if record.status == "complete"
            else i18n.gettext("Draft saved")
        )

    # -- events ---------------------------------------------------------------------------------
    def _on_prompt(self, change) -> None:
        prompt = self.prompts.by_id(change["new"])
        if not self.readonly and prompt and not self.belief.value.strip():
            self.belief.value = prompt.belief  # saves through the belief's own observer
        self._show_guidance()

    def _on_rerate(self, _button=None) -> None:
        if self.readonly:
            return
        try:
            rerating = Rerating(
                on=clock.today(),
                strength=parse_number(self.rerate_strength.value),
                note=self.rerate_note.value,
            )
        except ValidationError as error:
            self.rerate_row.show_error(friendly_message(error.errors()[0], STRENGTH))
            return
        self.rerate_row.show_error("")
        self.edited()  # what the fields hold now, first
        self.value = self.value.model_copy(update={"reratings": [*self.value.reratings, rerating]})
        if self.stored == self.value:
            self.rerate_strength.value, self.rerate_note.value = "", ""

    def _on_complete(self, _button=None) -> None:
        """The status is the last word: the fields' latest values first, then the new status."""
        if self.readonly:
            return
        self.edited()
        # A complete record has every answer it needs: what is missing is marked, it stays a draft.
        whole = self.value.model_copy(update={"status": "complete"})
        gaps = whole.completion_problems()
        if gaps:
            self.errors = {**self.errors, **gaps}
            return
        self.value = whole

    def save(self, status: str | None = None) -> ThoughtRecord | None:
        """Store what the controls hold (they autosave; tests may call this), optionally
        completing."""
        if status == "complete":
            self._on_complete()
        else:
            self.edited()
        return self.stored if self.stored is not None and self.stored == self.value else None

    # -- an action for the plan, when the evidence supports the thought --------------------------
    def write(self, record: ThoughtRecord) -> None:
        """The record and the plan action it ends in, in one transaction (see the command)."""
        commands.save_thought_record(self.journal, record, self.entry_id, self.stored)

    @observe("stored")
    def _plan_link_follows(self, _change) -> None:
        self._show_plan_link()

    def _show_plan_link(self) -> None:
        found = (
            action_from(self.journal, ActionSource.belief(self.entry_id))
            if self.stored is not None
            else None
        )
        self.plan_link.value = (
            fragment("forms/plan_link", action=found[1], deleted=found[2]) if found else ""
        )

    @observe("value")
    def _next_step_follows(self, _change) -> None:
        self._show_next_step()

    def _show_next_step(self) -> None:
        """The balanced-thought step, or the action that replaces it (answers are kept)."""
        for field in self.FIELDS:
            if field.shown is not None:
                self.rows[field.name].layout.display = None if field.applies(self.value) else "none"
        self.plan_link.layout.display = None if self.value.next_step == "act" else "none"

    # -- side panels ----------------------------------------------------------------------------
    def _show_guidance(self) -> None:
        prompt = self.prompts.by_id(self.prompt.value)
        self.guidance.value = fragment("forms/belief_guidance", prompt=prompt) if prompt else ""

    @observe("value")
    def _reratings_follow(self, _change) -> None:
        self._show_reratings()

    @observe("value")
    def _wellbeing_note_follows(self, _change) -> None:
        self._show_wellbeing_note()

    def _show_wellbeing_note(self) -> None:
        """The note on where to get help, while the record carries the signal; it blocks nothing
        and stores nothing (it is read from the record each time)."""
        signal = self.value is not None and wellbeing_signal(self.value, self.wellbeing)
        self.wellbeing_note.value = (
            fragment("forms/wellbeing_note", wellbeing=self.wellbeing) if signal else ""
        )

    def _show_reratings(self) -> None:
        self.reratings_html.value = fragment("forms/reratings", reratings=self.value.reratings)

    def summary(self) -> str:
        return record_summary(self.record, self.distortions_file)


def _distortion_names(record_ids: list[str], distortions: DistortionsFile) -> list[str]:
    return [distortions.by_id(d).name if distortions.by_id(d) else d for d in record_ids]


# A record's status (its id, as stored) as a person reads it.
STATUS = {"draft": i18n.N_("draft"), "complete": i18n.N_("complete")}


def _status(record: ThoughtRecord) -> str:
    return i18n.gettext(STATUS[record.status]) if record.status in STATUS else record.status


def _series(record: ThoughtRecord) -> str:
    """The belief's strength over time ("80 → 60 → 45"), or that it is not rated."""
    return " → ".join(i18n.format_number(s) for _, s in record.strength_series()) or i18n.gettext(
        "not rated"
    )


def _action_line(record: ThoughtRecord) -> str:
    what = record.action.what or "—"
    if record.action.due:
        return i18n.gettext("evidence supports it; action: {action} (by {due})").format(
            action=what, due=record.action.due.isoformat()
        )
    return i18n.gettext("evidence supports it; action: {action}").format(action=what)


def _experiment_line(record: ThoughtRecord) -> str:
    experiment = record.experiment
    due = experiment.due.isoformat() if experiment.due else ""
    if experiment.outcome:
        sentence = (
            i18n.gettext("experiment: {plan} (by {due}) — done")
            if due
            else i18n.gettext("experiment: {plan} — done")
        )
    else:
        sentence = (
            i18n.gettext("experiment: {plan} (by {due})")
            if due
            else i18n.gettext("experiment: {plan}")
        )
    return sentence.format(plan=experiment.plan, due=due)


def record_summary(record: ThoughtRecord, distortions: DistortionsFile) -> str:
    """A record in a few plain lines: the belief, its strength over time, the distortions, and
    the action or experiment it led to."""
    names = _distortion_names(record.distortions, distortions)
    lines = [
        i18n.gettext("{date} [{status}] {belief}").format(
            date=record.recorded_on.isoformat(), status=_status(record), belief=belief_label(record)
        ),
        "  " + i18n.gettext("strength: {series}").format(series=_series(record)),
        "  " + i18n.gettext("distortions: {names}").format(names=joined(names) or "—"),
    ]
    if record.next_step == "act":
        lines.append("  " + _action_line(record))
    if record.experiment.plan:
        lines.append("  " + _experiment_line(record))
    result = experiment_result(record)
    if result and record.experiment.prediction:  # a record from before predictions: as it was
        lines.append(
            "  "
            + i18n.gettext("predicted: {predicted} → happened: {happened}").format(
                predicted=result[0], happened=result[1]
            )
        )
    return "\n".join(lines)


def _rerating_words(rerating: Rerating) -> str:
    if rerating.note:
        return i18n.gettext("{day}: {strength} ({note})").format(
            day=rerating.on.isoformat(), strength=rerating.strength, note=rerating.note
        )
    return i18n.gettext("{day}: {strength}").format(
        day=rerating.on.isoformat(), strength=rerating.strength
    )


def record_card_html(record: ThoughtRecord, distortions: DistortionsFile) -> Markup:
    """A read-only card of one record: its answers as :data:`FIELDS` say them, then the
    re-ratings."""
    reratings = clauses([_rerating_words(r) for r in record.reratings])
    named = {"distortions": lambda ids: joined(_distortion_names(ids, distortions))}
    result = experiment_result(record)
    parts = [*field_parts(FIELDS, record, named), (i18n.N_("Re-ratings"), reratings)]
    return fragment(
        "forms/card",
        title=belief_label(record),
        subtitle=i18n.gettext("{date} · {status} · strength {series}").format(
            date=record.recorded_on.isoformat(), status=_status(record), series=_series(record)
        ),
        # The fields' names are msgids (marked where FIELDS declares them): said here.
        parts=[(i18n.gettext(name), words) for name, words in parts],
        # The prediction beside what happened, under the labels the form gives them.
        beside=fragment(
            "forms/experiment_result",
            heads=(
                i18n.gettext(_LABELS["experiment_prediction"]),
                i18n.gettext(_LABELS["experiment_outcome"]),
            ),
            result=result,
        )
        if result
        else "",
    )


class ThoughtRecordsPanel(EntryListPanel):
    """All thought records: pick one to edit or start a new one; in read-only, every record as a
    card."""

    noun = "thought record"
    # Whole sentences about the kind (EntryListPanel), translated where shown.
    picker_label = i18n.N_("Your thought records")
    new_label = i18n.N_("New thought record")
    unsaved_label = i18n.N_("New thought record (not saved yet)")
    empty_label = i18n.N_("No thought records yet.")
    count_label = Plural("Thought records: {count}", "Thought records: {count}", "count")
    readonly_count_label = Plural(
        "Thought records: {count} — read-only", "Thought records: {count} — read-only", "count"
    )

    def __init__(
        self,
        journal: Journal,
        distortions: DistortionsFile,
        prompts: BeliefPromptsFile,
        readonly: bool = False,
    ):
        self.distortions, self.prompts = distortions, prompts
        super().__init__(journal, readonly=readonly)

    def entries(self):
        return thought_records(self.journal)

    def record_kind(self) -> str:
        return ThoughtRecord.kind

    def label(self, record: ThoughtRecord) -> str:
        return i18n.gettext("{date} · {belief} ({status})").format(
            date=record.recorded_on.isoformat(),
            belief=belief_label(record)[:70],
            status=_status(record),
        )

    def describe(self, record: ThoughtRecord) -> str:
        return record_summary(record, self.distortions)

    def make_editor(self, entry_id, record) -> ThoughtRecordEditor:
        return ThoughtRecordEditor(
            self.journal, self.distortions, self.prompts, entry_id=entry_id, record=record
        )

    def card(self, entry_id: str, record: ThoughtRecord) -> Markup:
        return record_card_html(record, self.distortions)

    def new_record(self) -> ThoughtRecordEditor:
        """Start a new record, as the "New thought record" button does."""
        return self.new_entry()
