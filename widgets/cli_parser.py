"""The ``stepup`` command line: its subcommands, their arguments and help.

:func:`build_parser` takes what each subcommand runs (``widgets.cli``'s ``cmd_*`` functions,
by the subcommand's name) and sets it as the parsed arguments' ``func``.

Every word of the help is in the engineer's language, argparse's own words too ("usage:",
"options", its refusals): argparse looks them up in the stdlib's ``argparse`` gettext domain, so
:class:`Parser` has it look them up in Step Up's catalogue instead, while it is built, parses and
writes its help (:data:`ARGPARSE_WORDS` keeps those msgids in the catalogue).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator, Mapping

from widgets import i18n, settings
from widgets.charts.base import display_width, wrap
from widgets.i18n import N_
from widgets.i18n import gettext as _
from widgets.readers.audience import AUDIENCES, DEFAULT_AUDIENCE
from widgets.readers.promotion_case import DOCUMENTS
from widgets.readers.share import CAN_LEAVE_OUT

Command = Callable[[argparse.Namespace], int]

# argparse's own words that a `stepup` user can meet (Python 3.11's msgids, its 'argparse'
# domain), extracted into Step Up's catalogue from here.
ARGPARSE_WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def _argparse_gettext(message: str | None) -> str | None:
    return i18n.gettext(message) if message else message


@contextlib.contextmanager
def _argparse_speaking() -> Iterator[None]:
    """Argparse's own words from Step Up's catalogue inside the block (its module's ``_`` and
    ``ngettext``, put back after)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _argparse_gettext, i18n.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's layout measured in columns, where a Chinese character takes two: help text
    with wide characters wraps between them (it has no spaces), and an option's help starts in
    its column. Text of narrow characters only is laid out exactly as argparse does."""

    def add_argument(self, action):
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:  # the help column, found in columns
            invocation = self._format_action_invocation(action)
            width = display_width(invocation) + self._current_indent
            self._action_max_length = max(self._action_max_length, width)

    def _format_action(self, action):
        text = super()._format_action(action)
        header = " " * self._current_indent + self._format_action_invocation(action)
        extra = display_width(header) - len(header)
        rest = text[len(header) :]
        if extra and text.startswith(header) and not rest.startswith("\n"):
            padding = len(rest) - len(rest.lstrip(" "))
            text = header + rest[min(extra, max(0, padding - 2)) :]
        return text

    def _split_lines(self, text, width):
        if display_width(text) == len(text):
            return super()._split_lines(text, width)
        return wrap(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text, width, indent):
        if display_width(text) == len(text):
            return super()._fill_text(text, width, indent)
        lines = wrap(self._whitespace_matcher.sub(" ", text).strip(), width - len(indent))
        return "\n".join(indent + line for line in lines)


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose own words (headings, "usage:", refusals) are in the active
    language; its subcommands' parsers are of this class too."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        with _argparse_speaking():
            super().__init__(*args, **kwargs)

    def parse_args(self, args=None, namespace=None):
        with _argparse_speaking():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with _argparse_speaking():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _argparse_speaking():
            return super().format_usage()

    def format_help(self) -> str:
        with _argparse_speaking():
            return super().format_help()

    def error(self, message):
        with _argparse_speaking():
            super().error(message)


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
                metavar=i18n.gettext("JOURNAL"),
                help=_("journal file (default: ${variable} or {path})").format(
                    variable=settings.JOURNAL_ENV, path=settings.default_journal_path()
                ),
            )
        return parser


def _no_browser(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--no-browser", action="store_true", help=help_text)


def _lang(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("--lang", metavar="ID", help=help_text)


def _port(parser: argparse.ArgumentParser, default: int) -> None:
    parser.add_argument("--port", type=int, default=default, metavar=i18n.gettext("PORT"))


def _servers(add: _Commands) -> None:
    lab = add.add(
        "lab", _("Open the workbooks in JupyterLab on your journal (created if missing).")
    )
    _port(lab, 8888)
    _no_browser(lab, _("do not open a browser (automatic without a display)"))
    lab.add_argument(
        "--token",
        metavar=i18n.gettext("TOKEN"),
        help=_("Jupyter token (default: a random one, printed)"),
    )
    lab.add_argument("--notebook-dir", help=argparse.SUPPRESS)
    _lang(
        lab,
        _(
            "the language of the workbooks (over the profile's for this server): a language id "
            "of seeds/languages.yaml, e.g. en or zh-Hans (default: the profile's, then "
            "${variable}, then the system's locale)"
        ).format(variable=settings.LANGUAGE_ENV),
    )
    coach = add.add(
        "coach",
        _("Serve the coach view: the workbooks read-only in Voilà, on 127.0.0.1 with a token."),
    )
    demo = add.add(
        "demo", _("The coach view over a temporary copy of the demo persona."), journal=False
    )
    coach.add_argument(
        "--roster",
        metavar=i18n.gettext("DIR"),
        help=_(
            "serve one read-only page over every mentee in {folder}: their snapshots "
            "(stepup share) and journals; each name opens that mentee's coach view"
        ).format(folder=i18n.gettext("DIR")),
    )
    for served in (coach, demo):
        _port(served, 8866)
        served.add_argument(
            "--no-preheat",
            action="store_true",
            help=_("do not keep a warm kernel for the coach view"),
        )
        _no_browser(
            served, _("do not open the coach view in a browser (automatic without a display)")
        )
        _lang(
            served,
            _(
                "the language of the coach's pages (never the engineer's profile's): a language "
                "id of seeds/languages.yaml, e.g. en or zh-Hans (default: ${variable}, then the "
                "system's locale)"
            ).format(variable=settings.LANGUAGE_ENV),
        )


def _share(add: _Commands) -> None:
    share = add.add(
        "share",
        _(
            "Write a snapshot for your coach: what the coach audience sees (the growth-plan "
            "rules), current entries only; it says what it holds and what was left out."
        ),
    )
    share.add_argument(
        "--out",
        metavar=i18n.gettext("OUT"),
        help=_("file to write, mode 0600 ('-': standard output, the summary on stderr)"),
    )
    share.add_argument(
        "--dry-run",
        action="store_true",
        help=_("say what the snapshot would hold; write nothing"),
    )
    share.add_argument(
        "--leave-out",
        action="append",
        metavar=i18n.gettext("KIND"),
        choices=CAN_LEAVE_OUT,
        help=_(
            "keep a kind of record private, e.g. thought_record (beliefs, and the actions that "
            "come from them) or checkin; repeat for more. One of: {kinds}"
        ).format(kinds=", ".join(CAN_LEAVE_OUT)),
    )
    share.add_argument(
        "--hub",
        action="store_true",
        help=_(
            "send it to the Step Up service of your programme's JupyterHub, with your own hub "
            "token (on a hub server the address, token and name come from its environment)"
        ),
    )
    share.add_argument(
        "--hub-url",
        metavar=i18n.gettext("HUB_URL"),
        help=_("the Step Up service's address (with --hub)"),
    )
    share.add_argument(
        "--token",
        metavar=i18n.gettext("TOKEN"),
        help=_("your JupyterHub API token (with --hub)"),
    )
    share.add_argument(
        "--hub-user",
        metavar=i18n.gettext("HUB_USER"),
        help=_("your JupyterHub user name (with --hub)"),
    )
    share.add_argument(
        "--show",
        metavar=i18n.gettext("FILE"),
        help=_("say what an existing snapshot file holds (checked as the roster checks it)"),
    )


def _journal_files(add: _Commands) -> None:
    export = add.add("export", _("Write the journal as JSON (every entry and revision)."))
    export.add_argument(
        "--out",
        metavar=i18n.gettext("OUT"),
        help=_("file to write (default: standard output)"),
    )
    imp = add.add(
        "import",
        _(
            "Load a JSON export into a journal; "
            "a journal holding answers is only replaced with --replace."
        ),
    )
    imp.add_argument("file", metavar=i18n.gettext("file"))
    imp.add_argument(
        "--replace",
        action="store_true",
        help=_("replace a journal that holds answers (a backup copy is kept)"),
    )


def _report(add: _Commands) -> None:
    report = add.add(
        "report",
        _(
            "Render the growth-plan document (profile, strengths, gaps, plan, progress, charts), "
            "or your promotion case (--document promotion-case)."
        ),
    )
    report.add_argument(
        "--format",
        choices=("md", "html"),
        default="html",
        help=_("Markdown or a self-contained HTML page (default: html)"),
    )
    report.add_argument(
        "--audience",
        choices=AUDIENCES,
        default=DEFAULT_AUDIENCE,
        help=_(
            "who it is for: manager (goal, strengths, growth areas, plan, what you need; no "
            "interviews elsewhere, beliefs, confidence or blockers), coach (what the coach view "
            "shows), me (everything; the default)"
        ),
    )
    report.add_argument(
        "--document",
        choices=tuple(DOCUMENTS),
        default=next(iter(DOCUMENTS)),
        help=_(
            "growth-plan (the default), or promotion-case: your case for promotion, for your "
            "manager, in your own words (projects with their impact, the behaviours of the level "
            "you already show, what is missing and your plan, your asks; always the manager's "
            "copy, no charts)"
        ),
    )
    report.add_argument(
        "--no-charts", action="store_true", help=_("leave the charts out (text only)")
    )
    _lang(
        report,
        _(
            "the language of the document, chosen for its reader (a manager's copy in English, "
            "say): a language id of seeds/languages.yaml, e.g. en or zh-Hans (default: the "
            "profile's, then ${variable}, then the system's locale)"
        ).format(variable=settings.LANGUAGE_ENV),
    )
    report.add_argument(
        "--out",
        metavar=i18n.gettext("OUT"),
        help=_(
            "file to write, mode 0600; Markdown's charts go to a folder beside it "
            "(default: standard output)"
        ),
    )


def _hub_server(add: _Commands) -> None:
    hub_server = add.add(
        "hub-server",
        _(
            "Run as an engineer's single-user server on a programme's JupyterHub (JupyterHub "
            "starts it: see deploy/jupyterhub/)."
        ),
    )
    hub_server.add_argument(
        "server_args",
        nargs=argparse.REMAINDER,
        metavar=i18n.gettext("server_args"),
        help=_("passed on to jupyterhub-singleuser"),
    )


def _framework(sub, commands: Mapping[str, Command]) -> None:
    about = _("Bring your own ladder: import or list competency frameworks.")
    framework = sub.add_parser("framework", help=about, description=about)
    add = _Commands(framework.add_subparsers(dest="action", required=True), commands, "framework ")
    imported = add.add(
        "import",
        _("Import a company ladder from CSV (header: Competency, level, level, …) or YAML."),
    )
    imported.add_argument(
        "file",
        metavar=i18n.gettext("file"),
        help=_("a .csv spreadsheet export or a .yaml/.yml/.json file"),
    )
    imported.add_argument(
        "--name",
        metavar=i18n.gettext("NAME"),
        help=_("the ladder's name (default: from the file)"),
    )
    add.add("list", _("List the frameworks workbook 02 offers."))


def build_parser(commands: Mapping[str, Command]) -> argparse.ArgumentParser:
    """The ``stepup`` parser, in the active language; ``commands`` maps each subcommand
    ("framework import" for a nested one) to what it runs."""
    parser = Parser(
        prog="stepup",
        description=_("Step Up: a Jupyter coaching workbook for engineers stepping up to senior."),
    )
    sub = parser.add_subparsers(dest="command", required=True)
    add = _Commands(sub, commands)
    _servers(add)
    _share(add)
    _journal_files(add)
    _report(add)
    add.add("where", _("Print the path of the journal."))
    _hub_server(add)
    _framework(sub, commands)
    return parser
