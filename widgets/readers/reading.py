"""Workbook 05's reading list: what to read for each gap, design dimension and belief, taken from
the ``sources:`` of the seeds that describe them.

A source in the seeds is one of three shapes: an address (``https://…``), a file in a public
repository (``owner/name path (section)``) or a citation of a book or paper
(``Martin Kleppmann, Designing Data-Intensive Applications (2017), ch. 8``). Each becomes a
:class:`Reading` with a title, a link where there is one, and a kind. A link's title comes from
``seeds/reading_titles.yaml``; one made from the address is only for a source not listed there.
The same file names the works cited without an address (books, papers, datasheets) and the kind
of each; tests/test_citations.py checks that it titles every source a seed cites, and no more.
Topics come largest gap first and weakest design dimension first; a reading already listed under
an earlier topic is not repeated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import unquote, urlsplit

from widgets.content import seeds as content
from widgets.content import tracks
from widgets.content.wording import exact
from widgets.i18n import format_number, gettext, ngettext
from widgets.readers.beliefs import thought_records
from widgets.readers.competencies import assessment, gap_weighting, gaps, latest_coach
from widgets.readers.plan import plan_framework
from widgets.readers.practice import design_sessions, dimension_means, track_practice
from widgets.storage.journal import Journal
from widgets.storage.records import Profile

Kind = Literal["book", "paper", "page", "repository"]
_ADDRESS = re.compile(r"https?://[^\s<>\"']+")
_REPOSITORY_FILE = re.compile(
    r"^(?P<repo>[\w.-]+/[\w.-]+) (?P<path>[^\s(]+)(?: \((?P<part>.+)\))?$"
)
# Slugs lower-case what a title would spell in capitals: "ic4 software engineer" is Dropbox's IC4.
_ACRONYMS = re.compile(r"\b(ic\d|ml|sd|mlsd|api|sre)\b")
_PAPER_HOSTS = ("arxiv.org", "ncbi.nlm.nih.gov", "doi.org", "frontiersin.org", "docslib.org")
_PAPER_WORDS = re.compile(r"\b(doi|PMID|arXiv|J [A-Z][a-z]+|Journal|Proceedings|ICSE|ESEC/FSE)\b")
# A journal article cited as "<journal> <volume> (<year>): <pages>",
# e.g. "Cognition 84 (2002): 73-111".
_ARTICLE_PAGES = re.compile(r"\b\d+ \(\d{4}\):\s*\d+")


@dataclass(frozen=True)
class Reading:
    """One thing to read: its title, its kind (book, paper, page or repository) and its link
    where there is one."""

    title: str
    kind: Kind
    url: str | None = None
    site: str = ""  # where a page lives, e.g. "dropbox.github.io"

    @property
    def key(self) -> str:
        """What makes two readings the same one: the link, or for a citation its title in any
        case."""
        return self.url or self.title.casefold()


def _looks_like_an_id(slug: str) -> bool:
    """'b1fad620787e', '1k4sO6pyCl_YYnf0…': letters and digits mixed in a long word, no title."""
    return any(
        len(word) >= 8 and re.search(r"\d", word) and re.search(r"[a-z]", word, re.IGNORECASE)
        for word in re.split(r"[-_]+", slug)
    )


def _page_title(path: str, site: str) -> str:
    """A readable title from an address's path: its last parts, words instead of slugs."""
    parts = [unquote(p) for p in path.split("/") if p]
    if not parts or _looks_like_an_id(parts[-1]):
        return gettext("A page on {site}").format(site=site)
    last = re.sub(r"\.(html?|md|pdf)$", "", parts[-1])
    words = re.sub(r"[-_]+", " ", last).strip()
    if len(parts) > 1 and len(words) < 12:  # "backend", "ic4": say what it is part of
        words = f"{re.sub(r'[-_]+', ' ', parts[-2])}: {words}"
    words = _ACRONYMS.sub(lambda found: found.group().upper(), words)
    return words[:1].upper() + words[1:]


def titled(source: str, entries=None):
    """The entry of ``seeds/reading_titles.yaml`` (or of ``entries``) that titles ``source``: its
    address's, or for a citation without one the work it begins with (the longest such), or
    None."""
    entries = content.reading_works() if entries is None else entries
    source = " ".join(source.split())
    address = _ADDRESS.search(source)
    url = _REPOSITORY_FILE.match(source)
    if address:
        wanted = address.group().rstrip(".,;)")
    elif url:
        wanted = f"https://github.com/{url['repo']}/blob/HEAD/{url['path']}"
    else:
        works = [e for e in entries if e.work and source.startswith(e.work)]
        return max(works, key=lambda e: len(e.work), default=None)
    return next((e for e in entries if e.url == wanted), None)


def reading(source: str) -> Reading:
    """The seeds' source text as a reading: a link with a title, or the citation itself (a work
    titled in ``seeds/reading_titles.yaml`` reads as its title, then the citation's chapter or
    note, and is of the kind the file gives)."""
    source = " ".join(source.split())
    titles = content.reading_titles()
    entry = titled(source)
    kind = entry.kind if entry else None
    address = _ADDRESS.search(source)
    if address:  # "https://…", or a note with an address in it ("Secondary: https://…")
        url = address.group().rstrip(".,;)")
        parts = urlsplit(url)
        site = parts.netloc.removeprefix("www.")
        if site.endswith(_PAPER_HOSTS):  # an article's address ends in its id: name it by that
            article = [p for p in parts.path.split("/") if p][-1:] or [""]
            made = f"{site}: {unquote(article[0])}".rstrip(": ")
            return Reading(titles.get(url, made), kind or "paper", url, site)
        title = titles.get(url) or _page_title(parts.path, site)
        return Reading(title, kind or "page", url, site)
    found = _REPOSITORY_FILE.match(source)
    if found:
        repo, path, part = found["repo"], found["path"], found["part"]
        url = f"https://github.com/{repo}/blob/HEAD/{path}"
        title = titles.get(url, path) + (f" ({part})" if part else "")
        return Reading(title, kind or "repository", url, repo)
    if entry:
        return Reading(entry.title + source[len(entry.work) :], kind)
    article = _PAPER_WORDS.search(source) or _ARTICLE_PAGES.search(source)
    return Reading(source, "paper" if article else "book")


def readings(sources: list[str], track: str) -> list[Reading]:
    """The sources as readings for an engineer on ``track`` (an id): books and papers first,
    each once. A reading written for another track's interviews (``own_readings`` in
    ``seeds/tracks.yaml``) is left out: the engineer's own track's readings cover that ground."""
    registry = tracks.tracks()
    engineer = registry.get(tracks.check(track))
    found: dict[str, Reading] = {}
    for source in sources:
        item = reading(source)
        if not registry.reading_fits(engineer, f"{item.url or ''} {item.title}"):
            continue
        found.setdefault(item.key, item)
    kept = [item for item in found.values() if not _covered(item, found.values())]
    order = {"book": 0, "paper": 1, "page": 2, "repository": 3}
    return sorted(kept, key=lambda r: order[r.kind])


_CHAPTERS = re.compile(r"\bch\. (\d+)(?:-(\d+))?")


def _chapters(title: str) -> tuple[str, set[int]]:
    """("Betsy Beyer et al., Site Reliability Engineering (2016)", {21, 22}) for a book cited by
    chapters; (title, set()) for anything else."""
    work, _, rest = title.partition(", ch. ")
    if not rest:
        return title, set()
    numbers = set()
    for first, last in _CHAPTERS.findall("ch. " + rest):
        numbers.update(range(int(first), int(last or first) + 1))
    return work, numbers


def _covered(item: Reading, others) -> bool:
    """Is ``item`` chapters of a book that another reading of the same list already cites in
    full ("SRE, ch. 22" beside "SRE, ch. 21 … and ch. 22 …")? Then it is left out of the list."""
    work, chapters = _chapters(item.title)
    if item.kind != "book" or not chapters:
        return False
    for other in others:
        if other is item or other.kind != "book":
            continue
        other_work, other_chapters = _chapters(other.title)
        if other_work == work and chapters <= other_chapters and chapters != other_chapters:
            return True
    return False


@dataclass(frozen=True)
class Topic:
    """One gap, design dimension or belief, with what to read for it."""

    group: Literal["gap", "design", "belief"]
    name: str
    detail: str  # why it is on the list, e.g. "1 level to target, weighted gap 3"
    readings: list[Reading]
    listed_above: int = 0  # readings for this topic already listed under an earlier one


@dataclass(frozen=True)
class ReadingList:
    """The reading list for a track, by topic; ``rated`` and ``scored`` say whether there was
    anything to choose topics from."""

    track: str
    topics: list[Topic] = field(default_factory=list)
    rated: bool = False  # any competency rated against a target
    scored: bool = False  # any design session scored

    def group(self, name: str) -> list[Topic]:
        """The topics of one group (``gap``, ``design`` or ``belief``), in the list's order."""
        return [topic for topic in self.topics if topic.group == name]


def _gap_topics(journal: Journal, track: str) -> tuple[list[Topic], bool]:
    framework = plan_framework(journal)
    own = assessment(journal, framework)
    rated = any(rating.current for rating in own.ratings.values())
    by_id = {c.id: c for c in framework.competencies}
    topics = [
        Topic(
            "gap",
            gap.name,
            ngettext(
                "{count} level to target, weighted gap {weighted}",
                "{count} levels to target, weighted gap {weighted}",
                gap.levels,
            ).format(count=format_number(gap.levels), weighted=format_number(gap.weighted)),
            readings(list(by_id[gap.competency_id].sources), track),
        )
        # Measured as workbook 02 measures them (the coach's recent rating first).
        for gap in gaps(framework, own, gap_weighting(journal), latest_coach(journal, framework.id))
    ]
    return topics, rated


# The design steps whose sources also teach a dimension of the rubric (by dimension, so a score
# from any track's prompt finds them; only steps of the track of the entry that names it).
STEPS_FOR_DIMENSION = {
    "requirements": ("requirements", "framing", "ml_estimates", "estimates"),
    "apis_and_data": ("api", "data_model"),
    "tradeoffs": ("high_level", "iteration"),
    "failure_modes": ("monitoring", "bottlenecks", "deep_dive"),
    "metrics": ("offline_eval", "online_eval"),
    "ownership": ("serving", "monitoring", "observability"),
}


def _design_topics(journal: Journal, track: str) -> tuple[list[Topic], bool]:
    practice = track_practice(journal)
    topics, scored = [], False
    sessions = [session for _, session in design_sessions(journal)]
    for dimension, mean in dimension_means(sessions, practice):
        scored = scored or mean is not None
        own = practice.track if practice.track in dimension.tracks or not dimension.tracks else None
        sections = {s.id: s for s in practice.sections_of(own or dimension.tracks[0])}
        steps = [
            sections[i] for i in STEPS_FOR_DIMENSION.get(dimension.dimension, ()) if i in sections
        ]
        sources = list(dimension.sources) + [src for step in steps for src in step.sources]
        detail = (
            gettext("not scored yet")
            if mean is None
            else gettext(
                "mean score {mean} in your latest sessions; {bar} is the senior bar"
            ).format(mean=format_number(exact(mean), "0.0"), bar=format_number(3))
        )
        topics.append(Topic("design", dimension.name, detail, readings(sources, track)))
    return topics, scored


def _belief_topics(journal: Journal, track: str) -> list[Topic]:
    bank = content.belief_prompts()
    found = []
    for _record_id, record in thought_records(journal):
        prompt = bank.by_id(record.prompt_id)
        strength = record.current_strength()
        if prompt is None or strength is None:
            continue
        found.append((-strength, prompt.belief, prompt, strength))
    found.sort(key=lambda item: item[:2])
    seen, topics = set(), []
    for _, _, prompt, strength in found:
        if prompt.id not in seen:
            seen.add(prompt.id)
            topics.append(
                Topic(
                    "belief",
                    prompt.belief,
                    gettext("held at {strength}/100 lately").format(
                        strength=format_number(strength)
                    ),
                    readings(list(prompt.sources), track),
                )
            )
    return topics


def reading_list(journal: Journal) -> ReadingList:
    """What to read: largest gaps first, then the weakest design dimensions, then the beliefs
    held most strongly. A reading appears under the first topic that needs it."""
    track = tracks.of_profile(journal.record(Profile.kind)).id
    gap_topics, rated = _gap_topics(journal, track)
    design_topics, scored = _design_topics(journal, track)
    topics = gap_topics + (design_topics if scored else []) + _belief_topics(journal, track)
    listed: set[str] = set()
    deduped = []
    for topic in topics:
        new = [r for r in topic.readings if r.key not in listed]
        listed |= {r.key for r in new}
        deduped.append(
            Topic(topic.group, topic.name, topic.detail, new, len(topic.readings) - len(new))
        )
    return ReadingList(track, deduped, rated, scored)
