"""The warm pool's decisions with a fake GPU memory reading: what loads, what unloads, in order."""

import pytest

from daemon.errors import RequestError
from daemon.pool import PoolEntry, WarmPool


def pool_entries(**loaded_at):
    entries = {
        "stable-audio": PoolEntry("stable-audio", "cuda", 7.0),
        "audioldm2": PoolEntry("audioldm2", "cuda", 5.0),
        "musicgen": PoolEntry("musicgen", "cuda:0", 3.0),
        "other-gpu": PoolEntry("other-gpu", "cuda:1", 9.0),
        "piper": PoolEntry("piper", "cpu", 0.3),
    }
    for name, when in loaded_at.items():
        entries[name.replace("_", "-")].loaded = True
        entries[name.replace("_", "-")].last_used = when
    return entries


def test_fits_in_free_memory_and_budget_unloads_nothing():
    entries = pool_entries(musicgen=1)
    assert WarmPool(budget_gb=12).plan_load("stable-audio", entries, free_gb=20) == []


def test_least_recently_used_is_unloaded_first_until_it_fits():
    entries = pool_entries(musicgen=30, audioldm2=10)
    # budget 12: 3 + 5 used; stable-audio needs 7 -> free audioldm2 (older) only
    assert WarmPool(budget_gb=12).plan_load("stable-audio", entries, free_gb=None) == ["audioldm2"]
    # budget 8: both must go, oldest first
    assert WarmPool(budget_gb=8).plan_load("stable-audio", entries, free_gb=None) == [
        "audioldm2", "musicgen"]


def test_free_memory_reading_decides_when_there_is_no_budget():
    entries = pool_entries(musicgen=5, audioldm2=1)
    assert WarmPool().plan_load("stable-audio", entries, free_gb=8.0) == []
    assert WarmPool().plan_load("stable-audio", entries, free_gb=2.0) == ["audioldm2"]


def test_busy_engines_are_never_unloaded_and_the_refusal_names_the_fix():
    entries = pool_entries(musicgen=5, audioldm2=1)
    entries["audioldm2"].busy = True
    assert WarmPool(budget_gb=12).plan_load("stable-audio", entries, None) == ["musicgen"]
    entries["musicgen"].busy = True
    with pytest.raises(RequestError) as err:
        WarmPool(budget_gb=11).plan_load("stable-audio", entries, free_gb=4.0)
    assert err.value.code == "out_of_memory"
    message = err.value.message
    assert "'stable-audio' needs about 7 GB" in message and "free 4.0 GB" in message
    assert "audioldm2 (5 GB)" in message and "daemon.gpu_memory_budget_gb" in message


def test_pinned_engines_go_last():
    entries = pool_entries(musicgen=1, audioldm2=50)
    entries["musicgen"].pinned = True
    assert WarmPool(budget_gb=12).plan_load("stable-audio", entries, None) == ["audioldm2"]


def test_other_gpus_and_cpu_engines_do_not_count():
    entries = pool_entries(other_gpu=1, piper=1)
    assert WarmPool(budget_gb=7).plan_load("stable-audio", entries, free_gb=7.5) == []
    assert WarmPool(budget_gb=0.1).plan_load("piper", entries, free_gb=0.0) == []


def test_an_engine_that_can_never_fit_is_refused_even_with_nothing_loaded():
    with pytest.raises(RequestError) as err:
        WarmPool(budget_gb=6).plan_load("stable-audio", pool_entries(), free_gb=None)
    assert "budget 6 GB" in err.value.message


def test_idle_unload_spares_pinned_busy_and_recent_engines():
    entries = pool_entries(musicgen=0, audioldm2=0, stable_audio=90, piper=0)
    entries["piper"].pinned = True
    entries["audioldm2"].busy = True
    assert WarmPool(idle_unload_s=60).idle_victims(entries, now=100) == ["musicgen"]
    assert WarmPool(idle_unload_s=0).idle_victims(entries, now=10_000) == []
