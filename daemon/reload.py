"""Pick up edits of config.toml while the daemon runs, where that is safe, and report them.

watchdog watches the file's folder from its own thread; the event is handed to the event loop
and debounced (editors write a file in several steps). An invalid file changes nothing: the
errors are logged and pushed as /frag/config/reloaded. Keys that cannot change live (ports,
folders, engine interpreters) are reported as needing a restart and keep their old values.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daemon import config as configmod
from daemon.events import ConfigReloaded

if TYPE_CHECKING:
    from daemon.app import Daemon

log = logging.getLogger("daemon.reload")
DEBOUNCE_S = 0.3


def merge_live(old: configmod.Config, new: configmod.Config) -> tuple[configmod.Config, list, list]:
    """Return (config in force, keys applied, keys needing a restart). Pure."""
    before, after = configmod.flatten(old), configmod.flatten(new)
    changed = sorted(k for k in after if before.get(k) != after[k])
    applied = [k for k in changed if configmod.is_live(k)]
    if "daemon.default_engine" in applied and not old.engines[new.daemon["default_engine"]].enabled:
        applied.remove("daemon.default_engine")  # its worker was never started
    restart = [k for k in changed if k not in applied]
    merged = dataclasses.replace(old, scenes=dict(new.scenes), daemon=dict(old.daemon),
                                 osc=dict(old.osc),
                                 fragments=dict(old.fragments), engines=dict(old.engines),
                                 panel=dict(old.panel), preview=dict(old.preview),
                                 quality=dict(old.quality))
    for key in applied:
        parts = key.split(".")
        if parts[0] == "engines":
            eng = merged.engines[parts[1]]
            merged.engines[parts[1]] = dataclasses.replace(eng, defaults=dict(new.engines[parts[1]].defaults))
        else:
            merged.section(parts[0])[parts[1]] = after[key]
    if old.scenes != new.scenes:  # read when a mix starts: always live
        applied.append("scenes")
    return merged, applied, restart


class ConfigReloader:
    """Watches the daemon's config file; applies live keys through the daemon."""

    def __init__(self, daemon: "Daemon") -> None:
        self.daemon = daemon
        self.path: Path | None = daemon.config.path
        self._observer: Any = None
        self._pending: asyncio.TimerHandle | None = None
        self._loop = asyncio.get_running_loop()

    def start(self) -> None:
        if self.path is None or not self.daemon.config.daemon["watch_config"]:
            return
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        reloader = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                paths = {getattr(event, "src_path", ""), getattr(event, "dest_path", "")}
                if str(reloader.path) in {str(Path(p).resolve()) for p in paths if p}:
                    reloader._loop.call_soon_threadsafe(reloader._schedule)

        self._observer = Observer()
        self._observer.schedule(Handler(), str(self.path.parent), recursive=False)
        self._observer.daemon = True
        self._observer.start()
        log.info("watching %s for changes", self.path)

    def _schedule(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        self._pending = self._loop.call_later(DEBOUNCE_S, self.reload)

    def reload(self) -> None:
        self._pending = None
        new = configmod.read(self.path)
        if new.errors:
            log.error("config %s has errors; keeping the config in force:\n  %s", self.path,
                      "\n  ".join(new.errors))
            self.daemon.bus.emit(ConfigReloaded("", "", "; ".join(new.errors)))
            return
        merged, applied, restart = merge_live(self.daemon.config, new)
        if not applied and not restart:
            return
        self.daemon.apply_config(merged)
        if applied:
            log.info("config reloaded, applied: %s", ", ".join(applied))
        if restart:
            log.warning("config changes that need a restart (not applied): %s", ", ".join(restart))
        self.daemon.bus.emit(ConfigReloaded(",".join(applied), ",".join(restart)))

    def stop(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=2)
