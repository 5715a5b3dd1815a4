"""Pure audio functions: validation, silence trim, fades, resampling, channels, and (re-exported
from :mod:`fragments.meters`) BS.1770 loudness and true peak.

Every function takes and returns numpy arrays shaped ``(frames, channels)``, float32, and does
no I/O.
"""

from __future__ import annotations

import math

import numpy as np
import soxr

# the meters live in their own module; dsp is the one place callers import audio functions from
from .meters import (  # noqa: F401
    db_to_gain, gain_to_db, integrated_loudness, k_weighting_sos, peaks, sample_peak, true_peak)


def as_frames(audio: np.ndarray, check_finite: bool = True) -> np.ndarray:
    """Validate a take and return it as float32 ``(frames, channels)``.

    1-D input is mono. Only floating-point audio in [-1, 1] is accepted: integer PCM (int16 from
    a WAV reader, say) is refused rather than guessed at, because a silent wrong scaling would
    turn a take into full-scale noise. NaN and inf are refused: they poison every level measure.
    """
    a = np.asarray(audio)
    if a.dtype.kind != "f":
        raise ValueError(f"audio must be floating point (float32 or float64) in [-1, 1], got "
                         f"{a.dtype}; convert integer PCM first, e.g. int16 / 32768")
    if a.ndim == 1:
        a = a[:, np.newaxis]
    if a.ndim != 2 or a.shape[1] < 1:
        raise ValueError(f"audio must be shaped (frames, channels) or (frames,), got {a.shape}")
    if a.shape[0] == 0:
        raise ValueError("take is empty: 0 frames")
    a = a.astype(np.float32, copy=False)
    if check_finite and not (math.isfinite(a.max()) and math.isfinite(a.min())):
        # max/min propagate NaN and inf; only then pay for locating the first bad frame
        bad = int(np.flatnonzero(~np.isfinite(a).all(axis=1))[0])
        raise ValueError(f"audio contains NaN or infinite samples (first at frame {bad})")
    return a


def _first_loud(audio: np.ndarray, threshold: float, reverse: bool) -> int | None:
    """Index of the first (or last) frame with any channel above ``threshold``, or None.

    Scans in growing chunks from the edge, so a take that starts loud costs microseconds
    instead of a pass over the whole array.
    """
    n, chunk, done = audio.shape[0], 1024, 0
    while done < n:
        size = min(chunk, n - done)
        part = audio[n - done - size:n - done] if reverse else audio[done:done + size]
        loud = (np.abs(part) > threshold).any(axis=1)
        if loud.any():
            if reverse:
                return n - done - size + int(np.flatnonzero(loud)[-1])
            return done + int(np.argmax(loud))
        done += size
        chunk *= 4
    return None


def trim_silence(audio: np.ndarray, sample_rate: int, threshold_db: float,
                 pad_ms: float) -> tuple[np.ndarray, int, int]:
    """Cut leading and trailing audio below ``threshold_db`` dBFS, keeping ``pad_ms`` around it.

    Returns ``(view, start, end)`` with ``view = audio[start:end]`` (no copy). The pad keeps the
    quiet onset of an attack and the end of a reverb tail that sit under the threshold.
    Raises ``ValueError("take is silent: ...")`` when no sample reaches the threshold: an empty
    or near-empty slot would leave a performer with nothing to play, so the caller must know.
    """
    threshold = db_to_gain(threshold_db)
    first = _first_loud(audio, threshold, reverse=False)
    if first is None:
        raise ValueError(f"take is silent: no sample above {threshold_db:g} dBFS "
                         f"(peak {gain_to_db(sample_peak(audio)):.1f} dBFS)")
    last = _first_loud(audio, threshold, reverse=True)
    pad = int(round(pad_ms * sample_rate / 1000.0))
    start, end = max(0, first - pad), min(audio.shape[0], last + 1 + pad)
    return audio[start:end], start, end


def fade_lengths(frames: int, sample_rate: int, fade_in_ms: float,
                 fade_out_ms: float) -> tuple[int, int]:
    """Fade lengths in frames, scaled down together when they would overlap in a short take."""
    fin = int(round(fade_in_ms * sample_rate / 1000.0))
    fout = int(round(fade_out_ms * sample_rate / 1000.0))
    if fin + fout > frames:
        scale = frames / (fin + fout)
        fin = int(fin * scale)
        fout = min(frames - fin, int(math.ceil(fout * scale)))
    return fin, fout


def fade_curve(length: int) -> np.ndarray:
    """Raised-cosine fade-in gain of ``length`` frames: 0 at the first frame, rising towards 1.

    Raised cosine (half a Hann window) starts and ends with zero slope, so neither end clicks.
    A fade-out is the same curve reversed.
    """
    t = np.arange(length, dtype=np.float64) / max(length, 1)
    return (0.5 - 0.5 * np.cos(np.pi * t)).astype(np.float32)


def apply_fades(audio: np.ndarray, sample_rate: int, fade_in_ms: float, fade_out_ms: float,
                out: np.ndarray | None = None) -> np.ndarray:
    """Fade the take in and out with raised-cosine ramps; fades longer than the take are clamped.

    Writes into ``out`` when given (it may be ``audio`` itself, to fade in place), else a copy.
    """
    if out is None:
        out = audio.copy()
    elif out is not audio:
        np.copyto(out, audio)
    fin, fout = fade_lengths(out.shape[0], sample_rate, fade_in_ms, fade_out_ms)
    if fin:
        out[:fin] *= fade_curve(fin)[:, np.newaxis]
    if fout:
        out[out.shape[0] - fout:] *= fade_curve(fout)[::-1, np.newaxis]
    return out


def resample(audio: np.ndarray, from_rate: int, to_rate: int) -> np.ndarray:
    """Resample with soxr (HQ); returns the input itself when the rates already match.

    Raises ``ValueError`` when the take is too short to leave a single frame at the new rate.
    """
    if from_rate == to_rate:
        return audio
    out = np.asarray(soxr.resample(audio, from_rate, to_rate, quality="HQ"), dtype=np.float32)
    if out.shape[0] == 0:
        raise ValueError(f"take too short to resample: {audio.shape[0]} frames at {from_rate} Hz")
    return out.reshape(-1, audio.shape[1])


def to_channels(audio: np.ndarray, channels: int) -> np.ndarray:
    """Map a take to ``channels``: 0 keeps it, 1 downmixes (mean, so it cannot clip), 2 duplicates
    a mono take onto both sides. Returns the input itself when nothing changes.

    A take with more than 2 channels cannot become stereo without a layout; that is refused.
    """
    have = audio.shape[1]
    if channels == 0 or channels == have:
        return audio
    if channels == 1:
        return audio.mean(axis=1, keepdims=True, dtype=np.float32)
    if channels == 2 and have == 1:
        return np.repeat(audio, 2, axis=1)
    raise ValueError(f"cannot map a {have}-channel take to {channels} channels")
