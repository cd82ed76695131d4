"""The coach view in a real browser: `stepup demo` served by Voilà, read in headless Chromium."""

from __future__ import annotations

import http.client
import urllib.parse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _render(page, server, notebook: str) -> None:
    page.goto(server.url(f"/voila/render/{notebook}"))
    page.wait_for_selector("text=Your profile")
    page.wait_for_function("document.querySelectorAll('input').length > 0")


def test_coach_sees_the_persona_read_only(page, demo_coach):
    """Are the persona's answers shown, every control disabled, no save control, no code?"""
    _render(page, demo_coach, "00_start_here.ipynb")
    values = page.eval_on_selector_all("input, textarea", "els => els.map(e => e.value)")
    assert "Asha" in values
    assert "Northwind Analytics" in values
    assert any("language barrier" in v for v in values)
    assert page.eval_on_selector_all("input, textarea, select", "els => els.length") >= 10
    enabled = page.eval_on_selector_all(
        "input, textarea, select, button",
        "els => els.filter(e => !e.disabled).map(e => e.outerHTML)",
    )
    assert enabled == []
    assert page.locator("button").count() == 0
    body = page.inner_text("body")
    assert "completed" in body  # the progress panel
    for leak in ("Traceback", "profile_form(", "from widgets import", "Error displaying widget"):
        assert leak not in body


def test_coach_sees_every_thought_record_and_chart(page, demo_coach):
    """Workbook 01 read-only: a card per record (re-ratings included), three charts,
    nothing editable."""
    page.goto(demo_coach.url("/voila/render/01_limiting_beliefs.ipynb"))
    page.wait_for_selector(".widget-html b:text-is('Evidence against:')")
    page.wait_for_function(
        "[...document.querySelectorAll('.widget-image')]"
        ".filter(i => i.naturalWidth > 0).length === 3"
    )
    cards = page.locator(".stepup-card h3")
    assert sorted(cards.all_inner_texts()) == sorted(
        [
            "My projects were superficial; in a deep dive they'll find out.",
            "Senior ML system design is beyond me.",
            "I'm behind for my years of experience.",
            "My English isn't good enough to argue a design in front of senior engineers.",
        ]
    )
    body = page.inner_text("body")
    assert "2026-11-02: 40 (second mock, with a stranger)" in body
    assert page.eval_on_selector_all("input, textarea, select, button", "els => els.length") == 0
    for leak in ("Traceback", "thought_records(", "from widgets import", "Error displaying widget"):
        assert leak not in body


def test_request_without_token_is_refused(demo_coach):
    """Does Voilà send a request with no token to the login page instead of the workbook?"""
    parts = urllib.parse.urlsplit(demo_coach.base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", "/voila/render/00_start_here.ipynb")
    response = connection.getresponse()
    body = response.read().decode(errors="replace")
    assert response.status in (302, 403)
    if response.status == 302:  # sent to log in, not anywhere else
        assert "/login" in response.getheader("Location", "")
    assert "Asha" not in body


def test_no_page_asks_anything_of_another_host(page, demo_coach):
    """The README says nothing is sent anywhere: every request of every page stays on 127.0.0.1."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for notebook in (
        "coach_view.ipynb",
        "00_start_here.ipynb",
        "02_competency_radar.ipynb",
        "05_growth_plan.ipynb",
    ):
        page.goto(demo_coach.url(f"/voila/render/{notebook}"))
        page.wait_for_load_state("networkidle")
    elsewhere = [
        url for url in requested if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))
    ]
    assert requested and elsewhere == []


def test_the_coach_lists_the_pages_by_title_in_a_main_landmark(page, demo_coach):
    """The list of pages names each workbook by its title, the coach view first, not bare files."""
    from widgets.content.workbooks import COACH_VIEW, WORKBOOKS

    page.goto(demo_coach.url("/"))
    page.wait_for_selector("main.stepup-pages h1")
    links = page.locator("main.stepup-pages li a")
    texts = links.all_inner_texts()
    assert texts[0] == COACH_VIEW.title
    assert [
        t.split("\n")[0].removesuffix(wb.file).strip()
        for t, wb in zip(texts[1:], WORKBOOKS, strict=False)
    ] == [wb.title for wb in WORKBOOKS]
    links.nth(3).click()  # 02: opens the read-only page of that workbook
    page.wait_for_url("**/voila/render/02_competency_radar.ipynb**")


def test_the_coach_page_of_a_workbook_leaves_out_the_engineers_instructions(page, demo_coach):
    page.goto(demo_coach.url("/voila/render/02_competency_radar.ipynb"))
    page.wait_for_selector("text=Your ratings and radar")
    body = page.inner_text("body")
    assert "The coach's view" in body
    assert "Everything saves as you go" not in body and "move the slider" not in body
