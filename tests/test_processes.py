"""`stepup lab`, `coach` and `demo` leave nothing behind: a SIGTERM or a Ctrl-C (SIGINT) to the
command stops the server it started and every kernel that server started."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

from tests.servers import free_port
from widgets.content.resources import workbooks_dir
from widgets.storage.journal import Journal

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
UP_TIMEOUT_S = 90


def _start(args: list[str], tmp_path: Path, env: dict[str, str]) -> tuple[subprocess.Popen, Path]:
    log = tmp_path / "stepup.log"
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "widgets.cli", *args, "--no-browser"],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    return process, log


def _wait_for(condition, process: subprocess.Popen, log: Path, what: str):
    deadline = time.monotonic() + UP_TIMEOUT_S
    while time.monotonic() < deadline:
        assert process.poll() is None, f"stepup exited early:\n{log.read_text()[-3000:]}"
        with contextlib.suppress(OSError, ValueError):
            found = condition()
            if found:
                return found
        time.sleep(0.3)
    raise AssertionError(f"no {what} after {UP_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


def _kernels(process: subprocess.Popen) -> list[psutil.Process]:
    return [
        child
        for child in psutil.Process(process.pid).children(recursive=True)
        if "ipykernel" in " ".join(child.cmdline())
    ]


def _kill_tree(process: subprocess.Popen) -> None:
    """After a failed test: nothing it started may outlive it (the next tests share the cores)."""
    with contextlib.suppress(psutil.NoSuchProcess):
        for p in [
            *psutil.Process(process.pid).children(recursive=True),
            psutil.Process(process.pid),
        ]:
            with contextlib.suppress(psutil.NoSuchProcess):
                p.kill()
    process.wait()


def _stops_everything(process: subprocess.Popen, log: Path, signum: int) -> None:
    tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    assert len(tree) >= 3, "expected stepup, its server and at least one kernel"
    process.send_signal(signum)
    assert process.wait(timeout=40) == 128 + signum
    _gone, alive = psutil.wait_procs(tree, timeout=10)
    leftovers = [(p.pid, " ".join(p.cmdline())[:120]) for p in alive if p.is_running()]
    for p in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            p.kill()
    assert not leftovers, f"left running: {leftovers}\n{log.read_text()[-2000:]}"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_lab_stops_its_server_and_kernels(tmp_path, signum):
    journal = tmp_path / "journal.sqlite"
    notebooks = tmp_path / "workbooks"
    shutil.copytree(workbooks_dir(), notebooks)
    port, token = free_port(), "processes-test"
    env = {
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
    }
    args = ["lab", "--journal", str(journal), "--port", str(port), "--token", token]
    process, log = _start([*args, "--notebook-dir", str(notebooks)], tmp_path, env)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(
            lambda: urllib.request.urlopen(f"{base}/api/status?token={token}"), process, log, "Lab"
        )
        request = urllib.request.Request(
            f"{base}/api/kernels?token={token}", data=b"{}", method="POST"
        )
        kernel = json.loads(urllib.request.urlopen(request).read())
        _wait_for(lambda: _kernels(process), process, log, "kernel process")
        status = json.loads(
            urllib.request.urlopen(f"{base}/api/kernels/{kernel['id']}?token={token}").read()
        )
        assert status["id"] == kernel["id"]
        _stops_everything(process, log, signum)
    finally:
        _kill_tree(process)
    assert "without encryption" not in log.read_text(), "kernels must not talk over plain TCP"


@pytest.mark.parametrize("command", ["coach", "demo"])
def test_coach_and_demo_stop_their_server_and_preheated_kernel(tmp_path, demo_text, command):
    journal = tmp_path / "journal.sqlite"
    with Journal(journal):
        pass
    port = free_port()
    args = [command, "--port", str(port)] + (
        ["--journal", str(journal)] if command == "coach" else []
    )
    env = {
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
    }
    process, log = _start(args, tmp_path, env)
    try:
        _wait_for(
            lambda: "filled with 1 kernel" in log.read_text(), process, log, "preheated kernel"
        )
        _wait_for(lambda: _kernels(process), process, log, "kernel process")
        token = re.search(r"token=([A-Za-z0-9_\-]+)", log.read_text()).group(1)
        page = urllib.request.urlopen(
            f"http://127.0.0.1:{port}/voila/render/coach_view.ipynb?token={token}", timeout=60
        ).read()
        assert b"stepup-coach-radar" in page
        _stops_everything(process, log, signal.SIGTERM)
    finally:
        _kill_tree(process)
    printed = log.read_text()
    for noise in ("without encryption", "not trusted", "DeprecationWarning"):
        assert noise not in printed, f"the terminal shows {noise!r}:\n{printed[-2000:]}"


def test_lab_works_on_the_engineers_copies_and_opens_on_the_first_workbook(tmp_path):
    """`stepup lab` serves copies beside the journal, not the repository's templates: a save
    there leaves the templates as they were, and Lab opens on 00_start_here."""
    journal = tmp_path / "me" / "journal.sqlite"
    templates_before = {p.name: p.read_bytes() for p in workbooks_dir().glob("*.ipynb")}
    port, token = free_port(), "workspace-test"
    env = {
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
    }
    args = ["lab", "--journal", str(journal), "--port", str(port), "--token", token]
    process, log = _start(args, tmp_path, env)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(
            lambda: urllib.request.urlopen(f"{base}/api/status?token={token}"), process, log, "Lab"
        )
        listing = json.loads(urllib.request.urlopen(f"{base}/api/contents?token={token}").read())
        assert sorted(item["name"] for item in listing["content"]) == sorted(templates_before)
        assert (tmp_path / "me" / "workbooks" / "00_start_here.ipynb").exists()
        opener = urllib.request.build_opener(_NoRedirect)
        redirect = _first_redirect(opener, f"{base}/?token={token}")
        assert redirect.split("?")[0].endswith("/lab/tree/00_start_here.ipynb")
        path = "01_limiting_beliefs.ipynb"
        model = json.loads(
            urllib.request.urlopen(f"{base}/api/contents/{path}?token={token}").read()
        )
        model["content"]["cells"].append(
            {
                "cell_type": "code",
                "id": "mine",
                "metadata": {},
                "source": "my_own_cell()",
                "outputs": [{"output_type": "stream", "name": "stdout", "text": "private"}],
                "execution_count": 1,
            }
        )
        body = json.dumps({"type": "notebook", "format": "json", "content": model["content"]})
        urllib.request.urlopen(
            urllib.request.Request(
                f"{base}/api/contents/{path}?token={token}", data=body.encode(), method="PUT"
            )
        )
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=40)
    saved = (tmp_path / "me" / "workbooks" / path).read_text(encoding="utf-8")
    assert "my_own_cell()" in saved and "private" not in saved  # saved without outputs
    assert {p.name: p.read_bytes() for p in workbooks_dir().glob("*.ipynb")} == templates_before


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _first_redirect(opener, url: str) -> str:
    try:
        opener.open(url)
    except urllib.error.HTTPError as error:
        assert error.code in (301, 302, 303, 307)
        return error.headers["Location"]
    raise AssertionError(f"{url} did not redirect")
