"""Variations in the daemon: the takes of one prompt ranked by quality score, prepared ahead
of time, and swapped into their slot by /frag/variation/next without any audio work. A mixin of
:class:`daemon.app.Daemon`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import random
import time
from pathlib import Path
from typing import Any

from daemon.errors import RequestError
from daemon.events import JobCancelled, JobFailed, JobQueued, Origin
from daemon.lifecycle import State
from daemon.scheduler import Job
from engines.base import Take
from engines.registry import engine_class
from fragments.index import Variation
from fragments.quality import Quality

log = logging.getLogger("daemon")


class Variations:
    """variations=N, /frag/variation/next and daemon.prepare_ahead (see docs/mixes.md)."""

    async def _rank(self, job: Job, published: Any,
                    ranked: list[tuple[Take, Quality, float]]) -> None:
        """Archive the other takes; with variations, prepare their fragments and rank them for
        /frag/variation/next (a take set aside by the gate alone is only archived)."""
        loop = asyncio.get_running_loop()
        spare = ranked[1:]
        if job.variations <= 1:
            await self._archive_spare(job, spare)
            return
        calibrated = engine_class(job.engine).calibrated

        def prepare_all() -> list[Variation]:
            best_take, best, _ = ranked[0]
            # prepared again from the take, not linked from the slot file: another publish
            # may have replaced the slot meanwhile
            path, _ = self.publisher.prepare(published.take, best_take.audio,
                                             best_take.sample_rate, calibrated, job.shape)
            kept = [Variation(published.slot, 1, published.take, best.score, str(path),
                              job.job_id)]
            for rank, (take, quality, generate_s) in enumerate(spare, start=2):
                number, _ = self.publisher.archive_take(
                    take.audio, take.sample_rate, self._meta(job, take, generate_s), quality)
                try:
                    path, _ = self.publisher.prepare(number, take.audio, take.sample_rate,
                                                     calibrated, job.shape)
                except ValueError as exc:  # a silent take cannot become a fragment
                    log.warning("job %s: take %d kept in the archive, not as a variation: %s",
                                job.job_id, number, exc)
                    continue
                kept.append(Variation(published.slot, len(kept) + 1, number, quality.score,
                                      str(path), job.job_id))
            self.publisher.index.set_variations(published.slot, kept)
            return kept

        try:
            kept = await loop.run_in_executor(self._publish_pool, prepare_all)
        except Exception:  # noqa: BLE001 - the best take is live; the rest is a bonus
            log.exception("job %s: preparing its variations failed", job.job_id)
            return
        self._variation_source[published.slot] = job
        log.info("job %s: %d variations ranked for slot %d: %s", job.job_id, len(kept),
                 published.slot, ", ".join(f"take {v.take} ({v.score:.0f})" for v in kept))

    def variation_next(self, slot: int, origin: Origin) -> None:
        """Swap the next-ranked prepared variation into ``slot`` (see /frag/variation/next)."""
        if not 1 <= slot <= self.slot_count:
            raise RequestError("slot_range", f"slot {slot} is out of range: use 1..{self.slot_count}")
        if self.lifecycle.state in (State.QUITTING, State.OFFLINE):
            raise RequestError("shutting_down", "the daemon is stopping")
        ranked = self.publisher.index.variations(slot)
        if len(ranked) < 2:
            raise RequestError("no_variations", f"slot {slot} has no other variation to swap in; "
                                                "ask for one with variations=N (N > 1)")
        held = self._slots.get(slot)
        current = next((v.rank for v in ranked if held and v.take == held.take), 0)
        choice = ranked[current % len(ranked)]  # the next rank, back to the best after the last
        task = self._spawn(self._swap_in(slot, choice, origin))
        self._publishing.add(task)
        task.add_done_callback(self._publishing.discard)
        self._plan_ahead(slot, choice.rank, len(ranked))

    def _plan_ahead(self, slot: int, rank: int, count: int) -> None:
        """Keep daemon.prepare_ahead variations of ``slot`` not yet heard: queue the missing
        ones in the offline lane (they run when no live prompt waits)."""
        source = self._variation_source.get(slot)
        if source is None:  # variations from before a restart: no job to make more from
            return
        queued = sum(1 for j in [*self.scheduler.queued_jobs(), self.scheduler.running]
                     if j is not None and j.ahead and j.slot == slot and not j.cancel_reason)
        missing = self.config.daemon["prepare_ahead"] - (count - rank) - queued
        for _ in range(max(0, missing)):
            job = dataclasses.replace(
                source, job_id=f"ahead-{slot}-{next(self._ahead_ids)}", slot=slot,
                seed=random.SystemRandom().randint(0, 2**31 - 1), variations=1, lane="offline",
                origin=None, submitted_at=time.time(), cancel_reason=None, ahead=True)
            try:
                position, _ = self.scheduler.submit(job)
            except RequestError as exc:  # a full queue: the performer's prompts come first
                log.info("slot %d: no variation prepared ahead: %s", slot, exc.message)
                return
            log.info("queued %s: a variation of slot %d prepared ahead, position=%d",
                     job.job_id, slot, position)
            self.bus.emit(JobQueued(job.job_id, position, None))
            self._wake.set()

    async def _append_ahead(self, job: Job, ranked: list[tuple[Take, Quality, float]]) -> None:
        """A take made ahead joins its slot's ranked variations (after the ones there), unless
        the slot moved on to another prompt meanwhile: then it is only archived."""
        loop = asyncio.get_running_loop()
        calibrated = engine_class(job.engine).calibrated

        def append() -> list[Variation] | None:
            kept = []
            for take, quality, generate_s in ranked:
                number, _ = self.publisher.archive_take(
                    take.audio, take.sample_rate, self._meta(job, take, generate_s), quality)
                if job.cancel_reason:
                    continue
                current = self.publisher.index.variations(job.slot)
                if not current or self._variation_source.get(job.slot) is None:
                    return None
                path, _ = self.publisher.prepare(number, take.audio, take.sample_rate,
                                                 calibrated, job.shape)
                current.append(Variation(job.slot, len(current) + 1, number, quality.score,
                                         str(path), job.job_id))
                self.publisher.index.set_variations(job.slot, current)
                kept = current
            return kept

        try:
            kept = await loop.run_in_executor(self._publish_pool, append)
        except Exception:  # noqa: BLE001 - a bonus take; the show goes on
            log.exception("%s: preparing a variation ahead failed", job.job_id)
            return
        if job.cancel_reason:
            self.bus.emit(JobCancelled(job.job_id, job.cancel_reason, job.origin))
        elif kept:
            log.info("%s: slot %d now has %d variations (take %d prepared ahead, %.0f)",
                     job.job_id, job.slot, len(kept), kept[-1].take, kept[-1].score or 0)
            self.bus.emit(JobCancelled(job.job_id, "prepared", job.origin))
        else:
            log.info("%s: slot %d moved on to another prompt; the take is archived only",
                     job.job_id, job.slot)
            self.bus.emit(JobCancelled(job.job_id, "superseded", job.origin))

    async def _swap_in(self, slot: int, choice: Variation, origin: Origin) -> None:
        loop = asyncio.get_running_loop()

        def swap() -> tuple[Any, Any]:
            published = self.publisher.swap_in(choice.take, Path(choice.prepared_path), slot)
            return published, self.publisher.index.get(choice.take)

        try:
            published, record = await loop.run_in_executor(self._publish_pool, swap)
        except KeyError as exc:
            self.bus.emit(JobFailed("", "no_variations", str(exc.args[0]), origin))
            return
        except Exception as exc:  # noqa: BLE001 - disk full, ...
            log.exception("swapping take %d into slot %d failed", choice.take, slot)
            self.bus.emit(JobFailed("", "publish_failed", f"{type(exc).__name__}: {exc}", origin))
            return
        log.info("slot %d: variation %d (take %d) swapped in", slot, choice.rank, choice.take)
        self._ready("", published, record.seed, record.engine, record.prompt,
                    record.quality_score, record.quality_issues, origin)
