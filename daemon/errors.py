"""Errors that travel back to a client as ``/frag/error id code message``.

Every refusal the daemon makes is a :class:`RequestError` with a stable, machine-readable
``code`` (clients switch on it) and a human message that names what was wrong.
"""

from __future__ import annotations


class RequestError(Exception):
    """A request the daemon refuses or a job that failed; ``code`` is part of the OSC contract."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"RequestError({self.code!r}, {self.message!r})"


# The codes, in one place so the OSC docs can list them.
ERROR_CODES: dict[str, str] = {
    "malformed": "the datagram is not a valid OSC packet",
    "too_large": "the datagram is larger than osc.max_packet_bytes",
    "unknown_address": "no such OSC address",
    "bad_args": "wrong number or types of arguments",
    "bad_param": "an unknown generation parameter, or a value out of range",
    "slot_range": "slot number outside 0..slot count",
    "unknown_engine": "no engine of that name",
    "engine_disabled": "the engine exists but is disabled in config.toml",
    "duplicate_id": "a job with this id is already queued or running",
    "queue_full": "the queue holds daemon.queue_size jobs; nothing was queued",
    "not_found": "no queued or running job with this id",
    "no_such_take": "the archive holds no take with this number (or its raw file is gone)",
    "shutting_down": "the daemon is stopping and takes no new work",
    "engine_crashed": "the engine's worker process died during the take; it is restarted",
    "engine_hung": "the engine's worker stopped answering health checks; it was killed and restarted",
    "engine_timeout": "the take ran longer than daemon.take_timeout_s",
    "engine_failed": "the engine raised an error while loading or generating",
    "out_of_memory": "the engine does not fit in GPU memory (free memory or the configured budget), "
                     "or CUDA ran out of memory during the take; the worker serves the next prompt",
    "publish_failed": "the take was generated but could not be archived or published",
    "preview_device": "the preview cannot play on preview.device: no such output device (the "
                      "message lists the ones found), the device is busy or cannot be opened "
                      "(PortAudio's message), it failed while playing, or PortAudio is not "
                      "installed (install libportaudio2)",
    "preview_empty": "nothing to preview: the slot holds no take yet, or its file is gone or "
                     "unreadable",
    "no_variations": "the slot has no other ranked variation to swap in (ask with variations=N)",
    "bad_scene": "the scene cannot be read or is invalid (the message names the file, layer "
                 "and key); nothing was generated",
    "mix_failed": "a layer could not be generated or the mix could not be rendered or written; "
                  "every layer already made stays archived and cached",
    "too_many_clients": "osc.max_clients reply ports are registered already",
    "internal_error": "the daemon hit a bug handling this request; it is logged and it serves on",
}
