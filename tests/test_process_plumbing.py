"""widgets.processes without a real server: busy ports, the URL printed only for a port the
server holds, the browser opened on a file, stale folders swept, a child that dies with its
parent. (tests/test_processes.py starts the real servers.)"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from tests.servers import free_port, port_held_by_another
from widgets import processes, supervision
from widgets.processes import ServerError

LINUX = sys.platform.startswith("linux")


@pytest.fixture
def held_port():
    with port_held_by_another() as port:
        yield port


def test_a_busy_port_is_refused_with_a_sentence(held_port):
    with pytest.raises(ServerError) as refused:
        processes.check_port(held_port)
    assert str(refused.value).startswith(f"Port {held_port} on 127.0.0.1 is already in use")
    assert "--port N" in str(refused.value)
    processes.check_port(free_port())  # and a free one is not


def _fake_server(listen_on: int | None, then_exit_after: float) -> list[str]:
    """A stand-in server: listens on a port (or none), then exits with 1."""
    code = textwrap.dedent(
        f"""
        import socket, sys, time
        if {listen_on!r} is not None:
            s = socket.socket(); s.bind(("127.0.0.1", {listen_on!r})); s.listen()
        time.sleep({then_exit_after})
        sys.exit(1)
        """
    )
    return [sys.executable, "-c", code]


def test_the_url_is_printed_once_the_server_listens_on_its_port(capsys):
    port = free_port()
    assert (
        supervision.run_server(_fake_server(port, 1.0), dict(os.environ), port, ("Open: here",))
        == 1
    )
    assert capsys.readouterr().out == "Open: here\n"


def test_no_url_when_the_server_listens_elsewhere(capsys):
    """A server that moved to another port (as Voilà does on its own) is never announced."""
    port, elsewhere = free_port(), free_port()
    assert (
        supervision.run_server(
            _fake_server(elsewhere, 1.0), dict(os.environ), port, ("Open: here",)
        )
        == 1
    )
    assert "Open" not in capsys.readouterr().out


def test_a_port_taken_after_the_check_is_said_so_without_a_url(held_port, capsys):
    """The server could not bind (another program took the port after Step Up checked it)."""
    with pytest.raises(ServerError, match="already in use"):
        supervision.run_server(
            _fake_server(None, 0.1), dict(os.environ), held_port, ("Open: here",)
        )
    assert "Open" not in capsys.readouterr().out


def test_the_browser_is_given_a_private_file_not_the_token(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(processes.webbrowser, "open", opened.append)
    url = "http://127.0.0.1:8866/voila/render/coach_view.ipynb?token=s3cret&x=<1>"
    processes.open_in_browser(url, tmp_path)
    [argument] = opened
    assert "s3cret" not in argument and argument.startswith("file://")
    page = tmp_path / "open.html"
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    text = page.read_text(encoding="utf-8")
    assert "token=s3cret&amp;x=&lt;1&gt;" in text and "<1>" not in text


def _marker_of_a_dead_process() -> str:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    created = psutil.Process(child.pid).create_time()
    child.wait()
    return f"{child.pid} {created:.3f}"


def _folder(root: Path, name: str, marker: str | None) -> Path:
    folder = root / name
    folder.mkdir(mode=0o700)
    (folder / "kernel.json").write_text("{}")
    if marker is not None:
        (folder / processes.OWNER_FILE).write_text(marker)
    return folder


def test_a_killed_runs_folder_is_swept_and_a_live_ones_kept(tmp_path):
    me = psutil.Process()
    dead = _marker_of_a_dead_process()
    stale = [_folder(tmp_path, f"{p}dead", dead) for p in processes.FOLDER_PREFIXES]
    live = _folder(tmp_path, "stepup-coach-live", f"{me.pid} {me.create_time():.3f}")
    # The same pid with another start time: a later process reused the number.
    reused = _folder(tmp_path, "stepup-lab-reused", f"{me.pid} {me.create_time() - 100:.3f}")
    unmarked = _folder(tmp_path, "stepup-lab-unmarked", None)  # being made now, or older
    other_name = _folder(tmp_path, "jupyter-dead", dead)
    (tmp_path / "x").mkdir()
    elsewhere = _folder(tmp_path / "x", "target", dead)
    link = tmp_path / "stepup-demo-link"
    link.symlink_to(elsewhere)
    removed = processes.sweep_stale_folders(tmp_path)
    assert sorted(removed) == sorted([*stale, reused])
    assert not any(folder.exists() for folder in removed)
    for kept in (live, unmarked, other_name, elsewhere, link):
        assert kept.exists(), kept


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_another_users_folder_is_never_swept(tmp_path):
    theirs = _folder(tmp_path, "stepup-lab-theirs", _marker_of_a_dead_process())
    os.chown(theirs, 65534, 65534)
    assert processes.sweep_stale_folders(tmp_path) == []
    assert theirs.exists()


def test_a_private_folder_is_0700_and_names_its_owner(tmp_path, monkeypatch):
    monkeypatch.setattr(processes.tempfile, "tempdir", str(tmp_path))
    with processes.private_folder("stepup-lab-") as folder:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert processes.sweep_stale_folders(tmp_path) == []  # its owner is alive: this test
    assert not folder.exists()


# A parent that starts a child with widgets.processes' parent-death signal, prints the child's pid
# and waits to be killed.
PARENT = """
import subprocess, sys, time
from widgets.processes import dies_with_this_process
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                         start_new_session=True, preexec_fn=dies_with_this_process())
print(child.pid, flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(not LINUX, reason="a parent-death signal is Linux's")
@pytest.mark.parametrize("launcher", ["server", "kernel"])
def test_a_child_ends_when_its_parent_is_killed(tmp_path, launcher):
    """SIGKILL to the parent: its child (in a session of its own, as servers and kernels are)
    ends too, through the preexec function (servers) or widgets.kernel_launcher (kernels)."""
    code = PARENT
    if launcher == "kernel":  # the launcher itself, with a connection file, as Jupyter runs it
        code = code.replace(
            '[sys.executable, "-c", "import time; time.sleep(60)"]',
            '[sys.executable, "-m", "widgets.kernel_launcher", "-f", '
            f"{str(tmp_path / 'k.json')!r}]",
        ).replace(", preexec_fn=dies_with_this_process()", "")
    parent = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, processes.TOKEN_ENV: "s3cret"},
    )
    child = psutil.Process(int(parent.stdout.readline()))
    try:
        if launcher == "kernel":  # up: ipykernel wrote its connection file
            deadline = time.monotonic() + 30
            while not (tmp_path / "k.json").exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert (tmp_path / "k.json").exists()
        assert child.is_running()
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        gone, alive = psutil.wait_procs([child], timeout=10)
        assert gone and not alive, "the child outlived its parent"
    finally:
        parent.kill()
        parent.wait()
        parent.stdout.close()
        if child.is_running():
            child.kill()
