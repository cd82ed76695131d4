"""Workbook 03: the STAR story bank, each story tagged to competencies and senior story types."""

from __future__ import annotations

from operator import attrgetter

import ipywidgets as w
from markupsafe import Markup
from traitlets import observe

from widgets.content import routes
from widgets.content.ladder import Framework
from widgets.content.seeds import StoryType
from widgets.content.wording import joined
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
from widgets.forms.thought_record_fields import spoken
from widgets.i18n import N_, gettext, npgettext
from widgets.readers.stories import project_label, projects, stories, story_label
from widgets.storage.journal import Journal
from widgets.storage.records import Profile, Story
from widgets.views.fragments import fragment

TEXTAREA = {"width": "100%", "max_width": "620px", "height": "70px"}
NO_PROJECT = ""
# Told aloud, not written: a story that reads well can still lose the listener.
CLARITY = [
    (N_("not rated yet"), None),
    (N_("1 · I lose the thread"), 1),
    (N_("2 · I get there, with detours"), 2),
    (N_("3 · clear, with some searching for words"), 3),
    (N_("4 · clear and in order"), 4),
    (N_("5 · main point first, clear, in about two minutes"), 5),
]


def _clarity_words(clarity: int | None) -> str:
    """The self-rating as its words (empty when not rated, so the card leaves it out)."""
    return next((gettext(label) for label, value in CLARITY if value == clarity and value), "")


def _project_choice(editor: StoryEditor, project_id: str | None) -> w.Dropdown:
    options = editor.project_options(project_id)
    return w.Dropdown(options=options, value=project_id or NO_PROJECT, **FROM_PROJECT)


def _clarity_choice(_editor: StoryEditor, clarity: int | None) -> w.Dropdown:
    options = [(gettext(label), value) for label, value in CLARITY]
    return w.Dropdown(options=options, value=clarity, **TOLD_ALOUD)


def _competency_grid(editor: StoryEditor, chosen: list[str]) -> TickGrid:
    competencies = editor.framework.competencies
    known = {c.id for c in competencies}
    options = [(c.id, c.name, c.descriptors.get("senior", "")) for c in competencies]
    gone = gettext("not in this framework")
    options += [(cid, cid, gone) for cid in chosen if cid not in known]
    return TickGrid(options, chosen, gettext("Competencies it shows"))


def _type_grid(editor: StoryEditor, chosen: list[str]) -> TickGrid:
    types = [(t.id, t.name, t.prompt) for t in editor.story_types]
    return TickGrid(types, chosen, gettext("Story types it answers"))


# Their words are msgids, said in the active language when the field is made (spoken).
FROM_PROJECT = {"description": N_("From project"), "style": LABEL_STYLE, "layout": FIELD_LAYOUT}
TOLD_ALOUD = {
    "description": N_("Told aloud"),
    "tooltip": N_("Say it aloud, main point first, then rate how clearly it came out"),
    "style": LABEL_STYLE,
    "layout": FIELD_LAYOUT,
}
_chosen = attrgetter("chosen")


# The story's answers, in the order they are written (see StoryEditor.FIELDS).
_DECLARED = (
    Field(
        "title",
        N_("Title"),
        lambda _editor, title: short_text(
            title,
            N_("Title"),
            N_("A short name you will recognise, e.g. 'The deadline we renegotiated'"),
        ),
        on_card=False,
    ),
    Field(
        "project_id",
        N_("From project"),
        _project_choice,
        read=lambda dropdown: dropdown.value or None,
        attr="project",
        on_card=False,  # the card names the project, not its id
    ),
    text_field(
        "headline",
        N_("Main point"),
        N_(
            "Write this first: the whole story in one sentence, e.g. 'I turned a vague request "
            "into a plan two teams agreed on, and we shipped a month early.'"
        ),
        lines=True,
        **{**TEXTAREA, "height": "48px"},
    ),
    text_field(
        "situation",
        N_("Situation"),
        N_("Context in two sentences: just enough to follow."),
        lines=True,
        **TEXTAREA,
    ),
    text_field(
        "task",
        N_("Task"),
        N_("What you were responsible for, and what was at stake."),
        lines=True,
        **TEXTAREA,
    ),
    text_field(
        "action",
        N_("Action"),
        N_(
            "The longest part: what YOU did, step by step: the decisions, the debugging, "
            "the conversations."
        ),
        lines=True,
        **{**TEXTAREA, "height": "110px"},
    ),
    text_field(
        "result",
        N_("Result"),
        N_("What changed, with numbers."),
        lines=True,
        **TEXTAREA,
    ),
    text_field(
        "learning",
        N_("What you learned"),
        N_("One or two behaviours you changed afterwards."),
        lines=True,
        **TEXTAREA,
    ),
    Field("clarity", N_("Told aloud"), _clarity_choice, words=_clarity_words),
    Field(
        "competencies",
        N_("Competencies"),
        _competency_grid,
        read=_chosen,
        attr="competency_grid",
        on_card=False,  # named from the framework (StoriesPanel.card)
    ),
    Field(
        "story_types",
        N_("Story types"),
        _type_grid,
        read=_chosen,
        attr="type_grid",
        on_card=False,  # named from the seeds
    ),
)


class StoryEditor(EntryEditor):
    """One STAR(+learning) story; ``competency_grid`` and ``type_grid`` tick their ids."""

    model = Story
    # Each made in the active language (labels, placeholders, tooltips are msgids).
    FIELDS = tuple(map(spoken, _DECLARED))

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
                    title=gettext("Competencies it shows"),
                    note=gettext("{framework}; ? beside a name: the senior bar").format(
                        framework=self.framework.name
                    ),
                )
            ),
            competencies,
            w.HTML(
                fragment(
                    "forms/label",
                    title=gettext("Story types it answers"),
                    note=gettext("? beside a type: how {askers} ask").format(
                        askers=routes.words(self.journal.record(Profile.kind), "askers")
                    ),
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
        options = [(gettext("(none)"), NO_PROJECT)] + [
            (project_label(p)[:60], pid) for pid, p in projects(self.journal)
        ]
        if linked and linked not in [pid for _, pid in options]:
            options.append((gettext("(a deleted project)"), linked))  # keep the link, not drop it
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
    return joined([named.get(i, i) for i in ids]) or "—"


def story_summary(story: Story, framework: Framework, story_types: list[StoryType]) -> str:
    """One line for a story: its label, then the story types and competencies it is tagged with,
    by name."""
    types = _names(story.story_types, {t.id: t.name for t in story_types})
    competencies = _names(story.competencies, {c.id: c.name for c in framework.competencies})
    return gettext("{story}: types {types}; competencies {competencies}").format(
        story=story_label(story), types=types, competencies=competencies
    )


class StoriesPanel(EntryListPanel):
    """The story bank: pick a story or write a new one; cards in the coach view."""

    noun = "story"
    plural = "stories"
    # Whole sentences about the kind (EntryListPanel), translated where shown.
    picker_label = N_("Your stories")
    new_label = N_("New story")
    unsaved_label = N_("New story (not saved yet)")
    empty_label = N_("No stories yet.")

    def count_heading(self, count: int) -> str:
        # "Stories: {count}" alone is the story-bank chart's line (panels/stories.py): a context
        # keeps the two sentences apart in the catalogue.
        if self.readonly:
            return npgettext(
                "story bank list",
                "Stories: {count} — read-only",
                "Stories: {count} — read-only",
                count,
            )
        return npgettext("story bank list", "Stories: {count}", "Stories: {count}", count)

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
            (N_("From project"), project_label(project) if project else ""),
            *field_parts(StoryEditor.FIELDS, record),
            (
                N_("Story types"),
                _names(record.story_types, {t.id: t.name for t in self.story_types}),
            ),
            (
                N_("Competencies"),
                _names(record.competencies, {c.id: c.name for c in self.framework.competencies}),
            ),
        ]
        # The parts' names are msgids (the fields' labels, marked where declared): said here.
        said = [(gettext(name), words) for name, words in parts]
        return text_card(story_label(record), gettext("STAR story"), said)
