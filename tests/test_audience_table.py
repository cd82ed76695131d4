"""The audience table (widgets/content/audiences.py) decides alone: no code branches on an
audience's id, the export form's hint is made from the table, and an audience added to the table
gets its document, its choice in the form and its hint with no code change."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from markupsafe import escape

from widgets import cli
from widgets.content import audiences
from widgets.content.audiences import TABLE, TIERS, Audience, hint
from widgets.content.routes import of_profile, routes
from widgets.panels.plan import ReportPanel
from widgets.readers.audience import AUDIENCES, audience_view, check_audience, sees
from widgets.storage.journal import Journal
from widgets.storage.records import Profile
from widgets.views.report import build_report, review_lines

PACKAGE = Path(__file__).parents[1] / "widgets"
COMPANIES = ("Northwind", "Lumen Health")  # the demo persona interviews with these
WORRY = "superficial and a deep dive"  # the demo persona's worry, a private field


def audience_branches(text: str) -> list[str]:
    """Every comparison of something with an audience id written out: ``== "manager"``,
    ``"coach" != x``, ``in ("me", …)``, ``case "manager"``."""
    ids = "|".join(re.escape(a) for a in TABLE)
    literal = rf"""["']({ids})["']"""
    pattern = re.compile(
        rf"(==|!=)\s*{literal}|{literal}\s*(==|!=)|\bin\s*[(\[{{]\s*{literal}|\bcase\s+{literal}"
    )
    return [m.group(0) for m in pattern.finditer(text)]


def test_the_scan_finds_the_branches_the_table_replaced():
    """The scan below can fail: it finds the branches the code had before the table."""
    assert audience_branches('{% set manager = audience == "manager" %}') == ['== "manager"']
    assert audience_branches("if check_audience(audience) == 'me':") == ["== 'me'"]
    assert audience_branches('if "coach" != rater or a in ("manager", "me"):') == [
        '"coach" !=',
        'in ("manager"',
    ]
    assert audience_branches('match audience:\n    case "manager":') == ['case "manager"']
    assert audience_branches('audience_view(snapshot, "coach"); x == "managers"') == []


def test_no_code_or_template_branches_on_an_audience_id():
    files = sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.j2")])
    assert len(files) > 100  # the whole package was read
    found = {
        str(path.relative_to(PACKAGE)): hits
        for path in files
        if (hits := audience_branches(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "ask the audience table (content/audiences.py) instead"


def test_the_hint_says_what_the_table_holds_for_each_audience():
    manager = TABLE["manager"]
    on_both = of_profile(Profile(routes=list(routes().ids())))
    said = hint("manager", on_both)
    holds, left_out = said.split(" It leaves out ")
    for section in manager.sections:
        words = manager.word("gaps") if section == "gaps" else audiences.SECTIONS[section]
        assert words in holds.lower(), section
    for tier in set(TIERS) - manager.sees:
        assert all(words in left_out for words in TIERS[tier]), tier
    assert audiences.MARKED_ACTIONS_WORDS in left_out
    private = [r for r in on_both if r.tier not in manager.sees]
    assert private and all(words in left_out for r in private for words in r.left_out)
    # An audience that reads everything is told so, and leaves nothing out.
    assert hint("me") == "Everything in your journal, for your own records."
    assert "leaves out" not in hint("coach")


@pytest.fixture
def panel(demo_path):
    with Journal(demo_path) as journal:
        built = ReportPanel(journal)
        yield built
        built.close()


def test_the_hint_speaks_only_of_the_engineers_routes():
    """A route the engineer is not on is not spoken of: the manager's hint for an engineer going
    for promotion only names no interview (routes.yaml's ``left_out``, one route's words)."""
    (promotion,) = [r for r in routes().entries if r.tier in TABLE["manager"].sees]
    alone = hint("manager", [promotion])
    with_all = hint("manager", routes().entries)
    assert "interview" not in alone.lower() and "interviews elsewhere" in with_all
    assert "beliefs" in alone  # the tiers' words stay, whatever the route
    assert "interview" not in hint("coach", routes().entries).lower()  # the coach may know


def test_changing_the_table_changes_the_hint_the_form_shows(panel, monkeypatch):
    """The form shows the table's hint; a manager's copy that held the private tier and lost
    "What I need from you" is described so, without touching the panel."""
    mine = of_profile(panel.journal.record(Profile.kind))
    assert panel.audience_hint.value.endswith(f"{escape(hint('manager', mine))}</span>")
    assert "leaves out interviews elsewhere" in panel.audience_hint.value
    before = hint("manager", mine)
    manager = TABLE["manager"]
    changed = dataclasses.replace(
        manager,
        sees=frozenset(TIERS),
        sections=tuple(s for s in manager.sections if s != "needs"),
    )
    monkeypatch.setitem(TABLE, "manager", changed)
    after = hint("manager", mine)
    assert after != before
    assert "what you need from your manager" not in after
    assert "interviews elsewhere" not in after and "your coach's ratings" not in after
    panel.audience.value = "me"
    panel.audience.value = "manager"  # the form asks the table again
    assert escape(after) in panel.audience_hint.value
    assert escape(before) not in panel.audience_hint.value


MENTOR = Audience(
    id="mentor",
    name="for my mentor",
    sees=frozenset({"shared"}),
    sections=("goal", "strengths", "gaps", "plan"),
    headings={
        "goal": "Where I want to be",
        "strengths": "What I already do well",
        "gaps": "What I am learning",
        "plan": "How I am getting there",
    },
    charts=("radar",),
    chart_titles={"radar": "My competency radar"},
    words={"purpose": "for a mentor outside your company", "ratings": "Ratings: mine."},
    leaves_out_companies=True,
)


def test_an_audience_added_to_the_table_needs_no_code(demo_path, monkeypatch):
    """One entry and its words: the mentor gets a document with their sections and headings and
    nothing private, a choice in the form, its hint, and the company review."""
    monkeypatch.setitem(TABLE, "mentor", MENTOR)
    assert check_audience("mentor") == "mentor"
    assert "mentor" in AUDIENCES  # the CLI's --audience choices
    assert not sees("mentor", "profile", "interviews") and sees("mentor", "profile", "alias")
    with Journal(demo_path) as journal:
        view = audience_view(journal.snapshot(), "mentor")
        assert view.entries("thought_record") == [] and view.record("profile").interviews == []

        text = build_report(journal, "md", "mentor", "none").text
        headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
        assert headings == list(MENTOR.headings.values())
        assert "Ratings: mine." in text
        assert not [name for name in (*COMPANIES, WORRY) if name in text]
        html = build_report(journal, "html", "mentor", "inline")
        assert html.name.startswith("growth-plan-for-mentor-")
        assert html.text.count('<figure class="chart">') == 1  # the radar, and only it
        assert not [name for name in (*COMPANIES, WORRY) if name in html.text]
        assert any("Northwind" in line for line in review_lines(journal, "mentor"))

        panel = ReportPanel(journal)
        try:
            assert ("For my mentor", "mentor") in panel.audience.options
            panel.audience.value = "mentor"
            said = panel.audience_hint.value
            mine = of_profile(journal.record(Profile.kind))
            assert escape(hint("mentor", mine)) in said
            assert (
                "Your goal, strengths with their evidence, gaps and the plan, for a mentor" in said
            )
            assert "It leaves out interviews elsewhere, anything that names a company" in said
            assert "beliefs" in said
            assert "Northwind" in panel.review.value  # what the copy leaves out, before sending
            assert panel.summary().splitlines()[0].startswith("Growth-plan export for my mentor:")
            written = panel.export("mentor", "md")
            assert written.name.startswith("growth-plan-for-mentor-")
        finally:
            panel.close()


def test_the_cli_writes_the_added_audiences_document(tmp_path, demo_path, monkeypatch, capsys):
    """`stepup report --audience mentor`, once the table has the mentor: the CLI's choices and
    its sentence come from the table too."""
    monkeypatch.setitem(TABLE, "mentor", MENTOR)
    out = tmp_path / "for-my-mentor.md"
    args = ["report", "--journal", str(demo_path), "--format", "md", "--out", str(out)]
    assert cli.main([*args, "--audience", "mentor", "--no-charts"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "## How I am getting there" in text and "Northwind" not in text
    said = capsys.readouterr().err
    assert "growth plan for my mentor" in said and "Northwind" in said  # the review, for you
    assert "Left out of this copy (only you see this list):" in said


def test_an_audience_not_in_the_table_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="audience must be one of manager, coach, me, not 'boss'"):
        check_audience("boss")


def test_an_entry_naming_what_no_template_draws_is_refused():
    """A chart outside the entry's sections would silently vanish from its document."""
    with pytest.raises(ValueError, match="the chart 'beliefs' is drawn in the section 'beliefs'"):
        dataclasses.replace(MENTOR, charts=("radar", "beliefs"))
    with pytest.raises(ValueError, match="no section 'prize'.*no such word 'greeting'"):
        dataclasses.replace(MENTOR, sections=("goal", "prize"), charts=(), words={"greeting": ""})
