"""Events the daemon emits while it works; the OSC server (and later the panel) subscribe.

Events are plain frozen dataclasses. ``origin`` is the (host, port) a request came from, so a
subscriber can answer the requester even when it never registered; ``None`` for events that
no single client caused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Union

log = logging.getLogger(__name__)

Origin = tuple[str, int] | None


@dataclass(frozen=True)
class JobQueued:
    job_id: str
    position: int
    origin: Origin = None


@dataclass(frozen=True)
class JobProgress:
    job_id: str
    fraction: float
    origin: Origin = None


@dataclass(frozen=True)
class JobReady:
    job_id: str
    slot: int
    path: str
    seed: int
    seconds: float
    take: int
    engine: str = ""
    prompt: str = ""
    origin: Origin = None


@dataclass(frozen=True)
class TakeQuality:
    """The quality gate's verdict on the take a slot now holds (after its JobReady)."""

    job_id: str
    slot: int
    take: int
    score: float  # 0..100
    issues: str  # comma-separated names (fragments.quality.ISSUES), "" when clean
    origin: Origin = None


@dataclass(frozen=True)
class MixDone:
    """A scene was mixed: the mix and its stems are archived (and published when asked)."""

    job_id: str
    path: str  # the mix WAV in the archive
    seconds: float
    loudness_lufs: float
    true_peak_db: float
    folder: str  # the mix's folder: scene.toml, mix.wav, stem01.wav ...
    origin: Origin = None


@dataclass(frozen=True)
class JobFailed:
    job_id: str
    code: str
    message: str
    origin: Origin = None


@dataclass(frozen=True)
class JobCancelled:
    job_id: str
    reason: str  # "request", "superseded", "shutdown", "prepared" (a variation made ahead)
    origin: Origin = None


@dataclass(frozen=True)
class EngineState:
    name: str
    state: str  # disabled, offline, starting, loading, warm, busy, crashed, unloaded
    origin: Origin = None


@dataclass(frozen=True)
class ConfigReloaded:
    applied: str  # comma-separated key paths applied live, "" if none
    restart_needed: str  # comma-separated key paths that need a restart, "" if none
    error: str = ""  # validation errors; the old config stays in force when not empty


@dataclass(frozen=True)
class LifecycleChanged:
    state: str  # OFFLINE, BOOTING, WARM, QUITTING
    reason: str


@dataclass(frozen=True)
class PreviewState:
    """The preview (daemon.preview) changed state.

    ``state``: playing, stopping (a stop was asked for; the fade-out began), stopped (by
    request, superseded by a newer preview, or at shutdown), finished (played to the end) or
    error (``code`` says which: preview_device, preview_empty, no_such_take). ``slot`` is the
    slot previewed, 0 for an archived take; ``take`` the take number, 0 when not known.
    """

    state: str
    slot: int
    take: int
    message: str
    origin: Origin = None
    frames: int = 0  # frames handed to the output device so far (at ``rate``)
    total: int = 0  # frames in the preview (at ``rate``)
    rate: int = 0  # the stream's sample rate; 0 when no stream was opened
    device: str = ""  # the output device's name, "" when none was opened
    code: str = ""  # the error code for state "error"


Event = Union[JobQueued, JobProgress, JobReady, JobFailed, JobCancelled, EngineState,
              ConfigReloaded, LifecycleChanged, PreviewState, TakeQuality, MixDone]


class EventBus:
    """Synchronous fan-out on the event loop thread; a failing subscriber is logged, never fatal."""

    def __init__(self) -> None:
        self._subscribers: list[Callable[[Event], None]] = []

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback)

    def emit(self, event: Event) -> None:
        for callback in list(self._subscribers):
            try:
                callback(event)
            except Exception:  # a broken subscriber must not stop the show
                log.exception("event subscriber %r failed on %r", callback, event)
