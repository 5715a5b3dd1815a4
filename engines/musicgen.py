"""MusicGen (Meta): text to music, token by token, through Hugging Face transformers.

The model is a ``MusicgenForConditionalGeneration`` with its processor (T5 tokenizer + EnCodec
feature extractor), loaded once from

- a local folder written by ``save_pretrained`` (model *and* processor: the layout of the hub
  repos such as ``facebook/musicgen-small``), or
- a hub id (``owner/name``) that is already in the local Hugging Face cache: nothing is ever
  downloaded; fill the cache where there is a network with ``hf download
  facebook/musicgen-small`` (or copy a ``save_pretrained`` folder).

A take is ``seconds`` long (10 s when not given, at most 30 s: the models are trained on 30 s
excerpts, and transformers' MusicGen documentation limits generation to 30 s, 1503 tokens).
The decoder writes one token per codebook per frame with MusicGen's delay pattern:
``frames + codebooks - 1`` steps for ``frames = ceil(seconds × rate / hop)``, where the rate
and the hop (samples per frame) are read from the codec's config (32 kHz and 640 for the
released models: 50 frames per second, 503 steps for 10 s, 1503 for 30 s). The audio is cut
to exactly ``round(seconds × rate)`` samples.

Parameters carry audiocraft's names and defaults, which performers know: ``temperature`` 1.0,
``top_k`` 250, ``top_p`` 0 (off; as in audiocraft, ``top_p > 0`` replaces top-k),
``cfg_coef`` 3.0 (classifier-free guidance, transformers' ``guidance_scale``; 1 turns it off
and halves the decoder's batch). A blank prompt generates unconditionally.

Progress is ``steps done / steps`` after every decoder step (a transformers
``StoppingCriteria``, called once per step); a cancel is noticed at the next step and raises
:class:`~engines.base.Cancelled` out of ``generate`` at once. The codec's decoding after the
last step is not counted (about 0.05 s of a 30 s take on a GPU).

Seeds: transformers samples with ``torch.multinomial`` from torch's global generator
(``generate`` takes no generator), so it is seeded with ``torch.manual_seed(seed)`` right
before every take. Same seed, prompt, parameters, model, dtype and device (and ``threads`` on
the CPU) → the same take, bit for bit, in any fresh process; on a CUDA GPU, in all three
dtypes, thanks to :func:`_gpu_kernels`.

Output: float32 (frames, channels) at the codec's sample rate, one channel or two as the model
makes (the ``musicgen-stereo-*`` models interleave two codebook sets, decoded separately), at
the model's own level.

Speed (musicgen-small, measured): on an H100 a 10 s take takes about 8 s and a 30 s take
about 21 s in any dtype (the step loop is bound by kernel launches, not arithmetic); on a
2-core CPU about 12 s per second of audio in float32, 7 in bfloat16 (half that with
``cfg_coef`` 1).

Two backends behind the same parameters (the ``backend`` setting):

- ``transformers`` (default): :class:`TransformersMusicGen`, in the daemon's own venv (the
  ``musicgen`` extra), models in transformers' ``save_pretrained`` layout;
- ``audiocraft``: Meta's own code (audiocraft 1.3.0), which must run in its own interpreter
  (``scripts/setup-engine.sh audiocraft`` builds ``.venv-audiocraft``; set ``python`` to it),
  models in audiocraft's layout (``state_dict.bin`` + ``compression_state_dict.bin``, which the
  hub repos ``facebook/musicgen-*`` also hold), through
  :class:`engines.audiocraft_engines.AudiocraftMusicGen`. float32 or float16; seeds reproduce
  within a backend, not across the two (they sample differently).
"""

from __future__ import annotations

import contextlib
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

EXTRA = "musicgen"
INSTALL_HINT = torchutil.install_hint(EXTRA)
DEFAULT_MODEL = "facebook/musicgen-small"
DEFAULT_SECONDS = 10.0
BACKENDS = ("transformers", "audiocraft")
TRAINED_SECONDS = 30.0  # MusicGen is trained on 30 s excerpts


class MusicGenEngine(Engine):
    """MusicGen text to music (transformers backend) on the CPU or a CUDA GPU."""

    name = "musicgen"
    summary = "MusicGen text to music (Meta; transformers or audiocraft backend); up to 30 s, 32 kHz"
    max_seconds = TRAINED_SECONDS
    # musicgen-small at float32: 2.35 GB of weights, 3.7 GB at the peak of a 30 s take (H100);
    # medium ~8 GB and large ~14 GB of weights: set engines.musicgen.memory_gb for those
    memory_gb = 4.0
    settings = (
        Param("backend", str, "transformers", "transformers (the daemon's venv, the musicgen "
              "extra) or audiocraft (Meta's code, in its own venv: run scripts/setup-engine.sh "
              "audiocraft and set python = \".venv-audiocraft/bin/python\")",
              choices=BACKENDS),
        Param("model", str, DEFAULT_MODEL,
              "transformers: a folder saved with save_pretrained (model and processor); "
              "audiocraft: a folder holding state_dict.bin + compression_state_dict.bin; or a hub "
              "id already in the local Hugging Face cache (never downloaded), e.g. "
              "facebook/musicgen-small, -medium, -large, -stereo-small (they hold both layouts)"),
        Param("t5_model", str, "", "audiocraft backend only: a local folder holding the T5 text "
              "encoder its checkpoint names (t5-base), when that is not in the HF cache"),
        Param("dtype", str, "float32", "weights and compute precision; float16 and bfloat16 halve "
              "memory and are faster on a GPU (float16 is GPU-only; bfloat16 also runs on the "
              "CPU)", choices=torchutil.DTYPES),
        Param("threads", int, 0, "CPU threads for torch (leave cores to the DAW); 0: torch's "
              "default, one per core. Takes are bit-identical for a seed only at the same count",
              min=0, max=256),
    )
    params = (
        Param("temperature", float, 1.0, "sampling temperature: lower is tamer and more "
              "repetitive, higher is wilder", min=0.01, max=10.0),
        Param("top_k", int, 250, "sample from the k likeliest tokens of each codebook (0: all); "
              "ignored when top_p > 0", min=0, max=2048),
        Param("top_p", float, 0.0, "nucleus sampling: sample from the likeliest tokens that "
              "together hold this probability; 0: off (top_k is used)", min=0.0, max=1.0),
        Param("cfg_coef", float, 3.0, "classifier-free guidance: how strongly the prompt steers "
              "(higher follows the text more, at some cost in audio quality); 1: off, about "
              "twice as fast", min=1.0, max=20.0),
    )

    def __init__(self, settings: dict[str, Any], device: str = "cpu") -> None:
        super().__init__(settings, device)
        self._backend: TransformersMusicGen | None = None
        self._audiocraft: Engine | None = None  # AudiocraftMusicGen, when backend = audiocraft

    @classmethod
    def check_environment(cls) -> str | None:
        missing = [m for m in ("torch", "transformers") if importlib.util.find_spec(m) is None]
        return INSTALL_HINT if missing else None

    def load(self) -> None:
        """Load model and processor, and run a few steps so the first take starts warm."""
        model = str(self._setting("model") or DEFAULT_MODEL)
        if self._setting("backend") == "audiocraft":
            self._load_audiocraft(model)
            return
        backend = TransformersMusicGen(model, self._setting("dtype"), self.device,
                                       self._setting("threads"))
        backend.load()
        self._backend = backend

    def _load_audiocraft(self, model: str) -> None:
        dtype = self._setting("dtype")
        if dtype not in ("float32", "float16"):
            raise EngineUnavailable(f"dtype {dtype!r}: the audiocraft backend runs float32 or "
                                    "float16 (bfloat16 is the transformers backend's)")
        try:
            from engines.audiocraft_engines import AudiocraftMusicGen
        except ImportError as e:  # pragma: no cover - the module imports stdlib + numpy only
            raise EngineUnavailable(f"the audiocraft backend cannot be imported: {e}") from e
        if importlib.util.find_spec("audiocraft") is None:
            raise EngineUnavailable(
                "backend = \"audiocraft\" but audiocraft is not installed in this interpreter: "
                "run scripts/setup-engine.sh audiocraft, then set python = "
                "\".venv-audiocraft/bin/python\" under [engines.musicgen] in config.toml (or use "
                "backend = \"transformers\" with the musicgen extra)")
        engine = AudiocraftMusicGen({"model": model, "t5_model": self._setting("t5_model"),
                                     "dtype": dtype, "threads": self._setting("threads")},
                                    self.device)
        engine.load()
        self._audiocraft = engine

    def unload(self) -> None:
        if self._backend is not None:
            self._backend.unload()
        if self._audiocraft is not None:
            self._audiocraft.unload()
        self._backend = self._audiocraft = None

    def describe(self) -> dict[str, Any]:
        info = super().describe()
        if self._backend is not None:
            info.update(self._backend.describe())
        if self._audiocraft is not None:
            loaded = self._audiocraft.describe()
            info.update({k: loaded[k] for k in ("model", "sample_rate", "model_seconds", "dtype")},
                        backend="audiocraft", seed_reproducible=True)
        return info

    def generate(self, request: GenerateRequest, progress: Progress, is_cancelled: IsCancelled) -> Take:
        """One take of ``request.seconds`` (10 s when not given) for ``request.prompt``."""
        if self._audiocraft is not None:
            return self._audiocraft.generate(request, progress, is_cancelled)
        if self._backend is None:
            raise RuntimeError("the MusicGen model is not loaded")
        options = {p.name: p.coerce(request.params.get(p.name, p.default)) for p in self.params}
        seconds = DEFAULT_SECONDS if request.seconds is None else float(request.seconds)
        if not 0 < seconds <= self.max_seconds:
            raise ValueError(f"seconds must be more than 0 and at most {self.max_seconds:g} "
                             f"(MusicGen is trained on 30 s), got {seconds:g}")
        if is_cancelled():
            raise Cancelled()
        audio, rate, info = self._backend.generate(request.prompt, request.seed, seconds, options,
                                                   progress, is_cancelled)
        return Take(audio=audio, sample_rate=rate, seed=request.seed, info=info)

    @classmethod
    def settings_param(cls, name: str) -> Param:
        return next(p for p in cls.settings if p.name == name)

    def _setting(self, name: str) -> Any:
        """A setting checked against its Param (the daemon's config has checked it already)."""
        param = self.settings_param(name)
        value = self.settings.get(name)
        return param.default if value is None else param.coerce(value)


class TransformersMusicGen:
    """MusicGen through ``transformers.MusicgenForConditionalGeneration`` (the only code that
    touches torch or transformers); imported lazily in :meth:`load`."""

    backend = "transformers"

    def __init__(self, model: str, dtype: str, device: str, threads: int = 0) -> None:
        self.model_name, self.dtype_name, self.device, self.threads = model, dtype, device, threads
        self._threads_before: int | None = None
        self.folder: Path | None = None
        self._torch: Any = None
        self._model: Any = None
        self._processor: Any = None
        self._criteria: Any = None  # a StoppingCriteria subclass, made at load

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        # a missing folder, an uncached hub id or another architecture is reported before
        # torch is imported
        folder = torchutil.model_folder(self.model_name, "MusicGen", DEFAULT_MODEL, EXTRA)
        _check_architecture(folder, self.model_name)
        torch, transformers = torchutil.require(EXTRA, "torch", "transformers")
        if not hasattr(transformers, "MusicgenForConditionalGeneration"):
            raise EngineUnavailable(f"transformers {transformers.__version__} has no MusicGen: "
                                    f"{INSTALL_HINT}")
        device = torchutil.resolve_device(self.device)
        dtype = torchutil.resolve_dtype(self.dtype_name, device)
        self._torch = torch
        try:
            model = transformers.MusicgenForConditionalGeneration.from_pretrained(
                str(folder), local_files_only=True)
            processor = transformers.AutoProcessor.from_pretrained(str(folder), local_files_only=True)
        except Exception as e:  # noqa: BLE001 - OSError, ValueError, and ImportError when
            # transformers tries to rebuild a missing tokenizer from a sentencepiece file
            raise EngineUnavailable(f"MusicGen model {self.model_name!r} ({folder}) cannot be "
                                    f"loaded: {type(e).__name__}: {e}") from e
        if not hasattr(processor, "tokenizer"):
            raise EngineUnavailable(f"{folder} has no MusicGen processor (a T5 tokenizer and an "
                                    f"EnCodec feature extractor): found {type(processor).__name__}; "
                                    "save it beside the model with processor.save_pretrained")
        try:  # cast on the CPU first: the GPU never holds the float32 copy of a half model
            model = torchutil.guard_memory(lambda: model.to(dtype=dtype).to(device).eval(),
                                           f"moving MusicGen to {device}")
        except torchutil.OutOfMemory as e:
            raise EngineUnavailable(f"{e}; try dtype float16, a smaller model, or unload other "
                                    "engines") from e
        self._model, self._processor, self.folder = model, processor, folder
        self._criteria = _step_criteria_class(transformers)
        self._threads_before = torchutil.set_threads(self.threads)
        self._warm_up()

    def unload(self) -> None:
        self._model = self._processor = None
        if self._torch is not None:
            if self._threads_before is not None:  # in-process callers get their count back
                torchutil.set_threads(self._threads_before)
                self._threads_before = None
            torchutil.release_memory()

    def describe(self) -> dict[str, Any]:
        if self._model is None:
            return {}
        codec = self._model.config.audio_encoder
        return {"backend": self.backend, "model": self.model_name, "folder": str(self.folder),
                "dtype": self.dtype_name, "threads": self._torch.get_num_threads(),
                "sample_rate": int(codec.sampling_rate), "channels": self.channels,
                "frame_rate": codec.sampling_rate / self.hop,
                "codebooks": int(self._model.decoder.num_codebooks), "seed_reproducible": True}

    # -- shape of the output ------------------------------------------------------------------

    @property
    def hop(self) -> int:
        """Audio samples per codec frame (640 for the 32 kHz EnCodec of the released models)."""
        return int(np.prod(self._model.config.audio_encoder.upsampling_ratios))

    @property
    def channels(self) -> int:
        return int(self._model.config.decoder.audio_channels)

    @property
    def delay(self) -> int:
        """Extra steps of the delay pattern: codebooks per channel − 1."""
        return int(self._model.decoder.num_codebooks) // self.channels - 1

    def steps_for(self, seconds: float) -> tuple[int, int]:
        """(codec frames, decoder steps) for a take of ``seconds``.

        transformers applies the delay pattern only when the sequence holds at least
        ``2 × codebooks − 1`` positions, so a take has at least ``delay`` frames.
        """
        rate = int(self._model.config.audio_encoder.sampling_rate)
        frames = max(math.ceil(seconds * rate / self.hop - 1e-9), self.delay, 1)
        return frames, frames + self.delay

    # -- generation ---------------------------------------------------------------------------

    def generate(self, prompt: str, seed: int, seconds: float, options: dict[str, Any],
                 progress: Progress, is_cancelled: IsCancelled) -> tuple[np.ndarray, int, dict]:
        torch = self._torch
        rate = int(self._model.config.audio_encoder.sampling_rate)
        frames, steps = self.steps_for(seconds)
        inputs = self._inputs(prompt)
        top_p = float(options["top_p"])
        sampling = {
            "do_sample": True,
            "temperature": float(options["temperature"]),
            "top_k": 0 if top_p > 0 else int(options["top_k"]),  # audiocraft: top_p wins
            "top_p": top_p if top_p > 0 else 1.0,
            # unconditional: nothing to guide towards (the model's generation config says 3.0)
            "guidance_scale": float(options["cfg_coef"]) if prompt.strip() else 1.0,
        }
        criteria = self._criteria(steps, progress, is_cancelled)

        def run() -> Any:
            # transformers samples with torch.multinomial from the global generator (generate
            # takes no generator): seed it, on every device, right before the take
            torch.manual_seed(seed & torchutil.SEED_MASK)
            with torch.inference_mode(), _gpu_kernels(torch, self._model.device):
                return self._model.generate(**inputs, **sampling, max_new_tokens=steps,
                                            stopping_criteria=[criteria])

        values = torchutil.guard_memory(run, f"generating {seconds:g} s of MusicGen",
                                        "ask for fewer seconds, or use dtype float16")
        values = getattr(values, "sequences", values)  # a folder may ask for dict outputs
        audio = values[0].float().cpu().numpy().T  # (samples, channels)
        wanted = max(1, round(seconds * rate))
        if len(audio) < wanted:
            raise RuntimeError(f"MusicGen made {len(audio)} samples for {wanted} "
                               f"({frames} frames of {self.hop})")
        audio = np.ascontiguousarray(audio[:wanted], dtype=np.float32)
        info = {"model": self.model_name, "backend": self.backend, "dtype": self.dtype_name,
                "frames": frames, "steps": steps, "frame_rate": rate / self.hop,
                "unconditional": not prompt.strip(), **options, "top_k_used": sampling["top_k"],
                "seed_reproducible": True}
        return audio, rate, info

    def _inputs(self, prompt: str) -> dict[str, Any]:
        device = self._model.device
        if not prompt.strip():
            uncond = self._model.get_unconditional_inputs(num_samples=1)
            return {"encoder_outputs": uncond.encoder_outputs,
                    "attention_mask": uncond.attention_mask}
        encoded = self._processor(text=[prompt], padding=True, return_tensors="pt")
        return {k: v.to(device) for k, v in encoded.items()}

    def _warm_up(self) -> None:
        """A few decoder steps, so the first real take pays no first-call costs."""
        rate = int(self._model.config.audio_encoder.sampling_rate)
        seconds = (self.delay + 1) * self.hop / rate
        self.generate("warm up", 0, seconds, {"temperature": 1.0, "top_k": 250, "top_p": 0.0,
                                              "cfg_coef": 3.0}, lambda f: None, lambda: False)


# -- helpers (torch-free until called) ------------------------------------------------------


@contextlib.contextmanager
def _gpu_kernels(torch: Any, device: Any) -> Any:
    """Kernel choices on a GPU that keep takes fast and seeds reproducible (measured on an H100
    with musicgen-small in float16; nothing changes on the CPU):

    - no cuDNN attention in the decoder: each step attends over one more cached position, and
      cuDNN's kernel (picked for float16/bfloat16) builds a plan for every new length; the
      first 10 s take took 34 s instead of about 8, a 30 s take 79 s instead of 23;
    - deterministic cuDNN convolutions in the codec: with the same seed the tokens were equal
      but the decoded audio was not (cuDNN picks non-deterministic half-precision
      algorithms); the codec is about 1 % of a take.
    """
    if getattr(device, "type", "cpu") != "cuda":
        yield
        return
    cudnn = torch.backends.cudnn
    deterministic = cudnn.deterministic
    try:
        from torch.nn.attention import SDPBackend, sdpa_kernel
        kernels: Any = sdpa_kernel([SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION,
                                    SDPBackend.MATH])
    except ImportError:  # torch < 2.3 has no cuDNN attention either
        kernels = contextlib.nullcontext()
    cudnn.deterministic = True
    try:
        with kernels:
            yield
    finally:
        cudnn.deterministic = deterministic


def _check_architecture(folder: Path, model: str) -> None:
    """EngineUnavailable unless ``folder/config.json`` describes a MusicGen text-to-music model."""
    config = folder / "config.json"
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EngineUnavailable(f"MusicGen model {model!r}: no config.json in {folder} (not a "
                                "folder written by save_pretrained)") from None
    except (OSError, ValueError) as e:
        raise EngineUnavailable(f"MusicGen model {model!r}: {config} cannot be read: {e}") from e
    kind = data.get("model_type") if isinstance(data, dict) else None
    if kind != "musicgen":
        arch = ", ".join(data.get("architectures") or []) if isinstance(data, dict) else ""
        raise EngineUnavailable(
            f"MusicGen model {model!r}: {folder} holds a {kind!r} model"
            f"{f' ({arch})' if arch else ''}, not MusicGen (model_type 'musicgen', "
            "MusicgenForConditionalGeneration, e.g. facebook/musicgen-small)")


def _step_criteria_class(transformers: Any) -> type:
    """A StoppingCriteria that reports progress after every decoder step and raises
    :class:`Cancelled` out of ``generate`` when the take is cancelled (it never stops a take
    itself: transformers' own max-length criterion ends it)."""

    class StepCriteria(transformers.StoppingCriteria):
        def __init__(self, steps: int, progress: Progress, is_cancelled: IsCancelled) -> None:
            self.steps, self.progress, self.is_cancelled = steps, progress, is_cancelled
            self.start: int | None = None

        def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
            length = int(input_ids.shape[-1])
            if self.start is None:
                self.start = length - 1  # called first after one new token
            if self.is_cancelled():
                raise Cancelled()
            self.progress(min(1.0, (length - self.start) / self.steps))
            return input_ids.new_zeros(input_ids.shape[0], dtype=bool)

    return StepCriteria
