"""The growth-plan document (``stepup report``, and the export button of workbook 05).

Rendered with jinja2 from an :class:`~widgets.overview.Overview`; the charts are embedded as PNG
data URIs, so the document is one file. In HTML, autoescaping turns every piece of user text into
text; in Markdown, user text is HTML-escaped and its Markdown punctuation backslash-escaped, so
a viewer that renders HTML inside Markdown still shows it as text.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from widgets.storage import clock
from widgets.storage.journal import Journal, ReadOnlyJournalError, write_private_file
from widgets.views.fragments import FILTERS
from widgets.views.overview import chart_words, figures, gap_figure, overview

FORMATS = ("md", "html")
# Inline Markdown markup; "<" and ">" become entities instead, so no tag survives.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def _png_uri(figure) -> str:
    buffer = io.BytesIO()
    # No "Software" stamp: the same journal gives the same bytes whatever matplotlib patch release.
    figure.savefig(buffer, format="png", dpi=80, metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


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
    return env


# C0 controls but tab and newline, DEL and C1: in a terminal they move the cursor, retitle the
# window or hide text (ESC, CSI); in a document they are invisible. None belongs in a report.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def neutralise_controls(text: str) -> str:
    """Every control character (but tab and newline) as U+FFFD, so it shows and does nothing."""
    return CONTROLS.sub("\ufffd", text)


def render_report(journal: Journal, fmt: str = "html") -> str:
    """The whole document as text; ``fmt`` is "md" or "html"."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    ov = overview(journal)
    charts = {
        name: Markup(_png_uri(figure))
        for name, figure in {**figures(ov), "gaps": gap_figure(ov)}.items()
    }
    words = chart_words(ov, (*charts,))
    template = _environment(fmt).get_template(f"report.{fmt}.j2")
    return neutralise_controls(
        template.render(ov=ov, charts=charts, words=words, generated=clock.today())
    )


def reports_dir(journal_path: Path) -> Path:
    """Reports live beside the journal (outside the repository), readable by this user only."""
    folder = Path(journal_path).expanduser().parent / "reports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def export_report(journal: Journal, fmt: str = "html") -> Path:
    """Render and save ``growth-plan-<date>.<fmt>`` in the private reports folder."""
    if journal.readonly:  # the coach's kernel: nothing is written, whatever asks
        raise ReadOnlyJournalError(
            "The coach view writes nothing; the engineer exports the growth plan from workbook 05."
        )
    path = reports_dir(journal.path) / f"growth-plan-{clock.today().isoformat()}.{fmt}"
    return write_private_file(render_report(journal, fmt), path, journal.path)
