"""The pure parts of daemon.preview: device choice, rate choice, channel fitting, level,
the callback's fade-out, and the error texts a performer reads."""

from __future__ import annotations

import importlib.abc
import sys
from types import SimpleNamespace

import numpy as np
import pytest

from daemon.errors import ERROR_CODES
from daemon.preview import (BUSY_HINT, OutputDevice, PreviewError, PreviewInfo, Previewer,
                            _Playback, choose_rate, fit_channels, portaudio, prepare,
                            resolve_device)

DEVICES = [
    OutputDevice(0, "HDA Intel PCH: ALC257 Analog (hw:0,0)", "ALSA", 2, 44100.0, False),
    OutputDevice(3, "Scarlett 2i2 USB: Audio (hw:1,0)", "ALSA", 2, 48000.0, False),
    OutputDevice(4, "scarlett", "ALSA", 2, 48000.0, False),
    OutputDevice(7, "default", "ALSA", 128, 44100.0, True),
]


def test_device_empty_is_the_default_output():
    assert resolve_device("", DEVICES).index == 7


def test_device_by_index_exact_name_or_part_of_a_name():
    assert resolve_device("3", DEVICES).index == 3
    assert resolve_device(3, DEVICES).index == 3
    assert resolve_device("SCARLETT", DEVICES).index == 4  # an exact name wins
    assert resolve_device("2i2", DEVICES).index == 3
    assert resolve_device("hw:0", DEVICES).index == 0


@pytest.mark.parametrize("spec, says", [("Babyface", "no output device matches 'Babyface'"),
                                        ("12", "no output device has index 12")])
def test_a_missing_device_lists_the_outputs_found(spec, says):
    with pytest.raises(PreviewError) as caught:
        resolve_device(spec, DEVICES)
    assert caught.value.code == "preview_device" and "preview_device" in ERROR_CODES
    assert says in caught.value.message
    assert "3 'Scarlett 2i2 USB: Audio (hw:1,0)'" in caught.value.message
    assert "7 'default' (default)" in caught.value.message


def test_no_default_output_and_no_devices_say_so():
    with pytest.raises(PreviewError, match="no default output"):
        resolve_device("", DEVICES[:3])
    with pytest.raises(PreviewError, match="found no output device at all"):
        resolve_device("x", [])


def test_rate_is_the_files_when_accepted_else_the_devices_default_else_a_common_one():
    assert choose_rate(44100, lambda r: True, 48000) == 44100
    assert choose_rate(44100, lambda r: r == 48000, 48000) == 48000
    assert choose_rate(16000, lambda r: r == 96000, 44100) == 96000
    assert choose_rate(16000, lambda r: False, 44100) == 44100  # opening will say why


def test_channels_fit_the_device():
    mono = np.arange(4, dtype=np.float32)[:, None]
    stereo = np.stack([np.ones(4), -np.ones(4)], axis=1).astype(np.float32)
    np.testing.assert_array_equal(fit_channels(mono, 2), np.repeat(mono, 2, axis=1))
    np.testing.assert_array_equal(fit_channels(stereo, 1), np.zeros((4, 1)))
    assert fit_channels(np.zeros((4, 6), np.float32), 2).shape == (4, 2)


def test_prepare_applies_the_level_clips_and_resamples():
    audio = np.full((1000, 2), 0.5, np.float32)
    np.testing.assert_allclose(prepare(audio, 44100, 44100, 2, -6.0), 0.5 * 10 ** (-6 / 20),
                               rtol=1e-6)
    assert prepare(audio * 1.6, 44100, 44100, 2, 6.0).max() == 1.0  # never beyond full scale
    resampled = prepare(np.zeros((44100, 1), np.float32), 44100, 48000, 2, 0.0)
    assert resampled.shape == (48000, 2) and resampled.dtype == np.float32
    assert resampled.flags.c_contiguous


class Stop(Exception):
    pass


def playback(frames: int, fade: int = 8) -> _Playback:
    device = OutputDevice(0, "null", "ALSA", 2, 44100.0, True)
    return _Playback(np.ones((frames, 2), np.float32), 44100, PreviewInfo(1, 2), None, device,
                     0.0, fade_frames=fade, stop_exception=Stop)


def pull(p: _Playback, frames: int) -> np.ndarray:
    out = np.full((frames, 2), 9.0, np.float32)
    p.callback(out, frames, None, SimpleNamespace(output_underflow=False))
    return out


def test_the_callback_plays_every_frame_then_stops_as_finished():
    p = playback(10)
    np.testing.assert_array_equal(pull(p, 6), np.ones((6, 2)))
    with pytest.raises(Stop):
        out = np.full((6, 2), 9.0, np.float32)
        p.callback(out, 6, None, SimpleNamespace(output_underflow=False))
    assert out[:4].tolist() == [[1, 1]] * 4 and not out[4:].any()  # the rest is silence
    assert p.pos == 10 and p.completed


def test_a_stop_fades_out_over_fade_frames_then_stops():
    p = playback(100, fade=8)
    pull(p, 10)
    p.request_stop("request", None)
    with pytest.raises(Stop):
        out = np.full((16, 2), 9.0, np.float32)
        p.callback(out, 16, None, SimpleNamespace(output_underflow=False))
    ramp = out[:8, 0]
    assert ramp[0] == 1.0 and np.all(np.diff(ramp) < 0) and ramp[-1] == pytest.approx(1 / 8)
    assert not out[8:].any()
    assert p.pos == 18 and not p.completed and p.stop_reason == "request"


def test_busy_device_errors_say_what_to_do():
    class PortAudioError(Exception):
        def __str__(self) -> str:
            return "Error opening OutputStream: Device unavailable [PaErrorCode -9985]"

    device = OutputDevice(3, "Scarlett", "ALSA", 2, 48000.0, False)
    message = Previewer._open_error(device, PortAudioError("Device unavailable", -9985))
    assert message.startswith("cannot open output device 3 'Scarlett': Error opening")
    assert BUSY_HINT in message


def test_portaudio_missing_says_install_libportaudio2(monkeypatch):
    class NoPortAudio(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name == "sounddevice":
                raise OSError("PortAudio library not found")
            return None

    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(sys, "meta_path", [NoPortAudio(), *sys.meta_path])
    with pytest.raises(PreviewError) as caught:
        portaudio()
    assert caught.value.code == "preview_device"
    assert "install libportaudio2" in caught.value.message
    assert "scripts/setup.sh" in caught.value.message
