"""Run one preview scenario with the real Previewer in this process (started by the tests
in a subprocess, with ALSA_CONFIG_PATH set, so PortAudio sees only the test's devices).

``python -m tests.preview.runner SCENARIO.json``; the scenario says what to play and how:
``{"device": str, "wav": path | null, "seconds": float, "rate": int, "level_db": float,
"tap": fifo path | null, "stop_while_held": bool, "out": folder}``. It writes ``result.json``
(the reports, the device list, the state after) and, with a tap, ``tap.npy`` into ``out``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
from pathlib import Path

import numpy as np

from daemon.preview import (Previewer, PreviewInfo, output_devices, portaudio, read_audio)
from tests.preview.alsa import Tap

FINAL = ("finished", "stopped", "error")


async def run(scenario: dict) -> dict:
    out = Path(scenario["out"])
    tap = Tap(Path(scenario["tap"])) if scenario.get("tap") else None
    reports: asyncio.Queue = asyncio.Queue()
    seen: list[dict] = []
    loop = asyncio.get_running_loop()
    previewer = Previewer(lambda r: loop.call_soon_threadsafe(reports.put_nowait, r))

    async def until(*states: str):
        while True:
            report = await asyncio.wait_for(reports.get(), 60)
            seen.append(dataclasses.asdict(report))
            if report.state in states:
                return report

    if scenario.get("wav"):
        def load():
            return read_audio(scenario["wav"], "test file")
    else:
        seconds, rate = scenario.get("seconds", 1.0), scenario.get("rate", 44100)
        t = np.arange(round(seconds * rate)) / rate
        tone = (0.5 * np.sin(2 * np.pi * 441 * t + 0.5)).astype(np.float32)

        def load():
            return tone, rate
    during: dict = {}
    if tap and scenario.get("stop_while_held"):
        tap.hold()  # the device stops taking samples: the preview cannot run ahead
    previewer.play(load, PreviewInfo(slot=1, take=7), scenario["device"],
                   scenario.get("level_db", -6.0))
    first = await until("playing", "error")
    if first.state == "playing" and scenario.get("stop_while_held"):
        during = previewer.state()
        stopped = previewer.stop()
        await until("stopping")
        tap.release()  # the device takes samples again: the fade-out plays, then the end
        await stopped
        await until(*FINAL)
    elif first.state == "playing":
        await until(*FINAL)
    after = previewer.state()
    await previewer.close()
    result = {"reports": seen, "during": during, "after": after,
              "devices": [d.as_dict() for d in output_devices(portaudio())]}
    if scenario.get("daemon_devices"):  # the Service method the panel lists devices with
        from daemon.app import Daemon
        from daemon.config import load

        daemon = Daemon(load(None))
        result["daemon_state"] = daemon.preview_state()
        result["daemon_devices"] = await daemon.list_output_devices()
        await daemon._preview_close()
    if tap:
        np.save(out / "tap.npy", tap.take())
        tap.close()
    return result


def main() -> None:
    scenario = json.loads(Path(sys.argv[1]).read_text())
    result = asyncio.run(run(scenario))
    (Path(scenario["out"]) / "result.json").write_text(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
