"""A tiny MusicGen in audiocraft's real checkpoint layout (the ``musicgen`` engine's audiocraft
backend), for the engine's tests.

Runs INSIDE ``.venv-audiocraft``. Like tests/engines/tiny/audiogen.py (same T5, file layout and
``export_lm`` format), with the keys of audiocraft's ``config/model/lm/musicgen_lm.yaml`` and
``conditioner/text2music.yaml``: delay pattern over 4 codebooks, cross-attention on the T5
description (the real models use ``t5-base``), classifier-free guidance; EnCodec at 32 kHz and
50 frames a second (hop 640), as the released models' ``facebook/encodec_32khz``. The window
(``dataset.segment_duration``) is 30 s as theirs: audiocraft's ``MusicGen`` refuses a window of
18 s or less when it is built (its default ``extend_stride`` is 18 s).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.engines.tiny.audiogen import build_t5, save_compression, save_lm
from tests.engines.tiny.audiogen import lm_cfg as audiogen_lm_cfg

SAMPLE_RATE = 32000
SEGMENT = 30
FRAME_RATE = 50


def lm_cfg(t5_name: str) -> dict[str, Any]:
    cfg = audiogen_lm_cfg(t5_name)
    cfg.update({"sample_rate": SAMPLE_RATE, "dataset": {"segment_duration": SEGMENT}})
    return cfg


def build(folder: Path) -> dict[str, Any]:
    """Write state_dict.bin, compression_state_dict.bin and t5/; the engine's settings."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    build_t5(folder / "t5")
    save_compression(folder, SAMPLE_RATE, [8, 8, 10])  # 640 samples a frame: 50 Hz
    save_lm(folder, lm_cfg("t5"))
    return {"backend": "audiocraft", "model": str(folder)}
