"""The engine interface every engine implements, and the parameter schema it declares.

An engine module must import only the standard library and numpy at module level: heavy
libraries (piper, torch, diffusers) are imported inside :meth:`Engine.load`, so the daemon can
read an engine's parameter schema without paying for its dependencies.
"""

from __future__ import annotations

import difflib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar

import numpy as np


class Cancelled(Exception):
    """Raised inside :meth:`Engine.generate` when the job was cancelled between steps."""


class EngineUnavailable(Exception):
    """The engine cannot run here (a missing package, a missing voice file); says what to install."""


@dataclass(frozen=True)
class Param:
    """One named value with a type, range and documentation.

    Used for generation parameters (per prompt) and for engine settings (config.toml).
    """

    name: str
    kind: type  # float, int, str or bool
    default: Any
    doc: str
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] | None = None

    def coerce(self, value: Any) -> Any:
        """Return ``value`` as this parameter's type, or raise ValueError naming the problem."""
        if self.kind is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, (int, float)) and value in (0, 1):
                return bool(value)
            if isinstance(value, str) and value.lower() in ("true", "false", "1", "0", "on", "off"):
                return value.lower() in ("true", "1", "on")
            raise ValueError(f"{self.name} must be true or false, got {value!r}")
        if self.kind is int:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
                raise ValueError(f"{self.name} must be a whole number, got {value!r}")
            value = int(value)
        elif self.kind is float:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"{self.name} must be a number, got {value!r}")
            value = float(value)
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError(f"{self.name} must be a finite number, got {value!r}")
        elif self.kind is str:
            if not isinstance(value, str):
                raise ValueError(f"{self.name} must be text, got {value!r}")
            if self.choices is not None and value not in self.choices:
                raise ValueError(f"{self.name} must be one of {', '.join(self.choices)}, got {value!r}"
                                 + did_you_mean(value, self.choices))
        if self.min is not None and value < self.min:
            raise ValueError(f"{self.name} must be at least {self.min:g}, got {value!r}")
        if self.max is not None and value > self.max:
            raise ValueError(f"{self.name} must be at most {self.max:g}, got {value!r}")
        return value


def did_you_mean(word: str, options: Any) -> str:
    """``"; did you mean 'x'?"`` when a close option exists, else ``""``."""
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass(frozen=True)
class GenerateRequest:
    """What one take asks of an engine. The seed is already resolved (never -1)."""

    prompt: str
    seed: int
    seconds: float | None = None  # None: the engine's natural length
    params: dict[str, Any] = field(default_factory=dict)  # validated engine params, defaults filled


@dataclass
class Take:
    """Raw engine output: float32 audio shaped (frames, channels), never post-processed."""

    audio: np.ndarray
    sample_rate: int
    seed: int
    info: dict[str, Any] = field(default_factory=dict)


Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]


class Engine(ABC):
    """A text-to-audio engine. One instance lives in one worker process.

    Lifecycle: ``__init__`` (cheap, no model) → :meth:`load` (once, slow) → many
    :meth:`generate` calls → :meth:`unload`. ``generate`` reports progress in [0, 1] and checks
    ``is_cancelled()`` between steps, raising :class:`Cancelled` when it is true.
    """

    name: ClassVar[str]
    summary: ClassVar[str]
    params: ClassVar[tuple[Param, ...]] = ()  # per-prompt parameters
    settings: ClassVar[tuple[Param, ...]] = ()  # config.toml keys of [engines.<name>]
    max_seconds: ClassVar[float] = 600.0
    calibrated: ClassVar[bool] = False  # True: output levels are meaningful, skip loudness matching
    memory_gb: ClassVar[float] = 0.0  # expected GPU memory when loaded (float32), for the warm pool

    def __init__(self, settings: dict[str, Any], device: str = "cpu") -> None:
        self.settings = settings
        self.device = device

    @classmethod
    def check_environment(cls) -> str | None:
        """Return what is missing to run this engine (a package to install), or None."""
        return None

    @abstractmethod
    def load(self) -> None:
        """Load the model; raise EngineUnavailable with an install hint when it cannot."""

    @abstractmethod
    def generate(self, request: GenerateRequest, progress: Progress, is_cancelled: IsCancelled) -> Take:
        """Make one take."""

    def unload(self) -> None:
        """Release the model. The worker process ends afterwards anyway."""

    def describe(self) -> dict[str, Any]:
        """Name, summary, parameters and what is loaded, for status displays."""
        return {
            "name": self.name,
            "summary": self.summary,
            "device": self.device,
            "max_seconds": self.max_seconds,
            "params": {p.name: {"type": p.kind.__name__, "default": p.default, "doc": p.doc}
                       for p in self.params},
        }

    @classmethod
    def param(cls, name: str) -> Param | None:
        return next((p for p in cls.params if p.name == name), None)
