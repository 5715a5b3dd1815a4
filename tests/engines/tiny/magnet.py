"""A tiny MAGNeT built offline, in audiocraft's real checkpoint layout, for the engine's tests.

Runs INSIDE ``.venv-audiocraft``. Like tests/engines/tiny/audiogen.py (same T5, EnCodec and file
layout), with the LM of audiocraft's ``config/solver/magnet/magnet_32khz.yaml``:
``lm_model: transformer_lm_magnet``, parallel codebooks (``empty_initial: -1``), a non-causal
memory-efficient transformer with ``subcodes_context: 5`` (the local attention window of
codebooks > 0) and ``masking.span_len: 3``; EnCodec at 32 kHz, 25 Hz. Its window
(``dataset.segment_duration``) is 2 s: 50 token steps, not a multiple of 8, so the mask's
xformers padding is exercised.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.engines.tiny.audiogen import (N_Q, build_t5, save_compression, save_lm,
                                         transformer_lm)
from tests.engines.tiny.audiogen import lm_cfg as audiogen_lm_cfg

SAMPLE_RATE = 32000
SEGMENT = 2
FRAME_RATE = 25
SUBCODES_CONTEXT = 5

PROMPT_PARAMS: dict[str, Any] = {"decoding_steps": "3,2,2,2"}


def lm_cfg(t5_name: str) -> dict[str, Any]:
    cfg = audiogen_lm_cfg(t5_name)
    cfg.update({
        "lm_model": "transformer_lm_magnet", "sample_rate": SAMPLE_RATE,
        "dataset": {"segment_duration": SEGMENT},
        "masking": {"span_len": 3},
        "codebooks_pattern": {"modeling": "parallel", "parallel": {"empty_initial": -1}},
        "transformer_lm": transformer_lm(causal=False, subcodes_context=SUBCODES_CONTEXT,
                                         compression_model_framerate=50, segment_duration=0,
                                         span_len=-1),
    })
    return cfg


def prepare(cfg: Any) -> None:
    """What audiocraft's load_lm_model_magnet does to the cfg before building."""
    cfg.transformer_lm.compression_model_framerate = FRAME_RATE
    cfg.transformer_lm.segment_duration = cfg.dataset.segment_duration
    cfg.transformer_lm.span_len = cfg.masking.span_len


def build(folder: Path) -> dict[str, Any]:
    """Write state_dict.bin, compression_state_dict.bin and t5/ into ``folder``; engine settings."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    build_t5(folder / "t5")
    save_compression(folder, SAMPLE_RATE, [8, 8, 20])  # 1280 samples a frame: 25 Hz
    assert N_Q == 4
    save_lm(folder, lm_cfg("t5"), prepare)
    return {"model": str(folder)}
