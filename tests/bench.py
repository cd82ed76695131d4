"""`make bench`: Step Up's speed as ratios against a floor measured in the same run.

Not a test (nothing here fails a build): it prints medians and ratios so an issue's target can
be checked on the machine at hand. Run: ``.venv/bin/python -m tests.bench [--rounds N] [--no-browser]``.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import statistics
import tempfile
import time
from pathlib import Path

LEVELS = ["Junior engineer", "Mid-level engineer", "Senior engineer", "Staff engineer"]
LABELS = [f"Competency {i} with a longer name" for i in range(12)]
SERIES = {
    "current": [2, 1, 2, 3, 2, 1, 2, 2, 1, 2, 3, 2],
    "target": [3] * 12,
    "coach": [2, 2, 3, 3, 2, 2, 2, 2, 2, 3, 3, 2],
    "previous": [1, 1, 2, 2, 2, 1, 2, 1, 1, 2, 2, 2],
}


def median_ms(action, rounds: int) -> float:
    action()  # warm-up: fonts, caches
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def bare_radar_png() -> bytes:
    """The floor: the same 12-spoke, 4-series radar drawn with plain matplotlib Agg calls."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.6, 6.4))
    ax = figure.add_axes((0.17, 0.14, 0.66, 0.72), projection="polar")
    angles = [2 * math.pi * i / 12 for i in range(12)] + [0.0]
    ax.set_xticks(angles[:-1], LABELS, fontsize="small")
    ax.set_yticks(range(1, 5), LEVELS, fontsize="x-small")
    ax.set_ylim(0, 4.25)
    for name, values in SERIES.items():
        ax.plot(angles, values + values[:1], marker="o", label=name)
    ax.fill(angles, SERIES["current"] + SERIES["current"][:1], alpha=0.12)
    figure.legend(loc="lower center", ncols=4)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96)
    return buffer.getvalue()


def bench_radar(rounds: int) -> dict:
    from widgets import charts

    canvas = charts.RadarCanvas(LABELS, LEVELS, list(SERIES))
    moved = dict(SERIES, current=[3] + SERIES["current"][1:])
    flip = [SERIES, moved]
    floor = median_ms(bare_radar_png, rounds)
    redraw = median_ms(lambda: canvas.render(flip.append(flip.pop(0)) or flip[0]), rounds)
    pure = median_ms(lambda: charts.to_png(charts.competency_radar(LABELS, SERIES, LEVELS)), rounds)
    print("Radar, 12 spokes × 4 series (median of", rounds, "rounds)")
    print(f"  floor: bare matplotlib Agg render        {floor:7.1f} ms")
    print(
        f"  form redraw (RadarCanvas.render)         {redraw:7.1f} ms   ratio {redraw / floor:4.2f}×   target ≤ 1.20×"
    )
    print(f"  pure chart (competency_radar + to_png)   {pure:7.1f} ms   ratio {pure / floor:4.2f}×")
    return {
        "floor_ms": round(floor, 2),
        "redraw_ms": round(redraw, 2),
        "redraw_ratio": round(redraw / floor, 3),
        "pure_ms": round(pure, 2),
        "pure_ratio": round(pure / floor, 3),
        "target_ratio": 1.2,
    }


# In the page: when the key goes down (capture phase) and when the radar's image changes.
WATCH_SLIDER = """() => {
    window.__stepup = {down: 0, changed: 0};
    document.addEventListener('keydown', () => { window.__stepup.down = performance.now(); }, true);
    let before = document.querySelector('img.stepup-radar').src;
    new MutationObserver(() => {
        const now = document.querySelector('img.stepup-radar').src;
        if (now !== before) { before = now; window.__stepup.changed = performance.now(); }
    }).observe(document.body, {attributes: true, subtree: true, attributeFilter: ['src']});
}"""


def bench_browser_slider(rounds: int) -> dict:
    """Slider change → new radar image in JupyterLab (headless Chromium, the demo persona)."""
    from playwright.sync_api import sync_playwright

    from widgets.content.resources import demo_persona_path
    from widgets.storage.transfer import import_journal

    from .servers import CHROMIUM, CHROMIUM_ARGS, lab_server, run_all_cells

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        tmp = Path(folder)
        journal = tmp / "journal.sqlite"
        import_journal(demo_persona_path().read_text(encoding="utf-8"), journal)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.set_default_timeout(90_000)
        with lab_server(tmp, journal, "stepup-bench") as server:
            page.goto(server.url("/lab/tree/02_competency_radar.ipynb"))
            run_all_cells(page)
            page.wait_for_function(
                "(document.querySelector('img.stepup-radar') || {}).src?.startsWith('blob:')"
            )
            page.wait_for_timeout(1500)
            page.evaluate(WATCH_SLIDER)
            handle = page.locator(".widget-hslider .noUi-handle").first
            handle.focus()
            times = []
            for move in range(rounds):
                handle.press("ArrowLeft" if move % 2 else "ArrowRight")
                page.wait_for_function(
                    "window.__stepup.changed > window.__stepup.down", timeout=30_000
                )
                times.append(page.evaluate("window.__stepup.changed - window.__stepup.down"))
                page.wait_for_timeout(150)  # let the kernel settle between moves
        browser.close()
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    print(f"Browser: slider change → new radar image in JupyterLab ({rounds} moves)")
    print(
        f"  median {statistics.median(times):6.1f} ms   p90 {p90:6.1f} ms   target median ≤ 150 ms"
    )
    return {
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(p90, 1),
        "target_median_ms": 150,
    }


def bench_autosave(rounds: int) -> dict:
    """A profile-form change persisted (validate, one transaction, a revision) against a raw
    sqlite3 INSERT + COMMIT of the same bytes into a WAL database, same disk, same run."""
    import json as _json
    import os
    import sqlite3

    from widgets.content import seeds as content
    from widgets.forms.profile import ProfileForm
    from widgets.storage import current
    from widgets.storage.journal import Journal

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        journal = Journal(tmp / "journal.sqlite")
        form = ProfileForm(journal, content.levels())
        texts = [f"Worried about the deep dive, take {n}. " * 20 for n in range(2)]
        form.worries.value = texts[1]  # the same bytes as a saved profile, for the floor
        payload = _json.dumps(journal.record("profile").model_dump(mode="json"), sort_keys=True)
        raw = sqlite3.connect(tmp / "raw.sqlite", isolation_level=None)
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, data TEXT)")

        def raw_insert():
            raw.execute("BEGIN")
            raw.execute("INSERT INTO t (data) VALUES (?)", (payload,))
            raw.execute("COMMIT")

        # Interleaved, so a slow moment of the disk or the other core hits both sides alike.
        floor_times, save_times = [], []
        for n in range(rounds * 8 + 10):
            start = time.perf_counter()
            raw_insert()
            middle = time.perf_counter()
            form.worries.value = texts[n % 2]
            end = time.perf_counter()
            if n >= 10:  # warm-up
                floor_times.append(middle - start)
                save_times.append(end - middle)
        floor, saved = statistics.median(floor_times) * 1000, statistics.median(save_times) * 1000
        revisions = len(journal.history("profile"))
        journal.close()
        raw.close()
    os.environ.pop(current.JOURNAL_ENV, None)
    print(
        f"Autosave: a form change to the journal (median of {rounds * 8}, interleaved; {revisions} revisions written)"
    )
    print(f"  floor: raw sqlite3 insert + commit        {floor:7.2f} ms")
    print(
        f"  profile form change → saved revision     {saved:7.2f} ms   ratio {saved / floor:4.2f}×   target ≤ 2.00×"
    )
    return {
        "floor_ms": round(floor, 3),
        "save_ms": round(saved, 3),
        "ratio": round(saved / floor, 3),
        "target_ratio": 2.0,
    }


def bench_rerun_save(rounds: int) -> dict:
    """One thought-record save (with the belief charts redrawing after it) once workbook 01's two
    cells were re-run 10 times, against the same save where each cell ran once; interleaved, each
    side on a fresh journal, in one process (the kernel's view: one journal, panels made by cells)."""
    import os

    from widgets import belief_charts, thought_records
    from widgets.storage import current

    def kernel_with(runs: int, folder: Path, n: int):
        current.close_all()
        os.environ[current.JOURNAL_ENV] = str(folder / f"journal-{runs}-{n}.sqlite")
        for _ in range(runs):
            panel = thought_records()
            belief_charts()
        panel.editor.belief.value = "Senior system design is beyond me."
        panel.editor.strength_before.value = "80"
        return panel.editor

    fresh_times, rerun_times = [], []
    with tempfile.TemporaryDirectory() as folder:
        for n in range(rounds + 2):
            for runs, times in ((1, fresh_times), (11, rerun_times)):
                editor = kernel_with(runs, Path(folder), n)
                start = time.perf_counter()
                editor.strength_after.value = str(40 + n % 7)
                current.current_journal().flush_notifications()
                if n >= 2:  # warm-up
                    times.append(time.perf_counter() - start)
        listeners = current.current_journal().listener_count()
        current.close_all()
    os.environ.pop(current.JOURNAL_ENV, None)
    fresh, rerun = statistics.median(fresh_times) * 1000, statistics.median(rerun_times) * 1000
    print(
        f"Save after re-running workbook 01's cells 10 times (median of {rounds}, interleaved; {listeners} listeners after)"
    )
    print(f"  floor: the same save, each cell run once {fresh:7.1f} ms")
    print(
        f"  after 10 re-runs                         {rerun:7.1f} ms   ratio {rerun / fresh:4.2f}×   target ≤ 1.10×"
    )
    return {
        "fresh_ms": round(fresh, 2),
        "rerun_ms": round(rerun, 2),
        "ratio": round(rerun / fresh, 3),
        "target_ratio": 1.1,
        "listeners_after": listeners,
    }


def bench_nbval() -> dict:
    """Wall time of nbval over every workbook (what `make test` spends on them)."""
    import subprocess
    import sys as _sys

    root = Path(__file__).resolve().parent.parent
    start = time.perf_counter()
    done = subprocess.run(
        check=False,
        args=[_sys.executable, "-m", "pytest", "-q", "workbooks"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    summary = (done.stdout.strip().splitlines() or ["?"])[-1]
    print(f"nbval over every workbook: {wall:5.1f} s wall ({summary})")
    return {"wall_s": round(wall, 1), "summary": summary, "exit": done.returncode}


BARE_CELL = "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2, 3], [1, 4, 9])\nplt.show()"
COACH_RENDERED = "[...document.querySelectorAll('.stepup-coach-session img')].filter(i => i.complete && i.naturalWidth > 0).length === 3"
BARE_RENDERED = "[...document.querySelectorAll('.jp-OutputArea-output img')].filter(i => i.naturalWidth > 0).length === 1"


def _page_times(
    page, url: str, rendered: str, rounds: int, settle_s: float, log: Path | None = None
) -> list[float]:
    """Wall time from navigation to everything drawn, per load (after one warm-up load)."""
    times = []
    for index in range(rounds + 1):
        filled = log.read_text().count("is filled with") if log else 0
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(rendered, timeout=120_000)
        if index:
            times.append(time.perf_counter() - start)
        page.goto("about:blank")
        deadline = time.monotonic() + 60
        # A preheated pool refills in the background: wait for it, or the next load measures a cold start.
        while (
            log
            and log.read_text().count("is filled with") <= filled
            and time.monotonic() < deadline
        ):
            time.sleep(0.2)
        time.sleep(settle_s)
    return times


def bench_coach_view(rounds: int) -> dict:
    """Voilà time-to-rendered of the coach view against a bare one-figure notebook, same machine, same run."""
    import nbformat
    from playwright.sync_api import sync_playwright

    from widgets.content.resources import demo_persona_path
    from widgets.storage.transfer import demo_date, import_journal

    from .journal_gen import build_five_year_journal
    from .servers import CHROMIUM, CHROMIUM_ARGS, free_port, stepup_server

    persona = demo_persona_path().read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        tmp = Path(folder)
        bare_dir = tmp / "bare"
        bare_dir.mkdir()
        nbformat.write(
            nbformat.v4.new_notebook(
                cells=[nbformat.v4.new_code_cell(BARE_CELL)],
                metadata={
                    "kernelspec": {
                        "name": "python3",
                        "display_name": "Python 3",
                        "language": "python",
                    }
                },
            ),
            bare_dir / "bare.ipynb",
        )
        demo, five = tmp / "demo.sqlite", tmp / "five-years.sqlite"
        import_journal(persona, demo)
        build_five_year_journal(five)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        results = {}
        port = free_port()
        log = tmp / "bare.log"
        import subprocess
        import sys as _sys

        from .servers import Server, _wait_until_up

        with open(log, "wb") as sink:
            process = subprocess.Popen(
                [
                    _sys.executable,
                    "-m",
                    "voila",
                    str(bare_dir),
                    "--no-browser",
                    "--Voila.ip=127.0.0.1",
                    f"--port={port}",
                    "--token=bench",
                    "--strip_sources=True",
                    "--show_tracebacks=False",
                ],
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        try:
            server = Server(f"http://127.0.0.1:{port}", "bench", process, log)
            _wait_until_up(server.url("/"), process, log)
            results["bare"] = _page_times(
                page, server.url("/voila/render/bare.ipynb"), BARE_RENDERED, rounds, 1.0
            )
        finally:
            process.terminate()
            process.wait(timeout=30)
        env = {"STEPUP_TODAY": demo_date(persona)}
        for name, journal, preheat in (
            ("demo", demo, False),
            ("demo, preheated", demo, True),
            ("five years", five, False),
            ("five years, preheated", five, True),
        ):
            args = ["coach", "--journal", str(journal)] + ([] if preheat else ["--no-preheat"])
            server_log = tmp / f"{name}.log"
            with stepup_server(args, env, server_log) as server:
                time.sleep(3 if not preheat else 0)
                if preheat:  # the first pool fill happens at start-up
                    deadline = time.monotonic() + 90
                    while (
                        "is filled with" not in server_log.read_text()
                        and time.monotonic() < deadline
                    ):
                        time.sleep(0.2)
                # Preheated: after the pool reports a new kernel, give it time to run up to its wait.
                results[name] = _page_times(
                    page,
                    server.url("/voila/render/coach_view.ipynb"),
                    COACH_RENDERED,
                    rounds,
                    6.0 if preheat else 1.0,
                    server_log if preheat else None,
                )
        browser.close()
    median = {name: statistics.median(times) for name, times in results.items()}
    print(f"Voilà time-to-rendered, headless Chromium (median of {rounds} loads after a warm-up)")
    print(f"  floor: bare one-figure notebook          {median['bare'] * 1000:7.0f} ms")
    for name, target in (("demo", "≤ 1.30× bare"), ("demo, preheated", "≤ 1.00× bare")):
        print(
            f"  coach view, {name:<28}{median[name] * 1000:7.0f} ms   ratio {median[name] / median['bare']:4.2f}×   target {target}"
        )
    for name, base in (("five years", "demo"), ("five years, preheated", "demo, preheated")):
        print(
            f"  coach view, {name:<28}{median[name] * 1000:7.0f} ms   ratio {median[name] / median[base]:4.2f}× {base}   target ≤ 1.20×"
        )
    return {
        "median_s": {name: round(value, 3) for name, value in median.items()},
        "ratios": {
            "demo/bare": round(median["demo"] / median["bare"], 3),
            "preheated/bare": round(median["demo, preheated"] / median["bare"], 3),
            "five_years/demo": round(median["five years"] / median["demo"], 3),
            "five_years_preheated/demo_preheated": round(
                median["five years, preheated"] / median["demo, preheated"], 3
            ),
        },
        "targets": {"demo/bare": 1.3, "preheated/bare": 1.0, "five_years/demo": 1.2},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument(
        "--no-browser", action="store_true", help="skip the JupyterLab and Voilà measurements"
    )
    parser.add_argument(
        "--only",
        choices=("radar", "autosave", "rerun", "nbval", "slider", "coach"),
        help="run one benchmark",
    )
    args = parser.parse_args()
    results: dict = {}
    if args.only in (None, "autosave"):
        results["autosave"] = bench_autosave(args.rounds)
    if args.only in (None, "rerun"):
        results["rerun_save"] = bench_rerun_save(max(5, args.rounds // 2))
    if args.only in (None, "radar"):
        results["radar"] = bench_radar(args.rounds)
    if args.only in (None, "nbval"):
        results["nbval"] = bench_nbval()
    if not args.no_browser and args.only in (None, "slider"):
        results["slider"] = bench_browser_slider(args.rounds)
    if not args.no_browser and args.only in (None, "coach"):
        results["coach_view"] = bench_coach_view(max(3, args.rounds // 5))
    out = Path(__file__).resolve().parent.parent / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"bench-{time.strftime('%Y%m%dT%H%M%S')}.json"
    target.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {target}")


if __name__ == "__main__":
    main()
