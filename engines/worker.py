"""The engine worker process: ``python -m engines.worker``, driven over stdin/stdout.

One worker hosts one engine instance. The protocol (:mod:`engines.protocol`) owns the real
stdout and stdin: at start both are moved to private file descriptors, fd 1 is pointed at
stderr and fd 0 at /dev/null, so an engine library that prints (stable-audio-tools prints its
seed) or reads stdin cannot corrupt the protocol. stderr is free-form logging.

Threads: a reader thread reads frames, answers ``ping`` at once and flags ``cancel`` for the
running take; every other request is queued for the main thread, which runs the engine. An
engine's exception becomes an ``error`` frame and the worker carries on. When stdin closes (the
daemon went away) the running take is cancelled and the worker exits within a few seconds,
so a dead daemon never leaves a worker holding GPU memory.
"""

from __future__ import annotations

import logging
import os
import queue
import sys
import threading
import traceback
from typing import Any, BinaryIO

from engines.base import Cancelled, Engine, GenerateRequest
from engines.protocol import PROTOCOL_VERSION, ProtocolError, audio_to_payload, read_frame, write_frame

log = logging.getLogger("engines.worker")

ORPHAN_GRACE_S = 5.0  # after stdin closes, how long a running take may take to notice
MAX_TRACEBACK = 20000
PROGRESS_STEP = 0.002  # smaller progress steps are not sent (1.0 always is)


class Channel:
    """The protocol's private stdin/stdout; ``send`` may be called from any thread."""

    def __init__(self, inp: BinaryIO, out: BinaryIO) -> None:
        self.inp, self.out = inp, out
        self._lock = threading.Lock()

    def send(self, header: dict[str, Any], payload: bytes | memoryview = b"") -> None:
        try:
            with self._lock:
                write_frame(self.out, header, payload)
        except (BrokenPipeError, OSError):
            os._exit(0)  # the daemon is gone: nobody to answer to


def take_over_stdio() -> Channel:
    """Move the protocol to private fds; fd 1 → stderr, fd 0 → /dev/null."""
    proto_in = os.fdopen(os.dup(0), "rb", buffering=1 << 16)
    proto_out = os.fdopen(os.dup(1), "wb", buffering=1 << 16)
    sys.stdout.flush()
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    return Channel(proto_in, proto_out)


class Worker:
    """Runs one engine for the daemon; :meth:`serve` returns when told to shut down."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel
        self.engine: Engine | None = None
        self.requests: queue.Queue[dict[str, Any]] = queue.Queue()
        self._cancel_lock = threading.Lock()
        self._current: str | None = None  # job id of the running take
        self._cancelled: set[str] = set()
        self._last_progress = -1.0

    # -- reader thread ------------------------------------------------------------------------

    def read_loop(self) -> None:
        try:
            while (frame := read_frame(self.channel.inp)) is not None:
                self._on_frame(frame[0])
        except ProtocolError as e:
            self._error({}, "protocol", str(e))
        except Exception:  # noqa: BLE001 - whatever broke the link, end like at end of input
            log.exception("protocol reader failed")
        finally:  # stdin closed: the daemon is gone or wants us gone
            self._cancel_all()
            self.requests.put({"type": "shutdown"})
            threading.Timer(ORPHAN_GRACE_S, os._exit, (0,)).start()

    def _on_frame(self, header: dict[str, Any]) -> None:
        kind = header["type"]
        if kind == "ping":
            self.channel.send({"type": "pong", "n": header.get("n")})
        elif kind == "cancel":
            with self._cancel_lock:
                self._cancelled.add(str(header.get("job_id")))
        else:
            if kind == "shutdown":
                self._cancel_all()
            self.requests.put(header)

    def _cancel_all(self) -> None:
        with self._cancel_lock:
            if self._current is not None:
                self._cancelled.add(self._current)

    def _is_cancelled(self, job_id: str) -> bool:
        with self._cancel_lock:
            return job_id in self._cancelled

    # -- main thread --------------------------------------------------------------------------

    def serve(self) -> None:
        self.channel.send({"type": "hello", "pid": os.getpid(), "protocol": PROTOCOL_VERSION,
                           "python": sys.version.split()[0]})
        threading.Thread(target=self.read_loop, name="protocol-reader", daemon=True).start()
        while True:
            request = self.requests.get()
            kind = request["type"]
            if kind == "shutdown":
                self._stage("unload", self._unload, quiet=True)
                self.channel.send({"type": "bye"})
                return
            handler = {"init": self._init, "load": self._load, "generate": self._generate,
                       "describe": self._describe, "unload": self._unload}.get(kind)
            if handler is None:
                self._error(request, "protocol", f"unknown request type {kind!r}")
            else:
                self._stage(kind, lambda: handler(request), job_id=request.get("job_id"))

    def _stage(self, stage: str, fn: Any, job_id: str | None = None, quiet: bool = False) -> None:
        """Run one request; any exception becomes an error frame (the worker stays alive)."""
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - the engine may raise anything
            log.exception("%s failed", stage)
            code = _out_of_memory(e) or "engine_failed"
            if not quiet:
                self._error({"job_id": job_id}, stage, _message(e), traceback.format_exc(), code)

    def _error(self, request: dict[str, Any], stage: str, message: str, tb: str = "",
               code: str = "engine_failed") -> None:
        header = {"type": "error", "stage": stage, "code": code, "message": message,
                  "traceback": tb[-MAX_TRACEBACK:]}
        if request.get("job_id") is not None:
            header["job_id"] = request["job_id"]
        self.channel.send(header)

    def _init(self, request: dict[str, Any]) -> None:
        from engines.registry import load_class

        cls = load_class(request["engine"])
        self.engine = cls(dict(request.get("settings") or {}), request.get("device") or "cpu")
        self.channel.send({"type": "ready", "engine": cls.name})

    def _require_engine(self) -> Engine:
        if self.engine is None:
            raise RuntimeError("the worker has no engine: send init first")
        return self.engine

    def _load(self, request: dict[str, Any]) -> None:
        engine = self._require_engine()
        engine.load()
        self.channel.send({"type": "loaded", "describe": engine.describe()})

    def _describe(self, request: dict[str, Any]) -> None:
        self.channel.send({"type": "describe", "describe": self._require_engine().describe()})

    def _unload(self, request: dict[str, Any] | None = None) -> None:
        if self.engine is not None:
            self.engine.unload()
        if request is not None:
            self.channel.send({"type": "unloaded"})

    def _generate(self, request: dict[str, Any]) -> None:
        job_id = str(request["job_id"])
        engine = self._require_engine()
        with self._cancel_lock:
            self._current = job_id
        self._last_progress = -1.0
        try:
            take = engine.generate(
                GenerateRequest(prompt=request.get("prompt", ""), seed=int(request["seed"]),
                                seconds=request.get("seconds"), params=dict(request.get("params") or {})),
                lambda fraction: self._progress(job_id, fraction),
                lambda: self._is_cancelled(job_id))
        except Cancelled:
            self.channel.send({"type": "cancelled", "job_id": job_id})
            return
        finally:
            with self._cancel_lock:
                self._current = None
                self._cancelled.discard(job_id)
        fields, payload = audio_to_payload(take.audio)
        self.channel.send({"type": "result", "job_id": job_id, "seed": int(take.seed),
                           "sample_rate": int(take.sample_rate), "info": take.info, **fields}, payload)

    def _progress(self, job_id: str, fraction: float) -> None:
        fraction = min(1.0, max(0.0, float(fraction)))
        if fraction < 1.0 and abs(fraction - self._last_progress) < PROGRESS_STEP:
            return  # an engine reporting every sample must not flood the daemon
        self._last_progress = fraction
        self.channel.send({"type": "progress", "job_id": job_id, "fraction": fraction})


def _out_of_memory(e: BaseException) -> str | None:
    """"out_of_memory" for torch's CUDA OOM (by class name: the worker never imports torch
    itself); the cache is emptied so the next prompt finds the memory the failed take held."""
    if type(e).__name__ != "OutOfMemoryError":
        return None
    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available():
        torch.cuda.empty_cache()
    return "out_of_memory"


def _message(e: BaseException) -> str:
    text = str(e).strip()
    return text if text else type(e).__name__


def main() -> None:
    channel = take_over_stdio()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    Worker(channel).serve()
    channel.out.flush()
    os._exit(0)  # do not wait for engine threads (a torch pool) to wind down


if __name__ == "__main__":
    main()
