"""Loops and exact lengths: bar lengths to the sample, seamless loops, fit to length, joins."""

import functools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy.signal import chirp, lfilter

from fragments.loops import (
    SEARCH_MS, bar_frames, fit_length, join_segments, make_loop, seam_jump, typical_step)

RATE = 44100
BAR = 88200  # one bar of 4/4 at 120 bpm, 44100 Hz
SIGNALS = ("sine", "sweep", "pink", "pluck", "stereo")


def pink(n, rng):
    spectrum = np.fft.rfft(rng.standard_normal(n))
    spectrum[1:] /= np.sqrt(np.arange(1, spectrum.size))
    spectrum[0] = 0
    x = np.fft.irfft(spectrum, n)
    return 0.3 * x / np.max(np.abs(x))


def signal(name, seconds, rate=RATE):
    n = int(seconds * rate)
    t = np.arange(n) / rate
    rng = np.random.default_rng(7)
    if name == "sine":  # 437.3 Hz: no whole number of cycles in a bar, so a plain cut clicks
        x = 0.5 * np.sin(2 * np.pi * 437.3 * t)
    elif name == "sweep":
        x = 0.5 * chirp(t, 60, t[-1], 6000, method="logarithmic")
    elif name == "pink":
        x = pink(n, rng)
    elif name == "pluck":
        x = sum(np.sin(2 * np.pi * 196 * k * t + k) * np.exp(-(2 + k) * t) / k for k in range(1, 8))
        x = 0.5 * x / np.max(np.abs(x))
    else:
        x = np.stack([0.4 * np.sin(2 * np.pi * 331 * t),
                      0.3 * np.sin(2 * np.pi * 523.7 * t + 1) + 0.05 * pink(n, rng)], axis=1)
    x = x.astype(np.float32)
    return x if x.ndim == 2 else x[:, None]


@functools.lru_cache(maxsize=2)
def long_take(rate):
    """34 s of low-passed stereo noise: longer than 8 bars at 60 bpm."""
    noise = np.random.default_rng(rate).standard_normal((34 * rate, 2))
    return (0.05 * lfilter([1.0], [1.0, -0.9], noise, axis=0)).astype(np.float32)


def loop_start(take, loop, fade):
    """Where in the take the loop's body (after the head crossfade) was cut from."""
    n = loop.shape[0]
    for start in range(round(SEARCH_MS * RATE / 1000) + 1):
        if np.array_equal(loop[fade:], take[start + fade:start + n]):
            return start
    raise AssertionError("the loop's body is not a slice of the take near its start")


def windowed_rms_db(x, size):
    frames = x[:x.shape[0] // size * size].astype(np.float64)
    power = (frames.reshape(-1, size, x.shape[1]) ** 2).mean(axis=(1, 2))
    return 10 * np.log10(power)


# --- bar_frames -----------------------------------------------------------------------------

@pytest.mark.parametrize("bpm, bars, rate, beats, expected", [
    (120.0, 4, 44100, 4, 352800),
    (174.0, 1, 44100, 4, 60828),    # 60827.59
    (93.5, 2, 48000, 4, 246417),    # 246417.11
    (137.3, 4, 44100, 4, 308347),   # 308346.69
    (60, 8, 48000, 4, 1536000),
    (120, 1, 48000, 3, 72000),
    (90, 0.5, 44100, 4, 58800),
    (137.3, 1, 48000, 7, 146832),   # 146831.76
    (172.032, 8, 44100, 4, 492188),  # exactly 492187.5; float arithmetic gives 492187.4999...
])
def test_bar_frames_is_exact_to_the_sample(bpm, bars, rate, beats, expected):
    frames = bar_frames(bpm, bars, rate, beats)
    assert frames == expected and type(frames) is int


# --- seamless loops -------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["longer", "shorter", "free"])
@pytest.mark.parametrize("name", SIGNALS)
def test_loop_seam_does_not_click(name, mode):
    seconds = {"longer": 2.5, "shorter": 1.3, "free": 1.5}[mode]
    take = signal(name, seconds)
    loop = make_loop(take, RATE, frames=None if mode == "free" else BAR)
    assert loop.dtype == np.float32 and loop.shape[1] == take.shape[1]
    assert mode == "free" or loop.shape[0] == BAR
    assert seam_jump(loop) <= typical_step(loop)


def test_naive_cut_of_the_same_sine_clicks():
    naive = signal("sine", 2.5)[:BAR]
    assert seam_jump(naive) > 4 * typical_step(naive)


@pytest.mark.parametrize("name", ["sine", "stereo"])
def test_loop_wraps_the_audio_past_its_end_into_its_head(name):
    take = signal(name, 2.5)
    fade = round(0.050 * RATE)
    loop = make_loop(take, RATE, frames=BAR, crossfade_ms=50.0)
    start = loop_start(take, loop, fade)
    assert np.array_equal(loop[0], take[start + BAR]), "the head opens on the frame after the end"
    assert not np.array_equal(loop[:fade], take[start:start + fade])
    mono = take.sum(axis=1)
    assert 0 < start and abs(mono[start]) <= np.max(np.abs(np.diff(mono))), "cut at a crossing"


def test_loop_head_keeps_the_level_of_uncorrelated_audio():
    take = (0.1 * np.random.default_rng(4).standard_normal((3 * RATE, 1))).astype(np.float32)
    loop = make_loop(take, RATE, frames=BAR, crossfade_ms=500.0)
    levels = windowed_rms_db(loop[:RATE // 2], 2205)
    assert np.all(np.abs(levels - 20 * np.log10(0.1)) < 1.0), "equal power through the head"


def test_free_loop_is_as_long_as_the_take_allows():
    take = signal("stereo", 1.5)
    fade, window = round(0.050 * RATE), round(SEARCH_MS * RATE / 1000)
    loop = make_loop(take, RATE)
    assert take.shape[0] - fade - 2 * window <= loop.shape[0] <= take.shape[0] - fade
    loop_start(take, loop, fade)
    assert not np.array_equal(loop[:, 0], loop[:, 1]), "stereo stays stereo"


def test_short_take_repeats_at_a_steady_level():
    take = pink(int(0.3 * RATE), np.random.default_rng(3)).astype(np.float32)
    loop = make_loop(take, RATE, frames=BAR)
    assert loop.shape == (BAR, 1)
    assert seam_jump(loop) <= typical_step(loop)
    level = windowed_rms_db(take[:, None], take.shape[0])[0]
    assert np.all(np.abs(windowed_rms_db(loop, 4410) - level) < 3.0), "no gap or swell"


def test_mono_1d_take_comes_back_as_frames_by_channels():
    loop = make_loop(signal("sine", 1.0)[:, 0], RATE, frames=20000)
    assert loop.shape == (20000, 1) and loop.dtype == np.float32


@pytest.mark.parametrize("rate", [44100, 48000])
@pytest.mark.parametrize("bpm", [120, 174, 93.5, 60, 137.3])
def test_bar_lengths_are_exact_when_looped_or_fitted(bpm, rate):
    take = long_take(rate)
    short = take[:rate // 2]
    for bars in (1, 2, 4, 8):
        frames = bar_frames(bpm, bars, rate)
        longer = take[:frames + rate // 10]
        for source in (longer, short):
            loop = make_loop(source, rate, frames=frames)
            assert loop.shape == (frames, 2)
            assert seam_jump(loop) <= typical_step(loop)
            assert fit_length(source, rate, frames).shape == (frames, 2)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12000), st.integers(1, 40000), st.integers(1, 2),
       st.sampled_from([8000, 22050, 44100, 48000, 96000]), st.floats(0.1, 200),
       st.integers(0, 2**32 - 1))
def test_make_loop_always_gives_exactly_n_finite_frames(length, frames, channels, rate,
                                                       crossfade_ms, seed):
    take = (0.5 * np.random.default_rng(seed).uniform(-1, 1, (length, channels))).astype(
        np.float32)
    try:
        loop = make_loop(take, rate, frames=frames, crossfade_ms=crossfade_ms)
    except ValueError as error:
        assert "take too short to loop" in str(error) and length < 0.011 * rate
        return
    assert loop.shape == (frames, channels) and loop.dtype == np.float32
    assert np.all(np.isfinite(loop))
    # two equal-power crossfades at most: each can lift a peak by sqrt(2)
    assert np.max(np.abs(loop)) <= 2 * np.max(np.abs(take)) + 1e-6


# --- fit_length -----------------------------------------------------------------------------

def test_fit_length_cuts_with_a_fade_out_at_the_new_end():
    take = signal("stereo", 1.0)
    fade = round(0.010 * RATE)
    out = fit_length(take, RATE, 30000, fade_ms=10.0)
    assert out.shape == (30000, 2) and out.dtype == np.float32
    assert np.array_equal(out[:30000 - fade], take[:30000 - fade])
    assert np.all(out[-1] == 0)
    gain = out[30000 - fade:, 0] / np.where(take[30000 - fade:30000, 0] == 0, 1,
                                           take[30000 - fade:30000, 0])
    assert np.all(np.diff(gain) <= 1e-6), "the fade only goes down"


def test_fit_length_pads_with_silence_and_leaves_the_take_unfaded():
    take = signal("sine", 0.5)
    out = fit_length(take, RATE, 30000)
    assert out.shape == (30000, 1)
    assert np.array_equal(out[:take.shape[0]], take) and np.all(out[take.shape[0]:] == 0)


def test_fit_length_of_the_exact_length_changes_nothing():
    take = signal("pluck", 0.5)
    assert np.array_equal(fit_length(take, RATE, take.shape[0]), take)


# --- join_segments --------------------------------------------------------------------------

def test_join_length_is_the_sum_less_the_overlaps():
    rng = np.random.default_rng(1)
    segments = [rng.uniform(-0.5, 0.5, (n, 2)).astype(np.float32) for n in (1000, 2000, 1500)]
    assert join_segments(segments, 300).shape == (4500 - 2 * 300, 2)
    assert np.array_equal(join_segments(segments, 0), np.concatenate(segments))


def test_join_keeps_the_power_of_uncorrelated_segments_through_the_overlap():
    rng = np.random.default_rng(2)
    a, b = (0.1 * rng.standard_normal((2 * RATE, 1)).astype(np.float32) for _ in range(2))
    out = join_segments([a, b], RATE)
    assert out.shape[0] == 3 * RATE
    levels = windowed_rms_db(out[RATE:2 * RATE], 2205)
    assert np.all(np.abs(levels - 20 * np.log10(0.1)) < 1.0)


def test_join_of_a_continuous_sine_has_no_jump():
    sine = signal("sine", 3.0)
    cuts = [(0, 50000), (45000, 100000), (95000, sine.shape[0])]
    out = join_segments([sine[a:b] for a, b in cuts], 5000)
    assert out.shape == sine.shape
    assert np.array_equal(out[:45000], sine[:45000]) and np.array_equal(out[50000:95000],
                                                                        sine[50000:95000])
    natural = np.max(np.abs(np.diff(sine, axis=0)))
    # identical audio in an overlap swells by up to sqrt(2) under equal power, smoothly
    assert np.max(np.abs(np.diff(out, axis=0))) <= 1.45 * natural


# --- measures -------------------------------------------------------------------------------

def test_seam_jump_and_typical_step_measure_what_they_say():
    loop = np.array([[0.1, 0.0], [0.5, 0.2], [0.3, -0.4]], dtype=np.float32)
    assert seam_jump(loop) == pytest.approx(0.4)
    ramp = (np.arange(100, dtype=np.float32) * 0.01)[:, None]
    assert typical_step(ramp) == pytest.approx(0.01, rel=1e-4)


# --- errors ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, message", [
    ({"bpm": 19.9}, "bpm must be between 20 and 999, got 19.9"),
    ({"bpm": 1000}, "bpm must be between 20 and 999, got 1000"),
    ({"bpm": float("nan")}, "bpm must be finite, got nan"),
    ({"bpm": "120"}, "bpm must be a number, got '120'"),
    ({"bars": 0}, "bars must be more than 0 and at most 256, got 0"),
    ({"bars": 256.5}, "bars must be more than 0 and at most 256, got 256.5"),
    ({"beats_per_bar": 0}, "beats_per_bar must be an integer from 1 to 32, got 0"),
    ({"beats_per_bar": 33}, "beats_per_bar must be an integer from 1 to 32, got 33"),
    ({"beats_per_bar": 4.0}, "beats_per_bar must be an integer from 1 to 32, got 4.0"),
    ({"sample_rate": 0}, "sample_rate must be a positive integer, got 0"),
    ({"sample_rate": 44100.0}, "sample_rate must be a positive integer, got 44100.0"),
    ({"bars": 1e-6}, "shorter than one frame"),
])
def test_bar_frames_names_the_bad_value(kwargs, message):
    args = {"bpm": 120, "bars": 4, "sample_rate": RATE, "beats_per_bar": 4} | kwargs
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        bar_frames(**args)


def test_make_loop_refuses_an_empty_take():
    with pytest.raises(ValueError, match="take is empty"):
        make_loop(np.zeros((0, 2), dtype=np.float32), RATE)


@pytest.mark.parametrize("frames, message", [(0, "frames must be at least 1, got 0"),
                                             (-5, "frames must be at least 1, got -5"),
                                             (2.5, "frames must be an integer")])
def test_make_loop_refuses_a_bad_length(frames, message):
    with pytest.raises(ValueError, match=message):
        make_loop(signal("sine", 1.0), RATE, frames=frames)


def test_make_loop_says_how_short_the_take_was_and_what_it_needs():
    with pytest.raises(ValueError, match=r"too short to loop: 300 frames, needs at least 440"):
        make_loop(np.full((300, 1), 0.1, dtype=np.float32), RATE, frames=1000)


@pytest.mark.parametrize("crossfade_ms", [0.0, -1.0, float("inf")])
def test_make_loop_refuses_a_bad_crossfade(crossfade_ms):
    with pytest.raises(ValueError, match="crossfade_ms must be finite and more than 0 ms"):
        make_loop(signal("sine", 1.0), RATE, crossfade_ms=crossfade_ms)


def test_fit_length_refuses_bad_arguments():
    take = signal("sine", 0.1)
    with pytest.raises(ValueError, match="frames must be at least 1, got 0"):
        fit_length(take, RATE, 0)
    with pytest.raises(ValueError, match="fade_ms must be finite and at least 0 ms, got -1"):
        fit_length(take, RATE, 100, fade_ms=-1.0)
    with pytest.raises(ValueError, match="take is empty"):
        fit_length(np.zeros(0, dtype=np.float32), RATE, 100)


def test_join_names_the_segment_that_is_too_short():
    ok = np.zeros((1000, 1), dtype=np.float32)
    with pytest.raises(ValueError, match="segment 1 has 150 frames, shorter than its 2 overlap"):
        join_segments([ok, ok[:150], ok], 100)
    with pytest.raises(ValueError, match="segment 2 has 50 frames, shorter than its 1 overlap"):
        join_segments([ok, ok, ok[:50]], 100)


def test_join_names_the_segment_with_other_channels():
    with pytest.raises(ValueError, match="segment 2 has 2 channels, segment 0 has 1"):
        join_segments([np.zeros((500, 1), np.float32)] * 2 + [np.zeros((500, 2), np.float32)], 10)


def test_join_refuses_nothing_to_join_and_a_negative_overlap():
    with pytest.raises(ValueError, match="no segments to join"):
        join_segments([], 10)
    with pytest.raises(ValueError, match="overlap_frames must be an integer >= 0, got -1"):
        join_segments([np.zeros((10, 1), np.float32)], -1)


def test_typical_step_needs_two_frames():
    with pytest.raises(ValueError, match="typical_step needs at least 2 frames, got 1"):
        typical_step(np.zeros((1, 2), np.float32))
