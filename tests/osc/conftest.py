"""A stub Service and a harness that runs the real OscServer on a real UDP port.

The server runs on its own event loop in a background thread, as it does in the daemon;
tests talk to it from the main thread with the blocking :class:`osc.client.OscClient`.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any, Callable

import pytest

from daemon.errors import RequestError
from daemon.events import (EventBus, JobCancelled, JobProgress, JobQueued, JobReady,
                           PreviewState)
from daemon.service import GenerateCommand, SlotTake, Status
from osc.client import OscClient
from osc.server import OscServer

ENGINES = {"piper": "warm", "testsignal": "offline"}
ENGINE_REPLIES = {"load": "loading", "unload": "unloaded", "select": "warm"}


class StubService:
    """Implements daemon.service.Service with plain dicts; checks meaning like the real one."""

    version = "0.1.0"

    def __init__(self) -> None:
        self.bus = EventBus()
        self.commands: list[tuple[GenerateCommand, Any]] = []
        self.engine_calls: list[tuple[str, str, Any]] = []
        self.jobs: dict[str, Any] = {}
        self.held: dict[int, SlotTake] = {}  # what /frag/slot/query answers
        self.crash: Exception | None = None  # raised by every method when set
        self.example = False  # also emit progress and ready, as in docs/osc.md's example
        self.previews: list[tuple[int, Any, Any]] = []  # (slot, take, origin); slot -1: stop

    @property
    def slot_count(self) -> int:
        return 8

    def submit_generate(self, command: GenerateCommand, origin) -> int:
        self._maybe_crash()
        if not 0 <= command.slot <= self.slot_count:
            raise RequestError("slot_range", f"slot {command.slot} is outside 0..8")
        if command.params.get("engine", "piper") not in ENGINES:
            raise RequestError("unknown_engine", f"no engine {command.params['engine']!r}")
        if command.job_id in self.jobs:
            raise RequestError("duplicate_id", f"job {command.job_id!r} is already queued")
        position = len(self.jobs)
        self.jobs[command.job_id] = origin
        self.commands.append((command, origin))
        self.bus.emit(JobQueued(command.job_id, position, origin))
        if self.example:
            self.bus.emit(JobProgress(command.job_id, 0.5, origin))
            self.bus.emit(JobReady(command.job_id, 1, "/home/me/fragments/output01.wav",
                                   command.params.get("seed", 1234), 4.0, 1,
                                   command.params.get("engine", "piper"), command.prompt,
                                   origin=origin))
        return position

    def cancel(self, job_id: str, origin) -> list[str]:
        self._maybe_crash()
        if job_id != "*" and job_id not in self.jobs:
            raise RequestError("not_found", f"no queued or running job {job_id!r}")
        ids = list(self.jobs) if job_id == "*" else [job_id]
        for one in ids:
            del self.jobs[one]
            self.bus.emit(JobCancelled(one, "request", origin))
        return ids

    def engine_command(self, action: str, name: str, origin) -> str:
        self._maybe_crash()
        if name not in ENGINES:
            raise RequestError("unknown_engine", f"no engine {name!r}; known: piper, testsignal")
        self.engine_calls.append((action, name, origin))
        return ENGINE_REPLIES[action]

    def engine_states(self) -> dict[str, str]:
        self._maybe_crash()
        return dict(ENGINES)

    def status(self) -> Status:
        self._maybe_crash()
        return Status("WARM", "piper", len(self.jobs), "")

    def slot_holds(self, slot: int) -> SlotTake | None:
        self._maybe_crash()
        if not 1 <= slot <= self.slot_count:
            raise RequestError("slot_range", f"slot {slot} is outside 1..8")
        return self.held.get(slot)

    def preview(self, slot: int, take, origin) -> None:
        self._maybe_crash()
        if not take:
            if not 1 <= slot <= self.slot_count:
                raise RequestError("slot_range", f"slot {slot} is outside 1..8")
            if slot not in self.held:
                raise RequestError("preview_empty", f"slot {slot} holds no take yet")
        self.previews.append((slot, take, origin))
        self.bus.emit(PreviewState("playing", 0 if take else slot,
                                   take or self.held[slot].take, "playing", origin))

    def preview_stop(self, origin) -> None:
        self._maybe_crash()
        self.previews.append((-1, None, origin))
        self.bus.emit(PreviewState("stopped", 0, 0, "nothing is playing", origin))

    def preview_state(self) -> dict:
        return {"state": "idle"}

    def _maybe_crash(self) -> None:
        if self.crash:
            raise self.crash


class Harness:
    """``with Harness(service) as h``: an OscServer on 127.0.0.1:<free port> in a thread."""

    def __init__(self, service: StubService, **options: Any) -> None:
        self.service = service
        self.server = OscServer(service, host=options.pop("host", "127.0.0.1"), port=0,
                                **options)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.clients: list[OscClient] = []
        self.address: tuple[str, int] = ("", 0)

    def __enter__(self) -> Harness:
        self.thread.start()
        self.address = self.run(self.server.start())
        return self

    def __exit__(self, *exc: object) -> None:
        for client in self.clients:
            client.close()
        self.run(self.server.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()

    def run(self, coroutine) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(5)

    def call(self, fn: Callable, *args: Any) -> Any:
        """Run ``fn`` on the server's loop thread (where the bus and the server live)."""
        async def call() -> Any:
            return fn(*args)
        return self.run(call())

    def emit(self, event: Any) -> None:
        self.call(self.service.bus.emit, event)

    def stats(self) -> dict:
        return self.call(lambda: self.server.stats)

    def client(self, **options: Any) -> OscClient:
        host = "127.0.0.1" if self.address[0] in ("0.0.0.0", "") else self.address[0]
        client = OscClient(host, self.address[1], **options)
        self.clients.append(client)
        return client


@pytest.fixture
def service() -> StubService:
    return StubService()


@pytest.fixture
def harness(service: StubService):
    with Harness(service) as h:
        yield h


@pytest.fixture
def client(harness: Harness) -> OscClient:
    return harness.client()


def barrier(client: OscClient, token: str = "barrier") -> list:
    """Everything received before the pong to a ping sent now (replies arrive in order)."""
    client.send("/frag/ping", token)
    return until_pong(client, token)


def until_pong(client: OscClient, token: str) -> list:
    """Everything ``client`` receives before ``/frag/pong token``."""
    seen = []
    while True:
        reply = client.recv(timeout=5)
        assert reply is not None, f"no pong for {token!r}; got {seen}"
        if reply == ("/frag/pong", [token]):
            return seen
        seen.append(reply)
