"""Stable Audio Open 1.0 shape: our engine path vs a plain generate_diffusion_cond call.

Timing does not depend on the weights, so the full-size architecture (its public
model_config.json shape: 1.06 B-parameter DiT, 156 M Oobleck VAE, a T5-base-sized encoder) is
built with random weights, saved in the real format and loaded two ways:

- reference: ``create_model_from_config`` + ``copy_state_dict``, float32, then one
  ``generate_diffusion_cond`` call as the reference fragment tool makes it;
- ours: ``engines.stable_audio.StableAudioEngine`` loading the same files (float32, float16).

Run inside the engine's venv, on a GPU (target: ours ≥ 1.5× faster than the reference at
equal steps and length):

    .venv-stable-audio/bin/python bench/bench_stable_audio_gpu.py --device cuda
    .venv-stable-audio/bin/python bench/bench_stable_audio_gpu.py --shape tiny --device cpu --steps 4
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.engines.tiny import stable_audio as tiny  # noqa: E402


def full_model_config(t5: str = "t5") -> dict:
    """The public stable-audio-open-1.0 model_config.json shape (widths of the real model)."""
    config = copy.deepcopy(tiny.model_config(t5))
    config["sample_size"] = 2097152
    model = config["model"]
    vae = model["pretransform"]["config"]
    vae["encoder"]["config"].update(channels=128, latent_dim=128)
    vae["decoder"]["config"].update(channels=128, latent_dim=64)
    vae["latent_dim"] = 64
    model["conditioning"]["cond_dim"] = 768
    model["conditioning"]["configs"][0]["config"]["max_length"] = 128
    model["diffusion"]["config"].update(io_channels=64, embed_dim=1536, depth=24, num_heads=24,
                                        cond_token_dim=768, global_cond_dim=1536)
    model["io_channels"] = 64
    return config


def build(folder: Path, shape: str) -> dict:
    """Write model_config.json, model.safetensors and t5/; return the engine's settings."""
    if shape == "tiny":
        return tiny.build(folder)
    import torch
    from safetensors.torch import save_file
    from stable_audio_tools import create_model_from_config
    from transformers import T5Config, T5EncoderModel

    from engines.stable_audio import use_local_t5

    folder.mkdir(parents=True, exist_ok=True)
    tiny.build_t5(folder / "t5")  # the tokenizer; the encoder is replaced by a T5-base shape
    T5EncoderModel(T5Config(vocab_size=32128, d_model=768, d_kv=64, d_ff=3072, num_layers=12,
                            num_heads=12)).save_pretrained(str(folder / "t5"))
    config = full_model_config("t5")
    (folder / "model_config.json").write_text(json.dumps(config, indent=2))
    model = create_model_from_config(use_local_t5(copy.deepcopy(config), folder, ""))
    save_file({k: v.contiguous() for k, v in model.state_dict().items()},
              str(folder / "model.safetensors"))
    return {"model_config": str(folder / "model_config.json"),
            "checkpoint": str(folder / "model.safetensors")}


def timed(fn, device: str) -> tuple[float, float]:
    """(seconds, peak GPU GiB) of fn()."""
    import torch

    if device.startswith("cuda"):
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    fn()
    if device.startswith("cuda"):
        torch.cuda.synchronize()
        return time.perf_counter() - start, torch.cuda.max_memory_allocated() / 2**30
    return time.perf_counter() - start, 0.0


def reference(settings: dict, folder: Path, args: argparse.Namespace, seconds: float) -> tuple:
    """The reference fragment tool's call: plain model, float32, generate_diffusion_cond."""
    import torch
    from stable_audio_tools import create_model_from_config
    from stable_audio_tools.inference.generation import generate_diffusion_cond
    from stable_audio_tools.models.utils import copy_state_dict, load_ckpt_state_dict

    from engines.stable_audio import use_local_t5

    config = use_local_t5(json.loads(Path(settings["model_config"]).read_text()), folder, "")
    model = create_model_from_config(config)
    copy_state_dict(model, load_ckpt_state_dict(settings["checkpoint"]))
    model = model.to(args.device).eval().requires_grad_(False)
    cond = [{"prompt": "warm analog synth pad", "seconds_start": 0, "seconds_total": seconds}]

    def run():
        generate_diffusion_cond(model, steps=args.steps, cfg_scale=7, conditioning=cond,
                                sample_size=config["sample_size"], sigma_min=0.3, sigma_max=500,
                                sampler_type="dpmpp-3m-sde", device=args.device, seed=1)

    run()  # warm-up, as a warm daemon would be
    result = timed(run, args.device)
    del model
    if args.device.startswith("cuda"):
        torch.cuda.empty_cache()
    return result


def ours(settings: dict, args: argparse.Namespace, seconds: float, dtype: str) -> tuple:
    import torch

    from engines.base import GenerateRequest
    from engines.stable_audio import StableAudioEngine

    engine = StableAudioEngine({**settings, "dtype": dtype}, args.device)
    engine.load()
    request = GenerateRequest("warm analog synth pad", 1, seconds, {"steps": args.steps})
    engine.generate(request, lambda f: None, lambda: False)  # the warm second prompt is timed
    result = timed(lambda: engine.generate(request, lambda f: None, lambda: False), args.device)
    engine.unload()
    if args.device.startswith("cuda"):
        torch.cuda.empty_cache()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shape", choices=["full", "tiny"], default="full")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--dtypes", default="float32,float16")
    args = parser.parse_args()
    import torch

    gpu = torch.cuda.get_device_name(0) if args.device.startswith("cuda") else "cpu"
    print(f"torch {torch.__version__}, device {gpu}, shape {args.shape}, steps {args.steps}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "model"
        settings = build(folder, args.shape)
        rate = tiny.SAMPLE_RATE
        seconds = full_model_config()["sample_size"] / rate if args.shape == "full" \
            else tiny.SAMPLE_SIZE / rate
        ref_s, ref_gib = reference(settings, folder, args, seconds)
        print(f"reference generate_diffusion_cond float32: {ref_s:.2f} s, peak {ref_gib:.1f} GiB "
              f"for {seconds:.1f} s of audio")
        for dtype in args.dtypes.split(","):
            if dtype == "float16" and not args.device.startswith("cuda"):
                continue  # the engine refuses float16 on the CPU
            our_s, our_gib = ours(settings, args, seconds, dtype)
            print(f"fragmentd engine {dtype}: {our_s:.2f} s, peak {our_gib:.1f} GiB, "
                  f"{ref_s / our_s:.2f}x the reference (target >= 1.5x)")


if __name__ == "__main__":
    main()
