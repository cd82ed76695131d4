"""Workbook 02's forms: the engineer's self-assessment and the coach's view, per framework.

Every change autosaves the whole assessment for the framework as one revision. A refused value
(an evidence paste over the limit) gets a message beside its competency and the last good
rating is kept. The radar, snapshots and gaps live in ``panel_competency`` and follow the
framework chosen here through a shared :class:`FrameworkChoice`. Each form holds one row per
competency (``competency_rows``).
"""

from __future__ import annotations

import uuid
from typing import ClassVar

import ipywidgets as w
from traitlets import HasTraits, Unicode, observe, validate

from widgets import i18n
from widgets.content.ladder import Framework
from widgets.content.wording import clauses
from widgets.forms.base import CSS, LABEL_STYLE, JournalForm, error_html
from widgets.forms.competency_rows import CoachRow, CompetencyRow
from widgets.readers.competencies import (
    available_frameworks,
    coach_assessments,
    default_framework_id,
    default_weight,
    disagreements,
    gap_weighting,
    latest_coach,
    profile_target,
    stored_assessment,
)
from widgets.readers.stories import stories_by_competency
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import (
    CoachAssessment,
    CompetencyAssessment,
    CompetencyRating,
    Story,
)
from widgets.views import fragments
from widgets.views.fragments import fragment


class FrameworkChoice(HasTraits):
    """The framework the workbook's panels show; one per journal in a kernel."""

    framework_id = Unicode("")

    def __init__(self, journal: Journal):
        super().__init__()
        self.journal = journal
        self.frameworks = available_frameworks(journal)
        self.framework_id = default_framework_id(journal, self.frameworks)

    def refresh(self) -> None:
        """Re-read the frameworks (after an import) keeping the choice when it still exists."""
        self.frameworks = available_frameworks(self.journal)
        if self.framework_id not in [f.id for f in self.frameworks]:
            self.framework_id = default_framework_id(self.journal, self.frameworks)

    @property
    def framework(self) -> Framework:
        """The framework chosen."""
        return next(f for f in self.frameworks if f.id == self.framework_id)


def _rating_field(loc: tuple) -> str:
    """A rating's error belongs to its competency's row."""
    return str(loc[1]) if loc[0] == "ratings" and len(loc) > 1 else str(loc[0])


class CompetencyRatingsForm(JournalForm):
    """The engineer's self-assessment against the chosen framework (Lab only; Voilà shows a table).

    ``value`` is the whole assessment for the framework; one change is one revision of it.
    """

    model = CompetencyAssessment
    editing = Unicode("", help="The competency whose control changed last: its row shows the save")

    def __init__(self, journal: Journal, choice: FrameworkChoice):
        self.choice = choice
        self.picker = w.Dropdown(
            options=[(f.name, f.id) for f in choice.frameworks],
            value=choice.framework_id,
            description=i18n.gettext("Framework"),
            style={"description_width": "90px"},
            layout={"width": "100%", "max_width": "420px"},
        )
        self.rows_box = w.VBox()
        super().__init__(journal, entry_id=CompetencyAssessment.entry_id(choice.framework_id))
        self.children = (w.HTML(CSS), self.picker, self.status_line, self.rows_box)
        self._stops().append(w.link((self.picker, "value"), (choice, "framework_id")).unlink)
        self._build_rows()
        self.follow(choice, self._build_rows, "framework_id")
        self.listen(journal, self._on_journal_change)

    def _on_journal_change(self, kind: str, _entry_id: str) -> None:
        if kind == CoachAssessment.kind:
            self.show_coach()
        elif kind == Story.kind:
            self.show_stories()

    def blank(self) -> CompetencyAssessment:
        return CompetencyAssessment(framework_id=self.choice.framework_id)

    def _build_rows(self, _change=None) -> None:
        framework = self.choice.framework
        stored = stored_assessment(self.journal, framework.id)
        self.entry_id = CompetencyAssessment.entry_id(framework.id)
        self.load(stored, stored if self.journal.get(self.entry_id) else None)
        self.default_target = profile_target(self.journal, framework)
        for row in self.rows.values():  # another framework's rows
            row.close()
        coach_views, stories = self._coach_views(framework), self._linked_stories(framework)
        weighting = gap_weighting(self.journal)  # the engineer's pages: their first route's
        self.rows = {
            c.id: CompetencyRow(
                framework,
                c,
                stored.ratings.get(c.id),
                self.default_target,
                coach_view=coach_views[c.id],
                stories=stories[c.id],
                weight=default_weight(weighting, c),
            )
            for c in framework.competencies
        }
        self.wire(list(self.rows.values()))
        self.rows_box.children = tuple(self.rows.values())
        self._apply_readonly({"new": self.readonly})  # rebuilt rows follow the form's mode

    def field_of(self, loc: tuple) -> str:
        return _rating_field(loc)

    def edited(self, change=None) -> None:
        if change is not None:  # the row being edited shows the save beside its slider
            self.editing = change["owner"].competency.id
        super().edited(change)

    @observe("status", "status_ok", "editing")
    def _show_row_status(self, _change) -> None:
        for competency_id, row in getattr(self, "rows", {}).items():
            shown = competency_id == self.editing and self.status and not self.readonly
            row.saved = fragments.status(self.status, self.status_ok) if shown else ""

    def collect(self) -> dict:
        ratings = {
            cid: rating.model_dump() for cid, rating in self.value.ratings.items()
        }  # ids no longer in the framework stay
        ratings.update({cid: row.collect() for cid, row in self.rows.items()})
        return {"framework_id": self.choice.framework_id, "ratings": ratings}

    @observe("stored")
    def _coach_follows(self, _change) -> None:
        if getattr(self, "rows", None):
            self.show_coach()

    def _linked_stories(self, framework: Framework) -> dict[str, str]:
        """Each competency's story-bank stories (workbook 03), as the row shows them."""
        linked = stories_by_competency(self.journal)
        return {
            c.id: fragment("forms/linked_stories", titles=clauses(linked.get(c.id, [])))
            for c in framework.competencies
        }

    def show_stories(self) -> None:
        """Under each evidence box: the story-bank stories (workbook 03) tagged with it."""
        # Over the rows shown: while a new framework's rows are being built, the old ones are
        # still here, and a competency of one framework has no row in the other.
        shown = self._linked_stories(self.choice.framework)
        for competency_id, row in self.rows.items():
            row.stories = shown.get(competency_id, "")

    def controls(self) -> list[w.Widget]:
        return list(self.rows.values())

    def _coach_views(self, framework: Framework) -> dict[str, str]:
        """Each competency's latest coach view as the row shows it ("" when the coach gave none),
        marked, with the engineer's own, when the two disagree (one level or more)."""
        coach = latest_coach(self.journal, framework.id)
        apart = {d.competency_id: d.own for d in disagreements(framework, self.value, coach)}
        shown = {}
        for competency in framework.competencies:
            rating = coach.ratings.get(competency.id) if coach else None
            shown[competency.id] = (
                fragment(
                    "forms/coach_rating",
                    rater=coach.rater,
                    rated_on=coach.rated_on,
                    level=framework.level_name(rating.level),
                    note=rating.note,
                    own=apart.get(competency.id),
                )
                if rating and (rating.level or rating.note)
                else ""
            )
        return shown

    def show_coach(self) -> None:
        """Beside each rating: the latest coach view, highlighted when the two disagree."""
        shown = self._coach_views(self.choice.framework)
        for competency_id, row in self.rows.items():  # the rows shown (see show_stories)
            row.coach_view = shown.get(competency_id, "")

    def summary(self) -> str:
        framework = self.choice.framework
        lines = [i18n.gettext("Self-assessment · {framework}").format(framework=framework.name)]
        for competency in framework.competencies:
            rating = self.value.ratings.get(competency.id) or CompetencyRating()
            target = rating.target or self.default_target
            levels = f"{framework.level_name(rating.current)} → {framework.level_name(target)}"
            line = f"  {competency.name}: {levels}"
            if rating.confidence:
                line += i18n.gettext(" (confidence {confidence}/5)").format(
                    confidence=rating.confidence
                )
            lines.append(line)
        return "\n".join(lines)


class CoachRatingsForm(JournalForm):
    """The coach's view per competency, typed in Lab during a session and stored with the rater.

    One entry per coach and framework. Ratings chosen before the coach's name is written are kept
    and saved under that name once it is written.
    """

    model = CoachAssessment
    friendly: ClassVar[dict[str, dict[str, str]]] = {"rater": {"string_too_short": "coach_missing"}}

    def __init__(self, journal: Journal, choice: FrameworkChoice, readonly: bool = False):
        self.choice = choice
        # Not a Field: it chooses which coach's view is shown (_on_rater), so it commits when it
        # is left, not after a pause in typing; its message shows in rater_message beside it.
        self.rater = w.Text(
            description=i18n.gettext("Coach"),
            placeholder=i18n.gettext("Who gives this view, e.g. Dana (coach)"),
            style=LABEL_STYLE,
            layout={"width": "100%", "max_width": "520px"},
        )
        self.rater_message = w.HTML()
        self.table = w.HTML()
        self.rows_box = w.VBox()
        super().__init__(journal)
        self.readonly = readonly
        self.rater.observe(self._on_rater, names="value")
        self.follow(choice, self._build, "framework_id")
        self._build()

    def blank(self) -> CoachAssessment:
        return CoachAssessment.model_construct(
            framework_id=self.choice.framework_id,
            rater=self.rater.value.strip(),
            rated_on=clock.today(),
            ratings={},
        )

    def worth_saving(self, record: CoachAssessment) -> bool:
        return bool(record.ratings)

    def _build(self, _change=None) -> None:
        framework = self.choice.framework
        latest = latest_coach(self.journal, framework.id)
        if self.readonly:
            self.children = (w.HTML(CSS), self.table)
            self._show_table(latest)
            return
        for row in self.rows.values():  # another framework's rows
            row.close()
        _, shown = self._entry(latest.rater if latest else self.rater.value)
        self.rows = {
            c.id: CoachRow(framework, c, shown.ratings.get(c.id) if shown else None)
            for c in framework.competencies
        }
        self.rows_box.children = tuple(self.rows.values())
        self.children = (
            w.HTML(CSS),
            w.HBox([self.rater, self.rater_message]),
            self.status_line,
            self.rows_box,
        )
        self.wire(list(self.rows.values()))
        with self.hold_trait_notifications():
            self.rater.value = latest.rater if latest else self.rater.value
        self._show_coach(self._entry())

    def _entry(self, rater: str | None = None) -> tuple[str | None, CoachAssessment | None]:
        """The stored view of ``rater`` (default: the name in the coach field), if any."""
        name = (self.rater.value if rater is None else rater).strip().casefold()
        return next(
            (
                (i, r)
                for i, r in coach_assessments(self.journal, self.choice.framework_id)
                if r.rater.casefold() == name
            ),
            (None, None),
        )

    def _on_rater(self, change) -> None:
        if self.readonly:
            return
        # Levels chosen while no coach was named are kept, and saved on top of this coach's view.
        typed = (
            {}
            if change["old"].strip()
            else {
                cid: (row.level, row.note)
                for cid, row in self.rows.items()
                if row.level or row.note.strip()
            }
        )
        self._show_coach(self._entry())
        for cid, (level, note) in typed.items():
            self.rows[cid].level, self.rows[cid].note = level, note

    def _show_coach(self, entry: tuple[str | None, CoachAssessment | None]) -> None:
        """Hold this coach's stored view (or a blank one), writing nothing."""
        entry_id, existing = entry
        self.entry_id = entry_id or uuid.uuid4().hex
        with self.hold_trait_notifications():
            self.load(existing or self.blank(), existing)
            for competency_id, row in self.rows.items():
                row.show(existing.ratings.get(competency_id) if existing else None)
        self.errors = {}

    def collect(self) -> dict:
        answers = {cid: row.answer() for cid, row in self.rows.items()}
        ratings = {cid: answer for cid, answer in answers.items() if answer is not None}
        return {
            "framework_id": self.choice.framework_id,
            "rater": self.rater.value,
            "rated_on": self.value.rated_on,
            "ratings": ratings,
        }

    @validate("value")
    def _dated_when_changed(self, proposal) -> CoachAssessment:
        """A changed view is dated today; the same view reloaded keeps its date."""
        record, before = proposal["value"], self.value
        if (
            before is not None
            and record.ratings != before.ratings
            and record.rated_on != clock.today()
        ):
            return record.model_copy(update={"rated_on": clock.today()})
        return record

    def field_of(self, loc: tuple) -> str:
        return _rating_field(loc)

    @observe("errors")
    def _rater_message(self, change) -> None:
        self.rater_message.value = error_html(change["new"].get("rater", ""))

    def controls(self) -> list[w.Widget]:
        return [self.rater, *self.rows.values()]

    def saved_words(self, record: CoachAssessment) -> str:
        return i18n.gettext("Coach's view saved")

    def _show_table(self, coach: CoachAssessment | None) -> None:
        framework = self.choice.framework
        rows = [
            [c.name, framework.level_name(coach.ratings[c.id].level), coach.ratings[c.id].note]
            for c in framework.competencies
            if coach and c.id in coach.ratings
        ]
        self.table.value = fragment("forms/coach_table", coach=coach, rows=rows)

    def summary(self) -> str:
        coach = latest_coach(self.journal, self.choice.framework_id)
        if coach is None:
            return i18n.gettext("Coach's view: none yet")
        framework = self.choice.framework
        head = i18n.gettext("Coach's view · {coach} · {day}")
        lines = [head.format(coach=coach.rater, day=coach.rated_on.isoformat())]
        lines += [
            f"  {c.name}: {framework.level_name(coach.ratings[c.id].level)}"
            + (f" — {coach.ratings[c.id].note}" if coach.ratings[c.id].note else "")
            for c in framework.competencies
            if c.id in coach.ratings
        ]
        return "\n".join(lines)
