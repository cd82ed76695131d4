"""Issue 31, an uncertain year (workbook 05): the sourced content, its topics following the
engineer's routes, the private actions it proposes once, and none of it ever reaching the
manager's copy, the 1:1's agenda or the promotion case."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import ipywidgets as w
import pytest
import yaml

from widgets import cli
from widgets import uncertain_year as uncertain_year_page
from widgets.content import seeds
from widgets.content.resources import demo_persona_path, seeds_dir, workbooks_dir
from widgets.content.seeds import ContentError
from widgets.content.uncertain_year import proposals_for, topics_for, uncertain_year
from widgets.forms import commands
from widgets.forms.plan import PlanPanel, source_name
from widgets.panels.uncertain_year import UncertainYearPanel
from widgets.readers import plan
from widgets.readers.conversation import conversation_for
from widgets.readers.plan import actions, proposals
from widgets.readers.reading import reading
from widgets.readers.uncertain_year import uncertain_year_for
from widgets.storage import current
from widgets.storage.journal import Journal
from widgets.storage.records import Action, Interview, Profile, PromotionCycle
from widgets.storage.sources import ActionSource
from widgets.storage.transfer import demo_date, import_journal
from widgets.views.promotion_case import build_case
from widgets.views.report import build_report

from .helpers import all_widgets

TODAY = dt.date(2026, 11, 16)
INTERVIEW, PROMOTION, BOTH = ["interview"], ["promotion"], ["interview", "promotion"]
CONTROLS = (w.Button, w.ToggleButtons, w.Dropdown, w.Textarea, w.Text, w.Checkbox)


def _topics(route_ids: list[str]) -> list[str]:
    return [topic.id for topic, _ in topics_for(Profile(routes=route_ids))]


def _items(route_ids: list[str]) -> set[str]:
    return {item.id for _, items in topics_for(Profile(routes=route_ids)) for item in items}


# -- the content ---------------------------------------------------------------------------------


def test_every_item_and_proposal_has_sources_or_says_it_is_our_judgement():
    found = uncertain_year()
    entries = [item for topic in found.topics for item in topic.items] + list(found.proposals)
    assert len(found.topics) == 6 and len(entries) > 30
    assert all(entry.sources or entry.judgement == "ours" for entry in entries)
    assert any(entry.judgement == "ours" for entry in entries)  # the mark is used, not decoration


def test_an_item_with_neither_sources_nor_judgement_is_refused_by_name(tmp_path):
    raw = yaml.safe_load((seeds_dir() / "uncertain_year.yaml").read_text(encoding="utf-8"))
    raw["topics"][0]["items"][0].pop("sources")
    (tmp_path / "uncertain_year.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    refused = r"topics\[0\]\.items\[0\]: needs sources, or judgement: ours"
    with pytest.raises(ContentError, match=refused):
        uncertain_year(tmp_path)


def test_an_item_cannot_reach_a_route_its_topic_is_not_for(tmp_path):
    raw = yaml.safe_load((seeds_dir() / "uncertain_year.yaml").read_text(encoding="utf-8"))
    promotion_only = next(t for t in raw["topics"] if t["routes"] == PROMOTION)
    promotion_only["items"][0]["routes"] = INTERVIEW
    (tmp_path / "uncertain_year.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(ContentError, match="outside its topic"):
        uncertain_year(tmp_path)


def test_every_cited_address_is_titled_and_no_study_is_cited_without_its_sample():
    titles = seeds.reading_titles()
    found = uncertain_year()
    sources = [s for t in found.topics for i in t.items for s in i.sources]
    sources += [s for p in found.proposals for s in p.sources]
    linked = {reading(source).url for source in sources} - {None}
    assert linked and sorted(linked - set(titles)) == []
    studies = [s for s in sources if re.search(r"\(\d{4}\)", s) and "http" not in s]
    assert studies and all(re.search(r"\d{2,}", s.split(")", 1)[1]) for s in studies)


def _sentences(text: str) -> list[str]:
    """Sentences as the plain-words rule splits them: at . ! ? before whitespace."""
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s.strip()]


def test_the_page_is_in_plain_words():
    """Mean sentence length of everything the page and its proposals say: at most 18 words,
    none over 35 (the plain-words rule for a second-language reader)."""
    found = uncertain_year()
    texts = [t.title for t in found.topics] + [t.intro for t in found.topics]
    texts += [i.text for t in found.topics for i in t.items]
    texts += [x for p in found.proposals for x in (p.what, p.why, p.done_when)]
    lengths = [len(s.split()) for text in texts for s in _sentences(text)]
    assert sum(lengths) / len(lengths) <= 18 and max(lengths) <= 35


def test_no_route_id_in_the_code():
    """Which topic is for which route is data (the seed), never a comparison in code."""
    root = Path(__file__).parent.parent / "widgets"
    files = [
        root / "content" / "uncertain_year.py",
        root / "readers" / "uncertain_year.py",
        root / "panels" / "uncertain_year.py",
        root / "templates" / "panels" / "uncertain_year.html.j2",
    ]
    compared = re.compile(r"""(==|!=|\bin)\s*\(?\s*["'](interview|promotion)["']""")
    assert [f.name for f in files if compared.search(f.read_text(encoding="utf-8"))] == []


# -- the topics follow the routes ----------------------------------------------------------------


def test_interviewing_only_reads_the_interview_topics():
    assert _topics(INTERVIEW) == [
        "who_to_tell",
        "why_leaving",
        "level_offers",
        "references",
        "keeping_drive",
    ]
    assert "manager_not_required" in _items(INTERVIEW)
    assert not {"manager_promotion", "both_roads"} & _items(INTERVIEW)


def test_a_promotion_only_reads_the_promotion_topics():
    assert _topics(PROMOTION) == ["who_to_tell", "promotion_freeze", "keeping_drive"]
    # Who to tell, on the promotion road, is the manager: not "wait for an offer".
    assert _items(PROMOTION) & {"manager_promotion"} and "manager_risk" not in _items(PROMOTION)


def test_both_roads_read_everything_and_the_item_for_both():
    assert set(_topics(BOTH)) == {t.id for t in uncertain_year().topics}
    assert "both_roads" in _items(BOTH)
    assert _items(BOTH) == _items(INTERVIEW) | _items(PROMOTION) | {"both_roads"}


def test_a_profile_with_no_route_reads_the_default_route(journal):
    assert [t.id for t in uncertain_year_for(journal).topics] == _topics(INTERVIEW)


def test_the_level_topic_shows_the_engineers_levels_from_levels_yaml(journal):
    journal.save(Profile(routes=INTERVIEW, current_level="mid", target_level="senior"))
    [topic] = [t for t in uncertain_year_for(journal).topics if t.levels]
    assert topic.id == "level_offers"
    senior = seeds.levels().by_id("senior")
    assert [(x.role, x.name, x.equivalents) for x in topic.levels][-1] == (
        "Your target",
        senior.name,
        senior.equivalents,
    )


# -- the proposals -------------------------------------------------------------------------------


def _uncapped(journal: Journal, today: dt.date) -> list[plan.Proposal]:
    saved = plan.OPEN_ENOUGH
    plan.OPEN_ENOUGH = 99
    try:
        return proposals(journal, today)
    finally:
        plan.OPEN_ENOUGH = saved


def _mine(found) -> list[str]:
    return [p.source.ref for p in found if p.kind == "uncertain"]


@pytest.mark.parametrize(
    ("route_ids", "expected"),
    [
        (INTERVIEW, ["why_leaving_answer", "two_references", "level_questions", "weekly_routine"]),
        (PROMOTION, ["cycle_check", "weekly_routine"]),
        (BOTH, [p.id for p in uncertain_year().proposals]),
    ],
)
def test_proposals_follow_the_routes_and_are_private(journal, route_ids, expected):
    journal.save(Profile(routes=route_ids))
    found = [p for p in _uncapped(journal, TODAY) if p.kind == "uncertain"]
    assert _mine(found) == expected
    assert all(p.manager_sees is False and p.due is not None for p in found)
    assert {source_name(p.source) for p in found} == {"an uncertain year (05)"}


def test_no_profile_no_proposals(journal):
    """A journal whose profile has not said its road gets none."""
    assert _mine(_uncapped(journal, TODAY)) == []


def test_before_an_interview_only_the_preparation_ones(journal):
    soon = TODAY + dt.timedelta(days=10)
    journal.save(Profile(routes=BOTH, interviews=[Interview(company="Contoso", date=soon)]))
    expected = [p.id for p in proposals_for(Profile(routes=BOTH), preparing=True)]
    assert _mine(_uncapped(journal, TODAY)) == expected
    assert "weekly_routine" not in expected and "why_leaving_answer" in expected


def test_accepting_one_stores_a_private_action_proposed_once(journal_path, journal, monkeypatch):
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    journal.save(Profile(routes=INTERVIEW))
    panel = PlanPanel(journal)
    chosen = next(p for p in panel.proposed if p.kind == "uncertain")
    entry_id = panel.accept(chosen)
    panel.accept(chosen)  # a second press adds nothing
    [(stored_id, action)] = actions(journal)
    assert stored_id == entry_id and action.source == chosen.source
    assert action.manager_sees is False and action.status == "open"
    assert chosen.source not in {p.source for p in _uncapped(journal, TODAY)}
    assert len([p for p in _uncapped(journal, TODAY) if p.kind == "uncertain"]) == 3


@pytest.mark.parametrize(
    ("what", "kept_back"),
    [
        ("Practise my reason for leaving, aloud", "why_leaving_answer"),
        ("Ask Priya and Tom to be a reference", "two_references"),
        ("Find out whether the cycle is going ahead", "cycle_check"),
    ],
)
def test_an_equivalent_action_in_the_plan_keeps_it_from_being_proposed(journal, what, kept_back):
    journal.save(Profile(routes=BOTH))
    before = _mine(_uncapped(journal, TODAY))
    journal.save(Action(what=what, created_on=TODAY))
    after = _mine(_uncapped(journal, TODAY))
    assert kept_back in before and kept_back not in after
    assert after == [ref for ref in before if ref != kept_back]


# -- private: never on the manager's copy, the agenda or the promotion case -----------------------


@pytest.fixture
def both_routes_accepted(tmp_path, monkeypatch) -> Path:
    """The demo persona on both routes, with a promotion cycle, every uncertain-year proposal
    accepted into the plan."""
    text = demo_persona_path().read_text(encoding="utf-8")
    path = tmp_path / "both.sqlite"
    import_journal(text, path)
    monkeypatch.setenv("STEPUP_TODAY", demo_date(text))
    with Journal(path) as journal:
        profile = journal.record(Profile.kind)
        cycle = PromotionCycle(
            name="H1", packet_due=dt.date(2027, 3, 1), calibration_on=dt.date(2027, 4, 1)
        )
        journal.save(profile.model_copy(update={"routes": BOTH, "promotion_cycle": cycle}))
        for proposal in proposals_for(journal.record(Profile.kind), preparing=False):
            found = plan.Proposal(
                ActionSource.of("uncertain", proposal.id),
                proposal.what,
                " ".join(proposal.why.split()),
                " ".join(proposal.done_when.split()),
                None,
                manager_sees=False,
            )
            commands.add_proposed_action(journal, found)
    return path


def _its_words(journal: Journal) -> list[str]:
    page = uncertain_year_for(journal)
    said = [line for line in page.words().splitlines() if len(line.split()) > 3]
    for proposal in uncertain_year().proposals:
        said += [proposal.what, " ".join(proposal.why.split())]
    return said


def test_the_managers_copy_never_includes_it(both_routes_accepted, tmp_path, capsys):
    with Journal(both_routes_accepted, readonly=True) as journal:
        words = _its_words(journal)
        mine = build_report(journal, "md", "me", "none").text
    assert [a for a in uncertain_year().proposals if a.what in mine]  # the check can fail
    for fmt in ("md", "html"):
        out = tmp_path / f"manager.{fmt}"
        argv = ["report", "--journal", str(both_routes_accepted), "--audience", "manager"]
        assert cli.main([*argv, "--format", fmt, "--no-charts", "--out", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        if fmt == "html":
            text = re.sub(r"&#3[49];|&quot;", "'", text)
        assert [x for x in words if x.replace('"', "'") in text.replace('"', "'")] == []
        assert "uncertain year" not in text.lower() and "why are you leaving" not in text.lower()
    capsys.readouterr()


def test_the_promotion_case_and_the_agenda_never_include_it(both_routes_accepted):
    with Journal(both_routes_accepted, readonly=True) as journal:
        words = _its_words(journal)
        agenda = conversation_for(journal, dt.date.fromisoformat(os.environ["STEPUP_TODAY"]))
        texts = [build_case(journal, fmt).text for fmt in ("md", "html")]
    texts.append("\n".join(line.text for line in [*agenda.bring, *agenda.ask]) + agenda.note())
    texts.append("\n".join(x for line in [*agenda.bring, *agenda.ask] for x in line.lines))
    for text in texts:
        flat = text.replace("&#34;", '"').replace("&#39;", "'")
        assert [x for x in words if x in flat] == []
        assert "uncertain year" not in flat.lower()


# -- the page ------------------------------------------------------------------------------------


def test_the_engineer_picks_a_topic_and_the_page_follows_the_profile(journal_path, journal):
    journal.save(Profile(routes=INTERVIEW))
    panel = uncertain_year_page()
    assert isinstance(panel, UncertainYearPanel) and panel.picker is not None
    assert [value for _, value in panel.picker.options][1:] == _topics(INTERVIEW)
    panel.picker.value = "references"
    assert "<h3>References</h3>" in panel.page_html.value
    assert "<h3>Who to tell" not in panel.page_html.value
    # The profile's road changes in the same kernel: the page follows.
    current.current_journal().save(Profile(routes=PROMOTION))
    assert [value for _, value in panel.picker.options][1:] == _topics(PROMOTION)
    assert panel.picker.value == "all" and "Promotion freezes" in panel.page_html.value
    assert "Promotion freezes" in repr(panel)


def test_read_only_shows_every_topic_without_controls(journal_path, journal):
    journal.save(Profile(routes=BOTH))
    with Journal(journal_path, readonly=True) as readonly:
        panel = UncertainYearPanel(readonly, readonly=True)
        assert panel.picker is None
        assert [x for x in all_widgets(panel) if isinstance(x, CONTROLS)] == []
        shown = panel.page_html.value
        titles = [f"<h3>{t.title}</h3>".replace('"', "&#34;") for t in uncertain_year().topics]
        assert all(title in shown for title in titles)
        assert "read-only" in panel.summary()
        panel.close()


@pytest.mark.parametrize(("role", "withheld"), [("manager", True), ("coach", False)])
def test_a_coach_who_is_the_manager_reads_only_that_the_page_is_private(
    journal_path, journal, role, withheld
):
    """The page is private (its tier): a coach reading as the manager learns neither the topics
    nor the routes it was read for; a professional coach reads it all."""
    journal.save(Profile(routes=BOTH, coach_role=role))
    with Journal(journal_path, readonly=True) as readonly:
        panel = UncertainYearPanel(readonly, readonly=True)
        text = panel.page_html.value + repr(panel)
        assert panel.page.withheld is withheld
        assert ("Interviewing elsewhere" in text) is not withheld
        assert ("References" in text) is not withheld
        assert ("does not see it" in text) is withheld
        panel.close()
    engineer = UncertainYearPanel(journal)  # the engineer's own view, whoever the coach is
    assert not engineer.page.withheld and "References" in engineer.page_html.value
    engineer.close()


def test_the_sources_are_links_that_open_safely(journal):
    journal.save(Profile(routes=BOTH))
    panel = UncertainYearPanel(journal)
    links = re.findall(r"<a [^>]*>", panel.page_html.value)
    assert links and all('rel="noopener noreferrer"' in link for link in links)
    assert "our judgement" in panel.page_html.value.lower()
    panel.close()


def test_workbook_05_has_one_call_and_its_section():
    notebook = json.loads((workbooks_dir() / "05_growth_plan.ipynb").read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code.count("uncertain_year()") == 1
    index = next(
        i for i, c in enumerate(notebook["cells"]) if "".join(c["source"]) == "uncertain_year()"
    )
    before = notebook["cells"][index - 1]
    assert before["cell_type"] == "markdown" and "".join(before["source"]).startswith("## ")
