"""`stepup lab`, `coach` and `demo` leave nothing behind: a SIGTERM or a Ctrl-C (SIGINT) to the
command stops the server it started and every kernel that server started, and so does a SIGKILL
(a parent-death signal); no token is on any of their command lines; a port taken while the
server starts is a sentence, never a URL to another port."""

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

from tests.servers import free_port, port_held_by_another
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
    """The kernels under stepup: all started through Step Up's launcher (its kernelspec)."""
    return [
        child
        for child in psutil.Process(process.pid).children(recursive=True)
        if "ipykernel" in " ".join(child.cmdline()) or "widgets.kernel_launcher" in child.cmdline()
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
        servers = psutil.Process(process.pid).children(recursive=True)
        assert not _with_token(servers, token), "`--token X` reached a server's command line"
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
                "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": "an-output-never-written"}
                ],
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
    assert (
        "my_own_cell()" in saved and "an-output-never-written" not in saved
    )  # saved without outputs
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


def _with_token(tree: list[psutil.Process], token: str) -> list[str]:
    """Command lines that hold the token (any local user reads /proc/PID/cmdline)."""
    found = []
    for p in tree:
        with contextlib.suppress(psutil.NoSuchProcess):
            line = " ".join(p.cmdline())
            if token in line:
                found.append(line[:160])
    return found


def _printed_url(process: subprocess.Popen, log: Path) -> tuple[str, str]:
    """The URL stepup printed ("Open: …"), and its token."""
    found = _wait_for(
        lambda: re.search(r"Open: (\S+token=([A-Za-z0-9_\-]+))", log.read_text()),
        process,
        log,
        "URL",
    )
    return found.group(1), found.group(2)


def _listening(port: int) -> bool:
    return any(
        c.status == psutil.CONN_LISTEN and c.laddr.port == port
        for c in psutil.net_connections(kind="tcp")
    )


@pytest.fixture
def short_tmpdir():
    """The children's temporary folder: short, for the kernels' socket paths (about 100 bytes)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="su", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a parent-death signal is Linux's")
@pytest.mark.parametrize("command", ["lab", "coach", "demo"])
def test_no_token_on_a_command_line_and_sigkill_leaves_nothing(tmp_path, short_tmpdir, command):
    """The whole tree (stepup, its server, the kernels) holds the token on no command line, and
    the kernels run through Step Up's launcher. Then stepup is killed outright: within 10 s no
    server or kernel runs and the port is free; the folders it left are swept at the next start."""
    from widgets import processes

    journal = tmp_path / "journal.sqlite"
    with Journal(journal):
        pass
    port = free_port()
    args = {
        "lab": ["lab", "--journal", str(journal), "--notebook-dir", str(workbooks_dir())],
        "coach": ["coach", "--journal", str(journal)],
        "demo": ["demo"],
    }[command]
    env = {
        "TMPDIR": str(short_tmpdir),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
    }
    process, log = _start([*args, "--port", str(port)], tmp_path, env)
    try:
        _url, token = _printed_url(process, log)
        assert _listening(port)
        if command == "lab":  # Lab starts kernels on request
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/kernels?token={token}", data=b"{}", method="POST"
            )
            urllib.request.urlopen(request, timeout=60)
        kernels = _wait_for(lambda: _kernels(process), process, log, "kernel process")
        assert all("widgets.kernel_launcher" in k.cmdline() for k in kernels)
        tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
        assert len(tree) >= 3, "expected stepup, its server and at least one kernel"
        assert not _with_token(tree, token), "the token is on a command line"
        process.kill()
        process.wait()
        _gone, alive = psutil.wait_procs(tree[1:], timeout=10)
        left = [(p.pid, " ".join(p.cmdline())[:120]) for p in alive if p.is_running()]
        assert not left, f"left running after SIGKILL: {left}\n{log.read_text()[-2000:]}"
        deadline = time.monotonic() + 5
        while _listening(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _listening(port), f"port {port} still open after SIGKILL"
    finally:
        _kill_tree(process)
    stale = sorted(short_tmpdir.glob("stepup-*"))
    assert stale, "a killed run leaves its private folder (until the next start)"
    assert sorted(processes.sweep_stale_folders(short_tmpdir)) == stale
    assert not list(short_tmpdir.glob("stepup-*"))


@pytest.mark.parametrize("command", ["lab", "coach"])
def test_a_port_taken_while_the_server_starts_is_a_sentence_not_a_url(
    tmp_path, short_tmpdir, monkeypatch, capfd, command
):
    """The port was free when Step Up checked it and taken before the server bound it: the
    server may not move to another port (port_retries=0), and Step Up says so, printing no URL."""
    from widgets import cli

    checks = []
    real_check = cli.check_port
    monkeypatch.setattr(
        cli,
        "check_port",
        lambda port: checks.append(port) or (real_check(port) if len(checks) > 1 else None),
    )
    monkeypatch.setenv("TMPDIR", str(short_tmpdir))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    journal = tmp_path / "journal.sqlite"
    with Journal(journal):
        pass
    with port_held_by_another() as port:
        args = [command, "--journal", str(journal), "--port", str(port), "--no-browser"]
        if command == "lab":
            args += ["--notebook-dir", str(workbooks_dir())]
        started = time.monotonic()
        assert cli.main(args) == 2
    out, err = capfd.readouterr()
    assert f"stepup: Port {port} on 127.0.0.1 is already in use" in err, err[-2000:]
    assert "Open:" not in out and "Every workbook" not in out
    assert not [
        line
        for line in (out + err).splitlines()
        if "http://" in line and "token=" in line and "token=..." not in line
    ]
    assert time.monotonic() - started < 60


def test_the_roster_answers_on_its_port_and_leaves_no_folder(tmp_path, short_tmpdir):
    """`stepup coach --roster`: the URL printed once its port is bound answers with the token,
    the token is on no command line, and a SIGTERM leaves no private folder."""
    (tmp_path / "mentees").mkdir()
    port = free_port()
    args = ["coach", "--roster", str(tmp_path / "mentees"), "--port", str(port)]
    process, log = _start(args, tmp_path, {"TMPDIR": str(short_tmpdir)})
    try:
        url, token = _printed_url(process, log)
        assert urllib.request.urlopen(url, timeout=30).status == 200
        assert not _with_token([psutil.Process(process.pid)], token)
        assert list(short_tmpdir.glob("stepup-roster-*"))
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        _kill_tree(process)
    assert not list(short_tmpdir.glob("stepup-*"))
