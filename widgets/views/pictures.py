"""Chart pictures: named by what they are drawn from, read from the journal's kept pictures
when they were drawn before, drawn (and handed to storage to keep) when not.

Drawing a chart (matplotlib, then a PNG) is the largest single cost of *Run All* in the workbooks
that have charts (issue 20's profile: 0.6-1.0 s of workbook 02's and 03's), and an engineer opens
the same workbook many times between two saves. :func:`picture_name` names each picture by the
chart function, its arguments, and the code that draws it (the source of ``widgets/charts`` and
matplotlib's version), so a changed answer or a changed chart is a new name and never a stale
picture. Storage (``storage/chart_cache.py``) keeps the bytes and knows nothing of charts.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import inspect
import json
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from widgets import charts
from widgets.charts import fonts
from widgets.storage import chart_cache

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# A chart: a function of ``widgets.charts`` (data in, Figure out).
Chart = Callable[..., "Figure"]


@functools.cache
def _drawing_code() -> str:
    """What draws the pictures: the charts package's source and matplotlib's version (read
    from its metadata: importing matplotlib is what a kept picture saves)."""
    digest = hashlib.sha256(metadata.version("matplotlib").encode())
    for source in sorted(Path(charts.__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def _plain(value):
    """``value`` as JSON with its types kept (a tuple is not a list, a date not a string);
    anything else is refused, so an argument with no stable text never names a picture."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, (list, tuple)):
        return {type(value).__name__: [_plain(item) for item in value]}
    if isinstance(value, dict):
        return {"dict": [[_plain(key), _plain(item)] for key, item in value.items()]}
    raise TypeError(f"a chart argument of type {type(value).__name__} cannot name a picture")


def _chart_id(chart: Chart) -> str:
    """``module.name`` of a chart of ``widgets.charts`` (through a wrapper or a subclass, as a
    test's recorder is); anything else is refused, as the drawing code a name covers is that
    package's."""
    drawn = inspect.unwrap(chart)
    for owner in getattr(drawn, "__mro__", (drawn,)):
        module = getattr(owner, "__module__", None) or ""
        if module == charts.__name__ or module.startswith(charts.__name__ + "."):
            return f"{module}.{owner.__qualname__}"
    raise ValueError(f"{chart!r} is not a chart of widgets.charts")


def picture_name(chart: Chart, args: tuple, kwargs: dict, dpi: int) -> str:
    """The file name of ``chart(*args, **kwargs)`` drawn at ``dpi``, with the drawing code."""
    described = [_chart_id(chart), _drawing_code(), dpi, _plain(args)]
    described.append(_plain(dict(sorted(kwargs.items()))))
    text = json.dumps(described, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest() + ".png"


def chart_png(journal, chart: Chart, *args, dpi: int = 96, **kwargs) -> bytes:
    """``to_png(chart(*args, **kwargs), dpi)``, read from the pictures kept for ``journal``
    when it was drawn before from the same arguments, and kept there when it is drawn now.
    Matplotlib is loaded only when a picture has to be drawn."""
    return kept_png(
        journal,
        chart,
        args,
        kwargs,
        lambda: charts.to_png(chart(*args, **kwargs), dpi=dpi),
        dpi=dpi,
    )


def kept_png(journal, chart: Chart, args: tuple, kwargs: dict, draw, dpi: int = 96) -> bytes:
    """The picture ``draw()`` makes of ``chart`` with ``args`` and ``kwargs``, kept for
    ``journal`` like :func:`chart_png`'s (for a chart drawn another way, such as the radar's
    kept background)."""
    name = picture_name(chart, args, kwargs, dpi)
    png = chart_cache.kept(journal, name)
    if png is None:
        boxes = fonts.drawings_with_boxes()
        png = draw()
        if fonts.drawings_with_boxes() == boxes:  # not empty boxes where a font was missing
            chart_cache.keep(journal, name, png)
    return png
