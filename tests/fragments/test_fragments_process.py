"""postprocess: trim -> resample -> channels -> loudness -> fades, and its edge cases."""

import dataclasses
import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fragments import dsp
from fragments.process import PostSettings, postprocess

RATE = 44100


def tone(seconds, rate=RATE, amplitude=0.1, freq=1000, channels=2, lead=0.0, tail=0.0):
    t = np.arange(int(seconds * rate)) / rate
    body = (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    audio = np.concatenate([np.zeros(int(lead * rate)), body, np.zeros(int(tail * rate))])
    audio = audio.astype(np.float32)
    return np.repeat(audio[:, None], channels, axis=1)


def test_trims_keeps_pad_normalises_and_fades():
    audio = tone(3.0, lead=1.0, tail=2.0)
    out, report = postprocess(audio, RATE, PostSettings())
    pad = round(0.020 * RATE)
    # the sine rises from 0: its first sample above -40 dBFS is a frame or two in
    assert report["trimmed_start_s"] == pytest.approx(1.0 - pad / RATE, abs=3 / RATE)
    assert report["trimmed_end_s"] == pytest.approx(2.0 - pad / RATE, abs=3 / RATE)
    assert out.shape[0] == pytest.approx(3 * RATE + 2 * pad, abs=2)
    assert np.all(np.abs(out[:pad - 441]) == 0), "pad before the first sound is kept as silence"
    assert dsp.integrated_loudness(out, RATE) == pytest.approx(-14.0, abs=0.1)
    assert report["loudness_lufs_after"] == pytest.approx(-14.0, abs=1e-6)
    assert report["loudness_lufs_before"] == pytest.approx(-20.0, abs=0.1)
    assert report["gain_db"] == pytest.approx(6.0, abs=0.1)
    assert np.all(out[0] == 0) and np.all(np.abs(out[-1]) < 1e-4)


def test_true_peak_ceiling_lowers_the_gain_of_a_peaky_take():
    audio = tone(4.0, amplitude=0.01)
    audio[RATE] = 0.9  # one loud click in a quiet take: reaching -14 LUFS would clip
    out, report = postprocess(audio, RATE, PostSettings())
    assert report["limited_by_true_peak"] is True
    assert dsp.true_peak(out) <= -1.0 + 1e-3
    assert report["true_peak_db"] == pytest.approx(-1.0, abs=1e-6)
    assert report["loudness_lufs_after"] < -14.0


def test_peak_mode_sets_the_sample_peak():
    settings = PostSettings(loudness="peak", peak_db=-3.0)
    out, report = postprocess(tone(2.0, amplitude=0.2), RATE, settings)
    assert dsp.gain_to_db(dsp.sample_peak(out)) == pytest.approx(-3.0, abs=0.01)
    assert report["sample_peak_db"] == pytest.approx(-3.0, abs=1e-6)


def test_off_mode_and_calibrated_keep_the_level():
    audio = tone(2.0, amplitude=0.3)
    for settings, calibrated in ((PostSettings(loudness="off"), False), (PostSettings(), True)):
        out, report = postprocess(audio, RATE, settings, calibrated=calibrated)
        middle = slice(RATE // 2, -RATE // 2)
        np.testing.assert_array_equal(out[middle], audio[middle])
        assert report["gain_db"] == 0.0
    assert report["loudness_mode"] == "calibrated"
    assert report["loudness_lufs_before"] == pytest.approx(-10.46, abs=0.1), "still measured"


def test_silent_take_raises_a_clear_value_error():
    with pytest.raises(ValueError, match="take is silent"):
        postprocess(np.zeros((RATE, 2), np.float32), RATE, PostSettings())


def test_take_shorter_than_a_gating_block_is_normalised_ungated():
    out, report = postprocess(tone(0.2, amplitude=0.05), RATE, PostSettings(fade_in_ms=0, fade_out_ms=0))
    assert report["loudness_lufs_before"] == pytest.approx(-26.0, abs=0.2)
    assert dsp.integrated_loudness(out, RATE) == pytest.approx(-14.0, abs=0.1)


def test_click_only_take_is_measured_ungated_and_kept_under_the_ceiling():
    audio = np.zeros((RATE * 2, 2), np.float32)
    audio[RATE, :] = 0.05  # above the -40 dBFS trim threshold, far below the -70 LUFS gate
    out, report = postprocess(audio, RATE, PostSettings())
    assert report["loudness_lufs_before"] is not None
    assert np.isfinite(out).all() and dsp.true_peak(out) <= -1.0 + 1e-3


def test_dc_offset_take_has_no_loudness_and_stays_under_the_ceiling():
    audio = np.full((RATE * 2, 2), 0.2, np.float32)  # K-weighting removes DC: ~no loudness
    out, report = postprocess(audio, RATE, PostSettings())
    assert report["limited_by_true_peak"] is True
    assert np.isfinite(out).all() and dsp.true_peak(out) <= -1.0 + 1e-3
    json.dumps(report, allow_nan=False)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_is_a_clear_error(bad):
    audio = tone(1.0)
    audio[100, 0] = bad
    with pytest.raises(ValueError, match="NaN or infinite"):
        postprocess(audio, RATE, PostSettings())


def test_integer_pcm_is_refused():
    with pytest.raises(ValueError, match="floating point"):
        postprocess((tone(1.0) * 32767).astype(np.int16), RATE, PostSettings())


def test_1d_input_is_mono_and_comes_out_stereo():
    out, report = postprocess(tone(1.0, channels=1)[:, 0], RATE, PostSettings())
    assert out.shape[1] == 2 and report["channels"] == 2
    np.testing.assert_array_equal(out[:, 0], out[:, 1])


def test_stereo_to_mono_and_keep():
    audio = tone(1.0)
    audio[:, 1] *= 0.5
    mono, _ = postprocess(audio, RATE, PostSettings(channels=1, loudness="off"))
    assert mono.shape[1] == 1
    np.testing.assert_allclose(mono[RATE // 2, 0], audio[RATE // 2].mean(), rtol=1e-6)
    kept, _ = postprocess(tone(1.0, channels=1), RATE, PostSettings(channels=0))
    assert kept.shape[1] == 1


def test_fades_longer_than_the_take_are_clamped():
    out, _ = postprocess(tone(0.05), RATE, PostSettings(fade_in_ms=500, fade_out_ms=500))
    assert out.shape[0] > 0 and np.all(out[0] == 0) and np.isfinite(out).all()


@pytest.mark.parametrize("rate", [22050, 48000])
def test_resamples_to_the_output_rate(rate):
    out, report = postprocess(tone(2.0, rate=rate, freq=440), rate, PostSettings(trim_pad_ms=0))
    assert report["sample_rate"] == RATE
    assert out.shape[0] == pytest.approx(2 * RATE, abs=3)
    assert report["seconds"] == pytest.approx(2.0, abs=1e-3)


def test_the_callers_take_is_not_modified():
    audio = tone(1.0)
    before = audio.copy()
    postprocess(audio, RATE, PostSettings())
    np.testing.assert_array_equal(audio, before)


def test_report_is_strict_json():
    _, report = postprocess(tone(1.0), RATE, PostSettings())
    json.dumps(report, allow_nan=False)
    assert {"trimmed_start_s", "trimmed_end_s", "gain_db", "loudness_lufs_before",
            "loudness_lufs_after", "true_peak_db", "seconds"} <= report.keys()


@pytest.mark.parametrize("change, message", [
    ({"loudness": "rms"}, "loudness must be one of"),
    ({"bit_depth": 32}, "bit_depth must be 16 or 24"),
    ({"channels": 6}, "channels must be"),
    ({"sample_rate": 44100.0}, "sample_rate"),
    ({"fade_in_ms": -1.0}, "fade_in_ms"),
    ({"true_peak_db": 3.0}, "true_peak_db"),
    ({"silence_threshold_db": float("nan")}, "silence_threshold_db"),
])
def test_settings_are_validated_with_the_field_named(change, message):
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(PostSettings(), **change)


def test_bad_sample_rate_argument():
    with pytest.raises(ValueError, match="sample_rate"):
        postprocess(tone(1.0), 0, PostSettings())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames=st.integers(1, 20000), channels=st.integers(1, 2), level_db=st.floats(-60, 6),
       rate=st.sampled_from([22050, 44100, 48000]), mode=st.sampled_from(["lufs", "peak", "off"]),
       seed=st.integers(0, 2**32 - 1))
def test_random_takes_either_publish_cleanly_or_are_silent(frames, channels, level_db, rate, mode, seed):
    rng = np.random.default_rng(seed)
    audio = (rng.standard_normal((frames, channels)) * 10 ** (level_db / 20)).astype(np.float32)
    audio *= np.linspace(rng.uniform(0, 1), rng.uniform(0, 1), frames, dtype=np.float32)[:, None]
    settings_ = PostSettings(loudness=mode)
    try:
        out, report = postprocess(audio, rate, settings_)
    except ValueError as exc:
        assert "take is silent" in str(exc)
        assert not (np.abs(audio) > 10 ** (-40 / 20)).any()
        return
    assert out.dtype == np.float32 and out.ndim == 2 and out.shape[0] > 0 and np.isfinite(out).all()
    assert out.shape[1] == 2
    assert report["seconds"] <= frames / rate + 0.01
    if mode == "lufs":
        assert dsp.true_peak(out) <= -1.0 + 1e-3
    json.dumps(report, allow_nan=False)


def test_a_loop_of_bars_is_exact_seamless_unfaded_and_under_the_ceiling():
    from fragments.loops import bar_frames, seam_jump, typical_step
    from fragments.process import Shape

    take = tone(3.0, amplitude=0.5, freq=437.3)
    shape = Shape(loop=True, bpm=174.0, bars=2)
    fragment, report = postprocess(take, RATE, PostSettings(), shape=shape)
    assert len(fragment) == bar_frames(174.0, 2, RATE) == report["frames"]
    assert seam_jump(fragment) <= typical_step(fragment)
    assert np.abs(fragment[:8]).max() > 0.05  # no fade-in: it would dip at every repeat
    assert dsp.true_peak(fragment) <= PostSettings().true_peak_db + 1e-3
    assert report["loop"] is True and report["bpm"] == 174.0


def test_bars_without_a_loop_cut_with_a_fade_or_pad_to_the_exact_length():
    from fragments.loops import bar_frames
    from fragments.process import Shape

    long, _ = postprocess(tone(3.0), RATE, PostSettings(), shape=Shape(bpm=120.0, bars=1))
    assert len(long) == bar_frames(120.0, 1, RATE) == 88200
    assert np.abs(long[-4:]).max() < 0.01 * np.abs(long).max()  # faded at the cut
    short, _ = postprocess(tone(1.0), RATE, PostSettings(), shape=Shape(bpm=60.0, bars=1))
    assert len(short) == 4 * RATE and not short[RATE + 10:].any()  # padded with silence


def test_an_equal_power_loop_of_loud_correlated_material_is_brought_back_under_the_ceiling():
    from fragments.process import Shape

    # a square-ish wave at the ceiling: the crossfade of two in-phase copies swells
    t = np.arange(2 * RATE) / RATE
    wave = np.tanh(8 * np.sin(2 * np.pi * 100 * t)).astype(np.float32)
    take = np.repeat(wave[:, None], 2, axis=1) * 0.5
    settings = PostSettings(target_lufs=-6.0, true_peak_db=-1.0, loop_crossfade_ms=200.0)
    fragment, report = postprocess(take, RATE, settings, shape=Shape(loop=True, bpm=90.0, bars=4))
    assert dsp.true_peak(fragment) <= -1.0 + 1e-3
    assert report["true_peak_db"] <= -1.0 + 1e-3
