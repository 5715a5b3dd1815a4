"""The thin async shell around the warm pool: makes room before loads, unloads idle engines.

Decisions come from :class:`daemon.pool.WarmPool` (plain logic); this keeps its view of the
engines current from supervisor state changes and carries the decisions out.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Callable

from daemon.config import Config
from daemon.pool import PoolEntry, WarmPool, read_free_gpu_gb
from daemon.supervisor import EngineSupervisor
from engines.registry import engine_class

log = logging.getLogger("daemon.pool")
LOADED_STATES = {"starting", "loading", "warm", "busy"}


class PoolKeeper:
    """Owns the pool's entries; ``make_room`` before any load; ``run_idle`` as a task."""

    def __init__(self, config: Config, supervisors: dict[str, EngineSupervisor],
                 default_engine: str,
                 read_free_gb: Callable[[str], float | None] = read_free_gpu_gb) -> None:
        self.supervisors = supervisors
        self.read_free_gb = read_free_gb
        self.pool = WarmPool(config.daemon["gpu_memory_budget_gb"], config.daemon["idle_unload_s"])
        self.entries = {
            name: PoolEntry(name, eng.device, eng.memory_gb or engine_class(name).memory_gb,
                            pinned=eng.preload or name == default_engine)
            for name, eng in config.engines.items() if name in supervisors}
        self._lock = asyncio.Lock()

    def configure(self, config: Config, default_engine: str) -> None:
        self.pool.budget_gb = config.daemon["gpu_memory_budget_gb"]
        self.pool.idle_unload_s = config.daemon["idle_unload_s"]
        self.select_default(default_engine, config)

    def select_default(self, name: str, config: Config) -> None:
        for entry in self.entries.values():
            entry.pinned = config.engines[entry.name].preload or entry.name == name

    def state_changed(self, name: str, state: str) -> None:
        entry = self.entries.get(name)
        if entry is not None:
            entry.loaded = state in LOADED_STATES
            entry.busy = state == "busy"

    def used(self, name: str) -> None:
        if name in self.entries:
            self.entries[name].last_used = time.monotonic()

    async def make_room(self, name: str) -> None:
        """Unload what must go so ``name`` fits; RequestError(out_of_memory) when it cannot."""
        async with self._lock:
            entry = self.entries[name]
            if entry.loaded or entry.gpu is None:
                return
            free = await asyncio.get_running_loop().run_in_executor(
                None, self.read_free_gb, entry.gpu)
            for victim in self.pool.plan_load(name, self.entries, free):
                log.info("unloading %s to make room for %s on %s", victim, name, entry.gpu)
                await self.supervisors[victim].unload()
                self.entries[victim].loaded = False

    async def run_idle(self, every_s: float = 1.0) -> None:
        """Unload idle engines (daemon.idle_unload_s); runs until cancelled."""
        while True:
            await asyncio.sleep(every_s)
            for name in self.pool.idle_victims(self.entries, time.monotonic()):
                log.info("unloading %s: idle for %.0f s", name, self.pool.idle_unload_s)
                self.entries[name].loaded = False
                await self.supervisors[name].unload()
