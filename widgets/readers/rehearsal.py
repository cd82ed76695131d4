"""Spoken rehearsals as the recorder and the coach's page read them: the takes of one item, what
each measured, and the words that describe a take."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TypedDict

from widgets.content.wording import clauses, day_month, exact, exact_share, joined
from widgets.i18n import N_, format_number, format_percent, gettext, ngettext
from widgets.readers.practice import session_label, track_practice
from widgets.readers.stories import project_label, story_label
from widgets.storage.records import (
    TAKE_RATINGS,
    AudioRef,
    Rehearsal,
    TakeMetrics,
)


class TakePoint(TypedDict):
    """One take, as the takes chart (``charts.rehearsal_takes``) plots it: plain values, so a
    picture can be named by them."""

    label: str  # e.g. "20 Nov"
    duration_s: float
    time_box_s: int
    speaking_share: float  # 0 to 1
    longest_pause_s: float
    long_pauses: int
    ratings: dict[str, int]  # of clarity, structure, pace, confidence: those given


# What each kind of item rehearses, and the time box it starts with (the words English, marked
# for the catalogue: shown as gettext(words)).
SUBJECTS = {
    "project": (N_("the project summary"), 60),
    "story": (N_("the story"), 120),
    "design_session": (N_("the opening of the design answer"), 300),
}
TIME_BOXES = [(N_("60 seconds"), 60), (N_("2 minutes"), 120), (N_("5 minutes"), 300)]
# A take's ratings (TAKE_RATINGS' ids) as a line of ratings names them.
RATING_NAMES = {
    "clarity": N_("clarity"),
    "structure": N_("structure"),
    "pace": N_("pace"),
    "confidence": N_("confidence"),
}


def time_boxes() -> list[tuple[str, int]]:
    """:data:`TIME_BOXES` in the reader's language: a dropdown's (label, seconds)."""
    return [(gettext(label), seconds) for label, seconds in TIME_BOXES]


def clock_text(seconds: float) -> str:
    """95.2 → "1:35"."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def box_text(seconds: int) -> str:
    """A time box as the engineer chose it ("2 minutes"), from its length in seconds."""
    return next(gettext(label) for label, value in TIME_BOXES if value == seconds)


def normal_mime(mime: str) -> str:
    """The browser's MIME type as the journal keeps it: "audio/ogg; codecs=opus" and
    "video/webm;codecs=opus" (an audio-only webm, as some browsers name it) become
    "audio/ogg;codecs=opus" and "audio/webm;codecs=opus"."""
    base, _, params = mime.replace(" ", "").lower().partition(";")
    base = "audio/webm" if base == "video/webm" else base
    base = "audio/wav" if base in ("audio/wave", "audio/x-wav") else base
    return base + (";codecs=opus" if params == "codecs=opus" else "")


def measured(audio: bytes, mime: str, time_box_s: int) -> tuple[str, TakeMetrics]:
    """Decode and measure a take (raises :class:`speech.SpeechError` with a sentence): its
    MIME type as kept, and its figures."""
    from widgets import speech

    mime = normal_mime(mime)
    figures = speech.measure(speech.decode(audio, mime), time_box_s)
    return mime, TakeMetrics(
        duration_s=round(figures.duration_s, 2),
        speaking_s=round(figures.speaking_s, 2),
        pauses=len(figures.pauses),
        longest_pause_s=round(figures.longest_pause_s, 2),
        long_pauses=figures.long_pauses,
    )


def new_take(
    subject_kind: str, subject_id: str, time_box_s: int, audio: bytes, mime: str, today
) -> Rehearsal:
    """The record of a take just recorded, with its figures computed from the audio."""
    mime, metrics = measured(audio, mime, time_box_s)
    return Rehearsal(
        subject_kind=subject_kind,
        subject_id=subject_id,
        time_box_s=time_box_s,
        recorded_on=today,
        audio=AudioRef.of(audio, mime),
        metrics=metrics,
    )


def takes_of(journal, subject_kind: str, subject_id: str) -> list[tuple[str, Rehearsal]]:
    """The live takes of one item, oldest first."""
    return [
        (entry_id, take)
        for entry_id, take in all_takes(journal)
        if take.subject_kind == subject_kind and take.subject_id == subject_id
    ]


def all_takes(journal) -> list[tuple[str, Rehearsal]]:
    """Every live take, oldest first (by the day recorded, then by when it was saved)."""
    entries = [
        (entry.data.get("recorded_on", ""), entry.created_at, entry)
        for entry in journal.entries(Rehearsal.kind)
    ]
    return [(entry.id, entry.record()) for _, _, entry in sorted(entries, key=lambda e: e[:2])]


@dataclass(frozen=True)
class TakeWords:
    """A take's figures as the engineer and the coach read them."""

    length: str  # "1:35 of 2:00" (+ " (35 s over)")
    over: bool
    speaking: str  # "84% speaking"
    longest_pause: str  # "longest pause 3.6 s"
    long_pauses: str  # "1 pause over 3 s"


def take_words(take: Rehearsal) -> TakeWords:
    """What a take measured, in words: its length against the time box, speaking share and
    pauses."""
    m = take.metrics
    over = m.duration_s > take.time_box_s
    taken, box = clock_text(m.duration_s), clock_text(take.time_box_s)
    length = (
        gettext("{taken} of {box} ({over} s over)").format(
            taken=taken, box=box, over=format_number(round(m.duration_s - take.time_box_s))
        )
        if over
        else gettext("{taken} of {box}").format(taken=taken, box=box)
    )
    count = m.long_pauses
    return TakeWords(
        length=length,
        over=over,
        speaking=gettext("{share} speaking").format(
            share=format_percent(exact_share(m.speaking_share), "#,##0%")
        ),
        longest_pause=gettext("longest pause {seconds} s").format(
            seconds=format_number(exact(m.longest_pause_s), "0.0")
        ),
        long_pauses=ngettext("{count} pause over 3 s", "{count} pauses over 3 s", count).format(
            count=format_number(count)
        ),
    )


def take_label(take: Rehearsal, number: int) -> str:
    """A take's one-line label: "Take 2 · 21 Nov · 1:35 of 2:00 · 1 pause over 3 s"."""
    words = take_words(take)
    day = take.recorded_on
    return gettext("Take {number} · {day} · {length} · {pauses}").format(
        number=format_number(number),
        day=day_month(day),
        length=words.length,
        pauses=words.long_pauses,
    )


def ratings_text(scores: dict[str, int]) -> str:
    """A take's ratings as one line, in :data:`TAKE_RATINGS` order, leaving out those not given."""
    return joined(
        [
            gettext("{rating} {score}").format(
                rating=gettext(RATING_NAMES.get(name, name)), score=format_number(scores[name])
            )
            for name in TAKE_RATINGS
            if name in scores
        ]
    )


def take_points(takes: list[Rehearsal]) -> list[TakePoint]:
    """The takes as points for the takes chart, oldest first as given: a date label, what was
    measured and the engineer's ratings."""
    return [
        {
            "label": day_month(t.recorded_on),
            "duration_s": t.metrics.duration_s,
            "time_box_s": t.time_box_s,
            "speaking_share": round(t.metrics.speaking_share, 3),
            "longest_pause_s": t.metrics.longest_pause_s,
            "long_pauses": t.metrics.long_pauses,
            "ratings": {
                name: t.self_scores[name] for name in TAKE_RATINGS if name in t.self_scores
            },
        }
        for t in takes
    ]


def takes_alt(takes: list[Rehearsal]) -> str:
    """The chart's alt text: every take's numbers."""
    if not takes:
        return gettext("Your takes of this item: none yet.")
    lines = []
    for number, take in enumerate(takes, start=1):
        words = take_words(take)
        rated = ratings_text(take.self_scores) or gettext("not rated")
        lines.append(
            gettext(
                "take {number}: {length}, {speaking}, {longest_pause}, {pauses}; {rated}"
            ).format(
                number=format_number(number),
                length=words.length,
                speaking=words.speaking,
                longest_pause=words.longest_pause,
                pauses=words.long_pauses,
                rated=rated,
            )
        )
    return gettext("Your takes of this item, in order: {takes}.").format(takes=clauses(lines))


# The coach's page carries the recordings inside it (data URIs): the newest takes up to this many
# bytes of audio, about 50 minutes at the recorder's 32 kbit/s, so the page stays quick to open.
COACH_PAGE_AUDIO_BYTES = 12_000_000


@dataclass(frozen=True)
class CoachTake:
    """One take as the coach's page shows it."""

    item: str  # "Story: The deadline we renegotiated"
    number: int  # the take's number among the takes of its item
    take: Rehearsal
    words: TakeWords
    audio: str  # base64 of the recording; "" when it is not on the page
    mime: str
    missing: str  # why there is no recording to play, when there is none

    @property
    def self_ratings(self) -> str:
        """The engineer's ratings of the take, as one line."""
        return ratings_text(self.take.self_scores)

    @property
    def coach_ratings(self) -> str:
        """The coach's ratings of the take, as one line."""
        return ratings_text(self.take.coach_scores)


def item_label(snapshot, kind: str, entry_id: str) -> str:
    """What a take rehearsed, by kind and title: "Project summary: Payment retries", "Story: …",
    "Design opening: 2026-11-20 · …"."""
    record = snapshot.record(kind, entry_id)
    if kind == "project":
        title = project_label(record) if record else gettext("(a deleted project)")
        return gettext("Project summary: {title}").format(title=title)
    if kind == "story":
        title = story_label(record) if record else gettext("(a deleted story)")
        return gettext("Story: {title}").format(title=title)
    if record is None:
        return gettext("Design opening: {title}").format(title=gettext("(a deleted session)"))
    return gettext("Design opening: {title}").format(
        title=session_label(record, track_practice(snapshot))
    )


def coach_takes(journal, snapshot) -> list[CoachTake]:
    """Every take the coach sees (``snapshot``: the coach audience's view), newest first, the
    newest recordings read from ``journal`` up to :data:`COACH_PAGE_AUDIO_BYTES`."""
    numbered: list[tuple[str, int, Rehearsal]] = []
    counts: dict[tuple[str, str], int] = {}
    for entry_id, take in all_takes(snapshot):
        key = (take.subject_kind, take.subject_id)
        counts[key] = counts.get(key, 0) + 1
        numbered.append((entry_id, counts[key], take))
    shown, room = [], COACH_PAGE_AUDIO_BYTES
    for _entry_id, number, take in reversed(numbered):
        clip = journal.audio(take.audio.sha256) if take.audio.size <= room else None
        missing = ""
        if clip is None:
            missing = (
                gettext(
                    "The recording is not on this page: the page carries the newest "
                    "{megabytes} MB of recordings. It plays in the engineer's workbook."
                ).format(megabytes=format_number(COACH_PAGE_AUDIO_BYTES // 1_000_000))
                if take.audio.size > room
                else gettext(
                    "The recording is not in this copy of the journal: a coach snapshot carries "
                    "no recordings, and an import leaves out a damaged one."
                )
            )
        else:
            room -= len(clip[0])
        shown.append(
            CoachTake(
                item=item_label(snapshot, take.subject_kind, take.subject_id),
                number=number,
                take=take,
                words=take_words(take),
                audio=base64.b64encode(clip[0]).decode("ascii") if clip else "",
                mime=clip[1] if clip else "",
                missing=missing,
            )
        )
    return shown
