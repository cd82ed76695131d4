"""The ``stepup`` command: the three ways in (lab, coach, demo) and moving journals as JSON."""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

from widgets import cli_parser, i18n, settings
from widgets.content import workbooks
from widgets.content.ladder import LadderError, read_framework_file
from widgets.content.resources import demo_persona_path, workbooks_dir
from widgets.content.tracks import COMPANY_LADDER
from widgets.forms.commands import import_framework
from widgets.i18n import gettext as _
from widgets.i18n import ngettext
from widgets.processes import LOOPBACK, ServerError, check_port, private_folder
from widgets.readers.audience import AUDIENCE_NAMES, DEFAULT_AUDIENCE
from widgets.readers.competencies import available_frameworks
from widgets.readers.promotion_case import AUDIENCE as CASE_AUDIENCE
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
from widgets.storage.workspace import (
    sync_workspace,
    translated_templates,
    workspace_for,
)
from widgets.supervision import run_server, server_env
from widgets.views.report import neutralise_controls

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


def _list(items) -> str:
    """Names one after another, with the active language's separator (", ")."""
    return i18n.gettext(", ").join(items)


def _bytes(size: int) -> str:
    """``size`` as the active language writes a number ("1,234")."""
    return i18n.format_number(size)


def cmd_lab(args) -> int:
    """`stepup lab`: JupyterLab on the engineer's journal and their own copies of the workbooks."""
    path = _journal_arg(args)
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
    path = _journal_arg(args)
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


def cmd_share(args) -> int:
    """`stepup share`: a snapshot of what the coach audience sees, and what was left out."""
    from widgets.hub_client import OFF_THE_HUB, hub_target, send_to_hub
    from widgets.readers.share import build_share, snapshot_lines, summary

    if args.show:
        document = read_snapshot_file(Path(args.show))
        print(neutralise_controls("\n".join(snapshot_lines(document))))
        return 0
    if args.hub and args.out:
        raise JournalError(
            _(
                "Give --hub (send to the hub's Step Up service) or --out FILE, not both. "
                "Nothing was written."
            )
        )
    target = None
    if args.hub:
        target = hub_target(args.hub_url, args.token, args.hub_user)
        if target is None:
            raise JournalError(
                _("{off_the_hub} Or give --hub-url, --token and --hub-user.").format(
                    off_the_hub=i18n.gettext(OFF_THE_HUB)
                )
            )
    if not args.dry_run and not args.out and not args.hub:
        raise JournalError(
            _(
                "Say where to write the snapshot (--out FILE, or --hub on a programme's "
                "JupyterHub), or look first with --dry-run. Nothing was written."
            )
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
        size = len(text.encode("utf-8"))
        print(
            ngettext(
                "Nothing was written (--dry-run). The file would be {size} byte; "
                "stepup share --out - prints it whole.",
                "Nothing was written (--dry-run). The file would be {size} bytes; "
                "stepup share --out - prints it whole.",
                size,
            ).format(size=_bytes(size)),
            file=report,
        )
        return 0
    if to_stdout:
        sys.stdout.write(text)
        return 0
    if target is not None:
        answer = send_to_hub(text, target)
        print(
            neutralise_controls(_("Step Up service: {answer}").format(answer=answer)), file=report
        )
        return 0
    data = text.encode("utf-8")
    out = write_private_file(data, Path(args.out), path)
    print(
        ngettext(
            "Wrote {size} byte to {path} (only you can read it: mode 0600). "
            "Send it to your coach, who drops it in their roster folder.",
            "Wrote {size} bytes to {path} (only you can read it: mode 0600). "
            "Send it to your coach, who drops it in their roster folder.",
            len(data),
        ).format(size=_bytes(len(data)), path=out),
        file=report,
    )
    return 0


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


def cmd_export(args) -> int:
    """`stepup export`: the whole journal as JSON, to standard output or a private file."""
    with reading(_journal_arg(args)) as journal:
        text = dumps(export_journal(journal))
    if args.out in (None, "-"):
        sys.stdout.write(text)
    else:
        data = text.encode("utf-8")
        out = write_private_file(data, Path(args.out), _journal_arg(args))
        print(
            ngettext(
                "Exported {size} byte to {path}", "Exported {size} bytes to {path}", len(data)
            ).format(size=_bytes(len(data)), path=out),
            file=sys.stderr,
        )
    return 0


def cmd_import(args) -> int:
    """`stepup import FILE`: an exported journal into the journal. One that already holds entries
    is replaced only with --replace, after a backup; recordings left out are named on stderr."""
    source = Path(args.file)
    try:
        if source.stat().st_size > MAX_IMPORT_BYTES:  # before reading it into memory
            raise too_large(source.stat().st_size, str(source))
        text = read_capped(source)  # a stream (/dev/zero) has no size: capped on what is read
        if text is None:
            raise too_large(None, str(source))
    except (OSError, UnicodeDecodeError) as error:
        raise JournalError(
            _("Cannot read {path}: {error}. Nothing was imported.").format(path=source, error=error)
        ) from None
    target = _journal_arg(args)
    left_out: list[str] = []  # a sentence for each recording that was damaged or too large
    backup = import_journal(text, target, replace=args.replace, source=str(source), notes=left_out)
    if backup:
        print(
            _("Imported {source} into {target} (the previous journal is kept at {backup})").format(
                source=source, target=target, backup=backup
            )
        )
    else:
        print(_("Imported {source} into {target}").format(source=source, target=target))
    for note in left_out:
        print(neutralise_controls(note), file=sys.stderr)
    return 0


def cmd_framework_import(args) -> int:
    """`stepup framework import FILE`: a company's career framework into the journal, replacing
    one of the same name."""
    framework = read_framework_file(args.file, args.name)
    with Journal(_journal_arg(args)) as journal:
        replaced = import_framework(journal, framework)
    count = len(framework.competencies)
    if replaced:
        sentence = ngettext(
            "Updated '{name}': {levels} levels ({level_names}), {count} competency. "
            "Choose it in workbook 02.",
            "Updated '{name}': {levels} levels ({level_names}), {count} competencies. "
            "Choose it in workbook 02.",
            count,
        )
    else:
        sentence = ngettext(
            "Imported '{name}': {levels} levels ({level_names}), {count} competency. "
            "Choose it in workbook 02.",
            "Imported '{name}': {levels} levels ({level_names}), {count} competencies. "
            "Choose it in workbook 02.",
            count,
        )
    print(
        neutralise_controls(
            sentence.format(
                name=framework.name,
                levels=len(framework.levels),
                level_names=_list([lv.name for lv in framework.levels]),
                count=count,
            )
        )
    )
    return 0


def cmd_framework_list(args) -> int:
    """`stepup framework list`: every framework the journal can use, one tab-separated line each."""
    with reading(_journal_arg(args)) as journal:
        for framework in available_frameworks(journal):
            if framework.track == COMPANY_LADDER:
                origin = i18n.gettext("imported")
            else:
                origin = i18n.gettext("built-in")
            count = len(framework.competencies)
            about = ngettext(
                "{count} competency, levels: {level_names}",
                "{count} competencies, levels: {level_names}",
                count,
            ).format(count=count, level_names=_list(lv.name for lv in framework.levels))
            print(neutralise_controls(f"{framework.id}\t{framework.name}\t{origin}\t{about}"))
    return 0


def cmd_report(args) -> int:
    """`stepup report`: the growth plan for one audience, as Markdown or HTML, to standard output
    or a file (with its charts beside it or inline)."""
    from widgets.views.report import build_report, write_report

    if args.lang:
        i18n.check(args.lang)  # before any file is read or written
    if getattr(args, "document", "growth-plan") != "growth-plan":
        return _report_case(args)
    to_stdout = args.out in (None, "-")
    # Markdown's charts are PNG files beside it: none on standard output, where there is no folder.
    charts = "none" if args.no_charts else "inline" if args.format == "html" else "files"
    if to_stdout and charts == "files":
        charts = "none"
        print(
            _(
                "(Markdown on standard output has no charts; "
                "use --out FILE to get them as PNG files beside it.)"
            ),
            file=sys.stderr,
        )
    with reading(_journal_arg(args)) as journal:
        report = build_report(
            journal,
            args.format,
            args.audience,
            charts,
            None if to_stdout else Path(args.out).name,
            language=args.lang,
        )
    if to_stdout:
        _review(report.left_out, report.left_out_heading)
        sys.stdout.write(report.text)
        return 0
    out = write_report(report, Path(args.out), _journal_arg(args))
    _review(
        report.left_out, report.left_out_heading
    )  # after the write: a refused --out says only that
    size = out.stat().st_size  # bytes on disk, not characters
    details = {
        "for_audience": AUDIENCE_NAMES[args.audience],
        "format": args.format,
        "size": _bytes(size),
        "path": out,
    }
    if report.chart_files:
        count = len(report.chart_files)
        sentence = ngettext(
            "Wrote the growth plan {for_audience} ({format}, {size} bytes, {count} chart in "
            "{folder}) to {path}",
            "Wrote the growth plan {for_audience} ({format}, {size} bytes, {count} charts in "
            "{folder}) to {path}",
            count,
        ).format(count=count, folder=out.parent / report.chart_folder, **details)
    else:
        sentence = _("Wrote the growth plan {for_audience} ({format}, {size} bytes) to {path}")
        sentence = sentence.format(**details)
    print(sentence, file=sys.stderr)
    return 0


def _report_case(args) -> int:
    """`stepup report --document promotion-case`: the promotion case, always the manager's copy."""
    from widgets.views.promotion_case import build_case
    from widgets.views.report import write_report

    if args.audience not in (DEFAULT_AUDIENCE, CASE_AUDIENCE):
        print(
            _("The promotion case is written for your manager only: drop --audience."),
            file=sys.stderr,
        )
        return 2
    to_stdout = args.out in (None, "-")
    with reading(_journal_arg(args)) as journal:
        report = build_case(
            journal,
            args.format,
            None if to_stdout else Path(args.out).name,
            language=args.lang,
        )
    if to_stdout:
        _review(report.left_out, report.left_out_heading)
        sys.stdout.write(report.text)
        return 0
    out = write_report(report, Path(args.out), _journal_arg(args))
    _review(report.left_out, report.left_out_heading)
    size = out.stat().st_size
    print(
        _("Wrote the promotion case ({format}, {size} bytes) to {path}").format(
            format=args.format, size=_bytes(size), path=out
        ),
        file=sys.stderr,
    )
    return 0


def _review(left_out: list[str], heading: str) -> None:
    """What the manager's copy left out, for the engineer's eyes: standard error, never the
    document."""
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
    path = _journal_arg(args)
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
