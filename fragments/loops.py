"""Loops and exact lengths: bar lengths to the sample, seamless loops, fit to length, joins.

Pure like :mod:`fragments.dsp`: float32 ``(frames, channels)`` arrays in and out, no I/O.
A loop is seamless when playing it end to end repeatedly is as continuous as the take itself:
the audio past the loop's end is crossfaded into its head, so ``out[-1] -> out[0]`` is a step
the take actually made.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from . import dsp

SEARCH_MS = 5.0
"""How far past the intended start a cut may move to land on a zero crossing."""
MIN_CROSSFADE_MS = 5.0
"""Shortest crossfade a short take is clamped to; a take must hold two of them to loop."""


def _exact(value, name: str) -> Fraction:
    """``value`` as an exact fraction; a float is read as the decimal it prints as.

    A tempo typed as 172.032 is stored as 172.03199999...; reading the decimal rounds a bar
    that falls on a half frame (8 bars at 44100 Hz: 492187.5) by the tempo meant, not by the
    binary approximation of it.
    """
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, Fraction):
        return value
    if not isinstance(value, (float, np.floating)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    f = float(value)
    if not math.isfinite(f):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return Fraction(repr(f))


def _check_rate(sample_rate) -> int:
    if isinstance(sample_rate, (bool, np.bool_)) or not (
            isinstance(sample_rate, (int, np.integer)) and sample_rate > 0):
        raise ValueError(f"sample_rate must be a positive integer, got {sample_rate!r}")
    return int(sample_rate)


def _check_frames(frames, name: str = "frames") -> int:
    if isinstance(frames, (bool, np.bool_)) or not isinstance(frames, (int, np.integer)):
        raise ValueError(f"{name} must be an integer number of frames, got {frames!r}")
    if frames < 1:
        raise ValueError(f"{name} must be at least 1, got {frames}")
    return int(frames)


def _check_ms(value, name: str, positive: bool) -> float:
    ms = float(value)
    if not math.isfinite(ms) or ms < 0 or (positive and ms == 0):
        bound = "more than 0" if positive else "at least 0"
        raise ValueError(f"{name} must be finite and {bound} ms, got {value!r}")
    return ms


def bar_frames(bpm: float, bars: float, sample_rate: int, beats_per_bar: int = 4) -> int:
    """Length in frames of ``bars`` bars at ``bpm``, exact to the sample.

    ``round(bars * beats_per_bar * 60 * sample_rate / bpm)`` computed in fractions, so no float
    error can put a bar one frame off the grid a DAW counts in.
    """
    rate = _check_rate(sample_rate)
    tempo = _exact(bpm, "bpm")
    if not 20 <= tempo <= 999:
        raise ValueError(f"bpm must be between 20 and 999, got {bpm!r}")
    count = _exact(bars, "bars")
    if not 0 < count <= 256:
        raise ValueError(f"bars must be more than 0 and at most 256, got {bars!r}")
    if isinstance(beats_per_bar, (bool, np.bool_)) or not (
            isinstance(beats_per_bar, (int, np.integer)) and 1 <= beats_per_bar <= 32):
        raise ValueError(f"beats_per_bar must be an integer from 1 to 32, got {beats_per_bar!r}")
    frames = round(count * int(beats_per_bar) * 60 * rate / tempo)
    if frames < 1:
        raise ValueError(f"bars={bars!r} at {bpm!r} bpm is shorter than one frame at {rate} Hz")
    return frames


def _zero_crossings(mono: np.ndarray, hi: int) -> np.ndarray:
    """Frames in ``[0, hi]`` nearest each zero crossing of ``mono``; every frame there if none."""
    seg = mono[:hi + 2]
    j = np.flatnonzero(np.sign(seg[:-1]) * np.sign(seg[1:]) <= 0)
    j = j + (np.abs(seg[j + 1]) < np.abs(seg[j]))
    j = np.unique(j[j <= hi])
    return j if j.size else np.arange(hi + 1)


def _gentlest(x: np.ndarray, candidates: np.ndarray) -> int:
    """The candidate seam ``e`` (``0 < e < len(x)``) where ``x[e-1] -> x[e]`` steps least.

    The seam of a wrapped loop is a step the take made itself; putting it where the waveform
    moves slowly keeps it within the signal's typical step.
    """
    steps = np.abs(x[candidates] - x[candidates - 1]).max(axis=1)
    return int(candidates[np.argmin(steps)])


def _wrap(x: np.ndarray, start: int, frames: int, fade: int) -> np.ndarray:
    """``x[start:start+frames]`` with the ``fade`` frames after it crossfaded into its head.

    The head begins at full gain on ``x[start+frames]``, the frame that followed the loop's last
    one, and ends at full gain on the loop's own audio: sin/cos gains keep the power constant
    for uncorrelated material.
    """
    out = x[start:start + frames].copy()
    if fade:
        t = (np.pi / 2) * np.arange(fade)[:, np.newaxis] / fade
        tail = x[start + frames:start + frames + fade]
        out[:fade] = (out[:fade] * np.sin(t) + tail * np.cos(t)).astype(np.float32)
    return out


def make_loop(audio: np.ndarray, sample_rate: int, frames: int | None = None,
              crossfade_ms: float = 50.0) -> np.ndarray:
    """A loop that repeats without a click at the seam, float32 ``(frames, channels)``.

    The loop starts at a zero crossing of the mono sum within ``SEARCH_MS`` of the take's start
    (of those, the one whose seam steps least). ``frames=None`` gives the longest loop the take
    allows: its length less the crossfade, the start offset and up to ``SEARCH_MS`` more to put
    the seam where the waveform moves slowly. ``frames=N`` gives exactly N frames: a take with
    room to spare is cut and the surplus wrapped into the head; a shorter one is first made a
    loop, repeated, and wrapped again, so the N-frame loop is seamless too.

    The crossfade is clamped to N, to the surplus, and to half a short take, but not below
    ``MIN_CROSSFADE_MS`` (a take without room for that is repeated instead). Raises
    ``ValueError`` for an empty take, N < 1, or a take shorter than two minimal crossfades.
    """
    rate = _check_rate(sample_rate)
    if frames is not None:
        frames = _check_frames(frames)
    fade_want = max(1, round(_check_ms(crossfade_ms, "crossfade_ms", positive=True)
                             * rate / 1000.0))
    x = dsp.as_frames(audio)
    n = x.shape[0]
    fade_min = min(fade_want, max(2, round(MIN_CROSSFADE_MS * rate / 1000.0)))
    if n < 2 * fade_min:
        raise ValueError(f"take too short to loop: {n} frames, needs at least {2 * fade_min} "
                         f"(two crossfades of {fade_min} frames)")
    window = round(SEARCH_MS * rate / 1000.0)
    mono = x.sum(axis=1, dtype=np.float64)

    if frames is not None:
        fade = min(fade_want, frames, n - frames)
        if fade >= min(fade_min, frames):
            starts = _zero_crossings(mono, min(window, n - frames - fade))
            start = _gentlest(x, starts + frames) - frames
            return _wrap(x, start, frames, fade)

    fade = min(fade_want, n // 2)
    start = int(_zero_crossings(mono, min(window, n - 2 * fade))[0])
    last = n - fade
    end = _gentlest(x, np.arange(max(start + fade, last - window), last + 1))
    loop = _wrap(x, start, end - start, fade)
    if frames is None:
        return loop

    period = loop.shape[0]
    fade = min(fade_want, frames)
    reps = -(-(window + frames + fade) // period)
    tiled = np.tile(loop, (reps, 1))
    if frames % period == 0:  # already seamless; a crossfade of identical audio would swell
        return tiled[:frames].copy()
    starts = _zero_crossings(tiled.sum(axis=1, dtype=np.float64), window)
    start = _gentlest(tiled, starts + frames) - frames
    return _wrap(tiled, start, frames, fade)


def fit_length(audio: np.ndarray, sample_rate: int, frames: int,
               fade_ms: float = 10.0) -> np.ndarray:
    """Exactly ``frames`` frames, not looped: cut with a raised-cosine fade-out, or pad.

    The fade (clamped to ``frames``) is only applied when audio was cut, so that the new end does
    not click; a padded take keeps its own ending and is followed by digital silence.
    """
    rate = _check_rate(sample_rate)
    frames = _check_frames(frames)
    ms = _check_ms(fade_ms, "fade_ms", positive=False)
    x = dsp.as_frames(audio)
    if x.shape[0] >= frames:
        out = x[:frames].copy()
        if x.shape[0] > frames:
            fade = min(frames, round(ms * rate / 1000.0))
            if fade:
                out[frames - fade:] *= dsp.fade_curve(fade)[::-1, np.newaxis]
        return out
    out = np.zeros((frames, x.shape[1]), dtype=np.float32)
    out[:x.shape[0]] = x
    return out


def join_segments(segments: list[np.ndarray], overlap_frames: int) -> np.ndarray:
    """Join consecutive segments that overlap by ``overlap_frames`` with equal-power crossfades.

    Equal power (sin/cos) suits segments rendered separately, whose overlaps are uncorrelated:
    the level holds through each joint. Output length is
    ``sum(len(s)) - overlap_frames * (len(segments) - 1)``. A middle segment must hold both of
    its overlaps, so it needs ``2 * overlap_frames`` frames; the first and last need one.
    """
    if isinstance(overlap_frames, (bool, np.bool_)) or not (
            isinstance(overlap_frames, (int, np.integer)) and overlap_frames >= 0):
        raise ValueError(f"overlap_frames must be an integer >= 0, got {overlap_frames!r}")
    overlap = int(overlap_frames)
    if len(segments) == 0:
        raise ValueError("no segments to join")
    parts = []
    for i, segment in enumerate(segments):
        try:
            part = dsp.as_frames(segment)
        except ValueError as error:
            raise ValueError(f"segment {i}: {error}") from None
        if parts and part.shape[1] != parts[0].shape[1]:
            raise ValueError(f"segment {i} has {part.shape[1]} channels, segment 0 has "
                             f"{parts[0].shape[1]}")
        ends = (i > 0) + (i < len(segments) - 1)
        if part.shape[0] < ends * overlap:
            raise ValueError(f"segment {i} has {part.shape[0]} frames, shorter than its "
                             f"{ends} overlap(s) of {overlap} frames")
        parts.append(part)
    total = sum(p.shape[0] for p in parts) - overlap * (len(parts) - 1)
    out = np.zeros((total, parts[0].shape[1]), dtype=np.float32)
    t = (np.pi / 2) * (np.arange(overlap)[:, np.newaxis] + 0.5) / max(overlap, 1)
    fade_in, fade_out = np.sin(t), np.cos(t)
    at = 0
    for i, part in enumerate(parts):
        n = part.shape[0]
        if i == 0 or overlap == 0:
            out[at:at + n] = part
        else:
            mixed = out[at:at + overlap] * fade_out + part[:overlap] * fade_in
            out[at:at + overlap] = mixed.astype(np.float32)
            out[at + overlap:at + n] = part[overlap:]
        at += n - overlap
    return out


def seam_jump(loop: np.ndarray) -> float:
    """The step a repeating loop makes at its seam: max over channels of ``|loop[0] - loop[-1]|``.
    """
    x = dsp.as_frames(loop)
    return float(np.max(np.abs(x[0].astype(np.float64) - x[-1].astype(np.float64))))


def typical_step(audio: np.ndarray) -> float:
    """The signal's typical sample-to-sample change: 95th percentile of ``|diff|``.

    Taken over all frames and channels; a seam no larger than this is not heard as a click.
    """
    x = dsp.as_frames(audio)
    if x.shape[0] < 2:
        raise ValueError(f"typical_step needs at least 2 frames, got {x.shape[0]}")
    return float(np.percentile(np.abs(np.diff(x.astype(np.float64), axis=0)), 95))
