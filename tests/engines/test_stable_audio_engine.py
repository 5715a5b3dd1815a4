"""Stable Audio through real workers running in the engine's own venv (.venv-stable-audio).

The daemon's venv cannot hold stable-audio-tools (it pins numpy 1.23.5, pandas 2.0.2, ...), so
every take here crosses a real worker process started with ``.venv-stable-audio/bin/python``,
exactly as the daemon runs the engine. The tiny model (tests/engines/tiny/stable_audio.py) has
Stable Audio Open 1.0's structure, is built inside that venv, and holds 1.49 s at 44.1 kHz
(sample_size 65536): lengths are checked against it, never against the real model's 47 s.

Nothing here is skipped: without ``.venv-stable-audio`` every test fails and says to run
``scripts/setup-engine.sh stable-audio``.
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
CLASS = "engines.stable_audio:StableAudioEngine"
RATE = 44100
SAMPLE_SIZE = 65536  # tests/engines/tiny/stable_audio.py
MODEL_MAX = SAMPLE_SIZE / RATE
STEPS = {"steps": 4}  # the tiny model's PROMPT_PARAMS: dpmpp-3m-sde needs 2 steps or more
TIMEOUT = 120.0
MARK = "TINY-SETTINGS "


VENV = OwnVenv(".venv-stable-audio", "stable-audio", "the stable-audio engine")
venv_python = VENV.python
in_venv = VENV.run


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> dict:
    """The tiny model's files, built in the engine's venv: settings plus the other paths."""
    folder = tmp_path_factory.mktemp("stable-audio-tiny")
    out = in_venv(
        "import json, sys\n"
        "from tests.engines.tiny.stable_audio import build, other_config\n"
        "settings = build(sys.argv[1])\n"
        "print('" + MARK + "' + json.dumps({'settings': settings,\n"
        "      'other_config': str(other_config(sys.argv[1]))}))\n"
        # the same checkpoint as a .ckpt holding {'state_dict': ...}, the other real format
        "import torch; from safetensors.torch import load_file\n"
        "torch.save({'state_dict': load_file(settings['checkpoint'])}, sys.argv[1] + '/model.ckpt')\n",
        str(folder))
    line = next(x for x in out.splitlines() if x.startswith(MARK))
    found = json.loads(line[len(MARK):])
    found["folder"] = str(folder)
    return found


class Loop:
    """An event loop in a thread, so one warm worker serves many tests (health checks run)."""

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


def supervisor(settings: dict, python: str | None = None, env: dict | None = None) -> EngineSupervisor:
    return EngineSupervisor("stable-audio", CLASS, settings, python=python or venv_python(),
                            env=env, hang_timeout_s=60.0, cancel_grace_s=10.0, load_timeout_s=300.0)


@pytest.fixture(scope="module")
def warm(tiny):
    """One warm worker on the tiny model (safetensors, T5 folder named by the config)."""
    loop = Loop()
    sup = supervisor(tiny["settings"])
    try:
        loop.run(sup.load(), 300)
        yield loop, sup
    finally:
        loop.run(sup.close())
        loop.close()


def take(warm, prompt="warm analog synth pad", seed=7, seconds=1.0, job="t", on_progress=None,
         **params):
    loop, sup = warm
    progress: list[float] = []
    request = GenerateRequest(prompt, seed, seconds, {**STEPS, **params})
    result = loop.run(sup.generate(job, request, on_progress or progress.append, TIMEOUT))
    return result, progress


def load_error(settings: dict, python: str | None = None, env: dict | None = None) -> str:
    """The message of a load that must fail, through a real worker."""
    async def scenario():
        sup = supervisor(settings, python, env)
        try:
            with pytest.raises(RequestError) as err:
                await sup.load()
        finally:
            await sup.close()
        assert err.value.code == "engine_failed"
        return err.value.message

    return asyncio.run(asyncio.wait_for(scenario(), 300))


# -- takes ------------------------------------------------------------------------------------


def test_take_is_stereo_44k1_float32_of_the_asked_length_with_progress_to_one(warm):
    result, progress = take(warm, seconds=1.0)
    assert result.sample_rate == RATE and result.seed == 7
    assert result.audio.dtype == np.float32 and result.audio.shape == (RATE, 2)
    assert np.isfinite(result.audio).all() and np.abs(result.audio).max() > 1e-4
    assert progress[-1] == 1.0 and progress == sorted(progress) and len(progress) >= STEPS["steps"]
    info = result.info
    assert info["steps"] == 4 and info["sampler_type"] == "dpmpp-3m-sde" and info["cfg_scale"] == 7.0
    assert info["seconds_total"] == 1.0 and info["diffused_seconds"] == pytest.approx(MODEL_MAX)
    loop, sup = warm
    assert sup.description["sample_rate"] == RATE
    assert sup.description["model_max_seconds"] == pytest.approx(MODEL_MAX)


def test_no_seconds_means_the_models_whole_window_and_a_short_window_is_cut(warm):
    whole, _ = take(warm, seconds=None)
    assert whole.audio.shape == (SAMPLE_SIZE, 2)
    short, _ = take(warm, seconds=0.5, full_window=False)
    assert short.audio.shape == (round(0.5 * RATE), 2) and np.isfinite(short.audio).all()
    assert short.info["diffused_seconds"] == pytest.approx(2048 * 11 / RATE)  # latent blocks of 2048


def test_same_seed_same_audio_other_seed_prompt_or_negative_prompt_differ(warm):
    a, _ = take(warm, seed=11)
    b, _ = take(warm, seed=11)
    assert np.array_equal(a.audio, b.audio)
    for other in (take(warm, seed=12)[0], take(warm, seed=11, prompt="drum loop 120 bpm")[0],
                  take(warm, seed=11, negative_prompt="noise")[0]):
        assert other.audio.shape == a.audio.shape and not np.allclose(other.audio, a.audio, atol=1e-6)


def test_cancel_between_steps_stops_the_take_and_the_worker_stays_warm(warm):
    loop, sup = warm
    seen: list[float] = []
    asked: list[asyncio.Task] = []

    def cancel_on_first(fraction: float) -> None:
        seen.append(fraction)
        if not asked:
            asked.append(asyncio.get_running_loop().create_task(sup.cancel("c")))

    pid = sup.pid
    with pytest.raises(Cancelled):
        take(warm, job="c", on_progress=cancel_on_first, steps=500)
    assert seen and max(seen) < 0.5  # stopped early in the 500 steps, not at the end
    after, progress = take(warm, job="after")
    assert sup.pid == pid and sup.state == "warm" and progress[-1] == 1.0
    assert after.audio.shape == (RATE, 2)


def test_seconds_above_the_models_window_are_refused_clearly(warm):
    with pytest.raises(RequestError) as err:
        take(warm, seconds=5.0)
    message = err.value.message
    assert err.value.code == "engine_failed"
    assert "seconds 5 is above this model's maximum of 1.49 s" in message
    assert "sample_size 65536" in message


def test_unfit_sampler_step_count_is_refused(warm):
    with pytest.raises(RequestError) as err:
        take(warm, steps=1)
    assert "dpmpp-3m-sde needs at least 2 steps" in err.value.message
    one, _ = take(warm, steps=1, sampler_type="v-ddim")  # a one-step sampler is fine
    assert one.audio.shape == (RATE, 2)
    with pytest.raises(RequestError) as err:
        take(warm, sampler_type="euler")
    assert "does not fit this model (v objective)" in err.value.message


# -- other ways to load --------------------------------------------------------------------


def test_ckpt_with_state_dict_and_t5_model_setting_give_the_same_take(tiny, warm):
    """The .ckpt format and a T5 named by the t5_model setting: same weights, same audio."""
    reference, _ = take(warm, seed=3)
    settings = {"model_config": tiny["settings"]["model_config"],
                "checkpoint": str(Path(tiny["folder"]) / "model.ckpt"),
                "t5_model": str(Path(tiny["folder"]) / "t5")}

    async def scenario():
        sup = supervisor(settings)
        try:
            request = GenerateRequest("warm analog synth pad", 3, 1.0, dict(STEPS))
            return await sup.generate("k", request, lambda f: None, TIMEOUT)
        finally:
            await sup.close()

    result = asyncio.run(asyncio.wait_for(scenario(), 300))
    assert np.array_equal(result.audio, reference.audio)


def test_hub_id_in_the_local_cache_loads_offline(tiny, warm, tmp_path):
    """``model`` = a hub id: found in a Hugging Face cache laid out as hf_hub_download leaves it."""
    reference, _ = take(warm, seed=4)
    hub = tmp_path / "hf" / "hub"
    repo = hub / "models--tiny--stable-audio"
    snapshot = repo / "snapshots" / ("0123456789abcdef" * 2 + "01234567")
    snapshot.mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(snapshot.name)
    folder = Path(tiny["folder"])
    for name in ("model_config.json", "model.safetensors"):
        shutil.copy(folder / name, snapshot / name)
    shutil.copytree(folder / "t5", snapshot / "t5")  # the config's T5: a folder beside it

    async def scenario():
        sup = supervisor({"model": "tiny/stable-audio"},
                         env={"HF_HOME": str(tmp_path / "hf"), "HF_HUB_CACHE": str(hub)})
        try:
            request = GenerateRequest("warm analog synth pad", 4, 1.0, dict(STEPS))
            take = await sup.generate("h", request, lambda f: None, TIMEOUT)
            return take, sup.description
        finally:
            await sup.close()

    result, description = asyncio.run(asyncio.wait_for(scenario(), 300))
    assert description["model"] == "tiny/stable-audio" and result.info["model"] == "tiny/stable-audio"
    assert np.array_equal(result.audio, reference.audio)


# -- load errors, each naming its fix -------------------------------------------------------


def test_missing_checkpoint_names_the_path_and_the_setting(tiny):
    missing = str(Path(tiny["folder"]) / "nowhere.safetensors")
    message = load_error({**tiny["settings"], "checkpoint": missing})
    assert f"checkpoint not found: {missing}" in message and "set checkpoint" in message


def test_missing_model_config_names_the_path_and_the_setting(tiny):
    missing = str(Path(tiny["folder"]) / "nowhere.json")
    message = load_error({**tiny["settings"], "model_config": missing})
    assert f"model_config not found: {missing}" in message and "model_config.json" in message


def test_no_model_at_all_says_what_to_set():
    message = load_error({})
    assert "no model set" in message and "model_config" in message and "checkpoint" in message


def test_config_that_does_not_fit_the_checkpoint_names_offending_keys(tiny):
    message = load_error({**tiny["settings"], "model_config": tiny["other_config"]})
    assert "does not match model_config" in message and tiny["settings"]["checkpoint"] in message
    assert "with another shape, e.g. model.model." in message
    assert "missing from the checkpoint, e.g. model.model.transformer.layers.2." in message
    assert "Use the model_config.json that came with this checkpoint" in message


def test_hub_id_not_in_the_local_cache_is_refused_without_downloading(tmp_path):
    home = tmp_path / "hf-empty"
    home.mkdir()
    message = load_error({"model": "stabilityai/stable-audio-open-1.0"},
                         env={"HF_HOME": str(home), "HF_HUB_CACHE": str(home / "hub")})
    assert "'stabilityai/stable-audio-open-1.0' is not in the local Hugging Face cache" in message
    assert str(home) in message and "downloads are off" in message
    assert "set model_config + checkpoint" in message
    assert not any((home / "hub").glob("models--*"))  # nothing was fetched into it


def test_t5_model_folder_missing_is_refused(tiny):
    message = load_error({**tiny["settings"], "t5_model": str(Path(tiny["folder"]) / "no-t5")})
    assert "t5_model folder not found" in message and "no-t5" in message


def test_float16_on_the_cpu_is_refused(tiny):
    message = load_error({**tiny["settings"], "dtype": "float16"})
    assert "float16" in message and "on the CPU use float32" in message


def test_an_interpreter_without_stable_audio_tools_says_to_run_the_setup(tiny):
    """The daemon's own venv lacks stable-audio-tools: the message names the fix."""
    message = load_error(tiny["settings"], python=sys.executable)
    assert "stable-audio-tools is not installed in this interpreter" in message
    assert "scripts/setup-engine.sh stable-audio" in message
    assert ".venv-stable-audio/bin/python" in message


# -- the module itself ------------------------------------------------------------------------


def test_module_imports_only_stdlib_and_numpy_and_checks_its_environment():
    code = ("import sys, engines.stable_audio as m\n"
            "heavy = {'torch', 'stable_audio_tools', 'transformers', 'huggingface_hub'} & set(sys.modules)\n"
            "print(sorted(heavy)); print(m.StableAudioEngine.check_environment())")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, check=True).stdout.splitlines()
    assert out[0] == "[]"
    assert "scripts/setup-engine.sh stable-audio" in out[1]  # the daemon's venv lacks it
    assert in_venv("from engines.stable_audio import StableAudioEngine as E\n"
                   "print(E.check_environment())").strip().splitlines()[-1] == "None"
