"""The growth-plan document printed to PDF in Chromium (the browser's "Save as PDF"): A4, a
handful of pages, and every chart drawn once, whole, inside its page."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from widgets.storage.journal import Journal
from widgets.views.report import CHARTS, render_report

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _printed(page, html: str) -> PdfReader:
    page.set_content(html, wait_until="load")
    page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))


def _times(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def drawn_images(pdf: PdfReader) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(page index, (left, bottom, right, top)) of every picture drawn, read from the pages'
    drawing operators: a picture cut by a page break is drawn on two pages, and one that does
    not fit hangs over the page's edge (Chromium clips it)."""
    found = []
    for index, pdf_page in enumerate(pdf.pages):
        stack = [[1.0, 0.0, 0.0, 1.0, 0.0, 0.0]]
        for operands, operator in ContentStream(pdf_page.get_contents(), pdf).operations:
            if operator == b"q":
                stack.append(list(stack[-1]))
            elif operator == b"Q":
                stack.pop()
            elif operator == b"cm":
                stack[-1] = _times([float(v) for v in operands], stack[-1])
            elif operator == b"Do":
                a, _, _, d, e, f = stack[-1]  # a picture is the unit square scaled and moved
                found.append((index, (e, f, e + a, f + d)))
    return found


def _inside(box, page) -> bool:
    left, bottom, right, top = box
    width, height = (float(v) for v in page.mediabox.upper_right)
    return left >= 0 and bottom >= 0 and right <= width + 0.5 and top <= height + 0.5


@pytest.mark.parametrize(
    ("audience", "pages"),
    # Measured on the demo persona: me 7 pages, manager 2; a page or two of slack either way.
    [("me", range(5, 10)), ("manager", range(1, 4))],
)
def test_every_chart_prints_whole_on_one_page(page, demo_path, audience, pages):
    with Journal(demo_path, readonly=True) as journal:
        html = render_report(journal, "html", audience)
    pdf = _printed(page, html)
    assert len(pdf.pages) in pages, len(pdf.pages)
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4, from the stylesheet's @page
    images = drawn_images(pdf)
    assert len(images) == len(CHARTS[audience]), images  # each once: none cut in two
    assert all(_inside(box, pdf.pages[index]) for index, box in images), images


def test_a_chart_that_does_not_fit_is_seen(page, demo_path):
    """The checks above can fail: a picture taller than a page hangs over its edge."""
    with Journal(demo_path, readonly=True) as journal:
        html = render_report(journal, "html", "manager")
    source = re.search(r'src="(data:image/png;base64,[^"]+)"', html).group(1)
    pdf = _printed(page, f'<p>Above</p><img alt="" style="height: 400mm" src="{source}">')
    images = drawn_images(pdf)
    assert len(images) == 1 and not _inside(images[0][1], pdf.pages[images[0][0]])
