"""The Pd twin of the slot device (max4live/pd/fragment-slot.pd), run by a real headless Pd
against the real daemon over real UDP OSC.

Each test writes a small driver patch into tmp_path: it instantiates ``fragment-slot`` with
creation arguments and forwards FUDI text from a control port to the instances' inlets
(``a generate some words;`` goes to the instance named ``a``). The twin prints every event
(``fragment-slot: slot 2 loaded 66150 /path/output02.wav 2 44100``); with ``-nogui`` Pd
prints to stderr, which is parsed here.
"""

from __future__ import annotations

import shutil
import socket
import sqlite3
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import soundfile as sf

from osc.table import PUSH_BY_PATH
from tests.e2e.harness import Daemon, collect
from tests.osc.test_liblo import free_udp_port

pytestmark = pytest.mark.e2e

PD = shutil.which("pd")
TWIN_DIR = Path(__file__).resolve().parents[2] / "max4live" / "pd"
PREFIX = "fragment-slot: "
READY_ARGS = [a.name for a in PUSH_BY_PATH["/frag/ready"].args]  # heard-ready prints them all
ENGINE = "testsignal"  # the fastest engine


def require_pd() -> str:
    if PD is None:
        pytest.fail("Pure Data (pd) is not installed: run scripts/setup.sh --test "
                    "(it installs the Debian package puredata-core)")
    return PD


def pd_words(text: str) -> list[str]:
    """Split one Pd print line into atoms: spaces separate them unless escaped with '\\'."""
    words, word, escaped = [], "", False
    for ch in text:
        if escaped:
            word, escaped = word + ch, False
        elif ch == "\\":
            escaped = True
        elif ch == " ":
            if word:
                words.append(word)
            word = ""
        else:
            word += ch
    if word:
        words.append(word)
    return words


@dataclass
class Event:
    slot: int
    name: str
    args: list[str]


class Pd:
    """One headless Pd process running a driver patch with named fragment-slot instances.

    ``instances`` maps a name to the creation arguments of its ``fragment-slot``.
    """

    def __init__(self, root: Path, instances: dict[str, str]) -> None:
        self.control = free_udp_port()
        self.patch = root / f"driver-{'-'.join(instances)}.pd"
        lines = ["#N canvas 0 50 600 400 10;",
                 f"#X obj 10 10 netreceive -u {self.control};",
                 f"#X obj 10 40 route {' '.join(instances)};"]
        connects = ["#X connect 0 0 1 0;"]
        for index, args in enumerate(instances.values()):
            lines.append(f"#X obj {10 + 160 * index} 80 fragment-slot {args};")
            connects.append(f"#X connect 1 {index} {index + 2} 0;")
        self.patch.write_text("\n".join(lines + connects) + "\n")
        self.log_path = root / f"{self.patch.stem}.log"
        self.lines: list[str] = []
        self.events: list[Event] = []  # every event printed, in order
        self.taken: set[int] = set()  # indexes of events returned by wait()
        self.changed = threading.Condition()
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "Pd":
        self.proc = subprocess.Popen(
            [require_pd(), "-nogui", "-nosound", "-nomidi", "-noprefs", "-nrt",
             "-path", str(TWIN_DIR), "-open", str(self.patch)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def _read(self) -> None:
        with open(self.log_path, "w") as log:
            for line in self.proc.stdout:
                log.write(line)
                log.flush()
                with self.changed:
                    self.lines.append(line)
                    if line.startswith(PREFIX):
                        words = pd_words(line[len(PREFIX):].rstrip("\n"))
                        if len(words) >= 3 and words[0] == "slot":
                            self.events.append(Event(int(words[1]), words[2], words[3:]))
                    self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def send(self, instance: str, message: str) -> None:
        """FUDI text to one instance's inlet, e.g. ``send("a", "generate a few words")``."""
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.sendto(f"{instance} {message};\n".encode(), ("127.0.0.1", self.control))

    def wait(self, slot: int, name: str, *first: str, timeout: float = 20.0) -> Event:
        """The next event ``name`` of ``slot`` (whose leading arguments are ``first``) that no
        earlier wait returned."""
        def match(i: int, e: Event) -> bool:
            return (i not in self.taken and (e.slot, e.name) == (slot, name)
                    and e.args[:len(first)] == list(first))

        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                found = next((i for i, e in enumerate(self.events) if match(i, e)), None)
                if found is not None:
                    self.taken.add(found)
                    return self.events[found]
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    break
                self.changed.wait(min(left, 0.5))
        raise AssertionError(f"slot {slot} printed no {' '.join((name,) + first)} within "
                             f"{timeout} s (pd exit status {self.proc.poll()}); Pd printed:\n"
                             + "".join(self.lines))

    def errors(self) -> list[str]:
        """Pd's own complaints (a broken patch, a failed read): none are expected."""
        with self.changed:
            return [l for l in self.lines if l.startswith(("error:", "warning:"))
                    or "no such object" in l or "connection failed" in l]

    def all(self, slot: int, name: str) -> list[Event]:
        """Every event ``name`` of ``slot`` printed so far."""
        with self.changed:
            return [e for e in self.events if (e.slot, e.name) == (slot, name)]


def index_row(daemon: Daemon, job_id: str) -> dict:
    con = sqlite3.connect(daemon.archive / "index.sqlite")
    con.row_factory = sqlite3.Row
    try:
        row = con.execute("SELECT * FROM takes WHERE job_id = ?", (job_id,)).fetchone()
        return dict(row) if row else {}
    finally:
        con.close()


def start_daemon(tmp_path: Path) -> Daemon:
    # Piper stays the default engine but is not preloaded: the twin names testsignal.
    return Daemon(tmp_path, engines__piper={"preload": False})


def generate(pd: Pd, name: str, slot: int, prompt: str, seconds: float) -> str:
    """Set the twin's engine and seconds, generate ``prompt``; the job id it sent."""
    pd.send(name, f"engine {ENGINE}")
    pd.send(name, f"seconds {seconds}")
    pd.send(name, f"generate {prompt}")
    return pd.wait(slot, "sent").args[0]


def ready_args(event: Event) -> dict[str, str]:
    """A heard-ready event's arguments by their names in the OSC contract."""
    assert len(event.args) == len(READY_ARGS), event
    return dict(zip(READY_ARGS, event.args))


def assert_loaded(pd: Pd, daemon: Daemon, slot: int, job_id: str) -> Event:
    """The twin heard its ready, loaded the published file, and its count is the file's."""
    ready = ready_args(pd.wait(slot, "heard-ready", job_id, timeout=30))
    path = str(daemon.slots / f"output{slot:02d}.wav")
    assert (ready["slot"], ready["path"]) == (str(slot), path), ready
    loaded = pd.wait(slot, "loaded")
    count, loaded_path, channels, rate = loaded.args
    info = sf.info(loaded_path)
    assert loaded_path == path
    assert int(count) == info.frames, (loaded, info)
    assert (int(channels), int(rate)) == (info.channels, info.samplerate)
    assert abs(info.duration - float(ready["seconds"])) < 1e-3
    # what the slot holds now, as the ready told (engine and prompt)
    assert pd.wait(slot, "holds").args == [ready["engine"], ready["prompt"]]
    return loaded


def test_twin_registers_generates_and_loads_the_published_file(tmp_path):
    prompt = "sweep from the Pd twin"
    with start_daemon(tmp_path) as daemon, Pd(tmp_path, {"a": f"2 127.0.0.1 {daemon.port}"}) as pd:
        start = pd.wait(2, "start")
        assert start.args == ["host", "127.0.0.1", "port", str(daemon.port), "reply", "9302"]
        # the reply port was not given: 9300 + slot is the default
        registered = pd.wait(2, "registered", timeout=20).args  # version slots reply_port
        assert registered[1:] == ["8", "9302"], registered
        pd.send("a", "seed 1234")
        job = generate(pd, "a", 2, prompt, 1.5)
        assert job == "pd9302-1"
        sent = pd.all(2, "sent")[0].args
        assert sent == [job, "2", prompt, "engine", "testsignal", "seconds", "1.5", "seed", "1234"]
        assert int(pd.wait(2, "queued", job).args[1]) >= 0
        assert float(pd.wait(2, "progress", job).args[1]) > 0
        loaded = assert_loaded(pd, daemon, 2, job)
        assert pd.all(2, "holds")[-1].args == ["testsignal", prompt]
        # the daemon took the words as one prompt, and the twin's parameters
        row = index_row(daemon, job)
        assert (row["prompt"], row["engine"], row["slot"], row["seed"]) == (
            prompt, "testsignal", 2, 1234), row
        assert abs(int(loaded.args[0]) / int(loaded.args[3]) - 1.5) < 0.1
        # and it plays: DSP on, play, the end of the take comes back
        pd.send("a", "audio 1")
        pd.send("a", "play")
        pd.wait(2, "play")
        t0 = time.monotonic()
        pd.wait(2, "end", timeout=10)
        assert time.monotonic() - t0 > 1.0
        assert pd.all(2, "error") == [] and pd.all(2, "load-failed") == []
        # a refused prompt: the twin shows the daemon's error for its own job
        pd.send("a", "engine nosuch")
        pd.send("a", "generate never made")
        job2 = pd.wait(2, "sent").args[0]
        error = pd.wait(2, "error", job2)
        assert error.args[1] == "unknown_engine", error
        assert pd.all(2, "loaded")[-1] == loaded  # nothing else was loaded
        assert pd.errors() == []


def test_two_twins_on_two_reply_ports_both_hear_the_daemon(tmp_path):
    with start_daemon(tmp_path) as daemon, \
            Pd(tmp_path, {"a": f"2 127.0.0.1 {daemon.port} {free_udp_port()}"}) as pd_a, \
            Pd(tmp_path, {"b": f"5 127.0.0.1 {daemon.port} {free_udp_port()}"}) as pd_b:
        pd_a.wait(2, "registered")
        pd_b.wait(5, "registered")
        job_a = generate(pd_a, "a", 2, "sine for slot two", 1.5)
        assert_loaded(pd_a, daemon, 2, job_a)
        # B heard A's ready (a broadcast to every registered client) and did not load it
        heard = ready_args(pd_b.wait(5, "heard-ready", job_a))
        assert (heard["slot"], heard["prompt"]) == ("2", "sine for slot two")
        assert pd_b.all(5, "loaded") == []
        job_b = generate(pd_b, "b", 5, "pink for slot five", 1.0)
        assert assert_loaded(pd_b, daemon, 5, job_b).args[1].endswith("output05.wav")
        # ...and A heard B's ready without reloading
        assert ready_args(pd_a.wait(2, "heard-ready", job_b))["slot"] == "5"
        assert [e.args[1] for e in pd_a.all(2, "loaded")] == [str(daemon.slots / "output02.wav")]
        assert [e.args[1] for e in pd_b.all(5, "loaded")] == [str(daemon.slots / "output05.wav")]
        # each twin followed only its own job
        assert {e.args[0] for e in pd_a.all(2, "queued")} == {job_a}
        assert {e.args[0] for e in pd_b.all(5, "queued")} == {job_b}
        assert pd_a.errors() == [] and pd_b.errors() == []


def test_a_ready_for_another_slot_is_not_loaded_and_hold_defers_the_reload(tmp_path):
    with start_daemon(tmp_path) as daemon:
        port = daemon.port
        with Pd(tmp_path, {"a": f"3 127.0.0.1 {port} {free_udp_port()}",
                           "b": f"4 127.0.0.1 {port} {free_udp_port()}"}) as pd:
            pd.wait(3, "registered")
            pd.wait(4, "registered")
            job = generate(pd, "a", 3, "sine for slot three", 0.5)
            assert_loaded(pd, daemon, 3, job)
            assert ready_args(pd.wait(4, "heard-ready", job))["slot"] == "3"
            assert pd.all(4, "loaded") == []  # slot 4 ignored the take for slot 3
            # hold: the ready for slot 4 is only reported; the reload waits for the release
            pd.send("b", "hold 1")
            job_b = generate(pd, "b", 4, "sweep held back", 0.5)
            pd.wait(4, "heard-ready", job_b, timeout=30)
            held = pd.wait(4, "held")
            assert held.args == [str(daemon.slots / "output04.wav")]
            assert pd.all(4, "loaded") == []
            pd.send("b", "hold 0")
            loaded = pd.wait(4, "loaded")
            assert int(loaded.args[0]) == sf.info(held.args[0]).frames
            assert pd.wait(4, "holds").args == ["testsignal", "sweep held back"]
            assert len(pd.all(3, "loaded")) == 1 and len(pd.all(4, "loaded")) == 1
            assert pd.errors() == []


def test_a_twin_started_later_loads_what_its_slot_holds_already(tmp_path):
    """A take published before the twin opened (a patch reopened, another client's prompt):
    on registering the twin asks /frag/slot/query and loads the slot's file."""
    prompt = "made before the twin opened"
    with start_daemon(tmp_path) as daemon, daemon.client() as client:
        client.send("/frag/generate", "early", 4, prompt, "engine", ENGINE, "seconds", 0.75)
        assert collect(client, "early")[-1][0] == "/frag/ready"
        path = daemon.slots / "output04.wav"
        with Pd(tmp_path, {"a": f"4 127.0.0.1 {daemon.port} {free_udp_port()}",
                           "b": f"7 127.0.0.1 {daemon.port} {free_udp_port()}"}) as pd:
            loaded = pd.wait(4, "loaded")
            assert loaded.args[1] == str(path) and int(loaded.args[0]) == sf.info(path).frames
            assert pd.wait(4, "holds").args == [ENGINE, prompt]
            pd.wait(7, "registered")
            time.sleep(0.5)  # slot 7 holds nothing: its twin loads nothing
            assert pd.all(7, "loaded") == [] and len(pd.all(4, "loaded")) >= 1
            assert pd.errors() == []


def test_the_twin_registers_again_after_a_daemon_restart(tmp_path):
    port = free_udp_port()
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    first = Daemon(tmp_path / "first", osc={"port": port}, engines__piper={"preload": False})
    second = Daemon(tmp_path / "second", osc={"port": port}, engines__piper={"preload": False})
    with first, Pd(tmp_path, {"a": f"6 127.0.0.1 {port} {free_udp_port()}"}) as pd:
        pd.wait(6, "registered")
        first.stop()
        assert pd.wait(6, "state", "QUITTING").args[0] == "QUITTING"
        with second:
            # the hello sent every 5 s reaches the new daemon
            pd.wait(6, "registered", timeout=15)
            job = generate(pd, "a", 6, "sine after the restart", 0.5)
            assert_loaded(pd, second, 6, job)
        assert pd.errors() == []


def test_opened_on_its_own_it_uses_the_default_arguments(tmp_path):
    """No arguments: slot 1, daemon 127.0.0.1:9178, reply port 9301 (nothing need answer)."""
    patch = TWIN_DIR / "fragment-slot.pd"
    proc = subprocess.run([require_pd(), "-nogui", "-nosound", "-nomidi", "-noprefs", "-nrt",
                           "-open", str(patch), "-send", "pd quit"],
                          capture_output=True, text=True, timeout=30)
    lines = [l for l in proc.stderr.splitlines() if l.startswith(PREFIX)]
    assert lines[0] == PREFIX + "slot 1 start host 127.0.0.1 port 9178 reply 9301", proc.stderr
    assert "error" not in proc.stderr.replace("fragment-slot: slot 1", ""), proc.stderr


def test_next_swaps_in_the_slots_next_variation_and_the_verdict_is_shown(tmp_path):
    with start_daemon(tmp_path) as daemon, daemon.client() as client:
        with Pd(tmp_path, {"a": f"5 127.0.0.1 {daemon.port} {free_udp_port()}"}) as pd:
            pd.wait(5, "registered")
            client.send("/frag/generate", "vars", 5, "pink", "engine", ENGINE, "seconds", 0.5,
                        "variations", 2)
            first = ready_args(pd.wait(5, "heard-ready", "vars", timeout=30))
            pd.wait(5, "loaded")
            verdict = pd.wait(5, "quality")
            assert verdict.args[0] == first["take"] and 0 <= float(verdict.args[1]) <= 100
            daemon.wait_log("2 variations ranked for slot 5")
            pd.send("a", "next")  # answered by a ready (id "") like any other
            loaded = pd.wait(5, "loaded", timeout=10)
            assert int(loaded.args[0]) == sf.info(daemon.slots / "output05.wav").frames
            again = pd.wait(5, "quality")
            assert again.args[0] != first["take"]  # the other take, with its own verdict
            assert pd.errors() == []
