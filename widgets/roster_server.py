"""``stepup coach --roster DIR``: the roster page and each mentee's coach view, read-only.

A small tornado application, not Voilà: the roster is one list built from many files, and the
coach view is already plain HTML (:class:`widgets.views.coach_page.CoachSession`), so a page
needs no kernel. Voilà would start a kernel per page and serve one journal per server (it reads
``STEPUP_JOURNAL``), where the roster opens a different file for every mentee.

Locked down as ``stepup coach`` is: bound to 127.0.0.1, every request needs the token, only GET
is answered, journals are opened read-only by SQLite, snapshots are read into memory (or into a
temporary journal in a private folder), and the pages run no script (Content-Security-Policy).
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

from widgets.processes import ServerError, check_port, open_in_browser, port_in_use, private_folder
from widgets.storage.journal import JournalError
from widgets.views.roster import (
    CONTENT_SECURITY_POLICY,
    DEFAULT_SORT,
    RosterReader,
    mentee_page,
    roster_page,
)

LOOPBACK = "127.0.0.1"
LOCAL_NAMES = (LOOPBACK, "localhost")


class _ReadOnlyPage(tornado.web.RequestHandler):
    def initialize(self, reader: RosterReader, token: str) -> None:
        self.reader = reader
        self.token = token

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.set_header("Referrer-Policy", "no-referrer")  # the token is in every link
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Cache-Control", "no-store")

    def prepare(self) -> None:
        # A page from elsewhere that points a name at 127.0.0.1 (DNS rebinding) gets nothing.
        if self.request.host_name not in LOCAL_NAMES:
            raise tornado.web.HTTPError(403)
        given = self.get_query_argument("token", "")
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            raise tornado.web.HTTPError(403)

    def write_error(self, status_code: int, **kwargs) -> None:
        reasons = {
            403: "This page needs the token printed by stepup coach --roster.",
            404: "No mentee file by that name in the roster's folder.",
            405: "The roster is read-only.",
        }
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(reasons.get(status_code, "The roster could not show this page."))


class RosterHandler(_ReadOnlyPage):
    def get(self) -> None:
        self.write(
            roster_page(
                self.reader.read(),
                self.token,
                self.get_query_argument("sort", DEFAULT_SORT),
                self.get_query_argument("order", "asc"),
            )
        )


class MenteeHandler(_ReadOnlyPage):
    def get(self, file: str) -> None:
        try:
            page = mentee_page(self.reader, file, self.token)
        except KeyError:
            raise tornado.web.HTTPError(404) from None
        except (
            JournalError
        ) as error:  # changed since the roster was read: say so, as the roster does
            self.set_status(409)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(f"Cannot show {file}: {error}")
            return
        self.write(page)


def roster_app(folder: Path, token: str) -> tornado.web.Application:
    reader = RosterReader(folder)
    handlers = {"reader": reader, "token": token}
    return tornado.web.Application(
        [
            (r"/", RosterHandler, handlers),
            (r"/mentee/([^/]+)", MenteeHandler, handlers),
        ],
        xsrf_cookies=False,  # nothing is posted: only GET is answered
    )


def roster_url(port: int, token: str) -> str:
    return f"http://{LOOPBACK}:{port}/?token={token}"


async def _serve(folder: Path, sockets: list[socket.socket], token: str) -> None:
    server = tornado.httpserver.HTTPServer(roster_app(folder, token))
    server.add_sockets(sockets)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        server.stop()


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
    print(f"Step Up roster (read-only) of {Path(folder).expanduser()}", flush=True)
    print(f"Open: {roster_url(port, token)}", flush=True)
    with private_folder("stepup-roster-") as private:
        if open_browser:  # through a redirect file: no token on the browser's command line
            open_in_browser(roster_url(port, token), private)
        asyncio.run(_serve(Path(folder), sockets, token))
    return 0
