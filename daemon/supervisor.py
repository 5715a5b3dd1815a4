"""The daemon side of one engine: its worker process, kept warm, watched, and restarted.

An :class:`EngineSupervisor` starts ``python -m engines.worker`` (any interpreter that has
numpy; the engine package is found through PYTHONPATH), loads the engine there, and runs takes
one at a time. A crash, hang or out-of-memory in the engine ends only that process: the take
fails with a clear code, the worker is restarted and the model reloaded in the background
(``crashed`` → ``starting`` → ``loading`` → ``warm``), so the next prompt works.

Health: every ``health_interval_s`` the worker is pinged; its reader thread answers even while
a take runs, so a missing pong after ``hang_timeout_s`` means the process is stuck (or
stopped): it is killed. While a worker starts and loads, the limit is at least 120 s (imports of
big native libraries hold the GIL) and ``load_timeout_s`` bounds the whole load. A take is
bounded by the ``timeout_s`` given to :meth:`EngineSupervisor.generate`. Nothing here blocks
the event loop.

The process itself (start, frames, stderr forwarding) is :class:`engines.link.WorkerLink`.

States: offline, starting, loading, warm, busy, crashed, unloaded (``on_state`` hears each
change, on the loop thread).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from typing import Any, Callable

from daemon.errors import RequestError
from engines.base import Cancelled, GenerateRequest, Take
from engines.link import EngineError, Job, WorkerExited, WorkerLink
from engines.protocol import PROTOCOL_VERSION, payload_to_audio

log = logging.getLogger(__name__)

LOADING_HANG_TIMEOUT_S = 120.0  # the least hang timeout while a worker starts and loads


class EngineSupervisor:
    """Runs engine ``name`` (``class_path`` = ``"module:Class"``) in a supervised worker process.

    ``python`` is the worker's interpreter (default: the daemon's own); ``env`` is added to the
    daemon's environment for the worker (its PYTHONPATH goes after the project root).
    ``load_timeout_s`` bounds starting plus loading. ``cancel_grace_s`` is how long a take may
    take to honour a cancel, and a worker to exit when asked, before it is killed.
    """

    def __init__(self, name: str, class_path: str, settings: dict, device: str = "cpu",
                 python: str | None = None, *, on_state: Callable[[str], None] = lambda s: None,
                 health_interval_s: float = 2.0, hang_timeout_s: float = 10.0,
                 cancel_grace_s: float = 3.0, env: dict | None = None,
                 load_timeout_s: float = 600.0) -> None:
        self.name, self.class_path, self.settings, self.device = name, class_path, dict(settings), device
        self.python = python or sys.executable
        self.on_state = on_state
        self.health_interval_s, self.hang_timeout_s = health_interval_s, hang_timeout_s
        self.cancel_grace_s, self.load_timeout_s = cancel_grace_s, load_timeout_s
        self.env = dict(env or {})
        self.state = "offline"
        self.description: dict[str, Any] | None = None  # the engine's describe() once loaded
        self._worker: WorkerLink | None = None
        self._lock = asyncio.Lock()  # one load or take at a time
        self._tasks: set[asyncio.Task] = set()
        self._pending: dict[str, asyncio.Event] = {}  # job id inside generate() → cancelled
        self._load_task: asyncio.Task | None = None  # the one load in flight, shared by waiters
        self._wanted = False  # the engine should be warm (load/generate asked, no unload since)
        self._closed = False
        self._loading: WorkerLink | None = None  # the worker _ensure_loaded is starting
        self._engine_log = logging.getLogger(f"engine.{name}")

    @property
    def pid(self) -> int | None:
        w = self._worker
        return w.pid if w is not None and w.alive else None

    # -- public API ---------------------------------------------------------------------------

    async def load(self) -> None:
        """Start the worker if needed and load the model; does nothing when already warm.

        Raises RequestError ``engine_failed`` with the engine's message (a missing package or
        voice file) or what happened to the worker; the worker is then ended (state offline).
        """
        self._refuse_if_closed()
        self._wanted = True
        async with self._lock:
            await self._ensure_loaded()

    async def generate(self, job_id: str, request: GenerateRequest,
                       on_progress: Callable[[float], None], timeout_s: float) -> Take:
        """Make one take, loading the engine first if needed.

        Raises :class:`Cancelled` after :meth:`cancel` (or unload/close), or RequestError:
        ``engine_failed`` (the engine raised, or could not load: its message), ``engine_crashed``
        (the worker died mid-take: exit code or signal), ``engine_hung`` (no pong within
        ``hang_timeout_s``), ``engine_timeout`` (longer than ``timeout_s``). After the last
        three the worker is restarted and reloaded in the background.
        """
        self._refuse_if_closed()
        self._wanted = True
        self._pending[job_id] = asyncio.Event()
        try:
            async with self._lock:
                w = await self._unless_cancelled(job_id, self._ensure_loaded())
                return await self._run_take(w, job_id, request, on_progress, timeout_s)
        finally:
            self._pending.pop(job_id, None)

    async def cancel(self, job_id: str) -> None:
        """Ask the engine to stop ``job_id``; kill and restart the worker if it does not within the grace."""
        w = self._worker
        job = w.jobs.get(job_id) if w is not None else None
        if job is None:
            if job_id in self._pending:  # still loading: generate() stops waiting at once
                self._pending[job_id].set()
            return
        job.cancel_requested = True
        w.send({"type": "cancel", "job_id": job_id})
        self._spawn(self._kill_if_still_running(w, job_id, job))

    async def unload(self) -> None:
        """End the worker process (which frees its GPU memory for certain)."""
        self._wanted = False
        if self._worker is not None:
            await self._worker.stop("unload", self.cancel_grace_s)
        self.description = None
        self._set_state("unloaded")

    async def close(self) -> None:
        """For shutdown: stop watching and restarting, end the worker and reap it."""
        self._closed, self._wanted = True, False
        links = {t for t in self._tasks if t.get_name() == "worker-link"}
        for task in self._tasks - links:
            task.cancel()  # health checks, restarts, loads, cancel timers
        await asyncio.gather(*(self._tasks - links), return_exceptions=True)
        if self._worker is not None:
            await self._worker.stop("close", self.cancel_grace_s)
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._set_state("offline")

    # -- takes --------------------------------------------------------------------------------

    async def _run_take(self, w: WorkerLink, job_id: str, request: GenerateRequest,
                        on_progress: Callable[[float], None], timeout_s: float) -> Take:
        job = w.add_job(job_id, on_progress)
        self._set_state("busy")
        w.send({"type": "generate", "job_id": job_id, "prompt": request.prompt, "seed": request.seed,
                "seconds": request.seconds, "params": request.params})
        try:
            header, payload = await asyncio.wait_for(job.future, timeout_s)
        except TimeoutError:
            w.kill("timeout")
            raise RequestError("engine_timeout", f"the take ran longer than {timeout_s:g} s; the "
                               f"{self.name} worker was killed and is restarting") from None
        except WorkerExited as e:
            raise self._take_lost(job, e) from None
        except asyncio.CancelledError:
            self._abandon(w, job_id)
            raise
        finally:
            if w.jobs.get(job_id) is job:
                del w.jobs[job_id]
            if w.alive and w.kill_reason is None and self.state == "busy":
                self._set_state("warm")
        if job.cancel_requested or header["type"] == "cancelled":
            raise Cancelled()
        if header["type"] == "error":
            code = "out_of_memory" if header.get("code") == "out_of_memory" else "engine_failed"
            raise RequestError(code, f"{self.name}: {header.get('message', 'failed')}")
        audio = payload_to_audio(header, payload)
        return Take(audio=audio, sample_rate=int(header["sample_rate"]), seed=int(header["seed"]),
                    info=dict(header.get("info") or {}))

    def _take_lost(self, job: Job, e: WorkerExited) -> Exception:
        if job.cancel_requested or e.reason in ("unload", "close"):
            return Cancelled()
        if e.reason == "hung":
            return RequestError("engine_hung", f"the {self.name} worker stopped answering health "
                                f"checks for {self.hang_timeout_s:g} s; it was killed and is restarting")
        if e.reason == "cancel":
            return RequestError("engine_crashed", f"the {self.name} worker was restarted to stop "
                                "a cancelled take")
        return RequestError("engine_crashed", f"the {self.name} worker {e.how} during the take; "
                            "it is restarting")

    async def _kill_if_still_running(self, w: WorkerLink, job_id: str, job: Job) -> None:
        try:
            await asyncio.wait_for(asyncio.shield(job.future), self.cancel_grace_s)
            return
        except TimeoutError:
            pass
        except Exception:  # noqa: BLE001 - the worker ended: nothing left to stop
            return
        if w.jobs.get(job_id) is job and w.alive:
            log.warning("%s: take %s ignored cancel for %g s; killing the worker",
                        self.name, job_id, self.cancel_grace_s)
            w.kill("cancel")

    def _abandon(self, w: WorkerLink, job_id: str) -> None:
        """Our caller went away mid-take: stop the take in the worker all the same."""
        job = w.add_job(job_id, None, cancel_requested=True)
        w.send({"type": "cancel", "job_id": job_id})
        self._spawn(self._kill_if_still_running(w, job_id, job))

    async def _unless_cancelled(self, job_id: str, awaitable: Any) -> Any:
        """Await ``awaitable``, but raise Cancelled as soon as ``job_id`` is cancelled."""
        cancelled = self._pending[job_id]
        task, waiter = asyncio.ensure_future(awaitable), asyncio.ensure_future(cancelled.wait())
        try:
            await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
            task.cancel()  # a load goes on regardless: it is shielded
        if cancelled.is_set():
            if task.done() and not task.cancelled():
                task.exception()  # retrieved; the cancel wins
            raise Cancelled()
        if task.cancelled():
            raise RequestError("shutting_down", f"{self.name}: loading was stopped")
        return task.result()

    # -- starting and loading -----------------------------------------------------------------

    async def _ensure_loaded(self) -> WorkerLink:
        """The warm worker, starting and loading one if needed.

        The load runs in its own task: a caller that gives up (a cancelled prompt) does not
        leave a half-loaded worker behind, and the next caller waits for the same load.
        """
        w = self._worker
        if w is not None and w.usable and w.loaded:
            return w
        if self._load_task is None or self._load_task.done():
            self._load_task = self._spawn(self._load_or_fail())
            self._load_task.add_done_callback(lambda t: t.cancelled() or t.exception())
        return await asyncio.shield(self._load_task)

    async def _load_or_fail(self) -> WorkerLink:
        self._loading = None
        try:
            return await asyncio.wait_for(self._start_and_load(), self.load_timeout_s)
        except TimeoutError:
            message = f"loading took longer than {self.load_timeout_s:g} s; the worker was ended"
        except WorkerExited as e:
            message = ("the worker stopped answering health checks while loading; it was killed"
                       if e.reason == "hung"
                       else f"the worker {e.how} while starting or loading")
        except EngineError as e:
            message = str(e)
        failed = self._loading
        if failed is not None:
            await failed.stop("load_failed", self.cancel_grace_s)
            if failed.kill_reason not in ("unload", "close"):
                self._set_state("offline")
        raise RequestError("engine_failed", f"{self.name}: {message}")

    async def _start_and_load(self) -> WorkerLink:
        w = self._worker
        if w is not None and not w.usable:
            await w.exited.wait()  # being killed: let it go before starting the next
        if w is None or not w.usable:
            w = self._loading = await self._start()
            hello = await w.expect("hello")
            if hello.get("protocol") != PROTOCOL_VERSION:
                raise EngineError(f"the worker speaks protocol {hello.get('protocol')}, "
                                  f"the daemon {PROTOCOL_VERSION}: mismatched fragmentd copies?")
            w.send({"type": "init", "engine": self.class_path, "settings": self.settings,
                    "device": self.device})
            await w.expect("ready")
        self._set_state("loading")
        w.send({"type": "load"})
        self.description = (await w.expect("loaded")).get("describe")
        w.loaded = True
        self._set_state("warm")
        return w

    async def _start(self) -> WorkerLink:
        self._set_state("starting")
        try:
            w = await WorkerLink.start(self.python, self.env, self._engine_log, self._worker_ended,
                                       exit_grace_s=self.cancel_grace_s)
        except OSError as e:
            self._set_state("offline")
            raise RequestError("engine_failed", f"{self.name}: cannot start {self.python}: {e}") from None
        self._worker = w
        log.info("%s: worker pid %d started (%s)", self.name, w.pid, self.python)
        self._keep(w.done, "worker-link")
        self._spawn(self._watch_health(w))
        return w

    # -- watching the process -----------------------------------------------------------------

    def _worker_ended(self, w: WorkerLink) -> None:
        """Called by the link once its process is reaped: report, then restart if it was warm."""
        if self._worker is w:
            self._worker = None
        level = logging.INFO if w.kill_reason in ("unload", "close", "load_failed") else logging.WARNING
        log.log(level, "%s: worker pid %d %s (reason: %s)", self.name, w.pid, w.how_it_ended(),
                w.kill_reason or "died by itself")
        if not w.loaded or w.kill_reason in ("unload", "close", "load_failed") or self._closed:
            return
        if w.kill_reason != "cancel":
            self._set_state("crashed")
        if self._wanted:
            self._spawn(self._restart())

    async def _restart(self) -> None:
        async with self._lock:
            if self._closed or not self._wanted or (self._worker is not None and self._worker.usable
                                                    and self._worker.loaded):
                return
            try:
                await self._ensure_loaded()
            except RequestError as e:
                log.error("%s: restart failed: %s", self.name, e.message)

    async def _watch_health(self, w: WorkerLink) -> None:
        n = 0
        while w.alive:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(w.exited.wait(), self.health_interval_s)
                return
            n += 1
            # loading may hold the GIL for long stretches (importing torch's C++ libraries from a
            # cold disk): be lenient until loaded; load_timeout_s bounds a load anyway
            limit = self.hang_timeout_s if w.loaded else max(self.hang_timeout_s, LOADING_HANG_TIMEOUT_S)
            try:
                await asyncio.wait_for(w.ping(n), limit)
            except TimeoutError:
                if w.alive:
                    log.error("%s: worker pid %d gave no pong for %g s; killing it",
                              self.name, w.pid, limit)
                    w.kill("hung")
                return
            except WorkerExited:
                return

    # -- helpers ------------------------------------------------------------------------------

    def _refuse_if_closed(self) -> None:
        if self._closed:
            raise RequestError("shutting_down", f"{self.name}: the engine is shut down")

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            try:
                self.on_state(state)
            except Exception:  # noqa: BLE001 - a listener's bug must not break supervision
                log.exception("%s: state listener failed", self.name)

    def _spawn(self, coro: Any) -> asyncio.Task:
        return self._keep(asyncio.get_running_loop().create_task(coro))

    def _keep(self, task: asyncio.Task, name: str | None = None) -> asyncio.Task:
        """Hold a reference until the task is done (the loop keeps only weak ones)."""
        if name:
            task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task
