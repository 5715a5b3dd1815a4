"""AudioGen, MAGNeT and MusicGen's audiocraft backend through real workers running in the engines'
own venv (.venv-audiocraft).

audiocraft 1.3.0 cannot live in the daemon's venv (it pins torch 2.1.0, av 11.0.0, ...), so every
take here crosses a real worker process started with ``.venv-audiocraft/bin/python``, exactly as
the daemon runs the engines. The tiny models (tests/engines/tiny/audiogen.py, magnet.py,
musicgen_audiocraft.py) have the real architectures, are saved in audiocraft's own checkpoint
layout inside that venv, and are loaded by audiocraft's own loaders; AudioGen's window is 3 s and
MAGNeT's 2 s, both at 25 token frames a second; MusicGen's is 30 s at 50.

Nothing here is skipped: without ``.venv-audiocraft`` every test fails and says to run
``scripts/setup-engine.sh audiocraft``.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from tests.engines.ownvenv import OwnVenv

from daemon.errors import RequestError
from daemon.supervisor import EngineSupervisor
from engines.base import Cancelled, GenerateRequest

ROOT = Path(__file__).resolve().parents[2]
CLASSES = {"audiogen": "engines.audiocraft_engines:AudioGenEngine",
           "magnet": "engines.audiocraft_engines:MagnetEngine",
           "musicgen": "engines.musicgen:MusicGenEngine"}
BASE = {"musicgen": {"backend": "audiocraft"}}  # settings every musicgen worker here gets
RATES = {"audiogen": 16000, "magnet": 32000, "musicgen": 32000}
WINDOW = {"audiogen": 3.0, "magnet": 2.0, "musicgen": 30.0}  # tiny models' segment_duration
# PROMPT_PARAMS; musicgen's top_k 250 (its default) is above the tiny codebook of 64: all tokens
FAST = {"audiogen": {"top_k": 50}, "magnet": {"decoding_steps": "3,2,2,2"}, "musicgen": {}}
TIMEOUT = 120.0
MARK = "TINY-SETTINGS "


VENV = OwnVenv(".venv-audiocraft", "audiocraft", "the audiogen, magnet and musicgen (audiocraft) engines")
venv_python = VENV.python
in_venv = VENV.run


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> dict:
    """The tiny models, built in the engines' venv: engine name → settings."""
    folder = tmp_path_factory.mktemp("audiocraft-tiny")
    out = in_venv(
        "import json, sys\n"
        "from tests.engines.tiny import audiogen, magnet, musicgen_audiocraft\n"
        "print('" + MARK + "' + json.dumps({'audiogen': audiogen.build(sys.argv[1] + '/audiogen'),\n"
        "      'magnet': magnet.build(sys.argv[1] + '/magnet'),\n"
        "      'musicgen': musicgen_audiocraft.build(sys.argv[1] + '/musicgen')}))\n", str(folder))
    line = next(x for x in out.splitlines() if x.startswith(MARK))
    return json.loads(line[len(MARK):])


class Loop:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro, timeout: float = TIMEOUT):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


def supervisor(engine: str, settings: dict, python: str | None = None,
               env: dict | None = None) -> EngineSupervisor:
    settings = {**BASE.get(engine, {}), **settings}
    return EngineSupervisor(engine, CLASSES[engine], settings, python=python or venv_python(),
                            env=env, hang_timeout_s=60.0, cancel_grace_s=10.0, load_timeout_s=300.0)


@pytest.fixture(scope="module")
def warm(tiny):
    """One warm worker per engine on its tiny model."""
    loop = Loop()
    sups = {name: supervisor(name, tiny[name]) for name in CLASSES}
    try:
        for sup in sups.values():
            loop.run(sup.load(), 300)
        yield loop, sups
    finally:
        for sup in sups.values():
            loop.run(sup.close())
        loop.close()


def take(warm, engine, prompt="rain on a tin roof", seed=7, seconds=1.0, job="t",
         on_progress=None, **params):
    loop, sups = warm
    progress: list[float] = []
    request = GenerateRequest(prompt, seed, seconds, {**FAST[engine], **params})
    result = loop.run(sups[engine].generate(job, request, on_progress or progress.append, TIMEOUT))
    return result, progress


def load_error(engine: str, settings: dict, python: str | None = None, env: dict | None = None) -> str:
    async def scenario():
        sup = supervisor(engine, settings, python, env)
        try:
            with pytest.raises(RequestError) as err:
                await sup.load()
        finally:
            await sup.close()
        assert err.value.code == "engine_failed"
        return err.value.message

    return asyncio.run(asyncio.wait_for(scenario(), 300))


# -- takes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", list(CLASSES))
def test_take_has_the_asked_length_rate_and_progress_to_one(warm, engine):
    rate = RATES[engine]
    result, progress = take(warm, engine, seconds=1.0)
    assert result.sample_rate == rate and result.seed == 7
    assert result.audio.dtype == np.float32 and result.audio.shape == (rate, 1)
    assert np.isfinite(result.audio).all() and np.abs(result.audio).max() > 1e-6
    assert progress[-1] == 1.0 and progress == sorted(progress) and len(progress) >= 5
    _, sups = warm
    assert sups[engine].description["sample_rate"] == rate
    assert sups[engine].description["model_seconds"] == WINDOW[engine]


def test_audiogen_default_length_and_extension_beyond_its_window(warm):
    whole, _ = take(warm, "audiogen", seconds=None)
    assert whole.audio.shape == (5 * 16000, 1)  # 5 s by default, past the tiny 3 s window
    assert np.isfinite(whole.audio).all()


def test_magnet_window_is_its_maximum_and_no_seconds_means_the_window(warm):
    whole, _ = take(warm, "magnet", seconds=None)
    assert whole.audio.shape == (2 * 32000, 1)
    with pytest.raises(RequestError) as err:
        take(warm, "magnet", seconds=3.0)
    assert "above this MAGNeT model's window of 2 s" in err.value.message
    with pytest.raises(RequestError) as err:
        take(warm, "magnet", decoding_steps="3,2")
    assert "decoding_steps must be 4 whole numbers" in err.value.message


@pytest.mark.parametrize("engine", list(CLASSES))
def test_same_seed_same_audio_other_seed_or_prompt_differ(warm, engine):
    a, _ = take(warm, engine, seed=11)
    b, _ = take(warm, engine, seed=11)
    assert np.array_equal(a.audio, b.audio)
    for other in (take(warm, engine, seed=12)[0], take(warm, engine, seed=11, prompt="dog barking")[0]):
        assert not np.array_equal(other.audio, a.audio)


@pytest.mark.parametrize("engine,slow", [("audiogen", {}), ("magnet", {"decoding_steps": "200,100,100,100"}),
                                         ("musicgen", {})])
def test_cancel_between_steps_stops_the_take_and_the_worker_stays_warm(warm, engine, slow):
    loop, sups = warm
    sup = sups[engine]
    seen: list[float] = []
    asked: list = []

    def cancel_on_first(fraction: float) -> None:
        seen.append(fraction)
        if not asked:
            asked.append(asyncio.get_running_loop().create_task(sup.cancel("c")))

    pid = sup.pid
    seconds = 2.0 if engine == "magnet" else 30.0
    with pytest.raises(Cancelled):
        take(warm, engine, job="c", seconds=seconds, on_progress=cancel_on_first, **slow)
    assert seen and max(seen) < 0.5
    after, progress = take(warm, engine, job="after")
    assert sup.pid == pid and sup.state == "warm" and progress[-1] == 1.0


# -- MAGNeT's local attention ---------------------------------------------------------------

ATTENTION_CHECK = r"""
import sys, torch
from engines.audiocraft_engines import MagnetEngine
from audiocraft.modules import transformer as tr
engine = MagnetEngine({"model": sys.argv[1]})
engine.load()
lm = engine._model.lm
stage = 1
mask = lm.attn_mask_per_stage[stage]
assert mask is not None and mask.shape[-1] == 56, mask.shape   # 50 steps padded to 56
attn = lm.transformer.layers[0].self_attn
assert attn.memory_efficient and attn.custom and not attn.causal
torch.manual_seed(3)
T, D, H = 50, attn.embed_dim, attn.num_heads
x = torch.randn(2, T, D)
with torch.no_grad():
    got = attn(x, x, x, attn_mask=mask)[0]
    # reference: multi-head attention written out, the local window applied by hand
    q, k, v = (x @ attn.in_proj_weight.t()).chunk(3, dim=-1)
    q, k, v = [y.view(2, T, H, D // H).transpose(1, 2) for y in (q, k, v)]
    pos = torch.arange(T)
    allowed = (pos[:, None] - pos[None, :]).abs() <= lm.subcodes_context
    w = (q @ k.transpose(-1, -2)) / (D // H) ** 0.5
    w = w.masked_fill(~allowed, float("-inf")).softmax(-1)
    ref = attn.out_proj((w @ v).transpose(1, 2).reshape(2, T, D))
    full = attn(x, x, x)[0]  # no mask: stage 0, unrestricted (not causal)
    wf = ((q @ k.transpose(-1, -2)) / (D // H) ** 0.5).softmax(-1)
    ref_full = attn.out_proj((wf @ v).transpose(1, 2).reshape(2, T, D))
    # what audiocraft's own torch backend computes for the masked call: a causal mask
    original = tr.StreamingMultiheadAttention.forward.__closure__
    causal = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
    wrong = attn.out_proj(causal.transpose(1, 2).reshape(2, T, D))
print("MASKED", float((got - ref).abs().max()))
print("FULL", float((full - ref_full).abs().max()))
print("CAUSAL", float((wrong - ref).abs().max()))
print("BACKEND", tr._efficient_attention_backend)
"""


def test_magnet_local_attention_matches_a_reference_on_the_torch_backend(tiny):
    out = in_venv(ATTENTION_CHECK, tiny["magnet"]["model"])
    values = dict(line.split() for line in out.splitlines() if line.split()[0] in
                  ("MASKED", "FULL", "CAUSAL", "BACKEND"))
    assert values["BACKEND"] == "torch"
    assert float(values["MASKED"]) < 1e-5 and float(values["FULL"]) < 1e-5
    assert float(values["CAUSAL"]) > 1e-2  # audiocraft's unpatched torch path would be wrong


def test_magnet_refuses_when_the_mask_fix_cannot_apply(tiny):
    """An audiocraft whose attention the engine cannot patch: a clear refusal, not wrong audio."""
    code = ("import sys\n"
            "import engines.audiocraft_engines as m\n"
            "def broken():\n"
            "    raise AttributeError('StreamingMultiheadAttention changed')\n"
            "m.install_masked_attention = broken\n"
            "from engines.base import EngineUnavailable\n"
            "try:\n"
            "    m.MagnetEngine({'model': sys.argv[1]}).load()\n"
            "except EngineUnavailable as e:\n"
            "    print('REFUSED', e)\n")
    out = in_venv(code, tiny["magnet"]["model"])
    refused = next(line for line in out.splitlines() if line.startswith("REFUSED"))
    assert "MAGNeT needs its local attention mask" in refused
    assert "replace the mask with a causal one" in refused and "wrong audio" in refused
    assert "audiocraft 1.3.0" in refused


# -- load errors ----------------------------------------------------------------------------


@pytest.mark.parametrize("engine", list(CLASSES))
def test_missing_folder_names_the_path(tiny, engine, tmp_path):
    missing = str(tmp_path / "nowhere")
    message = load_error(engine, {"model": missing})
    assert f"{engine} model folder not found: {missing}" in message
    assert "state_dict.bin" in message


def test_folder_without_the_checkpoint_files_names_the_missing_file(tmp_path):
    (tmp_path / "empty").mkdir()
    message = load_error("audiogen", {"model": str(tmp_path / "empty")})
    assert "has no state_dict.bin" in message and str(tmp_path / "empty") in message


def test_no_model_says_what_to_set():
    message = load_error("magnet", {})
    assert "no model set" in message and "state_dict.bin" in message


def test_hub_id_not_in_the_local_cache_is_refused_without_downloading(tmp_path):
    home = tmp_path / "hf-empty"
    home.mkdir()
    message = load_error("audiogen", {"model": "facebook/audiogen-medium"},
                         env={"HF_HOME": str(home), "HF_HUB_CACHE": str(home / "hub")})
    assert "'facebook/audiogen-medium' is neither a folder here nor in the local Hugging Face cache" in message
    assert "never downloads" in message
    assert not any((home / "hub").glob("models--*"))


def test_hub_id_in_the_local_cache_loads_offline(tiny, warm, tmp_path):
    reference, _ = take(warm, "audiogen", seed=4)
    hub = tmp_path / "hf" / "hub"
    repo = hub / "models--tiny--audiogen"
    snapshot = repo / "snapshots" / ("0123456789abcdef" * 2 + "01234567")
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(snapshot.name)
    shutil.copytree(tiny["audiogen"]["model"], snapshot)

    async def scenario():
        sup = supervisor("audiogen", {"model": "tiny/audiogen"},
                         env={"HF_HOME": str(tmp_path / "hf"), "HF_HUB_CACHE": str(hub)})
        try:
            request = GenerateRequest("rain on a tin roof", 4, 1.0, dict(FAST["audiogen"]))
            return await sup.generate("h", request, lambda f: None, TIMEOUT), sup.description
        finally:
            await sup.close()

    result, description = asyncio.run(asyncio.wait_for(scenario(), 300))
    assert description["model"] == "tiny/audiogen"
    assert np.array_equal(result.audio, reference.audio)


def test_t5_model_folder_missing_is_refused(tiny, tmp_path):
    message = load_error("audiogen", {**tiny["audiogen"], "t5_model": str(tmp_path / "no-t5")})
    assert "t5_model folder not found" in message and "no-t5" in message


def test_checkpoint_t5_not_found_names_the_fix(tiny, tmp_path):
    folder = tmp_path / "no-t5-beside"
    folder.mkdir()
    for name in ("state_dict.bin", "compression_state_dict.bin"):
        shutil.copy(Path(tiny["audiogen"]["model"]) / name, folder / name)
    message = load_error("audiogen", {"model": str(folder)})
    assert "the checkpoint's T5 't5' is neither a folder" in message and str(folder / "t5") in message


def test_an_interpreter_without_audiocraft_says_to_run_the_setup(tiny):
    message = load_error("audiogen", tiny["audiogen"], python=sys.executable)
    assert "audiocraft is not installed in this interpreter" in message
    assert "scripts/setup-engine.sh audiocraft" in message


def test_musicgen_audiocraft_backend_refuses_bfloat16_and_an_interpreter_without_audiocraft(tiny):
    message = load_error("musicgen", {**tiny["musicgen"], "dtype": "bfloat16"})
    assert "dtype 'bfloat16': the audiocraft backend runs float32 or float16" in message
    message = load_error("musicgen", tiny["musicgen"], python=sys.executable)
    assert 'backend = "audiocraft" but audiocraft is not installed in this interpreter' in message
    assert "scripts/setup-engine.sh audiocraft" in message and "backend = \"transformers\"" in message


def test_musicgen_audiocraft_backend_describes_itself_and_caps_at_30_s(warm):
    _, sups = warm
    description = sups["musicgen"].description
    assert description["backend"] == "audiocraft" and description["seed_reproducible"] is True
    with pytest.raises(RequestError) as err:
        take(warm, "musicgen", seconds=31.0)
    assert "seconds must be at most 30" in err.value.message


def test_module_imports_only_stdlib_and_numpy_and_checks_its_environment():
    code = ("import sys, engines.audiocraft_engines as m\n"
            "heavy = {'torch', 'audiocraft', 'transformers', 'huggingface_hub'} & set(sys.modules)\n"
            "print(sorted(heavy)); print(m.AudioGenEngine.check_environment())")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, check=True).stdout.splitlines()
    assert out[0] == "[]"
    assert "scripts/setup-engine.sh audiocraft" in out[1]
    assert in_venv("from engines.audiocraft_engines import MagnetEngine as E\n"
                   "print(E.check_environment())").strip().splitlines()[-1] == "None"
