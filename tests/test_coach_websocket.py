"""The coach server's kernel websocket, driven as a hostile client would: bounded in time and
memory, on 127.0.0.1 only, against a live `stepup coach`."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import time
import urllib.request
import uuid

import pytest
from jupyter_client.session import Session
from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from widgets.content.resources import demo_persona_path
from widgets.storage.transfer import demo_date, import_journal
from widgets.voila_guard import V1, v1_frame_ok

from .helpers import run_async
from .servers import stepup_server

pytestmark = pytest.mark.slow
SESSION = Session()


@pytest.fixture(scope="module")
def coach(tmp_path_factory):
    folder = tmp_path_factory.mktemp("coach")
    journal = folder / "journal.sqlite"
    persona = demo_persona_path().read_text(encoding="utf-8")
    import_journal(persona, journal)
    env = {"STEPUP_TODAY": demo_date(persona)}
    with stepup_server(
        ["coach", "--journal", str(journal), "--no-preheat"], env, folder / "voila.log"
    ) as server:
        yield server, journal


def _kernel_of(server, notebook: str) -> str:
    page = (
        urllib.request.urlopen(server.url(f"/voila/render/{notebook}"), timeout=120).read().decode()
    )
    return re.search(r'"kernelId":\s*"([0-9a-f-]+)"', page).group(1)


def _channels_url(server, kernel: str) -> str:
    return server.url(f"/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}").replace(
        "http://", "ws://"
    )


def _answers_within(server, seconds: float) -> bool:
    start = time.monotonic()
    try:
        urllib.request.urlopen(server.url("/voila/static/voila.js"), timeout=seconds).read(16)
    except OSError:
        return False
    return time.monotonic() - start < seconds


def _message(msg_type: str, content: dict, metadata: dict | None = None) -> dict:
    msg = SESSION.msg(msg_type, content)
    msg["metadata"] = metadata or {}
    return msg


def test_a_client_without_the_v1_protocol_is_refused_at_the_handshake(coach):
    server, _ = coach
    kernel = _kernel_of(server, "coach_view.ipynb")

    async def connect():
        with pytest.raises(HTTPClientError) as refused:
            await websocket_connect(HTTPRequest(_channels_url(server, kernel)))
        return refused.value.code

    assert run_async(lambda: asyncio.wait_for(connect(), 30)) == 400
    assert _answers_within(server, 2.0)


def test_a_malformed_frame_closes_the_socket_and_the_server_keeps_answering(coach):
    server, _ = coach
    kernel = _kernel_of(server, "coach_view.ipynb")

    async def attack():
        socket = await websocket_connect(
            HTTPRequest(_channels_url(server, kernel)), subprotocols=[V1]
        )
        await socket.write_message(b"\xff" * 8, binary=True)  # "2^64 - 1 offsets follow"
        return await asyncio.wait_for(socket.read_message(), 10)

    assert run_async(lambda: asyncio.wait_for(attack(), 30)) is None  # closed by the server
    assert _answers_within(server, 2.0)


def test_the_frame_check_accepts_real_messages_and_refuses_lies():
    frame = serialize_msg_to_ws_v1(
        _message("comm_msg", {"comm_id": "x", "data": {}}), "shell", SESSION.pack
    )
    assert v1_frame_ok(frame)
    assert not v1_frame_ok(b"\xff" * 8)
    assert not v1_frame_ok((7).to_bytes(8, "little") + (10**12).to_bytes(8, "little") * 7)
    assert not v1_frame_ok(frame[:20])
    assert not v1_frame_ok("text")


def test_no_message_over_the_websocket_makes_the_coach_kernel_write(coach):
    """Ask workbook 05's kernel for every widget it holds, click each one, and check that none
    is a button and nothing was written: the journal's bytes, and no reports folder."""
    server, journal = coach
    before = hashlib.sha256(journal.read_bytes()).hexdigest()
    kernel = _kernel_of(server, "05_growth_plan.ipynb")

    async def probe() -> dict:
        socket = await websocket_connect(
            HTTPRequest(_channels_url(server, kernel)), subprotocols=[V1]
        )
        control = uuid.uuid4().hex
        for msg in (
            _message(
                "comm_open",
                {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                {"version": "1.0.0"},
            ),
            _message("comm_msg", {"comm_id": control, "data": {"method": "request_states"}}),
        ):
            await socket.write_message(
                serialize_msg_to_ws_v1(msg, "shell", SESSION.pack), binary=True
            )
        states: dict = {}
        deadline = time.monotonic() + 30
        while not states and time.monotonic() < deadline:
            frame = await asyncio.wait_for(socket.read_message(), 30)
            if isinstance(frame, bytes):
                _channel, parts = deserialize_msg_from_ws_v1(frame)
                content = json.loads(parts[3]) if len(parts) > 3 else {}
                if content.get("data", {}).get("method") == "update_states":
                    states = content["data"]["states"]
        clicks = set()
        for model_id in states:  # a click, as a button's view would send it
            click = _message(
                "comm_msg",
                {"comm_id": model_id, "data": {"method": "custom", "content": {"event": "click"}}},
            )
            clicks.add(click["header"]["msg_id"])
            await socket.write_message(
                serialize_msg_to_ws_v1(click, "shell", SESSION.pack), binary=True
            )
        # The kernel has handled every click when it says it is idle after each one: whatever a
        # click would write, it has written by then.
        deadline = time.monotonic() + 30
        while clicks and time.monotonic() < deadline:
            frame = await asyncio.wait_for(socket.read_message(), 30)
            if isinstance(frame, bytes):
                _channel, parts = deserialize_msg_from_ws_v1(frame)
                header, parent = json.loads(parts[0]), json.loads(parts[1])
                content = json.loads(parts[3]) if len(parts) > 3 else {}
                if header["msg_type"] == "status" and content["execution_state"] == "idle":
                    clicks.discard(parent.get("msg_id"))
        socket.close()
        return states, clicks

    states, unhandled = run_async(lambda: asyncio.wait_for(probe(), 90))
    assert states, "the kernel answered with its widgets"
    assert unhandled == set(), "the kernel handled every click"

    assert not [s for s in states.values() if s["model_name"] == "ButtonModel"]
    assert hashlib.sha256(journal.read_bytes()).hexdigest() == before
    assert not (journal.parent / "reports").exists()
