"""What every chart shares: colours, literal labels, an empty-state figure, PNG bytes.

Matplotlib is imported inside the functions that draw, never when a chart module is imported
(about half a second): a workbook whose pictures are all kept beside the journal names its charts
and shows their pictures without loading it (see ``widgets/views/pictures.py``).
"""

from __future__ import annotations

import io
import textwrap
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.dates import AutoDateLocator
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

BEFORE_COLOUR, AFTER_COLOUR, ACCENT = "#b5473a", "#2e6b8f", "#6b4f9e"


def literal(text: str, width: int = 38, max_lines: int = 2) -> str:
    """User text as a plain, wrapped label: no mathtext, no control characters or unpaired
    surrogates (a font cannot draw them; the latter even crash the renderer), at most
    ``max_lines`` lines."""
    printable = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)
    printable = printable.encode("utf-8", "replace").decode("utf-8")
    safe = printable.replace("\\", "\\\\").replace("$", r"\$")
    lines = textwrap.wrap(safe, width) or [""]
    if len(lines) > max_lines:  # the last line shows as much as fits, cut at a word
        rest = " ".join(lines[max_lines - 1 :])
        lines = lines[: max_lines - 1] + [textwrap.shorten(rest, width, placeholder="…")]
    return "\n".join(lines)


def new_figure(**kwargs) -> Figure:
    """A matplotlib ``Figure(**kwargs)``: the first chart drawn is what loads matplotlib."""
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def date_locator() -> AutoDateLocator:
    """Three to eight date ticks along a time axis."""
    from matplotlib.dates import AutoDateLocator

    return AutoDateLocator(minticks=3, maxticks=8)


def day_month_ticks(year: bool = False) -> FuncFormatter:
    """Date ticks as "7 Sep" (or "7 Sep 2026"): the day without a leading zero on every C
    library, where ``DateFormatter("%-d %b")`` works only with glibc."""
    from matplotlib.dates import num2date
    from matplotlib.ticker import FuncFormatter

    def label(x: float, _position=None) -> str:
        day = num2date(x)
        return f"{day.day} {day:%b %Y}" if year else f"{day.day} {day:%b}"

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
