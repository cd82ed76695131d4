"""Chart pictures kept beside the journal, so a workbook reopened on unchanged answers shows its
charts without drawing them again.

Drawing a chart (matplotlib, then a PNG) is the largest single cost of *Run All* in the workbooks
that have charts (issue 20's profile: 0.6-1.0 s of workbook 02's and 03's), and an engineer opens
the same workbook many times between two saves. :func:`chart_png` names each picture by what it
is drawn from: the chart function, its arguments, and the code that draws it (the source of
``widgets/charts`` and matplotlib's version), so a changed answer or a changed chart is a new
name and never a stale picture.

The pictures hold the engineer's words (labels, titles), so they are private like the journal:
a folder of this user's only (0700) beside it, files 0600. A read-only journal (the coach view,
a read-only disk) reads what is there and writes nothing beside it; the coach's server keeps the
pictures it draws in a private folder of its own (:data:`FOLDER_ENV`), removed when it stops. The folder keeps the newest
:data:`KEEP` pictures; a failed read or write only means the chart is drawn.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

from widgets import charts
from widgets.storage.journal import write_private_file

FOLDER = "chart-cache"
# A server's own private folder for the pictures instead (the coach's: it writes nothing beside
# the journal it reads, and keeps its pictures only while it runs).
FOLDER_ENV = "STEPUP_CHART_CACHE"
KEEP = 400  # about a hundred saves' worth of every workbook's charts


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


def picture_name(chart: str, args: tuple, kwargs: dict, dpi: int) -> str:
    if chart not in charts.__all__:
        raise ValueError(f"no chart named {chart!r} in widgets.charts")
    described = [chart, _drawing_code(), dpi, _plain(args)]
    described.append(_plain(dict(sorted(kwargs.items()))))
    text = json.dumps(described, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest() + ".png"


def cache_folder(journal_path: Path) -> Path:
    own = os.environ.get(FOLDER_ENV)
    return Path(own) if own else Path(journal_path).expanduser().parent / FOLDER


def _may_keep(journal) -> bool:
    """Beside the journal only when it is open for writing; in a server's own folder always."""
    return bool(os.environ.get(FOLDER_ENV)) or not journal.readonly


def chart_png(journal, chart: str, *args, dpi: int = 96, **kwargs) -> bytes:
    """``to_png(charts.<chart>(*args, **kwargs), dpi)``, read from beside ``journal`` when it
    was drawn before from the same arguments, and kept there when it is drawn now. The chart is
    named, not passed, so matplotlib is loaded only when a picture has to be drawn."""
    return kept_png(
        journal,
        chart,
        args,
        kwargs,
        lambda: charts.to_png(getattr(charts, chart)(*args, **kwargs), dpi=dpi),
        dpi=dpi,
    )


def kept_png(journal, chart: str, args: tuple, kwargs: dict, draw, dpi: int = 96) -> bytes:
    """The picture ``draw()`` makes of ``charts.<chart>`` with ``args`` and ``kwargs``, kept
    beside ``journal`` like :func:`chart_png`'s (for a chart drawn another way, such as the
    radar's kept background)."""
    path = cache_folder(journal.path) / picture_name(chart, args, kwargs, dpi)
    try:
        png = path.read_bytes()
    except OSError:
        png = b""
    if png:
        return png
    png = draw()
    if _may_keep(journal):
        _keep(path, png, journal.path)
    return png


def _keep(path: Path, png: bytes, journal_path: Path) -> None:
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        write_private_file(png, path, journal_path)
        pictures = sorted(path.parent.glob("*.png"), key=lambda p: p.stat().st_mtime_ns)
        for old in pictures[: max(0, len(pictures) - KEEP)]:
            os.unlink(old)
    except OSError:  # a full or read-only disk: the chart was drawn, only not kept
        return
