"""Layered mixes end to end: `fragmentd mix` (the CLI, with its progress bar) and /frag/mix over
real UDP OSC drive the real daemon, which generates layers with real engines (testsignal and
the Piper voice), caches them in the real SQLite index and mixes them."""

from __future__ import annotations

import sqlite3
import subprocess

import numpy as np
import pyloudnorm
import soundfile as sf

from fragments.meters import true_peak
from tests.e2e.harness import FRAGMENTD, Daemon, collect

SCENE = """
name = "storm"
seconds = 6.0
target_lufs = -18.0
true_peak_db = -1.0

[[layer]]
prompt = "pink rain"
engine = "testsignal"
seed = 1
seconds = 6.0
gain_db = -3.0
pan = -0.4
loop = true

[[layer]]
prompt = "sweep wind"
engine = "testsignal"
seed = 2
seconds = 3.0
gain_db = {wind_gain}
start_s = 1.5
fade_in_ms = 500.0
fade_out_ms = 500.0
params = {{ level_db = -12.0 }}

[[layer]]
prompt = "The storm is coming closer."
engine = "piper"
seed = 3
gain_db = -6.0
pan = 0.3
start_s = 2.0
"""


def take_count(daemon: Daemon) -> int:
    con = sqlite3.connect(daemon.archive / "index.sqlite")
    try:
        return con.execute("SELECT COUNT(*) FROM takes").fetchone()[0]
    finally:
        con.close()


def mix_cli(daemon: Daemon, scene, out, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(FRAGMENTD), "mix", str(scene), "-o", str(out), "--config",
                           str(daemon.config_path), "--port", str(daemon.port), *extra],
                          capture_output=True, text=True, timeout=300)


def check_mix(path, target: float, ceiling: float) -> np.ndarray:
    audio, rate = sf.read(path, dtype="float32", always_2d=True)
    assert rate == 44100 and audio.shape[1] == 2
    loudness = pyloudnorm.Meter(rate).integrated_loudness(audio.astype(np.float64))
    assert abs(loudness - target) <= 0.5, loudness
    assert true_peak(audio) <= ceiling + 1e-3, true_peak(audio)  # dBTP
    return audio


def test_a_scene_mixes_from_the_cli_and_a_new_gain_remixes_without_any_engine(tmp_path):
    scene = tmp_path / "storm.toml"
    scene.write_text(SCENE.format(wind_gain=-9.0))
    with Daemon(tmp_path) as daemon:
        first = mix_cli(daemon, scene, tmp_path / "first.wav")
        assert first.returncode == 0, first.stderr + daemon.log()
        assert "mix " in first.stderr and "100%" in first.stderr  # the progress bar ran
        made = take_count(daemon)
        busy = daemon.log().count(": busy")

        scene.write_text(SCENE.format(wind_gain=0.0))  # only a gain changes
        second = mix_cli(daemon, scene, tmp_path / "second.wav")
        assert second.returncode == 0, second.stderr + daemon.log()
        assert take_count(daemon) == made and daemon.log().count(": busy") == busy
        assert "(0 generated, 3 cached)" in daemon.log()

    assert made == 3  # one archived take per layer
    one = check_mix(tmp_path / "first.wav", -18.0, -1.0)
    two = check_mix(tmp_path / "second.wav", -18.0, -1.0)
    assert len(one) == len(two) == 6 * 44100
    assert not np.allclose(one, two, atol=1e-3)  # the new gain was heard
    folder = tmp_path / "archive" / "mixes"
    mixes = sorted(folder.iterdir())
    assert len(mixes) == 2
    assert sorted(p.name for p in mixes[0].iterdir()) == [
        "mix.wav", "scene.toml", "stem01.wav", "stem02.wav", "stem03.wav"]
    assert "gain_db = 0.0" in (mixes[1] / "scene.toml").read_text()
    # the stems sum to the mix before the master stage: each stem is where its layer plays
    wind, _ = sf.read(mixes[0] / "stem02.wav", dtype="float32")
    start, end = round(1.5 * 44100), round(4.5 * 44100)
    assert not wind[:start].any() and not wind[end + 1:].any()
    assert wind[start:start + 4410].any() and wind[end - 4410:end].any()


def test_mix_over_osc_into_a_slot_from_config_and_bad_scenes_are_named(tmp_path):
    scene = {"seconds": 3.0, "target_lufs": -20.0, "layer": [
        {"prompt": "pink", "engine": "testsignal", "seed": 4, "seconds": 3.0},
        {"prompt": "sine", "engine": "testsignal", "seed": 5, "seconds": 2.0, "gain_db": -6.0}]}
    bad = tmp_path / "bad.toml"
    bad.write_text('[[layer]]\nprompt = "rain"\ngain = 3\n')
    with Daemon(tmp_path, engines__piper={"preload": False}) as daemon:
        with daemon.config_path.open("a") as config:
            config.write("\n[scenes.drone]\nseconds = 3.0\ntarget_lufs = -20.0\n"
                         + "".join(f"[[scenes.drone.layer]]\n" + "".join(
                             f"{k} = {v!r}\n".replace("'", '"') for k, v in layer.items())
                                   for layer in scene["layer"]))
        daemon.wait_log("scenes")  # the live reload read it
        with daemon.client() as client:
            client.send("/frag/mix", "m1", 4, "drone")
            messages = collect(client, "m1")
            done = next(args for address, args in messages if address == "/frag/mix/done")
            client.send("/frag/mix", "m2", 1, str(bad))
            refused = client.wait_for(lambda a, v: a == "/frag/error" and v[0] == "m2", 5.0)[1]
            client.send("/frag/mix", "m3", 1, "nowhere")
            unknown = client.wait_for(lambda a, v: a == "/frag/error" and v[0] == "m3", 5.0)[1]
            outside = tmp_path.parent / f"{tmp_path.name}-outside.toml"
            outside.write_text('[[layer]]\nprompt = "pink"\nengine = "testsignal"\n')
            try:
                client.send("/frag/mix", "m4", 1, str(outside))
                far = client.wait_for(lambda a, v: a == "/frag/error" and v[0] == "m4", 5.0)[1]
            finally:
                outside.unlink()

    assert messages[-1][0] == "/frag/ready" and messages[-1][1][1] == 4, messages
    assert [a for a, _ in messages].count("/frag/progress") >= 2
    assert abs(done[3] - -20.0) <= 0.5 and done[4] <= -1.0
    published, _ = sf.read(messages[-1][1][2], dtype="float32")
    assert len(published) > 2 * 44100
    assert refused[1] == "bad_scene" and "layer 1" in refused[2] and "gain" in refused[2], refused
    assert "gain_db" in refused[2]  # did you mean
    assert unknown[1] == "bad_scene" and "drone" in unknown[2], unknown
    assert far[1] == "bad_scene" and "read only from" in far[2], far  # no file from afar
