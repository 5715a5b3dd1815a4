"""Scenes: several takes layered into one mix at a loudness target under a true-peak ceiling.

A scene is a list of layers; the daemon generates one take per layer with its engines and calls
:func:`render`. This module is the pure part: the scene file (parse, validate, write back), the
cache key of a layer's take (:meth:`Layer.key`), and the mix. No I/O except :func:`load_scene`.

The scene file has ONE shape: the scene's keys at the top level, each layer a ``[[layer]]``
table, a layer's engine parameters in its ``params`` table (there is no ``[scene]`` table)::

    name = "storm"            # optional; load_scene defaults it to the file's stem
    seconds = 47.0            # optional; default: where the last layer ends
    sample_rate = 44100       # of the mix
    target_lufs = -16.0       # integrated loudness of the mix (BS.1770-4)
    true_peak_db = -1.0       # dBTP ceiling, held by a true-peak limiter

    [[layer]]
    prompt = "heavy rain on a tin roof"   # the only key a layer must have
    engine = "stable-audio"   # "" or absent: the daemon's default engine
    seed = 1234               # -1: random on the first render, then reused via the cache
    seconds = 30.0            # length asked of the engine; absent: the engine's default
    params = { steps = 100, cfg_scale = 7.0 }   # other engine parameters (or [layer.params])
    gain_db = -3.0            # -60 .. +12
    pan = -0.2                # -1 (left) .. +1 (right)
    start_s = 0.0             # where the layer starts in the mix
    duration_s = 40.0         # how long it sounds; absent: its take's length (loop: to the end)
    fade_in_ms = 500.0
    fade_out_ms = 2000.0
    loop = true               # repeat the take (wrap-around crossfade) to fill duration_s

Pan: a mono take is panned with the equal-power (sin/cos) law, scaled so the centre is unity on
both sides (like a mono take duplicated to stereo; hard left is +3 dB on the left). A stereo
take keeps its image and is balanced: the far side is turned down by cos(|pan| * pi/2), the
near side stays at unity (so hard left drops the right channel entirely).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
from scipy.ndimage import maximum_filter1d

from engines.base import did_you_mean

from . import dsp, loops, meters

MAX_LAYERS = 16
MAX_SECONDS = 600.0  # longest scene, and longest take asked of an engine (daemon's long form)
MAX_PROMPT_CHARS = 2000  # as daemon.requests
SEED_MAX = 2**31 - 1  # as daemon.requests
GAIN_DB_RANGE = (-60.0, 12.0)
MAX_FADE_MS = 60_000.0
LOOP_CROSSFADE_MS = 50.0

LOOKAHEAD_MS = 1.5  # the limiter's gain reaches its reduction this long before a peak
RELEASE_MS = 80.0  # time constant (in dB) of the limiter's recovery after a peak
LIMIT_MARGIN_DB = 0.02  # the limiter aims this far under the ceiling
RELEASE_FLOOR_DB = 0.001  # a reduction smaller than this is no reduction: gain exactly 1
LOUDNESS_AIM_LU = 0.05  # the gain/limiter iteration stops this close to the target
LOUDNESS_TOLERANCE_LU = 0.5  # what render promises
MAX_ITERATIONS = 10
MIN_SLOPE = 0.1  # LU per dB of master gain below which more gain is not worth its limiting
_BLOCK = meters._TP_BLOCK  # frames per limiter gain point (16: 0.36 ms at 44.1 kHz)

SCENE_KEYS = ("name", "seconds", "sample_rate", "target_lufs", "true_peak_db", "layer")


# ---------------------------------------------------------------------------------------------
# Layers and scenes


@dataclass(frozen=True)
class Layer:
    """One layer of a scene: what makes its take (engine, prompt, seed, seconds, params) and how
    the take is placed in the mix (the rest). Validated on construction (ValueError naming each
    key); ints given for float keys become floats, the prompt is stripped, params copied."""

    prompt: str
    engine: str = ""
    """Engine name; "" = the daemon's default engine."""
    seed: int = -1
    """-1 = random on the first render (the daemon then reuses the take via the cache)."""
    seconds: float | None = None
    """Length asked of the engine; None = the engine's default."""
    params: dict = field(default_factory=dict)
    """Other engine parameters (steps, cfg_scale, ...): any keys, scalar values."""
    gain_db: float = 0.0
    """-60 .. +12 dB."""
    pan: float = 0.0
    """-1 (left) .. +1 (right): equal-power pan of a mono take, balance of a stereo take."""
    start_s: float = 0.0
    """Offset of the layer in the mix, >= 0."""
    duration_s: float | None = None
    """How long it sounds in the mix; None = its take's length (loop: to the scene's end)."""
    fade_in_ms: float = 10.0
    fade_out_ms: float = 10.0
    loop: bool = False
    """Repeat the take with a wrap-around crossfade to fill duration_s (or to the scene's end)."""

    def __post_init__(self) -> None:
        values, problems = _check_layer({f.name: getattr(self, f.name) for f in fields(self)})
        if problems:
            raise ValueError("; ".join(problems))
        for key, value in values.items():
            object.__setattr__(self, key, value)

    def key(self) -> str:
        """sha256 (hex) of what made the take: engine, prompt, seed, seconds, params as canonical
        JSON (sorted keys; 7 and 7.0 are the same number). Gain, pan, start, duration, fades and
        loop are left out: changing them re-mixes the cached take without generating again.

        The key is of the layer as written: engine "" and seed -1 are keyed as such (the daemon
        keeps the take it resolved them to under this key)."""
        made = {"engine": self.engine, "prompt": self.prompt, "seed": self.seed,
                "seconds": _canonical(self.seconds), "params": _canonical(self.params)}
        text = json.dumps(made, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Scene:
    """Layers mixed to ``target_lufs`` under a ``true_peak_db`` ceiling. Validated on
    construction; a list of layers becomes a tuple."""

    name: str
    layers: tuple[Layer, ...]
    seconds: float | None = None
    """Total length; None = where the last layer ends."""
    sample_rate: int = 44100
    target_lufs: float = -16.0
    true_peak_db: float = -1.0

    def __post_init__(self) -> None:
        if isinstance(self.layers, list):
            object.__setattr__(self, "layers", tuple(self.layers))
        for key in ("seconds", "target_lufs", "true_peak_db"):
            value = getattr(self, key)
            if isinstance(value, int) and not isinstance(value, bool):
                object.__setattr__(self, key, float(value))
        problems = list(_scene_problems(self))
        if problems:
            raise ValueError("; ".join(problems))


def _label(index: int, prompt: Any) -> str:
    """``layer 2 (distant thunder)``: 1-based, with the start of its prompt."""
    if isinstance(prompt, str) and prompt.strip():
        text = " ".join(prompt.split())
        return f"layer {index + 1} ({text[:40] + '...' if len(text) > 40 else text})"
    return f"layer {index + 1}"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _number(values: dict, key: str, lo: float, hi: float, problems: list[str], *,
            optional: bool = False, lo_open: bool = False, unit: str = "") -> None:
    """Check ``values[key]`` is a finite number in [lo, hi] (lo excluded with lo_open); store it
    as float."""
    value = values[key]
    if value is None and optional:
        return
    if not _is_number(value) or not math.isfinite(value):
        problems.append(f"{key} must be a number{' or absent' if optional else ''}, got {value!r}")
        return
    if value < lo or value > hi or (lo_open and value == lo):
        below = f"greater than {lo:g}" if lo_open else f"between {lo:g}"
        span = f"{below} and at most {hi:g}" if lo_open else f"{below} and {hi:g}"
        problems.append(f"{key} must be {span}{unit}, got {value!r}")
        return
    values[key] = float(value)


def _check_params(params: Any, problems: list[str]) -> dict:
    if not isinstance(params, dict):
        problems.append(f"params must be a table of engine parameters, got {params!r}")
        return {}
    out = {}
    for name, value in params.items():
        if not isinstance(name, str) or not name:
            problems.append(f"params: a parameter name must be non-empty text, got {name!r}")
        elif isinstance(value, bool) or isinstance(value, str):
            out[name] = value
        elif isinstance(value, int) and -2**63 <= value < 2**63:
            out[name] = value
        elif isinstance(value, float) and math.isfinite(value):
            out[name] = value
        else:
            problems.append(f"params.{name} must be text, a finite number or true/false, "
                            f"got {value!r}")
    return out


def _check_layer(given: dict) -> tuple[dict, list[str]]:
    """Coerced values and the problems (one message per key) of a layer's fields."""
    values, problems = dict(given), []
    prompt = values["prompt"]
    if not isinstance(prompt, str) or not prompt.strip():
        problems.append(f"prompt must be non-empty text, got {prompt!r}")
    else:
        values["prompt"] = prompt.strip()
        if len(values["prompt"]) > MAX_PROMPT_CHARS:
            problems.append(f"prompt has {len(values['prompt'])} characters; at most "
                            f"{MAX_PROMPT_CHARS}")
    if not isinstance(values["engine"], str):
        problems.append(f"engine must be an engine name (text), got {values['engine']!r}")
    seed = values["seed"]
    if isinstance(seed, bool) or not isinstance(seed, int) or not -1 <= seed <= SEED_MAX:
        problems.append(f"seed must be a whole number from -1 (random) to {SEED_MAX}, "
                        f"got {seed!r}")
    _number(values, "seconds", 0.01, MAX_SECONDS, problems, optional=True, unit=" s")
    values["params"] = _check_params(values["params"], problems)
    _number(values, "gain_db", *GAIN_DB_RANGE, problems)
    _number(values, "pan", -1.0, 1.0, problems)
    _number(values, "start_s", 0.0, MAX_SECONDS, problems, unit=" s")
    _number(values, "duration_s", 0.01, MAX_SECONDS, problems, optional=True, unit=" s")
    _number(values, "fade_in_ms", 0.0, MAX_FADE_MS, problems, unit=" ms")
    _number(values, "fade_out_ms", 0.0, MAX_FADE_MS, problems, unit=" ms")
    if not isinstance(values["loop"], bool):
        problems.append(f"loop must be true or false, got {values['loop']!r}")
    return values, problems


def _scene_problems(scene: Scene):
    if not isinstance(scene.name, str) or not scene.name.strip():
        yield f"name must be non-empty text, got {scene.name!r}"
    seconds = scene.seconds
    if seconds is not None and not (_is_number(seconds) and 0.01 <= seconds <= MAX_SECONDS):
        yield f"seconds must be between 0.01 and {MAX_SECONDS:g} s or absent, got {seconds!r}"
    rate = scene.sample_rate
    if isinstance(rate, bool) or not (isinstance(rate, int) and 8000 <= rate <= 384_000):
        yield f"sample_rate must be a whole number from 8000 to 384000 Hz, got {rate!r}"
    if not (_is_number(scene.target_lufs) and -70.0 <= scene.target_lufs <= 0.0):
        yield f"target_lufs must be between -70 and 0, got {scene.target_lufs!r}"
    if not (_is_number(scene.true_peak_db) and -60.0 <= scene.true_peak_db <= 0.0):
        yield f"true_peak_db must be between -60 and 0 dB, got {scene.true_peak_db!r}"
    if not isinstance(scene.layers, tuple) or not 1 <= len(scene.layers) <= MAX_LAYERS:
        count = len(scene.layers) if isinstance(scene.layers, tuple) else scene.layers
        yield f"a scene has 1 to {MAX_LAYERS} layers, got {count!r}"
        return
    for i, layer in enumerate(scene.layers):
        if not isinstance(layer, Layer):
            yield f"layer {i + 1}: expected a Layer, got {type(layer).__name__}"
        elif (seconds is not None and _is_number(seconds) and layer.start_s >= seconds):
            yield (f"{_label(i, layer.prompt)}: start_s {layer.start_s:g} is at or after the "
                   f"scene's end (seconds = {seconds:g})")


def _canonical(value: Any) -> Any:
    """Numbers that are whole become ints (7.0 -> 7), so equal values key alike."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    return value


# ---------------------------------------------------------------------------------------------
# The scene file


_LAYER_KEYS = tuple(f.name for f in fields(Layer))
_LAYER_DEFAULTS = {f.name: f.default for f in fields(Layer) if f.name not in ("prompt", "params")}


def parse_scene(data: dict, name: str = "scene") -> Scene:
    """A Scene from TOML data (see the module docstring for the one shape).

    ``data["name"]``, when present, wins over ``name``. Every problem is reported at once in one
    ValueError; each names its layer (``layer 2 (distant thunder): gain_db must be between -60
    and 12, got 40``) and key. Unknown keys are refused with a did-you-mean.
    """
    if not isinstance(data, dict):
        raise ValueError(f"a scene is a table of keys, got {type(data).__name__}")
    problems: list[str] = []
    for key in data:
        if key not in SCENE_KEYS:
            hint = did_you_mean(key, SCENE_KEYS)
            if key == "scene":
                hint = ("; a scene file has one shape: the scene's keys at the top level, "
                        "each layer a [[layer]] table")
            problems.append(f"unknown key {key!r}{hint} (known: {', '.join(SCENE_KEYS)})")
    scene_name = data.get("name", name)
    layers_data = data.get("layer")
    layers: list[Layer] = []
    if layers_data is None:
        problems.append("a scene needs at least one [[layer]] table")
    elif not isinstance(layers_data, list) or not all(isinstance(t, dict) for t in layers_data):
        problems.append(f"layer must be a list of [[layer]] tables, got {layers_data!r}")
    elif not 1 <= len(layers_data) <= MAX_LAYERS:
        problems.append(f"a scene has 1 to {MAX_LAYERS} layers, got {len(layers_data)}")
    else:
        for i, table in enumerate(layers_data):
            label = _label(i, table.get("prompt"))
            for key in table:
                if key not in _LAYER_KEYS:
                    hint = did_you_mean(key, _LAYER_KEYS) or (
                        f"; engine parameters go in the layer's params table, e.g. "
                        f"params = {{ {_toml_key(str(key))} = ... }}")
                    problems.append(f"{label}: unknown key {key!r}{hint}")
            if "prompt" not in table:
                problems.append(f"{label}: prompt is missing (every layer needs one)")
                continue
            given = {**_LAYER_DEFAULTS, "params": {},
                     **{k: v for k, v in table.items() if k in _LAYER_KEYS}}
            values, mine = _check_layer(given)
            problems += [f"{label}: {p}" for p in mine]
            if not mine:
                layers.append(Layer(**values))
    if not problems:
        try:
            return Scene(name=scene_name, layers=tuple(layers),
                         **{k: data[k] for k in SCENE_KEYS[1:-1] if k in data})
        except ValueError as exc:
            problems.append(str(exc))
    label = scene_name if isinstance(scene_name, str) else name
    raise ValueError(f"invalid scene {label!r}: " + "; ".join(problems))


def load_scene(path) -> Scene:
    """Read a scene file (TOML); errors name the file. The name defaults to the file's stem."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: scene file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: not valid TOML: {exc}") from None
    try:
        return parse_scene(data, name=path.stem)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}


def _toml_str(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped, the rest as is
    (JSON's escaping is not enough: it leaves U+007F raw and writes surrogate pairs)."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_str(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # shortest repr: reads back as the same float
    if isinstance(value, str):
        return _toml_str(value)
    raise TypeError(f"cannot write {value!r} as TOML")


def scene_toml(scene: Scene) -> str:
    """The scene as TOML in the one shape ``parse_scene`` reads, every key written (defaults
    too, so an archived scene does not depend on this version's defaults); absent values
    (None) are left out. ``parse_scene(tomllib.loads(scene_toml(s))) == s``."""
    lines = ["# fragmentd scene", f"name = {_toml_str(scene.name)}"]
    if scene.seconds is not None:
        lines.append(f"seconds = {_toml_value(scene.seconds)}")
    lines += [f"sample_rate = {scene.sample_rate}",
              f"target_lufs = {_toml_value(scene.target_lufs)}",
              f"true_peak_db = {_toml_value(scene.true_peak_db)}"]
    for i, layer in enumerate(scene.layers):
        lines += ["", f"[[layer]]  # {i + 1}"]
        for key in _LAYER_KEYS:
            value = getattr(layer, key)
            if key == "params":
                items = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}"
                                  for k, v in sorted(value.items()))
                lines.append(f"params = {{ {items} }}" if items else "params = {}")
            elif value is not None:
                lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# The mix


@dataclass
class MixResult:
    audio: np.ndarray
    """float32 (frames, 2) at the scene's sample rate: the master."""
    stems: list[np.ndarray]
    """Each layer as placed in the mix (gain, pan, offset, fades, loop applied), float32
    (frames, 2), as long as ``audio``; before the master gain and the limiter."""
    report: dict
    """JSON-serialisable: levels, master gain, limiter reduction, per-layer placement."""


def _json_float(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def pan_gains(pan: float, channels: int) -> np.ndarray:
    """(left, right) gains of a layer: equal-power pan for mono (unity at the centre), balance
    for stereo (see the module docstring). Hard left/right give an exact 0 on the far side."""
    if channels == 1:
        theta = (pan + 1.0) * math.pi / 4.0
        gains = [math.sqrt(2.0) * math.cos(theta), math.sqrt(2.0) * math.sin(theta)]
    else:
        far = math.cos(abs(pan) * math.pi / 2.0)
        gains = [1.0, far] if pan < 0 else [far, 1.0]
    return np.array([0.0 if abs(g) < 1e-12 else g for g in gains])


def _loop(audio: np.ndarray, sample_rate: int, frames: int) -> np.ndarray:
    """The take repeated to exactly ``frames`` with a wrap-around crossfade
    (:func:`fragments.loops.make_loop`: the loop starts at a zero crossing within 5 ms of the
    take's start and every repeat's seam is crossfaded, so no repeat clicks)."""
    looped = np.asarray(loops.make_loop(audio, sample_rate, frames=frames,
                                        crossfade_ms=LOOP_CROSSFADE_MS), dtype=np.float32)
    if looped.shape != (frames, audio.shape[1]):  # make_loop promises exactly `frames`
        raise ValueError(f"looping gave {looped.shape} frames x channels, expected "
                         f"({frames}, {audio.shape[1]})")
    return looped


def _prepare_take(index: int, layer: Layer, take: Any, rate: int) -> tuple[np.ndarray, int, int]:
    """The take as float32 (frames, 1 or 2) at ``rate``; its original frames and rate."""
    label = _label(index, layer.prompt)
    if not (isinstance(take, (tuple, list)) and len(take) == 2):
        raise ValueError(f"{label}: a take must be (audio, sample_rate), got {type(take).__name__}")
    audio, take_rate = take
    if (isinstance(take_rate, bool) or not isinstance(take_rate, (int, np.integer))
            or take_rate <= 0):
        raise ValueError(f"{label}: the take's sample rate must be a positive whole number, "
                         f"got {take_rate!r}")
    try:
        frames = dsp.as_frames(audio)
        if frames.shape[1] > 2:
            raise ValueError(f"the take has {frames.shape[1]} channels; only mono and stereo "
                             f"takes can be mixed")
        return dsp.resample(frames, int(take_rate), rate), frames.shape[0], int(take_rate)
    except ValueError as exc:
        raise ValueError(f"{label}: {exc}") from None


class _PeakEnvelope:
    """Per block of ``_BLOCK`` frames of a float32 (frames, channels) mix: the largest absolute
    value of its 4x oversampled signal (all channels, the meters' interpolator), computed
    exactly only where a level asked for can be reached; elsewhere the sample peak stands in.

    The in-between values of block j are computed from samples of blocks j-1..j+1 and are at most
    ``bound`` times the largest of them (see meters.peaks), so block j can exceed ``level`` only
    if ``bound * max(sample peak of j-1..j+1) >= level``. The ringing just outside the mix
    (blocks -1 and n) is counted in its first and last block.
    """

    def __init__(self, padded: np.ndarray, frames: int) -> None:
        # padded: two silent blocks, the mix (frames), zeros to a whole block, two silent blocks
        self.blocks = -(-frames // _BLOCK)
        self.channels = padded.shape[1]
        self.rows = padded.reshape(self.blocks + 4, _BLOCK, self.channels)
        self.sample = meters._block_peaks(padded, _BLOCK).astype(np.float64)  # row r: block r-2
        self.peaks = self.sample[2:-2].copy()
        self.done = np.zeros(self.blocks + 2, dtype=bool)  # blocks -1..n
        self.bound = meters._interpolator()[1]
        self.matrix = meters._block_interpolator(_BLOCK)

    def exact_above(self, level: float) -> np.ndarray:
        """Per-block peaks, exact wherever they can reach ``level``."""
        near = np.maximum(np.maximum(self.sample[:-2], self.sample[1:-1]), self.sample[2:])
        wanted = np.flatnonzero((near * self.bound >= level) & ~self.done)  # k = block + 1
        if len(wanted):
            self.done[wanted] = True
            values = self._interpolated(wanted + 1)  # rows of blocks -1..n start at 1
            blocks = np.clip(wanted - 1, 0, self.blocks - 1)
            np.maximum.at(self.peaks, blocks, values)
        return self.peaks

    def _interpolated(self, rows: np.ndarray) -> np.ndarray:
        """Largest absolute in-between value of each given row (block)."""
        step = max(1, meters._BLAS_SINGLE_THREAD_WORK // self.matrix.size)
        best = np.zeros(len(rows))
        window = np.arange(-1, 2)
        for start in range(0, len(rows), step):
            part = rows[start:start + step]
            seg = self.rows[part[:, np.newaxis] + window]  # (k, 3, block, channels)
            for c in range(self.channels):
                values = np.ascontiguousarray(seg[..., c]).reshape(len(part), -1) @ self.matrix
                peak = np.abs(values).max(axis=1)
                best[start:start + len(part)] = np.maximum(best[start:start + len(part)], peak)
        return best


def _reduction_curve(required_db: np.ndarray, lookahead: int, release: float) -> np.ndarray:
    """Gain reduction (dB, >= 0) at each block boundary from the reduction each block requires.

    Point i sits at frame ``i * _BLOCK``; a frame's gain is interpolated between the two points
    around it. Look-ahead: each point takes the largest requirement of blocks i-2 .. i+lookahead+1.
    Release: that hold decays exponentially (time constant ``release`` points) and never falls
    below a newer requirement: ``e[i] = max_k h[k] exp(-(i-k)/release)``, computed as a running
    maximum in the log domain. Attack: a trailing mean over ``lookahead + 1`` points, so the
    reduction ramps smoothly in over the look-ahead and is complete at points i-1..i+2 around a
    peak in block i: every frame within a block of it is turned down at least as far as it
    needs (which also covers the 4x interpolator's +-8 frame reach). Where nothing is
    required the result is exactly 0 (gain exactly 1).
    """
    n = len(required_db)
    size = lookahead + 4
    hold = maximum_filter1d(required_db, size=size, origin=2 - size // 2, mode="constant",
                            cval=0.0)  # hold[i] = max(required[i-2 .. i+lookahead+1])
    curve = np.zeros(n)
    active = np.flatnonzero(hold)
    if not len(active):
        return curve
    first = active[0]  # before the first requirement nothing happens
    with np.errstate(divide="ignore"):
        logs = np.log(hold[first:])
    t = np.arange(n - first) / release
    held = np.exp(np.maximum.accumulate(logs + t) - t)
    held[held < RELEASE_FLOOR_DB] = 0.0
    # trailing mean over lookahead + 1 points; before `first` the hold is 0, except before the
    # mix's start, where the first point's hold stands in (a peak at the very start)
    before = np.full(lookahead, held[0] if first == 0 else 0.0)
    total = np.concatenate([[0.0], np.cumsum(np.concatenate([before, held]))])
    curve[first:] = (total[lookahead + 1:] - total[:-(lookahead + 1)]) / (lookahead + 1)
    curve[curve < 0.0] = 0.0
    return curve


def _limit(mix: np.ndarray, master: float, envelope: _PeakEnvelope, ceiling_db: float,
           sample_rate: int) -> tuple[np.ndarray, float]:
    """``mix * master`` as float32 with its true peak held under ``ceiling_db``; the largest gain
    reduction in dB. Frames far from any peak over the ceiling are exactly ``float32(mix *
    master)``; with no peak over it, all of them are (the limiter does nothing)."""
    out = np.empty(mix.shape, dtype=np.float32)
    np.multiply(mix, master, out=out, casting="same_kind")  # float64 product, rounded once
    ceiling = meters.db_to_gain(ceiling_db)
    levels = envelope.exact_above(ceiling / master) * master
    over = levels > ceiling
    if not over.any():
        return out, 0.0
    required = np.zeros(envelope.blocks + 1)
    required[:-1][over] = 20.0 * np.log10(levels[over] / ceiling) + LIMIT_MARGIN_DB
    lookahead = max(1, math.ceil(LOOKAHEAD_MS / 1000.0 * sample_rate / _BLOCK))
    release = RELEASE_MS / 1000.0 * sample_rate / _BLOCK
    curve = _reduction_curve(required, lookahead, release)
    # a frame's gain: interpolated between the points either side of its block, only over the
    # blocks from the first to the last that any reduction touches (the rest is untouched)
    touched = np.flatnonzero(curve)
    first, last = max(0, touched[0] - 1), min(envelope.blocks, touched[-1] + 1)
    points = (10.0 ** (-curve[first:last + 1] / 20.0)).astype(np.float32)
    points[curve[first:last + 1] == 0.0] = 1.0
    frac = np.arange(_BLOCK, dtype=np.float32) / np.float32(_BLOCK)
    # p0 + (p1 - p0) * frac: exactly 1 between two unity points
    gain = points[:-1, np.newaxis] + (points[1:] - points[:-1])[:, np.newaxis] * frac
    start = first * _BLOCK
    span = out[start:last * _BLOCK]
    span *= gain.reshape(-1)[:span.shape[0], np.newaxis]
    return out, float(curve.max())


def render(scene: Scene, takes: list[tuple[np.ndarray, int]]) -> MixResult:
    """Mix the takes of a scene's layers (``takes[i] = (audio, sample_rate)`` of layer i).

    Per layer: resample (soxr HQ) to the scene's rate, loop (wrap-around crossfade) or cut to
    its duration, fades, gain, pan, placed at its start. The stems are summed in float64 (no
    clipping while summing), the master gain brings the mix to ``target_lufs`` and a true-peak
    limiter (look-ahead, smooth attack, exponential release, gain exactly 1 away from peaks
    over the ceiling) holds it under ``true_peak_db``. Gain and limiter are iterated (secant
    steps on the measured loudness) until it is within 0.05 LU of the target; every try's true
    peak is checked with the meter and a tiny safety gain applied if it is over. A target that
    cannot be reached without crushing the mix (more gain buys < 0.1 LU per dB: clicks in
    silence, a target just under the ceiling) is given up on: the closest try with the least
    limiting is returned and ``report["on_target"]`` is False (it is True within 0.5 LU).

    The scene ends at ``scene.seconds``, or else where the last layer ends (a layer ends at
    start_s + duration_s, or its take's length when duration_s is None; a looping layer without
    duration_s fills to the scene's end). A layer running past the scene's end is cut there and
    faded out at the cut. A non-looping layer asked to last longer than its take stops with it.

    ValueError (naming the layer) when the number of takes is wrong, a take is empty, NaN,
    integer PCM or has more than 2 channels; when the mix is silent.
    """
    if not isinstance(scene, Scene):
        raise ValueError(f"render needs a Scene, got {type(scene).__name__}")
    if len(takes) != len(scene.layers):
        raise ValueError(f"scene {scene.name!r} has {len(scene.layers)} layers but "
                         f"{len(takes)} takes were given")
    rate = scene.sample_rate
    prepared = [_prepare_take(i, layer, take, rate)
                for i, (layer, take) in enumerate(zip(scene.layers, takes))]
    starts = [int(round(layer.start_s * rate)) for layer in scene.layers]
    if scene.seconds is not None:
        frames = int(round(scene.seconds * rate))
    else:
        frames = max(start + (int(round(layer.duration_s * rate)) if layer.duration_s is not None
                              else audio.shape[0])
                     for start, layer, (audio, _, _) in zip(starts, scene.layers, prepared))
    if frames > MAX_SECONDS * rate:
        raise ValueError(f"scene {scene.name!r} would last {frames / rate:.1f} s; at most "
                         f"{MAX_SECONDS:g} s (set seconds or shorten the layers)")

    # two silent blocks either side and zeros to a whole block: the limiter's envelope reads
    # the mix in blocks with their neighbours; the mix itself is the view in the middle
    blocks = -(-frames // _BLOCK)
    padded = np.zeros(((blocks + 4) * _BLOCK, 2), dtype=np.float32)
    mix = np.zeros((frames, 2))
    stems, placement = [], []
    for i, (layer, (audio, take_frames, take_rate), start) in enumerate(
            zip(scene.layers, prepared, starts)):
        available = frames - start
        if available <= 0:
            raise ValueError(f"{_label(i, layer.prompt)}: starts at {layer.start_s:g} s, at or "
                             f"after the scene's end ({frames / rate:g} s)")
        want = (int(round(layer.duration_s * rate)) if layer.duration_s is not None
                else available if layer.loop else audio.shape[0])
        length = min(want, available)
        looped = layer.loop and length > audio.shape[0]
        if looped:
            try:
                part = _loop(audio, rate, length)
            except ValueError as exc:
                raise ValueError(f"{_label(i, layer.prompt)}: {exc}") from None
        else:
            length = min(length, audio.shape[0])
            part = audio[:length]
        gains = (pan_gains(layer.pan, audio.shape[1]) * meters.db_to_gain(layer.gain_db))
        stem = np.zeros((frames, 2), dtype=np.float32)
        placed = stem[start:start + length]
        for side in range(2):  # one column at a time: ~4x faster than broadcasting (n, 2)
            np.multiply(part[:, min(side, part.shape[1] - 1)], np.float32(gains[side]),
                        out=placed[:, side])
        dsp.apply_fades(placed, rate, layer.fade_in_ms, layer.fade_out_ms, out=placed)
        mix[start:start + length] += placed
        stems.append(stem)
        placement.append({
            "layer": i + 1, "prompt": layer.prompt, "key": layer.key(),
            "take_seconds": take_frames / take_rate, "take_sample_rate": take_rate,
            "take_channels": int(audio.shape[1]), "resampled": take_rate != rate,
            "start_frame": start, "frames": length, "start_s": start / rate,
            "seconds": length / rate, "end_s": (start + length) / rate,
            "looped": bool(looped), "cut": (not looped) and length < audio.shape[0],
            "gain_db": layer.gain_db, "pan": layer.pan,
            "channel_gains_db": [_json_float(meters.gain_to_db(g)) for g in gains],
        })

    mix32 = padded[2 * _BLOCK:2 * _BLOCK + frames]
    np.copyto(mix32, mix, casting="same_kind")
    gated = True
    before = meters.integrated_loudness(mix32, rate)
    if not math.isfinite(before):  # only short sounds above the absolute gate: measure ungated
        gated = False
        before = meters.integrated_loudness(mix32, rate, gated=False)
    if not math.isfinite(before):
        raise ValueError(f"the mix of scene {scene.name!r} is silent (every layer is digital "
                         f"silence where it sounds)")
    envelope = _PeakEnvelope(padded, frames)
    target, ceiling_db = scene.target_lufs, scene.true_peak_db

    gain_db = target - before
    tried: list[dict] = []
    while True:
        out, reduction = _limit(mix, meters.db_to_gain(gain_db), envelope, ceiling_db, rate)
        # measured even when the limiter did nothing: a gain moves blocks across BS.1770's
        # absolute gate, so loudness does not always shift by exactly the gain
        loudness = meters.integrated_loudness(out, rate, gated=gated)
        true_peak = meters.true_peak(out)  # the final check, with the meter
        safety_db = min(0.0, ceiling_db - true_peak)
        if safety_db < 0.0:
            safety_db -= 1e-4  # float32 rounding of the product must not land on the ceiling
        tried.append({"gain_db": gain_db, "loudness": loudness + safety_db,
                      "reduction": reduction, "safety_db": safety_db, "true_peak": true_peak})
        if (abs(loudness + safety_db - target) <= LOUDNESS_AIM_LU
                or len(tried) == MAX_ITERATIONS or _saturated(tried, target)):
            break
        gain_db = _next_gain(tried, target)
    chosen = _choose(tried, target)
    if chosen is not tried[-1]:  # only the last output is kept: make the chosen one again
        out, _ = _limit(mix, meters.db_to_gain(chosen["gain_db"]), envelope, ceiling_db, rate)
    safety_db, true_peak = chosen["safety_db"], chosen["true_peak"]
    if safety_db < 0.0:
        out *= np.float32(meters.db_to_gain(safety_db))
        true_peak = meters.true_peak(out)
    error = chosen["loudness"] - target
    report = {
        "scene": scene.name,
        "seconds": frames / rate,
        "frames": frames,
        "sample_rate": rate,
        "target_lufs": target,
        "loudness_lufs": _json_float(chosen["loudness"]),
        "loudness_error_lu": float(error),
        "on_target": abs(error) <= LOUDNESS_TOLERANCE_LU,
        "loudness_gated": gated,
        "loudness_lufs_before": _json_float(before),
        "true_peak_ceiling_db": ceiling_db,
        "true_peak_db": _json_float(true_peak),
        "sample_peak_db": _json_float(meters.gain_to_db(meters.sample_peak(out))),
        "gain_db": float(chosen["gain_db"]),
        "limited": chosen["reduction"] > 0.0,
        "limiter_gain_reduction_db": float(chosen["reduction"]),
        "safety_gain_db": float(safety_db),
        "iterations": len(tried),
        "layers": placement,
    }
    return MixResult(audio=out, stems=stems, report=report)


def _saturated(tried: list[dict], target: float) -> bool:
    """True when raising the gain no longer buys loudness: the last step up gained less than
    ``MIN_SLOPE`` LU per dB (the limiter takes the rest), so the target is out of reach without
    crushing the mix (sparse clicks in silence, say)."""
    if len(tried) < 2:
        return False
    before, last = tried[-2], tried[-1]
    step = last["gain_db"] - before["gain_db"]
    return (last["loudness"] < target and step > 1.0
            and (last["loudness"] - before["loudness"]) < MIN_SLOPE * step)


def _choose(tried: list[dict], target: float) -> dict:
    """The try closest to the target; of those within 0.1 LU of it, the one with the least
    gain (the least limiting for next to no loudness)."""
    best = min(abs(t["loudness"] - target) for t in tried)
    near = [t for t in tried if abs(t["loudness"] - target) <= best + 0.1]
    return min(near, key=lambda t: t["gain_db"])


def _next_gain(tried: list[dict], target: float) -> float:
    """Next master gain to try: a secant step on loudness(gain), kept inside the bracket of
    gains known to be too quiet and too loud (bisection when the step leaves it)."""
    points = [(t["gain_db"], t["loudness"]) for t in tried]
    gain, loudness = points[-1]
    low = max((g for g, lu in points if lu < target), default=-math.inf)
    high = min((g for g, lu in points if lu > target), default=math.inf)
    slope = 1.0  # the limiter can only make a gain step count for less
    if len(points) >= 2:
        (g0, l0), (g1, l1) = points[-2], points[-1]
        if g1 != g0:
            slope = min(1.0, max(MIN_SLOPE, (l1 - l0) / (g1 - g0)))
    step = max(-24.0, min(24.0, (target - loudness) / slope))
    proposal = gain + step
    if not low < proposal < high and math.isfinite(low) and math.isfinite(high):
        proposal = 0.5 * (low + high)
    return proposal
