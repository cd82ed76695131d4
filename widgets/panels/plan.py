"""Workbook 05's readiness view: the timeline, the next milestone, overdue actions; and the export.

The timeline redraws when a check-in, an action, a practice session or the profile is saved in the
same kernel.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import ipywidgets as w
from markupsafe import Markup

from widgets import charts, i18n
from widgets.content import routes
from widgets.content.audiences import DEFAULT_AUDIENCE, MARKED_ACTIONS_NOTE, audience_ids, hint
from widgets.content.audiences import audience as audience_entry
from widgets.content.routes import of_profile
from widgets.forms.base import CSS, Closes, SummaryRepr
from widgets.i18n import N_, format_number, gettext, ngettext
from widgets.panels.chart_image import ChartImage
from widgets.panels.download import DownloadButton
from widgets.panels.words import joined
from widgets.readers.audience import coach_ratings_shown
from widgets.readers.latest import latest_snapshot
from widgets.readers.milestones import all_milestones, next_milestone, undated
from widgets.readers.plan import actions, checkins, overdue
from widgets.readers.practice import design_sessions
from widgets.readers.wins import WinLine, win_lines
from widgets.storage import clock
from widgets.storage.journal import Journal, JournalError
from widgets.storage.records import Action, Checkin, DesignSession, Profile
from widgets.views import fragments
from widgets.views.chart_text import checkin_words, milestone_words, practice_words, readiness_words
from widgets.views.fragments import fragment, muted, status
from widgets.views.overview import Overview, overview
from widgets.views.pictures import chart_png

WATCHED = {Action.kind, Checkin.kind, DesignSession.kind, Profile.kind}


def timeline_data(journal: Journal) -> dict:
    """What the readiness timeline plots: the check-ins (week, confidence, hours), every dated
    milestone of the engineer's routes (day, words naming its kind), and each scored session's
    mean self score."""
    profile = journal.record(Profile.kind)
    scored = [
        (s.practised_on, statistics.fmean(s.self_scores.values()))
        for _, s in design_sessions(journal)
        if s.self_scores
    ]
    return {
        "checkins": [(c.week_of, c.confidence, c.hours) for _, c in checkins(journal)],
        "milestones": [(m.date, m.words) for m in all_milestones(profile)],
        "practice": scored,
    }


def timeline_alt(data: dict) -> str:
    """What the timeline draws, in words: every check-in, practice score and milestone."""
    return readiness_words(data["checkins"], data["practice"], data["milestones"])


class ReadinessPanel(Closes, SummaryRepr, w.VBox):
    """Workbook 05's countdown to the nearest milestone, the readiness timeline and the overdue
    actions."""

    def __init__(self, journal: Journal):
        self.journal = journal
        self.countdown = w.HTML()
        self.timeline_image = ChartImage(max_width="860px")
        self.overdue_html = w.HTML()
        super().__init__(
            children=(w.HTML(CSS), self.countdown, self.timeline_image, self.overdue_html)
        )
        self.listen(journal, self._on_journal_change)
        self.redraw()

    def _on_journal_change(self, kind: str, _entry_id: str) -> None:
        if kind in WATCHED:
            self.redraw()

    def redraw(self) -> None:
        """Read the journal again for today: the countdown, the timeline and the overdue actions."""
        today = clock.today()
        self.data = timeline_data(self.journal)
        self.overdue = overdue(actions(self.journal), today)
        profile = self.journal.record(Profile.kind)
        nxt = next_milestone(profile, today)
        self.next_milestone = nxt
        self.countdown.value = fragment(
            "panels/readiness_countdown",
            milestone=nxt,
            days=nxt.days_from(today) if nxt else None,
            undated=undated(profile),
        )
        self.timeline_image.show(
            chart_png(
                self.journal,
                charts.readiness_timeline,
                self.data["checkins"],
                self.data["milestones"],
                self.data["practice"],
            ),
            timeline_alt(self.data),
        )
        self.overdue_html.value = fragment(
            "panels/readiness_overdue",
            overdue=[(a, (today - a.due).days) for a in self.overdue],
        )

    def summary(self) -> str:
        lines = [gettext("Readiness")]
        if self.next_milestone:
            lines.append(
                "  "
                + gettext("next milestone: {milestone} on {day}").format(
                    milestone=self.next_milestone.words,
                    day=self.next_milestone.date.isoformat(),
                )
            )
        lines += [
            "  "
            + gettext("milestones: {milestones}").format(
                milestones=milestone_words(self.data["milestones"])
            ),
            "  "
            + gettext("check-ins: {checkins}").format(
                checkins=checkin_words(self.data["checkins"])
            ),
            "  "
            + gettext("design practice (mean self score, 1–4): {scores}").format(
                scores=practice_words(self.data["practice"])
            ),
            "  "
            + gettext("overdue: {actions}").format(
                actions=joined(a.what for a in self.overdue) or gettext("none")
            ),
        ]
        return "\n".join(lines)


def _gaps_line(ov: Overview, gaps: str, with_coach: bool) -> str:
    """The contents line of the gaps section, one sentence: ``gaps`` is what this reader's copy
    calls them ("growth areas"); ``with_coach``: the disagreements with the coach counted."""
    top = {"gaps": gaps, "count": len(ov.gaps), "competencies": joined(g.name for g in ov.gaps)}
    if not with_coach:
        if ov.gaps:
            return gettext("{gaps}: the top {count}: {competencies}").format(**top)
        return gettext("{gaps}: none rated yet").format(gaps=gaps)
    disagreements = len(ov.disagreements)
    if ov.gaps:
        return ngettext(
            "{gaps}: the top {count}: {competencies}; {disagreements} disagreement with the coach",
            "{gaps}: the top {count}: {competencies}; {disagreements} disagreements with the coach",
            disagreements,
        ).format(**top, disagreements=format_number(disagreements))
    return ngettext(
        "{gaps}: none rated yet; {disagreements} disagreement with the coach",
        "{gaps}: none rated yet; {disagreements} disagreements with the coach",
        disagreements,
    ).format(gaps=gaps, disagreements=format_number(disagreements))


def _interviews_line(ov: Overview) -> str:
    """How many interviews the profile lists, and in how many days the next one is."""
    interviews = (
        gettext("interviews: {count}").format(count=len(ov.interviews))
        if ov.interviews
        else gettext("interviews: none")
    )
    if not ov.next_interview:
        return interviews
    return ngettext(
        "{interviews}, the next in {days} day",
        "{interviews}, the next in {days} days",
        ov.days_to_interview,
    ).format(interviews=interviews, days=format_number(ov.days_to_interview))


def _strengths_line(ov: Overview) -> str:
    """The competencies at target with evidence, and how many are rated."""
    return gettext(
        "strengths ({framework}): {at_target} at target, with evidence;"
        " {rated} of {total} competencies rated"
    ).format(
        framework=ov.framework.name,
        at_target=len(ov.strengths),
        rated=sum(level is not None for level in ov.radar["current"]),
        total=len(ov.framework.competencies),
    )


def _projects_line(ov: Overview) -> str:
    """The deep dives and stories, and the story types with no story yet."""
    return gettext("deep dives: {projects}; {stories}, {story_types} with none").format(
        projects=ngettext("{count} project", "{count} projects", len(ov.projects)).format(
            count=format_number(len(ov.projects))
        ),
        stories=ngettext("{count} story", "{count} stories", len(ov.story_titles)).format(
            count=format_number(len(ov.story_titles))
        ),
        story_types=ngettext(
            "{count} story type", "{count} story types", len(ov.uncovered_story_types)
        ).format(count=format_number(len(ov.uncovered_story_types))),
    )


def _section_lines(ov: Overview, audience: str, wins: list[WinLine]) -> dict[str, str]:
    """Each section's contents line, by section id; a section with none is named by its
    heading (see :func:`export_contents`)."""
    reader = audience_entry(audience)
    target_date = ov.profile.target_date
    goal = {"current": ov.current_level, "target": ov.target_level}
    return {
        "goal": gettext("goal: {current} → {target} by {day}").format(
            **goal, day=target_date.isoformat()
        )
        if target_date
        else gettext("goal: {current} → {target}").format(**goal),
        "interviews": _interviews_line(ov),
        "strengths": _strengths_line(ov),
        "gaps": _gaps_line(ov, reader.word("gaps"), coach_ratings_shown(audience)),
        "plan": ngettext(
            "plan: {count} action, {overdue} overdue",
            "plan: {count} actions, {overdue} overdue",
            len(ov.actions),
        ).format(count=format_number(len(ov.actions)), overdue=len(ov.overdue))
        + (gettext(MARKED_ACTIONS_NOTE) if reader.marked_actions_only else ""),
        "wins": gettext("wins: {count}, {with_number} with a number").format(
            count=len(wins), with_number=sum(bool(win.impact) for win in wins)
        )
        if wins
        else gettext("wins: none logged yet"),
        "needs": ngettext(
            "what I need from you: {count} ask",
            "what I need from you: {count} asks",
            len(ov.needs),
        ).format(count=format_number(len(ov.needs)))
        if ov.needs
        else gettext("what I need from you: nothing written yet"),
        "beliefs": gettext("beliefs: {count} rated before and after a thought record").format(
            count=len(ov.beliefs)
        ),
        "projects": _projects_line(ov),
        "design": ngettext(
            "design practice: {count} session",
            "design practice: {count} sessions",
            ov.design_sessions,
        ).format(count=format_number(ov.design_sessions)),
        "checkins": gettext("check-ins: the latest {shown} of {total}").format(
            shown=len(ov.recent_checkins), total=len(ov.checkins)
        )
        if ov.checkins
        else gettext("check-ins: none"),
    }


def export_contents(
    ov: Overview, audience: str = DEFAULT_AUDIENCE, wins: list[WinLine] = ()
) -> list[str]:
    """What the growth-plan document for ``audience`` holds, one line per section in the order
    the document has them (its entry in the audience table), then its charts. ``ov`` is the
    overview as that audience sees it; ``wins`` the wins it sees (readers/wins.py)."""
    reader = audience_entry(audience)
    lines = _section_lines(ov, audience, wins)
    charts = [chart for chart in reader.charts if chart != "gaps" or ov.gaps]
    return [
        lines.get(section) or reader.headings.get(section, section).lower()
        for section in reader.sections
    ] + [gettext("charts: {charts}").format(charts=joined(charts) or gettext("none"))]


def audience_choices() -> list[tuple[str, str]]:
    """The form's choices of reader, in the audience table's order (its first is preselected)."""
    return [(audience_entry(a).choice, a) for a in audience_ids()]


FORMAT_CHOICES = [
    (N_("HTML (opens in a browser; print it to PDF)"), "html"),
    (N_("Markdown with its charts (.zip)"), "md"),
]
FORMAT_WORDS = {"html": N_("an HTML document"), "md": N_("a Markdown document with its charts")}
MIME = {".html": "text/html;charset=utf-8", ".zip": "application/zip", ".md": "text/markdown"}


def language_choices() -> list[tuple[str, str]]:
    """The form's choices of the document's reader's language, each by its name in itself; a
    pseudo-locale only while it is the active language."""
    active = i18n.current()
    return [
        (language.name, language.id)
        for language in i18n.languages()
        if not language.pseudo or language.id == active
    ]


def _write_document(journal: Journal, fmt: str, audience: str, language: str) -> Path:
    """Write the growth plan for ``audience`` in its reader's ``language`` to the private reports
    folder; returns its path. export_report renders in the language the document would have by
    default (the profile's); another one is built and written as ``stepup report --lang`` does."""
    from widgets.views import report

    profile = journal.record(Profile.kind)
    default = i18n.resolve(None, profile.language if profile else None)
    if language == default or journal.readonly:  # read-only: export_report refuses, by name
        return report.export_report(journal, fmt, audience)
    built = report.build_report(
        journal, fmt, audience, "files" if fmt == "md" else "inline", language=language
    )
    return report.write_report(built, report.reports_dir(journal.path) / built.name, journal.path)


def offered_documents(journal: Journal) -> list:
    """The documents the engineer's routes offer beside the growth plan (seeds/routes.yaml's
    ``documents``), read from their own profile."""
    return routes.documents(latest_snapshot(journal).record(Profile.kind))


def format_choices() -> list[tuple[str, str]]:
    """The form's choices of format, in the active language."""
    return [(gettext(label), value) for label, value in FORMAT_CHOICES]


def _not_written(error: Exception, written: Path | None = None) -> str:
    detail = (str(error).splitlines() or [""])[0]  # pydantic's first line says which
    if written:
        sentence = gettext(
            "The document could not be made ({error}: {detail}). It was saved to {path}, but not"
            " downloaded; your answers are safe in your journal. Try again; if it happens again,"
            " “stepup report” in a terminal says more."
        )
    else:
        sentence = gettext(
            "The document could not be made ({error}: {detail}). Nothing was written; your"
            " answers are safe in your journal. Try again; if it happens again, “stepup report” in"
            " a terminal says more."
        )
    return sentence.format(error=type(error).__name__, detail=detail, path=written)


def _saved(path: Path) -> str:
    """Where the document was written, and its size."""
    size = path.stat().st_size
    return ngettext(
        "Saved to {path} (only you can read it): {size} byte.",
        "Saved to {path} (only you can read it): {size} bytes.",
        size,
    ).format(path=path, size=format_number(size))


def _saved_and_downloaded(path: Path, name: str, data: bytes) -> str:
    """Where the document was written and under which name the browser saved it, with sizes."""
    downloaded = ngettext(
        "Downloaded as {name}: {size} byte.", "Downloaded as {name}: {size} bytes.", len(data)
    ).format(name=name, size=format_number(len(data)))
    return gettext("{saved} {downloaded}").format(saved=_saved(path), downloaded=downloaded)


class ReportPanel(Closes, SummaryRepr, w.VBox):
    """Workbook 05's export: who the document is for, its format, and one button that writes it
    to the private reports folder and downloads it. Absent in the coach view, where nothing is
    written.

    Attributes
    ----------
    audience, format : the choices (``RadioButtons``; values: the audience table's ids, in its
        order, and "html"/"md").
    language : the document's reader's language (a ``Dropdown`` of language ids, each named in
        itself; the active language first chosen).
    button : the :class:`DownloadButton`.
    result : where the file was written and how many bytes were written and downloaded.
    written : the path last written, or None.
    """

    def __init__(self, journal: Journal, readonly: bool = False):
        self.journal, self.readonly = journal, readonly or journal.readonly
        self.result = w.HTML()
        self.written: Path | None = None
        self.audience = self.format = self.language = self.button = None
        self.documents: dict[str, DownloadButton] = {}
        if self.readonly:  # no control exists in the coach's kernel, so no message can press one
            super().__init__(children=())
            return
        self.audience = w.RadioButtons(
            options=audience_choices(),
            value=audience_ids()[0],
            description=gettext("Who it is for"),
            style={"description_width": "110px"},
        )
        self.audience_hint = w.HTML(layout={"margin": "0 0 8px 0", "max_width": "640px"})
        # What the manager's copy leaves out because it names a company you are interviewing
        # with: seen before exporting, never in the document.
        self.review = w.HTML(layout={"margin": "0 0 8px 0", "max_width": "640px"})
        self.format = w.RadioButtons(
            options=format_choices(),
            value="html",
            description=gettext("Format"),
            style={"description_width": "110px"},
        )
        # The document is written in its reader's language: a manager may read English when the
        # engineer works in Chinese.
        self.language = w.Dropdown(
            options=language_choices(),
            value=i18n.current(),
            description=gettext("Their language"),
            style={"description_width": "110px"},
            layout={"width": "320px"},
        )
        self.button = DownloadButton(
            description=gettext("Export and download"),
            tooltip=gettext("Writes the document to your private reports folder and downloads it"),
        )
        # The documents the engineer's routes offer beside the growth plan (seeds/routes.yaml),
        # each downloaded in one click, in the format chosen above.
        self.documents = {
            document.id: DownloadButton(
                description=document.button,
                tooltip=gettext("Writes it to your private reports folder and downloads it"),
            )
            for document in offered_documents(journal)
        }
        super().__init__(
            children=(
                w.HTML(CSS),
                self.audience,
                self.audience_hint,
                self.review,
                self.format,
                self.language,
                w.HBox(
                    [self.button, *self.documents.values()],
                    layout={"margin": "4px 0 0 0", "flex_flow": "row wrap"},
                ),
                self.result,
            )
        )
        self.follow(self.audience, self._show_audience_hint, "value")
        self._show_audience_hint()
        self.button.on_click(self._export_and_download)
        for button in self.documents.values():
            button.on_click(self._download_case)

    def _show_audience_hint(self, _change=None) -> None:
        routes = of_profile(self.journal.record(Profile.kind))
        self.audience_hint.value = muted(hint(self.audience.value, routes))
        self.show_review()

    def show_review(self) -> None:
        """List what the manager's copy leaves out and why (nothing for another reader)."""
        from widgets.views.report import review_lines

        audience = self.audience.value
        try:
            lines = review_lines(self.journal, audience)
        except Exception:  # noqa: BLE001 (the export says what went wrong; the choices still work)
            lines = []
        items = Markup("").join(Markup("<li>{}</li>").format(line) for line in lines)
        heading = muted(audience_entry(audience).word("review"))
        self.review.value = (
            Markup('<div role="note">{}<ul>{}</ul></div>').format(heading, items) if lines else ""
        )

    def export(
        self, audience: str | None = None, fmt: str | None = None, language: str | None = None
    ) -> Path | None:
        """Write the document (default: the panel's choices) in its reader's ``language`` to the
        private reports folder. Returns its path, or None when nothing was written (read-only, or
        the journal refused)."""
        if self.readonly:
            return None
        audience, fmt = audience or self.audience.value, fmt or self.format.value
        language = i18n.check(language or self.language.value)
        try:
            self.written = _write_document(self.journal, fmt, audience, language)
        except JournalError as error:
            self.result.value = fragments.error(
                gettext("Not exported: {reason}").format(reason=error), block=True
            )
            return None
        except Exception as error:  # noqa: BLE001 (the button must never stay on "Writing…")
            self.result.value = fragments.error(_not_written(error), block=True)
            return None
        if audience_entry(audience).leaves_out_companies:
            self.show_review()  # what was left out of the copy just written
        self.result.value = status(_saved(self.written))
        return self.written

    def document(self, audience: str, fmt: str, language: str | None = None) -> tuple[str, bytes]:
        """The file the browser saves: (file name, bytes), in its reader's ``language`` (default:
        the panel's choice). The HTML is the file just written, read back rather than drawn a
        second time; Markdown comes as a .zip with its charts folder."""
        from widgets.views.report import report_download

        if fmt == "html" and self.written is not None and self.written.suffix == ".html":
            return self.written.name, self.written.read_bytes()
        language = language or (self.language.value if self.language else None)
        return report_download(self.journal, fmt, audience, language=language)

    def _export_and_download(self, button: DownloadButton) -> None:
        audience, fmt, language = self.audience.value, self.format.value, self.language.value
        self.result.value = muted(gettext("Writing the document…"))
        written = self.export(audience, fmt, language)
        if written is None:
            return
        try:
            name, data = self.document(audience, fmt, language)
        except Exception as error:  # noqa: BLE001 (a sentence, never a stuck "Writing…")
            self.result.value = fragments.error(_not_written(error, written), block=True)
            return
        button.download(name, data, MIME.get(Path(name).suffix, "application/octet-stream"))
        self.result.value = status(_saved_and_downloaded(written, name, data))

    def _download_case(self, button: DownloadButton) -> None:
        """The promotion case, written to the private reports folder and downloaded."""
        from widgets.views.promotion_case import case_download, export_case

        fmt = self.format.value
        self.result.value = muted(gettext("Writing the document…"))
        try:
            written = export_case(self.journal, fmt)
            name, data = case_download(self.journal, fmt)
        except JournalError as error:
            self.result.value = fragments.error(
                gettext("Not exported: {reason}").format(reason=error), block=True
            )
            return
        except Exception as error:  # noqa: BLE001 (a sentence, never a stuck "Writing…")
            self.result.value = fragments.error(_not_written(error), block=True)
            return
        self.written = written
        button.download(name, data, MIME.get(Path(name).suffix, "application/octet-stream"))
        self.result.value = status(_saved_and_downloaded(written, name, data))

    def summary(self) -> str:
        if self.readonly:
            return gettext("Growth-plan export (read-only: not available)")
        audience, fmt = self.audience.value, self.format.value
        where = (
            gettext("written to {path}").format(path=self.written)
            if self.written
            else gettext("on export, written to the private reports folder beside the journal")
        )
        contents = export_contents(
            overview(self.journal, audience=audience),
            audience,
            win_lines(self.journal, audience),
        )
        name = audience_entry(audience).label
        head = gettext("Growth-plan export {audience}: {format}, {where}. It holds:").format(
            audience=name, format=gettext(FORMAT_WORDS[fmt]), where=where
        )
        offered = [
            gettext("Also offered: {document}").format(document=button.description)
            for button in self.documents.values()
        ]
        return "\n".join([head] + [f"  {line}" for line in contents] + offered)
