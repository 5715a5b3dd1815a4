"""The OSC address table: the single source of truth for the contract.

Dispatch (:mod:`osc.server`), argument validation (:mod:`osc.validate`), the encoding of every
reply and push, and ``docs/osc.md`` (:func:`render_markdown`) all read these tables, so the
documentation cannot drift from what the daemon does. ``python -m osc.table > docs/osc.md``
regenerates the page.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from daemon.errors import ERROR_CODES as DAEMON_ERROR_CODES

PROTOCOL_VERSION = 1
DEFAULT_PORT = 9178
DEFAULT_MAX_PACKET_BYTES = 8192
DEFAULT_MAX_CLIENTS = 32
INT32 = (-(2**31), 2**31 - 1)

TYPE_NAMES = {"s": "string", "i": "int", "f": "float", "T": "true", "F": "false"}


@dataclass(frozen=True)
class Arg:
    """One argument: ``types`` lists the OSC type tags accepted (requests) or sent (replies)."""

    name: str
    types: str
    doc: str = ""
    range: tuple[int, int] | None = None  # inclusive bounds for an int
    nonempty: bool = False  # a string that must not be ""
    reserved: tuple[str, ...] = ()  # string values refused here (they mean something else)

    @property
    def label(self) -> str:
        return f"{self.name}:{'|'.join(self.types)}"

    def rules(self) -> str:
        """The constraints as one phrase for messages and docs ("" when there are none)."""
        parts = []
        if self.range:
            parts.append(f"{self.range[0]}..{self.range[1]}")
        if self.nonempty:
            parts.append("not empty")
        if self.reserved:
            parts.append("not " + ", ".join(repr(r) for r in self.reserved))
        return ", ".join(parts)


@dataclass(frozen=True)
class Pairs:
    """Trailing ``key value`` pairs, collected into a dict named ``name``."""

    name: str
    key: Arg
    value: Arg
    doc: str = ""


@dataclass(frozen=True)
class Address:
    """A request a client may send: ``handler`` names the ``OscServer._on_<handler>`` method."""

    path: str
    args: tuple[Arg, ...]
    reply: tuple[str, ...]  # paths of the messages that answer it (see PUSHES)
    doc: str
    handler: str
    pairs: Pairs | None = None

    @property
    def signature(self) -> str:
        words = [a.label for a in self.args]
        if self.pairs:
            words.append(f"[{self.pairs.key.label} {self.pairs.value.label} ...]")
        return " ".join(words) or "(no arguments)"


@dataclass(frozen=True)
class Push:
    """A message the daemon sends: a direct reply, or a push caused by a bus ``event``."""

    path: str
    args: tuple[Arg, ...]
    doc: str
    event: str = ""  # daemon.events class name that causes the push, "" for replies only
    fields: tuple[str, ...] = ()  # event attributes, in argument order
    pairs: Pairs | None = None

    @property
    def signature(self) -> str:
        words = [a.label for a in self.args]
        if self.pairs:
            words.append(f"[{self.pairs.key.label} {self.pairs.value.label} ...]")
        return " ".join(words)


# --- requests -----------------------------------------------------------------------------

_PORT = Arg("reply_port", "i", "the UDP port this client listens on", range=(1, 65535))
_ENGINE = Arg("name", "s", "engine name, as in /frag/engine/list", nonempty=True)
_ENGINE_REPLY = ("/frag/engine/state",)
_PREVIEW_REPLY = ("/frag/preview/state", "/frag/error")

REQUESTS: tuple[Address, ...] = (
    Address("/frag/hello", (_PORT,), ("/frag/hello/ok", "/frag/engine/state"),
            "Register (sender's host, reply_port) for replies and pushes; idempotent. "
            "Answered with hello/ok, then one engine/state per engine.", "hello"),
    Address("/frag/bye", (_PORT,), ("/frag/bye/ok",),
            "Unregister (sender's host, reply_port); idempotent.", "bye"),
    Address("/frag/ping", (Arg("token", "sif", "any value, echoed with the same type"),),
            ("/frag/pong",), "Liveness check.", "ping"),
    Address("/frag/generate",
            (Arg("id", "s", "client-chosen job id", nonempty=True, reserved=("*",)),
             Arg("slot", "i", "0 = next slot in the ring, 1..slots = that slot"),
             Arg("prompt", "s", "what to generate")),
            ("/frag/queued", "/frag/progress", "/frag/ready", "/frag/error"),
            "Queue one take. Parameters such as engine, seconds, seed, steps, cfg, loop, bpm, "
            "bars, variations are checked by the daemon (bad_param).", "generate",
            pairs=Pairs("params", Arg("key", "s", nonempty=True), Arg("value", "sifTF"),
                        "generation parameters, each key at most once")),
    Address("/frag/cancel", (Arg("id", "s", 'a job id, or "*" for every job', nonempty=True),),
            ("/frag/cancelled",), "Cancel a queued or running job; one cancelled push per job.",
            "cancel"),
    Address("/frag/engine/load", (_ENGINE,), _ENGINE_REPLY,
            "Start the engine's worker and load its model.", "engine_command"),
    Address("/frag/engine/unload", (_ENGINE,), _ENGINE_REPLY,
            "End the engine's worker (frees its GPU memory).", "engine_command"),
    Address("/frag/engine/select", (_ENGINE,), _ENGINE_REPLY,
            "Make the engine the default for prompts that name none.", "engine_command"),
    Address("/frag/republish",
            (Arg("id", "s", "client-chosen job id", nonempty=True, reserved=("*",)),
             Arg("take", "i", "archive take number (fragmentd archive list)"),
             Arg("slot", "i", "0 = next slot in the ring, 1..slots = that slot")),
            ("/frag/queued", "/frag/ready", "/frag/error"),
            "Publish an archived take into a slot again, post-processed with the settings in "
            "force; nothing is generated.", "republish"),
    Address("/frag/slot/query", (Arg("slot", "i", "1..slots"),), ("/frag/ready", "/frag/slot/empty"),
            "What the slot holds now: answered with /frag/ready (id \"\") as if it had just been "
            "published, or /frag/slot/empty. A device asks at start, so it loads the take its "
            "slot kept from before (a Live set reopened, a daemon restarted).", "slot_query"),
    Address("/frag/variation/next", (Arg("slot", "i", "1..slots"),),
            ("/frag/ready", "/frag/quality", "/frag/error"),
            "Swap the next-ranked variation into the slot at once (no generation): the slot must "
            "have been filled by a prompt with variations N > 1. Cycles back to the best after "
            "the last; answered with /frag/ready (id \"\") and /frag/quality, or no_variations.",
            "variation_next"),
    Address("/frag/mix",
            (Arg("id", "s", "client-chosen job id", nonempty=True, reserved=("*",)),
             Arg("slot", "i", "-1 = archive only (a file: see mix/done), 0 = next slot in the "
                 "ring, 1..slots = that slot"),
             Arg("scene", "s", "the scene's TOML text (it has a line break), a scene name from "
                 "config.toml ([scenes.<name>]), or a .toml file in config.toml's folder or "
                 "the archive's scenes folder", nonempty=True)),
            ("/frag/queued", "/frag/progress", "/frag/mix/done", "/frag/ready", "/frag/error"),
            "Mix a scene (docs/mixes.md): each layer is generated, or taken from the cache when "
            "nothing that made it changed, then mixed to the scene's loudness under its "
            "true-peak ceiling. Runs in the offline lane, after live prompts.", "mix"),
    Address("/frag/engine/list", (), ("/frag/engine/list/reply",),
            "The default engine, then every engine and its state.", "engine_list"),
    Address("/frag/status", (), ("/frag/status/reply",), "Daemon state at a glance.", "status"),
    Address("/frag/preview", (Arg("slot", "i", "1..slots"),), _PREVIEW_REPLY,
            "Play what the slot holds on the preview output (config preview.device) at "
            "preview.level_db; a newer preview stops the one playing. Answered with "
            "preview/state playing, then finished, stopped or error; a slot that holds nothing "
            "is preview_empty, a device that cannot play is preview_device (the message lists "
            "the output devices found).", "preview"),
    Address("/frag/preview/take", (Arg("take", "i", "archive take number (fragmentd archive "
                                       "list)", range=(1, INT32[1])),), _PREVIEW_REPLY,
            "Play an archived raw take (as the engine made it, before post-processing) on the "
            "preview output, like /frag/preview; a take not archived is no_such_take.",
            "preview_take"),
    Address("/frag/preview/stop", (), ("/frag/preview/state",),
            "Stop the preview with a short fade-out: answered with preview/state stopping, "
            "then stopped (just stopped, \"nothing is playing\", when nothing plays).",
            "preview_stop"),
)

# --- replies and pushes -------------------------------------------------------------------

_ID = Arg("id", "s", "the request's job id")

PUSHES: tuple[Push, ...] = (
    Push("/frag/hello/ok", (Arg("version", "s", "daemon version"), Arg("slots", "i"),
                            Arg("reply_port", "i", "the port this hello registered: several "
                                "devices on one host hear each other's hello/ok")),
         "Reply to /frag/hello."),
    Push("/frag/bye/ok", (_PORT,), "Reply to /frag/bye."),
    Push("/frag/pong", (Arg("token", "sif"),), "Reply to /frag/ping, token echoed."),
    Push("/frag/status/reply", (Arg("state", "s"), Arg("engine", "s", "default engine"),
                                Arg("queued", "i"), Arg("running", "s", 'job id, "" if idle')),
         "Reply to /frag/status."),
    Push("/frag/engine/list/reply", (Arg("default", "s"),), "Reply to /frag/engine/list.",
         pairs=Pairs("engines", Arg("name", "s"), Arg("state", "s"))),
    Push("/frag/engine/state", (Arg("name", "s"), Arg("state", "s")),
         "Reply to the engine requests and hello; pushed on every engine state change.",
         "EngineState", ("name", "state")),
    Push("/frag/queued", (_ID, Arg("position", "i", "1-based; 0 = starts now")),
         "The job was accepted.", "JobQueued", ("job_id", "position")),
    Push("/frag/progress", (_ID, Arg("fraction", "f", "0..1")), "The take is being generated.",
         "JobProgress", ("job_id", "fraction")),
    Push("/frag/ready", (_ID, Arg("slot", "i"), Arg("path", "s", "the slot file"),
                         Arg("seed", "i", "0..2147483647"), Arg("seconds", "f"),
                         Arg("take", "i", "archive take number"),
                         Arg("engine", "s", "the engine that made it"),
                         Arg("prompt", "s", "the take's prompt: a device shows what it holds, "
                             "also when another client asked for it")),
         "The slot file was replaced with the new fragment; also the reply to /frag/slot/query "
         "(id \"\").", "JobReady",
         ("job_id", "slot", "path", "seed", "seconds", "take", "engine", "prompt")),
    Push("/frag/quality", (_ID, Arg("slot", "i"), Arg("take", "i", "archive take number"),
                           Arg("score", "f", "0..100; 100: no problem found"),
                           Arg("issues", "s", "comma-separated: clipping, silence, hf_noise, "
                               "noise_like; \"\" when clean")),
         "The quality gate's verdict on the take the slot now holds; sent right after its "
         "/frag/ready.", "TakeQuality", ("job_id", "slot", "take", "score", "issues")),
    Push("/frag/mix/done", (_ID, Arg("path", "s", "the mix WAV in the archive"),
                            Arg("seconds", "f"), Arg("loudness", "f", "integrated, LUFS"),
                            Arg("true_peak", "f", "dBTP"),
                            Arg("folder", "s", "scene.toml, mix.wav and one stem per layer")),
         "A scene was mixed and archived; a /frag/ready follows when it went to a slot.",
         "MixDone", ("job_id", "path", "seconds", "loudness_lufs", "true_peak_db", "folder")),
    Push("/frag/slot/empty", (Arg("slot", "i"),),
         "Reply to /frag/slot/query: the slot holds no take (yet, or its file is gone)."),
    Push("/frag/error", (Arg("id", "s", 'the request\'s id, "" if it had none'),
                         Arg("code", "s", "see Error codes"), Arg("message", "s")),
         "A request was refused or a job failed.", "JobFailed", ("job_id", "code", "message")),
    Push("/frag/cancelled", (_ID, Arg("reason", "s", "request, superseded or shutdown; "
                                      "prepared: a variation made ahead (id ahead-SLOT-N) was "
                                      "ranked for its slot, nothing was published")),
         "The job will not produce a take.", "JobCancelled", ("job_id", "reason")),
    Push("/frag/config/reloaded", (Arg("applied", "s", "comma-separated key paths"),
                                   Arg("restart_needed", "s", "comma-separated key paths"),
                                   Arg("error", "s", '"" when the new config is in force')),
         "config.toml was reloaded (or refused).", "ConfigReloaded",
         ("applied", "restart_needed", "error")),
    Push("/frag/state", (Arg("state", "s", "OFFLINE, BOOTING, WARM or QUITTING"),
                         Arg("reason", "s")),
         "The daemon's lifecycle state changed.", "LifecycleChanged", ("state", "reason")),
    Push("/frag/preview/state",
         (Arg("state", "s", "playing, stopping, stopped, finished or error"),
          Arg("slot", "i", "the slot previewed; 0 for an archived take"),
          Arg("take", "i", "the take playing; 0 when not known"),
          Arg("message", "s", "what plays, where and how long; why it stopped; the error")),
         "The preview changed state. An error is also sent as /frag/error \"\" code message "
         "(preview_device, preview_empty or no_such_take).", "PreviewState",
         ("state", "slot", "take", "message")),
)

# Codes the OSC room raises itself; the daemon's table wins where it already has them.
ERROR_CODES: dict[str, str] = dict(DAEMON_ERROR_CODES)

REQUEST_BY_PATH = {a.path: a for a in REQUESTS}
PUSH_BY_PATH = {p.path: p for p in PUSHES}
PUSH_BY_EVENT = {p.event: p for p in PUSHES if p.event}


def render_markdown() -> str:
    """docs/osc.md, generated from the tables above."""
    from osc import _docs  # the prose lives apart so this module stays a table

    return _docs.render()


if __name__ == "__main__":
    sys.stdout.write(render_markdown())
