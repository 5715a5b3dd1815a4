"""Scenes (fragments.mix) in the daemon: a scene's layers generated, or taken from the layer
cache, then mixed and archived in the offline lane. A mixin of :class:`daemon.app.Daemon`: it
uses the daemon's config, scheduler, supervisors, publisher and bus.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
import random
import time
from pathlib import Path
from typing import Any

from daemon.errors import RequestError
from daemon.events import JobCancelled, JobFailed, JobQueued, MixDone, Origin
from daemon.requests import build_job
from daemon.scheduler import Job
from daemon.service import GenerateCommand
from engines.base import Cancelled, GenerateRequest, Take
from fragments.publisher import TakeMeta

log = logging.getLogger("daemon")
LAYER_CACHE_BYTES = 1 << 30  # decoded layer takes kept in memory for quick re-mixes


class Mixes:
    """/frag/mix: the daemon's part (see docs/mixes.md)."""

    def submit_mix(self, job_id: str, slot: int, scene_ref: str, origin: Origin) -> int:
        """Queue a mix of scene ``scene_ref`` (a [scenes.<name>] of config.toml, or a TOML
        file's path) in the offline lane; ``slot`` -1: archive only, 0: ring, 1..: that slot."""
        if not self.lifecycle.accepting:
            raise RequestError("shutting_down", f"the daemon is {self.lifecycle.state.value}; "
                                                f"{job_id!r} was not queued")
        if not -1 <= slot <= self.slot_count:
            raise RequestError("slot_range", f"slot {slot} is out of range: use 1..{self.slot_count}"
                                             ", 0 for the next slot in the ring or -1 for a file")
        scene = self._scene(scene_ref)
        layers = []
        for number, layer in enumerate(scene.layers, start=1):
            try:
                command = GenerateCommand(f"{job_id}:{number}", 1, layer.prompt, {
                    **layer.params, "engine": layer.engine or self.default_engine,
                    **({"seconds": layer.seconds} if layer.seconds is not None else {}),
                    **({"seed": layer.seed} if layer.seed != -1 else {})})
                check = build_job(command, config=self.config, default_engine=self.default_engine,
                                  slot_count=self.slot_count)
            except RequestError as exc:
                raise RequestError("bad_scene", f"scene {scene.name!r}, layer {number} "
                                                f"({layer.prompt[:40]}): {exc.message}") from None
            # the key of a layer's cache is what made it: the engine and every parameter in force
            params = {k: v for k, v in check.params.items() if v is not None}
            layers.append(dataclasses.replace(layer, engine=check.engine, params=params))
        job = Job(job_id=job_id, slot=max(slot, 0), engine="", prompt=f"mix: {scene.name}", seed=0,
                  lane="offline", origin=origin, submitted_at=time.time(),
                  scene=dataclasses.replace(scene, layers=tuple(layers)), mix_output=slot == -1)
        position, _ = self.scheduler.submit(job)
        log.info("queued %s: mix of scene %r (%d layers) position=%d", job_id, scene.name,
                 len(layers), position)
        self.bus.emit(JobQueued(job_id, position, origin))
        self._wake.set()
        return position

    def _scene(self, ref: str) -> Any:
        """A scene from its reference: TOML text itself (it has a line break), a [scenes.<name>]
        of config.toml, or a .toml file in config.toml's folder or the archive's scenes folder
        (a path from the network never reaches further)."""
        import tomllib

        from fragments.mix import load_scene, parse_scene

        if "\n" in ref:
            try:
                data = tomllib.loads(ref)
                return parse_scene(data, str(data.get("name") or "scene"))
            except (tomllib.TOMLDecodeError, ValueError) as exc:
                raise RequestError("bad_scene", f"the scene sent is invalid: {exc}") from None
        if ref in self.config.scenes:
            return self.config.scenes[ref]
        folders = [self.publisher.archive.folder / "scenes"]
        if self.config.path is not None:
            folders.insert(0, self.config.path.parent)
        path = Path(ref).expanduser()
        path = (path if path.is_absolute() else folders[0] / path).resolve()
        known = ", ".join(self.config.scenes) or "none in config.toml"
        if path.suffix != ".toml" or not path.is_file():
            raise RequestError("bad_scene", f"no scene {ref!r}: not a [scenes.<name>] of "
                                            f"config.toml ({known}) nor a .toml file")
        if not any(path.is_relative_to(folder.resolve()) for folder in folders):
            raise RequestError("bad_scene", f"{ref}: scene files are read only from "
                                            f"{' and '.join(map(str, folders))}; send the "
                                            "scene's text instead (fragmentd mix does)")
        try:
            return load_scene(path)
        except (ValueError, OSError) as exc:
            raise RequestError("bad_scene", str(exc)) from None

    async def _mix(self, job: Job) -> None:
        from fragments.mix import render

        scene, loop = job.scene, asyncio.get_running_loop()
        takes, made = [], 0
        try:
            for number, layer in enumerate(scene.layers):
                if job.cancel_reason:
                    raise Cancelled()
                cached = await loop.run_in_executor(None, self._cached_layer, layer.key())
                if cached is None:
                    cached = await self._make_layer(job, layer, number, len(scene.layers))
                    made += 1
                takes.append(cached)
                self._progress(job, (number + 1) / (len(scene.layers) + 1))
            result = await loop.run_in_executor(None, render, scene, takes)
            folder, mix_path = await loop.run_in_executor(self._publish_pool, self._archive_mix,
                                                          job, result)
        except Cancelled:
            log.info("mix %s cancelled (%s); %d new layers stay cached", job.job_id,
                     job.cancel_reason, made)
            self.bus.emit(JobCancelled(job.job_id, job.cancel_reason or "request", job.origin))
            return
        except RequestError as exc:
            log.error("mix %s failed: %s: %s", job.job_id, exc.code, exc.message)
            self.bus.emit(JobFailed(job.job_id, "mix_failed", exc.message, job.origin))
            return
        except Exception as exc:  # noqa: BLE001 - a silent mix, a full disk: one job, not the queue
            log.exception("mix %s failed", job.job_id)
            self.bus.emit(JobFailed(job.job_id, "mix_failed", f"{type(exc).__name__}: {exc}",
                                    job.origin))
            return
        finally:
            self._mix_engine.pop(job.job_id, None)
            self._last_progress.pop(job.job_id, None)
        report = result.report
        log.info("mix %s of %r: %d layers (%d generated, %d cached), %.2f s at %.1f LUFS, "
                 "%.2f dBTP: %s", job.job_id, scene.name, len(takes), made, len(takes) - made,
                 report["seconds"], report["loudness_lufs"], report["true_peak_db"], folder)
        if not report.get("on_target", True):
            log.warning("mix %s of %r reached %.1f LUFS, not its target %.1f: the scene is too "
                        "peaky to get louder under its %.1f dBTP ceiling without crushing it",
                        job.job_id, scene.name, report["loudness_lufs"], scene.target_lufs,
                        scene.true_peak_db)
        self._progress(job, 1.0)
        self.bus.emit(MixDone(job.job_id, str(mix_path), report["seconds"],
                              report["loudness_lufs"], report["true_peak_db"], str(folder),
                              job.origin))
        if job.mix_output:
            return
        take = Take(result.audio, scene.sample_rate, 0, {"scene": scene.name})
        meta = TakeMeta(job.job_id, job.prompt, "mix", {"scene": scene.name, "folder": str(folder)},
                        0, client=f"{job.origin[0]}:{job.origin[1]}" if job.origin else "")
        try:
            published = await loop.run_in_executor(
                self._publish_pool, functools.partial(self.publisher.publish, take.audio,
                                                      take.sample_rate, meta, job.slot, True))
        except Exception as exc:  # noqa: BLE001 - the mix stays in its folder
            log.exception("mix %s: publishing failed", job.job_id)
            self.bus.emit(JobFailed(job.job_id, "publish_failed", f"{type(exc).__name__}: {exc}",
                                    job.origin))
            return
        self._ready(job.job_id, published, 0, "mix", job.prompt, None, "", job.origin)

    def _cached_layer(self, key: str) -> tuple[Any, int] | None:
        """A layer's take from memory, else from the archive; None when it must be made."""
        if key in self._layer_cache:
            self._layer_cache.move_to_end(key)
            return self._layer_cache[key]
        take = self.publisher.index.layer_take(key)
        record = self.publisher.index.get(take) if take is not None else None
        if record is None:
            return None
        try:
            import soundfile

            audio, rate = soundfile.read(record.raw_path, dtype="float32", always_2d=True)
        except (OSError, RuntimeError):
            log.warning("layer take %d is in the cache but its file %s cannot be read: making "
                        "it again", take, record.raw_path)
            return None
        return self._remember_layer(key, audio, rate)

    def _remember_layer(self, key: str, audio: Any, rate: int) -> tuple[Any, int]:
        self._layer_cache[key] = (audio, rate)
        self._layer_cache.move_to_end(key)
        while sum(a.nbytes for a, _ in self._layer_cache.values()) > LAYER_CACHE_BYTES \
                and len(self._layer_cache) > 1:
            self._layer_cache.popitem(last=False)
        return audio, rate

    async def _make_layer(self, job: Job, layer: Any, number: int, count: int) -> tuple[Any, int]:
        seed = layer.seed if layer.seed != -1 else random.SystemRandom().randint(0, 2**31 - 1)
        self._mix_engine[job.job_id] = layer.engine
        await self.keeper.make_room(layer.engine)
        started = time.perf_counter()
        try:
            take = await self.supervisors[layer.engine].generate(
                job.job_id, GenerateRequest(layer.prompt, seed, layer.seconds, layer.params),
                lambda f: self._progress(job, (number + f) / (count + 1)),
                self.config.daemon["take_timeout_s"])
        finally:
            self.keeper.used(layer.engine)
        meta = TakeMeta(job.job_id, layer.prompt, layer.engine,
                        {**layer.params, "seconds": layer.seconds, "layer_of": job.scene.name},
                        take.seed, client=f"{job.origin[0]}:{job.origin[1]}" if job.origin else "",
                        generate_s=time.perf_counter() - started)
        loop = asyncio.get_running_loop()
        number_, _ = await loop.run_in_executor(self._publish_pool, self.publisher.archive_take,
                                                take.audio, take.sample_rate, meta)
        self.publisher.index.set_layer_take(layer.key(), number_)
        log.info("mix %s: layer %d (%s) made as take %d (seed %d)", job.job_id, number + 1,
                 layer.prompt[:40], number_, take.seed)
        return self._remember_layer(layer.key(), take.audio, take.sample_rate)

    def _archive_mix(self, job: Job, result: Any) -> tuple[Path, Path]:
        """The mix's folder in the archive: scene.toml, mix.wav and one stem per layer (32-bit
        float, like the raw takes)."""
        from fragments.mix import scene_toml
        from fragments.wav import write_wav_atomic

        scene = job.scene
        base = self.publisher.archive.folder / "mixes"
        base.mkdir(exist_ok=True)
        slug = "".join(c if c.isalnum() or c in "-_" else "-" for c in scene.name)[:40] or "scene"
        number = 1 + sum(1 for _ in base.iterdir())
        while True:
            folder = base / f"{number:04d}-{slug}"
            try:
                folder.mkdir()
                break
            except FileExistsError:
                number += 1
        (folder / "scene.toml").write_text(scene_toml(scene), encoding="utf-8")
        mix_path = folder / "mix.wav"
        write_wav_atomic(mix_path, result.audio, scene.sample_rate, 32)
        for index, stem in enumerate(result.stems, start=1):
            write_wav_atomic(folder / f"stem{index:02d}.wav", stem, scene.sample_rate, 32)
        return folder, mix_path
