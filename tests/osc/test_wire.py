"""Decoding is strict and bounded on any bytes; encoding round-trips."""

from __future__ import annotations

import math
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osc.wire import (Malformed, Message, decode_message, decode_packet, encode_bundle,
                      encode_message, encode_values, tag_for)


def bundle(*elements: bytes, timetag: bytes = bytes(8)) -> bytes:
    return b"#bundle\0" + timetag + b"".join(struct.pack(">i", len(e)) + e for e in elements)


def test_message_round_trip_keeps_types():
    data = encode_values("/frag/generate", "id", 3, "pad", "cfg", 2.5, "loop", True, "x", False)
    message = decode_packet(data)[0]
    assert message.address == "/frag/generate"
    assert message.tags == "sissfsTsF"
    assert message.values == ["id", 3, "pad", "cfg", 2.5, "loop", True, "x", False]


def test_wide_types_are_kept_distinct():
    data = encode_message("/x", [("h", 2**40), ("d", 0.1), ("b", b"abc"), ("N", None),
                                 ("m", (1, 2, 3, 4))])
    message = decode_message(data)
    assert message.args == (("h", 2**40), ("d", 0.1), ("b", b"abc"), ("N", None),
                            ("m", (1, 2, 3, 4)))


def test_arrays_nest_and_message_without_type_tags_has_no_args():
    data = b"/x\0\0,i[ss]\0\0" + struct.pack(">i", 1) + b"a\0\0\0b\0\0\0"
    assert decode_message(data).args == (("i", 1), ("[", [("s", "a"), ("s", "b")]))
    assert decode_message(b"/x\0\0") == Message("/x")


def test_bundles_flatten_in_order_and_nest():
    ping, status = encode_values("/frag/ping", "a"), encode_values("/frag/status")
    data = bundle(ping, bundle(status, ping))
    assert [m.address for m in decode_packet(data)] == ["/frag/ping", "/frag/status",
                                                        "/frag/ping"]
    assert decode_packet(bundle()) == []
    assert decode_packet(encode_bundle([ping])) == [decode_message(ping)]


@pytest.mark.timeout(5)
@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"hello", "neither"),
    (b"/frag/ping", "no terminating NUL"),
    (b"/abc\0", "not padded"),
    (b"/frag/ping\0\0s\0\0\0", "does not start with ','"),
    (b"/x\0\0,i\0\0\0\0", "ends inside"),
    (b"/x\0\0,x\0\0", "unknown OSC type tag 'x'"),
    (b"/x\0\0,]\0\0", "']' without '['"),
    (b"/x\0\0,[\0\0", "'[' without ']'"),
    (b"/x\0\0,\0\0\0junk", "4 bytes left"),
    (b"/x\0\0,b\0\0" + struct.pack(">i", 100), "blob size 100"),
    (b"/x\0\0,s\0\0\xc3\x28\0\0", "not UTF-8"),
    (b"x\0\0\0", "neither"),
    (b"#bundle\0" + bytes(8) + struct.pack(">i", -4) + b"/a\0\0,\0\0\0", "declares size -4"),
    (b"#bundle\0" + bytes(8) + struct.pack(">i", 0), "declares size 0"),
    (b"#bundle\0" + bytes(8) + struct.pack(">i", 6) + b"/a\0\0,\0", "declares size 6"),
    (b"#bundle\0" + bytes(4), "no room for its time tag"),
    (bundle(b"junk"), "neither a message nor a bundle"),
    (bundle(b"x\0\0\0"), "neither a message nor a bundle"),
])
def test_malformed_input_is_named(data, words):
    with pytest.raises(Malformed) as err:
        decode_packet(data)
    assert words in str(err.value)


@pytest.mark.timeout(5)
def test_deep_bundle_nesting_is_bounded():
    data = encode_values("/frag/ping", "deep")
    for _ in range(20):
        data = bundle(data)
    with pytest.raises(Malformed, match="nested deeper"):
        decode_packet(data)


@settings(max_examples=2000, deadline=None, database=None)
@given(st.binary(max_size=256))
def test_any_bytes_decode_or_raise_malformed(data):
    try:
        messages = decode_packet(data)
    except Malformed as refusal:
        assert str(refusal), "a refusal must say what was wrong"
        return
    assert_well_formed(messages)


@settings(max_examples=1000, deadline=None, database=None)
@given(st.binary(max_size=64).map(lambda tail: b"#bundle\0" + bytes(8) + tail))
def test_any_bundle_body_decodes_or_raises_malformed(data):
    try:
        messages = decode_packet(data)
    except Malformed as refusal:
        assert str(refusal), "a refusal must say what was wrong"
        return
    assert_well_formed(messages)


def assert_well_formed(messages) -> None:
    """What a successful decode promises: messages with OSC addresses and typed arguments."""
    assert isinstance(messages, list)
    for message in messages:
        assert isinstance(message, Message) and message.address.startswith("/")
        assert all(isinstance(tag, str) and len(tag) == 1 for tag, _ in message.args)


_VALUES = st.one_of(st.text(max_size=20).filter(lambda s: "\0" not in s),
                    st.integers(-(2**31), 2**31 - 1), st.booleans(),
                    st.floats(width=32, allow_nan=False))


@settings(max_examples=500, deadline=None, database=None)
@given(st.lists(_VALUES, max_size=8))
def test_encode_then_decode_round_trips(values):
    message = decode_packet(encode_values("/frag/generate", *values))[0]
    assert message.values == values
    assert message.tags == "".join(tag_for(v) for v in values)


def test_tag_for():
    assert [tag_for(v) for v in ("a", 1, 2**40, 1.0, True, False)] == list("sihfTF")
    with pytest.raises(TypeError):
        tag_for(None)


def test_nul_in_an_outgoing_string_is_removed_not_fatal():
    assert decode_message(encode_message("/x", [("s", "a\0b")])).values == ["ab"]
    assert math.isnan(decode_message(encode_message("/x", [("f", float("nan"))])).values[0])
