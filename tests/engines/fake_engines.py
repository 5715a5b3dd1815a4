"""Tiny engines for testing the worker host and the supervisor (not our real engines).

The worker imports this module as ``fake_engines`` (tests put this folder on PYTHONPATH).
"""

from __future__ import annotations

import os
import sys
import time

import numpy as np

from engines.base import Cancelled, Engine, GenerateRequest, Take


def ramp(frames: int, channels: int, seed: int) -> np.ndarray:
    """A deterministic test signal every fake engine returns."""
    rng = np.random.default_rng(seed)
    return rng.uniform(-1, 1, size=(frames, channels)).astype(np.float32)


class SlowEngine(Engine):
    """``steps`` steps of ``step_s`` seconds; progress and a cancel check after each."""

    name = "slow"
    summary = "sleeps in steps"

    def load(self) -> None:
        pass

    def generate(self, request: GenerateRequest, progress, is_cancelled) -> Take:
        steps = int(request.params.get("steps", 5))
        for i in range(steps):
            time.sleep(float(request.params.get("step_s", 0.01)))
            if is_cancelled():
                raise Cancelled()
            progress((i + 1) / steps)
        frames = int(request.params.get("frames", 1000))
        info = {"pid": os.getpid(), "wrapper": os.environ.get("FRAGMENTD_TEST_WRAPPER", "")}
        return Take(ramp(frames, int(request.params.get("channels", 2)), request.seed), 48000,
                    request.seed, info)


class StubbornEngine(SlowEngine):
    """Ignores cancel."""

    def generate(self, request: GenerateRequest, progress, is_cancelled) -> Take:
        return super().generate(request, progress, lambda: False)


class RaisingEngine(SlowEngine):
    """Raises from generate when asked to."""

    def generate(self, request: GenerateRequest, progress, is_cancelled) -> Take:
        if request.params.get("fail"):
            raise RuntimeError("the fake engine failed on purpose")
        return super().generate(request, progress, is_cancelled)


class OutOfMemoryError(RuntimeError):
    """Named like torch.cuda.OutOfMemoryError, which the worker recognises by name (no GPU here)."""


class OomEngine(SlowEngine):
    """Runs out of (pretend) GPU memory when asked to."""

    def generate(self, request: GenerateRequest, progress, is_cancelled) -> Take:
        if request.params.get("oom"):
            raise OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB")
        return super().generate(request, progress, is_cancelled)


class FailingLoadEngine(SlowEngine):
    def load(self) -> None:
        from engines.base import EngineUnavailable

        raise EngineUnavailable("pip install something-missing")


class ChattyEngine(SlowEngine):
    """Prints to stdout every way a library might, and tries to read stdin."""

    def load(self) -> None:
        print("chatty: loading, seed 1234 {\"type\": \"result\"}")
        os.write(1, b"raw bytes to fd 1\n")
        sys.stdin.read()  # must see end of file, not protocol frames

    def generate(self, request: GenerateRequest, progress, is_cancelled) -> Take:
        print("chatty: generating with seed", request.seed, flush=True)
        sys.__stdout__.write("via sys.__stdout__\n")
        sys.__stdout__.flush()
        os.write(1, b"\x00\xffbinary junk\n")
        return super().generate(request, progress, is_cancelled)


class SlowLoadEngine(SlowEngine):
    def load(self) -> None:
        time.sleep(60)
