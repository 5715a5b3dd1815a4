"""The publisher end to end on real files: order, ring, failures that lose nothing, reload."""

import dataclasses
import threading

import numpy as np
import pytest
import soundfile as sf

from fragments import dsp
from fragments.process import PostSettings
from fragments.publisher import Publisher, TakeMeta

RATE = 44100


def tone(seconds=2.0, amplitude=0.1, rate=RATE, seed=0):
    t = np.arange(int(seconds * rate)) / rate
    freq = 220 * (1 + seed % 5)
    wave = (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)
    return np.stack([wave, wave], axis=1)


def meta(job="job1", prompt="warm pad"):
    return TakeMeta(job_id=job, prompt=prompt, engine="testsignal", params={"seconds": 2.0}, seed=7,
                    client="127.0.0.1:9001", generate_s=1.25)


@pytest.fixture
def folders(tmp_path):
    return tmp_path / "slots", tmp_path / "archive"


@pytest.fixture
def publisher(folders):
    pub = Publisher(*folders, 4, PostSettings())
    yield pub
    pub.close()


def names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_publish_archives_the_raw_take_and_publishes_the_fragment(publisher, folders):
    audio = tone()
    result = publisher.publish(audio, RATE, meta(), slot=0)
    slots, archive = folders
    assert (result.take, result.slot) == (1, 1)
    assert result.path == slots / "output01.wav" and result.archive_path == archive / "output001.wav"
    raw, raw_rate = sf.read(result.archive_path, dtype="float32")
    np.testing.assert_array_equal(raw, audio)
    fragment, rate = sf.read(result.path, dtype="float32")
    assert rate == RATE and sf.info(result.path).subtype == "PCM_24"
    assert dsp.integrated_loudness(fragment, RATE) == pytest.approx(-14.0, abs=0.1)
    assert result.seconds == pytest.approx(len(fragment) / RATE) and result.raw_seconds == 2.0
    assert {"archive_s", "index_s", "postprocess_s", "publish_s", "total_s"} <= result.timings.keys()
    rec = publisher.index.get(1)
    assert (rec.job_id, rec.prompt, rec.engine, rec.seed, rec.client) == (
        "job1", "warm pad", "testsignal", 7, "127.0.0.1:9001")
    assert (rec.slot, rec.published_path, rec.checksum) == (1, str(result.path), result.checksum)
    assert rec.generate_s == 1.25
    assert rec.report["gain_db"] == pytest.approx(-14.0 - rec.report["loudness_lufs_before"])
    assert names(slots) == ["output01.wav"] and names(archive) == ["index.sqlite", "index.sqlite-shm",
                                                                  "index.sqlite-wal", "output001.wav"]


def test_ring_order_wraps_and_a_chosen_slot_does_not_move_it(publisher):
    slots = [publisher.publish(tone(seed=i), RATE, meta(f"j{i}"), slot=0).slot for i in range(3)]
    assert publisher.publish(tone(), RATE, meta("chosen"), slot=4).slot == 4
    slots += [publisher.publish(tone(seed=i), RATE, meta(f"k{i}"), slot=0).slot for i in range(3)]
    assert slots == [1, 2, 3, 4, 1, 2]


def test_ring_and_numbering_continue_after_a_restart(folders):
    first = Publisher(*folders, 4, PostSettings())
    first.publish(tone(), RATE, meta(), slot=0)
    first.publish(tone(), RATE, meta(), slot=0)
    first.close()
    again = Publisher(*folders, 4, PostSettings())
    try:
        result = again.publish(tone(), RATE, meta(), slot=0)
        assert (result.take, result.slot) == (3, 3)
    finally:
        again.close()


def test_a_silent_take_is_archived_and_indexed_but_not_published(publisher, folders):
    publisher.publish(tone(), RATE, meta(), slot=2)
    before = (folders[0] / "output02.wav").read_bytes()
    silent = np.zeros((RATE, 2), np.float32)
    with pytest.raises(ValueError, match="take is silent"):
        publisher.publish(silent, RATE, meta("silent"), slot=2)
    assert (folders[0] / "output02.wav").read_bytes() == before
    rec = publisher.index.get(2)
    assert rec.job_id == "silent" and rec.slot is None and rec.published_path is None
    np.testing.assert_array_equal(sf.read(rec.raw_path, dtype="float32")[0], silent)
    assert names(folders[0]) == ["output02.wav"]


def test_a_bad_slot_is_refused_after_the_take_is_safe(publisher, folders):
    with pytest.raises(ValueError, match="slot must be between 1 and 4"):
        publisher.publish(tone(), RATE, meta(), slot=5)
    assert publisher.index.max_take() == 1 and (folders[1] / "output001.wav").exists()
    assert names(folders[0]) == []


def test_when_archiving_fails_nothing_is_published(publisher, folders, monkeypatch):
    publisher.publish(tone(), RATE, meta(), slot=1)
    before = (folders[0] / "output01.wav").read_bytes()

    def disk_full(audio, rate):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(publisher.archive, "store", disk_full)
    with pytest.raises(OSError, match="No space"):
        publisher.publish(tone(seed=3), RATE, meta(), slot=1)
    assert (folders[0] / "output01.wav").read_bytes() == before
    assert names(folders[0]) == ["output01.wav"], "the staged slot file was discarded"
    assert publisher.index.max_take() == 1


def test_when_publishing_fails_the_raw_take_stays(publisher, folders, monkeypatch):
    def unplugged(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(publisher.ring, "stage", unplugged)
    with pytest.raises(OSError, match="Input/output"):
        publisher.publish(tone(), RATE, meta(), slot=0)
    rec = publisher.index.get(1)
    assert rec is not None and rec.slot is None and (folders[1] / "output001.wav").exists()
    monkeypatch.undo()
    assert publisher.publish(tone(), RATE, meta(), slot=0).slot == 1, "the ring slot was not used up"


def test_update_settings_applies_to_the_next_publish(publisher):
    publisher.update_settings(dataclasses.replace(PostSettings(), bit_depth=16, channels=1))
    result = publisher.publish(tone(), RATE, meta(), slot=0)
    info = sf.info(result.path)
    assert (info.subtype, info.channels) == ("PCM_16", 1)
    with pytest.raises(TypeError):
        publisher.update_settings({"bit_depth": 24})


def test_calibrated_takes_keep_their_level(publisher):
    result = publisher.publish(tone(amplitude=0.25), RATE, meta(), slot=0, calibrated=True)
    fragment, _ = sf.read(result.path, dtype="float32")
    assert np.abs(fragment).max() == pytest.approx(0.25, abs=1e-4)


def test_resampled_takes_are_published_at_the_output_rate(publisher):
    result = publisher.publish(tone(rate=22050), 22050, meta(), slot=0)
    assert sf.info(result.path).samplerate == RATE
    assert sf.info(result.archive_path).samplerate == 22050, "the archive keeps the raw take"


def test_clean_temp_removes_leftovers_in_both_folders(publisher, folders):
    leftovers = [folders[0] / ".output01.wav.999999999.0123abcd.tmp",
                 folders[1] / ".take.wav.999999999.0123abcd.tmp"]
    for path in leftovers:
        path.write_bytes(b"half a take")
    assert sorted(publisher.clean_temp()) == sorted(leftovers)
    assert not any(p.exists() for p in leftovers)


def test_index_reads_from_another_thread_during_publishes(publisher):
    errors, counts = [], []
    done = threading.Event()

    def panel():
        try:
            while not done.is_set():
                counts.append(len(publisher.index.list_takes(search="pad")))
        except Exception as exc:  # reported below
            errors.append(exc)

    thread = threading.Thread(target=panel)
    thread.start()
    try:
        for i in range(5):
            publisher.publish(tone(seed=i), RATE, meta(f"j{i}"), slot=0)
    finally:
        done.set()
        thread.join()
    assert not errors and counts == sorted(counts) and len(publisher.index.list_takes()) == 5


def test_prepared_variations_swap_in_by_link_and_a_swap_leaves_the_prepared_file(publisher, folders):
    from fragments.quality import assess

    best = publisher.publish(tone(seed=1), RATE, meta("v"), 2, quality=assess(tone(seed=1), RATE))
    kept, _ = publisher.prepare(best.take, tone(seed=1), RATE)
    other, _ = publisher.archive_take(tone(seed=2), RATE, meta("v"))
    prepared, seconds = publisher.prepare(other, tone(seed=2), RATE)
    assert prepared.parent.name == "prepared" and abs(seconds - 2.0) < 0.05
    assert publisher.index.get(best.take).quality_score is not None

    swapped = publisher.swap_in(other, prepared, 2)
    assert swapped.path == best.path and swapped.take == other
    assert sf.read(best.path)[0].tolist() == sf.read(prepared)[0].tolist()
    assert publisher.index.published_slots()[2].take == other
    back = publisher.swap_in(best.take, kept, 2)  # the first fragment survived the swap
    assert sf.read(back.path)[0].tolist() == sf.read(kept)[0].tolist()
    prepared.unlink()
    with pytest.raises(KeyError, match="prepared fragment"):
        publisher.swap_in(other, prepared, 2)
    assert not [p for p in folders[0].iterdir() if p.name.startswith(".")]  # no temp left
