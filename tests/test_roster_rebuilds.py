"""The roster over rebuilds: memory that stays flat, a server that keeps answering while a
mentee's page is rebuilt, and files it cannot read (a FIFO, a journal being rewritten) named
in a sentence (issue 27, item 5 and two of item 9)."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import psutil
import pytest

from widgets.content.resources import demo_persona_path
from widgets.readers.share import build_share
from widgets.storage.journal import Journal
from widgets.storage.transfer import demo_date, dumps, import_journal
from widgets.views.roster import RosterReader, mentee_page

from .journal_gen import grown_document

TODAY = demo_date(demo_persona_path().read_text(encoding="utf-8"))
COPIES = 6  # about 5 MB of snapshot


@pytest.fixture(scope="module")
def big_snapshot(tmp_path_factory) -> Path:
    """A roster folder holding one coach snapshot of about 5 MB."""
    work = tmp_path_factory.mktemp("big")
    journal_path = work / "big.sqlite"
    import_journal(json.dumps(grown_document(COPIES)), journal_path)
    with Journal(journal_path, readonly=True) as journal:
        text = dumps(build_share(journal).document)
    folder = work / "roster"
    folder.mkdir()
    (folder / "big.json").write_text(text, encoding="utf-8")
    return folder


def _rss_mb() -> float:
    gc.collect()
    return psutil.Process().memory_info().rss / 2**20


def test_memory_stays_flat_over_fifty_rebuilds_of_a_five_mb_snapshot(big_snapshot):
    """Each rebuild is the snapshot replaced (a new modification time): its row is read again,
    and every fifth its coach view is built again. Before readings held their journal weakly,
    every rebuild kept the whole snapshot's records: 8 MB per rebuild of a 1 MB snapshot."""
    snapshot = big_snapshot / "big.json"
    assert 4.5e6 < snapshot.stat().st_size < 5.5e6
    reader = RosterReader(big_snapshot)

    def rebuild(n: int, page: bool) -> None:
        os.utime(snapshot, ns=(n * 10**9, n * 10**9))
        roster = reader.read()
        assert [m.file for m in roster.mentees] == ["big.json"], roster.unread
        if page:
            assert "Coach view" in mentee_page(reader, "big.json", "T")

    for n in range(3):  # warm-up: imports, templates, matplotlib's fonts
        rebuild(n, page=True)
    before = _rss_mb()
    for n in range(3, 53):
        rebuild(n, page=n % 5 == 0)
    after = _rss_mb()
    assert after <= before * 1.10, f"{before:.0f} MB before 50 rebuilds, {after:.0f} MB after"
