"""Preview in the real daemon (`fragmentd serve` in a subprocess), over real OSC and the CLI,
playing through a real PortAudio stream on the test's ALSA null outputs (see alsa.py).

The daemon's environment points ALSA at the test's config; what ``fragtap`` plays is read back
from its FIFO. Holding the tap (not reading) stalls PortAudio's thread the way a device would,
so a long preview stays mid-play until the test says otherwise: no clock is involved.
"""

from __future__ import annotations

import re
import subprocess

import numpy as np
import pytest
import soundfile as sf

from tests.e2e.harness import FRAGMENTD, Daemon, collect
from tests.preview.alsa import NullAlsa, Tap, aligned

LEVEL_DB = -6.0
FINAL = ("finished", "stopped", "error")


@pytest.fixture(scope="module")
def alsa(tmp_path_factory) -> NullAlsa:
    return NullAlsa(tmp_path_factory.mktemp("alsa"))


@pytest.fixture(scope="module")
def tap(alsa):
    with Tap(alsa.fifo) as tap:
        yield tap


@pytest.fixture(scope="module")
def daemon(alsa, tap, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        for key, value in alsa.env.items():
            patch.setenv(key, value)  # the daemon's environment: the test's ALSA devices only
        d = Daemon(tmp_path_factory.mktemp("daemon"),
                   daemon={"default_engine": "testsignal"},
                   engines__piper={"enabled": False, "preload": False},
                   engines__testsignal={"enabled": True, "preload": True},
                   preview={"device": "fragtap", "level_db": LEVEL_DB})
        with d:
            yield d


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(FRAGMENTD), *args], capture_output=True, text=True,
                          timeout=timeout)


def use_device(daemon: Daemon, name: str) -> None:
    """Point preview.device at ``name`` by editing config.toml (a live key), as a performer
    would, and wait until the daemon applied it."""
    text = daemon.config_path.read_text()
    new = re.sub(r'(?m)^device = ".*"$', f'device = "{name}"', text)
    if new == text:
        return
    with daemon.client() as client:
        daemon.config_path.write_text(new)
        _, args = client.wait_for(lambda a, v: a == "/frag/config/reloaded", 15.0)
        assert args[0] == "preview.device" and args[2] == "", args
        client.bye()


def generate(daemon: Daemon, slot: int, seconds: float, signal: str = "sine") -> list:
    """A testsignal take in ``slot``; the /frag/ready arguments."""
    with daemon.client() as client:
        job = f"take-{slot}-{signal}"
        client.send("/frag/generate", job, slot, signal, "engine", "testsignal", "signal", signal,
                    "seconds", float(seconds))
        seen = collect(client, job)
        client.bye()
    assert seen[-1][0] == "/frag/ready", seen
    return seen[-1][1]


def states_until_final(client, timeout: float = 30.0) -> list[list]:
    states = []
    while True:
        _, args = client.wait_for("/frag/preview/state", timeout)
        states.append(args)
        if args[0] in FINAL:
            return states


def frames_of(message: str) -> tuple[int, int]:
    played, total = re.search(r"(\d+) of (\d+) frames", message).groups()
    return int(played), int(total)


def test_a_slot_plays_to_the_end_exactly_as_published_at_the_preview_level(daemon, tap):
    use_device(daemon, "fragtap")
    ready = generate(daemon, 1, 1.0)
    slot_file = ready[2]
    tap.take()  # forget anything played before
    with daemon.client() as client:
        client.send("/frag/preview", 1)
        states = states_until_final(client)
        client.bye()

    assert [s[0] for s in states] == ["playing", "finished"], states
    assert states[0][1:3] == [1, ready[5]]  # slot, take
    assert "'fragtap'" in states[0][3] and f"level {LEVEL_DB:+.1f} dB" in states[0][3]
    audio, rate = sf.read(slot_file, dtype="float32", always_2d=True)
    assert f"at {rate} Hz" in states[0][3]
    assert frames_of(states[1][3]) == (len(audio), len(audio))
    expected = np.clip(audio * np.float32(10 ** (LEVEL_DB / 20)), -1, 1)
    expected = np.repeat(expected, 2, axis=1) if expected.shape[1] == 1 else expected
    window, rest = aligned(tap.take(), expected)
    np.testing.assert_array_equal(window, expected)
    assert not rest.any()


def test_the_daemon_answers_while_the_device_stalls_and_a_stop_ends_the_preview_early(
        daemon, tap):
    use_device(daemon, "fragtap")
    generate(daemon, 2, 20.0)
    with daemon.client() as client:
        tap.hold()  # the device takes no more samples: PortAudio's thread waits on it
        try:
            client.send("/frag/preview", 2)
            _, playing = client.wait_for("/frag/preview/state", 30.0)
            assert playing[0] == "playing", playing
            # The event loop is free while the audio thread is stuck on the device.
            assert client.request("/frag/ping", "still-here", reply="/frag/pong",
                                  timeout=5.0)[1] == ["still-here"]
            status = client.request("/frag/status", reply="/frag/status/reply", timeout=5.0)
            assert status[1][0] == "WARM"
            client.send("/frag/preview/stop")
            _, stopping = client.wait_for("/frag/preview/state", 5.0)
            assert stopping[0] == "stopping" and stopping[1] == 2, stopping
        finally:
            tap.release()
        _, stopped = client.wait_for("/frag/preview/state", 30.0)
        client.bye()
    assert stopped[0] == "stopped" and "stopped (request)" in stopped[3], stopped
    played, total = frames_of(stopped[3])
    assert total == 20 * 44100 and 0 < played < total
    tap.take()


def test_an_archived_take_plays_as_the_engine_made_it(daemon, tap):
    use_device(daemon, "fragtap")
    ready = generate(daemon, 3, 0.5)
    take = ready[5]
    with daemon.client() as client:
        client.send("/frag/preview/take", take)
        states = states_until_final(client)
        client.bye()
    assert [s[0] for s in states] == ["playing", "finished"], states
    assert states[0][1:3] == [0, take]
    assert "at 48000 Hz" in states[0][3]  # the raw take's rate: testsignal makes 48 kHz
    assert frames_of(states[1][3]) == (24000, 24000)
    tap.take()


def test_nothing_to_preview_is_refused_clearly(daemon):
    with daemon.client() as client:
        client.send("/frag/preview", 8)
        assert client.wait_for("/frag/error", 5.0)[1][:2] == ["", "preview_empty"]
        client.send("/frag/preview", 99)
        assert client.wait_for("/frag/error", 5.0)[1][:2] == ["", "slot_range"]
        client.send("/frag/preview/take", 4242)
        _, state = client.wait_for("/frag/preview/state", 5.0)
        assert state[0] == "error" and "take 4242" in state[3]
        assert client.wait_for("/frag/error", 5.0)[1][:2] == ["", "no_such_take"]
        client.send("/frag/preview/take", 0)
        assert client.wait_for("/frag/error", 5.0)[1][:2] == ["", "bad_args"]
        client.send("/frag/preview/stop")
        assert client.wait_for("/frag/preview/state", 5.0)[1] == [
            "stopped", 0, 0, "nothing is playing"]
        client.bye()


def test_a_missing_device_is_the_documented_error_over_osc_and_in_the_cli(daemon, tap):
    generate(daemon, 4, 0.5)
    use_device(daemon, "Scarlett 18i20")
    with daemon.client() as client:
        client.send("/frag/preview", 4)
        _, state = client.wait_for("/frag/preview/state", 30.0)
        _, error = client.wait_for("/frag/error", 5.0)
        assert state[0] == "error" and state[3] == error[2]
        assert error[:2] == ["", "preview_device"]
        assert "no output device matches 'Scarlett 18i20'" in error[2]
        for name in ("fragnull", "fragtap", "default"):
            assert f"'{name}'" in error[2]
        # and the daemon serves on
        assert client.request("/frag/ping", "after", reply="/frag/pong", timeout=5.0)
        client.bye()
    assert daemon.status()[0] == "WARM"

    out = run("preview", "4", "--port", str(daemon.port))
    assert out.returncode == 1, out.stdout + out.stderr
    assert "error preview_device: no output device matches 'Scarlett 18i20'" in out.stderr
    assert "'fragnull'" in out.stderr

    use_device(daemon, "fragnull")  # fixed in config.toml: the next preview plays
    out = run("preview", "4", "--port", str(daemon.port))
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.splitlines()[0].startswith("playing: slot 4")
    assert out.stdout.splitlines()[-1].startswith("finished: slot 4")


def test_a_device_failing_mid_play_is_an_error_and_the_daemon_serves_on(daemon):
    generate(daemon, 5, 0.5)
    use_device(daemon, "fragbroken")
    with daemon.client() as client:
        client.send("/frag/preview", 5)
        states = states_until_final(client)
        assert states[-1][0] == "error" and "ended the stream" in states[-1][3], states
        assert client.wait_for("/frag/error", 5.0)[1][1] == "preview_device"
        client.bye()
    use_device(daemon, "fragnull")
    with daemon.client() as client:
        client.send("/frag/preview", 5)
        assert [s[0] for s in states_until_final(client)] == ["playing", "finished"]
        client.bye()


def test_cli_preview_take_stop_and_soundcheck(daemon, tap):
    use_device(daemon, "fragnull")
    target = ["--port", str(daemon.port)]
    out = run("soundcheck", "pink", "--seconds", "0.5", "--slot", "6", *target)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].endswith("output06.wav")
    assert lines[1].startswith("playing: slot 6") and lines[-1].startswith("finished: slot 6")
    take = int(re.search(r"take (\d+)", lines[1]).group(1))

    out = run("preview", "--take", str(take), "--no-wait", *target)
    assert out.returncode == 0 and out.stdout.startswith(f"playing: take {take}"), out.stderr
    out = run("preview", "--stop", *target)
    assert out.returncode == 0 and out.stdout.splitlines()[-1].startswith("stopped"), out.stderr
    out = run("preview", "--take", "9999", *target)
    assert out.returncode == 1 and "error no_such_take" in out.stderr
    out = run("preview", *target)
    assert out.returncode == 2 and "give one of SLOT, --take N or --stop" in out.stderr


def test_devices_lists_the_null_outputs_and_marks_the_configured_one(alsa, tmp_path,
                                                                     monkeypatch):
    for key, value in alsa.env.items():
        monkeypatch.setenv(key, value)
    config = tmp_path / "config.toml"
    config.write_text('[preview]\ndevice = "tap"\n')
    out = run("devices", "--config", str(config))
    assert out.returncode == 0, out.stderr
    rows = {m.group("name"): m.group("marks") for m in re.finditer(
        r"(?m)^(?P<marks>..) +\d+  (?P<name>.+?)  \(ALSA, \d+ out, \d+ Hz\)$", out.stdout)}
    assert {"fragnull", "fragtap", "fragbroken", "default"} <= set(rows), out.stdout
    assert rows["fragtap"] == " >" and rows["default"] == "* " and rows["fragnull"] == "  "
    assert "> preview.device ('tap')" in out.stdout

    config.write_text('[preview]\ndevice = "Babyface"\n')
    out = run("devices", "--config", str(config))
    assert out.returncode == 1
    assert "no output device matches 'Babyface'" in out.stderr
    assert "fragnull" in out.stdout
