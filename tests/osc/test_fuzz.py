"""Thousands of random and mutated datagrams over real UDP: each is answered (or dropped and
counted), every answer is a well-formed message of the contract, and the server still serves."""

from __future__ import annotations

import random
import struct

from osc.table import ERROR_CODES, PUSH_BY_PATH
from osc.wire import Malformed, decode_packet, encode_bundle, encode_message, encode_values
from tests.osc.conftest import Harness

SEED = 20261123
COUNT = 3000
BURST = 20  # datagrams in flight at once: well inside the loopback socket buffers
MAX_PACKET = 2048


def corpus() -> list[bytes]:
    """Valid requests of every kind (hello/bye excepted: mutating their port would spray
    replies at random local ports), and a few bundles of them."""
    singles = [
        encode_values("/frag/ping", "tok"), encode_values("/frag/ping", 7),
        encode_values("/frag/ping", 0.5), encode_values("/frag/status"),
        encode_values("/frag/engine/list"), encode_values("/frag/engine/load", "piper"),
        encode_values("/frag/engine/unload", "testsignal"),
        encode_values("/frag/engine/select", "piper"),
        encode_values("/frag/generate", "job", 1, "a warm pad"),
        encode_values("/frag/generate", "job2", 0, "rain", "seed", 42, "cfg", 3.5,
                      "loop", True, "engine", "piper"),
        encode_values("/frag/cancel", "job"),
        encode_message("/frag/generate", [("s", "j"), ("f", 2.0), ("s", "p"), ("h", 3),
                                          ("d", 1.5), ("N", None)]),
        b"/frag/ping\0\0,S\0\0sym\0",  # a symbol, as some clients send strings
        encode_message("/frag/ping", [("b", b"blob!")]),
    ]
    bundles = [encode_bundle(random.Random(n).sample(singles, 3)) for n in range(4)]
    return singles + bundles


class Mutator:
    def __init__(self, rng: random.Random, seeds: list[bytes]) -> None:
        self.rng, self.seeds = rng, seeds
        self.ops = [self.flip, self.poke, self.truncate, self.extend, self.int32, self.splice,
                    self.retag, self.wrap, self.noise, self.oversize]

    def __call__(self) -> bytes:
        data = self.rng.choice(self.seeds)
        for _ in range(self.rng.choice((1, 1, 1, 2, 3))):
            data = self.rng.choice(self.ops)(bytearray(data))
        return bytes(data)

    def _at(self, data: bytearray) -> int:
        return self.rng.randrange(len(data)) if data else 0

    def flip(self, data: bytearray) -> bytearray:
        if data:
            data[self._at(data)] ^= 1 << self.rng.randrange(8)
        return data

    def poke(self, data: bytearray) -> bytearray:
        if data:
            data[self._at(data)] = self.rng.choice(b"\x00\xff\x80\x7f/,#[]sifbhdNTFx")
        return data

    def truncate(self, data: bytearray) -> bytearray:
        return data[:self._at(data)]

    def extend(self, data: bytearray) -> bytearray:
        return data + self.rng.randbytes(self.rng.randrange(1, 12))

    def int32(self, data: bytearray) -> bytearray:
        at = self._at(data) & ~3
        value = self.rng.choice((-4, -1, 0, 1, 3, 4, 0x7FFFFFFF, -0x80000000, len(data)))
        return data[:at] + struct.pack(">i", value) + data[at + 4:]

    def splice(self, data: bytearray) -> bytearray:
        other = self.rng.choice(self.seeds)
        return data[:self._at(data)] + other[self.rng.randrange(len(other)):]

    def retag(self, data: bytearray) -> bytearray:
        comma = data.find(b",")
        if comma >= 0 and comma + 1 < len(data):
            data[comma + 1 + self.rng.randrange(min(4, len(data) - comma - 1))] = \
                self.rng.choice(b"ifsbhdtcmrTFNIS[]xz")
        return data

    def wrap(self, data: bytearray) -> bytearray:
        size = self.rng.choice((len(data), len(data) + 4, -len(data), 0))
        return bytearray(b"#bundle\0" + self.rng.randbytes(8) + struct.pack(">i", size) + data)

    def noise(self, data: bytearray) -> bytearray:
        return bytearray(self.rng.randbytes(self.rng.randrange(1, 64)))

    def oversize(self, data: bytearray) -> bytearray:
        return data + bytes(MAX_PACKET)


def sprays_replies(data: bytes) -> bool:
    """A mutation that became a hello/bye for some random port: not sent (see corpus)."""
    try:
        return any(m.address in ("/frag/hello", "/frag/bye") for m in decode_packet(data))
    except Malformed:
        return False


def check_reply(address: str, args: list) -> None:
    spec = PUSH_BY_PATH.get(address)
    assert spec is not None, f"unknown reply address {address}"
    if spec.pairs:
        assert len(args) >= len(spec.args) and (len(args) - len(spec.args)) % 2 == 0
    else:
        assert len(args) == len(spec.args), (address, args)
    if address == "/frag/error":
        assert all(isinstance(a, str) for a in args) and args[1] in ERROR_CODES, args


def test_fuzzed_datagrams_are_each_answered_and_the_server_survives(service):
    rng = random.Random(SEED)
    mutate = Mutator(rng, corpus())
    with Harness(service, max_packet_bytes=MAX_PACKET) as harness:
        client = harness.client()
        client.hello()
        client.request("/frag/ping", "start", reply=lambda a, v: v == ["start"])
        sent = unanswered = 0
        codes: set[str] = set()
        while sent < COUNT:
            burst = [d for d in (mutate() for _ in range(BURST)) if not sprays_replies(d)]
            drops_before = harness.stats()["dropped"]
            for n, data in enumerate(burst):
                client.send_raw(data)
                client.send("/frag/ping", f"barrier-{sent + n}")
            for n in range(len(burst)):
                replies = []
                while (reply := client.recv(5)) != ("/frag/pong", [f"barrier-{sent + n}"]):
                    assert reply is not None, f"datagram {burst[n]!r} killed the reply stream"
                    check_reply(*reply)
                    replies.append(reply)
                codes |= {args[1] for a, args in replies if a == "/frag/error"}
                unanswered += not replies
            dropped = harness.stats()["dropped"] - drops_before
            assert unanswered <= dropped, "a datagram was neither answered nor dropped"
            unanswered = 0
            sent += len(burst)
        assert client.request("/frag/ping", "end", reply="/frag/pong")[1] == ["end"]
        assert client.request("/frag/status", reply="/frag/status/reply")[1][0] == "WARM"
        stats = harness.stats()
    assert stats["internal_errors"] == 0
    assert stats["received"] >= 2 * COUNT
    assert {"malformed", "too_large", "unknown_address", "bad_args"} <= codes
