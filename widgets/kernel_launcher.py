"""The kernel Step Up's servers start (``widgets/jupyter_data/kernels/python3``): ipykernel,
made to end with its server.

``stepup lab``, ``coach`` and ``demo`` put that kernelspec first on ``JUPYTER_PATH``, so the
workbooks' ``python3`` kernel is started through here: a parent-death signal is set (Linux), so
a server killed outright (SIGKILL) takes its kernels with it, and the server's token is taken out
of what the kernel's code and the programs it runs see (``os.environ``; the kernel has no use for
it). Then ipykernel runs in this same process, as ``python -m ipykernel_launcher`` would.
"""

from __future__ import annotations

import os
import runpy
import sys

from widgets.processes import TOKEN_ENV, die_with_parent


def main() -> None:
    """Run ipykernel in this process, ending with the server and without the server's token."""
    # Parent polling in ipykernel only notices a parent that is gone *and* reparented to PID 1;
    # under a subreaper (systemd --user, a container's init) it never is. This notices always.
    die_with_parent()
    os.environ.pop(TOKEN_ENV, None)
    sys.argv = ["ipykernel_launcher", *sys.argv[1:]]
    runpy.run_module("ipykernel_launcher", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
