"""The growth-plan document (``stepup report``, and the export of workbook 05), for one audience.

Rendered with jinja2 from an :class:`~widgets.views.overview.Overview` read through what the
audience may see (``readers/audience.py``): the manager's copy cannot show a field the table hides,
whatever a template asks for. The document's sections, headings, charts and wording are the
audience's entry in the audience table (``content/audiences.py``), which the templates get whole.
In HTML, autoescaping turns every piece of user text into text; in Markdown, user text is
HTML-escaped and its Markdown punctuation backslash-escaped, so a viewer that renders HTML inside
Markdown still shows it as text.

Charts: in HTML they are embedded (one file that prints to PDF); in Markdown they are PNG files in
a folder beside the document, linked relatively, so the text pastes into a doc or a wiki; or left
out (``charts="none"``).
"""

from __future__ import annotations

import base64
import contextlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from widgets import i18n
from widgets.content.audiences import PerAudience
from widgets.content.audiences import audience as audience_entry
from widgets.readers.audience import (  # noqa: F401 (the export panel offers them)
    AUDIENCES,
    DEFAULT_AUDIENCE,
    check_audience,
    coach_ratings_shown,
    copy_review,
)
from widgets.readers.latest import latest_snapshot
from widgets.readers.wins import win_lines
from widgets.storage import clock
from widgets.storage.journal import (
    Journal,
    OutputPathError,
    ReadOnlyJournalError,
    check_output_path,
    write_private_file,
)
from widgets.views import language
from widgets.views.fragments import FILTERS
from widgets.views.overview import Overview, chart_words, figures, gap_figure, overview

FORMATS = ("md", "html")
CHART_MODES = ("inline", "files", "none")
# Inline Markdown markup; "<" and ">" become entities instead, so no tag survives.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")

# What each audience's document holds, read from the audience table whenever asked: id → its
# sections in order (templates/report.*.j2 draw these), section → heading, and charts.
SECTIONS = PerAudience("sections")
HEADINGS = PerAudience("headings")
CHARTS = PerAudience("charts")


@dataclass
class Report:
    """A rendered document, and the chart files a Markdown document links to (name → PNG)."""

    name: str  # file name, e.g. growth-plan-for-manager-2026-11-26.md
    text: str
    chart_folder: str = ""
    chart_files: dict[str, bytes] = field(default_factory=dict)
    # For the engineer, never in the document: what the manager's copy left out, and why, and
    # the heading that goes above that list (the audience's words).
    left_out: list[str] = field(default_factory=list)
    left_out_heading: str = ""

    @property
    def data(self) -> bytes:
        """The document as UTF-8 bytes, as it is written to a file or a download."""
        return self.text.encode("utf-8")


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    # No "Software" stamp: the same journal gives the same bytes whatever matplotlib patch release.
    figure.savefig(buffer, format="png", dpi=80, metadata={"Software": None})
    return buffer.getvalue()


def _png_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def md_text(value) -> str:
    """User text for Markdown: no HTML, no Markdown markup, one line."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _environment(fmt: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("widgets", "templates"),
        autoescape=(fmt == "html"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS, md=md_text)
    i18n.install(env)
    env.globals.update(language.GLOBALS)
    return env


# C0 controls but tab and newline, DEL and C1: in a terminal they move the cursor, retitle the
# window or hide text (ESC, CSI); in a document they are invisible. None belongs in a report.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def neutralise_controls(text: str) -> str:
    """Every control character (but tab and newline) as U+FFFD, so it shows and does nothing."""
    return CONTROLS.sub("\ufffd", text)


def report_name(audience: str, fmt: str, day=None) -> str:
    """``growth-plan-for-manager-2026-11-26.html``: who it is for and when, in the file's name."""
    return f"growth-plan-for-{audience}-{(day or clock.today()).isoformat()}.{fmt}"


def _charts(ov: Overview, audience: str, shown: bool) -> dict[str, bytes]:
    if not shown:
        return {}
    names = audience_entry(audience).charts
    drawn = figures(ov, tuple(n for n in names if n != "gaps"))
    if "gaps" in names and ov.gaps:
        drawn["gaps"] = gap_figure(ov)
    return {name: _png(drawn[name]) for name in names if name in drawn}


def build_report(
    journal: Journal,
    fmt: str = "html",
    audience: str = DEFAULT_AUDIENCE,
    charts: str | None = None,
    name: str | None = None,
    language: str | None = None,
) -> Report:
    """The document for ``audience`` in its reader's ``language`` (default: the profile's, then
    the setting's or the system's: :func:`widgets.i18n.resolve`); ``charts``: "inline" (data
    URIs), "files" (Markdown: PNGs in a folder beside it, see :attr:`Report.chart_files`) or
    "none". ``name``: the file name it
    will be saved under (its charts folder is named after it), by default :func:`report_name`.
    By default HTML embeds its charts and Markdown has none: a picture inside Markdown is
    hundreds of kilobytes of base64 that no doc or wiki takes."""
    profile = journal.record("profile")
    with i18n.use(i18n.resolve(language, profile.language if profile else None)):
        return _build(journal, fmt, audience, charts, name)


def _build(journal: Journal, fmt: str, audience: str, charts: str | None, name: str | None):
    if charts is None:
        charts = "inline" if fmt == "html" else "none"
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if charts not in CHART_MODES:
        raise ValueError(f"charts must be one of {', '.join(CHART_MODES)}, not {charts!r}")
    reader = audience_entry(audience)
    name = name or report_name(audience, fmt)
    ov = overview(journal, audience=audience)
    pngs = _charts(ov, audience, charts != "none")
    folder = name.rsplit(".", 1)[0] + "-charts" if charts == "files" else ""
    links = {
        chart: Markup(f"{folder}/{chart}.png" if folder else _png_uri(png))
        for chart, png in pngs.items()
    }
    template = _environment(fmt).get_template(f"report.{fmt}.j2")
    text = template.render(
        ov=ov,
        reader=reader,
        sections=reader.sections,
        heading=reader.headings,
        # A coach's ratings reach a reader the table hides them from only when the coach reads
        # as that reader (content/coach_roles.py): then they are the reader's own levels.
        coach_column=coach_ratings_shown(audience) or bool(ov.coach_name),
        wins=win_lines(journal, audience),
        charts=links,
        words=chart_words(ov, tuple(pngs)),
        generated=clock.today(),
        lang=i18n.current(),
    )
    if fmt == "md":  # sections left out leave runs of blank lines behind
        text = re.sub(r"\n{3,}", "\n\n", text)
    return Report(
        name,
        neutralise_controls(text),
        folder,
        {f"{chart}.png": png for chart, png in pngs.items()} if folder else {},
        review_lines(journal, audience),
        reader.word("review"),
    )


def review_lines(journal: Journal, audience: str = "manager") -> list[str]:
    """What the copy for ``audience`` leaves out because it names a company the engineer is
    interviewing with, one sentence each (controls neutralised: they go to a terminal); nothing
    for an audience whose table entry leaves no company out."""
    return [
        neutralise_controls(item.sentence())
        for item in copy_review(latest_snapshot(journal), audience)
    ]


def render_report(
    journal: Journal,
    fmt: str = "html",
    audience: str = DEFAULT_AUDIENCE,
    charts: str | None = None,
    language: str | None = None,
) -> str:
    """The whole document as text (charts inline or none; see :func:`build_report`)."""
    if charts == "files":
        raise ValueError("charts as files need a folder: use build_report or export_report")
    return build_report(journal, fmt, audience, charts, language=language).text


def report_download(
    journal: Journal,
    fmt: str = "html",
    audience: str = DEFAULT_AUDIENCE,
    language: str | None = None,
) -> tuple[str, bytes]:
    """What a browser downloads: one HTML file, or a .zip of the Markdown and its charts folder;
    in its reader's ``language`` (default: the profile's)."""
    if fmt == "html":
        report = build_report(journal, "html", audience, "inline", language=language)
        return report.name, report.data
    report = build_report(journal, "md", audience, "files", language=language)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(report.name, report.data)
        for chart, png in report.chart_files.items():
            archive.writestr(f"{report.chart_folder}/{chart}", png)
    return report.name.rsplit(".", 1)[0] + ".zip", buffer.getvalue()


def reports_dir(journal_path: Path) -> Path:
    """Reports live beside the journal (outside the repository), readable by this user only."""
    folder = Path(journal_path).expanduser().parent / "reports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def write_report(report: Report, path: Path, journal_path: Path | None) -> Path:
    """Write the document to ``path`` (0600) and its chart files, if any, to the folder its links
    name, beside it (0700). Returns the document's path.

    The document's path is checked before any chart is written, and the charts written are
    removed again if the document cannot be: a refusal leaves nothing behind."""
    path = Path(path).expanduser()
    check_output_path(path, journal_path)
    written: list[Path] = []
    folder = path.parent / report.chart_folder
    made_folder = False
    try:
        if report.chart_files:
            try:
                folder.mkdir(mode=0o700)
                made_folder = True
            except FileExistsError:
                if not folder.is_dir():
                    raise OutputPathError(
                        i18n.gettext(
                            "{folder} is in the way of the charts' folder and is not a folder; "
                            "move it or choose another file name. Nothing was written."
                        ).format(folder=folder)
                    ) from None
            except OSError as error:
                raise OutputPathError(
                    i18n.gettext(
                        "Cannot make the charts' folder {folder} ({reason}). Nothing was written."
                    ).format(folder=folder, reason=error.strerror)
                ) from None
            for chart, png in report.chart_files.items():
                written.append(write_private_file(png, folder / chart, journal_path))
        return write_private_file(report.data, path, journal_path)
    except OutputPathError:
        for chart in written:
            chart.unlink(missing_ok=True)
        if made_folder:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def export_report(journal: Journal, fmt: str = "html", audience: str = DEFAULT_AUDIENCE) -> Path:
    """Render and save the document in the private reports folder (Markdown with its charts)."""
    if journal.readonly:  # the coach's kernel: nothing is written, whatever asks
        raise ReadOnlyJournalError(
            i18n.gettext(
                "The coach view writes nothing; the engineer exports the growth plan from"
                " workbook 05."
            )
        )
    report = build_report(journal, fmt, audience, "files" if fmt == "md" else "inline")
    return write_report(report, reports_dir(journal.path) / report.name, journal.path)
