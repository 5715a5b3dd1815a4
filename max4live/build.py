"""Build the Max for Live devices (.amxd) from the committed patcher (.maxpat).

    python max4live/build.py            # write the .amxd files
    python max4live/build.py --check    # exit 1 if a committed .amxd differs from a rebuild

An unfrozen .amxd is three little-endian chunks, each ``tag (4 bytes) + size (uint32 LE) +
data``, the layout Max writes and Ableton's maxdevtools (maxdiff/amxd_textconv.py) reads:

    ampf  4  device type: b"aaaa" audio effect, b"iiii" instrument, b"mmmm" MIDI effect
    meta  4  uint32 0 (what Max writes for an unfrozen device)
    ptch  n  the patcher JSON, UTF-8, ending with one NUL byte (counted in n)

The JSON is the .maxpat byte for byte, so a rebuild is byte-identical and the device holds
exactly the reviewed source. Nothing here depends on the date or the machine.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "fragment-slot.maxpat"
# one patcher, two devices: an audio effect for audio tracks (the track's own audio passes
# through) and an instrument for MIDI tracks (MIDI notes from clips or a keyboard play it)
DEVICES = {"fragment-slot.amxd": b"aaaa", "fragment-slot-instrument.amxd": b"iiii"}
META = 0


def chunk(tag: bytes, data: bytes) -> bytes:
    return tag + struct.pack("<I", len(data)) + data


def amxd(patcher: bytes, device_type: bytes) -> bytes:
    """The .amxd bytes for ``patcher`` (the .maxpat file's bytes)."""
    if device_type not in (b"aaaa", b"iiii", b"mmmm"):
        raise ValueError(f"unknown device type {device_type!r}")
    return (chunk(b"ampf", device_type) + chunk(b"meta", struct.pack("<I", META))
            + chunk(b"ptch", patcher + b"\x00"))


def build(source: Path = SOURCE) -> dict[str, bytes]:
    """File name -> bytes of every device built from ``source``."""
    patcher = source.read_bytes()
    return {name: amxd(patcher, kind) for name, kind in DEVICES.items()}


def main(argv: list[str]) -> int:
    out = HERE
    if "--out" in argv:
        out = Path(argv[argv.index("--out") + 1])
    built = build()
    if "--check" in argv:
        stale = [name for name, data in built.items()
                 if not (out / name).is_file() or (out / name).read_bytes() != data]
        for name in stale:
            print(f"{name} is not what {SOURCE.name} builds: run python max4live/build.py",
                  file=sys.stderr)
        return 1 if stale else 0
    for name, data in built.items():
        (out / name).write_bytes(data)
        print(f"wrote {out / name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
