"""The panel's plain parts: the state fed by daemon events, the HTML pieces, form parsing."""

from __future__ import annotations

import asyncio
import threading
from types import SimpleNamespace

import pytest

from daemon.errors import RequestError
from daemon.events import (ConfigReloaded, EngineState, JobCancelled, JobFailed, JobProgress,
                           JobQueued, JobReady)
from daemon.panel_actions import LoopBridge
from daemon.panel_render import (archive_html, card_info, log_html, matches, parse_number,
                                 parse_params, queue_html)
from daemon.panel_state import JobInfo, PanelState


def clock() -> float:
    return 1_750_000_000.0


def test_a_take_moves_from_the_queue_to_its_slot_card():
    state = PanelState(clock)
    state.expect(JobInfo("panel-1", "rain on a tin roof", "piper", 3))
    state.apply(JobQueued("panel-1", 1))
    assert [(j.job_id, j.state, j.prompt) for j in state.snapshot().jobs] == [
        ("panel-1", "queued", "rain on a tin roof")]
    state.apply(JobProgress("panel-1", 0.4))
    assert state.snapshot().jobs[0].state == "running"
    assert 'style="width:40%"' in queue_html(state.snapshot().jobs)
    state.apply(JobReady("panel-1", 3, "/slots/output03.wav", 99, 2.5, 7, "piper",
                         "rain on a tin roof"))
    snap = state.snapshot()
    assert snap.jobs == []
    card = snap.slots[3]
    assert (card.take, card.seed, card.engine, card.prompt) == (7, 99, "piper", "rain on a tin roof")
    assert snap.log[0].kind == "ready" and "slot 3 ← take 7" in snap.log[0].text
    state.set_spectrogram(3, 6, "/old.png")  # a picture for a take the card no longer shows
    assert state.snapshot().slots[3].spectrogram is None
    state.set_spectrogram(3, 7, "/archive/output007.png")
    assert state.snapshot().slots[3].spectrogram == "/archive/output007.png"


def test_takes_from_osc_get_their_prompt_from_the_scheduler_and_order_from_the_queue():
    state = PanelState(clock)
    state.apply(JobQueued("osc-b", 2))
    state.apply(JobQueued("osc-a", 1))
    state.sync("WARM", "piper", JobInfo("osc-run", "now", "piper", 1),
               [JobInfo("osc-a", "first", "testsignal", 0), JobInfo("osc-b", "second", "piper", 2)])
    jobs = state.snapshot().jobs
    assert [(j.job_id, j.state, j.position, j.prompt) for j in jobs] == [
        ("osc-run", "running", 0, "now"), ("osc-a", "queued", 1, "first"),
        ("osc-b", "queued", 2, "second")]
    state.sync("WARM", "piper", None, [JobInfo("osc-b", "second", "piper", 2)])
    jobs = {j.job_id: j for j in state.snapshot().jobs}
    assert jobs["osc-run"].state == "publishing"  # generated, no ready event yet
    assert jobs["osc-a"].state == "queued"  # it left the queue: its event says how


def test_failures_cancels_crashes_and_bad_reloads_reach_the_activity_log():
    state = PanelState(clock)
    state.expect(JobInfo("panel-2", "a drone", "musicgen", 0))
    state.apply(JobFailed("panel-2", "out_of_memory", "needs 8 GB"))
    state.apply(JobCancelled("osc-9", "superseded"))
    state.apply(EngineState("musicgen", "crashed"))
    state.apply(ConfigReloaded("", "", "daemon.queue_size: must be at least 1, got 0"))
    state.apply(JobFailed("", "preview_device", "no output device"))
    texts = [(e.kind, e.text) for e in state.snapshot().log]
    assert texts == [
        ("error", "no output device [preview_device]"),
        ("error", "config not reloaded: daemon.queue_size: must be at least 1, got 0"),
        ("error", "engine musicgen crashed; it is being restarted"),
        ("cancelled", "osc-9 cancelled (superseded)"),
        ("error", "panel-2 (a drone) failed: needs 8 GB [out_of_memory]")]
    assert state.snapshot().jobs == []


def test_a_message_repeated_in_a_row_is_counted_not_listed_again():
    state = PanelState(clock)
    for _ in range(3):
        state.apply(ConfigReloaded("", "", "fragmentz: unknown section"))
    state.apply(JobCancelled("osc-1", "request"))
    state.apply(ConfigReloaded("", "", "fragmentz: unknown section"))
    assert [(e.text[:19], e.count) for e in state.snapshot().log] == [
        ("config not reloaded", 1), ("osc-1 cancelled (re", 1), ("config not reloaded", 3)]
    assert "×3" in log_html(state.snapshot().log)


def test_html_escapes_what_performers_type():
    state = PanelState(clock)
    state.apply(JobReady("x", 1, "/s/output01.wav", 1, 1.0, 1, "piper", "<script>alert(1)</script>"))
    html = card_info(state.snapshot().slots[1])
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("text, expected", [
    ("", {}), ("signal=sweep freq=220", {"signal": "sweep", "freq": 220}),
    ("level_db=-12.5, loop=true ; name=", {"level_db": -12.5, "loop": True, "name": ""}),
])
def test_more_parameters_are_typed_key_value_pairs(text, expected):
    assert parse_params(text) == expected


def test_a_malformed_parameter_is_named():
    with pytest.raises(ValueError, match="'freq' is not a key=value pair"):
        parse_params("signal=sweep freq")


def test_numbers_pass_as_numbers_and_anything_else_reaches_the_daemon_as_typed():
    assert [parse_number(v) for v in ("", " 2 ", "1.5", "abc", None)] == [None, 2, 1.5, "abc", None]


def test_archive_search_matches_prompt_engine_and_date_words():
    record = SimpleNamespace(take=12, created_at=clock(), prompt="Glass rain", engine="stable-audio",
                             seed=5, raw_seconds=3.0, slot=None, quality_score=31.5,
                             quality_issues="clipping,hf_noise")
    day = __import__("datetime").datetime.fromtimestamp(clock()).strftime("%Y-%m-%d")
    assert matches(record, "rain STABLE") and matches(record, day) and matches(record, "take 12")
    assert not matches(record, "rain piper")
    html = archive_html([record], 1, "rain")
    assert 'data-action="republish" data-take="12"' in html and "Glass rain" in html
    assert 'data-score="31.5"' in html and "q 32 · clipping, hf_noise" in html


def test_the_gate_verdict_reaches_the_card_of_the_take_it_judged_and_the_log():
    from daemon.events import TakeQuality
    from daemon.panel_render import card_info

    state = PanelState(clock)
    state.apply(JobReady("p1", 2, "/s/output02.wav", 9, 2.0, 7, "testsignal", "hot sine"))
    state.apply(TakeQuality("p1", 2, 6, 12.0, "clipping"))  # an older take: not this card's
    assert state.slot(2).score is None
    state.apply(TakeQuality("p1", 2, 7, 18.0, "clipping"))
    view = state.slot(2)
    assert (view.score, view.issues) == (18.0, "clipping")
    assert "q 18 · clipping" in card_info(view) and "quality-bad" in card_info(view)
    assert any("scored 18 (clipping)" in entry.text for entry in state.snapshot().log)


def test_the_bridge_runs_calls_on_the_loop_thread_and_brings_back_refusals():
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        bridge = LoopBridge(loop, timeout_s=5)
        assert bridge.call(threading.current_thread) is thread

        async def later() -> str:
            return "awaited"

        assert bridge.call(later) == "awaited"

        def refuse() -> None:
            raise RequestError("slot_range", "slot 9 is out of range")

        with pytest.raises(RequestError, match="slot 9"):
            bridge.call(refuse)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()


def test_closing_with_pages_open_is_said_once_at_info_and_other_errors_pass(caplog):
    import logging

    from daemon.panel import _ClosingWithPagesOpen

    def record(msg, args=(), exc=None):
        return logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1, msg, args,
                                 (type(exc), exc, None) if exc else None)

    quiet = _ClosingWithPagesOpen()
    with caplog.at_level(logging.INFO, logger="daemon.panel"):
        assert not quiet.filter(record("Cancel %s running task(s), timeout graceful shutdown "
                                       "exceeded", (2,)))
    assert "2 request(s) still open" in caplog.text
    assert [r.levelname for r in caplog.records] == ["INFO"]
    assert not quiet.filter(record("Exception in ASGI application\n",
                                   exc=asyncio.CancelledError("cut")))
    assert quiet.filter(record("Exception in ASGI application\n", exc=ValueError("a real bug")))
    assert quiet.filter(record("something else"))
