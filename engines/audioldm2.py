"""AudioLDM 2 (CVSSP): text to sound effects, ambiences and music, through diffusers.

The model is a diffusers ``AudioLDM2Pipeline`` (CLAP + Flan-T5 text encoders, a GPT-2 that
turns them into conditioning, a latent-diffusion UNet, a VAE and a HiFi-GAN vocoder), loaded
once from

- a local folder written by ``AudioLDM2Pipeline.save_pretrained`` (``model_index.json`` and one
  subfolder per component: the layout of the hub repos ``cvssp/audioldm2``, ``-large``,
  ``-music``), or
- a hub id (``owner/name``) already in the local Hugging Face cache: nothing is ever downloaded;
  fill the cache where there is a network with ``hf download cvssp/audioldm2``.

A hub id is resolved to its cached snapshot folder, and both go through the same loading code.
``model_index.json`` must name an ``AudioLDM2Pipeline`` with a T5 second text encoder (the
text-to-speech variants with a VITS encoder need a transcript and are refused).

transformers ≥ 4.50 (and 5.x) no longer gives ``GPT2Model`` the generation helpers the pipeline
calls, and the CVSSP repos' ``model_index.json`` names ``GPT2Model`` as the language model:
diffusers then fails at the first prompt (``'GPT2Model' object has no attribute
'_update_model_kwargs_for_generation'``; diffusers issue #12630). The engine therefore loads
that component as ``GPT2LMHeadModel`` from the same subfolder: the same weights (the LM head is
tied to the token embedding), the same hidden states; only those are used.

A take is ``seconds`` long, cut to exactly ``round(seconds × 16000)`` samples; with no
``seconds`` it is the model's natural length, ``unet.sample_size × VAE factor × hop`` (10.24 s
for the CVSSP models, which were trained on 10.24 s clips). At most 30 s; the UNet is
convolutional, so longer than 10.24 s works but drifts from what the model learnt. Shorter
than one latent frame (40 ms) is generated at that length and cut.

Parameters and defaults are the pipeline's own (``AudioLDM2Pipeline.__call__``, diffusers
0.42; the model card's example uses the same): 200 DDIM steps, guidance 3.5, one waveform. The
model card suggests the negative prompt "Low quality." and 3 waveforms.

``waveforms`` > 1 generates that many candidates in one batch and returns the one the model's
own CLAP scores closest to the prompt (the pipeline's automatic scoring; here the candidates
are resampled to CLAP's 48 kHz with soxr instead of librosa, so ranking works without librosa
and gives the same order). The take's info lists the CLAP scores, best first.

Progress: 0.95 × steps done / steps after each denoising step (the pipeline's ``callback``;
AudioLDM2Pipeline has no ``callback_on_step_end``), 1.0 when the audio is decoded and ranked.
A cancel is seen between steps: :class:`~engines.base.Cancelled` is raised from the callback
and leaves the pipeline at once. Prompt encoding before the first step is not interruptible.

Seeds: the initial noise comes from a CPU ``torch.Generator`` seeded with the take's seed, so a
seed gives the same starting point on any device; DDIM with eta 0 draws nothing else. The CLAP
feature extractor's random crops (ranking) use numpy's global generator, seeded per take and
restored. Same seed, prompt, parameters, model, dtype and device (and thread count on the CPU)
→ the same take, bit for bit.

Output: float32, one channel, at the vocoder's sample rate (16 kHz), at the model's level.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import math
from pathlib import Path
from typing import Any

import numpy as np

from engines import torchutil
from engines.base import (Cancelled, Engine, EngineUnavailable, GenerateRequest, IsCancelled,
                          Param, Progress, Take)

log = logging.getLogger(__name__)

EXTRA = "audioldm2"
INSTALL_HINT = torchutil.install_hint(EXTRA)
DEFAULT_MODEL = "cvssp/audioldm2"
MAX_SECONDS = 30.0
DENOISE_SHARE = 0.95  # progress after the last denoising step; decoding and ranking make 1.0
DEFAULT_MAX_NEW_TOKENS = 8  # AudioLDM2's GPT-2 writes 8 conditioning vectors (its config says so)
WARM_UP_PROMPT = "warm up"


class AudioLDM2Engine(Engine):
    """AudioLDM 2 text to audio (diffusers) on the CPU or a GPU."""

    name = "audioldm2"
    summary = "AudioLDM 2 text to sound and music (CVSSP, via diffusers); up to 30 s, 16 kHz"
    max_seconds = MAX_SECONDS
    memory_gb = 5.0  # cvssp/audioldm2 at float32: 1.1 B parameters (4.4 GB) + a take's activations
    settings = (
        Param("model", str, DEFAULT_MODEL,
              "a folder saved with AudioLDM2Pipeline.save_pretrained, or a hub id already in the "
              "local Hugging Face cache (never downloaded): cvssp/audioldm2, cvssp/audioldm2-large, "
              "cvssp/audioldm2-music"),
        Param("dtype", str, "float32", "weights and compute precision: float16 halves memory and "
              "is faster on a GPU (refused on the CPU); bfloat16 halves memory anywhere the "
              "hardware has it", choices=torchutil.DTYPES),
        Param("threads", int, 0, "CPU threads for torch in the worker (leave cores to the DAW); "
              "0: torch's default (all cores)", min=0, max=256),
    )
    params = (
        Param("steps", int, 200, "denoising steps (DDIM): more is cleaner and slower; the "
              "pipeline's default is 200, 25 to 50 already sound reasonable", min=1, max=1000),
        Param("guidance_scale", float, 3.5, "classifier-free guidance: higher follows the prompt "
              "more closely at some cost in sound quality; 1 or less turns it off (and the "
              "negative prompt with it), halving the work per step", min=0.0, max=30.0),
        Param("negative_prompt", str, "", "what the sound should not be (the model card suggests "
              "'Low quality.'); used only with guidance_scale above 1"),
        Param("waveforms", int, 1, "candidates generated together (one batch); the one CLAP "
              "rates closest to the prompt is returned", min=1, max=8),
    )

    def __init__(self, settings: dict[str, Any], device: str = "cpu") -> None:
        super().__init__(settings, device)
        self._pipe: Any = None
        self._torch: Any = None
        self._device: Any = None
        self._folder: Path | None = None
        self._model_name = ""
        self._dtype_name = "float32"
        self._language_model = ""
        self._max_new_tokens = DEFAULT_MAX_NEW_TOKENS
        self._threads_before: int | None = None
        self._rank_seed = 0
        self._scores: list[float] = []

    @classmethod
    def check_environment(cls) -> str | None:
        needed = ("torch", "diffusers", "transformers", "huggingface_hub", "soxr")
        missing = [m for m in needed if importlib.util.find_spec(m) is None]
        return INSTALL_HINT if missing else None

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        """Load the pipeline onto the device and run one short step so the first take is warm."""
        model = str(self.settings.get("model", DEFAULT_MODEL) or DEFAULT_MODEL)
        dtype_name = self._setting("dtype")
        threads = self._setting("threads")
        folder = torchutil.model_folder(model, "AudioLDM2", DEFAULT_MODEL, EXTRA)
        components = _check_model_index(folder, model)  # both before the heavy imports
        torch, diffusers, transformers, _ = torchutil.require(EXTRA, "torch", "diffusers",
                                                                "transformers", "soxr")
        if not hasattr(diffusers, "AudioLDM2Pipeline"):
            raise EngineUnavailable(f"diffusers {diffusers.__version__} has no AudioLDM2Pipeline "
                                    f"(0.21 or newer has): {INSTALL_HINT}")
        device = torchutil.resolve_device(self.device)
        dtype = torchutil.resolve_dtype(dtype_name, device)
        self._threads_before = torchutil.set_threads(threads)
        self._torch = torch
        try:
            extra: dict[str, Any] = {}
            if components.get("language_model", [None, None])[1] == "GPT2Model":
                # see the module docstring: the pipeline needs GPT-2's generation helpers
                extra["language_model"] = transformers.GPT2LMHeadModel.from_pretrained(
                    str(folder), subfolder="language_model", local_files_only=True).to(dtype)
            pipe = diffusers.AudioLDM2Pipeline.from_pretrained(str(folder), local_files_only=True,
                                                               dtype=dtype, **extra)
        except Exception as e:  # noqa: BLE001 - missing or corrupt files surface in many types
            raise EngineUnavailable(f"AudioLDM2 model {model!r} ({folder}) cannot be loaded: "
                                    f"{type(e).__name__}: {e}") from e
        if pipe.unet.dtype != dtype:  # an older diffusers, which knows only `torch_dtype`
            pipe.to(dtype=dtype)
        try:
            pipe = torchutil.guard_memory(lambda: pipe.to(device), f"moving AudioLDM2 to {device}")
        except torchutil.OutOfMemoryError as e:
            raise EngineUnavailable(f"{e}; try dtype float16, or unload other engines") from e
        pipe.set_progress_bar_config(disable=True)
        pipe.score_waveforms = self._rank  # our ranking: soxr instead of librosa, seeded crops
        lm_config = pipe.language_model.config
        self._max_new_tokens = int(getattr(lm_config, "max_new_tokens", None) or DEFAULT_MAX_NEW_TOKENS)
        self._language_model = type(pipe.language_model).__name__
        self._pipe, self._device, self._folder, self._dtype_name = pipe, device, folder, dtype_name
        self._model_name = model
        self._run(WARM_UP_PROMPT, 0, 1, min(1.0, self.natural_seconds), 1, 3.5, "",
                  lambda f: None, lambda: False)

    def unload(self) -> None:
        if self._pipe is None:
            return
        self._pipe = None
        torchutil.release_memory()
        if self._threads_before is not None:
            self._torch.set_num_threads(self._threads_before)
            self._threads_before = None

    def describe(self) -> dict[str, Any]:
        info = super().describe()
        if self._pipe is not None:
            pipe = self._pipe
            params = sum(p.numel() for name in ("text_encoder", "text_encoder_2", "projection_model",
                                                "language_model", "unet", "vae", "vocoder")
                         for p in getattr(pipe, name).parameters())
            info.update(model=self._model_name, folder=str(self._folder), dtype=self._dtype_name,
                        sample_rate=self.sample_rate, natural_seconds=self.natural_seconds,
                        min_seconds=self.min_seconds, parameters=params,
                        scheduler=type(pipe.scheduler).__name__,
                        language_model=self._language_model, seed_reproducible=True)
        return info

    # -- shape of the output ------------------------------------------------------------------

    @property
    def sample_rate(self) -> int:
        return int(self._pipe.vocoder.config.sampling_rate)

    @property
    def hop(self) -> int:
        """Audio samples per mel frame (160 at 16 kHz: 10 ms)."""
        return int(np.prod(self._pipe.vocoder.config.upsample_rates))

    @property
    def min_seconds(self) -> float:
        """One latent frame: the shortest length the pipeline accepts (40 ms for CVSSP's)."""
        return self.hop * self._pipe.vae_scale_factor / self.sample_rate

    @property
    def natural_seconds(self) -> float:
        """The pipeline's default length (10.24 s for CVSSP's models)."""
        pipe = self._pipe
        return int(pipe.unet.config.sample_size) * pipe.vae_scale_factor * self.hop / self.sample_rate

    # -- generation ---------------------------------------------------------------------------

    def generate(self, request: GenerateRequest, progress: Progress, is_cancelled: IsCancelled) -> Take:
        """One take of ``request.seconds`` (the model's natural length when not given)."""
        if self._pipe is None:
            raise RuntimeError("the AudioLDM2 model is not loaded")
        o = {p.name: p.coerce(request.params.get(p.name, p.default)) for p in self.params}
        seconds = self.natural_seconds if request.seconds is None else float(request.seconds)
        if not 0 < seconds <= self.max_seconds:
            raise ValueError(f"seconds must be more than 0 and at most {self.max_seconds:g}, "
                             f"got {seconds:g}")
        limit = self._max_steps()
        if o["steps"] > limit:
            raise ValueError(f"steps must be at most {limit} for this model's scheduler "
                             f"({type(self._pipe.scheduler).__name__} trained on "
                             f"{self._pipe.scheduler.config.num_train_timesteps} timesteps), "
                             f"got {o['steps']}")
        if is_cancelled():
            raise Cancelled()
        audio = torchutil.guard_memory(
            lambda: self._run(request.prompt, request.seed, o["steps"], seconds, o["waveforms"],
                              o["guidance_scale"], o["negative_prompt"], progress, is_cancelled),
            "generating with AudioLDM2", "ask for fewer seconds or waveforms, or use dtype float16")
        progress(1.0)
        info = {"model": self._model_name, "dtype": self._dtype_name, **o,
                "seconds": len(audio) / self.sample_rate, "ranked": o["waveforms"] > 1,
                "seed_reproducible": True}
        if o["waveforms"] > 1:
            info["clap_scores"] = self._scores
        return Take(audio=audio[:, None], sample_rate=self.sample_rate, seed=request.seed, info=info)

    def _max_steps(self) -> int:
        """DDIM cannot take more steps than training timesteps, less its offset (1000 → 999)."""
        config = self._pipe.scheduler.config
        return int(config.num_train_timesteps) - int(config.get("steps_offset", 0) or 0)

    def _run(self, prompt: str, seed: int, steps: int, seconds: float, waveforms: int,
             guidance: float, negative: str, progress: Progress, is_cancelled: IsCancelled) -> np.ndarray:
        """The best of ``waveforms`` candidates, exactly ``round(seconds × rate)`` samples."""
        rate, hop = self.sample_rate, self.hop
        frames = max(1, round(seconds * rate))
        # whole mel frames covering the take, at least one latent frame; +0.5 frame so the
        # pipeline's int() truncations land on the frame count we mean
        mel_frames = max(math.ceil(frames / hop), self._pipe.vae_scale_factor)
        length_s = (mel_frames + 0.5) * hop / rate

        def step_done(step: int, timestep: Any, latents: Any) -> None:
            if is_cancelled():
                raise Cancelled()
            progress(DENOISE_SHARE * min(1.0, (step + 1) / steps))

        self._rank_seed, self._scores = seed, []
        with self._torch.inference_mode():
            out = self._pipe(
                prompt, audio_length_in_s=length_s, num_inference_steps=steps,
                guidance_scale=guidance, negative_prompt=negative or None,
                num_waveforms_per_prompt=waveforms,
                generator=torchutil.seeded_generator(seed, "cpu"),
                callback=step_done, callback_steps=1, max_new_tokens=self._max_new_tokens,
                output_type="np")
        audio = np.asarray(out.audios[0], dtype=np.float32)
        if len(audio) < frames:
            raise RuntimeError(f"AudioLDM2 made {len(audio)} samples for {frames}")
        return np.ascontiguousarray(audio[:frames])

    def _rank(self, text: Any, audio: Any, num_waveforms_per_prompt: int, device: Any,
              dtype: Any) -> Any:
        """The pipeline's ``score_waveforms``: candidates sorted by CLAP text-audio similarity,
        best first. Resamples with soxr (librosa's default resampler) to CLAP's rate."""
        import soxr

        torch, pipe = self._torch, self._pipe
        extractor = pipe.feature_extractor
        waves = audio.numpy()
        resampled = soxr.resample(waves.T, self.sample_rate, extractor.sampling_rate, quality="HQ").T
        inputs = pipe.tokenizer(text, return_tensors="pt", padding=True)
        state = np.random.get_state()  # the extractor crops with numpy's global generator
        try:
            np.random.seed(self._rank_seed & 0xFFFF_FFFF)
            features = extractor(list(np.ascontiguousarray(resampled)), return_tensors="pt",
                                 sampling_rate=extractor.sampling_rate).input_features
        finally:
            np.random.set_state(state)
        inputs["input_features"] = features.type(dtype)
        inputs = inputs.to(device)
        logits = pipe.text_encoder(**inputs).logits_per_text  # (prompts, candidates)
        order = torch.argsort(logits, dim=1, descending=True)[:, :num_waveforms_per_prompt]
        self._scores = [round(float(s), 4) for s in logits[0, order[0]].detach().float().cpu()]
        return torch.index_select(audio, 0, order.reshape(-1).cpu())

    def _setting(self, name: str) -> Any:
        param = next(p for p in type(self).settings if p.name == name)
        value = self.settings.get(name, param.default)
        try:
            return param.coerce(param.default if value is None else value)
        except ValueError as e:
            raise EngineUnavailable(f"[engines.audioldm2] {e}") from e


def _check_model_index(folder: Path, model: str) -> dict[str, list]:
    """The components of ``folder/model_index.json``; EngineUnavailable unless it describes an
    AudioLDM2 text-to-audio pipeline."""
    index = folder / "model_index.json"
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EngineUnavailable(f"AudioLDM2 model {model!r}: {folder} has no model_index.json, so "
                                "it is not a diffusers pipeline folder (save one with "
                                "AudioLDM2Pipeline.save_pretrained, or download cvssp/audioldm2)") from None
    except (OSError, ValueError) as e:
        raise EngineUnavailable(f"AudioLDM2 model {model!r}: {index} cannot be read: {e}") from e
    if not isinstance(data, dict):
        raise EngineUnavailable(f"AudioLDM2 model {model!r}: {index} is not a JSON object")
    kind = data.get("_class_name")
    if kind != "AudioLDM2Pipeline":
        raise EngineUnavailable(f"AudioLDM2 model {model!r}: {index} describes a {kind!r}, not an "
                                "'AudioLDM2Pipeline' (e.g. cvssp/audioldm2); other pipelines "
                                "need their own engine")
    components = {k: v for k, v in data.items() if not k.startswith("_")}
    encoder_2 = components.get("text_encoder_2") or [None, None]
    if isinstance(encoder_2, list) and len(encoder_2) == 2 and encoder_2[1] == "VitsModel":
        raise EngineUnavailable(f"AudioLDM2 model {model!r} is a text-to-speech variant (VITS "
                                "text encoder, it needs a transcript): not supported by this "
                                "engine; use a text-to-audio model such as cvssp/audioldm2")
    return components
