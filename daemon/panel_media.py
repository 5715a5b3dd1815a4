"""What the panel shows beside the daemon's own answers: spectrogram pictures of takes (from
fragments.spectrogram, drawn on demand when the publisher has not drawn one yet) and the memory
engine workers use. Blocking file and process reads: called from the panel's worker threads,
never the event loop.
"""

from __future__ import annotations

import importlib
import logging
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

log = logging.getLogger("daemon.panel")


class Media:
    """Pictures and numbers the panel shows beside the daemon's own: spectrograms (from
    fragments.spectrogram, made on demand when the publisher has not yet), worker memory."""

    def __init__(self, archive_folder: Path, index: Any) -> None:
        self.archive_folder, self.index = Path(archive_folder), index
        self._summaries: dict[str, str] = {}
        self._gpu_used: tuple[float, dict[int, int]] = (0.0, {})

    @staticmethod
    def spectrogram_module() -> Any:
        try:
            return importlib.import_module("fragments.spectrogram")
        except ImportError:
            return None

    def spectrogram(self, take: int, audio: str | None = None, wait_s: float = 0.0) -> str | None:
        """The PNG of ``take``: the publisher's, waited for up to ``wait_s``, else made now
        from ``audio`` (default: the archived raw take)."""
        module = self.spectrogram_module()
        if module is None:
            return None
        try:
            png = Path(module.spectrogram_path(self.archive_folder, take))
            deadline = time.monotonic() + wait_s
            while not png.is_file() and time.monotonic() < deadline:
                time.sleep(0.1)
            if not png.is_file():
                if audio is None:
                    record = self.index.get(take)
                    audio = record.raw_path if record is not None else None
                if audio is None or not Path(audio).is_file():
                    return None
                png = Path(module.write_spectrogram(Path(audio), png))
            return str(png) if png.is_file() else None
        except Exception:  # noqa: BLE001 - a missing picture must not cost the card
            log.exception("panel: no spectrogram for take %d", take)
            return None

    def engine_row(self, fact: dict[str, Any]) -> dict[str, Any]:
        name, pid, device = fact["name"], fact["pid"], fact["device"]
        parts = []
        if device.startswith("cuda"):
            used = self._gpu_mb().get(pid) if pid else None
            parts.append(f"GPU {used} MB in use" if used is not None
                         else f"GPU ≈{fact['memory_gb']:g} GB expected")
        rss = _rss_mb(pid) if pid else None
        if rss is not None:
            parts.append(f"RAM {rss} MB")
        return {"name": name, "state": fact["state"], "device": device,
                "memory": ", ".join(parts) or "—", "default": fact["default"],
                "summary": self._summary(name)}

    def _summary(self, name: str) -> str:
        if name not in self._summaries:
            try:
                from engines.registry import engine_class

                self._summaries[name] = engine_class(name).summary
            except Exception as exc:  # noqa: BLE001 - an engine whose module cannot import
                self._summaries[name] = f"(cannot describe: {type(exc).__name__}: {exc})"
        return self._summaries[name]

    def _gpu_mb(self) -> dict[int, int]:
        """pid → MB of GPU memory (nvidia-smi), read at most every 5 s."""
        read_at, used = self._gpu_used
        if time.monotonic() - read_at < 5.0:
            return used
        used = {}
        if shutil.which("nvidia-smi"):
            try:
                out = subprocess.run(["nvidia-smi", "--query-compute-apps=pid,used_memory",
                                      "--format=csv,noheader,nounits"], capture_output=True,
                                     text=True, timeout=3).stdout
                for line in out.splitlines():
                    pid, _, mb = line.partition(",")
                    if pid.strip().isdigit() and mb.strip().isdigit():
                        used[int(pid)] = int(mb)
            except (OSError, subprocess.SubprocessError):
                pass
        self._gpu_used = (time.monotonic(), used)
        return used


def _rss_mb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return None
    return None
