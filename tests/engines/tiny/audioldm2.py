"""A tiny AudioLDM2 pipeline, saved like ``cvssp/audioldm2``: random weights, real architecture.

The components are those of diffusers' own fast tests (``tests/pipelines/audioldm2``:
``get_dummy_components``), shrunk further, with the tokenizers made from in-memory
vocabularies instead of downloads. What differs from the real checkpoint besides the sizes:

- the vocoder keeps the real 10 ms hop (upsampling 5 × 4 × 8 = 160 at 16 kHz), so
  ``seconds`` map to the same number of mel frames as with the real model; its weights are
  initialised with a larger spread so that the (random) audio is audible, about -30 dBFS;
- the VAE has two levels (factor 2, the real one 4) and 16 mel bins (real: 64);
- ``unet.sample_size`` is 50, so the natural length is 50 × 2 × 10 ms = 1 s (real: 10.24 s).

``model_index.json`` is rewritten to name the classes the hub repo names (``GPT2Model``,
``RobertaTokenizerFast``, ``T5TokenizerFast``): in transformers 5 the tokenizer classes are
aliases of the fast ones, and the language model is saved as a ``GPT2Model`` like the real one,
so the engine's workaround for it is exercised.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

PROMPT_PARAMS = {"steps": 2, "guidance_scale": 3.5, "waveforms": 1}
SETTINGS = {"threads": 1}  # tiny ops: more threads only add contention on a busy machine

REAL_CLASS_NAMES = {  # model_index.json of cvssp/audioldm2
    "language_model": ["transformers", "GPT2Model"],
    "tokenizer": ["transformers", "RobertaTokenizerFast"],
    "tokenizer_2": ["transformers", "T5TokenizerFast"],
}


def build(folder: Path) -> dict:
    """Write the tiny pipeline to ``folder``; returns the engine settings that load it."""
    import torch
    from diffusers import (AudioLDM2Pipeline, AudioLDM2ProjectionModel,
                           AudioLDM2UNet2DConditionModel, AutoencoderKL, DDIMScheduler)
    from tokenizers.pre_tokenizers import ByteLevel
    from transformers import (ClapAudioConfig, ClapConfig, ClapFeatureExtractor, ClapModel,
                              ClapTextConfig, GPT2Config, GPT2Model, RobertaTokenizer,
                              SpeechT5HifiGan, SpeechT5HifiGanConfig, T5Config, T5EncoderModel,
                              T5Tokenizer)

    folder = Path(folder)
    torch.manual_seed(0)
    clap_dim, t5_dim, gpt_dim = 16, 32, 16
    unet = AudioLDM2UNet2DConditionModel(
        sample_size=50, in_channels=4, out_channels=4, block_out_channels=(32, 64),
        layers_per_block=1, down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
        cross_attention_dim=([None, gpt_dim, t5_dim], [None, gpt_dim, t5_dim]))
    scheduler = DDIMScheduler(  # the real checkpoint's scheduler settings
        num_train_timesteps=1000, beta_start=0.0015, beta_end=0.0195, beta_schedule="scaled_linear",
        clip_sample=False, set_alpha_to_one=False, steps_offset=1)
    vae = AutoencoderKL(
        in_channels=1, out_channels=1, latent_channels=4, block_out_channels=(32, 64),
        layers_per_block=1, down_block_types=("DownEncoderBlock2D",) * 2,
        up_block_types=("UpDecoderBlock2D",) * 2, sample_size=64)

    # CLAP: a RoBERTa text tower for prompts, an HTSAT audio tower for ranking waveforms
    byte_chars = sorted(ByteLevel.alphabet())  # byte-level BPE with no merges covers any text
    vocab = {t: i for i, t in enumerate(["<s>", "<pad>", "</s>", "<unk>"] + byte_chars + ["<mask>"])}
    tokenizer = RobertaTokenizer(vocab=vocab, merges=[], model_max_length=77)
    text_config = ClapTextConfig(
        vocab_size=len(vocab), hidden_size=clap_dim, intermediate_size=37, num_attention_heads=2,
        num_hidden_layers=2, max_position_embeddings=80, bos_token_id=0, eos_token_id=2,
        pad_token_id=1, projection_dim=clap_dim)
    audio_config = ClapAudioConfig(
        spec_size=64, window_size=4, num_mel_bins=64, intermediate_size=37, depths=[2, 2],
        num_attention_heads=[2, 2], num_hidden_layers=2, hidden_size=192, projection_dim=clap_dim,
        patch_size=2, patch_stride=2, patch_embed_input_channels=4)
    text_encoder = ClapModel(ClapConfig(text_config=text_config.to_dict(),
                                        audio_config=audio_config.to_dict(),
                                        projection_dim=clap_dim))
    feature_extractor = ClapFeatureExtractor(hop_length=7900)  # 48 kHz, ~62 frames for 10 s

    # Flan-T5 stand-in: a unigram vocabulary of single characters
    pieces = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("\u2581", -2.0)]
    pieces += [(c, -3.0) for c in string.ascii_letters + string.digits + string.punctuation]
    pieces += [("\u2581" + c, -2.5) for c in string.ascii_letters]
    tokenizer_2 = T5Tokenizer(vocab=pieces, model_max_length=77)
    text_encoder_2 = T5EncoderModel(T5Config(
        vocab_size=len(tokenizer_2), d_model=t5_dim, d_ff=37, d_kv=8, num_heads=2, num_layers=2))

    language_model = GPT2Model(GPT2Config(
        vocab_size=64, n_embd=gpt_dim, n_head=2, n_layer=2, n_positions=99, bos_token_id=0,
        eos_token_id=0))
    language_model.config.max_new_tokens = 8  # as the real config: 8 generated vectors
    projection_model = AudioLDM2ProjectionModel(
        text_encoder_dim=clap_dim, text_encoder_1_dim=t5_dim, langauge_model_dim=gpt_dim)
    vocoder = SpeechT5HifiGan(SpeechT5HifiGanConfig(
        model_in_dim=16, sampling_rate=16000, upsample_initial_channel=16,
        upsample_rates=[5, 4, 8], upsample_kernel_sizes=[10, 8, 16], resblock_kernel_sizes=[3],
        resblock_dilation_sizes=[[1, 3]], normalize_before=False, initializer_range=0.15))

    pipe = AudioLDM2Pipeline(
        vae=vae, text_encoder=text_encoder, text_encoder_2=text_encoder_2,
        projection_model=projection_model, language_model=language_model, tokenizer=tokenizer,
        tokenizer_2=tokenizer_2, feature_extractor=feature_extractor, unet=unet,
        scheduler=scheduler, vocoder=vocoder)
    pipe.save_pretrained(folder)
    index = folder / "model_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    data.update(REAL_CLASS_NAMES)
    index.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return {"model": str(folder), **SETTINGS}
