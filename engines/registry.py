"""Engine name → ``"module:Class"``; an engine's module is imported only when asked for.

Reading this table costs nothing: no engine module, and none of their heavy libraries, is
imported until :func:`engine_class` is called for that name. Adding an engine is one entry.
"""

from __future__ import annotations

import importlib

from engines.base import Engine, did_you_mean

ENGINES: dict[str, str] = {
    "piper": "engines.piper:PiperEngine",
    "testsignal": "engines.testsignal:TestSignalEngine",
    "stable-audio": "engines.stable_audio:StableAudioEngine",
    "audioldm2": "engines.audioldm2:AudioLDM2Engine",
    "musicgen": "engines.musicgen:MusicGenEngine",
    "audiogen": "engines.audiocraft_engines:AudioGenEngine",
    "magnet": "engines.audiocraft_engines:MagnetEngine",
}


def class_path(name: str) -> str:
    """The ``"module:Class"`` of engine ``name``; KeyError with a hint when there is none."""
    try:
        return ENGINES[name]
    except KeyError:
        raise KeyError(f"no engine named {name!r}{did_you_mean(name, ENGINES)}; "
                       f"engines: {', '.join(sorted(ENGINES))}") from None


def engine_class(name: str) -> type[Engine]:
    """Import and return the class of engine ``name`` (its module imports only stdlib + numpy)."""
    return load_class(class_path(name))


def load_class(path: str) -> type[Engine]:
    """Import ``"module:Class"`` and check that it is an :class:`Engine`."""
    module_name, _, attr = path.partition(":")
    if not module_name or not attr:
        raise ValueError(f"engine class path must look like 'module:Class', got {path!r}")
    cls = getattr(importlib.import_module(module_name), attr)
    if not (isinstance(cls, type) and issubclass(cls, Engine)):
        raise TypeError(f"{path} is not an engines.base.Engine subclass")
    return cls
