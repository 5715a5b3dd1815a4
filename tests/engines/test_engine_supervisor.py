"""The supervisor with real worker processes: takes, crashes, hangs, timeouts, cancels, shutdown."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import numpy as np
import pytest

from daemon.errors import RequestError
from daemon.supervisor import EngineSupervisor
from engines.base import Cancelled, GenerateRequest
from engines.testsignal import TestSignalEngine
from tests.engines.fake_engines import ramp

HERE = Path(__file__).resolve().parent
FAST = {"health_interval_s": 0.2, "hang_timeout_s": 3.0, "cancel_grace_s": 1.0}


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 90))


def fake(cls: str, **kw) -> EngineSupervisor:
    states: list[str] = []
    kw = {**FAST, **kw}
    sup = EngineSupervisor(cls.lower(), f"fake_engines:{cls}", {}, env={"PYTHONPATH": str(HERE)},
                           on_state=states.append, **kw)
    sup.states = states  # test bookkeeping only
    return sup


def req(seed=1, seconds=None, prompt="", **params) -> GenerateRequest:
    return GenerateRequest(prompt, seed, seconds, params)


def children() -> set[int]:
    """Live child processes of this test process (zombies included)."""
    me, found = os.getpid(), set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == me:
                found.add(int(entry))
    return found


async def until(predicate, what: str, timeout: float = 30.0) -> None:
    async def poll():
        while not predicate():
            await asyncio.sleep(0.02)
    try:
        await asyncio.wait_for(poll(), timeout)
    except TimeoutError:
        raise AssertionError(f"never happened: {what}") from None


def test_testsignal_take_matches_in_process_and_close_reaps():
    async def scenario():
        sup = EngineSupervisor("testsignal", "engines.testsignal:TestSignalEngine", {})
        states: list[str] = []
        sup.on_state = states.append
        await sup.load()
        pid = sup.pid
        await sup.load()  # idempotent when warm
        assert sup.pid == pid and sup.state == "warm" and sup.description["name"] == "testsignal"
        progress: list[float] = []
        request = req(seed=11, seconds=3.0, prompt="pink", level_db=-12.0)
        take = await sup.generate("t1", request, progress.append, 30)
        assert progress[-1] == 1.0 and progress == sorted(progress) and len(progress) == 12
        here = TestSignalEngine({}).generate(request, lambda f: None, lambda: False)
        assert take.sample_rate == 48000 and take.seed == 11 and take.info == here.info
        assert take.audio.dtype == np.float32 and np.array_equal(take.audio, here.audio)
        assert children() == {pid}
        await sup.close()
        assert children() == set() and sup.pid is None
        return states

    assert run(scenario()) == ["starting", "loading", "warm", "busy", "warm", "offline"]


def test_killed_worker_is_reported_and_restarted():
    async def scenario():
        sup = fake("SlowEngine")
        await sup.load()
        first = sup.pid

        def kill_on_first(fraction):
            os.kill(first, signal.SIGKILL)

        with pytest.raises(RequestError) as err:
            await sup.generate("a", req(steps=50, step_s=0.02), kill_on_first, 30)
        assert err.value.code == "engine_crashed" and "SIGKILL" in err.value.message
        await until(lambda: sup.state == "warm", "restarted after the crash")
        take = await sup.generate("b", req(seed=4, frames=10), lambda f: None, 30)
        assert sup.pid != first and take.info["pid"] == sup.pid
        assert np.array_equal(take.audio, ramp(10, 2, 4))
        second = sup.pid
        os.kill(second, signal.SIGKILL)  # an idle worker dying is noticed and replaced too
        await until(lambda: sup.pid not in (None, second) and sup.state == "warm", "idle restart")
        await sup.close()
        return sup.states

    states = run(scenario())
    assert states[states.index("crashed"):states.index("crashed") + 4] == ["crashed", "starting", "loading", "warm"]


def test_stopped_worker_is_declared_hung_and_replaced():
    async def scenario():
        sup = fake("SlowEngine")
        await sup.load()
        first = sup.pid
        with pytest.raises(RequestError) as err:
            await sup.generate("a", req(steps=2000, step_s=0.01),
                               lambda f: os.kill(first, signal.SIGSTOP), 60)
        assert err.value.code == "engine_hung"
        take = await sup.generate("b", req(), lambda f: None, 30)  # waits for the restart
        assert take.info["pid"] == sup.pid != first
        await sup.close()
        assert children() == set()

    run(scenario())


def test_take_timeout_kills_and_restarts():
    async def scenario():
        sup = fake("SlowEngine")
        await sup.load()
        first = sup.pid
        with pytest.raises(RequestError) as err:
            await sup.generate("a", req(steps=1000, step_s=0.01), lambda f: None, 0.5)
        assert err.value.code == "engine_timeout" and "0.5 s" in err.value.message
        take = await sup.generate("b", req(), lambda f: None, 30)
        assert take.info["pid"] == sup.pid != first
        await sup.close()

    run(scenario())


def cancel_on_first_progress(sup, job_id):
    """A progress callback that asks the supervisor to cancel ``job_id`` once."""
    tasks = []

    def on_progress(fraction):
        if not tasks:
            tasks.append(asyncio.get_running_loop().create_task(sup.cancel(job_id)))

    return on_progress


def test_cooperative_cancel_keeps_the_worker_warm():
    async def scenario():
        sup = fake("SlowEngine")
        await sup.load()
        pid = sup.pid
        cancel_once = cancel_on_first_progress(sup, "a")
        with pytest.raises(Cancelled):
            await sup.generate("a", req(steps=1000, step_s=0.01), cancel_once, 60)
        assert sup.pid == pid and sup.state == "warm"
        await asyncio.sleep(FAST["cancel_grace_s"] + 0.3)  # the grace passes: nothing is killed
        take = await sup.generate("b", req(), lambda f: None, 30)
        assert take.info["pid"] == pid
        # a caller that gives up mid-take (task cancelled): the take is stopped in the worker too
        started = asyncio.Event()
        task = asyncio.get_running_loop().create_task(
            sup.generate("c", req(steps=1000, step_s=0.01), lambda f: started.set(), 60))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        take = await sup.generate("d", req(), lambda f: None, 30)
        assert take.info["pid"] == pid
        await sup.close()

    run(scenario())


def test_cancel_ignored_by_the_engine_kills_after_the_grace():
    async def scenario():
        sup = fake("StubbornEngine")
        await sup.load()
        pid = sup.pid
        cancel_once = cancel_on_first_progress(sup, "a")
        with pytest.raises(Cancelled):
            await sup.generate("a", req(steps=3000, step_s=0.01), cancel_once, 60)
        take = await sup.generate("b", req(), lambda f: None, 30)
        assert take.info["pid"] == sup.pid != pid
        await sup.close()
        return sup.states

    states = run(scenario())
    assert "crashed" not in states  # a cancel is not a crash


def test_cancel_while_loading_answers_at_once_and_the_load_goes_on():
    async def scenario():
        sup = fake("SlowEngine")
        take = asyncio.get_running_loop().create_task(sup.generate("a", req(), lambda f: None, 30))
        await until(lambda: sup.state == "starting", "loading began")
        await sup.cancel("a")
        with pytest.raises(Cancelled):
            await take
        await until(lambda: sup.state == "warm", "the load finished anyway")
        pid = sup.pid
        await sup.unload()
        # a caller that gives up mid-load (task cancelled) leaves no half-loaded worker
        take = asyncio.get_running_loop().create_task(sup.generate("b", req(), lambda f: None, 30))
        await until(lambda: sup.state == "starting", "loading began")
        take.cancel()
        with pytest.raises(asyncio.CancelledError):
            await take
        done = await sup.generate("c", req(), lambda f: None, 30)
        assert done.info["pid"] == sup.pid != pid
        await sup.close()

    run(scenario())


def test_engine_error_is_engine_failed_and_the_worker_survives():
    async def scenario():
        sup = fake("RaisingEngine")
        await sup.load()
        pid = sup.pid
        with pytest.raises(RequestError) as err:
            await sup.generate("a", req(fail=True), lambda f: None, 30)
        assert err.value.code == "engine_failed" and "failed on purpose" in err.value.message
        assert sup.state == "warm"
        take = await sup.generate("b", req(), lambda f: None, 30)
        assert take.info["pid"] == pid
        await sup.close()

    run(scenario())


def test_cuda_out_of_memory_is_reported_for_that_take_and_the_worker_serves_on():
    async def scenario():
        sup = fake("OomEngine")
        await sup.load()
        pid = sup.pid
        with pytest.raises(RequestError) as err:
            await sup.generate("a", req(oom=True), lambda f: None, 30)
        assert err.value.code == "out_of_memory" and "Tried to allocate 20.00 GiB" in err.value.message
        take = await sup.generate("b", req(), lambda f: None, 30)
        assert take.info["pid"] == pid and sup.state == "warm"
        await sup.close()

    run(scenario())


def test_failed_load_is_engine_failed_with_the_engines_message():
    async def scenario():
        sup = fake("FailingLoadEngine")
        with pytest.raises(RequestError) as err:
            await sup.load()
        assert err.value.code == "engine_failed" and "pip install something-missing" in err.value.message
        assert sup.state == "offline" and sup.pid is None and children() == set()
        with pytest.raises(RequestError):
            await sup.generate("a", req(), lambda f: None, 30)
        missing = Path("/nonexistent/voices/nobody.onnx")
        piper = EngineSupervisor("piper", "engines.piper:PiperEngine", {"voice": str(missing)})
        with pytest.raises(RequestError) as err:
            await piper.load()
        assert err.value.code == "engine_failed" and str(missing) in err.value.message
        await sup.close()
        await piper.close()

    run(scenario())


def test_load_that_never_ends_is_engine_failed():
    async def scenario():
        sup = fake("SlowLoadEngine", load_timeout_s=0.5)
        with pytest.raises(RequestError) as err:
            await sup.load()
        assert err.value.code == "engine_failed" and "longer than 0.5 s" in err.value.message
        assert sup.state == "offline" and children() == set()
        await sup.close()

    run(scenario())


def test_worker_stdout_chatter_does_not_corrupt_the_protocol():
    async def scenario():
        sup = fake("ChattyEngine")
        take = await sup.generate("a", req(seed=2, frames=5000, channels=1), lambda f: None, 30)
        assert np.array_equal(take.audio, ramp(5000, 1, 2))
        await sup.close()

    run(scenario())


def test_another_interpreter_path(tmp_path):
    wrapper = tmp_path / "other-python"
    wrapper.write_text(f'#!/bin/sh\nFRAGMENTD_TEST_WRAPPER=yes exec "{sys.executable}" "$@"\n')
    wrapper.chmod(0o755)

    async def scenario():
        sup = fake("SlowEngine", python=str(wrapper))
        take = await sup.generate("a", req(), lambda f: None, 30)
        assert take.info["wrapper"] == "yes"
        await sup.close()
        bad = fake("SlowEngine", python=str(tmp_path / "no-such-python"))
        with pytest.raises(RequestError) as err:
            await bad.load()
        assert err.value.code == "engine_failed" and "no-such-python" in err.value.message
        await bad.close()

    run(scenario())


def test_unload_ends_the_worker_and_generate_loads_again():
    async def scenario():
        sup = fake("SlowEngine")
        await sup.load()
        first = sup.pid
        await sup.unload()
        assert sup.state == "unloaded" and sup.pid is None and children() == set()
        take = await sup.generate("a", req(), lambda f: None, 30)
        assert take.info["pid"] == sup.pid != first
        await sup.close()

    run(scenario())


def test_close_during_a_take_cancels_it_and_reaps_the_worker():
    async def scenario():
        sup = fake("StubbornEngine")
        started = asyncio.Event()
        take = asyncio.get_running_loop().create_task(
            sup.generate("a", req(steps=5000, step_s=0.01), lambda f: started.set(), 60))
        await started.wait()
        await sup.close()
        with pytest.raises(Cancelled):
            await take
        assert children() == set() and sup.state == "offline"

    run(scenario())


def test_piper_in_a_worker_matches_in_process_and_survives_a_kill():
    from engines.piper import PiperEngine

    text = "One sentence here. Another sentence there. And a last one."
    here = PiperEngine({})
    here.load()
    expected = here.generate(req(seed=77, prompt=text), lambda f: None, lambda: False)

    async def scenario():
        sup = EngineSupervisor("piper", "engines.piper:PiperEngine", {})
        progress: list[float] = []
        take = await sup.generate("a", req(seed=77, prompt=text), progress.append, 60)
        assert progress == pytest.approx([1 / 3, 2 / 3, 1.0])
        assert take.sample_rate == 22050 and np.array_equal(take.audio, expected.audio)
        first = sup.pid
        with pytest.raises(RequestError) as err:
            await sup.generate("b", req(seed=1, prompt=text), lambda f: os.kill(first, signal.SIGKILL), 60)
        assert err.value.code == "engine_crashed"
        again = await sup.generate("c", req(seed=77, prompt=text), lambda f: None, 60)
        assert sup.pid != first and np.array_equal(again.audio, expected.audio)
        await sup.close()

    run(scenario())
