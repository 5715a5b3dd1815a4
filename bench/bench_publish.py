"""Benchmark: one Stable-Audio-sized take (47 s, 44.1 kHz stereo) through Publisher.publish.

Measures archive (raw 32-bit float WAV, fsynced, hard-linked) + index + post-processing (trim,
BS.1770 loudness, true peak, fades) + atomic 24-bit slot publish, on real files; then, apart
from the publish, the fragment's spectrogram picture (Publisher.spectrogram).

    .venv/bin/python bench/bench_publish.py [--runs 10] [--dir /path/on/the/show/disk] [--signal dense]

Target: total < 150 ms on a 2-core machine. Use --dir to measure the disk the show runs from
(fsync cost is a property of the disk, and /tmp may be RAM).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import scipy
import soxr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fragments import dsp  # noqa: E402
from fragments.process import PostSettings  # noqa: E402
from fragments.publisher import Publisher, TakeMeta  # noqa: E402

RATE, SECONDS = 44100, 47.0
STAGES = ("archive_s", "index_s", "postprocess_s", "publish_s", "total_s", "cpu_s",
          "spectrogram_s")


def music_like(seconds: float = SECONDS, rate: int = RATE, seed: int = 7) -> np.ndarray:
    """Drums, bass, pad and hats with phrase dynamics (quiet intro, build, breakdown), stereo."""
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    t = np.arange(n, dtype=np.float32) / rate
    beat = int(rate * 0.5)  # 120 bpm
    pos = (np.arange(n) % beat).astype(np.float32) / rate
    kick = np.sin(2 * np.pi * (50 + 90 * np.exp(-pos * 30)) * pos) * np.exp(-pos * 9)
    hat_pos = (np.arange(n) % (beat // 2)).astype(np.float32) / rate
    hats = rng.standard_normal(n).astype(np.float32)
    hats = np.diff(hats, prepend=0.0).astype(np.float32) * np.exp(-hat_pos * 60) * 0.15
    notes = np.repeat(rng.choice([55.0, 65.4, 73.4, 82.4], size=n // (beat * 4) + 1), beat * 4)[:n]
    bass = 0.35 * np.tanh(3 * np.sin(2 * np.pi * np.cumsum(notes) / rate)).astype(np.float32)
    pad = sum(np.sin(2 * np.pi * f * t + p) for f, p in ((220, 0), (277.2, 1), (329.6, 2))) * 0.08
    phrase = np.interp(t, [0, 4, 16, 30, 34, 40, SECONDS], [0.15, 0.5, 0.9, 1.0, 0.3, 1.0, 0.8])
    mono = (0.8 * kick + bass + pad) * phrase
    side = rng.standard_normal(n).astype(np.float32) * 0.02 * phrase
    left, right = mono + hats + side, mono + np.roll(hats, 300) - side
    audio = np.stack([left, right], axis=1).astype(np.float32)
    return audio * np.float32(0.6 / np.abs(audio).max())


def dense(seconds: float = SECONDS, rate: int = RATE, seed: int = 7) -> np.ndarray:
    """Worst case for the true-peak meter: hard-clipped noise, peaks everywhere."""
    noise = np.random.default_rng(seed).standard_normal((int(seconds * rate), 2)).astype(np.float32)
    return np.clip(noise * 0.5, -0.7, 0.7)


def machine() -> str:
    model = platform.processor() or "?"
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo") as cpuinfo:
            model = next((line.split(":", 1)[1].strip() for line in cpuinfo
                          if line.startswith("model name")), model)
    return (f"{os.cpu_count()} CPUs ({model}); Python {platform.python_version()}; "
            f"numpy {np.__version__}; scipy {scipy.__version__}; soxr {soxr.__version__}; "
            f"{platform.platform()}")


def filesystem(folder: Path) -> str:
    """The mount holding ``folder`` (fsync cost depends on it)."""
    best = ("?", "?", "")
    try:
        with open("/proc/mounts") as mounts:
            for line in mounts:
                device, mount, kind = line.split()[:3]
                if str(folder.resolve()).startswith(mount) and len(mount) >= len(best[2]):
                    best = (device, kind, mount)
    except OSError:
        pass
    return f"{best[0]} ({best[1]}) mounted at {best[2]}"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def run(audio: np.ndarray, folder: Path, runs: int) -> tuple[list[dict], dict]:
    """Publish ``audio`` once to warm up, then ``runs`` times; returns timings and last report."""
    publisher = Publisher(folder / "slots", folder / "archive", 8, PostSettings())
    meta = TakeMeta(job_id="bench", prompt="bench take", engine="bench", params={}, seed=0)
    try:
        publisher.publish(audio, RATE, meta, slot=0)  # warm-up: caches, first files
        timings = []
        for _ in range(runs):
            cpu = time.process_time()
            result = publisher.publish(audio, RATE, meta, slot=0)
            # CPU seconds of all our threads: unlike wall time, barely moved by other processes
            result.timings["cpu_s"] = time.process_time() - cpu
            # the panel's picture, drawn on a worker thread after /frag/ready: not in total
            start = time.perf_counter()
            publisher.spectrogram(result.take, result.path)
            result.timings["spectrogram_s"] = time.perf_counter() - start
            timings.append(result.timings)
        return timings, publisher.index.get(result.take).report
    finally:
        publisher.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--dir", type=Path, default=None,
                        help="folder to publish into (default: the system temp folder)")
    parser.add_argument("--signal", choices=("music", "dense"), default="music")
    args = parser.parse_args()
    audio = music_like() if args.signal == "music" else dense()
    print(f"machine: {machine()}")
    print(f"take: {SECONDS:g} s, {RATE} Hz, stereo float32, {args.signal}: "
          f"{dsp.integrated_loudness(audio, RATE):.1f} LUFS, {dsp.true_peak(audio):.1f} dBTP")
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench_publish_") as folder:
        print(f"folder: {folder} on {filesystem(Path(folder))}")
        timings, report = run(audio, Path(folder), args.runs)
    print(f"fragment: gain {report['gain_db']:+.2f} dB -> {report['loudness_lufs_after']:.2f} LUFS, "
          f"{report['true_peak_db']:.2f} dBTP, {report['seconds']:.2f} s, 24-bit")
    print(f"{args.runs} runs after one warm-up. archive + index run on a helper thread while "
          f"postprocess + publish run; total is the wall time of Publisher.publish, cpu the "
          f"CPU time of all its threads; spectrogram (Publisher.spectrogram: read the slot "
          f"file, mel spectrogram, PNG) runs afterwards, off the publish path.")
    print(f"{'stage':<13}{'median ms':>10}{'p90 ms':>9}")
    for stage in STAGES:
        values = [t[stage] * 1000 for t in timings]
        print(f"{stage[:-2]:<13}{statistics.median(values):>10.1f}{percentile(values, 0.9):>9.1f}")
    total = statistics.median(t["total_s"] * 1000 for t in timings)
    print(f"target: total < 150 ms -> {'met' if total < 150 else 'NOT met'} (median {total:.0f} ms)")


if __name__ == "__main__":
    main()
