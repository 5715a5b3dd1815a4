"""AudioLDM2 on a tiny random pipeline saved like cvssp/audioldm2: in process and in a worker."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")
pytest.importorskip("transformers")

from daemon.supervisor import EngineSupervisor  # noqa: E402
from engines import torchutil  # noqa: E402
from engines.audioldm2 import AudioLDM2Engine  # noqa: E402
from engines.base import Cancelled, EngineUnavailable, GenerateRequest  # noqa: E402
from tests.engines.tiny import audioldm2 as tiny  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
RATE = 16000
FAST = dict(tiny.PROMPT_PARAMS)
HUB_ID = "fragmentd/tiny-audioldm2"


@pytest.fixture(scope="module")
def tiny_settings(tmp_path_factory) -> dict:
    return tiny.build(tmp_path_factory.mktemp("tiny-audioldm2"))


@pytest.fixture(scope="module")
def engine(tiny_settings):
    eng = AudioLDM2Engine(tiny_settings)
    eng.load()
    yield eng
    eng.unload()


def take(engine, prompt="a dog barks in a hall", seed=1, seconds=1.0, cancel_after=None, **params):
    calls: list[float] = []
    result = engine.generate(GenerateRequest(prompt, seed, seconds, {**FAST, **params}), calls.append,
                             lambda: cancel_after is not None and len(calls) >= cancel_after)
    return result, calls


def test_engine_modules_import_only_stdlib_and_numpy():
    code = ("import sys, engines.audioldm2, engines.torchutil\n"
            "print(' '.join(sorted(m for m in ('torch', 'diffusers', 'transformers', 'huggingface_hub',"
            " 'soxr', 'scipy') if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_loads_the_saved_folder_with_the_gpt2_workaround(engine, tiny_settings):
    index = json.loads((Path(tiny_settings["model"]) / "model_index.json").read_text())
    assert index["_class_name"] == "AudioLDM2Pipeline" and index["language_model"][1] == "GPT2Model"
    d = engine.describe()
    assert d["sample_rate"] == RATE and d["language_model"] == "GPT2LMHeadModel"
    assert d["natural_seconds"] == pytest.approx(1.0) and d["min_seconds"] == pytest.approx(0.02)
    assert d["dtype"] == "float32" and d["scheduler"] == "DDIMScheduler" and d["parameters"] > 0
    assert engine.params[0].name == "steps" and engine.param("steps").default == 200


@pytest.mark.parametrize("seconds", [1.0, 0.37, 0.01, 2.5])
def test_take_is_exactly_the_asked_length_mono_float_at_16k(engine, seconds):
    result, calls = take(engine, seconds=seconds)
    a = result.audio
    assert result.sample_rate == RATE and a.dtype == np.float32 and a.ndim == 2 and a.shape[1] == 1
    assert len(a) == round(seconds * RATE)  # exact: cut to whole samples, no tolerance needed
    assert np.isfinite(a).all() and np.abs(a).max() > 0
    assert calls == pytest.approx([0.475, 0.95, 1.0])  # two steps, then decoding
    assert result.info["seconds"] == pytest.approx(seconds, abs=1 / RATE)
    assert result.info["steps"] == 2 and result.info["seed_reproducible"] is True


def test_no_seconds_gives_the_models_natural_length(engine):
    result, _ = take(engine, seconds=None)
    assert len(result.audio) == RATE  # tiny: unet.sample_size 50 × VAE factor 2 × 10 ms


def test_seconds_beyond_the_limit_are_refused(engine):
    with pytest.raises(ValueError, match="at most 30"):
        take(engine, seconds=30.5)


def test_more_steps_than_the_scheduler_can_take_are_refused_by_name(engine):
    with pytest.raises(ValueError, match=r"steps must be at most 999 .*DDIMScheduler.*got 1000"):
        take(engine, steps=1000)


def test_progress_increases_and_cancel_stops_between_steps(engine):
    result, calls = take(engine, steps=6)
    assert calls == sorted(calls) and calls[-1] == 1.0 and len(calls) == 7
    assert calls[0] == pytest.approx(0.95 / 6)
    seen: list[float] = []
    with pytest.raises(Cancelled):
        engine.generate(GenerateRequest("a dog", 1, 1.0, {**FAST, "steps": 6}), seen.append,
                        lambda: len(seen) >= 2)
    assert len(seen) == 2  # stopped at the first step after the cancel, not at the end
    again, _ = take(engine, steps=6)  # the engine is fine afterwards
    assert np.array_equal(again.audio, result.audio)


def test_same_seed_same_take_other_seed_other_take(engine):
    a, _ = take(engine, seed=42)
    b, _ = take(engine, seed=42)
    c, _ = take(engine, seed=43)
    huge, _ = take(engine, seed=-(2 ** 63))  # any int is a seed
    assert a.seed == 42 and np.array_equal(a.audio, b.audio)
    assert not np.allclose(a.audio, c.audio)
    assert np.isfinite(huge.audio).all()


def test_negative_prompt_and_guidance_change_the_take(engine):
    plain, _ = take(engine, seed=5)
    negative, _ = take(engine, seed=5, negative_prompt="low quality, noise")
    unguided, _ = take(engine, seed=5, guidance_scale=1.0, negative_prompt="ignored without guidance")
    assert negative.info["negative_prompt"] == "low quality, noise"
    assert not np.allclose(plain.audio, negative.audio)
    assert not np.allclose(plain.audio, unguided.audio) and np.isfinite(unguided.audio).all()


def test_several_waveforms_return_the_best_ranked_reproducibly(engine, monkeypatch):
    seen = {}

    def spy(text, audio, **kw):
        seen["candidates"], seen["ranked"] = audio.numpy(), engine._rank(text, audio, **kw).numpy()
        return torch.from_numpy(seen["ranked"])

    monkeypatch.setattr(engine._pipe, "score_waveforms", spy)
    a, calls = take(engine, seed=7, waveforms=3)
    monkeypatch.undo()
    assert sorted(map(bytes, seen["ranked"])) == sorted(map(bytes, seen["candidates"]))
    assert np.array_equal(a.audio[:, 0], seen["ranked"][0][:RATE])  # the best is returned
    b, _ = take(engine, seed=7, waveforms=3)
    assert a.audio.shape == (RATE, 1) and calls[-1] == 1.0
    scores = a.info["clap_scores"]
    assert a.info["ranked"] is True and len(scores) == 3 and scores == sorted(scores, reverse=True)
    assert np.array_equal(a.audio, b.audio) and b.info["clap_scores"] == scores
    single, _ = take(engine, seed=7)
    assert "clap_scores" not in single.info and single.info["ranked"] is False


def test_out_of_gpu_memory_fails_the_take_and_the_next_one_works(engine, monkeypatch):
    def exhausted(*args, **kwargs):
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB")

    monkeypatch.setattr(engine, "_run", exhausted)
    with pytest.raises(torchutil.OutOfMemoryError, match="out of GPU memory while generating.*20.00 GiB"
                                                     ".*fewer seconds or waveforms") as err:
        take(engine)
    assert type(err.value).__name__ == "OutOfMemoryError"  # the worker's out_of_memory code
    monkeypatch.undo()
    assert len(take(engine)[0].audio) == RATE


def test_guard_memory_passes_other_errors_and_results_through():
    assert torchutil.guard_memory(lambda: 3, "adding") == 3
    with pytest.raises(KeyError):
        torchutil.guard_memory(lambda: {}["x"], "looking")
    with pytest.raises(Cancelled):
        torchutil.guard_memory(lambda: (_ for _ in ()).throw(Cancelled()), "stepping")


def test_bfloat16_works_on_the_cpu_and_float16_is_refused(tiny_settings):
    eng = AudioLDM2Engine({**tiny_settings, "dtype": "bfloat16"})
    eng.load()
    try:
        result, _ = take(eng, seconds=0.5)
        assert result.audio.dtype == np.float32 and np.isfinite(result.audio).all()
        assert eng.describe()["dtype"] == "bfloat16" and eng._pipe.unet.dtype == torch.bfloat16
    finally:
        eng.unload()
    with pytest.raises(EngineUnavailable, match="float16 is for GPUs"):
        AudioLDM2Engine({**tiny_settings, "dtype": "float16"}).load()
    with pytest.raises(EngineUnavailable, match="dtype must be one of"):
        AudioLDM2Engine({**tiny_settings, "dtype": "float8"}).load()


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU")
def test_a_gpu_device_without_a_gpu_is_refused(tiny_settings):
    with pytest.raises(EngineUnavailable, match="use device = cpu"):
        AudioLDM2Engine(tiny_settings, device="cuda").load()


def test_missing_folder_names_the_path(tmp_path):
    missing = tmp_path / "no-such-model"
    with pytest.raises(EngineUnavailable, match=f"folder not found: {missing}"):
        AudioLDM2Engine({"model": str(missing)}).load()


def test_a_folder_that_is_not_an_audioldm2_pipeline_says_what_it_is(tmp_path):
    (tmp_path / "model_index.json").write_text(json.dumps({"_class_name": "StableDiffusionPipeline"}))
    with pytest.raises(EngineUnavailable, match="describes a 'StableDiffusionPipeline', not an 'AudioLDM2Pipeline'"):
        AudioLDM2Engine({"model": str(tmp_path)}).load()
    (tmp_path / "model_index.json").write_text(json.dumps(
        {"_class_name": "AudioLDM2Pipeline", "text_encoder_2": ["transformers", "VitsModel"]}))
    with pytest.raises(EngineUnavailable, match="text-to-speech variant"):
        AudioLDM2Engine({"model": str(tmp_path)}).load()
    (tmp_path / "model_index.json").unlink()
    with pytest.raises(EngineUnavailable, match="has no model_index.json"):
        AudioLDM2Engine({"model": str(tmp_path)}).load()


def test_a_broken_folder_is_reported_not_crashed(tiny_settings, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(tiny_settings["model"], broken)
    shutil.rmtree(broken / "unet")
    with pytest.raises(EngineUnavailable, match="cannot be loaded"):
        AudioLDM2Engine({"model": str(broken), "threads": 1}).load()


def test_hub_id_missing_from_the_cache_says_how_to_get_it(tmp_path, monkeypatch):
    import huggingface_hub.constants as hf

    monkeypatch.setenv("HF_HOME", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(hf, "HF_HUB_CACHE", str(tmp_path / "hub"))  # read when the module loaded
    monkeypatch.setattr(hf, "HF_HUB_OFFLINE", True)
    with pytest.raises(EngineUnavailable) as err:
        AudioLDM2Engine({"model": "cvssp/audioldm2"}).load()
    message = str(err.value)
    assert "'cvssp/audioldm2'" in message and "never downloads" in message
    assert "hf download cvssp/audioldm2" in message and str(tmp_path / "hub") in message


def fake_hub_cache(folder: Path, cache: Path) -> Path:
    """``folder`` as the cached snapshot of HUB_ID, laid out as huggingface_hub writes it."""
    repo = cache / ("models--" + HUB_ID.replace("/", "--"))
    revision = "0" * 40
    shutil.copytree(folder, repo / "snapshots" / revision)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(revision)
    return cache


def test_one_take_in_a_worker_from_a_cached_hub_id(engine, tiny_settings, tmp_path):
    cache = fake_hub_cache(Path(tiny_settings["model"]), tmp_path / "hub")
    settings = {"model": HUB_ID, "threads": tiny_settings["threads"]}
    request = GenerateRequest("rain on a tin roof", 11, 0.75, dict(FAST))

    async def scenario():
        sup = EngineSupervisor("audioldm2", "engines.audioldm2:AudioLDM2Engine", settings,
                               env={"HF_HUB_CACHE": str(cache), "HF_HUB_OFFLINE": "1"})
        progress: list[float] = []
        try:
            await sup.load()
            assert sup.state == "warm" and sup.description["model"] == HUB_ID
            assert sup.description["folder"].startswith(str(cache))
            result = await sup.generate("t1", request, progress.append, 120)
        finally:
            await sup.close()
        return result, progress

    result, progress = asyncio.run(asyncio.wait_for(scenario(), 150))
    assert progress == sorted(progress) and progress[-1] == 1.0
    assert result.sample_rate == RATE and result.audio.shape == (12000, 1) and result.seed == 11
    here = engine.generate(request, lambda f: None, lambda: False)
    assert np.allclose(result.audio, here.audio, atol=1e-6)  # same seed, same model, other process
