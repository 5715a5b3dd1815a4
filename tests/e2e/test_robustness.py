"""Bad input, shutdown during a take, restart numbering, live config reload: the daemon stays up."""

from __future__ import annotations

import random
import signal
import struct
import time

import pytest
import soundfile as sf
from pythonosc.osc_message_builder import OscMessageBuilder

from tests.e2e.harness import Daemon, collect


def message(address: str, *args) -> bytes:
    builder = OscMessageBuilder(address)
    for arg in args:
        builder.add_arg(arg)
    return builder.build().dgram


def bad_datagrams(rng: random.Random, count: int) -> list[bytes]:
    """Malformed, mistyped, truncated, oversized and unknown-address packets."""
    good = message("/frag/generate", "x", 1, "prompt", "seed", 3)
    makers = [
        lambda: bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 64))),
        lambda: good[: rng.randint(1, len(good) - 1)],
        lambda: message("/frag/generate", rng.random(), "slot", 3),
        lambda: message("/frag/generate", "id", 1),
        lambda: message("/frag/generate", "id", 99, "prompt"),
        lambda: message("/frag/generate", "id", 1, "p", "engine", "nope"),
        lambda: message("/frag/generate", "id", 1, "p", "lonely_key"),
        lambda: message("/frag/genrate", "id", 1, "p"),
        lambda: message("/frag/hello", "not a port"),
        lambda: message("/frag/cancel"),
        lambda: message("/frag/engine/load", "zzz"),
        lambda: b"/frag/ping\0\0,s\0\0" + b"\xff" * 3,
        lambda: b"#bundle\0" + struct.pack(">q", 1) + struct.pack(">i", 999) + b"junk",
        lambda: message("/frag/ping", "x" * 9000),
    ]
    return [rng.choice(makers)() for _ in range(count)]


def test_thousands_of_bad_packets_are_each_answered_and_the_daemon_still_serves(tmp_path):
    rng = random.Random(20261123)
    packets = bad_datagrams(rng, 3000)
    with Daemon(tmp_path) as daemon, daemon.client() as client:
        answered = 0
        # Sent from the registered client's socket, in bursts, so loopback buffers never overflow.
        for start in range(0, len(packets), 50):
            burst = packets[start:start + 50]
            for packet in burst:
                client.sock.sendto(packet, ("127.0.0.1", daemon.port))
            for _ in burst:
                address, args = client.wait_for(lambda a, v: a == "/frag/error", 10)
                answered += 1
        assert answered == len(packets)
        assert daemon.proc.poll() is None
        client.send("/frag/generate", "real", 1, "Still standing.")
        final = collect(client, "real", timeout=60)[-1]
        assert final[0] == "/frag/ready", final
    log = daemon.log()
    for reason in ("malformed", "too_large", "unknown_address", "bad_args", "slot_range"):
        assert reason in log, f"no logged reason {reason!r}"


def test_shutdown_during_a_take_leaves_no_temp_files_and_restart_keeps_numbering(tmp_path):
    overrides = {"daemon": {"shutdown_timeout_s": 0.5}}
    with Daemon(tmp_path, **overrides) as daemon, daemon.client() as client:
        client.send("/frag/generate", "first", 1, "One.")
        assert collect(client, "first")[-1][0] == "/frag/ready"
        client.send("/frag/generate", "long", 0, "testsignal pink", "engine", "testsignal",
                    "signal", "pink", "seconds", 600.0)
        client.send("/frag/generate", "queued", 0, "Never made.")
        client.wait_for(lambda a, v: a == "/frag/progress" and v[0] == "long", 60)
        started = time.monotonic()
        assert daemon.stop(signal.SIGTERM) == 0
        took = time.monotonic() - started
        pushed = []
        while (m := client.recv(0.5)) is not None:
            pushed.append(m)
    assert ("/frag/cancelled", ["queued", "shutdown"]) in pushed
    assert ("/frag/cancelled", ["long", "shutdown"]) in pushed
    assert took < 20, took
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    archived = sorted(p.name for p in daemon.archive.glob("output*.wav"))
    assert archived == ["output001.wav"]  # the cancelled take left no half-written entry
    assert "state QUITTING -> OFFLINE" in daemon.log()

    with Daemon(tmp_path, **overrides) as again, again.client() as client:
        client.send("/frag/generate", "second", 1, "Two.")
        final = collect(client, "second")[-1]
    assert final[0] == "/frag/ready" and final[1][5] == 2
    assert sorted(p.name for p in again.archive.glob("output*.wav")) == [
        "output001.wav", "output002.wav"]


def test_sigint_is_a_graceful_stop_too(tmp_path):
    with Daemon(tmp_path) as daemon:
        assert daemon.stop(signal.SIGINT) == 0
    log = daemon.log()
    assert log.index("-> QUITTING (signal SIGINT)") < log.index("-> OFFLINE")


def test_config_edit_is_applied_live_and_a_bad_edit_keeps_the_old_config(tmp_path):
    with Daemon(tmp_path) as daemon, daemon.client() as client:
        text = daemon.config_path.read_text()
        daemon.config_path.write_text(text.replace("[fragments]", "[fragments]\nfade_in_ms = 200.0"))
        _, args = client.wait_for(lambda a, v: a == "/frag/config/reloaded", 15)
        assert "fragments.fade_in_ms" in args[0] and args[2] == ""
        client.send("/frag/generate", "slow-fade", 4, "A slow fade in.")
        ready = collect(client, "slow-fade")[-1]
        audio, rate = sf.read(ready[1][2], dtype="float32")
        ramp = abs(audio[: int(0.2 * rate)]).max(axis=1)
        assert ramp[: int(0.02 * rate)].max() < ramp.max() * 0.5  # 200 ms ramp, not 10 ms

        daemon.config_path.write_text(text.replace("port = 0", "port = 'x'"))
        _, args = client.wait_for(lambda a, v: a == "/frag/config/reloaded", 15)
        assert "osc.port" in args[2]
        client.send("/frag/ping", "alive")
        assert client.wait_for(lambda a, v: a == "/frag/pong", 5)[1] == ["alive"]


def test_a_client_silent_past_client_timeout_is_dropped_and_a_hello_brings_it_back(tmp_path):
    """osc.client_timeout_s: a listener that stops re-sending hello (a deleted Max device) stops
    hearing other clients' pushes; its next hello registers it again."""
    with Daemon(tmp_path, osc={"client_timeout_s": 1.0}) as daemon, \
            daemon.client() as listener, daemon.client() as asker:

        def generate(job: str) -> None:
            asker.hello()  # the asker stays registered
            asker.send("/frag/generate", job, 1, "pink", "engine", "testsignal", "seconds", 0.2)
            assert collect(asker, job)[-1][0] == "/frag/ready"

        def heard(job: str, timeout: float) -> bool:
            try:
                listener.wait_for(lambda a, v: a == "/frag/ready" and v[0] == job, timeout)
            except TimeoutError:
                return False
            return True

        generate("one")
        assert heard("one", 10)
        time.sleep(1.5)  # the listener says nothing for longer than the timeout
        generate("two")
        assert not heard("two", 1.0)
        assert listener.hello()[1][2] == listener.port  # not the asker's, heard earlier
        generate("three")
        assert heard("three", 10)


def test_slot_query_tells_what_a_slot_holds_also_after_a_restart(tmp_path):
    """A device opened after the take was made (a Live set reopened, a daemon restarted) asks
    /frag/slot/query and loads what its slot holds: /frag/ready with id "", or slot/empty."""
    with Daemon(tmp_path) as daemon, daemon.client() as client:
        assert client.request("/frag/slot/query", 2, reply="/frag/slot/empty")[1] == [2]
        client.send("/frag/generate", "made", 2, "pink noise", "engine", "testsignal",
                    "seconds", 0.5, "seed", 5)
        made = collect(client, "made")[-1]
        assert made[0] == "/frag/ready"
        answer = client.request("/frag/slot/query", 2, reply="/frag/ready")[1]
        assert answer == ["", *made[1][1:]]
    with Daemon(tmp_path) as daemon, daemon.client() as client:  # the same folders, restarted
        answer = client.request("/frag/slot/query", 2, reply="/frag/ready")[1]
        assert answer[0] == "" and answer[1:4] == made[1][1:4]  # slot, path, seed
        assert answer[5:] == [made[1][5], "testsignal", "pink noise"]  # take, engine, prompt
        assert abs(answer[4] - made[1][4]) < 1e-4
        assert sf.info(answer[2]).duration == pytest.approx(answer[4], abs=1e-3)
        (daemon.slots / "output02.wav").unlink()  # the file gone: nothing to load
        assert client.request("/frag/slot/query", 2, reply="/frag/slot/empty")[1] == [2]
