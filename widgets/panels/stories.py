"""Workbook 03's overview: deep-dive readiness per project, story coverage, research to do.

Redraws whenever a project or story is saved in the same kernel. Read-only by nature.
"""

from __future__ import annotations

import ipywidgets as w

from widgets import charts
from widgets.content import routes
from widgets.content.ladder import Framework
from widgets.content.seeds import DeepDiveQuestion, StoryType
from widgets.forms.base import CSS, Closes, SummaryRepr
from widgets.i18n import gettext
from widgets.panels.chart_image import ChartImage, alt_text
from widgets.panels.words import joined
from widgets.readers.stories import (
    coverage,
    drill_questions,
    project_label,
    projects,
    readiness,
    research_actions,
    stories,
    story_label,
)
from widgets.storage.journal import Journal
from widgets.storage.records import Profile, Project, Story
from widgets.views.fragments import fragment
from widgets.views.pictures import chart_png


class StoryCoveragePanel(Closes, SummaryRepr, w.VBox):
    """Workbook 03's overview: each project's deep-dive readiness, the research flagged, and
    which story types and competencies the stories cover (the drill questions are the
    engineer's track's)."""

    def __init__(
        self,
        journal: Journal,
        framework: Framework,
        questions: list[DeepDiveQuestion],
        story_types: list[StoryType],
    ):
        self.journal, self.framework, self.story_types = journal, framework, story_types
        self.questions = drill_questions(journal, questions)
        self.readiness_image = ChartImage(max_width="820px")
        self.types_image = ChartImage(max_width="820px")
        self.competencies_image = ChartImage(max_width="900px")
        self.gaps = w.HTML()
        self.research = w.HTML()
        super().__init__(
            children=(
                w.HTML(CSS),
                self.readiness_image,
                self.research,
                self.types_image,
                self.competencies_image,
                self.gaps,
            )
        )
        self.listen(journal, self._on_journal_change)
        self.redraw()

    def _on_journal_change(self, kind: str, _entry_id: str) -> None:
        if kind in (Project.kind, Story.kind):
            self.redraw()

    def redraw(self) -> None:
        """Read the projects and stories again and redraw the readiness chart, both coverage
        heatmaps, the research list and the uncovered story types."""
        found_projects, found_stories = projects(self.journal), stories(self.journal)
        type_columns = [(t.id, t.name) for t in self.story_types]
        competency_columns = [(c.id, c.name) for c in self.framework.competencies]
        self.data = {
            "readiness": [
                (project_label(p), *_counts(readiness(p, self.questions)))
                for _, p in found_projects
            ],
            "stories": [story_label(s) for _, s in found_stories],
            "types": coverage(found_stories, type_columns, "story_types"),
            "competencies": coverage(found_stories, competency_columns, "competencies"),
            "research": research_actions(found_projects, self.questions),
        }
        self.columns = {
            "types": [name for _, name in type_columns],
            "competencies": [name for _, name in competency_columns],
        }
        self.uncovered_types = [
            name for name, n in _per_column(self.columns["types"], self.data["types"]) if not n
        ]
        self.uncovered_competencies = [
            name
            for name, n in _per_column(self.columns["competencies"], self.data["competencies"])
            if not n
        ]
        self.readiness_image.show(
            chart_png(self.journal, charts.project_readiness, self.data["readiness"]),
            alt_text(
                gettext(
                    "How ready each project is for a deep dive (questions ready with confidence 4"
                    " or 5, of all its deep-dive questions)"
                ),
                _readiness_lines(self.data["readiness"]),
                gettext("no projects yet"),
            ),
        )
        for kind, image, title in (
            ("types", self.types_image, gettext("Your stories × senior story types")),
            (
                "competencies",
                self.competencies_image,
                gettext("Your stories × competencies ({framework})").format(
                    framework=self.framework.name
                ),
            ),
        ):
            image.show(
                chart_png(
                    self.journal,
                    charts.story_coverage,
                    self.data["stories"],
                    self.columns[kind],
                    self.data[kind],
                    title,
                ),
                self._coverage_alt(kind, title),
            )
        self.research.value = fragment("panels/story_research", research=self.data["research"])
        self.gaps.value = fragment(
            "panels/story_gaps",
            uncovered=self.uncovered_types,
            milestone=routes.words(self.journal.record(Profile.kind), "milestone"),
        )

    def _tags(self, kind: str) -> list[str]:
        """Per story, the columns of ``kind`` it is tagged with (a row of the heatmap)."""
        return [
            joined(name for name, tagged in zip(self.columns[kind], row, strict=True) if tagged)
            or gettext("none")
            for row in self.data[kind]
        ]

    def _totals(self, kind: str) -> str:
        """How many stories each column holds: the count the chart puts by its label."""
        return joined(
            gettext("{name} {count}").format(name=name, count=n)
            for name, n in _per_column(self.columns[kind], self.data[kind])
        )

    def _coverage_alt(self, kind: str, title: str) -> str:
        drawn = self.data["stories"] and self.columns[kind]  # else the chart says "No stories yet"
        per_column = (
            gettext("stories per type: {counts}")
            if kind == "types"
            else gettext("stories per competency: {counts}")
        )
        return alt_text(
            title,
            [
                gettext("{story}: {tags}").format(story=story, tags=tags)
                for story, tags in zip(self.data["stories"], self._tags(kind), strict=True)
            ]
            + [per_column.format(counts=self._totals(kind))]
            if drawn
            else [],
            gettext("no stories yet"),
        )

    def summary(self) -> str:
        lines = [gettext("Deep-dive readiness")]
        lines += [f"  {line}" for line in _readiness_lines(self.data["readiness"])] or [
            "  " + gettext("(no projects)")
        ]
        lines.append(gettext("Research flags: {count}").format(count=len(self.data["research"])))
        lines += [
            "  " + gettext("{project}: {question}").format(project=a.project, question=a.question)
            for a in self.data["research"]
        ]
        lines.append(gettext("Stories: {count}").format(count=len(self.data["stories"])))
        tags = {kind: self._tags(kind) for kind in ("types", "competencies")}
        lines += [
            "  "
            + gettext("{story}: types {types}; competencies {competencies}").format(
                story=story, types=types, competencies=competencies
            )
            for story, types, competencies in zip(
                self.data["stories"], tags["types"], tags["competencies"], strict=True
            )
        ]
        if self.data["stories"]:  # else the charts say "No stories yet", with no counts
            lines += [
                "  " + gettext("stories per type: {counts}").format(counts=self._totals("types")),
                "  "
                + gettext("stories per competency: {counts}").format(
                    counts=self._totals("competencies")
                ),
            ]
        none = gettext("none")
        lines.append(
            "  "
            + gettext("story types with no story: {names}").format(
                names=joined(self.uncovered_types) or none
            )
        )
        lines.append(
            "  "
            + gettext("competencies with no story: {names}").format(
                names=joined(self.uncovered_competencies) or none
            )
        )
        return "\n".join(lines)


def _readiness_lines(projects) -> list[str]:
    return [
        gettext("{project}: {ready}/{total} ready, {answered} answered").format(
            project=label, ready=ready, total=total, answered=answered
        )
        for label, ready, answered, total in projects
    ]


def _per_column(columns: list[str], matrix: list[list[int]]) -> list[tuple[str, int]]:
    """How many stories are tagged with each column: the count the chart puts by its label."""
    return [(name, sum(row[index] for row in matrix)) for index, name in enumerate(columns)]


def _counts(ready) -> tuple[int, int, int]:
    return ready.ready, ready.answered, ready.total
