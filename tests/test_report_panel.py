"""Workbook 05's export: who the document is for, its format, and one button that writes the file
and hands the same bytes to the browser. Driven from Python as the browser would drive it."""

from __future__ import annotations

import datetime as dt
import io
import stat
import zipfile

import ipywidgets as w
import pytest

from widgets import export_growth_plan
from widgets.panels.download import DownloadButton
from widgets.panels.plan import ReportPanel
from widgets.storage import current
from widgets.storage.records import ManagerSupport, Win
from widgets.views.report import HEADINGS, SECTIONS

from .helpers import all_widgets

DAY = "2026-11-16"  # the demo persona's pinned date
OUTSIDE = ("Northwind", "Lumen Health")  # the companies the demo persona interviews with


@pytest.fixture
def panel(demo_path, monkeypatch) -> ReportPanel:
    monkeypatch.setenv(current.JOURNAL_ENV, str(demo_path))
    current.close_all()
    built = export_growth_plan()
    assert isinstance(built, ReportPanel)
    yield built
    current.close_all()


def press(panel: ReportPanel) -> list[tuple[dict, list]]:
    """Press the button once as the browser does; the messages the browser would receive."""
    sent = []
    panel.button.send = lambda content, buffers=None: sent.append((content, buffers or []))
    panel.button.click()
    return sent


def manager_headings() -> list[str]:
    return [HEADINGS["manager"][section] for section in SECTIONS["manager"]]


def test_the_default_is_the_managers_html_copy(panel):
    """Does the panel start on the document the engineer most often wants, the manager's?"""
    assert panel.audience.value == "manager" and panel.format.value == "html"
    assert [value for _label, value in panel.audience.options] == ["manager", "coach", "me"]
    assert "leaves out interviews elsewhere" in panel.audience_hint.value
    panel.audience.value = "me"
    assert "Everything" in panel.audience_hint.value


def test_one_press_writes_the_managers_copy_and_downloads_the_same_bytes(panel, demo_path):
    # The demo persona logged no win yet: with one, every section of the manager's copy is drawn.
    current.current_journal().save(
        Win(on=dt.date(2026, 11, 12), what="Led the churn model's design review")
    )
    sent = press(panel)
    written = panel.written
    assert written == demo_path.parent / "reports" / f"growth-plan-for-manager-{DAY}.html"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    document = written.read_text(encoding="utf-8")
    for heading in manager_headings():
        assert heading in document
    assert not [name for name in OUTSIDE if name in document]
    assert "Limiting beliefs" not in document
    # the browser gets the file just written, then the answer that frees the button
    (download, buffers), (done, _none) = sent
    assert download == {
        "kind": "download",
        "filename": written.name,
        "mime": "text/html;charset=utf-8",
    }
    assert bytes(buffers[0]) == written.read_bytes()
    assert done == {"kind": "done"}
    size = f"{written.stat().st_size:,} bytes"  # bytes, not characters: the document has "→"
    assert len(document) != written.stat().st_size
    assert f"Saved to {written}" in panel.result.value
    assert f"(only you can read it): {size}" in panel.result.value
    assert f"Downloaded as {written.name}: {size}" in panel.result.value


def test_the_coachs_markdown_comes_as_a_zip_with_its_charts(panel, demo_path):
    panel.audience.value = "coach"
    panel.format.value = "md"
    [(download, buffers), _done] = press(panel)
    written = panel.written
    assert written.name == f"growth-plan-for-coach-{DAY}.md"
    text = written.read_text(encoding="utf-8")
    assert "Northwind" in text and "data:image/png" not in text
    assert download["filename"] == f"growth-plan-for-coach-{DAY}.zip"
    assert download["mime"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(bytes(buffers[0]))) as archive:
        names = archive.namelist()
        assert archive.read(written.name) == written.read_bytes()
        charts = [name for name in names if name.endswith(".png")]
        assert charts and all(archive.read(name).startswith(b"\x89PNG") for name in charts)
        # the same charts, written beside the document, where its links point
        for chart in charts:
            assert (written.parent / chart).read_bytes() == archive.read(chart)
            assert f"]({chart})" in text
    assert f"Downloaded as {download['filename']}: {len(bytes(buffers[0])):,} bytes" in (
        panel.result.value
    )


def test_export_from_python_takes_the_audience_and_format(panel, demo_path):
    """ReportPanel.export() is what tests and scripts call: it writes and returns the path."""
    mine = panel.export("me", "html")
    assert mine.name == f"growth-plan-for-me-{DAY}.html"
    assert "Northwind" in mine.read_text(encoding="utf-8")
    theirs = panel.export()  # the panel's choices: the manager's HTML
    assert theirs.name == f"growth-plan-for-manager-{DAY}.html"
    assert "Northwind" not in theirs.read_text(encoding="utf-8")


def test_the_summary_describes_the_chosen_audiences_document(panel, demo_path):
    manager = panel.summary().splitlines()
    assert manager[0] == (
        "Growth-plan export for my manager: an HTML document, on export, written to the private"
        " reports folder beside the journal. It holds:"
    )
    assert "  what I need from you: 3 asks" in manager
    assert not [line for line in manager if line.startswith(("  interviews", "  beliefs"))]
    assert not [line for line in manager if any(name in line for name in OUTSIDE)]
    assert manager[-1] == "  charts: gaps, radar"
    panel.audience.value = "me"
    panel.format.value = "md"
    mine = panel.summary().splitlines()
    assert mine[0].startswith("Growth-plan export for me: a Markdown document with its charts")
    assert "  interviews: 2, the next in 24 days" in mine
    assert "  beliefs: 3 rated before and after a thought record" in mine
    written = panel.export()
    assert panel.summary().splitlines()[0].endswith(f"written to {written}. It holds:")


def test_the_summary_counts_the_asks_written_in_the_same_kernel(panel, demo_path):
    from widgets import manager_support

    manager_support().needs.value = "A project I can own end to end next quarter"
    assert "  what I need from you: 1 ask" in panel.summary().splitlines()


def test_the_coach_kernel_has_no_control_and_writes_nothing(demo_path, monkeypatch):
    monkeypatch.setenv(current.JOURNAL_ENV, str(demo_path))
    monkeypatch.setenv(current.READONLY_ENV, "1")
    current.close_all()
    panel = export_growth_plan()
    assert panel.children == ()
    assert not [
        x for x in all_widgets(panel) if isinstance(x, (w.Button, w.RadioButtons, DownloadButton))
    ]
    assert panel.export("manager", "html") is None
    assert not (demo_path.parent / "reports").exists()
    current.close_all()


def test_a_disabled_button_ignores_presses():
    button = DownloadButton(description="Download", disabled=True)
    pressed = []
    button.on_click(pressed.append)
    button.click()
    assert pressed == []
    button.disabled = False
    button.click()
    assert pressed == [button]


def test_the_button_answers_even_when_its_handler_fails(monkeypatch):
    """The browser greys the button out until the kernel answers: a failing handler answers too."""
    button = DownloadButton(description="Download")
    sent = []
    monkeypatch.setattr(button, "send", lambda content, buffers=None: sent.append(content))

    def fails(_button):
        raise RuntimeError("disk full")

    button.on_click(fails)
    button.click()  # CallbackDispatcher reports the error instead of raising it
    assert sent == [{"kind": "done"}]


def test_the_managers_copy_lists_the_asks(panel, demo_path):
    asks = panel.journal.record(ManagerSupport.kind).need_lines()
    press(panel)
    document = panel.written.read_text(encoding="utf-8")
    assert asks and all(ask.split(":")[0] in document for ask in asks)


def test_the_engineer_sees_what_the_managers_copy_leaves_out_before_exporting(panel):
    """The demo persona's action "… before Northwind" is off the manager's copy: the panel says
    so, and why, beside the choice (and only for the manager's copy)."""
    review = panel.review.value
    assert "Left out of your manager&#39;s copy" in review
    assert "Three observed ML design mocks before Northwind" in review
    assert "it names Northwind Analytics, which you are interviewing with" in review
    press(panel)
    assert "before Northwind" not in panel.written.read_text(encoding="utf-8")
    panel.audience.value = "coach"
    assert panel.review.value == ""
    panel.audience.value = "manager"
    assert "before Northwind" in panel.review.value


def test_a_document_that_cannot_be_made_says_so_and_never_hangs(panel, monkeypatch):
    """Any error while writing ends in a sentence, and the button answers: it never stays on
    "Writing the document…" (issue 27, item 4)."""
    from widgets.views import report

    def fails(*_args, **_kwargs):
        raise ValueError("1 validation error for Framework\nname\n  String should have …")

    monkeypatch.setattr(report, "export_report", fails)
    sent = press(panel)
    assert sent == [({"kind": "done"}, [])]  # no download, and the button is free again
    said = panel.result.value
    assert "Writing the document" not in said
    assert "The document could not be made (ValueError: 1 validation error for Framework)" in said
    assert "Nothing was written" in said and "Traceback" not in said
