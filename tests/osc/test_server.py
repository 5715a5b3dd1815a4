"""The OSC server over real UDP on 127.0.0.1: every request, every refusal, every push."""

from __future__ import annotations

import logging
import socket
import struct
import time

import pytest

from daemon.events import (ConfigReloaded, EngineState, JobCancelled, JobFailed, JobProgress,
                           JobQueued, JobReady, LifecycleChanged, PreviewState)
from daemon.service import SlotTake
from osc.server import OscServer
from osc.wire import encode_bundle, encode_message, encode_values
from tests.osc.conftest import Harness, barrier, until_pong


def error_of(client, timeout: float = 5.0) -> list:
    return client.wait_for("/frag/error", timeout)[1]


# --- registration and fan-out ---------------------------------------------------------------

def test_hello_answers_version_slots_then_every_engine_state(harness, client):
    assert client.hello() == ("/frag/hello/ok", ["0.1.0", 8, client.port])
    assert client.recv(5) == ("/frag/engine/state", ["piper", "warm"])
    assert client.recv(5) == ("/frag/engine/state", ["testsignal", "offline"])
    client.hello()  # again: idempotent
    assert list(harness.server.clients) == [("127.0.0.1", client.port)]


def test_replies_reach_the_sender_and_every_registered_port_on_its_host(harness):
    # Two Max devices: each sends from an ephemeral port and listens on its own reply port.
    device_a, device_b = harness.client(), harness.client()
    sender_a, sender_b = harness.client(), harness.client()
    sender_a.send("/frag/hello", device_a.port)
    sender_b.send("/frag/hello", device_b.port)
    for listener in (device_a, device_b):
        listener.wait_for("/frag/hello/ok", 5)
    sender_a.send("/frag/ping", "t1")
    for listener in (sender_a, device_a, device_b):
        assert listener.wait_for("/frag/pong", 5) == ("/frag/pong", ["t1"])
    assert sorted(harness.server.clients) == sorted(
        [("127.0.0.1", device_a.port), ("127.0.0.1", device_b.port)])


def test_events_reach_every_client_and_their_origin_once(harness):
    device_a, device_b, stranger = harness.client(), harness.client(), harness.client()
    device_a.hello()
    device_b.hello()
    harness.emit(LifecycleChanged("WARM", "engines ready"))  # no origin
    harness.emit(JobQueued("j1", 2, origin=("127.0.0.1", stranger.port)))
    harness.emit(JobQueued("j2", 3, origin=("127.0.0.1", device_a.port)))  # origin registered
    for device in (device_a, device_b):
        assert device.wait_for("/frag/state", 5)[1] == ["WARM", "engines ready"]
        assert device.wait_for("/frag/queued", 5)[1] == ["j1", 2]
        assert device.wait_for("/frag/queued", 5)[1] == ["j2", 3]
    assert stranger.recv(5) == ("/frag/queued", ["j1", 2])  # not the origin-less state push
    device_a.send("/frag/ping", "end")
    rest = until_pong(device_a, "end")  # hello/ok and engine states of both hellos, ...
    assert ("/frag/queued", ["j2", 3]) not in rest  # ... but j2 only once


def test_bye_answers_the_port_it_releases_and_pushes_stop(harness):
    device, sender = harness.client(), harness.client()
    sender.send("/frag/hello", device.port)
    device.wait_for("/frag/hello/ok", 5)
    sender.send("/frag/bye", device.port)
    assert sender.wait_for("/frag/bye/ok", 5) == ("/frag/bye/ok", [device.port])
    assert device.wait_for("/frag/bye/ok", 5) == ("/frag/bye/ok", [device.port])
    assert list(harness.server.clients) == []
    harness.emit(LifecycleChanged("QUITTING", "test"))
    sender.send("/frag/ping", "after")
    assert "/frag/state" not in [a for a, _ in until_pong(sender, "after")]
    assert "/frag/state" not in [a for a, _ in barrier(device)]  # the push went to nobody


def test_too_many_clients_refuses_a_new_port_but_not_a_repeat(service):
    with Harness(service, max_clients=2) as harness:
        one, two, three = harness.client(), harness.client(), harness.client()
        one.hello()
        two.hello()
        one.hello()  # a repeat is fine when full
        three.send("/frag/hello", three.port)
        rid, code, message = error_of(three)
        assert (rid, code) == ("", "too_many_clients")
        assert "2 clients" in message
        assert len(harness.server.clients) == 2


@pytest.mark.parametrize("port, words", [(0, "1..65535"), (70000, "1..65535")])
def test_hello_port_out_of_range_is_bad_args(client, port, words):
    client.send("/frag/hello", port)
    rid, code, message = error_of(client)
    assert code == "bad_args" and words in message and "reply_port" in message


def test_hello_with_the_daemons_own_port_is_refused(harness, client):
    client.send("/frag/hello", harness.address[1])
    assert "own port" in error_of(client)[2]
    assert len(harness.server.clients) == 0


# --- every request --------------------------------------------------------------------------

@pytest.mark.parametrize("token", ["hello", 7, 1.5])
def test_ping_echoes_the_token_with_its_type(client, token):
    address, args = client.request("/frag/ping", token, reply="/frag/pong")
    assert args == [token] and type(args[0]) is type(token)


def test_generate_passes_typed_params_and_the_sender_hears_queued(service, client):
    client.send("/frag/generate", "take-1", 2, "warm pad", "seed", 42, "cfg", 3.5,
                "loop", True, "engine", "piper")
    assert client.wait_for("/frag/queued", 5) == ("/frag/queued", ["take-1", 0])
    command, origin = service.commands[0]
    assert (command.job_id, command.slot, command.prompt) == ("take-1", 2, "warm pad")
    assert command.params == {"seed": 42, "cfg": 3.5, "loop": True, "engine": "piper"}
    assert origin == ("127.0.0.1", client.port)


def test_integral_float_is_accepted_for_an_int_argument(service, client):
    client.send("/frag/generate", "f", 3.0, "pad")
    client.wait_for("/frag/queued", 5)
    assert service.commands[0][0].slot == 3 and type(service.commands[0][0].slot) is int
    client.send("/frag/generate", "g", 2.5, "pad")
    rid, code, message = error_of(client)
    assert (rid, code) == ("g", "bad_args") and "slot" in message and "2.5" in message


def test_cancel_one_and_all(service, client):
    for job in ("a", "b", "c"):
        client.send("/frag/generate", job, 0, "x")
        client.wait_for("/frag/queued", 5)
    client.send("/frag/cancel", "a")
    assert client.wait_for("/frag/cancelled", 5) == ("/frag/cancelled", ["a", "request"])
    client.send("/frag/cancel", "*")
    got = {client.wait_for("/frag/cancelled", 5)[1][0] for _ in range(2)}
    assert got == {"b", "c"}
    client.send("/frag/cancel", "a")
    assert error_of(client)[:2] == ["a", "not_found"]


@pytest.mark.parametrize("action, state", [("load", "loading"), ("unload", "unloaded"),
                                           ("select", "warm")])
def test_engine_commands_reply_with_the_state(service, client, action, state):
    reply = client.request(f"/frag/engine/{action}", "testsignal", reply="/frag/engine/state")
    assert reply == ("/frag/engine/state", ["testsignal", state])
    assert service.engine_calls == [(action, "testsignal", ("127.0.0.1", client.port))]


def test_engine_list_and_status(client):
    assert client.request("/frag/engine/list", reply="/frag/engine/list/reply") == (
        "/frag/engine/list/reply", ["piper", "piper", "warm", "testsignal", "offline"])
    assert client.request("/frag/status", reply="/frag/status/reply") == (
        "/frag/status/reply", ["WARM", "piper", 0, ""])


def test_slot_query_answers_ready_with_no_id_or_empty_and_refuses_a_slot_outside(service, client):
    service.held[3] = SlotTake(3, "/s/output03.wav", 77, 4.5, 12, "piper", "two words")
    assert client.request("/frag/slot/query", 3, reply="/frag/ready") == (
        "/frag/ready", ["", 3, "/s/output03.wav", 77, 4.5, 12, "piper", "two words"])
    assert client.request("/frag/slot/query", 4, reply="/frag/slot/empty") == (
        "/frag/slot/empty", [4])
    client.send("/frag/slot/query", 9)
    assert client.wait_for("/frag/error", 5)[1][1:] == ["slot_range", "slot 9 is outside 1..8"]


# --- refusals ---------------------------------------------------------------------------------

def test_unknown_address_suggests_the_near_miss_and_keeps_the_id(service, client):
    client.send("/frag/genrate", "take-2", 0, "oops")
    rid, code, message = error_of(client)
    assert (rid, code) == ("take-2", "unknown_address")
    assert "'/frag/genrate'" in message and "did you mean /frag/generate?" in message
    assert service.commands == []


@pytest.mark.parametrize("args, words", [
    (("take-3", "one", "pad"), ["argument 2 (slot)", "an int (i)", "string (s) 'one'"]),
    (("take-3", 1), ["missing prompt:s (argument 3)", "got 2 argument(s)"]),
    (("take-3", 1, "pad", "seed"), ["pairs must come in twos", "argument 4", "'seed'"]),
    (("take-3", 1, "pad", 5, 6), ["argument 4 (key)", "a string (s)", "int (i) 5"]),
    (("take-3", 1, "pad", "seed", 1, "seed", 2), ["'seed' given twice", "arguments 4 and 6"]),
    (("take-3", 1, "pad", "", 2), ["argument 4 (key) must not be empty"]),
    (("*", 1, "pad"), ["argument 1 (id) must not be '*'"]),
])
def test_bad_generate_arguments_are_named(service, client, args, words):
    client.send("/frag/generate", *args)
    rid, code, message = error_of(client)
    assert code == "bad_args" and rid == args[0]
    assert message.startswith("/frag/generate id:s slot:i prompt:s")
    for word in words:
        assert word in message, message
    assert service.commands == []


def test_extra_argument_and_wrong_first_type_give_an_empty_id(client):
    client.send("/frag/status", "now")
    assert error_of(client)[:2] == ["now", "bad_args"]
    client.send("/frag/cancel", 12)
    rid, code, message = error_of(client)
    assert (rid, code) == ("", "bad_args") and "int (i) 12" in message


def test_unsupported_types_are_bad_args(client):
    client.send_raw(encode_message("/frag/ping", [("b", b"\x01\x02")]))
    assert "blob (b)" in error_of(client)[2]
    client.send_raw(encode_message("/frag/cancel", [("N", None)]))
    assert "nil (N)" in error_of(client)[2]


def test_oversize_datagram_is_too_large_before_parsing(service):
    with Harness(service, max_packet_bytes=512) as harness:
        client = harness.client()
        client.send("/frag/generate", "big", 0, "x" * 600)
        rid, code, message = error_of(client)
        assert (rid, code) == ("", "too_large") and "512" in message
        assert harness.stats()["by_code"] == {"too_large": 1}


@pytest.mark.parametrize("data", [
    b"", b"hello", b"/frag/ping\0\0,s\0\0\xff\xff\xff", b"/frag/ping\0\0,x\0\0",
    b"#bundle\0" + bytes(8) + struct.pack(">i", -4) + b"/a\0\0,\0\0\0",
    b"#bundle\0" + bytes(8) + struct.pack(">i", 999) + b"junk",
    b"/frag/ping\0\0,s\0\0\xc3\x28\0\0",
])
def test_malformed_datagrams_are_answered(client, data):
    client.send_raw(data)
    rid, code, message = error_of(client)
    assert (rid, code) == ("", "malformed") and "not valid OSC" in message
    barrier(client)


def test_bundle_messages_are_handled_in_order_and_timetags_ignored(client):
    far_future = time.time() + 3600  # an hour from now: must not be waited for
    client.send_raw(encode_bundle([encode_values("/frag/ping", "one"),
                                   encode_values("/frag/status"),
                                   encode_values("/frag/nope", "x"),
                                   encode_values("/frag/ping", "two")], far_future))
    replies = [client.recv(5) for _ in range(4)]
    assert [a for a, _ in replies] == ["/frag/pong", "/frag/status/reply", "/frag/error",
                                       "/frag/pong"]
    assert replies[0][1] == ["one"] and replies[3][1] == ["two"]
    assert replies[2][1][:2] == ["x", "unknown_address"]


def test_service_refusal_becomes_error_with_its_code(client):
    client.send("/frag/generate", "far", 99, "pad")
    assert error_of(client) == ["far", "slot_range", "slot 99 is outside 0..8"]
    client.send("/frag/engine/load", "nosuch")
    assert error_of(client)[1] == "unknown_engine"


def test_a_crashing_service_is_answered_and_the_server_keeps_serving(service, harness, client):
    service.crash = ZeroDivisionError("boom")
    client.send("/frag/generate", "x", 0, "pad")
    rid, code, message = error_of(client)
    assert (rid, code) == ("x", "internal_error") and "ZeroDivisionError" in message
    service.crash = None
    barrier(client)
    assert harness.stats()["internal_errors"] == 1


def test_messages_the_daemon_sends_are_dropped_to_prevent_reply_loops(harness, client):
    client.send("/frag/error", "", "bad_args", "from another daemon")
    client.send("/frag/pong", "x")
    assert barrier(client) == []
    assert harness.stats()["drops"] == {"reply_loop": 2}


def test_every_refusal_and_drop_is_logged_with_its_reason(harness, client, caplog):
    caplog.set_level(logging.INFO, logger="osc")
    client.send("/frag/genrate", "x")
    client.send_raw(b"junk")
    client.send_raw(encode_bundle([]))
    barrier(client)
    text = caplog.text
    assert "unknown_address" in text and "malformed" in text and "empty_bundle" in text


# --- allow list ----------------------------------------------------------------------------

def test_foreign_host_is_dropped_without_reply(harness, client, caplog):
    caplog.set_level(logging.WARNING, logger="osc")
    client.hello()
    barrier(client)
    before = harness.stats()["sent"]
    # The protocol callback itself, with a source outside loopback and the (empty) allow list.
    harness.call(harness.server.datagram_received, encode_values("/frag/ping", "x"),
                 ("203.0.113.9", 4444))
    harness.call(harness.server.datagram_received, b"junk", ("203.0.113.9", 4444))
    stats = harness.stats()
    assert stats["sent"] == before and stats["drops"] == {"not_allowed": 2}
    assert "203.0.113.9" in caplog.text and "not_allowed" in caplog.text
    assert barrier(client) == []  # the registered client heard nothing either


def _lan_address() -> str | None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks a route
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def test_foreign_host_over_real_udp_is_dropped_and_listed_host_is_served(service):
    lan = _lan_address()
    if lan is None:
        pytest.skip("this machine has no non-loopback IPv4 address")
    other = "203.0.113.0/24" if lan.startswith("198.51.100.") else "198.51.100.0/24"
    with Harness(service, host="0.0.0.0", allow=[other]) as harness:
        outsider = harness.client(bind_host=lan)
        outsider.daemon = (lan, harness.address[1])
        outsider.send("/frag/ping", "x")
        local = harness.client()
        barrier(local)
        assert outsider.recv(0.3) is None
        assert harness.stats()["drops"] == {"not_allowed": 1}
    with Harness(service, host="0.0.0.0", allow=[lan]) as harness:
        insider = harness.client(bind_host=lan)
        insider.daemon = (lan, harness.address[1])
        assert insider.request("/frag/ping", "y", reply="/frag/pong")[1] == ["y"]


def test_a_bad_allow_entry_is_refused_at_construction(service):
    with pytest.raises(ValueError, match="not-an-ip"):
        Harness(service, allow=["not-an-ip"])


# --- preview ------------------------------------------------------------------------------------

def test_preview_requests_reach_the_service_and_are_answered_by_state_pushes(service, client):
    service.held[3] = SlotTake(3, "/s/output03.wav", 1, 2.0, 12, "piper", "x")
    origin = ("127.0.0.1", client.port)
    client.send("/frag/preview", 3)
    assert client.wait_for("/frag/preview/state", 5) == (
        "/frag/preview/state", ["playing", 3, 12, "playing"])
    client.send("/frag/preview/take", 12)
    assert client.wait_for("/frag/preview/state", 5)[1][:3] == ["playing", 0, 12]
    client.send("/frag/preview/stop")
    assert client.wait_for("/frag/preview/state", 5)[1] == ["stopped", 0, 0, "nothing is playing"]
    assert service.previews == [(3, None, origin), (0, 12, origin), (-1, None, origin)]


@pytest.mark.parametrize("args, code", [((4,), "preview_empty"), ((9,), "slot_range"),
                                        (("3",), "bad_args"), ((), "bad_args")])
def test_preview_refusals_are_answered(client, args, code):
    client.send("/frag/preview", *args)
    assert error_of(client)[1] == code


@pytest.mark.parametrize("args", [(0,), (-3,), ("7",), (1, 2)])
def test_preview_take_needs_one_take_number(client, args):
    client.send("/frag/preview/take", *args)
    assert error_of(client)[1] == "bad_args"


# --- pushes ------------------------------------------------------------------------------------

def test_every_event_becomes_its_push_with_the_documented_types(harness, client):
    client.hello()
    barrier(client)
    events = [
        (JobQueued("j", 1), ("/frag/queued", ["j", 1])),
        (JobProgress("j", 0.25), ("/frag/progress", ["j", 0.25])),
        (JobReady("j", 3, "/s/output03.wav", 2**31 - 1, 4.0, 12, "piper", "två ord"),
         ("/frag/ready", ["j", 3, "/s/output03.wav", 2**31 - 1, 4.0, 12, "piper", "två ord"])),
        (JobFailed("j", "engine_crashed", "worker died"),
         ("/frag/error", ["j", "engine_crashed", "worker died"])),
        (JobCancelled("j", "superseded"), ("/frag/cancelled", ["j", "superseded"])),
        (EngineState("piper", "busy"), ("/frag/engine/state", ["piper", "busy"])),
        (ConfigReloaded("osc.allow", "osc.port"),
         ("/frag/config/reloaded", ["osc.allow", "osc.port", ""])),
        (LifecycleChanged("QUITTING", "SIGTERM"), ("/frag/state", ["QUITTING", "SIGTERM"])),
        (PreviewState("finished", 3, 12, "slot 3 (take 12): finished", frames=5, total=5),
         ("/frag/preview/state", ["finished", 3, 12, "slot 3 (take 12): finished"])),
    ]
    for event, expected in events:
        harness.emit(event)
        reply = client.recv(5)
        assert reply == expected
        assert [type(v) for v in reply[1]] == [type(v) for v in expected[1]]


def test_an_unencodable_event_is_logged_not_raised(harness, client, caplog):
    client.hello()
    barrier(client)
    harness.emit(JobQueued("j", None))  # a daemon bug: position missing
    harness.emit(JobQueued("k", 1))
    assert client.recv(5) == ("/frag/queued", ["k", 1])
    assert harness.stats()["send_failures"] == 1 and "cannot encode" in caplog.text


def test_pushes_to_a_port_nobody_listens_on_do_not_disturb_others(harness, client):
    dead = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    dead.bind(("127.0.0.1", 0))
    dead_port = dead.getsockname()[1]
    dead.close()
    client.send("/frag/hello", dead_port)
    client.hello()
    for n in range(20):
        harness.emit(JobProgress("j", n / 20))
    got = [client.wait_for("/frag/progress", 5)[1][1] for _ in range(20)]
    assert got == pytest.approx([n / 20 for n in range(20)])  # sent as 32-bit floats
    barrier(client)


def test_close_releases_the_port(service):
    with Harness(service) as harness:
        port = harness.address[1]
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", port))
    sock.close()
    assert service.bus._subscribers == []  # unsubscribed from the bus



def test_a_busy_port_is_reported_with_the_address(service):
    with Harness(service) as first:
        busy = OscServer(service, port=first.address[1])
        with pytest.raises(OSError, match=f"udp 127.0.0.1:{first.address[1]}"):
            first.run(busy.start())
        first.run(busy.close())
