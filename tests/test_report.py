"""The growth-plan document: content, escaping, stable output, and `stepup report`."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import subprocess
import sys

import pytest

from widgets import cli
from widgets.storage.journal import Journal
from widgets.storage.records import Action, Checkin, Profile, Story
from widgets.views.report import md_text, render_report

ATTACK = "<img src=x onerror=alert(1)><script>alert(2)</script>"
IMAGE = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")


@pytest.fixture
def demo(demo_path):
    with Journal(demo_path, readonly=True) as journal:
        yield journal


def test_html_report_has_every_section_with_the_personas_content(demo):
    page = render_report(demo, "html")
    for heading in (
        "Goal",
        "Already at target",
        "Gaps, with the evidence so far",
        "The plan",
        "Progress so far",
        "Weekly check-ins",
    ):
        assert f"<h2>{heading}</h2>" in page or f"<h3>{heading}</h3>" in page
    assert "<h1>Growth plan: Asha</h1>" in page
    assert (
        "From <b>Mid-level engineer</b> to <b>Senior engineer</b> by <b>2027-03-31</b> (ML "
        "engineer, 6.5 years of experience)." in page
    )
    assert "2026-12-10: Northwind Analytics, Senior ML Engineer (L5)" in page  # no "(L5))"
    assert "Next interview in <b>24 days</b>" in page
    assert "Close the gap in Communication" in page and "overdue" in page
    assert "Said my main point in the design review." in page
    assert len(IMAGE.findall(page)) == 6  # gaps, radar, beliefs, stories, design, readiness
    assert "Content-Security-Policy" in page  # even a missed escape could not run a script


def test_markdown_report_has_the_same_content(demo):
    text = render_report(demo, "md")
    assert text.startswith("# Growth plan: Asha\n")
    # Communication is no gap: her coach rates it at her target (issue 31); a disagreement instead.
    assert "| Communication |" not in text
    assert "| System design | Mid-level engineer → Senior engineer | Mid-level engineer |" in text
    assert "**Communication** (self Junior engineer, coach Senior engineer)" in text
    assert (
        "Held most strongly now: **My English isn't good enough to argue a design in front of "
        "senior engineers** (75/100)." in text
    )
    assert "- I'm behind for my years of experience (80 → 55)" in text  # not "experience.: 80"
    assert "5 practice sessions" in text
    assert not IMAGE.search(text)  # Markdown's charts are files beside it, or none
    assert "\n\n\n" not in text


# The documents one process makes of a journal: the HTML (charts inline) and the Markdown with
# its chart files, as one JSON object on standard output.
RENDER = """
import base64, json, sys
from widgets.storage.journal import Journal
from widgets.views.report import build_report
with Journal(sys.argv[1], readonly=True) as journal:
    html = build_report(journal, "html")
    md = build_report(journal, "md", charts="files")
print(json.dumps({"html": html.text, "md": md.text, "charts": {
    name: base64.b64encode(png).decode() for name, png in md.chart_files.items()}}))
"""


def test_the_same_journal_gives_the_same_document(demo_path):
    """Is the output stable (tested once, diffable), images included? Rendered by two processes
    with different hash seeds, as two runs of `stepup report` would: set and dict orders that
    follow the seed, or anything else that differs from run to run, would show here."""
    made = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", RENDER, str(demo_path)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        made.append(json.loads(done.stdout))
    first, second = made
    assert "Asha" in first["html"] and len(first["charts"]) == 6
    assert first["html"] == second["html"]
    assert first["md"] == second["md"]
    assert first["charts"] == second["charts"]


def test_user_text_is_never_markup(journal, monkeypatch):
    monkeypatch.setenv("STEPUP_TODAY", "2026-11-16")
    journal.save(Profile(alias=ATTACK[:120], worries=ATTACK))
    journal.save(
        Action(
            what=ATTACK[:120],
            why=ATTACK,
            done_when="*bold* [link](javascript:alert(1))",
            created_on=dt.date(2026, 11, 1),
        )
    )
    journal.save(Checkin(week_of=dt.date(2026, 11, 16), wins=ATTACK, blockers="| a | table |"))
    journal.save(Story(title=ATTACK[:120], competencies=["communication"]))
    page = render_report(journal, "html")
    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    markdown = render_report(journal, "md")
    assert "<script>" not in markdown and "<img" not in markdown
    assert r"\*bold\* \[link\](javascript:alert(1))" in markdown
    assert r"\| a \| table \|" in markdown


def test_md_text_escapes_markup_and_folds_lines():
    assert md_text("a <b>\n*c*") == r"a &lt;b&gt; \*c\*"


def test_cli_report_writes_a_private_file(tmp_path, demo_path, capsys):
    out = tmp_path / "plan.md"
    assert (
        cli.main(["report", "--journal", str(demo_path), "--format", "md", "--out", str(out)]) == 0
    )
    assert out.read_text().startswith("# Growth plan: Asha")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    said = capsys.readouterr().err
    # The size said is the file's size in bytes (the text has multi-byte characters such as →).
    size = re.search(r"\(md, ([\d,]+) bytes", said).group(1)
    assert int(size.replace(",", "")) == out.stat().st_size > len(out.read_text())
    charts = tmp_path / "plan-charts"
    assert sorted(p.name for p in charts.iterdir()) == [
        f"{name}.png"
        for name in sorted(("gaps", "radar", "beliefs", "stories", "design", "readiness"))
    ]
    assert stat.S_IMODE(charts.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in charts.iterdir())
    # Linked relatively, so the document and its folder move together into a wiki or a doc.
    assert "![Competency radar: self, coach and target](plan-charts/radar.png)" in out.read_text()


def test_cli_report_for_the_manager_without_charts(tmp_path, demo_path, capsys):
    out = tmp_path / "for-my-manager.md"
    args = ["report", "--journal", str(demo_path), "--format", "md", "--out", str(out)]
    assert cli.main([*args, "--audience", "manager", "--no-charts"]) == 0
    text = out.read_text()
    assert "## What I need from you" in text and "Northwind" not in text
    assert "![" not in text and not (tmp_path / "for-my-manager-charts").exists()
    assert "growth plan for my manager" in capsys.readouterr().err
    assert len(text.encode()) < 5_000  # pastes into a doc: no embedded pictures


def test_cli_report_to_stdout_and_refusals(tmp_path, demo_path, capsys):
    assert cli.main(["report", "--journal", str(demo_path)]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    assert cli.main(["report", "--journal", str(tmp_path / "missing.sqlite")]) == 2
    assert "There is no journal" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["report", "--journal", str(demo_path), "--format", "pdf"])


def test_report_reads_through_a_readonly_journal_and_changes_nothing(demo_path):
    before = demo_path.read_bytes()
    with Journal(demo_path, readonly=True) as journal:
        render_report(journal, "html")
    assert demo_path.read_bytes() == before


def test_control_characters_never_reach_the_report_or_the_terminal(tmp_path):
    """ESC, BEL, NUL and C1 (CSI) typed into a field show as U+FFFD in the report, and the JSON
    export escapes them, so printing either to a terminal cannot move the cursor or retitle it."""
    import re
    import subprocess
    import sys

    from widgets.storage.journal import Journal as _Journal
    from widgets.storage.records import Profile
    from widgets.storage.transfer import dumps, export_journal, parse_export

    hostile = "Asha\x1b]0;owned\x07\x1b[2J\x00\x9b31m\x85end"
    path = tmp_path / "journal.sqlite"
    with _Journal(path) as journal:
        journal.save(Profile(alias=hostile, worries=hostile))
        exported = dumps(export_journal(journal))
    controls = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    for fmt in ("md", "html"):
        done = subprocess.run(
            check=False,
            args=[
                sys.executable,
                "-m",
                "widgets.cli",
                "report",
                "--format",
                fmt,
                "--journal",
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert "Asha" in done.stdout and not controls.search(done.stdout)
    assert not controls.search(exported.replace("\n", ""))
    [entry] = parse_export(exported).entries
    assert entry.revisions[-1].data["alias"] == hostile  # escaped, not changed


def test_the_radar_the_coach_and_the_manager_read_names_the_raters(demo):
    """The coach view and the document are read by someone other than the engineer: the radar's
    legend says self, target and coach, never "you"."""
    from widgets.views.overview import figures, overview

    [figure] = figures(overview(demo), ("radar",)).values()
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend == ["self", "target", "coach"]


def test_the_managers_radar_names_no_coach(demo):
    """A manager's copy has no coach's view: its radar's title and words must not name one."""
    from widgets.views.overview import chart_calls, chart_words, overview

    manager = overview(demo, audience="manager")
    assert "coach" not in manager.radar or not any(manager.radar["coach"])
    radar = chart_calls(manager, ("radar",))["radar"]
    assert radar.kwargs["title"] == "Self and target"
    assert chart_words(manager, ("radar",))["radar"].startswith("Self and target, per competency")
    page = render_report(demo, "html", "manager")
    assert "Self and target, per competency" in page and "Self, target and coach" not in page


def test_the_html_document_has_a_main_landmark_and_charts_in_words(demo):
    page = render_report(demo, "html")
    assert page.count("<main>") == 1 and page.index("<main>") < page.index("<h1>")
    assert "Self, target and coach, per competency (rings 1=" in page
    assert "Readiness over time: Check-ins, confidence (0–10) and hours practised: 20" in page
