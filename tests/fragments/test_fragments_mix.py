"""Scenes: the scene file, the layer cache key, and the mix (placement, loudness, limiter)."""

import math
import tomllib

import numpy as np
import pyloudnorm
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fragments import dsp, meters, mix
from fragments.mix import Layer, Scene, load_scene, parse_scene, render, scene_toml

RATE = 44100


def sine(seconds, freq=220.0, amplitude=0.1, rate=RATE, channels=1, phase=0.0):
    t = np.arange(int(round(seconds * rate))) / rate
    wave = (amplitude * np.sin(2 * np.pi * freq * t + phase)).astype(np.float32)
    return np.repeat(wave[:, np.newaxis], channels, axis=1)


def noise(seconds, amplitude=0.1, channels=2, seed=0, rate=RATE):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((int(seconds * rate), channels)) * amplitude).astype(np.float32)


def clicks(seconds, count=12, amplitude=0.95, seed=1, rate=RATE):
    """Sparse full-scale clicks in silence: the worst case for a loudness target."""
    out = np.zeros((int(seconds * rate), 1), dtype=np.float32)
    rng = np.random.default_rng(seed)
    at = rng.choice(np.arange(rate // 10, out.shape[0] - rate // 10), count, replace=False)
    out[at, 0] = amplitude * rng.choice([-1.0, 1.0], count)
    return out


def pyln_loudness(audio, rate=RATE):
    return pyloudnorm.Meter(rate).integrated_loudness(audio.astype(np.float64))


def one_layer(layer=None, seconds=None, **scene):
    return Scene("t", (layer or Layer("tone"),), seconds=seconds, **scene)


# ---------------------------------------------------------------------------------------------
# loudness and true peak


SCENES = {
    "noise+pad": lambda: (
        (Layer("rain", gain_db=-3), Layer("pad", pan=0.4, start_s=0.5)),
        [(noise(5.0, 0.05), RATE), (sine(4.0, 110.0, 0.2), RATE)]),
    # very peaky: full-scale clicks over a quiet pad; the limiter must take the clicks down by
    # tens of dB for the pad to reach the target
    "clicks+quiet pad": lambda: (
        (Layer("clicks"), Layer("pad", gain_db=-20, loop=True)),
        [(clicks(5.0), RATE), (sine(1.3, 330.0, 0.05, channels=2), RATE)]),
    "dense+resampled": lambda: (
        (Layer("clipped noise"), Layer("drone", gain_db=-6, pan=-0.7, start_s=1.0)),
        [(np.clip(noise(5.0, 0.5, seed=3), -0.9, 0.9), RATE),
         (sine(3.0, 55.0, 0.5, 48000), 48000)]),
}


@pytest.mark.parametrize("target", [-23.0, -16.0, -9.0])
@pytest.mark.parametrize("name", list(SCENES))
def test_mix_lands_on_the_loudness_target_under_the_true_peak_ceiling(name, target):
    layers, takes = SCENES[name]()
    scene = Scene(name, layers, target_lufs=target, true_peak_db=-1.0)
    result = render(scene, takes)
    out, report = result.audio, result.report
    assert out.dtype == np.float32 and out.ndim == 2 and out.shape[1] == 2
    assert meters.integrated_loudness(out, RATE) == pytest.approx(target, abs=0.5)
    assert pyln_loudness(out) == pytest.approx(target, abs=0.5)  # an independent meter
    assert meters.true_peak(out) <= -1.0
    assert report["true_peak_db"] <= -1.0 and report["on_target"] is True
    assert report["loudness_lufs"] == pytest.approx(meters.integrated_loudness(out, RATE),
                                                    abs=0.01)
    if name == "clicks+quiet pad":
        assert report["limited"] and report["limiter_gain_reduction_db"] > 15.0


def test_a_lower_ceiling_holds_too():
    layers, takes = SCENES["clicks+quiet pad"]()
    result = render(Scene("x", layers, target_lufs=-14.0, true_peak_db=-6.0), takes)
    assert meters.true_peak(result.audio) <= -6.0
    assert meters.integrated_loudness(result.audio, RATE) == pytest.approx(-14.0, abs=0.5)


def test_a_gain_that_lifts_quiet_passages_over_the_absolute_gate_is_measured_again():
    # the second half sits under BS.1770's -70 LUFS gate before the master gain and well over
    # it after: the loudness moves by 2 LU less than the gain, and a second pass corrects it
    level = np.float32(meters.db_to_gain(-62.3))
    take = np.concatenate([sine(3.0, 1000.0, 1.0, channels=2) * level,
                           sine(3.0, 1000.0, 1.0, channels=2) * level * np.float32(0.4)])
    result = render(one_layer(Layer("gate", fade_in_ms=0, fade_out_ms=0)), [(take, RATE)])
    assert not result.report["limited"] and result.report["iterations"] >= 2
    assert meters.integrated_loudness(result.audio, RATE) == pytest.approx(-16.0, abs=0.1)
    assert pyln_loudness(result.audio) == pytest.approx(-16.0, abs=0.5)


def test_an_unreachable_target_gives_up_before_crushing_the_mix():
    # clicks in silence: limited to the ceiling, they can never be -9 LUFS loud
    result = render(one_layer(Layer("clicks only"), target_lufs=-9.0), [(clicks(3.0), RATE)])
    report = result.report
    assert report["on_target"] is False and report["loudness_error_lu"] < -0.5
    assert meters.true_peak(result.audio) <= -1.0
    assert report["iterations"] < mix.MAX_ITERATIONS and report["limiter_gain_reduction_db"] < 40


def test_limiter_leaves_a_mix_under_the_ceiling_bit_identical():
    layers = (Layer("a", gain_db=-4), Layer("b", pan=0.3, start_s=0.25, fade_in_ms=200))
    takes = [(sine(3.0, 220.0, 0.1), RATE), (noise(2.0, 0.02), RATE)]
    result = render(Scene("calm", layers, target_lufs=-23.0), takes)
    report = result.report
    assert report["limited"] is False and report["limiter_gain_reduction_db"] == 0.0
    total = np.zeros(result.audio.shape)
    for stem in result.stems:
        total += stem
    expected = (total * meters.db_to_gain(report["gain_db"])).astype(np.float32)
    assert np.array_equal(result.audio, expected)  # only the master gain, nothing else
    assert report["loudness_lufs"] == pytest.approx(-23.0, abs=0.01)


def test_limiter_anticipates_a_peak_smoothly_and_leaves_the_rest_untouched():
    audio = sine(4.0, 1000.0, 0.05)
    peak = 2 * RATE
    audio[peak - 20:peak + 20, 0] += np.hanning(40).astype(np.float32) * 0.9  # a short burst
    result = render(one_layer(Layer("burst", fade_in_ms=0, fade_out_ms=0), target_lufs=-14),
                    [(audio, RATE)])
    report = result.report
    assert report["limited"] and report["limiter_gain_reduction_db"] > 3.0
    master = meters.db_to_gain(report["gain_db"])
    unlimited = (result.stems[0].astype(np.float64) * master).astype(np.float32)
    out = result.audio
    assert meters.true_peak(out) <= -1.0
    changed = np.flatnonzero((out != unlimited).any(axis=1))
    # the reduction starts within the look-ahead (+ the gain points' reach) before the burst,
    # and is released within ~1 s after it; everything else is bit-identical
    lookahead = round(mix.LOOKAHEAD_MS / 1000 * RATE)
    assert peak - 20 - lookahead - 5 * 16 <= changed[0] < peak - 20
    assert changed[-1] < peak + RATE
    assert np.array_equal(out[:changed[0]], unlimited[:changed[0]])
    assert np.array_equal(out[changed[-1] + 1:], unlimited[changed[-1] + 1:])
    # the gain (where the signal is large enough to read it) moves smoothly: no step bigger
    # than the whole reduction spread over the attack
    readable = np.abs(unlimited[:, 0]) > 0.2 * np.abs(unlimited[:, 0]).max()
    frames = np.flatnonzero(readable[changed[0]:changed[-1]]) + changed[0]
    gain_db = 20 * np.log10(out[frames, 0] / unlimited[frames, 0])
    assert gain_db.max() <= 1e-4  # never louder
    steps = np.abs(np.diff(gain_db)) / np.maximum(np.diff(frames), 1)
    assert steps.max() < report["limiter_gain_reduction_db"] / lookahead * 2
    # full reduction is reached before the burst's loudest frame
    at_peak = 20 * np.log10(out[peak, 0] / unlimited[peak, 0])
    assert at_peak <= -(report["limiter_gain_reduction_db"] - 0.5)


def test_reduction_curve_covers_every_requirement_and_is_exactly_zero_elsewhere():
    rng = np.random.default_rng(5)
    required = np.zeros(5000)  # the last 1000 blocks free: the release dies out there
    required[rng.choice(4000, 12, replace=False)] = rng.uniform(0.1, 30, 12)
    for lookahead in (1, 5, 13):
        curve = mix._reduction_curve(required, lookahead, release=50.0)
        for j in np.flatnonzero(required):
            # points j-1 .. j+2 bound every frame within a block of block j
            assert (curve[max(0, j - 1):j + 3] >= required[j] - 1e-9).all()
        assert curve[:np.flatnonzero(required)[0] - lookahead - 3].max() == 0.0
        assert curve[-1] == 0.0 and (curve >= 0).all()


def test_silent_mix_and_bad_takes_are_refused_naming_the_layer():
    scene = Scene("s", (Layer("rain"), Layer("distant thunder")))
    ok = (noise(1.0), RATE)
    with pytest.raises(ValueError, match="2 layers but 1 takes"):
        render(scene, [ok])
    with pytest.raises(ValueError, match="silent"):
        render(scene, [(np.zeros((RATE, 2), np.float32), RATE)] * 2)
    nan = noise(1.0)
    nan[100, 1] = np.nan
    with pytest.raises(ValueError, match=r"layer 2 \(distant thunder\): .*NaN"):
        render(scene, [ok, (nan, RATE)])
    with pytest.raises(ValueError, match=r"layer 1 \(rain\): take is empty"):
        render(scene, [(np.zeros((0, 2), np.float32), RATE), ok])
    with pytest.raises(ValueError, match=r"layer 2 .*6 channels"):
        render(scene, [ok, (noise(1.0, channels=6), RATE)])
    with pytest.raises(ValueError, match=r"layer 1 .*floating point"):
        render(scene, [((noise(1.0) * 1000).astype(np.int16), RATE), ok])
    with pytest.raises(ValueError, match=r"layer 2 .*sample rate"):
        render(scene, [ok, (noise(1.0), 0)])


# ---------------------------------------------------------------------------------------------
# placement: gain, pan, offset, duration, loop, fades


def test_gain_db_scales_the_stem_exactly():
    take = noise(1.0)
    result = render(Scene("g", (Layer("a"), Layer("b", gain_db=-6.0))), [(take, RATE)] * 2)
    a, b = result.stems
    level = 20 * math.log10(np.sqrt(np.mean(b.astype(np.float64) ** 2))
                            / np.sqrt(np.mean(a.astype(np.float64) ** 2)))
    assert level == pytest.approx(-6.0, abs=1e-4)
    np.testing.assert_allclose(b, a * np.float32(meters.db_to_gain(-6.0)), rtol=1e-6)


def test_pan_hard_left_leaves_the_right_channel_empty():
    mono, stereo = sine(1.0, 300.0, 0.2), noise(1.0, 0.1)
    layers = (Layer("m", pan=-1.0), Layer("s", pan=-1.0), Layer("m", pan=1.0), Layer("c"))
    result = render(Scene("p", layers), [(mono, RATE), (stereo, RATE), (mono, RATE),
                                         (mono, RATE)])
    left_mono, left_stereo, right_mono, centre = result.stems
    assert not left_mono[:, 1].any() and not left_stereo[:, 1].any()
    assert not right_mono[:, 0].any()
    # equal power: hard left is +3 dB on the left (the centre is unity on both sides)
    np.testing.assert_allclose(left_mono[:, 0], centre[:, 0] * np.float32(math.sqrt(2)),
                               rtol=1e-6, atol=1e-9)
    # balance: a stereo take keeps its own left channel
    np.testing.assert_array_equal(left_stereo[:, 0],
                                  dsp.apply_fades(stereo, RATE, 10, 10)[:, 0])


@pytest.mark.parametrize("pan", [-0.8, -0.3, 0.0, 0.25, 0.6, 1.0])
def test_mono_pan_keeps_the_power_constant(pan):
    left, right = mix.pan_gains(pan, 1)
    assert left ** 2 + right ** 2 == pytest.approx(2.0)
    assert right == pytest.approx(left) if pan == 0 else (right > left) == (pan > 0)


def test_start_offset_places_the_first_frame_exactly():
    take = np.full((RATE // 2, 1), 0.25, np.float32)
    start_s = 1.23456
    result = render(one_layer(Layer("dc", start_s=start_s, fade_in_ms=0, fade_out_ms=0)),
                    [(take, RATE)])
    stem = result.stems[0]
    first = int(np.flatnonzero(stem[:, 0])[0])
    assert first == round(start_s * RATE)
    assert stem.shape[0] == first + take.shape[0]  # the scene ends where the layer ends
    assert result.report["layers"][0]["start_frame"] == first


def test_duration_cuts_to_the_frame_and_a_scene_length_cuts_everything():
    take = np.full((2 * RATE, 2), 0.1, np.float32)
    layer = Layer("dc", duration_s=0.7777, fade_in_ms=0, fade_out_ms=0)
    result = render(one_layer(layer, seconds=3.0), [(take, RATE)])
    nonzero = np.flatnonzero(result.stems[0][:, 0])
    assert (nonzero[0], nonzero[-1] + 1) == (0, round(0.7777 * RATE))
    assert result.audio.shape == (3 * RATE, 2)
    # a layer past the scene's end is cut there (and faded out at the cut)
    result = render(one_layer(Layer("dc", start_s=0.5), seconds=1.5), [(take, RATE)])
    stem = result.stems[0]
    assert stem.shape[0] == round(1.5 * RATE) and stem[-1, 0] == 0.0 and stem[-500, 0] > 0
    # a non-looping layer asked to last longer than its take stops with it
    result = render(one_layer(Layer("dc", duration_s=5.0), seconds=6.0), [(take, RATE)])
    assert result.report["layers"][0]["frames"] == take.shape[0]


@pytest.mark.parametrize("duration_s", [3.3, None])
def test_loop_fills_exactly_to_the_frame_without_clicks(duration_s):
    take = sine(0.7123, 441.7, 0.3, channels=2)  # not a whole number of periods
    layer = Layer("loop", loop=True, duration_s=duration_s, start_s=0.2, fade_in_ms=0,
                  fade_out_ms=0)
    result = render(one_layer(layer, seconds=4.0), [(take, RATE)])
    stem = result.stems[0]
    frames = round((duration_s or 3.8) * RATE)
    start = round(0.2 * RATE)
    assert result.report["layers"][0]["frames"] == frames and result.report["layers"][0]["looped"]
    assert not stem[:start].any() and not stem[start + frames:].any()
    body = stem[start:start + frames, 0].astype(np.float64)
    # no click at any wrap: the curvature stays the tone's own (an equal-power crossfade of a
    # tone with itself swells by up to 3 dB); plain tiling would give a ~170x spike here
    tone_curvature = np.abs(np.diff(take[:, 0].astype(np.float64), 2)).max()
    assert np.abs(np.diff(body, 2)).max() <= 1.5 * tone_curvature
    # the level holds through the repeats
    quarters = [np.sqrt(np.mean(q ** 2)) for q in np.array_split(body[200:-200], 4)]
    assert max(quarters) / min(quarters) < 1.1


def test_fades_are_raised_cosine_ramps_at_both_ends_of_the_layer():
    take = np.full((RATE, 1), 0.5, np.float32)
    layer = Layer("dc", start_s=0.1, fade_in_ms=100, fade_out_ms=250)
    stem = render(one_layer(layer), [(take, RATE)]).stems[0][:, 0]
    start, fin, fout = round(0.1 * RATE), round(0.1 * RATE), round(0.25 * RATE)
    placed = stem[start:]
    np.testing.assert_allclose(placed[:fin], 0.5 * dsp.fade_curve(fin), rtol=1e-6)
    np.testing.assert_allclose(placed[-fout:], 0.5 * dsp.fade_curve(fout)[::-1], rtol=1e-6)
    assert (placed[fin:-fout] == 0.5).all()


def test_takes_are_resampled_to_the_scene_rate():
    take = sine(2.0, 1000.0, 0.2, rate=48000)
    result = render(one_layer(Layer("t", fade_in_ms=0, fade_out_ms=0)), [(take, 48000)])
    assert result.audio.shape[0] == pytest.approx(2.0 * RATE, abs=2)
    placed = result.report["layers"][0]
    assert placed["resampled"] and placed["take_sample_rate"] == 48000
    spectrum = np.abs(np.fft.rfft(result.stems[0][:, 0]))
    assert np.argmax(spectrum) * RATE / result.stems[0].shape[0] == pytest.approx(1000, abs=1)


# ---------------------------------------------------------------------------------------------
# the cache key


def test_key_covers_what_made_the_take_and_nothing_else():
    base = Layer("rain", engine="stable-audio", seed=7, seconds=10.0,
                 params={"steps": 50, "cfg_scale": 7.0})
    key = base.key()
    assert len(key) == 64 and int(key, 16) >= 0
    same = [Layer("rain", engine="stable-audio", seed=7, seconds=10, params={"cfg_scale": 7,
                                                                           "steps": 50.0},
                  gain_db=-12, pan=0.5, start_s=3, duration_s=4, fade_in_ms=0,
                  fade_out_ms=900, loop=True)]
    different = [Layer("thunder", engine="stable-audio", seed=7, seconds=10.0,
                       params=base.params),
                 Layer("rain", engine="musicgen", seed=7, seconds=10.0, params=base.params),
                 Layer("rain", engine="stable-audio", seed=8, seconds=10.0, params=base.params),
                 Layer("rain", engine="stable-audio", seed=7, seconds=11.0, params=base.params),
                 Layer("rain", engine="stable-audio", seed=7, params=base.params),
                 Layer("rain", engine="stable-audio", seed=7, seconds=10.0,
                       params={"steps": 51, "cfg_scale": 7.0}),
                 Layer("rain", engine="stable-audio", seed=7, seconds=10.0,
                       params={"steps": 50, "cfg_scale": 7.0, "sampler": "dpmpp"})]
    assert all(layer.key() == key for layer in same)
    keys = [layer.key() for layer in different]
    assert key not in keys and len(set(keys)) == len(keys)


# ---------------------------------------------------------------------------------------------
# the scene file

STORM = """
name = "storm"
seconds = 47
target_lufs = -18

[[layer]]
prompt = "heavy rain on a tin roof"
engine = "stable-audio"
seed = 1234
seconds = 30
params = { steps = 100, cfg_scale = 7.0 }
gain_db = -3
pan = -0.2
fade_out_ms = 2000
loop = true

[[layer]]
prompt = "distant thunder"
start_s = 12.5
duration_s = 8

[layer.params]
steps = 50
"""


def test_parse_scene_reads_the_one_shape():
    scene = parse_scene(tomllib.loads(STORM), name="ignored")
    assert scene.name == "storm" and scene.seconds == 47.0 and scene.target_lufs == -18.0
    assert scene.sample_rate == 44100 and scene.true_peak_db == -1.0
    rain, thunder = scene.layers
    assert rain == Layer("heavy rain on a tin roof", engine="stable-audio", seed=1234,
                         seconds=30.0, params={"steps": 100, "cfg_scale": 7.0}, gain_db=-3.0,
                         pan=-0.2, fade_out_ms=2000.0, loop=True)
    assert isinstance(rain.gain_db, float) and isinstance(scene.seconds, float)
    assert thunder.params == {"steps": 50} and thunder.start_s == 12.5
    assert thunder.engine == "" and thunder.seed == -1 and thunder.duration_s == 8.0


@pytest.mark.parametrize("edit, message", [
    (("layer", 1, "gain_db", 40),
     "layer 2 (distant thunder): gain_db must be between -60 and 12, got 40"),
    (("layer", 0, "gian_db", 1), "layer 1 (heavy rain on a tin roof): unknown key 'gian_db'; "
                                 "did you mean 'gain_db'?"),
    (("layer", 1, "steps", 20), "layer 2 (distant thunder): unknown key 'steps'; engine "
                                "parameters go in the layer's params table"),
    (("layer", 0, "pan", -1.5), "layer 1 (heavy rain on a tin roof): pan must be between -1 "
                                "and 1, got -1.5"),
    (("layer", 0, "loop", "yes"), "layer 1 (heavy rain on a tin roof): loop must be true or "
                                  "false, got 'yes'"),
    (("layer", 1, "seed", 2.5), "layer 2 (distant thunder): seed must be a whole number"),
    (("layer", 1, "start_s", 50), "layer 2 (distant thunder): start_s 50 is at or after the "
                                  "scene's end (seconds = 47)"),
    (("layer", 1, "duration_s", 0), "layer 2 (distant thunder): duration_s must be between"),
    (("layer", 0, "params", {"steps": [1, 2]}), "layer 1 (heavy rain on a tin roof): "
                                                "params.steps must be text, a finite number"),
    (("layer", 1, "prompt", "  "), "layer 2: prompt must be non-empty text"),
    ((None, None, "targt_lufs", -14), "unknown key 'targt_lufs'; did you mean 'target_lufs'?"),
    ((None, None, "scene", {"seconds": 4}), "unknown key 'scene'; a scene file has one shape"),
    ((None, None, "true_peak_db", 2), "true_peak_db must be between -60 and 0 dB, got 2"),
    ((None, None, "sample_rate", 44100.5), "sample_rate must be a whole number"),
])
def test_parse_scene_errors_name_the_layer_and_key(edit, message):
    data = tomllib.loads(STORM)
    where, index, key, value = edit
    table = data[where][index] if where else data
    table[key] = value
    with pytest.raises(ValueError) as error:
        parse_scene(data)
    assert message in str(error.value)
    assert str(error.value).startswith("invalid scene 'storm': ")


def test_parse_scene_reports_every_problem_and_counts_layers():
    data = tomllib.loads(STORM)
    data["layer"][0]["gain_db"] = -99
    data["layer"][1]["pan"] = 3
    with pytest.raises(ValueError, match=r"layer 1 .*gain_db.*; layer 2 .*pan"):
        parse_scene(data)
    layer = {"prompt": "x"}
    with pytest.raises(ValueError, match="at least one"):
        parse_scene({"seconds": 3})
    with pytest.raises(ValueError, match="1 to 16 layers, got 17"):
        parse_scene({"layer": [layer] * 17})
    with pytest.raises(ValueError, match="1 to 16 layers, got 0"):
        parse_scene({"layer": []})
    with pytest.raises(ValueError, match=r"layer 1: prompt is missing"):
        parse_scene({"layer": [{"gain_db": 1}]})
    assert len(parse_scene({"layer": [layer] * 16}).layers) == 16


def test_layers_and_scenes_validate_on_construction():
    with pytest.raises(ValueError, match="gain_db must be between -60 and 12, got 13"):
        Layer("x", gain_db=13)
    with pytest.raises(ValueError, match="fade_in_ms"):
        Layer("x", fade_in_ms=-1)
    with pytest.raises(ValueError, match="1 to 16 layers"):
        Scene("s", ())
    with pytest.raises(ValueError, match="target_lufs"):
        Scene("s", (Layer("x"),), target_lufs=3)
    assert Layer("  x  ").prompt == "x"  # the prompt the engine sees, and the one keyed


def test_load_scene_names_the_file_and_defaults_the_name_to_its_stem(tmp_path):
    path = tmp_path / "night_rain.toml"
    path.write_text('[[layer]]\nprompt = "rain"\n', encoding="utf-8")
    assert load_scene(path).name == "night_rain"
    path.write_text('[[layer]]\nprompt = "rain"\ngain_db = 40\n', encoding="utf-8")
    with pytest.raises(ValueError, match=rf"^{path}: invalid scene 'night_rain': layer 1 "
                                         r"\(rain\): gain_db"):
        load_scene(path)
    path.write_text("[[layer]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"^{path}: not valid TOML"):
        load_scene(path)
    with pytest.raises(ValueError, match="not found"):
        load_scene(tmp_path / "missing.toml")


def test_scene_toml_round_trips_awkward_text():
    scene = Scene("quotes \" and \\ and\nnewline", (
        Layer('a "quoted"\tprompt\x7f with ünïcode and 🌧', engine="musicgen", seed=0,
              seconds=0.01, params={"steps": 3, "weird key.x": "v\\\"", "flag": False,
                                    "ratio": 1e-300, "big": -2**63}, gain_db=-60, pan=1,
              start_s=1e-9, duration_s=600, fade_in_ms=60000, loop=True),
        Layer("plain")), seconds=600, sample_rate=8000, target_lufs=-70, true_peak_db=-60)
    text = scene_toml(scene)
    assert parse_scene(tomllib.loads(text)) == scene
    assert "[[layer]]" in text and "[scene]" not in text


numbers = st.floats(allow_nan=False, allow_infinity=False)
layers = st.builds(
    Layer,
    prompt=st.text(min_size=1, max_size=30).filter(str.strip),
    engine=st.text(max_size=10),
    seed=st.integers(-1, mix.SEED_MAX),
    seconds=st.none() | st.floats(0.01, 600),
    params=st.dictionaries(st.text(min_size=1, max_size=8),
                           st.booleans() | st.integers(-2**63, 2**63 - 1) | numbers
                           | st.text(max_size=8), max_size=3),
    gain_db=st.floats(-60, 12), pan=st.floats(-1, 1), start_s=st.floats(0, 5),
    duration_s=st.none() | st.floats(0.01, 600), fade_in_ms=st.floats(0, 60000),
    fade_out_ms=st.floats(0, 60000), loop=st.booleans())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(min_size=1, max_size=20).filter(str.strip),
       layers=st.lists(layers, min_size=1, max_size=4),
       seconds=st.none() | st.floats(5.01, 600), rate=st.integers(8000, 384000),
       target=st.floats(-70, 0), ceiling=st.floats(-60, 0))
def test_scene_toml_round_trip(name, layers, seconds, rate, target, ceiling):
    scene = Scene(name, tuple(layers), seconds=seconds, sample_rate=rate, target_lufs=target,
                  true_peak_db=ceiling)
    assert parse_scene(tomllib.loads(scene_toml(scene))) == scene
