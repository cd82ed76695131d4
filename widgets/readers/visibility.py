"""Who sees each field of each record: the table every copy that leaves the machine is read
through (:mod:`widgets.readers.audience` applies it). A field's readers are a tier of the
audience table (:mod:`widgets.content.audiences`): every audience whose entry sees that tier."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from widgets.content.audiences import Readers

SHARED = Readers("shared")  # every audience whose entry sees the shared tier
PRIVATE = Readers("private")  # preparation and feelings: not the manager's

# kind → field path → who sees it. "*" stands for every key of a mapping or item of a list.
VISIBLE: dict[str, dict[str, AbstractSet[str]]] = {
    "profile": {
        "alias": SHARED,
        "track": SHARED,
        "years_experience": SHARED,
        "current_level": SHARED,
        "target_level": SHARED,
        "target_date": SHARED,
        "interviews": PRIVATE,  # companies interviewing the engineer
        "worries": PRIVATE,
        # Which routes: all but a private one (routes.yaml; see ROUTES_SEEN): whether the engineer
        # also interviews elsewhere is not the manager's.
        "routes": SHARED,
        "promotion_cycle": SHARED,
        "past_ratings": SHARED,
        "manager": SHARED,
        "sponsors": SHARED,
        "coach_role": SHARED,  # who coaches decides what the coach reads (content/coach_roles.py)
        # The language the engineer works in: each document is in its reader's language anyway.
        "language": PRIVATE,
    },
    # Beliefs, emotions and the experiments that test them: for the engineer and the coach.
    "thought_record": {
        name: PRIVATE
        for name in (
            "status",
            "prompt_id",
            "recorded_on",
            "situation",
            "belief",
            "strength_before",
            "emotions",
            "partly_true",
            "distortions",
            "evidence_for",
            "evidence_against",
            "next_step",
            "action",
            "balanced_thought",
            "balanced_strength",
            "strength_after",
            "experiment",
            "reratings",
        )
    },
    "framework": {"framework": SHARED},  # a company ladder the engineer entered
    "competency_assessment": {
        "framework_id": SHARED,
        "ratings.*.current": SHARED,
        "ratings.*.target": SHARED,
        "ratings.*.evidence": SHARED,
        "ratings.*.confidence": PRIVATE,
        "ratings.*.weight": PRIVATE,  # how hard an interview loop probes it
    },
    # A private coach's ratings stay between the engineer and the coach.
    "coach_assessment": {
        "framework_id": PRIVATE,
        "rater": PRIVATE,
        "rated_on": PRIVATE,
        "ratings": PRIVATE,
    },
    "competency_snapshot": {
        "framework_id": SHARED,
        "taken_on": SHARED,
        "ratings.*.current": SHARED,
        "ratings.*.target": SHARED,
        "ratings.*.coach": PRIVATE,
    },
    # The engineer's own work is evidence for a manager too; how ready it is for an interview's
    # probes (answers, confidence, recovering depth) and how well a story is told aloud are not.
    "project": {
        **{
            name: SHARED
            for name in ("name", "goal", "role", "team_size", "stack", "started", "ended", "impact")
        },
        "drill": PRIVATE,
        # The numbers a project moved, with where each came from, are evidence like its impact
        # (the promotion case shows them); the rest of recovering depth is preparation.
        "depth.numbers": SHARED,
        **{f"depth.{name}": PRIVATE for name in ("artefacts", "people", "decisions", "not_mine")},
    },
    "story": {
        **{
            name: SHARED
            for name in (
                "title",
                "project_id",
                "headline",
                "situation",
                "task",
                "action",
                "result",
                "learning",
                "competencies",
            )
        },
        "story_types": PRIVATE,  # the interview's story bank
        "clarity": PRIVATE,
    },
    # Mock design interviews: practice for a loop, and scored by a private coach.
    "design_session": {
        name: PRIVATE
        for name in (
            "prompt_id",
            "own_prompt",
            "practised_on",
            "sections",
            "self_scores",
            "coach_rater",
            "coach_scores",
            "reflection",
        )
    },
    # Estimation drill attempts: practice for a design round, like the sessions above.
    "drill_attempt": {
        name: PRIVATE
        for name in (
            "drill_id",
            "attempted_on",
            "assumptions",
            "estimate",
            "unit",
            "reference",
            "within",
            "after_answer",
        )
    },
    # Spoken rehearsals: the engineer's voice and how the takes went, for the engineer and the
    # coach (who listens to them); a manager's document holds neither the recording nor its figures.
    "rehearsal": {
        name: PRIVATE
        for name in (
            "subject_kind",
            "subject_id",
            "time_box_s",
            "recorded_on",
            "audio",
            "metrics",
            "self_scores",
            "notes",
            "coach_rater",
            "coach_scores",
            "coach_note",
        )
    },
    "action": {
        "what": SHARED,
        "why": SHARED,
        "source": SHARED,
        "done_when": SHARED,
        "due": SHARED,
        "status": SHARED,
        "created_on": SHARED,
        "manager_sees": SHARED,
    },
    # A weekly check-in is a private diary of preparation (mocks, beliefs, the loop's dates).
    "checkin": {
        name: PRIVATE
        for name in ("week_of", "confidence", "hours", "wins", "blockers", "next_focus")
    },
    "manager_support": {"needs": SHARED},
    # The evidence log is written to be shown at work: every field is the manager's too.
    "win": {
        name: SHARED
        for name in (
            "on",
            "what",
            "measure",
            "benefited",
            "competency_id",
            "project_id",
            "story_id",
            "manager_sees",
        )
    },
}
