"""The command lines of the servers ``stepup`` starts: JupyterLab (``stepup lab``), a hub's
single-user server (``stepup hub-server``) and Voilà (``stepup coach``, ``stepup demo``).

No token is ever on them (any local user reads a command line): servers get it through their
environment (:func:`widgets.supervision.server_env`).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat
from nbformat.sign import NotebookNotary

from widgets import i18n
from widgets.content.scripts import page_language
from widgets.content.workbooks import FIRST_WORKBOOK, TITLES
from widgets.processes import LOOPBACK

# Lab settings the engineer can still change in the UI; these only set private defaults.
LAB_SETTINGS = Path(__file__).with_name("lab_settings")
PREHEAT_CONFIG = Path(__file__).with_name("jupyter_config") / "coach_preheated"


def _engineers_lab(notebooks: Path) -> list[str]:
    """What `stepup lab` and `stepup hub-server` both give Lab."""
    return [
        f"--ServerApp.root_dir={notebooks}",
        # The answers live in the journal: notebooks are saved without outputs, so a workbook
        # file never holds them (nor the last run's widget state, stale by next week).
        "--FileContentsManager.pre_save_hook=widgets.notebooks.strip_outputs_hook",
        # Private by default: Lab would otherwise offer to fetch news and check for updates online.
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.app_settings_dir={LAB_SETTINGS}",
        # Containers, CI machines and a test hub's simple spawner often run as root.
        *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]


def lab_command(notebooks: Path, port: int, open_browser: bool) -> list[str]:
    """JupyterLab on ``notebooks``, on 127.0.0.1:``port`` and no other, opening the first
    workbook."""
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        *_engineers_lab(notebooks),
        f"--ServerApp.ip={LOOPBACK}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",  # the port asked for, or none: never a URL to another
        f"--LabApp.default_url=/lab/tree/{FIRST_WORKBOOK.file}",
        *([] if open_browser else ["--no-browser"]),
        # Kernels talk to the server over Unix sockets, not over TCP ports that any local user
        # could connect to and read in plain text.
        "--KernelManager.transport=ipc",
    ]


def hub_server_command(notebooks: Path, extra: list[str]) -> list[str]:
    """``jupyterhub-singleuser`` with the settings of `stepup lab`, then ``extra``."""
    executable = Path(sys.executable).with_name("jupyterhub-singleuser")
    return [
        str(executable),
        *_engineers_lab(notebooks),
        f"--ServerApp.default_url=/lab/tree/{FIRST_WORKBOOK.file}",
        *extra,
    ]


def coach_pages_config(folder: Path, language: str | None = None) -> list[str]:
    """A Voilà config file in ``folder`` (private) giving the coach's pages their words in
    ``language`` (default: the active one), and the argument that reads it.

    The list of workbooks and the error pages (stepup/page.html, stepup/tree.html) read template
    variables (a nested tornado setting on the command line is deprecated); each workbook's page
    (stepup/index.html.j2) reads its ``<html lang>`` from a resource, since nbconvert takes only
    ISO 639-1 codes ("zh-Hans" would silently become "en")."""
    with i18n.use(language) as speaks:
        words = {
            "page_language": speaks,
            "stepup_titles": {file: i18n.gettext(title) for file, title in TITLES.items()},
            "stepup_heading": i18n.gettext("Step Up: the coach's pages"),
            "stepup_read_only": i18n.gettext(
                "Read-only: nothing on these pages can be changed or saved."
            ),
            "stepup_needs_javascript": i18n.gettext("Step Up's pages need JavaScript."),
        }
        resources = {
            "stepup_language": speaks,
            "stepup_cells_label": i18n.gettext("Step Up, read-only"),
        }
    config = {
        "Voila": {"tornado_settings": {"jinja_template_vars": words}},
        "VoilaConfiguration": {"resources": resources},
    }
    (folder / "voila.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    return [f"--Voila.config_file_paths={folder}"]


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
        # Our template (widgets/jupyter_data, on JUPYTER_PATH): Voilà's lab page minus its CDN
        # stylesheets.
        "--template=stepup",
        # The classic (server-rendered) list, which our template shows by workbook title.
        "--VoilaConfiguration.classic_tree=True",
        # v1 websocket only, every frame checked: two library bugs let a client hang the server.
        "--Voila.kernel_websocket_connection_class=widgets.voila_guard.GuardedConnection",
        # Voilà cannot shut a kernel down when the page closes while a token is required (its
        # shutdown POST lacks an XSRF token, voila-dashboards/voila#1458): cull idle ones instead.
        "--MappingKernelManager.cull_idle_timeout=600",
        "--MappingKernelManager.cull_interval=60",
        # Every workbook page's <html lang> is Step Up's language, through nbconvert (a two-letter
        # code; stepup/index.html.j2 writes any other from coach_pages_config's resources, which
        # also give the list of workbooks and the error pages their words).
        f"--HTMLExporter.language_code={page_language()}",
    ]
    if preheat:
        # One warm kernel for the coach view only: it imports everything in advance and reads the
        # journal when the page is requested (widgets.pages.coach_session), so it is never stale.
        # The workbooks read the journal as they run, so they are never preheated. The pools
        # are a dict of dicts, which traitlets takes only from a config file.
        command += ["--preheat_kernel=True", f"--Voila.config_file_paths={PREHEAT_CONFIG}"]
    return command


def trust_workbooks(notebooks: Path, folder: Path) -> list[str]:
    """Sign Step Up's own workbooks in a private signature store, and the server's arguments
    that use it: the templates we ship are trusted by the coach's server (no "not trusted"
    warning), while the user's own store and any other notebook are left alone."""
    notary = NotebookNotary(data_dir=str(folder))
    for notebook_path in sorted(notebooks.glob("*.ipynb")):
        notary.sign(nbformat.read(notebook_path, as_version=nbformat.NO_CONVERT))
    notary.store.close()
    return [f"--NotebookNotary.data_dir={folder}"]
