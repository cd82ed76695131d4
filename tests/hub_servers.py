"""A real JupyterHub on 127.0.0.1 for the hub tests: the deploy config, with test accounts.

tests/test_hub.py starts one hub per module: ``deploy/jupyterhub/jupyterhub_config.py`` as a
programme would run it, with only what a test machine needs changed (free loopback ports, files
in a temporary folder, the dummy authenticator with a password, the simple local spawner with a
home folder per user, and an API-only service holding an admin token for the test's own calls).
The proxy is npm's configurable-http-proxy, installed by the Makefile into .venv/node.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .servers import free_port, session_process

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY = ROOT / ".venv" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "stepup-hub-test-password"
STARTUP_TIMEOUT_S = 90

TEST_CONFIG = """
c = get_config()  # noqa: F821
load_subconfig({deploy!r})  # noqa: F821 - the programme's own config, then the test's changes
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.cookie_secret_file = {folder!r} + "/cookie_secret"
c.JupyterHub.db_url = "sqlite:///" + {folder!r} + "/jupyterhub.sqlite"
c.JupyterHub.pid_file = {folder!r} + "/jupyterhub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {folder!r} + "/homes/{{username}}"
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
c.Authenticator.allowed_users = {{"alice", "bob", "carol", "dave"}}
# dave coaches cohort-a through the coaches' group role; the revoke test takes him out of it.
c.JupyterHub.load_groups = {{
    "cohort-a": {{"users": ["alice"]}},
    "cohort-a-coaches": {{"users": ["dave"]}},
}}
# The test's own calls (groups, tokens, servers) go through an API-only service.
c.JupyterHub.services.append({{"name": "test-admin", "api_token": {admin_token!r}}})
c.JupyterHub.load_roles.append({{
    "name": "test-admin",
    "scopes": [
        "admin:groups", "admin:users", "admin:servers", "tokens", "read:services", "access:servers"
    ],
    "services": ["test-admin"],
}})
"""


@dataclass
class Hub:
    base: str  # the public URL, through the proxy
    api: str  # the hub's REST API
    service_url: str  # the Step Up service, directly (as a user's server reaches it)
    store: Path
    folder: Path
    admin_token: str
    log: Path

    def call(self, method: str, path: str, body: dict | None = None, token: str | None = None):
        """The hub's REST API; (status, parsed JSON or None)."""
        request = urllib.request.Request(
            self.api + path,
            data=json.dumps(body).encode() if body is not None else None,
            method=method,
            headers={"Authorization": f"token {token or self.admin_token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                text = response.read()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def token_for(self, user: str, scopes: list[str], expires_in: int | None = None) -> str:
        body = {"scopes": scopes, "note": "stepup hub test"}
        if expires_in:
            body["expires_in"] = expires_in
        status, model = self.call("POST", f"/users/{user}/tokens", body)
        assert status == 201, (status, model)
        return model["token"]


def run_in_server(hub: Hub, user: str, code: str, timeout: float = 120) -> str:
    """Run ``code`` in a new kernel of ``user``'s running server (through the proxy, with the
    test's admin token) and return what it printed; the kernel is shut down afterwards."""
    import asyncio
    import uuid

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    api = f"{hub.base}/user/{user}/api"
    headers = {"Authorization": f"token {hub.admin_token}"}
    request = urllib.request.Request(f"{api}/kernels", data=b"{}", method="POST", headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        kernel = json.loads(response.read())["id"]

    async def execute() -> str:
        url = f"{api}/kernels/{kernel}/channels".replace("http://", "ws://", 1)
        socket = await websocket_connect(HTTPRequest(url, headers=headers))
        msg_id = uuid.uuid4().hex
        await socket.write_message(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "username": "test",
                        "session": uuid.uuid4().hex,
                        "version": "5.3",
                        "date": "",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": False,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        printed = []
        # The reply comes on the shell channel and the output on iopub; the two are not ordered
        # (CI once saw the reply before the print), so wait for both the reply and iopub's
        # idle, which the kernel sends after the last output of this request.
        replied = idle = False
        while not (replied and idle):
            message = json.loads(await socket.read_message())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind == "stream":
                printed.append(message["content"]["text"])
            elif kind == "error":
                printed.append("\n".join(message["content"]["traceback"]))
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
        socket.close()
        return "".join(printed)

    try:
        # In a thread of its own: Playwright's sync API keeps an event loop in this one.
        with ThreadPoolExecutor(max_workers=1) as thread:
            return thread.submit(asyncio.run, asyncio.wait_for(execute(), timeout)).result()
    finally:
        request = urllib.request.Request(
            f"{api}/kernels/{kernel}", method="DELETE", headers=headers
        )
        with contextlib.suppress(urllib.error.URLError):
            urllib.request.urlopen(request, timeout=60)


def _wait_for(url: str, process, log: Path) -> None:
    """Until ``url`` answers through the proxy with anything but 404 (the proxy answers 404
    for a route the hub has not added yet)."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyterhub exited:\n{log.read_text()[-4000:]}")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError as error:
            if error.code != 404:
                return  # it answers (the OAuth callback refuses a bare request, as it should)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"jupyterhub not up after {STARTUP_TIMEOUT_S}s:\n{log.read_text()[-4000:]}")


@contextlib.contextmanager
def programme_hub(folder: Path, auth_cache_seconds: int = 1) -> Iterator[Hub]:
    """Run the programme's JupyterHub in ``folder`` until the block ends."""
    if not PROXY.exists():
        raise RuntimeError(f"{PROXY} is missing: run make test (it installs the hub's proxy).")
    folder.mkdir(parents=True, exist_ok=True)
    port, hub_port, proxy_api_port, service_port = (free_port() for _ in range(4))
    admin_token = secrets.token_hex(32)
    config = folder / "jupyterhub_config.py"
    config.write_text(
        TEST_CONFIG.format(
            deploy=str(DEPLOY_CONFIG),
            port=port,
            hub_port=hub_port,
            proxy_api_port=proxy_api_port,
            proxy=str(PROXY),
            folder=str(folder),
            password=PASSWORD,
            admin_token=admin_token,
        )
    )
    store = folder / "store"
    env = {
        "STEPUP_HUB_STORE": str(store),
        "STEPUP_HUB_SERVICE_PORT": str(service_port),
        "STEPUP_HUB_AUTH_CACHE_SECONDS": str(auth_cache_seconds),
    }
    log = folder / "jupyterhub.log"
    command = [sys.executable, "-m", "jupyterhub", "-f", str(config)]
    with session_process(command, env, log) as process:
        hub = Hub(
            base=f"http://127.0.0.1:{port}",
            api=f"http://127.0.0.1:{port}/hub/api",
            service_url=f"http://127.0.0.1:{service_port}/services/stepup/",
            store=store,
            folder=folder,
            admin_token=admin_token,
            log=log,
        )
        _wait_for(hub.base + "/hub/api/", process, log)
        _wait_for(hub.base + "/services/stepup/oauth_callback", process, log)
        yield hub
