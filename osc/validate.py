"""Check a decoded message against its :class:`osc.table.Address`. Pure, no I/O.

Only the *shape* is checked here (count, types, the table's simple rules); what the values
mean (slot in range, engine known, parameter valid) is the service's business.
"""

from __future__ import annotations

import difflib
import math
from typing import Any

from daemon.errors import RequestError
from osc.table import INT32, REQUESTS, Address, Arg, Pairs
from osc.wire import Message

_TAG_NAMES = {"s": "string (s)", "S": "symbol (S)", "i": "int (i)", "h": "int64 (h)",
              "f": "float (f)", "d": "double (d)", "T": "true (T)", "F": "false (F)",
              "N": "nil (N)", "I": "impulse (I)", "b": "blob (b)", "c": "char (c)",
              "m": "MIDI (m)", "r": "colour (r)", "t": "time tag (t)", "[": "array ([...])"}
_EXPECT_NAMES = {"s": "a string (s)", "i": "an int (i)", "f": "a float (f)", "T": "T", "F": "F"}


def parse_args(spec: Address, message: Message) -> dict[str, Any]:
    """Typed values by argument name (pairs as a dict), or ``RequestError('bad_args', ...)``."""
    got, fixed = len(message.args), len(spec.args)
    if got < fixed:
        missing = spec.args[got]
        _refuse(spec, f"missing {missing.label} (argument {got + 1}); got {got} argument(s)")
    if got > fixed and spec.pairs is None:
        extra = message.args[fixed]
        _refuse(spec, f"takes {fixed} argument(s), got {got}: argument {fixed + 1} is an "
                      f"extra {describe(*extra)}")
    values = {arg.name: coerce(spec, arg, position, *message.args[position - 1])
              for position, arg in enumerate(spec.args, 1)}
    if spec.pairs is not None:
        values[spec.pairs.name] = _pairs(spec, spec.pairs, message.args[fixed:], fixed + 1)
    return values


def coerce(spec: Address, arg: Arg, position: int, tag: str, value: Any) -> Any:
    """One argument as the Python type ``arg`` wants, or a ``bad_args`` refusal naming it."""
    where = f"argument {position} ({arg.name})"
    tag, value = _canonical(tag, value)
    if tag in arg.types:
        result = value
    elif tag == "f" and "i" in arg.types:
        if not (math.isfinite(value) and value.is_integer() and INT32[0] <= value <= INT32[1]):
            _refuse(spec, f"{where} must be {expected(arg.types)}; got float {value!r}, "
                          "which is not a whole 32-bit number")
        result = int(value)  # Max sometimes sends 1.0 for 1
    elif tag == "i" and "f" in arg.types:
        result = float(value)
    else:
        _refuse(spec, f"{where} must be {expected(arg.types)}; got {describe(tag, value)}")
    _check_rules(spec, arg, where, result)
    return result


def _canonical(tag: str, value: Any) -> tuple[str, Any]:
    """Fold the wider wire types into the four the contract speaks (s, i, f, T/F)."""
    if tag == "S":
        return "s", value
    if tag == "h" and INT32[0] <= value <= INT32[1]:
        return "i", value
    if tag == "d":
        return "f", value
    return tag, value


def _check_rules(spec: Address, arg: Arg, where: str, value: Any) -> None:
    if arg.range and not arg.range[0] <= value <= arg.range[1]:
        _refuse(spec, f"{where} must be in {arg.range[0]}..{arg.range[1]}; got {value}")
    if arg.nonempty and value == "":
        _refuse(spec, f"{where} must not be empty")
    if isinstance(value, str) and value in arg.reserved:
        _refuse(spec, f"{where} must not be {value!r}, which is reserved")


def _pairs(spec: Address, pairs: Pairs, items: tuple, first: int) -> dict[str, Any]:
    if len(items) % 2:
        _refuse(spec, f"{pairs.key.name} {pairs.value.name} pairs must come in twos; "
                      f"argument {first + len(items) - 1} ({describe(*items[-1])}) has no "
                      f"{pairs.value.name}")
    result: dict[str, Any] = {}
    seen_at: dict[str, int] = {}
    for offset in range(0, len(items), 2):
        position = first + offset
        key = coerce(spec, pairs.key, position, *items[offset])
        if key in seen_at:
            _refuse(spec, f"{pairs.key.name} {key!r} given twice (arguments {seen_at[key]} "
                          f"and {position})")
        seen_at[key] = position
        result[key] = coerce(spec, pairs.value, position + 1, *items[offset + 1])
    return result


def request_id(message: Message) -> str:
    """The id an error about this message carries: its first argument if a string, else ""."""
    if message.args and message.args[0][0] in ("s", "S"):
        return message.args[0][1]
    return ""


def suggest(address: str, paths: tuple[str, ...] | None = None) -> str:
    """A " did you mean ...?" hint for a near-miss address, or ""."""
    if len(address) > 200:  # nothing that long is a typo of ours; keep the work bounded
        return ""
    paths = paths if paths is not None else tuple(a.path for a in REQUESTS)
    by_lower = {p.lower(): p for p in paths}
    close = difflib.get_close_matches(address.lower(), list(by_lower), n=1, cutoff=0.6)
    return f"; did you mean {by_lower[close[0]]}?" if close else ""


def unknown_address(address: str) -> RequestError:
    shown = address if len(address) <= 80 else address[:77] + "..."
    hint = suggest(address)
    if any(c in address for c in "*?[]{}"):
        hint = "; OSC address patterns (wildcards) are not supported, send the full address"
    return RequestError("unknown_address", f"no such address {shown!r}{hint}")


def describe(tag: str, value: Any) -> str:
    """A received argument in words, for error messages: ``int (i) 5``."""
    name = _TAG_NAMES.get(tag, f"type {tag!r}")
    if tag in ("s", "S", "i", "h", "f", "d", "c"):
        text = repr(value)
        return f"{name} {text if len(text) <= 40 else text[:37] + '...'}"
    if tag == "b":
        return f"{name} of {len(value)} bytes"
    return name


def expected(types: str) -> str:
    if types == "TF":
        return "a boolean (T or F)"
    names = [_EXPECT_NAMES[t] for t in types if t != "F"]
    names = ["a boolean (T or F)" if n == "T" else n for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _refuse(spec: Address, problem: str) -> None:
    raise RequestError("bad_args", f"{spec.path} {spec.signature}: {problem}")
