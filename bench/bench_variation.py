"""Variation swap latency through the running daemon, measured in one run.

    .venv/bin/python bench/bench_variation.py [--swaps 50] [--seconds 47] [--variations 4]

A real `fragmentd serve` makes ``--variations`` takes of ``--seconds`` s stereo pink noise
(testsignal) for one slot with ``variations=N``; then ``/frag/variation/next`` is sent
``--swaps`` times, one at a time, and the time from sending it to receiving the ``/frag/ready``
that answers it is printed (p50, p90, max; target < 50 ms), with the same for an OSC ping for
scale. daemon.prepare_ahead is 0: the swap itself is measured, without takes made ahead
competing for this machine's two cores. Not a test: figures go to docs/benchmarks.md with date and machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.harness import Daemon, collect  # noqa: E402

TARGET_MS = 50.0


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--swaps", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=47.0)
    parser.add_argument("--variations", type=int, default=4)
    args = parser.parse_args()

    print(f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp, Daemon(
            Path(tmp), daemon={"prepare_ahead": 0}, engines__piper={"preload": False},
            engines__testsignal={"preload": True}) as daemon, daemon.client() as client:
        client.send("/frag/generate", "vars", 1, "pink", "engine", "testsignal",
                    "variations", args.variations, "seconds", args.seconds, "seed", 1)
        made = collect(client, "vars", timeout=600)
        assert made[-1][0] == "/frag/ready", made
        daemon.wait_log(f"{args.variations} variations ranked for slot 1", timeout=300)
        swaps, pings = [], []
        for i in range(args.swaps):
            start = time.perf_counter()
            client.send("/frag/variation/next", 1)
            client.wait_for(lambda a, v: a == "/frag/ready" and v[0] == "" and v[1] == 1, 10.0)
            swaps.append((time.perf_counter() - start) * 1000)
            client.wait_for(lambda a, v: a == "/frag/quality" and v[0] == "", 10.0)
            start = time.perf_counter()
            client.send("/frag/ping", f"p{i}")
            client.wait_for(lambda a, v: a == "/frag/pong", 2.0)
            pings.append((time.perf_counter() - start) * 1000)
            time.sleep(0.02)  # the slot's spectrogram is drawn meanwhile, as on stage
    p50 = statistics.median(swaps)
    print(f"variation swap, {args.seconds:g} s stereo fragments, {args.variations} variations, "
          f"{args.swaps} swaps: /frag/variation/next -> /frag/ready")
    print(f"  p50 {p50:.2f} ms  p90 {pct(swaps, 90):.2f} ms  max {max(swaps):.2f} ms")
    print(f"  target < {TARGET_MS:g} ms: p50 is {p50 / TARGET_MS:.2f} x the target "
          f"({'met' if pct(swaps, 90) < TARGET_MS else 'NOT met'} at p90)")
    print(f"  OSC ping for scale: p50 {statistics.median(pings):.2f} ms")


if __name__ == "__main__":
    main()
