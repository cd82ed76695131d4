"""The ``stepup`` command: the three ways in (lab, coach, demo) and moving journals as JSON."""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import psutil
from nbformat.sign import NotebookNotary

from widgets import settings
from widgets.content import workbooks
from widgets.content.ladder import LadderError, read_framework_file
from widgets.content.resources import demo_persona_path, workbooks_dir
from widgets.processes import (
    TOKEN_ENV,
    ServerError,
    check_port,
    dies_with_this_process,
    open_in_browser,
    private_folder,
    wait_until_listening,
)
from widgets.readers.audience import AUDIENCE_NAMES, AUDIENCES, DEFAULT_AUDIENCE
from widgets.readers.competencies import available_frameworks, import_framework
from widgets.readers.share import CAN_LEAVE_OUT
from widgets.storage import chart_cache
from widgets.storage.journal import (
    Journal,
    JournalError,
    check_journal_folder,
    companions_present,
    sweep_reader_companions,
    write_private_file,
)
from widgets.storage.transfer import (
    MAX_IMPORT_BYTES,
    demo_date,
    dumps,
    export_journal,
    import_journal,
    parse_snapshot,
    read_capped,
    read_snapshot_file,
    too_large,
)
from widgets.storage.workspace import sync_workspace, workspace_for
from widgets.views.report import neutralise_controls

LOOPBACK = "127.0.0.1"
# Lab settings the engineer can still change in the UI; these only set private defaults.
LAB_SETTINGS = Path(__file__).with_name("lab_settings")
# First on every server's JUPYTER_PATH: the Voilà template, and the python3 kernelspec that
# starts kernels through widgets.kernel_launcher (they end with their server).
JUPYTER_DATA = Path(__file__).with_name("jupyter_data")
PREHEAT_CONFIG = Path(__file__).with_name("jupyter_config") / "coach_preheated"
COACH_VIEW = workbooks.COACH_VIEW.file
FIRST_WORKBOOK = workbooks.FIRST_WORKBOOK.file  # where Lab opens


def _journal_arg(args) -> Path:
    return settings.read(journal=args.journal).journal  # --journal, else $STEPUP_JOURNAL


@contextlib.contextmanager
def reading(path: Path) -> Iterator[Journal]:
    """The journal, read-only, for one command: SQLite's -wal and -shm files that reading it made
    beside it are removed after (a read-only connection cannot remove them itself)."""
    made = not companions_present(path)
    try:
        with Journal(path, readonly=True) as journal:
            yield journal
    finally:
        if made:
            sweep_reader_companions(path)


def _no_display() -> bool:
    return not settings.current().has_display


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


def _run(
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


def _server_env(extra: dict[str, str], token: str) -> dict[str, str]:
    """The server's environment: the token (never an argument: any local user reads a command
    line), and Step Up's Jupyter data (template, kernelspec) first on JUPYTER_PATH."""
    env = dict(os.environ, **extra)
    env[TOKEN_ENV] = token
    env["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")])
    )
    return env


def cmd_lab(args) -> int:
    path = _journal_arg(args)
    check_port(args.port)  # before anything is made: a busy port leaves nothing behind
    with Journal(path):  # creates it (mode 0600) on first use, or refuses a bad file
        pass
    if args.notebook_dir:  # tests: a given folder, as it is
        notebooks = Path(args.notebook_dir)
    else:  # the engineer's own copies, beside the journal, brought up to date
        notebooks = workspace_for(path)
        for update in sync_workspace(workbooks_dir(), notebooks):
            if update.action != "unchanged":
                print(neutralise_controls(f"Step Up: {update.sentence()}."), flush=True)
    token = args.token or secrets.token_urlsafe(24)
    env = _server_env({settings.JOURNAL_ENV: str(path)}, token)
    env.pop(settings.READONLY_ENV, None)
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={notebooks}",
        f"--ServerApp.ip={LOOPBACK}",
        f"--ServerApp.port={args.port}",
        "--ServerApp.port_retries=0",  # the port asked for, or none: never a URL to another
        f"--LabApp.default_url=/lab/tree/{FIRST_WORKBOOK}",
        # The answers live in the journal: notebooks are saved without outputs, so a workbook
        # file never holds them (nor the last run's widget state, stale by next week).
        "--FileContentsManager.pre_save_hook=widgets.notebooks.strip_outputs_hook",
        # Private by default: Lab would otherwise offer to fetch news and check for updates online.
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.app_settings_dir={LAB_SETTINGS}",
    ]
    if args.no_browser or _no_display():
        command.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines often run as root
    print(f"Step Up: journal {path}; workbooks {notebooks}", flush=True)
    url = f"http://{LOOPBACK}:{args.port}/lab/tree/{FIRST_WORKBOOK}?token={token}"
    with private_folder("stepup-lab-") as runtime:
        # Kernels talk to the server over Unix sockets, not over TCP ports that any local user
        # could connect to and read in plain text. Jupyter puts the sockets in its runtime
        # folder, and a socket path must fit in about 100 bytes: a short private one it is.
        # Lab opens the browser itself, on a redirect file in that folder (no token argument).
        env["JUPYTER_RUNTIME_DIR"] = str(runtime)
        return _run([*command, "--KernelManager.transport=ipc"], env, args.port, (f"Open: {url}",))


def voila_command(notebooks: Path, port: int, preheat: bool = True) -> list[str]:
    """Voilà's command line; the token is in its environment (JUPYTER_TOKEN, read by Jupyter
    Server's identity provider once ``auto_token`` lets it: without it Voilà asks none)."""
    command = [
        sys.executable,
        "-m",
        "voila",
        str(notebooks),
        "--no-browser",
        f"--Voila.ip={LOOPBACK}",
        f"--port={port}",
        "--Voila.port_retries=0",  # the port asked for, or none: never a URL to another
        "--Voila.auto_token=True",
        "--strip_sources=True",
        "--show_tracebacks=False",
        # Our template (widgets/jupyter_data, on JUPYTER_PATH): Voilà's lab page minus its CDN stylesheets.
        "--template=stepup",
        # The classic (server-rendered) list, which our template shows by workbook title.
        "--VoilaConfiguration.classic_tree=True",
        # v1 websocket only, every frame checked: two library bugs let a client hang the server.
        "--Voila.kernel_websocket_connection_class=widgets.voila_guard.GuardedConnection",
        # Voilà cannot shut a kernel down when the page closes while a token is required (its
        # shutdown POST lacks an XSRF token, voila-dashboards/voila#1458): cull idle ones instead.
        "--MappingKernelManager.cull_idle_timeout=600",
        "--MappingKernelManager.cull_interval=60",
    ]
    if preheat:
        # One warm kernel for the coach view only: it imports everything in advance and reads the
        # journal when the page is requested (widgets.pages.coach_session), so it is never stale.
        # The workbooks read the journal as they run, so they are never preheated. The pools
        # are a dict of dicts, which traitlets takes only from a config file.
        command += ["--preheat_kernel=True", f"--Voila.config_file_paths={PREHEAT_CONFIG}"]
    return command


def serve_coach(
    path: Path,
    port: int,
    extra_env: dict | None = None,
    preheat: bool = True,
    open_browser: bool = False,
) -> int:
    with Journal(path, readonly=True):  # refuse a missing or bad journal before starting a server
        pass
    check_port(port)
    token = secrets.token_urlsafe(24)
    env = _server_env(
        {settings.JOURNAL_ENV: str(path), settings.READONLY_ENV: "1", **(extra_env or {})}, token
    )
    coach_url = f"http://{LOOPBACK}:{port}/voila/render/{COACH_VIEW}?token={token}"
    print(f"Step Up coach view (read-only) of {path}", flush=True)
    announce = (f"Open: {coach_url}", f"Every workbook: http://{LOOPBACK}:{port}/?token={token}")
    with private_folder("stepup-coach-") as private:
        (private / "trust").mkdir(mode=0o700)
        # The pictures the coach's kernels draw, kept while this server runs: a reload or the
        # next preheated kernel reads them. Nothing is written beside the journal.
        (private / "charts").mkdir(mode=0o700)
        env[chart_cache.FOLDER_ENV] = str(private / "charts")
        command = [
            *voila_command(workbooks_dir(), port, preheat=preheat),
            *trust_workbooks(workbooks_dir(), private / "trust"),
            # Voilà's connection folder (the kernels' sockets, ipc) inside this private one,
            # so a run killed outright leaves it where the next start sweeps.
            f"--Voila.connection_dir_root={private}",
            "--KernelManager.transport=ipc",
        ]
        return _run(
            command,
            env,
            port,
            announce,
            open_url=coach_url if open_browser else None,
            folder=private,
        )


def trust_workbooks(notebooks: Path, folder: Path) -> list[str]:
    """Sign Step Up's own workbooks in a private signature store, and the server's arguments
    that use it: the templates we ship are trusted by the coach's server (no "not trusted"
    warning), while the user's own store and any other notebook are left alone."""
    notary = NotebookNotary(data_dir=str(folder))
    for notebook_path in sorted(notebooks.glob("*.ipynb")):
        notary.sign(nbformat.read(notebook_path, as_version=nbformat.NO_CONVERT))
    notary.store.close()
    return [f"--NotebookNotary.data_dir={folder}"]


def cmd_coach(args) -> int:
    if args.roster:
        return cmd_roster(args)
    path = _journal_arg(args)
    made = not companions_present(path)
    try:
        return serve_coach(
            path,
            args.port,
            preheat=not args.no_preheat,
            open_browser=not (args.no_browser or _no_display()),
        )
    finally:
        if made:  # its kernels read the journal read-only: SQLite's files they made go with them
            sweep_reader_companions(path)


def cmd_roster(args) -> int:
    """`stepup coach --roster DIR`: every mentee in DIR on one read-only page."""
    from widgets.roster_server import serve_roster

    if args.journal:
        raise JournalError(
            "--roster serves every file in a folder; --journal serves one journal. Give one of them."
        )
    return serve_roster(
        Path(args.roster), args.port, open_browser=not (args.no_browser or _no_display())
    )


def cmd_share(args) -> int:
    """`stepup share`: a snapshot of what the coach audience sees, and what was left out."""
    from widgets.readers.share import (
        OFF_THE_HUB,
        build_share,
        hub_target,
        send_to_hub,
        snapshot_lines,
        summary,
    )

    if args.show:
        document = read_snapshot_file(Path(args.show))
        print(neutralise_controls("\n".join(snapshot_lines(document))))
        return 0
    if args.hub and args.out:
        raise JournalError(
            "Give --hub (send to the hub's Step Up service) or --out FILE, not both. Nothing was written."
        )
    target = None
    if args.hub:
        target = hub_target(args.hub_url, args.token, args.hub_user)
        if target is None:
            raise JournalError(OFF_THE_HUB + " Or give --hub-url, --token and --hub-user.")
    if not args.dry_run and not args.out and not args.hub:
        raise JournalError(
            "Say where to write the snapshot (--out FILE, or --hub on a programme's JupyterHub), "
            "or look first with --dry-run. Nothing was written."
        )
    path = _journal_arg(args)
    with reading(path) as journal:
        share = build_share(journal, tuple(args.leave_out or ()))
    text = dumps(share.document)
    parse_snapshot(text, "the snapshot")  # what the coach's roster will check, checked now
    to_stdout = args.out == "-"
    report = sys.stderr if to_stdout else sys.stdout
    print(neutralise_controls("\n".join(summary(share))), file=report)
    if args.dry_run:
        print(
            f"Nothing was written (--dry-run). The file would be {len(text.encode('utf-8')):,} bytes; "
            "stepup share --out - prints it whole.",
            file=report,
        )
        return 0
    if to_stdout:
        sys.stdout.write(text)
        return 0
    if target is not None:
        print(neutralise_controls(f"Step Up service: {send_to_hub(text, target)}"), file=report)
        return 0
    data = text.encode("utf-8")
    out = write_private_file(data, Path(args.out), path)
    print(
        f"Wrote {len(data):,} bytes to {out} (only you can read it: mode 0600). "
        "Send it to your coach, who drops it in their roster folder.",
        file=report,
    )
    return 0


def cmd_demo(args) -> int:
    persona = demo_persona_path().read_text(encoding="utf-8")
    with private_folder("stepup-demo-") as folder:
        path = folder / "demo.sqlite"
        import_journal(persona, path, source=str(demo_persona_path()))
        pinned = settings.current().today is not None
        env = {} if pinned else {settings.TODAY_ENV: demo_date(persona)}
        return serve_coach(
            path,
            args.port,
            env,
            preheat=not args.no_preheat,
            open_browser=not (args.no_browser or _no_display()),
        )


def cmd_export(args) -> int:
    with reading(_journal_arg(args)) as journal:
        text = dumps(export_journal(journal))
    if args.out in (None, "-"):
        sys.stdout.write(text)
    else:
        data = text.encode("utf-8")
        out = write_private_file(data, Path(args.out), _journal_arg(args))
        print(f"Exported {len(data):,} bytes to {out}", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    source = Path(args.file)
    try:
        if source.stat().st_size > MAX_IMPORT_BYTES:  # before reading it into memory
            raise too_large(source.stat().st_size, str(source))
        text = read_capped(source)  # a stream (/dev/zero) has no size: capped on what is read
        if text is None:
            raise too_large(None, str(source))
    except (OSError, UnicodeDecodeError) as error:
        raise JournalError(f"Cannot read {source}: {error}. Nothing was imported.") from None
    target = _journal_arg(args)
    left_out: list[str] = []  # a sentence for each recording that was damaged or too large
    backup = import_journal(text, target, replace=args.replace, source=str(source), notes=left_out)
    print(
        f"Imported {source} into {target}"
        + (f" (the previous journal is kept at {backup})" if backup else "")
    )
    for note in left_out:
        print(neutralise_controls(note), file=sys.stderr)
    return 0


def cmd_framework_import(args) -> int:
    framework = read_framework_file(args.file, args.name)
    with Journal(_journal_arg(args)) as journal:
        replaced = import_framework(journal, framework)
    verb = "Updated" if replaced else "Imported"
    print(
        neutralise_controls(
            f"{verb} '{framework.name}': {len(framework.levels)} levels ({', '.join(lv.name for lv in framework.levels)}), "
            f"{len(framework.competencies)} competencies. Choose it in workbook 02."
        )
    )
    return 0


def cmd_framework_list(args) -> int:
    with reading(_journal_arg(args)) as journal:
        for framework in available_frameworks(journal):
            origin = "imported" if framework.track == "custom" else "built-in"
            print(
                neutralise_controls(
                    f"{framework.id}\t{framework.name}\t{origin}\t{len(framework.competencies)} competencies, "
                    f"levels: {', '.join(lv.name for lv in framework.levels)}"
                )
            )
    return 0


def cmd_report(args) -> int:
    from widgets.views.report import REVIEW_HEADING, build_report, write_report

    to_stdout = args.out in (None, "-")
    # Markdown's charts are PNG files beside it: none on standard output, where there is no folder.
    charts = "none" if args.no_charts else "inline" if args.format == "html" else "files"
    if to_stdout and charts == "files":
        charts = "none"
        print(
            "(Markdown on standard output has no charts; use --out FILE to get them as PNG files beside it.)",
            file=sys.stderr,
        )
    with reading(_journal_arg(args)) as journal:
        report = build_report(
            journal, args.format, args.audience, charts, None if to_stdout else Path(args.out).name
        )
    if to_stdout:
        _review(report.left_out, REVIEW_HEADING)
        sys.stdout.write(report.text)
        return 0
    out = write_report(report, Path(args.out), _journal_arg(args))
    _review(report.left_out, REVIEW_HEADING)  # after the write: a refused --out says only that
    size = out.stat().st_size  # bytes on disk, not characters
    charts_note = (
        f", {len(report.chart_files)} charts in {out.parent / report.chart_folder}"
        if report.chart_files
        else ""
    )
    print(
        f"Wrote the growth plan for {AUDIENCE_NAMES[args.audience].removeprefix('for ')}"
        f" ({args.format}, {size:,} bytes{charts_note}) to {out}",
        file=sys.stderr,
    )
    return 0


def _review(left_out: list[str], heading: str) -> None:
    """What the manager's copy left out, for the engineer's eyes: standard error, never the document."""
    if left_out:
        print(heading, *(f"- {line}" for line in left_out), sep="\n", file=sys.stderr)


def cmd_hub_server(args) -> int:
    """`stepup hub-server`: a programme JupyterHub's single-user server, on Step Up.

    JupyterHub starts this as each engineer's server (``c.Spawner.cmd``, deploy/jupyterhub/):
    the journal in the engineer's own data folder (0600; everything this server writes is
    private to the engineer, umask 077), their workbooks brought up to date beside it, then
    ``jupyterhub-singleuser`` in their place, with the same settings as ``stepup lab``.
    """
    os.umask(0o077)
    path = _journal_arg(args)
    with Journal(path):  # creates it (mode 0600) on first use, or refuses a bad file
        pass
    notebooks = workspace_for(path)
    for update in sync_workspace(workbooks_dir(), notebooks):
        if update.action != "unchanged":
            print(neutralise_controls(f"Step Up: {update.sentence()}."), flush=True)
    os.environ[settings.JOURNAL_ENV] = str(path)
    os.environ.pop(settings.READONLY_ENV, None)
    command = [
        "jupyterhub-singleuser",
        f"--ServerApp.root_dir={notebooks}",
        f"--ServerApp.default_url=/lab/tree/{FIRST_WORKBOOK}",
        "--FileContentsManager.pre_save_hook=widgets.notebooks.strip_outputs_hook",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.app_settings_dir={LAB_SETTINGS}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # a test hub's simple spawner runs servers as root
    extra = args.server_args[1:] if args.server_args[:1] == ["--"] else args.server_args
    command += extra
    print(f"Step Up: journal {path}; workbooks {notebooks}", flush=True)
    executable = Path(sys.executable).with_name("jupyterhub-singleuser")
    os.execv(executable, [str(executable), *command[1:]])
    return 0  # not reached: the server replaces this process


def cmd_where(args) -> int:
    path = _journal_arg(args)
    check_journal_folder(path)  # a path no journal could ever be at is a sentence, not a path
    print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stepup",
        description="Step Up: a Jupyter coaching workbook for engineers stepping up to senior.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name, func, help_text, journal=True):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        if journal:
            p.add_argument(
                "--journal",
                help=f"journal file (default: ${settings.JOURNAL_ENV} or {settings.default_journal_path()})",
            )
        return p

    lab = add(
        "lab", cmd_lab, "Open the workbooks in JupyterLab on your journal (created if missing)."
    )
    lab.add_argument("--port", type=int, default=8888)
    lab.add_argument(
        "--no-browser",
        action="store_true",
        help="do not open a browser (automatic without a display)",
    )
    lab.add_argument("--token", help="Jupyter token (default: a random one, printed)")
    lab.add_argument("--notebook-dir", help=argparse.SUPPRESS)
    coach = add(
        "coach",
        cmd_coach,
        "Serve the coach view: the workbooks read-only in Voilà, on 127.0.0.1 with a token.",
    )
    demo = add(
        "demo", cmd_demo, "The coach view over a temporary copy of the demo persona.", journal=False
    )
    coach.add_argument(
        "--roster",
        metavar="DIR",
        help="serve one read-only page over every mentee in DIR: their snapshots "
        "(stepup share) and journals; each name opens that mentee's coach view",
    )
    for served in (coach, demo):
        served.add_argument("--port", type=int, default=8866)
        served.add_argument(
            "--no-preheat", action="store_true", help="do not keep a warm kernel for the coach view"
        )
        served.add_argument(
            "--no-browser",
            action="store_true",
            help="do not open the coach view in a browser (automatic without a display)",
        )
    share = add(
        "share",
        cmd_share,
        "Write a snapshot for your coach: what the coach audience sees (the growth-plan rules), "
        "current entries only; it says what it holds and what was left out.",
    )
    share.add_argument(
        "--out", help="file to write, mode 0600 ('-': standard output, the summary on stderr)"
    )
    share.add_argument(
        "--dry-run", action="store_true", help="say what the snapshot would hold; write nothing"
    )
    share.add_argument(
        "--leave-out",
        action="append",
        metavar="KIND",
        choices=CAN_LEAVE_OUT,
        help="keep a kind of record private, e.g. thought_record (beliefs, and the actions that "
        f"come from them) or checkin; repeat for more. One of: {', '.join(CAN_LEAVE_OUT)}",
    )
    share.add_argument(
        "--hub",
        action="store_true",
        help="send it to the Step Up service of your programme's JupyterHub, with your own hub "
        "token (on a hub server the address, token and name come from its environment)",
    )
    share.add_argument("--hub-url", help="the Step Up service's address (with --hub)")
    share.add_argument("--token", help="your JupyterHub API token (with --hub)")
    share.add_argument("--hub-user", help="your JupyterHub user name (with --hub)")
    share.add_argument(
        "--show",
        metavar="FILE",
        help="say what an existing snapshot file holds (checked as the roster checks it)",
    )
    export = add("export", cmd_export, "Write the journal as JSON (every entry and revision).")
    export.add_argument("--out", help="file to write (default: standard output)")
    imp = add(
        "import",
        cmd_import,
        "Load a JSON export into a journal; a journal holding answers is only replaced with --replace.",
    )
    imp.add_argument("file")
    imp.add_argument(
        "--replace",
        action="store_true",
        help="replace a journal that holds answers (a backup copy is kept)",
    )
    report = add(
        "report",
        cmd_report,
        "Render the growth-plan document (profile, strengths, gaps, plan, progress, charts).",
    )
    report.add_argument(
        "--format",
        choices=("md", "html"),
        default="html",
        help="Markdown or a self-contained HTML page (default: html)",
    )
    report.add_argument(
        "--audience",
        choices=AUDIENCES,
        default=DEFAULT_AUDIENCE,
        help="who it is for: manager (goal, strengths, growth areas, plan, what you need; no "
        "interviews elsewhere, beliefs, confidence or blockers), coach (what the coach view "
        "shows), me (everything; the default)",
    )
    report.add_argument("--no-charts", action="store_true", help="leave the charts out (text only)")
    report.add_argument(
        "--out",
        help="file to write, mode 0600; Markdown's charts go to a folder beside it "
        "(default: standard output)",
    )
    add("where", cmd_where, "Print the path of the journal.")
    hub_server = add(
        "hub-server",
        cmd_hub_server,
        "Run as an engineer's single-user server on a programme's JupyterHub (JupyterHub "
        "starts it: see deploy/jupyterhub/).",
    )
    hub_server.add_argument(
        "server_args", nargs=argparse.REMAINDER, help="passed on to jupyterhub-singleuser"
    )
    framework = sub.add_parser(
        "framework",
        help="Bring your own ladder: import or list competency frameworks.",
        description="Bring your own ladder: import or list competency frameworks.",
    )
    framework_sub = framework.add_subparsers(dest="action", required=True)
    for name, func, help_text in (
        (
            "import",
            cmd_framework_import,
            "Import a company ladder from CSV (header: Competency, level, level, …) or YAML.",
        ),
        ("list", cmd_framework_list, "List the frameworks workbook 02 offers."),
    ):
        p = framework_sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        p.add_argument(
            "--journal",
            help=f"journal file (default: ${settings.JOURNAL_ENV} or {settings.default_journal_path()})",
        )
        if name == "import":
            p.add_argument("file", help="a .csv spreadsheet export or a .yaml/.yml/.json file")
            p.add_argument("--name", help="the ladder's name (default: from the file)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (JournalError, LadderError, ServerError, settings.SettingsError) as error:
        print(neutralise_controls(f"stepup: {error}"), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
