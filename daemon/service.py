"""What the front ends (OSC, later the web panel) may ask of the daemon.

Front ends validate the *shape* of a request (types, counts) and call these methods from the
event loop thread. The methods never block: they validate the *meaning* (engine known, slot in
range, parameters known and in range), enqueue, and return. Refusals raise
:class:`daemon.errors.RequestError`. Results arrive later as events on the bus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from daemon.events import EventBus, Origin


@dataclass(frozen=True)
class GenerateCommand:
    """One prompt as a client sent it; ``params`` holds every ``key value`` pair, raw."""

    job_id: str
    slot: int  # 0 = next in the ring, 1..slot_count = that slot
    prompt: str
    params: dict[str, Any] = field(default_factory=dict)  # engine, seconds, seed, engine params


@dataclass(frozen=True)
class Status:
    state: str  # lifecycle state
    engine: str  # the default engine
    queued: int
    running: str  # job id of the running take, "" when idle


@dataclass(frozen=True)
class SlotTake:
    """The take a slot file holds: the arguments of ``/frag/ready`` after the job id."""

    slot: int
    path: str
    seed: int
    seconds: float
    take: int
    engine: str
    prompt: str


class Service(Protocol):
    version: str
    bus: EventBus

    @property
    def slot_count(self) -> int: ...

    def submit_generate(self, command: GenerateCommand, origin: Origin) -> int:
        """Validate and queue; return the 1-based queue position (0 = starts now)."""

    def cancel(self, job_id: str, origin: Origin) -> list[str]:
        """Cancel one job id, or every job for ``"*"``; return the ids cancelled."""

    def engine_command(self, action: str, name: str, origin: Origin) -> str:
        """``action`` is load, unload or select; return the engine's state after the call."""

    def engine_states(self) -> dict[str, str]:
        """Every engine in the registry and its state (``disabled`` when not enabled)."""

    def status(self) -> Status: ...

    def republish(self, job_id: str, take: int, slot: int, origin: Origin) -> None:
        """Publish archived take ``take`` into ``slot`` again (0 = next in the ring); answered
        with events like a prompt: queued, then ready or error (``no_such_take``)."""

    def slot_holds(self, slot: int) -> SlotTake | None:
        """What slot ``slot`` (1..slot_count) holds now, ``None`` when it holds no take yet;
        ``RequestError`` ``slot_range`` for a slot outside the ring."""

    def variation_next(self, slot: int, origin: Origin) -> None:
        """Swap the next-ranked prepared variation into ``slot`` (after the last: the best
        again); answered with ``JobReady`` (id "") and ``TakeQuality``. Refused with
        ``RequestError`` ``slot_range`` or ``no_variations``."""

    def submit_mix(self, job_id: str, slot: int, scene: str, origin: Origin) -> int:
        """Validate scene ``scene`` (a [scenes.<name>] or a TOML file's path) and queue its mix
        in the offline lane; ``slot`` -1: archive only. ``RequestError`` ``bad_scene`` names
        the file, layer and key. Answered with JobQueued, JobProgress, MixDone, then JobReady
        when it went to a slot, or JobFailed ``mix_failed``."""

    def preview(self, slot: int, take: int | None, origin: Origin) -> None:
        """Play on the preview output (config ``[preview]``): with ``take`` None or 0, what slot
        ``slot`` (1..slot_count) holds; with ``take`` >= 1, that archived raw take (``slot`` is
        ignored). A newer preview stops the one playing. Refused at once with ``RequestError``
        ``slot_range``, ``preview_empty`` (the slot holds nothing) or ``shutting_down``; the rest
        arrives as ``PreviewState`` events: playing, then finished, stopped or error (``code``
        preview_device, preview_empty or no_such_take)."""

    def preview_stop(self, origin: Origin) -> None:
        """Stop the preview (a short fade-out): ``PreviewState`` stopping, then stopped; just
        stopped ("nothing is playing") when nothing plays."""

    def preview_state(self) -> dict[str, Any]:
        """What the preview plays now, or its last outcome: state (idle, playing, stopping,
        stopped, finished, error), slot, take, device, rate, frames, total, message."""
