"""liblo's oscsend/oscdump, an independent OSC implementation, run the documented example."""

from __future__ import annotations

import queue
import shlex
import shutil
import socket
import subprocess
import threading

import pytest

from osc import _docs
from tests.osc.conftest import Harness

pytestmark = pytest.mark.skipif(not (shutil.which("oscsend") and shutil.which("oscdump")),
                                reason="liblo-tools (oscsend, oscdump) not installed")


class Dump:
    """``oscdump -L port`` with its lines (time tag removed) arriving on a queue."""

    def __init__(self, port: int) -> None:
        self.proc = subprocess.Popen(["oscdump", "-L", str(port)], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n").split(" ", 1)[-1])

    def line(self, timeout: float) -> str | None:
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_listening(dump: Dump, port: int, probe) -> None:
    """Register oscdump's port, ping until oscdump prints a pong, unregister, drain."""
    probe.send("/frag/hello", port)
    probe.wait_for("/frag/hello/ok", 5)
    for attempt in range(100):
        probe.request("/frag/ping", f"ready-{attempt}", reply="/frag/pong")
        if dump.line(0.1) is not None:
            break
    probe.request("/frag/bye", port, reply="/frag/bye/ok")
    while (line := dump.line(2)) != f"/frag/bye/ok i {port}":
        assert line is not None, "oscdump never printed the probe's bye/ok"


def test_the_documented_example_session_prints_the_documented_lines(service):
    service.example = True  # the stub also emits the example's progress and ready
    listen = free_udp_port()
    dump = Dump(listen)
    try:
        with Harness(service) as harness:
            wait_until_listening(dump, listen, harness.client())
            for command in _docs.EXAMPLE_COMMANDS:
                words = shlex.split(command.replace(str(_docs.EXAMPLE_LISTEN_PORT), str(listen)))
                words[2] = str(harness.address[1])
                subprocess.run(words, check=True, timeout=10)
            lines = [dump.line(5) for _ in _docs.EXAMPLE_OUTPUT]
    finally:
        dump.close()
    expected = [l.replace(str(_docs.EXAMPLE_LISTEN_PORT), str(listen))
                for l in _docs.EXAMPLE_OUTPUT]
    assert lines == expected
