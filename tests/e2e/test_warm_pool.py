"""The warm pool in the running daemon: idle engines are unloaded, pinned ones stay warm."""

from __future__ import annotations

from tests.e2e.harness import Daemon, collect


def test_idle_engine_is_unloaded_and_loads_again_on_the_next_prompt(tmp_path):
    with Daemon(tmp_path, daemon={"idle_unload_s": 1.0}) as daemon, daemon.client() as client:
        client.send("/frag/generate", "t1", 1, "sine", "engine", "testsignal", "seconds", 0.5)
        assert collect(client, "t1")[-1][0] == "/frag/ready"
        state = client.wait_for(lambda a, v: a == "/frag/engine/state" and v[0] == "testsignal"
                                and v[1] == "unloaded", 15)
        assert state[1] == ["testsignal", "unloaded"]
        client.send("/frag/engine/list")
        _, listing = client.wait_for(lambda a, v: a == "/frag/engine/list/reply", 5)
        states = dict(zip(listing[1::2], listing[2::2]))
        assert states == {**states, "piper": "warm", "testsignal": "unloaded"}  # piper is pinned
        client.send("/frag/generate", "t2", 1, "sine", "engine", "testsignal", "seconds", 0.5)
        assert collect(client, "t2")[-1][0] == "/frag/ready"
    assert "unloading testsignal: idle for 1 s" in daemon.log()
    assert "unloading piper" not in daemon.log()
