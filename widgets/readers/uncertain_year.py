"""Workbook 05's page on an uncertain year, read for one engineer: the topics of their routes
(``seeds/uncertain_year.yaml``), each item with its sources as readings, and where a topic asks
for it, their current and target levels as public ladders name them (``seeds/levels.yaml``).

It is the engineer's own page. Nothing here is stored, and no copy that leaves the machine reads
it: the manager's copy, the 1:1's agenda and the promotion case are built from the journal
through the audience table, and this page is not in the journal. Read for a reader other than
the engineer (the coach, as their profile's coach role reads), it holds nothing unless that
reader's audience sees the page's tier (``tier:`` in the seed): a coach who is the manager
learns neither the page nor the routes it was read for.
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.content import routes
from widgets.content import seeds as content
from widgets.content.audiences import audience
from widgets.content.uncertain_year import topics_for, uncertain_year
from widgets.i18n import gettext
from widgets.readers.reading import Reading, reading
from widgets.storage.journal import Journal
from widgets.storage.records import Profile


@dataclass(frozen=True)
class ItemLine:
    """One piece of advice: its text, what it cites, and whether (part of) it is our judgement."""

    id: str
    text: str
    readings: tuple[Reading, ...]
    ours: bool


@dataclass(frozen=True)
class LevelLine:
    """A level of the engineer's and the titles public ladders roughly give it."""

    role: str  # "Your level now", "Your target"
    name: str
    equivalents: str


@dataclass(frozen=True)
class TopicLines:
    """A topic as the engineer reads it."""

    id: str
    title: str
    intro: str
    items: tuple[ItemLine, ...]
    levels: tuple[LevelLine, ...] = ()


@dataclass(frozen=True)
class UncertainYear:
    """The page: the routes it was read for (their sentence names) and the topics; or, for a
    reader who may not read it, nothing (``withheld``)."""

    routes: tuple[str, ...]
    topics: tuple[TopicLines, ...]
    withheld: bool = False

    def words(self) -> str:
        """Every sentence the page can show (its titles, intros and items), for checks that none
        of it leaves the machine."""
        found = []
        for topic in self.topics:
            found += [topic.title, topic.intro, *(item.text for item in topic.items)]
        return "\n".join(found)


def _levels(profile) -> tuple[LevelLine, ...]:
    levels = content.levels()
    found = []
    for role, level_id in (
        (gettext("Your level now"), getattr(profile, "current_level", None)),
        (gettext("Your target"), getattr(profile, "target_level", None)),
    ):
        level = levels.by_id(level_id)
        if level is not None:
            found.append(LevelLine(role, level.name, level.equivalents))
    return tuple(found)


def uncertain_year_for(journal: Journal, reader: str = "me") -> UncertainYear:
    """The page for the journal's engineer, as ``reader`` (an audience id) reads it: the topics
    of the engineer's routes (the default route while there is no profile), or nothing when that
    audience does not see the page's tier."""
    if uncertain_year().tier not in audience(reader).sees:
        return UncertainYear((), (), withheld=True)
    profile = journal.record(Profile.kind)
    topics = tuple(
        TopicLines(
            topic.id,
            topic.title,
            topic.intro,
            tuple(
                ItemLine(
                    item.id,
                    " ".join(item.text.split()),
                    tuple(map(reading, item.sources)),
                    item.ours,
                )
                for item in items
            ),
            _levels(profile) if topic.level_map else (),
        )
        for topic, items in topics_for(profile)
    )
    names = tuple(route.sentence_name for route in routes.of_profile(profile))
    return UncertainYear(names, topics)
