"""Step Up on a real JupyterHub (deploy/jupyterhub/jupyterhub_config.py), on 127.0.0.1.

One hub for the module (tests/hub_servers.py): engineers alice and bob, carol who coaches alice
through a custom-scope role (custom:stepup:coach!user=alice), and dave who coaches cohort-a
(alice's group) through the coaches' group role. Chromium logs in as each through the hub's own
login page; the engineers share with their own tokens, as their servers do.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from widgets.content.resources import demo_persona_path
from widgets.hub_client import HubShareError, hub_target, send_to_hub
from widgets.readers.share import build_share
from widgets.storage.journal import SCHEMA_VERSION, Journal
from widgets.storage.transfer import dumps, import_journal

from .hub_servers import PASSWORD, programme_hub, run_in_server

pytestmark = [pytest.mark.hub, pytest.mark.browser]

ENGINEERS = {"alice": "Alice Ahn", "bob": "Bob Brandt"}
SERVICE = "/services/stepup/"


def _snapshot_text(journal_path: Path, alias: str) -> str:
    """The engineer's real snapshot (stepup share's), named for the test."""
    with Journal(journal_path, readonly=True) as journal:
        document = build_share(journal).document
    for entry in document["entries"]:
        if entry["kind"] == "profile":
            entry["revisions"][0]["data"]["alias"] = alias
    return dumps(document)


@pytest.fixture(scope="module")
def journals(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("engineers")
    paths = {}
    for name in ENGINEERS:
        paths[name] = folder / f"{name}.sqlite"
        import_journal(demo_persona_path().read_text(encoding="utf-8"), paths[name])
    return paths


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    with programme_hub(tmp_path_factory.mktemp("hub")) as running:
        yield running


@pytest.fixture(scope="module")
def shared(hub, journals) -> dict[str, str]:
    """alice and bob have each shared with `stepup share --hub`, with their own tokens."""
    tokens = {}
    for name, alias in ENGINEERS.items():
        tokens[name] = hub.token_for(name, ["access:services!service=stepup"])
        text = _snapshot_text(journals[name], alias)
        said = send_to_hub(text, hub_target(hub.service_url, tokens[name], name))
        assert "Stored your snapshot" in said
    return tokens


def _store_digest(hub) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(hub.store.iterdir())
        if p.is_file()
    }


def _login(browser, hub, user: str, then: str = SERVICE):
    """A browser context logged in to the hub as ``user``, on ``then``."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(hub.base + then)
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_url(lambda url: urlparse(url).path == then, timeout=60_000)
    page.wait_for_load_state()
    return context, page


def _fetch(context, url: str, method: str = "GET", **kwargs):
    return context.request.fetch(url, method=method, max_redirects=0, **kwargs)


def _post(url: str, body: bytes, headers: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_the_cli_shares_with_the_engineers_own_token_from_the_server_environment(
    hub, journals, shared
):
    """`stepup share --hub` with only the environment a hub server gives its kernel."""
    before = journals["alice"].read_bytes()
    env = {
        **os.environ,
        "STEPUP_JOURNAL": str(journals["alice"]),
        "STEPUP_HUB_SERVICE_URL": hub.service_url,
        "JUPYTERHUB_API_TOKEN": shared["alice"],
        "JUPYTERHUB_USER": "alice",
    }
    done = subprocess.run(
        [sys.executable, "-m", "widgets.cli", "share", "--hub"],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Step Up service: Stored your snapshot" in done.stdout
    assert journals["alice"].read_bytes() == before  # sharing reads the journal only
    stored = hub.store / "alice.json"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(hub.store.stat().st_mode) == 0o700
    assert json.loads(stored.read_text())["format"] == "stepup-coach-snapshot"
    # The persona's own alias is in the file now; the other tests look for the test's.
    named = _snapshot_text(journals["alice"], ENGINEERS["alice"])
    assert send_to_hub(named, hub_target(hub.service_url, shared["alice"], "alice"))


def test_carol_sees_alice_in_her_roster_and_her_coach_view_never_bob(browser, hub, shared):
    before = _store_digest(hub)
    context, page = _login(browser, hub, "carol")
    try:
        roster = page.inner_text("main")
        assert "Your mentees" in roster
        assert ENGINEERS["alice"] in roster
        assert ENGINEERS["bob"] not in roster and "bob" not in roster.lower()
        # Sorting is a link to the server, under the service's prefix.
        page.click("thead >> text=Mentee")
        assert urlparse(page.url).path == SERVICE and "sort=name" in page.url
        assert ENGINEERS["alice"] in page.inner_text("tbody")
        page.click(f"text={ENGINEERS['alice']}")
        page.wait_for_url("**/mentee/alice.json")
        assert f"Coach view: {ENGINEERS['alice']}" in page.inner_text("h1")
        assert "what they chose to share" in page.inner_text("main")
        # bob's coach view, asked for by name, is the same answer as no such mentee.
        response = _fetch(context, hub.base + SERVICE + "mentee/bob.json")
        assert response.status == 404
        assert ENGINEERS["bob"] not in response.text()
        nobody = _fetch(context, hub.base + SERVICE + "mentee/zoe.json")
        assert nobody.status == 404 and nobody.text() == response.text()
    finally:
        context.close()
    assert _store_digest(hub) == before


@pytest.fixture(scope="module")
def alice_server(hub, shared):
    """alice's own single-user server, started by the hub as the config says."""
    status, _ = hub.call("POST", "/users/alice/server")
    assert status in (201, 202)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        _, model = hub.call("GET", "/users/alice")
        if model["servers"].get("", {}).get("ready"):
            break
        time.sleep(0.5)
    else:
        pytest.fail(f"alice's server did not start:\n{hub.log.read_text()[-3000:]}")
    yield
    hub.call("DELETE", "/users/alice/server")


def test_share_with_my_coach_in_alices_own_server_uses_her_servers_token(hub, alice_server):
    """Workbook 05's button, pressed in a kernel of alice's server: her journal, her server's
    token and the service's address all come from what the hub gave her server."""
    stored = hub.store / "alice.json"
    before = stored.read_bytes()
    printed = run_in_server(
        hub,
        "alice",
        "from widgets import share_with_coach\n"
        "panel = share_with_coach()\n"
        "print(panel.share(), panel.result.value)\n",
    )
    assert printed.startswith("True") and "Stored your snapshot" in printed, printed
    assert stored.read_bytes() != before
    document = json.loads(stored.read_text())
    # alice's journal in her server is new: her snapshot holds no entry yet
    assert document["format"] == "stepup-coach-snapshot" and document["entries"] == []


def test_bob_sees_neither_alices_snapshot_nor_her_server(
    browser, hub, shared, journals, alice_server
):
    # the snapshot alice's empty journal sent above is replaced by her persona's again
    send_to_hub(
        _snapshot_text(journals["alice"], ENGINEERS["alice"]),
        hub_target(hub.service_url, shared["alice"], "alice"),
    )
    # The server's own token ($JUPYTERHUB_API_TOKEN, what Share with my coach sends) may reach
    # the Step Up service: the config's server_token_scopes.
    _, tokens = hub.call("GET", "/users/alice/tokens")
    [server_token] = [t for t in tokens["api_tokens"] if t["note"].startswith("Server at")]
    assert "access:services!service=stepup" in server_token["scopes"]
    home = hub.folder / "homes" / "alice"
    journals = list(home.rglob("journal.sqlite"))
    assert len(journals) == 1, "alice's server keeps one journal, in her own home"
    assert stat.S_IMODE(journals[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(journals[0].parent.stat().st_mode) == 0o700
    context, page = _login(browser, hub, "bob")
    try:
        text = page.inner_text("main")
        assert "You coach no one here" in text
        assert "The service holds a snapshot you shared" in text
        assert ENGINEERS["alice"] not in text
        assert _fetch(context, hub.base + SERVICE + "mentee/alice.json").status == 404
        for path in ("/user/alice/lab", "/user/alice/api/contents", "/hub/api/users/alice"):
            response = context.request.get(hub.base + path)  # redirects followed
            assert response.status in (403, 404), (path, response.status, response.url)
            assert "journal" not in response.text().lower()
    finally:
        context.close()


def test_alice_logs_in_and_sees_her_snapshot_held_and_no_one_elses(browser, hub, shared):
    context, page = _login(browser, hub, "alice")
    try:
        text = page.inner_text("main")
        assert "You are logged in as alice" in text
        assert "The service holds a snapshot you shared" in text
        assert ENGINEERS["bob"] not in text
        assert _fetch(context, hub.base + SERVICE + "mentee/bob.json").status == 404
        # Not even her own coach view: the service shows snapshots to coaches only.
        assert _fetch(context, hub.base + SERVICE + "mentee/alice.json").status == 404
    finally:
        context.close()


def test_a_request_without_login_is_sent_to_log_in(browser, hub, shared):
    connection = http.client.HTTPConnection(urlparse(hub.base).netloc, timeout=30)
    connection.request("GET", SERVICE + "mentee/alice.json")
    response = connection.getresponse()
    assert response.status == 302
    assert "/hub/api/oauth2/authorize" in response.getheader("Location")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(hub.base + SERVICE)
        assert urlparse(page.url).path == "/hub/login"
        assert ENGINEERS["alice"] not in page.content()
        # An unknown user is refused by the hub's login, and gets no further.
        page.fill("#username_input", "mallory")
        page.fill("#password_input", PASSWORD)
        page.click("#login_submit")
        page.wait_for_load_state()
        assert urlparse(page.url).path == "/hub/login"
        assert "Invalid username or password" in page.inner_text("body")
        assert _fetch(context, hub.base + SERVICE).status == 302
    finally:
        context.close()


def test_no_request_through_the_service_changes_a_stored_snapshot(browser, hub, shared):
    before = _store_digest(hub)
    context, _page = _login(browser, hub, "carol")
    try:
        base = hub.base + SERVICE
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            for path in ("", "mentee/alice.json"):
                assert _fetch(context, base + path, method, data="x").status in (403, 405)
        # A coach's logged-in browser cannot store anything, even under a name she coaches.
        upload = _fetch(context, base + "api/snapshots/alice", "POST", data="{}")
        assert upload.status == 403
        assert "token" in upload.json()["message"]
        assert _fetch(context, base + "api/snapshots/alice").status == 405
    finally:
        context.close()
    assert _store_digest(hub) == before


def test_faults_get_a_clear_answer_and_leave_the_stored_snapshot_whole(hub, journals, shared):
    stored = hub.store / "alice.json"
    before = stored.read_bytes()
    url = hub.service_url + "api/snapshots/alice"
    good = _snapshot_text(journals["alice"], ENGINEERS["alice"]).encode()

    def post(body: bytes, token: str | None = shared["alice"], to: str = url):
        headers = {"Authorization": f"token {token}"} if token else {}
        return _post(to, body, headers)

    # Another user's name, known or unknown: only one's own.
    for name in ("bob", "zoe"):
        status, said = post(good, to=hub.service_url + f"api/snapshots/{name}")
        assert status == 403 and "only your own snapshot" in said["message"]
    # An invalid token, and one that has expired.
    status, said = post(good, token="not-a-token")
    assert status == 403 and "did not accept this token" in said["message"]
    expiring = hub.token_for("alice", ["access:services!service=stepup"], expires_in=1)
    time.sleep(2.5)
    status, said = post(good, token=expiring)
    assert status == 403 and "expired" in said["message"]
    # A snapshot from a newer Step Up.
    newer = json.loads(good)
    newer["schema_version"] = SCHEMA_VERSION + 1
    status, said = post(json.dumps(newer).encode())
    assert status == 422 and "newer Step Up" in said["message"]
    assert "Nothing was stored" in said["message"]
    # Huge (refused from its Content-Length, before it is read) and hostile.
    status, said = post(b" " * (6 * 1024 * 1024))
    assert status == 413 and "5 MB" in said["message"]
    for hostile in (
        b"[" * 100_000 + b"]" * 100_000,
        b'{"format": "stepup-coach-snapshot", "format": "x"}',
        b"\xff\xfe not text",
        json.dumps({**json.loads(good), "entries": [{"id": "../../etc/passwd"}]}).encode(),
    ):
        status, said = post(hostile)
        assert status == 422 and "Nothing was stored" in said["message"], said
    assert stored.read_bytes() == before
    assert sorted(p.name for p in hub.store.iterdir()) == ["alice.json", "bob.json"]


def test_a_revoked_coach_scope_ends_access_within_seconds(hub, shared):
    """dave coaches cohort-a through the coaches' group role; taking him out of the group is
    the revocation, and the service follows the hub."""
    token = hub.token_for(
        "dave", ["access:services!service=stepup", "custom:stepup:coach!group=cohort-a"]
    )

    def roster() -> str:
        request = urllib.request.Request(
            hub.service_url, headers={"Authorization": f"token {token}"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.read().decode()

    page = roster()
    assert ENGINEERS["alice"] in page and ENGINEERS["bob"] not in page
    status, _ = hub.call("DELETE", "/groups/cohort-a-coaches/users", {"users": ["dave"]})
    assert status == 200
    try:
        time.sleep(1.5)  # the test hub's service trusts an answer for 1 s (10 s by default)
        page = roster()
        assert ENGINEERS["alice"] not in page and "You coach no one here" in page
    finally:
        hub.call("POST", "/groups/cohort-a-coaches/users", {"users": ["dave"]})


def _answers(base: str) -> bool:
    """The service answers at ``base``: any answer of its own, not a refused connection or the
    proxy's 503 for a service it cannot reach."""
    try:
        urllib.request.urlopen(base + "oauth_callback", timeout=5)
    except urllib.error.HTTPError as error:
        return error.code != 503
    except (urllib.error.URLError, ConnectionError):
        return False
    return True


def test_a_service_restarted_mid_upload_keeps_the_stored_snapshot_whole(hub, journals, shared):
    stored = hub.store / "alice.json"
    before = stored.read_bytes()
    # A write cut off earlier left its staging file: the restarted service removes it.
    (hub.store / ".alice.json.0123abcd.tmp").write_bytes(b'{"format": "stepup-co')
    body = _snapshot_text(journals["alice"], "Alice, half sent").encode()
    service = urlparse(hub.service_url)
    connection = http.client.HTTPConnection(service.hostname, service.port, timeout=30)
    connection.putrequest("POST", service.path + "api/snapshots/alice")
    connection.putheader("Authorization", f"token {shared['alice']}")
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders()
    connection.send(body[: len(body) // 2])
    _, model = hub.call("GET", "/services/stepup")
    os.kill(model["pid"], 9)  # the service dies with half the snapshot received
    connection.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the hub starts its service again: it answers directly
        _, model = hub.call("GET", "/services/stepup")  # and through the hub's proxy, where the
        if _answers(hub.service_url) and _answers(hub.base + SERVICE):  # next tests reach it
            break
        time.sleep(0.3)
    else:
        pytest.fail("the hub did not restart the Step Up service")
    assert stored.read_bytes() == before
    assert sorted(p.name for p in hub.store.iterdir()) == ["alice.json", "bob.json"]
    # And the service answers as before.
    said = send_to_hub(
        _snapshot_text(journals["alice"], ENGINEERS["alice"]),
        hub_target(hub.service_url, shared["alice"], "alice"),
    )
    assert "Stored your snapshot" in said


def test_share_with_my_coach_in_workbook_05_sends_the_snapshot(hub, journals, shared):
    from widgets.panels.share import ShareWithCoachPanel

    target = hub_target(hub.service_url, shared["bob"], "bob")
    with Journal(journals["bob"]) as journal:
        panel = ShareWithCoachPanel(journal, target=target)
        assert "Your coach sees this, and nothing else" in panel.contents.value
        panel.button.click()
        assert "Stored your snapshot" in panel.result.value
        refused = ShareWithCoachPanel(
            journal, target=hub_target(hub.service_url, "expired-token", "bob")
        )
        assert refused.share() is False
        assert "did not accept this token" in refused.result.value
    with pytest.raises(HubShareError, match="Cannot reach"):
        send_to_hub("{}", hub_target("http://127.0.0.1:9/services/stepup/", "t", "bob"))
