"""Who may talk to the daemon and who hears it. Pure state, no I/O.

A client is a ``(host, port)`` where something listens: a Max ``udpsend`` sends from an
ephemeral port while its ``udpreceive`` listens on the reply port it registered with
``/frag/hello``, so replies go to the sender *and* every client registered on its host.
"""

from __future__ import annotations

import ipaddress
import time
from typing import Callable, Iterable

from daemon.errors import RequestError

Address = tuple[str, int]


def normalize_host(host: str) -> str:
    """``::ffff:10.0.0.5`` (an IPv4 sender seen by a dual-stack socket) -> ``10.0.0.5``."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host
    mapped = getattr(ip, "ipv4_mapped", None)
    return str(mapped) if mapped else str(ip)


class AllowList:
    """Hosts whose datagrams are handled; loopback is always allowed.

    Entries are IP addresses or CIDR networks (``192.168.1.0/24``). An invalid entry raises
    ``ValueError`` naming it, at start-up, never while serving.
    """

    def __init__(self, entries: Iterable[str] = ()) -> None:
        self.networks = []
        for entry in entries:
            try:
                self.networks.append(ipaddress.ip_network(entry.strip(), strict=False))
            except ValueError as exc:
                raise ValueError(f"osc allow list entry {entry!r} is not an IP address or "
                                 f"network: {exc}") from None

    def allows(self, host: str) -> bool:
        try:
            ip = ipaddress.ip_address(normalize_host(host))
        except ValueError:
            return False
        return ip.is_loopback or any(ip in net for net in self.networks)


class ClientRegistry:
    """Registered reply addresses, in registration order, at most ``max_clients``.

    With ``timeout_s`` > 0 a client not heard from (``/frag/hello``) for that long is dropped:
    a Max device deleted from its track never says ``/frag/bye``. Clients that stay must
    re-send hello more often than that (the slot devices do every 5 s). 0: never dropped.
    """

    def __init__(self, max_clients: int = 32, timeout_s: float = 0.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_clients = max_clients
        self.timeout_s = timeout_s
        self._clock = clock
        self._clients: dict[Address, float] = {}  # insertion-ordered: client → last hello

    def __len__(self) -> int:
        self._expire()
        return len(self._clients)

    def __contains__(self, client: object) -> bool:
        self._expire()
        return client in self._clients

    def __iter__(self):
        self._expire()
        return iter(list(self._clients))

    def _expire(self) -> list[Address]:
        """Drop the clients not heard from within ``timeout_s``; the dropped ones."""
        if self.timeout_s <= 0:
            return []
        limit = self._clock() - self.timeout_s
        gone = [c for c, seen in self._clients.items() if seen < limit]
        for client in gone:
            del self._clients[client]
        return gone

    def register(self, client: Address) -> bool:
        """Add ``client``; ``False`` when it was already there (a re-hello only refreshes it)."""
        self._expire()
        if client in self._clients:
            self._clients[client] = self._clock()
            return False
        if len(self._clients) >= self.max_clients:
            raise RequestError("too_many_clients",
                               f"/frag/hello from {client[0]} for port {client[1]} refused: "
                               f"{self.max_clients} clients are registered already "
                               "(osc.max_clients); send /frag/bye from unused ones")
        self._clients[client] = self._clock()
        return True

    def unregister(self, client: Address) -> bool:
        """Remove ``client``; ``False`` when it was not registered."""
        if client not in self._clients:
            return False
        del self._clients[client]
        return True

    def on_host(self, host: str) -> list[Address]:
        self._expire()
        return [c for c in self._clients if c[0] == host]

    def reply_targets(self, source: Address, *extra: Address) -> list[Address]:
        """Where a direct reply goes: the sender, every client on its host, and ``extra``."""
        return _unique([source, *self.on_host(source[0]), *extra])

    def push_targets(self, origin: Address | None) -> list[Address]:
        """Where an event goes: every client, and the request's sender when there is one."""
        self._expire()
        return _unique([*self._clients, *([origin] if origin else [])])


def _unique(addresses: list[Address]) -> list[Address]:
    return list(dict.fromkeys(addresses))
