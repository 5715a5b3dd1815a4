"""The registry imports an engine (and its heavy libraries) only when asked for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from engines.base import Engine
from engines.registry import ENGINES, engine_class, load_class

ROOT = Path(__file__).resolve().parents[2]


def modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_the_registry_imports_no_engine():
    loaded = modules_after("import engines.registry")
    assert not {"engines.piper", "engines.testsignal", "piper", "onnxruntime", "onnx", "scipy"} & loaded


def test_engine_modules_import_only_stdlib_and_numpy():
    loaded = modules_after("from engines.registry import engine_class\n"
                           "engine_class('piper'); engine_class('testsignal')")
    assert {"engines.piper", "engines.testsignal"} <= loaded
    assert not {"piper", "onnxruntime", "onnx", "scipy"} & loaded


def test_every_entry_is_an_engine_with_its_name():
    for name in ENGINES:
        cls = engine_class(name)
        assert issubclass(cls, Engine) and cls.name == name


def test_unknown_name_says_did_you_mean():
    with pytest.raises(KeyError, match="did you mean 'piper'"):
        engine_class("pipr")
    with pytest.raises(KeyError, match="no engine named 'zzz'"):
        engine_class("zzz")


def test_class_path_must_name_an_engine():
    with pytest.raises(ValueError, match="module:Class"):
        load_class("engines.piper")
    with pytest.raises(TypeError, match="not an engines.base.Engine"):
        load_class("engines.base:Param")
