"""Loops on the bar grid, the quality gate, variations and long-form takes, end to end: the real
daemon, real UDP OSC, the real testsignal engine, real files and the real SQLite index."""

from __future__ import annotations

import sqlite3
import subprocess

import numpy as np
import soundfile as sf

from fragments.loops import bar_frames, seam_jump, typical_step
from tests.e2e.harness import FRAGMENTD, Daemon, collect

QUIET = {"engines__piper": {"preload": False}}  # these tests ask testsignal only


def rows(daemon: Daemon, where: str = "", args: tuple = ()) -> list[dict]:
    con = sqlite3.connect(daemon.archive / "index.sqlite")
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(f"SELECT * FROM takes {where} ORDER BY take", args)]
    finally:
        con.close()


def ready(client, job_id: str) -> list:
    messages = collect(client, job_id)
    assert messages[-1][0] == "/frag/ready", messages
    return messages[-1][1]


def quality_of(client, job_id: str) -> list:
    return client.wait_for(lambda a, v: a == "/frag/quality" and v[0] == job_id, 10.0)[1]


def test_loops_and_bar_lengths_are_exact_to_the_sample_and_the_seam_does_not_click(tmp_path):
    with Daemon(tmp_path, **QUIET) as daemon, daemon.client() as client:
        # a sine whose period does not divide the bar: a plain cut would click at the seam
        client.send("/frag/generate", "loop-1", 1, "sine", "engine", "testsignal", "freq", 441.3,
                    "loop", True, "bpm", 174.0, "bars", 2, "seed", 5)
        loop_path = ready(client, "loop-1")[2]
        for number, (bpm, bars) in enumerate(((120.0, 1), (93.5, 3), (137.3, 0.5)), start=2):
            client.send("/frag/generate", f"bars-{number}", number, "sweep", "engine",
                        "testsignal", "bpm", bpm, "bars", bars)
            path = ready(client, f"bars-{number}")[2]
            assert sf.info(path).frames == bar_frames(bpm, bars, 44100), (bpm, bars)
        client.send("/frag/generate", "half", 5, "sine", "engine", "testsignal", "bpm", 120.0)
        error = client.wait_for(lambda a, v: a == "/frag/error" and v[0] == "half", 5.0)[1]
        assert error[1] == "bad_param" and "bars" in error[2], error
        # a loop longer than the engine's take: extended by repeating, still exact and seamless
        client.send("/frag/generate", "long-loop", 6, "pink", "engine", "testsignal", "loop", True,
                    "bpm", 90.0, "bars", 2, "seconds", 1.5)
        long_path = ready(client, "long-loop")[2]

    loop, rate = sf.read(loop_path, dtype="float32")
    assert rate == 44100 and len(loop) == bar_frames(174.0, 2, 44100)
    assert seam_jump(loop) <= typical_step(loop), (seam_jump(loop), typical_step(loop))
    long_loop, _ = sf.read(long_path, dtype="float32")
    assert len(long_loop) == bar_frames(90.0, 2, 44100)
    assert seam_jump(long_loop) <= typical_step(long_loop)
    report = rows(daemon, "WHERE job_id = ?", ("loop-1",))[0]["report"]
    assert '"loop": true' in report and '"bpm": 174.0' in report


def test_the_gate_retries_a_clipping_take_keeps_every_take_and_pushes_the_verdict(tmp_path):
    with Daemon(tmp_path, quality={"min_score": 50.0, "retries": 2}, **QUIET) as daemon, \
            daemon.client() as client:
        # 0 dB RMS: the sine's peaks are 3 dB over full scale whatever the seed
        client.send("/frag/generate", "hot", 1, "sine", "engine", "testsignal", "level_db", 0.0,
                    "seed", 11)
        hot = ready(client, "hot")
        hot_quality = quality_of(client, "hot")
        client.send("/frag/generate", "clean", 2, "sine", "engine", "testsignal", "seed", 12)
        clean = ready(client, "clean")
        clean_quality = quality_of(client, "clean")
        listing = subprocess.run([str(FRAGMENTD), "archive", "list", "--config",
                                  str(daemon.config_path)], capture_output=True, text=True,
                                 check=True).stdout

    assert hot_quality[1:3] == [1, hot[5]] and "clipping" in hot_quality[4].split(","), hot_quality
    assert hot_quality[3] < 50
    takes = rows(daemon, "WHERE job_id = ?", ("hot",))
    assert len(takes) == 3, takes  # the first take and two retries, every one archived
    assert [t["seed"] for t in takes][0] == 11 and len({t["seed"] for t in takes}) == 3
    assert all("clipping" in t["quality_issues"] for t in takes)
    assert all(t["quality_score"] is not None for t in takes)
    assert "retry" in daemon.log() or "trying another seed" in daemon.log()

    assert clean_quality[4] == "" and clean_quality[3] >= 80, clean_quality
    assert len(rows(daemon, "WHERE job_id = ?", ("clean",))) == 1  # a good take is not retried
    assert clean[3] == 12
    hot_line = next(line for line in listing.splitlines() if line.split()[0] == str(hot[5]))
    assert "[clipping" in hot_line and f"q {hot_quality[3]:3.0f}" in hot_line, listing


def test_variations_are_ranked_and_the_next_one_swaps_in_without_an_engine(tmp_path):
    with Daemon(tmp_path, daemon={"prepare_ahead": 0}, **QUIET) as daemon, \
            daemon.client() as client:
        client.send("/frag/generate", "vars", 3, "pink", "engine", "testsignal", "variations", 3,
                    "seconds", 1.0, "seed", 100)
        first = ready(client, "vars")
        quality_of(client, "vars")
        daemon.wait_log("3 variations ranked for slot 3")
        takes_before = len(rows(daemon))
        busy_before = daemon.log().count("engine testsignal: busy")
        seen = [first[5]]
        for _ in range(3):
            client.send("/frag/variation/next", 3)
            swapped = client.wait_for(lambda a, v: a == "/frag/ready" and v[0] == "" and v[1] == 3,
                                      10.0)[1]
            verdict = client.wait_for(lambda a, v: a == "/frag/quality" and v[0] == "", 10.0)[1]
            assert verdict[2] == swapped[5]
            seen.append(swapped[5])
            audio, _ = sf.read(swapped[2], dtype="float32")
            assert len(audio) > 0
        client.send("/frag/variation/next", 4)
        refused = client.wait_for(lambda a, v: a == "/frag/error", 5.0)[1]
        assert len(rows(daemon)) == takes_before  # nothing new was generated
        assert daemon.log().count("engine testsignal: busy") == busy_before
        # a new prompt into the slot ends its variations: Next never brings the old one back
        client.send("/frag/generate", "plain", 3, "sine", "engine", "testsignal")
        ready(client, "plain")
        client.send("/frag/variation/next", 3)
        stale = client.wait_for(lambda a, v: a == "/frag/error" and v[0] == "", 5.0)[1]
        assert stale[1] == "no_variations", stale

    assert refused[1] == "no_variations" and "slot 4" in refused[2]
    assert len(set(seen[:3])) == 3 and seen[3] == seen[0], seen  # each once, then the best again
    scores = {t["take"]: t["quality_score"] for t in rows(daemon, "WHERE job_id = ?", ("vars",))}
    assert len(scores) == 3
    assert scores[seen[0]] >= scores[seen[1]] >= scores[seen[2]]  # best first
    assert scores[first[5]] == max(scores.values())  # the best was published first


def test_a_take_longer_than_the_engine_makes_is_joined_from_segments(tmp_path):
    overrides = {"engines__testsignal": {"max_seconds": 2.0}, **QUIET}
    with Daemon(tmp_path, **overrides) as daemon, daemon.client() as client:
        client.send("/frag/generate", "long", 1, "pink", "engine", "testsignal", "seconds", 5.0,
                    "seed", 3, "channels", 1)
        long = ready(client, "long")
    take = rows(daemon, "WHERE job_id = ?", ("long",))[0]
    assert abs(take["raw_seconds"] - 5.0) < 1e-3, take
    assert "3 segments" in daemon.log()
    raw, rate = sf.read(take["raw_path"], dtype="float32")
    assert raw.ndim == 1 and len(raw) == round(5.0 * rate)
    # joined with crossfades: no window of the raw take drops out or jumps in level
    rms = np.sqrt(np.mean(raw[: len(raw) // 4800 * 4800].reshape(-1, 4800) ** 2, axis=1))
    assert rms.min() > 0.5 * np.median(rms) and rms.max() < 2.0 * np.median(rms)
    assert long[4] > 4.5


def test_when_next_reaches_the_last_variation_another_is_prepared_ahead(tmp_path):
    with Daemon(tmp_path, daemon={"prepare_ahead": 1}, **QUIET) as daemon, \
            daemon.client() as client:
        client.send("/frag/generate", "two", 2, "pink", "engine", "testsignal", "variations", 2,
                    "seconds", 0.5, "seed", 40)
        first = ready(client, "two")
        daemon.wait_log("2 variations ranked for slot 2")
        client.send("/frag/variation/next", 2)  # to the last one: one more is made ahead
        second = client.wait_for(lambda a, v: a == "/frag/ready" and v[0] == "", 10.0)[1]
        done = client.wait_for(lambda a, v: a == "/frag/cancelled"
                               and v[0].startswith("ahead-2-"), 30.0)[1]
        assert done[1] == "prepared", done
        daemon.wait_log("slot 2 now has 3 variations")
        client.send("/frag/variation/next", 2)  # answered from the take made ahead
        third = client.wait_for(lambda a, v: a == "/frag/ready" and v[0] == "", 10.0)[1]
        # a new prompt for the slot: its old variations and any take planned ahead are dropped
        client.send("/frag/generate", "new", 2, "sine", "engine", "testsignal", "seconds", 0.5)
        ready(client, "new")
        client.send("/frag/variation/next", 2)
        refused = client.wait_for(lambda a, v: a == "/frag/error" and v[0] == "", 5.0)[1]

    takes = [first[5], second[5], third[5]]
    assert len(set(takes)) == 3, takes  # the third is the take made ahead
    ahead = rows(daemon, "WHERE take = ?", (third[5],))[0]
    assert ahead["job_id"] == done[0] and ahead["prompt"] == "pink"
    assert ahead["quality_score"] is not None
    assert refused[1] == "no_variations"
