"""Quality gate: planted defects are flagged, clean music and real speech are not, scores rank."""

import json
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays
from scipy import signal

from fragments import quality
from fragments.quality import ISSUES, Quality, assess

RATE = 44100
MEASURES = {"clip_ratio", "rms_db", "silent_ratio", "hf_ratio", "flatness"}


def music(seconds=3.0, rate=RATE, peak=0.8):
    """A plucked tone (5 harmonics, decaying every 0.75 s) over a sustained C major chord."""
    t = np.arange(int(seconds * rate)) / rate
    envelope = np.minimum(1.0, t / 0.05) * np.exp(-2.0 * (t % 0.75))
    x = sum(0.5 / k * np.sin(2 * np.pi * 220 * k * t) for k in range(1, 6)) * envelope
    x += sum(0.15 * np.sin(2 * np.pi * f * t) for f in (261.63, 329.63, 392.0))
    x *= peak / np.abs(x).max()
    return np.ascontiguousarray(np.stack([x, np.roll(x, 37)], axis=1), dtype=np.float32)


def noise(seconds=3.0, rate=RATE, sigma=0.1, seed=0):
    rng = np.random.default_rng(seed)
    return (sigma * rng.standard_normal((int(seconds * rate), 2))).astype(np.float32)


def json_safe(measures):
    return json.loads(json.dumps(measures, allow_nan=False))  # raises on inf / nan


def test_issue_names_are_the_documented_ones():
    assert set(ISSUES) == {"clipping", "silence", "hf_noise", "noise_like"}
    assert all(isinstance(v, str) and v and "\n" not in v for v in ISSUES.values())


def test_clean_music_scores_high_with_no_issues():
    q = assess(music(), RATE)
    assert q.issues == () and q.score >= 80
    assert set(q.measures) == MEASURES
    assert q.measures["clip_ratio"] == 0 and q.measures["silent_ratio"] == 0
    assert q.measures["flatness"] < 0.1 and q.measures["hf_ratio"] < 0.05
    assert q.describe() == f"score {q.score:.1f}: clean"


def test_hard_clipping_is_flagged_and_capped():
    q = assess(np.clip(music() * 4, -1.0, 1.0), RATE)
    assert q.issues[0] == "clipping" and q.score <= quality.CLIP_HEAVY_SCORE_CAP
    assert q.measures["clip_ratio"] > 0.05
    assert re.fullmatch(r"score \d+\.\d: clipping \(\d+\.\d % of samples\)(, .*)?", q.describe())


def test_clipped_then_normalised_is_flagged_by_its_flat_tops():
    clean = music()
    take = np.clip(clean, -0.3, 0.3) * np.float32(0.9 / 0.3)  # peak 0.9: no sample at full scale
    q = assess(take, RATE)
    assert "clipping" in q.issues
    # nearly every sample that was cut lies in a flat top (runs of 1-2 are not counted)
    assert q.measures["clip_ratio"] == pytest.approx(np.mean(np.abs(clean) >= 0.3), abs=0.01)


def test_clipping_on_one_channel_only_is_found():
    take = music()
    take[:, 1] = np.clip(take[:, 1], -0.2, 0.2) * np.float32(4.0)  # peak 0.8 on the right only
    q = assess(take, RATE)
    assert "clipping" in q.issues and q.measures["clip_ratio"] > 0.01


def test_clean_peaks_are_not_mistaken_for_flat_tops():
    # a slow sine's crest changes by ~1e-5 per sample: close to, but not at, the peak
    t = np.arange(3 * RATE) / RATE
    for freq in (30.0, 997.0):
        assert assess((0.95 * np.sin(2 * np.pi * freq * t)).astype(np.float32),
                      RATE).measures["clip_ratio"] == 0
    assert assess(music(peak=0.5), RATE).measures["clip_ratio"] == 0
    # a sample or two at full scale in a long take is no problem
    take = music()
    take[1000, 0] = 1.0
    assert assess(take, RATE).issues == ()


@pytest.mark.parametrize("level_db", [None, -70.0, -55.0],
                         ids=["zeros", "minus_70_dbfs", "minus_55_dbfs"])
def test_silence_is_flagged_with_a_score_of_at_most_10(level_db):
    take = music()
    take = take * np.float32(0.0 if level_db is None else
                             10 ** (level_db / 20) / np.sqrt(np.mean(take ** 2)))
    q = assess(take, RATE)
    assert q.issues[0] == "silence" and q.score <= 10
    assert q.measures["rms_db"] < quality.SILENCE_RMS_DB
    assert q.measures["silent_ratio"] == (0.0 if level_db == -55.0 else 1.0)  # windows at -55
    assert json_safe(q.measures) == q.measures
    assert q.describe().startswith(f"score {q.score:.1f}: silence (rms ")


def test_digital_silence_reads_the_floor_not_minus_infinity():
    q = assess(np.zeros(1000, dtype=np.float32), 22050)
    assert q.measures["rms_db"] == quality.FLOOR_DB
    assert all(math.isfinite(v) for v in q.measures.values())


def test_a_mostly_silent_take_is_flagged_but_ranks_above_a_silent_one():
    take = np.concatenate([music(1.0), np.zeros((3 * RATE, 2), dtype=np.float32)])
    q = assess(take, RATE)
    assert "silence" in q.issues and q.measures["silent_ratio"] > 0.5
    assert q.score > assess(np.zeros_like(take), RATE).score


def test_white_noise_is_noise_like():
    q = assess(noise(), RATE)
    assert "noise_like" in q.issues and q.measures["flatness"] > 0.5
    assert q.score < 50
    assert "noise_like (flatness 0." in q.describe()


def test_hiss_above_12_khz_is_hf_noise():
    sos = signal.butter(8, 12500, "highpass", fs=RATE, output="sos")
    hiss = signal.sosfilt(sos, noise(), axis=0).astype(np.float32)
    q = assess(hiss, RATE)
    assert q.issues[0] == "hf_noise" and q.measures["hf_ratio"] > 0.9


@pytest.mark.parametrize("rate, cutoff", [(44100, 12000.0), (16000, 6400.0)])
def test_hf_band_starts_at_12_khz_or_0_8_nyquist(rate, cutoff):
    # white noise spreads evenly, so its share above the cutoff is the band's share of Nyquist
    q = assess(noise(rate=rate), rate)
    assert q.measures["hf_ratio"] == pytest.approx(1 - cutoff / (rate / 2), abs=0.03)


def test_loud_noise_lowers_the_score():
    clean = music()
    noisy = clean + noise(sigma=0.2)  # about as loud as the music
    assert assess(noisy, RATE).score < assess(clean, RATE).score


def test_scores_rank_clean_over_noisy_over_clipped_over_silent():
    clean = music()
    takes = [clean, clean + noise(sigma=0.2), np.clip(clean * 4, -1.0, 1.0),
             np.zeros_like(clean)]
    scores = [assess(t, RATE).score for t in takes]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 4, scores


def test_any_flagged_take_ranks_below_any_clean_one():
    clean_floor = 100 - 4 * quality.SOFT_PENALTY
    flagged_ceiling = 100 - quality.ISSUE_PENALTY
    assert flagged_ceiling < clean_floor
    q = assess(music() + noise(sigma=0.3, seed=1), RATE)  # several issues at once
    assert q.issues and quality.SILENT_SCORE_CAP <= q.score <= flagged_ceiling


def test_mono_1d_reads_like_one_channel():
    take = music()[:, 0]
    assert assess(take, RATE) == assess(take[:, np.newaxis], RATE)


@pytest.fixture(scope="module")
def piper_take():
    from engines.base import GenerateRequest
    from engines.piper import PiperEngine
    if PiperEngine.check_environment():
        pytest.skip(f"Piper is not installed: {PiperEngine.check_environment()}")
    engine = PiperEngine({})
    engine.load()
    try:
        take = engine.generate(GenerateRequest("She sells sea shells by the shore.", 1, None, {}),
                               lambda fraction: None, lambda: False)
    finally:
        engine.unload()
    return take


def test_real_speech_from_piper_is_clean(piper_take):
    q = assess(piper_take.audio, piper_take.sample_rate)
    assert q.score >= 70 and "noise_like" not in q.issues, q.describe()
    assert q.issues == (), q.describe()


@pytest.mark.parametrize("audio, message", [
    (np.zeros((0, 2), dtype=np.float32), "empty"),
    (np.zeros((100, 2), dtype=np.int16), "floating point"),
    (np.array([0.1, np.nan, 0.2], dtype=np.float32), "NaN"),
    (np.array([0.1, np.inf], dtype=np.float64), "NaN or infinite"),
    (np.zeros((2, 3, 4), dtype=np.float32), "shaped"),
])
def test_bad_audio_is_refused(audio, message):
    with pytest.raises(ValueError, match=message):
        assess(audio, RATE)


@pytest.mark.parametrize("rate", [0, -44100, float("nan")])
def test_bad_sample_rate_is_refused(rate):
    with pytest.raises(ValueError, match="sample_rate"):
        assess(music(0.1), rate)


@settings(max_examples=40, deadline=None)
@given(arrays(np.float32, st.tuples(st.integers(1, 6000), st.integers(1, 3)),
              elements=st.floats(-1.5, 1.5, width=32)),
       st.sampled_from([8000, 16000, 22050, 32000, 44100, 48000]))
def test_any_take_gets_a_bounded_json_safe_verdict(audio, rate):
    q = assess(audio, rate)
    assert isinstance(q, Quality) and 0.0 <= q.score <= 100.0 and round(q.score, 1) == q.score
    assert set(q.issues) <= set(ISSUES) and len(set(q.issues)) == len(q.issues)
    assert json_safe(q.measures) == q.measures and set(q.measures) == MEASURES
    m = q.measures
    assert 0 <= m["clip_ratio"] <= 1 and 0 <= m["silent_ratio"] <= 1
    assert 0 <= m["hf_ratio"] <= 1 and 0 <= m["flatness"] <= 1
    assert quality.FLOOR_DB <= m["rms_db"] <= 4.0  # 1.5 full scale is +3.5 dBFS
    assert (q.score == 100.0) <= (q.issues == ())
