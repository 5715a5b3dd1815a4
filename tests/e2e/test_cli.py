"""The fragmentd command as a performer types it, against the real daemon."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import soundfile as sf

from tests.e2e.harness import FRAGMENTD, Daemon, collect


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(FRAGMENTD), *args], capture_output=True, text=True, timeout=timeout)


def test_send_generate_wait_prints_the_path_then_status_and_archive_list(tmp_path):
    with Daemon(tmp_path) as daemon:
        target = ["--config", str(daemon.config_path), "--port", str(daemon.port)]
        out = run("send", "generate", "Hello from the command line.", "--slot", "5", "--seed",
                  "99", "--wait", *target)
        assert out.returncode == 0, out.stderr
        path = out.stdout.strip()
        assert path == str(daemon.slots / "output05.wav")
        assert sf.info(path).frames > 0
        assert "seed 99" in out.stderr

        out = run("send", "generate", "x", "--slot", "50", "--wait", *target)
        assert out.returncode == 1 and "slot_range" in out.stderr

        out = run("send", "generate", "sine", "--engine", "testsignal", "-p", "signal=sine",
                  "-p", "freq=440", "--seconds", "1", "--wait", *target)
        assert out.returncode == 0, out.stderr

        out = run("status", "--json", *target)
        assert out.returncode == 0, out.stderr
        status = json.loads(out.stdout)
        assert status["state"] == "WARM" and status["engine"] == "piper"
        assert status["engines"]["piper"] == "warm"

        out = run("archive", "list", "--config", str(daemon.config_path))
        assert out.returncode == 0, out.stderr
        lines = out.stdout.splitlines()
        assert len(lines) == 2  # newest first
        assert "testsignal" in lines[0] and "Hello from the command line." in lines[1]
        out = run("archive", "list", "--search", "command line", "--json",
                  "--config", str(daemon.config_path))
        rows = [json.loads(line) for line in out.stdout.splitlines()]
        assert [r["seed"] for r in rows] == [99]


def test_status_without_a_daemon_says_so(tmp_path):
    out = run("status", "--port", "9", "--timeout", "0.5")
    assert out.returncode == 3 and "is the daemon running?" in out.stderr


def test_serve_refuses_an_invalid_config(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[fragments]\nslot_count = 0\n")
    out = run("serve", "--config", str(bad), timeout=30)
    assert out.returncode == 2
    assert "fragments.slot_count: must be at least 1" in out.stderr


def test_serve_on_a_taken_port_says_so_and_exits(tmp_path):
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        config = tmp_path / "config.toml"
        config.write_text(f'[fragments]\nfolder = "{tmp_path}/s"\narchive = "{tmp_path}/a"\n')
        out = run("serve", "--config", str(config), "--port", str(taken.getsockname()[1]),
                  timeout=60)
    assert out.returncode == 1
    assert "Address already in use" in out.stderr and "is another fragmentd running?" in out.stderr


def test_send_republish_puts_an_archived_take_back_into_a_slot(tmp_path):
    with Daemon(tmp_path) as daemon, daemon.client() as client:
        client.send("/frag/generate", "orig", 1, "pink", "engine", "testsignal", "seconds", 0.5)
        first = collect(client, "orig")[-1][1]
        done = subprocess.run([str(FRAGMENTD), "send", "republish", str(first[5]), "--slot", "5",
                               "--port", str(daemon.port)],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == str(daemon.slots / "output05.wav")
        assert f"slot 5, take {first[5]}" in done.stderr
        a, rate = sf.read(first[2])
        b, rate_b = sf.read(daemon.slots / "output05.wav")
        assert rate == rate_b and np.allclose(a, b, atol=1e-6)  # same take, same settings
        # over OSC too; a take the archive lacks is a clear error, and the daemon serves on
        client.send("/frag/republish", "again", first[5], 0)
        ready = collect(client, "again")[-1]
        assert ready[0] == "/frag/ready" and ready[1][5] == first[5]
        assert ready[1][6:] == ["testsignal", "pink"]
        client.send("/frag/republish", "missing", 999, 2)
        error = collect(client, "missing")[-1]
        assert error[0] == "/frag/error" and error[1][1] == "no_such_take"
        assert "take 999 is not in the archive index" in error[1][2]
        client.send("/frag/republish", "bad-slot", first[5], 42)
        assert client.wait_for("/frag/error", 5)[1][1] == "slot_range"
