"""The parts of Step Up on JupyterHub that need no running hub: the two deploy files agree, the
service's names for files and scopes, where `stepup share --hub` sends, and what it says off
the hub. tests/test_hub.py proves the whole on a real JupyterHub."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from traitlets.config import Config

from widgets.hub_client import OFF_THE_HUB, hub_target
from widgets.hub_service import CoachScope, SnapshotStore, file_for, username_for
from widgets.panels.share import ShareWithCoachPanel
from widgets.storage.journal import Journal

DEPLOY = Path(__file__).resolve().parent.parent / "deploy" / "jupyterhub"


@pytest.fixture(scope="module")
def config() -> Config:
    c = Config()
    source = (DEPLOY / "jupyterhub_config.py").read_text()
    exec(compile(source, "jupyterhub_config.py", "exec"), {"get_config": lambda: c})  # noqa: S102
    return c


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((DEPLOY / "values.yaml").read_text())


def test_the_machine_config_and_the_helm_values_grant_the_same(config, values):
    hub = values["hub"]
    assert hub["config"]["JupyterHub"]["custom_scopes"].keys() == (
        config.JupyterHub.custom_scopes.keys()
    )
    roles = {
        role["name"]: {k: v for k, v in role.items() if k != "name"}
        for role in config.JupyterHub.load_roles
    }
    assert hub["loadRoles"] == roles
    assert hub["config"]["JupyterHub"]["load_groups"] == config.JupyterHub.load_groups
    [service] = config.JupyterHub.services
    helm_service = hub["services"][service["name"]]
    for key in ("oauth_client_allowed_scopes", "oauth_no_confirm", "environment"):
        assert helm_service[key] == service[key]
    assert helm_service["command"][1:5] == service["command"][1:5]
    assert hub["config"]["Spawner"]["server_token_scopes"] == config.Spawner.server_token_scopes
    assert values["singleuser"]["cmd"] == ["stepup", *config.Spawner.cmd[1:]]
    assert values["singleuser"]["extraEnv"]["STEPUP_HUB_SERVICE_URL"].endswith("/services/stepup/")
    # Every user may reach the service (to share); only roles with the coach scope see others.
    assert "access:services!service=stepup" in roles["user"]["scopes"]
    assert all(
        scope.startswith("custom:stepup:coach!")
        for name, role in roles.items()
        if name not in ("user", "stepup-service")
        for scope in role["scopes"]
    )


def test_whom_a_coach_scope_covers():
    scope = CoachScope.from_scopes(
        [
            "custom:stepup:coach!user=alice",
            "custom:stepup:coach!group=cohort-a",
            "custom:stepup:coachx!user=bob",  # another scope that starts the same
            "read:users:name!user=carol",
        ]
    )
    assert scope == CoachScope(False, frozenset({"alice"}), frozenset({"cohort-a"}))
    assert CoachScope.from_scopes(["custom:stepup:coach"]).everyone
    assert not CoachScope.from_scopes(["access:services!service=stepup"]).anyone


@pytest.mark.parametrize(
    ("user", "file"),
    [
        ("alice", "alice.json"),
        ("a.b@example.org", "a.b@example.org.json"),
        ("..", "%2E..json"),
        ("a/../b", "a%2F..%2Fb.json"),
        (".hidden", "%2Ehidden.json"),
    ],
)
def test_a_store_file_never_leaves_the_folder_or_hides(user, file):
    assert file_for(user) == file
    assert "/" not in file and not file.startswith(".")
    assert username_for(file) == user


def test_the_store_is_private_and_a_cut_off_write_is_cleared(tmp_path):
    folder = tmp_path / "store"
    folder.mkdir(mode=0o755)
    (folder / "alice.json").write_text("{}")
    (folder / ".alice.json.0a1b.tmp").write_text('{"half')
    (folder / ".zoe.json.0a1b.tmp").write_text('{"half')  # a first upload, cut off
    store = SnapshotStore(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == ["alice.json"]
    store.put("bob", b"{}")
    assert stat.S_IMODE(store.path_for("bob").stat().st_mode) == 0o600


def test_where_share_hub_sends_comes_from_the_hub_servers_environment():
    environ = {
        "STEPUP_HUB_SERVICE_URL": "http://127.0.0.1:10101/services/stepup",
        "JUPYTERHUB_API_TOKEN": "abc",
        "JUPYTERHUB_USER": "a b",
    }
    target = hub_target(environ=environ)
    assert target.upload_url == "http://127.0.0.1:10101/services/stepup/api/snapshots/a%20b"
    assert hub_target(environ={}) is None
    assert hub_target("http://h/services/stepup/", "t", "u", environ={}).token == "t"


def _stepup(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "widgets.cli", *args],
        env={**os.environ, **(env or {})},
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_share_hub_off_the_hub_says_where_it_works_and_writes_nothing(demo_path, tmp_path):
    before = demo_path.read_bytes()
    done = _stepup("share", "--hub", "--journal", str(demo_path))
    assert done.returncode == 2
    assert "programme's JupyterHub" in done.stderr and "stepup share --out FILE" in done.stderr
    both = _stepup("share", "--hub", "--out", str(tmp_path / "s.json"), "--journal", str(demo_path))
    assert both.returncode == 2 and "not both" in both.stderr
    assert not (tmp_path / "s.json").exists()
    assert demo_path.read_bytes() == before


def test_the_share_panel_off_the_hub_and_in_the_coach_view(demo_path, monkeypatch):
    for name in ("STEPUP_HUB_SERVICE_URL", "JUPYTERHUB_API_TOKEN", "JUPYTERHUB_USER"):
        monkeypatch.delenv(name, raising=False)
    with Journal(demo_path) as journal:
        panel = ShareWithCoachPanel(journal)
        assert "A snapshot for your coach would hold this" in panel.contents.value
        assert "39 entries" in panel.contents.value
        assert panel.button.disabled  # nothing it could do here
        assert "stepup share --out FILE" in panel.result.value
        assert panel.share() is False and "stepup share --out FILE" in panel.result.value
        assert "share --out" in OFF_THE_HUB
    with Journal(demo_path, readonly=True) as journal:
        coach_view = ShareWithCoachPanel(journal)
        assert coach_view.button is None and len(coach_view.children) == 1
        assert "nothing is sent from this view" in coach_view.children[0].value
        assert coach_view.share() is False
