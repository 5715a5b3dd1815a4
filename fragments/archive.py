"""The archive: every raw take, unprocessed, as output001.wav, output002.wav, ...

Never overwritten, numbered on from the highest take on disk or in the index.
"""

from __future__ import annotations

import errno
import os
import re
import threading
from pathlib import Path

import numpy as np

from .index import TakeIndex
from .wav import stage_wav

_TAKE_NAME = re.compile(r"^output(\d{3,})\.wav$")
# os.link is refused by filesystems without hard links (FAT/exFAT USB drives, some shares)
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS}


def take_name(take: int) -> str:
    """File name of take ``take``: at least 3 digits (output001.wav ... output1000.wav)."""
    return f"output{take:03d}.wav"


def highest_take_file(folder: Path) -> int:
    """The highest take number among ``output<NNN>.wav`` files in ``folder``; 0 if none."""
    numbers = (int(m.group(1)) for m in map(_TAKE_NAME.match, os.listdir(folder)) if m)
    return max(numbers, default=0)


def _fsync_dir(folder: Path) -> None:
    """Make a new directory entry durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Archive:
    """Every raw, unprocessed take as output001.wav, output002.wav, ... (3+ digits), never
    overwritten; numbering continues after a restart.

    The next number is 1 + the highest of the files on disk and the index, so neither a lagging
    index nor a file copied in by hand is ever overwritten. Each file is 32-bit float WAV,
    bit-exact to what the engine produced.
    """

    def __init__(self, folder: Path, index: TakeIndex):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.index = index
        self._lock = threading.Lock()
        self._highest = highest_take_file(self.folder)

    def path(self, take: int) -> Path:
        """Where take ``take`` is (or would be) stored."""
        return self.folder / take_name(take)

    def store(self, audio: np.ndarray, sample_rate: int) -> tuple[int, Path, str]:
        """Archive a raw take; returns ``(take number, path, sha256 hex of the file)``.

        The file is written to a temp name and fsynced, then given its final name with
        ``os.link``, which fails rather than replace an existing file: on a clash the next
        number is tried. The directory is fsynced so the take survives a power cut.
        """
        with self._lock:
            staged = stage_wav(self.folder / "take.wav", audio, sample_rate, 32, checksum=True)
            try:
                take = self._claim(staged.temp)
            finally:
                staged.discard()  # the take now lives under its own name (or was not stored)
            _fsync_dir(self.folder)
            self._highest = take
            return take, self.path(take), staged.checksum

    def _claim(self, temp: Path) -> int:
        """Give ``temp`` the first free take number at or above the next one; returns it."""
        take = max(self._highest, self.index.max_take()) + 1
        while True:
            final = self.path(take)
            try:
                os.link(temp, final)
                return take
            except FileExistsError:
                # someone else's file: rescan once instead of probing one number at a time
                take = max(take, highest_take_file(self.folder)) + 1
            except OSError as exc:
                if exc.errno not in _NO_HARD_LINKS:
                    raise
                if self._claim_without_link(temp, final):
                    return take
                take = max(take, highest_take_file(self.folder)) + 1

    @staticmethod
    def _claim_without_link(temp: Path, final: Path) -> bool:
        """Fallback for filesystems without hard links: reserve the name with an exclusive create,
        then rename the finished file over our own (empty) reservation."""
        try:
            os.close(os.open(final, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError:
            return False
        try:
            os.replace(temp, final)
        except BaseException:
            os.unlink(final)  # an empty reservation must not stand in for a take
            raise
        return True
