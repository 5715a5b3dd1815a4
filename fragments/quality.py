"""Quality gate: measure a raw take (before post-processing) for the defects a generator leaves.

The daemon regenerates a take with a new seed when :func:`assess` finds an issue, and ranks
variations by score. Measures are cheap on purpose (a 47 s stereo take in ~10 ms on one core):
clipping on every sample, levels on 50 ms windows, and the spectrum on a strided subset of
frames of a mono mix. Pure functions on float ``(frames, channels)`` arrays, no I/O.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.fft

from .dsp import as_frames

ISSUES: dict[str, str] = {
    "clipping": "samples at full scale or flat-topped at the peak: the generator overshot",
    "silence": "the take is (mostly) silent: nothing usable to play",
    "hf_noise": "much of the energy is above 12 kHz: a failed diffusion take often comes out as hiss",
    "noise_like": "the spectrum is flat like white noise, without tones or formants",
}

# clipping
FULL_SCALE = 0.999  # |x| at or above this is clipped (float takes may exceed 1)
FLAT_RUN = 3  # this many consecutive equal samples at the take's peak is a flat top...
FLAT_MIN_PEAK = 0.1  # ...when the peak is above this (quiet takes are not flat-topped)
FLAT_TOLERANCE = 1e-6  # relative: "equal" allows float rounding, not a slow sine's crest
CLIP_RATIO_LIMIT = 0.001  # issue "clipping" above 0.1 % of samples
CLIP_RATIO_HEAVY = 0.01  # at or above 1 %: heavily clipped, score capped
CLIP_HEAVY_SCORE_CAP = 40.0
_CLIP_BLOCK = 2048  # frames per block when locating the peak

# silence (RMS over all channels, 20 log10 rms: a full-scale sine reads -3 dBFS)
SILENCE_RMS_DB = -50.0  # issue "silence" when the whole take is below this...
SILENT_WINDOW_S = 0.05
SILENT_WINDOW_DB = -60.0  # ...or more than SILENT_RATIO_LIMIT of its 50 ms windows are
SILENT_RATIO_LIMIT = 0.5
SILENT_SCORE_CAP = 10.0  # a take below SILENCE_RMS_DB scores at most this
FLOOR_DB = -120.0  # rms_db of digital silence (JSON has no -inf)

# spectrum
SPECTRAL_FRAME_S = 0.046  # rounded up to a power of two: 2048 frames at 44.1/48 kHz
MAX_SPECTRAL_FRAMES = 256  # longer takes are measured on this many evenly spaced frames
HF_CUTOFF_HZ = 12000.0  # hf_ratio: share of energy above this...
HF_CUTOFF_NYQUIST = 0.8  # ...or above this fraction of Nyquist when that is lower
HF_RATIO_LIMIT = 0.3  # issue "hf_noise" above this
FLATNESS_LIMIT = 0.4  # issue "noise_like" above this (white noise ~0.56, speech/music < 0.3)

# score: 100 minus one penalty per issue (silence: the worse of rms_db and silent_ratio). A
# measure between its onset and its limit costs up to SOFT_PENALTY (so close calls still rank);
# past the limit it is an issue and costs ISSUE_PENALTY, growing to the measure's worst penalty
# at "full". With four issues, a clean take scores >= 100 - 4 * SOFT_PENALTY = 80 and a take
# with any issue <= 75: every clean take outranks every flagged one. A take with sound scores at
# least SILENT_SCORE_CAP, a silent one at most that (deep silence 0): silence ranks last.
SOFT_PENALTY = 5.0
ISSUE_PENALTY = 25.0
# measure: (onset, limit, full, worst penalty); rms_db is negated so that higher is worse
PENALTIES: dict[str, tuple[float, float, float, float]] = {
    "clip_ratio": (0.0001, CLIP_RATIO_LIMIT, CLIP_RATIO_HEAVY, 60.0),
    "rms_db": (-SILENCE_RMS_DB - 10.0, -SILENCE_RMS_DB, -SILENCE_RMS_DB + 20.0, 100.0),
    "silent_ratio": (0.25, SILENT_RATIO_LIMIT, 0.9, 70.0),
    "hf_ratio": (0.15, HF_RATIO_LIMIT, 0.6, 60.0),
    "flatness": (0.25, FLATNESS_LIMIT, 0.6, 70.0),
}


@dataclass(frozen=True)
class Quality:
    """The gate's verdict on one take: score 0..100 (100: no problem found), issues worst first."""

    score: float
    issues: tuple[str, ...]
    measures: dict[str, float]

    def describe(self) -> str:
        """One line for logs and the UI, e.g. ``score 42.0: clipping (3.1 % of samples)``."""
        m = self.measures
        details = {
            "clipping": f"{100 * m['clip_ratio']:.1f} % of samples",
            "silence": f"rms {m['rms_db']:.1f} dBFS, {100 * m['silent_ratio']:.0f} % of "
                       f"windows silent",
            "hf_noise": f"{100 * m['hf_ratio']:.0f} % of energy in the top band",
            "noise_like": f"flatness {m['flatness']:.2f}",
        }
        found = ", ".join(f"{name} ({details[name]})" for name in self.issues)
        return f"score {self.score:.1f}: {found or 'clean'}"


def assess(audio: np.ndarray, sample_rate: int) -> Quality:
    """Measure a raw take and score it; see the module constants for the thresholds.

    Raises ``ValueError`` for empty, integer or non-finite audio and a rate that is not positive.
    """
    a = as_frames(audio)
    if not sample_rate > 0:
        raise ValueError(f"sample_rate must be positive, got {sample_rate!r}")
    rms_db, silent_ratio = _levels(a, sample_rate)
    hf_ratio, flatness = _spectrum(a, sample_rate)
    measures = {"clip_ratio": _clip_ratio(a), "rms_db": rms_db, "silent_ratio": silent_ratio,
                "hf_ratio": hf_ratio, "flatness": flatness}
    measures = {k: round(float(v), 6) for k, v in measures.items()}
    return _score(measures)


def _score(m: dict[str, float]) -> Quality:
    """Penalties per issue (silence: the worse of its two measures), caps, issues worst first."""
    p = {k: _penalty(-v if k == "rms_db" else v, *PENALTIES[k]) for k, v in m.items()}
    by_issue = {"clipping": p["clip_ratio"], "silence": max(p["rms_db"], p["silent_ratio"]),
                "hf_noise": p["hf_ratio"], "noise_like": p["flatness"]}
    score = 100.0 - sum(by_issue.values())
    if m["rms_db"] < SILENCE_RMS_DB:
        score = min(score, SILENT_SCORE_CAP)
        by_issue["silence"] = math.inf  # nothing else matters in a silent take
    else:
        score = max(score, SILENT_SCORE_CAP)  # anything with sound ranks above silence
    if m["clip_ratio"] >= CLIP_RATIO_HEAVY:
        score = min(score, CLIP_HEAVY_SCORE_CAP)
    issues = sorted((k for k, v in by_issue.items() if v >= ISSUE_PENALTY),
                    key=lambda k: -by_issue[k])
    return Quality(round(min(100.0, max(0.0, score)), 1), tuple(issues), m)


def _penalty(x: float, onset: float, limit: float, full: float, worst: float) -> float:
    """0 up to ``onset``, rising to SOFT_PENALTY at ``limit``; past it ISSUE_PENALTY rising to
    ``worst`` at ``full``."""
    if x <= onset:
        return 0.0
    if x <= limit:
        return SOFT_PENALTY * (x - onset) / (limit - onset)
    return ISSUE_PENALTY + (worst - ISSUE_PENALTY) * min(1.0, (x - limit) / (full - limit))


def _clip_ratio(a: np.ndarray) -> float:
    """Fraction of samples at full scale, or in flat tops at the peak (clipped, then normalised).

    One pass finds each block's extremes; only runs of blocks that reach the peak are searched
    (a flat top cannot cross a block without one), so a clean take costs little more than it.
    """
    frames, channels = a.shape
    whole = frames // _CLIP_BLOCK
    rows = a[:whole * _CLIP_BLOCK].reshape(whole, _CLIP_BLOCK * channels)
    tail = a[whole * _CLIP_BLOCK:].reshape(1, -1)
    highs = np.concatenate([rows.max(axis=1), tail.max(axis=1) if tail.size else []])
    lows = np.concatenate([rows.min(axis=1), tail.min(axis=1) if tail.size else []])
    peak = max(float(highs.max()), -float(lows.min()))
    full_scale = peak >= FULL_SCALE
    if not full_scale and peak <= FLAT_MIN_PEAK:
        return 0.0
    # every flat top sits at the peak, so at full scale the full-scale count includes them
    level = np.float32(FULL_SCALE if full_scale else peak * (1.0 - FLAT_TOLERANCE))
    hit = np.concatenate([[False], (highs >= level) | (lows <= -level), [False]])
    edges = np.flatnonzero(hit[1:] != hit[:-1])  # spans of consecutive blocks at the peak
    clipped = 0
    for first, end in zip(edges[::2], edges[1::2]):
        span = a[first * _CLIP_BLOCK:end * _CLIP_BLOCK]
        if full_scale:
            clipped += int(np.count_nonzero(span >= level)) + int(np.count_nonzero(span <= -level))
            continue
        for at_peak in (span >= level, span <= -level):
            clipped += _in_runs(at_peak)
    return clipped / a.size


def _in_runs(mask: np.ndarray) -> int:
    """How many True values of ``(frames, channels)`` lie in runs of >= FLAT_RUN along frames."""
    if mask.shape[0] < FLAT_RUN:
        return 0
    starts = mask[:1 - FLAT_RUN].copy()  # frames that begin a full run
    for k in range(1, FLAT_RUN):
        starts &= mask[k:mask.shape[0] - FLAT_RUN + 1 + k]
    covered = np.zeros_like(mask)
    for k in range(FLAT_RUN):
        covered[k:mask.shape[0] - FLAT_RUN + 1 + k] |= starts
    return int(np.count_nonzero(covered))


def _to_db(energy: np.ndarray | float) -> np.ndarray:
    """Mean square to dBFS, floored at FLOOR_DB (digital silence has no finite level)."""
    return 10.0 * np.log10(np.maximum(energy, 10.0 ** (FLOOR_DB / 10.0)))


def _levels(a: np.ndarray, sample_rate: int) -> tuple[float, float]:
    """``(rms_db, silent_ratio)`` over all channels; a take shorter than a window is one window."""
    frames, channels = a.shape
    window = max(1, int(round(SILENT_WINDOW_S * sample_rate)))
    count = max(1, frames // window)
    flat = a.reshape(-1)
    rms_db = float(_to_db(float(np.dot(flat, flat)) / flat.size))
    if frames < window:
        return rms_db, float(rms_db < SILENT_WINDOW_DB)
    rows = flat[:count * window * channels].reshape(count, -1)
    energy = np.einsum("ij,ij->i", rows, rows) / rows.shape[1]
    return rms_db, float(np.mean(_to_db(energy) < SILENT_WINDOW_DB))


def _spectrum(a: np.ndarray, sample_rate: int) -> tuple[float, float]:
    """``(hf_ratio, flatness)`` from Hann-windowed power spectra of a mono mix.

    Frames do not overlap, and a long take is measured on MAX_SPECTRAL_FRAMES evenly spaced
    ones: both measures are medians or sums over the take, which a sample of frames estimates
    well. Flatness uses only frames above SILENT_WINDOW_DB (silence and a noise floor between
    words would read as noise); each frame's mean is removed so a DC offset reads as nothing.
    """
    size = 1 << max(4, math.ceil(math.log2(SPECTRAL_FRAME_S * sample_rate)))
    frames = a.shape[0]
    count = max(1, frames // size)
    starts = np.linspace(0, max(0, frames - size), min(count, MAX_SPECTRAL_FRAMES)).astype(np.int64)
    length = min(size, frames)
    block = np.stack([a[s:s + length] for s in starts])  # slices: far cheaper than fancy indexing
    mono = block[..., 0].copy()
    for c in range(1, a.shape[1]):  # a loop of adds: ~30x faster than mean(axis=2) here
        mono += block[..., c]
    mono *= np.float32(1.0 / a.shape[1])
    mono = mono - mono.mean(axis=1, keepdims=True)
    energy = np.einsum("ij,ij->i", mono, mono) / mono.shape[1]
    window = np.hanning(length + 2)[1:-1].astype(np.float32)  # no zero ends: 1 frame reads
    power = np.abs(scipy.fft.rfft(mono * window, n=size, axis=1, workers=1)) ** 2
    power = power[:, 1:]  # DC tells nothing about noise
    total = float(power.sum())
    cutoff = min(HF_CUTOFF_HZ, HF_CUTOFF_NYQUIST * sample_rate / 2.0)
    first_hf = int(math.ceil(cutoff * size / sample_rate)) - 1  # bin k is power[:, k - 1]
    hf_ratio = float(power[:, first_hf:].sum()) / total if total > 0 else 0.0
    loud = _to_db(energy) >= SILENT_WINDOW_DB
    if not loud.any():
        return hf_ratio, 0.0
    p = power[loud] + np.float32(1e-20)  # float32 logs: ample for a ratio, 2.5x faster
    flatness = np.exp(np.log(p).mean(axis=1, dtype=np.float64)) / p.mean(axis=1, dtype=np.float64)
    return hf_ratio, float(np.median(flatness))
