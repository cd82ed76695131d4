"""Start the real servers (Voilà, JupyterLab) for browser tests, on 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium keeps trying to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-extensions",
]
STARTUP_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def port_held_by_another() -> Iterator[int]:
    """A port another program listens on (127.0.0.1), for the length of the block."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


@dataclass
class Server:
    base: str
    token: str
    process: subprocess.Popen
    log: Path

    def url(self, path: str) -> str:
        joiner = "&" if "?" in path else "?"
        return f"{self.base}{path}{joiner}token={self.token}"


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited with {process.returncode}:\n{log.read_text()[-3000:]}"
            )
        with contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError):
            urllib.request.urlopen(url, timeout=5)
            return
        time.sleep(0.3)
    raise RuntimeError(f"server not up after {STARTUP_TIMEOUT_S}s:\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def session_process(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen]:
    """Run ``command`` in its own session, output to ``log``; on exit, stop the whole session."""
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            command,
            env={**os.environ, **env},
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)  # stepup gives its server 15 s to stop its kernels
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextlib.contextmanager
def stepup_server(
    args: list[str], env: dict[str, str], log: Path, token: str | None = None
) -> Iterator[Server]:
    """Run ``stepup ARGS`` and yield once it answers; the token is read from what it prints."""
    port = free_port()
    command = [sys.executable, "-m", "widgets.cli", *args, "--port", str(port)]
    with session_process(command, env, log) as process:
        if token is None:
            deadline = time.monotonic() + STARTUP_TIMEOUT_S
            while token is None and time.monotonic() < deadline and process.poll() is None:
                found = re.search(r"token=([A-Za-z0-9_\-]+)", log.read_text(errors="replace"))
                token = found.group(1) if found else None
                time.sleep(0.2)
            if token is None:
                raise RuntimeError(f"no token printed:\n{log.read_text()[-3000:]}")
        server = Server(f"http://127.0.0.1:{port}", token, process, log)
        _wait_until_up(server.url("/"), process, log)
        yield server


@contextlib.contextmanager
def lab_server(
    tmp_path: Path,
    journal: Path,
    token: str,
    render_all_cells: bool = False,
    workspace: bool = False,
    extra_env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """`stepup lab` on a copy of the workbooks (Lab may save them) and the given journal.

    ``render_all_cells``: Lab 4 draws only the cells in view; tests that reach far down a
    workbook turn that off, so every widget is in the page. ``workspace``: as an engineer runs
    it, on the copies `stepup lab` makes beside the journal.
    """
    from widgets.content.resources import workbooks_dir

    notebooks = tmp_path / "workbooks"
    shutil.copytree(workbooks_dir(), notebooks)
    config = tmp_path / "jupyter-config"
    config.mkdir()
    # Galata's switch: lets a test call Lab commands instead of clicking through menus.
    (config / "jupyter_lab_config.json").write_text('{"LabApp": {"expose_app_in_browser": true}}')
    env = {
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "STEPUP_JOURNAL": str(journal),
        **(extra_env or {}),
    }
    if render_all_cells:
        tracker = (
            tmp_path
            / "lab-user-settings"
            / "@jupyterlab"
            / "notebook-extension"
            / "tracker.jupyterlab-settings"
        )
        tracker.parent.mkdir(parents=True)
        tracker.write_text('{"windowingMode": "none"}')
        env["JUPYTERLAB_SETTINGS_DIR"] = str(tmp_path / "lab-user-settings")
    args = [
        "lab",
        "--no-browser",
        "--token",
        token,
        *([] if workspace else ["--notebook-dir", str(notebooks)]),
        "--journal",
        str(journal),
    ]
    with stepup_server(args, env, tmp_path / "lab.log", token=token) as server:
        yield server


def run_all_cells(page) -> None:
    """Run the open notebook top to bottom once its kernel is connected."""
    kernel = "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
    page.wait_for_function(
        "window.jupyterapp && window.jupyterapp.shell.currentWidget && "
        "window.jupyterapp.shell.currentWidget.sessionContext"
        f" && window.jupyterapp.shell.currentWidget.sessionContext.session && {kernel}"
    )
    page.wait_for_function(f"{kernel}.connectionStatus === 'connected'")
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")


# Nothing is left in flight between the notebook in front and its kernel: the kernel commits every
# form's typing now (what PageKeys asks when the page is hidden), and a round trip to the kernel
# (an empty execute: the kernel handles it after every message sent before it) passes with no
# widget message leaving the page meanwhile (ipywidgets holds updates while the kernel is busy
# and sends them when it is idle). Bounded: false if the page still sends after 20 round trips.
SETTLED = """async () => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  let sent = 0;
  const count = (_, {msg, direction}) => {
    if (direction === 'send' && msg.header.msg_type === 'comm_msg'
        && msg.content.data?.content?.commit !== 'now') sent += 1;
  };
  kernel.anyMessage.connect(count);
  try {
    for (let round = 0; round < 20; round++) {
      sent = 0;
      window.dispatchEvent(new Event('pagehide'));
      await kernel.requestExecute({code: '', silent: true, store_history: false}).done;
      if (sent === 0) return true;
    }
    return false;
  } finally {
    kernel.anyMessage.disconnect(count);
  }
}"""


def settle(page) -> None:
    """Wait until whatever the page and its kernel still had in flight has landed (SETTLED)."""
    assert page.evaluate(SETTLED), "the page kept sending to its kernel"


# Run All has drawn the notebook in front: every code cell has run, the kernel is idle, each widget
# output of the notebook's model has its view drawn in the notebook's page, and every image in its
# outputs has finished loading. Shared by the workbook browser tests and `make bench`'s
# Run All timing.
NOTEBOOK_DRAWN = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session?.kernel;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  if (!kernel || kernel.status !== 'idle') return false;
  if (cells.some(c => c.model.executionCount === null)) return false;
  const mime = 'application/vnd.jupyter.widget-view+json';
  let expected = 0;
  for (const cell of cells) {
    for (let i = 0; i < cell.model.outputs.length; i++) {
      if (cell.model.outputs.get(i).data[mime]) expected += 1;
    }
  }
  const outputs = [...panel.content.node.querySelectorAll('.jp-OutputArea-output')];
  const drawn = outputs
    .filter(o => o.firstElementChild && o.firstElementChild.classList.contains('jupyter-widgets'))
    .length;
  const images = outputs.flatMap(o => [...o.querySelectorAll('img')]);
  // complete: loaded, or failed for good (an empty chart's zero bytes), so never waited on forever
  return expected > 0 && drawn === expected && images.every(image => image.complete);
}"""


def committed_outputs(notebook: Path) -> tuple[int, int]:
    """How many outputs a notebook's committed cells hold, and how many of them are widgets."""
    import nbformat

    outputs = [o for c in nbformat.read(notebook, as_version=4).cells for o in c.get("outputs", [])]
    widgets = [
        o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    return len(outputs), len(widgets)


# A Voilà page has drawn what its notebook shows: as many outputs as the committed notebook holds
# (``arg``: [outputs, widgets], from :func:`committed_outputs`), each widget output with its view
# drawn, and every image in them finished loading.
VOILA_DRAWN = """([outputs, widgets]) => {
  const found = [...document.querySelectorAll('.jp-OutputArea-output')];
  const drawn = found.filter(o => o.querySelector(':scope > .jupyter-widgets')).length;
  const images = found.flatMap(o => [...o.querySelectorAll('img')]);
  return found.length === outputs && drawn === widgets && images.every(image => image.complete);
}"""
