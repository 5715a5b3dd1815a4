"""MusicGen small / medium shape: our engine path vs a plain ``model.generate`` call.

Timing does not depend on the weights, so the full-size architecture (the public
facebook/musicgen-small or -medium config.json shape) is built with random weights, saved
with ``save_pretrained`` beside a processor (the hub repos' layout) and loaded two ways:

- reference: ``MusicgenForConditionalGeneration.from_pretrained(folder)`` cast to the dtype and
  moved to the device, then ``model.generate(**processor(text=[prompt], padding=True,
  return_tensors="pt"), max_new_tokens=...)`` as transformers' MusicGen documentation shows,
  with the repo's generation config (sampling, top-k 250, guidance 3);
- ours: ``engines.musicgen.MusicGenEngine`` loading the same folder (settings ``model``,
  ``dtype``, ``threads``), one take of the same length with its defaults (the same sampling).

Both make the same number of decoder steps: ``ceil(seconds × rate / hop)`` frames plus the
delay pattern's ``codebooks − 1`` (503 for 10 s at 32 kHz), and both decode the codes to audio
with EnCodec.

Each (path, dtype) is warm when timed: one untimed take first, then the median of
``--repeats`` takes; peak GPU memory is ``torch.cuda.max_memory_allocated`` over the timed
takes (reset before them; the weights are included), null on the CPU. One JSON line per
measurement is printed as soon as it is taken, and a table at the end.

Shapes (``--model``): decoder 1024 wide, 24 layers, 16 heads (small, ~590 M parameters in
all) or 1536, 48, 24 (medium, ~2 B); 4 codebooks of 2048; a T5-base text encoder; the 32 kHz
EnCodec (hop 640: 50 frames per second). The tokenizer is the tiny builder's in-memory T5
vocabulary (nothing is downloaded). ``tiny`` is tests/engines/tiny/musicgen.py's model.

Run in the daemon's venv on a GPU (a built folder can be kept and reused with ``--folder``):

    .venv/bin/python bench/bench_musicgen_gpu.py --model small --device cuda
    .venv/bin/python bench/bench_musicgen_gpu.py --model medium --device cuda --folder build/bench-musicgen-medium
    .venv/bin/python bench/bench_musicgen_gpu.py --model tiny --device cpu --seconds 0.5 --repeats 1
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing is ever downloaded
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gpu_timing import measure, release, resident, sync  # noqa: E402  (bench/)
from tests.engines.tiny import musicgen as tiny  # noqa: E402

PROMPT = "lo-fi hip hop beat with warm piano chords"
SEED = 1
KEYS = ("bench", "model", "shape", "path", "dtype", "device", "gpu", "steps", "audio_seconds",
        "repeats", "seconds", "runs", "load_seconds", "peak_gib", "resident_gib")

# facebook/musicgen-{small,medium} config.json: the decoder
DECODERS = {
    "small": dict(hidden_size=1024, num_hidden_layers=24, num_attention_heads=16, ffn_dim=4096),
    "medium": dict(hidden_size=1536, num_hidden_layers=48, num_attention_heads=24, ffn_dim=6144),
}
CODEBOOK_SIZE = 2048
NUM_CODEBOOKS = 4
T5_BASE = dict(vocab_size=32128, d_model=768, d_kv=64, d_ff=3072, num_layers=12, num_heads=12,
               relative_attention_num_buckets=32, feed_forward_proj="relu")
ENCODEC_32KHZ = dict(  # facebook/encodec_32khz, the audio_encoder of every mono MusicGen
    sampling_rate=32000, audio_channels=1, upsampling_ratios=[8, 5, 4, 4], target_bandwidths=[2.2],
    codebook_size=CODEBOOK_SIZE, hidden_size=128, num_filters=64, num_residual_layers=1,
    num_lstm_layers=2, kernel_size=7, last_kernel_size=7, residual_kernel_size=3,
    dilation_growth_rate=2, compress=2, norm_type="weight_norm", pad_mode="reflect",
    use_causal_conv=False, use_conv_shortcut=False, normalize=False, trim_right_ratio=1.0)


def full_config(size: str) -> Any:
    from transformers import EncodecConfig, MusicgenConfig, MusicgenDecoderConfig, T5Config

    text = T5Config(**T5_BASE)
    audio = EncodecConfig(**ENCODEC_32KHZ)
    decoder = MusicgenDecoderConfig(
        vocab_size=CODEBOOK_SIZE, max_position_embeddings=2048, num_codebooks=NUM_CODEBOOKS,
        audio_channels=1, activation_function="gelu", dropout=0.1, attention_dropout=0.0,
        activation_dropout=0.0, layerdrop=0.0, scale_embedding=False, use_cache=True,
        pad_token_id=CODEBOOK_SIZE, bos_token_id=CODEBOOK_SIZE, tie_word_embeddings=False,
        **DECODERS[size])
    if hasattr(MusicgenConfig, "from_sub_models_config"):  # transformers 4.x
        return MusicgenConfig.from_sub_models_config(text, audio, decoder)
    return MusicgenConfig(text_encoder=text, audio_encoder=audio, decoder=decoder)


def build(folder: Path, size: str) -> dict:
    """Write model + processor to ``folder`` (random weights); the engine's settings."""
    if size == "tiny":
        return tiny.build(folder)
    import torch
    from transformers import (EncodecFeatureExtractor, GenerationConfig,
                              MusicgenForConditionalGeneration, MusicgenProcessor)

    torch.manual_seed(0)
    model = MusicgenForConditionalGeneration(full_config(size)).eval()
    count = sum(p.numel() for p in model.parameters())
    print(f"built musicgen-{size}: {count / 1e6:.0f} M parameters (decoder "
          f"{sum(p.numel() for p in model.decoder.parameters()) / 1e6:.0f} M)", flush=True)
    # the hub repos' generation_config.json: sampling, guidance 3, top-k 250, 30 s
    model.generation_config = GenerationConfig(
        do_sample=True, guidance_scale=3.0, top_k=250, max_length=1500,
        bos_token_id=CODEBOOK_SIZE, pad_token_id=CODEBOOK_SIZE,
        decoder_start_token_id=CODEBOOK_SIZE)
    model.save_pretrained(str(folder))
    features = EncodecFeatureExtractor(feature_size=1, sampling_rate=32000)
    MusicgenProcessor(feature_extractor=features, tokenizer=tiny.tokenizer()).save_pretrained(
        str(folder))
    return {"model": str(folder)}


def decoder_steps(config: Any, seconds: float) -> int:
    """Decoder steps for ``seconds`` of audio: frames plus the delay pattern's extra steps."""
    codec = config.audio_encoder
    hop = math.prod(codec.upsampling_ratios)
    frames = math.ceil(seconds * codec.sampling_rate / hop)
    codebooks = config.decoder.num_codebooks // config.decoder.audio_channels
    return max(frames, codebooks - 1) + codebooks - 1










def reference(folder: Path, args: argparse.Namespace, dtype_name: str) -> dict:
    """Plain transformers: from_pretrained, cast, to(device), processor, generate."""
    import torch
    from transformers import AutoProcessor, MusicgenForConditionalGeneration

    start = time.perf_counter()
    model = MusicgenForConditionalGeneration.from_pretrained(str(folder))
    model = model.to(getattr(torch, dtype_name)).to(args.device)
    processor = AutoProcessor.from_pretrained(str(folder))
    inputs = processor(text=[PROMPT], padding=True, return_tensors="pt").to(args.device)
    sync(args.device)
    load_s = time.perf_counter() - start
    weights = resident(args.device)
    steps = decoder_steps(model.config, args.seconds)

    def run() -> None:
        torch.manual_seed(SEED)
        model.generate(**inputs, max_new_tokens=steps)

    median, runs, peak = measure(run, args.device, args.repeats)
    return {"seconds": median, "runs": runs, "load_seconds": load_s, "peak_gib": peak,
            "resident_gib": weights, "steps": steps}


def ours(folder: Path, args: argparse.Namespace, dtype_name: str) -> dict:
    """engines.musicgen.MusicGenEngine: load (it warms itself up), then takes."""
    from engines.base import GenerateRequest
    from engines.musicgen import MusicGenEngine

    engine = MusicGenEngine({"model": str(folder), "dtype": dtype_name, "threads": args.threads},
                            args.device)
    start = time.perf_counter()
    engine.load()
    sync(args.device)
    load_s = time.perf_counter() - start
    weights = resident(args.device)
    request = GenerateRequest(PROMPT, SEED, args.seconds, {})
    steps = 0

    def run() -> None:
        nonlocal steps
        steps = engine.generate(request, lambda f: None, lambda: False).info["steps"]

    median, runs, peak = measure(run, args.device, args.repeats)
    engine.unload()
    return {"seconds": median, "runs": runs, "load_seconds": load_s, "peak_gib": peak,
            "resident_gib": weights, "steps": steps}


def table(rows: list[dict]) -> str:
    """The measurements, with each row's speed against the reference at its dtype and at
    float32."""
    ref = {r["dtype"]: r["seconds"] for r in rows if r["path"] == "reference"}
    lines = [f"{'path':<10} {'dtype':<9} {'s/take':>8} {'x realtime':>10} {'peak GiB':>9} "
             f"{'vs ref same dtype':>18} {'vs ref float32':>15}"]
    for r in rows:
        same = f"{ref[r['dtype']] / r['seconds']:.2f}x" if r["dtype"] in ref else "-"
        f32 = f"{ref['float32'] / r['seconds']:.2f}x" if "float32" in ref else "-"
        peak = "-" if r["peak_gib"] is None else f"{r['peak_gib']:.2f}"
        lines.append(f"{r['path']:<10} {r['dtype']:<9} {r['seconds']:>8.3f} "
                     f"{r['audio_seconds'] / r['seconds']:>10.2f} {peak:>9} {same:>18} {f32:>15}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=["small", "medium", "tiny"], default="small")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--seconds", type=float, default=10.0, help="audio per take")
    parser.add_argument("--repeats", type=int, default=3, help="timed takes per row (median)")
    parser.add_argument("--dtypes", default="float32,float16,bfloat16",
                        help="comma-separated; float16 is skipped on the CPU (the engine "
                        "refuses it)")
    parser.add_argument("--paths", default="reference,ours", help="reference, ours, or both")
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: default)")
    parser.add_argument("--folder", type=Path, default=None,
                        help="build the model here and keep it; reused when it already holds one")
    args = parser.parse_args()
    import torch
    import transformers

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    cuda = args.device.startswith("cuda")
    gpu = torch.cuda.get_device_name(torch.device(args.device)) if cuda else "cpu"
    print(f"torch {torch.__version__}, transformers {transformers.__version__}, device {gpu}, "
          f"model {args.model}, {args.seconds:g} s per take, {time.strftime('%Y-%m-%d %H:%M')}",
          flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp) / f"musicgen-{args.model}"
        marker = folder / "bench-shape.txt"
        if (folder / "config.json").is_file():
            built = marker.read_text().strip() if marker.is_file() else "unknown"
            if built != args.model:
                sys.exit(f"{folder} holds a {built!r} build, not {args.model!r}: remove it or "
                         "pick another --folder")
            print(f"reusing {folder}", flush=True)
        else:
            start = time.perf_counter()
            build(folder, args.model)
            marker.write_text(args.model + "\n")
            print(f"built musicgen-{args.model} in {folder} in "
                  f"{time.perf_counter() - start:.0f} s", flush=True)
        rows = []
        for dtype in args.dtypes.split(","):
            if dtype == "float16" and not cuda:
                continue
            for path in args.paths.split(","):
                result = {"reference": reference, "ours": ours}[path](folder, args, dtype)
                release(args.device)  # the model went with the function's frame
                tiny_model = args.model == "tiny"
                row = {"bench": "musicgen", "shape": "tiny" if tiny_model else "full",
                       "model": "tiny" if tiny_model else f"facebook/musicgen-{args.model}",
                       "path": path, "dtype": dtype, "device": args.device, "gpu": gpu,
                       "audio_seconds": args.seconds, "repeats": args.repeats, **result}
                rows.append(row)
                print(json.dumps({k: row[k] for k in KEYS}), flush=True)
        print(table(rows))


if __name__ == "__main__":
    main()
