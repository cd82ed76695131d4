"""Every chart in words: the alt text that states its numbers.

The panels (workbooks in Lab and Voilà), the coach's page and the growth-plan document all say
what a chart shows with these functions, so a screen-reader user hears the same numbers in each.
"""

from __future__ import annotations

from collections.abc import Sequence

from widgets.content.wording import clauses, joined
from widgets.i18n import N_, gettext, ngettext, pgettext

# A radar's series by their ids (readers/competencies.py); another key (a snapshot's own) is
# shown as it is.
SERIES_NAMES = {
    "current": N_("current"),
    "target": N_("target"),
    "coach": N_("coach"),
    "previous": N_("previous"),
}


def alt_text(title: str, parts: Sequence[str], empty: str, sep: str | None = None) -> str:
    """``title: part; part; …`` (the reader's language's semicolons, or ``sep``), or, with no
    parts, that the chart is empty and why."""
    if parts:
        said = sep.join(parts) if sep else clauses(parts)
        return gettext("{title}: {parts}").format(title=title, parts=said)
    return gettext("{title}: an empty chart ({why_empty}).").format(title=title, why_empty=empty)


# -- workbook 02 ----------------------------------------------------------------------------------


def spokes(names: Sequence[str], values) -> str:
    """One series as text, a value per competency (— where unrated)."""
    return joined(
        [f"{n} {v if v is not None else '—'}" for n, v in zip(names, values, strict=False)]
    )


def rings(level_names: Sequence[str]) -> str:
    """The radar's rings in words, numbered from the centre: ``1=Junior, 2=Mid, …``."""
    return joined([f"{i + 1}={name}" for i, name in enumerate(level_names)])


def series_lines(names: Sequence[str], series: dict) -> list[str]:
    """Each plotted series of a radar: ``current: Scope 2, Design —, …``, the series named in the
    reader's language."""
    return [_series(_series_name(name), spokes(names, values)) for name, values in series.items()]


def _series_name(name: str) -> str:
    return gettext(SERIES_NAMES[name]) if name in SERIES_NAMES else name


def _series(name: str, values: str) -> str:
    """A series and its values, ``name: values``, punctuated in the reader's language."""
    return pgettext("series of a chart", "{series}: {values}").format(series=name, values=values)


def snapshot_lines(names: Sequence[str], charted: list) -> list[str]:
    """Each dated snapshot's series as text, a line per series: the snapshots chart's alt text."""
    return [
        f"{day.isoformat()} {line}"
        for day, series in charted
        for line in series_lines(names, series)
    ]


def gaps_title(measure: str) -> str:
    """The gaps chart's title in the engineer's workbook, with how the route weighs a gap
    (``GapWeighting.measure``, seeds/routes.yaml)."""
    return gettext("Where to invest first, weighted gap ({measure})").format(measure=measure)


def ranked_gaps_title(measure: str) -> str:
    """The gaps chart's title in a document (``GapWeighting.measure_in_documents``)."""
    return gettext("Gaps ranked by weighted gap ({measure})").format(measure=measure)


def gap_lines(found: list) -> list[str]:
    """The ranked gaps with their sums (levels × weight = weighted gap): the gaps chart's alt
    text."""
    return [
        ngettext(
            "{rank}. {competency}: {levels} level × weight {weight} = {weighted}",
            "{rank}. {competency}: {levels} levels × weight {weight} = {weighted}",
            g.levels,
        ).format(rank=i, competency=g.name, levels=g.levels, weight=g.weight, weighted=g.weighted)
        for i, g in enumerate(found, start=1)
    ]


# -- workbook 01 ----------------------------------------------------------------------------------


def before_after_lines(changes) -> list[str]:
    """``belief: before → after`` per rated record: the before/after chart's alt text."""
    return [f"{label}: {before} → {after}" for label, before, after in changes]


def trend_lines(series) -> list[str]:
    """Each belief's strength by day: the trend chart's alt text."""
    return [
        _series(label, joined([f"{day.isoformat()} {strength}" for day, strength in points]))
        for label, points in series.items()
    ]


def distortion_lines(counts) -> list[str]:
    """``distortion ×n`` per distortion, as tallied: the distortions chart's alt text."""
    return [f"{name} ×{n}" for name, n in counts]


# -- workbook 04 ----------------------------------------------------------------------------------


def score_lines(series: dict) -> list[str]:
    """One line per dimension: ``Trade-offs: 2026-01-05 2, 2026-01-19 3``."""
    return [
        _series(
            name,
            joined([f"{day.isoformat()} {score}" for day, score in points])
            or gettext("not scored"),
        )
        for name, points in series.items()
    ]


# -- workbook 05 ----------------------------------------------------------------------------------


def _or_dash(value) -> str:
    return "—" if value is None else f"{value:g}"


def milestone_words(milestones: Sequence) -> str:
    """``2026-12-10 Northwind Analytics interview; 2027-05-20 calibration`` from (day, words)
    pairs, or "none"."""
    return clauses([f"{day.isoformat()} {label}" for day, label in milestones]) or gettext("none")


def checkin_words(checkins: Sequence) -> str:
    """``2026-11-16 6/10, 5 h; …`` from (week, confidence, hours), or "none"."""
    return clauses(
        [
            gettext("{week} {confidence}/10, {hours} h").format(
                week=day.isoformat(), confidence=_or_dash(c), hours=_or_dash(h)
            )
            for day, c, h in checkins
        ]
    ) or gettext("none")


def practice_words(practice: Sequence) -> str:
    """``2026-11-02 2.6; …`` from (day, mean self score), or "none"."""
    return clauses([f"{day.isoformat()} {score:.1f}" for day, score in practice]) or gettext("none")


def readiness_words(checkins: Sequence, practice: Sequence, milestones: Sequence) -> str:
    """The readiness timeline in words: every check-in, practice score and milestone."""
    drawn = bool(checkins or practice)  # milestones alone draw no timeline
    return alt_text(
        gettext("Readiness over time"),
        [
            gettext("Check-ins, confidence (0–10) and hours practised: {checkins}").format(
                checkins=checkin_words(checkins)
            ),
            gettext("Design practice, mean self score (1–4): {scores}").format(
                scores=practice_words(practice)
            ),
            gettext("Milestones (dotted lines): {milestones}").format(
                milestones=milestone_words(milestones)
            ),
        ]
        if drawn
        else [],
        gettext("no check-in or scored practice yet"),
        sep=". ",
    )
