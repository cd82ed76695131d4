"""A coach's roster: one row per mentee file in a folder, and each mentee's coach view.

Every coach snapshot (``*.json``, made with ``stepup share``) and every journal (``*.sqlite``,
opened read-only) in the folder is one mentee. Each is read through :func:`overview` as the
audience the mentee's coach reads as (content/coach_roles.py: a manager who coaches reads the
manager's copy), so a row's figures are the coach view's. A file that cannot be read (corrupt,
foreign, from a newer Step Up) is listed with the reason, and the other rows are unaffected.

Reading is cached per file (its size and modification time) and per day, so a page over a
hundred mentees is read once; dropping a file in the folder adds its row on the next load.

A server reads rows and builds coach views in worker processes (:class:`Workers`), never on its
event loop: a large snapshot's coach view takes seconds to build, and the roster keeps answering
meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import multiprocessing
import os
import stat as stat_
import tempfile
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from pydantic import ValidationError

from widgets.content.seeds import ContentError
from widgets.i18n import N_, gettext
from widgets.processes import die_with_parent
from widgets.readers.audience import coach_audience
from widgets.storage import clock
from widgets.storage.journal import SQLITE_COMPANIONS, Journal, JournalError, JournalSnapshot
from widgets.storage.transfer import import_snapshot, read_snapshot_file, snapshot_contents
from widgets.views.coach_page import CoachSession
from widgets.views.css import PAGE_CSS
from widgets.views.fragments import fragment
from widgets.views.overview import overview
from widgets.views.roster_rows import (
    COLUMN_KEYS,
    COLUMNS,
    DEFAULT_SORT,
    Mentee,
    Unread,
    mentee_row,
    sort_mentees,
)

SNAPSHOT_SUFFIX = ".json"
JOURNAL_SUFFIX = ".sqlite"
# For every server of these pages (stepup coach --roster, the hub service): no script, nothing
# from elsewhere; styles and the charts' data: images only.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# How long a roster request waits for rows being read again before it lists them as still
# being read: the page answers even while a worker is busy with a large file.
ROW_WAIT_S = 5.0
STILL_READING = N_(
    "Step Up is still reading it (it changed a moment ago); reload the page shortly."
)
# A pool of workers is replaced after this many tasks, so whatever they kept (matplotlib's
# caches, the allocator's arenas) goes with them: memory stays flat over a week of rebuilds.
# (Not ProcessPoolExecutor's max_tasks_per_child: on Python 3.11 a one-worker pool stopped
# answering once its worker retired.)
TASKS_PER_POOL = 50
log = logging.getLogger(__name__)


class _Held:
    """A snapshot file read into memory, offered to :func:`overview` as a journal is."""

    def __init__(self, contents: JournalSnapshot):
        self._contents = contents

    def snapshot(self) -> JournalSnapshot:
        return self._contents

    def version(self) -> tuple[str, int]:
        """A snapshot never changes once read (readers/latest.py keys its readings on this)."""
        return ("snapshot", 0)

    def __getattr__(self, name: str):
        # Whatever else a reader asks of a journal (its path, its entries) the reading answers.
        return getattr(self._contents, name)


def _is_candidate(path: Path) -> bool:
    """Every visible entry but a journal's SQLite companions and folders (a journal's
    chart-cache/ and reports/ are never mentees). A FIFO, a socket or a device is a candidate,
    so that its row says why it is not read; it is never opened."""
    return (
        not path.name.startswith(".")
        and not path.name.endswith(SQLITE_COMPANIONS)
        and not path.is_dir()
    )


SPECIAL_FILES = {
    stat_.S_IFIFO: N_("{name} is a named pipe (FIFO), not a file"),
    stat_.S_IFSOCK: N_("{name} is a socket, not a file"),
    stat_.S_IFCHR: N_("{name} is a device, not a file"),
    stat_.S_IFBLK: N_("{name} is a device, not a file"),
}


def not_a_file(name: str, mode: int) -> str | None:
    """Why the entry ``name`` (its ``st_mode``) is not read, or None for a regular file."""
    if stat_.S_ISREG(mode):
        return None
    what = SPECIAL_FILES.get(stat_.S_IFMT(mode), N_("{name} is not a regular file, not a file"))
    return gettext(
        "{what}: the roster reads only snapshot (.json) and journal (.sqlite) files and did not"
        " open it. Remove it from the folder, or replace it with the mentee's file."
    ).format(what=gettext(what).format(name=name))


def _row(name: str, source, today: dt.date, shared_at) -> Mentee:
    """A mentee's row, read as the audience their coach reads as: a manager who coaches never
    sees the next outside interview in it."""
    reader = coach_audience(source.snapshot())
    return mentee_row(name, overview(source, today, reader), shared_at)  # type: ignore[arg-type]


def read_mentee(path: Path, today: dt.date) -> Mentee | Unread:
    """One file of the folder as a roster row, or the reason it is not one."""
    try:
        if path.suffix == SNAPSHOT_SUFFIX:
            document = read_snapshot_file(path)
            held = _Held(snapshot_contents(document, path))
            return _row(path.name, held, today, document.shared_at)
        if path.suffix == JOURNAL_SUFFIX:
            with Journal(path, readonly=True) as journal:
                return _row(path.name, journal, today, None)
    except (JournalError, ContentError) as error:
        return Unread(path.name, str(error))
    except ValidationError as error:  # a journal holding an entry this version cannot read
        return Unread(
            path.name,
            gettext("it holds an entry Step Up cannot read ({entry}).").format(entry=error.title),
        )
    except Exception as error:  # noqa: BLE001 - one unreadable file must not take the page down
        return Unread(
            path.name,
            gettext("Step Up could not read it ({error}).").format(error=type(error).__name__),
        )
    return Unread(
        path.name,
        gettext(
            "not a coach snapshot ({snapshot}) or a journal ({journal}); the roster reads only"
            " those."
        ).format(snapshot=SNAPSHOT_SUFFIX, journal=JOURNAL_SUFFIX),
    )


@dataclass
class Roster:
    """A folder read: the mentees' rows, and the files that could not be read with why."""

    folder: Path
    today: dt.date
    mentees: list[Mentee]
    unread: list[Unread]


class RosterReader:
    """Reads a folder of mentees, each file again only when it changed (or the day did)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder).expanduser()
        if not self.folder.is_dir():
            raise JournalError(
                gettext(
                    "{folder} is not a folder. Give the folder that holds your mentees' "
                    "snapshots (stepup share) or journals."
                ).format(folder=self.folder)
            )
        self._cache: dict[str, tuple[tuple, Mentee | Unread]] = {}
        # A snapshot's coach view, kept until the file or the day changes: a snapshot never
        # changes in place, and building the view (its charts) takes a second or two.
        self.pages: dict[tuple[str, str, str], tuple[tuple, str]] = {}

    def snapshot_key(self, file: str) -> tuple | None:
        """What a kept page of ``file`` depends on; None for a journal (read live each time)."""
        path = self.files().get(file)
        if path is None or path.suffix != SNAPSHOT_SUFFIX:
            return None
        try:
            stat = path.stat()
        except OSError:
            return None
        return (stat.st_size, stat.st_mtime_ns, clock.today())

    def files(self) -> dict[str, Path]:
        """The folder's files that could be a mentee's, by name, sorted (hidden files, folders
        and a journal's SQLite companions left out)."""
        return {p.name: p for p in sorted(self.folder.iterdir()) if _is_candidate(p)}

    def read(self, today: dt.date | None = None, only: Collection[str] | None = None) -> Roster:
        """Every mentee file in the folder, or only the files named in ``only`` (a hub coach's
        mentees: the others are not read at all)."""
        today = today or clock.today()
        rows, stale = self._scan(today, only)
        for name, (path, key) in stale.items():
            rows[name] = self._keep(name, key, read_mentee(path, today))
        return self._roster(today, rows)

    async def read_async(
        self, workers: Workers, today: dt.date | None = None, only: Collection[str] | None = None
    ) -> Roster:
        """:meth:`read`, with the files that changed read by ``workers``; a row still being
        read after :data:`ROW_WAIT_S` is listed as such, and kept once read."""
        today = today or clock.today()
        rows, stale = self._scan(today, only)
        reading = {name: workers.row(path, key) for name, (path, key) in stale.items()}
        if reading:
            await asyncio.wait(reading.values(), timeout=ROW_WAIT_S)
        for name, future in reading.items():
            key = stale[name][1]
            if not future.done():  # kept when read, for the next load
                future.add_done_callback(lambda f, name=name, key=key: self._kept(name, key, f))
                rows[name] = Unread(name, gettext(STILL_READING))
            else:
                rows[name] = self._kept(name, key, future)
        return self._roster(today, rows)

    def _scan(
        self, today: dt.date, only: Collection[str] | None
    ) -> tuple[dict[str, Mentee | Unread | None], dict[str, tuple[Path, tuple]]]:
        """Every file's row as kept (None where it changed), and the changed files to read."""
        rows: dict[str, Mentee | Unread | None] = {}
        stale: dict[str, tuple[Path, tuple]] = {}
        files = self.files()
        for name, path in files.items():
            if only is not None and name not in only:
                continue
            try:
                found = path.stat()
            except OSError as error:
                rows[name] = Unread(
                    name,
                    gettext("cannot read it: {reason}.").format(reason=error.strerror or error),
                )
                continue
            if (special := not_a_file(name, found.st_mode)) is not None:
                rows[name] = Unread(name, special)
                continue
            key = (found.st_size, found.st_mtime_ns, today)
            cached = self._cache.get(name)
            rows[name] = cached[1] if cached is not None and cached[0] == key else None
            if rows[name] is None:
                stale[name] = (path, key)
        for gone in set(self._cache) - set(files):  # a file removed since: forget it
            del self._cache[gone]
        for gone in [page for page in self.pages if page[0] not in files]:
            del self.pages[gone]
        return rows, stale

    def _keep(self, name: str, key: tuple, row: Mentee | Unread) -> Mentee | Unread:
        self._cache[name] = (key, row)
        return row

    def _kept(self, name: str, key: tuple, future: asyncio.Future) -> Mentee | Unread:
        """A worker's row, kept; a worker that died is said, and not kept."""
        if future.cancelled() or future.exception() is not None:
            failure = (
                gettext("cancelled") if future.cancelled() else type(future.exception()).__name__
            )
            return Unread(
                name,
                gettext("Step Up could not read it ({error}); reload the page.").format(
                    error=failure
                ),
            )
        return self._keep(name, key, future.result())

    def _roster(self, today: dt.date, rows: dict[str, Mentee | Unread | None]) -> Roster:
        found = list(rows.values())
        return Roster(
            self.folder,
            today,
            [m for m in found if isinstance(m, Mentee)],
            [u for u in found if isinstance(u, Unread)],
        )

    def mentee_path(self, file: str) -> Path:
        """The path of ``file``, one the folder lists as a mentee (KeyError otherwise); a
        FIFO or a device by that name is refused with a sentence, never opened."""
        path = self.files().get(file)
        if path is None or path.suffix not in (SNAPSHOT_SUFFIX, JOURNAL_SUFFIX):
            raise KeyError(file)
        try:
            mode = path.stat().st_mode
        except OSError as error:
            raise JournalError(
                gettext("Cannot read {file}: {reason}.").format(
                    file=file, reason=error.strerror or error
                )
            ) from None
        if (special := not_a_file(file, mode)) is not None:
            raise JournalError(special)
        return path

    @contextlib.contextmanager
    def open_journal(self, file: str) -> Iterator[tuple[Journal, str | None]]:
        """The mentee's journal opened read-only, and when it was shared (None for a journal).

        A snapshot is written into a temporary journal in a private folder (0700, removed
        afterwards), since the coach view reads a journal. ``file`` must be one the folder lists.
        """
        path = self.mentee_path(file)
        if path.suffix == JOURNAL_SUFFIX:
            with Journal(path, readonly=True) as journal:
                yield journal, None
            return
        document = read_snapshot_file(path)
        # mkdtemp makes the folder 0700: only this user may enter it.
        with tempfile.TemporaryDirectory(prefix="stepup-roster-") as folder:
            target = Path(folder) / "mentee.sqlite"
            import_snapshot(document, target)
            with Journal(target, readonly=True) as journal:
                yield journal, document.shared_at


def _url(path: str, token: str, **query) -> str:
    """A link within the roster; the token rides along when there is one (``stepup coach
    --roster``), not on the hub, where the hub's login cookie stands for it."""
    query = {**query, "token": token} if token else query
    return f"{path}?{urlencode(query)}" if query else path


def mentee_url(file: str, token: str, base: str = "/") -> str:
    """The link to one mentee's coach view."""
    return _url(base + "mentee/" + quote(file, safe=""), token)


@dataclass(frozen=True)
class Source:
    """Where the roster's files come from, in the page's words."""

    read_from: str  # "read from /home/carol/mentees"
    empty: str  # what to do when there is no mentee yet


def folder_source(folder: Path) -> Source:
    """What the roster page says of a folder it reads: where the files come from, and what to do
    while there are none."""
    return Source(
        gettext("read from {folder}").format(folder=folder),
        gettext(
            "No mentees yet. A mentee makes a snapshot with stepup share --out FILE; "
            "drop it in {folder} and reload this page."
        ).format(folder=folder),
    )


def roster_page(
    roster: Roster,
    token: str,
    sort: str = DEFAULT_SORT,
    order: str = "asc",
    base: str = "/",
    source: Source | None = None,
) -> str:
    """The roster as a whole HTML page: a table sorted on the server, so every header is a plain
    link (keyboard and screen reader work as on any link) and the page runs no script. ``base``
    is the path the roster is served under ("/", or the hub service's prefix)."""
    sort = sort if sort in COLUMN_KEYS else DEFAULT_SORT
    descending = order == "desc"
    headers = [
        {
            "label": gettext(column.label),
            "sorted": ("descending" if descending else "ascending") if column.key == sort else "",
            "url": _url(
                base,
                token,
                sort=column.key,
                order="desc" if column.key == sort and not descending else "asc",
            ),
        }
        for column in COLUMNS
    ]
    column = COLUMN_KEYS[sort]
    return fragment(
        "roster/page",
        css=PAGE_CSS,
        roster=roster,
        headers=headers,
        rows=[
            (m, mentee_url(m.file, token, base))
            for m in sort_mentees(roster.mentees, sort, descending)
        ],
        source=source or folder_source(roster.folder),
        sorted_by=gettext("{column}, {direction}").format(
            column=gettext(column.label),
            direction=gettext(column.descending if descending else column.ascending),
        ),
    )


def mentee_page(reader: RosterReader, file: str, token: str, base: str = "/") -> str:
    """One mentee's coach view, read-only, as a whole page with a way back to the roster.
    A snapshot's page is built once and kept until the file is replaced (or the day changes)."""
    key, page = _kept_page(reader, file, token, base)
    if page is None:
        page = _build_mentee_page(reader, file, token, base)
        if key is not None:
            reader.pages[(file, token, base)] = (key, page)
    return page


async def mentee_page_async(
    reader: RosterReader, workers: Workers, file: str, token: str, base: str = "/"
) -> str:
    """:func:`mentee_page`, built by ``workers`` (KeyError for a file the folder does not list)."""
    key, page = _kept_page(reader, file, token, base)
    if page is None:
        reader.mentee_path(file)  # no such mentee: answered here, not by a worker
        page = await workers.page(reader.folder, file, token, base, key)
        if key is not None:
            reader.pages[(file, token, base)] = (key, page)
    return page


async def mentee_answer(
    reader: RosterReader, workers: Workers, file: str, token: str, base: str = "/"
) -> tuple[int, str]:
    """The status and body a server answers for one mentee's page: the page, or a sentence
    when it cannot be read (changed since the roster was read, or being written right now).
    KeyError for a file the folder does not list."""
    try:
        return 200, await mentee_page_async(reader, workers, file, token, base)
    except KeyError:
        raise
    except JournalError as error:
        return 409, gettext("Cannot show {file}: {reason}").format(file=file, reason=error)
    except Exception:  # a page, or a sentence; never a bare 500
        log.exception("The coach view of %s could not be built", file)
        return 503, gettext(
            "Step Up could not read {file} just now: it may be being written. "
            "Reload the page in a moment; if this stays, ask the mentee to share again."
        ).format(file=file)


def _kept_page(
    reader: RosterReader, file: str, token: str, base: str
) -> tuple[tuple | None, str | None]:
    """What a kept page of ``file`` depends on, and the page when it is still that."""
    key = reader.snapshot_key(file)
    kept = reader.pages.get((file, token, base))
    return key, kept[1] if key is not None and kept is not None and kept[0] == key else None


def _build_mentee_page(reader: RosterReader, file: str, token: str, base: str) -> str:
    with reader.open_journal(file) as (journal, shared_at):
        session = CoachSession(journal)
    return fragment(
        "roster/mentee",
        css=PAGE_CSS,
        mentee=session.ov.profile.alias or Path(file).stem,
        file=file,
        shared_at=shared_at,
        session=session.html,
        back=_url(base, token),
    )


def build_page(folder: Path, file: str, token: str, base: str) -> str:
    """One mentee's coach view, built in a worker process."""
    return _build_mentee_page(RosterReader(folder), file, token, base)


class Workers:
    """Worker processes for a server's rows and coach views, off its event loop.

    Two pools, so a roster request never waits behind a coach view being built: one worker
    reads rows, the other builds pages (two on a machine with more than three cores). Each
    worker is forked from a server that has imported this module already (multiprocessing's
    forkserver), so it starts in milliseconds; each pool is replaced every
    :data:`TASKS_PER_POOL` tasks (the old one finishes what it was given, then ends). The same
    work asked for twice at once is done once.
    """

    def __init__(self, build: Callable[[Path, str, str, str], str] = build_page):
        self._build = build  # a module-level function: the worker imports it by name
        self._pools: dict[str, Executor] = {}
        self._tasks: dict[str, int] = {}
        self._running: dict[tuple, asyncio.Future] = {}
        self._sizes = {"rows": 1, "pages": max(1, min(2, (os.cpu_count() or 2) - 2))}

    def _pool(self, kind: str) -> Executor:
        if self._tasks.get(kind, 0) >= TASKS_PER_POOL:
            self._pools.pop(kind).shutdown(wait=False)  # ends once its tasks are done
        if kind not in self._pools:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(sorted({__name__, self._build.__module__}))
            # A worker ends with its forkserver, which ends with the server: a server killed
            # outright (SIGKILL) leaves no worker behind.
            self._pools[kind] = ProcessPoolExecutor(
                self._sizes[kind], context, initializer=die_with_parent
            )
            self._tasks[kind] = 0
        self._tasks[kind] += 1
        return self._pools[kind]

    def _run(self, kind: str, once: tuple | None, function, *args) -> asyncio.Future:
        if once is not None and once in self._running:
            return self._running[once]
        try:
            future = asyncio.wrap_future(self._pool(kind).submit(function, *args))
        except BrokenProcessPool:  # a worker was killed: a new pool for this and what follows
            self._pools.pop(kind).shutdown(wait=False, cancel_futures=True)
            future = asyncio.wrap_future(self._pool(kind).submit(function, *args))
        if once is not None:
            self._running[once] = future
            future.add_done_callback(lambda _: self._running.pop(once, None))
        return future

    def start(self) -> None:
        """Start the workers now, so the first request does not wait for them."""
        for kind in self._sizes:
            self._pool(kind).submit(os.getpid)

    def row(self, path: Path, key: tuple) -> asyncio.Future:
        """Read one mentee's file in the rows pool; ``key`` is what the row depends on, its last
        item the day to read it for."""
        return self._run("rows", ("row", path, key), read_mentee, path, key[-1])

    async def page(self, folder: Path, file: str, token: str, base: str, key: tuple | None) -> str:
        """Build one mentee's coach view in the pages pool. The same page asked for again while
        it is being built (same ``key``) waits for that one build; ``key`` None always builds
        anew."""
        once = None if key is None else ("page", folder, file, token, base, key)
        return await asyncio.shield(
            self._run("pages", once, self._build, folder, file, token, base)
        )

    def close(self) -> None:
        """Stop both pools without waiting: what is queued is cancelled, and a worker ends once
        its task is done."""
        for pool in self._pools.values():
            pool.shutdown(wait=False, cancel_futures=True)
        self._pools.clear()
