"""Argument shapes against the table; every refusal names what was wrong."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daemon.errors import RequestError
from osc.table import REQUEST_BY_PATH, REQUESTS
from osc.validate import expected, parse_args, request_id, suggest, unknown_address
from osc.wire import Message

GENERATE = REQUEST_BY_PATH["/frag/generate"]
HELLO = REQUEST_BY_PATH["/frag/hello"]
PING = REQUEST_BY_PATH["/frag/ping"]


def msg(path: str, *args: tuple[str, object]) -> Message:
    return Message(path, tuple(args))


def refused(spec, *args) -> str:
    with pytest.raises(RequestError) as err:
        parse_args(spec, msg(spec.path, *args))
    assert err.value.code == "bad_args"
    return err.value.message


def test_generate_with_typed_pairs():
    values = parse_args(GENERATE, msg("/frag/generate", ("s", "t1"), ("i", 0), ("s", "pad"),
                                      ("s", "seed"), ("i", 7), ("s", "cfg"), ("f", 2.5),
                                      ("s", "loop"), ("T", True), ("S", "engine"),
                                      ("S", "piper")))
    assert values == {"id": "t1", "slot": 0, "prompt": "pad",
                      "params": {"seed": 7, "cfg": 2.5, "loop": True, "engine": "piper"}}


@pytest.mark.parametrize("tag, value, result", [("f", 2.0, 2), ("d", -1.0, -1), ("h", 5, 5)])
def test_int_argument_accepts_whole_floats_and_small_int64(tag, value, result):
    values = parse_args(GENERATE, msg("/frag/generate", ("s", "a"), (tag, value), ("s", "p")))
    assert values["slot"] == result and type(values["slot"]) is int


@pytest.mark.parametrize("tag, value, words", [
    ("f", 2.5, "float 2.5, which is not a whole 32-bit number"),
    ("f", float("nan"), "not a whole"),
    ("f", float("inf"), "not a whole"),
    ("f", 3e9, "not a whole"),
    ("h", 2**40, "int64 (h) 1099511627776"),
    ("s", "2", "string (s) '2'"),
    ("T", True, "true (T)"),
    ("[", [], "array"),
])
def test_int_argument_refusals(tag, value, words):
    message = refused(GENERATE, ("s", "a"), (tag, value), ("s", "p"))
    assert "argument 2 (slot) must be an int (i)" in message and words in message


def test_messages_start_with_the_address_and_signature():
    message = refused(GENERATE, ("s", "a"))
    assert message.startswith("/frag/generate id:s slot:i prompt:s [key:s value:s|i|f|T|F ...]:")
    assert "missing slot:i (argument 2); got 1 argument(s)" in message


def test_too_many_arguments_without_pairs():
    message = refused(PING, ("s", "a"), ("i", 2))
    assert "takes 1 argument(s), got 2: argument 2 is an extra int (i) 2" in message


def test_long_strings_are_shortened_in_messages():
    message = refused(GENERATE, ("s", "a"), ("s", "x" * 5000), ("s", "p"))
    assert len(message) < 300 and "..." in message


def test_pairs_refusals():
    base = (("s", "a"), ("i", 0), ("s", "p"))
    assert "argument 6 (int (i) 1) has no value" in refused(GENERATE, *base, ("s", "seed"),
                                                             ("i", 1), ("i", 1))
    assert "'seed' given twice (arguments 4 and 6)" in refused(
        GENERATE, *base, ("s", "seed"), ("i", 1), ("s", "seed"), ("i", 2))
    assert "argument 5 (value) must be a string (s), an int (i), a float (f) or a boolean" in \
        refused(GENERATE, *base, ("s", "k"), ("N", None))


def test_ping_token_keeps_its_type_and_int_widens_only_where_float_is_wanted():
    for tag, value in (("s", "x"), ("i", 3), ("f", 0.5)):
        token = parse_args(PING, msg("/frag/ping", (tag, value)))["token"]
        assert token == value and type(token) is type(value)
    assert parse_args(PING, msg("/frag/ping", ("d", 0.25)))["token"] == 0.25


def test_reply_port_range():
    assert parse_args(HELLO, msg("/frag/hello", ("i", 65535)))["reply_port"] == 65535
    assert "must be in 1..65535; got 0" in refused(HELLO, ("i", 0))


def test_request_id_is_the_first_string_argument():
    assert request_id(msg("/x", ("s", "take"), ("i", 1))) == "take"
    assert request_id(msg("/x", ("S", "sym"))) == "sym"
    assert request_id(msg("/x", ("i", 1), ("s", "take"))) == ""
    assert request_id(msg("/x")) == ""


def test_did_you_mean():
    assert suggest("/frag/genrate") == "; did you mean /frag/generate?"
    assert suggest("/FRAG/STATUS") == "; did you mean /frag/status?"
    assert suggest("/frag/engine/lod") == "; did you mean /frag/engine/load?"
    assert suggest("/completely/else") == ""
    assert "wildcards" in unknown_address("/frag/*").message
    assert len(unknown_address("/" + "x" * 5000).message) < 200


def test_expected_phrases():
    assert expected("i") == "an int (i)"
    assert expected("sif") == "a string (s), an int (i) or a float (f)"


_TAGS = st.sampled_from(list("sSihfdTFNbcm["))
_ARG = _TAGS.flatmap(lambda tag: st.tuples(st.just(tag), {
    "s": st.text(max_size=5), "S": st.text(max_size=5), "i": st.integers(-2**31, 2**31 - 1),
    "h": st.integers(-2**63, 2**63 - 1), "f": st.floats(width=32), "d": st.floats(),
    "T": st.just(True), "F": st.just(False), "N": st.none(), "b": st.binary(max_size=4),
    "c": st.text(min_size=1, max_size=1), "m": st.just((0, 1, 2, 3)), "[": st.just([])}[tag]))


@settings(max_examples=1500, deadline=None, database=None)
@given(st.sampled_from(REQUESTS), st.lists(_ARG, max_size=9))
def test_any_arguments_parse_or_refuse_with_bad_args(spec, args):
    try:
        parse_args(spec, Message(spec.path, tuple(args)))
    except RequestError as err:
        assert err.code == "bad_args" and err.message.startswith(spec.path)
