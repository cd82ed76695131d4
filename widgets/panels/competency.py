"""Workbook 02's views: the radar (redrawn on every rating change), snapshots, and gaps.

They follow the framework chosen in the ratings form (a shared ``FrameworkChoice``) and redraw
when the journal reports a save in this kernel. In the coach view (read-only) the ratings show
as a table instead of controls, and there is no snapshot button.
"""

from __future__ import annotations

import threading

import ipywidgets as w

from widgets import charts
from widgets.content import coach_roles
from widgets.content.ladder import Framework
from widgets.forms import commands
from widgets.forms.base import CSS, Closes, SummaryRepr
from widgets.forms.competency import FrameworkChoice
from widgets.forms.competency_rows import CONFIDENCE
from widgets.i18n import format_number, gettext
from widgets.panels.chart_image import ChartImage
from widgets.panels.words import joined, listed
from widgets.readers.competencies import (
    COACH_RATING_FRESH_DAYS,
    assessment,
    closed_by_coach,
    disagreements,
    gap_weighting,
    gaps,
    latest_coach,
    previous_snapshot,
    radar_series,
    snapshot_series,
    snapshots,
)
from widgets.readers.stories import stories_by_competency
from widgets.storage.journal import Journal, JournalError
from widgets.storage.records import (
    CoachAssessment,
    CompetencyAssessment,
    CompetencySnapshot,
    CustomFramework,
    Profile,
    Story,
)
from widgets.views.chart_text import (
    alt_text,
    gap_lines,
    gaps_title,
    rings,
    series_lines,
    snapshot_lines,
)
from widgets.views.fragments import day_month_year, fragment, status, with_page_css
from widgets.views.pictures import chart_png, kept_png

WATCHED = {
    CompetencyAssessment.kind,
    CoachAssessment.kind,
    CompetencySnapshot.kind,
    CustomFramework.kind,
    Story.kind,
}
SNAPSHOTS_CHARTED = 6
CANVAS_WARM_AFTER_S = 1.0  # after the rest of Run All's cells and their widget messages


class _FollowsChoice(Closes, SummaryRepr, w.VBox):
    """A workbook 02 panel that shows the chosen framework: redrawn when the choice changes, or
    when a rating, a snapshot, a ladder or a story is saved."""

    def __init__(self, journal: Journal, choice: FrameworkChoice, **kwargs):
        self.journal, self.choice = journal, choice
        super().__init__(**kwargs)
        self.follow(choice, self._on_choice, "framework_id")
        self.listen(journal, self._on_journal_change)

    def _on_choice(self, _change) -> None:
        self.redraw()

    def _on_journal_change(self, kind: str, _entry_id: str) -> None:
        if kind in WATCHED:
            self.redraw()

    def redraw(self) -> None:
        """Read the journal for the chosen framework and show it again."""
        raise NotImplementedError


class RadarPanel(_FollowsChoice):
    """Radar of current, target, coach and the previous snapshot; "Save snapshot" dates today's
    ratings."""

    def __init__(
        self, journal: Journal, choice: FrameworkChoice, readonly: bool = False, compact=False
    ):
        self.readonly = readonly
        # compact: drawn for the column beside the ratings, so its labels stay legible there
        self.radar_size = (5.0, 4.7) if compact else (7.6, 6.4)
        self.radar_image = ChartImage(max_width="430px" if compact else "760px")
        self.radar_image.add_class(
            "stepup-radar"
        )  # how the browser tests and the benchmark find it
        # No button in the coach's kernel: nothing a message over the websocket could click.
        self.snapshot_button = (
            None
            if readonly
            else w.Button(
                description=gettext("Save snapshot"),
                icon="camera",
                tooltip=gettext("Date today's ratings, to compare in a few months"),
            )
        )
        self.snapshot_status = w.HTML()
        self.compared = w.HTML()
        self.snapshots_image = ChartImage(max_width="820px")
        self._canvas, self._canvas_key = None, None
        self._canvas_lock = threading.Lock()  # the canvas may be warming in another thread
        self.controls = () if readonly else (w.HBox([self.snapshot_button, self.snapshot_status]),)
        super().__init__(
            journal,
            choice,
            children=(
                w.HTML(CSS),
                self.radar_image,
                self.compared,
                *self.controls,
                self.snapshots_image,
            ),
        )
        if self.snapshot_button is not None:
            self.snapshot_button.on_click(lambda _b: self.save_snapshot())
        self.redraw()

    def redraw(self) -> None:
        """Redraw the radar and, when a snapshot changed, the snapshots under it; while editing,
        the canvas that redraws on each rating is built a moment later, off the first move."""
        framework = self.choice.framework
        own, coach = (
            assessment(self.journal, framework),
            latest_coach(self.journal, framework.id),
        )
        history = snapshots(self.journal, framework.id)
        previous = previous_snapshot(own, history)
        self.previous_date = previous.taken_on if previous else None
        self.series = radar_series(framework, own, coach, previous)
        self._draw_radar(framework)
        self.compared.value = fragment(
            "panels/radar_compared", previous=previous.taken_on if previous else None
        )
        self.snapshot_dates = [s.taken_on for s in history]
        self.charted = [
            (s.taken_on, snapshot_series(framework, s)) for s in history[-SNAPSHOTS_CHARTED:]
        ]
        self._draw_snapshots(framework, history)

    def _draw_radar(self, framework: Framework) -> None:
        """Show the radar of ``self.series``: the kept picture when there is one, else drawn on
        the canvas; while editing, that canvas is built a moment later, off the first move."""
        names = [c.name for c in framework.competencies]
        level_names = [lv.name for lv in framework.levels]
        legend = self._legend()
        key = (framework.id, framework.levels, tuple(names), tuple(legend.items()))
        drawn = {
            n: values for n, values in self.series.items() if any(v is not None for v in values)
        }
        self.radar_image.show(
            kept_png(
                self.journal,
                charts.RadarCanvas,
                (names, level_names, list(self.series), self.series),
                {"size": self.radar_size, "labels_by_series": legend},
                lambda: self._canvas_for(key, names, level_names, legend).render(self.series),
            ),
            alt_text(
                gettext("Competency radar, {framework}, rings {levels}").format(
                    framework=framework.name, levels=rings(level_names)
                ),
                series_lines(names, drawn),
                gettext("nothing rated yet"),
            ),
        )
        if not self.readonly and self._canvas_key != key:
            # The picture came from beside the journal. The canvas that redraws on every rating
            # change takes about a second to build (matplotlib and the radar's background):
            # build it once Run All has finished, not in the engineer's first move.
            warm = threading.Timer(
                CANVAS_WARM_AFTER_S, self._canvas_for, (key, names, level_names, legend)
            )
            warm.daemon = True
            warm.start()

    def _draw_snapshots(self, framework: Framework, history: list[CompetencySnapshot]) -> None:
        """Show the latest snapshots (``self.charted``) as small multiples, drawn anew only when
        a snapshot changed."""
        key = (
            framework.id,
            tuple(
                (s.taken_on, tuple(sorted(s.ratings.items()))) for s in history[-SNAPSHOTS_CHARTED:]
            ),
        )
        if getattr(self, "_snapshots_key", None) == key:
            return
        self._snapshots_key = key
        names = [c.name for c in framework.competencies]
        levels = rings([lv.name for lv in framework.levels])
        title = (
            gettext("Your snapshots over time, the latest {charted} of {saved}, rings {levels}")
            if len(history) > len(self.charted)
            else gettext("Your snapshots over time, rings {levels}")
        ).format(
            charted=format_number(len(self.charted)),
            saved=format_number(len(history)),
            levels=levels,
        )
        self.snapshots_image.show(
            chart_png(
                self.journal,
                charts.competency_snapshots,
                names,
                [(day_month_year(day), series) for day, series in self.charted],
                [lv.name for lv in framework.levels],
            ),
            alt_text(
                title,
                snapshot_lines(names, self.charted),
                gettext("no snapshot saved yet"),
            ),
        )

    def _legend(self) -> dict[str, str]:
        """The coach's line named as the profile's coach role names them ("manager's view")."""
        role = coach_roles.of_profile(self.journal.record(Profile.kind))
        return {"coach": gettext("{coach}'s view").format(coach=role.label)}

    def _canvas_for(self, key: tuple, names: list[str], level_names: list[str], legend: dict):
        """The radar's canvas for this framework: its static parts (spokes, rings, legend) drawn
        once, each redraw drawing only the series."""
        with self._canvas_lock:
            if self._canvas_key != key:
                self._canvas = charts.RadarCanvas(
                    names,
                    level_names,
                    list(self.series),
                    labels_by_series=legend,
                    size=self.radar_size,
                )
                self._canvas_key = key
            return self._canvas

    def save_snapshot(self) -> CompetencySnapshot | None:
        """The button's click: the snapshot command, and what it did, beside the button."""
        if self.readonly:
            return None
        try:
            snapshot = commands.save_snapshot(self.journal, self.choice.framework)
        except JournalError as error:
            self.snapshot_status.value = status(
                gettext("Not saved: {reason}").format(reason=error), ok=False
            )
            return None
        self.snapshot_status.value = (
            status(gettext("Snapshot of {day} saved.").format(day=snapshot.taken_on.isoformat()))
            if snapshot
            else status(gettext("Rate at least one competency first."), ok=False)
        )
        return snapshot

    def summary(self) -> str:
        framework = self.choice.framework
        names = [c.name for c in framework.competencies]
        lines = [
            gettext("Radar · {framework} · rings: {levels}").format(
                framework=framework.name, levels=rings([lv.name for lv in framework.levels])
            )
        ]
        lines += [f"  {line}" for line in series_lines(names, self.series)]
        dates = joined(d.isoformat() for d in self.snapshot_dates) or gettext("none")
        lines.append(
            "  "
            + (
                gettext("snapshots: {dates}; compared with {day}").format(
                    dates=dates, day=self.previous_date.isoformat()
                )
                if self.previous_date
                else gettext("snapshots: {dates}").format(dates=dates)
            )
        )
        if len(self.snapshot_dates) > len(self.charted):
            lines.append(
                "  " + gettext("(the latest {count} charted)").format(count=len(self.charted))
            )
        lines += [f"    {line}" for line in snapshot_lines(names, self.charted)]
        return "\n".join(lines)


class GapsPanel(_FollowsChoice):
    """Ranked gaps (levels to target × a weight, as the engineer's route weighs it): what the
    growth plan uses. A gap is measured from the coach's recent rating where there is one
    (readers/competencies.py, :func:`~widgets.readers.competencies.measured_from`), and the table
    says which rating it used; under it, where the engineer and the coach disagree, as questions
    for the next session."""

    def __init__(self, journal: Journal, choice: FrameworkChoice):
        self.table = w.HTML()
        self.chart = ChartImage(max_width="760px")
        self.questions = w.HTML()
        super().__init__(
            journal, choice, children=(w.HTML(CSS), self.table, self.chart, self.questions)
        )
        self.redraw()

    def redraw(self) -> None:
        """Rank the gaps again; the chart is drawn anew only when its bars change, and hidden
        when there is no gap."""
        framework = self.choice.framework
        own = assessment(self.journal, framework)
        coach = latest_coach(self.journal, framework.id)
        weighting = gap_weighting(self.journal)
        self.gaps = gaps(framework, own, weighting, coach)
        self.disagreements = disagreements(framework, own, coach)
        who = coach_roles.of_profile(self.journal.record(Profile.kind)).label
        self.closed = closed_by_coach(framework, own, coach)
        self.table.value = fragment(
            "panels/gaps_table",
            gaps=self.gaps,
            weight_column=weighting.column,
            rated=any(r.current and r.target for r in own.ratings.values()),
            level=framework.level_name,
            coach=coach,
            who=who,
            fresh_months=round(COACH_RATING_FRESH_DAYS / 30.5),
            closed=self.closed,
            closed_names=listed(self.closed),
        )
        self.questions.value = fragment(
            "panels/disagreements", disagreements=self.disagreements, who=who
        )
        # No gap: the sentence above says why, and no empty chart takes the space under it.
        self.chart.layout.display = None if self.gaps else "none"
        bars = ([(g.name, g.weighted) for g in self.gaps], weighting.axis)
        # A level moved without changing the ranking: keep the picture, but not the words (a
        # level and a weight can trade places under the same bar).
        changed = bool(self.gaps) and bars != getattr(self, "_bars", None)
        self._bars = bars
        self.chart.show(
            chart_png(self.journal, charts.competency_gaps, bars[0], axis=weighting.axis)
            if changed
            else None,
            alt_text(
                gaps_title(weighting.measure),
                gap_lines(self.gaps),
                gettext("no gaps, every rated competency is at or above its target"),
            ),
        )

    def summary(self) -> str:
        framework = self.choice.framework
        lines = [gettext("Gaps · {framework}").format(framework=framework.name)]
        lines += [f"  {line}" for line in gap_lines(self.gaps)] or ["  " + gettext("none")]
        from_coach = [g.name for g in self.gaps if g.from_coach]
        if from_coach:
            lines.append(
                "  "
                + gettext("measured from the coach's rating: {competencies}").format(
                    competencies=joined(from_coach)
                )
            )
        if self.closed:
            lines.append(
                "  "
                + gettext("not a gap by the coach's rating: {competencies}").format(
                    competencies=joined(self.closed)
                )
            )
        lines += [
            "  "
            + gettext("disagreement: {competency}, self {own_level}, coach {coach_level}").format(
                competency=d.name, own_level=d.own, coach_level=d.coach
            )
            for d in self.disagreements
        ]
        return "\n".join(lines)


class RatingsTable(_FollowsChoice):
    """The coach view of the self-assessment: every rating, evidence and disagreement flag, as
    text."""

    def __init__(self, journal: Journal, choice: FrameworkChoice):
        self.table = w.HTML()
        super().__init__(journal, choice, children=(self.table,))
        self.redraw()

    def redraw(self) -> None:
        """Read the ratings, the coach's view and the tagged stories again, and rebuild the
        table."""
        framework = self.choice.framework
        own, coach = (
            assessment(self.journal, framework),
            latest_coach(self.journal, framework.id),
        )
        apart = {d.competency_id for d in disagreements(framework, own, coach)}
        confidence = {value: gettext(label) for label, value in CONFIDENCE}
        linked = stories_by_competency(self.journal)
        rows = []
        for competency in framework.competencies:
            rating = own.ratings.get(competency.id)
            coach_rating = coach.ratings.get(competency.id) if coach else None
            rows.append(
                {
                    "name": competency.name,
                    "flagged": competency.id in apart,
                    "current": framework.level_name(rating.current if rating else None),
                    "target": framework.level_name(rating.target if rating else None),
                    "coach": framework.level_name(coach_rating.level if coach_rating else None),
                    "confidence": confidence.get(rating.confidence, "—") if rating else "—",
                    "evidence": rating.evidence if rating else "",
                    "stories": linked.get(competency.id, []),
                }
            )
        self.table.value = with_page_css(
            fragment("panels/ratings_table", framework=framework.name, rows=rows)
        )
        self.own = own

    def summary(self) -> str:
        framework = self.choice.framework
        lines = [
            gettext("Self-assessment (read-only) · {framework}").format(framework=framework.name)
        ]
        for competency in framework.competencies:
            rating = self.own.ratings.get(competency.id)
            lines.append(
                f"  {competency.name}: {framework.level_name(rating.current if rating else None)}"
                f" → {framework.level_name(rating.target if rating else None)}"
            )
        return "\n".join(lines)
