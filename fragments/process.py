"""Post-processing of a take into a fragment: trim, resample, channels, loudness, fades.

Pure: arrays in, arrays and a report out. The publisher runs it between archiving the raw take
and replacing the slot file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import dsp

LOUDNESS_MODES = ("lufs", "peak", "off")


@dataclass(frozen=True)
class Shape:
    """How a fragment is cut: a seamless loop, and/or exactly ``bars`` bars at ``bpm`` (both or
    neither), to the sample at the fragment's rate."""

    loop: bool = False
    bpm: float | None = None
    bars: float | None = None
    beats: int = 4  # beats per bar

    def frames(self, sample_rate: int) -> int | None:
        """The exact length in frames, or None when no bar length was asked for."""
        if self.bpm is None or self.bars is None:
            return None
        from .loops import bar_frames

        return bar_frames(self.bpm, self.bars, sample_rate, self.beats)


@dataclass(frozen=True)
class PostSettings:
    """How a raw take becomes the fragment a performer loads (config section ``[post]``)."""

    silence_threshold_db: float = -40.0
    """dBFS; leading and trailing audio below it is trimmed (-inf: trim digital silence only)."""
    trim_pad_ms: float = 20.0
    """Kept before the first and after the last sound so attacks and tails survive the trim."""
    fade_in_ms: float = 10.0
    """Raised-cosine fade-in; clamped to the take's length."""
    fade_out_ms: float = 10.0
    """Raised-cosine fade-out; clamped to the take's length."""
    loudness: str = "lufs"
    """"lufs": integrated loudness (BS.1770-4) to ``target_lufs`` under a true-peak ceiling;
    "peak": sample peak to ``peak_db``; "off": level untouched."""
    target_lufs: float = -14.0
    """Integrated loudness target in "lufs" mode."""
    true_peak_db: float = -1.0
    """dBTP ceiling in "lufs" mode: the gain is lowered so the true peak stays under it (no
    limiter, so nothing distorts; a very peaky take ends up quieter than the target)."""
    peak_db: float = -1.0
    """Sample-peak target in "peak" mode."""
    sample_rate: int = 44100
    """Output sample rate in Hz."""
    channels: int = 2
    """2 = stereo (mono duplicated), 1 = mono (downmix), 0 = keep the take's channels."""
    bit_depth: int = 24
    """Slot file sample format: 16 (TPDF-dithered) or 24 bit PCM."""
    loop_crossfade_ms: float = 50.0
    """Wrap-around crossfade of a looping fragment (:class:`Shape` ``loop``)."""

    def __post_init__(self) -> None:
        errors = list(self._errors())
        if errors:
            raise ValueError("invalid post-processing settings: " + "; ".join(errors))

    def _errors(self):
        if math.isnan(self.silence_threshold_db) or self.silence_threshold_db > 0:
            yield f"silence_threshold_db must be <= 0 dBFS, got {self.silence_threshold_db}"
        for name in ("trim_pad_ms", "fade_in_ms", "fade_out_ms"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 0 <= value <= 60_000):
                yield f"{name} must be between 0 and 60000 ms, got {value}"
        if self.loudness not in LOUDNESS_MODES:
            yield f"loudness must be one of {', '.join(LOUDNESS_MODES)}, got {self.loudness!r}"
        if not -70.0 <= self.target_lufs <= 0.0:
            yield f"target_lufs must be between -70 and 0, got {self.target_lufs}"
        for name in ("true_peak_db", "peak_db"):
            if not -60.0 <= getattr(self, name) <= 0.0:
                yield f"{name} must be between -60 and 0 dB, got {getattr(self, name)}"
        if not (isinstance(self.sample_rate, int) and 8000 <= self.sample_rate <= 384_000):
            yield f"sample_rate must be an integer from 8000 to 384000 Hz, got {self.sample_rate!r}"
        if self.channels not in (0, 1, 2):
            yield f"channels must be 0 (keep), 1 or 2, got {self.channels!r}"
        if self.bit_depth not in (16, 24):
            yield f"bit_depth must be 16 or 24, got {self.bit_depth!r}"
        if not (math.isfinite(self.loop_crossfade_ms) and 1 <= self.loop_crossfade_ms <= 2000):
            yield f"loop_crossfade_ms must be between 1 and 2000 ms, got {self.loop_crossfade_ms}"


def _json_float(value: float) -> float | None:
    """JSON has no infinities: a level of digital silence is reported as None."""
    return float(value) if math.isfinite(value) else None


def choose_gain_db(settings: PostSettings, loudness: float, true_peak: float,
                   sample_peak_db: float) -> tuple[float, bool]:
    """Gain for the loudness mode, and whether the true-peak ceiling lowered it.

    ``loudness`` must be finite in "lufs" mode; the ceiling keeps ``true_peak + gain`` at or
    under ``true_peak_db``, so no sample of the fragment can clip.
    """
    if settings.loudness == "peak":
        return settings.peak_db - sample_peak_db, False
    if settings.loudness == "lufs":
        gain = settings.target_lufs - loudness
        ceiling = settings.true_peak_db - true_peak
        return (ceiling, True) if gain > ceiling else (gain, False)
    return 0.0, False


def postprocess(audio: np.ndarray, sample_rate: int, settings: PostSettings,
                calibrated: bool = False, shape: Shape | None = None) -> tuple[np.ndarray, dict]:
    """Turn a raw take into a fragment: trim silence -> resample -> channels -> loudness -> fades
    -> shape.

    With a ``shape``: a loop gets a wrap-around crossfade instead of fades (a fade would be a
    dip at every repeat); a bar length cuts (with a fade-out) or pads, or for a loop repeats
    it, to exactly that many frames.

    ``audio`` is float (float32 or float64, ``(frames, channels)`` or 1-D mono) in [-1, 1];
    integer PCM is refused. ``calibrated=True`` skips the loudness stage so test signals keep
    their calibrated level. Returns ``(fragment, report)``: float32 ``(frames, channels)`` at
    ``settings.sample_rate``, and a JSON-serialisable dict of what was done and measured
    (levels that are ``-inf`` are reported as None).

    Raises ``ValueError`` for NaN/inf or integer input, and ``ValueError("take is silent: ...")``
    when nothing reaches ``silence_threshold_db``: publishing silence would leave the performer
    an empty slot without a word.
    """
    if not (isinstance(sample_rate, (int, np.integer)) and sample_rate > 0):
        raise ValueError(f"sample_rate must be a positive integer, got {sample_rate!r}")
    take = dsp.as_frames(audio)
    trimmed, start, end = dsp.trim_silence(take, sample_rate, settings.silence_threshold_db,
                                           settings.trim_pad_ms)
    rate = settings.sample_rate
    fragment = dsp.to_channels(dsp.resample(trimmed, sample_rate, rate), settings.channels)
    loudness = dsp.integrated_loudness(fragment, rate)
    if not math.isfinite(loudness):  # only short clicks above -70 LUFS: measure them ungated
        loudness = dsp.integrated_loudness(fragment, rate, gated=False)
    peak_db, true_peak = dsp.peaks(fragment)
    gain_db, limited = 0.0, False
    if not calibrated:
        gain_db, limited = choose_gain_db(settings, loudness, true_peak, peak_db)
    gain = np.float32(dsp.db_to_gain(gain_db))
    if np.may_share_memory(fragment, audio):
        # gain and fades work in place: the caller's take must stay intact
        fragment = np.multiply(fragment, gain)
    elif gain_db != 0.0:
        fragment *= gain
    frames = shape.frames(rate) if shape else None
    if shape and shape.loop:
        from .loops import make_loop

        fragment = make_loop(fragment, rate, frames=frames, crossfade_ms=settings.loop_crossfade_ms)
    else:
        dsp.apply_fades(fragment, rate, settings.fade_in_ms, settings.fade_out_ms, out=fragment)
        if frames is not None:
            from .loops import fit_length

            fragment = fit_length(fragment, rate, frames, fade_ms=settings.fade_out_ms)
    report = {
        "input_seconds": take.shape[0] / sample_rate,
        "trimmed_start_s": start / sample_rate,
        "trimmed_end_s": (take.shape[0] - end) / sample_rate,
        "seconds": fragment.shape[0] / rate,
        "sample_rate": rate,
        "channels": int(fragment.shape[1]),
        "loudness_mode": "calibrated" if calibrated else settings.loudness,
        "gain_db": float(gain_db),
        "limited_by_true_peak": limited,
        "loudness_lufs_before": _json_float(loudness),
        # gain shifts BS.1770 loudness and peaks exactly; the short fades are not included
        "loudness_lufs_after": _json_float(loudness + gain_db),
        "true_peak_db_before": _json_float(true_peak),
        "true_peak_db": _json_float(true_peak + gain_db),
        "sample_peak_db": _json_float(peak_db + gain_db),
    }
    if shape:
        report.update(loop=shape.loop, bpm=shape.bpm, bars=shape.bars, beats=shape.beats,
                      frames=int(fragment.shape[0]))
        if shape.loop and settings.loudness == "lufs" and not calibrated:
            # an equal-power crossfade of similar material can swell by up to 3 dB: keep the
            # loop under the same ceiling as every other fragment
            over = dsp.true_peak(fragment) - settings.true_peak_db
            if over > 0:
                fragment *= np.float32(dsp.db_to_gain(-over))
                report["gain_db"] -= over
                report["loop_ceiling_db"] = -over
                for key in ("loudness_lufs_after", "true_peak_db", "sample_peak_db"):
                    if report[key] is not None:
                        report[key] -= over
    return np.ascontiguousarray(fragment, dtype=np.float32), report
