"""Workbook 03's reading of the journal: projects, drill readiness, research actions, story
coverage."""

from __future__ import annotations

from dataclasses import dataclass

from widgets.content import tracks
from widgets.content.seeds import DeepDiveQuestion
from widgets.i18n import gettext
from widgets.readers.latest import latest
from widgets.storage.journal import Journal
from widgets.storage.records import Profile, Project, Story

READY_CONFIDENCE = 4  # an answer counts as ready when rated 4 or 5 out of 5


def projects(journal: Journal) -> list[tuple[str, Project]]:
    """(entry id, project), oldest start first; undated projects last, by name."""
    found = [(entry.id, entry.record()) for entry in latest(journal).entries(Project.kind)]
    return sorted(
        found,
        key=lambda item: (
            item[1].started is None,
            item[1].started or 0,
            item[1].name.casefold(),
            item[0],
        ),
    )


def stories(journal: Journal) -> list[tuple[str, Story]]:
    """(entry id, story) for every live story, in the journal's order."""
    return [(entry.id, entry.record()) for entry in latest(journal).entries(Story.kind)]


def project_label(project: Project) -> str:
    """A project as charts and lists name it, with a placeholder while it is unnamed."""
    return project.name or gettext("(untitled project)")


def story_label(story: Story) -> str:
    """A story as charts and lists name it, with a placeholder while it is untitled."""
    return story.title or gettext("(untitled story)")


def drill_questions(journal: Journal, questions: list[DeepDiveQuestion]) -> list[DeepDiveQuestion]:
    """The probes for this engineer: those marked for other tracks left out."""
    track = tracks.of_profile(journal.record(Profile.kind))
    return [q for q in questions if track.applies(q.tracks)]


@dataclass(frozen=True)
class Readiness:
    """How ready a project is for a deep dive: drill questions answered with confidence 4 or more,
    answered at all, and asked."""

    ready: int
    answered: int
    total: int

    @property
    def share(self) -> float:
        """The share of questions ready (0 with no questions): the readiness chart's bar."""
        return self.ready / self.total if self.total else 0.0


def readiness(project: Project, questions: list[DeepDiveQuestion]) -> Readiness:
    """Share of drill questions answered with confidence ≥ 4 (the issue's readiness figure)."""
    answers = [project.drill.get(q.id) for q in questions]
    answered = [a for a in answers if a and a.answer.strip()]
    ready = [a for a in answered if (a.confidence or 0) >= READY_CONFIDENCE]
    return Readiness(len(ready), len(answered), len(questions))


@dataclass(frozen=True)
class ResearchAction:
    """A drill answer the engineer flagged "needs research": the project, the question and their
    note."""

    project: str
    question: str
    note: str


def research_actions(
    found: list[tuple[str, Project]], questions: list[DeepDiveQuestion]
) -> list[ResearchAction]:
    """Every drill answer flagged "needs research": the growth plan turns these into actions."""
    by_id = {q.id: q for q in questions}
    actions = []
    for _, project in found:
        for question_id, answer in project.drill.items():
            if answer.needs_research and question_id in by_id:
                actions.append(
                    ResearchAction(
                        project_label(project), by_id[question_id].question, answer.answer
                    )
                )
    return actions


def coverage(
    found: list[tuple[str, Story]], columns: list[tuple[str, str]], field: str
) -> list[list[int]]:
    """Stories × columns (story types or competencies): 1 where the story is tagged with it."""
    return [
        [1 if column_id in getattr(story, field) else 0 for column_id, _ in columns]
        for _, story in found
    ]


def stories_by_competency(journal: Journal) -> dict[str, list[str]]:
    """Competency id → titles of the stories tagged with it (the radar's evidence links)."""
    linked: dict[str, list[str]] = {}
    for _, story in stories(journal):
        for competency_id in story.competencies:
            linked.setdefault(competency_id, []).append(story_label(story))
    return linked
