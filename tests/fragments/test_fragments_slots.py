"""The slot ring: names, ring order, atomic publishing under a reader that never stops."""

import json
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest
import soundfile as sf

from fragments.slots import SlotRing

RATE = 44100


def test_slot_files_are_numbered_from_one_with_two_digits(tmp_path):
    ring = SlotRing(tmp_path / "slots", 8)
    assert (tmp_path / "slots").is_dir()
    assert ring.path(1).name == "output01.wav" and ring.path(8).name == "output08.wav"


def test_more_than_99_slots_use_three_digits(tmp_path):
    ring = SlotRing(tmp_path, 120)
    assert ring.path(7).name == "output007.wav" and ring.path(120).name == "output120.wav"


@pytest.mark.parametrize("slot", [0, 9, -1, True, 1.0, "1"])
def test_slots_outside_the_ring_are_refused(tmp_path, slot):
    with pytest.raises(ValueError, match="slot must be between 1 and 8"):
        SlotRing(tmp_path, 8).path(slot)


@pytest.mark.parametrize("count", [0, 1000, 2.0])
def test_bad_slot_counts_are_refused(tmp_path, count):
    with pytest.raises(ValueError):
        SlotRing(tmp_path, count)


def test_ring_order_wraps_and_starts_at_one(tmp_path):
    ring = SlotRing(tmp_path, 3)
    order, last = [], None
    for _ in range(7):
        last = ring.next_slot(last)
        order.append(last)
    assert order == [1, 2, 3, 1, 2, 3, 1]
    assert ring.next_slot(5) == 1, "a slot of a ring that has since shrunk starts over"


def test_publish_writes_a_readable_slot_file(tmp_path):
    ring = SlotRing(tmp_path, 8)
    audio = np.full((1000, 2), 0.25, np.float32)
    path = ring.publish(3, audio, RATE, 24)
    assert path == tmp_path / "output03.wav"
    back, rate = sf.read(path, dtype="float32")
    assert rate == RATE and back.shape == (1000, 2) and np.all(back == 0.25)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output03.wav"]


READER = textwrap.dedent("""
    import io, json, os, sys, time, wave
    import numpy as np
    path, stop, ready = sys.argv[1], sys.argv[2], sys.argv[3]
    lengths = {int(n) for n in sys.argv[4].split(",")}
    reads, invalid, versions = 0, [], set()
    deadline = time.monotonic() + 120
    while not os.path.exists(stop) and time.monotonic() < deadline:
        try:
            with open(path, "rb") as f:
                data = f.read()
            with wave.open(io.BytesIO(data)) as w:
                frames, width, channels = w.getnframes(), w.getsampwidth(), w.getnchannels()
                pcm = w.readframes(frames)
            if len(pcm) != frames * width * channels or frames not in lengths:
                invalid.append(f"length: header {frames} frames, {len(pcm)} bytes of data")
                continue
            raw = np.frombuffer(pcm, np.uint8).reshape(-1, 3).astype(np.int32)
            values = np.unique((raw[:, 0] | raw[:, 1] << 8 | raw[:, 2] << 16))
            marker = int(values[0]) >> 15  # each publish writes (marker / 256) everywhere
            if len(values) != 1 or values[0] != marker << 15:
                invalid.append(f"content: {len(values)} distinct values")
            elif (frames == min(lengths)) != (marker % 2 == 1):
                invalid.append(f"marker {marker} came with the other version's length {frames}")
            else:
                versions.add(marker)
        except Exception as exc:  # a missing or unparsable file is exactly what must never happen
            invalid.append(f"{type(exc).__name__}: {exc}")
        finally:
            reads += 1
            if reads == 1:
                open(ready, "w").close()
    print(json.dumps({"reads": reads, "invalid": invalid[:10], "invalid_count": len(invalid),
                      "versions": len(versions)}))
""")


def test_a_reader_only_ever_sees_a_complete_old_or_new_file(tmp_path):
    ring = SlotRing(tmp_path / "slots", 8)
    short, long = 11025, 44100  # alternating lengths: a torn file would show in the header

    def version(i):
        frames = short if i % 2 else long
        return np.full((frames, 2), i / 256, np.float32)  # marker i, exact in 24 bit

    ring.publish(4, version(100), RATE, 24)
    script = tmp_path / "reader.py"
    script.write_text(READER)
    stop, ready = tmp_path / "stop", tmp_path / "ready"
    reader = subprocess.Popen([sys.executable, str(script), str(ring.path(4)), str(stop), str(ready),
                               f"{short},{long}"], stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(600):
            if ready.exists() or reader.poll() is not None:
                break
            time.sleep(0.05)
        assert ready.exists(), "the reader process did not start"
        for i in range(1, 241):
            ring.publish(4, version(i), RATE, 24)
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    result = json.loads(out)
    assert result["invalid_count"] == 0, result["invalid"]
    assert result["reads"] >= 100, result
    assert result["versions"] >= 10, "the reader saw the slot change while it read"
    assert [p.name for p in (tmp_path / "slots").iterdir()] == ["output04.wav"]
