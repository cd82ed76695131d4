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

from collections import Counter
from dataclasses import dataclass, field, replace

from widgets.content import coach_roles
from widgets.content.wording import count
from widgets.readers.audience import VISIBLE, audience_view, coach_audience
from widgets.readers.latest import latest_snapshot
from widgets.storage import clock
from widgets.storage.journal import SCHEMA_VERSION, Journal
from widgets.storage.records import Profile, ThoughtRecord
from widgets.storage.sources import ActionSource
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
    """``n`` entries of ``kind`` in words ("3 stories", "1 thought record")."""
    one, many = KIND_NAMES.get(kind, (kind.replace("_", " "), kind.replace("_", " ") + "s"))
    return count(n, one, many)


def _from_a_belief(entry) -> bool:
    return entry.kind == "action" and ActionSource.parse(entry.data["source"]).about_a_belief


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
    reader: str = SNAPSHOT_AUDIENCE  # the audience the coach reads as (content/coach_roles.py)
    note: str = ""  # what is said of that before anything is shared


def build_share(journal: Journal, leave_out: tuple[str, ...] = ()) -> Share:
    """The snapshot of ``journal`` for the coach, with ``leave_out`` kinds kept private."""
    unknown = sorted(set(leave_out) - set(CAN_LEAVE_OUT))
    if unknown:
        raise ValueError(
            f"Cannot leave out {', '.join(unknown)}: choose from {', '.join(CAN_LEAVE_OUT)}"
        )
    full = latest_snapshot(journal)
    # The coach reads as the audience their role names: a coach who is the manager gets exactly
    # the manager's copy (content/coach_roles.py), and the engineer is told so first.
    reader = coach_audience(full)
    seen = {entry.id: entry for entry in audience_view(full, reader).entries()}
    deleted, earlier_versions = journal.history_counts()
    share = Share(
        document={},
        deleted=deleted,
        earlier_versions=earlier_versions,
        reader=reader,
        note=coach_roles.of_profile(full.record(Profile.kind)).before_sharing,
    )
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
        # The coach sees every field of most entries: only a trimmed one is searched for what it
        # lost.
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
        "audience": reader,  # the audience whose view it holds (a manager who coaches: manager)
        "shared_by": (profile.alias if isinstance(profile, Profile) else "")[:200],
        "shared_at": clock.timestamp(),
        "kept_private": sorted(leave_out),
        "entries": entries,
    }
    return share


def held_line(held: Counter) -> str:
    """What a journal holds, in one sentence: its number of entries, then how many of each kind,
    most first."""
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
    return [
        f"A snapshot for your coach of {owner} journal, as of {share.document['shared_at'][:10]}.",
        *([share.note] if share.note else []),
        *contents(share),
    ]


def contents(share: Share) -> list[str]:
    """What the snapshot holds, then "Left out:" and what was left out, and why (one line each,
    starting "- ")."""
    lines = [held_line(share.held), "Left out:"]
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
