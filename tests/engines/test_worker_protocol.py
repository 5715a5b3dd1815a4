"""Frames, and the worker process spoken to directly over its pipes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engines.protocol import (ProtocolError, audio_to_payload, encode_header, payload_to_audio,
                              read_frame, write_frame)
from tests.engines.fake_engines import ramp

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def test_frames_round_trip_with_binary_payload():
    buf = io.BytesIO()
    audio = np.random.default_rng(0).standard_normal((1000, 2)).astype(np.float32)
    fields, payload = audio_to_payload(audio)
    write_frame(buf, {"type": "result", "job_id": "a\nb", "seed": np.int64(3), **fields}, payload)
    write_frame(buf, {"type": "pong", "n": 1})
    buf.seek(0)
    header, body = read_frame(buf)
    assert header["type"] == "result" and header["job_id"] == "a\nb" and header["seed"] == 3
    assert header["nbytes"] == 8000 and np.array_equal(payload_to_audio(header, body), audio)
    assert payload_to_audio(header, body).flags.writeable
    assert read_frame(buf)[0] == {"type": "pong", "n": 1, "nbytes": 0}
    assert read_frame(buf) is None


@pytest.mark.parametrize("raw", [b"not json\n", b"[1, 2]\n", b'{"type": "x", "nbytes": -1}\n',
                                 b'{"type": "x", "nbytes": 10}\nshort', b'{"type": "x"'])
def test_bad_frames_raise(raw):
    with pytest.raises(ProtocolError):
        read_frame(io.BytesIO(raw))


def test_header_is_one_line():
    assert encode_header({"type": "error", "message": "two\nlines"}).count(b"\n") == 1


class Pipe:
    """A worker process spoken to synchronously."""

    def __init__(self):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(HERE)])}
        self.proc = subprocess.Popen([sys.executable, "-m", "engines.worker"], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def send(self, header):
        write_frame(self.proc.stdin, header)

    def close(self):
        self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            stream.close()

    def read(self):
        frame = read_frame(self.proc.stdout)
        assert frame is not None, self.proc.stderr.read().decode()
        return frame


def test_worker_speaks_the_protocol_while_the_engine_prints():
    w = Pipe()
    try:
        assert w.read()[0]["type"] == "hello"
        w.send({"type": "ping", "n": 7})
        assert w.read()[0] == {"type": "pong", "n": 7, "nbytes": 0}
        w.send({"type": "init", "engine": "fake_engines:ChattyEngine", "settings": {}, "device": "cpu"})
        assert w.read()[0]["type"] == "ready"
        w.send({"type": "load"})
        assert w.read()[0]["type"] == "loaded"
        w.send({"type": "generate", "job_id": "j", "prompt": "", "seed": 5, "seconds": None,
                "params": {"steps": 2, "frames": 300, "channels": 1}})
        frames = [w.read()]
        while frames[-1][0]["type"] == "progress":
            frames.append(w.read())
        header, payload = frames[-1]
        assert [f[0]["fraction"] for f in frames[:-1]] == [0.5, 1.0]
        assert header["type"] == "result" and header["seed"] == 5
        assert np.array_equal(payload_to_audio(header, payload), ramp(300, 1, 5))
        w.send({"type": "generate", "job_id": "k", "prompt": "", "seed": 1, "params": {"nonsense": 1},
                "seconds": None})  # fine: the fake ignores unknown params
        while (last := w.read()[0])["type"] == "progress":
            pass
        assert last["type"] == "result" and last["job_id"] == "k"
        w.send({"type": "bogus"})
        assert w.read()[0]["stage"] == "protocol"
        w.send({"type": "shutdown"})
        assert w.read()[0]["type"] == "bye"
        assert w.proc.wait(timeout=10) == 0
        log = w.proc.stderr.read()
        assert b"chatty: loading" in log and b"binary junk" in log and b"via sys.__stdout__" in log
    finally:
        w.close()


def test_worker_reports_engine_errors_and_stays_alive():
    w = Pipe()
    try:
        w.read()
        w.send({"type": "load"})  # before init
        assert w.read()[0]["message"] == "the worker has no engine: send init first"
        w.send({"type": "init", "engine": "fake_engines:RaisingEngine", "settings": {}, "device": "cpu"})
        w.read()
        w.send({"type": "generate", "job_id": "x", "prompt": "", "seed": 1, "params": {"fail": True}})
        header = w.read()[0]
        assert header["type"] == "error" and header["job_id"] == "x" and header["stage"] == "generate"
        assert "failed on purpose" in header["message"] and "RuntimeError" in header["traceback"]
        w.send({"type": "ping", "n": 1})
        assert w.read()[0]["type"] == "pong"
    finally:
        w.close()


def test_worker_exits_when_the_daemon_goes_away():
    w = Pipe()
    w.read()
    w.send({"type": "init", "engine": "fake_engines:StubbornEngine", "settings": {}, "device": "cpu"})
    w.read()
    w.send({"type": "generate", "job_id": "x", "prompt": "", "seed": 1, "params": {"steps": 10000, "step_s": 0.01}})
    w.read()  # first progress: the take is running and ignores cancel
    w.proc.stdin.close()
    assert w.proc.wait(timeout=15) == 0
    w.close()
