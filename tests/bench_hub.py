"""Bench rows for issue 18 (a coach's roster, Step Up on JupyterHub): measurements only.

- :func:`bench_roster_page`: the roster of 100 mentees (99 readable, one corrupt: the roster
  test's folder) in Chromium, time to rendered, against one mentee's coach view in the same run
  (target ≤ 2×). The roster is `stepup coach --roster DIR` on 127.0.0.1. The server's readiness
  probe has already read every file once; the first browser loads (the coach view's first one
  builds its page and charts) are reported apart, the rounds measure pages reloaded.
- :func:`bench_roster_during_rebuild` (issue 27): a roster request (HTTP, the page's bytes)
  while a 5 MB snapshot's coach view is being rebuilt, against the same request with no rebuild
  running (target ≤ 2×). Both sides first replace the snapshot (a new modification time), so
  both read its row again; only the rebuild running beside the request differs.
- :func:`bench_hub_coach_pages`: the hub's Step Up service answering 20 coach-page loads at
  once through the hub's proxy (a real JupyterHub from deploy/jupyterhub/, as tests/test_hub.py
  runs it): p50 and p95, the count and the time bounded.

Each returns a dict of results for tests/bench.py's run record; run alone with
``python -m tests.bench_hub [--rounds N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from widgets.content.resources import demo_persona_path
from widgets.hub_client import hub_target, send_to_hub
from widgets.readers.share import build_share
from widgets.storage.journal import Journal
from widgets.storage.transfer import dumps, import_journal

from .hub_servers import programme_hub
from .servers import stepup_server

ROSTER_TARGET = 2.0  # the roster of 100 may take at most twice one coach view
REBUILD_TARGET = 2.0  # a roster request during a rebuild may take at most twice one without
REBUILD_COPIES = 6  # tests/journal_gen.grown_document: a snapshot of about 5 MB
CONCURRENT = 20
CONCURRENT_TIMEOUT_S = 60  # one load slower than this fails the row


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def roster_folder(folder: Path) -> Path:
    """The roster test's hundred mentees: odd ones as journals, even ones as snapshots, one
    corrupt (tests/test_roster.py's folder)."""
    from .test_roster import build_roster

    (folder / "roster").mkdir()
    (folder / "journals").mkdir()
    return build_roster(folder / "roster", folder / "journals")


def bench_roster_page(browser, rounds: int = 5) -> dict:
    """Seconds until the roster of 100 is rendered, and one coach view, in one Chromium."""
    with tempfile.TemporaryDirectory(prefix="stepup-bench-roster-") as work:
        folder = roster_folder(Path(work))
        log = Path(work) / "roster.log"
        with stepup_server(["coach", "--roster", str(folder), "--no-browser"], {}, log) as server:
            context = browser.new_context()
            page = context.new_page()
            page.set_default_timeout(120_000)

            def rendered(path: str, selector: str) -> float:
                start = time.perf_counter()
                page.goto(server.url(path))
                page.wait_for_selector(selector)
                return time.perf_counter() - start

            first_roster = rendered("/", "table.stepup-table tbody tr")
            first_view = rendered("/mentee/mentee-002.json", "main h1")
            rosters, views = [], []
            for turn in range(rounds):  # alternated, so a slow moment hits both alike
                order = ("roster", "view") if turn % 2 == 0 else ("view", "roster")
                for which in order:
                    if which == "roster":
                        rosters.append(rendered("/", "table.stepup-table tbody tr"))
                    else:
                        views.append(rendered("/mentee/mentee-002.json", "main h1"))
            context.close()
    roster, view = statistics.median(rosters), statistics.median(views)
    return {
        "mentees": 100,
        "first_roster_s": round(first_roster, 3),
        "first_coach_view_s": round(first_view, 3),
        "roster_s": round(roster, 3),
        "coach_view_s": round(view, 3),
        "ratio": round(roster / view, 2),
        "target": ROSTER_TARGET,
        "met": roster / view <= ROSTER_TARGET,
    }


def bench_roster_during_rebuild(rounds: int = 5) -> dict:
    """Seconds for the roster of 100 (and one 5 MB snapshot) during a rebuild of that
    snapshot's coach view, and without one, interleaved."""
    import os

    from .journal_gen import grown_document

    with tempfile.TemporaryDirectory(prefix="stepup-bench-rebuild-") as work:
        folder = roster_folder(Path(work))
        big = Path(work) / "journals" / "big.sqlite"
        import_journal(json.dumps(grown_document(REBUILD_COPIES)), big)
        with Journal(big, readonly=True) as opened:
            snapshot = folder / "big.json"
            snapshot.write_text(dumps(build_share(opened).document), encoding="utf-8")
        size = snapshot.stat().st_size
        log = Path(work) / "roster.log"
        with stepup_server(["coach", "--roster", str(folder), "--no-browser"], {}, log) as server:

            def fetch(path: str) -> float:
                start = time.perf_counter()
                with urllib.request.urlopen(server.url(path), timeout=120) as response:
                    assert response.status == 200 and response.read()
                return time.perf_counter() - start

            def replaced(turn: int) -> None:
                os.utime(snapshot, ns=(turn * 10**9, turn * 10**9))

            first_rebuild = fetch("/mentee/big.json")
            during, without, rebuilds = [], [], []
            with ThreadPoolExecutor(1) as pool:
                for turn in range(2 * rounds):  # alternated: a slow moment hits both alike
                    replaced(turn)
                    if turn % 2:
                        without.append(fetch("/"))
                        continue
                    rebuild = pool.submit(fetch, "/mentee/big.json")
                    time.sleep(0.3)  # the rebuild has begun in its worker
                    during.append(fetch("/"))
                    assert not rebuild.done(), "the rebuild ended before the roster was asked"
                    rebuilds.append(rebuild.result())
    measured, floor = statistics.median(during), statistics.median(without)
    return {
        "snapshot_bytes": size,
        "first_rebuild_s": round(first_rebuild, 3),
        "rebuild_s": round(statistics.median(rebuilds), 3),
        "during_rebuild_s": round(measured, 3),
        "without_rebuild_s": round(floor, 3),
        "ratio": round(measured / floor, 2),
        "target": REBUILD_TARGET,
        "met": measured / floor <= REBUILD_TARGET,
    }


def bench_hub_coach_pages(loads: int = CONCURRENT) -> dict:
    """``loads`` coach-view loads at once through the hub, with the coach's own token."""
    with tempfile.TemporaryDirectory(prefix="stepup-bench-hub-") as work:
        journal = Path(work) / "alice.sqlite"
        import_journal(demo_persona_path().read_text(encoding="utf-8"), journal)
        with Journal(journal, readonly=True) as opened:
            text = dumps(build_share(opened).document)
        with programme_hub(Path(work) / "hub", auth_cache_seconds=10) as hub:
            alice = hub.token_for("alice", ["access:services!service=stepup"])
            send_to_hub(text, hub_target(hub.service_url, alice, "alice"))
            carol = hub.token_for(
                "carol", ["access:services!service=stepup", "custom:stepup:coach!user=alice"]
            )
            url = hub.base + "/services/stepup/mentee/alice.json"

            def load() -> float:
                request = urllib.request.Request(url, headers={"Authorization": f"token {carol}"})
                start = time.perf_counter()
                with urllib.request.urlopen(request, timeout=CONCURRENT_TIMEOUT_S) as response:
                    body = response.read()
                assert response.status == 200 and b"Coach view" in body
                return time.perf_counter() - start

            first = load()  # the first reading of the snapshot (its coach view built), apart
            began = time.perf_counter()
            with ThreadPoolExecutor(max_workers=loads) as pool:
                times = list(pool.map(lambda _: load(), range(loads)))
            wall = time.perf_counter() - began
    return {
        "first_s": round(first, 3),
        "concurrent": loads,
        "answered": len(times),
        "p50_s": round(_percentile(times, 0.5), 3),
        "p95_s": round(_percentile(times, 0.95), 3),
        "max_s": round(max(times), 3),
        "wall_s": round(wall, 3),
        "bound_s": CONCURRENT_TIMEOUT_S,
    }


def main() -> int:
    from playwright.sync_api import sync_playwright

    from .servers import CHROMIUM, CHROMIUM_ARGS

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            results = {"roster_page": bench_roster_page(browser, args.rounds)}
        finally:
            browser.close()
    results["hub_coach_pages"] = bench_hub_coach_pages()
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
