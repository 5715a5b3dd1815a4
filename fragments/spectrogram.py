"""Spectrogram pictures: a fragment's mel spectrogram as a dark-theme PNG, cached beside its
archived take (``output001.wav`` → ``output001.png``), for the panel.

numpy and scipy only: the PNG encoder is written here (zlib + struct), so no plotting or imaging
library loads in the daemon. Everything here is blocking CPU and disk work (tens of ms for a
47 s take): call it from a worker thread, never the event loop.
"""

from __future__ import annotations

import math
import os
import struct
import zlib
from pathlib import Path
from typing import BinaryIO

import numpy as np
import scipy.fft
import soundfile as sf

from .archive import take_name
from .dsp import as_frames
from .wav import temp_path_for

WIDTH, HEIGHT = 640, 160
FLOOR_DB = -80.0  # the darkest colour: this far below the loudest cell, or quieter
# a mono mix whose peak is below -100 dBFS is silence: it renders black instead of having its
# hiss scaled up to full brightness by the relative-to-max dB scale
_SILENCE_PEAK = 1e-5
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_MAX_SIDE = 8192
_FRAMES_AT_ONCE = 512  # STFT frames per block: ~4 MB of windows at 2048 points

# magma (matplotlib's perceptually uniform map, CC0), 9 anchors from 0 to 1: near-black for
# silence through purple and orange to pale yellow for the loudest cells; brightness rises
# monotonically, so the picture also reads in greyscale
_MAGMA_ANCHORS = np.array([
    (0, 0, 4), (28, 16, 68), (79, 18, 123), (129, 37, 129), (181, 54, 122),
    (229, 80, 100), (251, 135, 97), (254, 194, 135), (252, 253, 191)], dtype=np.float64)


class SpectrogramError(Exception):
    """An audio file that cannot become a picture; the message names the file."""


def _colormap(anchors: np.ndarray, size: int = 256) -> np.ndarray:
    """A ``(size, 3)`` uint8 lookup table, linearly interpolated between evenly spaced anchors."""
    at = np.linspace(0.0, 1.0, len(anchors))
    x = np.linspace(0.0, 1.0, size)
    table = np.stack([np.interp(x, at, anchors[:, c]) for c in range(3)], axis=1)
    return np.rint(table).astype(np.uint8)


COLORMAP = _colormap(_MAGMA_ANCHORS)


# --- mel scale (Slaney, as in the Auditory Toolbox and librosa's default) -----------------------

_F_SP, _MIN_LOG_HZ = 200.0 / 3.0, 1000.0  # linear below 1 kHz ...
_MIN_LOG_MEL, _LOGSTEP = _MIN_LOG_HZ / _F_SP, math.log(6.4) / 27.0  # ... logarithmic above


def hz_to_mel(hz: np.ndarray | float) -> np.ndarray:
    """Slaney mel of ``hz``: linear below 1 kHz (15 mel), logarithmic above."""
    hz = np.asarray(hz, dtype=np.float64)
    linear = hz / _F_SP
    log = _MIN_LOG_MEL + np.log(np.maximum(hz, _MIN_LOG_HZ) / _MIN_LOG_HZ) / _LOGSTEP
    return np.where(hz >= _MIN_LOG_HZ, log, linear)


def mel_to_hz(mel: np.ndarray | float) -> np.ndarray:
    """Inverse of :func:`hz_to_mel`."""
    mel = np.asarray(mel, dtype=np.float64)
    linear = mel * _F_SP
    log = _MIN_LOG_HZ * np.exp(_LOGSTEP * (np.maximum(mel, _MIN_LOG_MEL) - _MIN_LOG_MEL))
    return np.where(mel >= _MIN_LOG_MEL, log, linear)


def mel_band_edges(n_mels: int, fmin: float, fmax: float) -> np.ndarray:
    """``n_mels + 2`` frequencies (Hz) evenly spaced in mel: band ``i`` rises from edge ``i``,
    peaks at edge ``i + 1`` (its centre) and falls to zero at edge ``i + 2``."""
    return mel_to_hz(np.linspace(hz_to_mel(fmin), hz_to_mel(fmax), n_mels + 2))


def mel_filterbank(sample_rate: int, n_fft: int, n_mels: int, fmin: float,
                   fmax: float) -> np.ndarray:
    """``(n_mels, n_fft // 2 + 1)`` triangular filters, Slaney area-normalised (each band's
    weights sum to about the same energy per Hz, so wide high bands do not look louder)."""
    edges = mel_band_edges(n_mels, fmin, fmax)
    bins = np.fft.rfftfreq(n_fft, 1.0 / sample_rate)
    widths = np.diff(edges)
    rising = (bins[np.newaxis, :] - edges[:-2, np.newaxis]) / widths[:-1, np.newaxis]
    falling = (edges[2:, np.newaxis] - bins[np.newaxis, :]) / widths[1:, np.newaxis]
    weights = np.maximum(0.0, np.minimum(rising, falling))
    weights *= (2.0 / (edges[2:] - edges[:-2]))[:, np.newaxis]
    return weights.astype(np.float32)


# --- the spectrogram --------------------------------------------------------------------------

def fft_size(sample_rate: int) -> int:
    """About 46 ms of audio, a power of two (2048 at 44.1 and 48 kHz): 21 Hz bins, fine enough
    that every low mel band covers several of them."""
    return 2 ** max(8, round(math.log2(sample_rate * 0.0464)))


def mel_spectrogram(audio: np.ndarray, sample_rate: int, n_mels: int = 128, fmin: float = 20.0,
                    fmax: float | None = None, *, columns: int = WIDTH) -> np.ndarray:
    """Mel power spectrogram in dB, ``(n_mels, frames)``, low bands first.

    The channels are mixed to mono. Hann-windowed STFT of :func:`fft_size` points; the hop is
    chosen for a picture ``columns`` wide but never more than half a window, so every sample is
    seen (a snare between two columns is not skipped); a long take's frames are averaged (in
    power) in equal groups down to ``columns``; a take shorter than ``columns`` samples gets one
    frame per sample. Values are dB relative to the loudest cell, floored at ``FLOOR_DB``
    (-80); a silent take (mono peak below -100 dBFS) is all floor. ``ValueError`` for audio that
    :func:`fragments.dsp.as_frames` refuses (integer, empty, NaN) or bad parameters.
    """
    mono = _mono(as_frames(audio))
    fmax = sample_rate / 2.0 if fmax is None else float(fmax)
    _check_parameters(sample_rate, n_mels, fmin, fmax, columns)
    n_fft = fft_size(sample_rate)
    if float(np.max(np.abs(mono))) < _SILENCE_PEAK:
        return np.full((n_mels, min(columns, mono.shape[0])), FLOOR_DB, dtype=np.float32)
    power = _pooled_power(mono, n_fft, columns)
    mel = mel_filterbank(sample_rate, n_fft, n_mels, fmin, fmax) @ power.T
    return _to_db(mel)


def _mono(audio: np.ndarray) -> np.ndarray:
    if audio.shape[1] == 1:
        return audio[:, 0]
    # a matrix-vector product: ~20x faster than audio.mean(axis=1) over a short last axis
    return audio @ np.full(audio.shape[1], 1.0 / audio.shape[1], dtype=np.float32)


def _check_parameters(sample_rate: int, n_mels: int, fmin: float, fmax: float,
                      columns: int) -> None:
    if not (isinstance(sample_rate, (int, np.integer)) and sample_rate > 0):
        raise ValueError(f"sample_rate must be a positive integer, got {sample_rate!r}")
    if not (isinstance(n_mels, (int, np.integer)) and 1 <= n_mels <= 1024):
        raise ValueError(f"n_mels must be between 1 and 1024, got {n_mels!r}")
    if not 0.0 <= fmin < fmax <= sample_rate / 2.0:
        raise ValueError(f"need 0 <= fmin < fmax <= {sample_rate / 2:g} Hz (half the sample "
                         f"rate), got fmin={fmin!r}, fmax={fmax!r}")
    if not (isinstance(columns, (int, np.integer)) and 1 <= columns <= _MAX_SIDE):
        raise ValueError(f"columns must be between 1 and {_MAX_SIDE}, got {columns!r}")


def _pooled_power(mono: np.ndarray, n_fft: int, columns: int) -> np.ndarray:
    """``(min(columns, samples), n_fft // 2 + 1)`` STFT power: ``per_column`` frames centred
    every ``hop`` samples, averaged (in power, so a short loud hit still lifts its column) in
    equal groups per column."""
    n = mono.shape[0]
    columns = min(columns, n)
    per_column = -(-n // (columns * (n_fft // 2)))  # enough frames that hop <= n_fft / 2
    frames = columns * per_column
    hop = -(-n // frames)
    # centred frames: the first is centred on sample 0, the last ends past the take in zeros
    left = n_fft // 2
    padded = np.pad(mono, (left, (frames - 1) * hop + n_fft - left - n))
    windows = np.lib.stride_tricks.sliding_window_view(padded, n_fft)[::hop]
    window = _hann(n_fft)
    power = np.empty((columns, n_fft // 2 + 1), dtype=np.float32)
    step = max(1, _FRAMES_AT_ONCE // per_column)  # bounded memory, whatever the take's length
    for first in range(0, columns, step):
        last = min(columns, first + step)
        spectrum = scipy.fft.rfft(windows[first * per_column:last * per_column] * window, axis=1)
        block = np.square(spectrum.real)
        block += np.square(spectrum.imag)
        power[first:last] = block.reshape(last - first, per_column, -1).sum(axis=1)
    # scaled so that a full-scale sine's bin reads about 0.25, whatever the grouping
    power *= np.float32(1.0 / (per_column * float(window.sum()) ** 2))
    return power


def _hann(n: int) -> np.ndarray:
    """Periodic Hann window (the STFT kind: overlapping halves add up to a constant)."""
    return (0.5 - 0.5 * np.cos(2.0 * np.pi * np.arange(n) / n)).astype(np.float32)


def _to_db(power: np.ndarray) -> np.ndarray:
    ref = float(power.max())
    if not ref > 0.0:
        return np.full(power.shape, FLOOR_DB, dtype=np.float32)
    floor = np.float32(ref * 10.0 ** (FLOOR_DB / 10.0))
    db = np.log10(np.maximum(power, floor) / np.float32(ref)) * np.float32(10.0)
    return np.maximum(db, np.float32(FLOOR_DB), out=db).astype(np.float32, copy=False)


# --- the picture --------------------------------------------------------------------------------

def render_png(spec_db: np.ndarray, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """The spectrogram as an 8-bit RGB PNG, ``width`` × ``height``: time left to right, low
    bands at the bottom, magma colours from near-black (``FLOOR_DB`` or below) to pale yellow
    (0 dB). Resampled to the picture size (averaged when shrinking, linear when growing)."""
    spec = np.asarray(spec_db, dtype=np.float32)
    if spec.ndim != 2 or 0 in spec.shape:
        raise ValueError(f"spec_db must be a non-empty (bands, frames) array, got {spec.shape}")
    for name, side in (("width", width), ("height", height)):
        if not (isinstance(side, (int, np.integer)) and 1 <= side <= _MAX_SIDE):
            raise ValueError(f"{name} must be between 1 and {_MAX_SIDE}, got {side!r}")
    level = np.nan_to_num(spec, nan=FLOOR_DB, posinf=0.0, neginf=FLOOR_DB)
    level = np.clip((level - FLOOR_DB) / -FLOOR_DB, 0.0, 1.0)
    level = _resize(_resize(level, height).T, width).T
    index = np.rint(level[::-1] * (len(COLORMAP) - 1)).astype(np.intp)  # row 0 = top = high
    return encode_png(COLORMAP[index])


def _resize(a: np.ndarray, n: int) -> np.ndarray:
    """Resample ``a`` along axis 0 to ``n`` rows: area average when shrinking, linear when
    growing (cell centres aligned)."""
    m = a.shape[0]
    if m == n:
        return a
    if m > n:
        edges = np.linspace(0, m, n + 1).astype(np.intp)  # strictly rising: m / n >= 1
        return np.add.reduceat(a, edges[:-1], axis=0) / np.diff(edges)[:, np.newaxis]
    pos = np.clip((np.arange(n) + 0.5) * (m / n) - 0.5, 0.0, m - 1)
    low = np.floor(pos).astype(np.intp)
    frac = (pos - low)[:, np.newaxis].astype(np.float32)
    return a[low] * (1 - frac) + a[np.minimum(low + 1, m - 1)] * frac


def encode_png(rgb: np.ndarray) -> bytes:
    """A ``(height, width, 3)`` uint8 array as PNG bytes: 8-bit truecolour, no interlace, every
    row with filter 0 (none). zlib level 1: 3 ms instead of 22 ms at level 6 for a 640 x 160
    picture, ~10 % bigger (PNG's row filters only made these pictures bigger)."""
    rgb = np.asarray(rgb)
    if rgb.dtype != np.uint8 or rgb.ndim != 3 or rgb.shape[2] != 3 or 0 in rgb.shape:
        raise ValueError(f"expected a (height, width, 3) uint8 array, got {rgb.dtype} {rgb.shape}")
    height, width = rgb.shape[:2]
    rows = np.zeros((height, 1 + 3 * width), dtype=np.uint8)  # column 0: each row's filter byte
    rows[:, 1:] = rgb.reshape(height, 3 * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # depth 8, colour type 2: RGB
    return (_PNG_SIGNATURE + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _png_chunk(b"IEND", b""))


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


# --- files ------------------------------------------------------------------------------------

def spectrogram_path(archive_folder: Path, take: int) -> Path:
    """Where take ``take``'s picture lives: beside its archived raw take, same name, ``.png``
    (``output001.png``, ..., ``output1000.png``)."""
    return Path(archive_folder) / Path(take_name(take)).with_suffix(".png").name


def is_fresh(png_path: Path, audio_path: Path) -> bool:
    """Whether ``png_path`` exists and was written after ``audio_path`` last changed."""
    try:
        return os.stat(png_path).st_mtime_ns > os.stat(audio_path).st_mtime_ns
    except FileNotFoundError:
        return False


def read_audio(source: Path | BinaryIO, name: Path | str) -> tuple[np.ndarray, int]:
    """Read an audio file (a path or an open binary file) as float32 ``(frames, channels)``;
    :class:`SpectrogramError` naming ``name`` when it cannot be read."""
    try:
        audio, sample_rate = sf.read(source, dtype="float32", always_2d=True)
    except (OSError, RuntimeError, TypeError) as exc:  # LibsndfileError is a RuntimeError
        raise SpectrogramError(f"{name}: cannot be read as audio: {exc}") from exc
    return audio, sample_rate


def save_spectrogram(audio: np.ndarray, sample_rate: int, png_path: Path, name: Path | str,
                     width: int = WIDTH, height: int = HEIGHT) -> Path:
    """Render ``audio`` (from the file ``name``) and write ``png_path`` atomically; returns it.
    :class:`SpectrogramError` naming ``name`` when the audio cannot be pictured (empty, NaN)."""
    try:
        picture = render_png(mel_spectrogram(audio, sample_rate, columns=width), width, height)
    except ValueError as exc:
        raise SpectrogramError(f"{name}: no spectrogram: {exc}") from exc
    _write_atomic(Path(png_path), picture)
    return Path(png_path)


def write_spectrogram(audio_path: Path, png_path: Path, width: int = WIDTH,
                      height: int = HEIGHT) -> Path:
    """Write the picture of the audio file ``audio_path`` to ``png_path``; returns ``png_path``.

    Cached: when ``png_path`` is newer than ``audio_path`` nothing is read or written. The PNG
    is written to a hidden temp file, fsynced, then moved into place (``os.replace``), so the
    panel never shows half a picture. Blocking. :class:`SpectrogramError` (naming the file) for
    audio that cannot be read or pictured; ``OSError`` when the picture cannot be written.
    """
    if is_fresh(png_path, audio_path):
        return Path(png_path)
    audio, sample_rate = read_audio(audio_path, audio_path)
    return save_spectrogram(audio, sample_rate, png_path, audio_path, width, height)


def _write_atomic(path: Path, data: bytes) -> None:
    temp = temp_path_for(path)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)  # a power cut must not leave an empty picture that looks up to date
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except FileNotFoundError:
            pass
        raise
