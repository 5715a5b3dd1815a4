"""The warm pool's decisions, as plain logic: what to unload so an engine fits, and when.

Models live on the GPU between prompts. Before an engine loads, its expected memory is checked
against the free GPU memory and the configured budget; when it does not fit, the least recently
used idle engines on the same GPU are unloaded first (unloading ends the worker process, which
frees its memory for certain). Engines idle longer than ``idle_unload_s`` are unloaded, except
pinned ones (the default engine and preloaded engines: a performer expects those warm).
CPU engines never count against a GPU budget. No I/O here: the daemon passes readings in.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

from daemon.errors import RequestError


@dataclass
class PoolEntry:
    """What the pool knows of one enabled engine."""

    name: str
    device: str  # "cpu", "cuda", "cuda:1", ...
    memory_gb: float  # expected GPU memory when loaded
    loaded: bool = False
    busy: bool = False
    pinned: bool = False
    last_used: float = 0.0

    @property
    def gpu(self) -> str | None:
        """The GPU this engine uses ("cuda:0"), or None for CPU engines."""
        if not self.device.startswith("cuda"):
            return None
        return self.device if ":" in self.device else "cuda:0"


class WarmPool:
    """Decides loads and unloads; ``budget_gb`` 0 means only the free memory reading counts."""

    def __init__(self, budget_gb: float = 0.0, idle_unload_s: float = 0.0) -> None:
        self.budget_gb = budget_gb
        self.idle_unload_s = idle_unload_s

    def plan_load(self, name: str, entries: dict[str, PoolEntry],
                  free_gb: float | None) -> list[str]:
        """Engines to unload (in order) before ``name`` loads; RequestError when it cannot fit.

        ``free_gb`` is the GPU's free memory right now (None when it cannot be read).
        """
        entry = entries[name]
        if entry.loaded or entry.gpu is None:
            return []
        peers = [e for e in entries.values() if e.gpu == entry.gpu and e.loaded]
        victims: list[str] = []
        while not self._fits(entry, peers, free_gb, victims, entries):
            candidates = sorted((e for e in peers if not e.busy and e.name not in victims),
                                key=lambda e: (e.pinned, e.last_used))
            if not candidates:
                raise RequestError("out_of_memory", self._refusal(entry, peers, free_gb))
            victims.append(candidates[0].name)
        return victims

    def _fits(self, entry: PoolEntry, peers: list[PoolEntry], free_gb: float | None,
              victims: list[str], entries: dict[str, PoolEntry]) -> bool:
        freed = sum(entries[v].memory_gb for v in victims)
        if free_gb is not None and entry.memory_gb > free_gb + freed:
            return False
        if self.budget_gb > 0:
            used = sum(e.memory_gb for e in peers) - freed
            return used + entry.memory_gb <= self.budget_gb
        return True

    def _refusal(self, entry: PoolEntry, peers: list[PoolEntry], free_gb: float | None) -> str:
        busy = ", ".join(f"{e.name} ({e.memory_gb:g} GB)" for e in peers if e.busy) or "none"
        free = "unknown" if free_gb is None else f"{free_gb:.1f} GB"
        budget = f"{self.budget_gb:g} GB" if self.budget_gb > 0 else "none"
        return (f"engine {entry.name!r} needs about {entry.memory_gb:g} GB on {entry.gpu}: free "
                f"{free}, budget {budget}, busy engines that cannot be unloaded: {busy}. "
                "Unload an engine, raise daemon.gpu_memory_budget_gb, or lower "
                f"engines.{entry.name}.memory_gb if the estimate is too high")

    def idle_victims(self, entries: dict[str, PoolEntry], now: float) -> list[str]:
        """Loaded, unpinned, idle engines unused for ``idle_unload_s`` (0: never)."""
        if self.idle_unload_s <= 0:
            return []
        return sorted(e.name for e in entries.values()
                      if e.loaded and not e.busy and not e.pinned
                      and now - e.last_used >= self.idle_unload_s)


def read_free_gpu_gb(gpu: str) -> float | None:
    """Free memory of ``gpu`` ("cuda:N") in GB from nvidia-smi; None when it cannot be read.

    The daemon itself never imports torch (a CUDA context would hold GPU memory of its own).
    """
    index = gpu.partition(":")[2] or "0"
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=memory.free", "--format=csv,noheader,nounits",
                              "-i", index], capture_output=True, text=True, timeout=5, check=True)
        return float(out.stdout.strip().splitlines()[0]) / 1024
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None
