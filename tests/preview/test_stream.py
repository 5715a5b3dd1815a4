"""The Previewer through a real PortAudio stream on the test's ALSA null outputs.

Each test runs tests/preview/runner.py in a subprocess whose environment points ALSA at the
test's config (PortAudio reads it once, when it starts). What the ``fragtap`` device played is
read back from its FIFO and compared sample by sample with what should have played.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import soundfile as sf

from tests.preview.alsa import NullAlsa, aligned

ROOT = Path(__file__).resolve().parents[2]


def run_scenario(alsa: NullAlsa, tmp_path: Path, **scenario) -> dict:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    scenario = {"out": str(out), "level_db": -6.0, **scenario}
    if scenario["device"] == "fragtap":
        scenario["tap"] = str(alsa.fifo)
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario))
    proc = subprocess.run([sys.executable, "-m", "tests.preview.runner", str(path)], cwd=ROOT,
                          env={**os.environ, **alsa.env}, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads((out / "result.json").read_text())
    if (out / "tap.npy").exists():
        result["tap"] = np.load(out / "tap.npy")
    return result


def states(result: dict) -> list[str]:
    return [r["state"] for r in result["reports"]]


def gained(audio: np.ndarray, level_db: float) -> np.ndarray:
    return np.clip(audio * np.float32(10 ** (level_db / 20)), -1, 1)


def test_a_file_plays_to_the_end_sample_for_sample_at_the_preview_level(alsa, tmp_path):
    wav = tmp_path / "take.wav"
    t = np.arange(22050) / 44100
    audio = np.stack([0.5 * np.sin(2 * np.pi * 300 * t + 0.3),
                      0.25 * np.cos(2 * np.pi * 500 * t)], axis=1)
    sf.write(wav, audio, 44100, subtype="FLOAT")
    result = run_scenario(alsa, tmp_path, device="fragtap", wav=str(wav), level_db=-6.0)

    assert states(result) == ["playing", "finished"], result["reports"]
    playing, finished = result["reports"]
    assert playing["device"] == "fragtap" and playing["rate"] == 44100
    assert "on 1 'fragtap'" in playing["message"] or "'fragtap'" in playing["message"]
    assert finished["frames"] == finished["total"] == 22050
    assert "22050 of 22050 frames" in finished["message"]
    assert result["after"]["state"] == "finished" and result["after"]["frames"] == 22050

    expected = gained(sf.read(wav, dtype="float32", always_2d=True)[0], -6.0)
    window, rest = aligned(result["tap"], expected)
    np.testing.assert_array_equal(window, expected)  # every frame, at the preview level
    assert not rest.any()  # and nothing else but PortAudio's silence


def test_stop_fades_out_and_ends_early(alsa, tmp_path):
    # The tap holds: the device takes no samples, so the preview cannot run ahead of the stop.
    result = run_scenario(alsa, tmp_path, device="fragtap", seconds=10.0, rate=44100,
                          stop_while_held=True)

    assert states(result) == ["playing", "stopping", "stopped"], result["reports"]
    stopped = result["reports"][-1]
    assert stopped["total"] == 441000
    assert result["during"]["state"] == "playing"
    assert 0 < stopped["frames"] < stopped["total"]
    assert "stopped (request)" in stopped["message"]
    played = result["tap"]
    loud = np.flatnonzero(np.any(played != 0, axis=1))
    assert len(loud) <= stopped["frames"]
    tail = np.abs(played[loud[-1]]).max()
    assert tail < 0.5 * 10 ** (-6 / 20) * 0.01  # the fade-out reached (almost) zero: no click


def test_a_missing_device_is_the_documented_error_listing_the_outputs(alsa, tmp_path):
    result = run_scenario(alsa, tmp_path, device="Scarlett 18i20")

    assert states(result) == ["error"]
    error = result["reports"][0]
    assert error["code"] == "preview_device"
    assert "no output device matches 'Scarlett 18i20'" in error["message"]
    for name in ("fragnull", "fragtap", "fragbroken", "default"):
        assert f"'{name}'" in error["message"]


def test_a_device_failing_mid_play_is_an_error_not_a_crash(alsa, tmp_path):
    result = run_scenario(alsa, tmp_path, device="fragbroken", seconds=1.0)

    assert states(result)[-1] == "error", result["reports"]
    error = result["reports"][-1]
    assert error["code"] == "preview_device"
    assert "ended the stream" in error["message"] and error["frames"] < error["total"]


def test_device_by_index_and_by_part_of_its_name(alsa, tmp_path):
    by_part = run_scenario(alsa, tmp_path, device="NULL", seconds=0.25)
    assert states(by_part) == ["playing", "finished"]
    assert by_part["reports"][0]["device"] == "fragnull"
    index = next(d["index"] for d in by_part["devices"] if d["name"] == "fragnull")
    by_index = run_scenario(alsa, tmp_path, device=str(index), seconds=0.25, rate=22050)
    assert states(by_index) == ["playing", "finished"]
    finished = by_index["reports"][-1]
    assert finished["device"] == "fragnull" and finished["rate"] == 22050
    assert finished["frames"] == finished["total"] == 5512


def test_the_null_outputs_are_listed(alsa, tmp_path):
    result = run_scenario(alsa, tmp_path, device="", seconds=0.1, daemon_devices=True)
    assert result["daemon_devices"] == result["devices"]
    assert result["daemon_state"]["state"] == "idle"
    names = {d["name"]: d for d in result["devices"]}
    assert {"fragnull", "fragtap", "fragbroken", "default"} <= set(names)
    assert names["default"]["default"] and names["fragnull"]["channels"] >= 2
    assert result["reports"][0]["device"] == "default"  # empty: the system default output
