"""The promotion case (issue 30, item 4): the engineer's case for the next level, for their
manager, in their own words; golden files for the promotion persona, nothing private in it on any
route, offered where the engineer's route offers it, and `stepup report --document`."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from widgets import cli
from widgets.content.audiences import audience as audience_entry
from widgets.content.resources import demo_persona_path, seeds_dir
from widgets.panels.plan import ReportPanel
from widgets.storage.journal import Journal
from widgets.storage.plan_records import Win, WinMeasure
from widgets.storage.records import (
    CoachAssessment,
    Profile,
    PromotionCycle,
    ThoughtRecord,
)
from widgets.storage.transfer import demo_date, import_journal
from widgets.views.promotion_case import build_case

from .test_audience import _hidden_and_shown_text
from .test_route_words import INTERVIEW_WORDS

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("STEPUP_UPDATE_GOLDEN") == "1"  # review the diff before committing it
PROMOTION = seeds_dir() / "personas" / "promotion.json"
HEADINGS = (
    "## Where I stand",
    "## My projects and their measured impact",
    "## The senior engineer behaviours I already show",
    "## What is still missing, and my plan for it",
    "## What I ask of you",
)


def _imported(text: str, path: Path, monkeypatch) -> Path:
    import_journal(text, path)
    monkeypatch.setenv("STEPUP_TODAY", demo_date(text))
    return path


@pytest.fixture
def ines(tmp_path, monkeypatch) -> Path:
    """Ines, on the promotion route only (seeds/personas/promotion.json)."""
    return _imported(PROMOTION.read_text(encoding="utf-8"), tmp_path / "ines.sqlite", monkeypatch)


@pytest.fixture
def both_routes(tmp_path, monkeypatch) -> Path:
    """The demo persona (interviewing at Northwind, beliefs, a coach's ratings) on both routes,
    with a promotion cycle and a win that speaks of an interview."""
    text = demo_persona_path().read_text(encoding="utf-8")
    path = _imported(text, tmp_path / "both.sqlite", monkeypatch)
    with Journal(path) as journal:
        profile = journal.record(Profile.kind)
        journal.save(
            profile.model_copy(
                update={
                    "routes": ["interview", "promotion"],
                    "promotion_cycle": PromotionCycle(
                        name="H1",
                        packet_due=dt.date(2027, 3, 1),
                        calibration_on=dt.date(2027, 4, 1),
                    ),
                }
            )
        )
        day = dt.date.fromisoformat(demo_date(text))
        journal.save(Win(on=day, what="Passed the Northwind onsite round", manager_sees=True))
        journal.save(
            Win(
                on=day,
                what="Cut the churn model's scoring time",
                measure=WinMeasure(name="scoring time", before=40, after=12, unit="min"),
            )
        )
    return path


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden_promotion_case(ines, fmt):
    """Ines's case as reviewed: the first person, her projects' numbers, the senior behaviours
    she shows against the ladder, what is missing with her plan, her asks and the route's."""
    with Journal(ines, readonly=True) as journal:
        text = build_case(journal, fmt).text
    golden = GOLDEN / f"promotion-case.{fmt}"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{golden} differs (STEPUP_UPDATE_GOLDEN=1)"


def test_the_case_is_a_promotion_case(ines):
    with Journal(ines, readonly=True) as journal:
        text = build_case(journal, "md").text
    positions = [text.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    for said in (
        "Crash-free sessions: 99.6 % → 99.8 %",  # a project's measured number, with its sources
        "40 screens migrated in four months with no rollback.",
        "calibration is on **6 May 2027**",
        "My packet is due on **9 Apr 2027**",
        "31 Jul 2026: I stopped releases that raised crashes",  # a behaviour, dated
        "Lead the design review of the offline sync work (by 19 Mar 2027",  # the plan for a gap
        "Ask my manager which senior behaviours I'm missing",  # ticked, from a belief
    ):
        assert said in text, said
    # The ladder's senior descriptor of a competency she shows, quoted beside her evidence.
    assert "Owns a product area's performance and release health" in text
    asks = text.split("## What I ask of you")[1]
    assert "Sponsorship" in asks and "mentee" in asks  # the route's standard asks (routes.yaml)
    assert "Tell me which senior behaviours" in asks  # her own, first
    assert "I am a mid-level engineer" in text


def _private_of(path: Path) -> tuple[set[str], list[str], list[str]]:
    with Journal(path, readonly=True) as journal:
        hidden, _ = _hidden_and_shown_text(journal)
        profile = journal.record(Profile.kind)
        emotions = [
            e.name for entry in journal.entries(ThoughtRecord.kind) for e in entry.record().emotions
        ]
        raters = [e.record().rater for e in journal.entries(CoachAssessment.kind)]
    return hidden, [i.company for i in profile.interviews], emotions + raters


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("who", ["ines", "both_routes"])
def test_the_case_holds_nothing_private(request, who, fmt):
    """No belief, emotion, confidence figure, interview or its company, coach rating: for an
    engineer on the promotion route only, and one on both routes with all of these."""
    path = request.getfixturevalue(who)
    hidden, companies, names = _private_of(path)
    with Journal(path, readonly=True) as journal:
        text = build_case(journal, fmt).text
    assert hidden and names
    assert [t for t in hidden if t in text] == []
    assert [c for c in companies if c.lower() in text.lower()] == []
    assert [n for n in names if re.search(rf"\b{re.escape(n)}\b", text)] == []
    assert INTERVIEW_WORDS.findall(text) == []
    assert "confidence" not in text.lower() and "belief" not in text.lower()
    if who == "both_routes":
        assert "Northwind" in "".join(hidden | set(companies))  # the check can fail
        assert "scoring time: 40 min → 12 min" in text  # the win the manager may read
        assert audience_entry("manager").unsaid("Passed the Northwind onsite round")


def test_user_text_is_never_markup(ines):
    with Journal(ines) as journal:
        journal.save(Win(on=dt.date(2027, 2, 1), what="<script>alert(1)</script> *shipped*"))
    with Journal(ines, readonly=True) as journal:
        html, md = build_case(journal, "html").text, build_case(journal, "md").text
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>" not in md and r"\*shipped\*" in md


def test_offered_only_where_a_route_offers_it(ines, demo_path):
    """The export panel's one-click button is there for the promotion route (seeds/routes.yaml
    `documents`), not for an engineer who only interviews."""
    with Journal(ines) as journal:
        buttons = list(ReportPanel(journal).documents.values())
        assert [b.description for b in buttons] == ["Download my promotion case (for my manager)"]
    with Journal(demo_path) as journal:
        assert ReportPanel(journal).documents == {}
    with Journal(ines, readonly=True) as journal:  # the coach's kernel holds no button at all
        assert ReportPanel(journal).documents == {}


def test_one_click_in_the_panel_writes_and_downloads_the_case(ines):
    with Journal(ines) as journal:
        panel = ReportPanel(journal)
        sent = []
        button = next(iter(panel.documents.values()))
        button.download = lambda name, data, mime: sent.append((name, data, mime))
        button.click()
    name, data, mime = sent[0]
    assert name == f"promotion-case-{os.environ['STEPUP_TODAY']}.html"
    assert mime.startswith("text/html")
    written = ines.parent / "reports" / name
    assert written.read_bytes() == data and b"My case for promotion" in data
    assert oct(written.stat().st_mode & 0o777) == "0o600"


def test_cli_document_promotion_case(ines, tmp_path, capsys):
    out = tmp_path / "case.md"
    argv = ["report", "--journal", str(ines), "--document", "promotion-case", "--format", "md"]
    assert cli.main([*argv, "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# My case for promotion to Senior engineer")
    assert "Wrote the promotion case (md" in capsys.readouterr().err
    assert cli.main([*argv, "--audience", "coach"]) == 2
    assert "for your manager only" in capsys.readouterr().err


def test_no_route_id_in_the_code():
    """The case is offered by data (routes.yaml), never by comparing a route's id."""
    root = Path(__file__).parent.parent / "widgets"
    files = [
        root / "readers" / "promotion_case.py",
        root / "views" / "promotion_case.py",
        root / "panels" / "plan.py",
        *root.glob("templates/promotion_case.*.j2"),
    ]
    compared = re.compile(r"""(==|!=|\bin)\s*\(?\s*["'](interview|promotion)["']""")
    assert [f.name for f in files if compared.search(f.read_text(encoding="utf-8"))] == []
