"""Preview: play a slot file or an archived take on the configured output device.

One preview plays at a time, through a sounddevice callback ``OutputStream``: PortAudio's own
thread pulls the samples, so playback never runs on the event loop. Everything else that can
block (reading the file, resampling, scanning devices, opening, stopping and closing the stream)
runs on the previewer's single worker thread; the event loop only hands work over and hears
back through the ``report`` callback. Because that thread is one FIFO, reports keep their order:
a superseded preview's ``stopped`` always comes before the new one's ``playing``.

States reported (:class:`PreviewReport`): ``playing``, ``stopping`` (a stop was asked for; the
fade-out has begun), ``stopped`` (by request, superseded by a newer preview, or at shutdown),
``finished`` (played to the end) and ``error`` (with an error code from
:data:`daemon.errors.ERROR_CODES`: ``preview_device``, ``preview_empty`` or ``no_such_take``).

Device choice (``preview.device``): empty = the system default output; digits = that device
index; anything else = the output device whose name equals it (case does not matter), else the
first whose name contains it. PortAudio lists devices once, when it starts; the list is scanned
again when the device is not found or cannot be opened, so an interface plugged in after the
daemon started is found. Audio plays at its own rate when the device accepts it, else it is
resampled (soxr) to one the device does; mono plays on both channels, a one-channel device
gets a mixdown.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from daemon.errors import RequestError

log = logging.getLogger("daemon.preview")

FADE_S = 0.02  # fade-out on stop: long enough to avoid a click, short enough to feel instant
STOP_GRACE_S = 1.0  # beyond fade + latency, how long a stop waits before aborting the stream
FALLBACK_RATES = (48000, 44100, 96000, 88200, 32000, 22050)
BUSY_HINT = ("the device is busy or unavailable: another program (a DAW, PulseAudio, PipeWire, "
             "JACK) may hold it; close that program or pick another device (fragmentd devices)")
PORTAUDIO_HINT = "install libportaudio2 (apt install libportaudio2, or run scripts/setup.sh)"
STATES = ("playing", "stopping", "stopped", "finished", "error")


class PreviewError(RequestError):
    """A preview that cannot play; ``code`` is preview_device, preview_empty or no_such_take."""


@dataclass(frozen=True)
class OutputDevice:
    index: int
    name: str
    hostapi: str
    channels: int  # maximum output channels
    default_rate: float
    default: bool  # the system default output

    @property
    def label(self) -> str:
        return f"{self.index} {self.name!r}"

    def as_dict(self) -> dict[str, Any]:
        return {"index": self.index, "name": self.name, "hostapi": self.hostapi,
                "channels": self.channels, "default_rate": self.default_rate,
                "default": self.default}


@dataclass(frozen=True)
class PreviewInfo:
    """What a preview plays, for reports: ``slot`` 0 for an archived take, ``take`` 0 if unknown."""

    slot: int = 0
    take: int = 0
    label: str = ""

    def describe(self) -> str:
        if self.label:
            return self.label
        if self.slot:
            return f"slot {self.slot}" + (f" (take {self.take})" if self.take else "")
        return f"take {self.take}" if self.take else "audio"


@dataclass(frozen=True)
class PreviewReport:
    state: str  # one of STATES
    slot: int
    take: int
    message: str
    origin: Any = None
    frames: int = 0  # frames handed to the device so far (at ``rate``)
    total: int = 0  # frames in the preview (at ``rate``)
    rate: int = 0
    device: str = ""
    code: str = ""  # for state "error"


# --- PortAudio and devices (blocking: call these off the event loop) ---------------------------

def portaudio() -> Any:
    """The ``sounddevice`` module, or :class:`PreviewError` naming what to install."""
    try:
        import sounddevice
    except OSError as exc:  # sounddevice raises OSError when libportaudio is missing
        raise PreviewError("preview_device", f"PortAudio is not available ({exc}): "
                                             f"{PORTAUDIO_HINT}") from exc
    except ImportError as exc:
        raise PreviewError("preview_device", f"the sounddevice package is missing ({exc}): "
                                             "run scripts/setup.sh") from exc
    return sounddevice


def rescan_devices(sd: Any) -> None:
    """Make PortAudio list the devices again (it lists them once, when it starts). Only while
    no stream of this process is open."""
    sd._terminate()
    sd._initialize()


def output_devices(sd: Any) -> list[OutputDevice]:
    """Every device with output channels, in PortAudio's order."""
    hostapis = sd.query_hostapis()
    try:
        default = hostapis[sd.default.hostapi]["default_output_device"]
    except Exception:  # noqa: BLE001 - no host API at all: no default either
        default = -1
    devices = []
    for info in sd.query_devices():
        if info["max_output_channels"] > 0:
            devices.append(OutputDevice(
                int(info["index"]), str(info["name"]), str(hostapis[info["hostapi"]]["name"]),
                int(info["max_output_channels"]), float(info["default_samplerate"]),
                int(info["index"]) == default))
    return devices


def describe_devices(devices: list[OutputDevice]) -> str:
    if not devices:
        return "PortAudio found no output device at all"
    return "output devices: " + ", ".join(
        d.label + (" (default)" if d.default else "") for d in devices)


def resolve_device(spec: str | int, devices: list[OutputDevice]) -> OutputDevice:
    """The device ``preview.device`` names (see the module docstring). Pure."""
    text = str(spec).strip()
    if not text:
        for device in devices:
            if device.default:
                return device
        raise PreviewError("preview_device", "preview.device is empty (the system default "
                           f"output) but there is no default output; {describe_devices(devices)}")
    if text.lstrip("-").isdigit():
        for device in devices:
            if device.index == int(text):
                return device
        raise PreviewError("preview_device", f"no output device has index {text} (preview.device); "
                                             f"{describe_devices(devices)}")
    wanted = text.casefold()
    exact = [d for d in devices if d.name.casefold() == wanted]
    partial = [d for d in devices if wanted in d.name.casefold()]
    if exact or partial:
        return (exact or partial)[0]
    raise PreviewError("preview_device", f"no output device matches {text!r} (preview.device); "
                                         f"{describe_devices(devices)}")


def choose_rate(rate: int, accepts: Callable[[int], bool], default_rate: float) -> int:
    """``rate`` when the device accepts it, else its default rate, else a common one. Pure."""
    candidates = [rate, int(default_rate), *FALLBACK_RATES]
    for candidate in dict.fromkeys(c for c in candidates if c > 0):
        if accepts(candidate):
            return candidate
    return int(default_rate) or rate  # opening the stream will say what is wrong


def fit_channels(audio: np.ndarray, channels: int) -> np.ndarray:
    """``audio`` (frames × c) as frames × ``channels``: mono is copied, 1 channel mixes down."""
    have = audio.shape[1]
    if have == channels:
        return audio
    if channels == 1:
        return audio.mean(axis=1, keepdims=True, dtype=np.float32)
    if have == 1:
        return np.repeat(audio, channels, axis=1)
    if have > channels:
        return audio[:, :channels]
    return np.concatenate([audio, np.repeat(audio[:, -1:], channels - have, axis=1)], axis=1)


def prepare(audio: np.ndarray, rate: int, out_rate: int, channels: int,
            level_db: float) -> np.ndarray:
    """Float32 frames × ``channels`` at ``out_rate``, scaled by ``level_db``, within ±1. Pure."""
    data = np.asarray(audio, dtype=np.float32)
    if data.ndim == 1:
        data = data[:, None]
    data = fit_channels(data, channels)
    if out_rate != rate:
        import soxr

        data = np.asarray(soxr.resample(data, rate, out_rate, quality="HQ"), dtype=np.float32)
        if data.ndim == 1:
            data = data[:, None]
    data = np.nan_to_num(data * np.float32(10 ** (level_db / 20)), nan=0.0, posinf=1.0,
                         neginf=-1.0)
    np.clip(data, -1.0, 1.0, out=data)
    return np.ascontiguousarray(data, dtype=np.float32)


def read_audio(path: str | Path, what: str) -> tuple[np.ndarray, int]:
    """A sound file as float32 frames × channels and its rate; ``preview_empty`` if unreadable."""
    import soundfile as sf

    try:
        audio, rate = sf.read(str(path), dtype="float32", always_2d=True)
    except (OSError, RuntimeError) as exc:  # LibsndfileError is a RuntimeError
        raise PreviewError("preview_empty", f"{what}: its file {path} cannot be read: {exc}") \
            from exc
    if audio.shape[0] == 0:
        raise PreviewError("preview_empty", f"{what}: its file {path} holds no audio")
    return audio, int(rate)


# --- one playing stream ----------------------------------------------------------------------

@dataclass(eq=False)
class _Playback:
    """The samples of one preview and the state PortAudio's callback thread moves forward."""

    audio: np.ndarray
    rate: int
    info: PreviewInfo
    origin: Any
    device: OutputDevice
    level_db: float
    fade_frames: int
    stop_exception: type = Exception  # sounddevice.CallbackStop
    stream: Any = None
    pos: int = 0  # frames handed to PortAudio so far
    stop_reason: str = ""  # request, superseded, shutdown: set from other threads
    stop_origin: Any = None
    completed: bool = False  # the callback reached the end of the audio
    fading: int = -1  # frames of fade-out left; -1: not fading
    underflows: int = 0
    ended: threading.Event = field(default_factory=threading.Event)
    reported: bool = False  # the final state (finished, stopped, error) was reported

    @property
    def total(self) -> int:
        return self.audio.shape[0]

    def request_stop(self, reason: str, origin: Any) -> None:
        if not self.stop_reason:
            self.stop_origin = origin
            self.stop_reason = reason  # last: the callback reads it

    def callback(self, out: np.ndarray, frames: int, time: Any, status: Any) -> None:
        """PortAudio's thread: the next block, faded out once a stop was asked for."""
        if status.output_underflow:
            self.underflows += 1
        if self.stop_reason and self.fading < 0:
            self.fading = self.fade_frames
        n = min(frames, self.total - self.pos)
        if self.fading >= 0:
            n = min(n, self.fading)
        chunk = self.audio[self.pos:self.pos + n]
        if self.fading >= 0:
            ramp = (self.fading - np.arange(n, dtype=np.float32)) / np.float32(self.fade_frames)
            out[:n] = chunk * ramp[:, None]
            self.fading -= n
        else:
            out[:n] = chunk
        out[n:] = 0
        self.pos += n
        if self.pos >= self.total and not self.stop_reason:
            self.completed = True
            raise self.stop_exception()
        if self.fading == 0 or self.pos >= self.total:
            raise self.stop_exception()


# --- the previewer ---------------------------------------------------------------------------

class Previewer:
    """Plays one preview at a time; ``report`` hears every state change, from any thread.

    :meth:`play`, :meth:`stop`, :meth:`request_stop`, :meth:`devices` and :meth:`close` are
    called on the event loop and return at once (the futures they return are done when the
    worker thread is); :meth:`state` may be called from anywhere.
    """

    def __init__(self, report: Callable[[PreviewReport], None], fade_s: float = FADE_S) -> None:
        self._report = report
        self.fade_s = fade_s
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="preview")
        self._current: _Playback | None = None  # set and cleared on the worker thread only
        self._generation = 0  # bumped by every play and stop request (event loop)
        # play requests the worker has not started or refused yet; lowered on the worker
        # thread before the outcome is reported, so a stop that follows the report never
        # mistakes a settled request for one about to start
        self._pending = 0
        self._pending_lock = threading.Lock()
        self._sd: Any = None
        self._devices: list[OutputDevice] | None = None
        self._last: dict[str, Any] = {"state": "idle", "slot": 0, "take": 0, "message": "",
                                      "device": "", "rate": 0, "frames": 0, "total": 0}
        self._closed = False

    # --- event loop side ---
    def play(self, load: Callable[[], tuple[np.ndarray, int]], info: PreviewInfo, device: str,
             level_db: float, origin: Any = None) -> asyncio.Future:
        """Stop what plays (its fade-out starts now), then play what ``load`` returns (``load``
        runs on the worker thread: it may read files). Every outcome arrives through
        ``report``; the future is done once the stream started or the preview was refused."""
        self._generation += 1
        current = self._current
        if current is not None:
            current.request_stop("superseded", origin)
        with self._pending_lock:
            self._pending += 1
        future = asyncio.get_running_loop().run_in_executor(
            self._executor, self._play, self._generation, load, info, device, level_db, origin)
        future.add_done_callback(self._play_done)
        return future

    def _play_done(self, future: asyncio.Future) -> None:
        if not future.cancelled() and future.exception() is not None:  # _play catches all
            log.error("preview: %r", future.exception())

    def request_stop(self, origin: Any = None) -> bool:
        """Begin stopping: the fade-out starts at once. Reports ``stopping``, or ``stopped``
        when nothing plays. True when something was playing or about to."""
        self._generation += 1
        current = self._current
        if current is not None and not current.reported:
            current.request_stop("request", origin)
            self._emit(current, "stopping", f"{current.info.describe()}: fading out",
                       origin=origin)
            return True
        with self._pending_lock:
            pending = self._pending
        if pending:
            self._emit(None, "stopping", "stopping the preview about to start", origin=origin)
            return True
        self._emit(None, "stopped", "nothing is playing", origin=origin)
        return False

    def stop(self, origin: Any = None) -> asyncio.Future:
        """:meth:`request_stop`, then close the stream on the worker thread; the future is done
        once it is closed."""
        loop = asyncio.get_running_loop()
        if self.request_stop(origin):
            return loop.run_in_executor(self._executor, self._end_current, "request", origin)
        future = loop.create_future()
        future.set_result(None)
        return future

    def devices(self) -> asyncio.Future:
        """Scan the devices again and list the outputs (:class:`OutputDevice`)."""
        return asyncio.get_running_loop().run_in_executor(self._executor, self._scan, True)

    def state(self) -> dict[str, Any]:
        """What plays now, or the last outcome: state (idle, playing, stopping, stopped,
        finished, error), slot, take, device, rate, frames, total, message."""
        current = self._current
        if current is None or current.reported:
            return dict(self._last)
        return {"state": "stopping" if current.stop_reason else "playing",
                "slot": current.info.slot, "take": current.info.take,
                "device": current.device.name, "rate": current.rate, "frames": current.pos,
                "total": current.total, "level_db": current.level_db,
                "underflows": current.underflows, "message": current.info.describe()}

    async def close(self) -> None:
        """Stop what plays (fading out) and end the worker thread."""
        if self._closed:
            return
        self._closed = True
        self._generation += 1
        current = self._current
        if current is not None:
            current.request_stop("shutdown", None)
        await asyncio.get_running_loop().run_in_executor(self._executor, self._end_current,
                                                         "shutdown", None)
        self._executor.shutdown(wait=False)

    # --- worker thread side ---
    def _play(self, generation: int, load: Callable[[], tuple[np.ndarray, int]],
              info: PreviewInfo, device_spec: str, level_db: float, origin: Any) -> None:
        pending = [True]
        try:
            self._play_once(pending, generation, load, info, device_spec, level_db, origin)
        finally:
            self._settle(pending)

    def _settle(self, pending: list[bool]) -> None:
        """This play request is no longer about to start (once per request)."""
        if pending[0]:
            pending[0] = False
            with self._pending_lock:
                self._pending -= 1

    def _play_once(self, pending: list[bool], generation: int,
                   load: Callable[[], tuple[np.ndarray, int]], info: PreviewInfo,
                   device_spec: str, level_db: float, origin: Any) -> None:
        self._end_current("superseded", origin)
        if generation != self._generation:  # a newer play or a stop came meanwhile
            self._settle(pending)
            return self._emit(None, "stopped", f"{info.describe()}: stopped before it started",
                              info=info, origin=origin)
        try:
            sd = self._portaudio()
            audio, rate = load()
            playback = self._open(sd, audio, rate, info, device_spec, level_db, origin)
        except PreviewError as exc:
            log.error("preview of %s: %s: %s", info.describe(), exc.code, exc.message)
            self._settle(pending)
            return self._emit(None, "error", exc.message, info=info, origin=origin, code=exc.code)
        except Exception as exc:  # noqa: BLE001 - a bug must not end the worker thread
            log.exception("preview of %s failed", info.describe())
            self._settle(pending)
            return self._emit(None, "error", f"{info.describe()}: preview failed: "
                              f"{type(exc).__name__}: {exc}", info=info, origin=origin,
                              code="internal_error")
        if generation != self._generation:  # stopped (or superseded) while opening
            playback.stream.close(ignore_errors=True)
            self._settle(pending)
            return self._emit(None, "stopped", f"{info.describe()}: stopped before it started",
                              info=info, origin=origin)
        self._current = playback
        self._settle(pending)
        try:
            playback.stream.start()
        except Exception as exc:  # noqa: BLE001 - PortAudioError and friends
            self._current = None
            playback.reported = True
            playback.stream.close(ignore_errors=True)
            message = self._open_error(playback.device, exc)
            log.error("preview of %s: %s", info.describe(), message)
            return self._emit(None, "error", message, info=info, origin=origin,
                              code="preview_device")
        resampled = f", resampled from {rate} Hz" if playback.rate != rate else ""
        self._emit(playback, "playing",
                   f"{info.describe()}: {playback.total / playback.rate:.2f} s at "
                   f"{playback.rate} Hz{resampled} on {playback.device.label}, "
                   f"level {level_db:+.1f} dB", origin=origin)
        log.info("preview: playing %s on %s", info.describe(), playback.device.label)

    def _open(self, sd: Any, audio: np.ndarray, rate: int, info: PreviewInfo, device_spec: str,
              level_db: float, origin: Any) -> _Playback:
        """Resolve the device, fit the audio to it, open the stream (not started yet). A device
        not found, or one that fails to open, gets one rescan and one more try."""
        for attempt in (1, 2):
            devices = self._scan(rescan=attempt == 2)
            try:
                device = resolve_device(device_spec, devices)
            except PreviewError:
                if attempt == 1:
                    continue
                raise
            channels = 1 if device.channels == 1 else 2

            def accepts(candidate: int) -> bool:
                try:
                    sd.check_output_settings(device=device.index, channels=channels,
                                             dtype="float32", samplerate=candidate)
                except Exception:  # noqa: BLE001 - PortAudioError, ValueError
                    return False
                return True

            out_rate = choose_rate(rate, accepts, device.default_rate)
            data = prepare(audio, rate, out_rate, channels, level_db)
            playback = _Playback(data, out_rate, info, origin, device, level_db,
                                 fade_frames=max(1, round(self.fade_s * out_rate)),
                                 stop_exception=sd.CallbackStop)
            try:
                playback.stream = sd.OutputStream(
                    device=device.index, samplerate=out_rate, channels=channels, dtype="float32",
                    callback=playback.callback,
                    finished_callback=lambda p=playback: self._stream_ended(p))
            except Exception as exc:  # noqa: BLE001 - PortAudioError, ValueError
                if attempt == 1:
                    log.warning("preview: cannot open %s (%s); scanning devices again",
                                device.label, exc)
                    continue
                raise PreviewError("preview_device", self._open_error(device, exc)) from exc
            return playback
        raise AssertionError("unreachable")

    @staticmethod
    def _open_error(device: OutputDevice, exc: Exception) -> str:
        text = str(exc)
        args = getattr(exc, "args", ())
        busy = (len(args) > 1 and args[1] == -9985  # paDeviceUnavailable
                or "busy" in text.lower() or "unavailable" in text.lower())
        return (f"cannot open output device {device.label}: {text}"
                + (f"; {BUSY_HINT}" if busy else ""))

    def _portaudio(self) -> Any:
        if self._sd is None:
            self._sd = portaudio()
        return self._sd

    def _scan(self, rescan: bool = False) -> list[OutputDevice]:
        sd = self._portaudio()
        if rescan or self._devices is None:
            if rescan and self._current is None:  # never under an open stream
                rescan_devices(sd)
            self._devices = output_devices(sd)
        return self._devices

    def _stream_ended(self, playback: _Playback) -> None:
        """PortAudio's finished callback (on its thread): hand the rest to the worker."""
        playback.ended.set()
        try:
            self._executor.submit(self._reap, playback)
        except RuntimeError:  # the worker has shut down: close() reaped it already
            pass

    def _reap(self, playback: _Playback) -> None:
        if playback is self._current:
            self._current = None
        self._close(playback)

    def _end_current(self, reason: str, origin: Any) -> None:
        """Stop the current stream (fade-out, then close). It waits: worker thread only."""
        playback = self._current
        if playback is None:
            return
        playback.request_stop(reason, origin)
        stream = playback.stream
        wait = self.fade_s + float(getattr(stream, "latency", 0.0) or 0.0) + STOP_GRACE_S
        if not playback.ended.wait(wait):
            log.warning("preview: %s did not finish its fade-out within %.1f s; aborting",
                        playback.device.label, wait)
            stream.abort(ignore_errors=True)
        self._current = None
        self._close(playback)

    def _close(self, playback: _Playback) -> None:
        if playback.reported:
            return
        playback.reported = True
        try:
            playback.stream.stop(ignore_errors=True)
            playback.stream.close(ignore_errors=True)
        except Exception:  # noqa: BLE001 - closing a failed device must not stop the reports
            log.exception("preview: closing the stream failed")
        what = playback.info.describe()
        played = f"{playback.pos} of {playback.total} frames"
        if playback.completed:
            self._emit(playback, "finished", f"{what}: finished, {played} played")
        elif playback.stop_reason:
            self._emit(playback, "stopped", f"{what}: stopped ({playback.stop_reason}) after "
                                            f"{played}", origin=playback.stop_origin)
        else:
            message = (f"{what}: the output device {playback.device.label} ended the stream "
                       f"after {played} (unplugged, or failing?)")
            log.error("preview: %s", message)
            self._emit(playback, "error", message, code="preview_device")

    def _emit(self, playback: _Playback | None, state: str, message: str, *,
              info: PreviewInfo | None = None, origin: Any = None, code: str = "") -> None:
        if playback is not None:
            info = playback.info
            origin = origin if origin is not None else playback.origin
        info = info or PreviewInfo()
        report = PreviewReport(
            state, info.slot, info.take, message, origin,
            frames=playback.pos if playback else 0, total=playback.total if playback else 0,
            rate=playback.rate if playback else 0,
            device=playback.device.name if playback else "", code=code)
        if state != "stopping":
            self._last = {"state": state, "slot": report.slot, "take": report.take,
                          "message": message, "device": report.device, "rate": report.rate,
                          "frames": report.frames, "total": report.total}
        try:
            self._report(report)
        except Exception:  # noqa: BLE001 - a broken listener must not stop the preview
            log.exception("preview: reporting %r failed", report)
