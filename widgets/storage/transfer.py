"""Move a journal to and from JSON, exactly: every entry with its whole revision history.

An import is validated completely before anything is written (each revision against its kind's
model, errors naming the entry and field), then built in a staging file and renamed into place,
so a failed import leaves the target untouched.

Recordings of spoken takes travel in ``audio`` (base64, each with its SHA-256). A clip that is
damaged (its bytes do not match its checksum, or are not the audio they claim to be) or too large
is left out with a sentence saying which take it belonged to and why; the take itself, and
everything else, is imported.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from widgets import i18n
from widgets.content.audiences import COACH_AUDIENCE
from widgets.content.audiences import audience as audience_entry
from widgets.i18n import gettext as _
from widgets.storage.journal import (
    AUDIO_TYPES,
    MAX_CLIP_BYTES,
    MAX_JOURNAL_AUDIO_BYTES,
    SCHEMA_VERSION,
    Entry,
    Journal,
    JournalError,
    JournalSnapshot,
    create_journal,
    megabytes,
)
from widgets.storage.records import describe_errors, model_for

EXPORT_FORMAT = "stepup-journal-export"
FORMAT_WITHOUT_AUDIO = 1
Timestamp = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")]
EntryId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]


class ImportError_(JournalError):
    """The JSON file cannot be imported; nothing was written."""


class _Revision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rev: int = Field(ge=1)
    saved_at: Timestamp
    data: dict | None


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: EntryId
    kind: str
    created_at: Timestamp
    updated_at: Timestamp
    deleted_at: Timestamp | None
    revisions: list[_Revision] = Field(min_length=1)

    @model_validator(mode="after")
    def _history_is_whole(self) -> _Entry:
        if [r.rev for r in self.revisions] != list(range(1, len(self.revisions) + 1)):
            raise ValueError("revisions must be numbered 1, 2, 3, … without gaps")
        if self.revisions[0].data is None:
            raise ValueError("the first revision cannot be a deletion")
        return self


class _Clip(BaseModel):
    """One recording as exported. Its fields are checked one clip at a time after parsing, so a
    bad clip is left out with a reason instead of refusing the whole import."""

    model_config = ConfigDict(extra="forbid")
    sha256: str = Field(max_length=200)
    mime: str = Field(max_length=200)
    saved_at: Timestamp
    data: str


class _Export(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: Literal["stepup-journal-export"]
    schema_version: int = Field(ge=1)
    entries: list[_Entry]
    audio: list[_Clip] = Field(default_factory=list, max_length=10_000)
    # (sha256, mime, bytes, saved_at) of each clip that passed its checks; set by _parse.
    _clips: list[tuple[str, str, bytes, str]] = PrivateAttr(default_factory=list)
    # A sentence for each clip left out.
    _clip_notes: list[str] = PrivateAttr(default_factory=list)


# A coach snapshot (``stepup share``) is an export of what the coach sees, one revision per entry,
# marked with who shared it, when, and the audience it holds: the one the coach reads as
# (content/coach_roles.py), the coach audience (COACH_AUDIENCE, every snapshot before coach roles)
# or the manager's for a manager who coaches. It is read (the roster, the coach view) through the
# same validation as an import.
SNAPSHOT_FORMAT = "stepup-coach-snapshot"
SNAPSHOT_AUDIENCE = COACH_AUDIENCE


class _Snapshot(_Export):
    format: Literal["stepup-coach-snapshot"]  # type: ignore[assignment]
    audience: str
    shared_by: str = Field(max_length=200)
    shared_at: Timestamp
    kept_private: list[Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")]] = Field(
        max_length=40
    )

    @field_validator("audience")
    @classmethod
    def _an_audience(cls, audience: str) -> str:
        # The audience table's own refusal names the choices.
        return audience_entry(audience).id


def export_journal(journal: Journal) -> dict:
    """The whole journal, deleted entries and every revision included."""
    entries = []
    for entry in journal.entries(include_deleted=True):
        revisions = [
            {"rev": r.rev, "saved_at": r.saved_at, "data": r.data}
            for r in journal.history(entry.id)
        ]
        entries.append(
            {
                "id": entry.id,
                "kind": entry.kind,
                "created_at": entry.created_at,
                "updated_at": entry.updated_at,
                "deleted_at": entry.deleted_at,
                "revisions": revisions,
            }
        )
    # An export with no recordings is format 1, as it always was, so an older Step Up still
    # reads it; recordings need format 2 (an older Step Up then says it is too new).
    document = {"format": EXPORT_FORMAT, "schema_version": FORMAT_WITHOUT_AUDIO, "entries": entries}
    clips = journal.all_audio()
    if clips:
        document["schema_version"] = SCHEMA_VERSION
        document["audio"] = [
            {
                "sha256": sha256,
                "mime": mime,
                "saved_at": saved_at,
                "data": base64.b64encode(data).decode("ascii"),
            }
            for sha256, mime, data, saved_at in clips
        ]
    return document


# json escapes C0 controls; DEL and C1 (a terminal reads U+009B as CSI) are escaped here too.
_RAW_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029]")


def dumps(document: dict) -> str:
    """The canonical text of an export: stable key order, so equal journals give equal files;
    no raw control character, so printing it to a terminal is safe."""
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return _RAW_CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        self.key = key


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    """JSON allows a key twice and Python keeps the last; an export never has one twice."""
    document = {}
    for key, value in pairs:
        if key in document:
            raise _DuplicateKey(key)
        document[key] = value
    return document


# Five years of weekly use export to well under 1 MB, and a journal's recordings (base64: 4
# characters for 3 bytes) to under 47 MB; parsing holds a few copies in memory, so a stated limit
# keeps an import's memory bounded rather than growing with whatever file is given.
MAX_IMPORT_BYTES = 50 * 1024 * 1024


def too_large(size: int | None, source: str) -> ImportError_:
    """``size`` None: over the limit by an unknown amount (a stream read only up to it)."""
    limit = MAX_IMPORT_BYTES // 1024 // 1024
    audio = megabytes(MAX_JOURNAL_AUDIO_BYTES)
    if size is None:
        return ImportError_(
            _(
                "{source} is over {limit} MB; Step Up imports exports of up to "
                "{limit} MB (five years of weekly use is under 1 MB; "
                "recorded takes add at most {audio_limit}). Nothing was imported."
            ).format(source=source, limit=limit, audio_limit=audio)
        )
    return ImportError_(
        _(
            "{source} is {size} MB; Step Up imports exports of up to "
            "{limit} MB (five years of weekly use is under 1 MB; "
            "recorded takes add at most {audio_limit}). Nothing was imported."
        ).format(
            source=source,
            size=i18n.format_number(round(size / 1024 / 1024)),
            limit=limit,
            audio_limit=audio,
        )
    )


def read_capped(path: Path) -> str | None:
    """The file's text, or None when it holds more than :data:`MAX_IMPORT_BYTES`. The limit is
    checked on what is read, not on the size the disk reports: a device or a pipe (/dev/zero)
    reports 0 and never ends. Raises OSError or UnicodeDecodeError."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_IMPORT_BYTES + 1)
    return None if len(data) > MAX_IMPORT_BYTES else data.decode("utf-8")


# The first bytes of each kind of recording kept: a clip must be what its type says.
_MAGIC = {"audio/webm": (b"\x1a\x45\xdf\xa3",), "audio/ogg": (b"OggS",), "audio/wav": (b"RIFF",)}


def _clip_problem(clip: _Clip) -> tuple[str | None, bytes]:
    """Why a clip cannot be kept (a sentence's tail), or None, with its bytes."""
    base = clip.mime.split(";", 1)[0].strip().lower()
    if base not in AUDIO_TYPES:
        return _("its type is not one Step Up keeps"), b""
    too_long = _("it is larger than a take may be ({limit})")
    if len(clip.data) > -(-MAX_CLIP_BYTES // 3) * 4:
        return too_long.format(limit=megabytes(MAX_CLIP_BYTES)), b""
    try:
        data = base64.b64decode(clip.data, validate=True)
    except (binascii.Error, ValueError):
        return _("it is damaged (its text is not base64)"), b""
    if not data:
        return _("it is empty"), b""
    if len(data) > MAX_CLIP_BYTES:
        return too_long.format(limit=megabytes(MAX_CLIP_BYTES)), b""
    if hashlib.sha256(data).hexdigest() != clip.sha256:
        return _("it is damaged (its bytes do not match its checksum)"), b""
    if not data.startswith(_MAGIC[base]) or (base == "audio/wav" and data[8:12] != b"WAVE"):
        return _("it is not the {format} audio it claims to be").format(
            format=base.removeprefix("audio/")
        ), b""
    return None, data


def _check_clips(document: _Export, source: str) -> None:
    """Keep each clip that passes, within the journal's cap; a sentence for each left out."""
    takes: dict[str, str] = {}
    for entry in document.entries:
        for revision in entry.revisions:
            sha256 = ((revision.data or {}).get("audio") or {}).get("sha256")
            if sha256:
                on = (revision.data or {}).get("recorded_on", "")
                named = (
                    _("the take {entry!r} recorded {day}").format(entry=entry.id, day=on)
                    if on
                    else _("the take {entry!r}").format(entry=entry.id)
                )
                takes.setdefault(sha256, named)
    held = 0
    seen = set()
    for clip in document.audio:
        which = takes.get(clip.sha256) or _("a recording no take names ({checksum})").format(
            checksum=clip.sha256[:12]
        )
        if clip.sha256 in seen:
            continue
        problem, data = _clip_problem(clip)
        if problem is None and held + len(data) > MAX_JOURNAL_AUDIO_BYTES:
            problem = _("the journal's recordings would pass {limit}").format(
                limit=megabytes(MAX_JOURNAL_AUDIO_BYTES)
            )
        if problem is not None:
            # TRANSLATORS: {which} names a take ("the take 'x' recorded 2026-11-20"), {problem}
            # is a clause ("it is empty").
            document._clip_notes.append(
                _(
                    "{source}: the recording of {which} was left out: {problem}. "
                    "The take's figures and ratings were imported; everything else is intact."
                ).format(source=source, which=which, problem=problem)
            )
            continue
        seen.add(clip.sha256)
        held += len(data)
        document._clips.append((clip.sha256, clip.mime, data, clip.saved_at))


def parse_export(text: str, source: str | None = None) -> _Export:
    """Parse and validate an export completely, or raise ImportError_ naming what is wrong
    (``source`` names the file in it; default: "the JSON file")."""
    return _parse(text, source or _("the JSON file"), _Export)


def parse_snapshot(text: str, source: str | None = None, nothing: str | None = None) -> _Snapshot:
    """Parse and validate a coach snapshot exactly as an import is, or raise ImportError_.

    ``nothing`` is the whole sentence that ends a refusal, saying what came of the file, in the
    active language (default: "It was not read."; the hub's service says "Nothing was stored.")."""
    return _parse(text, source or _("the snapshot"), _Snapshot, nothing)  # type: ignore[return-value]


def _refusals(model: type[_Export]) -> dict[str, str]:
    """What a refusal says, for an export (imported) and for a snapshot (read by the coach), in
    the active language: whole sentences, each kind of file its own."""
    if model is _Snapshot:
        return {
            "nothing": _("It was not read."),
            "broken": _("{source} is not a whole Step Up coach snapshot: {detail}. {nothing}"),
            "newer": _(
                "{source} was shared by a newer Step Up (format {version}; this version reads up "
                "to {known}). Update Step Up to read it. {nothing}"
            ),
            "invalid": _("{source} is not a Step Up coach snapshot: {problems}. {nothing}"),
        }
    return {
        "nothing": _("Nothing was imported."),
        "broken": _("{source} is not a whole Step Up journal export: {detail}. {nothing}"),
        "newer": _(
            "{source} was exported by a newer Step Up (format {version}; this version reads up "
            "to {known}). Update Step Up to import it. {nothing}"
        ),
        "invalid": _("{source} is not a Step Up journal export: {problems}. {nothing}"),
    }


def _parse(text: str, source: str, model: type[_Export], nothing: str | None = None) -> _Export:
    """Read ``text`` as ``model`` (an export or a snapshot), each check in turn, or raise
    ImportError_ saying the first thing wrong and, last, ``nothing`` (what came of the file)."""
    words = _refusals(model)
    nothing = nothing or words["nothing"]
    raw = _load_json(text, source, words, nothing)
    _check_kind_of_file(raw, source, model, words, nothing)
    try:
        document = model.model_validate(raw)
    except ValidationError as error:
        problems = i18n.gettext("; ").join(describe_errors(error)[:5])
        raise ImportError_(
            words["invalid"].format(source=source, problems=problems, nothing=nothing)
        ) from None
    _check_entries(document, source, nothing)
    _check_clips(document, source)
    return document


def _load_json(text: str, source: str, words: dict[str, str], nothing: str) -> object:
    """The JSON in ``text``, within :data:`MAX_IMPORT_BYTES`, no object naming a key twice."""
    if len(text) > MAX_IMPORT_BYTES:
        raise too_large(len(text.encode("utf-8")), source)
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except _DuplicateKey as duplicate:
        raise ImportError_(
            _(
                "{source} names the key {key!r} twice in one object; "
                "which one is meant is unclear. {nothing}"
            ).format(source=source, key=duplicate.key, nothing=nothing)
        ) from None
    except (json.JSONDecodeError, RecursionError) as error:
        # Said for the person holding the file (an engineer importing, a coach's roster), with
        # the parser's own words last, for whoever mends it.
        detail = (
            _(
                "its text breaks off or was changed by hand near line {line}, column {column} "
                "({problem})"
            ).format(line=error.lineno, column=error.colno, problem=error.msg)
            if isinstance(error, json.JSONDecodeError)
            else _("it is nested too deeply to be one")
        )
        raise ImportError_(
            words["broken"].format(source=source, detail=detail, nothing=nothing)
        ) from None


def _check_kind_of_file(
    raw: object, source: str, model: type[_Export], words: dict[str, str], nothing: str
) -> None:
    """Refuse a file from a newer Step Up, and a snapshot given as an export or the reverse."""
    if (
        isinstance(raw, dict)
        and isinstance(raw.get("schema_version"), int)
        and raw["schema_version"] > SCHEMA_VERSION
    ):
        raise ImportError_(
            words["newer"].format(
                source=source, version=raw["schema_version"], known=SCHEMA_VERSION, nothing=nothing
            )
        )
    given = raw.get("format") if isinstance(raw, dict) else None
    if model is _Export and given == SNAPSHOT_FORMAT:
        raise ImportError_(
            _(
                "{source} is a coach snapshot (made with stepup share), not a journal export; "
                "a coach reads it with stepup coach --roster FOLDER. {nothing}"
            ).format(source=source, nothing=nothing)
        )
    if model is _Snapshot and given == EXPORT_FORMAT:
        raise ImportError_(
            _(
                "{source} is a whole journal export (every entry and its history), not a coach "
                "snapshot. Ask for a snapshot made with stepup share. {nothing}"
            ).format(source=source, nothing=nothing)
        )


def _check_entries(document: _Export, source: str, nothing: str) -> None:
    """Each entry once, of a kind Step Up knows, every revision valid for its kind's model."""
    separator = i18n.gettext("; ")
    seen = set()
    for entry in document.entries:
        where = {"source": source, "entry": entry.id, "kind": entry.kind, "nothing": nothing}
        if entry.id in seen:
            raise ImportError_(
                _("{source}: entry {entry!r} ({kind}) appears twice. {nothing}").format(**where)
            )
        seen.add(entry.id)
        try:
            record_model = model_for(entry.kind)
        except KeyError as error:
            raise ImportError_(
                _("{source}: entry {entry!r} ({kind}): {problem}. {nothing}").format(
                    problem=error.args[0], **where
                )
            ) from None
        for revision in entry.revisions:
            if revision.data is None:
                continue
            try:
                record_model.model_validate(revision.data)
            except ValidationError as error:
                raise ImportError_(
                    _(
                        "{source}: entry {entry!r} ({kind}), revision {revision}: {problems}. "
                        "{nothing}"
                    ).format(
                        revision=revision.rev,
                        problems=separator.join(describe_errors(error)),
                        **where,
                    )
                ) from None


def import_journal(
    text: str,
    target: Path,
    replace: bool = False,
    source: str | None = None,
    notes: list[str] | None = None,
) -> Path | None:
    """Import an export into ``target``; returns the backup of a replaced journal, if any.

    A target that already holds entries is only replaced with ``replace=True``, and then a
    backup copy is made first. ``notes``, when given, receives a sentence for each recording
    left out (damaged or too large); everything else is imported.
    """
    document = parse_export(text, source)
    backup = _write_journal(document, target, replace)
    if notes is not None:
        notes.extend(document._clip_notes)
    return backup


def clip_notes(document: _Export) -> list[str]:
    """The sentences about recordings an import of ``document`` leaves out."""
    return list(document._clip_notes)


def _write_journal(document: _Export, target: Path, replace: bool) -> Path | None:
    target = Path(target).expanduser()
    entries, revisions = [], []
    for entry in document.entries:
        current = next(r.data for r in reversed(entry.revisions) if r.data is not None)
        entries.append(
            (
                entry.id,
                entry.kind,
                entry.created_at,
                entry.updated_at,
                entry.deleted_at,
                json.dumps(current, sort_keys=True, ensure_ascii=False),
            )
        )
        revisions += [
            (
                entry.id,
                r.rev,
                r.saved_at,
                None if r.data is None else json.dumps(r.data, sort_keys=True, ensure_ascii=False),
            )
            for r in entry.revisions
        ]
    if not target.exists():
        create_journal(target)  # built under a hidden name and renamed: whole or absent
    with Journal(target, readonly=True) as existing:
        holds_entries = bool(existing.entries(include_deleted=True))
    if holds_entries and not replace:
        raise ImportError_(
            _(
                "The journal at {path} already holds answers. Import into a new path "
                "(--journal), or pass --replace to replace it (a backup copy is kept). "
                "Nothing was imported."
            ).format(path=target)
        )
    # In place, in one transaction: the file (a symlink's target, its mode) stays the journal every
    # open notebook holds, and each of them refuses its next write instead of writing beside it.
    with Journal(target) as journal:
        return journal.replace_contents(
            entries,
            revisions,
            backup_suffix="before-import" if holds_entries else None,
            audio=document._clips,
        )


def demo_date(text: str) -> str:
    """The day of the latest answer in an export: the 'today' a demo or test pins."""
    document = parse_export(text)
    return max(r.saved_at for e in document.entries for r in e.revisions)[:10]


def read_snapshot_file(path: Path) -> _Snapshot:
    """Read and validate a coach snapshot file, its size checked before it is read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        text = None if size > MAX_IMPORT_BYTES else read_capped(path)  # a stream: on what is read
        if text is None:
            raise ImportError_(
                _(
                    "{name} is over {limit} MB; a coach snapshot is at most {limit} MB "
                    "(five years of weekly use is under 1 MB). It was not read."
                ).format(name=path.name, limit=MAX_IMPORT_BYTES // 1024 // 1024)
            )
    except (OSError, UnicodeDecodeError) as error:
        raise ImportError_(
            _("Cannot read {name}: {problem}. It was not read.").format(
                name=path.name, problem=error
            )
        ) from None
    return parse_snapshot(text, path.name)


def snapshot_contents(document: _Export, path: Path) -> JournalSnapshot:
    """The live entries of a parsed export or snapshot, in memory, as a journal snapshot reads."""
    return JournalSnapshot(
        path,
        [
            Entry(
                e.id,
                e.kind,
                e.created_at,
                e.updated_at,
                None,
                next(r.data for r in reversed(e.revisions) if r.data is not None),
            )
            for e in document.entries
            if e.deleted_at is None
        ],
    )


def import_snapshot(document: _Snapshot, target: Path) -> None:
    """Write a parsed snapshot into a new journal at ``target`` (for the coach view, which reads a
    journal): a temporary one, in a private folder of the caller's."""
    _write_journal(document, target, replace=False)
