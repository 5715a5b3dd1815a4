"""Spectrogram pictures on real files: mel bands in the right place, a valid PNG that looks
right (dark silence, a rising sweep), cached and atomic files beside the archived take."""

import os
import struct
import time
import zlib

import numpy as np
import pytest
import soundfile as sf

from fragments import spectrogram as spg
from fragments.archive import take_name
from fragments.process import PostSettings
from fragments.publisher import Publisher, TakeMeta
from fragments.spectrogram import (
    FLOOR_DB, HEIGHT, WIDTH, SpectrogramError, mel_band_edges, mel_spectrogram, render_png,
    spectrogram_path, write_spectrogram)
from fragments.wav import write_wav

RATE = 44100


def sine(freq, seconds=2.0, amplitude=0.5, rate=RATE, channels=2):
    t = np.arange(int(seconds * rate)) / rate
    wave = (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    return np.repeat(wave[:, np.newaxis], channels, axis=1)


def sweep(low=100.0, high=10000.0, seconds=4.0, rate=RATE):
    """Exponential sine sweep, mono."""
    t = np.arange(int(seconds * rate)) / rate
    freq = low * (high / low) ** (t / seconds)
    return (0.5 * np.sin(2 * np.pi * np.cumsum(freq) / rate)).astype(np.float32)


def band_of(freq, n_mels=128, fmin=20.0, fmax=RATE / 2):
    """The mel band whose centre is nearest ``freq``."""
    centres = mel_band_edges(n_mels, fmin, fmax)[1:-1]
    return int(np.argmin(np.abs(centres - freq)))


def read_png(data):
    """Parse a PNG by hand: check signature, chunk CRCs, IHDR and IDAT size; return the pixels
    as a (height, width, 3) uint8 array."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, f"bad CRC in {kind}"
        chunks.append((kind, body))
        pos += 12 + length
    assert pos == len(data)
    kinds = [kind for kind, _ in chunks]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"IDAT" in kinds
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", chunks[0][1])
    assert (depth, colour, compression, filtering, interlace) == (8, 2, 0, 0, 0)  # 8-bit RGB
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    assert len(raw) == height * (1 + 3 * width)
    rows = np.frombuffer(raw, dtype=np.uint8).reshape(height, 1 + 3 * width)
    assert (rows[:, 0] == 0).all()  # filter "none" on every row: the bytes are the pixels
    return rows[:, 1:].reshape(height, width, 3)


def brightness(pixels):
    """Sum of R, G, B: rises monotonically along the colour map."""
    return pixels.astype(np.int32).sum(axis=2)


def test_the_colour_map_runs_from_near_black_and_only_gets_brighter():
    assert spg.COLORMAP.shape == (256, 3) and spg.COLORMAP[0].max() <= 10
    assert (np.diff(brightness(spg.COLORMAP[np.newaxis])[0]) >= 0).all()


def test_a_1khz_sine_peaks_in_its_mel_band_and_a_4khz_sine_higher_up():
    low = mel_spectrogram(sine(1000), RATE).mean(axis=1)
    high = mel_spectrogram(sine(4000), RATE).mean(axis=1)
    assert abs(int(np.argmax(low)) - band_of(1000)) <= 1
    assert abs(int(np.argmax(high)) - band_of(4000)) <= 1
    assert band_of(4000) - band_of(1000) > 10 and np.argmax(high) > np.argmax(low)
    # a pure tone: far bands sit near the floor
    assert low[band_of(1000)] > low[band_of(8000)] + 60


def test_the_spectrogram_is_db_below_the_loudest_cell_and_picture_sized():
    spec = mel_spectrogram(sine(440, seconds=47.0), RATE)
    assert spec.shape == (128, WIDTH) and spec.dtype == np.float32
    assert spec.max() == pytest.approx(0.0, abs=1e-4) and spec.min() >= FLOOR_DB
    assert mel_spectrogram(sine(440, seconds=0.01), RATE, n_mels=40).shape == (40, 441)
    assert mel_spectrogram(sine(440)[:, :1], RATE, columns=100).shape == (128, 100)


def test_a_short_hit_between_picture_columns_is_not_lost():
    take = np.zeros((47 * RATE, 2), dtype=np.float32)
    hit = 1_234_567  # a 2 ms click somewhere in a 47 s take (about 73 ms per column)
    take[hit:hit + 88] = 0.5
    loudness = mel_spectrogram(take, RATE).max(axis=0)
    column = hit * WIDTH // take.shape[0]
    assert loudness[column] > FLOOR_DB + 40
    assert (loudness[:column - 2] == FLOOR_DB).all() and (loudness[column + 3:] == FLOOR_DB).all()


def test_bad_audio_and_bad_parameters_are_refused():
    with pytest.raises(ValueError, match="NaN"):
        mel_spectrogram(np.full(1000, np.nan, dtype=np.float32), RATE)
    with pytest.raises(ValueError, match="floating point"):
        mel_spectrogram(np.zeros(1000, dtype=np.int16), RATE)
    with pytest.raises(ValueError, match="fmax"):
        mel_spectrogram(sine(440), RATE, fmax=30000)
    with pytest.raises(ValueError, match="width"):
        render_png(np.zeros((4, 4)), width=0)


def test_silence_renders_dark():
    spec = mel_spectrogram(np.zeros((RATE, 2), dtype=np.float32), RATE)
    assert (spec == FLOOR_DB).all()
    pixels = read_png(render_png(spec))
    assert pixels.shape == (HEIGHT, WIDTH, 3) and pixels.max() <= 10
    # hiss at -110 dBFS is silence too: never scaled up to full brightness
    hiss = np.random.default_rng(1).uniform(-3e-6, 3e-6, (RATE, 2)).astype(np.float32)
    assert read_png(render_png(mel_spectrogram(hiss, RATE))).max() <= 10


def test_a_quiet_start_is_dark_and_the_loud_part_is_bright():
    take = np.concatenate([np.zeros((RATE, 2), np.float32), sine(1000, seconds=1.0)])
    light = brightness(read_png(render_png(mel_spectrogram(take, RATE))))
    assert light[:, :WIDTH // 2 - 8].max() <= 12
    assert light[:, WIDTH // 2 + 8:].max() > 500


def test_the_png_is_valid_and_opens_in_pillow():
    data = render_png(mel_spectrogram(sweep(), RATE), width=300, height=90)
    pixels = read_png(data)
    assert pixels.shape == (90, 300, 3)
    try:
        from io import BytesIO

        from PIL import Image
    except ImportError:
        return  # the hand-made parser above checked everything Pillow would
    with Image.open(BytesIO(data)) as image:
        image.load()
        assert (image.format, image.mode, image.size) == ("PNG", "RGB", (300, 90))
        np.testing.assert_array_equal(np.asarray(image), pixels)


def test_a_rising_sweep_rises_left_to_right_with_low_frequencies_at_the_bottom():
    pixels = read_png(render_png(mel_spectrogram(sweep(), RATE)))
    light = brightness(pixels)
    columns = np.linspace(0.1, 0.9, 9) * WIDTH
    heights = [HEIGHT - 1 - int(np.argmax(light[:, int(c)])) for c in columns]  # 0 = bottom
    assert all(b > a for a, b in zip(heights, heights[1:])), heights
    assert heights[0] < HEIGHT // 4 and heights[-1] > HEIGHT // 2


def test_spectrogram_path_sits_beside_the_archived_take(tmp_path):
    for take, name in ((1, "output001.png"), (42, "output042.png"), (999, "output999.png"),
                       (1000, "output1000.png"), (12345, "output12345.png")):
        path = spectrogram_path(tmp_path, take)
        assert path == tmp_path / name
        assert path.with_suffix(".wav").name == take_name(take)


def written_take(folder, audio=None, name="output007.wav", bit_depth=24):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    write_wav(path, sine(1000) if audio is None else audio, RATE, bit_depth)
    # an hour ago: the picture written next is newer even on filesystems with coarse timestamps
    past = time.time() - 3600
    os.utime(path, (past, past))
    return path


def test_write_spectrogram_writes_a_picture_and_caches_it(tmp_path):
    audio_path = written_take(tmp_path)
    png = tmp_path / "output007.png"
    assert write_spectrogram(audio_path, png) == png
    assert read_png(png.read_bytes()).shape == (HEIGHT, WIDTH, 3)
    first = png.stat().st_mtime_ns
    time.sleep(0.02)
    assert write_spectrogram(audio_path, png) == png
    assert png.stat().st_mtime_ns == first  # cached: not rewritten
    os.utime(audio_path)  # the audio changed after the picture: drawn again
    write_spectrogram(audio_path, png)
    assert png.stat().st_mtime_ns > first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output007.png", "output007.wav"]


def test_a_failed_write_leaves_neither_a_picture_nor_a_temp_file(tmp_path, monkeypatch):
    audio_path = written_take(tmp_path)

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(spg.os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        write_spectrogram(audio_path, tmp_path / "output007.png")
    assert [p.name for p in tmp_path.iterdir()] == ["output007.wav"]


def test_a_bad_audio_file_raises_an_error_naming_it(tmp_path):
    garbage = tmp_path / "output003.wav"
    garbage.write_bytes(b"RIFF not really a wave file")
    with pytest.raises(SpectrogramError, match="output003.wav"):
        write_spectrogram(garbage, tmp_path / "output003.png")
    with pytest.raises(SpectrogramError, match="output004.wav"):
        write_spectrogram(tmp_path / "output004.wav", tmp_path / "output004.png")
    nan_take = written_take(tmp_path, np.full((100, 1), np.nan, np.float32), "output005.wav", 32)
    with pytest.raises(SpectrogramError, match="output005.wav.*NaN"):
        write_spectrogram(nan_take, tmp_path / "output005.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output003.wav", "output005.wav"]


def test_a_47_second_stereo_take_is_pictured_whole(tmp_path):
    """A full-length Stable Audio take: one valid picture, its 220 Hz line brightest from the
    first column to the last (its time is a benchmark figure: bench/bench_publish.py)."""
    rng = np.random.default_rng(3)
    take = sine(220, seconds=47.0) + rng.normal(0, 0.05, (47 * RATE, 2)).astype(np.float32)
    audio_path = written_take(tmp_path, take * np.float32(0.5))
    pixels = read_png(write_spectrogram(audio_path, tmp_path / "take.png").read_bytes())
    assert pixels.shape == (spg.HEIGHT, spg.WIDTH, 3)
    light = brightness(pixels)
    brightest = light.argmax(axis=0)  # the row of each column's brightest pixel
    row = spg.HEIGHT - 1 - round(band_of(220) * spg.HEIGHT / 128)  # low frequencies at the bottom
    assert np.abs(brightest - row).max() <= 3, (row, np.unique(brightest))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# --- the publisher ----------------------------------------------------------------------------

def meta(job="job1"):
    return TakeMeta(job_id=job, prompt="warm pad", engine="testsignal", params={}, seed=7)


@pytest.fixture
def publisher(tmp_path):
    pub = Publisher(tmp_path / "slots", tmp_path / "archive", 4, PostSettings())
    yield pub
    pub.close()


def picture_of(path):
    audio, rate = sf.read(path, dtype="float32", always_2d=True)
    return render_png(mel_spectrogram(audio, rate))


def test_publisher_spectrogram_pictures_the_fragment_beside_the_archived_take(publisher, tmp_path):
    result = publisher.publish(sine(1000, amplitude=0.1), RATE, meta(), slot=0)
    png = publisher.spectrogram(result.take, result.path)
    assert png == tmp_path / "archive" / "output001.png" == result.archive_path.with_suffix(".png")
    assert png.read_bytes() == picture_of(result.path)  # the published fragment, post-processed
    assert read_png(png.read_bytes()).shape == (HEIGHT, WIDTH, 3)
    first = png.stat().st_mtime_ns
    assert publisher.spectrogram(result.take, result.path) == png
    assert png.stat().st_mtime_ns == first  # cached
    assert not [p for p in (tmp_path / "archive").iterdir() if p.name.startswith(".")]


def test_publisher_spectrogram_refuses_a_slot_that_holds_another_take(publisher):
    first = publisher.publish(sine(1000, amplitude=0.1), RATE, meta("a"), slot=2)
    publisher.publish(sine(3000, amplitude=0.1), RATE, meta("b"), slot=2)
    with pytest.raises(SpectrogramError, match="slot 2 now holds take 2, not take 1"):
        publisher.spectrogram(first.take, first.path)
    other = publisher.publish(sine(500, amplitude=0.1), RATE, meta("c"), slot=3)
    with pytest.raises(SpectrogramError, match="last published to"):
        publisher.spectrogram(other.take, first.path)
    with pytest.raises(SpectrogramError, match="take 99 is not recorded"):
        publisher.spectrogram(99, first.path)


def test_a_publish_during_the_drawing_does_not_change_the_picture(publisher, monkeypatch):
    first = publisher.publish(sine(1000, amplitude=0.1), RATE, meta("a"), slot=1)
    expected = picture_of(first.path)
    import fragments.publisher as publisher_module
    real_read = publisher_module.read_audio

    def read_after_a_publish(source, name):
        # the lock is free while the picture is drawn: the next take lands in the same slot
        publisher.publish(sine(5000, amplitude=0.1), RATE, meta("b"), slot=1)
        return real_read(source, name)

    monkeypatch.setattr(publisher_module, "read_audio", read_after_a_publish)
    png = publisher.spectrogram(first.take, first.path)
    assert png.read_bytes() == expected  # drawn from the file it opened: take 1's fragment
    assert picture_of(first.path) != expected


def test_publisher_spectrogram_names_an_unreadable_slot_file(publisher):
    result = publisher.publish(sine(1000, amplitude=0.1), RATE, meta(), slot=0)
    result.path.write_bytes(b"scribbled over by hand")
    with pytest.raises(SpectrogramError, match="output01.wav"):
        publisher.spectrogram(result.take, result.path)
    assert not spectrogram_path(publisher.archive.folder, result.take).exists()
