"""Stable Audio (stable-audio-tools 0.0.19): text to stereo audio by latent diffusion.

Runs in its OWN interpreter: stable-audio-tools pins numpy 1.23.5, pandas 2.0.2 and more, and
needs torch + torchaudio, so it cannot live in the daemon's venv. ``scripts/setup-engine.sh
stable-audio`` builds ``.venv-stable-audio``; config.toml points the engine at it::

    [engines.stable-audio]
    python = ".venv-stable-audio/bin/python"
    model_config = "/models/stable-audio-open-1.0/model_config.json"
    checkpoint = "/models/stable-audio-open-1.0/model.safetensors"
    t5_model = "/models/t5-base"          # only if t5-base is not in the Hugging Face cache

A model comes from local files (``model_config`` + ``checkpoint``: ``model.safetensors``, or a
``.ckpt`` holding ``{"state_dict": ...}``), loaded the way stable-audio-tools does it
(``create_model_from_config`` then ``copy_state_dict``), after checking that every key and
shape of the checkpoint fits the config; or from a Hugging Face hub id (``model``) that is
already in the local cache. Nothing is ever downloaded: ``HF_HUB_OFFLINE=1`` is set in the
worker before any Hugging Face library is imported.

The prompt's T5 text encoder is not in the checkpoint: stable-audio-tools loads it by name
(``t5-base`` for Stable Audio Open 1.0) while building the model, and accepts only the names in
``T5Conditioner.T5_MODELS``. For offline use the engine resolves the name to a local folder
(``t5_model`` setting, or a ``t5_model_name`` in the config that is a folder, absolute or
relative to model_config.json) and registers that folder with the conditioner; a plain name
must be in the Hugging Face cache.

A take diffuses the model's whole window (``sample_size``; 47.55 s for Stable Audio Open 1.0)
conditioned on ``seconds_total`` and is cut to it, as stable-audio-tools' own interface does;
``full_window = false`` diffuses only the asked length (faster for short takes). Progress is
reported after each sampler step (the decoder's pass is the last 5 %), and a cancel takes
effect between steps. The same seed, prompt and parameters give the same take on the same
machine and device. Output: float32 (frames, channels) at the model's sample rate (44100 Hz,
stereo for Stable Audio Open).
"""

from __future__ import annotations

import importlib.util
import json
import logging
import math
import os
from pathlib import Path
from typing import Any

import numpy as np

from engines import torchutil
from engines.base import (Cancelled, Engine, EngineUnavailable, GenerateRequest, IsCancelled,
                          Param, Progress, Take)

log = logging.getLogger(__name__)

SETUP_HINT = ("run scripts/setup-engine.sh stable-audio, then set python = "
              "\".venv-stable-audio/bin/python\" under [engines.stable-audio] in config.toml")

# stable-audio-tools 0.0.19, inference/sampling.py: sample_k (v-objective models, Stable Audio
# Open 1.0) and sample_rf (rectified-flow models)
V_SAMPLERS = ("dpmpp-3m-sde", "dpmpp-2m-sde", "dpmpp-2m", "k-heun", "k-lms", "k-dpmpp-2s-ancestral",
              "k-dpm-2", "k-dpm-fast", "k-dpm-adaptive", "v-ddim", "v-ddim-cfgpp")
RF_SAMPLERS = ("euler", "rk4", "dpmpp", "pingpong")
MULTISTEP = ("dpmpp-3m-sde", "dpmpp-2m-sde", "dpmpp-2m")  # fail with a single step
DECODE_SHARE = 0.05  # the part of a take's progress left for the VAE decoder


def use_local_t5(config: dict[str, Any], base: Path, t5_model: str) -> dict[str, Any]:
    """Return ``config`` with each T5 conditioner pointed at a local folder where there is one.

    ``t5_model`` (the setting: a folder) wins over the config's ``t5_model_name``; a name that
    is a folder (the config's: absolute, or relative to ``base``, the model_config's folder) is
    registered in
    ``T5Conditioner.T5_MODELS`` / ``T5_MODEL_DIMS`` with the folder's ``d_model``. Any other
    name must be one stable-audio-tools knows and be in the Hugging Face cache. Raises
    EngineUnavailable naming the fix.
    """
    from stable_audio_tools.models.conditioners import T5Conditioner

    config = json.loads(json.dumps(config))  # a deep copy; the caller's dict is left alone
    conditioning = (config.get("model") or {}).get("conditioning") or {}
    for entry in conditioning.get("configs") or []:
        if entry.get("type") != "t5":
            continue
        options = entry.setdefault("config", {})
        named = str(options.get("t5_model_name", "t5-base"))
        options["t5_model_name"] = torchutil.resolve_t5(
            t5_model, named, base, T5Conditioner.T5_MODELS, T5Conditioner.T5_MODEL_DIMS,
            "stable-audio-tools", "model config")
    return config


_hf_cache_dir = torchutil.hf_cache_dir


class StableAudioEngine(Engine):
    """Text to audio with a Stable Audio model (Stable Audio Open 1.0 or a fine-tune)."""

    name = "stable-audio"
    summary = "Stable Audio (stable-audio-tools): text to stereo sound and music, 44.1 kHz, diffusion"
    max_seconds = 512.0  # the seconds conditioners' range; the model's own window is checked per take
    settings = (
        Param("model_config", str, "", "path to the model's model_config.json (with checkpoint)"),
        Param("checkpoint", str, "", "path to the model's weights: model.safetensors, or a .ckpt "
              "holding {\"state_dict\": ...} (with model_config)"),
        Param("model", str, "", "instead of the two files: a Hugging Face hub id, e.g. "
              "stabilityai/stable-audio-open-1.0, already in the local cache (HF_HOME); never "
              "downloaded"),
        Param("t5_model", str, "", "local folder holding the T5 text encoder the model config "
              "names (t5-base for Stable Audio Open 1.0), saved with save_pretrained; empty: "
              "the config's own name, a folder beside model_config.json or the HF cache"),
        Param("dtype", str, "float32", "weights and compute precision: float32; float16 (CUDA "
              "only: half the memory, faster); bfloat16 (CUDA with bfloat16, or the CPU: half the "
              "memory)", choices=torchutil.DTYPES),
        Param("threads", int, 0, "CPU threads torch may use (0: torch's choice); takes are "
              "bit-identical for a seed only at the same thread count", min=0, max=256),
    )
    params = (
        Param("steps", int, 100, "diffusion sampler steps (more: slower, finer)", min=1, max=1000),
        Param("cfg_scale", float, 7.0, "classifier-free guidance: how strongly the prompt steers",
              min=0.0, max=50.0),
        Param("sigma_min", float, 0.3, "lowest noise level of the schedule", min=0.0001, max=1000.0),
        Param("sigma_max", float, 500.0, "highest noise level of the schedule", min=0.001, max=5000.0),
        Param("sampler_type", str, "dpmpp-3m-sde", "sampler (stable-audio-tools' names); "
              f"v-objective models (Stable Audio Open 1.0): {', '.join(V_SAMPLERS)}; rectified-flow "
              f"models: {', '.join(RF_SAMPLERS)}", choices=V_SAMPLERS + RF_SAMPLERS),
        Param("seconds_start", float, 0.0, "timing conditioning: where in a longer piece the take "
              "starts, in seconds", min=0.0, max=512.0),
        Param("negative_prompt", str, "", "what the take should avoid (empty: none)"),
        Param("full_window", bool, True, "diffuse the model's whole window and cut it to seconds, "
              "as stable-audio-tools does (true), or only the asked length (false: faster short "
              "takes; the model was trained on whole windows)"),
    )

    def __init__(self, settings: dict[str, Any], device: str = "cpu") -> None:
        super().__init__(settings, device)
        self._model: Any = None
        self._torch: Any = None
        self._generate: Any = None  # stable_audio_tools.inference.generation.generate_diffusion_cond
        self._device_obj: Any = None  # torch.device
        self.sample_rate = 0
        self.sample_size = 0
        self.source = ""
        self.objective = "v"
        self.dtype = "float32"

    @classmethod
    def check_environment(cls) -> str | None:
        missing = [m for m in ("stable_audio_tools", "torch", "torchaudio")
                   if importlib.util.find_spec(m) is None]
        return f"{', '.join(missing)} missing in this interpreter: {SETUP_HINT}" if missing else None

    # -- load ---------------------------------------------------------------------------------

    def load(self) -> None:
        """Build the model from local files (or the local HF cache), check and load its weights."""
        # never download: read by huggingface_hub and transformers when they are first imported
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
        dtype_name = str(self.settings.get("dtype") or "float32")
        if dtype_name not in torchutil.DTYPES:
            raise EngineUnavailable(f"dtype must be one of {', '.join(torchutil.DTYPES)}, "
                                    f"got {dtype_name!r}")
        model_config, checkpoint = str(self.settings.get("model_config") or ""), \
            str(self.settings.get("checkpoint") or "")
        hub_id = str(self.settings.get("model") or "")
        if hub_id and (model_config or checkpoint):
            raise EngineUnavailable("set either model (a hub id in the local cache) or "
                                    "model_config + checkpoint (local files), not both")
        t5_model = str(self.settings.get("t5_model") or "")
        if t5_model and not Path(t5_model).expanduser().is_dir():
            raise EngineUnavailable(f"t5_model folder not found: {Path(t5_model).expanduser()} (a "
                                    "folder holding a T5 encoder and its tokenizer, saved with "
                                    "save_pretrained)")
        # cheap checks first: a wrong path is reported before torch is imported
        config_path, ckpt_path = self._hub_files(hub_id) if hub_id else \
            self._local_files(model_config, checkpoint)
        config = self._read_config(config_path)
        try:
            import torch
            from stable_audio_tools.inference.generation import generate_diffusion_cond
            from stable_audio_tools.models.factory import create_model_from_config
            from stable_audio_tools.models.utils import copy_state_dict, load_ckpt_state_dict
        except ImportError as e:
            raise EngineUnavailable(f"stable-audio-tools is not installed in this interpreter "
                                    f"({e}): {SETUP_HINT}") from e
        self._torch = torch
        _quiet_progress_bars()
        device = self._device_obj = torchutil.resolve_device(str(self.device or "cpu"))
        dtype = torchutil.resolve_dtype(dtype_name, device)
        torchutil.set_threads(int(self.settings.get("threads") or 0))
        config = use_local_t5(config, config_path.parent, t5_model)
        try:
            model = create_model_from_config(config)
        except EngineUnavailable:
            raise
        except Exception as e:  # noqa: BLE001 - the factory asserts, raises KeyError, OSError...
            raise EngineUnavailable(f"model_config {config_path} does not build a Stable Audio "
                                    f"model: {_message(e)}") from e
        try:
            state = load_ckpt_state_dict(str(ckpt_path))
        except Exception as e:  # noqa: BLE001 - safetensors / torch.load / a .ckpt without state_dict
            raise EngineUnavailable(f"checkpoint {ckpt_path} cannot be read as Stable Audio weights "
                                    f"(model.safetensors, or a .ckpt holding {{'state_dict': ...}}): "
                                    f"{_message(e)}") from e
        self._check_fit(model, state, config_path, ckpt_path)
        copy_state_dict(model, state)
        del state
        model = model.eval().requires_grad_(False)
        try:
            model = torchutil.guard_memory(lambda: model.to(dtype).to(device), "loading Stable Audio",
                                           "use dtype = \"float16\" or free GPU memory")
        except torchutil.OutOfMemoryError as e:
            raise EngineUnavailable(str(e)) from e
        self._model, self._generate = model, generate_diffusion_cond
        self.dtype = dtype_name
        self.sample_rate = int(model.sample_rate)
        self.sample_size = int(config["sample_size"])
        self.objective = str(getattr(model, "diffusion_objective", "v"))
        self.source = hub_id or str(ckpt_path)
        self._warm_up()

    def _local_files(self, model_config: str, checkpoint: str) -> tuple[Path, Path]:
        if not model_config and not checkpoint:
            raise EngineUnavailable(
                "no model set: give model_config (a model_config.json) and checkpoint (its "
                "model.safetensors) under [engines.stable-audio] in config.toml, or model = a "
                "hub id already in the local Hugging Face cache")
        if not model_config:
            raise EngineUnavailable(f"checkpoint is set but model_config is not: set model_config "
                                    f"to the model_config.json that came with {checkpoint}")
        if not checkpoint:
            raise EngineUnavailable(f"model_config is set but checkpoint is not: set checkpoint to "
                                    f"the model.safetensors (or .ckpt) that goes with {model_config}")
        config_path, ckpt_path = Path(model_config).expanduser(), Path(checkpoint).expanduser()
        if not config_path.is_file():
            raise EngineUnavailable(f"model_config not found: {config_path} (set model_config to "
                                    "the model's model_config.json)")
        if not ckpt_path.is_file():
            raise EngineUnavailable(f"checkpoint not found: {ckpt_path} (set checkpoint to the "
                                    "model's model.safetensors or .ckpt)")
        return config_path, ckpt_path

    def _hub_files(self, hub_id: str) -> tuple[Path, Path]:
        """model_config.json and the weights of ``hub_id`` from the local cache, never the network."""
        try:
            from huggingface_hub import hf_hub_download
        except ImportError as e:
            raise EngineUnavailable(f"huggingface_hub is not installed in this interpreter ({e}): "
                                    f"{SETUP_HINT}") from e

        def cached(filename: str) -> Path | None:
            try:
                return Path(hf_hub_download(hub_id, filename=filename, repo_type="model",
                                            local_files_only=True))
            except Exception:  # noqa: BLE001 - not cached / offline / bad repo id
                return None

        config_path = cached("model_config.json")
        ckpt_path = cached("model.safetensors") or cached("model.ckpt")
        if config_path is None or ckpt_path is None:
            missing = "model_config.json" if config_path is None else "model.safetensors"
            raise EngineUnavailable(
                f"model {hub_id!r} is not in the local Hugging Face cache ({_hf_cache_dir()}: "
                f"{missing} missing) and downloads are off (HF_HUB_OFFLINE=1): copy a cache that "
                f"holds it (`hf download {hub_id}` where there is network, then set HF_HOME), or "
                "set model_config + checkpoint to local files instead of model")
        return config_path, ckpt_path

    def _read_config(self, path: Path) -> dict[str, Any]:
        try:
            config = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise EngineUnavailable(f"model_config {path} is not readable JSON: {e}") from e
        kind = config.get("model_type") if isinstance(config, dict) else None
        if kind not in ("diffusion_cond", "diffusion_cond_inpaint"):
            raise EngineUnavailable(f"model_config {path} has model_type {kind!r}: this engine "
                                    "runs text-conditioned diffusion models (diffusion_cond)")
        for key in ("sample_size", "sample_rate"):
            if not isinstance(config.get(key), int) or config[key] <= 0:
                raise EngineUnavailable(f"model_config {path} needs a positive whole {key}")
        return config

    def _check_fit(self, model: Any, state: dict[str, Any], config_path: Path, ckpt_path: Path) -> None:
        """EngineUnavailable naming a few keys when the checkpoint does not fit the built model.

        stable-audio-tools' own ``copy_state_dict`` skips what does not fit, silently: a wrong
        config would then run with random weights.
        """
        own = model.state_dict()
        missing = [k for k in own if k not in state]
        unexpected = [k for k in state if k not in own]
        shapes = [f"{k} (checkpoint {tuple(state[k].shape)}, config {tuple(own[k].shape)})"
                  for k in own if k in state and tuple(state[k].shape) != tuple(own[k].shape)]
        if not (missing or unexpected or shapes):
            return
        parts = []
        for what, keys in (("with another shape", shapes), ("missing from the checkpoint", missing),
                           ("in the checkpoint but not in the model", unexpected)):
            if keys:
                parts.append(f"{len(keys)} {what}, e.g. {', '.join(keys[:3])}")
        raise EngineUnavailable(
            f"checkpoint {ckpt_path} does not match model_config {config_path} "
            f"({len(own)} weights in the model): {'; '.join(parts)}. Use the model_config.json "
            "that came with this checkpoint")

    def _warm_up(self) -> None:
        """One tiny take (one latent block, two steps) so the first real take pays no set-up."""
        block_seconds = self._model.min_input_length / self.sample_rate
        self.generate(GenerateRequest("warm up", seed=0, seconds=block_seconds, params={
            "steps": 2, "full_window": False, "sampler_type": self._default_sampler()}),
            lambda f: None, lambda: False)

    def _default_sampler(self) -> str:
        return "dpmpp-3m-sde" if self.objective == "v" else "euler"

    def unload(self) -> None:
        loaded, self._model, self._generate = self._model is not None, None, None
        if loaded:
            torchutil.release_memory()

    def describe(self) -> dict[str, Any]:
        info = super().describe()
        if self._model is not None:
            info.update(model=self.source, sample_rate=self.sample_rate, dtype=self.dtype,
                        model_max_seconds=self.sample_size / self.sample_rate,
                        diffusion_objective=self.objective)
        return info

    # -- generate -----------------------------------------------------------------------------

    def generate(self, request: GenerateRequest, progress: Progress, is_cancelled: IsCancelled) -> Take:
        """One take of ``request.seconds`` (default: the model's whole window)."""
        if self._model is None:
            raise RuntimeError("the Stable Audio model is not loaded")
        torch = self._torch
        p = {q.name: request.params.get(q.name, q.default) for q in self.params}
        p = {q.name: q.coerce(p[q.name]) for q in self.params}
        model_max = self.sample_size / self.sample_rate
        seconds = model_max if request.seconds is None else float(request.seconds)
        if seconds > model_max + 1e-9:
            raise ValueError(f"seconds {seconds:g} is above this model's maximum of "
                             f"{model_max:.2f} s (sample_size {self.sample_size} at "
                             f"{self.sample_rate} Hz): ask for at most {math.floor(model_max * 100) / 100:g}")
        if seconds <= 0:
            raise ValueError(f"seconds must be above 0, got {seconds:g}")
        sampler, steps = p["sampler_type"], p["steps"]
        allowed = V_SAMPLERS if self.objective == "v" else RF_SAMPLERS
        if sampler not in allowed:
            raise ValueError(f"sampler_type {sampler!r} does not fit this model "
                             f"({self.objective} objective): use one of {', '.join(allowed)}")
        if self.objective == "v" and p["sigma_min"] >= p["sigma_max"]:
            raise ValueError(f"sigma_min ({p['sigma_min']:g}) must be below sigma_max "
                             f"({p['sigma_max']:g})")
        if sampler in MULTISTEP and steps < 2:
            raise ValueError(f"sampler {sampler} needs at least 2 steps, got {steps}")
        frames = max(1, round(seconds * self.sample_rate))
        block = self._model.min_input_length
        size = self.sample_size if p["full_window"] else min(
            self.sample_size, math.ceil(frames / block) * block)
        cond = {"prompt": request.prompt, "seconds_start": p["seconds_start"], "seconds_total": seconds}
        negative = [dict(cond, prompt=p["negative_prompt"])] if p["negative_prompt"] else None
        kwargs = {"sigma_max": p["sigma_max"]}
        if self.objective == "v":
            kwargs["sigma_min"] = p["sigma_min"]
        done = 0

        def step(info: dict[str, Any]) -> None:
            nonlocal done
            if is_cancelled():
                raise Cancelled()
            done += 1
            progress(min(1.0, done / steps) * (1.0 - DECODE_SHARE))

        def run() -> np.ndarray:
            with torch.no_grad():
                audio = self._generate(
                    self._model, steps=steps, cfg_scale=p["cfg_scale"], conditioning=[cond],
                    negative_conditioning=negative, batch_size=1, sample_size=size,
                    seed=int(request.seed) % 2**32, device=self._device_obj, sampler_type=sampler,
                    callback=step, **kwargs)
            return audio[0].to(torch.float32).cpu().numpy().T[:frames]

        if is_cancelled():
            raise Cancelled()
        out = torchutil.guard_memory(run, f"diffusing {size / self.sample_rate:.1f} s of Stable Audio",
                                     "ask for fewer seconds with full_window = false, or use "
                                     "dtype = \"float16\"")
        out = np.ascontiguousarray(out, dtype=np.float32)
        progress(1.0)
        info = {"sampler_type": sampler, "steps": steps, "cfg_scale": p["cfg_scale"],
                "sigma_min": p["sigma_min"], "sigma_max": p["sigma_max"],
                "seconds_start": p["seconds_start"], "seconds_total": seconds,
                "negative_prompt": p["negative_prompt"], "full_window": p["full_window"],
                "diffused_seconds": size / self.sample_rate, "dtype": self.dtype,
                "model": self.source}
        return Take(audio=out, sample_rate=self.sample_rate, seed=request.seed, info=info)


def _quiet_progress_bars() -> None:
    """Turn off the samplers' tqdm bars in this worker process.

    Progress goes to the daemon over the protocol; the bars (forced on by stable-audio-tools,
    which passes ``disable=False``) would add a log line per step to the daemon's log.
    """
    import k_diffusion.sampling as k_sampling
    from stable_audio_tools.inference import sampling as sat_sampling

    def quiet(bar: Any) -> Any:
        if getattr(bar, "fragmentd_quiet", False):
            return bar

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            kwargs["disable"] = True
            return bar(*args, **kwargs)

        wrapper.fragmentd_quiet = True  # type: ignore[attr-defined]
        return wrapper

    for module in (k_sampling, sat_sampling):
        for name in ("tqdm", "trange"):
            if hasattr(module, name):
                setattr(module, name, quiet(getattr(module, name)))


def _message(e: BaseException) -> str:
    text = str(e).strip()
    return f"{type(e).__name__}: {text}" if text else type(e).__name__
