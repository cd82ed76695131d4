"""``stepup coach --roster DIR``: the roster page and each mentee's coach view, read-only.

A small tornado application, not Voilà: the roster is one list built from many files, and the
coach view is already plain HTML (:class:`widgets.views.coach_page.CoachSession`), so a page
needs no kernel. Voilà would start a kernel per page and serve one journal per server (it reads
``STEPUP_JOURNAL``), where the roster opens a different file for every mentee.

Locked down as ``stepup coach`` is: bound to 127.0.0.1, every request needs the token, only GET
is answered, journals are opened read-only by SQLite, snapshots are read into memory (or into a
temporary journal in a private folder), and the pages run no script (Content-Security-Policy).
Rows and coach views are read and built in worker processes, so a rebuild never stops the
server answering.
"""

from __future__ import annotations

import asyncio
import errno
import secrets
import signal
import socket
from pathlib import Path

import tornado.httpserver
import tornado.netutil
import tornado.web

from widgets.content.scripts import page_language
from widgets.i18n import gettext
from widgets.processes import ServerError, check_port, open_in_browser, port_in_use, private_folder
from widgets.views.roster import (
    CONTENT_SECURITY_POLICY,
    DEFAULT_SORT,
    RosterReader,
    Workers,
    mentee_answer,
    roster_page,
)

LOOPBACK = "127.0.0.1"
LOCAL_NAMES = (LOOPBACK, "localhost")


class _ReadOnlyPage(tornado.web.RequestHandler):
    def initialize(self, reader: RosterReader, token: str, workers: Workers) -> None:
        self.reader = reader
        self.token = token
        self.workers = workers

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.set_header("Referrer-Policy", "no-referrer")  # the token is in every link
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Cache-Control", "no-store")
        # The pages say it in <html lang>; a refusal is plain text, so the header says it there.
        self.set_header("Content-Language", page_language())

    def prepare(self) -> None:
        # A page from elsewhere that points a name at 127.0.0.1 (DNS rebinding) gets nothing.
        if self.request.host_name not in LOCAL_NAMES:
            raise tornado.web.HTTPError(403)
        given = self.get_query_argument("token", "")
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            raise tornado.web.HTTPError(403)

    def write_error(self, status_code: int, **kwargs) -> None:
        reasons = {
            403: gettext("This page needs the token printed by stepup coach --roster."),
            404: gettext("No mentee file by that name in the roster's folder."),
            405: gettext("The roster is read-only."),
        }
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(reasons.get(status_code, gettext("The roster could not show this page.")))


class RosterHandler(_ReadOnlyPage):
    """The roster: one row per mentee file in the folder, sorted as the query asks."""

    async def get(self) -> None:
        """The roster page (``?sort=`` and ``?order=``), read by the workers."""
        self.write(
            roster_page(
                await self.reader.read_async(self.workers),
                self.token,
                self.get_query_argument("sort", DEFAULT_SORT),
                self.get_query_argument("order", "asc"),
            )
        )


class MenteeHandler(_ReadOnlyPage):
    """One mentee's coach view, by the file's name in the folder."""

    async def get(self, file: str) -> None:
        """The coach view of one file; 404 when the folder holds no such mentee file."""
        try:
            status, body = await mentee_answer(self.reader, self.workers, file, self.token)
        except KeyError:
            raise tornado.web.HTTPError(404) from None
        self.set_status(status)
        if status != 200:  # a sentence: changed since the roster was read, or being written
            self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(body)


def roster_app(folder: Path, token: str, workers: Workers | None = None) -> tornado.web.Application:
    """The roster's pages; the caller closes ``workers`` (made here when not given, then
    ``app.settings["workers"]``)."""
    reader = RosterReader(folder)
    workers = workers or Workers()
    handlers = {"reader": reader, "token": token, "workers": workers}
    return tornado.web.Application(
        [
            (r"/", RosterHandler, handlers),
            (r"/mentee/([^/]+)", MenteeHandler, handlers),
        ],
        xsrf_cookies=False,  # nothing is posted: only GET is answered
        workers=workers,
    )


def roster_url(port: int, token: str) -> str:
    """The roster's address on this machine, token included (printed for the coach to open)."""
    return f"http://{LOOPBACK}:{port}/?token={token}"


async def _serve(folder: Path, sockets: list[socket.socket], token: str) -> None:
    app = roster_app(folder, token)
    app.settings["workers"].start()
    server = tornado.httpserver.HTTPServer(app)
    server.add_sockets(sockets)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        server.stop()
        app.settings["workers"].close()


def serve_roster(
    folder: Path, port: int, token: str | None = None, open_browser: bool = False
) -> int:
    """Serve the roster until interrupted; the folder and the port are checked first, and the
    URL is printed (and opened) only once the port is this process's."""
    RosterReader(folder)  # a missing folder is a sentence, before any port is taken
    check_port(port)
    try:
        sockets = tornado.netutil.bind_sockets(port, address=LOOPBACK)
    except OSError as error:  # taken between the check and now
        if error.errno == errno.EADDRINUSE:
            raise ServerError(port_in_use(port)) from None
        raise
    token = token or secrets.token_urlsafe(24)
    print(
        gettext("Step Up roster (read-only) of {folder}").format(folder=Path(folder).expanduser()),
        flush=True,
    )
    print(gettext("Open: {url}").format(url=roster_url(port, token)), flush=True)
    with private_folder("stepup-roster-") as private:
        if open_browser:  # through a redirect file: no token on the browser's command line
            open_in_browser(roster_url(port, token), private)
        asyncio.run(_serve(Path(folder), sockets, token))
    return 0
