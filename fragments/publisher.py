"""The publisher: one take in, archived + indexed + post-processed + published into a slot.

Order of what becomes visible, so that nothing is lost: the raw take is archived (fsynced) and
indexed; then the slot file is replaced atomically; then the index records the publish. If
post-processing or publishing fails, the raw take stays archived and indexed and the exception
propagates to the caller (the daemon answers ``publish_failed``).

For speed the archive write runs on a helper thread while this thread post-processes and stages
the slot file (a hidden temp file): both spend most of their time waiting for fsync. The staged
file is only moved into the slot once the archive and index hold the take; if archiving fails,
it is discarded and the slot keeps its old fragment.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf

from .archive import Archive
from .index import TakeIndex, TakeRecord
from .process import PostSettings, Shape, postprocess
from .slots import SlotRing
from .spectrogram import SpectrogramError, is_fresh, read_audio, save_spectrogram, spectrogram_path
from .wav import clean_temp_files, temp_path_for, write_wav_atomic

log = logging.getLogger(__name__)


@dataclass
class TakeMeta:
    """What the daemon knows about a take besides its audio."""

    job_id: str
    prompt: str
    engine: str
    params: dict
    seed: int
    client: str = ""
    generate_s: float | None = None


@dataclass
class Published:
    """Where a take went. ``timings``: seconds per stage: archive_s and index_s (archive thread),
    postprocess_s, publish_s (staging + commit; both overlap the archive), total_s (wall)."""

    take: int
    slot: int
    path: Path
    archive_path: Path
    seconds: float
    raw_seconds: float
    checksum: str
    timings: dict


class Publisher:
    """Archives, indexes, post-processes and publishes takes into the slot ring.

    ``publish`` runs on a worker thread, one call at a time (a lock makes overlapping calls wait
    their turn); ``index`` may be read from other threads meanwhile.
    """

    def __init__(self, slots_folder: Path, archive_folder: Path, slot_count: int,
                 settings: PostSettings, index_path: Path | None = None):
        self.ring = SlotRing(slots_folder, slot_count)
        archive_folder = Path(archive_folder)
        archive_folder.mkdir(parents=True, exist_ok=True)
        self.index = TakeIndex(index_path or archive_folder / "index.sqlite")
        try:
            self.archive = Archive(archive_folder, self.index)
        except BaseException:
            self.index.close()
            raise
        self._settings = settings
        self._lock = threading.Lock()
        # the ring cursor lives in memory (seeded from the index) so that an index that cannot
        # be written never makes the ring overwrite the fragment it just published
        self._last_ring_slot = self.index.last_ring_slot()
        self._archiver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fragments-archive")

    @property
    def settings(self) -> PostSettings:
        """The post-processing settings in force."""
        return self._settings

    def update_settings(self, settings: PostSettings) -> None:
        """Live config reload: the next publish uses ``settings`` (one in flight keeps its own)."""
        if not isinstance(settings, PostSettings):
            raise TypeError(f"expected PostSettings, got {type(settings).__name__}")
        self._settings = settings  # one reference swap: a publish reads it once, never half of it

    def publish(self, audio: np.ndarray, sample_rate: int, meta: TakeMeta, slot: int,
                calibrated: bool = False, shape: Shape | None = None,
                quality: Any = None) -> Published:
        """Archive, index, post-process and publish one take; ``slot`` 0 = next in the ring.

        Blocking (disk and CPU): call it from a worker thread, never the event loop. Raises
        ``ValueError`` for a bad slot or a take that cannot become a fragment (silent, NaN, ...):
        the raw take is archived and indexed all the same. ``quality`` (a
        fragments.quality.Quality) is recorded in the index with the take.
        """
        with self._lock:
            settings, start = self._settings, time.perf_counter()
            archiving = self._archiver.submit(self._archive, audio, sample_rate, meta, quality)
            try:
                target = (self.ring.next_slot(self._last_ring_slot) if slot == 0
                          else self.ring.check(slot))
                fragment, report = postprocess(audio, sample_rate, settings, calibrated, shape)
                processed = time.perf_counter()
                staged = self.ring.stage(target, fragment, settings.sample_rate, settings.bit_depth)
                written = time.perf_counter()
            except BaseException:
                archiving.result()  # the raw take is archived and indexed before the error goes up
                raise
            try:
                take, raw_path, checksum, timings = archiving.result()
            except BaseException:
                staged.discard()  # never publish a take the archive does not hold
                raise
            committed = time.perf_counter()
            path = staged.commit()
            if slot == 0:
                self._last_ring_slot = target
            timings["postprocess_s"] = processed - start
            timings["publish_s"] = written - processed + time.perf_counter() - committed
            seconds = fragment.shape[0] / settings.sample_rate
            self._mark_published(take, target, path, seconds, timings, report, ring=slot == 0)
            timings["total_s"] = time.perf_counter() - start
            return Published(take=take, slot=target, path=path, archive_path=raw_path,
                             seconds=seconds, raw_seconds=np.shape(audio)[0] / sample_rate,
                             checksum=checksum, timings=timings)

    def republish(self, take: int, slot: int, calibrated: bool = False) -> Published:
        """Publish archived take ``take`` again into ``slot`` (0 = next in the ring), post-
        processed with the settings in force; the archive and the take number stay as they are.

        Blocking, like :meth:`publish`. ``KeyError`` when the index has no such take or its raw
        file is gone; ``ValueError`` for a bad slot.
        """
        record = self.index.get(take)
        if record is None:
            raise KeyError(f"take {take} is not in the archive index")
        try:
            audio, sample_rate = sf.read(record.raw_path, dtype="float32", always_2d=True)
        except (OSError, RuntimeError) as exc:  # soundfile raises LibsndfileError (RuntimeError)
            raise KeyError(f"take {take}: its raw file {record.raw_path} cannot be read: {exc}") \
                from exc
        with self._lock:
            settings, start = self._settings, time.perf_counter()
            target = self.ring.next_slot(self._last_ring_slot) if slot == 0 else self.ring.check(slot)
            fragment, report = postprocess(audio, sample_rate, settings, calibrated)
            processed = time.perf_counter()
            path = self.ring.stage(target, fragment, settings.sample_rate,
                                   settings.bit_depth).commit()
            if slot == 0:
                self._last_ring_slot = target
            timings = {"postprocess_s": processed - start,
                       "publish_s": time.perf_counter() - processed}
            seconds = fragment.shape[0] / settings.sample_rate
            self._mark_published(take, target, path, seconds, timings, report, ring=slot == 0)
            timings["total_s"] = time.perf_counter() - start
            return Published(take=take, slot=target, path=path, archive_path=Path(record.raw_path),
                             seconds=seconds, raw_seconds=audio.shape[0] / sample_rate,
                             checksum=record.checksum, timings=timings)

    def spectrogram(self, take: int, audio_path: Path) -> Path:
        """Write the picture of take ``take``'s published fragment, ``audio_path`` (the slot file
        it was published into), beside its archived take (``output001.png``); returns its path.

        Blocking (~80 ms for a 47 s take): call it from a worker thread. The publish lock is held
        only to check that the slot still holds this take and to open the file; the open file
        keeps this take's audio even if a publish replaces the slot while the picture is drawn.
        Cached: a picture newer than the slot file is returned as it is. ``SpectrogramError``,
        naming the file, when the take is not (or no longer) in that slot or its file cannot be
        read; ``OSError`` when the picture cannot be written.
        """
        png_path = spectrogram_path(self.archive.folder, take)
        with self._lock:
            self._check_live(take, Path(audio_path))
            if is_fresh(png_path, audio_path):
                return png_path
            try:
                source = open(audio_path, "rb")
            except OSError as exc:
                raise SpectrogramError(f"{audio_path}: cannot be opened: {exc}") from exc
        with source:
            audio, sample_rate = read_audio(source, audio_path)
        return save_spectrogram(audio, sample_rate, png_path, audio_path)

    def _check_live(self, take: int, audio_path: Path) -> None:
        """Raise ``SpectrogramError`` unless ``audio_path`` is the slot file that the index says
        holds take ``take`` now (call with the lock held, so no publish moves it meanwhile)."""
        record = self.index.get(take)
        if record is None or record.published_path is None:
            raise SpectrogramError(f"{audio_path}: take {take} is not recorded as published")
        if os.path.abspath(record.published_path) != os.path.abspath(audio_path):
            raise SpectrogramError(f"{audio_path}: take {take} was last published to "
                                   f"{record.published_path}, not here")
        live = self.index.published_slots().get(record.slot)
        if live is None or live.take != take:
            now = "another take" if live is None else f"take {live.take}"
            raise SpectrogramError(f"{audio_path}: slot {record.slot} now holds {now}, "
                                   f"not take {take}")

    def _mark_published(self, take: int, slot: int, path: Path, seconds: float, timings: dict,
                        report: dict, ring: bool) -> None:
        """Record the publish. The fragment is already live in its slot: failing to note it in
        the index is logged, not raised, so the performer still hears about a playable slot."""
        try:
            self.index.mark_published(take, slot, str(path), seconds, timings["postprocess_s"],
                                      timings["publish_s"], report, ring=ring)
        except sqlite3.Error:
            log.exception("take %d is live in slot %d but the index could not record it",
                          take, slot)

    def archive_take(self, audio: np.ndarray, sample_rate: int, meta: TakeMeta,
                     quality: Any = None) -> tuple[int, Path]:
        """Archive and index a take that is not published now (a take the quality gate set
        aside, a variation, a layer of a mix); returns its number and raw file."""
        take, raw_path, _, _ = self._archive(audio, sample_rate, meta, quality)
        return take, raw_path

    def prepare(self, take: int, audio: np.ndarray, sample_rate: int, calibrated: bool = False,
                shape: Shape | None = None) -> tuple[Path, float]:
        """Post-process archived take ``take`` ahead of time into ``prepared/outputNNN.wav`` in
        the archive, so :meth:`swap_in` can publish it later without any work; returns the file
        and its length in seconds."""
        settings = self._settings
        fragment, _ = postprocess(audio, sample_rate, settings, calibrated, shape)
        folder = self.archive.folder / "prepared"
        folder.mkdir(exist_ok=True)
        path = folder / f"output{take:03d}.wav"
        write_wav_atomic(path, fragment, settings.sample_rate, settings.bit_depth)
        return path, fragment.shape[0] / settings.sample_rate

    def swap_in(self, take: int, prepared: Path, slot: int) -> Published:
        """Publish a prepared fragment of take ``take`` into ``slot`` (1..count): a hard link and
        a rename, no audio work. ``KeyError`` when the take or its prepared file is gone."""
        record = self.index.get(take)
        if record is None:
            raise KeyError(f"take {take} is not in the archive index")
        with self._lock:
            start = time.perf_counter()
            target = self.ring.path(self.ring.check(slot))
            temp = temp_path_for(target)
            try:
                try:
                    os.link(prepared, temp)
                except FileNotFoundError:
                    raise KeyError(f"take {take}: its prepared fragment {prepared} is gone") \
                        from None
                except OSError:  # no hard links on this filesystem
                    shutil.copyfile(prepared, temp)
                info = sf.info(str(temp))
                os.replace(temp, target)
            except BaseException:
                if temp.exists():
                    temp.unlink()
                raise
            seconds = info.frames / info.samplerate
            timings = {"postprocess_s": 0.0, "publish_s": time.perf_counter() - start}
            self._mark_published(take, slot, target, seconds, timings,
                                 {**record.report, "swapped_in": True}, ring=False)
            timings["total_s"] = time.perf_counter() - start
            return Published(take=take, slot=slot, path=target, archive_path=Path(record.raw_path),
                             seconds=seconds, raw_seconds=record.raw_seconds,
                             checksum=record.checksum, timings=timings)

    def _archive(self, audio: np.ndarray, sample_rate: int, meta: TakeMeta,
                 quality: Any = None) -> tuple[int, Path, str, dict]:
        """Store and index the raw take (on the archive thread); returns its number, path,
        checksum and the seconds each step took."""
        start = time.perf_counter()
        take, raw_path, checksum = self.archive.store(audio, sample_rate)
        stored = time.perf_counter()
        self.index.add(TakeRecord(
            take=take, created_at=time.time(), job_id=meta.job_id, prompt=meta.prompt,
            engine=meta.engine, params=dict(meta.params), seed=int(meta.seed),
            raw_path=str(raw_path),
            raw_sample_rate=int(sample_rate), raw_seconds=np.shape(audio)[0] / sample_rate,
            checksum=checksum, generate_s=meta.generate_s, client=meta.client,
            **({} if quality is None else {
                "quality_score": quality.score, "quality_issues": ",".join(quality.issues),
                "quality": dict(quality.measures)})))
        return take, raw_path, checksum, {"archive_s": stored - start,
                                          "index_s": time.perf_counter() - stored}

    def clean_temp(self) -> list[Path]:
        """Remove our leftover temp files from the slot and archive folders (start, shutdown).

        Waits for a publish in flight, so it never removes a file being written.
        """
        with self._lock:
            return clean_temp_files(self.ring.folder) + clean_temp_files(self.archive.folder)

    def close(self) -> None:
        """Wait for a publish in flight, then stop the archive thread and close the index."""
        with self._lock:
            self._archiver.shutdown(wait=True)
            self.index.close()
