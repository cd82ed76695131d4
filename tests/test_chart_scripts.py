"""Charts draw every script an installed font has (issue 32): every chart kind with Chinese labels
draws with no missing glyph, one is compared by image to a committed reference, labels wrap by
display width, titles fit their column, and with no CJK font a chart says so in one sentence.

The CJK fonts are Debian's fonts-noto-cjk, installed by ``make cjk-fonts`` (``make test`` runs it).
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import warnings
from pathlib import Path

import matplotlib
import pytest
from matplotlib.testing.compare import compare_images

from widgets import charts
from widgets.charts import fonts
from widgets.charts.base import display_width, fit_title, literal, new_figure, wrap
from widgets.storage import chart_cache
from widgets.views.pictures import chart_png, picture_name

REFERENCE = Path(__file__).parent / "golden" / "belief-before-after-zh.png"
DAY = dt.date(2026, 9, 8)
LEVELS = ["中级工程师", "高级工程师", "资深工程师", "首席工程师"]
SKILLS = ["系统设计", "技术深度", "跨团队影响力", "沟通与表达", "带人与指导"]


def _chinese_charts():
    """Every chart kind, its labels and the engineer's words in Chinese."""
    later = DAY + dt.timedelta(days=14)
    take = {
        "label": "9月8日",
        "duration_s": 130,
        "time_box_s": 120,
        "speaking_share": 0.8,
        "longest_pause_s": 4.0,
        "long_pauses": 1,
        "ratings": {"clarity": 3},
    }
    yield "belief_before_after", charts.belief_before_after([("他们会发现我其实不够资深", 80, 40)])
    yield "belief_trend", charts.belief_trend({"我不配晋升": [(DAY, 80), (later, 50)]})
    yield "distortion_counts", charts.distortion_counts([("灾难化", 3), ("读心术", 1)])
    yield (
        "story_coverage",
        charts.story_coverage(
            ["把支付系统迁到 Kafka", "跨团队推动绩效校准"],
            ["冲突", "失败"],
            [[1, 0], [0, 1]],
            "故事覆盖",
        ),
    )
    yield "project_readiness", charts.project_readiness([("支付系统重构", 3, 5, 8)])
    yield (
        "competency_radar",
        charts.competency_radar(
            SKILLS, {"current": [2, 3, 1, 2, 3], "target": [3] * 5}, LEVELS, title="我现在在哪里"
        ),
    )
    yield (
        "competency_snapshots",
        charts.competency_snapshots(SKILLS, [("9月快照", {"current": [1, 2, 2, 3, 1]})], LEVELS),
    )
    yield "competency_gaps", charts.competency_gaps([("系统设计", 2.0)], axis="加权差距")
    yield "design_scores", charts.design_scores({"需求澄清": [(DAY, 2), (later, 3)]})
    yield (
        "readiness_timeline",
        charts.readiness_timeline([(DAY, 5, 2.0), (later, 6, 3.0)], [(later, "绩效校准")]),
    )
    yield "rehearsal_takes", charts.rehearsal_takes([take])


def test_make_cjk_fonts_installed_a_font_matplotlib_sees():
    listed = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True
    )
    assert listed.stdout.strip(), "no CJK font: run `make cjk-fonts`"
    assert set(fonts.fallback_families()) & set(fonts.CJK_FAMILIES), (
        "fontconfig lists a CJK font and matplotlib does not: `make cjk-fonts` clears its cache"
    )
    assert fonts.fallback_families()[0] == fonts.LATIN  # English keeps its own font


@pytest.mark.parametrize("kind", [name for name, _ in _chinese_charts()])
def test_every_chart_kind_draws_chinese_with_no_missing_glyph(kind):
    figure = dict(_chinese_charts())[kind]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's "Glyph … missing", or ours, fails the test
        figure.savefig(io.BytesIO(), format="png", dpi=72)


def test_the_radar_that_redraws_as_you_rate_draws_chinese():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        canvas = charts.RadarCanvas(SKILLS, LEVELS, ["current"])
        assert canvas.render({"current": [1, 2, 3, 4, 2]}).startswith(b"\x89PNG")


def _draw_reference_chart(path: Path) -> None:
    """The belief chart, Chinese and English labels, beside-the-form width: the fonts and DPI
    pinned, so the picture depends on nothing else of the machine."""
    pinned = (fonts.LATIN, "Noto Sans CJK SC")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fonts, "chart_families", lambda: pinned)
        patch.setitem(matplotlib.rcParams, "font.family", matplotlib.rcParams["font.family"])
        patch.setitem(matplotlib.rcParams, "font.sans-serif", [fonts.LATIN])
        figure = charts.belief_before_after(
            [("他们会发现我其实不够资深，我不配晋升", 80, 40), ("I'm not senior enough", 70, 50)],
            width=4.8,
        )
        figure.savefig(path, format="png", dpi=80, metadata={"Software": None})


def test_a_chart_with_chinese_labels_looks_as_its_committed_reference(tmp_path):
    drawn = tmp_path / "drawn.png"
    _draw_reference_chart(drawn)
    assert compare_images(str(REFERENCE), str(drawn), tol=3) is None


def test_display_width_counts_wide_characters_twice():
    assert display_width("senior") == 6
    assert display_width("晋升") == 4
    assert display_width("系统设计 review") == 15


def test_chinese_wraps_by_display_width_not_characters():
    text = "我们需要在下个季度之前完成支付系统的设计评审并且写好晋升材料"
    lines = wrap(text, 20)
    assert all(display_width(line) <= 20 for line in lines)
    assert [len(line) for line in lines[:-1]] == [10] * (len(lines) - 1)  # ten characters, not 20
    assert "".join(lines) == text


def test_mixed_text_breaks_between_words_and_between_wide_characters():
    lines = wrap("把支付系统迁到 Kafka 上，减少延迟", 12)
    assert all(display_width(line) <= 12 for line in lines)
    assert any("Kafka" in line for line in lines)  # a word is never cut between lines
    assert not any(line.startswith("，") for line in lines)  # punctuation stays with its word


def test_a_label_cut_to_its_lines_fits_their_width():
    label = literal("他们会发现我其实不够资深" * 5, width=20, max_lines=2)
    first, last = label.split("\n")
    assert display_width(first) <= 20 and display_width(last) <= 20 and last.endswith("…")


@pytest.mark.parametrize(
    "title",
    [
        "Belief strength before and after the thought record",
        "思维记录前后的信念强度，以及之后每一次重新评分的变化，按日期排列",
    ],
)
def test_a_title_fits_its_column_in_every_language(title):
    figure = new_figure(figsize=(4.8, 2.5), layout="constrained")
    ax = figure.add_subplot()
    ax.set_yticks([0, 1], ["a long label on the left", "另一个很长的标签"])
    fit_title(figure, "A first title", ax=ax)
    fit_title(figure, title, ax=ax)  # set again: the new one is fitted, not the first
    figure.savefig(io.BytesIO(), format="png", dpi=96)
    box = ax.title.get_window_extent()
    assert box.x0 >= 0 and box.x1 <= figure.bbox.width, (box, figure.bbox.width)
    assert ax.title.get_text().replace("\n", "").replace(" ", "") == title.replace(" ", "")


def test_the_side_columns_belief_chart_keeps_its_title_inside():
    figure = charts.belief_before_after([("I'm not senior enough yet", 70, 50)], width=4.8)
    figure.savefig(io.BytesIO(), format="png", dpi=96)
    box = figure.axes[0].title.get_window_extent()
    assert box.x0 >= 0 and box.x1 <= figure.bbox.width


@pytest.fixture
def no_cjk_font(monkeypatch):
    """A machine with no CJK font: the font lookup finds only the Latin one."""
    monkeypatch.setattr(fonts, "installed_families", lambda: {fonts.LATIN})
    monkeypatch.setitem(matplotlib.rcParams, "font.family", matplotlib.rcParams["font.family"])
    monkeypatch.setitem(
        matplotlib.rcParams, "font.sans-serif", matplotlib.rcParams["font.sans-serif"]
    )
    fonts.chart_families.cache_clear()
    yield
    fonts.chart_families.cache_clear()


def test_with_no_cjk_font_the_chart_says_so_in_one_sentence(no_cjk_font):
    figure = charts.belief_before_after([("我不配晋升", 80, 40)])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(io.BytesIO(), format="png", dpi=72)
    messages = [str(w.message) for w in caught]
    assert not [m for m in messages if "Glyph" in m]  # not matplotlib's warning per character
    (sentence,) = [w for w in caught if issubclass(w.category, fonts.MissingFontWarning)]
    text = str(sentence.message)
    assert "Han characters" in text and "sudo apt install fonts-noto-cjk" in text
    assert "language settings" in text and text.count(". ") == 0  # one sentence


def test_a_picture_drawn_with_boxes_is_not_kept(no_cjk_font, journal):
    """Once the font is installed (and the kernel restarted), the chart is drawn again, not read
    back from the pictures kept beside the journal with its boxes."""
    changes = [("我不配晋升", 80, 40)]
    name = picture_name(charts.belief_before_after, (changes,), {}, 96)
    with pytest.warns(fonts.MissingFontWarning):
        chart_png(journal, charts.belief_before_after, changes)
    assert chart_cache.kept(journal, name) is None
    english = [("I'm not senior enough", 80, 40)]
    chart_png(journal, charts.belief_before_after, english)
    english_name = picture_name(charts.belief_before_after, (english,), {}, 96)
    assert chart_cache.kept(journal, english_name) is not None  # a picture with no box is kept


def test_charts_keep_their_fonts_after_matplotlibs_settings_are_reset():
    charts.belief_before_after([("晋升", 80, 40)])
    with matplotlib.rc_context(), warnings.catch_warnings():
        matplotlib.rcdefaults()  # a notebook cell, or another library, resets matplotlib
        figure = charts.belief_before_after([("晋升", 80, 40)])
        warnings.simplefilter("error")
        figure.savefig(io.BytesIO(), format="png", dpi=72)


def test_the_sentence_names_each_scripts_font_package():
    text = fonts.missing_font_sentence("한국어 ไทย")
    assert "Hangul and Thai" in text and "fonts-noto-cjk fonts-noto-core" in text
