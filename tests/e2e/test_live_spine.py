"""The live spine end to end: the real daemon, real UDP OSC, the real Piper voice, real files."""

from __future__ import annotations

import hashlib
import queue
import sqlite3
import subprocess
import threading
import time

import numpy as np
import soundfile as sf

from tests.e2e.harness import Daemon, collect

PHRASE = "The rain keeps falling on the stage tonight."


def index_row(daemon: Daemon, take: int) -> dict:
    con = sqlite3.connect(daemon.archive / "index.sqlite")
    con.row_factory = sqlite3.Row
    try:
        row = con.execute("SELECT * FROM takes WHERE take = ?", (take,)).fetchone()
        return dict(row) if row else {}
    finally:
        con.close()


def test_osc_prompt_becomes_a_published_fragment_an_archived_take_and_an_index_row(tmp_path):
    with Daemon(tmp_path) as daemon, daemon.client() as client:
        client.send("/frag/generate", "take-1", 2, PHRASE, "seed", 1234)
        messages = collect(client, "take-1")
    addresses = [a for a, _ in messages]
    assert addresses[0] == "/frag/queued", messages
    assert "/frag/progress" in addresses
    assert addresses[-1] == "/frag/ready", messages
    _, slot, path, seed, seconds, take, engine, prompt = messages[-1][1]
    assert slot == 2 and seed == 1234 and take == 1
    assert engine == "piper" and prompt == PHRASE
    assert path == str(daemon.slots / "output02.wav")

    info = sf.info(path)
    assert (info.samplerate, info.channels, info.subtype) == (44100, 2, "PCM_24")
    assert abs(info.duration - seconds) < 1e-3
    audio, rate = sf.read(path, dtype="float32")
    assert 1.0 < len(audio) / rate < 10.0
    peak = np.abs(audio).max()
    assert np.abs(audio[:8]).max() < 0.05 * peak and np.abs(audio[-8:]).max() < 0.05 * peak  # fades
    fade = int(0.010 * rate)
    assert np.abs(audio[:fade]).max() < np.abs(audio[fade:fade * 20]).max()
    # silence trimmed: sound starts within the 20 ms pad plus the fade
    loud = np.flatnonzero(np.abs(audio).max(axis=1) > 10 ** (-40 / 20))
    assert loud[0] / rate < 0.05 and (len(audio) - loud[-1]) / rate < 0.05

    raw_path = daemon.archive / "output001.wav"
    raw, raw_rate = sf.read(raw_path, dtype="float32")
    assert raw_rate == 22050 and raw.ndim == 1  # the raw, unprocessed Piper take
    assert len(raw) / raw_rate >= len(audio) / rate - 0.05  # trimming only shortens

    row = index_row(daemon, 1)
    assert row["prompt"] == PHRASE and row["engine"] == "piper" and row["seed"] == 1234
    assert row["slot"] == 2 and row["job_id"] == "take-1"
    assert row["checksum"] == hashlib.sha256(raw_path.read_bytes()).hexdigest()
    assert row["generate_s"] > 0


def read_lines(proc: subprocess.Popen) -> "queue.Queue[str]":
    lines: "queue.Queue[str]" = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()
    return lines


def dump_until(lines: "queue.Queue[str]", needle: str, timeout: float) -> list[str]:
    """oscdump's lines (each starts with a time tag) up to the first containing ``needle``."""
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            seen.append(lines.get(timeout=0.2))
        except queue.Empty:
            continue
        if needle in seen[-1]:
            return seen
    raise AssertionError(f"oscdump never printed {needle!r}; it printed:\n{''.join(seen)}")


def test_liblo_oscsend_and_oscdump_as_an_independent_client(tmp_path):
    with Daemon(tmp_path) as daemon:
        with daemon.client(register=False) as probe:  # a free port for oscdump
            dump_port = probe.sock.getsockname()[1]
        dump = subprocess.Popen(["oscdump", "-L", str(dump_port)], stdout=subprocess.PIPE,
                                text=True)
        try:
            lines = read_lines(dump)
            target = ["oscsend", "localhost", str(daemon.port)]
            seen = []
            for _ in range(50):  # until oscdump is listening and registered
                subprocess.run(target + ["/frag/hello", "i", str(dump_port)], check=True)
                try:
                    seen += dump_until(lines, "/frag/hello/ok", 0.2)
                    break
                except AssertionError:
                    continue
            subprocess.run(target + ["/frag/generate", "sis", "liblo-1", "3", "Hello from liblo."],
                           check=True)
            subprocess.run(target + ["/frag/generate", "sis", "liblo-bad", "42", "x"], check=True)
            seen += dump_until(lines, "/frag/ready", 60)
        finally:
            dump.kill()
    text = "".join(seen)
    assert "/frag/hello/ok" in text
    assert "/frag/queued" in text and "liblo-1" in text
    errors = [l for l in seen if "/frag/error" in l and "liblo-bad" in l]
    assert errors and "slot_range" in errors[0], text
    ready = [l for l in seen if "/frag/ready" in l][0]
    assert "liblo-1" in ready and str(daemon.slots / "output03.wav") in ready
    assert sf.info(daemon.slots / "output03.wav").frames > 0


def test_engine_worker_killed_mid_take_answers_that_id_and_the_next_prompt_works(tmp_path):
    long_text = " ".join(f"This is sentence number {i} of a long speech." for i in range(40))
    with Daemon(tmp_path) as daemon, daemon.client() as client:
        client.send("/frag/generate", "doomed", 1, long_text)
        client.wait_for(lambda a, v: a == "/frag/progress" and v[0] == "doomed", 30)
        pids = daemon.worker_pids()
        assert len(pids) == 1, pids
        subprocess.run(["kill", "-KILL", str(pids[0])], check=True)
        final = collect(client, "doomed")[-1]
        assert final[0] == "/frag/error" and final[1][1] == "engine_crashed", final
        client.send("/frag/generate", "after", 1, "Still here.")
        final = collect(client, "after", timeout=90)[-1]
        assert final[0] == "/frag/ready", final
        assert daemon.worker_pids() != pids


def test_queue_cancel_supersede_and_full_queue_over_osc(tmp_path):
    overrides = {"daemon": {"queue_size": 3}}
    long_text = " ".join(f"Sentence {i} keeps the engine busy for a while." for i in range(30))
    with Daemon(tmp_path, **overrides) as daemon, daemon.client() as client:
        client.send("/frag/generate", "busy", 1, long_text)
        client.wait_for(lambda a, v: a == "/frag/progress" and v[0] == "busy", 30)
        client.send("/frag/generate", "old", 5, "Old words for slot five.")
        client.send("/frag/generate", "new", 5, "New words for slot five.")
        assert client.wait_for(lambda a, v: a == "/frag/cancelled" and v[0] == "old", 5)[1] == [
            "old", "superseded"]
        client.send("/frag/generate", "keep", 6, "Kept.")
        client.send("/frag/generate", "drop", 7, "Dropped.")
        client.send("/frag/generate", "over", 8, "One too many.")
        over = client.wait_for(lambda a, v: a == "/frag/error" and v[0] == "over", 5)[1]
        assert over[1] == "queue_full"
        client.send("/frag/cancel", "drop")
        assert client.wait_for(lambda a, v: a == "/frag/cancelled" and v[0] == "drop", 5)[1] == [
            "drop", "request"]
        client.send("/frag/cancel", "nobody")
        assert client.wait_for(lambda a, v: a == "/frag/error" and v[0] == "nobody", 5)[1][1] == \
            "not_found"
        client.send("/frag/cancel", "busy")  # the running take stops between sentences
        final = collect(client, "busy")[-1]
        assert final == ("/frag/cancelled", ["busy", "request"])
        finals = {job: collect(client, job)[-1][0] for job in ("new", "keep")}
        assert finals == {"new": "/frag/ready", "keep": "/frag/ready"}
        client.send("/frag/cancel", "*")
        assert client.wait_for(lambda a, v: a == "/frag/error" and v[0] == "*", 5)[1][1] == \
            "not_found"
    prompts = {r["prompt"] for r in map(lambda t: index_row(daemon, t), (1, 2))}
    assert prompts == {"New words for slot five.", "Kept."}


def test_one_warm_model_serves_many_prompts_and_the_reported_seed_reproduces_the_take(tmp_path):
    with Daemon(tmp_path) as daemon, daemon.client() as client:
        pids = daemon.worker_pids()
        seeds = []
        for job, seed in (("s1", 777), ("s2", 777), ("s3", -1)):
            client.send("/frag/generate", job, 0, "Same words, same seed.", "seed", seed)
            final = collect(client, job)[-1]
            assert final[0] == "/frag/ready", final
            seeds.append(final[1][3])
        assert daemon.worker_pids() == pids  # the same warm worker served every prompt
    assert daemon.log().count("engine piper: loading") == 1
    rows = [index_row(daemon, take) for take in (1, 2, 3)]
    assert seeds[:2] == [777, 777] and rows[2]["seed"] == seeds[2] != 777
    assert rows[0]["checksum"] == rows[1]["checksum"]  # bit-identical raw takes
    assert rows[2]["checksum"] != rows[0]["checksum"]
    assert [r["slot"] for r in rows] == [1, 2, 3]  # slot 0 walks the ring


def test_every_published_take_gets_its_spectrogram_beside_the_archive_entry(tmp_path):
    from fragments.spectrogram import spectrogram_path

    with Daemon(tmp_path) as daemon, daemon.client() as client:
        for job, slot in (("a", 1), ("b", 2)):
            client.send("/frag/generate", job, slot, "sweep", "engine", "testsignal",
                        "signal", "sweep", "seconds", 1.0)
        takes = [collect(client, job)[-1][1][5] for job in ("a", "b")]
        client.send("/frag/republish", "again", takes[0], 3)
        assert collect(client, "again")[-1][0] == "/frag/ready"
        pictures = [spectrogram_path(daemon.archive, take) for take in takes]
        deadline = time.monotonic() + 20
        while not all(p.is_file() for p in pictures) and time.monotonic() < deadline:
            time.sleep(0.1)
        for picture in pictures:
            data = picture.read_bytes()
            assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", picture
            assert int.from_bytes(data[16:20], "big") == 640  # the panel's width
    assert not [p for p in daemon.archive.iterdir() if p.name.endswith(".tmp")]
