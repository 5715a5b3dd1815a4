"""The client registry and the allow list: pure state."""

from __future__ import annotations

import pytest

from daemon.errors import RequestError
from osc.clients import AllowList, ClientRegistry, normalize_host


def test_register_is_idempotent_and_bounded():
    registry = ClientRegistry(max_clients=2)
    assert registry.register(("10.0.0.1", 9000)) is True
    assert registry.register(("10.0.0.1", 9000)) is False
    assert registry.register(("10.0.0.2", 9000)) is True
    assert registry.register(("10.0.0.1", 9000)) is False  # a repeat when full is fine
    with pytest.raises(RequestError) as err:
        registry.register(("10.0.0.3", 9000))
    assert err.value.code == "too_many_clients" and "10.0.0.3" in err.value.message
    assert registry.unregister(("10.0.0.2", 9000)) is True
    assert registry.unregister(("10.0.0.2", 9000)) is False
    assert registry.register(("10.0.0.3", 9000)) is True


def test_clients_not_heard_from_within_the_timeout_are_dropped_and_a_hello_refreshes():
    now = [100.0]
    registry = ClientRegistry(max_clients=2, timeout_s=30.0, clock=lambda: now[0])
    registry.register(("10.0.0.1", 9001))
    registry.register(("10.0.0.1", 9002))
    now[0] = 120.0
    assert registry.register(("10.0.0.1", 9001)) is False  # a re-hello refreshes 9001 only
    now[0] = 131.0  # 9002 silent for 31 s
    assert list(registry) == [("10.0.0.1", 9001)]
    assert registry.push_targets(None) == [("10.0.0.1", 9001)]
    assert registry.reply_targets(("10.0.0.1", 5)) == [("10.0.0.1", 5), ("10.0.0.1", 9001)]
    assert registry.register(("10.0.0.2", 9000)) is True  # room again: no too_many_clients
    now[0] = 162.0
    assert len(registry) == 0 and ("10.0.0.2", 9000) not in registry
    forever = ClientRegistry(timeout_s=0.0, clock=lambda: now[0])
    forever.register(("10.0.0.1", 9001))
    now[0] = 10**9
    assert list(forever) == [("10.0.0.1", 9001)]


def test_reply_targets_are_the_sender_and_its_hosts_clients_once():
    registry = ClientRegistry()
    for client in [("10.0.0.1", 9001), ("10.0.0.1", 9002), ("10.0.0.2", 9001)]:
        registry.register(client)
    assert registry.reply_targets(("10.0.0.1", 50000)) == [
        ("10.0.0.1", 50000), ("10.0.0.1", 9001), ("10.0.0.1", 9002)]
    assert registry.reply_targets(("10.0.0.1", 9001)) == [("10.0.0.1", 9001), ("10.0.0.1", 9002)]
    assert registry.reply_targets(("10.0.0.9", 1), ("10.0.0.9", 2)) == [
        ("10.0.0.9", 1), ("10.0.0.9", 2)]


def test_push_targets_are_every_client_and_the_origin_once():
    registry = ClientRegistry()
    registry.register(("10.0.0.1", 9001))
    registry.register(("10.0.0.2", 9001))
    assert registry.push_targets(None) == [("10.0.0.1", 9001), ("10.0.0.2", 9001)]
    assert registry.push_targets(("10.0.0.1", 9001)) == [("10.0.0.1", 9001), ("10.0.0.2", 9001)]
    assert registry.push_targets(("10.0.0.3", 5)) == [
        ("10.0.0.1", 9001), ("10.0.0.2", 9001), ("10.0.0.3", 5)]


def test_allow_list_empty_means_loopback_only():
    allow = AllowList()
    assert allow.allows("127.0.0.1") and allow.allows("127.1.2.3") and allow.allows("::1")
    assert allow.allows("::ffff:127.0.0.1")
    assert not allow.allows("192.168.1.5") and not allow.allows("not-an-ip")


def test_allow_list_takes_addresses_and_networks_and_keeps_loopback():
    allow = AllowList(["192.168.1.0/24", "10.0.0.7", "fd00::/8"])
    assert allow.allows("192.168.1.200") and allow.allows("10.0.0.7") and allow.allows("fd00::1")
    assert allow.allows("::ffff:192.168.1.3")  # an IPv4 sender seen by a dual-stack socket
    assert not allow.allows("10.0.0.8") and not allow.allows("192.168.2.1")
    assert allow.allows("127.0.0.1")


def test_allow_list_names_a_bad_entry():
    with pytest.raises(ValueError, match="'192.168.1.300'"):
        AllowList(["192.168.1.300"])


def test_normalize_host():
    assert normalize_host("::ffff:10.0.0.5") == "10.0.0.5"
    assert normalize_host("10.0.0.5") == "10.0.0.5"
    assert normalize_host("localhost") == "localhost"
