"""Tests of engines that run in their own venv: find its interpreter, run code under it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class OwnVenv:
    """``.venv-<engine>`` built by ``scripts/setup-engine.sh <setup>``; missing → a failing test."""

    def __init__(self, folder: str, setup: str, who: str) -> None:
        self.path = ROOT / folder / "bin" / "python"
        self.setup = setup
        self.who = who

    def python(self) -> str:
        if not self.path.is_file():
            pytest.fail(f"{self.path} is missing: {self.who} run in their own venv. Run "
                        f"scripts/setup-engine.sh {self.setup} (scripts/setup.sh --test does)",
                        pytrace=False)
        return str(self.path)

    def run(self, code: str, *args: str) -> str:
        """Run ``code`` under the venv's interpreter at the repository root; its stdout."""
        done = subprocess.run([self.python(), "-c", code, *args], cwd=ROOT, capture_output=True,
                              text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, f"{code}\nfailed:\n{done.stderr[-4000:]}"
        return done.stdout
