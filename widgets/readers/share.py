"""A snapshot for the coach (``stepup share``): what the coach audience sees, and nothing else.

The snapshot is built from :func:`widgets.readers.audience.audience_view` with the ``coach``
audience, so it follows the same table as the growth-plan document for a coach. It holds the
current version of each live entry only: no deleted entries, no earlier versions, and nothing
from the folders beside the journal (``chart-cache/``, ``reports/``), which are never read here.
The engineer may keep whole kinds of record private as well (``--leave-out``); leaving out the
thought records also leaves out the actions that came from a belief or its experiment, since
their text repeats it, and the profile's worries ("What worries you most"), which are beliefs of
the same kind ("I am afraid I will freeze").

:func:`summary` says, in plain sentences, what a snapshot holds and what was left out and why:
the engineer reads it before sending the file.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import quote

from widgets.content.wording import count
from widgets.readers.audience import BELIEF_SOURCES, VISIBLE, audience_view
from widgets.readers.latest import latest_snapshot
from widgets.storage import clock
from widgets.storage.journal import SCHEMA_VERSION, Journal, JournalError
from widgets.storage.records import Profile, ThoughtRecord
from widgets.storage.transfer import SNAPSHOT_AUDIENCE, SNAPSHOT_FORMAT

# kind → (one, many): how a summary names each kind of record.
KIND_NAMES = {
    "profile": ("profile", "profiles"),
    "thought_record": ("thought record", "thought records"),
    "framework": ("company ladder", "company ladders"),
    "competency_assessment": ("competency self-assessment", "competency self-assessments"),
    "coach_assessment": ("coach's rating", "coach's ratings"),
    "competency_snapshot": ("competency snapshot", "competency snapshots"),
    "project": ("project", "projects"),
    "story": ("story", "stories"),
    "design_session": ("design practice session", "design practice sessions"),
    "action": ("action", "actions"),
    "checkin": ("weekly check-in", "weekly check-ins"),
    "manager_support": ("list of what you need from your manager", "lists of needs"),
    "rehearsal": ("spoken take", "spoken takes"),
}
# The profile names the mentee and their target: without it a coach's roster has no row.
CAN_LEAVE_OUT = tuple(kind for kind in VISIBLE if kind != Profile.kind)


def kind_count(kind: str, n: int) -> str:
    one, many = KIND_NAMES.get(kind, (kind.replace("_", " "), kind.replace("_", " ") + "s"))
    return count(n, one, many)


def _from_a_belief(entry) -> bool:
    return entry.kind == "action" and entry.data.get("source", "").split(":", 1)[0] in (
        BELIEF_SOURCES
    )


def _field_paths(data, prefix: str = "") -> set[str]:
    """Dotted paths of every field in stored data; "*" for the keys of a mapping or a list."""
    paths = set()
    if isinstance(data, dict):
        for key, value in data.items():
            paths.add(prefix + key)
            paths |= _field_paths(value, f"{prefix}{key}.")
    return paths


def _hidden_paths(kind: str, data: dict, shown: dict) -> set[str]:
    def generalised(paths: set[str]) -> set[str]:
        # ratings.ml.communication.confidence → ratings.*.confidence, as the table names it
        table = VISIBLE.get(kind, {})
        found = set()
        for path in paths:
            parts = path.split(".")
            for i in range(len(parts)):
                starred = ".".join(parts[:i] + ["*"] + parts[i + 1 :])
                if starred in table:
                    path = starred
                    break
            found.add(path)
        return found

    return generalised(_field_paths(data)) - generalised(_field_paths(shown))


@dataclass
class Share:
    """A coach snapshot and what was left out of it."""

    document: dict
    held: Counter = field(default_factory=Counter)  # kind → entries in the snapshot
    deleted: int = 0  # deleted entries, never shared
    earlier_versions: int = 0  # revisions before the current one, never shared
    kept_private: Counter = field(default_factory=Counter)  # kind → entries left out by choice
    from_beliefs: int = 0  # actions left out with the beliefs they come from
    worries: bool = False  # the profile's worries, left out with the beliefs
    unseen: Counter = field(default_factory=Counter)  # kind → entries the coach audience never sees
    hidden_fields: dict[str, set[str]] = field(default_factory=dict)  # kind → hidden field paths


def build_share(journal: Journal, leave_out: tuple[str, ...] = ()) -> Share:
    """The snapshot of ``journal`` for the coach, with ``leave_out`` kinds kept private."""
    unknown = sorted(set(leave_out) - set(CAN_LEAVE_OUT))
    if unknown:
        raise ValueError(
            f"Cannot leave out {', '.join(unknown)}: choose from {', '.join(CAN_LEAVE_OUT)}"
        )
    full = latest_snapshot(journal)
    seen = {entry.id: entry for entry in audience_view(full, SNAPSHOT_AUDIENCE).entries()}
    deleted, earlier_versions = journal.history_counts()
    share = Share(document={}, deleted=deleted, earlier_versions=earlier_versions)
    entries = []
    for entry in full.entries():
        shown = seen.get(entry.id)
        if shown is None:
            share.unseen[entry.kind] += 1
            continue
        if entry.kind in leave_out:
            share.kept_private[entry.kind] += 1
            continue
        if ThoughtRecord.kind in leave_out and _from_a_belief(entry):
            share.from_beliefs += 1
            continue
        if (
            ThoughtRecord.kind in leave_out
            and entry.kind == Profile.kind
            and shown.data.get("worries")
        ):
            shown = replace(shown, data={**shown.data, "worries": ""})
            share.worries = True
        # The coach sees every field of most entries: only a trimmed one is searched for what it lost.
        hidden = (
            set() if shown.data == entry.data else _hidden_paths(entry.kind, entry.data, shown.data)
        )
        if hidden:
            share.hidden_fields.setdefault(entry.kind, set()).update(hidden)
        share.held[entry.kind] += 1
        entries.append(
            {
                "id": entry.id,
                "kind": entry.kind,
                "created_at": entry.created_at,
                "updated_at": entry.updated_at,
                "deleted_at": None,
                "revisions": [{"rev": 1, "saved_at": entry.updated_at, "data": shown.data}],
            }
        )
    profile = full.record(Profile.kind)
    share.document = {
        "format": SNAPSHOT_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "audience": SNAPSHOT_AUDIENCE,
        "shared_by": (profile.alias if isinstance(profile, Profile) else "")[:200],
        "shared_at": clock.timestamp(),
        "kept_private": sorted(leave_out),
        "entries": entries,
    }
    return share


def held_line(held: Counter) -> str:
    total = sum(held.values())
    if not total:
        return "It holds no entries yet."
    parts = [
        kind_count(kind, n) for kind, n in sorted(held.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return f"It holds {count(total, 'entry', 'entries')}: {', '.join(parts)}."


def summary(share: Share) -> list[str]:
    """What the snapshot holds and what was left out, and why: lines for the terminal."""
    alias = share.document["shared_by"]
    owner = f"{alias}’s" if alias else "your"
    lines = [
        f"A snapshot for your coach of {owner} journal, as of {share.document['shared_at'][:10]}.",
        held_line(share.held),
        "Left out:",
    ]
    for kind, n in sorted(share.kept_private.items()):
        lines.append(
            f"- {kind_count(kind, n)}: you chose to keep them private (--leave-out {kind})."
        )
    if share.from_beliefs:
        lines.append(
            f"- {kind_count('action', share.from_beliefs)} from beliefs: kept private with the "
            "beliefs they come from."
        )
    if share.worries:
        lines.append(
            "- what worries you most, from your profile: kept private with the beliefs "
            "(--leave-out thought_record)."
        )
    for kind, n in sorted(share.unseen.items()):
        lines.append(f"- {kind_count(kind, n)}: a coach does not see these (the audience rules).")
    for kind, paths in sorted(share.hidden_fields.items()):
        lines.append(
            f"- from each {KIND_NAMES.get(kind, (kind,))[0]}: {', '.join(sorted(paths))}"
            " (a coach does not see these fields)."
        )
    past = [
        count(share.deleted, "deleted entry", "deleted entries") if share.deleted else "",
        count(share.earlier_versions, "earlier version") if share.earlier_versions else "",
    ]
    if any(past):
        lines.append(
            f"- {' and '.join(filter(None, past))}: a snapshot holds only what is current."
        )
    if share.held["rehearsal"]:
        lines.append(
            "- the recordings of your spoken takes: they stay in your journal (the snapshot holds"
            " each take's figures and ratings)."
        )
    lines.append(
        "- the chart-cache and reports folders beside the journal: never part of a snapshot."
    )
    return lines


def snapshot_lines(document) -> list[str]:
    """What a snapshot file holds, read back from the file (``stepup share --show FILE``)."""
    held = Counter(entry.kind for entry in document.entries)
    who = document.shared_by or "an engineer with no name set"
    when = f"{document.shared_at[:10]} at {document.shared_at[11:16]} UTC"
    lines = [
        f"A snapshot for a coach, shared by {who} on {when}.",
        held_line(held),
    ]
    if document.kept_private:
        lines.append(
            "Kept private by choice: "
            + ", ".join(KIND_NAMES.get(k, (k, k))[1] for k in document.kept_private)
            + "."
        )
    lines.append(
        "It holds no deleted entries, no earlier versions, and no charts or reports files."
    )
    return lines


# Sharing on a programme's JupyterHub (``stepup share --hub``, workbook 05's button): the
# snapshot is POSTed to the hub's Step Up service (widgets/hub_service.py) with the engineer's
# own JupyterHub token, which the single-user server has in its environment.
HUB_SERVICE_URL_ENV = "STEPUP_HUB_SERVICE_URL"  # set for every server by deploy/jupyterhub
HUB_TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
HUB_USER_ENV = "JUPYTERHUB_USER"
HUB_TIMEOUT_SECONDS = 30


class HubShareError(JournalError):
    """The hub's Step Up service did not store the snapshot; the message says why."""


@dataclass(frozen=True)
class HubTarget:
    service_url: str  # ends with "/": e.g. http://127.0.0.1:10101/services/stepup/
    token: str
    user: str

    @property
    def upload_url(self) -> str:
        return f"{self.service_url}api/snapshots/{quote(self.user, safe='')}"


def hub_target(
    service_url: str | None = None,
    token: str | None = None,
    user: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> HubTarget | None:
    """Where ``stepup share --hub`` sends a snapshot: the given values, else the JupyterHub
    server's environment; None when this is not a programme's JupyterHub server."""
    environ = os.environ if environ is None else environ
    service_url = service_url or environ.get(HUB_SERVICE_URL_ENV, "")
    token = token or environ.get(HUB_TOKEN_ENV, "")
    user = user or environ.get(HUB_USER_ENV, "")
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
            f"The hub's address {url!r} is not a web address; give it as "
            "http://HOST:PORT/services/stepup/ (--hub-url). Nothing was shared."
        )


OFF_THE_HUB = (
    "Sharing with your coach through the hub works on a programme's JupyterHub (where Step Up "
    "runs for many engineers). Here, write a snapshot with stepup share --out FILE and send the "
    "file to your coach, who drops it in their roster folder."
)


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
        raise HubShareError(_service_message(body, f"the service answered {error.code}")) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise HubShareError(
            f"Cannot reach the hub's Step Up service at {target.service_url} ({reason}). "
            "Nothing was shared; try again in a minute, or ask the programme's administrators."
        ) from None
    return _service_message(body, "Shared.")


def _service_message(body: bytes, fallback: str) -> str:
    try:
        message = json.loads(body.decode("utf-8")).get("message")
    except (ValueError, AttributeError):
        message = None
    return str(message) if message else fallback
