"""Step Up on a programme's JupyterHub: the service that holds coach snapshots and shows them.

A hub-managed service (``c.JupyterHub.services``; see ``deploy/jupyterhub/``). It answers two
kinds of request and nothing else:

- An engineer's "Share with my coach" (``stepup share --hub``, or the button in workbook 05)
  POSTs a snapshot to ``api/snapshots/NAME`` with the engineer's own JupyterHub token. Only the
  token's owner may store under their own name; the snapshot is checked exactly as the roster
  checks one (:func:`widgets.storage.transfer.parse_snapshot`), its size is capped, and it is
  written whole or not at all (a hidden staging file, synced, then renamed). So the service
  never reads anyone's disk: it holds only what each engineer chose to send.
- A coach, logged in through the hub (OAuth), GETs the roster and each mentee's coach view,
  the same pages as ``stepup coach --roster``. Who sees whom is decided by the hub alone: a
  coach sees a mentee when the scopes the hub reports for the coach's login include
  ``custom:stepup:coach`` for that mentee (``!user=alice``, ``!group=cohort-a``, or unfiltered).
  Nothing here keeps a list of coaches. Coaches can only read: there is no other path for them.

The store is one folder (0700) with one ``NAME.json`` (0600) per engineer: back it up as files.
Run by the hub as ``python -m widgets.hub_service --store DIR``; it reads the ``JUPYTERHUB_*``
environment the hub gives a managed service.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import tornado.web
from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from widgets import settings
from widgets.i18n import format_number, gettext, ngettext
from widgets.storage.journal import JournalError, remove_stale_staging, write_private_file
from widgets.storage.transfer import parse_snapshot
from widgets.views.css import PAGE_CSS
from widgets.views.fragments import fragment
from widgets.views.roster import (
    CONTENT_SECURITY_POLICY,
    DEFAULT_SORT,
    RosterReader,
    Source,
    Workers,
    mentee_answer,
    roster_page,
)

COACH_SCOPE = "custom:stepup:coach"
SNAPSHOT_SUFFIX = ".json"
# A snapshot holds current entries only: five years of weekly use is well under 1 MB.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# How long the service trusts the hub's answer about a login: a revoked scope or an expired
# token takes effect within this many seconds.
DEFAULT_AUTH_CACHE_SECONDS = settings.DEFAULT_AUTH_CACHE_SECONDS


@dataclass(frozen=True)
class CoachScope:
    """Whom a login may coach, read from the scopes the hub reports for it."""

    everyone: bool
    users: frozenset[str]
    groups: frozenset[str]

    @classmethod
    def from_scopes(cls, scopes: list[str]) -> CoachScope:
        """Read ``custom:stepup:coach`` and its ``!user=``/``!group=`` filters; other scopes and
        empty filter values are ignored."""
        everyone, users, groups = False, set(), set()
        for scope in scopes:
            base, _, filter_ = scope.partition("!")
            if base != COACH_SCOPE:
                continue
            kind, _, value = filter_.partition("=")
            if not filter_:
                everyone = True
            elif kind == "user" and value:
                users.add(value)
            elif kind == "group" and value:
                groups.add(value)
        return cls(everyone, frozenset(users), frozenset(groups))

    @property
    def anyone(self) -> bool:
        """Whether this login may coach anyone at all."""
        return self.everyone or bool(self.users or self.groups)


def file_for(username: str) -> str:
    """The store's file name for a hub user: the name quoted, so it never leaves the folder or
    hides itself (a leading dot is quoted too)."""
    quoted = quote(username, safe="@+-_")
    if quoted.startswith("."):
        quoted = "%2E" + quoted[1:]
    return quoted + SNAPSHOT_SUFFIX


def username_for(file: str) -> str:
    """The hub user whose snapshot a store file holds (the reverse of :func:`file_for`)."""
    return unquote(file.removesuffix(SNAPSHOT_SUFFIX))


class SnapshotStore:
    """The folder of received snapshots, one file per engineer."""

    def __init__(self, folder: Path):
        self.folder = Path(folder).expanduser()
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.folder.chmod(0o700)
        # A write cut off by a restart leaves its hidden staging file (.NAME.json.HEX.tmp)
        # beside its target; the roster never reads hidden files, and here they are removed.
        for leftover in self.folder.glob(".*.tmp"):
            remove_stale_staging(self.folder / leftover.name[1:].rsplit(".", 2)[0])
        self.reader = RosterReader(self.folder)
        # Rows and coach views are read and built in worker processes: a rebuild never stops
        # the service answering, and its memory stays flat over re-shares.
        self.workers = Workers()

    def path_for(self, username: str) -> Path:
        """Where a hub user's snapshot is kept, whether or not they have sent one."""
        return self.folder / file_for(username)

    def put(self, username: str, data: bytes) -> Path:
        """Store a checked snapshot whole, private to the service (raises ``JournalError``)."""
        return write_private_file(data, self.path_for(username))


class _Callback(HubOAuthCallbackHandler):
    def initialize(self, auth: HubOAuth) -> None:
        self.hub_auth = auth


class _ServicePage(HubOAuthenticated, tornado.web.RequestHandler):
    def initialize(
        self, auth: HubOAuth, store: SnapshotStore, prefix: str, api_url: str, api_token: str
    ) -> None:
        self.hub_auth = auth
        self.store = store
        self.prefix = prefix
        self.api_url = api_url
        self.api_token = api_token

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Cache-Control", "no-store")

    def write_error(self, status_code: int, **kwargs) -> None:
        reasons = {
            403: gettext("Your JupyterHub login does not give you this page."),
            404: gettext("No mentee by that name has shared a snapshot with you."),
            405: gettext("Coaches can only read here: nothing can be changed through this page."),
        }
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(reasons.get(status_code, gettext("Step Up could not show this page.")))

    async def group_members(self, group: str) -> set[str]:
        """The hub's members of a group (the service's own token reads them: read:groups)."""
        request = HTTPRequest(
            url_path_join(self.api_url, "groups", quote(group, safe="")),
            headers={"Authorization": f"token {self.api_token}"},
        )
        try:
            response = await AsyncHTTPClient().fetch(request)
        except HTTPClientError as error:
            if error.code == 404:
                return set()
            raise
        return set(json.loads(response.body).get("users", []))

    async def coached_files(self) -> tuple[CoachScope, set[str] | None]:
        """The coach's scope and the store files it covers (None: every file)."""
        scope = CoachScope.from_scopes(self.current_user.get("scopes", []))
        if scope.everyone:
            return scope, None
        names = set(scope.users)
        for group in sorted(scope.groups):
            names |= await self.group_members(group)
        return scope, {file_for(name) for name in names}


class HomeHandler(_ServicePage):
    """The roster of the mentees the hub lets this coach see; for anyone else, a page that says
    what was received from them and who decides what a coach sees."""

    @tornado.web.authenticated
    async def get(self) -> None:
        """The roster (``?sort=`` and ``?order=``), or the page for a login that coaches nobody."""
        scope, files = await self.coached_files()
        me = self.current_user["name"]
        own = self.store.path_for(me)
        if not scope.anyone:
            self.write(
                fragment(
                    "roster/hub_home",
                    css=PAGE_CSS,
                    user=me,
                    own_received=own.is_file(),
                    scope=COACH_SCOPE,
                )
            )
            return
        source = Source(
            gettext("shared with you on this JupyterHub"),
            gettext(
                "No mentee you coach has shared a snapshot yet. An engineer shares with "
                "the Share with my coach button in workbook 05, or stepup share --hub."
            ),
        )
        self.write(
            roster_page(
                await self.store.reader.read_async(self.store.workers, only=files),
                "",
                self.get_query_argument("sort", DEFAULT_SORT),
                self.get_query_argument("order", "asc"),
                base=self.prefix,
                source=source,
            )
        )


class MenteeHandler(_ServicePage):
    """One mentee's coach view, for a coach the hub lets see them."""

    @tornado.web.authenticated
    async def get(self, file: str) -> None:
        """The page for one store file; 404 alike for a file not shared and one not covered."""
        _, files = await self.coached_files()
        if files is not None and file not in files:
            raise tornado.web.HTTPError(404)  # the same answer as for no such file
        try:
            status, body = await mentee_answer(
                self.store.reader, self.store.workers, file, "", base=self.prefix
            )
        except KeyError:
            raise tornado.web.HTTPError(404) from None
        self.set_status(status)
        if status != 200:  # a sentence: changed since it was listed, or being written
            self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(body)


@tornado.web.stream_request_body
class SnapshotUpload(_ServicePage):
    """POST a snapshot of one's own journal, with one's own JupyterHub token."""

    def set_default_headers(self) -> None:
        """Every answer here is JSON, with the pages' security headers."""
        super().set_default_headers()
        self.set_header("Content-Type", "application/json; charset=utf-8")

    def answer(self, status: int, message: str, **extra) -> None:
        """Finish with ``{"ok", "message", **extra}``: ok is whether the status is under 400."""
        self.set_status(status)
        self.finish(json.dumps({"ok": status < 400, "message": message, **extra}))

    def write_error(self, status_code: int, **kwargs) -> None:
        """Tornado's own errors as JSON too, a sentence in ``message``."""
        reasons = {
            405: gettext("Only POST is answered here: send your own snapshot."),
        }
        message = reasons.get(status_code, gettext("The Step Up service could not answer."))
        self.finish(json.dumps({"ok": False, "message": message}))

    def prepare(self) -> None:
        """Before the body arrives: refuse (403) a POST without a JupyterHub token the hub
        accepts, and note whose token it is."""
        self._chunks: list[bytes] = []
        self._size = 0
        if self.request.method != "POST":
            return  # tornado answers 405
        # Token only: a browser's login cookie never stores anything here.
        if not self.request.headers.get("Authorization", "").lower().startswith("token "):
            self.answer(
                403,
                gettext(
                    "Send your snapshot with your JupyterHub token (Authorization: token ...). "
                    "Nothing was stored."
                ),
            )
            return
        user = self.current_user
        if not user:
            self.answer(
                403,
                gettext(
                    "JupyterHub did not accept this token: it may have expired or been revoked, "
                    "or it does not allow the Step Up service. Log in to the hub again (restart "
                    "your server) and share again. Nothing was stored."
                ),
            )
            return
        self._owner = user["name"]

    @staticmethod
    def too_large(size: int) -> str:
        """The sentence for a snapshot of ``size`` bytes, over the cap."""
        return gettext(
            "The snapshot is {size} MB; the service takes snapshots of up to {cap} MB (five years"
            " of weekly use is under 1 MB). Nothing was stored."
        ).format(
            size=format_number(size / 1024 / 1024, "#,##0.0"),
            cap=format_number(MAX_UPLOAD_BYTES // 1024 // 1024),
        )

    def data_received(self, chunk: bytes) -> None:
        """Keep the body's chunks up to the cap, counting all of them."""
        self._size += len(chunk)
        # Past the cap the rest is read and dropped (memory stays bounded), so the client is
        # sure to get the answer; past the server's max_body_size tornado closes the connection.
        if self._size <= MAX_UPLOAD_BYTES:
            self._chunks.append(chunk)

    def post(self, name: str) -> None:  # tornado has percent-decoded ``name`` already
        """Store the token owner's snapshot under their own name, once checked as the roster
        checks it; the answer says what was stored, or why nothing was."""
        if name != self._owner:
            self.answer(
                403,
                gettext(
                    "You are logged in as {user}: you can share only your own snapshot, "
                    "not {other}'s. Nothing was stored."
                ).format(user=self._owner, other=name),
            )
            return
        if self._size > MAX_UPLOAD_BYTES:
            self.answer(413, self.too_large(self._size))
            return
        data = b"".join(self._chunks)
        try:
            text = data.decode("utf-8")
            document = parse_snapshot(
                text, gettext("your snapshot"), nothing=gettext("Nothing was stored.")
            )
        except UnicodeDecodeError:
            self.answer(422, gettext("Your snapshot is not UTF-8 text. Nothing was stored."))
            return
        except JournalError as error:
            self.answer(422, str(error))
            return
        try:
            self.store.put(self._owner, data)
        except JournalError as error:
            self.answer(
                500, gettext("The service could not store it: {reason}").format(reason=error)
            )
            return
        self.answer(
            201,
            ngettext(
                "Stored your snapshot of {count} entry, shared {day}. Your coach sees it on their"
                " next visit.",
                "Stored your snapshot of {count} entries, shared {day}. Your coach sees it on"
                " their next visit.",
                len(document.entries),
            ).format(count=len(document.entries), day=document.shared_at[:10]),
            shared_at=document.shared_at,
            entries=len(document.entries),
        )


def service_app(
    store: SnapshotStore,
    prefix: str,
    api_url: str,
    api_token: str,
    auth_cache_seconds: int = DEFAULT_AUTH_CACHE_SECONDS,
) -> tornado.web.Application:
    """The service's pages under ``prefix``: the roster, each mentee's view, the upload API and
    the OAuth callback. ``api_url`` and ``api_token`` are the hub's API and the service's token."""
    # HubOAuth reads the rest of its settings from the JUPYTERHUB_* environment.
    auth = HubOAuth(cache_max_age=auth_cache_seconds, api_url=api_url, api_token=api_token)
    settings = {
        "auth": auth,
        "store": store,
        "prefix": prefix,
        "api_url": api_url,
        "api_token": api_token,
    }
    return tornado.web.Application(
        [
            (url_path_join(prefix, "oauth_callback"), _Callback, {"auth": auth}),
            (prefix, HomeHandler, settings),
            (url_path_join(prefix, "mentee", "([^/]+)"), MenteeHandler, settings),
            (url_path_join(prefix, "api", "snapshots", "([^/]+)"), SnapshotUpload, settings),
        ],
        cookie_secret=os.urandom(32),
        workers=store.workers,
    )


async def _serve(app: tornado.web.Application, host: str, port: int) -> None:
    workers = app.settings["workers"]
    workers.start()
    server = app.listen(port, address=host, max_body_size=4 * MAX_UPLOAD_BYTES)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        server.stop()
        workers.close()


def main(argv: list[str] | None = None) -> int:
    """Run the service until SIGINT or SIGTERM; 2 when the environment JupyterHub gives its
    services is missing."""
    parser = argparse.ArgumentParser(
        prog="python -m widgets.hub_service",
        description=gettext("The Step Up service, started by JupyterHub (c.JupyterHub.services)."),
    )
    parser.add_argument(
        "--store", required=True, help=gettext("folder of received snapshots (0700)")
    )
    parser.add_argument(
        "--bind",
        help=gettext(
            "address to listen on (default: the host of $JUPYTERHUB_SERVICE_URL; on "
            "Kubernetes 0.0.0.0, since the service is reached through the hub pod's Service)"
        ),
    )
    args = parser.parse_args(argv)
    try:
        config = settings.current()
        config.require("service_url", "service_prefix", "hub_api_url", "hub_api_token")
    except settings.SettingsError as error:
        print(
            gettext(
                "stepup hub service: {error} JupyterHub starts this service "
                "(see deploy/jupyterhub/jupyterhub_config.py)."
            ).format(error=settings.said(error, gettext)),
            file=sys.stderr,
        )
        return 2
    url, prefix = urlparse(config.service_url), config.service_prefix
    api_url, api_token = config.hub_api_url, config.hub_api_token
    cache = config.hub_auth_cache_seconds
    app = service_app(SnapshotStore(Path(args.store)), prefix, api_url, api_token, cache)
    host = args.bind or url.hostname or "127.0.0.1"
    print(
        gettext("Step Up service on {address}, store {store}").format(
            address=f"{host}:{url.port}{prefix}", store=args.store
        ),
        flush=True,
    )
    asyncio.run(_serve(app, host, url.port or 80))
    return 0


if __name__ == "__main__":
    sys.exit(main())
