"""The committed .amxd devices are valid containers, hold the committed .maxpat, and rebuild
to the same bytes.

The reader below is written from the container layout (see max4live/build.py), independently of
build.py's writer: a sequence of ``tag, uint32 little-endian size, data`` chunks, as Ableton's
maxdevtools reads them (maxdiff/amxd_textconv.py).
"""

from __future__ import annotations

import importlib.util
import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX4LIVE = ROOT / "max4live"
SOURCE = MAX4LIVE / "fragment-slot.maxpat"
EXPECTED = {"fragment-slot.amxd": b"aaaa", "fragment-slot-instrument.amxd": b"iiii"}


def load_build():
    spec = importlib.util.spec_from_file_location("max4live_build", MAX4LIVE / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """Split an .amxd into (tag, data) pairs; raises if a size runs past the end."""
    found, at = [], 0
    while at < len(data):
        if at + 8 > len(data):
            raise ValueError(f"{len(data) - at} stray bytes at the end")
        tag = data[at:at + 4]
        (size,) = struct.unpack("<I", data[at + 4:at + 8])
        if at + 8 + size > len(data):
            raise ValueError(f"chunk {tag!r} claims {size} bytes, {len(data) - at - 8} remain")
        found.append((tag, data[at + 8:at + 8 + size]))
        at += 8 + size
    return found


@pytest.mark.parametrize("name, kind", EXPECTED.items())
def test_amxd_is_a_valid_unfrozen_device(name, kind):
    data = (MAX4LIVE / name).read_bytes()
    parts = chunks(data)
    assert [tag for tag, _ in parts] == [b"ampf", b"meta", b"ptch"]
    ampf, meta, ptch = (body for _, body in parts)
    assert ampf == kind
    assert len(meta) == 4
    assert not ptch.startswith(b"mx@c"), "a frozen device: the patcher would not be reviewable"
    assert ptch.endswith(b"\x00") and b"\x00" not in ptch[:-1]
    patcher = json.loads(ptch[:-1].decode("utf-8"))
    assert patcher["patcher"]["boxes"] and patcher["patcher"]["openinpresentation"] == 1


@pytest.mark.parametrize("name", EXPECTED)
def test_amxd_holds_the_committed_maxpat(name):
    ptch = dict(chunks((MAX4LIVE / name).read_bytes()))[b"ptch"]
    assert ptch[:-1] == SOURCE.read_bytes(), "run python max4live/build.py"


def test_rebuild_gives_identical_bytes():
    build = load_build()
    first, second = build.build(), build.build()
    assert first == second
    assert set(first) == set(EXPECTED)
    for name, data in first.items():
        assert (MAX4LIVE / name).read_bytes() == data, f"{name}: run python max4live/build.py"


def test_check_mode_passes_on_the_committed_devices():
    result = subprocess.run([sys.executable, str(MAX4LIVE / "build.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_check_mode_fails_when_a_device_is_out_of_date(tmp_path):
    script = [sys.executable, str(MAX4LIVE / "build.py"), "--out", str(tmp_path)]
    subprocess.run(script, check=True, capture_output=True, cwd=ROOT)
    assert subprocess.run(script + ["--check"], capture_output=True, cwd=ROOT).returncode == 0
    device = tmp_path / "fragment-slot.amxd"
    device.write_bytes(device.read_bytes().replace(b"SLOT 1", b"SLOT 2"))
    result = subprocess.run(script + ["--check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1 and "fragment-slot.amxd" in result.stderr
    (tmp_path / "fragment-slot-instrument.amxd").unlink()
    assert subprocess.run(script + ["--check"], capture_output=True, cwd=ROOT).returncode == 1


def test_reader_refuses_a_truncated_device():
    data = (MAX4LIVE / "fragment-slot.amxd").read_bytes()
    with pytest.raises(ValueError):
        chunks(data[:-10])
    with pytest.raises(ValueError):
        chunks(data + b"\x01\x02")
