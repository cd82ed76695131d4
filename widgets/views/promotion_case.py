"""The promotion case (``stepup report --document promotion-case``, and workbook 05's export for
an engineer whose route offers it): the engineer's argument for the next level, in their first
person, for their manager.

Built as the growth-plan document is (``views/report.py``): jinja2 templates
(``templates/promotion_case.*.j2``) with autoescape in HTML and every piece of user text escaped in
Markdown, drawn from what the manager may see (``readers/promotion_case.py`` reads the journal
through the manager's view). HTML prints to PDF; Markdown pastes into a doc or a wiki. It has no
charts: a case is read as sentences and numbers.
"""

from __future__ import annotations

import re

from widgets import i18n
from widgets.content.audiences import audience as audience_entry
from widgets.readers.promotion_case import AUDIENCE, DOCUMENTS, offered, promotion_case
from widgets.storage import clock
from widgets.storage.journal import Journal, ReadOnlyJournalError
from widgets.views.report import (
    FORMATS,
    Report,
    _environment,
    neutralise_controls,
    reports_dir,
    review_lines,
    write_report,
)

__all__ = ["AUDIENCE", "DOCUMENTS", "build_case", "case_name", "export_case", "offered"]


def case_name(fmt: str, day=None) -> str:
    """``promotion-case-2027-02-15.html``: what it is and when, in the file's name."""
    return f"promotion-case-{(day or clock.today()).isoformat()}.{fmt}"


def build_case(
    journal: Journal, fmt: str = "html", name: str | None = None, language: str | None = None
) -> Report:
    """The promotion case as a :class:`~widgets.views.report.Report` (no charts), with what the
    manager's copy left out for the engineer to review before sending it; in ``language``
    (default: the profile's, as the growth plan is: :func:`widgets.views.report.build_report`)."""
    profile = journal.record("profile")
    with i18n.use(i18n.resolve(language, profile.language if profile else None)):
        return _build_case(journal, fmt, name)


def _build_case(journal: Journal, fmt: str, name: str | None) -> Report:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    case = promotion_case(journal)
    text = _environment(fmt).get_template(f"promotion_case.{fmt}.j2").render(case=case)
    if fmt == "md":  # sections left out leave runs of blank lines behind
        text = re.sub(r"\n{3,}", "\n\n", text)
    return Report(
        name or case_name(fmt),
        neutralise_controls(text),
        left_out=review_lines(journal, AUDIENCE),
        left_out_heading=audience_entry(AUDIENCE).word("review"),
    )


def case_download(journal: Journal, fmt: str = "html") -> tuple[str, bytes]:
    """What a browser downloads: the one file (HTML, or Markdown with no charts to carry)."""
    report = build_case(journal, fmt)
    return report.name, report.data


def export_case(journal: Journal, fmt: str = "html"):
    """Render and save the case in the private reports folder; returns its path."""
    if journal.readonly:  # the coach's kernel: nothing is written, whatever asks
        raise ReadOnlyJournalError(
            i18n.gettext(
                "The coach view writes nothing; the engineer exports the promotion case from"
                " workbook 05."
            )
        )
    report = build_case(journal, fmt)
    return write_report(report, reports_dir(journal.path) / report.name, journal.path)
