"""A tiny AudioGen built offline, in audiocraft's real checkpoint layout, for the engine's tests.

Runs INSIDE the engine's own venv (``.venv-audiocraft``); the tests call it as
``.venv-audiocraft/bin/python -c "from tests.engines.tiny.audiogen import build; ..."``.

``build(folder)`` writes what facebook/audiogen-medium holds, shrunk:

- ``state_dict.bin``: ``{'xp.cfg': <yaml>, 'best_state': ..., 'version', 'exported'}`` as
  ``audiocraft.utils.export.export_lm`` writes it. The cfg has the keys of audiocraft's
  ``config/model/lm/audiogen_lm.yaml`` (delay pattern over 4 codebooks, memory-efficient
  pre-norm transformer, cross-attention on the description) and ``conditioner/text2sound.yaml``
  (a T5 conditioner: AudioGen's real one is ``t5-large``), with tiny widths. The LM is built from
  that cfg by ``audiocraft.models.builders.get_lm_model``: the very path the loader takes.
- ``compression_state_dict.bin``: an EnCodec (SEANet + RVQ, 25 Hz at 16 kHz) with
  ``xp.cfg`` in ``config/model/encodec/default.yaml``'s keys, as ``export_encodec`` writes it.
- ``t5/``: a tiny T5 encoder + a sentencepiece T5 tokenizer trained in memory on a few words
  (``save_pretrained`` folders). The cfg names it ``t5``: a folder beside the checkpoint, which
  the engine resolves (its real offline T5 path).

Random weights from fixed seeds.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

SAMPLE_RATE = 16000
SEGMENT = 3  # seconds: the model's window (AudioGen: 10); longer takes extend (stride 2 s)
CARD = 64
N_Q = 4
T5_DIM = 32

PROMPT_PARAMS: dict[str, Any] = {"top_k": 50}

WORDS = ("a warm analog synth pad with slow attack drum loop 120 bpm rain on window tin roof "
         "bass piano guitar ambient noise texture bright dark kick snare hihat choir strings "
         "drone field recording birds ocean waves glitch dog barking footsteps").split()


def compression_cfg(sample_rate: int, ratios: list[int]) -> dict[str, Any]:
    """config/model/encodec/default.yaml with tiny widths (hop = prod(ratios): 25 Hz)."""
    return {
        "compression_model": "encodec", "sample_rate": sample_rate, "channels": 1, "device": "cpu",
        "encodec": {"autoencoder": "seanet", "quantizer": "rvq", "sample_rate": sample_rate,
                    "channels": 1, "causal": False, "renormalize": False},
        "seanet": {"dimension": 32, "channels": 1, "causal": False, "n_filters": 4,
                   "n_residual_layers": 1, "ratios": ratios, "activation": "ELU",
                   "activation_params": {"alpha": 1.0}, "norm": "weight_norm", "norm_params": {},
                   "kernel_size": 7, "residual_kernel_size": 3, "last_kernel_size": 7,
                   "dilation_base": 2, "pad_mode": "constant", "true_skip": True, "compress": 2,
                   "lstm": 1, "disable_norm_outer_blocks": 0,
                   "decoder": {"trim_right_ratio": 1.0, "final_activation": None,
                               "final_activation_params": None},
                   "encoder": {}},
        "rvq": {"n_q": N_Q, "q_dropout": False, "bins": CARD, "decay": 0.99, "kmeans_init": True,
                "kmeans_iters": 5, "threshold_ema_dead_code": 2, "orthogonal_reg_weight": 0.0,
                "orthogonal_reg_active_codes_only": False},
    }


def transformer_lm(**over: Any) -> dict[str, Any]:
    """config/model/lm/default.yaml's transformer_lm keys + audiogen_lm.yaml's, tiny widths."""
    lm = {"dim": 32, "num_heads": 4, "num_layers": 2, "hidden_scale": 2, "n_q": N_Q, "card": CARD,
          "dropout": 0.0, "emb_lr": None, "activation": "gelu", "norm_first": True,
          "bias_ff": False, "bias_attn": False, "bias_proj": False, "past_context": None,
          "causal": True, "custom": False, "memory_efficient": True, "attention_as_float32": False,
          "layer_scale": None, "positional_embedding": "sin", "xpos": False, "checkpointing": "none",
          "weight_init": "gaussian", "depthwise_init": "current", "zero_bias_init": True,
          "norm": "layer_norm", "cross_attention": False, "qk_layer_norm": False,
          "qk_layer_norm_cross": False, "attention_dropout": None, "kv_repeat": 1,
          "two_step_cfg": False}
    lm.update(over)
    return lm


def lm_cfg(t5_name: str) -> dict[str, Any]:
    return {
        "lm_model": "transformer_lm", "device": "cpu", "dtype": "float32",
        "sample_rate": SAMPLE_RATE, "channels": 1,
        "dataset": {"segment_duration": SEGMENT},
        "codebooks_pattern": {"modeling": "delay",
                              "delay": {"delays": list(range(N_Q)), "flatten_first": 0,
                                        "empty_initial": 0}},
        "transformer_lm": transformer_lm(),
        "classifier_free_guidance": {"training_dropout": 0.1, "inference_coef": 3.0},
        "attribute_dropout": {},
        "fuser": {"cross_attention_pos_emb": False, "cross_attention_pos_emb_scale": 1, "sum": [],
                  "prepend": [], "cross": ["description"], "input_interpolate": []},
        "conditioners": {"description": {"model": "t5", "t5": {
            "name": t5_name, "finetune": False, "word_dropout": 0.0, "normalize_text": False}}},
    }


def build_t5(folder: Path) -> Path:
    """A tiny T5 encoder and a sentencepiece T5Tokenizer, saved as from_pretrained folders."""
    import sentencepiece as spm
    import torch
    from transformers import T5Config, T5EncoderModel, T5Tokenizer

    folder.mkdir(parents=True, exist_ok=True)
    model = io.BytesIO()
    lines = [" ".join(WORDS[i:i + 6]) for i in range(0, len(WORDS), 3)]
    spm.SentencePieceTrainer.train(sentence_iterator=iter(lines * 4), model_writer=model,
                                   vocab_size=len(set(WORDS)) + 3, model_type="word",
                                   pad_id=0, eos_id=1, unk_id=2, bos_id=-1,
                                   hard_vocab_limit=False, minloglevel=2)
    spiece = folder / "spiece.model"
    spiece.write_bytes(model.getvalue())
    tokenizer = T5Tokenizer(vocab_file=str(spiece), extra_ids=0, legacy=True)
    tokenizer.save_pretrained(str(folder))
    torch.manual_seed(1234)
    t5 = T5EncoderModel(T5Config(vocab_size=len(tokenizer), d_model=T5_DIM, d_kv=8, d_ff=64,
                                 num_layers=2, num_heads=4, dropout_rate=0.0))
    t5.save_pretrained(str(folder))
    return folder


def save_compression(folder: Path, sample_rate: int, ratios: list[int]) -> None:
    import torch
    from omegaconf import OmegaConf

    import audiocraft
    from audiocraft.models import builders

    cfg = OmegaConf.create(compression_cfg(sample_rate, ratios))
    torch.manual_seed(0)
    model = builders.get_compression_model(cfg)
    model.quantizer(torch.randn(8, 32, 128), 1)  # initialise the codebooks (k-means), as training does
    model.eval()
    torch.save({"xp.cfg": OmegaConf.to_yaml(cfg), "best_state": model.state_dict(),
                "version": audiocraft.__version__, "exported": True},
               folder / "compression_state_dict.bin")


def save_lm(folder: Path, cfg: dict[str, Any], prepare: Any = None) -> None:
    """Build the LM from ``cfg`` with the T5 named ``t5`` resolved as the engine does, save it."""
    import torch
    from omegaconf import OmegaConf

    import audiocraft
    from audiocraft.models import builders
    from engines.audiocraft_engines import install_t5_resolver

    install_t5_resolver(folder, "")
    build = OmegaConf.create(copy.deepcopy(cfg))
    if prepare is not None:
        prepare(build)
    torch.manual_seed(0)
    lm = builders.get_lm_model(build)
    torch.save({"xp.cfg": OmegaConf.to_yaml(OmegaConf.create(cfg)), "best_state": lm.state_dict(),
                "version": audiocraft.__version__, "exported": True}, folder / "state_dict.bin")


def build(folder: Path) -> dict[str, Any]:
    """Write state_dict.bin, compression_state_dict.bin and t5/ into ``folder``; engine settings."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    build_t5(folder / "t5")
    save_compression(folder, SAMPLE_RATE, [8, 8, 10])  # 640 samples a frame: 25 Hz
    save_lm(folder, lm_cfg("t5"))
    return {"model": str(folder)}
