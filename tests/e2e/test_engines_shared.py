"""One suite over every engine, through the running daemon, on tiny models in the real formats.

For each engine: its tiny model is built in code and saved the way a user's checkpoint is
stored, the daemon loads it through the user's path (config.toml settings), and a prompt over
OSC becomes a published slot file. Checked: length and sample rate as asked, progress, cancel,
and the same seed giving the same audio where the engine promises it.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import soundfile as sf

from tests.e2e.harness import Daemon, collect

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Case:
    engine: str
    tiny: str | None = None  # module under tests.engines.tiny with build(folder) -> settings
    python: str | None = None  # the engine's own interpreter (relative to the repo), if any
    seconds: float = 1.0
    fast: dict = field(default_factory=dict)  # per-prompt params for a quick take
    slow: dict = field(default_factory=dict)  # params for a take long enough to cancel
    prompt: str = "rain on a tin roof"
    deterministic: bool = True
    length_is_exact: bool = True  # False: seconds is a cap (Piper speaks the text)
    id: str = ""  # the test id, when one engine runs in two ways (musicgen's two backends)


CASES = [
    Case("testsignal", slow={"seconds": 300.0}, prompt="pink"),
    Case("piper", prompt="Rain on a tin roof.", seconds=5.0, length_is_exact=False,
         slow={"seconds": 600.0}),
    Case("audioldm2", tiny="audioldm2", fast={"steps": 2}, slow={"steps": 900}),
    Case("stable-audio", tiny="stable_audio", python=".venv-stable-audio/bin/python",
         fast={"steps": 4}, slow={"steps": 1000}),
    Case("musicgen", tiny="musicgen", slow={"seconds": 30.0}, id="musicgen-transformers"),
    Case("musicgen", tiny="musicgen_audiocraft", python=".venv-audiocraft/bin/python",
         slow={"seconds": 30.0}, id="musicgen-audiocraft"),
    Case("audiogen", tiny="audiogen", python=".venv-audiocraft/bin/python",
         fast={"top_k": 50}, slow={"seconds": 60.0}),
    Case("magnet", tiny="magnet", python=".venv-audiocraft/bin/python",
         fast={"decoding_steps": "3,2,2,2"}, slow={"decoding_steps": "1000,1000,1000,1000"}),
]


def build_tiny(case: Case, folder: Path) -> dict:
    """Build the engine's tiny model with the interpreter the engine runs under."""
    if case.tiny is None:
        return {}
    python = str(ROOT / case.python) if case.python else sys.executable
    code = ("import json, sys; from pathlib import Path; "
            f"from tests.engines.tiny.{case.tiny} import build; "
            "print(json.dumps(build(Path(sys.argv[1]))))")
    out = subprocess.run([python, "-c", code, str(folder)], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
    assert out.returncode == 0, f"building the tiny {case.engine} model failed:\n{out.stderr}"
    return json.loads(out.stdout.strip().splitlines()[-1])


def raw_take(daemon: Daemon, take: int) -> dict:
    con = sqlite3.connect(daemon.archive / "index.sqlite")
    con.row_factory = sqlite3.Row
    try:
        return dict(con.execute("SELECT * FROM takes WHERE take = ?", (take,)).fetchone())
    finally:
        con.close()


def flat(params: dict) -> list:
    return [item for pair in params.items() for item in pair]


@pytest.mark.parametrize("case", CASES, ids=[c.id or c.engine for c in CASES])
def test_engine_through_the_daemon(case: Case, tmp_path: Path) -> None:
    settings = build_tiny(case, tmp_path / "model")
    if case.python:
        python = ROOT / case.python
        venv = case.python.split("/")[0].removeprefix(".venv-")
        assert python.exists(), (f"{python} is missing: run scripts/setup-engine.sh "
                                 f"{venv} (scripts/test.sh does)")
        settings["python"] = str(python)
    engine_section = {f"engines__{case.engine}": {"enabled": True, "preload": True, **settings}}
    with Daemon(tmp_path, **engine_section) as daemon, daemon.client() as client:
        def take(job: str, seed: int, **extra) -> list:
            params = {"engine": case.engine, "seconds": case.seconds, "seed": seed,
                      **case.fast, **extra}
            client.send("/frag/generate", job, 3, case.prompt, *flat(params))
            return collect(client, job, timeout=300)

        first = take("first", 11)
        assert first[-1][0] == "/frag/ready", first
        assert any(a == "/frag/progress" for a, _ in first)
        _, slot, path, seed, seconds, number, engine, prompt = first[-1][1]
        assert (slot, seed) == (3, 11) and path == str(daemon.slots / "output03.wav")
        assert (engine, prompt) == (case.engine, case.prompt)
        info = sf.info(path)
        assert info.samplerate == 44100 and info.channels == 2
        raw = raw_take(daemon, number)
        assert raw["engine"] == case.engine and raw["seed"] == 11
        raw_info = sf.info(raw["raw_path"])
        assert raw_info.samplerate == raw["raw_sample_rate"]
        if case.length_is_exact:
            assert abs(raw_info.duration - case.seconds) < 0.05, raw_info.duration
        else:
            assert 0 < raw_info.duration <= case.seconds + 0.01

        if case.deterministic:
            again = take("again", 11)
            other = take("other", 12)
            assert again[-1][0] == other[-1][0] == "/frag/ready"
            checksum = {job: raw_take(daemon, msgs[-1][1][5])["checksum"]
                        for job, msgs in (("again", again), ("other", other))}
            assert checksum["again"] == raw["checksum"] != checksum["other"]

        slow = {"engine": case.engine, "seconds": case.seconds, **case.fast, **case.slow}
        client.send("/frag/generate", "cancel-me", 4, case.prompt * 20, *flat(slow))
        client.wait_for(lambda a, v: a == "/frag/progress" and v[0] == "cancel-me", 120)
        client.send("/frag/cancel", "cancel-me")
        assert collect(client, "cancel-me")[-1] == ("/frag/cancelled", ["cancel-me", "request"])
        after = take("after", 13)
        assert after[-1][0] == "/frag/ready"  # the engine serves on after a cancel
