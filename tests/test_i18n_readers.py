"""The readers and the content tables in the engineer's language (issue 32): every sentence a
reader returns for display is made in the active language when it is asked for.

Under the pseudo-locale (en-XA) nothing plain English is left in what the readers return, other
than the demo persona's own words (removed before the check: they stay as she wrote them);
under zh-Hans a few key sentences come out in Chinese; in English they stay what they were.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.untranslated import english_lines, english_words
from widgets import i18n
from widgets.content import audiences, ladder, routes
from widgets.content.design import DrillAnswer
from widgets.content.ladder import LadderError, framework_from_csv
from widgets.readers import progress as progress_reader
from widgets.readers.audience import AUDIENCE_NAMES, copy_review
from widgets.readers.beliefs import experiment_result, thought_records
from widgets.readers.conversation import conversation_for
from widgets.readers.latest import latest_snapshot
from widgets.readers.plan import propose
from widgets.readers.progress import progress
from widgets.readers.reading import reading_list
from widgets.readers.rehearsal import (
    item_label,
    take_label,
    take_words,
    takes_alt,
    time_boxes,
)
from widgets.readers.share import build_share, summary
from widgets.readers.uncertain_year import uncertain_year_for
from widgets.readers.wins import win_lines
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import (
    AudioRef,
    Rehearsal,
    TakeMetrics,
    Win,
    WinMeasure,
)

# Not English a reader translates: brands, units and forms the catalogue keeps on purpose, the
# month names of dates (the pseudo-locale writes dates as British English does), STAR; the words a
# manager's copy never holds, quoted as the engineer wrote them; the company ladder's cells this
# test imports; "there", a one-word seed default (conversation.yaml's "Hi {manager}") that the
# pseudo-locale leaves plain as it looks like an id.
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Sept Oct Nov Dec"
ALLOWED = frozenset(
    {
        "Step",
        "Up",
        "STAR",
        "UTC",
        "MB",
        *MONTHS.split(),
        *[
            "January",
            "February",
            "March",
            "April",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        *audiences.INTERVIEW_WORDS,
        "belief",
        "Mid",
        "Design",
        "there",
    }
)

CLIP = b"RIFF\x00\x00\x00\x00WAVEfmt " + bytes(range(256)) * 40

WIN = Win(
    on=dt.date(2026, 11, 20),
    what="Cut the feature store's p99 latency",
    measure=WinMeasure(name="p99 ms", before=480, after=120, unit="ms"),
    benefited="the ranking team",
    competency_id="system_design",
)


def _take(story_id: str) -> Rehearsal:
    return Rehearsal(
        subject_kind="story",
        subject_id=story_id,
        time_box_s=60,
        recorded_on="2026-11-20",
        audio=AudioRef.of(CLIP, "audio/wav"),
        metrics=TakeMetrics(
            duration_s=95.2, speaking_s=80.1, pauses=6, longest_pause_s=3.6, long_pauses=2
        ),
        self_scores={"clarity": 4, "pace": 3},
    )


def _own_words(journal: Journal) -> list[str]:
    """Every text the persona wrote (and a win added here), longest first."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for entry in journal.entries():
        walk(entry.data)
    words = {" ".join(text.split()) for text in found if len(text.strip()) >= 2}
    # A line of a longer text (a need, an evidence line) is said on its own too.
    words |= {line.strip() for text in found for line in text.splitlines() if line.strip()}
    words |= {"Asha", "Northwind", "Lumen", "Analytics", "Health"}
    return sorted(words, key=len, reverse=True)


def _without(text: str, own: list[str]) -> str:
    for words in own:
        text = text.replace(words, " ")
    return text


@pytest.fixture
def demo(demo_path):
    """The demo persona's journal, with a win and a spoken take added (the persona has none)."""
    with Journal(demo_path) as journal:
        story_id = journal.entries("story")[0].id
        journal.save(WIN)
        take = _take(story_id)
        journal.save_take(take, CLIP, "audio/wav")
        yield journal


def _said(journal: Journal) -> dict[str, list[str]]:
    """Everything the readers and the content tables return for display, by where it comes
    from, in the active language."""
    today = clock.today()
    snapshot = latest_snapshot(journal)
    said: dict[str, list[str]] = {}
    said["progress"] = [
        line for item in progress(journal) for line in (item.title, item.status_text, item.detail)
    ] + [i18n.gettext(progress_reader.MEANING)]
    proposed = propose(journal, today)
    said["proposals"] = [text for p in proposed.shown for text in (p.what, p.why, p.done_when)]
    said["audiences"] = []
    mine = routes.of_profile(journal.record("profile"))
    for audience_id, entry in audiences.TABLE.items():
        said["audiences"] += [
            audiences.hint(audience_id, mine),
            entry.choice,
            AUDIENCE_NAMES[audience_id],
            *entry.headings.values(),
            *(entry.word(key) for key in audiences.WORDS if entry.word(key)),
            *(entry.chart_title(chart) for chart in audiences.ALL_CHARTS),
        ]
    said["copy review"] = [item.sentence() for item in copy_review(snapshot, "manager")]
    share = build_share(journal, ("thought_record",))
    said["share"] = summary(share)
    said["reading"] = [topic.detail for topic in reading_list(journal).topics]
    talk = conversation_for(journal, today)
    said["conversation"] = [
        line
        for part in (*talk.bring, *talk.ask, *talk.follow_up)
        for line in (part.text, *part.lines)
    ]
    said["wins"] = [line for win in win_lines(journal, "me") for line in (win.impact, *win.links)]
    takes = [entry.record() for entry in journal.entries("rehearsal")]
    words = take_words(takes[0])
    said["takes"] = [
        take_label(takes[0], 1),
        takes_alt(takes),
        takes_alt([]),
        words.length,
        words.speaking,
        words.longest_pause,
        words.long_pauses,
        item_label(snapshot, "story", takes[0].subject_id),
        item_label(snapshot, "project", "gone"),
        *(label for label, _ in time_boxes()),
    ]
    said["beliefs"] = [
        text for _, record in thought_records(journal) for text in experiment_result(record) or ()
    ]
    said["uncertain year"] = [
        line.role for topic in uncertain_year_for(journal).topics for line in topic.levels
    ]
    answer = DrillAnswer(value=1000, unit="GB", say="about 1 TB")
    said["verdict"] = [answer.verdict(guess) for guess in (1000, 5000, 200, 100_000, 1)]
    try:
        framework_from_csv("Competency,Mid,Mid\nDesign,,x\n", "Ours")
    except LadderError as error:
        said["ladder"] = [str(error)]
    return said


def test_the_readers_say_nothing_in_plain_english_under_the_pseudo_locale(demo):
    with i18n.use("en-XA"):
        said = _said(demo)
    own = _own_words(demo)
    left = {}
    for where, lines in said.items():
        assert lines, f"{where}: the readers returned nothing to check"
        text = _without("\n".join(lines), own)
        if english_words(text, ALLOWED):
            left[where] = english_lines(text, ALLOWED)
    assert not left, f"plain English left: {json.dumps(left, indent=1, ensure_ascii=False)}"


def test_key_sentences_come_out_in_chinese(demo):
    with i18n.use("zh-Hans"):
        said = _said(demo)
        share_lines = summary(build_share(demo))
    assert {"已完成", "已开始", "未开始"} & set(said["progress"])
    assert any("下一步：" in line for line in said["progress"])
    assert any("其中不包括" in hint for hint in said["audiences"])
    assert "我的方向" in said["audiences"]
    assert "给我的经理" in said["audiences"]
    assert share_lines[0].startswith("给教练的 Asha 的日志快照")
    assert "不包含：" in share_lines
    assert said["verdict"][0].startswith("在可接受范围内")
    assert said["verdict"][3].startswith("超出可接受范围")
    assert said["takes"][0].startswith("第 1 次录音 · 11月20日")
    assert "说话占比 84%" in said["takes"]
    assert said["ladder"][0].startswith("第 ")
    assert any(text.startswith(("缩小", "以", "为", "实验：")) for text in said["proposals"])


def test_english_stays_as_it_was(demo):
    with i18n.use("en"):
        said = _said(demo)
    assert said["verdict"][1] == (
        "Within the accepted range (10 times either way): your estimate is 5 times the reference "
        "answer (too high)."
    )
    assert said["verdict"][4] == (
        "Outside the accepted range (10 times either way): your estimate is 1,000 times smaller "
        "than the reference answer (too low)."
    )
    assert said["takes"][0] == "Take 1 · 20 Nov · 1:35 of 1:00 (35 s over) · 2 pauses over 3 s"
    assert said["takes"][1] == (
        "Your takes of this item, in order: take 1: 1:35 of 1:00 (35 s over), 84% speaking, "
        "longest pause 3.6 s, 2 pauses over 3 s; clarity 4, pace 3."
    )
    assert "Competency radar: self, coach and target" in said["audiences"]
    assert said["ladder"][0] == (
        "row 1 (header), column 2: level 'Mid' reads the same as another level; rename one; "
        "row 1 (header), column 3: level 'Mid' appears twice; row 2, column 2 ('Mid'): the "
        "descriptor for 'Design' is empty; the file needs at least three competency rows under "
        "the header"
    )


def test_a_reader_made_in_one_language_is_not_kept_for_another(demo):
    """Nothing is translated at import: the same call says each language's words."""
    entry = audiences.TABLE["manager"]
    with i18n.use("zh-Hans"):
        chinese = (entry.headings["goal"], entry.word("review"), progress(demo)[0].status_text)
    english = (entry.headings["goal"], entry.word("review"), progress(demo)[0].status_text)
    assert chinese[0] == "我的方向" and english[0] == "Where I am heading"
    assert english[1] == "Left out of your manager's copy (only you see this list):"
    assert chinese[2] != english[2]
    # What code compares stays an id in every language.
    with i18n.use("zh-Hans"):
        assert {item.status for item in progress(demo)} <= {
            progress_reader.NOT_STARTED,
            progress_reader.STARTED,
            progress_reader.COMPLETED,
        }
    assert ladder.LadderError is LadderError


def test_the_managers_copy_leaves_out_interviews_and_beliefs_written_in_chinese(demo):
    """Chinese has no spaces between words: 面试 is found inside 模拟面试, and the action is not
    on the manager's copy, as "Two mock interviews a week" would not be."""
    from widgets.readers.audience import audience_view
    from widgets.storage.records import Action

    for what in ("每周两次模拟面试", "Two mock interviews a week", "检验我的信念"):
        demo.save(Action(what=what, created_on=clock.today(), manager_sees=True))
    demo.save(Action(what="带一位新人做设计评审", created_on=clock.today(), manager_sees=True))
    seen = audience_view(latest_snapshot(demo), "manager")
    shown = {entry.record().what for entry in seen.entries("action")}
    assert "带一位新人做设计评审" in shown
    assert not shown & {"每周两次模拟面试", "Two mock interviews a week", "检验我的信念"}
    with i18n.use("zh-Hans"):
        review = [item.sentence() for item in copy_review(latest_snapshot(demo), "manager")]
    assert "已删去行动“每周两次模拟面试”：其中提到“面试”，此版本不包含这个词。" in review
