"""MusicGen (transformers backend) on a tiny random model in the real on-disk format.

The tiny model (tests/engines/tiny/musicgen.py) runs at 12 kHz with 38.1 frames per second,
so lengths are checked against the config, never against the real model's 50 Hz. Lengths are
exact: a take of ``s`` seconds holds ``round(s × rate)`` samples.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from daemon.supervisor import EngineSupervisor  # noqa: E402
from engines.base import Cancelled, EngineUnavailable, GenerateRequest  # noqa: E402
from engines.musicgen import MusicGenEngine, TransformersMusicGen  # noqa: E402
from tests.engines.tiny import musicgen as tiny  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
RATE = tiny.SAMPLING_RATE


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    return tiny.build(tmp_path_factory.mktemp("musicgen-tiny"))


@pytest.fixture(scope="module")
def folder(built) -> Path:
    return Path(built["model"])


@pytest.fixture(scope="module")
def engine(built):
    eng = MusicGenEngine(built)
    eng.load()
    yield eng
    eng.unload()


def make(engine, prompt="slow ambient piano", seed=1, seconds=1.0, cancel_after=None, **params):
    calls: list[float] = []
    take = engine.generate(GenerateRequest(prompt, seed, seconds, {**tiny.PROMPT_PARAMS, **params}),
                           calls.append, lambda: cancel_after is not None and len(calls) >= cancel_after)
    return take, calls


def test_module_imports_only_stdlib_and_numpy():
    code = "import engines.musicgen, sys; print(' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert not {"torch", "transformers", "huggingface_hub", "scipy"} & set(out.stdout.split())


def test_the_saved_folder_has_the_hub_layout(folder):
    names = {p.name for p in folder.iterdir()}
    assert {"config.json", "generation_config.json", "model.safetensors", "tokenizer.json"} <= names
    assert json.loads((folder / "config.json").read_text())["model_type"] == "musicgen"


def test_take_length_rate_and_level(engine):
    for seconds in (1.0, 0.77, 0.01):  # 0.77 s is not a whole number of the tiny codec's frames
        take, _ = make(engine, seconds=seconds)
        a = take.audio
        assert take.sample_rate == RATE  # read from the config, not assumed
        assert a.dtype == np.float32 and a.ndim == 2 and a.shape == (round(seconds * RATE), 1)
        assert np.isfinite(a).all() and np.abs(a).max() > 1e-4  # a real (random) signal
    assert take.info["frame_rate"] == pytest.approx(RATE / 315)


def test_default_length_is_ten_seconds(engine):
    take, calls = make(engine, seconds=None)
    assert take.audio.shape == (10 * RATE, 1)
    assert take.info["frames"] == 381 and take.info["steps"] == 384 == len(calls)  # 381 + 3 delays


def test_steps_follow_the_codec_and_the_delay_pattern():
    """The released models (32 kHz, hop 640, 4 codebooks): 30 s is 1500 frames, 1503 steps."""
    def shaped(rate, ratios, codebooks, channels):
        backend = TransformersMusicGen("x", "float32", "cpu")
        codec = SimpleNamespace(sampling_rate=rate, upsampling_ratios=ratios)
        config = SimpleNamespace(audio_encoder=codec, decoder=SimpleNamespace(audio_channels=channels))
        backend._model = SimpleNamespace(config=config,
                                         decoder=SimpleNamespace(num_codebooks=codebooks))
        return backend

    small = shaped(32000, [8, 5, 4, 4], 4, 1)
    assert small.steps_for(30.0) == (1500, 1503) and small.steps_for(10.0) == (500, 503)
    assert small.steps_for(0.01) == (3, 6)  # the delay pattern needs 3 frames at least
    stereo = shaped(32000, [8, 5, 4, 4], 8, 2)
    assert stereo.steps_for(30.0) == (1500, 1503)
    assert shaped(RATE, list(tiny.UPSAMPLING_RATIOS), 4, 1).steps_for(1.0) == (39, 42)


def test_progress_after_every_step_up_to_one(engine):
    take, calls = make(engine, seconds=0.5)
    assert len(calls) == take.info["steps"]
    assert calls == sorted(calls) and len(set(calls)) == len(calls) and calls[-1] == 1.0
    assert calls[0] == pytest.approx(1 / take.info["steps"])


def test_cancel_mid_generation_then_the_next_take_works(engine):
    with pytest.raises(Cancelled):
        make(engine, seconds=1.0, cancel_after=5)
    with pytest.raises(Cancelled):
        make(engine, cancel_after=0)  # cancelled before it starts
    take, calls = make(engine, seconds=0.5)
    assert calls[-1] == 1.0 and len(take.audio) == RATE // 2


def test_same_seed_same_take_other_seed_other_take(engine):
    a, _ = make(engine, seed=42)
    b, _ = make(engine, seed=42)
    c, _ = make(engine, seed=43)
    assert np.array_equal(a.audio, b.audio) and a.info == b.info
    assert not np.array_equal(a.audio, c.audio)


def test_every_parameter_is_accepted_and_changes_the_take(engine):
    base, _ = make(engine, seed=7)
    for name, value in (("temperature", 0.5), ("top_k", 2), ("top_p", 0.3), ("cfg_coef", 1.0),
                        ("cfg_coef", 7.5)):
        take, calls = make(engine, seed=7, **{name: value})
        assert take.info[name] == value and calls[-1] == 1.0, name
        assert not np.array_equal(take.audio, base.audio), name
    take, _ = make(engine, top_p=0.9, top_k=3)
    assert take.info["top_k_used"] == 0  # audiocraft's rule: top_p > 0 replaces top_k
    other, _ = make(engine, seed=7, prompt="fast drum beat")
    assert not np.array_equal(other.audio, base.audio)  # the prompt conditions the take


def test_parameter_ranges_name_the_parameter():
    for name, bad in (("temperature", 0.0), ("temperature", 11.0), ("top_k", -1), ("top_k", 2.5),
                      ("top_p", 1.5), ("cfg_coef", 0.5), ("cfg_coef", 21.0)):
        with pytest.raises(ValueError, match=name):
            MusicGenEngine.param(name).coerce(bad)
    assert {p.name: p.default for p in MusicGenEngine.params} == {
        "temperature": 1.0, "top_k": 250, "top_p": 0.0, "cfg_coef": 3.0}  # audiocraft's defaults
    with pytest.raises(ValueError, match="dtype"):
        MusicGenEngine.settings_param("dtype").coerce("float64")
    with pytest.raises(ValueError, match="threads"):
        MusicGenEngine.settings_param("threads").coerce(-1)


def test_engine_side_checks(engine):
    with pytest.raises(ValueError, match="seconds"):
        make(engine, seconds=31.0)
    with pytest.raises(ValueError, match="temperature"):
        make(engine, temperature=-1.0)  # in-process callers get the same checks as the daemon's
    with pytest.raises(RuntimeError, match="not loaded"):
        MusicGenEngine({"model": "x/y"}).generate(GenerateRequest("a", 1), lambda f: None, lambda: False)


def test_blank_prompt_generates_unconditionally(engine):
    take, calls = make(engine, prompt="  ", seconds=0.5)
    assert take.info["unconditional"] is True and calls[-1] == 1.0
    assert take.audio.shape == (RATE // 2, 1) and np.isfinite(take.audio).all()


def test_stereo_model_in_bfloat16(tmp_path):
    eng = MusicGenEngine({**tiny.build(tmp_path, channels=2), "dtype": "bfloat16"})
    eng.load()
    take, calls = make(eng, seconds=0.6)
    assert take.audio.shape == (round(0.6 * RATE), 2) and take.audio.dtype == np.float32
    assert not np.array_equal(take.audio[:, 0], take.audio[:, 1])  # two codebook sets
    assert eng.describe()["channels"] == 2 and eng.describe()["dtype"] == "bfloat16"
    eng.unload()


def test_missing_folder_names_the_path(tmp_path):
    missing = tmp_path / "no" / "such-model"
    with pytest.raises(EngineUnavailable, match=str(missing)):
        MusicGenEngine({"model": str(missing)}).load()
    with pytest.raises(EngineUnavailable, match="not found"):
        MusicGenEngine({"model": "./relative-missing"}).load()


def test_float16_is_for_gpus(folder):
    with pytest.raises(EngineUnavailable, match="float16"):
        MusicGenEngine({"model": str(folder), "dtype": "float16"}, device="cpu").load()


def test_a_folder_of_another_architecture_is_named(tmp_path):
    from transformers import T5Config, T5EncoderModel

    T5EncoderModel(T5Config(vocab_size=32, d_model=8, d_kv=4, d_ff=16, num_layers=1,
                            num_heads=2)).save_pretrained(tmp_path / "t5")
    with pytest.raises(EngineUnavailable, match=r"holds a 't5' model \(T5EncoderModel\), not MusicGen"):
        MusicGenEngine({"model": str(tmp_path / "t5")}).load()
    (tmp_path / "empty").mkdir()
    with pytest.raises(EngineUnavailable, match="no config.json"):
        MusicGenEngine({"model": str(tmp_path / "empty")}).load()


def test_a_model_without_its_processor_is_named(tmp_path, folder):
    shutil.copytree(folder, tmp_path / "m")
    for name in ("tokenizer.json", "tokenizer_config.json", "processor_config.json"):
        (tmp_path / "m" / name).unlink(missing_ok=True)
    with pytest.raises(EngineUnavailable, match="cannot be loaded|no MusicGen processor"):
        MusicGenEngine({"model": str(tmp_path / "m")}).load()


HUB_SCRIPT = """
import sys
from engines.base import EngineUnavailable, GenerateRequest
from engines.musicgen import MusicGenEngine
try:
    MusicGenEngine({"model": "facebook/musicgen-small"}).load()
except EngineUnavailable as e:
    print("UNAVAILABLE", e)
import shutil
from pathlib import Path
repo = Path(sys.argv[1]) / "hub" / "models--someone--tiny-musicgen"
commit = "0123456789abcdef0123456789abcdef01234567"
shutil.copytree(sys.argv[2], repo / "snapshots" / commit)
(repo / "refs").mkdir()
(repo / "refs" / "main").write_text(commit)
engine = MusicGenEngine({"model": "someone/tiny-musicgen", "threads": 1})
engine.load()
take = engine.generate(GenerateRequest("a", 1, 0.5), lambda f: None, lambda: False)
print("CACHED", engine.describe()["folder"], take.audio.shape)
"""


def test_hub_ids_come_only_from_the_local_cache(tmp_path, folder):
    env = {**os.environ, "HF_HOME": str(tmp_path), "HF_HUB_OFFLINE": "1"}
    env.pop("HF_HUB_CACHE", None)
    out = subprocess.run([sys.executable, "-c", HUB_SCRIPT, str(tmp_path), str(folder)], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    unavailable = next(line for line in out.stdout.splitlines() if line.startswith("UNAVAILABLE"))
    assert "'facebook/musicgen-small' is neither a folder here nor in the local Hugging Face cache" \
        in unavailable
    assert str(tmp_path / "hub") in unavailable and "hf download facebook/musicgen-small" in unavailable
    cached = next(line for line in out.stdout.splitlines() if line.startswith("CACHED"))
    assert "models--someone--tiny-musicgen/snapshots/" in cached and f"({RATE // 2}, 1)" in cached


def test_a_take_through_a_real_worker_matches_in_process(engine, built):
    request = GenerateRequest("dark synth bass", 99, 0.8, dict(tiny.PROMPT_PARAMS))
    here = engine.generate(request, lambda f: None, lambda: False)

    async def scenario():
        sup = EngineSupervisor("musicgen", "engines.musicgen:MusicGenEngine", built)
        try:
            progress: list[float] = []
            take = await sup.generate("m1", request, progress.append, 120)
            described = sup.description
            assert described["sample_rate"] == RATE and described["backend"] == "transformers"
            assert described["threads"] == 1
            return take, progress
        finally:
            await sup.close()

    take, progress = asyncio.run(asyncio.wait_for(scenario(), 180))
    assert progress[-1] == 1.0 and progress == sorted(progress)
    assert take.sample_rate == RATE and take.seed == 99 and take.audio.shape == here.audio.shape
    assert np.array_equal(take.audio, here.audio)  # the seed reproduces in a fresh process
