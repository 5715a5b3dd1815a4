"""Timing and memory helpers the GPU benchmarks share (bench_audioldm2_gpu.py,
bench_musicgen_gpu.py): warm, synchronised, median of repeats, peak GPU memory."""

from __future__ import annotations

import statistics
import time
from typing import Any, Callable


def sync(device: str) -> None:
    import torch

    if device.startswith("cuda"):
        torch.cuda.synchronize()

def measure(fn: Callable[[], Any], device: str, repeats: int) -> tuple[float, list, float | None]:
    """(median seconds, all seconds, peak GPU GiB) of ``repeats`` calls after one untimed."""
    import torch

    fn()  # warm-up, as a warm daemon would be
    cuda = device.startswith("cuda")
    if cuda:
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    runs = []
    for _ in range(repeats):
        sync(device)
        start = time.perf_counter()
        fn()
        sync(device)
        runs.append(time.perf_counter() - start)
    peak = torch.cuda.max_memory_allocated() / 2**30 if cuda else None
    return statistics.median(runs), runs, peak

def resident(device: str) -> float | None:
    import torch

    return torch.cuda.memory_allocated() / 2**30 if device.startswith("cuda") else None

def release(device: str) -> None:
    import gc

    import torch

    gc.collect()
    if device.startswith("cuda"):
        torch.cuda.empty_cache()
