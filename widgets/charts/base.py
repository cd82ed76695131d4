"""What every chart shares: colours, literal labels, an empty-state figure, PNG bytes.

Matplotlib is imported inside the functions that draw, never when a chart module is imported
(about half a second): a workbook whose pictures are all kept beside the journal names its charts
and shows their pictures without loading it (see ``widgets/views/pictures.py``).
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from typing import TYPE_CHECKING

import babel.dates

from widgets import i18n

from . import fonts

if TYPE_CHECKING:
    from matplotlib.dates import AutoDateLocator
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

BEFORE_COLOUR, AFTER_COLOUR, ACCENT = "#b5473a", "#2e6b8f", "#6b4f9e"


# Characters that may not start a line (CJK closing punctuation): kept with the one before them.
NO_LINE_START = "，。、；：！？）」』】》〉…,.;:!?)]}%"


def display_width(text: str) -> int:
    """Columns ``text`` takes: a wide or full-width character (Chinese, Japanese, Korean; East
    Asian Width W or F) takes two, as it is drawn about twice as wide as a Latin letter."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _units(text: str) -> list[str]:
    """Where a line may break: between words, and between any two wide characters (Chinese has
    no spaces), never before closing punctuation."""
    units: list[str] = []
    for word in re.split(r"(\s+)", text):
        if not word or word.isspace():
            units.append(" ")
            continue
        piece = ""
        for ch in word:
            wide = display_width(ch) == 2
            if piece and ch not in NO_LINE_START and (wide or display_width(piece[-1]) == 2):
                units.append(piece)
                piece = ""
            piece += ch
        units.append(piece)
    return units


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` columns (:func:`display_width`), broken between
    words or wide characters; a word longer than a line is broken inside."""
    lines, line = [], ""
    for unit in _units(text.strip()):
        if unit == " ":
            if line and not line.endswith(" "):
                line += " "
            continue
        while display_width(unit) > width:  # a word longer than a line: break it
            if line.strip():
                lines.append(line.rstrip())
                line = ""
            cut = max(1, _fits(unit, width))
            lines.append(unit[:cut])
            unit = unit[cut:]
        if display_width(line + unit) > width and line.strip():
            lines.append(line.rstrip())
            line = ""
        line += unit
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _fits(text: str, width: int) -> int:
    """How many of ``text``'s characters fit in ``width`` columns."""
    used = 0
    for count, ch in enumerate(text):
        used += display_width(ch)
        if used > width:
            return count
    return len(text)


def literal(text: str, width: int = 38, max_lines: int = 2) -> str:
    """User text as a plain, wrapped label: no mathtext, no control characters or unpaired
    surrogates (a font cannot draw them; the latter even crash the renderer), at most
    ``max_lines`` lines of ``width`` columns (a Chinese character takes two)."""
    printable = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)
    printable = printable.encode("utf-8", "replace").decode("utf-8")
    safe = printable.replace("\\", "\\\\").replace("$", r"\$")
    lines = wrap(safe, width) or [""]
    if len(lines) > max_lines:  # the last line shows as much as fits, cut at a word
        rest = " ".join(lines[max_lines - 1 :])
        lines = lines[: max_lines - 1] + [wrap(rest, width - 1)[0] + "…"]
    return "\n".join(lines)


@functools.cache
def _chart_figure() -> type[Figure]:
    """``Figure`` whose titles fit (:func:`fit_title`), drawn with :func:`fonts.drawing`: a
    character no font has is one clear sentence, not a warning per glyph."""
    from matplotlib.figure import Figure

    class ChartFigure(Figure):
        def draw(self, renderer) -> None:
            with fonts.drawing():
                _fit_titles(self, renderer)
                super().draw(renderer)

    return ChartFigure


def new_figure(**kwargs) -> Figure:
    """A matplotlib ``Figure(**kwargs)`` that draws every script an installed font has: the first
    chart drawn is what loads matplotlib and sets its font list (``fonts.py``)."""
    fonts.use_fallback_fonts()
    return _chart_figure()(**kwargs)


# How much of its room a title may take, and the smallest share of its size it shrinks to
# before it wraps instead.
TITLE_SHARE = 0.96
TITLE_SMALLEST = 0.8


def fit_title(figure: Figure, text: str, ax=None, fontsize: float | str = "large", **kwargs):
    """``ax.set_title`` (or ``figure.suptitle`` without ``ax``) that fits its column in any
    language: when the figure is drawn, the title is measured against its room, shrunk a
    little, then wrapped by display width (:func:`_fit_titles`)."""
    from matplotlib.font_manager import FontProperties

    size = FontProperties(size=fontsize).get_size()
    if ax is None:
        title = figure.suptitle(text, fontsize=size, **kwargs)
    else:
        title = ax.set_title(text, fontsize=size, **kwargs)
    fitted = [entry for entry in getattr(figure, "fitted_titles", []) if entry[0] is not title]
    figure.fitted_titles = [*fitted, (title, ax, text, size)]  # a title set again replaces it
    return title


def _fit_titles(figure: Figure, renderer) -> None:
    """Each title of :func:`fit_title` at the size and lines that fit, measured once the layout
    has placed the axes: an axes title is centred over its axes and may reach as far either
    side as the nearer edge of the figure allows; a figure title spans the figure."""
    fitted = getattr(figure, "fitted_titles", None)
    if not fitted:
        return
    for title, _ax, text, size in fitted:  # from scratch: a second draw at another size agrees
        title.set_text(text)
        title.set_fontsize(size)
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.execute(figure)
    whole = figure.bbox.width
    for title, ax, text, size in fitted:
        if ax is None:
            room = whole
        else:
            box = ax.bbox
            room = box.width + 2 * max(0.0, min(box.x0, whole - box.x1))
        room *= TITLE_SHARE
        width = title.get_window_extent(renderer).width
        if width <= room:
            continue
        if width * TITLE_SMALLEST <= room:
            title.set_fontsize(size * room / width)
            continue
        title.set_fontsize(size * TITLE_SMALLEST)
        columns = int(display_width(text) * room / (width * TITLE_SMALLEST))
        title.set_text("\n".join(wrap(text, max(columns, 8))))


def date_locator() -> AutoDateLocator:
    """Three to eight date ticks along a time axis."""
    from matplotlib.dates import AutoDateLocator

    return AutoDateLocator(minticks=3, maxticks=8)


# The widest date tick, in columns ("15 Sep 2026" is 11): a wider one is written in digits.
TICK_COLUMNS = 12


def day_month(day, year: bool = False, language: str | None = None) -> str:
    """``day`` as a date tick in ``language`` (default: the active one): "7 Sep" (or
    "7 Sep 2026") in the source language, the day without a leading zero on every C library
    (``DateFormatter("%-d %b")`` works only with glibc); CLDR's month and day elsewhere
    ("11月7日"), accented in a pseudo-locale."""
    entry = i18n.language(language)
    if entry.id == i18n.source():
        return f"{day.day} {day:%b %Y}" if year else f"{day.day} {day:%b}"
    skeleton = "yMMMd" if year else "MMMd"
    text = babel.dates.format_skeleton(skeleton, day, locale=entry.babel_locale)
    if display_width(text) > TICK_COLUMNS:  # "2026年9月15日" runs into its neighbours: "2026/9/15"
        text = babel.dates.format_skeleton(
            skeleton.replace("MMM", "M"), day, locale=entry.babel_locale
        )
    if entry.pseudo:
        from widgets import i18n_pseudo  # its catalogue tools, only for the pseudo-locale

        text = i18n_pseudo.accent(text)
    return text


def day_month_ticks(year: bool = False) -> FuncFormatter:
    """Date ticks (:func:`day_month`) in the language active when the chart is made."""
    from matplotlib.dates import num2date
    from matplotlib.ticker import FuncFormatter

    language = i18n.current()

    def label(x: float, _position=None) -> str:
        return day_month(num2date(x), year, language)

    return FuncFormatter(label)


def to_png(figure: Figure, dpi: int = 96) -> bytes:
    """The figure as a PNG of at most 256 colours. A chart has a few colours and their
    anti-aliased edges, so the picture looks the same at a third to a fifth of the bytes (the
    five-year snapshots chart: 270 KB -> 58 KB), which is what a page receives and decodes at
    Run All and what the chart cache and the documents keep."""
    from PIL import Image

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    buffer.seek(0)
    with Image.open(buffer) as drawn:
        palette = drawn.quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    smaller = io.BytesIO()
    palette.save(smaller, format="png", dpi=(dpi, dpi))
    return smaller.getvalue()


EMPTY_HEIGHT = 0.5  # inches: one line of text, not a chart-sized blank


def _empty(figure: Figure, message: str) -> Figure:
    """The chart as one grey line saying why there is nothing to draw yet: the figure shrinks to
    that line, so an empty workbook is not a column of blank chart-sized areas."""
    figure.set_size_inches(figure.get_figwidth(), EMPTY_HEIGHT)
    figure.set_layout_engine("none")  # one axes filling the strip: nothing to lay out
    ax = figure.add_axes((0, 0, 1, 1))
    ax.axis("off")
    ax.text(0.01, 0.5, message, ha="left", va="center", color="#666")
    return figure
