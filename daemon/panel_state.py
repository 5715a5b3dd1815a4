"""What the web panel shows, kept current from the daemon's events: plain state, no I/O.

The daemon's EventBus calls :meth:`PanelState.apply` on the event loop thread (so takes that
came over OSC land here as well as the panel's own); the panel also feeds it a short snapshot
of the scheduler every half second (:meth:`PanelState.sync`). Gradio's worker threads read
copies through :meth:`PanelState.snapshot`. One lock guards everything.
"""

from __future__ import annotations

import copy
import threading
import time
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Any, Callable

LOG_SIZE = 40


@dataclass(frozen=True)
class SlotView:
    """The take a slot file holds, as its card shows it."""

    slot: int
    take: int
    path: str
    seed: int
    seconds: float
    engine: str
    prompt: str
    job_id: str = ""
    at: float = 0.0  # when it landed (0: it was there when the panel started)
    spectrogram: str | None = None  # PNG path, once there is one
    score: float | None = None  # the quality gate's score, once /frag/quality said it
    issues: str = ""  # comma-separated issue names


@dataclass
class JobView:
    """One job in the queue: waiting, running (with its progress) or being published."""

    job_id: str
    prompt: str = ""
    engine: str = ""
    slot: int = 0  # 0: next in the ring
    kind: str = "prompt"  # prompt or republish
    state: str = "queued"  # queued, running, publishing
    position: int = 0
    progress: float = 0.0
    queued_at: float = 0.0


@dataclass(frozen=True)
class LogEntry:
    at: float
    kind: str  # ready, error, cancelled, info
    text: str
    job_id: str = ""
    count: int = 1  # the same message this many times in a row (a file saved twice, say)


@dataclass(frozen=True)
class JobInfo:
    """What the scheduler says about one job (the panel's periodic snapshot)."""

    job_id: str
    prompt: str
    engine: str
    slot: int


@dataclass
class Snapshot:
    """A copy of the whole state for one browser refresh."""

    slots: dict[int, SlotView]
    jobs: list[JobView]
    engines: dict[str, str]
    log: list[LogEntry]
    lifecycle: str
    default_engine: str
    preview: str
    reload: str
    stamp: float = field(default_factory=time.time)


class PanelState:
    """Slot cards, the queue, engine states and an activity log (newest first)."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self.slots: dict[int, SlotView] = {}
        self.jobs: dict[str, JobView] = {}
        self.engines: dict[str, str] = {}
        self.log: deque[LogEntry] = deque(maxlen=LOG_SIZE)
        self.lifecycle = ""
        self.default_engine = ""
        self.preview = ""
        self.reload = ""

    # ---- written from the event loop thread ----
    def set_slot(self, view: SlotView) -> None:
        with self._lock:
            self.slots[view.slot] = view

    def set_engines(self, states: dict[str, str]) -> None:
        with self._lock:
            self.engines = dict(states)

    def expect(self, job: JobInfo, kind: str = "prompt") -> None:
        """Note what a job is before the daemon announces it (the panel's own requests)."""
        with self._lock:
            self.jobs.setdefault(job.job_id, JobView(job.job_id, job.prompt, job.engine, job.slot,
                                                     kind, queued_at=self._clock()))

    def forget(self, job_id: str) -> None:
        """Drop a job the daemon refused (it never reached the queue)."""
        with self._lock:
            self.jobs.pop(job_id, None)

    def note(self, kind: str, text: str, job_id: str = "") -> None:
        with self._lock:
            self._log(kind, text, job_id)

    def set_spectrogram(self, slot: int, take: int, png: str) -> None:
        """Show ``png`` on the card of ``slot``, if that card still shows ``take``."""
        with self._lock:
            view = self.slots.get(slot)
            if view is not None and view.take == take:
                self.slots[slot] = replace(view, spectrogram=png)

    def sync(self, lifecycle: str, default_engine: str, running: JobInfo | None,
             queued: list[JobInfo]) -> None:
        """The scheduler's view: who runs, who waits and in which order."""
        with self._lock:
            self.lifecycle, self.default_engine = lifecycle, default_engine
            for info in ([running] if running else []) + queued:
                self._job(info.job_id, info)
            for position, info in enumerate(queued, 1):
                job = self.jobs[info.job_id]
                job.state, job.position = "queued", position
            if running is not None and self.jobs[running.job_id].state == "queued":
                self.jobs[running.job_id].state = "running"
            waiting = {info.job_id for info in queued} | ({running.job_id} if running else set())
            for job in self.jobs.values():  # generated, not yet published: no event says so
                if job.kind == "prompt" and job.state == "running" and job.job_id not in waiting:
                    job.state, job.progress = "publishing", 1.0

    def apply(self, event: Any) -> None:
        """One event from the daemon's bus (by class name: newer event kinds are ignored)."""
        handler = getattr(self, f"_on_{type(event).__name__}", None)
        if handler is not None:
            with self._lock:
                handler(event)

    # ---- read from Gradio's threads ----
    def snapshot(self) -> Snapshot:
        with self._lock:
            jobs = sorted(self.jobs.values(), key=_queue_order)
            return Snapshot(dict(self.slots), [copy.copy(j) for j in jobs], dict(self.engines),
                            list(self.log), self.lifecycle, self.default_engine, self.preview,
                            self.reload)

    def slot(self, slot: int) -> SlotView | None:
        with self._lock:
            return self.slots.get(slot)

    # ---- event handlers (lock held) ----
    def _job(self, job_id: str, info: JobInfo | None = None) -> JobView:
        job = self.jobs.get(job_id)
        if job is None:
            job = self.jobs[job_id] = JobView(job_id, queued_at=self._clock())
        if info is not None and not job.prompt:
            job.prompt, job.engine, job.slot = info.prompt, info.engine, info.slot
        return job

    def _log(self, kind: str, text: str, job_id: str = "") -> None:
        last = self.log[0] if self.log else None
        if last is not None and (last.kind, last.text, last.job_id) == (kind, text, job_id):
            self.log[0] = replace(last, at=self._clock(), count=last.count + 1)
        else:
            self.log.appendleft(LogEntry(self._clock(), kind, text, job_id))

    def _on_JobQueued(self, event: Any) -> None:
        self._job(event.job_id).position = event.position

    def _on_JobProgress(self, event: Any) -> None:
        job = self._job(event.job_id)
        job.state, job.progress = "running", max(job.progress, float(event.fraction))

    def _on_JobReady(self, event: Any) -> None:
        self.jobs.pop(event.job_id, None)
        self.slots[event.slot] = SlotView(event.slot, event.take, event.path, event.seed,
                                          event.seconds, event.engine, event.prompt,
                                          event.job_id, self._clock())
        self._log("ready", f"slot {event.slot} ← take {event.take} ({event.engine}, "
                           f"{event.seconds:.1f} s): {_short(event.prompt)}", event.job_id)

    def _on_TakeQuality(self, event: Any) -> None:
        view = self.slots.get(event.slot)
        if view is not None and view.take == event.take:
            self.slots[event.slot] = replace(view, score=float(event.score), issues=event.issues)
        if event.issues:
            self._log("warning", f"slot {event.slot}: take {event.take} scored "
                                 f"{event.score:.0f} ({event.issues.replace(',', ', ')})",
                      event.job_id)

    def _on_MixDone(self, event: Any) -> None:
        self._log("ready", f"mix done: {event.seconds:.1f} s at {event.loudness_lufs:.1f} LUFS, "
                           f"{event.true_peak_db:.1f} dBTP ({event.folder})", event.job_id)

    def _on_JobFailed(self, event: Any) -> None:
        job = self.jobs.pop(event.job_id, None)
        if not event.job_id:  # no job: a preview that failed, say
            self._log("error", f"{event.message} [{event.code}]")
            return
        what = f" ({_short(job.prompt)})" if job is not None and job.prompt else ""
        self._log("error", f"{event.job_id}{what} failed: {event.message} [{event.code}]",
                  event.job_id)

    def _on_JobCancelled(self, event: Any) -> None:
        self.jobs.pop(event.job_id, None)
        self._log("cancelled", f"{event.job_id} cancelled ({event.reason})", event.job_id)

    def _on_EngineState(self, event: Any) -> None:
        before = self.engines.get(event.name)
        self.engines[event.name] = event.state
        if event.state == "crashed" and before != "crashed":
            self._log("error", f"engine {event.name} crashed; it is being restarted")

    def _on_LifecycleChanged(self, event: Any) -> None:
        self.lifecycle = event.state

    def _on_ConfigReloaded(self, event: Any) -> None:
        if event.error:
            self.reload = f"config not reloaded: {event.error}"
            self._log("error", self.reload)
        else:
            parts = [f"applied {event.applied}" if event.applied else "",
                     f"restart needed for {event.restart_needed}" if event.restart_needed else ""]
            self.reload = "config reloaded: " + ("; ".join(p for p in parts if p) or "no changes")
            self._log("info", self.reload)

    def _on_PreviewState(self, event: Any) -> None:
        what = ", ".join(p for p in (f"slot {event.slot}" if event.slot else "",
                                     f"take {event.take}" if event.take else "") if p)
        self.preview = (f"preview {event.state}" + (f" ({what})" if what else "")
                        + (f": {event.message}" if event.message else ""))  # JobFailed logs errors


def _queue_order(job: JobView) -> tuple:
    rank = {"publishing": 0, "running": 1, "queued": 2}.get(job.state, 3)
    return rank, job.position if job.state == "queued" else 0, job.queued_at


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
