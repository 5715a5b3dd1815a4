"""BS.1770-4 loudness and true peak against reference values and a from-the-text reference."""

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy import signal

from fragments import meters

RATE = 48000

# ITU-R BS.1770-4, tables 1 and 2: K-weighting coefficients at 48 kHz
SPEC_SHELF = ([1.53512485958697, -2.69169618940638, 1.19839281085285],
              [1.0, -1.69065929318241, 0.73248077421585])
SPEC_HIGHPASS = ([1.0, -2.0, 1.0], [1.0, -1.99004745483398, 0.99007225036621])


def sine(freq, seconds, rate=RATE, amplitude=1.0, phase=0.0):
    t = np.arange(int(round(seconds * rate))) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t + phase)).astype(np.float32)


def stereo(left, right=None):
    right = np.zeros_like(left) if right is None else right
    return np.ascontiguousarray(np.stack([left, right], axis=1))


def reference_loudness_48k(audio):
    """BS.1770-4 integrated loudness written straight from the text, float64, 48 kHz only."""
    shelved = signal.lfilter(*SPEC_SHELF, audio.astype(np.float64), axis=0)
    z = signal.lfilter(*SPEC_HIGHPASS, shelved, axis=0)
    block, step = 19200, 4800
    starts = range(0, len(z) - block + 1, step)
    energies = np.array([np.mean(z[s:s + block] ** 2, axis=0).sum() for s in starts])
    loud = -0.691 + 10 * np.log10(np.maximum(energies, 1e-30))
    gated = energies[loud > -70]
    relative = -0.691 + 10 * np.log10(gated.mean()) - 10
    return -0.691 + 10 * np.log10(energies[(loud > -70) & (loud > relative)].mean())


def test_k_weighting_matches_the_standard_coefficients_at_48k():
    sos = meters.k_weighting_sos(48000)
    np.testing.assert_allclose(sos[0], SPEC_SHELF[0] + SPEC_SHELF[1], atol=1e-8)
    np.testing.assert_allclose(sos[1], SPEC_HIGHPASS[0] + SPEC_HIGHPASS[1], atol=1e-8)


@pytest.mark.parametrize("rate", [44100, 48000, 22050])
def test_full_scale_997hz_sine_on_one_channel_reads_minus_3_01_lufs(rate):
    audio = stereo(sine(997, 10, rate=rate))
    assert meters.integrated_loudness(audio, rate) == pytest.approx(-3.01, abs=0.05)


def test_mono_reads_like_one_channel_of_stereo():
    assert meters.integrated_loudness(sine(997, 5)[:, None], RATE) == pytest.approx(-3.01, abs=0.05)


def test_minus_20_dbfs_1khz_sine_on_both_channels_reads_minus_20_lufs():
    tone = sine(1000, 10, amplitude=0.1)
    assert meters.integrated_loudness(stereo(tone, tone), RATE) == pytest.approx(-20.0, abs=0.05)


@pytest.mark.parametrize("seed", [1, 2])
def test_gated_loudness_matches_a_reference_written_from_the_standard(seed):
    rng = np.random.default_rng(seed)
    envelope = np.repeat(rng.uniform(0.0005, 1.0, 40), RATE // 2)  # 20 s, jumps every 0.5 s
    audio = (rng.standard_normal((envelope.size, 2)) * 0.2 * envelope[:, None]).astype(np.float32)
    audio[RATE * 5:RATE * 8] = 0  # silence the absolute gate must drop
    expected = reference_loudness_48k(audio)
    assert meters.integrated_loudness(audio, RATE) == pytest.approx(expected, abs=0.02)


def test_relative_gate_ignores_quiet_passages():
    loud = sine(1000, 10, amplitude=0.1)
    # 40 dB down: above the absolute gate, below the relative one
    quiet = sine(1000, 10, amplitude=0.001)
    audio = stereo(np.concatenate([loud, quiet]), np.concatenate([loud, quiet]))
    assert meters.integrated_loudness(audio, RATE) == pytest.approx(-20.0, abs=0.1)
    assert meters.integrated_loudness(audio, RATE, gated=False) == pytest.approx(-23.0, abs=0.1)


def test_agrees_with_pyloudnorm_within_a_tenth_of_a_lu():
    pyln = pytest.importorskip("pyloudnorm")
    rng = np.random.default_rng(3)
    audio = (rng.standard_normal((RATE * 10, 2)) * 0.1).astype(np.float32)
    expected = pyln.Meter(RATE).integrated_loudness(audio.astype(np.float64))
    assert meters.integrated_loudness(audio, RATE) == pytest.approx(expected, abs=0.1)


def test_take_shorter_than_one_gating_block_is_measured_ungated():
    audio = stereo(sine(997, 0.25))  # 250 ms < 400 ms
    assert meters.integrated_loudness(audio, RATE) == pytest.approx(-3.01, abs=0.1)


def test_silence_and_sub_gate_audio_read_minus_infinity():
    assert meters.integrated_loudness(np.zeros((RATE, 2), np.float32), RATE) == -math.inf
    whisper = stereo(sine(1000, 2, amplitude=10 ** (-75 / 20)))
    assert meters.integrated_loudness(whisper, RATE) == -math.inf
    assert math.isfinite(meters.integrated_loudness(whisper, RATE, gated=False))


def test_gain_shifts_loudness_by_exactly_the_gain():
    rng = np.random.default_rng(4)
    audio = (rng.standard_normal((RATE * 5, 2)) * 0.1).astype(np.float32)
    before = meters.integrated_loudness(audio, RATE)
    after = meters.integrated_loudness(audio * np.float32(10 ** (-6 / 20)), RATE)
    assert after - before == pytest.approx(-6.0, abs=0.01)


# --- true peak ------------------------------------------------------------------------------

def reference_true_peak(audio):
    """Every interpolated value, the slow way, with the meter's own interpolator."""
    h, _ = meters._interpolator()
    taps = h.shape[1]
    best = np.abs(audio).max()
    for c in range(audio.shape[1]):
        padded = np.concatenate([np.zeros(taps), audio[:, c].astype(np.float64), np.zeros(taps)])
        for phase in h:
            # value at m + d uses x[m - taps/2 + 1 .. m + taps/2]
            values = np.convolve(padded, phase[::-1], mode="valid")
            best = max(best, np.abs(values).max())
    return 20 * np.log10(best)


def test_true_peak_catches_the_intersample_peak_a_sample_meter_misses():
    # a sine at fs/4 with 45 degree phase: every sample sits at 0.707 of the real peak
    n = np.arange(RATE)
    audio = (0.5 * np.sin(np.pi / 2 * n + np.pi / 4)).astype(np.float32)[:, None]
    # no abrupt start: its overshoot is real but not the point here
    audio[:2000, 0] *= np.linspace(0, 1, 2000)
    audio[-2000:, 0] *= np.linspace(1, 0, 2000)
    sample_db, true_db = meters.peaks(audio)
    assert sample_db == pytest.approx(20 * np.log10(0.5 * math.sqrt(0.5)), abs=0.01)  # -9.03
    assert true_db == pytest.approx(20 * np.log10(0.5), abs=0.05)  # -6.02


@pytest.mark.parametrize("kind", ["sparse", "dense"])
def test_true_peak_equals_full_oversampling(kind):
    rng = np.random.default_rng(5)
    if kind == "sparse":  # music-like: a few loud hits in quieter material
        audio = (rng.standard_normal((20000, 2)) * 0.05).astype(np.float32)
        for at in (1000, 7777, 19990):
            audio[at:at + 3] = [[0.9, -0.4], [-0.8, 0.6], [0.7, -0.9]]
    else:  # limiter-like: peaks everywhere
        audio = np.clip(rng.standard_normal((20000, 2)) * 0.6, -0.8, 0.8).astype(np.float32)
    assert meters.true_peak(audio) == pytest.approx(reference_true_peak(audio), abs=1e-4)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 3000), st.integers(1, 2), st.floats(0.001, 1.0), st.integers(0, 2**32 - 1))
def test_true_peak_is_exact_and_never_below_the_sample_peak(frames, channels, scale, seed):
    rng = np.random.default_rng(seed)
    audio = (rng.standard_normal((frames, channels)) * scale).astype(np.float32)
    sample_db, true_db = meters.peaks(audio)
    assert true_db >= sample_db
    assert true_db == pytest.approx(reference_true_peak(audio), abs=1e-4)


def test_true_peak_of_silence_is_minus_infinity():
    assert meters.peaks(np.zeros((100, 2), np.float32)) == (-math.inf, -math.inf)


def test_true_peak_of_a_low_sine_is_its_amplitude():
    audio = sine(1000, 1, amplitude=0.25)[:, None]
    assert meters.true_peak(audio) == pytest.approx(20 * np.log10(0.25), abs=0.01)


@pytest.mark.parametrize("frames", [64, 1000, 1001])
def test_true_peak_includes_the_ringing_before_the_first_and_after_the_last_sample(frames):
    # a burst that dies away rings loudest *before* its first sample (and after the reversed one)
    audio = np.zeros((frames, 1), np.float32)
    burst = np.array([0.9, -0.9, 0.6, -0.3, 0.1], np.float32)
    audio[:5, 0], audio[-5:, 0] = burst, burst[::-1]
    assert meters.true_peak(audio) == pytest.approx(reference_true_peak(audio), abs=1e-4)
