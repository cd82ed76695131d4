"""How ``stepup`` runs a server: in the foreground, its token in its environment, stopped with
every kernel it started when ``stepup`` is interrupted (Ctrl-C, SIGTERM, a closed terminal).

The servers' port, private folder, browser and parent-death signal are :mod:`widgets.processes`;
their command lines are :mod:`widgets.server_flags`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path

import psutil

from widgets.processes import (
    TOKEN_ENV,
    check_port,
    dies_with_this_process,
    open_in_browser,
    wait_until_listening,
)

# First on every server's JUPYTER_PATH: the Voilà template, and the python3 kernelspec that
# starts kernels through widgets.kernel_launcher (they end with their server).
JUPYTER_DATA = Path(__file__).with_name("jupyter_data")


class _Stop(Exception):
    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_stop(signum, _frame):
    raise _Stop(signum)


# How long a server gets to shut its kernels down before what is left is killed.
GRACE_SECONDS = 15


def stop_tree(process: subprocess.Popen) -> None:
    """Stop a server and everything it started, kernels included.

    Kernels run in sessions of their own (jupyter_client starts them so), so signalling the
    server's process group would miss them: the tree is listed first, the server is asked to
    stop (it shuts its kernels down), and whatever outlives the grace period is killed.
    """
    try:
        tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        tree = []
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=GRACE_SECONDS)
    for survivor in tree:
        with contextlib.suppress(psutil.NoSuchProcess):
            survivor.terminate()
    _, alive = psutil.wait_procs(tree, timeout=5)
    for survivor in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            survivor.kill()
    psutil.wait_procs(alive, timeout=5)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def run_server(
    command: list[str],
    env: dict,
    port: int,
    announce: tuple[str, ...] = (),
    open_url: str | None = None,
    folder: Path | None = None,
) -> int:
    """Run a server in the foreground until it ends, or until this command is interrupted
    (Ctrl-C, SIGTERM, a closed terminal): then the server and its kernels are stopped too. If
    this command is killed outright, the server gets SIGTERM from Linux (a parent-death signal)
    and its kernels likewise from it (widgets.kernel_launcher).

    The server runs in its own session, so a Ctrl-C reaches it once, through here, rather than
    as Jupyter's "Shutdown this server?" question. ``announce`` is printed, and ``open_url``
    opened in a browser (through a redirect file in ``folder``), only once the server is seen
    listening on ``port``: never a URL to a port it does not hold.
    """
    stopping = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, _raise_stop) for signum in stopping}
    process = None
    try:
        # preexec_fn: one prctl call (libc found before the fork); no thread runs here yet.
        process = subprocess.Popen(
            command,
            env=env,
            start_new_session=True,
            preexec_fn=dies_with_this_process(),  # noqa: PLW1509
        )
        if not wait_until_listening(process, port):
            code = process.wait()
            check_port(port)  # taken meanwhile: that sentence, rather than the server's log
            return code
        for line in announce:
            print(line, flush=True)
        if open_url and folder is not None:
            open_in_browser(open_url, folder)
        return process.wait()
    except _Stop as stop:
        if process is not None:
            for signum in stopping:  # a second Ctrl-C must not interrupt the clean-up
                signal.signal(signum, signal.SIG_IGN)
            stop_tree(process)
        return 128 + stop.signum
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def server_env(extra: dict[str, str], token: str) -> dict[str, str]:
    """The server's environment: the token (never an argument: any local user reads a command
    line), and Step Up's Jupyter data (template, kernelspec) first on JUPYTER_PATH."""
    env = dict(os.environ, **extra)
    env[TOKEN_ENV] = token
    env["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")])
    )
    return env
