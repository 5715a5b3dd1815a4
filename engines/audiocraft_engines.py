"""AudioGen, MAGNeT and MusicGen (audiocraft 1.3.0): text to sound and music by audio-token
language models (MusicGen is the ``musicgen`` engine with ``backend = "audiocraft"``).

Run in their OWN interpreter: audiocraft 1.3.0 pins torch 2.1.0, xformers < 0.0.23, av 11.0.0
(no cp311 wheel) and more, so it cannot live in the daemon's venv. ``scripts/setup-engine.sh
audiocraft`` builds ``.venv-audiocraft`` (audiocraft installed ``--no-deps`` beside torch 2.11.0;
see requirements/audiocraft.txt); config.toml points the engines at it::

    [engines.audiogen]
    python = ".venv-audiocraft/bin/python"
    model = "/models/audiogen-medium"     # a folder with state_dict.bin + compression_state_dict.bin
    t5_model = "/models/t5-large"         # only if the checkpoint's T5 is not in the HF cache

A model is audiocraft's own local checkpoint layout: a folder holding ``state_dict.bin`` (the
LM: ``{'xp.cfg': <yaml>, 'best_state': ...}``) and ``compression_state_dict.bin`` (the EnCodec
tokenizer, or ``{'pretrained': 'facebook/encodec_32khz'}``), loaded by audiocraft's own
``AudioGen.get_pretrained(folder)`` / ``MAGNeT.get_pretrained(folder)``; or a hub id
(``facebook/audiogen-medium``) whose snapshot is already in the local Hugging Face cache.
Nothing is downloaded: ``HF_HUB_OFFLINE=1`` is set before any Hugging Face library is imported.

The prompt's T5 encoder is not in the checkpoint: audiocraft loads it by the name in ``xp.cfg``
(``t5-large`` for audiogen-medium) and accepts only names in ``T5Conditioner.MODELS``. The engine
resolves that name to a local folder (the ``t5_model`` setting, or a name in ``xp.cfg`` that is
a folder, absolute or relative to the model folder) and registers it; a plain name must be in the
Hugging Face cache.

MAGNeT and local attention: MAGNeT's self-attention for codebooks > 0 is restricted to a window
of ``subcodes_context`` steps by an additive mask, and audiocraft forces the xformers backend for
it, which has no CPU kernel (and the xformers 0.0.35 of this venv has no working C extension at
all). audiocraft's ``torch`` backend would silently replace that mask with a causal one (wrong
audio with real weights). The engine therefore runs MAGNeT on the torch backend and, for every
attention call that carries such a mask, computes attention by audiocraft's own explicit path
(``softmax(q k^T / sqrt(d) + mask) v``, the same layers and weights): verified numerically against
a hand-written reference in tests/engines/test_audiocraft_engines.py. Should that patch not
apply (another audiocraft version), loading MAGNeT fails with a message saying why.

Seeds: ``torch.manual_seed(seed)`` before each take; same seed, prompt, parameters, device and
``threads`` → same take. Progress comes from audiocraft's ``set_custom_progress_callback``; a
cancel raises :class:`Cancelled` from that callback, between steps. Output: float32 (frames, 1)
at the model's rate (16 kHz AudioGen, 32 kHz MAGNeT); ``audio_write`` (which needs ffmpeg) is
never used.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import os
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from engines import torchutil
from engines.base import (Cancelled, Engine, EngineUnavailable, GenerateRequest, IsCancelled,
                          Param, Progress, Take)

log = logging.getLogger(__name__)

SETUP_HINT = ("run scripts/setup-engine.sh audiocraft, then set python = "
              "\".venv-audiocraft/bin/python\" under [engines.{name}] in config.toml")
LM_FILE = "state_dict.bin"
COMPRESSION_FILE = "compression_state_dict.bin"
DECODE_SHARE = 0.05  # the part of a take's progress left for the EnCodec decoder

# T5 names the engine resolved to local folders in this process: cfg name → folder
_T5_FOLDERS: dict[str, str] = {}


def _message(e: BaseException) -> str:
    text = str(e).strip()
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def install_t5_resolver(base: Path, t5_model: str) -> None:
    """Make audiocraft's ``T5Conditioner`` take its T5 from a local folder where there is one.

    ``t5_model`` (the setting: a folder) wins over the checkpoint's name; a name that is a folder
    (absolute, or relative to ``base``, the model folder) is used as it is. Either is registered
    in ``T5Conditioner.MODELS`` / ``MODELS_DIMS`` with the folder's ``d_model``. Any other name
    must be one audiocraft knows and be in the Hugging Face cache (offline).
    """
    from audiocraft.modules import conditioners

    cls = conditioners.T5Conditioner
    original = getattr(cls.__init__, "fragmentd_original", cls.__init__)

    def resolve(name: str) -> str:
        path = torchutil.resolve_t5(t5_model, name, base, cls.MODELS, cls.MODELS_DIMS,
                                    "audiocraft", "checkpoint")
        if path != name:
            _T5_FOLDERS[name] = path
        return path

    def __init__(self: Any, name: str, *args: Any, **kwargs: Any) -> None:
        original(self, resolve(str(name)), *args, **kwargs)

    __init__.fragmentd_original = original  # type: ignore[attr-defined]
    cls.__init__ = __init__


_hf_cache_dir = torchutil.hf_cache_dir


# -- MAGNeT's local attention on the torch backend ----------------------------------------------


def install_masked_attention() -> None:
    """Make audiocraft's torch attention backend honour a custom (additive) attention mask.

    audiocraft 1.3.0, ``StreamingMultiheadAttention.forward`` with ``memory_efficient`` and the
    torch backend calls ``scaled_dot_product_attention(q, k, v, is_causal=attn_mask is not None)``:
    MAGNeT's local-window mask becomes a causal one. For a call that carries a mask, this runs the
    module's explicit path instead (``memory_efficient`` off for that call: ``softmax(q k^T /
    sqrt(d) + mask) v`` with the same weights), the mask cut to the sequence (it is padded to a
    multiple of 8 for xformers). Calls without a mask are untouched. Idempotent.
    """
    from audiocraft.modules import transformer as tr

    cls = tr.StreamingMultiheadAttention
    if getattr(cls.forward, "fragmentd_masked", False):
        return
    original = cls.forward

    def forward(self: Any, query: Any, key: Any, value: Any, key_padding_mask: Any = None,
                need_weights: bool = False, attn_mask: Any = None, average_attn_weights: bool = True,
                is_causal: bool = False) -> Any:
        if (attn_mask is None or not self.memory_efficient
                or tr._efficient_attention_backend != "torch"):
            return original(self, query, key, value, key_padding_mask, need_weights, attn_mask,
                            average_attn_weights, is_causal)
        if not self.custom or self.causal or self._streaming_state:
            raise RuntimeError("masked attention on the torch backend: only the non-causal, "
                               "non-streaming custom attention of MAGNeT is supported")
        steps = query.shape[1]  # memory_efficient=False: (batch, time, channels) in, time dim 1
        mask = attn_mask.to(query.dtype)[..., :steps, :key.shape[1]]
        self.memory_efficient = False
        try:
            return original(self, query, key, value, key_padding_mask, need_weights, mask,
                             average_attn_weights, is_causal)
        finally:
            self.memory_efficient = True

    forward.fragmentd_masked = True  # type: ignore[attr-defined]
    cls.forward = forward


# -- the engines ---------------------------------------------------------------------------------


class AudiocraftEngine(Engine):
    """What AudioGen and MAGNeT share: loading, seeds, progress, cancel, output."""

    kind: ClassVar[str]  # "AudioGen" / "MAGNeT": audiocraft's class
    example: ClassVar[str]  # a hub id for messages
    default_seconds: ClassVar[float]

    settings = (
        Param("model", str, "", "a folder holding audiocraft's state_dict.bin + "
              "compression_state_dict.bin, or a hub id already in the local Hugging Face cache "
              "(HF_HOME); never downloaded"),
        Param("t5_model", str, "", "local folder holding the T5 text encoder the checkpoint names "
              "(saved with save_pretrained); empty: the checkpoint's own name, a folder beside "
              "the model or the HF cache"),
        Param("dtype", str, "float32", "compute precision: float32; float16 (CUDA only: half the "
              "memory, faster)", choices=("float32", "float16")),
        Param("threads", int, 0, "CPU threads torch may use (0: torch's choice); takes are "
              "identical for a seed only at the same thread count", min=0, max=256),
    )

    def __init__(self, settings: dict[str, Any], device: str = "cpu") -> None:
        super().__init__(settings, device)
        self._model: Any = None
        self._torch: Any = None
        self.sample_rate = 0
        self.model_seconds = 0.0  # the model's training segment
        self.source = ""
        self.dtype = "float32"

    @classmethod
    def check_environment(cls) -> str | None:
        missing = [m for m in ("audiocraft", "torch", "xformers")
                   if importlib.util.find_spec(m) is None]
        return (f"{', '.join(missing)} missing in this interpreter: "
                f"{SETUP_HINT.format(name=cls.name)}" if missing else None)

    # -- load -------------------------------------------------------------------------------

    def load(self) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
        dtype_name = str(self.settings.get("dtype") or "float32")
        if dtype_name not in ("float32", "float16"):
            raise EngineUnavailable(f"dtype must be float32 or float16, got {dtype_name!r}")
        model = str(self.settings.get("model") or "")
        if not model:
            raise EngineUnavailable(
                f"no model set: give model = a folder holding {LM_FILE} + {COMPRESSION_FILE} "
                f"under [engines.{self.name}] in config.toml, or a hub id like {self.example} "
                "already in the local Hugging Face cache")
        t5_model = str(self.settings.get("t5_model") or "")
        if t5_model and not Path(t5_model).expanduser().is_dir():
            raise EngineUnavailable(f"t5_model folder not found: {Path(t5_model).expanduser()} (a "
                                    "folder holding a T5 encoder and its tokenizer, saved with "
                                    "save_pretrained)")
        path = Path(model).expanduser()
        if not path.is_dir() and (model.startswith((".", "~", "/")) or not torchutil.HUB_ID.match(model)):
            raise EngineUnavailable(f"{self.name} model folder not found: {path} (a folder holding "
                                    f"{LM_FILE} + {COMPRESSION_FILE}, or a hub id like "
                                    f"{self.example} already in the local Hugging Face cache)")
        try:
            import torch
            import audiocraft.models as models
        except ImportError as e:
            raise EngineUnavailable(f"audiocraft is not installed in this interpreter ({e}): "
                                    f"{SETUP_HINT.format(name=self.name)}") from e
        folder = torchutil.model_folder(model, self.name, self.example)
        for filename in (LM_FILE, COMPRESSION_FILE):
            if not (folder / filename).is_file():
                raise EngineUnavailable(f"{self.name} model folder {folder} has no {filename} "
                                        f"(audiocraft's layout: {LM_FILE} + {COMPRESSION_FILE})")
        self._torch = torch
        device = torchutil.resolve_device(str(self.device or "cpu"))
        torchutil.resolve_dtype(dtype_name, device)
        torchutil.set_threads(int(self.settings.get("threads") or 0))
        install_t5_resolver(folder, t5_model)
        self._prepare(models)
        try:
            loaded = getattr(models, self.kind).get_pretrained(str(folder), device=str(device))
        except EngineUnavailable:
            raise
        except AssertionError as e:
            if "stride" not in str(e):
                raise EngineUnavailable(f"{folder} does not load as an audiocraft {self.kind} "
                                        f"checkpoint: {_message(e)[:600]}") from e
            raise EngineUnavailable(f"{folder}: audiocraft's {self.kind} cannot use a model whose "
                                    "window (dataset.segment_duration in state_dict.bin's xp.cfg) "
                                    "is 18 s or less: its default extend stride is 18 s") from e
        except Exception as e:  # noqa: BLE001 - torch.load, OmegaConf, load_state_dict, asserts
            raise EngineUnavailable(f"{folder} does not load as an audiocraft {self.kind} "
                                    f"checkpoint: {_message(e)[:600]}") from e
        self._after_load(loaded)
        if dtype_name == "float16":
            loaded.lm = loaded.lm.half()
        self._model = loaded
        self.dtype = dtype_name
        self.sample_rate = int(loaded.sample_rate)
        self.model_seconds = float(loaded.max_duration)
        self.source = model if not path.is_dir() else str(folder)

    def _prepare(self, models: Any) -> None:
        """Before the checkpoint is read."""

    def _after_load(self, model: Any) -> None:
        """After; may refuse the model."""

    def describe(self) -> dict[str, Any]:
        info = super().describe()
        info.update({"model": self.source, "sample_rate": self.sample_rate,
                     "model_seconds": self.model_seconds, "dtype": self.dtype})
        return info

    # -- generate ---------------------------------------------------------------------------

    def _seconds(self, request: GenerateRequest) -> float:
        seconds = self.default_seconds if request.seconds is None else float(request.seconds)
        if seconds <= 0:
            raise ValueError(f"seconds must be above 0, got {seconds:g}")
        return seconds

    def _set_params(self, p: dict[str, Any], seconds: float) -> dict[str, Any]:
        raise NotImplementedError

    def _tokens_total(self, seconds: float) -> int:
        raise NotImplementedError

    def _top_k(self, p: dict[str, Any]) -> int:
        """top_k beyond the codebook size means all tokens (as transformers reads it); audiocraft
        itself would fail with torch.topk's "selected index k out of range"."""
        return min(int(p["top_k"]), int(self._model.lm.card))

    def generate(self, request: GenerateRequest, progress: Progress, is_cancelled: IsCancelled) -> Take:
        if self._model is None:
            raise RuntimeError(f"the {self.kind} model is not loaded")
        torch = self._torch
        p = {q.name: q.coerce(request.params.get(q.name, q.default)) for q in self.params}
        seconds = self._seconds(request)
        info = self._set_params(p, seconds)
        frames = max(1, round(seconds * self.sample_rate))
        total = max(1, self._tokens_total(seconds))
        done = 0.0

        def step(generated: int, _to_generate: int) -> None:
            nonlocal done
            if is_cancelled():
                raise Cancelled()
            done = max(done, min(1.0, generated / total) * (1.0 - DECODE_SHARE))  # never backwards
            progress(done)

        def run() -> np.ndarray:
            torch.manual_seed(int(request.seed) & torchutil.SEED_MASK)
            self._model.set_custom_progress_callback(step)
            try:
                with torch.no_grad():
                    wav = self._model.generate([request.prompt], progress=True)
            finally:
                self._model.set_custom_progress_callback(None)
            return wav[0].to(torch.float32).cpu().numpy().T[:frames]

        if is_cancelled():
            raise Cancelled()
        out = torchutil.guard_memory(run, f"generating {seconds:g} s of {self.kind}",
                                     "ask for fewer seconds")
        out = np.ascontiguousarray(out, dtype=np.float32)
        if out.shape[0] < frames:  # a token frame short of the asked length: pad with silence
            out = np.concatenate([out, np.zeros((frames - out.shape[0], out.shape[1]), np.float32)])
        progress(1.0)
        info.update({"seconds": seconds, "model": self.source, "dtype": self.dtype})
        return Take(audio=out, sample_rate=self.sample_rate, seed=request.seed, info=info)


class AudioGenEngine(AudiocraftEngine):
    """Text to sound effects with AudioGen (facebook/audiogen-medium or an own checkpoint)."""

    name = "audiogen"
    summary = "AudioGen (audiocraft): text to sound effects, 16 kHz mono, token language model"
    kind = "AudioGen"
    example = "facebook/audiogen-medium"
    default_seconds = 5.0
    max_seconds = 60.0  # beyond the model's 10 s window audiocraft extends by extend_stride
    params = (
        Param("temperature", float, 1.0, "softmax temperature of the token sampling", min=0.01,
              max=10.0),
        Param("top_k", int, 250, "sample among the k likeliest tokens (0: off)", min=0, max=4096),
        Param("top_p", float, 0.0, "nucleus sampling: sample within this probability mass (0: use "
              "top_k)", min=0.0, max=1.0),
        Param("cfg_coef", float, 3.0, "classifier-free guidance: how strongly the prompt steers",
              min=0.0, max=50.0),
        Param("extend_stride", float, 2.0, "beyond the model's window (10 s): how many seconds each "
              "continuation adds (less: more context, slower)", min=0.5, max=9.5),
    )

    def _set_params(self, p: dict[str, Any], seconds: float) -> dict[str, Any]:
        if p["extend_stride"] >= self.model_seconds and seconds > self.model_seconds:
            raise ValueError(f"extend_stride {p['extend_stride']:g} must be below the model's "
                             f"window of {self.model_seconds:g} s")
        self._model.set_generation_params(
            use_sampling=True, top_k=self._top_k(p), top_p=p["top_p"], temperature=p["temperature"],
            duration=seconds, cfg_coef=p["cfg_coef"],
            extend_stride=min(p["extend_stride"], self.model_seconds / 2))
        return dict(p)

    def _tokens_total(self, seconds: float) -> int:
        return int(seconds * self._model.frame_rate)


class MagnetEngine(AudiocraftEngine):
    """Text to music (or sound) with MAGNeT: masked, non-autoregressive token decoding."""

    name = "magnet"
    summary = "MAGNeT (audiocraft): text to music or sound, 32 kHz mono, masked token decoding"
    kind = "MAGNeT"
    example = "facebook/magnet-small-10secs"
    default_seconds = 10.0
    max_seconds = 30.0  # the longest MAGNeT window; each model's own is checked per take
    params = (
        Param("temperature", float, 3.0, "initial softmax temperature (annealed to 0 over the "
              "decoding steps)", min=0.01, max=20.0),
        Param("top_k", int, 0, "sample among the k likeliest tokens (0: off)", min=0, max=4096),
        Param("top_p", float, 0.9, "nucleus sampling: sample within this probability mass (0: use "
              "top_k)", min=0.0, max=1.0),
        Param("max_cfg_coef", float, 10.0, "classifier-free guidance at the first decoding step",
              min=0.0, max=50.0),
        Param("min_cfg_coef", float, 1.0, "classifier-free guidance at the last decoding step",
              min=0.0, max=50.0),
        Param("decoding_steps", str, "20,10,10,10", "decoding steps per codebook, comma separated "
              "(one number per codebook)"),
        Param("span_arrangement", str, "nonoverlap", "masking spans: nonoverlap or stride1",
              choices=("nonoverlap", "stride1")),
    )

    def _prepare(self, models: Any) -> None:
        try:
            install_masked_attention()
        except Exception as e:  # noqa: BLE001 - another audiocraft whose attention differs
            raise EngineUnavailable(
                f"MAGNeT needs its local attention mask, and this audiocraft's torch attention "
                f"backend cannot be made to apply it ({_message(e)}): the torch backend would "
                "replace the mask with a causal one and give wrong audio. Run MAGNeT with "
                "audiocraft 1.3.0 from scripts/setup-engine.sh audiocraft") from e

    def _after_load(self, model: Any) -> None:
        from audiocraft.modules import transformer as tr

        # audiocraft's MAGNeT loader forces the xformers backend: it has no CPU kernel (and no
        # working C extension in this venv). The torch backend with install_masked_attention
        # computes the same attention.
        tr.set_efficient_attention_backend("torch")
        forward = tr.StreamingMultiheadAttention.forward
        if not getattr(forward, "fragmentd_masked", False):
            raise EngineUnavailable(
                "MAGNeT's local attention mask would be replaced by a causal one on audiocraft's "
                "torch attention backend (wrong audio); the fix for it is not installed")

    def _seconds(self, request: GenerateRequest) -> float:
        seconds = super()._seconds(request) if request.seconds is not None else min(
            self.default_seconds, self.model_seconds)
        if seconds > self.model_seconds + 1e-9:
            raise ValueError(f"seconds {seconds:g} is above this MAGNeT model's window of "
                             f"{self.model_seconds:g} s (MAGNeT decodes its whole window at once): "
                             f"ask for at most {math.floor(self.model_seconds * 100) / 100:g}")
        return seconds

    def _set_params(self, p: dict[str, Any], seconds: float) -> dict[str, Any]:
        n_q = int(self._model.lm.n_q)
        try:
            steps = [int(x) for x in str(p["decoding_steps"]).replace(" ", "").split(",")]
        except ValueError:
            steps = []
        if len(steps) != n_q or any(s < 1 or s > 1000 for s in steps):
            raise ValueError(f"decoding_steps must be {n_q} whole numbers from 1 to 1000 (one per "
                             f"codebook), comma separated, e.g. 20,10,10,10; got "
                             f"{p['decoding_steps']!r}")
        self._model.set_generation_params(
            use_sampling=True, top_k=p["top_k"], top_p=p["top_p"], temperature=p["temperature"],
            max_cfg_coef=p["max_cfg_coef"], min_cfg_coef=p["min_cfg_coef"],
            decoding_steps=steps, span_arrangement=p["span_arrangement"])
        self._steps_total = sum(steps)
        return dict(p, decoding_steps=",".join(map(str, steps)),
                    decoded_seconds=self.model_seconds)

    def _tokens_total(self, seconds: float) -> int:
        return self._steps_total


class AudiocraftMusicGen(AudiocraftEngine):
    """MusicGen through audiocraft (``musicgen``'s ``backend = "audiocraft"``; not an engine of
    its own: :class:`engines.musicgen.MusicGenEngine` loads it and hands takes to it).

    The hub repos ``facebook/musicgen-*`` hold audiocraft's ``state_dict.bin`` +
    ``compression_state_dict.bin`` beside transformers' files, so one download serves both
    backends. Takes are at most 30 s (the transformers backend's limit too); a model whose own
    window is shorter extends by ``extend_stride`` as audiocraft does.
    """

    name = "musicgen"
    summary = "MusicGen (audiocraft backend)"
    kind = "MusicGen"
    example = "facebook/musicgen-small"
    default_seconds = 10.0
    max_seconds = 30.0
    params = (  # the names and defaults of MusicGenEngine.params, which callers see
        Param("temperature", float, 1.0, "sampling temperature", min=0.01, max=10.0),
        Param("top_k", int, 250, "sample among the k likeliest tokens (0: all)", min=0, max=2048),
        Param("top_p", float, 0.0, "nucleus sampling (0: off, top_k is used)", min=0.0, max=1.0),
        Param("cfg_coef", float, 3.0, "classifier-free guidance", min=1.0, max=20.0),
    )

    def _seconds(self, request: GenerateRequest) -> float:
        seconds = super()._seconds(request)
        if seconds > self.max_seconds + 1e-9:
            raise ValueError(f"seconds must be at most {self.max_seconds:g} (MusicGen is trained "
                             f"on 30 s), got {seconds:g}")
        return seconds

    def _set_params(self, p: dict[str, Any], seconds: float) -> dict[str, Any]:
        self._model.set_generation_params(
            use_sampling=True, top_k=self._top_k(p), top_p=p["top_p"], temperature=p["temperature"],
            duration=seconds, cfg_coef=p["cfg_coef"],
            # audiocraft's 18 s for the 30 s models; half the window for shorter ones
            extend_stride=min(18.0, self.model_seconds / 2))
        return dict(p, backend="audiocraft")

    def _tokens_total(self, seconds: float) -> int:
        return int(seconds * self._model.frame_rate)
