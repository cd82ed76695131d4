"""A route's privacy is said once (issue 30): its ``tier`` in ``seeds/routes.yaml`` decides both
whether the manager may know the engineer is on it and whether the manager reads its gap
weighting, so the two can never disagree."""

from __future__ import annotations

import yaml

from widgets.content import routes
from widgets.content.audiences import TABLE
from widgets.content.resources import seeds_dir
from widgets.readers.audience import audience_view
from widgets.readers.competencies import gap_weighting
from widgets.storage.journal import Journal
from widgets.storage.records import Profile


def test_routes_yaml_says_a_routes_privacy_once():
    """No route entry keeps a second privacy (a ``private`` flag, or a tier of its weighting)."""
    raw = yaml.safe_load((seeds_dir() / "routes.yaml").read_text(encoding="utf-8"))
    for entry in raw["entries"]:
        assert "private" not in entry, entry["id"]
        assert "tier" not in entry["gap_weighting"], entry["id"]
    assert {r.tier for r in routes.routes().entries} == {"private", "shared"}


def _everyone_may_know(monkeypatch) -> None:
    """Every route's tier made shared, as one edit of routes.yaml would."""
    file = routes.routes()
    shared = tuple(r.model_copy(update={"tier": "shared"}) for r in file.entries)
    monkeypatch.setattr(routes, "routes", lambda: file.model_copy(update={"entries": shared}))


def test_one_tier_decides_the_managers_route_and_weighting(journal_path, monkeypatch):
    """The interview route is private: the manager knows neither it nor its weighting. Made
    shared (its tier alone), the manager knows both at once."""
    both = Profile(routes=list(routes.routes().ids()))
    manager = TABLE["manager"].sees
    with Journal(journal_path) as journal:
        journal.save(both)
        first = routes.of_profile(both)[0]
        assert first.tier not in manager
        seen = audience_view(journal.snapshot(), "manager").record(Profile.kind)
        assert first.id not in seen.routes
        assert gap_weighting(journal, manager) != first.gap_weighting

        _everyone_may_know(monkeypatch)
        seen = audience_view(journal.snapshot(), "manager").record(Profile.kind)
        assert first.id in seen.routes
        assert gap_weighting(journal, manager) == first.gap_weighting
