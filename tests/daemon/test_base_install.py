"""The base install (daemon, OSC, fragments, Piper) never needs torch; heavy engines are extras."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "diffusers", "transformers", "stable_audio_tools", "audiocraft")


def test_serving_with_the_default_engines_imports_no_heavy_library():
    code = ("import sys, daemon.app, daemon.cli, osc.server, fragments.publisher, "
            "engines.piper, engines.testsignal, engines.registry\n"
            "from engines.registry import ENGINES, engine_class\n"
            "for name in ENGINES: engine_class(name).params\n"  # schemas of every engine
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_base_dependencies_name_no_heavy_library():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    base = " ".join(project["dependencies"]).lower()
    assert not any(name.replace("_", "-") in base for name in HEAVY)
