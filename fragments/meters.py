"""Level meters per ITU-R BS.1770-4: integrated loudness (LUFS) and true peak (dBTP).

Pure functions on float32 ``(frames, channels)`` arrays. Both are written for speed on whole
takes (a 47 s stereo take: ~25 ms loudness, ~10 ms true peak on one 2020s core): the
K-weighting runs a stereo pair as one complex signal, and the true-peak meter oversamples only
where a peak can be.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from scipy import signal

ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
BLOCK_S = 0.4  # BS.1770 gating block
STEP_S = 0.1  # 75 % overlap between gating blocks
OVERSAMPLE = 4  # BS.1770-4 annex 2: 4x is enough below 96 kHz
_TP_TAPS = 16  # taps per interpolation phase; < 0.01 dB error below 0.35 fs
_TP_BETA = 6.0  # Kaiser window shape of the interpolator
_TP_BLOCK = 16  # frames per true-peak block; >= _TP_TAPS / 2 + 1: a value's samples span 3 blocks
# OpenBLAS runs a matrix product on several threads once rows x cols x inner > 65536 * 4; those
# threads then spin for a while, burning the core the archive thread needs. Stay under it.
_BLAS_SINGLE_THREAD_WORK = 65536 * 4


def db_to_gain(db: float) -> float:
    """Linear amplitude of a level in dB."""
    return 10.0 ** (db / 20.0)


def gain_to_db(gain: float) -> float:
    """Level in dB of a linear amplitude; ``-inf`` for 0."""
    return 20.0 * math.log10(gain) if gain > 0 else -math.inf


def _frames32(audio: np.ndarray) -> np.ndarray:
    """The meters work on float32 ``(frames, channels)``; 1-D is mono."""
    audio = np.asarray(audio, dtype=np.float32)
    return audio[:, np.newaxis] if audio.ndim == 1 else audio


def sample_peak(audio: np.ndarray) -> float:
    """Largest absolute sample value (linear)."""
    return max(float(audio.max()), -float(audio.min())) if audio.size else 0.0


@functools.lru_cache(maxsize=16)
def k_weighting_sos(sample_rate: int) -> np.ndarray:
    """BS.1770 K-weighting (high shelf + RLB high-pass) as second-order sections for any rate.

    The standard lists coefficients for 48 kHz only; these are the analogue prototypes it was
    derived from (as in libebur128), re-discretised so 44.1 kHz and 22.05 kHz measure the same.
    """
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / sample_rate)
    vh = 10.0 ** (gain_db / 20.0)
    vb = vh ** 0.4996667741545416
    a0 = 1.0 + k / q + k * k
    shelf = [(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0,
             (vh - vb * k / q + k * k) / a0,
             1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0]
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / sample_rate)
    a0 = 1.0 + k / q + k * k
    highpass = [1.0, -2.0, 1.0, 1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0]
    return np.array([shelf, highpass])


def _k_weighted(audio: np.ndarray, sample_rate: int) -> np.ndarray:
    """K-weighted copy of the take, float32 precision (ample for a level meter)."""
    sos = k_weighting_sos(sample_rate)
    if audio.shape[1] == 2 and audio.flags.c_contiguous:
        # A stereo pair viewed as one complex signal (L + iR) runs through the real filter in one
        # pass: both channels advance together, which is ~1.3x faster than two real passes.
        pair = audio.view(np.complex64)[:, 0]
        return signal.sosfilt(sos.astype(np.complex64), pair).view(np.float32).reshape(-1, 2)
    return signal.sosfilt(sos.astype(np.float32), audio, axis=0).astype(np.float32, copy=False)


def channel_weights(channels: int) -> np.ndarray:
    """BS.1770 channel weights: 1.0, surrounds 1.41 (5.0 layout), LFE of a 5.1 take left out."""
    if channels == 5:
        return np.array([1.0, 1.0, 1.0, 1.41, 1.41])
    if channels == 6:
        return np.array([1.0, 1.0, 1.0, 0.0, 1.41, 1.41])
    return np.ones(channels)


def _energy_to_lufs(energy: float) -> float:
    return -0.691 + 10.0 * math.log10(energy) if energy > 0 else -math.inf


def integrated_loudness(audio: np.ndarray, sample_rate: int, gated: bool = True) -> float:
    """Integrated loudness in LUFS per ITU-R BS.1770-4 (K-weighting, 400 ms blocks, 75 % overlap,
    absolute gate -70 LUFS, relative gate -10 LU).

    A take shorter than one 400 ms block has no gating blocks; it falls back to the ungated
    loudness of the whole take, as does ``gated=False``. Returns ``-inf`` when nothing passes the
    absolute gate (or the take is digital silence).
    """
    audio = _frames32(audio)
    weighted = _k_weighted(audio, sample_rate)
    weights = channel_weights(audio.shape[1])
    if not np.all(weights == 1.0):
        weighted *= np.sqrt(weights).astype(np.float32)  # energy scales with the square
    step = max(1, int(round(STEP_S * sample_rate)))
    per_block = int(round(BLOCK_S / STEP_S))
    steps = audio.shape[0] // step
    if audio.shape[0] == 0:
        return -math.inf
    if steps < per_block or not gated:
        flat = weighted.ravel()
        return _energy_to_lufs(float(np.dot(flat, flat)) / audio.shape[0])
    # K-weighted energy of each 100 ms step, all channels (rows are contiguous: a fast reduction)
    rows = weighted[:steps * step].reshape(steps, -1)
    step_energy = np.einsum("ij,ij->i", rows, rows).astype(np.float64)
    cumulative = np.concatenate([[0.0], step_energy.cumsum()])
    block_energy = (cumulative[per_block:] - cumulative[:-per_block]) / (per_block * step)
    gated = block_energy > 10.0 ** ((ABSOLUTE_GATE_LUFS + 0.691) / 10.0)
    if not gated.any():
        return -math.inf
    relative = _energy_to_lufs(float(block_energy[gated].mean())) + RELATIVE_GATE_LU
    gated &= block_energy > 10.0 ** ((relative + 0.691) / 10.0)
    return _energy_to_lufs(float(block_energy[gated].mean()))


@functools.lru_cache(maxsize=4)
def _interpolator(taps: int = _TP_TAPS, beta: float = _TP_BETA) -> tuple[np.ndarray, float]:
    """Kaiser-windowed-sinc polyphase interpolator for the OVERSAMPLE-1 in-between phases.

    Returns ``(h, bound)``: ``h[p, j]`` weights ``x[m + j - taps//2 + 1]`` to give the value at
    ``m + (p+1)/OVERSAMPLE``; ``bound`` is the largest L1 norm of a phase, so no interpolated
    value can exceed ``bound`` times the largest sample it is computed from.
    """
    offsets = np.arange(-(taps // 2) + 1, taps // 2 + 1)
    phases = []
    for p in range(1, OVERSAMPLE):
        t = offsets - p / OVERSAMPLE
        window = np.i0(beta * np.sqrt(np.clip(1.0 - (t / (taps / 2)) ** 2, 0.0, None)))
        h = np.sinc(t) * window / np.i0(beta)
        phases.append(h / h.sum())  # unity DC gain: a constant reads as itself
    h = np.array(phases)
    return h.astype(np.float32), max(1.0, float(np.abs(h).sum(axis=1).max()))


@functools.lru_cache(maxsize=4)
def _block_interpolator(block: int = _TP_BLOCK) -> np.ndarray:
    """The interpolator as one matrix mapping 3 consecutive blocks of frames (previous, current,
    next) to the in-between values of the current block: ``(3*block, block*phases)``.

    One dense matrix product per batch of blocks runs at BLAS speed; the zeros it multiplies are
    cheaper than the strided gathers a direct FIR would need.
    """
    h, _ = _interpolator()
    phases, taps = h.shape
    matrix = np.zeros((3 * block, block, phases), dtype=np.float32)
    for i in range(block):
        start = block + i - (taps // 2 - 1)
        matrix[start:start + taps, i, :] = h.T
    return matrix.reshape(3 * block, block * phases)


def _block_peaks(audio: np.ndarray, block: int) -> np.ndarray:
    """Largest absolute sample of each run of ``block`` frames (all channels; the last run may be
    short)."""
    flat = np.abs(audio).ravel()
    return np.maximum.reduceat(flat, np.arange(0, flat.size, block * audio.shape[1]))


def _peak_of(values: np.ndarray) -> float:
    return max(float(values.max()), -float(values.min())) if values.size else 0.0


def _interpolated_peak_sparse(audio: np.ndarray, blocks: np.ndarray, block: int) -> float:
    """Largest absolute in-between value in a few blocks, gathering just their neighbourhoods."""
    frames, channels = audio.shape
    whole = frames // block
    rows = audio[:whole * block].reshape(whole, block * channels)  # one row per block, no copy
    wanted = blocks[:, np.newaxis] + np.arange(-1, 2)  # previous, own and next block
    if whole:
        seg = rows[np.clip(wanted, 0, whole - 1)]  # (blocks, 3, block * channels)
        seg[(wanted < 0) | (wanted >= whole)] = 0.0  # outside the take is silence
    else:
        seg = np.zeros(wanted.shape + (block * channels,), dtype=np.float32)
    if frames > whole * block:  # the short last block, zero-padded
        seg[wanted == whole] = np.pad(audio[whole * block:].ravel(),
                                      (0, (whole + 1) * block * channels - frames * channels))
    seg = seg.reshape(len(blocks), 3 * block, channels)
    matrix = _block_interpolator(block)
    step = max(1, _BLAS_SINGLE_THREAD_WORK // matrix.size)
    best = 0.0
    for c in range(channels):
        windows = np.ascontiguousarray(seg[:, :, c])
        for start in range(0, len(windows), step):
            best = max(best, _peak_of(windows[start:start + step] @ matrix))
    return best


def _interpolated_peak_dense(audio: np.ndarray, block: int) -> float:
    """Largest absolute in-between value over the whole take (for dense, limiter-like audio)."""
    parts = _block_interpolator(block).reshape(3, block, -1)
    frames, best = audio.shape[0], 0.0
    blocks = -(-frames // block) + 2  # the take's blocks and one either side, where it rings out
    grid = np.zeros((blocks + 2, block), dtype=np.float32)  # plus a silent row to read at each end
    for c in range(audio.shape[1]):
        grid.reshape(-1)[2 * block:2 * block + frames] = audio[:, c]
        step = max(1, _BLAS_SINGLE_THREAD_WORK // parts[0].size)
        for start in range(0, blocks, step):
            stop = min(start + step, blocks)
            values = grid[start:stop] @ parts[0]
            values += grid[start + 1:stop + 1] @ parts[1]
            values += grid[start + 2:stop + 2] @ parts[2]
            best = max(best, _peak_of(values))
    return best


def true_peak(audio: np.ndarray) -> float:
    """True peak in dBTP: the largest absolute value of the 4x oversampled signal (BS.1770-4
    annex 2), ``-inf`` for digital silence."""
    return peaks(audio)[1]


def peaks(audio: np.ndarray) -> tuple[float, float]:
    """``(sample peak, true peak)`` in dB (``-inf`` for digital silence) in one pass over the take.

    True peak: the largest absolute value of the 4x oversampled signal (BS.1770-4 annex 2).
    Only blocks that can hold a peak are oversampled: an interpolated value is a weighted sum of
    nearby samples, so it is at most ``bound`` times the largest of them (``bound`` is the L1
    norm of the interpolator). Blocks whose neighbourhood stays under ``sample peak / bound``
    cannot beat the sample peak and are skipped. The answer is exact, not an estimate.
    """
    audio = _frames32(audio)
    if audio.size == 0:
        return -math.inf, -math.inf
    block_peaks = _block_peaks(audio, _TP_BLOCK)
    peak = float(block_peaks.max())
    if peak == 0.0:
        return -math.inf, -math.inf
    _, bound = _interpolator()
    # blocks -1 and n (just outside the take) hold the ringing of its first and last samples;
    # loud[i] is block i - 1
    loud = np.zeros(len(block_peaks) + 2, dtype=bool)
    loud[1:-1] = block_peaks * bound >= peak
    # the values in a block are computed from samples of the block and its two neighbours
    needed = loud.copy()
    needed[1:] |= loud[:-1]
    needed[:-1] |= loud[1:]
    needed = np.flatnonzero(needed) - 1
    if len(needed) * 4 > len(block_peaks):  # dense, limiter-like audio: all of it, at BLAS speed
        between = _interpolated_peak_dense(audio, _TP_BLOCK)
    else:
        between = _interpolated_peak_sparse(audio, needed, _TP_BLOCK)
    return gain_to_db(peak), gain_to_db(max(peak, between))
