"""The ``stepup`` commands that move the journal through files, with no server: a snapshot for
the coach (share), the whole journal as JSON (export, import), a document (report) and a
company's career framework (framework import, framework list)."""

from __future__ import annotations

import sys
from pathlib import Path

from widgets import i18n
from widgets.cli_journal import journal_arg, reading
from widgets.content.ladder import read_framework_file
from widgets.content.tracks import COMPANY_LADDER
from widgets.forms.commands import import_framework
from widgets.i18n import gettext as _
from widgets.i18n import ngettext
from widgets.readers.audience import AUDIENCE_NAMES, DEFAULT_AUDIENCE
from widgets.readers.competencies import available_frameworks
from widgets.readers.promotion_case import AUDIENCE as CASE_AUDIENCE
from widgets.storage.journal import Journal, JournalError, write_private_file
from widgets.storage.transfer import (
    MAX_IMPORT_BYTES,
    dumps,
    export_journal,
    import_journal,
    parse_snapshot,
    read_capped,
    read_snapshot_file,
    too_large,
)
from widgets.views.report import neutralise_controls


def _list(items) -> str:
    """Names one after another, with the active language's separator (", ")."""
    return i18n.gettext(", ").join(items)


def _bytes(size: int) -> str:
    """``size`` as the active language writes a number ("1,234")."""
    return i18n.format_number(size)


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
    path = journal_arg(args)
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


def cmd_export(args) -> int:
    """`stepup export`: the whole journal as JSON, to standard output or a private file."""
    with reading(journal_arg(args)) as journal:
        text = dumps(export_journal(journal))
    if args.out in (None, "-"):
        sys.stdout.write(text)
    else:
        data = text.encode("utf-8")
        out = write_private_file(data, Path(args.out), journal_arg(args))
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
    target = journal_arg(args)
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
    with Journal(journal_arg(args)) as journal:
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
    with reading(journal_arg(args)) as journal:
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
    with reading(journal_arg(args)) as journal:
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
    out = write_report(report, Path(args.out), journal_arg(args))
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
    with reading(journal_arg(args)) as journal:
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
    out = write_report(report, Path(args.out), journal_arg(args))
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
