"""A journal on a read-only disk: reading commands work, writing ones say why in a sentence.

Needs a real read-only filesystem: a tmpfs mounted by this test (CI runs as root); skipped where
mounting is not allowed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from widgets.storage.journal import Journal
from widgets.storage.transfer import import_journal

pytestmark = pytest.mark.slow


def _mount(*args: str) -> bool:
    return subprocess.run(check=False, args=["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def readonly_journal(demo_text):
    folder = Path(tempfile.mkdtemp(prefix="stepup-ro-"))
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", "size=64m", "stepup-ro", str(folder)):
        folder.rmdir()
        pytest.skip("mounting a read-only filesystem needs root")
    try:
        journal = folder / "journal.sqlite"
        import_journal(demo_text, journal)
        with Journal(journal) as opened:  # as a writer left it: a -wal beside the file
            opened.checkpoint()
        assert _mount("-o", "remount,ro", str(folder))
        yield journal
    finally:
        subprocess.run(check=False, args=["umount", str(folder)], capture_output=True)
        folder.rmdir()


def run(*args: str, journal: Path):
    return subprocess.run(
        check=False,
        args=[sys.executable, "-m", "widgets.cli", *args, "--journal", str(journal)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_reading_commands_work_and_writing_ones_explain(readonly_journal, tmp_path):
    for args in (("export",), ("report", "--format", "md"), ("framework", "list")):
        done = run(*args, journal=readonly_journal)
        assert done.returncode == 0 and done.stdout and "Traceback" not in done.stderr, (
            args,
            done.stderr,
        )
    ladder = tmp_path / "ladder.csv"
    ladder.write_text(
        "Competency,Mid,Senior\nDelivery,Ships,Leads\n"
        "Quality,Tests,Raises the bar\nPeople,Helps,Mentors\n"
    )
    export = tmp_path / "export.json"
    export.write_text(run("export", journal=readonly_journal).stdout)
    for args in (("framework", "import", str(ladder)), ("import", str(export), "--replace")):
        done = run(*args, journal=readonly_journal)
        assert (
            done.returncode == 2
            and "read-only disk" in done.stderr
            and "Traceback" not in done.stderr
        ), (args, done.stderr)


def test_forms_show_a_sentence_and_the_coach_view_reads(readonly_journal, monkeypatch):
    from widgets import profile_form
    from widgets.coach import coach_session
    from widgets.forms.base import ErrorNotice
    from widgets.storage import current

    monkeypatch.setenv(current.JOURNAL_ENV, str(readonly_journal))
    current.close_all()
    notice = profile_form()
    assert isinstance(notice, ErrorNotice) and "read-only disk" in notice.summary()
    monkeypatch.setenv(current.READONLY_ENV, "1")
    current.close_all()
    page = coach_session()
    assert "Asha" in page._repr_mimebundle_()["text/plain"]
    current.close_all()
