"""Workbook 03: the project inventory, the deep-dive drill and depth recovery for each project.

Every field autosaves (a revision each time); a refused value keeps its last good answer and
gets its message beside it. In the coach view each project is a read-only card. Placeholders
follow the profile's track.
"""

from __future__ import annotations

from typing import ClassVar

import ipywidgets as w
from markupsafe import Markup
from traitlets import Bool, Int, List, Tuple, Unicode, observe, validate

from widgets import i18n
from widgets.content import routes, tracks
from widgets.content import seeds as content
from widgets.content.messages import Plural
from widgets.content.seeds import DeepDiveQuestion, DepthGuide
from widgets.content.tracks import Track
from widgets.content.wording import joined
from widgets.forms.base import (
    Composite,
    composite_esm,
    date_field,
    field_parts,
    number_field,
    off_card,
    one_of,
    text_field,
)
from widgets.forms.composite_code import stub_words
from widgets.forms.depth import DepthSection, depth_card_parts, depth_counts, has_depth
from widgets.forms.drills import probe_words
from widgets.forms.entries import EntryEditor, EntryListPanel, text_card
from widgets.forms.rehearsal import RehearsalSection
from widgets.forms.words import options
from widgets.i18n import N_
from widgets.readers.stories import drill_questions, project_label, projects, readiness
from widgets.storage.journal import Journal
from widgets.storage.records import DrillAnswer, Profile, Project
from widgets.views.fragments import fragment

DRILL_CONFIDENCE = [  # the labels marked N_, translated where the probe is drawn
    ("—", None),
    (N_("1 · would stumble"), 1),
    (N_("2 · shaky"), 2),
    (N_("3 · fair"), 3),
    (N_("4 · solid"), 4),
    (N_("5 · solid under pressure"), 5),
]
TEXTAREA = {"width": "100%", "max_width": "620px", "height": "70px"}
TEAM_SIZE = {
    kind: "team_size"  # the words: widgets/content/messages.py
    for kind in (
        "greater_than_equal",
        "less_than_equal",
        "int_parsing",
        "int_from_float",
        "int_type",
    )
}


def _example(name: str):
    """The placeholder: the example of the editor's track (see ``Placeholders``)."""
    return lambda editor: getattr(editor.track.placeholders, name)


def _field_of(loc: tuple) -> str:
    return f"drill.{loc[1]}" if loc[0] == "drill" and len(loc) > 1 else str(loc[0])


class DrillQuestion(Composite):
    """One probe: the question, what a strong answer shows, the answer, confidence, research
    flag."""

    _esm = composite_esm("drill_question")
    ANSWERS = ("answer", "confidence", "needs_research")
    TYPED = ("answer",)

    answer = Unicode("", help="The answer, as it would be said").tag(sync=True)
    confidence = Int(None, allow_none=True, help="How solid the answer is, 1-5").tag(sync=True)
    needs_research = Bool(False, help="Becomes a growth-plan action").tag(sync=True)
    confidence_options = List(Tuple(Unicode(), Int(allow_none=True))).tag(sync=True)
    question = Unicode("", help="HTML: the probe and what a strong answer holds").tag(
        sync=True, html=True
    )
    question_name = Unicode("", help="Names the answer box for a screen reader").tag(sync=True)

    def __init__(self, question: DeepDiveQuestion, answer: DrillAnswer | None):
        answer = answer or DrillAnswer()
        self.probe = question
        super().__init__(
            confidence_options=options(DRILL_CONFIDENCE),
            answer=answer.answer,
            confidence=answer.confidence,
            needs_research=answer.needs_research,
            question=fragment("forms/drill_question", question=question),
            question_name=question.question,
            words={**stub_words(), **probe_words(question.question)},
        )

    @validate("confidence")
    def _one_of_the_choices(self, proposal):
        return one_of(self.confidence_options, proposal["value"])

    def value(self) -> dict:
        """The answer as the project's drill stores it."""
        return {
            "answer": self.answer,
            "confidence": self.confidence,
            "needs_research": self.needs_research,
        }

    def is_blank(self) -> bool:
        """Never touched: the probe stays out of the record."""
        return not self.answer.strip() and self.confidence is None and not self.needs_research


class ProjectEditor(EntryEditor):
    """One project's facts, its drill and its depth recovery; ``drill`` maps question id →
    :class:`DrillQuestion`, ``depth`` is the collapsible :class:`DepthSection`."""

    model = Project
    friendly: ClassVar[dict[str, dict[str, str]]] = {"team_size": TEAM_SIZE}
    # The project's facts; the examples are from the engineer's own kind of work. The name is
    # the card's title and the dates its subtitle, so the card's parts are the others.
    FIELDS = (
        off_card(text_field("name", N_("Project"), _example("project_name"))),
        text_field(
            "goal",
            N_("Goal"),
            N_("The business problem it solved, in one or two sentences."),
            lines=True,
            **TEXTAREA,
        ),
        text_field(
            "role",
            N_("Your role"),
            N_("What you owned and decided, in 'I' not 'we'."),
            lines=True,
            **TEXTAREA,
        ),
        number_field("team_size", N_("Team size"), N_("people")),
        text_field("stack", N_("Stack"), _example("project_stack")),
        off_card(date_field("started", N_("Started"))),
        off_card(date_field("ended", N_("Ended"))),
        text_field(
            "impact",
            N_("Measurable impact"),
            N_("Baseline → result, with numbers."),
            lines=True,
            **TEXTAREA,
        ),
    )

    def __init__(
        self,
        journal: Journal,
        questions: list[DeepDiveQuestion],
        entry_id=None,
        record=None,
        guide: DepthGuide | None = None,
        track: Track | None = None,
    ):
        self.questions, self.track = questions, track or tracks.of_profile(None)
        self.guide = guide or content.deep_dives().depth
        super().__init__(journal, entry_id, record)

    def _live_setting(self) -> str:
        """Where the engineer's routes have them answer probes live ("in the room")."""
        return routes.words(self.journal.record(Profile.kind), "live_setting")

    def build(self) -> None:
        """The facts from ``FIELDS``, then the drill, the depth and the rehearsal."""
        p = self.value
        facts = self.make_fields(p)
        # The drill and the depth are not plain answers: a probe per question of the bank, and
        # five lists in an accordion, each made and read by its own composite.
        self.drill = {q.id: DrillQuestion(q, p.drill.get(q.id)) for q in self.questions}
        self.rows.update({f"drill.{qid}": item for qid, item in self.drill.items()})
        self.depth = DepthSection(self.guide, p.depth, self.track, on_build=self.adopt)
        self.rows.update(self.depth.rows())
        self.readiness = w.HTML()
        self.rehearsal = RehearsalSection(self.journal, "project", self.entry_id)
        self.children = (
            *facts,
            w.HTML(
                fragment(
                    "forms/heading",
                    title=i18n.gettext("Deep-dive drill"),
                    note=i18n.gettext(
                        "Answer each probe as you would {setting}; rate how solid the answer is, "
                        "and flag what you need to look up."
                    ).format(setting=self._live_setting()),
                )
            ),
            self.readiness,
            *self.drill.values(),
            w.HTML(
                fragment(
                    "forms/heading",
                    title=i18n.gettext("Recover the depth"),
                    note=i18n.gettext(
                        "Where a probe found you unsure, go back to the project itself: open a "
                        "part below. Clear an entry's fields to remove it."
                    ),
                )
            ),
            self.depth,
            self.rehearsal,
            self.status_line,
        )
        self._show_readiness()

    def controls(self) -> list[w.Widget]:
        """The facts' controls, then the drill's probes and the depth's opened controls."""
        return super().controls() + list(self.drill.values()) + self.depth.controls()

    def buttons(self) -> list[w.Widget]:
        return self.depth.buttons()

    def field_of(self, loc: tuple) -> str:
        """The row of a refused value: a probe's, a depth entry's, or a fact's."""
        return self.depth.field_of(loc) if loc[0] == "depth" else _field_of(loc)

    def collect(self) -> dict:
        """The facts, the probes answered and the depth, for the record."""
        # Probes the engineer never touched stay out of the record; answers to probes no longer in
        # the bank (or off-track) are kept as they were, never dropped.
        drill = {qid: answer.model_dump() for qid, answer in self.value.drill.items()}
        drill.update(
            {
                qid: item.value()
                for qid, item in self.drill.items()
                if not item.is_blank() or qid in drill
            }
        )
        return {
            **self.read_fields(),
            "drill": drill,
            "depth": self.depth.value(self.value.depth),
        }

    @observe("value")
    def _readiness_follows(self, _change) -> None:
        if hasattr(self, "readiness"):
            self._show_readiness()
            self.depth.show(self.value.depth)

    def _show_readiness(self) -> None:
        self.readiness.value = fragment(
            "forms/readiness", ready=readiness(self.value, self.questions)
        )

    def summary(self) -> str:
        return project_summary(self.value, self.questions, self.guide, self.track)


def project_summary(
    project: Project, questions: list[DeepDiveQuestion], guide: DepthGuide, track: Track
) -> str:
    """A project in one line: its dates, how ready its drill is, how far its depth has come."""
    ready = readiness(project, questions)
    dates = " – ".join(d.isoformat() for d in (project.started, project.ended) if d)
    flagged = sum(a.needs_research for a in project.drill.values())
    project_name = project_label(project)
    if dates:
        project_name = i18n.gettext("{project} ({dates})").format(project=project_name, dates=dates)
    said = i18n.gettext(
        "{project}: ready {ready}/{total}, answered {answered}, {flagged} flagged for research"
    )
    counts = ""
    if has_depth(project.depth):
        counts = joined(list(depth_counts(project.depth, guide, track).values()))
        said = i18n.gettext(
            "{project}: ready {ready}/{total}, answered {answered}, {flagged} flagged for research;"
            " depth: {counts}"
        )
    return said.format(
        project=project_name,
        ready=ready.ready,
        total=ready.total,
        answered=ready.answered,
        flagged=flagged,
        counts=counts,
    )


def project_card(project: Project, questions: list[DeepDiveQuestion], guide: DepthGuide) -> Markup:
    """The coach's read-only card of a project: its facts, the probes answered, its depth."""
    ready = readiness(project, questions)
    dates = " – ".join(d.isoformat() for d in (project.started, project.ended) if d)
    parts = field_parts(ProjectEditor.FIELDS, project)
    for question in questions:  # in the bank's order, the order of a real walkthrough
        answer = project.drill.get(question.id)
        if answer and (answer.answer or answer.needs_research):
            flags = (
                i18n.gettext(" [confidence {confidence}/5, needs research]")
                if answer.needs_research
                else i18n.gettext(" [confidence {confidence}/5]")
            ).format(confidence=answer.confidence or "—")
            parts.append((question.question, answer.answer + flags))
    parts += depth_card_parts(project.depth, guide)
    readiness_words = {
        "ready": ready.ready,
        "total": ready.total,
        "share": i18n.format_percent(ready.share),
        "dates": dates,
    }
    subtitle = (
        i18n.gettext("{dates} · ready {ready}/{total} ({share})")
        if dates
        else i18n.gettext("ready {ready}/{total} ({share})")
    ).format(**readiness_words)
    return text_card(project_label(project), subtitle, parts)


class ProjectsPanel(EntryListPanel):
    """The project inventory: pick a project to drill, or add one; cards in the coach view."""

    noun = "project"
    picker_label = N_("Your projects")
    new_label = N_("New project")
    unsaved_label = N_("New project (not saved yet)")
    empty_label = N_("No projects yet.")
    count_label = Plural("Projects: {count}", "Projects: {count}", "count")
    readonly_count_label = Plural(
        "Projects: {count} — read-only", "Projects: {count} — read-only", "count"
    )

    def __init__(
        self,
        journal: Journal,
        questions: list[DeepDiveQuestion],
        readonly: bool = False,
        guide: DepthGuide | None = None,
    ):
        self.questions = drill_questions(journal, questions)
        self.guide = guide or content.deep_dives().depth
        self.track = tracks.of_profile(journal.record(Profile.kind))
        super().__init__(journal, readonly=readonly)

    def entries(self):
        return projects(self.journal)

    def record_kind(self) -> str:
        return Project.kind

    def label(self, record: Project) -> str:
        return project_label(record)

    def describe(self, record: Project) -> str:
        return project_summary(record, self.questions, self.guide, self.track)

    def make_editor(self, entry_id, record) -> ProjectEditor:
        return ProjectEditor(
            self.journal, self.questions, entry_id, record, guide=self.guide, track=self.track
        )

    def card(self, entry_id: str, record: Project) -> Markup:
        return project_card(record, self.questions, self.guide)
