"""The daemon: wires config, scheduler, engine supervisors, publisher and the OSC server.

Everything here runs on one asyncio event loop. Front-end callbacks only validate and enqueue;
engines run in worker processes; post-processing and file writes run in a worker thread. So the
loop is always free to answer a ping, even while a take is generated and published.
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import functools
import itertools
import logging
import math
import signal
import time
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from daemon import __version__
from daemon.config import Config
from daemon.errors import RequestError
from daemon.events import (EngineState, EventBus, JobCancelled, JobFailed, JobProgress,
                           JobQueued, JobReady, LifecycleChanged, Origin, PreviewState,
                           TakeQuality)
from daemon.keeper import PoolKeeper
from daemon.lifecycle import Lifecycle, State
from daemon.mixes import Mixes
from daemon.reload import ConfigReloader
from daemon.requests import build_job, check_engine
from daemon.scheduler import Job, Scheduler
from daemon.service import GenerateCommand, SlotTake, Status
from daemon.supervisor import EngineSupervisor
from daemon.variations import Variations
from engines.base import Cancelled, GenerateRequest, Take
from engines.registry import ENGINES, engine_class
from fragments.process import PostSettings
from fragments.quality import Quality, assess
from fragments.publisher import Publisher, TakeMeta
from osc.clients import AllowList
from osc.server import OscServer

log = logging.getLogger("daemon")


def post_settings(config: Config) -> PostSettings:
    names = {f.name for f in dataclasses.fields(PostSettings)}
    return PostSettings(**{k: v for k, v in config.fragments.items() if k in names})


class Daemon(Mixes, Variations):
    """The running service (implements daemon.service.Service)."""

    version = __version__

    def __init__(self, config: Config) -> None:
        self.config = config
        self.bus = EventBus()
        self.lifecycle = Lifecycle()
        self.scheduler = Scheduler(config.daemon["queue_size"], config.daemon["supersede_same_slot"])
        self.default_engine = config.daemon["default_engine"]
        self.supervisors: dict[str, EngineSupervisor] = {}
        self.address: tuple[str, int] | None = None
        self._tasks: set[asyncio.Task] = set()
        self._publishing: set[asyncio.Task] = set()
        self._slots: dict[int, SlotTake] = {}  # what each slot file holds (from the index at start)
        self.panel: Any = None  # daemon.panel.Panel while the web panel runs
        self._publish_pool = ThreadPoolExecutor(1, thread_name_prefix="publish")
        self._picture_pool = ThreadPoolExecutor(1, thread_name_prefix="spectrogram")
        self._current: asyncio.Task | None = None
        self._idle_waiter: asyncio.Future | None = None  # set while shutdown waits for the take
        self._last_progress: dict[str, float] = {}
        self._layer_cache: collections.OrderedDict[str, tuple[Any, int]] = collections.OrderedDict()
        self._mix_engine: dict[str, str] = {}  # mix job id -> the engine making its layer now
        self._variation_source: dict[int, Job] = {}  # slot -> the job its variations came from
        self._ahead_ids = itertools.count(1)

    # ---- Service API (called from front-end callbacks; never blocks) ----
    @property
    def slot_count(self) -> int:
        return self.config.fragments["slot_count"]

    def submit_generate(self, command: GenerateCommand, origin: Origin) -> int:
        if not self.lifecycle.accepting:
            raise RequestError("shutting_down", f"the daemon is {self.lifecycle.state.value}; "
                                                f"{command.job_id!r} was not queued")
        job = build_job(command, config=self.config, default_engine=self.default_engine,
                        slot_count=self.slot_count, origin=origin)
        position, superseded = self.scheduler.submit(job)
        running = self.scheduler.running
        if running is not None and running.ahead and not running.cancel_reason:
            log.info("live prompt %s: the variation being prepared ahead (%s) stops",
                     job.job_id, running.job_id)
            self.cancel(running.job_id, None, "superseded")
        for old in superseded:
            log.info("job %s superseded by %s (slot %d)", old.job_id, job.job_id, job.slot)
            self.bus.emit(JobCancelled(old.job_id, "superseded", old.origin))
        log.info("queued %s: engine=%s slot=%d seed=%d position=%d", job.job_id, job.engine,
                 job.slot, job.seed, position)
        self.bus.emit(JobQueued(job.job_id, position, origin))
        self._wake.set()
        return position

    def cancel(self, job_id: str, origin: Origin, reason: str = "request") -> list[str]:
        jobs = self.scheduler.cancel(job_id, reason)
        if not jobs:  # every request is answered, also "cancel everything" on an empty queue
            raise RequestError("not_found", "nothing is queued or running to cancel")
        for job in jobs:
            if job is self.scheduler.running:
                engine = self._mix_engine.get(job.job_id) if job.scene is not None else job.engine
                if engine:  # a mix between layers stops before its next one
                    self._spawn(self.supervisors[engine].cancel(job.job_id))
            else:
                self.bus.emit(JobCancelled(job.job_id, reason, job.origin))
        return [job.job_id for job in jobs]

    def engine_command(self, action: str, name: str, origin: Origin) -> str:
        check_engine(name, self.config)
        supervisor = self.supervisors.get(name)
        if supervisor is None:  # enabled in a reloaded config, but not at start
            raise RequestError("engine_disabled", f"engine {name!r} was enabled after start; "
                                                  "restart the daemon to use it")
        if action == "load":
            self._spawn(self._load(name))
        elif action == "unload":
            self._spawn(supervisor.unload())
        elif action == "select":
            self.default_engine = name
            self.keeper.select_default(name, self.config)
            log.info("default engine is now %s", name)
        else:
            raise RequestError("bad_args", f"unknown engine action {action!r}")
        return supervisor.state

    def engine_states(self) -> dict[str, str]:
        return {name: (self.supervisors[name].state if name in self.supervisors else "disabled")
                for name in ENGINES}

    def status(self) -> Status:
        running = self.scheduler.running
        return Status(self.lifecycle.state.value, self.default_engine, self.scheduler.queued,
                      running.job_id if running else "")

    def republish(self, job_id: str, take: int, slot: int, origin: Origin) -> None:
        """Publish archived take ``take`` into ``slot`` again (0 = next in the ring), post-
        processed with today's settings: answered like a prompt (queued, then ready or error)."""
        if not 0 <= slot <= self.slot_count:
            raise RequestError("slot_range", f"slot {slot} is out of range: use 0..{self.slot_count}")
        if self.lifecycle.state in (State.QUITTING, State.OFFLINE):
            raise RequestError("shutting_down", "the daemon is stopping")
        self.bus.emit(JobQueued(job_id, 0, origin))
        task = self._spawn(self._republish(job_id, take, slot, origin))
        self._publishing.add(task)
        task.add_done_callback(self._publishing.discard)

    async def _republish(self, job_id: str, take: int, slot: int, origin: Origin) -> None:
        loop = asyncio.get_running_loop()

        def work() -> tuple[Any, Any]:
            record = self.publisher.index.get(take)
            calibrated = bool(record and record.engine in ENGINES
                              and engine_class(record.engine).calibrated)
            return self.publisher.republish(take, slot, calibrated), self.publisher.index.get(take)

        try:
            published, record = await loop.run_in_executor(self._publish_pool, work)
        except KeyError as exc:
            self.bus.emit(JobFailed(job_id, "no_such_take", str(exc.args[0]), origin))
            return
        except Exception as exc:  # noqa: BLE001 - a take that cannot become a fragment, disk
            log.exception("republishing take %d failed", take)
            self.bus.emit(JobFailed(job_id, "publish_failed", f"{type(exc).__name__}: {exc}",
                                    origin))
            return
        log.info("job %s ready: take %d republished into slot %d", job_id, take, published.slot)
        self._ready(job_id, published, record.seed, record.engine, record.prompt,
                    record.quality_score, record.quality_issues, origin)

    def _picture(self, take: int, path: Path) -> None:
        """The take's spectrogram, beside its archive entry, after the ready went out (the
        devices do not wait for it); a failure is logged, the take stays live."""
        def draw() -> None:
            try:
                self.publisher.spectrogram(take, path)
            except Exception:  # noqa: BLE001 - a picture must never cost the take
                log.exception("spectrogram of take %d failed", take)

        self._picture_pool.submit(draw)

    def slot_holds(self, slot: int) -> SlotTake | None:
        if not 1 <= slot <= self.slot_count:
            raise RequestError("slot_range", f"slot {slot} is out of range: use 1..{self.slot_count}")
        held = self._slots.get(slot)
        return held if held is not None and Path(held.path).is_file() else None

    def apply_config(self, config: Config) -> None:
        """Put a reloaded config in force (daemon.reload keeps restart-only keys unchanged)."""
        old, self.config = self.config, config
        self.scheduler.max_queued = config.daemon["queue_size"]
        self.scheduler.supersede_same_slot = config.daemon["supersede_same_slot"]
        if config.daemon["default_engine"] != old.daemon["default_engine"]:
            self.default_engine = config.daemon["default_engine"]
        self.keeper.configure(config, self.default_engine)
        logging.getLogger().setLevel(config.daemon["log_level"].upper())
        self.publisher.update_settings(post_settings(config))
        self.osc.allow = AllowList(config.osc["allow"])

    # ---- preview (daemon.preview): a slot or an archived take on preview.device ----
    # Only the worker thread of the Previewer and PortAudio's own thread touch the device; the
    # methods below validate, hand over and return. Outcomes arrive as PreviewState events (an
    # error also as JobFailed with job id "", so OSC clients hear /frag/error).
    _previewer: Any = None  # daemon.preview.Previewer, made at the first preview

    def preview(self, slot: int, take: int | None, origin: Origin) -> None:
        """Play slot ``slot`` (take None or 0) or archived raw take ``take`` (>= 1; ``slot`` is
        ignored) on preview.device at preview.level_db; see daemon.service.Service.preview."""
        from daemon.preview import PreviewInfo, read_audio

        if self.lifecycle.state in (State.QUITTING, State.OFFLINE):
            raise RequestError("shutting_down", "the daemon is stopping; nothing was previewed")
        if take:
            if take < 1:
                raise RequestError("no_such_take", f"take {take}: take numbers start at 1")
            info = PreviewInfo(slot=0, take=take)
            load = functools.partial(self._preview_take_audio, take)
        else:
            held = self.slot_holds(slot)  # slot_range outside 1..slot_count
            if held is None:
                raise RequestError("preview_empty", f"slot {slot} holds no take yet: nothing "
                                                    "to preview")
            info = PreviewInfo(slot=slot, take=held.take)
            load = functools.partial(read_audio, held.path, f"slot {slot}")
        settings = self.config.preview  # read now: a reloaded device or level applies here
        log.info("preview %s on %r at %+.1f dB", info.describe(), settings["device"] or "default",
                 settings["level_db"])
        self._preview_player().play(load, info, settings["device"], settings["level_db"], origin)

    def preview_stop(self, origin: Origin) -> None:
        self._preview_player().stop(origin)

    def preview_state(self) -> dict[str, Any]:
        if self._previewer is None:
            return {"state": "idle", "slot": 0, "take": 0, "message": "", "device": "",
                    "rate": 0, "frames": 0, "total": 0}
        return self._previewer.state()

    async def list_output_devices(self) -> list[dict[str, Any]]:
        """Scan PortAudio's output devices again (off the loop) and list them as dicts: index,
        name, hostapi, channels, default_rate, default. Raises daemon.preview.PreviewError
        (preview_device) when PortAudio is missing."""
        return [device.as_dict() for device in await self._preview_player().devices()]

    def _preview_take_audio(self, take: int) -> tuple[Any, int]:
        """Archived raw take ``take`` (runs on the preview worker thread)."""
        from daemon.preview import PreviewError, read_audio

        record = self.publisher.index.get(take)
        if record is None:
            raise PreviewError("no_such_take", f"take {take} is not in the archive index")
        try:
            return read_audio(record.raw_path, f"take {take}")
        except PreviewError as exc:
            raise PreviewError("no_such_take", exc.message) from exc

    def _preview_player(self) -> Any:
        if self._previewer is None:
            from daemon.preview import Previewer

            loop = asyncio.get_running_loop()
            self._previewer = Previewer(functools.partial(self._preview_report, loop))
        return self._previewer

    def _preview_report(self, loop: asyncio.AbstractEventLoop, report: Any) -> None:
        """From any thread: the Previewer's report, as events on the loop, in order."""
        events: list[Any] = [PreviewState(report.state, report.slot, report.take, report.message,
                                          report.origin, report.frames, report.total,
                                          report.rate, report.device, report.code)]
        if report.state == "error":
            events.append(JobFailed("", report.code, report.message, report.origin))

        def emit() -> None:
            for event in events:
                self.bus.emit(event)

        try:
            loop.call_soon_threadsafe(emit)
        except RuntimeError:  # the loop is closed: the daemon has stopped
            pass

    async def _preview_close(self) -> None:
        if self._previewer is not None:
            await self._previewer.close()

    # ---- lifecycle ----
    def _move(self, state: State, reason: str) -> None:
        self.lifecycle.move(state, reason)
        self.bus.emit(LifecycleChanged(state.value, reason))

    def request_shutdown(self, reason: str) -> None:
        if self._stop.done():
            log.warning("%s again while quitting: cancelling the running take now", reason)
            self._force.set()
        else:
            self._stop.set_result(reason)

    async def run(self) -> int:
        """Serve until SIGINT/SIGTERM; return the process exit code."""
        loop = asyncio.get_running_loop()
        self._stop: asyncio.Future = loop.create_future()
        self._force = asyncio.Event()
        self._wake = asyncio.Event()
        self._move(State.BOOTING, "start")
        self.publisher = Publisher(self.config.folder("folder"), self.config.folder("archive"),
                                   self.slot_count, post_settings(self.config))
        for leftover in self.publisher.clean_temp():
            log.warning("removed a temp file left by an earlier run: %s", leftover)
        self._slots = {slot: SlotTake(slot, r.published_path or "", r.seed,
                                      r.published_seconds or 0.0, r.take, r.engine, r.prompt)
                       for slot, r in self.publisher.index.published_slots().items()}
        self._start_supervisors()
        self.keeper = PoolKeeper(self.config, self.supervisors, self.default_engine)
        self._spawn(self.keeper.run_idle())
        osc = self.config.osc
        self.osc = OscServer(self, osc["host"], osc["port"], osc["allow"], osc["max_packet_bytes"],
                             osc["max_clients"], osc["client_timeout_s"])
        self.address = await self.osc.start()
        log.info("fragmentd %s listening for OSC on udp %s:%d", self.version, *self.address)
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.request_shutdown, f"signal {sig.name}")
        self._spawn(self._run_jobs())
        self.reloader = ConfigReloader(self)
        self.reloader.start()
        self._spawn(self._start_panel())  # importing gradio must not delay the engines
        await self._preload()
        if not self._stop.done():
            self._move(State.WARM, "engines loaded")
        reason = await self._stop
        await self._shutdown(reason)
        return 0

    async def _start_panel(self) -> None:
        """The web panel (daemon.panel) in its own threads; a panel that cannot start is logged
        and the daemon serves OSC on: the devices on stage do not depend on it."""
        if not self.config.panel["enabled"]:
            return
        loop = asyncio.get_running_loop()
        try:
            from daemon.panel import Panel

            panel = Panel(self, loop)
            url = await loop.run_in_executor(None, panel.start)
        except Exception as exc:  # noqa: BLE001 - gradio missing, port taken, ...
            log.error("panel: cannot start: %s: %s", type(exc).__name__, exc)
            return
        self.panel = panel
        log.info("panel: serving on %s", url)

    def _start_supervisors(self) -> None:
        daemon = self.config.daemon
        for name, eng in self.config.engines.items():
            if not eng.enabled:
                continue
            self.supervisors[name] = EngineSupervisor(
                name, ENGINES[name], eng.settings, eng.device, self.config.engine_python(name),
                on_state=lambda state, name=name: self._engine_state(name, state),
                health_interval_s=daemon["health_interval_s"],
                hang_timeout_s=daemon["hang_timeout_s"])

    def _engine_state(self, name: str, state: str) -> None:
        log.info("engine %s: %s", name, state)
        self.keeper.state_changed(name, state)
        self.bus.emit(EngineState(name, state))

    async def _load(self, name: str) -> None:
        try:
            await self.keeper.make_room(name)
            await self.supervisors[name].load()
        except RequestError as exc:  # a broken engine is reported, the daemon serves on
            log.error("engine %s failed to load: %s", name, exc.message)

    async def _preload(self) -> None:
        names = [n for n, e in self.config.engines.items() if e.enabled and e.preload]
        loading = asyncio.gather(*(self._load(n) for n in names))
        await asyncio.wait([loading, self._stop], return_when=asyncio.FIRST_COMPLETED)

    # ---- the job loop ----
    async def _run_jobs(self) -> None:
        while True:
            job = self.scheduler.take_next()
            if job is None:
                self._wake.clear()
                await self._wake.wait()
                continue
            self._current = asyncio.current_task()
            try:
                await self._generate(job)
            finally:
                self.scheduler.finish(job.job_id)
                self._current = None
                self._idle_changed()

    def _idle_changed(self) -> None:
        if self._idle_waiter is not None and not self._idle_waiter.done():
            self._idle_waiter.set_result(None)

    async def _generate(self, job: Job) -> None:
        """Make the job's takes (one per variation, more when the quality gate turns one
        down), archive every one, publish the best and rank the rest for variation/next."""
        if job.scene is not None:
            return await self._mix(job)
        loop = asyncio.get_running_loop()
        made: list[tuple[Take, Quality, float]] = []  # take, verdict, seconds it took
        gate = self.config.quality
        try:
            await self.keeper.make_room(job.engine)
            while True:
                if job.cancel_reason:  # cancelled between two takes: keep what was made
                    if made:
                        break
                    raise Cancelled()
                attempt = len(made)
                seed = job.seed if attempt == 0 else (job.seed + attempt * 7919) % (2**31)
                started = time.perf_counter()
                take = await self._make_take(job, seed, attempt, max(job.variations, attempt + 1))
                quality = await loop.run_in_executor(None, assess, take.audio, take.sample_rate)
                made.append((take, quality, time.perf_counter() - started))
                if len(made) < job.variations:
                    continue
                best = max(q.score for _, q, _ in made)
                if (gate["min_score"] <= 0 or best >= gate["min_score"]
                        or len(made) - job.variations >= gate["retries"] or job.cancel_reason):
                    break
                log.info("job %s: best take scored %.1f (%s), under quality.min_score %g: "
                         "trying another seed", job.job_id, best, quality.describe(),
                         gate["min_score"])
        except Cancelled:
            log.info("job %s cancelled (%s)", job.job_id, job.cancel_reason)
            self.bus.emit(JobCancelled(job.job_id, job.cancel_reason or "request", job.origin))
            self._keep_spare(job, made)
            return
        except RequestError as exc:
            log.error("job %s failed: %s: %s", job.job_id, exc.code, exc.message)
            self.bus.emit(JobFailed(job.job_id, exc.code, exc.message, job.origin))
            self._keep_spare(job, made)
            return
        except Exception as exc:  # noqa: BLE001 - a bug here must cost one job, not the queue
            log.exception("job %s failed inside the daemon", job.job_id)
            self.bus.emit(JobFailed(job.job_id, "internal_error",
                                    f"{type(exc).__name__}: {exc}; see the daemon log",
                                    job.origin))
            self._keep_spare(job, made)
            return
        finally:
            self._last_progress.pop(job.job_id, None)
            self.keeper.used(job.engine)
        if job.cancel_reason:  # cancelled after the engine finished: honour it, keep the take
            log.info("job %s cancelled after generation; its take is still archived", job.job_id)
        ranked = sorted(made, key=lambda m: -m[1].score)  # stable: the earlier seed wins a tie
        task = self._spawn(self._append_ahead(job, ranked) if job.ahead
                           else self._publish(job, ranked))
        self._publishing.add(task)
        task.add_done_callback(self._publishing.discard)

    async def _make_take(self, job: Job, seed: int, attempt: int, attempts: int) -> Take:
        """One take of ``job`` with ``seed``; longer than the engine makes at once: segments
        that overlap by fragments.long_form_overlap_s, joined with equal-power crossfades."""
        supervisor = self.supervisors[job.engine]
        limit = self.config.engines[job.engine].max_seconds or engine_class(job.engine).max_seconds
        seconds = job.seconds
        timeout = self.config.daemon["take_timeout_s"]

        def progress(done: float, part: float, parts: int) -> None:
            self._progress(job, min(1.0, (attempt + (done + part) / parts) / attempts))

        if seconds is None or seconds <= limit + 1e-9:
            request = GenerateRequest(job.prompt, seed, seconds, job.params)
            return await supervisor.generate(job.job_id, request,
                                             lambda f: progress(0, f, 1), timeout)
        overlap = min(self.config.fragments["long_form_overlap_s"], limit / 4)
        count = math.ceil((seconds - overlap) / (limit - overlap))
        step = (seconds - overlap) / count  # equal segments, each overlap + step long
        log.info("job %s: %.1f s is longer than %s makes at once (%.1f s): %d segments",
                 job.job_id, seconds, job.engine, limit, count)
        segments: list[Take] = []
        for index in range(count):
            request = GenerateRequest(job.prompt, (seed + index) % (2**31), step + overlap,
                                      job.params)
            segments.append(await supervisor.generate(
                job.job_id, request, lambda f, i=index: progress(i, f, count), timeout))
        loop = asyncio.get_running_loop()
        audio = await loop.run_in_executor(None, _join_segments, segments, overlap)
        return Take(audio=audio, sample_rate=segments[0].sample_rate, seed=seed,
                    info={**segments[0].info, "segments": count, "overlap_s": overlap})

    def _keep_spare(self, job: Job, made: list) -> None:
        """Takes made before a job was cancelled or failed are archived all the same."""
        if made:
            task = self._spawn(self._archive_spare(job, made))
            self._publishing.add(task)
            task.add_done_callback(self._publishing.discard)

    async def _archive_spare(self, job: Job, made: list) -> list[int]:
        loop = asyncio.get_running_loop()
        takes = []
        for take, quality, generate_s in made:
            try:
                number, _ = await loop.run_in_executor(
                    self._publish_pool, self.publisher.archive_take, take.audio, take.sample_rate,
                    self._meta(job, take, generate_s), quality)
            except Exception:  # noqa: BLE001 - logged; the published take is what counts
                log.exception("job %s: archiving a spare take failed", job.job_id)
                continue
            takes.append(number)
        return takes

    def _meta(self, job: Job, take: Take, generate_s: float) -> TakeMeta:
        shape = dataclasses.asdict(job.shape) if job.shape else {}
        return TakeMeta(job.job_id, job.prompt, job.engine,
                        {**job.params, "seconds": job.seconds, **shape,
                         **({"variations": job.variations} if job.variations > 1 else {})},
                        take.seed, client=f"{job.origin[0]}:{job.origin[1]}" if job.origin else "",
                        generate_s=generate_s)

    def _progress(self, job: Job, fraction: float) -> None:
        last = self._last_progress.get(job.job_id, -1.0)
        if fraction - last >= 0.02 or (fraction >= 1.0 > last):  # at most ~50 pushes a take
            self._last_progress[job.job_id] = fraction
            self.bus.emit(JobProgress(job.job_id, fraction, job.origin))

    async def _publish(self, job: Job, ranked: list[tuple[Take, Quality, float]]) -> None:
        take, quality, generate_s = ranked[0]
        calibrated = engine_class(job.engine).calibrated
        loop = asyncio.get_running_loop()
        try:
            published = await loop.run_in_executor(
                self._publish_pool, functools.partial(
                    self.publisher.publish, take.audio, take.sample_rate,
                    self._meta(job, take, generate_s), job.slot, calibrated, job.shape, quality))
        except Exception as exc:  # the raw take is archived before anything that can fail here
            log.exception("job %s: publishing failed", job.job_id)
            self.bus.emit(JobFailed(job.job_id, "publish_failed", f"{type(exc).__name__}: {exc}",
                                    job.origin))
            self._keep_spare(job, ranked[1:])
            return
        if job.cancel_reason:
            self.bus.emit(JobCancelled(job.job_id, job.cancel_reason, job.origin))
            self._keep_spare(job, ranked[1:])
            return
        log.info("job %s ready: slot %d take %d (%.2f s, %s)", job.job_id, published.slot,
                 published.take, published.seconds, quality.describe())
        self._ready(job.job_id, published, take.seed, job.engine, job.prompt, quality.score,
                    quality.issues, job.origin)
        if len(ranked) > 1:
            await self._rank(job, published, ranked)

    def _ready(self, job_id: str, published: Any, seed: int, engine: str, prompt: str,
               score: float | None, issues: Any, origin: Origin) -> None:
        """The slot holds a new take: remember it, tell everyone, draw its picture. A take
        from outside the slot's ranked variations ends them: Next must not bring back an
        older prompt."""
        try:
            ranked = self.publisher.index.variations(published.slot)
            if ranked and published.take not in {v.take for v in ranked}:
                self.publisher.index.set_variations(published.slot, [])
                self._variation_source.pop(published.slot, None)
                for job in self.scheduler.queued_jobs():
                    if job.ahead and job.slot == published.slot:
                        self.cancel(job.job_id, None, "superseded")
        except Exception:  # noqa: BLE001 - the index is a convenience here; the take is live
            log.exception("slot %d: its variations could not be cleared", published.slot)
        self._slots[published.slot] = SlotTake(published.slot, str(published.path), seed,
                                               published.seconds, published.take, engine, prompt)
        self.bus.emit(JobReady(job_id, published.slot, str(published.path), seed,
                               published.seconds, published.take, engine, prompt, origin))
        if score is not None:
            self.bus.emit(TakeQuality(job_id, published.slot, published.take, float(score),
                                      ",".join(issues) if not isinstance(issues, str) else issues,
                                      origin))
        self._picture(published.take, published.path)

    def _spawn(self, coro: Any) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # ---- shutdown ----
    async def _shutdown(self, reason: str) -> None:
        self._move(State.QUITTING, reason)
        for job in self.scheduler.queued_jobs():
            self.cancel(job.job_id, None, "shutdown")
        if self._current is not None:
            await self._wait_idle(self.config.daemon["shutdown_timeout_s"])
        if self._current is not None and self.scheduler.running:
            log.warning("take %s still running after %.1f s: cancelling it",
                        self.scheduler.running.job_id, self.config.daemon["shutdown_timeout_s"])
            self.cancel(self.scheduler.running.job_id, None, "shutdown")
            await self._wait_idle(10.0)
        if self._publishing:
            await asyncio.wait(set(self._publishing), timeout=30)
        await self._preview_close()
        self.reloader.stop()
        if self.panel is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.panel.close)
        await asyncio.gather(*(s.close() for s in self.supervisors.values()), return_exceptions=True)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._publish_pool.shutdown(wait=True)
        self._picture_pool.shutdown(wait=True)
        for leftover in self.publisher.clean_temp():
            log.warning("removed temp file at shutdown: %s", leftover)
        self.publisher.close()
        self._move(State.OFFLINE, "stopped")
        await self.osc.close()

    async def _wait_idle(self, timeout: float) -> None:
        self._idle_waiter = asyncio.get_running_loop().create_future()
        force = asyncio.ensure_future(self._force.wait())
        try:
            await asyncio.wait([self._idle_waiter, force], timeout=timeout,
                               return_when=asyncio.FIRST_COMPLETED)
        finally:
            force.cancel()


def _join_segments(segments: list[Take], overlap_s: float) -> Any:
    from fragments.loops import join_segments

    rate = segments[0].sample_rate
    if any(t.sample_rate != rate or t.audio.shape[1] != segments[0].audio.shape[1]
           for t in segments):
        raise RequestError("engine_failed", "long-form segments came back with different "
                                            "sample rates or channel counts")
    try:
        return join_segments([t.audio for t in segments], int(round(overlap_s * rate)))
    except ValueError as exc:  # an engine that made a segment shorter than asked
        raise RequestError("engine_failed", f"long-form segments cannot be joined: {exc}") \
            from exc
