"""Preview tests play through a real PortAudio on a test-owned ALSA null output (see alsa.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.preview.alsa import NullAlsa, portaudio_missing


@pytest.fixture(autouse=True)
def _portaudio_installed() -> None:
    if problem := portaudio_missing():
        pytest.fail(problem, pytrace=False)


@pytest.fixture
def alsa(tmp_path: Path) -> NullAlsa:
    return NullAlsa(tmp_path / "alsa")
