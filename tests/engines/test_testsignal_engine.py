"""Calibrated test signals: levels, sweep law, pink slope, channels, cancel."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import signal as sps

from engines.base import Cancelled, GenerateRequest
from engines.testsignal import TestSignalEngine


def make(prompt="", seconds=2.0, seed=1, cancel_after=None, **params):
    engine = TestSignalEngine({})
    engine.load()
    calls: list[float] = []
    cancelled = (lambda: cancel_after is not None and len(calls) >= cancel_after)
    take = engine.generate(GenerateRequest(prompt, seed, seconds, params), calls.append, cancelled)
    return take, calls


def db(x: np.ndarray) -> float:
    return 20 * np.log10(np.sqrt(np.mean(np.asarray(x, np.float64) ** 2)))


def test_sine_level_peak_and_frequency():
    take, calls = make(signal="sine", freq=440.0, level_db=-18.0, rate=48000, channels=2)
    a = take.audio
    assert a.dtype == np.float32 and a.shape == (96000, 2) and take.sample_rate == 48000
    assert np.array_equal(a[:, 0], a[:, 1])
    assert db(a[:, 0]) == pytest.approx(-18.0, abs=0.01)
    assert 20 * np.log10(np.abs(a).max()) == pytest.approx(-18.0 + 3.0103, abs=0.01)
    spectrum = np.abs(np.fft.rfft(a[:, 0]))
    assert np.fft.rfftfreq(len(a), 1 / 48000)[spectrum.argmax()] == pytest.approx(440.0, abs=0.5)
    assert calls[-1] == 1.0 and calls == sorted(calls) and len(calls) == 8  # 0.25 s blocks


def test_sweep_follows_the_log_law_between_its_endpoints():
    take, _ = make(signal="sweep", freq=100.0, freq_end=10000.0, rate=48000, channels=1, seconds=2.0)
    x = take.audio[:, 0].astype(np.float64)
    inst = np.diff(np.unwrap(np.angle(sps.hilbert(x)))) * 48000 / (2 * np.pi)
    for t in (0.1, 1.0, 1.9):
        expected = 100.0 * 100.0 ** (t / 2.0)
        assert np.median(inst[int(t * 48000) - 50:int(t * 48000) + 50]) == pytest.approx(expected, rel=0.01)
    assert db(x) == pytest.approx(-18.0, abs=0.05)


def test_pink_noise_level_slope_and_seed():
    take, _ = make("pink", seconds=10.0, seed=7, rate=48000, channels=1, level_db=-20.0)
    x = take.audio[:, 0]
    assert db(x) == pytest.approx(-20.0, abs=0.001)
    f, psd = sps.welch(x.astype(np.float64), fs=48000, nperseg=8192)
    band = (f >= 50) & (f <= 15000)
    slope = np.polyfit(np.log2(f[band]), 10 * np.log10(psd[band]), 1)[0]
    assert slope == pytest.approx(-3.01, abs=0.15)  # dB per octave
    again, _ = make("pink", seconds=1.0, seed=7, channels=1, level_db=-20.0)
    other, _ = make("pink", seconds=1.0, seed=8, channels=1, level_db=-20.0)
    assert np.array_equal(make("pink", seconds=1.0, seed=7, channels=1, level_db=-20.0)[0].audio, again.audio)
    assert not np.array_equal(again.audio, other.audio)


def test_auto_signal_comes_from_the_prompt_and_explicit_param_wins():
    assert make("pink noise please", seconds=0.1)[0].info["signal"] == "pink"
    assert make("sweep", seconds=0.1)[0].info["signal"] == "sweep"
    assert make("hello", seconds=0.1)[0].info["signal"] == "sine"
    assert make("pink", seconds=0.1, signal="sine")[0].info["signal"] == "sine"


def test_mono_and_default_length():
    take, _ = make(seconds=None, channels=1, rate=8000, freq=100.0)
    assert take.audio.shape == (16000, 1) and take.sample_rate == 8000


def test_cancel_between_blocks():
    with pytest.raises(Cancelled):
        make("pink", seconds=600.0, cancel_after=3)


def test_frequency_above_nyquist_is_refused():
    with pytest.raises(ValueError, match="below half the sample rate"):
        make(signal="sine", freq=5000.0, rate=8000, seconds=0.1)
    with pytest.raises(ValueError, match="freq_end"):
        make(signal="sweep", rate=8000, seconds=0.1)  # default freq_end 20 kHz


def test_calibrated_flag():
    assert TestSignalEngine.calibrated is True
