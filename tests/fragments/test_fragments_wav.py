"""WAV writing, atomic replacement and temp-file cleanup, on real files."""

import hashlib
import os
import subprocess
import sys
import wave

import numpy as np
import pytest
import soundfile as sf

from fragments import wav

RATE = 44100


def noise(frames=4410, channels=2, seed=0, scale=0.5):
    return (np.random.default_rng(seed).uniform(-1, 1, (frames, channels)) * scale).astype(np.float32)


def test_float32_is_bit_exact_and_the_checksum_is_of_the_file(tmp_path):
    audio = noise()
    path = tmp_path / "a.wav"
    digest = wav.write_wav(path, audio, RATE, 32)
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    back, rate = sf.read(path, dtype="float32")
    assert rate == RATE and sf.info(path).subtype == "FLOAT"
    np.testing.assert_array_equal(back, audio)


def test_24_bit_is_within_one_lsb_and_readable_by_the_wave_module(tmp_path):
    audio = noise()
    path = tmp_path / "a.wav"
    wav.write_wav(path, audio, RATE, 24)
    back, _ = sf.read(path, dtype="float64")
    assert np.abs(back - audio).max() <= 2.0 ** -23
    with wave.open(str(path)) as w:
        shape = (w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes())
    assert shape == (2, 3, RATE, 4410)


def test_16_bit_is_dithered_not_truncated(tmp_path):
    # a constant 0.3 LSB: plain rounding would give all zeros, TPDF dither keeps it on average
    lsb = 2.0 ** -15
    audio = np.full((200000, 1), 0.3 * lsb, np.float32)
    path = tmp_path / "a.wav"
    wav.write_wav(path, audio, RATE, 16, rng=np.random.default_rng(1))
    back, _ = sf.read(path, dtype="int16")
    assert back.mean() == pytest.approx(0.3, abs=0.02)
    assert set(np.unique(back)) <= {-1, 0, 1, 2}, "dither is at most +-1 LSB"
    with wave.open(str(path)) as w:
        assert w.getsampwidth() == 2


def test_integer_formats_clip_instead_of_wrapping(tmp_path):
    audio = np.array([[1.5], [-1.5], [0.999999]], np.float32)
    path = tmp_path / "a.wav"
    wav.write_wav(path, audio, RATE, 24)
    back, _ = sf.read(path, dtype="float64", always_2d=True)
    assert back[0, 0] == pytest.approx(1.0, abs=1e-6) and back[1, 0] == -1.0 and back[2, 0] > 0.99


def test_odd_data_length_is_padded_to_a_word(tmp_path):
    path = tmp_path / "a.wav"
    wav.write_wav(path, noise(1001, 1), RATE, 24)  # 3003 data bytes
    assert path.stat().st_size % 2 == 0
    back, _ = sf.read(path)
    assert back.shape == (1001,)


def test_1d_audio_is_written_as_mono(tmp_path):
    path = tmp_path / "a.wav"
    wav.write_wav(path, noise(100, 1)[:, 0], RATE, 24)
    assert sf.info(path).channels == 1


@pytest.mark.parametrize("bad", [{"bit_depth": 8}, {"sample_rate": 0}, {"sample_rate": 44100.5}])
def test_bad_format_arguments_are_refused(tmp_path, bad):
    args = {"sample_rate": RATE, "bit_depth": 24} | bad
    with pytest.raises(ValueError):
        wav.write_wav(tmp_path / "a.wav", noise(), args["sample_rate"], args["bit_depth"])


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    final = tmp_path / "output01.wav"
    wav.write_wav_atomic(final, noise(seed=1), RATE, 24)
    digest = wav.write_wav_atomic(final, noise(100, seed=2), RATE, 24, checksum=True)
    assert sf.info(final).frames == 100
    assert digest == hashlib.sha256(final.read_bytes()).hexdigest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output01.wav"]


def test_atomic_write_failure_keeps_the_old_file_and_removes_the_temp(tmp_path, monkeypatch):
    final = tmp_path / "output01.wav"
    wav.write_wav_atomic(final, noise(seed=1), RATE, 24)
    old = final.read_bytes()

    def broken_replace(src, dst):
        assert os.path.exists(src) and os.path.dirname(src) == os.path.dirname(dst)
        raise OSError("disk unplugged")

    monkeypatch.setattr(wav.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk unplugged"):
        wav.write_wav_atomic(final, noise(seed=2), RATE, 24)
    assert final.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output01.wav"]


def test_failed_encoding_leaves_no_temp(tmp_path):
    with pytest.raises(ValueError):
        wav.write_wav_atomic(tmp_path / "output01.wav", np.zeros((10, 2), np.int16), RATE, 24)
    assert list(tmp_path.iterdir()) == []


def test_temp_name_is_a_hidden_file_in_the_same_folder(tmp_path):
    temp = wav.temp_path_for(tmp_path / "output01.wav")
    assert temp.parent == tmp_path
    assert temp.name.startswith(".output01.wav.") and temp.name.endswith(wav.TEMP_SUFFIX)
    assert f".{os.getpid()}." in temp.name
    assert temp != wav.temp_path_for(tmp_path / "output01.wav")


def test_staged_file_is_invisible_until_committed(tmp_path):
    final = tmp_path / "output02.wav"
    staged = wav.stage_wav(final, noise(), RATE, 24)
    assert not final.exists() and staged.temp.exists()
    assert staged.commit() == final and final.exists() and not staged.temp.exists()
    dropped = wav.stage_wav(final, noise(seed=3), RATE, 24)
    dropped.discard()
    assert not dropped.temp.exists() and sf.info(final).frames == 4410


def test_clean_temp_files_removes_only_ours(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        mine = wav.temp_path_for(tmp_path / "output01.wav")
        dead = tmp_path / ".output02.wav.999999999.0123abcd.tmp"  # no such pid
        live = tmp_path / f".output03.wav.{sleeper.pid}.0123abcd.tmp"  # another fragmentd, still writing
        keep = [tmp_path / "output01.wav", tmp_path / "notes.tmp", tmp_path / ".output01.wav.tmp",
                tmp_path / ".other.txt.123.0123abcd.tmp", live]
        for path in [mine, dead, *keep]:
            path.write_bytes(b"x")
        removed = wav.clean_temp_files(tmp_path)
        assert sorted(removed) == sorted([mine, dead])
        assert sorted(tmp_path.iterdir()) == sorted(keep)
    finally:
        sleeper.kill()
        sleeper.wait()


def test_clean_temp_files_of_a_missing_folder_is_empty(tmp_path):
    assert wav.clean_temp_files(tmp_path / "nope") == []
