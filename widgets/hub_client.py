"""The hub client: sends a snapshot to a programme's JupyterHub (``stepup share --hub``,
workbook 05's *Share with my coach*).

The snapshot (built by :func:`widgets.readers.share.build_share`) is POSTed to the hub's Step Up
service (:mod:`widgets.hub_service`) with the engineer's own JupyterHub token, which the
single-user server has in its environment. This is the package's only HTTP client.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from widgets import settings
from widgets.i18n import N_, gettext
from widgets.storage.journal import JournalError

HUB_TIMEOUT_SECONDS = 30


class HubShareError(JournalError):
    """The hub's Step Up service did not store the snapshot; the message says why."""


@dataclass(frozen=True)
class HubTarget:
    """Where a snapshot goes: the hub's Step Up service, and whose token and name it is sent as."""

    service_url: str  # ends with "/": e.g. http://127.0.0.1:10101/services/stepup/
    token: str
    user: str

    @property
    def upload_url(self) -> str:
        """The service's address for this engineer's snapshot (the user name quoted whole)."""
        return f"{self.service_url}api/snapshots/{quote(self.user, safe='')}"


def hub_target(
    service_url: str | None = None,
    token: str | None = None,
    user: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> HubTarget | None:
    """Where ``stepup share --hub`` sends a snapshot: the given values, else the JupyterHub
    server's environment; None when this is not a programme's JupyterHub server."""
    given = settings.current() if environ is None else settings.read(environ)
    service_url = service_url or given.hub_service_url
    token = token or given.hub_api_token
    user = user or given.hub_user
    if not (service_url and token and user):
        return None
    check_service_url(service_url)
    return HubTarget(service_url.rstrip("/") + "/", token, user)


def check_service_url(url: str) -> None:
    """A sentence (HubShareError) for an address that is not http(s)://host[:port]/path."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (reading it checks it: a port out of range raises)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise HubShareError(
            gettext(
                "The hub's address {address} is not a web address; give it as "
                "http://HOST:PORT/services/stepup/ (--hub-url). Nothing was shared."
            ).format(address=repr(url))
        )


# Marked for the catalogue; shown through off_the_hub() (or gettext(OFF_THE_HUB)).
OFF_THE_HUB = N_(
    "Sharing with your coach through the hub works on a programme's JupyterHub (where Step Up "
    "runs for many engineers). Here, write a snapshot with stepup share --out FILE and send the "
    "file to your coach, who drops it in their roster folder."
)


def off_the_hub() -> str:
    """:data:`OFF_THE_HUB` in the active language."""
    return gettext(OFF_THE_HUB)


def send_to_hub(text: str, target: HubTarget) -> str:
    """POST the snapshot to the hub's Step Up service; its answer, or HubShareError."""
    request = urllib.request.Request(
        target.upload_url,
        data=text.encode("utf-8"),
        method="POST",
        headers={
            "Authorization": f"token {target.token}",
            "Content-Type": "application/json; charset=utf-8",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=HUB_TIMEOUT_SECONDS) as response:
            body = response.read()
    except urllib.error.HTTPError as error:
        body = error.read()
        raise HubShareError(
            _service_message(
                body, gettext("the service answered {status}").format(status=error.code)
            )
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise HubShareError(
            gettext(
                "Cannot reach the hub's Step Up service at {address} ({reason}). "
                "Nothing was shared; try again in a minute, or ask the programme's administrators."
            ).format(address=target.service_url, reason=reason)
        ) from None
    return _service_message(body, gettext("Shared."))


def _service_message(body: bytes, fallback: str) -> str:
    try:
        message = json.loads(body.decode("utf-8")).get("message")
    except (ValueError, AttributeError):
        message = None
    return str(message) if message else fallback
