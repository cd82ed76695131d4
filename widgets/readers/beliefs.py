"""Workbook 01's reading of the journal: thought records, what the charts plot from them, each
experiment's prediction beside what happened, and whether a record calls for the wellbeing note."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from widgets.content.seeds import DistortionsFile
from widgets.content.wellbeing import WellbeingFile
from widgets.i18n import format_number, gettext
from widgets.readers.latest import latest
from widgets.storage.journal import Journal
from widgets.storage.records import ThoughtRecord


def thought_records(journal: Journal) -> list[tuple[str, ThoughtRecord]]:
    """(entry id, record) for every live thought record, oldest first."""
    found = [(entry.id, entry.record()) for entry in latest(journal).entries(ThoughtRecord.kind)]
    return sorted(found, key=lambda item: item[1].recorded_on)  # one day: the journal's order


def belief_label(record: ThoughtRecord) -> str:
    """A record's belief as charts and lists name it, with a placeholder while it is unwritten."""
    return record.belief or gettext("(belief not written yet)")


def _unique_labels(records: list[ThoughtRecord]) -> list[str]:
    """Belief texts as labels; the same belief recorded twice gets its date added."""
    labels = [belief_label(r) for r in records]
    return [
        f"{label} ({r.recorded_on.isoformat()})" if labels.count(label) > 1 else label
        for label, r in zip(labels, records, strict=True)
    ]


def before_after(records: list[ThoughtRecord]) -> list[tuple[str, int, int]]:
    """(label, strength before, strength after) for each record rated both times: the before/after
    chart's bars."""
    rated = [r for r in records if r.strength_before is not None and r.strength_after is not None]
    return list(
        zip(
            _unique_labels(rated),
            [r.strength_before for r in rated],
            [r.strength_after for r in rated],
            strict=True,
        )
    )


def _by_day(points: list[tuple[dt.date, int]]) -> list[tuple[dt.date, int]]:
    """The strength a belief ended each day at (a record's after, not its before)."""
    return sorted(dict(points).items())


def trend(records: list[ThoughtRecord]) -> dict[str, list]:
    """Beliefs rated on two days or more, one point per day: a trend needs time between points
    (on day one, before and after stood on one vertical line and read as a trend)."""
    over_time = [r for r in records if len(_by_day(r.strength_series())) > 1]
    return dict(
        zip(
            _unique_labels(over_time),
            [_by_day(r.strength_series()) for r in over_time],
            strict=True,
        )
    )


def distortion_tally(
    records: list[ThoughtRecord], distortions: DistortionsFile
) -> list[tuple[str, int]]:
    """How many records lean on each distortion, by its name (an unknown id stands as itself), most
    used first."""
    counts = Counter(d for r in records for d in r.distortions)
    named = [
        (distortions.by_id(d).name if distortions.by_id(d) else d, n) for d, n in counts.items()
    ]
    return sorted(named, key=lambda item: (-item[1], item[0]))


def strongest_belief(records: list[ThoughtRecord]) -> ThoughtRecord | None:
    """The belief held most strongly now (latest rating), for the coach."""
    rated = [r for r in records if r.current_strength() is not None]
    return max(rated, key=lambda r: (r.current_strength(), r.recorded_on), default=None)


def experiment_result(record: ThoughtRecord) -> tuple[str, str] | None:
    """The record's experiment as (what the belief predicted, what happened), each with its
    rating, for showing the two side by side; None when neither is written."""
    experiment = record.experiment
    if not (experiment.prediction or experiment.outcome):
        return None

    def rated(words: str, strength: int | None, with_strength: str) -> str:
        said = " ".join(words.split()) or gettext("not written yet")
        if strength is None:
            return said
        return with_strength.format(words=said, strength=format_number(strength))

    return (
        rated(
            experiment.prediction,
            experiment.prediction_before,
            gettext("{words} (believed {strength}/100)"),
        ),
        rated(
            experiment.outcome,
            experiment.prediction_after,
            gettext("{words} (re-rated {strength}/100)"),
        ),
    )


def _engineers_words(record: ThoughtRecord) -> list[str]:
    """Everything the engineer wrote in a record, in their own words."""
    experiment = record.experiment
    return [
        record.situation,
        record.belief,
        *(e.name for e in record.emotions),
        record.evidence_for,
        record.evidence_against,
        record.balanced_thought,
        record.action.what,
        experiment.prediction,
        experiment.outcome,
        *(r.note for r in record.reratings),
    ]


def wellbeing_signal(record: ThoughtRecord, wellbeing: WellbeingFile) -> bool:
    """Whether a record suggests more than worry about work: an emotion rated at the threshold
    or above, or words of hopelessness (seeds/wellbeing.yaml). Read each time, never stored."""
    return any(wellbeing.strong(e.intensity) for e in record.emotions) or any(
        wellbeing.hopeless(words) for words in _engineers_words(record)
    )


def recent_wellbeing_signal(
    records: list[ThoughtRecord], today: dt.date, wellbeing: WellbeingFile
) -> bool:
    """Whether a record written in the last ``recent_days`` days carries a
    :func:`wellbeing_signal`, or a re-rating made then has words of hopelessness in its note:
    what the coach's page refers on (an old record's emotions were rated when it was written)."""
    since = today - dt.timedelta(days=wellbeing.recent_days)
    return any(
        (record.recorded_on >= since and wellbeing_signal(record, wellbeing))
        or any(r.on >= since and wellbeing.hopeless(r.note) for r in record.reratings)
        for record in records
    )


def coach_referral(snapshot, today: dt.date, wellbeing: WellbeingFile) -> WellbeingFile | None:
    """What the coach's page refers with (the wellbeing words), when the thought records the
    coach may read (``snapshot``: the audience's view) carry a recent signal; else None. It says
    that a record does, never which record or its words."""
    records = [r for _, r in thought_records(snapshot)]
    return wellbeing if recent_wellbeing_signal(records, today, wellbeing) else None
