"""Scheduling decisions, as plain code with no I/O: lanes, a bounded queue, cancel, supersede.

The live lane (prompts from a performer) is always served before the offline lane (mixes,
restoration). One take runs at a time: on one GPU, two models generating at once only make
both late. A full queue is refused, never silently dropped.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from daemon.errors import RequestError
from daemon.events import Origin
from fragments.process import Shape

LANES = ("live", "offline")


@dataclass
class Job:
    """One take to make: validated, seed resolved, ready for an engine."""

    job_id: str
    slot: int  # 0 = next in the ring
    engine: str
    prompt: str
    seed: int
    seconds: float | None = None
    params: dict[str, Any] = field(default_factory=dict)
    lane: str = "live"
    origin: Origin = None
    submitted_at: float = 0.0
    cancel_reason: str | None = None  # set when a running job is asked to stop
    shape: Shape | None = None  # loop and bar length of the fragment; None: as the take came
    variations: int = 1  # takes made from as many seeds; the best is published, the rest ranked
    scene: Any = None  # fragments.mix.Scene for a mix job (engine "" then); None for a take
    mix_output: bool = False  # a mix asked for as a file (slot -1): archived, not published
    ahead: bool = False  # a variation prepared ahead for its slot: ranked, not published


class Scheduler:
    """Queue state. ``submit`` → ``take_next`` → ``finish``; ``cancel`` at any time."""

    def __init__(self, max_queued: int = 32, supersede_same_slot: bool = True) -> None:
        self.max_queued = max_queued
        self.supersede_same_slot = supersede_same_slot
        self._lanes: dict[str, deque[Job]] = {lane: deque() for lane in LANES}
        self.running: Job | None = None

    @property
    def queued(self) -> int:
        return sum(len(q) for q in self._lanes.values())

    def queued_jobs(self) -> list[Job]:
        return [job for lane in LANES for job in self._lanes[lane]]

    def find(self, job_id: str) -> Job | None:
        if self.running and self.running.job_id == job_id:
            return self.running
        return next((j for j in self.queued_jobs() if j.job_id == job_id), None)

    def submit(self, job: Job) -> tuple[int, list[Job]]:
        """Queue ``job``; return (1-based position in the whole queue, jobs it superseded)."""
        if job.lane not in self._lanes:
            raise ValueError(f"unknown lane {job.lane!r}")
        if self.find(job.job_id) is not None:
            raise RequestError("duplicate_id", f"a job with id {job.job_id!r} is already "
                                               "queued or running; use a new id per prompt")
        superseded = self._superseded_by(job)
        if self.queued - len(superseded) >= self.max_queued:
            raise RequestError("queue_full", f"the queue already holds {self.queued} jobs "
                                             f"(daemon.queue_size = {self.max_queued}); "
                                             f"{job.job_id!r} was not queued")
        for old in superseded:
            self._lanes[old.lane].remove(old)
        self._lanes[job.lane].append(job)
        return self.position(job.job_id), superseded

    def _superseded_by(self, job: Job) -> list[Job]:
        if not self.supersede_same_slot or job.slot == 0:
            return []
        return [old for old in self._lanes[job.lane] if old.slot == job.slot]

    def position(self, job_id: str) -> int:
        """1-based place in service order; 0 for the running job; -1 when unknown."""
        if self.running and self.running.job_id == job_id:
            return 0
        for place, job in enumerate(self.queued_jobs(), start=1):
            if job.job_id == job_id:
                return place
        return -1

    def take_next(self) -> Job | None:
        """Start the next job, live lane first. Only one job runs at a time."""
        if self.running is not None:
            return None
        for lane in LANES:
            if self._lanes[lane]:
                self.running = self._lanes[lane].popleft()
                return self.running
        return None

    def finish(self, job_id: str) -> None:
        if self.running and self.running.job_id == job_id:
            self.running = None

    def cancel(self, job_id: str, reason: str = "request") -> list[Job]:
        """Cancel one id, or every job for ``"*"``.

        Queued jobs leave the queue at once; the running job stays ``running`` with its
        ``cancel_reason`` set until the engine stops and ``finish`` is called.
        Returns the jobs affected (running job last); raises not_found when none.
        """
        hit = [j for j in self.queued_jobs() if job_id in ("*", j.job_id)]
        for job in hit:
            self._lanes[job.lane].remove(job)
            job.cancel_reason = reason
        if self.running and job_id in ("*", self.running.job_id):
            if self.running.cancel_reason is None:
                self.running.cancel_reason = reason
            hit.append(self.running)
        if not hit and job_id != "*":
            raise RequestError("not_found", f"no queued or running job with id {job_id!r}")
        return hit
