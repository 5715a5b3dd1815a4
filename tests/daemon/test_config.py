"""config.toml: validation as a whole, key paths and hints, the shipped file, live reload merge."""

import subprocess
import sys
from pathlib import Path

import pytest

from daemon import config as configmod
from daemon.configdoc import render_markdown, render_toml
from daemon.reload import merge_live

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_defaults_are_valid_and_documented():
    config = configmod.validate({})
    assert config.errors == []
    assert config.osc["host"] == "127.0.0.1" and config.osc["port"] == 9178
    assert config.fragments["slot_count"] == 8
    assert config.fragments["silence_threshold_db"] == -40.0
    assert config.fragments["fade_in_ms"] == 10.0
    assert config.daemon["default_engine"] == "piper"
    assert config.engines["piper"].enabled and config.engines["piper"].preload


def test_shipped_config_toml_is_the_documented_defaults():
    shipped = (ROOT / "config.toml").read_text()
    assert shipped == render_toml(), "regenerate with: fragmentd config --defaults > config.toml"
    assert configmod.load(ROOT / "config.toml").errors == []


def test_docs_config_md_matches_the_schema():
    assert (ROOT / "docs" / "config.md").read_text() == render_markdown(), \
        "regenerate with: fragmentd docs config -o docs/config.md"


def test_every_error_is_reported_at_once_with_key_path_and_hint(tmp_path):
    path = write(tmp_path, """
[daemon]
default_engine = "pipr"
queue_size = -3
[osc]
port = "nine"
allow = ["10.0.0.0/8", "not-an-ip"]
[fragments]
fade_ms = 5
loudness = "lufz"
bit_depth = 20
[engines.piper]
enabld = true
[engines.piper.defaults]
length_scal = 1.0
[engines.stable]
enabled = true
[fragmnts]
""")
    with pytest.raises(configmod.ConfigError) as err:
        configmod.load(path)
    errors = err.value.errors
    text = "\n".join(errors)
    expected = [
        "daemon.default_engine: no engine named 'pipr'; did you mean 'piper'?",
        "daemon.queue_size: must be at least 1",
        "osc.port: must be a whole number",
        "osc.allow: 'not-an-ip' is not an IP address or CIDR network",
        "fragments.fade_ms: unknown key; did you mean 'fade_in_ms'?",
        "fragments.loudness: must be one of lufs, peak, off, got 'lufz'; did you mean 'lufs'?",
        "fragments.bit_depth: must be 16 or 24",
        "engines.piper.enabld: unknown key; did you mean 'enabled'?",
        "engines.piper.defaults.length_scal: unknown key; did you mean 'length_scale'?",
        "engines.stable: unknown engine",
        "fragmnts: unknown section; did you mean 'fragments'?",
    ]
    for fragment in expected:
        assert fragment in text, f"missing {fragment!r} in:\n{text}"


def test_invalid_toml_and_missing_file_are_errors(tmp_path):
    bad = write(tmp_path, "[daemon\nx=")
    assert "not valid TOML" in configmod.read(bad).errors[0]
    assert "file not found" in configmod.read(tmp_path / "nope.toml").errors[0]


def test_relative_folders_resolve_from_the_config_file(tmp_path):
    path = write(tmp_path, '[fragments]\nfolder = "slots"\narchive = "arch"\n')
    config = configmod.load(path)
    assert config.folder("folder") == (tmp_path / "slots").resolve()
    assert config.folder("archive") == (tmp_path / "arch").resolve()


def test_same_folder_for_slots_and_archive_is_refused(tmp_path):
    path = write(tmp_path, '[fragments]\nfolder = "x"\narchive = "x"\n')
    assert any("must differ" in e for e in configmod.read(path).errors)


def test_a_panel_bound_beyond_loopback_needs_a_password(tmp_path):
    wide = write(tmp_path, '[panel]\nhost = "0.0.0.0"\n')
    assert any(e.startswith("panel.password: required when panel.host is '0.0.0.0'")
               for e in configmod.read(wide).errors)
    guarded = write(tmp_path, '[panel]\nhost = "0.0.0.0"\npassword = "s3cret"\n')
    assert configmod.read(guarded).errors == []
    assert configmod.read(write(tmp_path, "[panel]\nenabled = true\n")).errors == []


def test_disabled_default_engine_is_refused(tmp_path):
    path = write(tmp_path, '[engines.piper]\nenabled = false\n')
    assert any("'piper' is not enabled" in e for e in configmod.read(path).errors)


def test_render_shows_errors_inline_next_to_the_key(tmp_path):
    path = write(tmp_path, "[fragments]\nslot_count = 0\n")
    text = render_toml(configmod.read(path))
    lines = text.splitlines()
    i = lines.index("slot_count = 8")  # the default stays in force
    assert lines[i + 1].startswith("# ERROR: fragments.slot_count: must be at least 1")


def test_rendered_config_round_trips(tmp_path):
    path = write(tmp_path, '[fragments]\nslot_count = 4\n[engines.piper.defaults]\nlength_scale = 1.3\n')
    config = configmod.load(path)
    again = configmod.load(write(tmp_path, render_toml(config)))
    assert configmod.flatten(again) == configmod.flatten(config)


def test_merge_live_applies_safe_keys_and_reports_the_rest(tmp_path):
    old = configmod.load(write(tmp_path, "[fragments]\nfade_in_ms = 10.0\n"))
    new = configmod.load(write(tmp_path, """
[osc]
port = 9300
[fragments]
fade_in_ms = 50.0
[engines.piper.defaults]
length_scale = 1.5
"""))
    merged, applied, restart = merge_live(old, new)
    assert applied == ["engines.piper.defaults.length_scale", "fragments.fade_in_ms"]
    assert restart == ["osc.port"]
    assert merged.fragments["fade_in_ms"] == 50.0
    assert merged.osc["port"] == old.osc["port"]
    assert merged.engines["piper"].defaults == {"length_scale": 1.5}
    assert old.fragments["fade_in_ms"] == 10.0  # the old config is not mutated


def test_merge_live_applies_preview_keys_without_touching_the_old_config(tmp_path):
    old = configmod.load(write(tmp_path, "[preview]\nlevel_db = -6.0\n"))
    new = configmod.load(write(tmp_path, "[preview]\nlevel_db = -12.0\n[panel]\nport = 9300\n"))
    merged, applied, restart = merge_live(old, new)
    assert (applied, restart) == (["preview.level_db"], ["panel.port"])
    assert merged.preview["level_db"] == -12.0 and old.preview["level_db"] == -6.0
    assert merged.panel["port"] == old.panel["port"]


def test_fragmentd_config_command_prints_effective_config_and_fails_on_errors(tmp_path):
    fragmentd = Path(sys.executable).parent / "fragmentd"
    good = write(tmp_path, "[fragments]\nslot_count = 5\n")
    out = subprocess.run([fragmentd, "config", "--config", good], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "slot_count = 5" in out.stdout and str(good.resolve()) in out.stdout
    bad = write(tmp_path, "[fragments]\nslot_count = 'x'\n")
    out = subprocess.run([fragmentd, "config", "--config", bad], capture_output=True, text=True)
    assert out.returncode == 1
    assert "# ERROR: fragments.slot_count" in out.stdout
    assert "fragments.slot_count: must be a whole number" in out.stderr


def test_engine_python_resolves_relative_paths_from_the_config_file(tmp_path):
    path = write(tmp_path, '[engines.piper]\npython = ".venv-x/bin/python"\n'
                           '[engines.testsignal]\npython = "python3.11"\n')
    config = configmod.load(path)
    assert config.engine_python("piper") == str(tmp_path / ".venv-x" / "bin" / "python")
    assert config.engine_python("testsignal") == "python3.11"  # found on PATH
    assert config.engine_python("stable-audio") is None  # the daemon's own interpreter


def test_scenes_in_config_are_read_named_in_errors_and_reloaded_live():
    import tomllib

    layer = {"prompt": "rain", "engine": "testsignal", "gain_db": -3.0}
    config = configmod.validate({"scenes": {"storm": {"seconds": 8.0, "layer": [layer]}},
                                 "quality": {"min_score": 40, "retries": 1}})
    assert config.errors == [] and config.scenes["storm"].layers[0].gain_db == -3.0
    assert config.quality == {"min_score": 40.0, "retries": 1}
    again = configmod.validate(tomllib.loads(render_toml(config)))  # `fragmentd config` keeps it
    assert again.errors == [] and again.scenes == config.scenes
    bad = configmod.validate({"scenes": {"storm": {"layer": [{"prompt": "rain", "gain": 3}]}},
                              "scenez": {}, "quality": {"min_score": 140}})
    assert any(e.startswith("scenes.storm: ") and "gain_db" in e for e in bad.errors), bad.errors
    assert any("scenez: unknown section; did you mean 'scenes'?" in e for e in bad.errors)
    assert any(e.startswith("quality.min_score") for e in bad.errors)
    merged, applied, restart = merge_live(configmod.validate({}), config)
    assert "scenes" in applied and "quality.min_score" in applied and restart == []
    assert merged.scenes == config.scenes and merged.quality["retries"] == 1
