"""The slot ring: the fixed set of files (output01.wav ... output08.wav) that DAW devices load."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .wav import StagedWav, stage_wav

MAX_SLOTS = 999


class SlotRing:
    """Slot files output01.wav .. outputNN.wav (zero-padded to 2 digits, 3 if count > 99) in one
    folder.

    Slot numbers are 1-based, as performers count them. Publishing replaces a slot file
    atomically, so a device reading it sees the old or the new fragment, never a torn one.
    """

    def __init__(self, folder: Path, count: int):
        if not (isinstance(count, int) and 1 <= count <= MAX_SLOTS):
            raise ValueError(f"slot count must be between 1 and {MAX_SLOTS}, got {count!r}")
        self.folder = Path(folder)
        self.count = count
        self._digits = 2 if count <= 99 else 3
        self.folder.mkdir(parents=True, exist_ok=True)

    def check(self, slot: int) -> int:
        """Return ``slot`` if it names a slot of this ring, else raise ``ValueError``."""
        is_int = isinstance(slot, (int, np.integer)) and not isinstance(slot, bool)
        if not (is_int and 1 <= slot <= self.count):
            raise ValueError(f"slot must be between 1 and {self.count}, got {slot!r}")
        return int(slot)

    def path(self, slot: int) -> Path:
        """The file of ``slot`` (1..count)."""
        return self.folder / f"output{self.check(slot):0{self._digits}d}.wav"

    def next_slot(self, last_ring_slot: int | None) -> int:
        """The slot after ``last_ring_slot`` in ring order 1, 2, .., count, 1, ...

        ``None`` (nothing published through the ring yet) or a slot beyond a ring that has
        since shrunk starts again at 1.
        """
        if last_ring_slot is None or not 1 <= last_ring_slot <= self.count:
            return 1
        return last_ring_slot % self.count + 1

    def publish(self, slot: int, audio: np.ndarray, sample_rate: int, bit_depth: int) -> Path:
        """Write ``audio`` into ``slot`` atomically (fsynced temp file, then ``os.replace``)."""
        return self.stage(slot, audio, sample_rate, bit_depth).commit()

    def stage(self, slot: int, audio: np.ndarray, sample_rate: int, bit_depth: int) -> StagedWav:
        """Write ``audio`` for ``slot`` to a hidden temp file; ``.commit()`` publishes it
        atomically, ``.discard()`` drops it. Lets the publisher write while the raw take is still
        archiving."""
        return stage_wav(self.path(slot), audio, sample_rate, bit_depth)
