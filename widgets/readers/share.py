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
from widgets.content.messages import Plural
from widgets.content.wording import count, joined, listing
from widgets.i18n import N_, format_number, gettext, ngettext
from widgets.readers.audience import VISIBLE, audience_view, coach_audience
from widgets.readers.latest import latest_snapshot
from widgets.storage import clock
from widgets.storage.journal import SCHEMA_VERSION, Journal
from widgets.storage.records import Profile, ThoughtRecord
from widgets.storage.sources import ActionSource
from widgets.storage.transfer import SNAPSHOT_AUDIENCE, SNAPSHOT_FORMAT

# kind → (one, many): how a summary names each kind of record (English, marked for the
# catalogue: translated where said).
KIND_NAMES = {
    "profile": (N_("profile"), N_("profiles")),
    "thought_record": (N_("thought record"), N_("thought records")),
    "framework": (N_("company ladder"), N_("company ladders")),
    "competency_assessment": (N_("competency self-assessment"), N_("competency self-assessments")),
    "coach_assessment": (N_("coach's rating"), N_("coach's ratings")),
    "competency_snapshot": (N_("competency snapshot"), N_("competency snapshots")),
    "project": (N_("project"), N_("projects")),
    "story": (N_("story"), N_("stories")),
    "design_session": (N_("design practice session"), N_("design practice sessions")),
    "action": (N_("action"), N_("actions")),
    "checkin": (N_("weekly check-in"), N_("weekly check-ins")),
    "manager_support": (N_("list of what you need from your manager"), N_("lists of needs")),
    "rehearsal": (N_("spoken take"), N_("spoken takes")),
    "win": (N_("win"), N_("wins")),
}
# kind → how a summary counts entries of it ("3 stories"), by the reader's plural rules.
KIND_COUNTS = {
    "profile": Plural("{count} profile", "{count} profiles", "count"),
    "thought_record": Plural("{count} thought record", "{count} thought records", "count"),
    "framework": Plural("{count} company ladder", "{count} company ladders", "count"),
    "competency_assessment": Plural(
        "{count} competency self-assessment", "{count} competency self-assessments", "count"
    ),
    "coach_assessment": Plural("{count} coach's rating", "{count} coach's ratings", "count"),
    "competency_snapshot": Plural(
        "{count} competency snapshot", "{count} competency snapshots", "count"
    ),
    "project": Plural("{count} project", "{count} projects", "count"),
    "story": Plural("{count} story", "{count} stories", "count"),
    "design_session": Plural(
        "{count} design practice session", "{count} design practice sessions", "count"
    ),
    "action": Plural("{count} action", "{count} actions", "count"),
    "checkin": Plural("{count} weekly check-in", "{count} weekly check-ins", "count"),
    "manager_support": Plural(
        "{count} list of what you need from your manager", "{count} lists of needs", "count"
    ),
    "rehearsal": Plural("{count} spoken take", "{count} spoken takes", "count"),
    "win": Plural("{count} win", "{count} wins", "count"),
}
# The profile names the mentee and their target: without it a coach's roster has no row.
CAN_LEAVE_OUT = tuple(kind for kind in VISIBLE if kind != Profile.kind)


def kind_count(kind: str, n: int) -> str:
    """``n`` entries of ``kind`` in words ("3 stories", "1 thought record"), in the reader's
    language (a kind the table lacks keeps its id's words)."""
    said = KIND_COUNTS.get(kind)
    if said is None:
        return count(n, kind.replace("_", " "), kind.replace("_", " ") + "s")
    return ngettext(said.singular, said.plural, n).format(count=format_number(n))


def kind_name(kind: str, many: bool = False) -> str:
    """What a summary calls one entry of ``kind`` ("thought record"), or several (``many``)."""
    names = KIND_NAMES.get(kind)
    if names is None:
        return kind
    return gettext(names[1] if many else names[0])


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
            gettext("Cannot leave out {kinds}: choose from {choices}").format(
                kinds=", ".join(unknown), choices=", ".join(CAN_LEAVE_OUT)
            )
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
        return gettext("It holds no entries yet.")
    parts = [
        kind_count(kind, n) for kind, n in sorted(held.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return ngettext(
        "It holds {count} entry: {kinds}.", "It holds {count} entries: {kinds}.", total
    ).format(count=format_number(total), kinds=joined(parts))


def summary(share: Share) -> list[str]:
    """What the snapshot holds and what was left out, and why: lines for the terminal."""
    alias = share.document["shared_by"]
    day = share.document["shared_at"][:10]  # ISO, as the snapshot's file name has it
    opening = (
        gettext("A snapshot for your coach of {alias}’s journal, as of {day}.").format(
            alias=alias, day=day
        )
        if alias
        else gettext("A snapshot for your coach of your journal, as of {day}.").format(day=day)
    )
    return [
        opening,
        *([share.note] if share.note else []),
        *contents(share),
    ]


def contents(share: Share) -> list[str]:
    """What the snapshot holds, then "Left out:" and what was left out, and why (one line each,
    starting "- ")."""
    lines = [held_line(share.held), gettext("Left out:")]
    # Each line a whole sentence of the catalogue; "- " is the list's bullet.
    for kind, n in sorted(share.kept_private.items()):
        said = gettext("{entries}: you chose to keep them private ({option}).")
        lines.append("- " + said.format(entries=kind_count(kind, n), option=f"--leave-out {kind}"))
    if share.from_beliefs:
        said = gettext("{actions} from beliefs: kept private with the beliefs they come from.")
        lines.append("- " + said.format(actions=kind_count("action", share.from_beliefs)))
    if share.worries:
        lines.append(
            "- "
            + gettext(
                "what worries you most, from your profile: kept private with the beliefs "
                "({option})."
            ).format(option=f"--leave-out {ThoughtRecord.kind}")
        )
    for kind, n in sorted(share.unseen.items()):
        said = gettext("{entries}: a coach does not see these (the audience rules).")
        lines.append("- " + said.format(entries=kind_count(kind, n)))
    for kind, paths in sorted(share.hidden_fields.items()):
        # The fields are named by their paths (ids), as --leave-out and the table name them.
        said = gettext("from each {kind}: {fields} (a coach does not see these fields).")
        lines.append("- " + said.format(kind=kind_name(kind), fields=", ".join(sorted(paths))))
    past = []
    if share.deleted:
        past.append(
            ngettext("{count} deleted entry", "{count} deleted entries", share.deleted).format(
                count=format_number(share.deleted)
            )
        )
    if share.earlier_versions:
        past.append(
            ngettext(
                "{count} earlier version", "{count} earlier versions", share.earlier_versions
            ).format(count=format_number(share.earlier_versions))
        )
    if past:
        said = gettext("{entries}: a snapshot holds only what is current.")
        lines.append("- " + said.format(entries=listing(past)))
    if share.held["rehearsal"]:
        lines.append(
            "- "
            + gettext(
                "the recordings of your spoken takes: they stay in your journal (the snapshot "
                "holds each take's figures and ratings)."
            )
        )
    lines.append(
        "- "
        + gettext(
            "the chart-cache and reports folders beside the journal: never part of a snapshot."
        )
    )
    return lines


def snapshot_lines(document) -> list[str]:
    """What a snapshot file holds, read back from the file (``stepup share --show FILE``)."""
    held = Counter(entry.kind for entry in document.entries)
    who = document.shared_by or gettext("an engineer with no name set")
    # The day stays ISO and the time UTC, as the file records them.
    lines = [
        gettext("A snapshot for a coach, shared by {who} on {day} at {time} UTC.").format(
            who=who, day=document.shared_at[:10], time=document.shared_at[11:16]
        ),
        held_line(held),
    ]
    if document.kept_private:
        lines.append(
            gettext("Kept private by choice: {kinds}.").format(
                kinds=joined([kind_name(k, many=True) for k in document.kept_private])
            )
        )
    lines.append(
        gettext("It holds no deleted entries, no earlier versions, and no charts or reports files.")
    )
    return lines
