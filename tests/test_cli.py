"""The `stepup` command: export/import, where, and refusals reported without a traceback."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from widgets import cli, server_flags
from widgets.content.resources import workbooks_dir
from widgets.storage.journal import Journal
from widgets.storage.records import Profile


def run(*args, env=None):
    return subprocess.run(
        check=False,
        args=[sys.executable, "-m", "widgets.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_export_then_import_round_trips(tmp_path, demo_path):
    """Do `stepup export` and `stepup import` move a journal exactly?"""
    out = tmp_path / "export.json"
    done = run("export", "--journal", str(demo_path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    target = tmp_path / "copy.sqlite"
    done = run("import", str(out), "--journal", str(target))
    assert done.returncode == 0, done.stderr
    again = run("export", "--journal", str(target))
    assert again.stdout == out.read_text()
    assert "profile" in [entry["id"] for entry in json.loads(again.stdout)["entries"]]


def test_import_refusal_is_a_message_not_a_traceback(tmp_path):
    """Does a bad import exit 2 with a one-paragraph message and leave the journal alone?"""
    target = tmp_path / "j.sqlite"
    with Journal(target) as journal:
        journal.save(Profile(alias="Mine"))
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "stepup-journal-export", "schema_version": 1, '
        '"entries": [{"id": "profile", "kind": "profile", '
        '"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", '
        '"deleted_at": null, '
        '"revisions": [{"rev": 1, "saved_at": "2026-01-01T00:00:00Z", '
        '"data": {"years_experience": "lots"}}]}]}'
    )
    done = run("import", str(bad), "--journal", str(target), "--replace")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "entry 'profile' (profile), revision 1: years_experience" in done.stderr
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_coach_refuses_a_missing_journal_before_starting_a_server(tmp_path):
    done = run("coach", "--journal", str(tmp_path / "none.sqlite"), "--port", "1")
    assert done.returncode == 2
    assert "no journal" in done.stderr
    assert not (tmp_path / "none.sqlite").exists()


def test_where_follows_the_environment(tmp_path):
    done = run("where", env={"STEPUP_JOURNAL": str(tmp_path / "x.sqlite")})
    assert done.stdout.strip() == str(tmp_path / "x.sqlite")


def test_voila_command_is_locked_down():
    """Is Voilà bound to loopback, on the port asked for only, with a token that is not on its
    command line, sources stripped, tracebacks hidden?"""
    command = server_flags.voila_command(workbooks_dir(), 8866)
    assert "--Voila.ip=127.0.0.1" in command
    assert "--Voila.auto_token=True" in command and "--Voila.port_retries=0" in command
    assert not [arg for arg in command if arg.split("=")[0].lower().endswith(("-token", ".token"))]
    assert "--strip_sources=True" in command and "--show_tracebacks=False" in command


def test_unknown_command_exits_nonzero():
    with pytest.raises(SystemExit) as exited:
        cli.main(["fly"])
    assert exited.value.code not in (0, None)


def test_coach_preheats_only_the_coach_view():
    """Does `stepup coach` keep one warm kernel for the coach view and none for the workbooks?
    (The pools come from a config file: traitlets takes a dict of dicts only from one.)"""
    import json

    command = server_flags.voila_command(workbooks_dir(), 8866)
    assert "--preheat_kernel=True" in command
    [folder] = [
        arg.split("=", 1)[1] for arg in command if arg.startswith("--Voila.config_file_paths=")
    ]
    config = json.loads((Path(folder) / "voila.json").read_text(encoding="utf-8"))
    assert config == {
        "VoilaKernelManager": {
            "kernel_pools_config": {
                "default": {"pool_size": 0},
                "coach_view.ipynb": {"pool_size": 1},
            }
        }
    }
    assert not [
        arg
        for arg in server_flags.voila_command(workbooks_dir(), 8866, preheat=False)
        if "preheat" in arg or "pool" in arg or "config_file" in arg
    ]


@pytest.mark.parametrize("command", ["lab", "coach", "demo"])
def test_every_server_command_takes_a_port_and_no_browser(command):
    args = cli.build_parser().parse_args([command, "--port", "9001", "--no-browser"])
    assert args.port == 9001 and args.no_browser


@pytest.mark.parametrize("command", ["export", "report"])
def test_out_onto_the_journal_is_refused_and_the_journal_kept(demo_path, command):
    """`--out J` with `--journal J` (or through a symlink to it) once destroyed the journal."""
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    link = demo_path.with_name("link-to-journal.sqlite")
    link.symlink_to(demo_path)
    for target in (demo_path, link):
        done = run(command, "--journal", str(demo_path), "--out", str(target))
        assert (
            done.returncode == 2
            and done.stderr.startswith("stepup: ")
            and "Traceback" not in done.stderr
        )
        assert "journal itself" in done.stderr
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before
    with Journal(demo_path, readonly=True) as journal:
        assert journal.record("profile") is not None


def test_out_onto_another_database_a_folder_or_a_missing_folder_is_a_sentence(tmp_path, demo_path):
    other = tmp_path / "other.sqlite"
    Journal(other).close()
    cases = {
        str(other): "is a database",
        str(tmp_path): "is a folder",
        str(tmp_path / "missing" / "x.json"): "does not exist",
    }
    for out, said in cases.items():
        done = run("export", "--journal", str(demo_path), "--out", out)
        assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr, (
            done.stderr
        )


def test_out_is_private_whole_and_follows_a_symlink(tmp_path, demo_path):
    """Written beside the target and renamed (no half file),
    0600 even through a link to a 0644 file."""
    real = tmp_path / "shared.json"
    real.write_text("old export")
    real.chmod(0o644)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    done = run("export", "--journal", str(demo_path), "--out", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and json.loads(real.read_text())["entries"]
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o600
    said = int(done.stderr.split("Exported ")[1].split(" bytes")[0].replace(",", ""))
    assert said == real.stat().st_size  # bytes, not characters
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_an_export_over_the_stated_limit_is_refused_before_it_is_read(tmp_path):
    from widgets.storage.transfer import MAX_IMPORT_BYTES

    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no memory or disk spent
    done = run("import", str(huge), "--journal", str(tmp_path / "j.sqlite"))
    assert done.returncode == 2 and "up to 50 MB" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "j.sqlite").exists()


def test_an_import_says_which_recording_it_left_out_and_keeps_the_rest(tmp_path):
    """A damaged recording in an export: the command imports everything else, exits 0 and
    names the take whose recording it left out."""
    from tests.test_rehearsal_storage import _damage, clip, take

    source = tmp_path / "j.sqlite"
    with Journal(source) as journal:
        audio = clip(seed=3)
        entry = journal.save_take(take(audio, "s1"), audio, "audio/wav")
        journal.save(Profile(alias="Mine"))
        sha256 = entry.data["audio"]["sha256"]
    out = tmp_path / "export.json"
    assert run("export", "--journal", str(source), "--out", str(out)).returncode == 0
    document = json.loads(out.read_text())
    _damage(document, sha256, "flipped byte")
    out.write_text(json.dumps(document))
    target = tmp_path / "copy.sqlite"
    done = run("import", str(out), "--journal", str(target))
    assert done.returncode == 0, done.stderr
    assert f"the recording of the take {entry.id!r}" in done.stderr
    assert "figures and ratings were imported" in done.stderr
    with Journal(target) as copy:
        assert copy.record("profile").alias == "Mine"
        assert copy.record("rehearsal", entry.id) is not None
        assert copy.audio(sha256) is None


@pytest.fixture
def held_port():
    from tests.servers import port_held_by_another

    with port_held_by_another() as port:
        yield port


@pytest.mark.parametrize("command", ["lab", "coach", "demo", "roster"])
def test_a_busy_port_is_a_sentence_and_exit_2_with_no_url(tmp_path, demo_path, held_port, command):
    """Voilà and Jupyter would move to the next port, and the printed URL (with the token) would
    lead to whatever listens on this one: Step Up says so and starts nothing."""
    args = {
        "lab": ["lab", "--journal", str(tmp_path / "new.sqlite")],
        "coach": ["coach", "--journal", str(demo_path)],
        "demo": ["demo"],
        "roster": ["coach", "--roster", str(tmp_path)],
    }[command]
    done = run(*args, "--port", str(held_port), "--no-browser", env={"TMPDIR": str(tmp_path)})
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"stepup: Port {held_port} on 127.0.0.1 is already in use"), (
        done.stderr
    )
    assert "Traceback" not in done.stderr
    assert "http" not in done.stdout + done.stderr and "token" not in done.stdout + done.stderr
    assert not (tmp_path / "new.sqlite").exists(), "nothing is made for a server that cannot start"
    assert not list(tmp_path.glob("stepup-*")), "no private folder is left"
