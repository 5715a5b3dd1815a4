"""Start the real daemon (the installed `fragmentd serve`) as a subprocess and talk real OSC."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from daemon.configdoc import toml_value
from osc.client import OscClient

FRAGMENTD = Path(sys.executable).parent / "fragmentd"
LISTENING = re.compile(r"listening for OSC on udp (\S+):(\d+)")


def write_config(path: Path, sections: dict) -> Path:
    lines = []
    for section, values in sections.items():
        lines.append(f"[{section}]")
        lines += [f"{k} = {toml_value(v)}" for k, v in values.items()]
        lines.append("")
    path.write_text("\n".join(lines))
    return path


class Daemon:
    """One `fragmentd serve` process with its own folders under ``root``."""

    def __init__(self, root: Path, **overrides: dict) -> None:
        self.root = root
        self.slots = root / "slots"
        self.archive = root / "archive"
        sections = {
            "daemon": {"shutdown_timeout_s": 5.0, "health_interval_s": 0.5, "hang_timeout_s": 5.0},
            "osc": {"port": 0},
            "fragments": {"folder": str(self.slots), "archive": str(self.archive)},
            "engines.piper": {"enabled": True, "preload": True},
            "engines.testsignal": {"enabled": True, "preload": False},
        }
        for section, values in overrides.items():
            sections.setdefault(section.replace("__", "."), {}).update(values)
        self.config_path = write_config(root / "config.toml", sections)
        self.log_path = root / "daemon.log"
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.lines: list[str] = []

    def start(self, timeout: float = 60.0) -> "Daemon":
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [str(FRAGMENTD), "serve", "--config", str(self.config_path)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        found = threading.Event()
        threading.Thread(target=self._drain, args=(found,), daemon=True).start()
        if not found.wait(timeout) or not self.port:
            self.kill()
            raise RuntimeError(f"daemon did not start listening (exit code "
                               f"{self.proc.poll()}):\n{self.log()}")
        self.wait_state("WARM", timeout)
        return self

    def _drain(self, found: threading.Event) -> None:
        with open(self.log_path, "a") as log:
            for line in self.proc.stdout:
                log.write(line)
                log.flush()
                self.lines.append(line)
                match = LISTENING.search(line)
                if match and not found.is_set():
                    self.port = int(match.group(2))
                    found.set()
        found.set()  # the daemon ended before listening: start() reports it now, not in 60 s

    def log(self) -> str:
        return "".join(self.lines)

    def wait_log(self, needle: str, timeout: float = 30.0) -> None:
        """Wait until the daemon's log says ``needle``."""
        deadline = time.monotonic() + timeout
        while needle not in self.log():
            if time.monotonic() > deadline:
                raise TimeoutError(f"the daemon never logged {needle!r}:\n{self.log()}")
            time.sleep(0.05)

    def client(self, register: bool = True) -> OscClient:
        client = OscClient("127.0.0.1", self.port)
        if register:
            client.hello()
        return client

    def status(self) -> list:
        with self.client(register=False) as c:
            c.send("/frag/status")
            return c.wait_for(lambda a, v: a == "/frag/status/reply", 5.0)[1]

    def wait_state(self, state: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"daemon exited with {self.proc.returncode}:\n{self.log()}")
            try:
                last = self.status()[0]
            except TimeoutError:
                last = None
            if last == state:
                return
            time.sleep(0.1)
        raise TimeoutError(f"daemon state stayed {last!r}, wanted {state!r}:\n{self.log()}")

    def worker_pids(self) -> list[int]:
        """Engine worker processes: children of the daemon running engines.worker."""
        pids = []
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            for pid in (task / "children").read_text().split():
                try:
                    cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                except FileNotFoundError:
                    continue
                if b"engines.worker" in cmd:
                    pids.append(int(pid))
        return pids

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> "Daemon":
        return self.start()

    def __exit__(self, *exc) -> None:
        try:
            self.stop()
        finally:
            self.kill()


def collect(client: OscClient, job_id: str, timeout: float = 60.0) -> list[tuple[str, list]]:
    """Every message about ``job_id`` until its final one (ready, error or cancelled)."""
    seen = []
    final = ("/frag/ready", "/frag/error", "/frag/cancelled")
    while True:
        address, args = client.wait_for(lambda a, v: bool(v) and v[0] == job_id, timeout)
        seen.append((address, args))
        if address in final:
            return seen
