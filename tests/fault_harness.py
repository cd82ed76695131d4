"""Separate processes that write to one journal, for the fault tests (tests/test_faults.py).

Run as ``python -m tests.fault_harness crash PATH ROUNDS SEED``, ``... write PATH PREFIX COUNT``
or ``... acked PATH PREFIX COUNT [PAUSE_S]`` (each confirmed save's id printed as it returns).
Kept out of the pytest process: forking there would copy the threads of whatever else the
session runs (a browser driver), and each writer should be a real process like JupyterLab's kernel
or the CLI.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import signal
import sys
import time

from widgets.storage.journal import Journal, JournalError
from widgets.storage.records import Checkin


def _writer(path: str, prefix: str, ack_fd: int | None, count: int, pause_s: float = 0) -> int:
    """Save ``count`` check-ins, ``pause_s`` apart; after each save returns, write its id to
    ``ack_fd`` (the acknowledgement)."""
    failures = 0
    with Journal(path) as journal:
        for n in range(count):
            time.sleep(pause_s)
            entry_id = f"{prefix}-{n}"
            try:
                journal.save(
                    Checkin(week_of=dt.date(2026, 1, 5), wins=f"{entry_id} " + "x" * (n % 700)),
                    entry_id,
                )
            except JournalError as error:  # would reach the engineer as a message: count it
                failures += 1
                print(f"refused: {error}", file=sys.stderr)
                continue
            if ack_fd is not None:
                os.write(ack_fd, f"{entry_id}\n".encode())
    return failures


def crash(path: str, rounds: int, seed: int) -> dict:
    """Kill a writer with SIGKILL at a random moment, ``rounds`` times;
    check the journal after each."""
    rng = random.Random(seed)
    acknowledged: set[str] = set()
    kills = 0
    for round_ in range(rounds):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(read_fd)
            try:
                _writer(path, f"r{round_}", write_fd, 10_000)
            finally:
                os._exit(0)
        os.close(write_fd)
        time.sleep(rng.uniform(0.002, 0.060))
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
            kills += 1
        os.waitpid(pid, 0)
        with os.fdopen(read_fd) as acks:
            acknowledged.update(line.strip() for line in acks if line.endswith("\n"))
        with Journal(
            path
        ) as journal:  # opens (refusal would raise), then checks every acknowledged save
            integrity = journal.integrity_check()
            stored = {entry.id for entry in journal.entries()}
        if integrity != "ok":
            return {"rounds": round_ + 1, "kills": kills, "integrity": integrity, "lost": []}
        lost = sorted(acknowledged - stored)
        if lost:
            return {"rounds": round_ + 1, "kills": kills, "integrity": integrity, "lost": lost[:10]}
    return {
        "rounds": rounds,
        "kills": kills,
        "integrity": "ok",
        "lost": [],
        "acknowledged": len(acknowledged),
    }


def main(argv: list[str]) -> int:
    mode, path = argv[0], argv[1]
    if mode == "crash":
        print(json.dumps(crash(path, int(argv[2]), int(argv[3]))))
        return 0
    if mode == "write":
        failures = _writer(path, argv[2], None, int(argv[3]))
        print(json.dumps({"failures": failures}))
        return 0
    if mode == "acked":  # each confirmed save's id on stdout as it returns, refusals on stderr
        pause_s = float(argv[4]) if len(argv) > 4 else 0
        failures = _writer(path, argv[2], sys.stdout.fileno(), int(argv[3]), pause_s)
        print(json.dumps({"failures": failures}))
        return 0
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
