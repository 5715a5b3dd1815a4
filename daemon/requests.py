"""Turn a client's GenerateCommand into a Job, or refuse it with an error that names the problem.

This is the one place a prompt's meaning is checked (slot range, engine, parameters), so the
OSC server, the CLI and later the panel cannot drift apart. Pure: no I/O.
"""

from __future__ import annotations

import random
import time
from typing import Any

from daemon.config import Config
from daemon.errors import RequestError
from daemon.events import Origin
from daemon.scheduler import Job
from daemon.service import GenerateCommand
from engines.base import Param, did_you_mean
from engines.registry import ENGINES, engine_class
from fragments.process import Shape

MAX_ID_CHARS = 128
MAX_PROMPT_CHARS = 2000
SEED_MAX = 2**31 - 1
# Keys every engine understands; engine-specific keys come from the engine's Param list.
COMMON_PARAMS = ("engine", "seconds", "seed", "loop", "bpm", "bars", "beats", "variations")
MAX_VARIATIONS = 8
# Handled by the daemon for every engine: how the fragment is cut, and how many seeds to try.
SHAPE_PARAMS = (
    Param("loop", bool, False, "make the fragment loop seamlessly (wrap-around crossfade)"),
    Param("bpm", float, None, "the set's tempo; with bars: the fragment lasts exactly that many "
          "bars", min=20.0, max=999.0),
    Param("bars", float, None, "length in bars at bpm (needs bpm)", min=0.25, max=256.0),
    Param("beats", int, 4, "beats per bar", min=1, max=32),
    Param("variations", int, 1, "takes from as many seeds, ranked by quality score; the best is "
          "published, /frag/variation/next swaps in the next", min=1, max=MAX_VARIATIONS),
)
# Longest take asked for at once beyond an engine's own maximum (made as joined segments).
LONG_FORM_MAX_S = 600.0


def check_engine(name: Any, config: Config) -> str:
    """The engine name if it exists and is enabled; RequestError otherwise."""
    if not isinstance(name, str) or name not in ENGINES:
        raise RequestError("unknown_engine", f"no engine named {name!r}{did_you_mean(name, ENGINES)}"
                                             f" (engines: {', '.join(ENGINES)})")
    if not config.engines[name].enabled:
        raise RequestError("engine_disabled", f"engine {name!r} is disabled; set "
                                              f"engines.{name}.enabled = true in config.toml")
    return name


def _seconds(value: Any, limit: float) -> float | None:
    if value is None:
        return None
    return _coerce(Param("seconds", float, None, "", min=0.01, max=limit), value)


def _seed(value: Any, rng: random.Random) -> int:
    seed = _coerce(Param("seed", int, -1, "", min=-1, max=SEED_MAX), value)
    return rng.randint(0, SEED_MAX) if seed == -1 else seed


def _coerce(param: Param, value: Any) -> Any:
    try:
        return param.coerce(value)
    except ValueError as exc:
        raise RequestError("bad_param", str(exc)) from None


def engine_params(engine: str, given: dict[str, Any], config: Config) -> dict[str, Any]:
    """Engine parameters: class defaults, then config defaults, then the prompt's own values."""
    cls = engine_class(engine)
    values = {p.name: p.default for p in cls.params}
    values.update(config.engines[engine].defaults)
    for key, value in given.items():
        param = cls.param(key)
        if param is None:
            known = [p.name for p in cls.params] + list(COMMON_PARAMS)
            raise RequestError("bad_param", f"unknown parameter {key!r} for engine {engine!r}"
                                            f"{did_you_mean(key, known)} (known: {', '.join(known)})")
        values[key] = _coerce(param, value)
    return values


def build_job(command: GenerateCommand, *, config: Config, default_engine: str, slot_count: int,
              origin: Origin = None, rng: random.Random | None = None) -> Job:
    """Validate everything about one prompt; the returned Job never surprises an engine."""
    rng = rng or random.SystemRandom()
    if not command.job_id or len(command.job_id) > MAX_ID_CHARS:
        raise RequestError("bad_args", f"id must be 1 to {MAX_ID_CHARS} characters, "
                                       f"got {len(command.job_id)}")
    if not 0 <= command.slot <= slot_count:
        raise RequestError("slot_range", f"slot {command.slot} is out of range: use 1..{slot_count}"
                                         " or 0 for the next slot in the ring")
    prompt = command.prompt.strip()
    if not prompt:
        raise RequestError("bad_param", "prompt is empty")
    if len(prompt) > MAX_PROMPT_CHARS:
        raise RequestError("bad_param", f"prompt has {len(prompt)} characters; "
                                        f"at most {MAX_PROMPT_CHARS}")
    params = dict(command.params)
    engine = check_engine(params.pop("engine", default_engine), config)
    seconds = _seconds(params.pop("seconds", None), max(LONG_FORM_MAX_S,
                                                        engine_class(engine).max_seconds))
    seed = _seed(params.pop("seed", -1), rng)
    shaping = {p.name: _coerce(p, params.pop(p.name)) if p.name in params else p.default
               for p in SHAPE_PARAMS}
    if (shaping["bpm"] is None) != (shaping["bars"] is None):
        given = "bpm" if shaping["bpm"] is not None else "bars"
        raise RequestError("bad_param", f"{given} needs {'bars' if given == 'bpm' else 'bpm'} "
                                        "too: a length in bars is bars at a tempo")
    variations = shaping.pop("variations")
    shape = Shape(**shaping) if shaping["loop"] or shaping["bpm"] is not None else None
    if shape and shape.bpm is not None and seconds is None:
        # enough take for the bars (and the loop's crossfade); a shorter one is extended
        seconds = min(bar_seconds(shape) + 0.5, engine_class(engine).max_seconds)
    return Job(job_id=command.job_id, slot=command.slot, engine=engine, prompt=prompt, seed=seed,
               seconds=seconds, params=engine_params(engine, params, config), origin=origin,
               submitted_at=time.time(), shape=shape, variations=variations)


def bar_seconds(shape: Shape) -> float:
    return shape.bars * shape.beats * 60.0 / shape.bpm
