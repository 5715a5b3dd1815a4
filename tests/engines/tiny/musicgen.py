"""A tiny random MusicGen in the real on-disk format, built offline in well under a second.

The architecture is the real one (T5 text encoder, EnCodec audio codec, MusicGen decoder with
its delay pattern and classifier-free guidance), only a few units wide, with random weights:
``model.save_pretrained`` + ``processor.save_pretrained`` write the same files as the hub
repos (``config.json``, ``generation_config.json``, ``model.safetensors``, the tokenizer and
the feature extractor), so the engine loads it exactly as it loads ``facebook/musicgen-small``.

The codec is deliberately unlike the real one: 12 kHz with a hop of 7·5·9 = 315 samples, i.e.
38.1 frames per second (the real model: 32 kHz, hop 640, 50 Hz), so an engine that assumes
50 Hz or a whole frame rate gets the length wrong.
"""

from __future__ import annotations

from pathlib import Path

SAMPLING_RATE = 12_000
UPSAMPLING_RATIOS = (7, 5, 9)  # hop 315 samples: 38.095… frames per second
CODEBOOK_SIZE = 64
NUM_CODEBOOKS = 4  # per channel, as musicgen-small

# the engine's defaults (audiocraft's) are fast already: a 1 s take (42 steps) is ~0.15 s on
# one CPU thread
PROMPT_PARAMS: dict = {}

_PIECES = ("▁", "e", "t", "a", "o", "i", "n", "s", "r", "h", "l", "d", "u", "m", "c", "b", "g",
           "p", "f", "y", "w", "k", "v", "j", "x", "q", "z", "▁the", "▁and", "▁drum", "▁bass",
           "▁synth", "▁loop", "▁piano", "▁ambient", "▁beat", "▁slow", "▁fast")


def tokenizer():
    """A T5 (Unigram) tokenizer from an in-memory vocabulary, no sentencepiece file needed.

    Built through ``tokenizers`` and ``T5TokenizerFast(tokenizer_object=...)``, which both
    transformers 4.x and 5.x accept (5.x's ``T5TokenizerFast`` is its ``T5Tokenizer``).
    """
    from tokenizers import Tokenizer, decoders, pre_tokenizers, processors
    from tokenizers.models import Unigram
    from transformers import T5TokenizerFast

    vocab = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    vocab += [(piece, -1.0 - 0.1 * i) for i, piece in enumerate(_PIECES)]
    tok = Tokenizer(Unigram(vocab, unk_id=2))
    try:
        space = {"replacement": "▁", "prepend_scheme": "always"}
        tok.decoder = decoders.Metaspace(**space)
    except TypeError:  # tokenizers < 0.15.1
        space = {"replacement": "▁", "add_prefix_space": True}
        tok.decoder = decoders.Metaspace(**space)
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(),
                                                 pre_tokenizers.Metaspace(**space)])
    tok.post_processor = processors.TemplateProcessing(
        single=["$A", "</s>"], pair=["$A", "</s>", "$B", "</s>"], special_tokens=[("</s>", 1)])
    return T5TokenizerFast(tokenizer_object=tok, eos_token="</s>", unk_token="<unk>",
                           pad_token="<pad>", extra_ids=0)


def config(channels: int = 1):
    """The MusicgenConfig of the tiny model (mono, or stereo with interleaved codebooks)."""
    from transformers import EncodecConfig, MusicgenConfig, MusicgenDecoderConfig, T5Config

    text = T5Config(vocab_size=len(_PIECES) + 3, d_model=16, d_kv=4, d_ff=32, num_layers=1,
                    num_heads=2, relative_attention_num_buckets=8, decoder_start_token_id=0)
    # num_quantizers = 1000 × bandwidth // (frame_rate × bits per code) must reach 4: 1600 //
    # (39 × 6) = 6 (transformers 5: bits = log2(codebook)), 1600 // (39 × 10) = 4 (4.x: 10 bits)
    audio = EncodecConfig(sampling_rate=SAMPLING_RATE, upsampling_ratios=list(UPSAMPLING_RATIOS),
                          target_bandwidths=[1.6], codebook_size=CODEBOOK_SIZE, hidden_size=8,
                          num_filters=4, num_residual_layers=1, num_lstm_layers=1, kernel_size=3,
                          last_kernel_size=3, residual_kernel_size=3, use_causal_conv=False,
                          use_conv_shortcut=False, audio_channels=1)
    decoder = MusicgenDecoderConfig(vocab_size=CODEBOOK_SIZE, hidden_size=16, ffn_dim=32,
                                    num_hidden_layers=2, num_attention_heads=2,
                                    max_position_embeddings=512, num_codebooks=NUM_CODEBOOKS * channels,
                                    audio_channels=channels, pad_token_id=CODEBOOK_SIZE,
                                    bos_token_id=CODEBOOK_SIZE)
    if hasattr(MusicgenConfig, "from_sub_models_config"):  # transformers 4.x
        return MusicgenConfig.from_sub_models_config(text, audio, decoder)
    return MusicgenConfig(text_encoder=text, audio_encoder=audio, decoder=decoder)


def build(folder: Path, channels: int = 1) -> dict:
    """Write the tiny model and its processor to ``folder``; returns the engine settings.

    One torch thread: the model is too small to gain from more, and on a busy 2-core machine
    two spinning threads make a 0.2 s take last seconds.
    """
    import torch
    from transformers import (EncodecFeatureExtractor, GenerationConfig,
                              MusicgenForConditionalGeneration, MusicgenProcessor)

    folder = Path(folder)
    torch.manual_seed(0)
    model = MusicgenForConditionalGeneration(config(channels)).eval()
    with torch.no_grad():
        # transformers initialises the codebooks to zeros: every code would decode to the same
        for layer in model.audio_encoder.quantizer.layers:
            layer.codebook.embed.normal_()
        # at the default 0.02 init the token distributions are flat and the prompt barely
        # reaches them, so temperature, top-k/p and guidance would change nothing: sharpen the
        # heads and strengthen the cross-attention so every parameter shows in the take
        for head in model.decoder.lm_heads:
            head.weight.normal_(std=1.0)
        for layer in model.decoder.model.decoder.layers:
            layer.encoder_attn.v_proj.weight.normal_(std=1.0)
            layer.encoder_attn.out_proj.weight.normal_(std=1.0)
    # the hub repos' generation_config.json (musicgen-small): sampling, CFG 3, top-k 250, 30 s
    model.generation_config = GenerationConfig(
        do_sample=True, guidance_scale=3.0, top_k=250, max_length=1500,
        bos_token_id=CODEBOOK_SIZE, pad_token_id=CODEBOOK_SIZE, decoder_start_token_id=CODEBOOK_SIZE)
    model.save_pretrained(folder)
    features = EncodecFeatureExtractor(feature_size=channels, sampling_rate=SAMPLING_RATE)
    MusicgenProcessor(feature_extractor=features, tokenizer=tokenizer()).save_pretrained(folder)
    return {"model": str(folder), "threads": 1}
