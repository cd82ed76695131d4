"""The ``stepup`` command line: its subcommands, their arguments and help.

:func:`build_parser` takes what each subcommand runs (``widgets.cli``'s ``cmd_*`` functions,
by the subcommand's name) and sets it as the parsed arguments' ``func``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping

from widgets import settings
from widgets.readers.audience import AUDIENCES, DEFAULT_AUDIENCE
from widgets.readers.promotion_case import DOCUMENTS
from widgets.readers.share import CAN_LEAVE_OUT

Command = Callable[[argparse.Namespace], int]


class _Commands:
    """Adds each subcommand with its help (as its description too) and what it runs."""

    def __init__(self, sub, commands: Mapping[str, Command], prefix: str = ""):
        self.sub, self.commands, self.prefix = sub, commands, prefix

    def add(self, name: str, help_text: str, journal: bool = True) -> argparse.ArgumentParser:
        parser = self.sub.add_parser(name, help=help_text, description=help_text)
        parser.set_defaults(func=self.commands[self.prefix + name])
        if journal:
            parser.add_argument(
                "--journal",
                help=f"journal file (default: ${settings.JOURNAL_ENV} or "
                f"{settings.default_journal_path()})",
            )
        return parser


def _no_browser(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--no-browser",
        action="store_true",
        help=f"do not open {what} (automatic without a display)",
    )


def _lang(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--lang",
        metavar="ID",
        help=f"the language of {what}: a language id of seeds/languages.yaml, e.g. en or zh-Hans "
        f"(default: the profile's, then ${settings.LANGUAGE_ENV}, then the system's locale)",
    )


def _servers(add: _Commands) -> None:
    lab = add.add("lab", "Open the workbooks in JupyterLab on your journal (created if missing).")
    lab.add_argument("--port", type=int, default=8888)
    _no_browser(lab, "a browser")
    lab.add_argument("--token", help="Jupyter token (default: a random one, printed)")
    lab.add_argument("--notebook-dir", help=argparse.SUPPRESS)
    _lang(lab, "the workbooks (over the profile's for this server)")
    coach = add.add(
        "coach",
        "Serve the coach view: the workbooks read-only in Voilà, on 127.0.0.1 with a token.",
    )
    demo = add.add(
        "demo", "The coach view over a temporary copy of the demo persona.", journal=False
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
        _no_browser(served, "the coach view in a browser")
        _lang(served, "the coach's pages")


def _share(add: _Commands) -> None:
    share = add.add(
        "share",
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


def _journal_files(add: _Commands) -> None:
    export = add.add("export", "Write the journal as JSON (every entry and revision).")
    export.add_argument("--out", help="file to write (default: standard output)")
    imp = add.add(
        "import",
        "Load a JSON export into a journal; "
        "a journal holding answers is only replaced with --replace.",
    )
    imp.add_argument("file")
    imp.add_argument(
        "--replace",
        action="store_true",
        help="replace a journal that holds answers (a backup copy is kept)",
    )


def _report(add: _Commands) -> None:
    report = add.add(
        "report",
        "Render the growth-plan document (profile, strengths, gaps, plan, progress, charts), or"
        " your promotion case (--document promotion-case).",
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
    report.add_argument(
        "--document",
        choices=tuple(DOCUMENTS),
        default=next(iter(DOCUMENTS)),
        help="growth-plan (the default), or promotion-case: your case for promotion, for your "
        "manager, in your own words (projects with their impact, the behaviours of the level you "
        "already show, what is missing and your plan, your asks; always the manager's copy, no "
        "charts)",
    )
    report.add_argument("--no-charts", action="store_true", help="leave the charts out (text only)")
    _lang(report, "the document, chosen for its reader (a manager's copy in English, say)")
    report.add_argument(
        "--out",
        help="file to write, mode 0600; Markdown's charts go to a folder beside it "
        "(default: standard output)",
    )


def _hub_server(add: _Commands) -> None:
    hub_server = add.add(
        "hub-server",
        "Run as an engineer's single-user server on a programme's JupyterHub (JupyterHub "
        "starts it: see deploy/jupyterhub/).",
    )
    hub_server.add_argument(
        "server_args", nargs=argparse.REMAINDER, help="passed on to jupyterhub-singleuser"
    )


def _framework(sub, commands: Mapping[str, Command]) -> None:
    about = "Bring your own ladder: import or list competency frameworks."
    framework = sub.add_parser("framework", help=about, description=about)
    add = _Commands(framework.add_subparsers(dest="action", required=True), commands, "framework ")
    imported = add.add(
        "import", "Import a company ladder from CSV (header: Competency, level, level, …) or YAML."
    )
    imported.add_argument("file", help="a .csv spreadsheet export or a .yaml/.yml/.json file")
    imported.add_argument("--name", help="the ladder's name (default: from the file)")
    add.add("list", "List the frameworks workbook 02 offers.")


def build_parser(commands: Mapping[str, Command]) -> argparse.ArgumentParser:
    """The ``stepup`` parser; ``commands`` maps each subcommand ("framework import" for a
    nested one) to what it runs."""
    parser = argparse.ArgumentParser(
        prog="stepup",
        description="Step Up: a Jupyter coaching workbook for engineers stepping up to senior.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    add = _Commands(sub, commands)
    _servers(add)
    _share(add)
    _journal_files(add)
    _report(add)
    add.add("where", "Print the path of the journal.")
    _hub_server(add)
    _framework(sub, commands)
    return parser
