"""Paths a command cannot use: a sentence on stderr, exit 2, and nothing written that was not
asked for (issue 27: device nodes replaced, a FIFO that hangs, raw tracebacks)."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from widgets.storage.journal import OutputPathError, check_output_path

WRITERS = {
    "export": ("export",),
    "report html": ("report", "--format", "html"),
    "report md": ("report", "--format", "md", "--audience", "manager"),
    "share": ("share",),
}


def run(*args, journal: Path | None = None, prefix: tuple[str, ...] = (), timeout: float = 60):
    """`stepup ARGS`; a command that hangs (a FIFO opened for writing) fails by timing out."""
    return subprocess.run(
        check=False,
        args=[*prefix, sys.executable, "-m", "widgets.cli", *args]
        + (["--journal", str(journal)] if journal else []),
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=timeout,
    )


def free_port() -> str:
    """A port nothing listens on (the port is checked before the journal: a busy or privileged
    one would be refused first, and the journal's refusal never reached)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


def refused(done, said: str) -> bool:
    return (
        done.returncode == 2
        and done.stderr.startswith("stepup: ")
        and said in done.stderr
        and "Traceback" not in done.stderr
    )


def write_ladder(path: Path) -> Path:
    path.write_text(
        "Competency,Mid,Senior\nDelivery,Ships,Leads\nQuality,Tests,Raises\nPeople,Helps,Mentors\n"
    )
    return path


def listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def _special_files(folder: Path) -> dict[str, int]:
    """A FIFO, a character device (where mknod is allowed) and a symlink to each: name → type."""
    os.mkfifo(folder / "pipe")
    made = {"pipe": stat.S_IFIFO}
    try:
        os.mknod(folder / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # as /dev/null
        made["null"] = stat.S_IFCHR
    except PermissionError:
        pass
    for name, kind in list(made.items()):
        (folder / f"link-to-{name}").symlink_to(folder / name)
        made[f"link-to-{name}"] = kind
    return made


@pytest.mark.parametrize("command", WRITERS)
def test_out_never_replaces_a_device_or_a_pipe_and_never_hangs(tmp_path, demo_path, command):
    """As root a rename over /dev/null made it a regular 0600 file for the whole machine, and a
    FIFO as --out hung for ever: now both are refused from a stat, before anything is opened."""
    folder = tmp_path / "out"
    folder.mkdir()
    special = _special_files(folder)
    before = listing(folder)
    for name, kind in special.items():
        done = run(*WRITERS[command], "--out", str(folder / name), journal=demo_path, timeout=30)
        assert refused(done, "is not a regular file"), (name, done.stderr)
        assert "Nothing was written" in done.stderr
        assert stat.S_IFMT(os.stat(folder / name).st_mode) == kind, name
        assert listing(folder) == before  # no staging file, no charts' folder


def test_a_symlink_to_dev_null_is_refused_without_touching_it(tmp_path):
    link = tmp_path / "plan.html"
    link.symlink_to("/dev/null")
    with pytest.raises(OutputPathError, match="is not a regular file"):
        check_output_path(link)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_out_to_a_regular_file_or_a_new_name_still_works(tmp_path, demo_path):
    existing = tmp_path / "plan.md"
    existing.write_text("last week's")
    for out in (existing, tmp_path / "new.html"):
        args = ("report", "--format", out.suffix[1:], "--out", str(out))
        done = run(*args, journal=demo_path)
        assert done.returncode == 0, done.stderr
        assert stat.S_ISREG(os.stat(out).st_mode) and out.read_text() != "last week's"
    assert len(listing(tmp_path / "plan-charts")) == 6


def test_a_markdown_report_writes_nothing_where_it_is_refused(tmp_path, demo_path):
    """`--out FOLDER` said "Nothing was written" but wrote 6 charts (beliefs.png among them)
    beside it; a missing folder or a too-long name was a traceback."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "a-file").write_text("x")
    cases = {
        tmp_path / "plans": "is a folder",
        tmp_path / "missing" / "plan.md": "does not exist",
        tmp_path / ("p" * 300 + ".md"): "is too long",
        tmp_path / "a-file" / "plan.md": "is a file, not a folder",
    }
    before = listing(tmp_path)
    for out, said in cases.items():
        done = run("report", "--format", "md", "--out", str(out), journal=demo_path)
        assert refused(done, said), (out.name[:20], done.stderr)
        assert "Nothing was written" in done.stderr
        assert listing(tmp_path) == before and listing(tmp_path / "plans") == []


def test_a_long_name_that_fits_is_written_and_leaves_no_staging_file(tmp_path, demo_path):
    """A name near the limit fits, though its hidden staging name would not: it is cut."""
    out = tmp_path / ("e" * 245 + ".json")
    done = run("export", "--out", str(out), journal=demo_path)
    assert done.returncode == 0, done.stderr
    assert listing(tmp_path) == sorted([demo_path.name, out.name, *_companions(tmp_path)])


def _companions(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(("-wal", "-shm"))]


@pytest.mark.parametrize(
    "args",
    [
        ("where",),
        ("export",),
        ("lab", "--no-browser", "--port", free_port()),
        ("framework", "list"),
    ],
)
def test_a_journal_under_a_file_is_a_sentence(tmp_path, args):
    (tmp_path / "notes.txt").write_text("mine")
    done = run(*args, journal=tmp_path / "notes.txt" / "journal.sqlite")
    assert refused(done, "notes.txt is a file, not a folder"), done.stderr
    assert listing(tmp_path) == ["notes.txt"] and done.stdout == ""


# Root ignores file modes; root without capabilities does not (setpriv drops them all), so the
# folder of another user that only they may write can be tested where the tests run as root.
WITHOUT_CAPABILITIES = ("setpriv", "--bounding-set=-all", "--inh-caps=-all")


@pytest.fixture
def someone_elses_folder(tmp_path, demo_path):
    """A copy of the demo journal in a folder owned by `nobody`, readable but not writable."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root and setpriv to act as a user without write access")
    folder = tmp_path / "theirs"
    folder.mkdir()
    journal = folder / "journal.sqlite"
    shutil.copy(demo_path, journal)
    journal.chmod(0o644)
    os.chown(journal, 65534, 65534)
    os.chown(folder, 65534, 65534)
    folder.chmod(0o555)
    tmp_path.chmod(0o755)
    return journal


def test_a_journal_in_a_folder_this_user_cannot_write(someone_elses_folder, tmp_path):
    """Every command used to end in a traceback ("attempt to write a readonly database");
    reading ones now read, writing ones say plainly why not (no "restore from a backup")."""
    journal = someone_elses_folder
    for args in (
        ("where",),
        ("export",),
        ("report", "--format", "md"),
        ("share", "--dry-run"),
        ("framework", "list"),
    ):
        done = run(*args, journal=journal, prefix=WITHOUT_CAPABILITIES)
        assert done.returncode == 0 and done.stdout and "Traceback" not in done.stderr, (
            args,
            done.stderr,
        )
    ladder = write_ladder(tmp_path / "ladder.csv")
    ladder.chmod(0o644)
    for args in (
        ("lab", "--no-browser", "--port", free_port()),
        ("framework", "import", str(ladder)),
    ):
        done = run(*args, journal=journal, prefix=WITHOUT_CAPABILITIES)
        assert refused(done, "this user may not write it or its folder"), (args, done.stderr)
        assert "backup" not in done.stderr
    new = journal.with_name("new.sqlite")
    done = run(
        "lab", "--no-browser", "--port", free_port(), journal=new, prefix=WITHOUT_CAPABILITIES
    )
    assert refused(done, "may not write its folder"), done.stderr
    assert listing(journal.parent) == ["journal.sqlite"]


def _beside(journal: Path) -> list[str]:
    return [p.name for p in journal.parent.iterdir() if p.name.startswith(journal.name + "-")]


def test_reading_commands_leave_nothing_beside_the_journal(tmp_path, demo_path):
    """A read-only connection to a WAL journal makes its -wal and -shm and cannot remove them."""
    assert _beside(demo_path) == []
    for args in (("export",), ("share", "--dry-run"), ("framework", "list")):
        done = run(*args, journal=demo_path)
        assert done.returncode == 0, done.stderr
        assert _beside(demo_path) == [], args


def test_a_sweep_leaves_what_another_connection_uses_or_what_holds_saves(tmp_path, demo_path):
    import sqlite3

    from widgets.storage.journal import Journal, sweep_reader_companions
    from widgets.storage.records import Profile

    with Journal(demo_path, readonly=True):
        assert _beside(demo_path) and not sweep_reader_companions(demo_path)  # open: kept
        assert sorted(_beside(demo_path)) == [f"{demo_path.name}-shm", f"{demo_path.name}-wal"]
    assert sweep_reader_companions(demo_path) and _beside(demo_path) == []
    writer = Journal(demo_path)
    writer.save(Profile(alias="Saved in the log"))
    reader = sqlite3.connect(f"file:{demo_path}?mode=ro", uri=True)
    reader.execute("SELECT count(*) FROM entries").fetchall()
    writer.close()  # a reader is still there: the writer cannot fold its log back in
    reader.close()
    assert (demo_path.parent / f"{demo_path.name}-wal").stat().st_size > 0
    assert not sweep_reader_companions(demo_path)  # saves in the -wal: never removed
    with Journal(demo_path, readonly=True) as journal:
        assert journal.record("profile").alias == "Saved in the log"


def test_the_coach_view_leaves_nothing_beside_the_journal_after_it_stops(tmp_path, demo_path):
    import signal
    import socket
    import time

    from tests.servers import free_port, session_process

    port = free_port()
    command = [sys.executable, "-m", "widgets.cli", "coach", "--journal", str(demo_path)]
    command += ["--port", str(port), "--no-browser", "--no-preheat"]
    with session_process(command, {}, tmp_path / "coach.log") as process:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        assert process.poll() is None, (tmp_path / "coach.log").read_text()[-2000:]
        os.kill(process.pid, signal.SIGTERM)
        assert process.wait(timeout=40) == 128 + signal.SIGTERM
    assert _beside(demo_path) == []


def test_an_endless_stream_as_an_import_is_capped_on_what_is_read(tmp_path):
    """/dev/zero reports a size of 0: the 50 MB cap was checked on that, and reading it whole
    ended in MemoryError. A coach snapshot (`share --show`) is read the same way."""
    target = tmp_path / "journal.sqlite"
    done = run("import", "/dev/zero", journal=target)
    assert refused(done, "is over 50 MB"), done.stderr
    assert listing(tmp_path) == []
    assert refused(run("share", "--show", "/dev/zero"), "is over 50 MB")


@pytest.mark.parametrize(
    "url", ["http://[::1", "notaurl", "http://127.0.0.1:99999/", "ftp://hub/", "http:///x"]
)
def test_a_malformed_hub_url_is_a_sentence(demo_path, url):
    args = ("share", "--hub", "--hub-url", url, "--token", "t", "--hub-user", "asha")
    done = run(*args, journal=demo_path)
    assert refused(done, "is not a web address"), done.stderr
    assert "Nothing was shared" in done.stderr


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@pytest.fixture
def full_disk(tmp_path, demo_path):
    """A 512 KiB tmpfs holding a copy of the demo journal, then filled to the last byte."""
    folder = tmp_path / "full"
    folder.mkdir()
    if os.geteuid() != 0 or not _mount(
        "-t", "tmpfs", "-o", "size=512k", "stepup-full", str(folder)
    ):
        pytest.skip("mounting a small filesystem needs root")
    try:
        shutil.copy(demo_path, folder / "journal.sqlite")
        with open(folder / "filler", "wb") as filler, pytest.raises(OSError):
            while True:  # bounded by the disk: 512 KiB
                filler.write(b"\0" * 65536)
                filler.flush()
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True, check=False)


def test_a_full_disk_is_a_sentence_when_a_journal_is_created_or_opened(full_disk, tmp_path):
    journal = full_disk / "journal.sqlite"
    before = journal.read_bytes()
    ladder = write_ladder(tmp_path / "ladder.csv")
    done = run("lab", "--no-browser", "--port", free_port(), journal=full_disk / "new.sqlite")
    assert refused(done, "the disk is full"), done.stderr
    done = run("framework", "import", str(ladder), journal=journal)
    assert refused(done, "the disk is full"), done.stderr
    assert "backup" not in done.stderr
    done = run("export", journal=journal)  # reading still works, and leaves nothing
    assert done.returncode == 0 and '"entries"' in done.stdout, done.stderr
    assert listing(full_disk) == ["filler", "journal.sqlite"]
    assert journal.read_bytes() == before
