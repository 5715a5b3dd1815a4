"""Calibrated test signals for sound checks: sine, logarithmic sweep and pink noise.

Levels are RMS in dBFS and exact, so post-processing must leave them alone (``calibrated``):

- ``sine``: amplitude ``10**(level_db/20) * sqrt(2)``, so its peak is ``level_db + 3.01`` dB;
- ``sweep``: the same amplitude as the sine, frequency rising exponentially (equal time per
  octave) from ``freq`` to ``freq_end``; its RMS is ``level_db`` within a few hundredths of a dB;
- ``pink``: seeded Gaussian noise with a -3.01 dB/octave spectrum from 20 Hz to 0.45 × rate
  (see :class:`PinkStream`), scaled after generation so its RMS is exactly ``level_db``.

Stereo carries the same signal on both channels. The take lasts ``seconds`` (2 s when not
given). The prompt text is ignored, except with ``signal = "auto"`` (the default): then a
prompt whose first word is ``sine``, ``sweep`` or ``pink`` picks that signal, anything else
gives a sine. Levels above -3 dBFS RMS make a sine's peak exceed full scale; the take is float
and is not clipped.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from engines.base import Cancelled, Engine, GenerateRequest, IsCancelled, Param, Progress, Take

SIGNALS = ("sine", "sweep", "pink")
BLOCK_S = 0.25  # progress and cancel checks happen once per block
PINK_LOW_HZ = 5.0


class TestSignalEngine(Engine):
    """Sine, log sweep and pink noise at exact RMS levels; needs only numpy."""

    __test__ = False  # not a pytest test class, despite the name

    name = "testsignal"
    summary = "calibrated sine, logarithmic sweep and pink noise for sound checks"
    calibrated = True
    max_seconds = 600.0
    params = (
        Param("signal", str, "auto", "sine, sweep or pink; auto: the prompt's first word if it "
              "names one, else sine", choices=("auto",) + SIGNALS),
        Param("freq", float, 1000.0, "sine frequency, or sweep start frequency, in Hz", min=1.0, max=96000.0),
        Param("freq_end", float, 20000.0, "sweep end frequency in Hz (below rate / 2)", min=1.0, max=96000.0),
        Param("level_db", float, -18.0, "RMS level in dBFS (a sine peaks 3.01 dB higher)", min=-120.0, max=0.0),
        Param("rate", int, 48000, "sample rate in Hz", min=8000, max=192000),
        Param("channels", int, 2, "1 (mono) or 2 (the same signal on both)", min=1, max=2),
    )

    def load(self) -> None:
        """Nothing to load: the signals are computed."""

    def generate(self, request: GenerateRequest, progress: Progress, is_cancelled: IsCancelled) -> Take:
        p = {prm.name: request.params.get(prm.name, prm.default) for prm in self.params}
        signal = resolve_signal(p["signal"], request.prompt)
        rate, seconds = int(p["rate"]), 2.0 if request.seconds is None else float(request.seconds)
        _check_frequencies(signal, float(p["freq"]), float(p["freq_end"]), rate)
        frames = max(1, round(seconds * rate))
        source = _source(signal, p, rate, frames, request.seed)
        mono = np.empty(frames, dtype=np.float64)
        block = max(1, round(BLOCK_S * rate))
        for start in range(0, frames, block):
            if is_cancelled():
                raise Cancelled()
            stop = min(frames, start + block)
            mono[start:stop] = source(start, stop)
            progress(stop / frames)
        if signal == "pink":  # exact RMS after generation, as documented
            mono *= 10 ** (p["level_db"] / 20) / np.sqrt(np.mean(mono ** 2))
        audio = np.repeat(mono.astype(np.float32)[:, None], int(p["channels"]), axis=1)
        info = {"signal": signal, "level_db": p["level_db"], "rate": rate}
        if signal != "pink":
            info.update(freq=p["freq"], **({"freq_end": p["freq_end"]} if signal == "sweep" else {}))
        return Take(audio=audio, sample_rate=rate, seed=request.seed, info=info)


def resolve_signal(signal: str, prompt: str) -> str:
    """``auto`` becomes the prompt's first word when that names a signal, else ``sine``."""
    if signal != "auto":
        return signal
    words = prompt.strip().lower().split()
    return words[0] if words and words[0] in SIGNALS else "sine"


def _check_frequencies(signal: str, freq: float, freq_end: float, rate: int) -> None:
    nyquist = rate / 2
    for name, value in (("freq", freq), ("freq_end", freq_end)):
        if (signal != "pink") and (name == "freq" or signal == "sweep") and value >= nyquist:
            raise ValueError(f"{name} {value:g} Hz must be below half the sample rate "
                             f"({nyquist:g} Hz at rate {rate})")


def _source(signal: str, p: dict[str, Any], rate: int, frames: int, seed: int):
    """A function ``(start, stop) -> samples`` producing the signal block by block."""
    amplitude = 10 ** (p["level_db"] / 20) * math.sqrt(2)
    if signal == "pink":
        return _pink_source(rate, seed)
    f0 = float(p["freq"])
    f1 = float(p["freq_end"]) if signal == "sweep" else f0
    duration = frames / rate
    growth = math.log(f1 / f0)

    def phase(t: np.ndarray) -> np.ndarray:
        if abs(growth) < 1e-12:
            return 2 * np.pi * f0 * t
        return 2 * np.pi * f0 * duration / growth * np.expm1(t / duration * growth)

    return lambda start, stop: amplitude * np.sin(phase(np.arange(start, stop) / rate))


def _pink_source(rate: int, seed: int):
    """Seeded pink noise as a ``(start, stop) -> samples`` source (reads must be in order)."""
    stream = PinkStream(rate, seed)
    return lambda start, stop: stream.read(stop - start)


class PinkStream:
    """White noise convolved with a linear-phase FIR of magnitude ``1/sqrt(f)`` (overlap-add).

    The FIR is ``2**k >= rate / 0.75`` taps long (65536 at 48 kHz), flat below 5 Hz, and follows
    -3.01 dB/octave within 0.01 dB from 20 Hz to 0.45 × rate. One block is discarded at the
    start so the first sample is already stationary.
    """

    def __init__(self, rate: int, seed: int) -> None:
        self.taps = 1 << math.ceil(math.log2(rate / 0.75))
        freqs = np.fft.rfftfreq(self.taps, 1 / rate)
        fir = np.fft.irfft(1 / np.sqrt(np.maximum(freqs, PINK_LOW_HZ)), self.taps)
        fir = np.roll(fir, self.taps // 2) * np.hanning(self.taps)
        self._spectrum = np.fft.rfft(fir, 2 * self.taps)
        self._rng = np.random.default_rng(seed)
        self._tail = np.zeros(self.taps)
        self._ready = np.zeros(0)
        self._block()

    def _block(self) -> np.ndarray:
        white = self._rng.standard_normal(self.taps)
        out = np.fft.irfft(np.fft.rfft(white, 2 * self.taps) * self._spectrum, 2 * self.taps)
        out[: self.taps] += self._tail
        self._tail = out[self.taps:]
        return out[: self.taps]

    def read(self, n: int) -> np.ndarray:
        while len(self._ready) < n:
            self._ready = np.concatenate([self._ready, self._block()])
        out, self._ready = self._ready[:n], self._ready[n:]
        return out
