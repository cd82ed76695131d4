"""`make bench`: Step Up's speed as ratios to a fair floor measured in the same run.

Every benchmark times Step Up and its floor (the same work minus what is measured) in the same
process or browser session, interleaved round by round after the same warm-up, and prints one
line per figure: measured, floor, ratio, target (medians). benchmarks/README.md says what each
floor is and why it is fair.

Not a test: it exits 0 whatever it measures (with ``--strict``, 1 when a target is missed). It
ends with "Missed targets:" (or "All targets met") and writes the run, with a description of the
machine and its load, to ``benchmarks/results/<timestamp>.json``, which is committed.

Run: ``.venv/bin/python -m tests.bench [--rounds N] [--no-browser] [--only NAME] [--strict]``.
"""

from __future__ import annotations

import argparse
import base64
import compileall
import contextlib
import io
import itertools
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"

LEVELS = ["Junior engineer", "Mid-level engineer", "Senior engineer", "Staff engineer"]
LABELS = [f"Competency {i} with a longer name" for i in range(12)]
SERIES = {
    "current": [2, 1, 2, 3, 2, 1, 2, 2, 1, 2, 3, 2],
    "target": [3] * 12,
    "coach": [2, 2, 3, 3, 2, 2, 2, 2, 2, 3, 3, 2],
    "previous": [1, 1, 2, 2, 2, 1, 2, 1, 1, 2, 2, 2],
}
MOVED = dict(SERIES, current=[3] + SERIES["current"][1:])  # one slider step on the first spoke

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# Every target a run checks, in the order printed; the summary lists the missed ones.
TARGETS: list[dict] = []


def target(benchmark: str, what: str, measured: float, limit: float, unit: str) -> str:
    """Record a target (measured ≤ limit) and return how a result line prints it."""
    TARGETS.append(
        {
            "benchmark": benchmark,
            "what": what,
            "measured": round(measured, 3),
            "target": limit,
            "unit": unit,
            "met": measured <= limit,
        }
    )
    return f"≤ {limit:.2f}×" if unit == "×" else f"≤ {limit:g} {unit}"


def line(label: str, measured: float, floor: float, goal: str, unit: str = "ms") -> None:
    """One result: measured, its floor, the ratio of the two and the target (or "none")."""
    digits = 1 if unit == "ms" and floor >= 10 else 2
    print(
        f"  {label:<46}{measured:9.{digits}f} {unit}   floor {floor:9.{digits}f} {unit}"
        f"   ratio {measured / floor:5.2f}×   target {goal}"
    )


def interleaved_ms(
    actions: dict[str, Callable[[], object]], rounds: int, warmup: int = 2
) -> dict[str, list[float]]:
    """Time each action once a round, the order rotated every round (A B, B A, A B, …), after
    ``warmup`` untimed rounds of the same: a slow moment of the machine hits every side alike."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for turn in range(warmup + rounds):
        for name in rotated(list(actions), turn):
            start = time.perf_counter()
            actions[name]()
            elapsed = time.perf_counter() - start
            if turn >= warmup:
                times[name].append(elapsed * 1000)
    return times


def write_notebook(path: Path, sources: list[str]) -> None:
    """Write a notebook of code cells for the python3 kernel, without outputs."""
    import nbformat

    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in sources],
        metadata={"kernelspec": KERNELSPEC},
    )
    nbformat.write(notebook, path)


def rotated(items: list, turn: int) -> list:
    """``items`` in the order of round ``turn``: A B C, then B C A, then C A B, …"""
    shift = turn % len(items)
    return items[shift:] + items[:shift]


# --- Radar ---------------------------------------------------------------------------------------

# Step Up's radar, spelled out in plain matplotlib: the same figure, axes, artists and styles as
# widgets/charts/competency.py, so the floor draws the same pixels (the bench checks the bytes).
BARE_STYLES = {
    "current": ("#2e6b8f", "-", True, "you now"),
    "target": ("#b5473a", "--", False, "your target"),
    "coach": ("#2e7d32", "-.", False, "coach's view"),
    "previous": ("#999999", ":", False, "previous snapshot"),
}
BARE_TITLE = "Where you are and where you're going"


def bare_radar(animated: bool):
    """Figure, polar axes and (line, fill) per series, empty, from plain matplotlib calls."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.6, 6.4))
    ax = figure.add_axes((0.17, 0.14, 0.66, 0.72), projection="polar")
    angles = [2 * math.pi * i / 12 for i in range(12)]
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_xticks(angles, ["\n".join(textwrap.wrap(s, 16)) for s in LABELS], fontsize="small")
    ax.set_ylim(0, 4.25)
    ax.set_yticks(range(1, 5), LEVELS, fontsize="x-small", color="#555")
    ax.set_rlabel_position(15)
    ax.tick_params(axis="x", pad=8)
    ax.grid(alpha=0.35)
    artists = {}
    for name, (colour, style, fill, label) in BARE_STYLES.items():
        kwargs = {"color": colour, "animated": animated}
        (line_,) = ax.plot(
            [], [], linestyle=style, linewidth=2, marker="o", markersize=3.5, label=label, **kwargs
        )
        patch = ax.fill([0], [0], alpha=0.12, visible=False, **kwargs)[0] if fill else None
        artists[name] = (line_, patch)
    figure.legend(loc="lower center", ncols=4, frameon=False, fontsize="small")
    figure.suptitle(BARE_TITLE, fontsize="medium")
    return figure, ax, artists


def closed(series: dict[str, list[int]]) -> dict[str, tuple[list, list, list]]:
    """Each series as the closed polygon matplotlib draws: xs, ys and the fill's vertices."""
    angles = [2 * math.pi * i / 12 for i in range(12)]
    out = {}
    for name, values in series.items():
        xs, ys = angles + angles[:1], [float(v) for v in values + values[:1]]
        out[name] = (xs, ys, list(zip(xs, ys, strict=True)))
    return out


def set_bare_data(artists, polygons) -> None:
    for name, (line_, patch) in artists.items():
        xs, ys, xy = polygons[name]
        line_.set_data(xs, ys)
        if patch is not None:
            patch.set_visible(True)
            patch.set_xy(xy)


class BareBlitRadar:
    """The redraw's floor: matplotlib's own blitting recipe on the bare radar (background cached
    once; per redraw: new data, restore the background, draw the series, PNG at compress_level=1
    through Pillow), i.e. RadarCanvas.render minus Step Up's code."""

    def __init__(self):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        figure, self.ax, self.artists = bare_radar(animated=True)
        figure.set_dpi(96)
        self.canvas = FigureCanvasAgg(figure)
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(figure.bbox)

    def render(self, polygons) -> bytes:
        from PIL import Image

        set_bare_data(self.artists, polygons)
        self.canvas.restore_region(self.background)
        for line_, patch in self.artists.values():
            if patch is not None:
                self.ax.draw_artist(patch)
            self.ax.draw_artist(line_)
        width, height = self.canvas.get_width_height()
        image = Image.frombuffer(
            "RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1
        )
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=1)
        return buffer.getvalue()


def bare_radar_png(polygons) -> bytes:
    """The pure chart's floor: the bare radar built and saved whole, as charts.to_png saves
    (Figure.savefig, PNG, 96 dpi, matplotlib's default compression)."""
    figure, _ax, artists = bare_radar(animated=False)
    set_bare_data(artists, polygons)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96)
    return buffer.getvalue()


def bench_radar(rounds: int) -> dict:
    from widgets import charts

    canvas = charts.RadarCanvas(LABELS, LEVELS, list(SERIES))
    floor_canvas = BareBlitRadar()
    states, polygons = [SERIES, MOVED], [closed(SERIES), closed(MOVED)]
    flips = {name: itertools.count() for name in ("floor", "redraw")}
    # The same pixels on both sides, or the floor would not be the same work.
    same = {
        "redraw": canvas.render(SERIES) == floor_canvas.render(polygons[0]),
        "pure": charts.to_png(charts.competency_radar(LABELS, SERIES, LEVELS))
        == bare_radar_png(polygons[0]),
    }
    times = interleaved_ms(
        {
            "redraw floor": lambda: floor_canvas.render(polygons[next(flips["floor"]) % 2]),
            "redraw": lambda: canvas.render(states[next(flips["redraw"]) % 2]),
            "pure floor": lambda: bare_radar_png(polygons[0]),
            "pure": lambda: charts.to_png(charts.competency_radar(LABELS, SERIES, LEVELS)),
        },
        rounds,
    )
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"Radar, 12 spokes × 4 series (median of {rounds} interleaved rounds after 2 warm-up)")
    print(f"  floor: the same radar in plain matplotlib; same bytes: {same}")
    line(
        "form redraw (RadarCanvas.render)",
        median["redraw"],
        median["redraw floor"],
        target("radar", "redraw / bare blit", median["redraw"] / median["redraw floor"], 1.2, "×"),
    )
    line("pure chart (competency_radar+to_png)", median["pure"], median["pure floor"], "none")
    return {
        "rounds": rounds,
        "floor_ms": round(median["redraw floor"], 2),
        "redraw_ms": round(median["redraw"], 2),
        "redraw_ratio": round(median["redraw"] / median["redraw floor"], 3),
        "pure_floor_ms": round(median["pure floor"], 2),
        "pure_ms": round(median["pure"], 2),
        "pure_ratio": round(median["pure"] / median["pure floor"], 3),
        "same_png": same,
        "target_ratio": 1.2,
    }


# --- Autosave and re-runs ------------------------------------------------------------------------


def bench_autosave(rounds: int) -> dict:
    """A profile-form change persisted (validate, one transaction, a revision) against a raw
    sqlite3 INSERT + COMMIT of the same bytes into a WAL database, same disk, same run."""
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
        payload = json.dumps(journal.record("profile").model_dump(mode="json"), sort_keys=True)
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
    print(f"Autosave (median of {rounds * 8}, interleaved; {revisions} revisions written)")
    print("  floor: raw sqlite3 INSERT + COMMIT of the same bytes, WAL, same disk")
    goal = target("autosave", "form change / raw insert", saved / floor, 2.0, "×")
    line("profile form change → revision", saved, floor, goal)
    return {
        "floor_ms": round(floor, 3),
        "save_ms": round(saved, 3),
        "ratio": round(saved / floor, 3),
        "target_ratio": 2.0,
    }


def bench_rerun_save(rounds: int) -> dict:
    """One thought-record save (with the belief charts redrawing after it) once workbook 01's two
    cells were re-run 10 times, against the same save where each cell ran once; interleaved, each
    side on a fresh journal, in one process (the kernel's view: one journal,
    panels made by cells)."""
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
            for runs, times in rotated([(1, fresh_times), (11, rerun_times)], n):
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
        f"Save after re-running workbook 01's cells 10 times (median of {rounds}, interleaved;"
        f" {listeners} listeners after)"
    )
    print("  floor: the same save on a fresh journal, each cell run once")
    goal = target("rerun_save", "save after 10 re-runs / after one run", rerun / fresh, 1.1, "×")
    line("save after 10 re-runs", rerun, fresh, goal)
    return {
        "fresh_ms": round(fresh, 2),
        "rerun_ms": round(rerun, 2),
        "ratio": round(rerun / fresh, 3),
        "target_ratio": 1.1,
        "listeners_after": listeners,
    }


# --- nbval ---------------------------------------------------------------------------------------

BARE_IMPORTS = """\
import io

import ipywidgets as widgets
from IPython.display import HTML
from matplotlib.figure import Figure


def chart_png(seed):
    figure = Figure(figsize=(7.6, 6.4))
    ax = figure.add_subplot()
    ax.plot(range(12), [(seed * i) % 5 for i in range(12)], marker="o")
    ax.set_title(f"Chart {seed}")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96)
    return buffer.getvalue()


class Panel(widgets.VBox):
    def __repr__(self):
        return f"Panel {self.children[0].value}"


def panel(seed):
    return Panel([
        widgets.HTML(f"<b>Panel {seed}</b>"),
        widgets.IntSlider(value=2, min=1, max=4, description="Level"),
        widgets.Text(description="Note"),
        widgets.Image(value=chart_png(seed), format="png"),
    ])"""
BARE_HTML = """\
import base64

embedded = base64.b64encode(chart_png({seed})).decode()
HTML(f"<h2>Page</h2><img src='data:image/png;base64,{{embedded}}'>")"""


def bare_workbooks(folder: Path) -> Path:
    """One bare notebook per workbook, with as many code cells: the first imports ipywidgets and
    matplotlib, each other cell shows what its workbook cell shows (a widget with a chart, or HTML
    with an embedded chart), run once here so nbval has outputs to compare with."""
    import nbformat
    from nbclient import NotebookClient

    folder.mkdir()
    for source in sorted((ROOT / "workbooks").glob("*.ipynb")):
        cells = [c for c in nbformat.read(source, as_version=4).cells if c.cell_type == "code"]
        bare = [nbformat.v4.new_code_cell(BARE_IMPORTS)]
        for seed, cell in enumerate(cells[1:], start=1):
            kinds = {key for output in cell.get("outputs", []) for key in output.get("data", {})}
            html = "text/html" in kinds and "application/vnd.jupyter.widget-view+json" not in kinds
            bare.append(
                nbformat.v4.new_code_cell(BARE_HTML.format(seed=seed) if html else f"panel({seed})")
            )
        notebook = nbformat.v4.new_notebook(cells=bare, metadata={"kernelspec": KERNELSPEC})
        NotebookClient(notebook, timeout=120, kernel_name="python3").execute(
            stderr=subprocess.DEVNULL  # the kernel's start-up warnings
        )
        nbformat.write(notebook, folder / source.name)
    return folder


def bench_nbval(rounds: int) -> dict:
    """Wall time of nbval over every workbook (what `make test` spends on them) against nbval over
    as many bare notebooks with as many cells; runs interleaved."""
    sanitize = ROOT / "tests" / "nbval_sanitize.cfg"
    with tempfile.TemporaryDirectory() as folder:
        bare = bare_workbooks(Path(folder) / "bare")
        commands = {
            "workbooks": [sys.executable, "-m", "pytest", "-q", "workbooks"],
            # Same pytest configuration (pyproject's addopts: --nbval) and the same sanitizer.
            "bare": [
                *(sys.executable, "-m", "pytest", "-q", "-c", str(ROOT / "pyproject.toml")),
                *("--rootdir", str(ROOT), f"--nbval-sanitize-with={sanitize}", str(bare)),
            ],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        summary: dict[str, str] = {}
        exits: dict[str, int] = {}
        for turn in range(rounds):
            for name in rotated(list(commands), turn):
                start = time.perf_counter()
                done = subprocess.run(
                    commands[name], check=False, cwd=ROOT, capture_output=True, text=True
                )
                times[name].append(time.perf_counter() - start)
                summary[name] = (done.stdout.strip().splitlines() or ["?"])[-1]
                exits[name] = done.returncode
    wall = {name: statistics.median(values) for name, values in times.items()}
    print(f"nbval wall time (median of {rounds}, interleaved)")
    print(f"  floor: nbval over 7 bare notebooks, same cells ({summary['bare']})")
    line(
        f"nbval over every workbook ({summary['workbooks']})",
        wall["workbooks"],
        wall["bare"],
        "none",
        "s",
    )
    return {
        "rounds": rounds,
        "wall_s": round(wall["workbooks"], 2),
        "floor_s": round(wall["bare"], 2),
        "ratio": round(wall["workbooks"] / wall["bare"], 3),
        "times_s": {name: [round(t, 2) for t in values] for name, values in times.items()},
        "summary": summary,
        "exit": exits,
    }


# --- Browser: the slider -------------------------------------------------------------------------

# In the page: when the key goes down (capture phase) and when the watched image changes.
WATCH_SLIDER = """(selector) => {
    window.__stepup = {down: 0, changed: 0};
    document.addEventListener('keydown', () => { window.__stepup.down = performance.now(); }, true);
    let before = document.querySelector(selector).src;
    new MutationObserver(() => {
        const now = document.querySelector(selector).src;
        if (now !== before) { before = now; window.__stepup.changed = performance.now(); }
    }).observe(document.body, {attributes: true, subtree: true, attributeFilter: ['src']});
}"""
IMAGE_BYTES = """(selector) => fetch(document.querySelector(selector).src)
    .then(r => r.blob()).then(b => b.size)"""

# The slider's floor: ipywidgets alone, an IntSlider observed to set an Image to a PNG of the same
# size: the bench's bare radar (BareBlitRadar, 730×614, compress_level=1), one per level, made
# before any move and read from files next to the notebook.
BARE_SLIDER = """\
from pathlib import Path

import ipywidgets as widgets

pngs = {level: Path(f"bare_radar_{level}.png").read_bytes() for level in range(1, 5)}
image = widgets.Image(value=pngs[2], format="png")
image.add_class("bench-image")
slider = widgets.IntSlider(value=2, min=1, max=4, description="Level")
slider.observe(lambda change: setattr(image, "value", pngs[change["new"]]), "value")
widgets.VBox([slider, image])"""


def bench_browser_slider(rounds: int) -> dict:
    """Slider change → new image in JupyterLab (headless Chromium): workbook 02's radar on the
    demo persona against a bare ipywidgets slider → image notebook, same server, same browser,
    moves interleaved."""
    from playwright.sync_api import sync_playwright

    from widgets.content.resources import demo_persona_path
    from widgets.storage.transfer import import_journal

    from .servers import CHROMIUM, CHROMIUM_ARGS, lab_server, run_all_cells

    sides = {
        "stepup": ("02_competency_radar.ipynb", "img.stepup-radar"),
        "bare": ("bare_slider.ipynb", "img.bench-image"),
    }
    warmup = 2
    times: dict[str, list[float]] = {name: [] for name in sides}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        tmp = Path(folder)
        journal = tmp / "journal.sqlite"
        import_journal(demo_persona_path().read_text(encoding="utf-8"), journal)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with lab_server(tmp, journal, "stepup-bench") as server:
            write_notebook(tmp / "workbooks" / sides["bare"][0], [BARE_SLIDER])
            floor_canvas = BareBlitRadar()
            for level in range(1, 5):
                moved = closed(dict(SERIES, current=[level] + SERIES["current"][1:]))
                (tmp / "workbooks" / f"bare_radar_{level}.png").write_bytes(
                    floor_canvas.render(moved)
                )
            pages, handles = {}, {}
            for name, (notebook, selector) in sides.items():
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                page.set_default_timeout(90_000)
                # One Lab workspace per page, so neither page opens the other's notebook.
                page.goto(server.url(f"/lab/workspaces/bench-{name}/tree/{notebook}"))
                run_all_cells(page)
                page.wait_for_function(
                    f"(document.querySelector('{selector}') || {{}}).src?.startsWith('blob:')"
                )
                pages[name] = page
            for name, page in pages.items():
                page.bring_to_front()
                page.wait_for_timeout(1500)
                page.evaluate(WATCH_SLIDER, sides[name][1])
                # Step Up's level slider is a native range input; the floor's, ipywidgets' own
                handles[name] = page.locator(
                    ".stepup-level input" if name == "stepup" else ".widget-hslider .noUi-handle"
                ).first
            for move in range(warmup + rounds):
                for name in rotated(list(sides), move):
                    page, handle = pages[name], handles[name]
                    page.bring_to_front()
                    handle.focus()
                    handle.press("ArrowLeft" if move % 2 else "ArrowRight")
                    page.wait_for_function(
                        "window.__stepup.changed > window.__stepup.down", timeout=30_000
                    )
                    if move >= warmup:
                        times[name].append(
                            page.evaluate("window.__stepup.changed - window.__stepup.down")
                        )
                    page.wait_for_timeout(150)  # let the kernel settle between moves
            sizes = {name: pages[name].evaluate(IMAGE_BYTES, sides[name][1]) for name in sides}
        browser.close()
    median = {name: statistics.median(values) for name, values in times.items()}
    p90 = {
        name: sorted(values)[min(len(values) - 1, int(0.9 * len(values)))]
        for name, values in times.items()
    }
    print(
        f"Browser: slider change → new image in JupyterLab ({rounds} moves a side, interleaved,"
        f" after {warmup} warm-up; PNG bytes {sizes})"
    )
    print("  floor: bare ipywidgets IntSlider → Image of a same-size PNG, same Lab and browser")
    goal = target("slider", "slider → radar median", median["stepup"], 150, "ms")
    line("slider → radar, median", median["stepup"], median["bare"], goal)
    line("slider → radar, p90", p90["stepup"], p90["bare"], "none")
    return {
        "rounds": rounds,
        "median_ms": round(median["stepup"], 1),
        "p90_ms": round(p90["stepup"], 1),
        "floor_median_ms": round(median["bare"], 1),
        "floor_p90_ms": round(p90["bare"], 1),
        "ratio": round(median["stepup"] / median["bare"], 3),
        "png_bytes": sizes,
        "target_median_ms": 150,
    }


# --- Browser: the coach view ---------------------------------------------------------------------

# The coach view's floor: a bare notebook that shows, as HTML, the pictures the coach view shows
# (the same PNG bytes, read from disk into data URIs, as the coach view embeds its kept pictures).
COACH_FLOOR_CELLS = [
    "import base64\nfrom pathlib import Path\n\nfrom IPython.display import HTML",
    """HTML(''.join(
    "<img style='max-width:760px;display:block' src='data:image/png;base64,"
    + base64.b64encode(picture.read_bytes()).decode('ascii') + "'>"
    for picture in sorted(Path({folder!r}).glob('*.png'))
))""",
]
COACH_RENDERED = (
    "[...document.querySelectorAll('.stepup-coach-session img')]"
    ".filter(i => i.complete && i.naturalWidth > 0).length === {pictures}"
)
BARE_RENDERED = (
    "[...document.querySelectorAll('.jp-OutputArea-output img')]"
    ".filter(i => i.complete && i.naturalWidth > 0).length === {pictures}"
)
SETTLE_S = 6.0  # after every load, every variant: a preheated kernel runs up to its wait meanwhile
FILLED = "is filled with"  # Voilà's log line when its preheated pool has a new kernel


@contextlib.contextmanager
def voila_server(command: list[str], env: dict[str, str], log: Path, port: int, token: str):
    """Like tests.servers.stepup_server, for a Voilà command line of our own."""
    from .servers import Server, _wait_until_up, session_process

    with session_process(command, env, log) as process:
        server = Server(f"http://127.0.0.1:{port}", token, process, log)
        _wait_until_up(server.url("/"), process, log)
        yield server


def coach_pictures(journal: Path, env: dict[str, str]) -> dict[str, bytes]:
    """The pictures the coach view shows of ``journal`` on the day ``env`` pins."""
    from widgets.storage.journal import Journal
    from widgets.views.coach_page import CoachSession

    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        with Journal(journal, readonly=True) as opened:
            return CoachSession(opened).images
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name)
            else:
                os.environ[name] = value


def bench_coach_view(rounds: int) -> dict:
    """Voilà time-to-rendered of the coach view against a bare one-figure notebook served the same
    way (cold against cold, preheated against preheated), every variant's server up at once and
    the loads interleaved, each followed by the same settle time."""
    from playwright.sync_api import sync_playwright

    from widgets.cli import COACH_VIEW
    from widgets.content.resources import demo_persona_path
    from widgets.server_flags import trust_workbooks, voila_command
    from widgets.storage.transfer import demo_date, import_journal
    from widgets.supervision import JUPYTER_DATA

    from .journal_gen import build_five_year_journal
    from .servers import CHROMIUM, CHROMIUM_ARGS, free_port, stepup_server

    persona = demo_persona_path().read_text(encoding="utf-8")
    variants = [  # name, journal (None: the bare notebook), preheated
        ("bare", None, False),
        ("bare, preheated", None, True),
        ("demo", "demo", False),
        ("demo, preheated", "demo", True),
        ("five years", "five", False),
        ("five years, preheated", "five", True),
    ]
    times: dict[str, list[float]] = {name: [] for name, _j, _p in variants}
    with (
        tempfile.TemporaryDirectory() as folder,
        sync_playwright() as playwright,
        contextlib.ExitStack() as servers,
    ):
        tmp = Path(folder)
        bare_dir = tmp / "bare"
        bare_dir.mkdir()
        journals = {"demo": tmp / "demo.sqlite", "five": tmp / "five-years.sqlite"}
        import_journal(persona, journals["demo"])
        build_five_year_journal(journals["five"])
        env = {"STEPUP_TODAY": demo_date(persona)}
        pictures = coach_pictures(journals["demo"], env)
        (bare_dir / "pictures").mkdir()
        for name, png in pictures.items():
            (bare_dir / "pictures" / f"{name}.png").write_bytes(png)
        # Named like the coach view, so Voilà's pool configuration preheats it the same way.
        folder = str(bare_dir / "pictures")
        write_notebook(
            bare_dir / COACH_VIEW,
            [cell.replace("{folder!r}", repr(folder)) for cell in COACH_FLOOR_CELLS],
        )
        rendered = {
            "bare": BARE_RENDERED.format(pictures=len(pictures)),
            "coach": COACH_RENDERED.format(pictures=len(pictures)),
        }
        running = {}
        for name, journal, preheat in variants:
            log = tmp / f"{name}.log"
            if journal is None:
                # What `stepup coach` runs (widgets.cli.serve_coach: Voilà's command with the
                # template, preheated pool and culling, signed notebooks, kernels over ipc), on
                # the bare notebook, minus Step Up's websocket guard.
                port = free_port()
                trust = tmp / f"trust-{len(running)}"
                trust.mkdir()
                command = [
                    *(
                        arg
                        for arg in voila_command(bare_dir, port, preheat=preheat)
                        if not arg.startswith("--Voila.kernel_websocket_connection_class=")
                    ),
                    *trust_workbooks(bare_dir, trust),
                    "--KernelManager.transport=ipc",
                ]
                bare_env = {"JUPYTER_PATH": str(JUPYTER_DATA), "JUPYTER_TOKEN": "bench"}
                server = servers.enter_context(voila_server(command, bare_env, log, port, "bench"))
            else:
                args = ["coach", "--journal", str(journals[journal])]
                server = servers.enter_context(
                    stepup_server(args + ([] if preheat else ["--no-preheat"]), env, log)
                )
            running[name] = (server, log, preheat)
        for _server, log, preheat in running.values():
            deadline = time.monotonic() + 90
            while preheat and FILLED not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.2)
        time.sleep(SETTLE_S)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.set_default_timeout(120_000)  # Voilà answers once the notebook has run
        for turn in range(rounds + 1):  # the first load of each variant is its warm-up
            for name in rotated(list(running), turn):
                server, log, preheat = running[name]
                filled = log.read_text().count(FILLED)
                start = time.perf_counter()
                page.goto(server.url(f"/voila/render/{COACH_VIEW}"))
                page.wait_for_function(
                    rendered["bare" if name.startswith("bare") else "coach"], timeout=120_000
                )
                if turn:
                    times[name].append(time.perf_counter() - start)
                page.goto("about:blank")
                # A preheated pool refills in the background: wait for it, or the next load
                # (of any variant) would share the machine with a kernel starting.
                deadline = time.monotonic() + 60
                while (
                    preheat
                    and log.read_text().count(FILLED) <= filled
                    and time.monotonic() < deadline
                ):
                    time.sleep(0.2)
                time.sleep(SETTLE_S)
        browser.close()
    median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(
        f"Voilà time-to-rendered, headless Chromium (median of {rounds} loads a variant after a"
        f" warm-up, interleaved, {SETTLE_S:g} s settle after every load)"
    )
    print(
        f"  coach view; floor: a bare notebook showing the coach view's {len(pictures)} pictures"
        " (same PNG bytes, from disk,"
    )
    print("  as HTML) served by the same Voilà command minus Step Up's websocket guard (cold for")
    print("  cold, preheated for preheated)")
    ratios = {}
    for name, floor, limit, key in (
        ("demo", "bare", 1.3, "demo/bare"),
        ("demo, preheated", "bare, preheated", 1.0, "preheated/bare_preheated"),
        ("five years", "demo", 1.2, "five_years/demo"),
        ("five years, preheated", "demo, preheated", 1.2, "five_years_preheated/demo_preheated"),
    ):
        ratios[key] = round(median[name] / median[floor], 3)
        goal = target("coach_view", f"{name} / {floor}", median[name] / median[floor], limit, "×")
        line(f"{name} (floor: {floor})", median[name], median[floor], goal)
    return {
        "rounds": rounds,
        "settle_s": SETTLE_S,
        "pictures": len(pictures),
        "median_ms": {name: round(value, 1) for name, value in median.items()},
        "times_ms": {name: [round(t * 1000, 1) for t in values] for name, values in times.items()},
        "ratios": ratios,
        "targets": {
            "demo/bare": 1.3,
            "preheated/bare_preheated": 1.0,
            "five_years/demo": 1.2,
            "five_years_preheated/demo_preheated": 1.2,
        },
    }


# --- Browser: Run All → drawn, every workbook ----------------------------------------------------


# Each workbook's floor: a bare notebook that shows one ipywidgets slider and the pictures the
# workbook shows (the same PNG bytes, read from disk into ipywidgets Images, one cell each), as a
# reopened workbook shows its kept pictures: the same work minus Step Up's.
def runall_floor(notebook: str) -> str:
    return f"bench_floor_{Path(notebook).stem}.ipynb"


def runall_floor_cells(folder: str, pictures: int) -> list[str]:
    return [
        "from pathlib import Path\n\nimport ipywidgets as widgets",
        'widgets.IntSlider(value=2, min=1, max=4, description="Level")',
        *(
            f'widgets.Image(value=Path("{folder}/{n}.png").read_bytes(), format="png")'
            for n in range(pictures)
        ),
    ]


# The bytes of every picture in the notebook in front's outputs, base64 (an <img> of a kernel's
# PNG is an object URL, which the page can read back).
PICTURES_SHOWN = """async () => {
  const panel = window.jupyterapp.shell.currentWidget;
  const images = [...panel.content.node.querySelectorAll('.jp-OutputArea-output img')];
  return Promise.all(images.map(async image => {
    const bytes = new Uint8Array(await (await fetch(image.src)).arrayBuffer());
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  }));
}"""
# Open a notebook in the Lab page: a new session, so a kernel of its own that nothing ran in yet.
OPEN_NOTEBOOK = """async (path) => {
  const panel = await window.jupyterapp.commands.execute(
    'docmanager:open', {path, factory: 'Notebook'});
  await panel.context.ready;
  await panel.sessionContext.ready;
}"""
# The notebook in front is ``path``, all its cells are in the page, its kernel connected and idle.
NOTEBOOK_READY = """([path, cells]) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel?.sessionContext?.session?.kernel;
  return panel?.context?.path === path && panel.context.isReady
    && panel.content.widgets.length === cells && kernel
    && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""
OUTPUTS_CLEARED = """() => window.jupyterapp.shell.currentWidget.content.widgets.every(
  c => c.model.type !== 'code'
    || (c.model.outputs.length === 0 && c.model.executionCount === null))"""
# Run All, with page-side timestamps: each cell's execute_reply, the messages each way by type
# (comm_open from the kernel is one widget model); run_all_drawn adds when the page is drawn.
RUN_ALL_TRACKED = """() => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const run = {start: 0, drawn: 0, replies: [], messages: {}};
  window.__runall = run;
  kernel.anyMessage.connect((_, {msg, direction}) => {
    const key = `${direction}:${msg.header.msg_type}`;
    run.messages[key] = (run.messages[key] || 0) + 1;
    if (direction === 'recv' && msg.header.msg_type === 'execute_reply') {
      run.replies.push(performance.now());
    }
  });
  run.start = performance.now();
  window.jupyterapp.commands.execute('notebook:run-all-cells');
}"""
# The session is shut down through Lab's session manager, not awaited: the old kernel stops while
# the next notebook's kernel starts, which is not timed. (Disposing the panel right after its
# sessionContext.shutdown() leaves the session alive, and the next open of that notebook would
# reuse a kernel that already ran it: run_all_drawn refuses a kernel it has seen.)
CLOSE_NOTEBOOK = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const session = panel.sessionContext.session;
  if (session) void window.jupyterapp.serviceManager.sessions.shutdown(session.id);
  panel.context.model.dirty = false;
  panel.dispose();
}"""
RUNALL_SETTLE_MS = 300  # after the kernel is up and the outputs cleared, the same pause each side


def run_all_drawn(
    page, notebook: str, cells: int, kernels_seen: set[str], shown: list | None = None
) -> dict:
    """Open ``notebook`` with a fresh kernel, clear its committed outputs, Run All and wait until
    the page is drawn; close it and shut its kernel down. Times in ms from Run All issued;
    ``shown`` gets the bytes of the pictures in its outputs."""
    from .servers import NOTEBOOK_DRAWN

    page.bring_to_front()
    page.evaluate(OPEN_NOTEBOOK, notebook)
    page.wait_for_function(NOTEBOOK_READY, arg=[notebook, cells], timeout=120_000)
    kernel = page.evaluate("window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.id")
    if kernel in kernels_seen:
        raise RuntimeError(f"{notebook}: kernel {kernel} ran a notebook before, it is not fresh")
    kernels_seen.add(kernel)
    page.evaluate("window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function(OUTPUTS_CLEARED)
    page.wait_for_timeout(RUNALL_SETTLE_MS)
    page.evaluate(RUN_ALL_TRACKED)
    page.wait_for_function(
        f"() => {{ if (!({NOTEBOOK_DRAWN})()) return false;"
        " window.__runall.drawn = window.__runall.drawn || performance.now(); return true; }",
        timeout=120_000,
        polling=50,
    )
    run = page.evaluate("window.__runall")
    pictures = [base64.b64decode(text) for text in page.evaluate(PICTURES_SHOWN)]
    if shown is not None:
        shown[:] = pictures
    text = page.evaluate("window.jupyterapp.shell.currentWidget.content.node.innerText")
    page.evaluate(CLOSE_NOTEBOOK)
    for failure in ("Traceback", "Error displaying widget", "Could not render"):
        if failure in text:
            raise RuntimeError(f"{notebook}: {failure} in the page after Run All")
    start, drawn = run["start"], run["drawn"]
    replies = [t for t in run["replies"] if t <= drawn]
    return {
        "drawn_ms": drawn - start,
        "kernel_done_ms": (replies[-1] if replies else drawn) - start,
        "widget_models": run["messages"].get("recv:comm_open", 0),
        "comm_msgs_from_kernel": run["messages"].get("recv:comm_msg", 0),
        "comm_msgs_to_kernel": run["messages"].get("send:comm_msg", 0),
        "pictures": len(pictures),
    }


def bench_run_all(rounds: int) -> dict:
    """JupyterLab Run All → page drawn for every numbered workbook and for the bare slider-and-
    figure notebook, with the demo persona and with a five-year journal (one Lab each, one
    Chromium); every notebook opened with a fresh kernel, the order rotated every round."""
    import nbformat
    from playwright.sync_api import sync_playwright

    from widgets.content.resources import demo_persona_path, workbooks_dir
    from widgets.storage.transfer import demo_date, import_journal

    from .journal_gen import build_five_year_journal
    from .servers import CHROMIUM, CHROMIUM_ARGS, lab_server

    notebooks = [path.name for path in sorted(workbooks_dir().glob("[0-9]*.ipynb"))]
    cells = {
        name: len(nbformat.read(workbooks_dir() / name, as_version=4).cells) for name in notebooks
    }
    persona = demo_persona_path().read_text(encoding="utf-8")
    env = {"STEPUP_TODAY": demo_date(persona)}
    journals = ("demo", "five years")
    # Every (journal, notebook) pair is one side: both Labs' runs interleave, so the five-year
    # journal meets the same moments of the machine as the demo it is compared with.
    # The floors are measured in the demo's Lab only: the five-year journal is compared with the
    # demo. A floor shows what its workbook showed at its first opening on the demo journal.
    floors = [("demo", runall_floor(name)) for name in notebooks]
    sides = floors + [(j, name) for j in journals for name in notebooks]
    runs: dict[tuple[str, str], list[dict]] = {side: [] for side in sides}
    kernels_seen: set[str] = set()  # kernel ids: every run must start one of its own
    with (
        tempfile.TemporaryDirectory() as folder,
        sync_playwright() as playwright,
        contextlib.ExitStack() as servers,
    ):
        tmp = Path(folder)
        pages = {}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for journal in journals:
            home = tmp / journal.replace(" ", "-")
            home.mkdir()
            path = home / "journal.sqlite"
            if journal == "demo":
                import_journal(persona, path)
            else:
                build_five_year_journal(path)
            server = servers.enter_context(
                lab_server(home, path, "stepup-bench", render_all_cells=True, extra_env=env)
            )
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.set_default_timeout(90_000)
            page.goto(server.url("/lab/workspaces/bench-runall"))
            page.wait_for_function("window.jupyterapp && window.jupyterapp.shell")
            page.evaluate("window.jupyterapp.restored")
            pages[journal] = page
        # Warm-up, kept apart from the rounds: every side once. The front end loads the widget
        # code once a page, the kernels read Python's files once, and a workbook opened for the
        # first time on a journal draws its charts (later openings read the kept pictures): the
        # rounds measure a workbook reopened, as an engineer opens it most days; the first
        # opening is reported on its own.
        first_open: dict[tuple[str, str], dict] = {}
        for journal, name in sides[len(floors) :]:
            shown: list[bytes] = []
            first_open[journal, name] = run_all_drawn(
                pages[journal], name, cells[name], kernels_seen, shown
            )
            if journal == "demo":
                folder = Path(runall_floor(name)).stem
                (tmp / "demo" / "workbooks" / folder).mkdir()
                for n, png in enumerate(shown):
                    (tmp / "demo" / "workbooks" / folder / f"{n}.png").write_bytes(png)
                floor_cells = runall_floor_cells(folder, len(shown))
                write_notebook(tmp / "demo" / "workbooks" / runall_floor(name), floor_cells)
                cells[runall_floor(name)] = len(floor_cells)
        for journal, name in floors:
            first_open[journal, name] = run_all_drawn(
                pages[journal], name, cells[name], kernels_seen
            )
        for turn in range(rounds):
            for journal, name in rotated(sides, turn * 3):
                runs[journal, name].append(
                    run_all_drawn(pages[journal], name, cells[name], kernels_seen)
                )
        browser.close()

    def median(journal: str, name: str, key: str = "drawn_ms") -> float:
        return statistics.median(run[key] for run in runs[journal, name])

    print(
        f"Browser: JupyterLab Run All → page drawn (median of {rounds} rounds, every notebook with"
        " a fresh kernel, interleaved across both Labs, after every notebook's first opening)"
    )
    print("  floor: a bare notebook showing one IntSlider and, from disk, the same pictures as the")
    print("  workbook (ipywidgets Images), same Lab; five years: the same workbook on a generated")
    print("  five-year journal, against the demo")
    results = {}
    for name in notebooks:
        demo, five = median("demo", name), median("five years", name)
        floor = median("demo", runall_floor(name))
        pictures = runs["demo", name][-1]["pictures"]
        if runs["demo", runall_floor(name)][-1]["pictures"] != pictures:
            raise RuntimeError(f"{name}: its floor does not show the same {pictures} pictures")
        stem = Path(name).stem
        goal = target("run_all", f"{stem} demo / floor", demo / floor, 1.5, "×")
        line(f"{stem}, demo ({pictures} pictures)", demo, floor, goal)
        goal = target("run_all", f"{stem} five years / demo", five / demo, 1.2, "×")
        line(f"{stem}, five years (floor: demo)", five, demo, goal)
        results[stem] = {
            journal: {
                "median_ms": round(median(journal, name), 1),
                "kernel_done_median_ms": round(median(journal, name, "kernel_done_ms"), 1),
                "widget_models": runs[journal, name][-1]["widget_models"],
                "comm_msgs_from_kernel": runs[journal, name][-1]["comm_msgs_from_kernel"],
                "comm_msgs_to_kernel": runs[journal, name][-1]["comm_msgs_to_kernel"],
                "runs": [{k: round(v, 1) for k, v in run.items()} for run in runs[journal, name]],
            }
            for journal in journals
        }
        results[stem]["floor"] = {
            "pictures": pictures,
            "median_ms": round(floor, 1),
            "kernel_done_median_ms": round(median("demo", runall_floor(name), "kernel_done_ms"), 1),
            "runs": [
                {k: round(v, 1) for k, v in run.items()} for run in runs["demo", runall_floor(name)]
            ],
        }
        results[stem]["demo_over_floor"] = round(demo / floor, 3)
        results[stem]["five_years_over_demo"] = round(five / demo, 3)
    print("  where the time goes, demo (medians): Run All → last reply of the kernel → drawn")
    for name in [
        name for pair in zip(notebooks, map(runall_floor, notebooks), strict=True) for name in pair
    ]:
        done, drawn = median("demo", name, "kernel_done_ms"), median("demo", name)
        last = runs["demo", name][-1]
        print(
            f"    {Path(name).stem:<30} kernel done {done:7.0f} ms, drawn {drawn:7.0f} ms"
            f" (+{drawn - done:5.0f} ms), {last['widget_models']:4d} widget models,"
            f" {last['comm_msgs_from_kernel']:4d} comm messages from the kernel"
        )
    print(
        "  first opening of each notebook on its journal (charts drawn, not yet kept; not in the "
        "rounds):"
    )
    for journal in journals:
        shown = ", ".join(
            f"{Path(name).stem[:2]} {first_open[journal, name]['drawn_ms']:.0f} ms"
            for j, name in sides[len(floors) :]
            if j == journal
        )
        print(f"    {journal}: {shown}")
    return {
        "rounds": rounds,
        "settle_ms": RUNALL_SETTLE_MS,
        "first_open_ms": {
            f"{journal}/{Path(name).stem}": round(run["drawn_ms"], 1)
            for (journal, name), run in first_open.items()
        },
        "workbooks": results,
        "targets": {"demo/floor": 1.5, "five_years/demo": 1.2},
    }


# --- Spoken takes --------------------------------------------------------------------------------


def bench_speech(rounds: int) -> dict:
    """Issue 17: a 5-minute spoken take, stop -> figures shown, against decoding it alone."""
    from .bench_speech import measure_speech

    found = measure_speech(rounds)
    print(f"Spoken take: 5 minutes of webm/opus at 32 kbit/s (median of {rounds})")
    goal = target("speech", "stop to figures shown / decode alone", found["ratio"], 1.5, "×")
    line(
        "stop to figures shown (floor: decode alone)",
        found["stop_to_figures_shown_s"] * 1000,
        found["decode_alone_s"] * 1000,
        goal,
    )
    print(
        f"  journal {found['journal_bytes_per_minute'] / 1000:.0f} KB, export"
        f" {found['export_bytes_per_minute'] / 1000:.0f} KB per minute of recording"
    )
    return found


# --- Many engineers: the roster and the hub ------------------------------------------------------


def bench_roster(rounds: int) -> dict:
    """Issue 18: the roster of 100 mentees, rendered, against one coach view (same server)."""
    from playwright.sync_api import sync_playwright

    from .bench_hub import bench_roster_page
    from .servers import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            found = bench_roster_page(browser, rounds)
        finally:
            browser.close()
    print(
        f"Roster: `stepup coach --roster` over {found['mentees']} mentees, page rendered"
        f" (median of {rounds}, alternated with one mentee's coach view)"
    )
    goal = target("roster", "roster page / coach view", found["ratio"], 2.0, "×")
    line("roster of 100", found["roster_s"] * 1000, found["coach_view_s"] * 1000, goal)
    print(
        f"  first loads: roster {found['first_roster_s'] * 1000:.0f} ms,"
        f" coach view {found['first_coach_view_s'] * 1000:.0f} ms (its charts drawn)"
    )
    return found


def bench_rebuild(rounds: int) -> dict:
    """Issue 27: a roster request while a 5 MB snapshot's coach view is rebuilt, against one
    without a rebuild (same server, interleaved)."""
    from .bench_hub import REBUILD_TARGET, bench_roster_during_rebuild

    found = bench_roster_during_rebuild(rounds)
    print(
        f"Roster during a rebuild: 100 mentees and a {found['snapshot_bytes'] / 1e6:.1f} MB"
        f" snapshot whose coach view is being rebuilt (median of {rounds})"
    )
    goal = target(
        "rebuild", "roster during a rebuild / without", found["ratio"], REBUILD_TARGET, "×"
    )
    line(
        "roster during a rebuild",
        found["during_rebuild_s"] * 1000,
        found["without_rebuild_s"] * 1000,
        goal,
    )
    print(
        f"  a rebuild {found['rebuild_s'] * 1000:.0f} ms (first "
        f"{found['first_rebuild_s'] * 1000:.0f} ms)"
    )
    return found


def bench_hub(loads: int) -> dict:
    """Issue 18: the hub's Step Up service answering concurrent coach-page loads on loopback."""
    from .bench_hub import bench_hub_coach_pages

    found = bench_hub_coach_pages(loads)
    print(
        f"Hub service: {found['concurrent']} concurrent coach-page loads through a real"
        f" JupyterHub on 127.0.0.1, each bounded at {found['bound_s']:g} s"
    )
    print(
        f"  answered {found['answered']} of {found['concurrent']}: p50 "
        f"{found['p50_s'] * 1000:.0f} ms,"
        f" p95 {found['p95_s'] * 1000:.0f} ms, max {found['max_s'] * 1000:.0f} ms,"
        f" all in {found['wall_s'] * 1000:.0f} ms (first load, snapshot read: "
        f"{found['first_s'] * 1000:.0f} ms)"
    )
    return found


# --- The run -------------------------------------------------------------------------------------


def load() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def machine() -> dict:
    """What the numbers were measured on: they mean little without it."""
    cpu = next(
        (
            row.split(":", 1)[1].strip()
            for row in Path("/proc/cpuinfo").read_text().splitlines()
            if row.startswith("model name")
        ),
        platform.processor() or "?",
    )
    memory = next(
        (
            int(row.split()[1]) // 1024
            for row in Path("/proc/meminfo").read_text().splitlines()
            if row.startswith("MemTotal:")
        ),
        None,
    )
    versions = {}
    for package in (
        "matplotlib",
        "pillow",
        "ipywidgets",
        "jupyterlab",
        "voila",
        "jupyter_server",
        "nbval",
        "playwright",
    ):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[package] = metadata.version(package)
    from .servers import CHROMIUM

    chromium = subprocess.run(
        [CHROMIUM, "--version"], check=False, capture_output=True, text=True
    ).stdout.strip()
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], check=False, cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_mib": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "chromium": chromium or None,
        "commit": commit or None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument(
        "--no-browser", action="store_true", help="skip the JupyterLab and Voilà measurements"
    )
    parser.add_argument(
        "--only",
        choices=(
            "radar",
            "autosave",
            "rerun",
            "nbval",
            "speech",
            "slider",
            "coach",
            "runall",
            "roster",
            "rebuild",
            "hub",
        ),
        help="run one benchmark",
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit with status 1 when a target is missed"
    )
    args = parser.parse_args()
    started = time.strftime("%Y%m%dT%H%M%S")
    run = {
        "started": started,
        "args": {"rounds": args.rounds, "no_browser": args.no_browser, "only": args.only},
        "machine": machine(),
        "load_average": {"start": load()},
        "results": {},
    }
    print(
        f"{run['machine']['cpu']}, {run['machine']['cores']} cores, load average"
        f" {'/'.join(f'{v:.2f}' for v in run['load_average']['start'])} at start"
    )
    benchmarks = [
        ("autosave", "autosave", lambda: bench_autosave(args.rounds), False),
        ("rerun", "rerun_save", lambda: bench_rerun_save(max(5, args.rounds // 2)), False),
        ("radar", "radar", lambda: bench_radar(args.rounds), False),
        ("nbval", "nbval", lambda: bench_nbval(max(1, args.rounds // 12)), False),
        ("speech", "speech", lambda: bench_speech(max(5, args.rounds // 4)), False),
        ("slider", "slider", lambda: bench_browser_slider(args.rounds), True),
        ("coach", "coach_view", lambda: bench_coach_view(max(3, args.rounds // 5)), True),
        ("runall", "run_all", lambda: bench_run_all(max(8, args.rounds // 3)), True),
        ("roster", "roster", lambda: bench_roster(max(5, args.rounds // 5)), True),
        ("rebuild", "rebuild", lambda: bench_rebuild(max(5, args.rounds // 3)), False),
        ("hub", "hub", lambda: bench_hub(20), True),
    ]
    # Kernels start from Step Up's bytecode, as on an engineer's machine, where Python keeps it
    # from the first import. This machine sets PYTHONDONTWRITEBYTECODE, so without this every
    # kernel compiled about sixty of our modules again (0.15 s a workbook, not the floor's).
    compileall.compile_dir(ROOT / "widgets", quiet=1)
    began = time.monotonic()
    for option, key, bench, browser in benchmarks:
        if args.only not in (None, option) or (browser and args.no_browser):
            continue
        before, start = load(), time.monotonic()
        run["results"][key] = bench()
        run["results"][key]["load_average"] = {"before": before, "after": load()}
        run["results"][key]["duration_s"] = round(time.monotonic() - start, 1)
        print()
    run["load_average"]["end"] = load()
    run["duration_s"] = round(time.monotonic() - began, 1)
    run["targets"] = TARGETS
    missed = [t for t in TARGETS if not t["met"]]
    if missed:
        print("Missed targets:")
        for t in missed:
            unit = "×" if t["unit"] == "×" else f" {t['unit']}"
            print(
                f"  {t['benchmark']}: {t['what']}: measured {t['measured']:g}{unit},"
                f" target ≤ {t['target']:g}{unit}"
            )
    else:
        print(f"All targets met ({len(TARGETS)} checked)")
    print(
        f"Load average {'/'.join(f'{v:.2f}' for v in run['load_average']['start'])} at start,"
        f" {'/'.join(f'{v:.2f}' for v in run['load_average']['end'])} at end"
        f" ({os.cpu_count()} cores): above the core count, figures are noisy"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{started}.json"
    out.write_text(json.dumps(run, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"results written to {out.relative_to(ROOT)}")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
