"""The archive: numbering, continuity across restarts, and never overwriting a take."""

import errno
import hashlib
import threading

import numpy as np
import pytest
import soundfile as sf

from fragments import archive as archive_module
from fragments.archive import Archive, highest_take_file
from fragments.index import TakeIndex, TakeRecord

RATE = 44100


def take_audio(seed=0, frames=2205, channels=2):
    return np.random.default_rng(seed).uniform(-1, 1, (frames, channels)).astype(np.float32)


def record(take, path="x"):
    return TakeRecord(take=take, created_at=0.0, job_id="j", prompt="p", engine="e", params={},
                      seed=0, raw_path=path, raw_sample_rate=RATE, raw_seconds=0.1, checksum="")


@pytest.fixture
def index(tmp_path):
    idx = TakeIndex(tmp_path / "index.sqlite")
    yield idx
    idx.close()


def test_takes_are_numbered_from_001_and_stored_bit_exact(tmp_path, index):
    archive = Archive(tmp_path / "archive", index)
    audio = take_audio()
    take, path, digest = archive.store(audio, RATE)
    assert (take, path.name) == (1, "output001.wav")
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    back, rate = sf.read(path, dtype="float32")
    assert rate == RATE and sf.info(path).subtype == "FLOAT"
    np.testing.assert_array_equal(back, audio)
    assert archive.store(take_audio(1), RATE)[0] == 2
    assert sorted(p.name for p in (tmp_path / "archive").iterdir()) == ["output001.wav", "output002.wav"]


def test_numbering_continues_after_reopening(tmp_path):
    for expected in (1, 2, 3):
        index = TakeIndex(tmp_path / "index.sqlite")
        take, path, _ = Archive(tmp_path / "archive", index).store(take_audio(expected), RATE)
        index.add(record(take, str(path)))
        index.close()
        assert take == expected


def test_index_ahead_of_the_files_is_respected(tmp_path, index):
    index.add(record(41))
    take, path, _ = Archive(tmp_path / "archive", index).store(take_audio(), RATE)
    assert (take, path.name) == (42, "output042.wav")


def test_files_ahead_of_the_index_are_never_overwritten(tmp_path, index):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "output007.wav").write_bytes(b"a take copied in by hand")
    archive = Archive(folder, index)
    assert archive.store(take_audio(), RATE)[0] == 8
    # a file that appears after the archive looked (another process, a sync tool)
    (folder / "output009.wav").write_bytes(b"appeared later")
    take, path, _ = archive.store(take_audio(1), RATE)
    assert (take, path.name) == (10, "output010.wav")
    assert (folder / "output007.wav").read_bytes() == b"a take copied in by hand"
    assert (folder / "output009.wav").read_bytes() == b"appeared later"


def test_numbers_grow_past_three_digits(tmp_path, index):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "output999.wav").write_bytes(b"")
    take, path, _ = Archive(folder, index).store(take_audio(), RATE)
    assert (take, path.name) == (1000, "output1000.wav")
    assert highest_take_file(folder) == 1000


def test_no_temp_files_are_left_behind(tmp_path, index):
    folder = tmp_path / "archive"
    Archive(folder, index).store(take_audio(), RATE)
    assert [p.name for p in folder.iterdir()] == ["output001.wav"]


def test_a_failed_write_leaves_nothing_and_takes_no_number(tmp_path, index):
    archive = Archive(tmp_path / "archive", index)
    with pytest.raises(ValueError):
        archive.store(np.zeros((10, 2), np.int16), RATE)
    assert list((tmp_path / "archive").iterdir()) == []
    assert archive.store(take_audio(), RATE)[0] == 1


def test_two_threads_storing_at_once_get_distinct_numbers(tmp_path, index):
    archive = Archive(tmp_path / "archive", index)
    results, errors = [], []

    def worker(seed):
        try:
            for i in range(5):
                audio_seed = seed * 10 + i
                results.append((archive.store(take_audio(audio_seed, frames=500), RATE), audio_seed))
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(s,)) for s in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(take for (take, _, _), _ in results) == list(range(1, 11))
    for (take, path, _), seed in results:  # each number holds the take that claimed it
        np.testing.assert_array_equal(sf.read(path, dtype="float32")[0], take_audio(seed, frames=500))


def test_filesystems_without_hard_links_still_never_overwrite(tmp_path, index, monkeypatch):
    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(archive_module.os, "link", no_links)
    folder = tmp_path / "archive"
    folder.mkdir()
    archive = Archive(folder, index)
    (folder / "output001.wav").write_bytes(b"keep me")  # appears after the archive looked
    take, path, digest = archive.store(take_audio(), RATE)
    assert (take, path.name) == (2, "output002.wav")
    assert (folder / "output001.wav").read_bytes() == b"keep me"
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert sorted(p.name for p in folder.iterdir()) == ["output001.wav", "output002.wav"]


def test_other_link_errors_propagate_and_clean_up(tmp_path, index, monkeypatch):
    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(archive_module.os, "link", disk_full)
    with pytest.raises(OSError, match="No space"):
        Archive(tmp_path / "archive", index).store(take_audio(), RATE)
    assert list((tmp_path / "archive").iterdir()) == []
