"""Workbook 03: the STAR story bank, each story tagged to competencies and senior story types."""

from __future__ import annotations

import ipywidgets as w
from markupsafe import Markup
from traitlets import observe

from widgets.content.ladder import Framework
from widgets.content.seeds import StoryType
from widgets.forms.base import FIELD_LAYOUT, LABEL_STYLE, FieldRow, TickGrid
from widgets.forms.entries import EntryEditor, EntryListPanel, text_card
from widgets.forms.rehearsal import RehearsalSection
from widgets.readers.stories import project_label, projects, stories, story_label
from widgets.storage.journal import Journal
from widgets.storage.records import Story
from widgets.views.fragments import fragment

TEXTAREA = {"width": "100%", "max_width": "620px", "height": "70px"}
NO_PROJECT = ""
# Told aloud, not written: a story that reads well can still lose the listener.
CLARITY = [
    ("not rated yet", None),
    ("1 · I lose the thread", 1),
    ("2 · I get there, with detours", 2),
    ("3 · clear, with some searching for words", 3),
    ("4 · clear and in order", 4),
    ("5 · main point first, clear, in about two minutes", 5),
]


class StoryEditor(EntryEditor):
    """One STAR(+learning) story; ``competency_grid`` and ``type_grid`` tick their ids."""

    model = Story

    def __init__(
        self,
        journal: Journal,
        framework: Framework,
        story_types: list[StoryType],
        entry_id=None,
        record=None,
    ):
        self.framework, self.story_types = framework, story_types
        super().__init__(journal, entry_id, record)

    def build(self) -> None:
        s = self.value
        text = {"style": LABEL_STYLE}
        self.title = w.Text(
            value=s.title,
            description="Title",
            placeholder="A short name you will recognise, e.g. 'The deadline we renegotiated'",
            layout=FIELD_LAYOUT,
            **text,
        )
        self.project = w.Dropdown(
            options=self._project_options(),
            value=s.project_id or NO_PROJECT,
            description="From project",
            style=LABEL_STYLE,
            layout=FIELD_LAYOUT,
        )
        self.headline = w.Textarea(
            value=s.headline,
            description="Main point",
            placeholder="Write this first: the whole story in one sentence, e.g. 'I turned a vague request into a plan two teams agreed on, and we shipped a month early.'",
            layout={"width": "100%", "max_width": "620px", "height": "48px"},
            **text,
        )
        self.situation = w.Textarea(
            value=s.situation,
            description="Situation",
            placeholder="Context in two sentences: just enough to follow.",
            layout=TEXTAREA,
            **text,
        )
        self.task = w.Textarea(
            value=s.task,
            description="Task",
            placeholder="What you were responsible for, and what was at stake.",
            layout=TEXTAREA,
            **text,
        )
        self.action = w.Textarea(
            value=s.action,
            description="Action",
            placeholder="The longest part: what YOU did, step by step: the decisions, the debugging, the conversations.",
            layout={"width": "100%", "max_width": "620px", "height": "110px"},
            **text,
        )
        self.result = w.Textarea(
            value=s.result,
            description="Result",
            placeholder="What changed, with numbers.",
            layout=TEXTAREA,
            **text,
        )
        self.learning = w.Textarea(
            value=s.learning,
            description="What you learned",
            placeholder="One or two behaviours you changed afterwards.",
            layout=TEXTAREA,
            **text,
        )
        self.clarity = w.Dropdown(
            options=CLARITY,
            value=s.clarity,
            description="Told aloud",
            tooltip="Say it aloud, main point first, then rate how clearly it came out",
            style=LABEL_STYLE,
            layout=FIELD_LAYOUT,
        )
        self.fields = [
            "title",
            "project",
            "headline",
            "situation",
            "task",
            "action",
            "result",
            "learning",
            "clarity",
        ]
        self.rows = {name: FieldRow(getattr(self, name)) for name in self.fields}
        known = [c.id for c in self.framework.competencies]
        options = [
            (c.id, c.name, c.descriptors.get("senior", "")) for c in self.framework.competencies
        ]
        options += [
            (cid, cid, "not in this framework") for cid in s.competencies if cid not in known
        ]
        self.competency_grid = TickGrid(options, s.competencies, "Competencies it shows")
        self.type_grid = TickGrid(
            [(t.id, t.name, t.prompt) for t in self.story_types],
            s.story_types,
            "Story types it answers",
        )
        self.rows["competencies"] = self.competency_grid
        self.rows["story_types"] = self.type_grid
        self.guidance = w.HTML()
        self.rehearsal = RehearsalSection(self.journal, "story", self.entry_id)
        self.children = (
            *[self.rows[name] for name in self.fields],
            w.HTML(
                fragment(
                    "forms/label",
                    title="Competencies it shows",
                    note=f"{self.framework.name}; ? beside a name: the senior bar",
                )
            ),
            self.rows["competencies"],
            w.HTML(
                fragment(
                    "forms/label",
                    title="Story types it answers",
                    note="? beside a type: how interviewers ask",
                )
            ),
            self.rows["story_types"],
            self.guidance,
            self.rehearsal,
            self.status_line,
        )
        self._show_guidance()

    def _project_options(self) -> list[tuple[str, str]]:
        options = [("(none)", NO_PROJECT)] + [
            (project_label(p)[:60], pid) for pid, p in projects(self.journal)
        ]
        linked = self.value.project_id
        if linked and linked not in [pid for _, pid in options]:
            options.append(
                ("(a deleted project)", linked)
            )  # keep the link rather than silently drop it
        return options

    def refresh_projects(self) -> None:
        """A project was added or renamed in this kernel: offer it without saving anything."""
        current = self.project.value
        options = self._project_options()
        # Held: new options send the dropdown through "(none)"; the story's value must not follow.
        with self.hold_trait_notifications():
            self.project.options = options
            self.project.value = current if current in [pid for _, pid in options] else NO_PROJECT

    def controls(self) -> list[w.Widget]:
        return [getattr(self, name) for name in self.fields] + [
            self.competency_grid,
            self.type_grid,
        ]

    def collect(self) -> dict:
        return {
            "title": self.title.value,
            "project_id": self.project.value or None,
            "headline": self.headline.value,
            "situation": self.situation.value,
            "task": self.task.value,
            "action": self.action.value,
            "result": self.result.value,
            "learning": self.learning.value,
            "competencies": list(self.competency_grid.chosen),
            "story_types": list(self.type_grid.chosen),
            "clarity": self.clarity.value,
        }

    @observe("value")
    def _guidance_follows(self, _change) -> None:
        if hasattr(self, "guidance"):
            self._show_guidance()

    def _show_guidance(self) -> None:
        ticked = [t for t in self.story_types if t.id in self.value.story_types]
        self.guidance.value = fragment("forms/story_guidance", story_types=ticked)

    def summary(self) -> str:
        return story_summary(self.value, self.framework, self.story_types)


def _clarity_words(clarity: int | None) -> str:
    """The self-rating as its words (empty when not rated, so the card leaves it out)."""
    return next((label for label, value in CLARITY if value == clarity and value), "")


def _names(ids: list[str], named: dict[str, str]) -> str:
    return ", ".join(named.get(i, i) for i in ids) or "—"


def story_summary(story: Story, framework: Framework, story_types: list[StoryType]) -> str:
    types = _names(story.story_types, {t.id: t.name for t in story_types})
    competencies = _names(story.competencies, {c.id: c.name for c in framework.competencies})
    return f"{story_label(story)}: types {types}; competencies {competencies}"


class StoriesPanel(EntryListPanel):
    """The story bank: pick a story or write a new one; cards in the coach view."""

    noun = "story"
    plural = "stories"

    def __init__(
        self,
        journal: Journal,
        framework: Framework,
        story_types: list[StoryType],
        readonly: bool = False,
    ):
        self.framework, self.story_types = framework, story_types
        super().__init__(journal, readonly=readonly)
        if not readonly:
            self.listen(journal, self._on_journal_change)

    def _on_journal_change(self, kind: str, _entry_id: str) -> None:
        if kind == "project" and isinstance(self.editor, StoryEditor):
            self.editor.refresh_projects()

    def entries(self):
        return stories(self.journal)

    def record_kind(self) -> str:
        return Story.kind

    def label(self, record: Story) -> str:
        return story_label(record)

    def describe(self, record: Story) -> str:
        return story_summary(record, self.framework, self.story_types)

    def make_editor(self, entry_id, record) -> StoryEditor:
        return StoryEditor(self.journal, self.framework, self.story_types, entry_id, record)

    def card(self, entry_id: str, record: Story) -> Markup:
        project = self.journal.record("project", record.project_id) if record.project_id else None
        parts = [
            ("From project", project_label(project) if project else ""),
            ("Main point", record.headline),
            ("Situation", record.situation),
            ("Task", record.task),
            ("Action", record.action),
            ("Result", record.result),
            ("What you learned", record.learning),
            ("Told aloud", _clarity_words(record.clarity)),
            ("Story types", _names(record.story_types, {t.id: t.name for t in self.story_types})),
            (
                "Competencies",
                _names(record.competencies, {c.id: c.name for c in self.framework.competencies}),
            ),
        ]
        return text_card(story_label(record), "STAR story", parts)
