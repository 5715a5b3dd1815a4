"""A tiny Stable Audio model built offline, in the real on-disk format, for the engine's tests.

Runs INSIDE the engine's own venv (``.venv-stable-audio``: stable-audio-tools, torch,
transformers); the tests call it as
``.venv-stable-audio/bin/python -c "from tests.engines.tiny.stable_audio import build; ..."``.

``build(folder)`` writes what a real Stable Audio Open 1.0 download holds, shrunk:

- ``model_config.json``: the structure of stabilityai/stable-audio-open-1.0's public config
  (``diffusion_cond``, DiT with cross-attention on prompt + seconds and global conditioning on
  the seconds, Oobleck VAE pretransform with the same strides, i.e. 2048× downsampling, a T5
  prompt conditioner and two number conditioners), with every width cut down;
- ``model.safetensors``: the model's state dict, built with
  ``stable_audio_tools.create_model_from_config`` from that config (random weights, seeded);
- ``t5/``: a tiny T5 encoder + a word-level tokenizer made from an in-memory vocabulary
  (``save_pretrained`` folders, what ``T5EncoderModel`` / ``AutoTokenizer.from_pretrained``
  read). The config names it ``"t5_model_name": "t5"``, a folder beside model_config.json:
  the engine resolves such a name to a local folder (its real offline T5 path).

The same folder always gets bit-identical files (fixed seeds, CPU).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SAMPLE_RATE = 44100
SAMPLE_SIZE = 65536  # 1.49 s: the model's maximum (SAO 1.0: 2097152 = 47.55 s)
T5_DIM = 64
COND_DIM = 64
LATENT_DIM = 16

# what a test prompt asks for: dpmpp-3m-sde needs at least 2 steps
PROMPT_PARAMS: dict[str, Any] = {"steps": 4, "cfg_scale": 7.0, "sampler_type": "dpmpp-3m-sde"}

WORDS = ("a warm analog synth pad with slow attack drum loop 120 bpm rain on window bass piano "
         "guitar ambient noise texture bright dark kick snare hihat choir strings drone field "
         "recording birds ocean waves glitch").split()


def model_config(t5: str = "t5") -> dict[str, Any]:
    """Stable Audio Open 1.0's model_config.json, with the same keys and tiny widths."""
    return {
        "model_type": "diffusion_cond",
        "sample_size": SAMPLE_SIZE,
        "sample_rate": SAMPLE_RATE,
        "audio_channels": 2,
        "model": {
            "pretransform": {
                "type": "autoencoder",
                "iterate_batch": True,
                "config": {
                    "encoder": {
                        "type": "oobleck",
                        "requires_grad": False,
                        "config": {"in_channels": 2, "channels": 4, "c_mults": [1, 2, 4, 8, 16],
                                   "strides": [2, 4, 4, 8, 8], "latent_dim": 2 * LATENT_DIM,
                                   "use_snake": True},
                    },
                    "decoder": {
                        "type": "oobleck",
                        "config": {"out_channels": 2, "channels": 4, "c_mults": [1, 2, 4, 8, 16],
                                   "strides": [2, 4, 4, 8, 8], "latent_dim": LATENT_DIM,
                                   "use_snake": True, "final_tanh": False},
                    },
                    "bottleneck": {"type": "vae"},
                    "latent_dim": LATENT_DIM,
                    "downsampling_ratio": 2048,
                    "io_channels": 2,
                },
            },
            "conditioning": {
                "configs": [
                    {"id": "prompt", "type": "t5", "config": {"t5_model_name": t5, "max_length": 32}},
                    {"id": "seconds_start", "type": "number", "config": {"min_val": 0, "max_val": 512}},
                    {"id": "seconds_total", "type": "number", "config": {"min_val": 0, "max_val": 512}},
                ],
                "cond_dim": COND_DIM,
            },
            "diffusion": {
                "cross_attention_cond_ids": ["prompt", "seconds_start", "seconds_total"],
                "global_cond_ids": ["seconds_start", "seconds_total"],
                "type": "dit",
                "config": {
                    "io_channels": LATENT_DIM,
                    "embed_dim": 64,
                    "depth": 2,
                    "num_heads": 2,  # embed_dim / num_heads must be >= 32
                    "cond_token_dim": COND_DIM,
                    "global_cond_dim": 2 * COND_DIM,
                    "project_cond_tokens": False,
                    "transformer_type": "continuous_transformer",
                },
            },
            "io_channels": LATENT_DIM,
        },
    }


def build_t5(folder: Path) -> Path:
    """A tiny T5 encoder and its tokenizer, saved as ``from_pretrained`` folders."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast, T5Config, T5EncoderModel

    folder.mkdir(parents=True, exist_ok=True)
    vocab = {"<pad>": 0, "</s>": 1, "<unk>": 2}
    for word in WORDS:
        vocab.setdefault(word, len(vocab))
    core = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=core, pad_token="<pad>", eos_token="</s>",
                                        unk_token="<unk>", model_max_length=512)
    tokenizer.save_pretrained(str(folder))
    torch.manual_seed(1234)
    t5 = T5EncoderModel(T5Config(vocab_size=len(vocab), d_model=T5_DIM, d_kv=16, d_ff=128,
                                 num_layers=2, num_heads=4, dropout_rate=0.0))
    t5.save_pretrained(str(folder))
    return folder


def build(folder: Path) -> dict[str, Any]:
    """Write model_config.json, model.safetensors and t5/ into ``folder``; return engine settings."""
    import torch
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    build_t5(folder / "t5")
    config = model_config("t5")
    config_path = folder / "model_config.json"
    config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")

    from engines.stable_audio import use_local_t5  # the engine's own T5 resolution

    torch.manual_seed(0)
    from stable_audio_tools import create_model_from_config

    model = create_model_from_config(use_local_t5(config, config_path.parent, ""))
    # The DiT zero-initialises its output projections (attention to_out, feed-forward out, the
    # pre/post convs), so an untrained one ignores the prompt; give them small random values so
    # that prompt, negative prompt and seconds change the take as in a trained model.
    noise = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for name, param in model.model.named_parameters():
            if param.dim() >= 2 and not param.any():
                param.copy_(torch.randn(param.shape, generator=noise) * 0.05)
    state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    checkpoint = folder / "model.safetensors"
    save_file(state, str(checkpoint))
    return {"model_config": str(config_path), "checkpoint": str(checkpoint)}


def other_config(folder: Path) -> Path:
    """A model_config.json beside the tiny one whose DiT is wider: it does not fit the checkpoint."""
    config = model_config("t5")
    config["model"]["diffusion"]["config"]["embed_dim"] = 96
    config["model"]["diffusion"]["config"]["depth"] = 3
    path = Path(folder) / "model_config_other.json"
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    return path
