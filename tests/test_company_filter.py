"""The company an engineer is interviewing with never reaches the manager's copy, however it is
written (issue 27, item 3), a company ladder named after it still gives a document (item 4), and
the engineer sees what was left out and why before exporting."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets import cli
from widgets.content.names import NameMatcher, fold
from widgets.readers.audience import audience_view, managers_copy_review
from widgets.storage.journal import Journal
from widgets.storage.records import (
    Action,
    CompetencyAssessment,
    CompetencyRating,
    Interview,
    ManagerSupport,
    Profile,
    Project,
    Story,
)
from widgets.views.report import build_report

COMPANIES = ("Ledgerline Payments", "Ledgerline")
# Every form the red team found on the manager's copy (issue 27, item 3).
VARIANTS = (
    "two mocks with ledgerline engineers",
    "LEDGERLINE bar raiser prep",
    "join #ledgerline-interview channel",
    "read ledgerline.io engineering posts",
    "Time off on 16 Dec for the LedgerLine onsite",
    "Two Ledgerlines mocks",
    "Ledgerline_prep notes",
    "Ledgerline2026 loop",
    "Ledgerline's bar raiser",
    "Ask about the Ledger line onsite",
    "Ask about the ledger-line onsite",
    "Ledger\u00adline system design",  # a soft hyphen inside
    "Ledg\u200berline system design",  # a zero-width space inside
    "Ledger\u200dline\u2060 system design",  # a zero-width joiner and a word joiner
    "\uff2c\uff45\uff44\uff47\uff45\uff52\uff4c\uff49\uff4e\uff45 system design",  # fullwidth
    "L\u0435dg\u0435rlin\u0435 system design",  # Cyrillic е
    "LEDGERL\u0406NE system design",  # Cyrillic І
    "\u13de\u0435dg\u0435r\u217cin\u0435 mocks",  # Cherokee Ꮮ, Cyrillic е, small roman fifty
)
# What must stay: the name's common words alone, and words that only contain a short name.
KEPT = (
    "Fix the payments retry bug",
    "Ship the ledger reconciliation",
    "Lead the next design review",
)


def _journal(path, company: str, variant: str) -> None:
    day = dt.date(2026, 11, 1)
    with Journal(path) as journal:
        journal.save(
            Profile(
                alias="Asha",
                interviews=[Interview(company=company, date=dt.date(2026, 12, 16))],
            )
        )
        journal.save(Action(what=variant, source="own", created_on=day))
        journal.save(Action(what="Pair on the design doc", why=variant, created_on=day))
        journal.save(Action(what="Run the migration", done_when=variant, created_on=day))
        journal.save(
            Action(what="Close the gap", source="gap:ml.system_design", why=variant, created_on=day)
        )
        journal.save(Story(title="Outage", headline=variant))
        journal.save(Project(name="Churn model", goal=variant))
        for kept in KEPT:
            journal.save(Action(what=kept, created_on=day))
        journal.save(ManagerSupport(needs=f"A design review slot\n{variant}\nA mentor"))
        journal.save(
            CompetencyAssessment(
                framework_id="software",
                ratings={
                    "code_quality": CompetencyRating(
                        current="senior", target="senior", evidence=f"Wrote the RFC.\n{variant}"
                    )
                },
            ),
            CompetencyAssessment.entry_id("software"),
        )


@pytest.mark.parametrize("company", COMPANIES)
@pytest.mark.parametrize("variant", VARIANTS)
def test_no_form_of_the_company_reaches_the_managers_copy(tmp_path, company, variant):
    path = tmp_path / "journal.sqlite"
    _journal(path, company, variant)
    matcher = NameMatcher([company])
    assert matcher.named(variant) == company
    with Journal(path, readonly=True) as journal:
        for fmt in ("md", "html"):
            document = build_report(journal, fmt, "manager", "none").text
            assert matcher.named(document) is None, (fmt, variant)
            assert "ledgerline" not in fold(document).replace(" ", "").replace("-", "")
            for kept in (*KEPT, "A design review slot", "A mentor", "Wrote the RFC."):
                assert kept in document, (fmt, kept)
        review = managers_copy_review(journal.snapshot())
    # Four actions, the story and the project whole; a line of the needs and of the evidence.
    whole = sorted(item.kind for item in review if item.whole)
    assert whole == ["action"] * 4 + ["project", "story"]
    lines = sorted((item.kind, " ".join(item.text.split())) for item in review if not item.whole)
    assert lines == sorted(
        [("competency_assessment", " ".join(variant.split())), ("manager_support", variant)]
    )


@pytest.mark.parametrize(
    ("company", "text", "named"),
    [
        ("Meta", "Migrate the metadata pipeline", False),
        ("Meta", "Meta onsite on Friday", True),
        ("Meta", "Two meta's mocks", True),
        ("Meta", "#meta-loop prep", True),
        ("Meta", "read meta.com posts", True),
        ("Meta", "Meta2026", True),
        ("Block", "Unblock the data team", False),
        ("Block", "Triage the blocker list", False),
        ("Block Inc", "block time for deep work", False),  # a common word: as written only
        ("Block Inc", "Block onsite prep", True),
        ("Block Inc", "blockinc recruiter call", True),
        ("Northwind Analytics", "Share the analytics dashboard", False),
        ("Northwind Analytics", "north wind onsite", True),
        ("Ledgerline Payments", "Fix the payments retry bug", False),
    ],
)
def test_common_words_and_short_names_are_not_found_inside_other_words(company, text, named):
    assert (NameMatcher([company]).named(text) == company) is named


def test_ids_are_never_searched_so_a_record_stays_valid(journal):
    """A story's competency ids, an action's source: ids, not text; emptied, they would break
    the record (and the document with it)."""
    journal.save(Profile(interviews=[Interview(company="Ledgerline")]))
    journal.save(Story(title="Outage", competencies=["ledgerline_values"]))
    day = dt.date(2026, 11, 1)
    journal.save(Action(what="Lead a review", source="gap:ledgerline.values", created_on=day))
    view = audience_view(journal.snapshot(), "manager")
    assert view.entries("story")[0].record().competencies == ["ledgerline_values"]
    assert view.entries("action")[0].record().what == "Lead a review"


LADDER = """Competency,Engineer II,Senior Engineer,Staff Engineer
Ledgerline Values,Lives them,Teaches them,Shapes them
Get Stuff Done,Delivers tasks,Delivers projects at Ledgerline,Delivers programmes
Impact,Team impact,Org impact,Company impact
"""


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_ladder_named_after_the_company_still_gives_the_managers_copy(tmp_path, capsys, fmt):
    journal_path, ladder = tmp_path / "journal.sqlite", tmp_path / "ladder.csv"
    ladder.write_text(LADDER, encoding="utf-8")
    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Asha", interviews=[Interview(company="Ledgerline Payments")]))
    args = ["--journal", str(journal_path)]
    assert cli.main(["framework", "import", str(ladder), "--name", "Ledgerline ladder", *args]) == 0
    with Journal(journal_path) as journal:
        journal.save(
            CompetencyAssessment(
                framework_id="ledgerline_ladder",
                ratings={
                    "ledgerline_values": CompetencyRating(
                        current="engineer_ii", target="senior_engineer", evidence="Ran onboarding."
                    ),
                    "get_stuff_done": CompetencyRating(
                        current="senior_engineer", target="senior_engineer", evidence="Shipped."
                    ),
                },
            ),
            CompetencyAssessment.entry_id("ledgerline_ladder"),
        )
    capsys.readouterr()
    out = tmp_path / f"plan.{fmt}"
    code = cli.main(["report", "--audience", "manager", "--format", fmt, "--out", str(out), *args])
    said = capsys.readouterr()
    assert code == 0, said.err
    document = out.read_text(encoding="utf-8")
    assert NameMatcher(["Ledgerline Payments"]).named(document) is None
    assert "Competency 1" in document and "Ran onboarding." in document
    assert "Delivers projects" not in document  # a descriptor naming it, if any is shown
    # The engineer is told, on the terminal, what reads differently and why.
    assert "“Ledgerline ladder” reads “My company's ladder”" in said.err
    assert "“Ledgerline Values” reads “Competency 1”" in said.err
    assert "which you are interviewing with" in said.err


def test_the_lookalike_table_is_uts39s_for_latin_letters():
    """The pairs come from confusables.txt as its generator reads it; ASCII stands for itself."""
    from widgets.content.lookalikes import from_confusables, pairs

    sample = (
        "0435 ;\t0065 ;\tMA\t# ( е → e ) CYRILLIC SMALL LETTER IE → LATIN SMALL LETTER E\n"
        "0031 ;\t006C ;\tMA\t# ( 1 → l ) DIGIT ONE → LATIN SMALL LETTER L\n"
        "FF4C ;\t006C ;\tMA\t# ( ｌ → l ) FULLWIDTH (NFKD's already)\n"
        "05D5 ;\t0627 ;\tMA\t# ( ו → ا ) not Latin\n"
    )
    assert from_confusables(sample) == {"\u0435": "e"}
    table = pairs()
    assert {table["\u0435"], table["\u03bf"], table["\u0455"], table["\u13aa"]} == {
        "e",
        "o",
        "s",
        "a",
    }
    assert all(not char.isascii() and latin.isascii() for char, latin in table.items())
    assert fold("ＬＥＤＧ\u00adЕＲ\u200bline") == "ledgerline"


def test_the_review_goes_to_the_terminal_and_never_into_the_document(demo_path, capsys):
    args = ["report", "--audience", "manager", "--format", "md", "--journal", str(demo_path)]
    assert cli.main(args) == 0
    said = capsys.readouterr()
    assert "Left out of your manager's copy (only you see this list):" in said.err
    assert (
        "- Left out the action “Three observed ML design mocks before Northwind”: it names"
        " Northwind Analytics, which you are interviewing with." in said.err
    )
    assert "Left out" not in said.out and "Northwind" not in said.out
    assert cli.main([*args[:2], "me", *args[3:]]) == 0  # another reader's copy: no review
    assert "Left out of your manager's copy" not in capsys.readouterr().err
