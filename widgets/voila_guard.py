"""The coach server's kernel websocket, guarded against two hangs in the libraries under it.

A token holder once stopped Voilà answering while its memory grew ~23 MB/s:

1. Without the ``v1.kernel.websocket.jupyter.org`` subprotocol, jupyter_server speaks the legacy
   protocol, whose binary frames carry a big-endian header. Voilà's outgoing filter
   (``voila/tornado/kernel_websocket_handler.py``, ``read_header_from_binary_message``) reads
   every binary frame as v1 (little-endian), so a widget reply with buffers (ask for the widget
   states) becomes a loop of ~10^17 steps on the server's event loop.
2. jupyter_server's v1 decoder (``deserialize_msg_from_ws_v1``) trusts a frame's first 8 bytes as
   the number of offsets; eight 0xff bytes start the same endless loop, before any message-type
   check.

Voilà 0.5.13 and jupyter_server 2.x have both; no upstream report was found. Voilà's own page
always speaks v1, so the guard refuses the legacy protocol at the handshake and drops, closing the
socket, any v1 frame whose header does not describe the frame it came in.
"""

from __future__ import annotations

import itertools

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado import web

V1 = "v1.kernel.websocket.jupyter.org"
MAX_BUFFERS = 1024  # a kernel message is 5 parts and its buffers; ipywidgets needs a handful


def v1_frame_ok(frame) -> bool:
    """Is this v1 frame's header consistent with its size (checked in time bounded by the frame)?"""
    if not isinstance(frame, (bytes, bytearray, memoryview)):
        return False
    frame = bytes(frame)
    if len(frame) < 8:
        return False
    count = int.from_bytes(frame[:8], "little")
    # channel, header, parent header, metadata, content: at least 6 offsets with the end
    if count < 6 or count > 6 + MAX_BUFFERS or 8 * (count + 1) > len(frame):
        return False
    offsets = [int.from_bytes(frame[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)]
    if offsets[0] != 8 * (count + 1) or offsets[-1] > len(frame):
        return False
    return all(a <= b for a, b in itertools.pairwise(offsets))


class GuardedConnection(ZMQChannelsWebsocketConnection):
    """Voilà's kernel connection, v1 only, with every incoming frame's header checked first."""

    kernel_ws_protocol = None  # never negotiate the legacy protocol

    async def prepare(self):
        """Refuse (400) a client that does not offer the v1 subprotocol, before connecting."""
        offered = [
            p.strip()
            for p in self.websocket_handler.request.headers.get("Sec-WebSocket-Protocol", "").split(
                ","
            )
        ]
        if V1 not in offered:
            self.log.warning("Refused a kernel websocket without the %s subprotocol", V1)
            raise web.HTTPError(400, f"the {V1} subprotocol is required")
        await super().prepare()

    def handle_incoming_message(self, incoming_msg) -> None:
        """Pass a frame on only if its v1 header describes it; otherwise close the socket (1008)."""
        if self.subprotocol != V1 or not v1_frame_ok(incoming_msg):
            self.log.warning("Dropped a malformed kernel websocket message and closed the socket")
            self.websocket_handler.close(1008, "malformed message")
            return
        super().handle_incoming_message(incoming_msg)
