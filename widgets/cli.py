"""The ``stepup`` command: the three ways in (lab, coach, demo), the hub's server and where the
journal is; the commands that move journals through files are in ``cli_documents``."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from widgets import cli_parser, i18n, settings
from widgets.cli_documents import (
    cmd_export,
    cmd_framework_import,
    cmd_framework_list,
    cmd_import,
    cmd_report,
    cmd_share,
)
from widgets.cli_journal import journal_arg, reading
from widgets.content import workbooks
from widgets.content.ladder import LadderError
from widgets.content.resources import demo_persona_path, workbooks_dir
from widgets.i18n import gettext as _
from widgets.processes import LOOPBACK, ServerError, check_port, private_folder
from widgets.server_flags import (
    coach_pages_config,
    hub_server_command,
    lab_command,
    trust_workbooks,
    voila_command,
)
from widgets.storage import chart_cache
from widgets.storage.journal import (
    Journal,
    JournalError,
    check_journal_folder,
    companions_present,
    sweep_reader_companions,
)
from widgets.storage.transfer import demo_date, import_journal
from widgets.storage.workspace import (
    sync_workspace,
    translated_templates,
    workspace_for,
)
from widgets.supervision import run_server, server_env
from widgets.views.report import neutralise_controls

COACH_VIEW = workbooks.COACH_VIEW.file
FIRST_WORKBOOK = workbooks.FIRST_WORKBOOK.file  # where Lab opens


def _no_display() -> bool:
    return not settings.current().has_display


def _workbooks_language(path: Path, args=None) -> str:
    """The language of the engineer's copies of the workbooks, in widgets.i18n's order: ``--lang``
    where the command has it, the profile's, the language setting ($STEPUP_LANG), the system's
    locale, else the source."""
    profile = None
    if path.exists():
        with reading(path) as journal:
            record = journal.record("profile")
            profile = getattr(record, "language", None)
    return i18n.resolve(getattr(args, "lang", None), profile)


def _engineers_workbooks(path: Path, args=None) -> Path:
    """The engineer's own copies of the workbooks, beside the journal, brought up to date, in
    their language (:func:`_workbooks_language`)."""
    language = _workbooks_language(path, args)
    notebooks = workspace_for(path)
    for update in sync_workspace(workbooks_dir(), notebooks, language):
        if update.action != "unchanged":
            print(
                neutralise_controls(_("Step Up: {what}.").format(what=update.sentence())),
                flush=True,
            )
    return notebooks


def _language_env(args) -> dict[str, str]:
    """The kernels' environment for ``--lang``: the language chosen for this server, over the
    profile's (refused here, before a server starts, when Step Up does not speak it)."""
    lang = getattr(args, "lang", None)
    return {settings.CHOSEN_LANGUAGE_ENV: i18n.check(lang)} if lang else {}


def _workbooks_line(path: Path, notebooks: Path) -> str:
    return _("Step Up: journal {path}; workbooks {folder}").format(path=path, folder=notebooks)


def cmd_lab(args) -> int:
    """`stepup lab`: JupyterLab on the engineer's journal and their own copies of the workbooks."""
    path = journal_arg(args)
    check_port(args.port)  # before anything is made: a busy port leaves nothing behind
    with Journal(path):  # creates it (mode 0600) on first use, or refuses a bad file
        pass
    # tests: a given folder, as it is
    notebooks = Path(args.notebook_dir) if args.notebook_dir else _engineers_workbooks(path, args)
    token = args.token or secrets.token_urlsafe(24)
    env = server_env({settings.JOURNAL_ENV: str(path), **_language_env(args)}, token)
    env.pop(settings.READONLY_ENV, None)
    command = lab_command(notebooks, args.port, open_browser=not (args.no_browser or _no_display()))
    print(_workbooks_line(path, notebooks), flush=True)
    url = f"http://{LOOPBACK}:{args.port}/lab/tree/{FIRST_WORKBOOK}?token={token}"
    with private_folder("stepup-lab-") as runtime:
        # Jupyter puts the kernels' sockets in its runtime folder, and a socket path must fit in
        # about 100 bytes: a short private one it is. Lab opens the browser itself, on a
        # redirect file in that folder (no token argument).
        env["JUPYTER_RUNTIME_DIR"] = str(runtime)
        return run_server(command, env, args.port, (_("Open: {url}").format(url=url),))


def serve_coach(
    path: Path,
    port: int,
    extra_env: dict | None = None,
    preheat: bool = True,
    open_browser: bool = False,
    language: str | None = None,
) -> int:
    """The read-only coach view of the journal at ``path`` (Voilà), until the server stops.

    ``extra_env`` adds to the kernels' environment (the demo pins its date there); ``preheat``
    keeps kernels warm so the first page opens quickly; ``language`` (the coach's ``--lang``,
    else the active language) chooses the workbooks served (``workbooks/<language>/`` when
    translated) and the words and ``lang`` of the list of workbooks.
    """
    with Journal(path, readonly=True):  # refuse a missing or bad journal before starting a server
        pass
    check_port(port)
    token = secrets.token_urlsafe(24)
    env = server_env(
        {settings.JOURNAL_ENV: str(path), settings.READONLY_ENV: "1", **(extra_env or {})}, token
    )
    coach_url = f"http://{LOOPBACK}:{port}/voila/render/{COACH_VIEW}?token={token}"
    print(_("Step Up coach view (read-only) of {path}").format(path=path), flush=True)
    announce = (
        _("Open: {url}").format(url=coach_url),
        _("Every workbook: {url}").format(url=f"http://{LOOPBACK}:{port}/?token={token}"),
    )
    with private_folder("stepup-coach-") as private:
        (private / "trust").mkdir(mode=0o700)
        # The pictures the coach's kernels draw, kept while this server runs: a reload or the
        # next preheated kernel reads them. Nothing is written beside the journal.
        (private / "charts").mkdir(mode=0o700)
        env[chart_cache.FOLDER_ENV] = str(private / "charts")
        (private / "config").mkdir(mode=0o700)
        # The coach's language: --lang, else as the coach's kernels choose (a coach's page
        # never speaks the mentee's profile's language): $STEPUP_LANG, then the system's locale.
        with i18n.use(language) as speaks:
            notebooks, _translated = translated_templates(workbooks_dir(), speaks)
            command = [
                *voila_command(notebooks, port, preheat=preheat),
                *coach_pages_config(private / "config"),
            ]
        command += [
            *trust_workbooks(notebooks, private / "trust"),
            # Voilà's connection folder (the kernels' sockets, ipc) inside this private one,
            # so a run killed outright leaves it where the next start sweeps.
            f"--Voila.connection_dir_root={private}",
            "--KernelManager.transport=ipc",
        ]
        return run_server(
            command,
            env,
            port,
            announce,
            open_url=coach_url if open_browser else None,
            folder=private,
        )


def cmd_coach(args) -> int:
    """`stepup coach`: one journal read-only in the coach view, or a roster folder with --roster."""
    if args.roster:
        return cmd_roster(args)
    path = journal_arg(args)
    made = not companions_present(path)
    try:
        return serve_coach(
            path,
            args.port,
            extra_env=_language_env(args),
            preheat=not args.no_preheat,
            open_browser=not (args.no_browser or _no_display()),
            language=args.lang,
        )
    finally:
        if made:  # its kernels read the journal read-only: SQLite's files they made go with them
            sweep_reader_companions(path)


def cmd_roster(args) -> int:
    """`stepup coach --roster DIR`: every mentee in DIR on one read-only page."""
    from widgets.roster_server import serve_roster

    if args.journal:
        raise JournalError(
            _(
                "--roster serves every file in a folder; --journal serves one journal. "
                "Give one of them."
            )
        )
    # The roster's pages are drawn in this process, and each mentee's coach view it starts
    # inherits its environment: both in the coach's language.
    os.environ.update(_language_env(args))
    return serve_roster(
        Path(args.roster), args.port, open_browser=not (args.no_browser or _no_display())
    )


def cmd_demo(args) -> int:
    """`stepup demo`: the coach view of the demo persona, imported into a private throwaway
    journal (its date pinned to the persona's unless a date is already pinned)."""
    persona = demo_persona_path().read_text(encoding="utf-8")
    with private_folder("stepup-demo-") as folder:
        path = folder / "demo.sqlite"
        import_journal(persona, path, source=str(demo_persona_path()))
        pinned = settings.current().today is not None
        env = {} if pinned else {settings.TODAY_ENV: demo_date(persona)}
        env.update(_language_env(args))
        return serve_coach(
            path,
            args.port,
            env,
            preheat=not args.no_preheat,
            open_browser=not (args.no_browser or _no_display()),
            language=args.lang,
        )


def cmd_hub_server(args) -> int:
    """`stepup hub-server`: a programme JupyterHub's single-user server, on Step Up.

    JupyterHub starts this as each engineer's server (``c.Spawner.cmd``, deploy/jupyterhub/):
    the journal in the engineer's own data folder (0600; everything this server writes is
    private to the engineer, umask 077), their workbooks brought up to date beside it, then
    ``jupyterhub-singleuser`` in their place, with the same settings as ``stepup lab``.
    """
    os.umask(0o077)
    path = journal_arg(args)
    with Journal(path):  # creates it (mode 0600) on first use, or refuses a bad file
        pass
    notebooks = _engineers_workbooks(path, args)
    # The server's environment: this process's, which it replaces.
    os.environ[settings.JOURNAL_ENV] = str(path)
    os.environ.pop(settings.READONLY_ENV, None)
    extra = args.server_args[1:] if args.server_args[:1] == ["--"] else args.server_args
    command = hub_server_command(notebooks, extra)
    print(_workbooks_line(path, notebooks), flush=True)
    os.execv(command[0], command)
    return 0  # not reached: the server replaces this process


def cmd_where(args) -> int:
    """`stepup where`: the journal's path (from --journal, $STEPUP_JOURNAL or the default)."""
    path = journal_arg(args)
    check_journal_folder(path)  # a path no journal could ever be at is a sentence, not a path
    print(path)
    return 0


COMMANDS = {
    "lab": cmd_lab,
    "coach": cmd_coach,
    "demo": cmd_demo,
    "share": cmd_share,
    "export": cmd_export,
    "import": cmd_import,
    "report": cmd_report,
    "where": cmd_where,
    "hub-server": cmd_hub_server,
    "framework import": cmd_framework_import,
    "framework list": cmd_framework_list,
}


def build_parser() -> argparse.ArgumentParser:
    """The ``stepup`` command line (widgets/cli_parser.py), each subcommand running its cmd_*."""
    return cli_parser.build_parser(COMMANDS)


def _said(error: Exception) -> str:
    """A refusal's sentence in the engineer's language: a setting's or a language's (they sit
    under widgets.i18n and give their English with its template) translated here, when the
    language setting itself is not the one refused."""
    return settings.said(error, i18n.gettext)


def main(argv: list[str] | None = None) -> int:
    """Run one ``stepup`` command; a refusal is one line on standard error and exit status 2."""
    try:
        speaks = i18n.current()
    except (settings.SettingsError, i18n.LanguageError):
        speaks = i18n.source()  # the help in English; the command then refuses the setting
    with i18n.use(speaks):
        args = build_parser().parse_args(argv)
    try:
        i18n.current()  # a language setting Step Up does not speak: refused now, by name
        return args.func(args)
    except (
        JournalError,
        LadderError,
        ServerError,
        settings.SettingsError,
        i18n.LanguageError,
    ) as error:
        try:
            sentence = _("stepup: {error}").format(error=_said(error))
        except (settings.SettingsError, i18n.LanguageError):  # the language setting, refused
            sentence = f"stepup: {error}"
        print(neutralise_controls(sentence), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
