"""AudioLDM 2 (cvssp/audioldm2 shape): our engine path vs a plain AudioLDM2Pipeline call.

Timing does not depend on the weights, so the full-size architecture is built with random
weights, saved with ``save_pretrained`` in the diffusers folder layout of the hub repo and
loaded two ways:

- reference: ``AudioLDM2Pipeline.from_pretrained(folder, torch_dtype=...)`` moved to the
  device and called as the model card does, ``pipe(prompt, num_inference_steps=N,
  audio_length_in_s=10, guidance_scale=3.5)``. One change is unavoidable: since transformers
  4.50 the hub's ``GPT2Model`` language model makes the plain pipeline fail at the first prompt
  (diffusers issue #12630), so the reference passes ``language_model=GPT2LMHeadModel`` loaded
  from the same subfolder, the workaround users apply (the engine does the same);
- ours: ``engines.audioldm2.AudioLDM2Engine`` loading the same folder (settings ``model``,
  ``dtype``, ``threads``), one take of the same length, steps and guidance.

Each (path, dtype) is warm when timed: one untimed take first, then the median of
``--repeats`` takes; peak GPU memory is ``torch.cuda.max_memory_allocated`` over the timed
takes (reset before them; the weights are included), null on the CPU. One JSON line per
measurement is printed as soon as it is taken, and a table at the end.

The full shape is the public cvssp/audioldm2 one (about 1.1 B parameters): the UNet
(AudioLDM2UNet2DConditionModel, block widths 128/256/384/640, in/out 8 channels, two
cross-attentions per transformer block: GPT-2 768 and Flan-T5 1024, sample_size 256), the
VAE (128/256/512, 8 latent channels, factor 4), CLAP (laion/clap-htsat-unfused: RoBERTa-base
text tower, HTSAT audio tower, projection 512), a Flan-T5-large encoder (d_model 1024, 24
layers, gated GELU), GPT-2 base (768, 12 layers), the projection model and the HiFi-GAN
vocoder (64 mels, 16 kHz, upsampling 5·4·2·2·2 = 160). The tokenizers are the tiny builder's
in-memory vocabularies (nothing is downloaded), with the real model_max_length (CLAP 512,
T5 128), so prompts tokenize to the same padded lengths' work.

Run in the daemon's venv on a GPU (a built folder can be kept and reused with ``--folder``):

    .venv/bin/python bench/bench_audioldm2_gpu.py --device cuda
    .venv/bin/python bench/bench_audioldm2_gpu.py --device cuda --folder build/bench-audioldm2
    .venv/bin/python bench/bench_audioldm2_gpu.py --shape tiny --device cpu --steps 2 --seconds 0.5 --repeats 1
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing is ever downloaded
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gpu_timing import measure, release, resident, sync  # noqa: E402  (bench/)
from tests.engines.tiny import audioldm2 as tiny  # noqa: E402

PROMPT = "rain on a tin roof with distant thunder"
GUIDANCE = 3.5
SEED = 1
KEYS = ("bench", "model", "shape", "path", "dtype", "device", "gpu", "steps", "audio_seconds",
        "repeats", "seconds", "runs", "load_seconds", "peak_gib", "resident_gib")

# cvssp/audioldm2 widths (its unet/, vae/, text_encoder/, text_encoder_2/, language_model/,
# projection_model/ and vocoder/ config.json)
GPT2_DIM, T5_DIM, CLAP_DIM = 768, 1024, 512
UNET = dict(
    sample_size=256, in_channels=8, out_channels=8, block_out_channels=(128, 256, 384, 640),
    layers_per_block=2, attention_head_dim=8,
    down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D",
                      "CrossAttnDownBlock2D"),
    up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D",
                    "UpBlock2D"),
    # per block: a self-attention, then cross-attention to GPT-2's and to Flan-T5's states
    cross_attention_dim=[[None, GPT2_DIM, T5_DIM]] * 4)
VAE = dict(
    in_channels=1, out_channels=1, latent_channels=8, block_out_channels=(128, 256, 512),
    layers_per_block=2, down_block_types=("DownEncoderBlock2D",) * 3,
    up_block_types=("UpDecoderBlock2D",) * 3, sample_size=1024)
FLAN_T5_LARGE = dict(
    vocab_size=32128, d_model=T5_DIM, d_kv=64, d_ff=2816, num_layers=24, num_heads=16,
    feed_forward_proj="gated-gelu", relative_attention_num_buckets=32,
    relative_attention_max_distance=128, tie_word_embeddings=False)
VOCODER = dict(
    model_in_dim=64, sampling_rate=16000, upsample_initial_channel=1024,
    upsample_rates=[5, 4, 2, 2, 2], upsample_kernel_sizes=[16, 16, 8, 4, 4],
    resblock_kernel_sizes=[3, 7, 11], resblock_dilation_sizes=[[1, 3, 5]] * 3,
    normalize_before=False)
TOKEN_LENGTHS = {"tokenizer": 512, "tokenizer_2": 128}  # CLAP (RoBERTa), Flan-T5


def build(folder: Path, shape: str) -> dict:
    """Write the pipeline folder (tiny, or the full shape with random weights); the engine's
    settings for it. The full shape starts from the tiny folder (its tokenizers, scheduler and
    model_index.json naming GPT2Model like the hub repo) and replaces every model in it."""
    settings = tiny.build(folder)
    if shape == "tiny":
        return settings
    import torch
    from diffusers import AudioLDM2ProjectionModel, AudioLDM2UNet2DConditionModel, AutoencoderKL
    from transformers import (AutoTokenizer, ClapConfig, ClapFeatureExtractor, ClapModel,
                              GPT2Config, GPT2Model, SpeechT5HifiGan, SpeechT5HifiGanConfig,
                              T5Config, T5EncoderModel)

    torch.manual_seed(0)
    language_model = GPT2Model(GPT2Config())  # gpt2 base: 768 wide, 12 layers, 12 heads
    language_model.config.max_new_tokens = 8
    models = {
        "unet": AudioLDM2UNet2DConditionModel(**UNET),
        "vae": AutoencoderKL(**VAE),
        # ClapConfig's defaults are laion/clap-htsat's shape: RoBERTa-base text, HTSAT audio
        "text_encoder": ClapModel(ClapConfig(projection_dim=CLAP_DIM)),
        "text_encoder_2": T5EncoderModel(T5Config(**FLAN_T5_LARGE)),
        "language_model": language_model,
        "projection_model": AudioLDM2ProjectionModel(
            text_encoder_dim=CLAP_DIM, text_encoder_1_dim=T5_DIM, langauge_model_dim=GPT2_DIM),
        "vocoder": SpeechT5HifiGan(SpeechT5HifiGanConfig(**VOCODER)),
        "feature_extractor": ClapFeatureExtractor(),  # 48 kHz, hop 480: the real one
    }
    for name, component in models.items():
        shutil.rmtree(folder / name)
        component.save_pretrained(str(folder / name))
        if hasattr(component, "parameters"):
            count = sum(p.numel() for p in component.parameters())
            print(f"built {name}: {count / 1e6:.0f} M parameters", flush=True)
    for name, length in TOKEN_LENGTHS.items():
        tokenizer = AutoTokenizer.from_pretrained(str(folder / name), model_max_length=length)
        tokenizer.save_pretrained(str(folder / name))
    return settings










def reference(folder: Path, args: argparse.Namespace, dtype_name: str) -> dict:
    """A plain AudioLDM2Pipeline: from_pretrained, .to(device), one call per take."""
    import torch
    from diffusers import AudioLDM2Pipeline
    from transformers import GPT2LMHeadModel

    dtype = getattr(torch, dtype_name)
    start = time.perf_counter()
    # the one change a plain call needs today (see the module docstring)
    language_model = GPT2LMHeadModel.from_pretrained(str(folder), subfolder="language_model")
    pipe = AudioLDM2Pipeline.from_pretrained(str(folder), torch_dtype=dtype,
                                             language_model=language_model.to(dtype))
    pipe = pipe.to(args.device)
    pipe.set_progress_bar_config(disable=True)
    sync(args.device)
    load_s = time.perf_counter() - start
    weights = resident(args.device)

    def run() -> None:
        pipe(PROMPT, num_inference_steps=args.steps, audio_length_in_s=args.seconds,
             guidance_scale=GUIDANCE)

    median, runs, peak = measure(run, args.device, args.repeats)
    return {"seconds": median, "runs": runs, "load_seconds": load_s, "peak_gib": peak,
            "resident_gib": weights}


def ours(folder: Path, args: argparse.Namespace, dtype_name: str) -> dict:
    """engines.audioldm2.AudioLDM2Engine: load (it warms itself up), then takes."""
    from engines.audioldm2 import AudioLDM2Engine
    from engines.base import GenerateRequest

    engine = AudioLDM2Engine({"model": str(folder), "dtype": dtype_name,
                              "threads": args.threads}, args.device)
    start = time.perf_counter()
    engine.load()
    sync(args.device)
    load_s = time.perf_counter() - start
    weights = resident(args.device)
    request = GenerateRequest(PROMPT, SEED, args.seconds,
                              {"steps": args.steps, "guidance_scale": GUIDANCE, "waveforms": 1})
    median, runs, peak = measure(lambda: engine.generate(request, lambda f: None, lambda: False),
                                 args.device, args.repeats)
    engine.unload()
    return {"seconds": median, "runs": runs, "load_seconds": load_s, "peak_gib": peak,
            "resident_gib": weights}


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
    parser.add_argument("--shape", choices=["full", "tiny"], default="full")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--steps", type=int, default=200,
                        help="DDIM steps (the pipeline's default)")
    parser.add_argument("--seconds", type=float, default=10.0, help="audio per take")
    parser.add_argument("--repeats", type=int, default=3, help="timed takes per row (median)")
    parser.add_argument("--dtypes", default="float32,float16",
                        help="comma-separated; float16 is skipped on the CPU (the engine "
                        "refuses it)")
    parser.add_argument("--paths", default="reference,ours", help="reference, ours, or both")
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: default)")
    parser.add_argument("--folder", type=Path, default=None,
                        help="build the model here and keep it; reused when it already holds one")
    args = parser.parse_args()
    import diffusers
    import torch
    import transformers

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    cuda = args.device.startswith("cuda")
    gpu = torch.cuda.get_device_name(torch.device(args.device)) if cuda else "cpu"
    print(f"torch {torch.__version__}, diffusers {diffusers.__version__}, transformers "
          f"{transformers.__version__}, device {gpu}, shape {args.shape}, steps {args.steps}, "
          f"{args.seconds:g} s per take, {time.strftime('%Y-%m-%d %H:%M')}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp) / "audioldm2"
        marker = folder / "bench-shape.txt"
        if (folder / "model_index.json").is_file():
            built = marker.read_text().strip() if marker.is_file() else "unknown"
            if built != args.shape:
                sys.exit(f"{folder} holds a {built!r} build, not {args.shape!r}: remove it or "
                         "pick another --folder")
            print(f"reusing {folder}", flush=True)
        else:
            start = time.perf_counter()
            build(folder, args.shape)
            marker.write_text(args.shape + "\n")
            print(f"built {args.shape} AudioLDM2 in {folder} in "
                  f"{time.perf_counter() - start:.0f} s", flush=True)
        rows = []
        for dtype in args.dtypes.split(","):
            if dtype == "float16" and not cuda:
                continue
            for path in args.paths.split(","):
                result = {"reference": reference, "ours": ours}[path](folder, args, dtype)
                release(args.device)  # the model went with the function's frame
                row = {"bench": "audioldm2", "model": "cvssp/audioldm2" if args.shape == "full"
                       else "tiny", "shape": args.shape, "path": path, "dtype": dtype,
                       "device": args.device, "gpu": gpu, "steps": args.steps,
                       "audio_seconds": args.seconds, "repeats": args.repeats, **result}
                rows.append(row)
                print(json.dumps({k: row[k] for k in KEYS}), flush=True)
        print(table(rows))


if __name__ == "__main__":
    main()
