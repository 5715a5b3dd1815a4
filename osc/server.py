"""The OSC front end of the daemon: one UDP socket, requests in, replies and pushes out.

The datagram callback only decodes, validates against :mod:`osc.table` and calls the
non-blocking :class:`daemon.service.Service` methods; results come back as bus events and are
pushed to registered clients. Nothing here sleeps, blocks or raises out of a callback: bad
input is answered with ``/frag/error``, foreign hosts are dropped, and every refusal and drop
is logged (logger ``osc``) and counted in :attr:`OscServer.stats`.

This is a plain ``asyncio.DatagramProtocol`` rather than python-osc's ``AsyncIOOSCUDPServer``:
that server answers only the sender (we fan out to registered clients), has no hook for send
errors, and its packet parser can hang on hostile bundles (see :mod:`osc.wire`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections import Counter
from typing import Any, Iterable

from daemon.errors import RequestError
from daemon.events import Event
from daemon.service import GenerateCommand, Service
from osc.clients import Address as Peer
from osc.clients import AllowList, ClientRegistry
from osc.table import (DEFAULT_MAX_CLIENTS, DEFAULT_MAX_PACKET_BYTES, DEFAULT_PORT,
                       PUSH_BY_EVENT, PUSH_BY_PATH, REQUEST_BY_PATH, Address, Arg)
from osc.validate import parse_args, request_id, unknown_address
from osc.wire import Malformed, Message, decode_packet, encode_message, tag_for

log = logging.getLogger("osc")

MAX_SEND_BACKLOG = 1 << 20  # bytes waiting in the transport; beyond it replies are dropped
_LOCAL_BINDS = ("0.0.0.0", "::", "")  # bound to every interface, loopback included
_INPUT_CODES = {"malformed", "too_large", "unknown_address", "bad_args", "too_many_clients"}


class OscServer:
    """Serve the OSC contract of :mod:`osc.table` for one :class:`Service`."""

    def __init__(self, service: Service, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                 allow: Iterable[str] = (), max_packet_bytes: int = DEFAULT_MAX_PACKET_BYTES,
                 max_clients: int = DEFAULT_MAX_CLIENTS, client_timeout_s: float = 0.0) -> None:
        self.service = service
        self.host, self.port = host, port
        self.allow = AllowList(allow)  # raises ValueError on a bad entry, before we serve
        self.clients = ClientRegistry(max_clients, client_timeout_s)
        self.max_packet_bytes = max_packet_bytes
        self.address: Peer | None = None
        self._transport: asyncio.DatagramTransport | None = None
        self._closed: asyncio.Future | None = None
        self._unsubscribe = None
        self._counts: Counter = Counter()
        self._codes: Counter = Counter()
        self._drops: Counter = Counter()

    async def start(self) -> tuple[str, int]:
        """Bind (port 0 = any free port), subscribe to the bus; return the bound address."""
        loop = asyncio.get_running_loop()
        self._closed = loop.create_future()
        try:
            self._transport, _ = await loop.create_datagram_endpoint(
                lambda: _Protocol(self), local_addr=(self.host, self.port))
        except OSError as exc:  # say which address, and the likely cause
            raise OSError(exc.errno, f"cannot listen for OSC on udp {self.host}:{self.port}: "
                                     f"{exc.strerror or exc} (is another fragmentd running?)")
        self.address = tuple(self._transport.get_extra_info("sockname")[:2])
        self._unsubscribe = self.service.bus.subscribe(self._on_event)
        log.info("listening for OSC on udp %s:%d", *self.address)
        return self.address

    async def close(self) -> None:
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None
        if self._transport:
            self._transport.close()
            self._transport = None
            await asyncio.shield(self._closed)

    @property
    def stats(self) -> dict[str, Any]:
        """Counters: received, answered_errors, dropped, sent, send_failures, by_code, drops."""
        keys = ("received", "answered_errors", "sent", "send_failures", "internal_errors")
        return {**{k: self._counts[k] for k in keys}, "dropped": sum(self._drops.values()),
                "by_code": dict(self._codes), "drops": dict(self._drops)}

    # --- incoming -------------------------------------------------------------------------

    def datagram_received(self, data: bytes, addr: tuple) -> None:
        source = (addr[0], addr[1])
        try:
            self._handle_datagram(data, source)
        except Exception:  # a bug here must cost one datagram, never the server
            self._counts["internal_errors"] += 1
            log.exception("unexpected failure handling a datagram from %s:%d", *source)

    def _handle_datagram(self, data: bytes, source: Peer) -> None:
        self._counts["received"] += 1
        if not self.allow.allows(source[0]):
            return self._drop("not_allowed", source, "host is not in the osc allow list")
        if len(data) > self.max_packet_bytes:  # checked before any parsing
            return self._refuse("", RequestError(
                "too_large", f"datagram of {len(data)} bytes is larger than "
                             f"osc.max_packet_bytes ({self.max_packet_bytes})"), source)
        try:
            messages = decode_packet(data)
        except Malformed as exc:
            return self._refuse("", RequestError(
                "malformed", f"datagram of {len(data)} bytes is not valid OSC: {exc}"), source)
        if not messages:
            return self._drop("empty_bundle", source, "a bundle with no messages")
        for message in messages:  # bundle time tags are ignored: nothing waits
            self._handle_message(message, source)

    def _handle_message(self, message: Message, source: Peer) -> None:
        spec = REQUEST_BY_PATH.get(message.address)
        if spec is None and message.address in PUSH_BY_PATH:
            # Answering a daemon-to-client message could start an endless reply loop.
            return self._drop("reply_loop", source, f"{message.address} is sent by daemons")
        rid = request_id(message)
        try:
            if spec is None:
                raise unknown_address(message.address)
            getattr(self, f"_on_{spec.handler}")(spec, parse_args(spec, message), source)
        except RequestError as error:
            self._refuse(rid, error, source, message.address)
        except Exception as exc:  # a service bug: answer, log, keep serving
            self._counts["internal_errors"] += 1
            log.exception("%s from %s:%d failed", message.address, *source)
            self._refuse(rid, RequestError(
                "internal_error", f"{message.address} failed inside the daemon "
                                  f"({type(exc).__name__}); see the daemon log"), source)

    # --- request handlers, named by the table's ``handler`` field -------------------------

    def _on_hello(self, spec: Address, args: dict, source: Peer) -> None:
        client = (source[0], args["reply_port"])
        if self._is_own_address(client):
            raise RequestError("bad_args", f"/frag/hello: reply_port {client[1]} is the "
                                           "daemon's own port")
        try:
            if self.clients.register(client):
                log.info("client %s:%d registered (%d now)", *client, len(self.clients))
        except RequestError as error:  # the refused port hears why, too
            return self._refuse("", error, source, spec.path, extra=(client,))
        targets = self.clients.reply_targets(source)
        self._send("/frag/hello/ok", (self.service.version, self.service.slot_count, client[1]),
                   targets)
        for name, state in self.service.engine_states().items():
            self._send("/frag/engine/state", (name, state), targets)

    def _on_bye(self, spec: Address, args: dict, source: Peer) -> None:
        client = (source[0], args["reply_port"])
        targets = self.clients.reply_targets(source, client)
        if self.clients.unregister(client):
            log.info("client %s:%d unregistered (%d left)", *client, len(self.clients))
        self._send("/frag/bye/ok", (client[1],), targets)

    def _on_ping(self, spec: Address, args: dict, source: Peer) -> None:
        self._send("/frag/pong", (args["token"],), self.clients.reply_targets(source))

    def _on_generate(self, spec: Address, args: dict, source: Peer) -> None:
        command = GenerateCommand(args["id"], args["slot"], args["prompt"], args["params"])
        self.service.submit_generate(command, source)  # answered by the JobQueued event

    def _on_cancel(self, spec: Address, args: dict, source: Peer) -> None:
        self.service.cancel(args["id"], source)  # answered by JobCancelled events

    def _on_engine_command(self, spec: Address, args: dict, source: Peer) -> None:
        action = spec.path.rsplit("/", 1)[1]  # load, unload or select
        state = self.service.engine_command(action, args["name"], source)
        self._send("/frag/engine/state", (args["name"], state), self.clients.reply_targets(source))

    def _on_engine_list(self, spec: Address, args: dict, source: Peer) -> None:
        pairs = [x for item in self.service.engine_states().items() for x in item]
        self._send("/frag/engine/list/reply", (self.service.status().engine, *pairs),
                   self.clients.reply_targets(source))

    def _on_republish(self, spec: Address, args: dict, source: Peer) -> None:
        self.service.republish(args["id"], args["take"], args["slot"], source)

    def _on_slot_query(self, spec: Address, args: dict, source: Peer) -> None:
        held = self.service.slot_holds(args["slot"])
        targets = self.clients.reply_targets(source)
        if held is None:
            self._send("/frag/slot/empty", (args["slot"],), targets)
        else:
            self._send("/frag/ready", ("", held.slot, held.path, held.seed, held.seconds,
                                       held.take, held.engine, held.prompt), targets)

    def _on_variation_next(self, spec: Address, args: dict, source: Peer) -> None:
        self.service.variation_next(args["slot"], source)  # answered by JobReady, TakeQuality

    def _on_mix(self, spec: Address, args: dict, source: Peer) -> None:
        self.service.submit_mix(args["id"], args["slot"], args["scene"], source)

    def _on_status(self, spec: Address, args: dict, source: Peer) -> None:
        s = self.service.status()
        self._send("/frag/status/reply", (s.state, s.engine, s.queued, s.running),
                   self.clients.reply_targets(source))

    def _on_preview(self, spec: Address, args: dict, source: Peer) -> None:
        self.service.preview(args["slot"], None, source)  # answered by PreviewState events

    def _on_preview_take(self, spec: Address, args: dict, source: Peer) -> None:
        self.service.preview(0, args["take"], source)

    def _on_preview_stop(self, spec: Address, args: dict, source: Peer) -> None:
        self.service.preview_stop(source)

    # --- outgoing -------------------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        spec = PUSH_BY_EVENT.get(type(event).__name__)
        if spec is None:
            log.debug("no OSC push for %r", event)
            return
        values = [getattr(event, name) for name in spec.fields]
        origin = getattr(event, "origin", None)
        self._send(spec.path, values, self.clients.push_targets(tuple(origin) if origin else None))

    def _refuse(self, rid: str, error: RequestError, source: Peer, what: str = "datagram",
                extra: tuple[Peer, ...] = ()) -> None:
        self._counts["answered_errors"] += 1
        self._codes[error.code] += 1
        level = logging.WARNING if error.code in _INPUT_CODES else logging.INFO
        log.log(level, "refused %s from %s:%d: %s: %s", what, *source, error.code, error.message)
        self._send("/frag/error", (rid, error.code, error.message),
                   self.clients.reply_targets(source, *extra))

    def _drop(self, reason: str, source: Peer, detail: str) -> None:
        self._drops[reason] += 1
        level = logging.INFO if reason == "empty_bundle" else logging.WARNING  # heartbeats
        log.log(level, "dropped datagram from %s:%d without reply (%s): %s",
                *source, reason, detail)

    def _send(self, path: str, values: tuple | list, targets: list[Peer]) -> None:
        try:
            data = encode_message(path, _typed(path, values))
        except Exception:
            self._counts["send_failures"] += 1
            log.exception("cannot encode %s %r", path, values)
            return
        for target in targets:
            self._sendto(data, target)

    def _sendto(self, data: bytes, target: Peer) -> None:
        transport = self._transport
        if transport is None or transport.is_closing():
            self._counts["send_failures"] += 1
            return
        if transport.get_write_buffer_size() > MAX_SEND_BACKLOG:
            self._counts["send_failures"] += 1
            log.warning("send backlog full; a message to %s:%d was dropped", *target)
            return
        try:
            transport.sendto(data, target)  # OSError is reported via error_received
            self._counts["sent"] += 1
        except Exception as exc:
            self.send_failed(exc, target)

    def send_failed(self, exc: Exception, target: Peer | None = None) -> None:
        self._counts["send_failures"] += 1
        where = f" to {target[0]}:{target[1]}" if target else ""
        log.warning("OSC send%s failed: %s", where, exc)

    def _is_own_address(self, client: Peer) -> bool:
        if self.address is None or client[1] != self.address[1]:
            return False
        bound = self.address[0]
        return client[0] == bound or (_is_loopback(client[0]) and bound in _LOCAL_BINDS
                                      or _is_loopback(client[0]) and _is_loopback(bound))


class _Protocol(asyncio.DatagramProtocol):
    def __init__(self, server: OscServer) -> None:
        self.server = server

    def datagram_received(self, data: bytes, addr: tuple) -> None:
        self.server.datagram_received(data, addr)

    def error_received(self, exc: Exception) -> None:  # e.g. ICMP port unreachable
        self.server.send_failed(exc)

    def connection_lost(self, exc: Exception | None) -> None:
        if exc:
            log.warning("OSC socket closed: %s", exc)
        if self.server._closed and not self.server._closed.done():
            self.server._closed.set_result(None)


def _typed(path: str, values: tuple | list) -> list[tuple[str, Any]]:
    """Tag each value as the table's :class:`Push` for ``path`` says."""
    spec = PUSH_BY_PATH[path]
    fixed, rest = values[:len(spec.args)], values[len(spec.args):]
    if len(fixed) < len(spec.args) or (rest and not spec.pairs) or len(rest) % 2:
        raise ValueError(f"{path} takes {spec.signature}, got {len(values)} values")
    typed = [_tag(arg, value) for arg, value in zip(spec.args, fixed)]
    if spec.pairs:
        kinds = [spec.pairs.key, spec.pairs.value] * (len(rest) // 2)
        typed += [_tag(arg, value) for arg, value in zip(kinds, rest)]
    return typed


def _tag(arg: Arg, value: Any) -> tuple[str, Any]:
    if arg.types == "s":
        return "s", value if isinstance(value, str) else str(value)
    if arg.types == "i":
        number = int(value)
        return tag_for(number), number  # "h" beyond 32 bits rather than losing the message
    if arg.types == "f":
        return "f", float(value)
    return tag_for(value), value


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
