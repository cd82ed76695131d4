"""Workbook 03: the STAR story bank, each story tagged to competencies and senior story types."""

from __future__ import annotations

from operator import attrgetter

import ipywidgets as w
from markupsafe import Markup
from traitlets import observe

from widgets.content import routes
from widgets.content.ladder import Framework
from widgets.content.seeds import StoryType
from widgets.forms.base import (
    FIELD_LAYOUT,
    LABEL_STYLE,
    Field,
    TickGrid,
    field_parts,
    short_text,
    text_field,
)
from widgets.forms.entries import EntryEditor, EntryListPanel, text_card
from widgets.forms.rehearsal import RehearsalSection
from widgets.readers.stories import project_label, projects, stories, story_label
from widgets.storage.journal import Journal
from widgets.storage.records import Profile, Story
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


def _clarity_words(clarity: int | None) -> str:
    """The self-rating as its words (empty when not rated, so the card leaves it out)."""
    return next((label for label, value in CLARITY if value == clarity and value), "")


def _project_choice(editor: StoryEditor, project_id: str | None) -> w.Dropdown:
    options = editor.project_options(project_id)
    return w.Dropdown(options=options, value=project_id or NO_PROJECT, **FROM_PROJECT)


def _clarity_choice(_editor: StoryEditor, clarity: int | None) -> w.Dropdown:
    return w.Dropdown(options=CLARITY, value=clarity, **TOLD_ALOUD)


def _competency_grid(editor: StoryEditor, chosen: list[str]) -> TickGrid:
    competencies = editor.framework.competencies
    known = {c.id for c in competencies}
    options = [(c.id, c.name, c.descriptors.get("senior", "")) for c in competencies]
    options += [(cid, cid, "not in this framework") for cid in chosen if cid not in known]
    return TickGrid(options, chosen, "Competencies it shows")


def _type_grid(editor: StoryEditor, chosen: list[str]) -> TickGrid:
    types = [(t.id, t.name, t.prompt) for t in editor.story_types]
    return TickGrid(types, chosen, "Story types it answers")


FROM_PROJECT = {"description": "From project", "style": LABEL_STYLE, "layout": FIELD_LAYOUT}
TOLD_ALOUD = {
    "description": "Told aloud",
    "tooltip": "Say it aloud, main point first, then rate how clearly it came out",
    "style": LABEL_STYLE,
    "layout": FIELD_LAYOUT,
}
_chosen = attrgetter("chosen")


class StoryEditor(EntryEditor):
    """One STAR(+learning) story; ``competency_grid`` and ``type_grid`` tick their ids."""

    model = Story
    FIELDS = (
        Field(
            "title",
            "Title",
            lambda _editor, title: short_text(
                title,
                "Title",
                "A short name you will recognise, e.g. 'The deadline we renegotiated'",
            ),
            on_card=False,
        ),
        Field(
            "project_id",
            "From project",
            _project_choice,
            read=lambda dropdown: dropdown.value or None,
            attr="project",
            on_card=False,  # the card names the project, not its id
        ),
        text_field(
            "headline",
            "Main point",
            "Write this first: the whole story in one sentence, e.g. 'I turned a vague request "
            "into a plan two teams agreed on, and we shipped a month early.'",
            lines=True,
            **{**TEXTAREA, "height": "48px"},
        ),
        text_field(
            "situation",
            "Situation",
            "Context in two sentences: just enough to follow.",
            lines=True,
            **TEXTAREA,
        ),
        text_field(
            "task",
            "Task",
            "What you were responsible for, and what was at stake.",
            lines=True,
            **TEXTAREA,
        ),
        text_field(
            "action",
            "Action",
            "The longest part: what YOU did, step by step: the decisions, the debugging, "
            "the conversations.",
            lines=True,
            **{**TEXTAREA, "height": "110px"},
        ),
        text_field("result", "Result", "What changed, with numbers.", lines=True, **TEXTAREA),
        text_field(
            "learning",
            "What you learned",
            "One or two behaviours you changed afterwards.",
            lines=True,
            **TEXTAREA,
        ),
        Field("clarity", "Told aloud", _clarity_choice, words=_clarity_words),
        Field(
            "competencies",
            "Competencies",
            _competency_grid,
            read=_chosen,
            attr="competency_grid",
            on_card=False,  # named from the framework (StoriesPanel.card)
        ),
        Field(
            "story_types",
            "Story types",
            _type_grid,
            read=_chosen,
            attr="type_grid",
            on_card=False,  # named from the seeds
        ),
    )

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
        """The STAR answers, the competencies and story types it shows under their labels, the
        guidance for the types ticked, the rehearsal takes, then the status line."""
        *answers, competencies, types = self.make_fields(self.value)
        self.guidance = w.HTML()
        self.rehearsal = RehearsalSection(self.journal, "story", self.entry_id)
        self.children = (
            *answers,
            w.HTML(
                fragment(
                    "forms/label",
                    title="Competencies it shows",
                    note=f"{self.framework.name}; ? beside a name: the senior bar",
                )
            ),
            competencies,
            w.HTML(
                fragment(
                    "forms/label",
                    title="Story types it answers",
                    note="? beside a type: how "
                    f"{routes.words(self.journal.record(Profile.kind), 'askers')} ask",
                )
            ),
            types,
            self.guidance,
            self.rehearsal,
            self.status_line,
        )
        self._show_guidance()

    def project_options(self, linked: str | None) -> list[tuple[str, str]]:
        """(label, id) of every project, and of the linked one if it was deleted since."""
        options = [("(none)", NO_PROJECT)] + [
            (project_label(p)[:60], pid) for pid, p in projects(self.journal)
        ]
        if linked and linked not in [pid for _, pid in options]:
            options.append(("(a deleted project)", linked))  # keep the link, not drop it
        return options

    def refresh_projects(self) -> None:
        """A project was added or renamed in this kernel: offer it without saving anything."""
        current = self.project.value
        options = self.project_options(self.value.project_id)
        # Held: new options send the dropdown through "(none)"; the story's value must not follow.
        with self.hold_trait_notifications():
            self.project.options = options
            self.project.value = current if current in [pid for _, pid in options] else NO_PROJECT

    @observe("value")
    def _guidance_follows(self, _change) -> None:
        if hasattr(self, "guidance"):
            self._show_guidance()

    def _show_guidance(self) -> None:
        ticked = [t for t in self.story_types if t.id in self.value.story_types]
        self.guidance.value = fragment("forms/story_guidance", story_types=ticked)

    def summary(self) -> str:
        return story_summary(self.value, self.framework, self.story_types)


def _names(ids: list[str], named: dict[str, str]) -> str:
    return ", ".join(named.get(i, i) for i in ids) or "—"


def story_summary(story: Story, framework: Framework, story_types: list[StoryType]) -> str:
    """One line for a story: its label, then the story types and competencies it is tagged with,
    by name."""
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
            *field_parts(StoryEditor.FIELDS, record),
            ("Story types", _names(record.story_types, {t.id: t.name for t in self.story_types})),
            (
                "Competencies",
                _names(record.competencies, {c.id: c.name for c in self.framework.competencies}),
            ),
        ]
        return text_card(story_label(record), "STAR story", parts)
