"""Bring your own ladder: CSV and YAML frameworks validated by row/column or key,
imported whole or not at all."""

from __future__ import annotations

import pytest

from widgets import cli
from widgets.content import seeds
from widgets.content.ladder import LadderError, framework_from_csv, read_framework_file, slug
from widgets.readers.competencies import available_frameworks
from widgets.storage.journal import Journal

GOOD_CSV = """Competency,Engineer II,Senior Engineer,Staff Engineer
Technical Skill,Writes solid code,Owns design of moderately complex projects,Sets technical direction
Get Stuff Done,Delivers tasks,Delivers projects,Delivers programmes
Impact,Team impact,Org impact,Company impact
"Communication, Leadership",Clear updates,Leads discussions,Aligns organisations
"""  # noqa: E501 (a CSV row: splitting it would change the data)


def test_a_spreadsheet_export_becomes_a_framework():
    framework = framework_from_csv("\ufeff" + GOOD_CSV, "Acme ladder")
    assert framework.id == "acme_ladder" and framework.track == "custom"
    assert [level.name for level in framework.levels] == [
        "Engineer II",
        "Senior Engineer",
        "Staff Engineer",
    ]
    assert [c.name for c in framework.competencies] == [
        "Technical Skill",
        "Get Stuff Done",
        "Impact",
        "Communication, Leadership",
    ]
    assert (
        framework.competency("communication_leadership").descriptors["senior_engineer"]
        == "Leads discussions"
    )


@pytest.mark.parametrize(
    "text, phrase",
    [
        (
            "Competency,Mid,Mid,Staff\nA,x,y,z\nB,x,y,z\nC,x,y,z\n",
            "row 1 (header), column 3: level 'Mid' appears twice",
        ),
        (
            "Competency,Mid,,Staff\nA,x,y,z\nB,x,y,z\nC,x,y,z\n",
            "row 1 (header), column 3: the level name is empty",
        ),
        ("Competency,Mid\nA,x\nB,x\nC,x\n", "name at least two levels"),
        (
            "Competency,Mid,Senior\nA,x,y\nB,x,y\na,x,y\n",
            "row 4: competency 'a' appears twice (rows 2 and 4)",
        ),
        (
            "Competency,Mid,Senior\nA,x,y\n,x,y\nC,x,y\nD,x,y\n",
            "row 3, column 1: the competency name is empty",
        ),
        (
            "Competency,Mid,Senior\nA,x,y\nB,,y\nC,x,y\n",
            "row 3, column 2 ('Mid'): the descriptor for 'B' is empty",
        ),
        (
            "Competency,Mid,Senior\nA,x,y\nB,x,y,extra\nC,x,y\n",
            "row 3: more cells than the header has columns",
        ),
        ("Competency,Mid,Senior\nA,x,y\nB,x,y\n", "at least three competency rows"),
        ("", "The CSV file is empty"),
    ],
)
def test_a_broken_ladder_is_refused_by_row_and_column(text, phrase):
    with pytest.raises(LadderError) as raised:
        framework_from_csv(text, "Acme")
    assert phrase in str(raised.value)


def test_a_yaml_ladder_is_checked_by_key(tmp_path):
    path = tmp_path / "ladder.yaml"
    path.write_text(
        "name: Acme\nlevels: [{id: l4, name: L4}, {id: l5, name: L5}]\ncompetencies:\n"
        "  - {id: design, name: Design, descriptors: {l4: a, l5: b}}\n"
        "  - {id: impact, name: Impact, descriptors: {l4: a}}\n"
        "  - {id: people, name: People, descriptors: {l4: a, l5: b}}\n"
    )
    with pytest.raises(
        LadderError,
        match=r"competencies\[1\] \(Impact\): no descriptor for level l5.*Nothing was imported",
    ):
        read_framework_file(path)
    path.write_text(path.read_text().replace("{l4: a}}", "{l4: a, l5: b}}"))
    assert read_framework_file(path).name == "Acme"


def test_growth_outcomes_are_optional_but_cover_every_level_a_target_can_be(tmp_path):
    path = tmp_path / "ladder.yaml"
    ladder = (
        "name: Acme\nlevels: [{id: l3, name: L3}, {id: l4, name: L4}, {id: l5, name: L5}]\n"
        "competencies:\n"
        "  - {id: design, name: Design, descriptors: {l3: a, l4: b, l5: c}, OUTCOMES}\n"
        "  - {id: impact, name: Impact, descriptors: {l3: a, l4: b, l5: c}}\n"
        "  - {id: people, name: People, descriptors: {l3: a, l4: b, l5: c}}\n"
    )
    path.write_text(ladder.replace(", OUTCOMES", ""))
    assert all(c.growth_outcomes == {} for c in read_framework_file(path).competencies)
    path.write_text(ladder.replace("OUTCOMES", "growth_outcomes: {l4: Led one design review}"))
    with pytest.raises(
        LadderError, match=r"competencies\[0\] \(Design\): no growth outcome for level l5"
    ):
        read_framework_file(path)
    path.write_text(ladder.replace("OUTCOMES", "growth_outcomes: {l3: x, l4: y, l5: z}"))
    with pytest.raises(LadderError, match=r"growth outcome for level l3, which cannot be a target"):
        read_framework_file(path)
    path.write_text(ladder.replace("OUTCOMES", "growth_outcomes: {l4: y, l5: z}"))
    design = read_framework_file(path).competency("design")
    assert design.growth_outcomes == {"l4": "y", "l5": "z"}


def test_slugs_are_stable_ids():
    assert slug("Code Review & Quality") == "code_review_quality"
    assert slug("Élan") == "elan"
    assert slug("2nd line") == "c_2nd_line"
    assert slug("!!!") == ""


def test_cli_import_stores_the_ladder_and_lists_it(tmp_path, capsys):
    journal_path, ladder = tmp_path / "journal.sqlite", tmp_path / "acme.csv"
    ladder.write_text(GOOD_CSV)
    assert (
        cli.main(
            [
                "framework",
                "import",
                str(ladder),
                "--name",
                "Acme ladder",
                "--journal",
                str(journal_path),
            ]
        )
        == 0
    )
    assert "Imported 'Acme ladder': 3 levels" in capsys.readouterr().out
    assert (
        cli.main(
            [
                "framework",
                "import",
                str(ladder),
                "--name",
                "Acme ladder",
                "--journal",
                str(journal_path),
            ]
        )
        == 0
    )
    assert "Updated 'Acme ladder'" in capsys.readouterr().out
    with Journal(journal_path, readonly=True) as journal:
        built_in = [f.id for f in seeds.frameworks()]
        assert [f.id for f in available_frameworks(journal)] == [*built_in, "acme_ladder"]
        assert built_in == ["software", "ml", "frontend_mobile"]
    assert cli.main(["framework", "list", "--journal", str(journal_path)]) == 0
    assert "acme_ladder\tAcme ladder\timported" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content, name, phrase",
    [
        ("Competency,Mid,Mid\nA,x,y\nB,x,y\nC,x,y\n", "Acme", "appears twice"),
        (GOOD_CSV, "ML", "would replace the built-in framework 'ml'"),
    ],
)
def test_cli_refuses_a_bad_ladder_and_changes_nothing(tmp_path, capsys, content, name, phrase):
    journal_path, ladder = tmp_path / "journal.sqlite", tmp_path / "acme.csv"
    Journal(journal_path).close()
    before = journal_path.read_bytes()
    ladder.write_text(content)
    assert (
        cli.main(
            ["framework", "import", str(ladder), "--name", name, "--journal", str(journal_path)]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert phrase in err and "Nothing was imported" in err and "Traceback" not in err
    assert journal_path.read_bytes() == before


def test_levels_and_competencies_named_in_any_script_are_accepted():
    """A ladder written in Chinese (or Cyrillic) once was refused for 'needs a letter or digit'."""
    text = (
        "能力,中级工程师,高级工程师,Staff\n"
        "系统设计,能设计模块,能设计系统,Sets direction\n"
        "代码质量,写测试,提高标准,Raises the bar\n"
        "Ментор,помогает,наставляет,Grows leads\n"
    )
    framework = framework_from_csv(text, "公司职级")
    assert [level.name for level in framework.levels] == ["中级工程师", "高级工程师", "Staff"]
    assert len({level.id for level in framework.levels}) == 3
    assert [c.name for c in framework.competencies] == ["系统设计", "代码质量", "Ментор"]
    assert framework.competencies[0].descriptors[framework.levels[1].id] == "能设计系统"
    again = framework_from_csv(text, "公司职级")  # the same file gives the same ids
    assert [level.id for level in again.levels] == [level.id for level in framework.levels]
