"""Scheduling decisions: lanes, bounded queue, supersede, cancel."""

import pytest

from daemon.errors import RequestError
from daemon.scheduler import Job, Scheduler


def job(job_id, slot=0, lane="live"):
    return Job(job_id=job_id, slot=slot, engine="piper", prompt="p", seed=1, lane=lane)


def test_live_lane_is_served_before_offline_lane_in_fifo_order():
    s = Scheduler()
    s.submit(job("o1", lane="offline"))
    s.submit(job("l1"))
    s.submit(job("l2"))
    order = []
    while (j := s.take_next()) is not None:
        order.append(j.job_id)
        s.finish(j.job_id)
    assert order == ["l1", "l2", "o1"]


def test_only_one_job_runs_at_a_time():
    s = Scheduler()
    s.submit(job("a"))
    s.submit(job("b"))
    assert s.take_next().job_id == "a"
    assert s.take_next() is None
    s.finish("a")
    assert s.take_next().job_id == "b"


def test_positions_count_the_whole_queue_and_running_is_zero():
    s = Scheduler()
    assert s.submit(job("a"))[0] == 1
    assert s.submit(job("b", lane="offline"))[0] == 2
    assert s.submit(job("c"))[0] == 2  # live jumps ahead of offline
    s.take_next()
    assert s.position("a") == 0
    assert s.position("c") == 1
    assert s.position("nope") == -1


def test_full_queue_is_refused_with_queue_full_and_nothing_changes():
    s = Scheduler(max_queued=2)
    s.submit(job("a"))
    s.submit(job("b"))
    with pytest.raises(RequestError) as err:
        s.submit(job("c"))
    assert err.value.code == "queue_full" and "'c'" in err.value.message
    assert [j.job_id for j in s.queued_jobs()] == ["a", "b"]


def test_duplicate_id_is_refused_while_queued_or_running():
    s = Scheduler()
    s.submit(job("a"))
    with pytest.raises(RequestError) as err:
        s.submit(job("a"))
    assert err.value.code == "duplicate_id"
    s.take_next()
    with pytest.raises(RequestError):
        s.submit(job("a"))
    s.finish("a")
    s.submit(job("a"))  # a finished id may be reused


def test_newer_prompt_for_a_slot_supersedes_the_queued_one():
    s = Scheduler()
    s.submit(job("a", slot=3))
    s.submit(job("b", slot=4))
    pos, gone = s.submit(job("c", slot=3))
    assert [j.job_id for j in gone] == ["a"]
    assert [j.job_id for j in s.queued_jobs()] == ["b", "c"]
    assert pos == 2


def test_supersede_never_touches_the_running_job_nor_ring_prompts():
    s = Scheduler()
    s.submit(job("a", slot=3))
    s.take_next()
    _, gone = s.submit(job("b", slot=3))
    assert gone == [] and s.running.job_id == "a"
    s.submit(job("r1", slot=0))
    _, gone = s.submit(job("r2", slot=0))
    assert gone == []


def test_supersede_can_be_switched_off():
    s = Scheduler(supersede_same_slot=False)
    s.submit(job("a", slot=3))
    _, gone = s.submit(job("b", slot=3))
    assert gone == [] and s.queued == 2


def test_superseding_makes_room_in_a_full_queue():
    s = Scheduler(max_queued=1)
    s.submit(job("a", slot=2))
    _, gone = s.submit(job("b", slot=2))
    assert [j.job_id for j in gone] == ["a"]


def test_cancel_by_id_removes_queued_and_flags_running():
    s = Scheduler()
    s.submit(job("a"))
    s.submit(job("b"))
    s.take_next()
    hit = s.cancel("b")
    assert [j.job_id for j in hit] == ["b"] and s.queued == 0
    hit = s.cancel("a")
    assert hit[0].job_id == "a" and s.running.cancel_reason == "request"


def test_cancel_all_and_unknown_id():
    s = Scheduler()
    for name in "abc":
        s.submit(job(name))
    s.take_next()
    hit = s.cancel("*", "shutdown")
    assert [j.job_id for j in hit] == ["b", "c", "a"]
    assert all(j.cancel_reason == "shutdown" for j in hit)
    with pytest.raises(RequestError) as err:
        s.cancel("zzz")
    assert err.value.code == "not_found"
    assert Scheduler().cancel("*") == []  # nothing to cancel is not an error for '*'
