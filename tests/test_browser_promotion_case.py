"""The promotion case in Chromium: printed to PDF (A4, at most four pages, no table row or
behaviour cut by a page break), and downloaded from workbook 05 in one click by an engineer on the
promotion route."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from widgets.content.resources import seeds_dir
from widgets.storage.journal import Journal
from widgets.storage.plan_records import Win, WinMeasure
from widgets.storage.transfer import demo_date, import_journal
from widgets.views.promotion_case import build_case

from .servers import lab_server
from .test_browser_workbooks import _run_all_and_wait

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PROMOTION = seeds_dir() / "personas" / "promotion.json"
TOKEN = "stepup-promotion-case-test-token"
WINS = (
    Win(
        on=dt.date(2027, 2, 19),
        what="Cut the app's cold start on older phones",
        measure=WinMeasure(name="cold start", before=3.1, after=1.9, unit="s"),
        benefited="Field staff on older Android phones",
        competency_id="client_performance",
    ),
    Win(
        on=dt.date(2027, 2, 24),
        what="Ran the offline sync design review",
        measure=WinMeasure(name="open review comments", before=14, after=0),
        competency_id="system_design",
    ),
)


class _Blocks(HTMLParser):
    """The text of every table row and behaviour section: what must print on one page."""

    def __init__(self):
        super().__init__()
        self.blocks: list[list[str]] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "tr" or (tag == "section" and ("class", "behaviour") in attrs):
            self.depth += 1
            if self.depth == 1:
                self.blocks.append([])

    def handle_endtag(self, tag):
        if tag in ("tr", "section") and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and data.strip():
            self.blocks[-1].append(data)


def _words(text: str) -> list[str]:
    # NFKC: Chromium's PDF text has ligatures ("ﬁ") where the HTML has letters.
    return re.findall(r"[A-Za-z0-9]+", unicodedata.normalize("NFKC", text))


def cut_blocks(html: str, pdf: PdfReader) -> list[str]:
    """The rows and behaviours not wholly on one page (cut by a page break), by their first
    words: a page must hold the first and last words of every piece of text in it (the cells of
    a row sit side by side, so a cut row can end its last cell before the break)."""
    pages = [" ".join(_words(page.extract_text())) for page in pdf.pages]
    parser = _Blocks()
    parser.feed(html)
    cut = []
    for block in parser.blocks:
        pieces = [_words(text) for text in block]
        ends = [" ".join(w[:3]) for w in pieces if w] + [" ".join(w[-3:]) for w in pieces if w]
        if not any(all(end in text for end in ends) for text in pages):
            cut.append(" ".join(pieces[0][:4]))
    return cut


def _printed(page, html: str) -> PdfReader:
    page.set_content(html, wait_until="load")
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))


@pytest.fixture
def ines(tmp_path, monkeypatch):
    text = PROMOTION.read_text(encoding="utf-8")
    path = tmp_path / "ines.sqlite"
    import_journal(text, path)
    monkeypatch.setenv("STEPUP_TODAY", demo_date(text))
    with Journal(path) as journal:
        for win in WINS:
            journal.save(win)
    return path


def test_the_case_prints_on_at_most_four_a4_pages_with_no_row_cut(page, ines):
    with Journal(ines, readonly=True) as journal:
        html = build_case(journal, "html").text
    pdf = _printed(page, html)
    # Measured on Ines with two wins: 3 pages.
    assert 1 <= len(pdf.pages) <= 4, len(pdf.pages)
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4, from the stylesheet's @page
    assert cut_blocks(html, pdf) == []
    parser = _Blocks()
    parser.feed(html)
    assert len(parser.blocks) >= 15  # header rows, projects, wins, missing, behaviours


def test_a_row_cut_by_a_page_break_is_seen(page, ines):
    """The check above can fail: without the print rules, a row taller than what is left of a
    page is cut in two."""
    with Journal(ines, readonly=True) as journal:
        html = build_case(journal, "html").text
    filler = " ".join(["The crash gate stops a release that raises crashes."] * 60)
    broken = html.replace("break-inside: avoid; page-break-inside: avoid;", "").replace(
        "Planned the order of screens", filler + " Planned the order of screens"
    )
    pdf = _printed(page, broken)
    assert cut_blocks(broken, pdf) != []


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """One Lab over Ines's journal, with two wins logged with their numbers."""
    folder = tmp_path_factory.mktemp("lab-promotion-case")
    journal = folder / "journal.sqlite"
    text = PROMOTION.read_text(encoding="utf-8")
    import_journal(text, journal, source="the promotion persona")
    with Journal(journal) as kept:
        for win in WINS:
            kept.save(win)
    env = {"STEPUP_TODAY": demo_date(text)}
    with lab_server(folder, journal, TOKEN, render_all_cells=True, extra_env=env) as server:
        yield server, journal, demo_date(text)


def test_one_click_downloads_the_promotion_case(page, lab):
    server, journal, today = lab
    _run_all_and_wait(page, server, "05_growth_plan.ipynb")
    button = page.locator(
        ".jp-OutputArea-output .stepup-download button", has_text="Download my promotion case"
    )
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as pending:
        button.click()
    download = pending.value
    name = f"promotion-case-{today}.html"
    assert download.suggested_filename == name
    document = download.path().read_bytes().decode("utf-8")
    assert "My case for promotion to Senior engineer" in document
    assert "cold start: 3.1 s → 1.9 s" in document  # a win logged with its numbers
    assert "open review comments: 14 → 0" in document
    written = journal.parent / "reports" / name
    assert written.read_bytes() == download.path().read_bytes()
