"""The command line, the journal's refusals and the charts in the engineer's language.

Under the pseudo-locale (en-XA) every sentence that went through the catalogue comes out
accented, so a plain English word left in `stepup --help` (argparse's own words included) or on a
chart is one that never reached gettext; under zh-Hans the same places read in Chinese, the
charts' dates included (CLDR's "11月7日", not matplotlib's "Nov").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
import warnings

import matplotlib.text
import pytest

from tests.untranslated import english_lines, english_words
from widgets import charts, cli, i18n
from widgets.charts import fonts
from widgets.charts.base import display_width
from widgets.processes import ServerError, check_port, port_in_use
from widgets.storage import chart_cache
from widgets.storage.journal import Journal, JournalError
from widgets.storage.transfer import import_journal
from widgets.storage.workspace import Update

COMMANDS = (
    "lab",
    "coach",
    "demo",
    "share",
    "export",
    "import",
    "report",
    "where",
    "hub-server",
    "framework",
)
# Words the help shows as they are: the program, its commands, choices (ids) and the --lang
# metavar (a language id).
ALLOWED = frozenset(
    {"stepup", "ID", "list", "md", "html", "manager", "coach", "me", "growth", "plan", "promotion"}
    | set(COMMANDS)
    | {"framework", "project", "story", "action", "checkin", "win", "rehearsal"}  # kinds
)


def _help(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as ended:
        cli.main([*argv, "--help"])
    assert ended.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        (),
        *((command,) for command in COMMANDS),
        ("framework", "import"),
        ("framework", "list"),
    ],
)
def test_the_help_has_no_english_left_in_the_pseudo_locale(capsys, argv):
    with i18n.use("en-XA"):
        text = _help(capsys, *argv)
    assert not english_words(text, ALLOWED), english_lines(text, ALLOWED)
    assert "[úšáĝé:" in text  # argparse's own "usage: " came from the catalogue


def test_the_help_is_in_chinese(capsys):
    with i18n.use("zh-Hans"):
        top = _help(capsys)
        share = _help(capsys, "share")
    assert top.startswith("用法：stepup")
    assert "显示此帮助信息并退出" in top and "位置参数" in top and "选项" in top
    assert "打印日志的路径。" in top
    assert "为你的教练写一份快照" in share and "--journal 日志" in share
    # Each option's help starts in one column, counted as a terminal shows it (a Chinese
    # character takes two).
    starts = {
        display_width(re.match(r"  \S.*?\s{2,}", line).group())
        for line in share.splitlines()
        if line.startswith("  -") and re.match(r"  \S.*?\s{2,}\S", line)
    }
    assert len(starts) == 1, starts


def test_the_help_stays_english_in_english(capsys):
    with i18n.use("en"):
        text = _help(capsys, "export")
    assert text.startswith("usage: stepup export [-h] [--journal JOURNAL] [--out OUT]")
    assert "show this help message and exit" in text
    assert "Write the journal as JSON (every entry and revision)." in text


def test_argparse_refuses_in_chinese(capsys):
    with i18n.use("zh-Hans"), pytest.raises(SystemExit):
        cli.main(["report", "--format", "pdf"])
    err = capsys.readouterr().err
    assert "stepup report：错误：参数 --format：无效的选择：'pdf'" in err


def _truncated_journal(tmp_path, demo_text):
    path = tmp_path / "journal.sqlite"
    import_journal(demo_text, path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def test_a_corrupt_journal_is_refused_in_chinese(tmp_path, demo_text, capsys):
    path = _truncated_journal(tmp_path, demo_text)
    with i18n.use("zh-Hans"):
        assert cli.main(["export", "--journal", str(path)]) == 2
        chinese = capsys.readouterr().err
        with pytest.raises(JournalError) as refused:
            Journal(path, readonly=True)
    assert chinese.startswith(f"stepup：Step Up 无法打开 {path} 的日志：文件被截断了")
    assert "文件保持原样，未做任何改动。请从备份或 JSON 导出文件恢复（stepup import）。" in chinese
    assert "文件被截断了" in str(refused.value)
    with i18n.use("en"):
        assert cli.main(["export", "--journal", str(path)]) == 2
    english = capsys.readouterr().err
    assert english.startswith(f"stepup: Step Up cannot open the journal at {path}: the file is")
    assert "The file was left exactly as it was. Restore it from a backup" in english


def test_a_broken_import_is_refused_in_the_pseudo_locale_and_in_chinese(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    target = tmp_path / "journal.sqlite"
    with i18n.use("en-XA"):
        assert cli.main(["import", str(broken), "--journal", str(target)]) == 2
    err = capsys.readouterr().err
    # The JSON parser's own words ("Expecting value") are kept last, for whoever mends the file.
    assert not english_words(err, {"stepup", "Expecting", "value"}), err
    with i18n.use("zh-Hans"):
        assert cli.main(["import", str(broken), "--journal", str(target)]) == 2
    assert "不是完整的 Step Up 日志导出文件" in capsys.readouterr().err


def test_a_newer_journal_is_refused_in_chinese(tmp_path, demo_text):
    path = tmp_path / "journal.sqlite"
    import_journal(demo_text, path)
    with contextlib.closing(sqlite3.connect(path)) as con, con:
        con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with i18n.use("zh-Hans"), pytest.raises(JournalError) as refused:
        Journal(path, readonly=True)
    assert "它是由更新版本的 Step Up 写入的（日志格式 999；" in str(refused.value)
    assert "请更新 Step Up（git pull，然后 make lab）后再打开它。" in str(refused.value)


def test_a_busy_or_impossible_port_is_refused_in_chinese():
    with i18n.use("zh-Hans"), pytest.raises(ServerError) as refused:
        check_port(70000)
    assert str(refused.value) == "70000 不是有效端口：请给 --port 一个 1 到 65535 之间的数字。"
    with i18n.use("en"):
        assert port_in_use(8888).startswith("Port 8888 on 127.0.0.1 is already in use")


def test_a_workbook_update_is_said_in_chinese():
    update = Update("01_beliefs.ipynb", "updated", ["# Intro"])
    with i18n.use("zh-Hans"):
        said = update.sentence()
    assert said.startswith("01_beliefs.ipynb：已更新。模板改动了你编辑过的单元格")
    assert "（'# Intro'）" in said
    with i18n.use("en"):
        assert update.sentence().startswith("01_beliefs.ipynb: updated. The template changed")


def test_cli_messages_are_in_chinese(tmp_path, demo_text, capsys):
    source = tmp_path / "demo.json"
    source.write_text(demo_text, encoding="utf-8")
    target = tmp_path / "journal.sqlite"
    out = tmp_path / "export.json"
    with i18n.use("zh-Hans"):
        assert cli.main(["import", str(source), "--journal", str(target)]) == 0
        assert cli.main(["export", "--journal", str(target), "--out", str(out)]) == 0
        assert cli.main(["import", str(source), "--journal", str(target)]) == 2
    said = capsys.readouterr()
    assert f"已将 {source} 导入 {target}" in said.out
    assert f"字节到 {out}" in said.err
    assert "的日志中已有回答。" in said.err


# -- charts ------------------------------------------------------------------------------------

DAYS = [dt.date(2026, 9, 7), dt.date(2026, 10, 5), dt.date(2026, 11, 20)]
OWN_WORDS = {"Behind", "Interview"}  # the engineer's own labels, drawn as they are


def _figures():
    return [
        charts.belief_before_after([("Behind", 80, 40)]),
        charts.belief_trend({"Behind": list(zip(DAYS, (80, 60, 40), strict=True))}),
        charts.distortion_counts([("Behind", 2)]),
        charts.competency_radar(["Behind", "Behind", "Behind"], {"current": [1, 2, 3]}, ["a", "b"]),
        charts.competency_gaps([("Behind", 1.5)]),
        charts.readiness_timeline(
            [(day, 5, 2.0) for day in DAYS], [(DAYS[1], "Interview")], [(DAYS[0], 3)]
        ),
        charts.design_scores({"Behind": [(DAYS[0], 2), (DAYS[2], 3)]}, {"Behind": [(DAYS[2], 3)]}),
        charts.project_readiness([("Behind", 2, 3, 4)]),
        charts.rehearsal_takes(
            [
                {
                    "label": "",
                    "duration_s": 70,
                    "time_box_s": 60,
                    "speaking_share": 0.8,
                    "longest_pause_s": 4.0,
                    "long_pauses": 2,
                    "ratings": {"clarity": 3, "pace": 4},
                }
            ]
        ),
        charts.belief_trend({}),
    ]


def _texts(figure) -> list[str]:
    figure.draw_without_rendering()
    return [
        text.get_text()
        for text in figure.findobj(matplotlib.text.Text)
        if text.get_visible() and text.get_text()
    ]


def test_charts_have_no_english_left_in_the_pseudo_locale():
    with i18n.use("en-XA"):
        texts = [text for figure in _figures() for text in _texts(figure)]
    joined = "\n".join(texts)
    assert not english_words(joined, OWN_WORDS), english_lines(joined, OWN_WORDS)
    assert any(text.startswith("[Ɓéļíéf šţŕéñĝţĥ") for text in texts)


def test_chinese_charts_have_chinese_dates_and_draw_every_character():
    with i18n.use("zh-Hans"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        trend = charts.belief_trend({"晋升": list(zip(DAYS, (80, 60, 40), strict=True))})
        timeline = charts.readiness_timeline([(day, 5, 2.0) for day in DAYS], [(DAYS[1], "面试")])
        texts = _texts(trend) + _texts(timeline)
        charts.to_png(trend)
        charts.to_png(timeline)
    # The trend's ticks carry the year: "2026年9月15日" would run into its neighbours, so they are
    # CLDR's digits ("2026/9/15"); the timeline's have none: "9月15日".
    ticks = [t.get_text() for t in trend.axes[0].get_xticklabels()]
    assert ticks and all(re.fullmatch(r"2026/\d{1,2}/\d{1,2}", tick) for tick in ticks), ticks
    short = [t.get_text() for t in timeline.axes[-1].get_xticklabels() if t.get_text()]
    assert short and all("月" in tick and "日" in tick for tick in short), short
    assert all("Sep" not in tick and "Nov" not in tick for tick in ticks + short)
    assert "信念强度随时间的变化" in texts and "信心（0–10）" in texts
    missing = [w for w in caught if issubclass(w.category, fonts.MissingFontWarning)]
    assert not missing, [str(w.message) for w in missing]


def test_english_chart_dates_stay_as_they_were():
    with i18n.use("en"):
        assert charts.base.day_month(dt.date(2026, 9, 7)) == "7 Sep"
        assert charts.base.day_month(dt.date(2026, 9, 7), year=True) == "7 Sep 2026"
    with i18n.use("zh-Hans"):
        assert charts.base.day_month(dt.date(2026, 11, 7)) == "11月7日"


def test_a_picture_drawn_in_another_language_is_kept_apart(journal):
    name = "ab" * 32 + ".png"
    with i18n.use("en"):
        chart_cache.keep(journal, name, b"english")
    with i18n.use("zh-Hans"):
        assert chart_cache.kept(journal, name) is None  # never the English picture
        chart_cache.keep(journal, name, b"chinese")
        assert chart_cache.kept(journal, name) == b"chinese"
    with i18n.use("en"):
        assert chart_cache.kept(journal, name) == b"english"
