"""Workbook 03: the project inventory and the deep-dive drill for each project.

Every field autosaves (a revision each time); a refused value keeps its last good answer and
gets its message beside it. In the coach view each project is a read-only card.
"""

from __future__ import annotations

from typing import ClassVar

import ipywidgets as w
from markupsafe import Markup
from traitlets import observe

from widgets.content.seeds import DeepDiveQuestion
from widgets.forms.base import (
    FIELD_LAYOUT,
    LABEL_STYLE,
    DateField,
    FieldRow,
    number_text,
    parse_number,
)
from widgets.forms.entries import EntryEditor, EntryListPanel, text_card
from widgets.readers.stories import drill_questions, project_label, projects, readiness
from widgets.storage.journal import Journal
from widgets.storage.records import DrillAnswer, Project
from widgets.views.fragments import fragment

DRILL_CONFIDENCE = [
    ("—", None),
    ("1 · would stumble", 1),
    ("2 · shaky", 2),
    ("3 · fair", 3),
    ("4 · solid", 4),
    ("5 · solid under pressure", 5),
]
TEXTAREA = {"width": "620px", "height": "70px"}
TEAM_SIZE = {
    kind: "Use a whole number of people from 1 to 1,000."
    for kind in (
        "greater_than_equal",
        "less_than_equal",
        "int_parsing",
        "int_from_float",
        "int_type",
    )
}


def _field_of(loc: tuple) -> str:
    return f"drill.{loc[1]}" if loc[0] == "drill" and len(loc) > 1 else str(loc[0])


class DrillQuestion(w.VBox):
    """One probe: the question, what a strong answer shows, the answer, confidence, research flag."""

    def __init__(self, question: DeepDiveQuestion, answer: DrillAnswer | None):
        answer = answer or DrillAnswer()
        self.question = question
        self.answer = w.Textarea(
            value=answer.answer,
            placeholder="Your answer, as you would say it out loud.",
            layout=TEXTAREA,
            continuous_update=False,
        )
        self.confidence = w.Dropdown(
            options=DRILL_CONFIDENCE,
            value=answer.confidence,
            description="Confidence",
            layout={"width": "300px"},
        )
        self.needs_research = w.Checkbox(
            value=answer.needs_research,
            description="Needs research (becomes a growth-plan action)",
            indent=False,
        )
        self.row = FieldRow(self.answer)
        header = w.HTML(fragment("forms/drill_question", question=question))
        super().__init__(
            children=(header, self.row, w.HBox([self.confidence, self.needs_research])),
            layout={"margin": "6px 0 10px 0"},
        )

    def controls(self) -> list[w.Widget]:
        return [self.answer, self.confidence, self.needs_research]

    def value(self) -> dict:
        return {
            "answer": self.answer.value,
            "confidence": self.confidence.value,
            "needs_research": self.needs_research.value,
        }

    def is_blank(self) -> bool:
        return (
            not self.answer.value.strip()
            and self.confidence.value is None
            and not self.needs_research.value
        )


class ProjectEditor(EntryEditor):
    """One project's facts and its drill; ``drill`` maps question id → :class:`DrillQuestion`."""

    model = Project
    friendly: ClassVar[dict[str, dict[str, str]]] = {"team_size": TEAM_SIZE}

    def __init__(
        self, journal: Journal, questions: list[DeepDiveQuestion], entry_id=None, record=None
    ):
        self.questions = questions
        super().__init__(journal, entry_id, record)

    def build(self) -> None:
        p = self.value
        text = {"style": LABEL_STYLE, "continuous_update": False}
        self.name = w.Text(
            value=p.name,
            description="Project",
            placeholder="e.g. Churn prediction model",
            layout=FIELD_LAYOUT,
            **text,
        )
        self.goal = w.Textarea(
            value=p.goal,
            description="Goal",
            placeholder="The business problem it solved, in one or two sentences.",
            layout=TEXTAREA,
            **text,
        )
        self.role = w.Textarea(
            value=p.role,
            description="Your role",
            placeholder="What you owned and decided, in 'I' not 'we'.",
            layout=TEXTAREA,
            **text,
        )
        self.team_size = w.Text(
            value=number_text(p.team_size),
            description="Team size",
            placeholder="people",
            layout=FIELD_LAYOUT,
            **text,
        )
        self.stack = w.Text(
            value=p.stack,
            description="Stack",
            placeholder="e.g. Python, Spark, XGBoost, Kubernetes",
            layout=FIELD_LAYOUT,
            **text,
        )
        self.started = DateField(
            value=p.started, description="Started", style=LABEL_STYLE, layout=FIELD_LAYOUT
        )
        self.ended = DateField(
            value=p.ended, description="Ended", style=LABEL_STYLE, layout=FIELD_LAYOUT
        )
        self.impact = w.Textarea(
            value=p.impact,
            description="Measurable impact",
            placeholder="Baseline → result, with numbers.",
            layout=TEXTAREA,
            **text,
        )
        self.fields = ["name", "goal", "role", "team_size", "stack", "started", "ended", "impact"]
        self.rows = {name: FieldRow(getattr(self, name)) for name in self.fields}
        self.drill = {q.id: DrillQuestion(q, p.drill.get(q.id)) for q in self.questions}
        self.rows.update({f"drill.{qid}": item.row for qid, item in self.drill.items()})
        self.readiness = w.HTML()
        self.children = (
            *[self.rows[name] for name in self.fields],
            w.HTML(
                fragment(
                    "forms/heading",
                    title="Deep-dive drill",
                    note="Answer each probe as you would in the room; "
                    "rate how solid the answer is, and flag what you need to look up.",
                )
            ),
            self.readiness,
            *self.drill.values(),
            self.status_line,
        )
        self._show_readiness()

    def controls(self) -> list[w.Widget]:
        return [getattr(self, name) for name in self.fields] + [
            c for item in self.drill.values() for c in item.controls()
        ]

    def field_of(self, loc: tuple) -> str:
        return _field_of(loc)

    def collect(self) -> dict:
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
            "name": self.name.value,
            "goal": self.goal.value,
            "role": self.role.value,
            "team_size": parse_number(self.team_size.value),
            "stack": self.stack.value,
            "started": self.started.value,
            "ended": self.ended.value,
            "impact": self.impact.value,
            "drill": drill,
        }

    @observe("value")
    def _readiness_follows(self, _change) -> None:
        if hasattr(self, "readiness"):
            self._show_readiness()

    def _show_readiness(self) -> None:
        self.readiness.value = fragment(
            "forms/readiness", ready=readiness(self.value, self.questions)
        )

    def summary(self) -> str:
        return project_summary(self.value, self.questions)


def project_summary(project: Project, questions: list[DeepDiveQuestion]) -> str:
    ready = readiness(project, questions)
    dates = " – ".join(d.isoformat() for d in (project.started, project.ended) if d)
    flagged = sum(a.needs_research for a in project.drill.values())
    return (
        f"{project_label(project)}"
        + (f" ({dates})" if dates else "")
        + f": ready {ready.ready}/{ready.total}, answered {ready.answered}, {flagged} flagged for research"
    )


def project_card(project: Project, questions: list[DeepDiveQuestion]) -> Markup:
    ready = readiness(project, questions)
    dates = " – ".join(d.isoformat() for d in (project.started, project.ended) if d)
    parts = [
        ("Goal", project.goal),
        ("Your role", project.role),
        ("Team size", number_text(project.team_size)),
        ("Stack", project.stack),
        ("Measurable impact", project.impact),
    ]
    for question in questions:  # in the bank's order, the order of a real walkthrough
        answer = project.drill.get(question.id)
        if answer and (answer.answer or answer.needs_research):
            flags = f" [confidence {answer.confidence or '—'}/5" + (
                ", needs research]" if answer.needs_research else "]"
            )
            parts.append((question.question, answer.answer + flags))
    subtitle = (
        f"{dates} · ready {ready.ready}/{ready.total} ({ready.share:.0%})"
        if dates
        else f"ready {ready.ready}/{ready.total} ({ready.share:.0%})"
    )
    return text_card(project_label(project), subtitle, parts)


class ProjectsPanel(EntryListPanel):
    """The project inventory: pick a project to drill, or add one; cards in the coach view."""

    noun = "project"

    def __init__(self, journal: Journal, questions: list[DeepDiveQuestion], readonly: bool = False):
        self.questions = drill_questions(journal, questions)
        super().__init__(journal, readonly=readonly)

    def entries(self):
        return projects(self.journal)

    def record_kind(self) -> str:
        return Project.kind

    def label(self, record: Project) -> str:
        return project_label(record)

    def describe(self, record: Project) -> str:
        return project_summary(record, self.questions)

    def make_editor(self, entry_id, record) -> ProjectEditor:
        return ProjectEditor(self.journal, self.questions, entry_id, record)

    def card(self, entry_id: str, record: Project) -> Markup:
        return project_card(record, self.questions)
