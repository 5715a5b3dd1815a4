"""The wire protocol between the daemon and an engine worker process (over its stdin/stdout).

A frame is one JSON header line (UTF-8, ``\\n``-terminated) holding ``"type"`` and ``"nbytes"``,
followed by exactly ``nbytes`` bytes of payload (0 for control messages). Audio travels as raw
float32 little-endian samples, interleaved (frames × channels), described by the header's
``sample_rate``, ``channels`` and ``frames``: no base64, a 16 MB take costs one copy.

daemon → worker: ``init {engine, settings, device}`` → ``ready {engine}``; ``load`` →
``loaded {describe}``; ``generate {job_id, prompt, seed, seconds, params}`` → ``progress
{job_id, fraction}``* then ``result {job_id, seed, sample_rate, channels, frames, info}`` +
audio, or ``cancelled {job_id}``, or ``error {job_id, ...}``; ``cancel {job_id}``; ``ping {n}``
→ ``pong {n}`` (answered even while a take runs); ``describe`` → ``describe {describe}``;
``unload`` → ``unloaded``; ``shutdown`` → ``bye``, then the worker exits.
worker → daemon, unasked: ``hello {pid, protocol, python}`` once at start.
``error {job_id?, stage, code, message, traceback}`` answers a request that failed; ``stage`` is
init, load, generate or protocol.

This module is plain code with no engine imports, shared by both sides.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

import numpy as np

PROTOCOL_VERSION = 1
MAX_HEADER_BYTES = 1 << 20  # a header line longer than this is a protocol error


class ProtocolError(Exception):
    """The byte stream does not hold a valid frame."""


def encode_header(header: dict[str, Any], nbytes: int = 0) -> bytes:
    """The header line of a frame (``nbytes`` set), ready to write."""
    line = json.dumps({**header, "nbytes": nbytes}, separators=(",", ":"), default=_jsonable)
    return line.encode("utf-8") + b"\n"


def decode_header(line: bytes) -> dict[str, Any]:
    """Parse one header line; ProtocolError when it is not a JSON object with type and nbytes."""
    try:
        header = json.loads(line)
    except (UnicodeDecodeError, ValueError) as e:
        raise ProtocolError(f"bad frame header {line[:200]!r}: {e}") from None
    if not isinstance(header, dict) or not isinstance(header.get("type"), str):
        raise ProtocolError(f"frame header without a type: {line[:200]!r}")
    nbytes = header.get("nbytes", 0)
    if not isinstance(nbytes, int) or nbytes < 0:
        raise ProtocolError(f"bad nbytes in frame header: {line[:200]!r}")
    return header


def write_frame(out: BinaryIO, header: dict[str, Any], payload: bytes | memoryview = b"") -> None:
    """Write one frame to a buffered binary stream and flush it (callers serialise writers)."""
    out.write(encode_header(header, len(payload)))
    if payload:
        out.write(payload)
    out.flush()


def read_frame(stream: BinaryIO) -> tuple[dict[str, Any], bytes] | None:
    """Read one frame from a blocking binary stream; None at a clean end of stream."""
    line = stream.readline(MAX_HEADER_BYTES + 1)
    if not line:
        return None
    if not line.endswith(b"\n"):
        raise ProtocolError("frame header too long or cut off")
    header = decode_header(line)
    payload = stream.read(header["nbytes"]) if header["nbytes"] else b""
    if len(payload) != header["nbytes"]:
        raise ProtocolError(f"stream ended inside a {header['type']} payload")
    return header, payload


def audio_to_payload(audio: np.ndarray) -> tuple[dict[str, int], memoryview]:
    """``(frames, channels)`` float audio → header fields and its float32 LE bytes."""
    audio = np.asarray(audio)
    if audio.ndim == 1:
        audio = audio[:, None]
    if audio.ndim != 2:
        raise ValueError(f"audio must be (frames, channels), got shape {audio.shape}")
    data = np.ascontiguousarray(audio, dtype="<f4")
    return {"frames": data.shape[0], "channels": data.shape[1]}, memoryview(data).cast("B")


def payload_to_audio(header: dict[str, Any], payload: bytes) -> np.ndarray:
    """The inverse of :func:`audio_to_payload`: a writable float32 (frames, channels) array."""
    frames, channels = int(header["frames"]), int(header["channels"])
    if len(payload) != frames * channels * 4:
        raise ProtocolError(f"audio payload of {len(payload)} bytes for {frames}×{channels} frames")
    return np.frombuffer(payload, dtype="<f4").reshape(frames, channels).astype(np.float32)


def _jsonable(value: Any) -> Any:
    """numpy scalars and arrays in take info become plain JSON values."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)
