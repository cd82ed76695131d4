"""The roster over rebuilds: memory that stays flat, a server that keeps answering while a
mentee's page is rebuilt, and files it cannot read (a FIFO, a journal being rewritten) named
in a sentence (issue 27, item 5 and two of item 9)."""

from __future__ import annotations

import asyncio
import gc
import html
import json
import os
import sqlite3
import time
from pathlib import Path

import psutil
import pytest
import tornado.httpclient
import tornado.httpserver
import tornado.netutil

from widgets.content.resources import demo_persona_path
from widgets.readers.share import build_share
from widgets.roster_server import roster_app
from widgets.storage.journal import Journal
from widgets.storage.transfer import dumps, import_journal
from widgets.views.roster import RosterReader, Workers, build_page, mentee_page

from .helpers import run_async
from .journal_gen import grown_document

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


# --- A server that keeps answering -----------------------------------------------------------

# What lets a slow build finish: a hidden file in the roster's folder (the roster never lists
# it). Not the environment: workers are forked from a server started before the test set it.
RELEASE = ".release"


def slow_build(folder: Path, file: str, token: str, base: str) -> str:
    """A coach view that waits for the test's word (at most 30 s) before it is built: the
    rebuild is slow for as long as the test says, on any machine."""
    release = Path(folder) / RELEASE
    for _ in range(300):
        if release.exists():
            break
        time.sleep(0.1)
    return build_page(folder, file, token, base)


def failing_build(folder: Path, file: str, token: str, base: str) -> str:
    """A journal caught half-written: SQLite's own error, not one Step Up names."""
    raise sqlite3.DatabaseError("database disk image is malformed")


def _serve(folder: Path, workers: Workers, requests) -> list:
    """Serve the roster of ``folder`` on 127.0.0.1 and run ``requests(get)`` against it."""

    async def main():
        app = roster_app(folder, "T", workers)
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server = tornado.httpserver.HTTPServer(app)
        server.add_sockets(sockets)
        base = f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
        client = tornado.httpclient.AsyncHTTPClient()

        async def get(path: str):
            sep = "&" if "?" in path else "?"
            return await client.fetch(
                f"{base}{path}{sep}token=T", raise_error=False, request_timeout=60
            )

        try:
            return await requests(get)
        finally:
            server.stop()
            workers.close()

    return run_async(main)


def test_the_roster_answers_while_a_coach_view_is_still_being_rebuilt(tmp_path):
    import_journal(demo_persona_path().read_text(encoding="utf-8"), tmp_path / "asha.sqlite")
    order = []

    async def requests(get):
        page = asyncio.ensure_future(get("/mentee/asha.sqlite"))
        await asyncio.sleep(0.5)  # the build has begun in its worker, and waits
        started = time.monotonic()
        answer = await get("/")
        order.append(("roster", answer.code, time.monotonic() - started, page.done()))
        (tmp_path / RELEASE).touch()
        built = await page
        order.append(("page", built.code, built.body.decode()))
        return order

    _serve(tmp_path, Workers(slow_build), requests)
    (_, code, took, page_done), (_, page_code, page) = order
    assert code == 200 and not page_done, "the roster waited for the coach view"
    assert took < 10
    assert page_code == 200 and "Coach view" in page


def test_a_journal_being_written_gives_a_sentence_never_a_bare_500(tmp_path):
    import_journal(demo_persona_path().read_text(encoding="utf-8"), tmp_path / "asha.sqlite")

    async def requests(get):
        return [await get("/mentee/asha.sqlite"), await get("/")]

    page, roster = _serve(tmp_path, Workers(failing_build), requests)
    said = page.body.decode()
    assert page.code == 503 and page.headers["Content-Type"].startswith("text/plain")
    assert said.startswith("Step Up could not read asha.sqlite just now")
    assert "Reload the page in a moment" in said
    assert roster.code == 200 and "asha" in roster.body.decode()


def test_a_fifo_in_the_roster_folder_is_named_in_a_sentence_and_never_opened(tmp_path):
    import_journal(demo_persona_path().read_text(encoding="utf-8"), tmp_path / "asha.sqlite")
    os.mkfifo(tmp_path / "pipe.json")
    os.mkfifo(tmp_path / "notes")

    async def requests(get):
        return [await get("/"), await get("/mentee/pipe.json")]

    # Opening a FIFO with no writer blocks: any open here would hang past the timeouts.
    roster, page = _serve(tmp_path, Workers(), requests)
    listed = html.unescape(roster.body.decode())
    assert roster.code == 200 and "Coach view" not in listed
    for name in ("pipe.json", "notes"):
        assert f"{name} is a named pipe (FIFO), not a file: the roster reads only" in listed
    assert page.code == 409
    assert "pipe.json is a named pipe (FIFO), not a file" in page.body.decode()
    in_process = RosterReader(tmp_path).read()
    assert [m.file for m in in_process.mentees] == ["asha.sqlite"]
    assert {u.file for u in in_process.unread} == {"pipe.json", "notes"}
