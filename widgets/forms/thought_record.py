"""Workbook 01: CBT thought records on limiting beliefs.

Editable: a record picker, one record's fields (autosaved as a draft on every change, every
version kept in the journal's history), guidance from the prompt bank, and "Mark complete".
When the engineer judges that the evidence supports the thought, the record ends in an action
instead of a balanced thought, and that action joins the growth plan (workbook 05) once.
Read-only (the coach): every record as a card, nothing editable.
"""

from __future__ import annotations

import re

import ipywidgets as w
from markupsafe import Markup
from pydantic import ValidationError
from traitlets import observe

from widgets.content.seeds import BeliefPromptsFile, DistortionsFile
from widgets.forms import commands
from widgets.forms.base import (
    CSS,
    FIELD_LAYOUT,
    LABEL_STYLE,
    DateField,
    FieldRow,
    JournalForm,
    TickGrid,
    friendly_message,
    long_text,
    number_text,
    parse_number,
    short_text,
)
from widgets.forms.entries import EntryListPanel, text_card
from widgets.readers.beliefs import belief_label, thought_records
from widgets.readers.plan import action_from
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import Rerating, ThoughtRecord
from widgets.storage.sources import ActionSource
from widgets.views.fragments import fragment

STRENGTH = {
    "greater_than_equal": "strength_range",
    "less_than_equal": "strength_range",
    "int_parsing": "strength_whole",
    "int_from_float": "strength_whole",
}
OWN_BELIEF = "own"
LINE = {"width": "100%", "max_width": "620px"}
TEXTAREA = {**LINE, "height": "80px"}
NEXT_STEPS = [
    ("The evidence doesn't fully support it → write a balanced thought", "reframe"),
    ("The evidence mostly supports it → plan what to do about it", "act"),
]
# Shown only for one next step each: the balanced thought, or the action that replaces it.
REFRAME_FIELDS = ("balanced_thought", "balanced_strength")
ACT_FIELDS = ("action", "action_done_when", "action_due")


def parse_emotions(text: str) -> list[dict] | str:
    """'anxious 80, ashamed 60' → [{'name': 'anxious', 'intensity': 80}, …]; bad text is kept for a message."""
    emotions = []
    for part in filter(None, (p.strip() for p in re.split(r"[,;\n]", text))):
        match = re.fullmatch(r"(.*?)\s*(-?\d+(?:[.,]\d+)?)?\s*%?", part)
        name, number = match.group(1).strip(), match.group(2)
        emotions.append({"name": name, "intensity": parse_number(number) if number else None})
    return emotions


def emotions_text(record: ThoughtRecord) -> str:
    return ", ".join(
        e.name + (f" {e.intensity}" if e.intensity is not None else "") for e in record.emotions
    )


def _field_of(loc: tuple) -> str:
    if loc[0] == "experiment" and len(loc) > 1:
        return f"experiment_{loc[1]}"
    if loc[0] == "action" and len(loc) > 1 and loc[1] != "what":
        return f"action_{loc[1]}"
    return str(loc[0])


class ThoughtRecordEditor(JournalForm):
    """One thought record's fields, autosaved to its journal entry.

    Attributes
    ----------
    entry_id : the journal entry (chosen before the first save; nothing is written until the
        situation or the belief holds something).
    rows : field name → :class:`FieldRow`; ``distortions``: the tick grid of thinking traps.
    """

    model = ThoughtRecord
    fields = (
        "prompt",
        "recorded_on",
        "situation",
        "belief",
        "strength_before",
        "emotions",
        "evidence_for",
        "evidence_against",
        "next_step",
        "balanced_thought",
        "balanced_strength",
        "action",
        "action_done_when",
        "action_due",
        "strength_after",
        "experiment_plan",
        "experiment_due",
        "experiment_outcome",
    )

    def __init__(
        self,
        journal: Journal,
        distortions: DistortionsFile,
        prompts: BeliefPromptsFile,
        entry_id: str | None = None,
        record: ThoughtRecord | None = None,
    ):
        self.prompts = prompts
        r = record or self.blank()
        self._build_belief(r, prompts)
        self.distortions = TickGrid(
            [(d.id, d.name, d.definition) for d in distortions.distortions],
            r.distortions,
            "Thinking traps in this belief",
        )
        self._build_next_step(r)
        self._build_experiment(r)
        self.rows = {name: FieldRow(getattr(self, name)) for name in self.fields}
        self.rows["distortions"] = self.distortions
        self.guidance = w.HTML()
        self._build_rerating()
        self.complete_button = w.Button(
            description="Mark complete", icon="check", button_style="success"
        )
        super().__init__(journal, entry_id=entry_id)
        self.load(r, record)
        self.wire(self.controls())
        self.prompt.observe(self._on_prompt, names="value")
        self.rerate_button.on_click(self._on_rerate)
        self.complete_button.on_click(self._on_complete)
        self.children = self._layout()
        self._show_guidance()
        self._show_reratings()
        self._show_next_step()
        self.say("Complete record." if r.status == "complete" else "Draft: saved as you go.")

    def _build_belief(self, r: ThoughtRecord, prompts: BeliefPromptsFile) -> None:
        """The belief and what happened: the record's first half."""
        self.prompt = w.Dropdown(
            options=[("My own belief", OWN_BELIEF)] + [(p.belief, p.id) for p in prompts.prompts],
            value=r.prompt_id or OWN_BELIEF,
            description="Start from",
            style=LABEL_STYLE,
            layout=LINE,
        )
        self.recorded_on = DateField(
            value=r.recorded_on, description="Date", style=LABEL_STYLE, layout=FIELD_LAYOUT
        )
        self.situation = long_text(
            r.situation,
            "Situation",
            "What happened, where, when: the facts a camera would record.",
            **TEXTAREA,
        )
        self.belief = long_text(
            r.belief,
            "The belief",
            "The thought in your own words, e.g. 'They'll find out in the deep dive.'",
            **TEXTAREA,
        )
        self.strength_before = short_text(
            number_text(r.strength_before), "Believe it (0–100)", "0–100"
        )
        self.emotions = short_text(
            emotions_text(r), "Emotions (0–100)", "e.g. anxious 80, ashamed 50", **LINE
        )
        self.evidence_for = long_text(
            r.evidence_for, "Evidence for", "Facts only, not interpretations.", **TEXTAREA
        )
        self.evidence_against = long_text(
            r.evidence_against,
            "Evidence against",
            "What doesn't fit? What would you tell a friend? Has it ever not been true?",
            **TEXTAREA,
        )

    def _build_next_step(self, r: ThoughtRecord) -> None:
        """Where the evidence points: a balanced thought, or an action for the plan."""
        self.next_step = w.RadioButtons(
            options=NEXT_STEPS,
            value=r.next_step,
            description="The evidence",
            style=LABEL_STYLE,
            layout={"width": "100%", "max_width": "760px"},
        )
        self.action = short_text(
            r.action.what,
            "What you will do",
            "One concrete step, e.g. 'Reread the design doc and redo the numbers'",
            **LINE,
        )
        self.action_done_when = long_text(
            r.action.done_when, "Done when", "How you will know it is done.", **TEXTAREA
        )
        self.action_due = DateField(
            value=r.action.due, description="By", style=LABEL_STYLE, layout=FIELD_LAYOUT
        )
        self.plan_link = w.HTML()
        self.balanced_thought = long_text(
            r.balanced_thought,
            "Balanced thought",
            "A fairer reading that holds both columns of evidence.",
            **TEXTAREA,
        )
        self.balanced_strength = short_text(
            number_text(r.balanced_strength), "Believe that (0–100)", "0–100"
        )
        self.strength_after = short_text(
            number_text(r.strength_after), "Original, re-rated", "0–100"
        )

    def _build_experiment(self, r: ThoughtRecord) -> None:
        self.experiment_plan = long_text(
            r.experiment.plan,
            "Experiment",
            "One small test of the belief: what will you do?",
            **TEXTAREA,
        )
        self.experiment_due = DateField(
            value=r.experiment.due, description="Do it by", style=LABEL_STYLE, layout=FIELD_LAYOUT
        )
        self.experiment_outcome = long_text(
            r.experiment.outcome,
            "What happened",
            "Afterwards: what happened, and what it says about the belief.",
            **TEXTAREA,
        )

    def _build_rerating(self) -> None:
        """Re-ratings in later weeks: a strength, a note and a button, one row."""
        self.rerate_strength = w.Text(
            description="Re-rate today",
            placeholder="0–100",
            style=LABEL_STYLE,
            layout={"width": "260px"},
        )
        self.rerate_note = w.Text(  # labelled: a placeholder is no name for a screen reader
            description="Note",
            placeholder="optional",
            style={"description_width": "initial"},
            layout={"width": "260px"},
        )
        self.rerate_button = w.Button(  # never cut to "Add re-r…" in a narrow column
            description="Add re-rating", icon="plus", layout={"width": "auto", "flex": "0 0 auto"}
        )
        self.rerate_row = FieldRow(
            w.HBox([self.rerate_strength, self.rerate_note, self.rerate_button])
        )
        self.reratings_html = w.HTML()

    def _layout(self) -> tuple[w.Widget, ...]:
        """The rows in the order a record is worked through; the guidance under the prompt, the
        distortions after the emotions, the plan link after the action."""
        rows = [self.rows[name] for name in self.fields]
        at = self.fields.index
        distortions_label = w.HTML(
            fragment(
                "forms/label", title="Distortions it shows", note="? beside a name: what it means"
            )
        )
        return (
            w.HTML(CSS),
            rows[0],
            self.guidance,
            *rows[1 : at("evidence_for")],
            distortions_label,
            self.rows["distortions"],
            *rows[at("evidence_for") : at("strength_after")],
            self.plan_link,
            *rows[at("strength_after") :],
            w.HTML(fragment("forms/label", title="Re-ratings in later weeks")),
            self.reratings_html,
            self.rerate_row,
            w.HBox([self.complete_button, self.status_line]),
        )

    def blank(self) -> ThoughtRecord:
        return ThoughtRecord(recorded_on=clock.today())

    def controls(self) -> list[w.Widget]:
        return [getattr(self, name) for name in self.fields] + [self.distortions]

    def buttons(self) -> list[w.Widget]:
        return [self.complete_button, self.rerate_button]

    def field_of(self, loc: tuple) -> str:
        return _field_of(loc)

    def message(self, field: str, errors: list[dict]) -> str:
        return friendly_message(
            errors[0], STRENGTH if "strength" in field or field == "emotions" else None
        )

    def worth_saving(self, record: ThoughtRecord) -> bool:
        return bool(
            record.situation.strip() or record.belief.strip()
        )  # an untouched new record is not an entry yet

    # -- reading the form -----------------------------------------------------------------------
    def collect(self) -> dict:
        return {
            "status": self.value.status,
            "prompt_id": None if self.prompt.value == OWN_BELIEF else self.prompt.value,
            "recorded_on": self.recorded_on.value,
            "situation": self.situation.value,
            "belief": self.belief.value,
            "strength_before": parse_number(self.strength_before.value),
            "emotions": parse_emotions(self.emotions.value),
            "distortions": list(self.distortions.chosen),
            "evidence_for": self.evidence_for.value,
            "evidence_against": self.evidence_against.value,
            "next_step": self.next_step.value,
            "action": {
                "what": self.action.value,
                "done_when": self.action_done_when.value,
                "due": self.action_due.value,
            },
            "balanced_thought": self.balanced_thought.value,
            "balanced_strength": parse_number(self.balanced_strength.value),
            "strength_after": parse_number(self.strength_after.value),
            "experiment": {
                "plan": self.experiment_plan.value,
                "due": self.experiment_due.value,
                "outcome": self.experiment_outcome.value,
            },
            "reratings": [r.model_dump() for r in self.value.reratings],
        }

    @property
    def record(self) -> ThoughtRecord:
        return self.stored or self.value

    def saved_words(self, record: ThoughtRecord) -> str:
        return "Complete record saved" if record.status == "complete" else "Draft saved"

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
        """Store what the controls hold (they autosave; tests may call this), optionally completing."""
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
        if hasattr(self, "plan_link"):
            self._show_next_step()

    def _show_next_step(self) -> None:
        """The balanced-thought step, or the action that replaces it (answers are kept)."""
        act = self.next_step.value == "act"
        for name in REFRAME_FIELDS + ACT_FIELDS:
            self.rows[name].layout.display = None if (name in ACT_FIELDS) == act else "none"
        self.plan_link.layout.display = None if act else "none"

    # -- side panels ----------------------------------------------------------------------------
    def _show_guidance(self) -> None:
        prompt = self.prompts.by_id(self.prompt.value)
        self.guidance.value = fragment("forms/belief_guidance", prompt=prompt) if prompt else ""

    @observe("value")
    def _reratings_follow(self, _change) -> None:
        self._show_reratings()

    def _show_reratings(self) -> None:
        self.reratings_html.value = fragment("forms/reratings", reratings=self.value.reratings)

    def summary(self) -> str:
        return record_summary(self.record, self.distortions)


def record_summary(record: ThoughtRecord, distortions: DistortionsFile) -> str:
    names = [distortions.by_id(d).name if distortions.by_id(d) else d for d in record.distortions]
    series = " → ".join(str(s) for _, s in record.strength_series()) or "not rated"
    lines = [
        f"{record.recorded_on.isoformat()} [{record.status}] {belief_label(record)}",
        f"  strength: {series}",
        f"  distortions: {', '.join(names) or '—'}",
    ]
    if record.next_step == "act":
        due = f" (by {record.action.due.isoformat()})" if record.action.due else ""
        lines.append(f"  evidence supports it; action: {record.action.what or '—'}{due}")
    if record.experiment.plan:
        lines.append(
            f"  experiment: {record.experiment.plan}"
            + (f" (by {record.experiment.due.isoformat()})" if record.experiment.due else "")
            + (" — done" if record.experiment.outcome else "")
        )
    return "\n".join(lines)


def record_card_html(record: ThoughtRecord, distortions: DistortionsFile) -> Markup:
    """A read-only card of one record."""
    names = [distortions.by_id(d).name if distortions.by_id(d) else d for d in record.distortions]
    series = " → ".join(str(s) for _, s in record.strength_series()) or "not rated"
    due = record.experiment.due
    reratings = "; ".join(
        f"{r.on.isoformat()}: {r.strength}" + (f" ({r.note})" if r.note else "")
        for r in record.reratings
    )
    return text_card(
        belief_label(record),
        f"{record.recorded_on.isoformat()} · {record.status} · strength {series}",
        [
            ("Situation", record.situation),
            ("Emotions", emotions_text(record)),
            ("Distortions", ", ".join(names)),
            ("Evidence for", record.evidence_for),
            ("Evidence against", record.evidence_against),
            *_next_step_parts(record),
            ("Experiment", record.experiment.plan),
            ("Do it by", due.isoformat() if due else ""),
            ("What happened", record.experiment.outcome),
            ("Re-ratings", reratings),
        ],
    )


def _next_step_parts(record: ThoughtRecord) -> list[tuple[str, str]]:
    if record.next_step == "act":
        due = record.action.due
        return [
            (
                "Where the evidence points",
                "it mostly supports the thought: an action, not a reframe",
            ),
            ("What they will do", record.action.what),
            ("Done when", record.action.done_when),
            ("By", due.isoformat() if due else ""),
        ]
    return [
        ("Balanced thought", record.balanced_thought),
        ("Belief in the balanced thought", number_text(record.balanced_strength)),
    ]


class ThoughtRecordsPanel(EntryListPanel):
    """All thought records: pick one to edit or start a new one; in read-only, every record as a card."""

    noun = "thought record"

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
        return f"{record.recorded_on.isoformat()} · {belief_label(record)[:70]} ({record.status})"

    def describe(self, record: ThoughtRecord) -> str:
        return record_summary(record, self.distortions)

    def make_editor(self, entry_id, record) -> ThoughtRecordEditor:
        return ThoughtRecordEditor(
            self.journal, self.distortions, self.prompts, entry_id=entry_id, record=record
        )

    def card(self, entry_id: str, record: ThoughtRecord) -> Markup:
        return record_card_html(record, self.distortions)

    def new_record(self) -> ThoughtRecordEditor:
        return self.new_entry()
