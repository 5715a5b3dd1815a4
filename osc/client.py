"""A small blocking OSC client for the CLI and tests.

It sends from, and listens on, one UDP socket, so the daemon's direct replies reach it even
before it registers; :meth:`OscClient.hello` registers that same port for pushes.
"""

from __future__ import annotations

import socket
import time
from collections import deque
from typing import Any, Callable

from osc.table import DEFAULT_PORT
from osc.wire import Malformed, decode_packet, encode_values

Reply = tuple[str, list[Any]]
Match = str | Callable[[str, list[Any]], bool]


class OscClient:
    """Talk to a daemon: ``with OscClient(port=9178) as c: c.hello(); c.send("/frag/ping", "x")``,
    then ``c.wait_for("/frag/pong")``.

    Python ``str`` is sent as ``s``, ``int`` as ``i``, ``float`` as ``f``, ``bool`` as ``T``/``F``.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = DEFAULT_PORT, reply_port: int = 0,
                 bind_host: str = "127.0.0.1") -> None:
        self.daemon = (host, port)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((bind_host, reply_port))
        self.port: int = self.sock.getsockname()[1]
        self._pending: deque[Reply] = deque()  # received, skipped by wait_for, not yet read
        self._unread: deque[Reply] = deque()  # the rest of a received bundle

    def __enter__(self) -> OscClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.sock.close()

    def send(self, address: str, *args: Any) -> None:
        self.sock.sendto(encode_values(address, *args), self.daemon)

    def send_raw(self, data: bytes) -> None:
        self.sock.sendto(data, self.daemon)

    def recv(self, timeout: float = 1.0) -> Reply | None:
        """The next message received (skipped ones first), or ``None`` after ``timeout`` s."""
        if self._pending:
            return self._pending.popleft()
        return self._receive(time.monotonic() + timeout)

    def wait_for(self, match: Match, timeout: float = 2.0, what: str | None = None) -> Reply:
        """The first message whose address equals ``match`` (or for which ``match(address,
        args)`` is true); others stay queued for :meth:`recv`. ``TimeoutError`` names what
        was awaited and what arrived instead."""
        test = (lambda a, _: a == match) if isinstance(match, str) else match
        for index, (address, args) in enumerate(self._pending):
            if test(address, args):
                del self._pending[index]
                return address, args
        skipped_from = len(self._pending)
        deadline = time.monotonic() + timeout
        while (reply := self._receive(deadline)) is not None:
            if test(*reply):
                return reply
            self._pending.append(reply)
        seen = list(self._pending)[skipped_from:][-5:]
        label = what or (match if isinstance(match, str) else getattr(match, "__name__", "?"))
        raise TimeoutError(f"no {label} from {self.daemon[0]}:{self.daemon[1]} within "
                           f"{timeout} s on port {self.port}; meanwhile got {seen or 'nothing'}")

    def request(self, address: str, *args: Any, reply: Match, timeout: float = 2.0) -> Reply:
        self.send(address, *args)
        return self.wait_for(reply, timeout)

    def hello(self, timeout: float = 2.0) -> Reply:
        """Register this client's own port; return the ``/frag/hello/ok`` that names it (other
        clients' on this host are heard too, and stay queued)."""
        return self.request("/frag/hello", self.port, timeout=timeout, reply=lambda a, v: (
            a == "/frag/hello/ok" and len(v) > 2 and v[2] == self.port))

    def bye(self, timeout: float = 2.0) -> Reply:
        return self.request("/frag/bye", self.port, timeout=timeout, reply=lambda a, v: (
            a == "/frag/bye/ok" and bool(v) and v[0] == self.port))

    def _receive(self, deadline: float) -> Reply | None:
        if self._unread:
            return self._unread.popleft()
        while (left := deadline - time.monotonic()) > 0:
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(65535)
            except socket.timeout:
                return None
            try:
                messages = decode_packet(data)
            except Malformed:
                continue  # not for us to answer; the daemon never sends these
            self._unread.extend((m.address, m.values) for m in messages)
            if self._unread:
                return self._unread.popleft()
        return None
