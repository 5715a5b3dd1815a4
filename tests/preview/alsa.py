"""A test-owned ALSA setup: output devices PortAudio lists without any sound card.

``ALSA_CONFIG_PATH`` points alsa-lib at one file we write (instead of the system's
``alsa.conf``), so PortAudio's ALSA host API lists exactly these PCMs:

- ``default`` and ``fragnull``: ``type null``, which takes any rate and format and swallows the
  samples as fast as they come;
- ``fragtap``: ``type file`` on a null slave, writing every sample it plays (raw, in the
  stream's format: float32 little-endian, interleaved) into a FIFO that :class:`Tap` reads.
  Reading the FIFO is the device consuming: while the tap holds (stops reading), the pipe fills
  and PortAudio's thread waits, which is how a test keeps a preview playing without a clock;
- ``fragbroken``: ``type file`` writing into a folder that does not exist: it opens, then fails
  at the first write, like an interface unplugged mid-play.

PortAudio reads the ALSA config once, when it starts (``import sounddevice``), so the variable
goes into the environment of a subprocess (the daemon, a runner), never into this process.
"""

from __future__ import annotations

import ctypes.util
import fcntl
import os
import select
import threading
from pathlib import Path

import numpy as np

F_SETPIPE_SZ = 1031  # fcntl.F_SETPIPE_SZ on Linux (Python 3.10+ names it; be explicit)
SETUP_HINT = "PortAudio (libportaudio2) is missing: run scripts/setup.sh"

_CONFIG = """\
pcm.!default {{
    type null
}}
pcm.fragnull {{
    type null
    hint {{ show on description "fragmentd test null output" }}
}}
pcm.fragtap {{
    type file
    slave.pcm {{ type null }}
    file "{fifo}"
    format "raw"
    hint {{ show on description "fragmentd test tap: what it plays goes to a FIFO" }}
}}
pcm.fragbroken {{
    type file
    slave.pcm {{ type null }}
    file "{broken}"
    format "raw"
    hint {{ show on description "fragmentd test output that fails at the first write" }}
}}
"""


def portaudio_missing() -> str:
    """"" when libportaudio can be loaded, else what to do."""
    return "" if ctypes.util.find_library("portaudio") else SETUP_HINT


class NullAlsa:
    """The ALSA config file and the tap FIFO under ``folder``."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.fifo = folder / "fragtap.fifo"
        self.config = folder / "asound.conf"
        self.config.write_text(_CONFIG.format(fifo=self.fifo,
                                              broken=folder / "no-such-folder" / "out.raw"))

    @property
    def env(self) -> dict[str, str]:
        return {"ALSA_CONFIG_PATH": str(self.config)}

    def tap(self) -> "Tap":
        return Tap(self.fifo)


class Tap:
    """Reads what ``fragtap`` plays. It keeps a writer of its own open, so the FIFO never
    reports end-of-file between streams; :meth:`hold` stops reading (the device stalls),
    :meth:`release` reads on; :meth:`take` returns everything read so far as frames × 2."""

    def __init__(self, fifo: Path, channels: int = 2) -> None:
        if not fifo.exists():
            os.mkfifo(fifo)
        self.channels = channels
        self._read_fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        self._keep_fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        fcntl.fcntl(self._read_fd, F_SETPIPE_SZ, 4096)  # the smallest pipe: stalls come early
        self._data = bytearray()
        self._lock = threading.Lock()
        self._flowing = threading.Event()
        self._flowing.set()
        self._closed = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def hold(self) -> None:
        self._flowing.clear()

    def release(self) -> None:
        self._flowing.set()

    def _run(self) -> None:
        while not self._closed:
            if not self._flowing.wait(0.1):
                continue
            ready, _, _ = select.select([self._read_fd], [], [], 0.1)
            if ready and self._flowing.is_set():
                self._read_available()

    def _read_available(self) -> None:
        with self._lock:
            while True:
                try:
                    chunk = os.read(self._read_fd, 65536)
                except BlockingIOError:
                    return
                except OSError:
                    return
                if not chunk:
                    return
                self._data += chunk

    def take(self) -> np.ndarray:
        """Everything played since the last take (also what still sits in the pipe)."""
        self._read_available()
        with self._lock:
            data, self._data = bytes(self._data), bytearray()
        usable = len(data) - len(data) % (4 * self.channels)
        return np.frombuffer(data[:usable], dtype="<f4").reshape(-1, self.channels)

    def close(self) -> None:
        self._closed = True
        self._flowing.set()
        self._thread.join(2)
        os.close(self._keep_fd)
        os.close(self._read_fd)

    def __enter__(self) -> "Tap":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def aligned(frames: np.ndarray, expected: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split what a tap read into the ``len(expected)`` frames that line up with ``expected``
    (matched on the first frame that is not silent in each) and everything else: PortAudio pads
    a stream with silence before and after, so "everything else" should be all zeros."""
    loud = np.flatnonzero(np.any(frames != 0, axis=1))
    first = np.flatnonzero(np.any(expected != 0, axis=1))
    if not len(loud) or not len(first):
        return frames[:0], frames
    start = max(0, int(loud[0] - first[0]))
    stop = start + len(expected)
    return frames[start:stop], np.concatenate([frames[:start], frames[stop:]])
