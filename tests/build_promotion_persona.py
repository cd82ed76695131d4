"""Build ``seeds/personas/promotion.json``: Ines, an invented frontend & mobile engineer going for
senior at her own company, on the promotion route only.

Six years of React Native and web, rated "meets expectations" three cycles in a row, English as a
second language, the May cycle's packet due in April and calibration in May, no interview
anywhere. Every workbook has answers, saved day by day through the journal API, then exported.
Run it again after a record model changes: ``.venv/bin/python -m tests.build_promotion_persona``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from widgets.content.resources import seeds_dir
from widgets.readers.beliefs import belief_label
from widgets.storage.journal import Journal
from widgets.storage.records import (
    Action,
    Checkin,
    CompetencyAssessment,
    CompetencySnapshot,
    DesignSession,
    ManagerSupport,
    Profile,
    Project,
    Story,
    ThoughtRecord,
)
from widgets.storage.transfer import dumps, export_journal

from .build_software_persona import answer, notes, revised, save

PERSONA_PATH = seeds_dir() / "personas" / "promotion.json"
TRACK = "frontend_mobile"

WORRIES = (
    "Three cycles of 'meets expectations' and nobody tells me what senior looks like here. I do "
    "the work, but in English I speak less in meetings than I think, and I am not sure my "
    "manager sees the crash-rate work as mine."
)


def profile(journal: Journal) -> None:
    save(
        journal,
        "2027-01-11",
        Profile(
            alias="Ines",
            track=TRACK,
            years_experience=6,
            current_level="mid",
            target_level="senior",
            target_date="2027-06-01",
            routes=["promotion"],
            promotion_cycle={
                "name": "the May 2027 cycle",
                "packet_due": "2027-04-09",
                "calibration_on": "2027-05-06",
            },
            past_ratings=[
                {"cycle": "May 2025", "rating": "Meets expectations"},
                {"cycle": "November 2025", "rating": "Meets expectations"},
                {"cycle": "May 2026", "rating": "Meets expectations"},
            ],
            manager="Dana, engineering manager of the mobile team",
            sponsors="Priya, staff engineer on the web platform",
            worries=WORRIES,
        ),
    )


# -- workbook 01 ---------------------------------------------------------------------------------

MEETS = ThoughtRecord(
    status="complete",
    prompt_id="meets_every_cycle",
    recorded_on="2027-01-12",
    situation="Third 'meets expectations' in a row, with the same two lines of feedback.",
    belief="Three 'meets' in a row means I am not senior material here.",
    strength_before=75,
    emotions=[{"name": "discouraged", "intensity": 70}, {"name": "frustrated", "intensity": 50}],
    distortions=["overgeneralization", "mind_reading"],
    evidence_for=(
        "Nobody has told me which senior behaviours I am missing; the feedback never changes."
    ),
    evidence_against=(
        "My crash-rate work moved crash-free sessions from 99.6 % to 99.8 %; two teams now use "
        "the screen migration guide I wrote."
    ),
    # Part of the thought is true (nobody has named the gap): the record ends in an action.
    next_step="act",
    action={
        "what": "Ask my manager which senior behaviours I'm missing",
        "done_when": "I have a written list of the behaviours, with one example of each.",
        "due": "2027-01-29",
    },
    balanced_thought=(
        "'Meets' says I do my level's work well. What I lack is knowing what the reviewers look "
        "for, and I can ask."
    ),
    balanced_strength=60,
    strength_after=50,
)

ENGLISH = ThoughtRecord(
    status="complete",
    prompt_id="english_not_good_enough",
    recorded_on="2027-01-19",
    situation="Stayed quiet in the architecture sync while someone proposed my own caching idea.",
    belief="My English is not good enough to argue for a design in front of senior people.",
    strength_before=70,
    emotions=[{"name": "ashamed", "intensity": 55}],
    distortions=["discounting_positive", "fortune_telling"],
    evidence_for="I search for words when I am challenged, and then I stop talking.",
    evidence_against=(
        "My written design for the image cache was approved with one comment; people follow my "
        "pull-request reviews without asking me to explain them again."
    ),
    balanced_thought=(
        "I argue well in writing. Speaking needs preparation, so I bring three sentences written "
        "down before a design review."
    ),
    balanced_strength=55,
    strength_after=45,
    experiment={
        "plan": "Present the image cache design myself at the next design review.",
        "due": "2027-02-12",
        "outcome": "Presented for ten minutes with my three sentences; answered two questions.",
    },
    reratings=[{"on": "2027-02-15", "strength": 35, "note": "after presenting the design"}],
)


def thought_records(journal: Journal) -> None:
    save(journal, "2027-01-12", MEETS, "tr-meets")
    # What workbook 01 adds to the plan when a record ends in an action; ticked for the
    # manager's copy, as the engineer did.
    save(
        journal,
        "2027-01-12",
        Action(
            **MEETS.action.model_dump(),
            why=f'The evidence supports the thought "{belief_label(MEETS)}" '
            "(thought record of 2027-01-12, workbook 01).",
            source="belief:tr-meets",
            created_on="2027-01-12",
            manager_sees=True,
        ),
        "action-ask-manager",
    )
    save(journal, "2027-01-19", ENGLISH, "tr-english")


# -- workbook 02 ---------------------------------------------------------------------------------

RATINGS = {
    "client_platform": ("senior", "senior", "Owner of the app's navigation and offline cache.", 4),
    "client_performance": ("senior", "senior", "Crash-free sessions 99.6 % to 99.8 %.", 4),
    "scope_autonomy": ("mid", "senior", "I deliver what the lead scopes; I rarely scope.", 3),
    "system_design": ("mid", "senior", "Designed the image cache; never a whole app area.", 2),
    "code_quality": ("senior", "senior", "Main reviewer for the mobile repository.", 4),
    "ownership_incidents": ("mid", "senior", "Fixed crashes, but did not lead an incident.", 3),
    "execution_delivery": ("mid", "senior", "40 screens migrated with no rollback.", 3),
    "product_judgment": ("mid", "senior", "I ask designers why, but late.", 3),
    "communication": ("mid", "senior", "Clear in writing; quiet in meetings.", 3),
    "influence": ("mid", "senior", "Two teams use my migration guide.", 3),
    "mentoring": ("mid", "senior", "Onboarded one new mobile engineer.", 3),
    "process_hiring": ("mid", "mid", "Reviewed take-home exercises twice.", 2),
}


def competencies(journal: Journal) -> None:
    ratings = {
        cid: {"current": current, "target": target, "evidence": evidence, "confidence": conf}
        for cid, (current, target, evidence, conf) in RATINGS.items()
    }
    save(
        journal,
        "2027-01-14",
        CompetencyAssessment(framework_id=TRACK, ratings=ratings),
        CompetencyAssessment.entry_id(TRACK),
    )
    save(
        journal,
        "2027-01-14",
        CompetencySnapshot(
            framework_id=TRACK,
            taken_on="2027-01-14",
            ratings={
                c: {"current": r["current"], "target": r["target"]} for c, r in ratings.items()
            },
        ),
        f"snapshot-{TRACK}-2027-01-14",
    )


# -- workbook 03 ---------------------------------------------------------------------------------

CRASHES = Project(
    name="Crash-free app releases",
    goal="Stop the Android app crashing on older phones after each release.",
    role="Found the two main crash causes, fixed them and added the release crash gate.",
    team_size=5,
    stack="React Native, Kotlin, Sentry-style crash reports",
    started="2026-03-02",
    ended="2026-07-31",
    impact="Crash-free sessions went from 99.6 % to 99.8 % over three releases.",
)
MIGRATION = Project(
    name="Design system migration",
    goal="Move the app's screens to the new design system without breaking any flow.",
    role="Planned the order of screens, wrote the migration guide and migrated most screens.",
    team_size=3,
    stack="React Native, TypeScript, Storybook",
    started="2026-08-03",
    ended="2026-12-18",
    impact="40 screens migrated in four months with no rollback.",
)


def projects(journal: Journal) -> None:
    drill = {
        "problem": answer("Older Android phones crashed after each release; ratings fell.", 4),
        "your_role": answer("I found the causes and built the crash gate; QA tested.", 4),
        "fm_field_metrics": answer(
            "Crash-free sessions, per release and per OS version, from the crash reports.", 4
        ),
        "alternatives": answer("We thought about dropping old Android versions.", 2, True),
    }
    save(journal, "2027-01-20", CRASHES, "project-crashes")
    save(journal, "2027-01-21", revised(CRASHES, {"drill": drill}), "project-crashes")
    depth = {
        "numbers": [
            {
                "metric": "Crash-free sessions",
                "unit": "%",
                "baseline": {"value": 99.6, "source": "crash reports, March 2026"},
                "target": {"value": 99.8, "source": "team goal"},
                "actual": {"value": 99.8, "source": "crash reports, July 2026"},
            }
        ],
    }
    save(
        journal, "2027-01-26", revised(CRASHES, {"drill": drill, "depth": depth}), "project-crashes"
    )
    migration_drill = {
        "rollout_risks": answer("Each screen behind a flag; old screen kept for one release.", 4),
        "fm_accessibility": answer("Checked screen reader labels on every migrated screen.", 3),
    }
    save(journal, "2027-01-27", revised(MIGRATION, {"drill": migration_drill}), "project-migration")


STORIES = {
    "story-crash-gate": (
        "2027-01-28",
        {
            "title": "The release crash gate",
            "headline": "I stopped releases that raised crashes, and crash-free sessions rose.",
            "clarity": 4,
            "project_id": "project-crashes",
            "situation": "Every release raised crashes on older Android phones.",
            "task": "Find why, and keep it from happening again.",
            "action": "Grouped the crash reports by OS version; fixed two causes; added a gate.",
            "result": "Crash-free sessions from 99.6 % to 99.8 %.",
            "learning": "A number in the release checklist beats a reminder.",
            "competencies": ["client_performance", "ownership_incidents"],
            "story_types": ["biggest_impact", "initiative"],
        },
    ),
    "story-migration": (
        "2027-02-02",
        {
            "title": "Forty screens, no rollback",
            "headline": "I planned the migration screen by screen: nothing was rolled back.",
            "clarity": 3,
            "project_id": "project-migration",
            "situation": "The new design system had to reach 40 screens before the spring release.",
            "task": "Migrate without breaking a flow.",
            "action": "Ordered screens by risk, each behind a flag; wrote a guide for two teams.",
            "result": "40 screens migrated, no rollback; two teams migrated theirs with my guide.",
            "learning": "Write the guide before the second screen, not after the tenth.",
            "competencies": ["execution_delivery", "influence"],
            "story_types": ["tradeoff", "influence"],
        },
    ),
}


def stories(journal: Journal) -> None:
    for story_id, (day, data) in STORIES.items():
        save(journal, day, Story(**data), story_id)


# -- workbook 04 ---------------------------------------------------------------------------------


def design_sessions(journal: Journal) -> None:
    save(
        journal,
        "2027-02-06",
        DesignSession(
            prompt_id="offline_sync",
            practised_on="2027-02-06",
            sections=notes(
                requirements=(5, "Field staff edit jobs offline; sync within a minute online."),
                fm_architecture=(8, "Local store, sync queue, background worker."),
                fm_data_model=(6, "Jobs with a version number; changes as a log."),
                fm_deep_dive=(10, "Conflicts: last writer wins per field, shown to the user."),
            ),
            self_scores={
                "driving": 2,
                "fm_requirements": 3,
                "fm_client_design": 3,
                "fm_tradeoffs": 2,
                "clarity": 2,
            },
            reflection="Spent too long on conflicts; say the decision first, then why.",
        ),
        "design-2027-02-06",
    )


# -- workbook 05 ---------------------------------------------------------------------------------


def plan(journal: Journal) -> None:
    save(
        journal,
        "2027-01-15",
        Action(
            what="Lead the design review of the offline sync work",
            why="Senior engineers here lead designs end to end; I have not yet.",
            source="gap:frontend_mobile.system_design",
            done_when="I wrote the design, ran the review and closed every comment.",
            due="2027-03-19",
            status="in_progress",
            created_on="2027-01-15",
        ),
        "action-lead-review",
    )
    mentor = Action(
        what="Mentor the new mobile engineer through her first release",
        why="Mentoring is one of the senior behaviours on our ladder.",
        source="gap:frontend_mobile.mentoring",
        done_when="She shipped a release on her own and we wrote down what she learned.",
        due="2027-02-26",
        created_on="2027-01-15",
    )
    save(journal, "2027-01-15", mentor, "action-mentor")
    save(journal, "2027-02-26", revised(mentor, {"status": "done"}), "action-mentor")
    save(
        journal,
        "2027-01-16",
        Action(
            what="Take the incident lead role once and write its review",
            why="I fix crashes but have not led an incident.",
            source="gap:frontend_mobile.ownership_incidents",
            done_when="I led one incident and shared its written review with the team.",
            due="2027-04-02",
            created_on="2027-01-16",
        ),
        "action-incident",
    )
    save(
        journal,
        "2027-01-16",
        ManagerSupport(
            needs=(
                "Tell me which senior behaviours you do not see in my work yet.\n"
                "The offline sync design to lead, from the first document to the review.\n"
                "A word with the reviewers about the crash-rate work before calibration."
            ),
        ),
    )


CHECKINS = [
    ("2027-01-11", 4, 2.0, "Wrote my profile and the 'meets' thought record.", "", "Rate myself."),
    ("2027-01-18", 5, 3.0, "Asked Dana for the senior behaviours.", "A busy release.", "Stories."),
    ("2027-01-25", 5, 3.5, "Crash gate story written.", "", "Design practice."),
    ("2027-02-01", 6, 4.0, "Mentee shipped a fix alone.", "Meetings in English.", "Sync design."),
    ("2027-02-08", 6, 3.0, "Offline sync design practised.", "", "Present the image cache."),
    ("2027-02-15", 7, 2.5, "Presented the image cache design.", "", "Lead the sync review."),
]


def checkins(journal: Journal) -> None:
    for week, confidence, hours, wins, blockers, focus in CHECKINS:
        record = Checkin(
            week_of=week,
            confidence=confidence,
            hours=hours,
            wins=wins,
            blockers=blockers,
            next_focus=focus,
        )
        save(journal, week, record, f"checkin-{week}")


def build(path: Path) -> dict:
    """The persona's journal at ``path``, and its export."""
    with Journal(path) as journal:
        profile(journal)
        thought_records(journal)
        competencies(journal)
        projects(journal)
        stories(journal)
        design_sessions(journal)
        plan(journal)
        checkins(journal)
        return export_journal(journal)


def main() -> Path:
    with tempfile.TemporaryDirectory(prefix="stepup-persona-") as folder:
        document = build(Path(folder) / "promotion.sqlite")
    PERSONA_PATH.write_text(dumps(document), encoding="utf-8")
    return PERSONA_PATH


if __name__ == "__main__":
    print(f"wrote {main()}")
