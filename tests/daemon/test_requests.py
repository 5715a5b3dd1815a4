"""The one place a prompt's meaning is checked: every refusal names what was wrong."""

import random

import pytest

from daemon import config as configmod
from daemon.errors import RequestError
from daemon.requests import build_job
from daemon.service import GenerateCommand


@pytest.fixture
def config():
    return configmod.validate({"engines": {"piper": {"defaults": {"length_scale": 1.25}}}})


def build(config, slot=1, prompt="hello", **params):
    return build_job(GenerateCommand("id1", slot, prompt, params), config=config,
                     default_engine="piper", slot_count=8, rng=random.Random(7))


def refused(config, code, **kw):
    with pytest.raises(RequestError) as err:
        build(config, **kw)
    assert err.value.code == code
    return err.value.message


def test_defaults_fill_in_and_random_seed_is_resolved(config):
    job = build(config)
    assert job.engine == "piper" and job.slot == 1 and job.prompt == "hello"
    assert 0 <= job.seed < 2**31
    assert job.params["length_scale"] == 1.25  # from [engines.piper.defaults]
    assert build(config, seed=42).seed == 42


def test_prompt_values_override_config_defaults(config):
    assert build(config, length_scale=0.8).params["length_scale"] == 0.8


def test_slot_range(config):
    assert "1..8" in refused(config, "slot_range", slot=9)
    refused(config, "slot_range", slot=-1)
    assert build(config, slot=0).slot == 0


def test_unknown_engine_with_hint_and_disabled_engine(config):
    assert "did you mean 'piper'" in refused(config, "unknown_engine", engine="pipr")
    off = configmod.validate({"engines": {"testsignal": {"enabled": False}}})
    assert "engines.testsignal.enabled" in refused(off, "engine_disabled", engine="testsignal")


def test_unknown_and_out_of_range_parameters(config):
    msg = refused(config, "bad_param", lenght_scale=1.0)
    assert "'lenght_scale'" in msg and "did you mean 'length_scale'" in msg
    assert "seconds" in refused(config, "bad_param", seconds=-1.0)
    assert "seed" in refused(config, "bad_param", seed=-2)
    assert "seed" in refused(config, "bad_param", seed="abc")


def test_empty_or_huge_prompt(config):
    assert "empty" in refused(config, "bad_param", prompt="   ")
    assert "2000" in refused(config, "bad_param", prompt="x" * 2001)


def test_engine_parameter_of_another_engine_is_refused(config):
    msg = refused(config, "bad_param", engine="piper", signal="sine")
    assert "'signal'" in msg and "'piper'" in msg
    job = build(config, engine="testsignal", signal="pink", seconds=3.0)
    assert job.engine == "testsignal" and job.params["signal"] == "pink" and job.seconds == 3.0


def test_loops_bars_and_variations_are_checked_and_give_the_engine_enough_take(config):
    job = build(config, engine="testsignal", loop=True, bpm=120.0, bars=2, variations=3)
    assert job.shape.loop and (job.shape.bpm, job.shape.bars, job.shape.beats) == (120.0, 2, 4)
    assert job.variations == 3 and job.seconds == 4.5  # 2 bars at 120 bpm, and half a second
    assert "loop" not in job.params and "variations" not in job.params
    assert build(config).shape is None and build(config).variations == 1
    assert "needs bars" in refused(config, "bad_param", engine="testsignal", bpm=120.0)
    assert "needs bpm" in refused(config, "bad_param", engine="testsignal", bars=4)
    assert "variations must be at most 8" in refused(config, "bad_param", variations=9)
    assert "bpm must be at least 20" in refused(config, "bad_param", bpm=5.0, bars=1)
    assert "did you mean 'loop'" in refused(config, "bad_param", lop=True)


def test_seconds_beyond_the_engine_maximum_are_accepted_for_long_form_up_to_600(config):
    assert build(config, engine="testsignal", seconds=600.0).seconds == 600.0
    assert "at most 600" in refused(config, "bad_param", engine="testsignal", seconds=601.0)
