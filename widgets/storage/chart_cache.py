"""Pictures kept beside the journal: bytes drawn elsewhere, stored under the name they were
given, so a workbook reopened on unchanged answers shows its charts without drawing them again.

Storage neither draws nor names a picture: ``widgets/views/pictures.py`` names each by what it is
drawn from and draws the missing ones; here they are only read and kept.

The pictures hold the engineer's words (labels, titles), so they are private like the journal:
a folder of this user's only (0700) beside it, files 0600. A read-only journal (the coach view,
a read-only disk) reads what is there and writes nothing beside it; the coach's server keeps the
pictures it draws in a private folder of its own (:data:`FOLDER_ENV`), removed when it stops.
The folder keeps the newest :data:`KEEP` pictures; a failed read or write only means the chart
is drawn.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from widgets import i18n, settings
from widgets.storage.files import write_private_file

FOLDER = "chart-cache"
# A server's own private folder for the pictures instead (the coach's: it writes nothing beside
# the journal it reads, and keeps its pictures only while it runs).
FOLDER_ENV = settings.CHART_CACHE_ENV
KEEP = 400  # about a hundred saves' worth of every workbook's charts
# A picture's name: a file name of hex digits (a hash), never a path.
NAME = re.compile(r"[0-9a-f]{16,128}\.png")


def cache_folder(journal_path: Path) -> Path:
    """Where the pictures of the journal at ``journal_path`` are kept."""
    own = settings.current().chart_cache
    return Path(own) if own else Path(journal_path).expanduser().parent / FOLDER


def _path(journal, name: str) -> Path:
    """Where the picture ``name`` is kept: a chart's words are in the active language, so a
    picture drawn in another language than the source one is kept under a name of its own."""
    if not NAME.fullmatch(name):
        raise ValueError(f"{name!r} is not a picture's name (hex digits and .png)")
    language = i18n.current()
    if language != i18n.source():
        digest = hashlib.sha256(f"{language}\0{name}".encode()).hexdigest()
        name = f"{digest}.png"
    return cache_folder(journal.path) / name


def kept(journal, name: str) -> bytes | None:
    """The picture kept under ``name`` for ``journal``, or None (never kept, or unreadable)."""
    try:
        png = _path(journal, name).read_bytes()
    except OSError:
        return None
    return png or None


def may_keep(journal) -> bool:
    """Beside the journal only when it is open for writing; in a server's own folder always."""
    return settings.current().chart_cache is not None or not journal.readonly


def keep(journal, name: str, png: bytes) -> None:
    """Keep ``png`` under ``name`` for ``journal`` when it may be kept, dropping the oldest
    pictures past :data:`KEEP`. A full or read-only disk only means it is not kept."""
    path = _path(journal, name)
    if not may_keep(journal):
        return
    try:
        path.parent.mkdir(mode=0o700, exist_ok=True)
        write_private_file(png, path, journal.path)
        pictures = sorted(path.parent.glob("*.png"), key=lambda p: p.stat().st_mtime_ns)
        for old in pictures[: max(0, len(pictures) - KEEP)]:
            os.unlink(old)
    except OSError:  # a full or read-only disk: the chart was drawn, only not kept
        return
