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

MAX_ID_CHARS = 128
MAX_PROMPT_CHARS = 2000
SEED_MAX = 2**31 - 1
# Keys every engine understands; engine-specific keys come from the engine's Param list.
COMMON_PARAMS = ("engine", "seconds", "seed")


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
    seconds = _seconds(params.pop("seconds", None), engine_class(engine).max_seconds)
    seed = _seed(params.pop("seed", -1), rng)
    return Job(job_id=command.job_id, slot=command.slot, engine=engine, prompt=prompt, seed=seed,
               seconds=seconds, params=engine_params(engine, params, config), origin=origin,
               submitted_at=time.time())
