"""Render the config schema: the effective config as commented TOML, and docs/config.md.

The shipped ``config.toml`` is ``render_toml(defaults)``; a test keeps them equal, so the
file a performer edits always documents every key with its default.
"""

from __future__ import annotations

import json
from typing import Any

from daemon.config import ENGINE_FIELDS, SCHEMA, Config, DEFAULT_ENGINES, Field, validate
from engines.registry import ENGINES, engine_class

HEADER = """\
# fragmentd configuration. Every key is optional: a missing key takes the default shown.
# Check it with `fragmentd config`; the daemon refuses to start on an invalid file and
# reports every problem with its key path. Edits made while the daemon runs are applied
# where that is safe (post-processing, queue, engine defaults) and reported otherwise.
"""


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _lines_for(fields: tuple[Field, ...], values: dict, where: str, errors: list[str],
               shown: set[str]) -> list[str]:
    lines = []
    for f in fields:
        lines.append(f"# {f.doc}" + ("" if f.live else " (restart to change)"))
        lines.append(f"{f.key} = {toml_value(values[f.key])}")
        mine = [e for e in errors if e.split(":", 1)[0] == f"{where}.{f.key}"]
        lines += [f"# ERROR: {e}" for e in mine]
        shown.update(mine)
    return lines


def render_toml(config: Config | None = None) -> str:
    """The effective config as TOML, every key documented, errors inline as ``# ERROR:``."""
    config = config or validate({})
    errors, shown = config.errors, set()
    out = [HEADER]
    for section, fields in SCHEMA.items():
        out.append(f"[{section}]")
        out += _lines_for(fields, config.section(section), section, errors, shown)
        out.append("")
    for name in ENGINES:
        cls, eng = engine_class(name), config.engines[name]
        out += [f"[engines.{name}]", f"# {cls.summary}"]
        values = {"enabled": eng.enabled, "python": eng.python, "device": eng.device,
                  "preload": eng.preload, "memory_gb": eng.memory_gb,
                  "max_seconds": eng.max_seconds, **eng.settings}
        fields = ENGINE_FIELDS + tuple(Field(p.name, p.kind, p.default, p.doc) for p in cls.settings)
        out += _lines_for(fields, values, f"engines.{name}", errors, shown)
        out += ["", f"[engines.{name}.defaults]",
                "# Per-prompt parameters; a prompt's own key value pairs override these."]
        for p in cls.params:
            value = eng.defaults.get(p.name, p.default)
            line = f"{p.name} = {toml_value(value)}" if value is not None else f"{p.name} ="
            out += [f"# {p.doc}", line if p.name in eng.defaults else "# " + line]
        mine = [e for e in errors if e.startswith(f"engines.{name}.defaults")]
        out += [f"# ERROR: {e}" for e in mine]
        shown.update(mine)
        out.append("")
    out += _scenes_toml(config.scenes)
    rest = [e for e in errors if e not in shown]
    if rest:
        out.append("# ERRORS not tied to a key shown above:")
        out += [f"# ERROR: {e}" for e in rest]
    return "\n".join(out).rstrip() + "\n"


SCENE_EXAMPLE = """\
# Scenes for /frag/mix and `fragmentd mix NAME` (docs/mixes.md); a scene may also be a file.
# [scenes.storm]
# seconds = 30.0
# target_lufs = -16.0
# [[scenes.storm.layer]]
# prompt = "steady rain on a tin roof"
# engine = "stable-audio"
# seconds = 30.0
# gain_db = -2.0
# loop = true
# [[scenes.storm.layer]]
# prompt = "distant thunder"
# gain_db = -6.0
# pan = 0.4
# start_s = 8.0"""


def _scenes_toml(scenes: dict[str, Any]) -> list[str]:
    """The scenes of config.toml as tables, or a commented example when there are none."""
    if not scenes:
        return SCENE_EXAMPLE.splitlines() + [""]
    from fragments.mix import scene_toml

    out = []
    for name, scene in scenes.items():
        table = f"scenes.{name}" if name.replace("_", "").replace("-", "").isalnum() \
            else f'scenes."{name}"'
        out.append(f"[{table}]")
        for line in scene_toml(scene).splitlines():
            if line.startswith("#") or line.startswith("name ="):
                continue
            out.append(f"[[{table}.layer]]" + line[len("[[layer]]"):]
                       if line.startswith("[[layer]]") else line)
        out.append("")
    return out


def render_markdown() -> str:
    """docs/config.md, generated from the schema."""
    out = ["# config.toml reference", "",
           "Generated from `daemon/config.py` by `fragmentd docs config`; do not edit by hand.",
           "Relative folders are resolved from the config file's folder; `~` is your home.",
           "Keys marked *live* are applied when the file is saved while the daemon runs;",
           "the others are reported as needing a restart.", ""]
    for section, fields in SCHEMA.items():
        out += [f"## [{section}]", "", "| key | type | default | live | meaning |",
                "|---|---|---|---|---|"]
        out += [_row(f) for f in fields]
        out.append("")
    out += ["## [engines.<name>]", "", "Common keys of every engine:", "",
            "| key | type | default | live | meaning |", "|---|---|---|---|---|"]
    out += [_row(f) for f in ENGINE_FIELDS]
    out += ["", "Enabled in a fresh config: " + ", ".join(
        f"`{n}` (preload {'on' if v['preload'] else 'off'})" for n, v in DEFAULT_ENGINES.items()),
        ""]
    for name in ENGINES:
        cls = engine_class(name)
        out += [f"### {name}", "", cls.summary, ""]
        if cls.settings:
            out += [f"Settings in `[engines.{name}]`:", "", "| key | type | default | meaning |",
                    "|---|---|---|---|"]
            out += [f"| `{p.name}` | {p.kind.__name__} | `{toml_value(p.default)}` | {p.doc} |"
                    for p in cls.settings]
            out.append("")
        out += [f"Per-prompt parameters (defaults in `[engines.{name}.defaults]`, live):", "",
                "| key | type | default | range | meaning |", "|---|---|---|---|---|"]
        out += [f"| `{p.name}` | {p.kind.__name__} | {_default(p.default)} | {_range(p)} | "
                f"{p.doc} |" for p in cls.params]
        out.append("")
    return "\n".join(out)


def _default(value: Any) -> str:
    return "(engine's own)" if value is None else f"`{toml_value(value)}`"


def _range(p: Any) -> str:
    if getattr(p, "choices", None):
        return ", ".join(p.choices)
    lo = "" if p.min is None else f"{p.min:g}"
    hi = "" if p.max is None else f"{p.max:g}"
    return f"{lo}..{hi}" if lo or hi else ""


def _row(f: Field) -> str:
    kind = "list of strings" if f.kind is list else f.kind.__name__
    return (f"| `{f.key}` | {kind} | `{toml_value(f.default)}` | {'yes' if f.live else 'no'} | "
            f"{f.doc}" + (f" ({_range(f)})" if _range(f) else "") + " |")
