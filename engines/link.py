"""The daemon's end of one worker process: start it, send requests, route what it sends back.

:class:`WorkerLink` is mechanism only (asyncio, never blocking): it starts
``python -m engines.worker`` with this project on PYTHONPATH, routes frames — ``progress`` and
take results to the job they name, ``pong`` to its ping, everything else to a control queue —
forwards the worker's stderr line by line to a logger, and when the process ends, fails
whatever still waits with :class:`WorkerExited`. What to do about it (timeouts, restarts,
states) is the supervisor's business (``daemon/supervisor.py``).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import os
import re
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from engines.protocol import MAX_HEADER_BYTES, ProtocolError, decode_header, encode_header

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class WorkerExited(Exception):
    """The worker process ended; ``reason`` is why it was killed, None when it died by itself."""

    def __init__(self, reason: str | None, how: str) -> None:
        super().__init__(how)
        self.reason, self.how = reason, how


class EngineError(Exception):
    """A request failed inside the worker; the message is the engine's own."""


@dataclass
class Job:
    """One take in flight: its result future and who hears its progress."""

    future: asyncio.Future
    on_progress: Callable[[float], None] | None
    cancel_requested: bool = False


class WorkerLink:
    """One running worker process. Create with :meth:`start`."""

    def __init__(self, proc: asyncio.subprocess.Process, engine_log: logging.Logger,
                 on_exit: Callable[[WorkerLink], None], exit_grace_s: float) -> None:
        self.proc = proc
        self.control: asyncio.Queue = asyncio.Queue()  # replies to init/load/describe, or the exit
        self.jobs: dict[str, Job] = {}
        self.exited = asyncio.Event()
        self.kill_reason: str | None = None
        self.loaded = False
        self._pings: dict[int, asyncio.Future] = {}
        self._log_tail: collections.deque[str] = collections.deque(maxlen=20)
        self._engine_log, self._on_exit, self._exit_grace_s = engine_log, on_exit, exit_grace_s
        self._stderr = asyncio.ensure_future(self._forward_stderr())
        self.done = asyncio.ensure_future(self._read_frames())  # finishes after on_exit

    @classmethod
    async def start(cls, python: str, env: dict[str, str], engine_log: logging.Logger,
                    on_exit: Callable[[WorkerLink], None], exit_grace_s: float = 3.0) -> WorkerLink:
        """Start a worker with ``python``; ``env`` adds to this process's environment. OSError if it cannot."""
        env = {**os.environ, **env, "PYTHONUNBUFFERED": "1"}
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH")) if p)
        proc = await asyncio.create_subprocess_exec(
            python, "-m", "engines.worker", cwd=str(PROJECT_ROOT), env=env,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            limit=MAX_HEADER_BYTES + 1024,
            start_new_session=True)  # a Ctrl-C at the terminal reaches the daemon, not its workers
        return cls(proc, engine_log, on_exit, exit_grace_s)

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def alive(self) -> bool:
        return not self.exited.is_set()

    @property
    def usable(self) -> bool:
        """Alive and not being ended (a kill takes effect asynchronously)."""
        return self.alive and self.kill_reason is None

    def send(self, header: dict[str, Any]) -> None:
        """Queue one control frame; silently nothing once the worker is gone."""
        if self.alive and not self.proc.stdin.is_closing():
            with contextlib.suppress(ConnectionError, RuntimeError):
                self.proc.stdin.write(encode_header(header))

    def kill(self, reason: str) -> None:
        """SIGKILL; ``reason`` is what :class:`WorkerExited` will say (the first reason wins)."""
        self.kill_reason = self.kill_reason or reason
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()

    async def stop(self, reason: str, grace_s: float) -> None:
        """Ask the worker to exit, then SIGTERM, then SIGKILL, ``grace_s`` apart; return when reaped."""
        self.kill_reason = self.kill_reason or reason
        self.send({"type": "shutdown"})
        for step in (None, self.proc.terminate, self.proc.kill):
            if step is not None:
                with contextlib.suppress(ProcessLookupError):
                    step()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self.done), grace_s)
                return

    def add_job(self, job_id: str, on_progress: Callable[[float], None] | None, **kw: Any) -> Job:
        job = self.jobs[job_id] = Job(asyncio.get_running_loop().create_future(), on_progress, **kw)
        return job

    def ping(self, n: int) -> asyncio.Future:
        """Send ping ``n``; the future resolves on its pong (or fails with WorkerExited)."""
        pong = self._pings[n] = asyncio.get_running_loop().create_future()
        self.send({"type": "ping", "n": n})
        return pong

    async def expect(self, kind: str) -> dict[str, Any]:
        """The next control reply, which must be ``kind``; raises EngineError or WorkerExited."""
        while True:
            item = await self.control.get()
            if isinstance(item, WorkerExited):
                self.control.put_nowait(item)  # every later wait sees the exit too
                raise item
            if item["type"] == "error":
                raise EngineError(item.get("message") or "failed")
            if item["type"] == kind:
                return item
            log.warning("worker %d: unexpected %s while waiting for %s", self.pid, item["type"], kind)

    def how_it_ended(self) -> str:
        rc: Any = self.proc.returncode
        if rc is not None and rc < 0:
            with contextlib.suppress(ValueError):
                rc = signal.Signals(-rc).name
            how = f"was killed by signal {rc}"
        else:
            how = f"exited with code {rc}"
        return how + (f" (last log line: {self._log_tail[-1]})" if self._log_tail else "")

    # -- reading ------------------------------------------------------------------------------

    async def _read_frames(self) -> None:
        stream = self.proc.stdout
        try:
            while line := await stream.readline():
                header = decode_header(line)
                payload = await stream.readexactly(header["nbytes"]) if header["nbytes"] else b""
                self._route(header, payload)
        except (ProtocolError, ValueError, asyncio.IncompleteReadError) as e:
            log.error("worker %d: protocol broken (%s); killing it", self.pid, e)
            self.kill("protocol")
        try:
            await asyncio.wait_for(self.proc.wait(), self._exit_grace_s)
        except TimeoutError:  # stdout closed but the process lingers: it is no use any more
            self.kill("protocol")
            await self.proc.wait()
        await asyncio.wait({self._stderr}, timeout=1.0)  # its last lines name the cause
        self._ended()

    def _route(self, header: dict[str, Any], payload: bytes) -> None:
        kind, job = header["type"], self.jobs.get(str(header.get("job_id")))
        if kind == "pong":
            pong = self._pings.pop(header.get("n"), None)
            if pong is not None and not pong.done():
                pong.set_result(None)
        elif kind == "progress":
            if job is not None and job.on_progress is not None:
                try:
                    job.on_progress(float(header["fraction"]))
                except Exception:  # noqa: BLE001 - a listener's bug must not break the link
                    log.exception("worker %d: progress listener failed", self.pid)
        elif "job_id" in header:
            if job is not None and not job.future.done():
                job.future.set_result((header, payload))
            elif kind == "error":
                log.error("worker %d: job %s: %s", self.pid, header.get("job_id"), header.get("message"))
        else:
            if kind == "error":
                log.error("worker %d: %s failed: %s\n%s", self.pid, header.get("stage"),
                          header.get("message"), header.get("traceback", ""))
            self.control.put_nowait(header)

    def _ended(self) -> None:
        self.exited.set()
        ended = WorkerExited(self.kill_reason, self.how_it_ended())
        for future in [j.future for j in self.jobs.values()] + list(self._pings.values()):
            if not future.done():
                future.set_exception(ended)
                future.exception()  # retrieved: no "never retrieved" noise when nobody waits
        self.control.put_nowait(ended)
        self._on_exit(self)

    async def _forward_stderr(self) -> None:
        """stderr → the engine's logger, line by line (``\\r`` progress bars too)."""
        pending = b""
        while chunk := await self.proc.stderr.read(1 << 16):
            *lines, pending = re.split(rb"[\r\n]", pending + chunk)
            if len(pending) > 1 << 16:
                lines, pending = lines + [pending], b""
            for line in lines:
                self._log_line(line)
        self._log_line(pending)

    def _log_line(self, line: bytes) -> None:
        text = line.decode("utf-8", errors="replace").rstrip()
        if text:
            self._log_tail.append(text)
            self._engine_log.info("%s", text)
