"""Who reads a growth-plan document, and what each reader gets: one table, :data:`TABLE`.

One entry per audience decides everything that differs between readers: which tiers of the
journal's fields they see (``readers/audience.py`` files every field of every record under a
tier), which entries they never see, the document's sections, headings and charts, and its
wording, down to the hint the export form shows. The templates, the export panel, the coach
snapshot and the coach page ask this table; none of them names an audience to branch on
(``tests/test_audience_table.py`` scans for that). Adding a reader is one :class:`Audience` entry
and its words.

It lives in ``content/``, the lowest layer, so that storage (the coach snapshot's format) can ask
it too.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from widgets.content.names import fold
from widgets.content.wording import listing
from widgets.i18n import N_, gettext

# Tiers of what the engineer writes (readers/audience.py puts every field in one): "shared" is
# what they would show anyone at work (the goal, strengths and their evidence, the plan);
# "private" is preparation and feelings. Each tier's words say, in a hint, what a reader who does
# not see it misses.
TIERS: dict[str, tuple[str, ...]] = {
    "shared": (N_("your goal"), N_("strengths"), N_("the plan")),
    # What a route of this tier holds, a hint says from the engineer's routes (routes.yaml's
    # ``left_out``): an engineer going for promotion only is not told of interviews elsewhere.
    "private": (
        N_("beliefs"),
        N_("confidence scores"),
        N_("check-in blockers"),
        N_("your coach's ratings"),
    ),
}

# Every section a document can hold, in the order the templates draw them, with what the hint
# calls each (an audience's words may call one otherwise: the manager's "growth areas").
SECTIONS: dict[str, str] = {
    "goal": N_("your goal"),
    "interviews": N_("interviews elsewhere"),
    "strengths": N_("strengths with their evidence"),
    "gaps": N_("gaps"),
    "plan": N_("the plan"),
    "wins": N_("wins with their impact"),
    "needs": N_("what you need from your manager"),
    "beliefs": N_("beliefs"),
    "projects": N_("project deep dives and stories"),
    "design": N_("design practice"),
    "checkins": N_("weekly check-ins"),
}
# The headings of a document read by someone else than its author, of the engineer.
THIRD_PERSON: dict[str, str] = {
    "goal": N_("Goal"),
    # At or above the target with evidence: "strengths" alone read oddly beside a mid-level rating.
    "strengths": N_("Already at target"),
    "gaps": N_("Gaps, with the evidence so far"),
    "plan": N_("The plan"),
    "wins": N_("Wins, with their impact"),
    "needs": N_("What I need from my manager"),
    "progress": N_("Progress so far"),
    "beliefs": N_("Limiting beliefs"),
    "projects": N_("Project deep dives and stories"),
    "design": N_("Design practice"),
    "checkins": N_("Weekly check-ins"),
}
# A Markdown document's chart titles (an HTML document's pictures say what they draw instead).
CHART_TITLES: dict[str, str] = {
    "gaps": N_("Gaps ranked by weighted gap"),
    "radar": N_("Competency radar: self, coach and target"),
    "beliefs": N_("Belief strength over time"),
    "stories": N_("Stories by senior story type"),
    "design": N_("Design scores across sessions"),
    "readiness": N_("Readiness over time"),
}
# The section each chart is drawn in (templates/report.*.j2): a chart shows only with it.
CHART_SECTIONS: dict[str, str] = {
    "gaps": "gaps",
    "radar": "gaps",
    "beliefs": "beliefs",
    "stories": "projects",
    "design": "design",
    "readiness": "checkins",
}
ALL_CHARTS = tuple(CHART_SECTIONS)

# The words every audience has, and what each says by default. An entry's ``words`` replace some.
WORDS: dict[str, str] = {
    "gaps": N_("gaps"),  # what the document calls the competencies below target
    # Under the title.
    "ratings": N_("Ratings are the engineer's own unless marked as the coach's."),
    "purpose": "",  # who or what the document is for, after "Everything in your journal"
    # Above what a copy left out because it names a company (for the engineer, never in it).
    "review": N_("Left out of this copy (only you see this list):"),
    # The column of a reader's own level beside the engineer's evidence (``ratings_as_evidence``).
    "their_level": N_("Your rating"),
    # Beside a form's field whose text this reader's copy shows (forms/fields.py).
    "form_note": "",
}

# The rules an entry can switch on, each with the words a hint uses for what it leaves out.
MARKED_ACTIONS_WORDS = N_(
    "any action or win whose \u201cOn my manager's copy\u201d box is unticked"
)
MARKED_ACTIONS_NOTE = " (the actions marked for the manager's copy)"


def said(words: str) -> str:
    """``words`` of the table in the reader's language ("" stays "": no catalogue header)."""
    return gettext(words) if words else ""


class Said(Mapping):
    """key → words of the table, each in the reader's language when read (an audience's
    headings): the table holds the English, marked for the catalogue."""

    def __init__(self, words: Mapping[str, str]):
        self._words = dict(words)

    def __getitem__(self, key: str) -> str:
        return said(self._words[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def __repr__(self) -> str:
        return f"Said({self._words!r})"


@dataclass(frozen=True)
class Audience:
    """One reader of the growth-plan document, and everything that differs for them."""

    id: str  # the --audience value and the file name's "growth-plan-for-{id}"
    # "for my manager": the choice in the form, the CLI's sentence. English, marked for the
    # catalogue: :attr:`label` is it in the reader's language.
    name: str
    sees: frozenset[str]  # the tiers of fields they see (TIERS)
    sections: tuple[str, ...]  # the document's sections, in SECTIONS' order
    headings: Mapping[str, str]  # section → its heading
    charts: tuple[str, ...] = ()  # the document's charts
    chart_titles: Mapping[str, str] = field(default_factory=dict)  # overrides of CHART_TITLES
    words: Mapping[str, str] = field(default_factory=dict)  # overrides of WORDS
    # The engineer's own copy: the journal as it is, no field read through the table.
    own: bool = False
    # Only the actions the engineer ticked "On my manager's copy"; one that came from a belief is
    # worded without it (no "why", which quotes the belief, and no source naming it).
    marked_actions_only: bool = False
    # A competency is the engineer's evidence, beside this reader's own level where they gave one
    # (the coach's ratings, when the coach reads as this audience: content/coach_roles.py), never
    # a bare self-rating.
    ratings_as_evidence: bool = False
    # Words this copy never holds: a line of the engineer's text with one is left out (the whole
    # entry when its name has one), and the engineer reviews it before sending.
    never_says: tuple[str, ...] = ()
    # Nothing that names a company the engineer is interviewing with (readers/audience.py), and
    # the engineer reviews what was left out before sending it.
    leaves_out_companies: bool = False
    # The charts on the coach's one-page view (views/coach_page.py), when the coach reads as this
    # audience (content/coach_roles.py).
    page_charts: tuple[str, ...] = ()

    def __post_init__(self):
        """An entry that names what no template draws is refused when the table is built, not
        silently left out of a document."""
        problems = [f"no tier {t!r}" for t in self.sees if t not in TIERS]
        problems += [f"no section {s!r}" for s in self.sections if s not in SECTIONS]
        problems += [
            f"the chart {c!r} is drawn in the section {CHART_SECTIONS.get(c)!r}, which it lacks"
            for c in self.charts
            if CHART_SECTIONS.get(c) not in self.sections
        ]
        problems += [f"no such word {w!r}" for w in self.words if w not in WORDS]
        if problems:
            raise ValueError(f"The audience {self.id!r}: " + "; ".join(problems) + ".")
        # Headings read in the reader's language, whoever asks (templates, panels).
        if not isinstance(self.headings, Said):
            object.__setattr__(self, "headings", Said(self.headings))

    def word(self, key: str) -> str:
        """What this audience's document says for ``key`` (see :data:`WORDS`), in the reader's
        language."""
        return said(self.words.get(key, WORDS[key]))

    def chart_title(self, chart: str) -> str:
        """This audience's title for ``chart`` (see :data:`CHART_TITLES`), in the reader's
        language."""
        return said(self.chart_titles.get(chart, CHART_TITLES[chart]))

    @property
    def label(self) -> str:
        """:attr:`name` in the reader's language: "for my manager"."""
        return said(self.name)

    def unsaid(self, text: str) -> str | None:
        """The first of :attr:`never_says` that ``text`` holds (any case, plural, "-er",
        "-ing"), as the engineer wrote it (the whole word: "beliefs", "self-belief"), or None."""
        if not self.never_says or not text:
            return None
        folded = fold(text)
        found = _never_said(self.never_says).search(folded)
        if not found:
            return None
        if found.group(2) or len(folded) != len(text):  # inside a Chinese run, or normalised
            return found.group(1) or found.group(2)
        start, end = found.span()
        while start and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        return text[start:end].strip(_AROUND_A_WORD) or found.group(1)

    @property
    def choice(self) -> str:
        """The label of this audience in the export form: "For my manager"."""
        label = self.label
        return label[:1].upper() + label[1:]


# What speaks of interviewing elsewhere: a manager's copy never holds it, whatever the route, and
# whatever language the engineer writes in (面试 is in 面试官, 模拟面试, 现场面试: Chinese words
# are found inside longer ones, as Chinese has no spaces between words).
INTERVIEW_WORDS = ("interview", "loop", "round", "onsite", "on-site", "面试")
BELIEF_WORDS = ("belief", "信念")


def _unspaced(word: str) -> bool:
    """Whether ``word`` is written in a script with no spaces between words (Chinese, Japanese):
    found inside a longer run of letters, not only as a word of its own."""
    return any(unicodedata.east_asian_width(char) in "WF" for char in word)


# Punctuation around a word the engineer wrote, left off when it is quoted back to them.
_AROUND_A_WORD = ".,;:!?\"'()[]{}“”‘’…"


@functools.cache
def _never_said(words: tuple[str, ...]) -> re.Pattern:
    spaced = "|".join(re.escape(fold(word)) for word in words if not _unspaced(word))
    unspaced = "|".join(re.escape(fold(word)) for word in words if _unspaced(word))
    patterns = [rf"(?<![^\W\d_])({spaced or '(?!)'})(?:s|es|er|ers|ing|ed)?(?![^\W\d_])"]
    patterns.append(f"({unspaced or '(?!)'})")
    return re.compile("|".join(patterns))


# What an audience that reads the whole journal gets: every tier, section and chart.
EVERYTHING: dict = {
    "sees": frozenset(TIERS),
    "sections": tuple(SECTIONS),
    "headings": THIRD_PERSON,
    "charts": ALL_CHARTS,
}

# The engineer's most frequent reader comes first, and the export form starts on it: the founding
# advice is to take the document to your manager, and a click made without thinking then gives
# the copy that leaves the private parts out, never the one with interviews elsewhere in it.
TABLE: dict[str, Audience] = {
    # Written by the engineer to their manager: first person, and nothing private.
    "manager": Audience(
        id="manager",
        name=N_("for my manager"),
        sees=frozenset({"shared"}),
        sections=("goal", "strengths", "gaps", "plan", "wins", "needs"),
        headings={
            "goal": N_("Where I am heading"),
            "strengths": N_("Already at my target, with evidence"),
            "gaps": N_("Where I want to grow"),
            "plan": N_("My plan"),
            "wins": N_("What I delivered, with its impact"),
            "needs": N_("What I need from you"),
        },
        # The gaps chart ranks by the promotion's weighting for this reader, whatever the engineer's
        # routes (content/routes.py gap_weighting): never by what an interview loop probes.
        charts=("gaps", "radar"),
        chart_titles={"radar": N_("Competency radar")},
        words={
            "gaps": N_("growth areas"),
            "ratings": N_("Each competency shows my evidence, and your level where you rated me."),
            "review": N_("Left out of your manager's copy (only you see this list):"),
            "form_note": N_("Your manager's copy shows this."),
        },
        marked_actions_only=True,
        leaves_out_companies=True,
        ratings_as_evidence=True,
        never_says=INTERVIEW_WORDS + BELIEF_WORDS,
        page_charts=("radar",),  # a coach who is the manager reads as this audience
    ),
    # The coach reads every workbook in the coach view.
    "coach": Audience(
        id="coach",
        name=N_("for my coach"),
        **EVERYTHING,
        words={"purpose": N_("for your coach, who reads every workbook")},
        # The rest the coach reads faster as text (and the page stays quick to build).
        page_charts=("radar", "beliefs", "design"),
    ),
    "me": Audience(
        id="me",
        name=N_("for me"),
        **EVERYTHING,
        words={"purpose": N_("for your own records")},
        own=True,
    ),
}
DEFAULT_AUDIENCE = "me"  # a document asked for with no audience named is the engineer's own
# The audience a coach reads as everywhere a coach reads: the coach view, the roster, a snapshot.
COACH_AUDIENCE = "coach"


def audience_ids() -> tuple[str, ...]:
    """Every audience, in the table's order (the export form's)."""
    return tuple(TABLE)


def audience(audience_id: str) -> Audience:
    """The entry for ``audience_id``; ValueError naming the choices when there is none."""
    try:
        return TABLE[audience_id]
    except (KeyError, TypeError):
        choices = ", ".join(TABLE)
        raise ValueError(f"audience must be one of {choices}, not {audience_id!r}") from None


class Readers(AbstractSet):
    """The audiences that see a tier, read from :data:`TABLE` whenever asked (so an audience
    added to the table sees its tiers' fields at once). A set: ``"coach" in PRIVATE``."""

    def __init__(self, tier: str):
        if tier not in TIERS:
            raise ValueError(f"no tier {tier!r}: one of {', '.join(TIERS)}")
        self.tier = tier

    def _ids(self) -> list[str]:
        return [a.id for a in TABLE.values() if self.tier in a.sees]

    def __contains__(self, audience_id) -> bool:
        entry = TABLE.get(audience_id) if isinstance(audience_id, str) else None
        return entry is not None and self.tier in entry.sees

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids())

    def __len__(self) -> int:
        return len(self._ids())

    def __repr__(self) -> str:
        return f"Readers({self.tier!r}: {', '.join(self._ids())})"


class AudienceIds(Sequence):
    """Every audience id in the table's order, read from :data:`TABLE` whenever asked (the
    CLI's ``--audience`` choices: an audience added to the table is one at once)."""

    def __getitem__(self, index):
        return tuple(TABLE)[index]

    def __len__(self) -> int:
        return len(TABLE)

    def __repr__(self) -> str:
        return repr(tuple(TABLE))


class PerAudience(Mapping):
    """audience id → one attribute of its entry, read from :data:`TABLE` whenever asked."""

    def __init__(self, attribute: str):
        self.attribute = attribute

    def __getitem__(self, audience_id: str):
        return getattr(TABLE[audience_id], self.attribute)

    def __iter__(self) -> Iterator[str]:
        return iter(TABLE)

    def __len__(self) -> int:
        return len(TABLE)


def left_out(audience_id: str, routes: Sequence = ()) -> list[str]:
    """What a document for ``audience_id`` leaves out, in the words of the engineer's ``routes``
    (content/routes.py entries: what each route this reader may not know of holds), the tiers and
    the rules; in the reader's language."""
    entry = audience(audience_id)
    if entry.own:
        return []
    found = [words for route in routes if route.tier not in entry.sees for words in route.left_out]
    found += [said(w) for tier, words in TIERS.items() if tier not in entry.sees for w in words]
    if entry.marked_actions_only:
        found.append(said(MARKED_ACTIONS_WORDS))
    return list(dict.fromkeys(found))


def hint(audience_id: str, routes: Sequence = ()) -> str:
    """What the export form says of the document for ``audience_id``: what it holds, then what it
    leaves out, read from the table and the engineer's ``routes`` (content/routes.py
    ``of_profile``: a route the engineer is not on is not spoken of)."""
    entry = audience(audience_id)
    everything = set(entry.sections) == set(SECTIONS)
    named = [said(SECTIONS[s]) if s != "gaps" else entry.word("gaps") for s in entry.sections]
    purpose = entry.word("purpose")
    missed = left_out(audience_id, routes)
    listed = listing(missed, serial=True)
    if everything and purpose:
        sentence = (
            gettext("Everything in your journal, {purpose}. It leaves out {missed}.")
            if missed
            else gettext("Everything in your journal, {purpose}.")
        )
    elif everything:
        sentence = (
            gettext("Everything in your journal. It leaves out {missed}.")
            if missed
            else gettext("Everything in your journal.")
        )
    elif purpose:
        sentence = (
            gettext("{sections}, {purpose}. It leaves out {missed}.")
            if missed
            else gettext("{sections}, {purpose}.")
        )
    else:
        sentence = (
            gettext("{sections}. It leaves out {missed}.") if missed else gettext("{sections}.")
        )
    sentence = sentence.format(sections=listing(named), purpose=purpose, missed=listed)
    return sentence[:1].upper() + sentence[1:]
