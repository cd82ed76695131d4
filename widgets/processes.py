"""The servers `stepup` starts: their port, their private folder, their browser, their end.

Only the standard library and psutil (and, when a sentence is written, ``widgets.i18n``): the
``stepup`` command, the roster server and the kernel launcher share it.

- A token never goes on a command line (any local user reads ``/proc/PID/cmdline``): servers get
  it through the environment (``JUPYTER_TOKEN``, readable only by this user), and the browser is
  opened on a private redirect file, not on a URL.
- The port is checked before a server starts, the server may not move to another one, and no URL
  is printed until the server is seen listening on the port asked for.
- Servers and kernels die with the process that started them (Linux: a parent-death signal), and
  a private folder a killed run left behind is removed at the next start.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import html
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import webbrowser
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil

LOOPBACK = "127.0.0.1"
TOKEN_ENV = "JUPYTER_TOKEN"  # what Jupyter Server's identity provider reads
# Every private folder a `stepup` server makes, named so a later run can find a dead one's.
FOLDER_PREFIXES = ("stepup-lab-", "stepup-coach-", "stepup-demo-", "stepup-roster-")
OWNER_FILE = "owner"  # in each folder: "PID CREATE_TIME" of the stepup process that made it
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class ServerError(Exception):
    """A server cannot start or stopped before it was ready; the message is for the user."""


def _(message: str) -> str:
    """``message`` in the engineer's language (imported here, when a sentence is written: the
    kernel launcher imports this module and never writes one)."""
    from widgets import i18n

    return i18n.gettext(message)


def port_in_use(port: int) -> str:
    """The sentence for a port another program holds."""
    return _(
        "Port {port} on {address} is already in use (by another Step Up or another program). "
        "Stop that program, or choose another port with --port N. Nothing was started."
    ).format(port=port, address=LOOPBACK)


def check_port(port: int) -> None:
    """Refuse a port this user cannot listen on, before anything starts (ServerError)."""
    if not 0 < port < 65536:
        raise ServerError(
            _("Port {port} is not a port: give --port a number from 1 to 65535.").format(port=port)
        )
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As tornado binds: a port still in TIME_WAIT from a previous run is free to reuse.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ServerError(port_in_use(port)) from None
            if error.errno == errno.EACCES:
                raise ServerError(
                    _(
                        "Not allowed to listen on port {port}: choose one above 1023 with "
                        "--port N. Nothing was started."
                    ).format(port=port)
                ) from None
            raise ServerError(
                _("Cannot listen on {address} ({problem}). Nothing was started.").format(
                    address=f"{LOOPBACK}:{port}", problem=error.strerror
                )
            ) from None


def listening_on(pid: int, port: int) -> bool:
    """Is the process ``pid``, or one it started, listening on ``port``?"""
    try:
        root = psutil.Process(pid)
        tree = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return False
    for process in tree:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            for conn in process.net_connections(kind="tcp"):
                if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port:
                    return True
    return False


def wait_until_listening(process: subprocess.Popen, port: int, poll_s: float = 0.2) -> bool:
    """Wait until the server listens on ``port`` (True) or ends first (False).

    Whether *it* listens is asked of the kernel (psutil), not by connecting: a connection could
    reach another program that took the port meanwhile.
    """
    while process.poll() is None:
        if listening_on(process.pid, port):
            return True
        time.sleep(poll_s)
    return False


def _prctl() -> Callable[..., int] | None:
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def die_with_parent(
    signum: int = signal.SIGTERM, parent: int | None = None, prctl: Callable | None = None
) -> None:
    """Ask Linux to send ``signum`` to this process when its parent ends (any way, SIGKILL too).

    The signal follows the parent *thread*: call it in a child started from a thread that lives
    as long as its process (the main thread). If the parent is already gone (it died between
    the fork and this call), this process ends now. Elsewhere than Linux it does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    expected = os.getppid() if parent is None else parent
    prctl = prctl or _prctl()
    armed = prctl is not None and prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
    if armed and os.getppid() != expected:
        os.kill(os.getpid(), signum)


def dies_with_this_process(signum: int = signal.SIGTERM) -> Callable[[], None]:
    """A ``preexec_fn`` for a server: it gets ``signum`` when this process ends. libc is looked
    up here, before the fork, so the child only makes one system call."""
    me, prctl = os.getpid(), _prctl()
    return lambda: die_with_parent(signum, parent=me, prctl=prctl)


def _owner_marker() -> str:
    me = psutil.Process()
    return f"{me.pid} {me.create_time():.3f}"


def _owner_alive(marker: str) -> bool:
    try:
        pid_text, created_text = marker.split()
        process = psutil.Process(int(pid_text))
        # The same pid, reused by a later process, is not the owner.
        return abs(process.create_time() - float(created_text)) < 0.01
    except (ValueError, psutil.NoSuchProcess):
        return False
    except psutil.AccessDenied:
        return True


def sweep_stale_folders(root: Path | None = None) -> list[Path]:
    """Remove the private folders a killed `stepup` left in ``root`` (the temporary folder).

    Only folders with Step Up's names, owned by this user, not symlinks, whose owner file names a
    process that is gone; a folder without one (being made now, or by an older Step Up) is kept.
    """
    root = Path(root or tempfile.gettempdir())
    removed = []
    try:
        candidates = [p for p in root.iterdir() if p.name.startswith(FOLDER_PREFIXES)]
    except OSError:
        return removed
    for folder in candidates:
        try:
            info = folder.lstat()
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
                continue
            marker = (folder / OWNER_FILE).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            continue
        if not _owner_alive(marker):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


@contextlib.contextmanager
def private_folder(prefix: str) -> Iterator[Path]:
    """A folder only this user can enter (0700), removed afterwards; if this process is killed
    instead, the next start removes it (:func:`sweep_stale_folders`)."""
    sweep_stale_folders()
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        os.chmod(folder, 0o700)
        (Path(folder) / OWNER_FILE).write_text(_owner_marker(), encoding="ascii")
        yield Path(folder)


def redirect_file(url: str, folder: Path) -> Path:
    """A 0600 page in ``folder`` that sends the browser to ``url``: the browser's command line
    then names a file, not the token (Jupyter's own ``browser_open_file`` does the same)."""
    from widgets import i18n

    path = folder / "open.html"
    target = html.escape(url, quote=True)
    language = html.escape(i18n.current(), quote=True)
    words = html.escape(_("Open Step Up"))
    page = (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0;url={target}"><title>Step Up</title></head>'
        f'<body><p><a href="{target}">{words}</a></p></body></html>'
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with open(fd, "w", encoding="utf-8") as file:
        file.write(page)
    return path


def open_in_browser(url: str, folder: Path) -> None:
    """Open ``url`` in the user's browser through a redirect file in ``folder``, so the token is
    never on the browser's command line."""
    webbrowser.open(redirect_file(url, folder).as_uri())
