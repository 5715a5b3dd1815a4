"""config.toml: one schema in code gives defaults, validation, docs and the shipped file.

The file is validated as a whole: every problem is reported with its key path and a hint
(``fragments.fade_ms: unknown key; did you mean 'fade_in_ms'?``), and the daemon refuses to
start on an invalid file. ``fragmentd config`` prints the effective config with errors inline.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engines.base import Param, did_you_mean
from engines.registry import ENGINES, engine_class


@dataclass(frozen=True)
class Field:
    """One config key: type, default, documentation, and whether a live reload may change it."""

    key: str
    kind: type  # bool, int, float, str or list (of str)
    default: Any
    doc: str
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] | None = None
    live: bool = False  # True: applied on reload without a restart

    def coerce(self, value: Any) -> Any:
        if self.kind is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"expected a list of strings, got {value!r}")
            return list(value)
        param = Param(self.key, self.kind, self.default, self.doc, self.min, self.max, self.choices)
        try:
            if self.kind is bool and not isinstance(value, bool):
                raise ValueError(f"expected true or false, got {value!r}")
            if self.kind is str and self.choices is None and not isinstance(value, str):
                raise ValueError(f"expected a string, got {value!r}")
            return param.coerce(value)
        except ValueError as exc:
            raise ValueError(str(exc).removeprefix(f"{self.key} ")) from None


SCHEMA: dict[str, tuple[Field, ...]] = {
    "daemon": (
        Field("default_engine", str, "piper", "Engine used when a prompt names none.", live=True),
        Field("log_level", str, "info", "Logging level.", choices=("debug", "info", "warning", "error"),
              live=True),
        Field("queue_size", int, 32, "Most jobs waiting at once; a full queue answers queue_full.",
              min=1, max=10_000, live=True),
        Field("supersede_same_slot", bool, True,
              "A newer prompt for a slot replaces an older one still waiting for that slot.", live=True),
        Field("take_timeout_s", float, 300.0, "A take running longer is stopped and reported.",
              min=1, live=True),
        Field("shutdown_timeout_s", float, 10.0,
              "On SIGINT/SIGTERM the running take may finish this long, then it is cancelled.",
              min=0, live=True),
        Field("health_interval_s", float, 2.0, "How often engine workers are pinged.", min=0.05),
        Field("hang_timeout_s", float, 15.0,
              "A worker that answers no ping for this long is killed and restarted.", min=0.2),
        Field("watch_config", bool, True, "Apply edits of this file while running, where safe."),
        Field("gpu_memory_budget_gb", float, 0.0,
              "Most GPU memory the warm engines of one GPU may use together; 0: no budget, "
              "only the GPU's free memory counts. Least recently used engines are unloaded to "
              "make room.", min=0, live=True),
        Field("prepare_ahead", int, 1,
              "A slot filled with variations keeps this many not yet heard: when Next reaches "
              "the last, another take is made in the offline lane while nothing else waits "
              "(a live prompt stops it). 0: never.", min=0, max=8, live=True),
        Field("idle_unload_s", float, 0.0,
              "Unload an engine unused this long (0: never). The default engine and preloaded "
              "engines stay warm.", min=0, live=True),
    ),
    "osc": (
        Field("host", str, "127.0.0.1",
              "Address to listen on. 0.0.0.0 listens on every interface: then set allow."),
        Field("port", int, 9178, "UDP port for requests.", min=0, max=65535),
        Field("allow", list, ["127.0.0.0/8", "::1"],
              "Client addresses or networks (CIDR) whose datagrams are answered; others are dropped.",
              live=True),
        Field("max_packet_bytes", int, 8192, "Larger datagrams are refused with too_large.",
              min=256, max=65507),
        Field("max_clients", int, 32, "Most registered reply ports (/frag/hello).", min=1, max=1024),
        Field("client_timeout_s", float, 0.0,
              "Drop a registered client not heard from (/frag/hello) for this long; 0: never. The "
              "slot devices re-send hello every 5 s, so 30 suits a rig of only those.",
              min=0.0, max=86400.0),
    ),
    "fragments": (
        Field("folder", str, "~/fragmentd/slots",
              "Folder of the slot files output01.wav ... (relative paths: from this file's folder)."),
        Field("archive", str, "~/fragmentd/archive",
              "Folder of every raw take (output001.wav ...) and the index.sqlite."),
        Field("slot_count", int, 8, "Number of slots in the ring.", min=1, max=999),
        Field("silence_threshold_db", float, -40.0,
              "Leading and trailing audio quieter than this (dBFS) is trimmed.", min=-120, max=0,
              live=True),
        Field("trim_pad_ms", float, 20.0, "Kept before the first and after the last sound.",
              min=0, max=2000, live=True),
        Field("fade_in_ms", float, 10.0, "Fade-in length.", min=0, max=10_000, live=True),
        Field("fade_out_ms", float, 10.0, "Fade-out length.", min=0, max=10_000, live=True),
        Field("loudness", str, "lufs",
              "lufs: integrated loudness to target_lufs under a true-peak ceiling; "
              "peak: sample peak to peak_db; off: levels untouched.",
              choices=("lufs", "peak", "off"), live=True),
        Field("target_lufs", float, -14.0, "Loudness target in LUFS (loudness = lufs).",
              min=-70, max=0, live=True),
        Field("true_peak_db", float, -1.0, "True-peak ceiling in dBTP (loudness = lufs).",
              min=-30, max=0, live=True),
        Field("peak_db", float, -1.0, "Sample peak target in dBFS (loudness = peak).",
              min=-60, max=0, live=True),
        Field("sample_rate", int, 44100, "Sample rate of published fragments.",
              min=8000, max=192_000, live=True),
        Field("channels", int, 2, "2: stereo (mono duplicated), 1: mono, 0: keep the take's.",
              min=0, max=2, live=True),
        Field("bit_depth", int, 24, "16 (TPDF-dithered) or 24-bit PCM WAV.", min=16, max=24,
              live=True),
        Field("loop_crossfade_ms", float, 50.0,
              "Wrap-around crossfade of a fragment asked for with loop = true: the end is "
              "blended into the start so the loop has no click.", min=1, max=2000, live=True),
        Field("long_form_overlap_s", float, 2.0,
              "Takes longer than an engine can make are generated in segments that overlap by "
              "this much and are joined with equal-power crossfades.", min=0.1, max=30, live=True),
    ),
    "quality": (
        Field("min_score", float, 0.0,
              "Takes scoring below this (0-100: clipping, silence, hiss, noise) are made again "
              "with a new seed, up to retries times; the best take is published. 0: never "
              "retry (every take is still scored, archived with its score and pushed as "
              "/frag/quality). A retry costs a whole generation: 40 catches broken takes.",
              min=0, max=100, live=True),
        Field("retries", int, 2, "Most extra takes the gate asks for per prompt.", min=0, max=8,
              live=True),
    ),
    "panel": (
        Field("enabled", bool, False, "Serve the web panel (also: fragmentd serve --panel)."),
        Field("host", str, "127.0.0.1",
              "Address the panel listens on. Anything but loopback needs a password."),
        Field("port", int, 9179, "TCP port of the panel (http://host:port/).", min=0, max=65535),
        Field("password", str, "",
              "Password of the panel (user: fragmentd); required when host is not loopback."),
    ),
    "preview": (
        Field("device", str, "",
              "Output device for previews: a name (or part of one) or an index from "
              "fragmentd devices; empty: the system default output.", live=True),
        Field("level_db", float, -6.0, "Preview level in dB (0: as published).", min=-60, max=6,
              live=True),
    ),
}

ENGINE_FIELDS: tuple[Field, ...] = (
    Field("enabled", bool, False, "Start this engine's worker; disabled engines refuse prompts."),
    Field("python", str, "",
          "Interpreter for this engine's worker; empty: the daemon's own. Lets an engine "
          "live in its own virtual environment."),
    Field("device", str, "cpu", "Device the model runs on (cpu, cuda, cuda:1, ...)."),
    Field("preload", bool, False, "Load the model at start, so the first prompt finds it warm."),
    Field("memory_gb", float, 0.0,
          "Expected GPU memory when loaded, for the warm pool; 0: the engine's own estimate.",
          min=0),
    Field("max_seconds", float, 0.0,
          "Longest take asked of this engine at once (0: the engine's own maximum); a longer "
          "prompt is made in segments joined with crossfades (fragments.long_form_overlap_s).",
          min=0, max=3600),
)

# Engines enabled in a fresh config: Piper (CPU, voice from PyPI) and the sound-check signals.
DEFAULT_ENGINES: dict[str, dict[str, Any]] = {
    "piper": {"enabled": True, "preload": True},
    "testsignal": {"enabled": True, "preload": False},
}


@dataclass(frozen=True)
class EngineConfig:
    name: str
    enabled: bool
    python: str
    device: str
    preload: bool
    memory_gb: float
    settings: dict[str, Any]  # the engine's own keys (e.g. piper's voice)
    defaults: dict[str, Any]  # per-prompt parameter defaults from [engines.<name>.defaults]
    max_seconds: float = 0.0  # 0: the engine's own maximum


@dataclass
class Config:
    """The effective configuration; ``errors`` is empty when the file is valid."""

    daemon: dict[str, Any]
    osc: dict[str, Any]
    fragments: dict[str, Any]
    engines: dict[str, EngineConfig]
    path: Path | None = None
    panel: dict[str, Any] = field(default_factory=dict)
    preview: dict[str, Any] = field(default_factory=dict)
    quality: dict[str, Any] = field(default_factory=lambda: {
        f.key: f.default for f in SCHEMA["quality"]})
    scenes: dict[str, Any] = field(default_factory=dict)  # name -> fragments.mix.Scene
    errors: list[str] = field(default_factory=list)

    def folder(self, key: str) -> Path:
        """fragments.folder or fragments.archive as an absolute path."""
        path = Path(os.path.expanduser(self.fragments[key]))
        if not path.is_absolute():
            base = self.path.parent if self.path else Path.cwd()
            path = base / path
        return path.resolve()

    def engine_python(self, name: str) -> str | None:
        """engines.<name>.python as a runnable path: relative paths from this file's folder."""
        python = self.engines[name].python
        if not python:
            return None
        path = Path(os.path.expanduser(python))
        if "/" not in python or path.is_absolute():
            return str(path) if "/" in python else python  # a bare name is looked up on PATH
        base = self.path.parent if self.path else Path.cwd()
        return str((base / path).absolute())

    def section(self, name: str) -> dict[str, Any]:
        return getattr(self, name)


class ConfigError(Exception):
    """The file is invalid; ``errors`` lists every problem with its key path."""

    def __init__(self, errors: list[str], path: Path | None = None) -> None:
        self.errors = errors
        where = f" in {path}" if path else ""
        super().__init__(f"{len(errors)} problem(s){where}:\n  " + "\n  ".join(errors))


def _check_keys(where: str, specs: dict[str, Any], given: dict, errors: list[str],
                list_known: bool = False) -> dict:
    """Coerce each given key with its spec (a Field or a Param); record every problem."""
    values: dict[str, Any] = {}
    for key, value in given.items():
        spec = specs.get(key)
        if spec is None:
            known = f" (known: {', '.join(specs) or 'none'})" if list_known else ""
            errors.append(f"{where}.{key}: unknown key{did_you_mean(key, specs)}{known}")
            continue
        try:
            values[key] = spec.coerce(value)
        except ValueError as exc:
            errors.append(f"{where}.{key}: {exc}")
    return values


def _check_section(name: str, fields: tuple[Field, ...], given: Any, errors: list[str]) -> dict:
    values = {f.key: f.default for f in fields}
    if not isinstance(given, dict):
        errors.append(f"{name}: expected a table [{name}], got {given!r}")
        return values
    values.update(_check_keys(name, {f.key: f for f in fields}, given, errors))
    return values


def _check_params(where: str, params: tuple[Param, ...], given: Any, errors: list[str]) -> dict:
    if not isinstance(given, dict):
        errors.append(f"{where}: expected a table, got {given!r}")
        return {}
    return _check_keys(where, {p.name: p for p in params}, given, errors, list_known=True)


def _check_engine(name: str, given: Any, errors: list[str]) -> EngineConfig:
    where = f"engines.{name}"
    given = dict(given) if isinstance(given, dict) else given
    cls = engine_class(name)
    defaults = given.pop("defaults", {}) if isinstance(given, dict) else {}
    base = {**{f.key: f.default for f in ENGINE_FIELDS}, **DEFAULT_ENGINES.get(name, {})}
    fields = tuple(Field(f.key, f.kind, base[f.key], f.doc) for f in ENGINE_FIELDS)
    fields += tuple(Field(p.name, p.kind, p.default, p.doc, p.min, p.max, p.choices)
                    for p in cls.settings)  # the engine's own keys, e.g. piper's voice
    values = _check_section(where, fields, given, errors)
    settings = {p.name: values[p.name] for p in cls.settings}
    return EngineConfig(name, values["enabled"], values["python"], values["device"],
                        values["preload"], values["memory_gb"], settings,
                        _check_params(f"{where}.defaults", cls.params, defaults, errors),
                        values["max_seconds"])


def _check_scenes(given: Any, errors: list[str]) -> dict[str, Any]:
    """[scenes.<name>] tables (docs/mixes.md), each a scene as fragments.mix reads it."""
    from fragments.mix import parse_scene

    if not isinstance(given, dict):
        errors.append(f"scenes: expected tables [scenes.<name>], got {given!r}")
        return {}
    scenes = {}
    for name, table in given.items():
        if not isinstance(table, dict):
            errors.append(f"scenes.{name}: expected a table, got {table!r}")
            continue
        try:
            scenes[name] = parse_scene(table, name)
        except ValueError as exc:
            errors.append(f"scenes.{name}: {exc}")
    return scenes


def _check_cross(config: Config, errors: list[str]) -> None:
    default = config.daemon["default_engine"]
    if default not in config.engines:
        errors.append(f"daemon.default_engine: no engine named {default!r}"
                      f"{did_you_mean(default, config.engines)}")
    elif not config.engines[default].enabled:
        errors.append(f"daemon.default_engine: engine {default!r} is not enabled "
                      f"(set engines.{default}.enabled = true)")
    for entry in config.osc["allow"]:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            errors.append(f"osc.allow: {entry!r} is not an IP address or CIDR network")
    if config.fragments["bit_depth"] not in (16, 24):
        errors.append(f"fragments.bit_depth: must be 16 or 24, got {config.fragments['bit_depth']}")
    panel_host = config.panel["host"]
    if panel_host not in ("127.0.0.1", "localhost", "::1") and not config.panel["password"]:
        errors.append(f"panel.password: required when panel.host is {panel_host!r} (not "
                      "loopback): anyone on the network could otherwise send prompts")
    if config.folder("folder") == config.folder("archive"):
        errors.append("fragments.archive: must differ from fragments.folder "
                      "(slot files and archived takes share names)")


def validate(data: dict[str, Any], path: Path | None = None) -> Config:
    """Check a parsed TOML document; return the effective Config with ``errors`` filled in."""
    errors: list[str] = []
    for key in data:
        if key not in SCHEMA and key not in ("engines", "scenes"):
            errors.append(f"{key}: unknown section"
                          f"{did_you_mean(key, [*SCHEMA, 'engines', 'scenes'])}")
    sections = {name: _check_section(name, fields, data.get(name, {}), errors)
                for name, fields in SCHEMA.items()}
    given_engines = data.get("engines", {})
    if not isinstance(given_engines, dict):
        errors.append(f"engines: expected tables [engines.<name>], got {given_engines!r}")
        given_engines = {}
    engines = {}
    for name in ENGINES:
        engines[name] = _check_engine(name, given_engines.get(name, {}), errors)
    for name in given_engines:
        if name not in ENGINES:
            errors.append(f"engines.{name}: unknown engine{did_you_mean(name, ENGINES)} "
                          f"(known: {', '.join(ENGINES)})")
    config = Config(sections["daemon"], sections["osc"], sections["fragments"], engines, path,
                    panel=sections["panel"], preview=sections["preview"],
                    quality=sections["quality"], scenes=_check_scenes(data.get("scenes", {}), errors))
    _check_cross(config, errors)
    config.errors = errors
    return config


def load(path: Path | None) -> Config:
    """Read and validate ``path`` (None: built-in defaults). Raises ConfigError when invalid."""
    config = read(path)
    if config.errors:
        raise ConfigError(config.errors, path)
    return config


def read(path: Path | None) -> Config:
    """Like :func:`load` but returns the Config with its errors instead of raising."""
    if path is None:
        return validate({})
    path = Path(path).resolve()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        config = validate({}, path)
        config.errors.insert(0, f"{path}: file not found")
        return config
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        config = validate({}, path)
        config.errors.insert(0, f"{path}: not valid TOML: {exc}")
        return config
    return validate(data, path)


def find_config_file(explicit: str | None) -> Path | None:
    """--config, then $FRAGMENTD_CONFIG, then ./config.toml, then ~/.config/fragmentd/config.toml."""
    if explicit:
        return Path(explicit)
    if os.environ.get("FRAGMENTD_CONFIG"):
        return Path(os.environ["FRAGMENTD_CONFIG"])
    for candidate in (Path("config.toml"), Path("~/.config/fragmentd/config.toml").expanduser()):
        if candidate.is_file():
            return candidate
    return None


def flatten(config: Config) -> dict[str, Any]:
    """Every key path → value, for diffs between an old and a new config."""
    flat = {f"{s}.{k}": v for s in SCHEMA for k, v in config.section(s).items()}
    for name, eng in config.engines.items():
        for key in ("enabled", "python", "device", "preload", "memory_gb", "max_seconds"):
            flat[f"engines.{name}.{key}"] = getattr(eng, key)
        flat.update({f"engines.{name}.{k}": v for k, v in eng.settings.items()})
        flat.update({f"engines.{name}.defaults.{k}": v for k, v in eng.defaults.items()})
    return flat


def is_live(key_path: str) -> bool:
    """Whether a changed key can be applied without a restart."""
    if ".defaults." in key_path:
        return True
    section, _, key = key_path.partition(".")
    return any(f.key == key and f.live for f in SCHEMA.get(section, ()))
