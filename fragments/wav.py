"""WAV files: a fast writer that hashes while it writes, atomic replacement, temp-file cleanup.

Slot files are replaced with ``os.replace`` of a finished, fsynced temp file in the same folder,
so a reader (Ableton, Pd, a sampler) opens either the old complete file or the new complete
file, never a partial one. Temp files are dot-files named ``.<final name>.<pid>.<random>.tmp``
so that the DAW's browser hides them and :func:`clean_temp_files` can recognise ours.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"^\.(?P<final>.+\.(?:wav|png))\.(?P<pid>\d+)\.[0-9a-f]{8}"
                        + re.escape(TEMP_SUFFIX) + "$")
_CHUNK = 1 << 20  # bytes per write; large enough for speed, small enough to hash from cache
_FORMAT_PCM, _FORMAT_FLOAT = 1, 3


def wav_header(frames: int, channels: int, sample_rate: int, bit_depth: int) -> bytes:
    """RIFF/WAVE header: PCM for 16 and 24 bit, IEEE float (with a fact chunk) for 32 bit."""
    if bit_depth not in (16, 24, 32):
        raise ValueError(f"bit_depth must be 16, 24 or 32 (float), got {bit_depth!r}")
    block_align = channels * bit_depth // 8
    data_bytes = frames * block_align
    if data_bytes + 1024 > 0xFFFFFFFF:
        raise ValueError(f"take too long for a WAV file: {data_bytes} bytes of audio")
    tag = _FORMAT_FLOAT if bit_depth == 32 else _FORMAT_PCM
    fmt = struct.pack("<HHIIHH", tag, channels, sample_rate, sample_rate * block_align,
                      block_align, bit_depth)
    extra = b""
    if tag == _FORMAT_FLOAT:  # non-PCM formats carry cbSize and a fact chunk (frame count)
        fmt += struct.pack("<H", 0)
        extra = b"fact" + struct.pack("<II", 4, frames)
    pad = data_bytes & 1  # RIFF chunks are word-aligned
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + extra
    riff_size = len(body) + 8 + data_bytes + pad
    return b"RIFF" + struct.pack("<I", riff_size) + body + b"data" + struct.pack("<I", data_bytes)


def encode_samples(audio: np.ndarray, bit_depth: int,
                   rng: np.random.Generator | None = None) -> np.ndarray:
    """Interleaved little-endian sample bytes (as a uint8 array, or float32 for 32-bit).

    Integer formats clip to full scale. 16 bit gets TPDF dither (two uniform LSB-wide random
    values, so quantisation error is noise, not distortion); 24 bit is rounded, its error sits
    below any converter's noise floor.
    """
    if bit_depth == 32:
        return np.ascontiguousarray(audio, dtype="<f4")
    full = float(2 ** (bit_depth - 1))
    scaled = np.multiply(audio, np.float32(full), dtype=np.float32)
    if bit_depth == 16:
        scaled += tpdf_dither(scaled.shape, rng or np.random.default_rng())
    np.rint(scaled, out=scaled)
    np.clip(scaled, -full, full - 1.0, out=scaled)
    if bit_depth == 16:
        return scaled.astype("<i2")
    # 24 bit: the three low bytes of each little-endian int32, copied column by column
    # (a single strided 3-of-4 byte copy is ~6x slower)
    word = scaled.astype("<i4").reshape(-1).view(np.uint8).reshape(-1, 4)
    packed = np.empty((word.shape[0], 3), dtype=np.uint8)
    for b in range(3):
        packed[:, b] = word[:, b]
    return packed


def tpdf_dither(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
    """Triangular dither of +-1 LSB: the difference of two uniform values (8-bit resolution
    each, plenty for dither; random bytes are ~5x cheaper to draw than floats)."""
    size = int(np.prod(shape))
    pair = np.frombuffer(rng.bytes(2 * size), dtype=np.uint8).reshape(2, size)
    dither = np.subtract(pair[0], pair[1], dtype=np.float32)
    dither *= np.float32(1.0 / 256.0)
    return dither.reshape(shape)


def _write_all(fd: int, data: memoryview, digest) -> None:
    for offset in range(0, len(data), _CHUNK):
        chunk = data[offset:offset + _CHUNK]
        if digest is not None:
            digest.update(chunk)  # hashed from cache while it is written: no second pass
        while chunk:
            chunk = chunk[os.write(fd, chunk):]


def _write(path: Path, audio: np.ndarray, sample_rate: int, bit_depth: int, *, exclusive: bool,
           fsync: bool, checksum: bool, rng: np.random.Generator | None = None) -> str | None:
    """Write the file; returns the sha256 hex digest of every byte written, if asked."""
    audio = _frames(audio)
    if not (isinstance(sample_rate, (int, np.integer)) and sample_rate > 0):
        raise ValueError(f"sample_rate must be a positive integer, got {sample_rate!r}")
    header = wav_header(audio.shape[0], audio.shape[1], int(sample_rate), bit_depth)
    samples = memoryview(encode_samples(audio, bit_depth, rng)).cast("B")
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    digest = hashlib.sha256() if checksum else None
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0), 0o644)
    try:
        _write_all(fd, memoryview(header), digest)
        _write_all(fd, samples, digest)
        if len(samples) & 1:
            _write_all(fd, memoryview(b"\0"), digest)
        if fsync:
            os.fsync(fd)
    finally:
        os.close(fd)
    return digest.hexdigest() if digest is not None else None


def write_wav(path: Path, audio: np.ndarray, sample_rate: int, bit_depth: int,
              rng: np.random.Generator | None = None) -> str:
    """Write ``audio`` (float, ``(frames, channels)`` or 1-D) as a WAV file in place (not atomic).

    ``bit_depth``: 16 (PCM, TPDF dither), 24 (PCM) or 32 (IEEE float, bit-exact; the raw
    archive). Integer formats clip at full scale. Returns the sha256 hex digest of the file,
    computed while writing.
    """
    return _write(Path(path), audio, sample_rate, bit_depth, exclusive=False, fsync=False,
                  checksum=True, rng=rng)


def temp_path_for(final_path: Path) -> Path:
    """A unique temp name next to ``final_path``: ``.output01.wav.<pid>.<random>.tmp``."""
    final_path = Path(final_path)
    unique = f"{os.getpid()}.{secrets.token_hex(4)}"
    return final_path.with_name(f".{final_path.name}.{unique}{TEMP_SUFFIX}")


@dataclass
class StagedWav:
    """A complete, fsynced temp file next to its final name, waiting to be moved into place."""

    temp: Path
    final: Path
    checksum: str | None

    def commit(self) -> Path:
        """Atomically replace ``final`` with the staged file (``os.replace``); returns ``final``."""
        try:
            os.replace(self.temp, self.final)
        except BaseException:
            self.discard()
            raise
        return self.final

    def discard(self) -> None:
        """Remove the temp file (nothing was published)."""
        _unlink_quietly(self.temp)


def stage_wav(final_path: Path, audio: np.ndarray, sample_rate: int, bit_depth: int,
              checksum: bool = False) -> StagedWav:
    """Write a complete, fsynced temp file in ``final_path``'s folder, to commit later.

    Staging lets the slow part (encode, write, fsync) run before the moment of publishing,
    which is then a single rename. On any error the temp file is removed and the error raised.
    """
    final_path = Path(final_path)
    temp = temp_path_for(final_path)
    try:
        digest = _write(temp, audio, sample_rate, bit_depth, exclusive=True, fsync=True,
                        checksum=checksum)
    except BaseException:
        _unlink_quietly(temp)
        raise
    return StagedWav(temp, final_path, digest)


def write_wav_atomic(final_path: Path, audio: np.ndarray, sample_rate: int, bit_depth: int,
                     checksum: bool = False) -> str | None:
    """Replace ``final_path`` atomically: fsynced temp file in the same folder, then ``os.replace``.

    Readers see the old complete file or the new complete file. Returns the file's sha256 hex
    digest when ``checksum`` is set (else None: hashing a slot file nobody checks costs ~8 ms).
    """
    staged = stage_wav(final_path, audio, sample_rate, bit_depth, checksum)
    staged.commit()
    return staged.checksum


def _frames(audio: np.ndarray) -> np.ndarray:
    a = np.asarray(audio)
    if a.dtype.kind != "f":
        raise ValueError(f"audio must be floating point in [-1, 1], got {a.dtype}")
    return a[:, np.newaxis] if a.ndim == 1 else a


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def clean_temp_files(folder: Path) -> list[Path]:
    """Remove our leftover temp files (``.<name>.wav.<pid>.<hex8>.tmp``, and the same for the
    spectrogram pictures, ``.png``) from ``folder``.

    Files of other names are never touched. A temp file whose pid is another *running* process
    is left alone: a second fragmentd writing into the same folder must not lose its take.
    Returns the removed paths.
    """
    removed = []
    me = os.getpid()
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(match["pid"])
        if pid != me and _pid_alive(pid):
            continue
        _unlink_quietly(Path(entry.path))
        removed.append(Path(entry.path))
    return removed
