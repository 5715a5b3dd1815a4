"""The daemon's lifecycle: OFFLINE → BOOTING → WARM → QUITTING → OFFLINE, every change logged."""

from __future__ import annotations

import enum
import logging
import time

log = logging.getLogger("daemon.lifecycle")


class State(str, enum.Enum):
    OFFLINE = "OFFLINE"
    BOOTING = "BOOTING"  # config read; OSC answering; engines loading
    WARM = "WARM"  # serving prompts
    QUITTING = "QUITTING"  # no new work; the running take finishes or is cancelled


ALLOWED = {
    State.OFFLINE: {State.BOOTING},
    State.BOOTING: {State.WARM, State.QUITTING},
    State.WARM: {State.QUITTING},
    State.QUITTING: {State.OFFLINE},
}


class Lifecycle:
    """Holds the state and its history; refuses transitions the diagram above does not have."""

    def __init__(self) -> None:
        self.state = State.OFFLINE
        self.history: list[tuple[float, State, str]] = [(time.time(), State.OFFLINE, "created")]

    def move(self, new: State, reason: str) -> None:
        if new not in ALLOWED[self.state]:
            raise RuntimeError(f"lifecycle cannot go from {self.state.value} to {new.value}")
        log.info("state %s -> %s (%s)", self.state.value, new.value, reason)
        self.state = new
        self.history.append((time.time(), new, reason))

    @property
    def accepting(self) -> bool:
        return self.state in (State.BOOTING, State.WARM)
