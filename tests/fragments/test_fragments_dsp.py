"""Behaviour of the pure audio functions: validation, trim, fades, resampling, channels."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from fragments import dsp

RATE = 44100


def sine(freq, seconds, rate=RATE, amplitude=0.5, channels=1):
    t = np.arange(int(seconds * rate)) / rate
    wave = (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    return np.repeat(wave[:, None], channels, axis=1)


def dominant_frequency(x, rate):
    spectrum = np.abs(np.fft.rfft(x[:, 0] * np.hanning(len(x))))
    return np.argmax(spectrum) * rate / len(x)


# --- validation -----------------------------------------------------------------------------

def test_as_frames_treats_1d_as_mono_float32():
    out = dsp.as_frames(np.zeros(10, dtype=np.float64) + 0.25)
    assert out.shape == (10, 1) and out.dtype == np.float32 and out[3, 0] == 0.25


@pytest.mark.parametrize("dtype", [np.int16, np.int32, np.uint8])
def test_as_frames_refuses_integer_pcm_with_a_hint(dtype):
    with pytest.raises(ValueError, match="floating point.*int16 / 32768"):
        dsp.as_frames(np.zeros((10, 2), dtype=dtype))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_as_frames_refuses_nan_and_inf_naming_the_frame(bad):
    audio = np.zeros((100, 2), dtype=np.float32)
    audio[42, 1] = bad
    with pytest.raises(ValueError, match="NaN or infinite.*frame 42"):
        dsp.as_frames(audio)


@pytest.mark.parametrize("shape", [(0, 2), (0,), (4, 2, 2), (5, 0)])
def test_as_frames_refuses_empty_or_oddly_shaped_audio(shape):
    with pytest.raises(ValueError):
        dsp.as_frames(np.zeros(shape, dtype=np.float32))


# --- trim -----------------------------------------------------------------------------------

def take_with_silence(lead=10000, body=20000, tail=15000, level=0.5):
    audio = np.zeros((lead + body + tail, 2), dtype=np.float32)
    audio[lead:lead + body] = level
    return audio


def test_trim_keeps_the_pad_before_and_after_the_sound():
    audio = take_with_silence()
    out, start, end = dsp.trim_silence(audio, RATE, -40.0, 20.0)
    pad = round(0.020 * RATE)
    assert (start, end) == (10000 - pad, 30000 + pad)
    assert out.shape[0] == 20000 + 2 * pad
    assert np.all(out[:pad] == 0) and np.all(out[pad:pad + 20000] == 0.5)


def test_trim_pad_is_clipped_at_the_take_edges():
    audio = take_with_silence(lead=100, tail=50)
    out, start, end = dsp.trim_silence(audio, RATE, -40.0, 20.0)
    assert (start, end) == (0, audio.shape[0])


def test_trim_keeps_quiet_sound_above_the_threshold_and_cuts_below():
    audio = take_with_silence(level=0.5)
    audio[2000] = 0.02  # -34 dBFS: above -40, counts as sound
    audio[40000, 0] = 0.005  # -46 dBFS: below, trimmed
    _, start, end = dsp.trim_silence(audio, RATE, -40.0, 0.0)
    assert (start, end) == (2000, 30000)


def test_trim_returns_a_view_not_a_copy():
    audio = take_with_silence()
    out, _, _ = dsp.trim_silence(audio, RATE, -40.0, 20.0)
    assert np.shares_memory(out, audio)


def test_trim_of_a_silent_take_raises_a_clear_error():
    audio = np.full((44100, 2), 0.001, dtype=np.float32)  # -60 dBFS hiss only
    with pytest.raises(ValueError, match="take is silent: no sample above -40 dBFS"):
        dsp.trim_silence(audio, RATE, -40.0, 20.0)


def test_trim_finds_sound_deep_inside_a_long_silence():
    audio = np.zeros((RATE * 30, 1), dtype=np.float32)
    audio[RATE * 17] = 0.9
    out, start, end = dsp.trim_silence(audio, RATE, -40.0, 0.0)
    assert (start, end) == (RATE * 17, RATE * 17 + 1)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float32, st.tuples(st.integers(1, 3000), st.integers(1, 2)),
              elements=st.floats(-1, 1, width=32)),
       st.floats(-60, -1), st.floats(0, 50))
def test_trim_never_loses_a_sample_above_the_threshold(audio, threshold_db, pad_ms):
    threshold = 10 ** (threshold_db / 20)
    loud = np.flatnonzero((np.abs(audio) > threshold).any(axis=1))
    if loud.size == 0:
        with pytest.raises(ValueError, match="take is silent"):
            dsp.trim_silence(audio, RATE, threshold_db, pad_ms)
        return
    out, start, end = dsp.trim_silence(audio, RATE, threshold_db, pad_ms)
    assert start <= loud[0] and end > loud[-1]
    pad = round(pad_ms * RATE / 1000)
    assert start == max(0, loud[0] - pad) and end == min(len(audio), loud[-1] + 1 + pad)
    assert np.array_equal(out, audio[start:end])


# --- fades ----------------------------------------------------------------------------------

def test_fades_start_and_end_at_zero_and_leave_the_middle_alone():
    audio = np.ones((RATE, 2), dtype=np.float32)
    out = dsp.apply_fades(audio, RATE, 10.0, 20.0)
    fin, fout = round(0.010 * RATE), round(0.020 * RATE)
    assert np.all(out[0] == 0) and np.all(out[-1] < 1e-5)
    assert np.all(out[fin:-fout] == 1.0)
    assert np.all(np.diff(out[:fin, 0]) > 0) and np.all(np.diff(out[-fout:, 0]) < 0)
    assert np.all(audio == 1.0), "apply_fades without out= must not touch its input"


def test_fade_shape_is_raised_cosine():
    audio = np.ones((10000, 1), dtype=np.float32)
    out = dsp.apply_fades(audio, 1000, 100.0, 0.0)  # 100 frames at 1 kHz
    n = np.arange(100)
    np.testing.assert_allclose(out[:100, 0], 0.5 - 0.5 * np.cos(np.pi * n / 100), atol=1e-6)
    assert out[50, 0] == pytest.approx(0.5, abs=1e-6)


def test_fades_longer_than_the_take_are_clamped():
    audio = np.ones((441, 2), dtype=np.float32)  # 10 ms
    out = dsp.apply_fades(audio, RATE, 1000.0, 1000.0)
    assert out.shape == audio.shape
    assert out[0, 0] == 0 and out[-1, 0] < 0.01
    assert out.max() <= 1.0 and np.all(out >= 0)


def test_fades_in_place_with_out():
    audio = np.ones((1000, 1), dtype=np.float32)
    result = dsp.apply_fades(audio, RATE, 5.0, 5.0, out=audio)
    assert result is audio and audio[0, 0] == 0


def test_zero_length_fades_change_nothing():
    audio = np.ones((1000, 2), dtype=np.float32)
    assert np.array_equal(dsp.apply_fades(audio, RATE, 0.0, 0.0), audio)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5000), st.floats(0, 200), st.floats(0, 200))
def test_fades_never_amplify_and_fit_the_take(frames, fade_in, fade_out):
    audio = np.random.default_rng(frames).uniform(-1, 1, (frames, 2)).astype(np.float32)
    out = dsp.apply_fades(audio, RATE, fade_in, fade_out)
    fin, fout = dsp.fade_lengths(frames, RATE, fade_in, fade_out)
    assert fin + fout <= frames
    assert np.all(np.abs(out) <= np.abs(audio))
    if fin:
        assert np.all(out[0] == 0)


# --- resampling and channels ----------------------------------------------------------------

@pytest.mark.parametrize("rate", [22050, 48000])
def test_resample_to_44100_keeps_pitch_level_and_duration(rate):
    audio = sine(1000, 2.0, rate=rate, amplitude=0.5, channels=2)
    out = dsp.resample(audio, rate, RATE)
    assert out.dtype == np.float32 and out.shape[1] == 2
    assert abs(out.shape[0] - 2 * RATE) <= 2
    assert dominant_frequency(out, RATE) == pytest.approx(1000, abs=1.0)
    middle = out[RATE // 2:-RATE // 2]
    assert 20 * np.log10(np.abs(middle).max() / 0.5) == pytest.approx(0, abs=0.05)


def test_resample_at_the_same_rate_is_a_no_op():
    audio = sine(440, 0.1)
    assert dsp.resample(audio, RATE, RATE) is audio


def test_mono_to_stereo_duplicates():
    audio = sine(440, 0.1)
    out = dsp.to_channels(audio, 2)
    assert out.shape == (audio.shape[0], 2)
    assert np.array_equal(out[:, 0], audio[:, 0]) and np.array_equal(out[:, 1], audio[:, 0])


def test_stereo_to_mono_is_the_mean_and_cannot_clip():
    audio = np.stack([np.full(100, 1.0), np.full(100, 0.5)], axis=1).astype(np.float32)
    out = dsp.to_channels(audio, 1)
    assert out.shape == (100, 1) and np.allclose(out, 0.75)


def test_channels_zero_keeps_the_take():
    audio = np.zeros((10, 2), dtype=np.float32)
    assert dsp.to_channels(audio, 0) is audio


def test_multichannel_to_stereo_is_refused():
    with pytest.raises(ValueError, match="6-channel"):
        dsp.to_channels(np.zeros((10, 6), dtype=np.float32), 2)


def test_a_take_too_short_to_resample_is_a_clear_error():
    with pytest.raises(ValueError, match="too short to resample"):
        dsp.resample(np.full((1, 2), 0.5, np.float32), 44100, 8000)


def test_huge_but_finite_values_are_not_mistaken_for_nan():
    audio = np.array([[3e38], [-3e38]], np.float32)
    assert dsp.as_frames(audio) is audio
