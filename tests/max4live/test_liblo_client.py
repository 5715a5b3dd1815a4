"""The slot-device scenario driven by liblo's command line tools, a second OSC implementation
independent of the Max device and of its Pd twin: ``oscdump`` listens on a reply port,
``oscsend`` registers it and sends a prompt, and the published file matches the ready push.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time

import pytest
import soundfile as sf

from osc.table import PUSH_BY_PATH
from tests.e2e.harness import Daemon
from tests.max4live.test_pd_twin import Pd, assert_loaded, generate
from tests.osc.test_liblo import Dump, free_udp_port

pytestmark = pytest.mark.e2e

READY = PUSH_BY_PATH["/frag/ready"]
HELLO_OK = PUSH_BY_PATH["/frag/hello/ok"]


def require_liblo() -> None:
    if shutil.which("oscsend") is None or shutil.which("oscdump") is None:
        pytest.fail("liblo's oscsend/oscdump are not installed: run scripts/setup.sh --test "
                    "(it installs the Debian package liblo-tools)")


def oscsend(port: int, *words: str) -> None:
    subprocess.run(["oscsend", "127.0.0.1", str(port), *words], check=True, timeout=10)


def until(dump: Dump, wanted, timeout: float) -> list[list[str]]:
    """oscdump's messages, each split into words (address, types, arguments), up to and
    including the first one for which ``wanted(words)`` is true."""
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = dump.line(0.2)
        if line is None:
            continue
        seen.append(shlex.split(line))
        if wanted(seen[-1]):
            return seen
    raise AssertionError(f"oscdump printed nothing wanted within {timeout} s; it printed {seen}")


def register(dump: Dump, daemon: Daemon, listen: int) -> list[str]:
    """``/frag/hello`` for oscdump's port until oscdump prints the hello/ok (it may still be
    starting when the first one arrives)."""
    for _ in range(50):
        oscsend(daemon.port, "/frag/hello", "i", str(listen))
        try:
            return until(dump, lambda w: w[0] == "/frag/hello/ok", 0.3)[-1]
        except AssertionError:
            continue
    raise AssertionError("oscdump never printed /frag/hello/ok")


def test_oscsend_and_oscdump_generate_into_a_slot_and_the_file_matches_the_ready(tmp_path):
    require_liblo()
    listen = free_udp_port()
    dump = Dump(listen)
    try:
        with Daemon(tmp_path, engines__piper={"preload": False}) as daemon:
            _, types, *args = register(dump, daemon, listen)
            assert types == "".join(a.types for a in HELLO_OK.args)
            hello_ok = dict(zip((a.name for a in HELLO_OK.args), args))
            assert hello_ok["slots"] == "8"
            assert hello_ok.get("reply_port", str(listen)) == str(listen)
            oscsend(daemon.port, "/frag/generate", "sissssfsi", "liblo-1", "6",
                    "sweep from liblo", "engine", "testsignal", "seconds", "1.5", "seed", "4321")
            seen = until(dump, lambda w: w[0] == "/frag/ready" and w[2] == "liblo-1", 30)
            oscsend(daemon.port, "/frag/bye", "i", str(listen))
            until(dump, lambda w: w[0] == "/frag/bye/ok", 5)
    finally:
        dump.close()
    mine = [w for w in seen if len(w) > 2 and w[2] == "liblo-1"]
    addresses = [w[0] for w in mine]
    assert addresses[0] == "/frag/queued" and addresses[-1] == "/frag/ready", seen
    assert "/frag/progress" in addresses and "/frag/error" not in addresses
    address, types, *args = mine[-1]
    assert types == "".join(a.types for a in READY.args), mine[-1]  # as docs/osc.md says
    ready = dict(zip((a.name for a in READY.args), args))
    assert (ready["slot"], ready["seed"]) == ("6", "4321"), ready
    assert ready["path"] == str(daemon.slots / "output06.wav")
    if "prompt" in ready:
        assert (ready["engine"], ready["prompt"]) == ("testsignal", "sweep from liblo")
    info = sf.info(ready["path"])
    assert abs(info.duration - float(ready["seconds"])) < 1e-3
    assert info.frames == round(float(ready["seconds"]) * info.samplerate) == round(1.5 * 44100)


def test_liblo_and_the_pd_twin_hear_each_others_takes(tmp_path):
    """Two independent clients on one daemon: each one's ready reaches the other."""
    require_liblo()
    listen = free_udp_port()
    dump = Dump(listen)
    try:
        with Daemon(tmp_path, engines__piper={"preload": False}) as daemon, \
                Pd(tmp_path, {"a": f"7 127.0.0.1 {daemon.port} {free_udp_port()}"}) as pd:
            register(dump, daemon, listen)
            pd.wait(7, "registered")
            job = generate(pd, "a", 7, "sine from the twin", 0.5)
            loaded = assert_loaded(pd, daemon, 7, job)
            ready = until(dump, lambda w: w[0] == "/frag/ready" and w[2] == job, 10)[-1]
            assert ready[3:5] == ["7", loaded.args[1]]  # slot, path
            oscsend(daemon.port, "/frag/generate", "sissssf", "liblo-2", "8", "pink from liblo",
                    "engine", "testsignal", "seconds", "0.5")
            until(dump, lambda w: w[0] == "/frag/ready" and w[2] == "liblo-2", 30)
            heard = pd.wait(7, "heard-ready", "liblo-2")
            assert heard.args[1:3] == ["8", str(daemon.slots / "output08.wav")]  # slot, path
            assert len(pd.all(7, "loaded")) == 1  # slot 8 is not the twin's
            assert pd.errors() == []
    finally:
        dump.close()
