"""OSC 1.0 bytes <-> messages. Pure functions, no I/O.

Decoding is our own, strict and bounded, because python-osc 1.10.2's parser is unsafe on
hostile input: a bundle element with a negative size makes ``OscBundle`` loop forever, a
non-UTF-8 string escapes as ``UnicodeDecodeError`` instead of ``ParseError``, an unknown type
tag is skipped without consuming its bytes (every later argument is then garbage), and the
``i``/``h`` and ``f``/``d`` distinctions are lost. Encoding uses python-osc's builders.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any, Iterable

from pythonosc.osc_bundle_builder import IMMEDIATELY, OscBundleBuilder
from pythonosc.osc_message import OscMessage
from pythonosc.osc_message_builder import OscMessageBuilder

BUNDLE_TAG = b"#bundle\x00"
MAX_BUNDLE_DEPTH = 8
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1


class Malformed(ValueError):
    """The bytes are not a valid OSC packet; the message says where and why."""


@dataclass(frozen=True)
class Message:
    """One decoded message: ``args`` holds ``(type_tag, value)``; an array is ``("[", [...])``."""

    address: str
    args: tuple[tuple[str, Any], ...] = ()

    @property
    def values(self) -> list[Any]:
        return [value for _, value in self.args]

    @property
    def tags(self) -> str:
        return "".join(tag for tag, _ in self.args)


def decode_packet(data: bytes) -> list[Message]:
    """Every message in a datagram (a message, or a bundle flattened in order)."""
    if data.startswith(BUNDLE_TAG):
        return _decode_bundle(data, 0)
    if data.startswith(b"/"):
        return [decode_message(data)]
    if not data:
        raise Malformed("empty datagram")
    raise Malformed(f"datagram starts with {bytes(data[:8])!r}, neither '/' nor '#bundle'")


def _decode_bundle(data: bytes, depth: int) -> list[Message]:
    if depth >= MAX_BUNDLE_DEPTH:
        raise Malformed(f"bundles nested deeper than {MAX_BUNDLE_DEPTH}")
    if len(data) < 16:
        raise Malformed(f"bundle of {len(data)} bytes has no room for its time tag")
    messages: list[Message] = []
    index, element = 16, 1  # the time tag (bytes 8..16) is ignored: no strict timing
    while index < len(data):
        size = _int32(data, index, f"size of bundle element {element}")
        start, end = index + 4, index + 4 + size
        if size <= 0 or size % 4 or end > len(data):
            raise Malformed(f"bundle element {element} at byte {index} declares size {size}; "
                            f"it must be a positive multiple of 4 within the "
                            f"{len(data) - start} bytes left")
        content = data[start:end]
        if content.startswith(BUNDLE_TAG):
            messages.extend(_decode_bundle(content, depth + 1))
        elif content.startswith(b"/"):
            messages.append(decode_message(content))
        else:
            raise Malformed(f"bundle element {element} is neither a message nor a bundle")
        index, element = end, element + 1
    return messages


def decode_message(data: bytes) -> Message:
    address, index = _string(data, 0, "address")
    if not address.startswith("/"):
        raise Malformed(f"address {address[:40]!r} does not start with '/'")
    if index == len(data):  # OSC 1.0 lets old senders omit the type tag string
        return Message(address)
    tags, index = _string(data, index, "type tag string")
    if not tags.startswith(","):
        raise Malformed(f"{address}: type tag string {tags[:20]!r} does not start with ','")
    stack: list[list[tuple[str, Any]]] = [[]]
    for position, tag in enumerate(tags[1:], 1):
        if tag == "[":
            array: list[tuple[str, Any]] = []
            stack[-1].append(("[", array))
            stack.append(array)
        elif tag == "]":
            if len(stack) == 1:
                raise Malformed(f"{address}: ']' without '[' in type tags {tags!r}")
            stack.pop()
        else:
            value, index = _argument(data, index, tag, f"{address} argument {position}")
            stack[-1].append((tag, value))
    if len(stack) != 1:
        raise Malformed(f"{address}: '[' without ']' in type tags {tags!r}")
    if index != len(data):
        raise Malformed(f"{address}: {len(data) - index} bytes left after the last argument")
    return Message(address, tuple(stack[0]))


_FIXED = {"i": ">i", "h": ">q", "f": ">f", "d": ">d", "c": ">I", "r": ">I", "t": ">Q"}
_NO_DATA = {"T": True, "F": False, "N": None, "I": None}


def _argument(data: bytes, index: int, tag: str, where: str) -> tuple[Any, int]:
    if tag in _NO_DATA:
        return _NO_DATA[tag], index
    if tag in ("s", "S"):
        return _string(data, index, where)
    if tag == "b":
        size = _int32(data, index, f"{where} (blob size)")
        end = index + 4 + size
        if size < 0 or end > len(data):
            raise Malformed(f"{where}: blob size {size} does not fit the datagram")
        return bytes(data[index + 4:end]), end + (-size % 4)
    if tag == "m":
        return tuple(_need(data, index, 4, where)), index + 4
    if tag in _FIXED:
        fmt = _FIXED[tag]
        size = struct.calcsize(fmt)
        value = struct.unpack(fmt, _need(data, index, size, where))[0]
        return (chr(value) if tag == "c" and value < 0x110000 else value), index + size
    raise Malformed(f"{where}: unknown OSC type tag {tag!r}")


def _need(data: bytes, index: int, size: int, where: str) -> bytes:
    if index + size > len(data):
        raise Malformed(f"{where}: datagram ends inside it")
    return data[index:index + size]


def _int32(data: bytes, index: int, where: str) -> int:
    return struct.unpack(">i", _need(data, index, 4, where))[0]


def _string(data: bytes, index: int, where: str) -> tuple[str, int]:
    end = data.find(b"\x00", index)
    if end < 0:
        raise Malformed(f"{where}: string at byte {index} has no terminating NUL")
    padded = end + 4 - (end % 4)  # strings start 4-aligned, so this pads the total to 4
    if padded > len(data):
        raise Malformed(f"{where}: string at byte {index} is not padded to 4 bytes")
    try:
        return data[index:end].decode("utf-8"), padded
    except UnicodeDecodeError as exc:
        raise Malformed(f"{where}: string at byte {index} is not UTF-8 ({exc.reason})") from None


# --- encoding -----------------------------------------------------------------------------


def tag_for(value: Any) -> str:
    """The type tag a Python value is sent with: str s, int i (h beyond 32 bits), float f."""
    if isinstance(value, bool):
        return "T" if value else "F"
    if isinstance(value, int):
        return "i" if INT32_MIN <= value <= INT32_MAX else "h"
    if isinstance(value, float):
        return "f"
    if isinstance(value, str):
        return "s"
    raise TypeError(f"cannot send {type(value).__name__} {value!r} over OSC")


def encode_message(address: str, args: Iterable[tuple[str, Any]]) -> bytes:
    """Bytes of one message from explicit ``(type_tag, value)`` pairs."""
    builder = OscMessageBuilder(address)
    for tag, value in args:
        if tag == "s":
            value = value.replace("\x00", "")  # a NUL would end the OSC string early
        builder.add_arg(value, tag)
    return builder.build().dgram


def encode_values(address: str, *values: Any) -> bytes:
    """Bytes of one message, each type tag chosen by :func:`tag_for`."""
    return encode_message(address, [(tag_for(v), v) for v in values])


def encode_bundle(messages: Iterable[bytes], timetag: float = IMMEDIATELY) -> bytes:
    builder = OscBundleBuilder(timetag)
    for message in messages:
        builder.add_content(OscMessage(message))
    return builder.build().dgram
