"""Build ``seeds/personas/software.json``: Jonas, an invented backend engineer on the software
track.

Five years of Go and PostgreSQL on a payments team, mid-level, avoids design reviews, a system
design round three weeks after his last answer. Every workbook has answers, saved day by day
through the journal API (the date pinned per save), then exported. Run it again after a record
model changes: ``.venv/bin/python -m tests.build_software_persona``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from unittest import mock

from widgets.content.resources import seeds_dir
from widgets.readers.beliefs import belief_label
from widgets.storage.clock import TODAY_ENV
from widgets.storage.journal import Journal
from widgets.storage.records import (
    Action,
    Checkin,
    CoachAssessment,
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

PERSONA_PATH = seeds_dir() / "personas" / "software.json"
COACH = "Marta (coach)"


def save(journal: Journal, day: str, record, entry_id: str | None = None) -> None:
    """Save as on ``day``: the journal stamps noon UTC of the pinned date."""
    with mock.patch.dict(os.environ, {TODAY_ENV: day}):
        journal.save(record, entry_id)


def revised(record, changes: dict):
    """A later version of ``record``, validated like any answer (model_copy would not)."""
    return type(record).model_validate({**record.model_dump(), **changes})


WORRIES_FIRST = (
    "I have never designed a system from a blank page. Five years of Go and PostgreSQL on "
    "payments, but I extend services other people designed, and I skip design reviews because I "
    "go blank when someone asks why."
)
WORRIES_LATER = (
    WORRIES_FIRST + " The system design round at Contoso Pay is in three weeks and I still run out "
    "of time before failures and operations."
)
INTERVIEWS = [
    {"company": "Contoso Pay", "level": "Senior Backend Engineer", "date": "2026-12-10"},
    {
        "company": "Fabrikam Logistics",
        "level": "Senior Software Engineer (L5)",
        "date": "2027-01-14",
    },
]


def profile(journal: Journal) -> None:
    base = {
        "alias": "Jonas",
        "track": "software",
        "years_experience": 5,
        "current_level": "mid",
        "target_level": "senior",
        "target_date": "2027-02-26",
    }
    save(journal, "2026-09-28", Profile(**base, worries=WORRIES_FIRST))
    save(journal, "2026-10-20", Profile(**base, worries=WORRIES_FIRST, interviews=INTERVIEWS))
    save(journal, "2026-11-19", Profile(**base, worries=WORRIES_LATER, interviews=INTERVIEWS))


# -- workbook 01 ---------------------------------------------------------------------------------

FREEZE = {
    "prompt_id": "should_know_more",
    "recorded_on": "2026-09-29",
    "situation": (
        "Skipped the design review of the refunds service again and sent comments in writing "
        "afterwards."
    ),
    "belief": (
        "I'll freeze in the design round because I have never designed a system from scratch."
    ),
    "strength_before": 80,
    "emotions": [{"name": "anxious", "intensity": 70}, {"name": "ashamed", "intensity": 45}],
    "distortions": ["fortune_telling", "labeling", "discounting_positive"],
    "evidence_for": (
        "I avoid design reviews. The idempotency-key design was mine, but I presented it in a "
        "document, never out loud."
    ),
    "evidence_against": (
        "I designed the idempotency-key table and the retry path that ended double charges. I "
        "answer on-call questions about the ledger every week. Freezing in a review is a habit of "
        "avoiding them, not proof I cannot design."
    ),
    "balanced_thought": (
        "I have designed parts of a payments system that run in production. What I lack is "
        "practice explaining a design out loud under questions, and that I can practise in three "
        "weeks."
    ),
    "balanced_strength": 60,
    "strength_after": 60,
}


def thought_records(journal: Journal) -> None:
    freeze = ThoughtRecord(**FREEZE, status="complete")
    save(journal, "2026-09-29", freeze, "tr-freeze-in-design")
    plan = {
        "plan": (
            "Present the settlement reconciliation design at the team's design review instead of "
            "sending a document."
        ),
        "due": "2026-10-16",
    }
    freeze = revised(freeze, {"experiment": plan})
    save(journal, "2026-10-03", freeze, "tr-freeze-in-design")
    outcome = (
        "Presented for 15 minutes. Two hard questions on late settlement files; I answered one "
        "and took the other away. Nobody thought less of me."
    )
    freeze = revised(
        freeze,
        {
            "experiment": {**plan, "outcome": outcome},
            "reratings": [
                {"on": "2026-10-16", "strength": 50, "note": "after presenting at the review"}
            ],
        },
    )
    save(journal, "2026-10-16", freeze, "tr-freeze-in-design")
    later = {"on": "2026-11-14", "strength": 40, "note": "after a timed ledger design"}
    freeze = revised(freeze, {"reratings": [*freeze.model_dump()["reratings"], later]})
    save(journal, "2026-11-14", freeze, "tr-freeze-in-design")

    grown = ThoughtRecord(
        status="complete",
        prompt_id="not_grown_enough",
        recorded_on="2026-10-07",
        situation="Calibration result: 'meets expectations' for the third cycle in a row.",
        belief="Five years on the same payments services: I haven't grown enough for senior.",
        strength_before=70,
        emotions=[{"name": "discouraged", "intensity": 65}],
        distortions=["all_or_nothing", "mental_filter"],
        evidence_for=(
            "Same team and same services for five years; no promotion in the last two cycles."
        ),
        evidence_against=(
            "I took over on-call for the ledger, cut duplicate charges to zero, and new engineers "
            "come to me with PostgreSQL locking questions."
        ),
        # Part of the thought is true (nothing visible beyond the team): the record ends in an
        # action.
        next_step="act",
        action={
            "what": "Give my PostgreSQL locking guide as a talk at the platform guild",
            "done_when": "I have given the talk and asked two teams what they changed after it.",
            "due": "2026-12-04",
        },
        balanced_thought=(
            "My scope grew inside one area. The gap is visible influence beyond my team, which is "
            "a specific thing to work on."
        ),
        balanced_strength=55,
        strength_after=55,
        experiment={
            "plan": (
                "Ask my lead which of my changes from the last year she would call senior-level "
                "work, and why."
            ),
            "due": "2026-11-27",
        },
    )
    save(journal, "2026-10-07", grown, "tr-not-grown")
    # What workbook 01 adds to the plan when a record ends in an action (forms/thought_record.py).
    save(
        journal,
        "2026-10-07",
        Action(
            **grown.action.model_dump(),
            why=f'The evidence supports the thought "{belief_label(grown)}" '
            "(thought record of 2026-10-07, workbook 01).",
            source="belief:tr-not-grown",
            created_on="2026-10-07",
        ),
        "action-locking-talk",
    )
    save(
        journal,
        "2026-11-09",
        revised(
            grown, {"reratings": [{"on": "2026-11-09", "strength": 50, "note": "one month on"}]}
        ),
        "tr-not-grown",
    )

    draft = ThoughtRecord(
        prompt_id="one_question_doubt",
        recorded_on="2026-11-17",
        situation="Read that Contoso's round may go deep on consistency.",
        belief="If I can't answer one question about consistency, they'll fail me.",
        strength_before=65,
    )
    save(journal, "2026-11-17", draft, "tr-one-question")


# -- workbook 02 ---------------------------------------------------------------------------------

RATINGS = {
    "scope_autonomy": (
        "mid",
        "senior",
        "Owned the idempotency work end to end once the lead scoped it.",
        3,
    ),
    "system_design": (
        "mid",
        "senior",
        "Designed the idempotency-key table and the reconciliation job; never a whole service.",
        2,
    ),
    "code_quality": (
        "senior",
        "senior",
        "Go reviewer for the payments services; wrote the team's PostgreSQL locking guide.",
        4,
    ),
    "ownership_incidents": (
        "senior",
        "senior",
        "Led the double-charge incident and its postmortem; on-call for the ledger.",
        4,
    ),
    "execution_delivery": (
        "mid",
        "senior",
        "Delivered both projects on time; did not plan the milestones myself.",
        3,
    ),
    "product_judgment": (
        "mid",
        "senior",
        "Argued for refund latency limits with support, once.",
        2,
    ),
    "communication": ("mid", "senior", "Clear in writing; I avoid speaking in design reviews.", 3),
    "influence": ("junior", "senior", "Little outside the team so far.", 3),
    "mentoring": ("mid", "senior", "Onboarded one new engineer on Go and our deploy process.", 3),
    "process_hiring": ("mid", "mid", "Shadowed two coding interviews.", 2),
}


def competencies(journal: Journal) -> None:
    first = {
        cid: {"current": current, "target": target, "evidence": evidence, "confidence": conf}
        for cid, (current, target, evidence, conf) in RATINGS.items()
    }
    first["communication"]["current"] = "junior"
    assessment_id = CompetencyAssessment.entry_id("software")
    save(
        journal,
        "2026-09-30",
        CompetencyAssessment(framework_id="software", ratings=first),
        assessment_id,
    )
    save(
        journal,
        "2026-09-30",
        CompetencySnapshot(
            framework_id="software",
            taken_on="2026-09-30",
            ratings={
                cid: {"current": r["current"], "target": r["target"]} for cid, r in first.items()
            },
        ),
        "snapshot-software-2026-09-30",
    )
    later = {cid: dict(r) for cid, r in first.items()}
    later["communication"].update(
        current="mid",
        evidence="Presented the reconciliation design at the team review; clear in writing.",
    )
    save(
        journal,
        "2026-11-17",
        CompetencyAssessment(framework_id="software", ratings=later),
        assessment_id,
    )
    coach_levels = {
        "system_design": (
            "mid",
            "Knows the parts well; practise leading with requirements and numbers.",
        ),
        "ownership_incidents": ("senior", "The double-charge postmortem is senior work."),
        "communication": ("mid", "Writing is senior; speaking up in reviews is the gap."),
        "influence": (
            "mid",
            "The locking guide is read by other teams: that is influence, count it.",
        ),
        "scope_autonomy": ("senior", "He ran the reconciliation project without a lead."),
    }
    save(
        journal,
        "2026-11-17",
        CoachAssessment(
            framework_id="software",
            rater=COACH,
            rated_on="2026-11-17",
            ratings={
                cid: {"level": level, "note": note} for cid, (level, note) in coach_levels.items()
            },
        ),
        "coach-software-marta",
    )
    save(
        journal,
        "2026-11-17",
        CompetencySnapshot(
            framework_id="software",
            taken_on="2026-11-17",
            ratings={
                cid: {
                    "current": r["current"],
                    "target": r["target"],
                    "coach": coach_levels.get(cid, (None,))[0],
                }
                for cid, r in later.items()
            },
        ),
        "snapshot-software-2026-11-17",
    )


# -- workbook 03 ---------------------------------------------------------------------------------


def answer(text: str, confidence: int, research: bool = False) -> dict:
    return {"answer": text, "confidence": confidence, "needs_research": research}


IDEMPOTENCY = Project(
    name="Idempotent payment retries",
    goal="Stop double charges when merchants' clients retry a payment request after a timeout.",
    role=(
        "Designed the idempotency-key table and the retry path; wrote most of the Go code and the "
        "migration."
    ),
    team_size=4,
    stack="Go, PostgreSQL, Kafka",
    started="2024-03-04",
    ended="2024-07-26",
    impact=(
        "Duplicate charges fell from about 40 a month to none in the six months after launch; "
        "double-charge support tickets fell by about 90%."
    ),
)
RECONCILIATION = Project(
    name="Settlement reconciliation job",
    goal=(
        "Match every ledger entry against the acquirer's daily settlement file and flag the "
        "differences before finance closes the day."
    ),
    role=(
        "Owned it: design, implementation, rollout and the runbook; one reviewer from finance "
        "engineering."
    ),
    team_size=2,
    stack="Go, PostgreSQL, S3",
    started="2025-02-10",
    ended="2025-05-30",
    impact=(
        "Finance stopped reconciling by spreadsheet; unexplained differences found the next "
        "morning instead of at month end."
    ),
)


def projects(journal: Journal) -> None:
    save(journal, "2026-10-10", IDEMPOTENCY, "project-idempotency")
    drill = {
        "problem": answer(
            "Clients retried after our 30-second timeout while the first request was still "
            "running, so a payment could be captured twice.",
            4,
        ),
        "your_role": answer(
            "I proposed idempotency keys, designed the table and the state machine, and wrote the "
            "migration; my lead reviewed the design.",
            4,
        ),
        "architecture": answer(
            "The API stores the key with the request hash in the same PostgreSQL transaction as "
            "the payment row; a retry reads the stored outcome instead of charging again.",
            4,
        ),
        "alternatives": answer(
            "We looked at deduplicating in Kafka consumers. I don't remember well why we rejected "
            "it beyond 'too late in the flow'.",
            2,
            True,
        ),
        "metrics": answer(
            "Duplicate captures per month, and p99 latency of the payment endpoint (must not rise "
            "by more than 5 ms).",
            3,
        ),
        "failures_incidents": answer(
            "A key reused with a different body returns 422; keys expire after 24 hours; we had "
            "one incident where the expiry job locked the table.",
            3,
        ),
    }
    save(
        journal,
        "2026-10-11",
        revised(IDEMPOTENCY, {"drill": drill}),
        "project-idempotency",
    )
    drill_two = {
        "problem": answer(
            "Finance matched ledger entries to settlement files by hand once a month; errors "
            "surfaced weeks late.",
            4,
        ),
        "goals_constraints": answer(
            "Finish before 07:00 every day, never change the ledger, and explain each difference "
            "in words finance can use.",
            4,
        ),
        "hardest_problem": answer(
            "Late and partial settlement files: the job has to wait, retry and reconcile again "
            "without double-reporting.",
            3,
        ),
        "scale": answer(
            "Millions of rows a day, but I don't know the exact numbers or how long the join "
            "takes now.",
            2,
            True,
        ),
        "rollout_risks": answer(
            "Ran beside the spreadsheet for a month and compared results before finance switched.",
            4,
        ),
        "cross_team": answer(
            "Agreed the difference categories with finance engineering; the acquirer's file "
            "format changed twice.",
            3,
        ),
    }
    save(
        journal,
        "2026-10-18",
        revised(RECONCILIATION, {"drill": drill_two}),
        "project-reconciliation",
    )
    # Workbook 03's depth recovery, after the research flag on "why this design".
    recovered = journal.record("project", "project-idempotency")
    save(
        journal,
        "2026-10-25",
        revised(recovered, {"depth": IDEMPOTENCY_DEPTH}),
        "project-idempotency",
    )


IDEMPOTENCY_DEPTH = {
    "artefacts": {
        "design_doc": {
            "reread": True,
            "note": "Idempotency keys design doc, v2, with my lead's review comments.",
        },
        "pull_requests": {
            "reread": True,
            "note": "The migration PR and the retry-path PR in the payments repo.",
        },
        "postmortems": {
            "reread": True,
            "note": "Double-charge incident, February 2024: the reason the project exists.",
        },
        "dashboards": {"reread": False, "note": "Payment endpoint latency panel, launch week."},
    },
    "people": [
        {
            "who": "My former lead",
            "ask": "Why we rejected deduplicating in the Kafka consumers.",
            "learned": (
                "Consumers run after the card is charged: deduplicating there cannot stop the "
                "second charge, only report it."
            ),
        }
    ],
    "numbers": [
        {
            "metric": "Duplicate captures",
            "unit": "per month",
            "baseline": {"value": 40, "source": "support tickets, Jan-Feb 2024"},
            "target": {"value": 0, "source": "design doc goal"},
            "actual": {"value": 0, "source": "ledger reconciliation, six months after launch"},
        },
        {
            "metric": "Payment endpoint latency, p99",
            "unit": "ms",
            "baseline": {"value": 180, "source": "latency panel before launch"},
            "target": {"value": 185, "source": "design doc: at most 5 ms added"},
            "actual": {"value": 183, "source": "latency panel, launch week"},
        },
    ],
    "decisions": [
        {
            "decision": "Store the key in the same transaction as the payment row",
            "alternatives": "Redis with a time-to-live; deduplicating in the Kafka consumers.",
            "why": (
                "Only the same PostgreSQL transaction makes the key and the payment appear "
                "together or not at all."
            ),
            "now": (
                "The same; I would partition the key table by day so expiry is a dropped "
                "partition, not a locking delete."
            ),
        }
    ],
    "not_mine": [
        {
            "part": "The Kafka consumers of the settlement team",
            "steps": {
                "owner": (
                    "I didn't own the consumers; the settlement team did. Where they met my work "
                    "was the payment event the API publishes."
                ),
                "how_it_worked": (
                    "As I understand it, they read payment events and write settlement rows, "
                    "deduplicating by event id."
                ),
                "how_you_know": (
                    "I know this because I reread their runbook and asked their lead in October."
                ),
                "what_you_would_change": (
                    "If I owned them now, I would carry the idempotency key in the event so they "
                    "deduplicate by the same key."
                ),
            },
        }
    ],
}


STORIES = {
    "story-double-charge-incident": (
        "2026-10-12",
        {
            "title": "The night of the double charges",
            "headline": (
                "As on-call I stopped a double-charge incident in 40 minutes and turned the "
                "postmortem into the project that ended double charges."
            ),
            "clarity": 4,
            "project_id": "project-idempotency",
            "situation": (
                "A client SDK release retried every payment after a timeout; support saw double "
                "charges within an hour."
            ),
            "task": "As on-call, stop the double charges and refund the affected customers.",
            "action": (
                "Turned off retries for that SDK version with the API gateway, wrote the refund "
                "query with finance, and led the postmortem."
            ),
            "result": (
                "Stopped within 40 minutes; 212 refunds the same night; the postmortem started "
                "the idempotency-key project."
            ),
            "learning": (
                "Ask what happens when the same request arrives twice before it happens in "
                "production."
            ),
            "competencies": ["ownership_incidents", "system_design"],
            "story_types": ["incident"],
        },
    ),
    "story-shared-table": (
        "2026-10-13",
        {
            "title": "Pushing back on a shared payments table",
            "headline": (
                "I settled a dispute with the risk team by measuring lock contention, and we "
                "chose a replica both teams could live with."
            ),
            "clarity": 3,
            "project_id": "project-reconciliation",
            "situation": (
                "The risk team wanted to read the ledger tables directly for their checks."
            ),
            "task": "Protect the ledger's locking behaviour without blocking the risk team.",
            "action": (
                "Wrote a one-page comparison of direct reads, a read replica and a change-data "
                "stream, with the lock contention I had measured."
            ),
            "result": (
                "We agreed on the replica; no ledger slowdowns since, and the risk team shipped "
                "on time."
            ),
            "learning": "A measured number settles an argument faster than an opinion.",
            "competencies": ["influence", "communication"],
            "story_types": ["conflict", "influence"],
        },
    ),
    "story-onboarding": (
        "2026-10-19",
        {
            "title": "Getting a new engineer on call in six weeks",
            "headline": (
                "I got a new engineer ready for on-call in six weeks by pairing first and then "
                "stepping back on purpose."
            ),
            "clarity": 4,
            "project_id": None,
            "situation": (
                "A new engineer joined from a Java team and had to join the on-call rota in six "
                "weeks."
            ),
            "task": "Get him ready without taking his first incidents for him.",
            "action": (
                "Paired on two small Go changes, then reviewed only; shadowed on-call together "
                "for a week."
            ),
            "result": "He handled his first page alone in week six and now writes our runbooks.",
            "learning": "Pair first, then step back on purpose.",
            "competencies": ["mentoring"],
            "story_types": ["mentoring"],
        },
    ),
    "story-late-files": (
        "2026-11-03",
        {
            "title": "When settlement files arrived late",
            "headline": (
                "When the acquirer's files came late, I chose a marked partial report over a late "
                "one, and finance closed on time."
            ),
            "clarity": 2,
            "project_id": "project-reconciliation",
            "situation": (
                "Two weeks after launch the acquirer's file arrived after our 07:00 deadline."
            ),
            "task": "Decide whether to delay finance's morning report or publish a partial one.",
            "action": (
                "Published a partial report marked as such, re-ran at noon, and agreed with "
                "finance which differences could wait."
            ),
            "result": "Finance closed on time; late files are now a normal case in the runbook.",
            "learning": "Decide the degraded mode before launch, not during it.",
            "competencies": ["execution_delivery", "product_judgment"],
            "story_types": ["tradeoff", "ambiguity"],
        },
    ),
}


def stories(journal: Journal) -> None:
    for story_id, (day, data) in STORIES.items():
        save(journal, day, Story(**data), story_id)


# -- workbook 04 ---------------------------------------------------------------------------------


def notes(**minutes_and_notes: tuple[int, str]) -> dict:
    return {step: {"minutes": m, "notes": n} for step, (m, n) in minutes_and_notes.items()}


def design_sessions(journal: Journal) -> None:
    save(
        journal,
        "2026-10-10",
        DesignSession(
            prompt_id="payment_ledger",
            practised_on="2026-10-10",
            sections=notes(
                requirements=(6, "Record every money movement; balances per account; audit."),
                api=(4, "POST /transfers with an idempotency key; GET /accounts/{id}/balance."),
                data_model=(9, "Entries table, append-only; accounts; balances derived."),
                high_level=(12, "API, ledger service, PostgreSQL primary and replica."),
                deep_dive=(14, "Double entry in one transaction."),
            ),
            self_scores={
                "driving": 2,
                "requirements_scope": 2,
                "apis_and_data": 3,
                "tradeoffs_software": 2,
                "failure_modes_software": 1,  # never reached failures: below the mid-level line
                "clarity": 2,
            },
            reflection=(
                "Spent 14 minutes on the data model and never reached failures or reconciliation. "
                "Put numbers on the requirements first."
            ),
        ),
        "design-2026-10-10",
    )
    save(
        journal,
        "2026-10-24",
        DesignSession(
            prompt_id="rate_limiter",
            practised_on="2026-10-24",
            sections=notes(
                requirements=(4, "Per-client limits, 100k requests a second, under 5 ms added."),
                api=(2, "Middleware; 429 with Retry-After."),
                data_model=(3, "Counter per client and window in Redis."),
                estimates=(3, "1M clients x 16 bytes = 16 MB of counters."),
                high_level=(6, "Gateway calls the limiter; Redis cluster."),
                deep_dive=(9, "Token bucket vs sliding window log."),
                bottlenecks=(4, "Redis down: fail open for paid clients, closed for anonymous."),
            ),
            self_scores={
                "driving": 2,
                "requirements_scope": 3,
                "apis_and_data": 3,
                "tradeoffs_software": 3,
                "failure_modes_software": 2,
                "clarity": 2,
            },
            reflection="Reached failures this time. Still explained before drawing.",
        ),
        "design-2026-10-24",
    )
    save(
        journal,
        "2026-11-07",
        DesignSession(
            prompt_id="job_queue",
            practised_on="2026-11-07",
            sections=notes(
                requirements=(4, "At-least-once, delayed jobs, per-team fairness."),
                api=(3, "enqueue(job, run_at, idempotency_key); status."),
                data_model=(4, "Jobs table with lease_until; partitioned by team."),
                estimates=(3, "50M jobs a day = about 600 a second."),
                high_level=(6, "Dispatcher, workers, PostgreSQL SKIP LOCKED, dead letters."),
                deep_dive=(8, "Leases and what happens when a worker dies mid-job."),
                bottlenecks=(4, "Hot team starving others; retries with back-off."),
                observability=(2, "Queue age per team; alert on dead-letter growth."),
            ),
            self_scores={
                "driving": 3,
                "requirements_scope": 3,
                "apis_and_data": 3,
                "tradeoffs_software": 3,
                "failure_modes_software": 3,
                "operations": 2,
                "clarity": 2,
            },
            reflection="First time inside 38 minutes. Drew the diagram late again.",
        ),
        "design-2026-11-07",
    )
    practised = DesignSession(
        prompt_id="notification_service",
        practised_on="2026-11-15",
        sections=notes(
            requirements=(4, "Push, email and SMS; 10M users; quiet hours."),
            api=(3, "send(user or group, template, priority)."),
            data_model=(4, "Preferences per user; delivery log keyed by message id."),
            estimates=(3, "Peak 20k sends a second for a group of 5M."),
            high_level=(6, "Fan-out workers per channel behind a queue."),
            deep_dive=(7, "Idempotent consumers; provider retries; dead letters."),
            bottlenecks=(4, "SMS provider outage: fail over, then delay low priority."),
            observability=(2, "Delivery rate per channel; provider error SLO."),
            iteration=(2, "Digest mode for noisy senders."),
        ),
        self_scores={
            "driving": 3,
            "requirements_scope": 3,
            "apis_and_data": 3,
            "tradeoffs_software": 3,
            "failure_modes_software": 3,
            "operations": 3,
            "clarity": 2,
        },
        reflection=(
            "Drew first this time; Marta says my decisions still come after long reasoning. State "
            "the decision, then why."
        ),
    )
    save(journal, "2026-11-15", practised, "design-2026-11-15")
    save(
        journal,
        "2026-11-16",
        revised(
            practised,
            {
                "coach_rater": COACH,
                "coach_scores": {
                    "driving": 3,
                    "requirements_scope": 3,
                    "apis_and_data": 3,
                    "tradeoffs_software": 2,
                    "failure_modes_software": 3,
                    "operations": 3,
                    "clarity": 2,
                },
            },
        ),
        "design-2026-11-15",
    )


# -- workbook 05 ---------------------------------------------------------------------------------


def plan(journal: Journal) -> None:
    review = Action(
        what="Present one design at the team's design review",
        why="Tests the belief that I'll freeze when asked why (workbook 01).",
        source="experiment:tr-freeze-in-design",
        done_when="I have presented and answered the questions live.",
        due="2026-10-16",
        created_on="2026-10-03",
    )
    save(journal, "2026-10-03", review, "action-design-review")
    save(journal, "2026-10-16", revised(review, {"status": "done"}), "action-design-review")
    save(
        journal,
        "2026-10-12",
        Action(
            what='Prepare "Why this design" for the Idempotent payment retries deep dive',
            why=(
                "Flagged in workbook 03: I don't remember why we rejected deduplicating in the "
                "consumers."
            ),
            source="research:project-idempotency.alternatives",
            done_when="I can answer the probe out loud with confidence 4 or 5.",
            due="2026-11-12",
            status="in_progress",
            created_on="2026-10-12",
            manager_sees=False,  # as accepting the proposal in workbook 05 stores it
        ),
        "action-idempotency-alternatives",
    )
    save(
        journal,
        "2026-11-17",
        Action(
            what="Close the gap in System design",
            why="One level below my target, and every design I lead at senior level depends on it.",
            source="gap:software.system_design",
            done_when=(
                "Two timed designs scored senior on every dimension, one with Marta watching."
            ),
            due="2026-12-03",
            created_on="2026-11-17",
        ),
        "action-system-design",
    )
    # What workbook 05 asks of the manager, for the growth-plan document.
    save(
        journal,
        "2026-11-18",
        ManagerSupport(
            needs=(
                "The design of the next payments service to lead, from the first doc to the "
                "review.\n"
                "A seat in the architecture review once a month, to hear how other teams argue "
                "designs.\n"
                "Your read of my design docs before they go out, with one thing to cut."
            ),
        ),
    )


CHECKINS = [
    (
        "2026-09-28",
        3,
        2.0,
        "Started the workbooks.",
        "Evenings are short.",
        "Rate myself honestly.",
    ),
    (
        "2026-10-05",
        4,
        4.0,
        "Finished the radar; wrote the freeze thought record.",
        "",
        "First timed design.",
    ),
    (
        "2026-10-12",
        4,
        5.0,
        "Timed ledger design, badly paced but done.",
        "Ran out of time.",
        "Present at the design review.",
    ),
    (
        "2026-10-19",
        5,
        5.5,
        "Presented at the design review.",
        "One question I could not answer.",
        "Rate limiter, with estimates.",
    ),
    (
        "2026-10-26",
        5,
        4.0,
        "Rate limiter reached failures.",
        "Busy on-call week.",
        "Deep-dive answers for the reconciliation job.",
    ),
    ("2026-11-02", 6, 6.0, "Two stories written.", "", "Job queue design in 38 minutes."),
    (
        "2026-11-09",
        6,
        5.0,
        "Job queue inside the time.",
        "Still draw late.",
        "Observed mock with Marta.",
    ),
    (
        "2026-11-16",
        6,
        6.5,
        "Mock with Marta: senior on most dimensions.",
        "Clarity still mid.",
        "Decision first, then reasons.",
    ),
]


def checkins(journal: Journal) -> None:
    for week, confidence, hours, wins, blockers, focus in CHECKINS:
        save(
            journal,
            week,
            Checkin(
                week_of=week,
                confidence=confidence,
                hours=hours,
                wins=wins,
                blockers=blockers,
                next_focus=focus,
            ),
            f"checkin-{week}",
        )


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
        document = build(Path(folder) / "software.sqlite")
    PERSONA_PATH.write_text(dumps(document), encoding="utf-8")
    return PERSONA_PATH


if __name__ == "__main__":
    print(f"wrote {main()}")
