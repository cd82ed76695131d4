"""The coach's page, the roster, the growth plan for every reader, the promotion case, the hub's
home page and the snapshot's contents in the engineer's language (issue 32).

Rendered in the pseudo-locale (en-XA), every sentence these views write comes out accented: a
plain English word left on the page is a sentence that never reached gettext, or one glued from
pieces. Only the persona's own words and names (the journal's text, as they wrote it) are taken out
before the check: what other layers hand the views (the audience table's headings and words,
the coach's role, what readers/ say) comes translated too, and is checked here with the rest.
Under zh-Hans the key sentences are Chinese; and a document rendered for a reader
in English while the active language is Chinese is English throughout.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from widgets import i18n
from widgets.content.resources import demo_persona_path, seeds_dir
from widgets.readers.audience import AUDIENCES
from widgets.readers.share import build_share, summary
from widgets.storage.journal import Journal
from widgets.storage.transfer import demo_date, import_journal
from widgets.views.coach_page import CoachSession
from widgets.views.fragments import fragment
from widgets.views.promotion_case import build_case
from widgets.views.report import build_report, md_text, render_report
from widgets.views.roster import RosterReader, mentee_page, roster_page

from .untranslated import english_lines, visible_text

PSEUDO = "en-XA"
CHINESE = "zh-Hans"
HAN = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")
PROMOTION = seeds_dir() / "personas" / "promotion.json"
# Brands and ids the pages name as they are.
ALLOWED = frozenset(("Step", "Up", "JupyterHub"))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _persona_text(*documents: Path) -> list[str]:
    """Every piece of text the personas wrote (names and their own words), as a page may show
    it: whole, without its closing full stop, and escaped for Markdown; longest first, so a
    sentence goes before a word inside it."""
    found: set[str] = set()
    for path in documents:
        for whole in _strings(json.loads(path.read_text(encoding="utf-8"))):
            # Ids ("senior", "open") are words of Step Up's own, never the persona's: only text
            # with a space in it, or a name, is theirs; a page may show it a line at a time.
            for text in (whole, *whole.splitlines()):
                stripped = text.strip(" -•*\t")
                if " " in stripped or stripped[:1].isupper():
                    clause = stripped.rstrip(".:;,")
                    found |= {stripped, clause, md_text(stripped), md_text(clause)}
    return sorted((text for text in found if len(text) > 1), key=len, reverse=True)


PERSONAS = _persona_text(demo_persona_path(), PROMOTION)


def _months() -> set[str]:
    """The pseudo-locale's month names (a date is written by CLDR, not by a catalogue)."""
    locale = i18n.babel_locale(PSEUDO)
    names: set[str] = set()
    for width in ("abbreviated", "wide"):
        names |= set(locale.months["format"][width].values())
    return names


def left_in_english(text: str, *removed: list[str], allowed=frozenset()) -> list[str]:
    """The lines of ``text`` that hold plain English once ``removed`` texts are taken out."""
    for texts in (*removed, PERSONAS):
        for piece in texts:
            text = text.replace(piece, " ")
    return english_lines(text, ALLOWED | _months() | set(allowed))


def _open(path: Path) -> Journal:
    return Journal(path, readonly=True)


@pytest.fixture
def demo(demo_path) -> Path:
    return demo_path


@pytest.fixture
def ines(tmp_path, monkeypatch) -> Path:
    """Ines, on the promotion route (seeds/personas/promotion.json), on her last answer's day."""
    text = PROMOTION.read_text(encoding="utf-8")
    path = tmp_path / "ines.sqlite"
    import_journal(text, path)
    monkeypatch.setenv("STEPUP_TODAY", demo_date(text))
    return path


@pytest.fixture
def roster_folder(tmp_path, demo) -> Path:
    """A coach's folder: the demo persona's journal, a file that is not a mentee's, and a FIFO."""
    folder = tmp_path / "mentees"
    folder.mkdir()
    shutil.copy(demo, folder / "asha.sqlite")
    (folder / "notes.txt").write_text("not a mentee", encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.json")
    return folder


def _share_contents(journal: Journal, hub: bool) -> tuple[str, list[str]]:
    """Workbook 05's Share with my coach contents (as panels/share.py renders them), and the
    lines readers/share.py wrote for it (tested there)."""
    share = build_share(journal)
    lines = summary(share)[1:]
    held, _heading, *left_out = lines[1:] if share.note else lines
    contents = fragment(
        "share/contents",
        note=share.note,
        held=held,
        left_out=[line.removeprefix("- ") for line in left_out],
        hub=hub,
    )
    said = summary(share)
    return str(contents), said + [line.removeprefix("- ") for line in said]


def _roster_pages(folder: Path) -> tuple[str, str]:
    reader = RosterReader(folder)
    return roster_page(reader.read(), "t0ken"), mentee_page(reader, "asha.sqlite", "t0ken")


# -- the pseudo-locale: nothing left in English ----------------------------------------------


def test_the_coach_page_has_no_english_left(demo):
    with _open(demo) as journal, i18n.use(PSEUDO):
        session = CoachSession(journal)
        page, text = visible_text(session.html), session.summary()
    assert left_in_english(page) == []
    assert left_in_english(text) == []
    assert "Çóáçĥ šéššíóñ" in text


def test_the_roster_and_a_mentees_page_have_no_english_left(roster_folder):
    with i18n.use(PSEUDO):
        roster, mentee = _roster_pages(roster_folder)
    files = [str(roster_folder), "asha.sqlite", "notes.txt", "pipe.json"]
    assert left_in_english(visible_text(roster), files) == []
    assert left_in_english(visible_text(mentee), files) == []
    assert "notes.txt" in roster and "pipe.json" in roster  # both listed, with their reasons


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_growth_plan_has_no_english_left_for_any_reader(demo, audience, fmt):
    with _open(demo) as journal, i18n.use(PSEUDO):
        charts = "files" if fmt == "md" else "inline"
        report = build_report(journal, fmt, audience, charts, language=PSEUDO)
    text = visible_text(report.text) if fmt == "html" else report.text
    # The Markdown's chart links are file names (growth-plan-for-me-2026-11-16-charts/…).
    text = re.sub(r"\]\([^)]*\)", "]", text)
    assert left_in_english(text) == []


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_promotion_case_has_no_english_left(ines, fmt):
    with _open(ines) as journal, i18n.use(PSEUDO):
        case = build_case(journal, fmt, language=PSEUDO)
    text = visible_text(case.text) if fmt == "html" else case.text
    assert left_in_english(text) == []
    assert "Mý çášé fóŕ pŕómóţíóñ" in text


@pytest.mark.parametrize("hub", [False, True])
def test_the_snapshots_contents_and_the_hubs_home_have_no_english_left(demo, hub):
    with _open(demo) as journal, i18n.use(PSEUDO):
        contents, _held = _share_contents(journal, hub)
        home = fragment(
            "roster/hub_home", css="", user="carol", own_received=hub, scope="custom:stepup:coach"
        )
    assert left_in_english(visible_text(contents)) == []
    assert left_in_english(visible_text(home), ["carol", "custom:stepup:coach"]) == []


def test_the_checker_finds_a_sentence_left_in_english(demo):
    """The check can fail: the same page in English is all English."""
    with _open(demo) as journal, i18n.use(i18n.source()):
        page = visible_text(CoachSession(journal).html)
    assert left_in_english(page) != []


# -- Chinese ------------------------------------------------------------------------------------


def test_the_coach_page_and_the_roster_in_chinese(demo, roster_folder):
    with _open(demo) as journal, i18n.use(CHINESE):
        session = CoachSession(journal)
        text = session.summary()
        roster, mentee = _roster_pages(roster_folder)
    for said in ("主要差距", "限制性信念", "项目深挖与故事库", "计划与回顾", "截至"):
        assert said in session.html
    assert "辅导会谈：Asha" in text
    assert "你的学员" in roster and "未读取的文件" in roster and "排序方式：" in roster
    assert "教练视图：" in mentee and "← 所有学员" in mentee


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_growth_plan_and_the_case_in_chinese(demo, ines, fmt):
    with _open(demo) as journal:
        report = render_report(journal, fmt, "me", "none", language=CHINESE)
    assert "成长计划：Asha" in report and "用 Step Up 写于" in report
    assert "行动" in report and "截止日期" in report
    with _open(ines) as journal:
        case = build_case(journal, fmt, language=CHINESE).text
    assert "我晋升" in case and "我目前的位置" in case and "我希望你做的" in case


def test_the_snapshots_contents_in_chinese(demo):
    with _open(demo) as journal, i18n.use(CHINESE):
        contents, _held = _share_contents(journal, hub=False)
    assert "给教练的快照会包含这些内容。" in contents and "不包含：" in contents


def test_chart_alt_text_and_counts_in_chinese():
    from widgets.views.chart_text import alt_text, gap_lines, readiness_words

    with i18n.use(CHINESE):
        assert alt_text("图", [], "没有数据") == "图：空白图表（没有数据）。"
        found = type("Gap", (), {"name": "系统设计", "levels": 2, "weight": 3, "weighted": 6})
        assert gap_lines([found]) == ["1. 系统设计：2 级 × 权重 3 = 6"]
        assert readiness_words([], [], []).startswith("准备度随时间的变化：")


# -- the reader's language, not the active one ------------------------------------------------


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_document_for_an_english_reader_is_english_while_chinese_is_active(
    demo, ines, audience, fmt
):
    with _open(demo) as journal, i18n.use(CHINESE):
        assert i18n.gettext("Growth plan") == "成长计划"
        report = render_report(journal, fmt, audience, "none", language="en")
        assert i18n.current() == CHINESE  # the document's language did not leak out
    assert HAN.findall(report) == []
    assert "Growth plan: Asha" in report
    if fmt == "html":
        assert '<html lang="en">' in report
    with _open(ines) as journal, i18n.use(CHINESE):
        case = build_case(journal, fmt, language="en").text
    assert HAN.findall(case) == [] and "My case for promotion to" in case


def test_english_stays_as_it_was(demo):
    """The English msgids are the old literals: a few sentences the committed outputs hold."""
    with _open(demo) as journal, i18n.use(i18n.source()):
        session = CoachSession(journal)
        report = render_report(journal, "md", "me", "none")
    assert session.summary().startswith("Coach session: Asha, Mid-level engineer → Senior")
    assert "<h3>Limiting beliefs</h3>" in session.html
    assert "<b>Next interview: Northwind Analytics</b>" in session.html
    assert "Next interview in **24 days**." in report
    assert "1 of 4 actions done; 3 open, 1 overdue." in report
    assert "| Week of | Confidence | Hours | Wins | Blockers | Next focus |" in report
    assert dt.date.fromisoformat(os.environ["STEPUP_TODAY"]) == dt.date(2026, 11, 16)
