"""The GPU benchmarks stay runnable: each one runs here, on the CPU, with its tiny shape.

bench/bench_*_gpu.py are meant for a lent GPU with the full-size models; nothing else runs
them, so an engine or library change could break them unnoticed until device time is spent.
Each is run as a subprocess exactly as docs/benchmarks.md says, only with ``--shape tiny`` /
``--model tiny``, ``--device cpu``, a couple of steps and half a second of audio, and its
output is checked: the rows it must measure, with the keys the docs rely on and positive
times. The figures themselves mean nothing here.

bench_stable_audio_gpu.py runs under ``.venv-stable-audio`` (the engine's own venv): without
it that test fails and says to run ``scripts/setup-engine.sh stable-audio``.

bench_mix.py (CPU, fragments.mix) runs with ``--quick``: a 4 s scene, one render per case.
bench_variation.py (a real daemon) runs with 2 variations of 1 s and 3 swaps.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engines.ownvenv import OwnVenv

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 240  # seconds per benchmark run; each takes 10-20 s on a 2-core machine
KEYS = {"bench", "model", "shape", "path", "dtype", "device", "gpu", "steps", "audio_seconds",
        "repeats", "seconds", "runs", "load_seconds", "peak_gib", "resident_gib"}
SECONDS = 0.5

STABLE_AUDIO = OwnVenv(".venv-stable-audio", "stable-audio",
                      "the Stable Audio benchmark and engine")


def run_bench(python: str, script: str, *args: str) -> str:
    """Run bench/<script> at the repository root; its stdout (it must exit 0)."""
    done = subprocess.run([python, str(ROOT / "bench" / script), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, (f"{script} {' '.join(args)} exited {done.returncode}:\n"
                                  f"{done.stdout[-3000:]}\n{done.stderr[-5000:]}")
    return done.stdout


def json_rows(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def check_rows(rows: list[dict], bench: str, expected: set, steps: int | None,
               repeats: int = 1) -> None:
    """One row per expected (path, dtype), each with every key and sane CPU values."""
    assert {(r["path"], r["dtype"]) for r in rows} == expected
    assert len(rows) == len(expected)
    for r in rows:
        assert KEYS <= r.keys(), f"missing {KEYS - r.keys()} in {r}"
        assert r["bench"] == bench and r["shape"] == "tiny" and r["device"] == "cpu"
        assert r["gpu"] == "cpu" and r["peak_gib"] is None and r["resident_gib"] is None
        assert r["audio_seconds"] == SECONDS and r["repeats"] == repeats
        assert r["seconds"] > 0 and r["load_seconds"] > 0
        assert len(r["runs"]) == repeats and all(t > 0 for t in r["runs"])
        if steps is not None:
            assert r["steps"] == steps


def test_audioldm2_bench_runs_the_tiny_pipeline_on_the_cpu():
    for module in ("torch", "diffusers", "transformers"):
        pytest.importorskip(module)
    out = run_bench(sys.executable, "bench_audioldm2_gpu.py", "--shape", "tiny", "--device",
                    "cpu", "--steps", "2", "--seconds", str(SECONDS), "--repeats", "1",
                    "--threads", "1")
    # float16 is GPU-only: on the CPU the default float32,float16 leaves float32 alone
    check_rows(json_rows(out), "audioldm2", {("reference", "float32"), ("ours", "float32")},
               steps=2)
    assert re.search(r"^path +dtype +s/take", out, re.M), out


def test_musicgen_bench_runs_the_tiny_model_on_the_cpu_and_reuses_its_folder(tmp_path):
    for module in ("torch", "transformers"):
        pytest.importorskip(module)
    folder = tmp_path / "musicgen-tiny"
    args = ["--model", "tiny", "--device", "cpu", "--seconds", str(SECONDS), "--repeats", "1",
            "--threads", "1", "--folder", str(folder)]
    out = run_bench(sys.executable, "bench_musicgen_gpu.py", *args)
    # the tiny codec: 12 kHz, hop 315 → ceil(0.5 × 12000 / 315) = 20 frames + 3 delay steps
    expected = {(p, d) for p in ("reference", "ours") for d in ("float32", "bfloat16")}
    check_rows(json_rows(out), "musicgen", expected, steps=23)
    assert (folder / "config.json").is_file() and "reusing" not in out

    again = run_bench(sys.executable, "bench_musicgen_gpu.py", *args, "--paths", "ours",
                      "--dtypes", "float32")
    assert f"reusing {folder}" in again
    check_rows(json_rows(again), "musicgen", {("ours", "float32")}, steps=23)


def test_stable_audio_bench_runs_the_tiny_model_on_the_cpu():
    python = STABLE_AUDIO.python()  # fails, naming scripts/setup-engine.sh, when missing
    out = run_bench(python, "bench_stable_audio_gpu.py", "--shape", "tiny", "--device", "cpu",
                    "--steps", "4")
    # this benchmark prints text lines, not JSON: one reference line, one per engine dtype
    ref = re.findall(r"^reference generate_diffusion_cond float32: ([\d.]+) s, peak ([\d.]+) "
                     r"GiB for ([\d.]+) s of audio$", out, re.M)
    ours = re.findall(r"^fragmentd engine (\w+): ([\d.]+) s, peak ([\d.]+) GiB, ([\d.]+)x the "
                      r"reference", out, re.M)
    assert len(ref) == 1, out
    assert float(ref[0][0]) > 0 and float(ref[0][2]) > 0
    assert [d for d, *_ in ours] == ["float32"], out  # float16 is skipped on the CPU
    assert all(float(s) > 0 and float(x) > 0 for _, s, _, x in ours)


def test_mix_bench_runs_quick_and_reports_each_case():
    out = run_bench(sys.executable, "bench_mix.py", "--quick")
    assert re.search(r"^scene: 4 layers, 4 s, 44100 Hz stereo, target -16 LUFS, ceiling -1 "
                     r"dBTP$", out, re.M), out
    rows = {m[0]: m[1:] for m in re.findall(
        r"^(cached|resample) +([\d.]+) +([\d.]+) +([\d.]+) +300 +([\d.]+) +(-[\d.]+) +"
        r"([+-][\d.]+) +(-[\d.]+) +([\d.]+) +(\d+)$", out, re.M)}
    assert set(rows) == {"cached", "resample"}, out
    for median, p90, cpu, ratio, lufs, error, tp, reduction, iterations in rows.values():
        assert float(median) > 0 and float(cpu) > 0 and float(p90) >= float(median)
        assert float(ratio) == pytest.approx(float(median) / 300, abs=0.01)
        assert abs(float(error)) <= 0.5 and float(lufs) == pytest.approx(-16, abs=0.5)
        assert float(tp) <= -1.0 and int(iterations) >= 1
    assert re.search(r"^target: cached re-mix < 300 ms -> (met|NOT met) \(median \d+ ms",
                     out, re.M), out


def test_variation_bench_runs_short_and_reports_the_swap_latency():
    out = run_bench(sys.executable, "bench_variation.py", "--swaps", "3", "--seconds", "1",
                    "--variations", "2")
    match = re.search(r"^  p50 ([\d.]+) ms  p90 ([\d.]+) ms  max ([\d.]+) ms$", out, re.M)
    assert match, out
    p50, p90, most = map(float, match.groups())
    assert 0 < p50 <= p90 <= most, out
    assert re.search(r"target < 50 ms: p50 is [\d.]+ x the target \((met|NOT met) at p90\)",
                     out), out
