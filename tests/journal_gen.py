"""A large, deterministic journal for benchmarks and load tests: five years of an engineer's use.

About 260 weekly check-ins, 300 thought records, 60 competency snapshots, 100 stories, 100 design
sessions, 20 projects and 40 actions, built from the demo persona's profile and ratings. Seeded,
so every run builds the same journal. Fictional, like the persona it grows from.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from widgets.content import seeds as content
from widgets.content.resources import demo_persona_path
from widgets.storage.journal import Journal
from widgets.storage.records import (
    Action,
    Checkin,
    CompetencySnapshot,
    DesignSession,
    Project,
    SnapshotRating,
    Story,
    ThoughtRecord,
)
from widgets.storage.transfer import export_journal, import_journal

START = dt.date(2021, 11, 15)
WEEKS = 260


def _entry(entry_id: str, record, day: dt.date) -> dict:
    stamp = f"{day.isoformat()}T20:00:00Z"
    return {
        "id": entry_id,
        "kind": record.kind,
        "created_at": stamp,
        "updated_at": stamp,
        "deleted_at": None,
        "revisions": [{"rev": 1, "saved_at": stamp, "data": record.model_dump(mode="json")}],
    }


def five_year_document(seed: int = 7) -> dict:
    rng = random.Random(seed)
    document = json.loads(demo_persona_path().read_text(encoding="utf-8"))
    keep = {"profile", "competency_assessment", "coach_assessment"}
    document["entries"] = [e for e in document["entries"] if e["kind"] in keep]
    prompts = content.belief_prompts().prompts
    distortions = [d.id for d in content.distortions().distortions]
    practice = content.design_practice().for_track("ml")  # the demo persona's track
    story_types = [t.id for t in content.deep_dives().story_types]
    questions = [q.id for q in content.deep_dives().questions]
    framework = next(f for f in content.frameworks() if f.id == "ml")
    levels = framework.level_ids()
    added: list[dict] = []

    for week in range(WEEKS):
        day = START + dt.timedelta(weeks=week)
        added.append(
            _entry(
                f"gen-checkin-{week}",
                Checkin(
                    week_of=day,
                    confidence=min(10, 2 + week // 40 + rng.randint(0, 2)),
                    hours=round(rng.uniform(1, 9), 1),
                    wins=f"Week {week}: one mock done.",
                    blockers="On-call." if week % 5 == 0 else "",
                    next_focus="Pacing.",
                ),
                day,
            )
        )
    for n in range(300):
        day = START + dt.timedelta(days=6 * n)
        prompt = prompts[n % len(prompts)]
        before = rng.randint(55, 95)
        added.append(
            _entry(
                f"gen-tr-{n}",
                ThoughtRecord(
                    status="complete",
                    prompt_id=prompt.id,
                    recorded_on=day,
                    situation=f"Situation {n}.",
                    belief=f"{prompt.belief} ({n})",
                    strength_before=before,
                    distortions=rng.sample(distortions, 3),
                    evidence_for="Some.",
                    evidence_against="More.",
                    balanced_thought="A fairer reading.",
                    balanced_strength=60,
                    strength_after=max(0, before - rng.randint(5, 30)),
                    reratings=[
                        {
                            "on": (day + dt.timedelta(days=14)).isoformat(),
                            "strength": max(0, before - 35),
                        }
                    ],
                ),
                day,
            )
        )
    for n in range(60):
        day = START + dt.timedelta(days=30 * n)
        ratings = {
            c.id: SnapshotRating(
                current=levels[min(3, 1 + n // 25)],
                target="senior",
                coach=levels[min(3, 1 + n // 20)],
            )
            for c in framework.competencies
        }
        added.append(
            _entry(
                f"gen-snapshot-{n}",
                CompetencySnapshot(framework_id="ml", taken_on=day, ratings=ratings),
                day,
            )
        )
    for n in range(20):
        day = START + dt.timedelta(days=90 * n)
        drill = {
            q: {
                "answer": f"Answer {q}.",
                "confidence": rng.randint(1, 5),
                "needs_research": rng.random() < 0.1,
            }
            for q in questions
        }
        added.append(
            _entry(
                f"gen-project-{n}",
                Project(
                    name=f"Project {n}",
                    goal="A goal.",
                    role="Mine.",
                    team_size=rng.randint(2, 9),
                    started=day,
                    ended=day + dt.timedelta(days=80),
                    impact="+1%",
                    drill=drill,
                ),
                day,
            )
        )
    for n in range(100):
        day = START + dt.timedelta(days=18 * n)
        added.append(
            _entry(
                f"gen-story-{n}",
                Story(
                    title=f"Story {n}",
                    project_id=f"gen-project-{n % 20}",
                    situation="S.",
                    task="T.",
                    action="A.",
                    result="R.",
                    learning="L.",
                    competencies=rng.sample([c.id for c in framework.competencies], 2),
                    story_types=rng.sample(story_types, 2),
                ),
                day,
            )
        )
    for n in range(100):
        day = START + dt.timedelta(days=18 * n)
        score = min(4, 1 + n // 30)
        added.append(
            _entry(
                f"gen-design-{n}",
                DesignSession(
                    prompt_id=practice.prompts[n % len(practice.prompts)].id,
                    practised_on=day,
                    sections={
                        s.id: {"notes": "Notes.", "minutes": s.suggested_minutes}
                        for s in practice.sections
                    },
                    self_scores={
                        d.id: max(1, min(4, score + rng.randint(-1, 1))) for d in practice.rubric
                    },
                ),
                day,
            )
        )
    for n in range(40):
        day = START + dt.timedelta(days=45 * n)
        status = "done" if n < 34 else ("open" if n % 2 else "in_progress")
        added.append(
            _entry(
                f"gen-action-{n}",
                Action(
                    what=f"Action {n}",
                    why="A gap.",
                    due=day + dt.timedelta(days=21),
                    status=status,
                    created_on=day,
                ),
                day,
            )
        )
    document["entries"] += added
    return document


REPEATED = ("thought_record", "story", "design_session", "project")


def grown_document(copies: int, seed: int = 7) -> dict:
    """The five-year journal with its thought records, stories, design sessions and projects
    written ``copies`` times (new ids): a journal of any size, for memory tests. Its coach
    snapshot is about 0.9 MB a copy."""
    document = five_year_document(seed)
    bulk = [e for e in document["entries"] if e["kind"] in REPEATED]
    document["entries"] += [
        {**entry, "id": f"{entry['id']}-copy{n}"} for n in range(1, copies) for entry in bulk
    ]
    return document


def build_five_year_journal(target: Path) -> Path:
    """Write the five-year journal to ``target`` (created fresh)."""
    import_journal(json.dumps(five_year_document()), target)
    return target


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "five-years.sqlite")
    build_five_year_journal(out)
    with Journal(out, readonly=True) as journal:
        print(f"wrote {out}; {len(export_journal(journal)['entries'])} entries")
