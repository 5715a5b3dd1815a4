"""The fragment slot device, written as a Max patcher: ``python max4live/slot_patch.py`` writes
max4live/fragment-slot.maxpat (``--check`` exits 1 when the committed file differs).

The .maxpat is the source of the device; build.py wraps it into the .amxd files. Everything is
native Max objects, so the device needs no file beside it. How the device works, in short:

- network: ``udpsend`` to the daemon, ``udpreceive`` on this device's reply port
  (0 = 9300 + slot), registered with /frag/hello at start, on every change and every 5 s;
- a job id is ``<device>job<n>`` (``---`` is replaced by Live with a number unique to this
  device); a coll holds this device's latest job id, so queued/progress/error/cancelled events
  of other jobs are ignored, and /frag/ready is taken only for this device's slot (whoever
  asked for the take: it carries its prompt);
- two buffers: a new take loads into the idle one while the other keeps playing, then the two
  are swapped with a 10 ms crossfade: at once, at the next bar (Bar on), or when Hold is
  released (Hold on while playing);
- "To clip" writes the playing take to a file beside the slot file (the slot file itself is
  overwritten by the next take) and places it with ClipSlot.create_audio_clip (Live 12.0.5+).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from maxpat import (APPVERSION, AUTOMATED, BLOB, ENUM, FLOAT, HIDDEN, STORED_ONLY,  # noqa: E402
                    UNIT_DB, UNIT_FLOAT, UNIT_INT, Box, Patch, dumps, lines_json, parameter,
                    parameter_table)

MAXPAT = HERE / "fragment-slot.maxpat"
DEVICE_WIDTH = 640.0
DEVICE_HEIGHT = 169.0  # every Live device is this tall
DAEMON_PORT = 9178
REPLY_BASE = 9300  # reply port 0 means REPLY_BASE + slot
HELLO_MS = 5000    # re-register this often, so a restarted daemon hears us again
LINK_TIMEOUT_MS = 12000
CLIP_WRITE_MS = 300  # time given to buffer~ to write the clip file before Live opens it


def pres(x: float, y: float, w: float, h: float) -> dict:
    return {"presentation": 1, "presentation_rect": [x, y, w, h]}


def label(p: Patch, text: str, rect: tuple) -> Box:
    return p.add("live.comment", 1, 0, text=text, **pres(*rect))


def display(p: Patch, text: str, rect: tuple, varname: str, size: float = 10.0) -> Box:
    """A comment whose text the patch changes with ``set ...`` messages."""
    return p.comment(text, varname=varname, fontsize=size, **pres(*rect))


def numbox(p: Patch, varname: str, longname: str, rect: tuple, lo: float, hi: float,
           initial: float, visibility: int, info: str, unit: int = UNIT_INT) -> Box:
    return p.add("live.numbox", 1, 2, ["", "float"], varname=varname, **pres(*rect),
                 **parameter(longname, longname, FLOAT, visibility, initial=[initial], info=info,
                             parameter_mmin=float(lo), parameter_mmax=float(hi),
                             parameter_unitstyle=unit))


def button(p: Patch, varname: str, longname: str, text: str, rect: tuple, info: str,
           toggle: bool = False, visibility: int = AUTOMATED) -> Box:
    """live.text: a momentary button (outputs 1 when pressed) or, with ``toggle``, a switch."""
    return p.add("live.text", 1, 2, ["", ""], varname=varname, text=text, texton=text,
                 mode=1 if toggle else 0, **pres(*rect),
                 **parameter(longname, longname, ENUM, visibility, initial=[0], info=info,
                             parameter_enum=["off", "on"], parameter_mmax=1))


def textfield(p: Patch, varname: str, longname: str, text: str, rect: tuple, info: str,
              **attrs) -> Box:
    """textedit saved with the Live set as a blob parameter; it outputs ``text <words>``."""
    return p.add("textedit", 1, 4, ["", "int", "", ""], varname=varname, text=text, **pres(*rect),
                 **parameter(longname, longname, BLOB, STORED_ONLY,
                             initial=text.split() or [""], info=info), **attrs)


class SlotDevice:
    """Builds the patch; each method is one section of the patching view."""

    def __init__(self) -> None:
        self.p = Patch()

    def build(self) -> dict:
        self.interface()
        self.network()
        self.registration()
        self.engines()
        self.generate()
        self.job_events()
        self.quality_events()
        self.ready()
        self.swap()
        self.transport()
        self.playback()
        self.signal()
        self.send_to_clip()
        self.init()
        return self.document()

    # --- controls in presentation (the device face) ------------------------------------------

    def interface(self) -> None:
        p = self.p
        p.column(20, 20)
        p.comment("fragment slot - controls on the device face (presentation mode)")
        self.slot_title = display(p, "SLOT 1", (6, 1, 70, 24), "slot_title", 16.0)
        self.slot_title.data["fontface"] = 1
        label(p, "Slot", (80, 5, 28, 16))
        self.slot = numbox(p, "slot", "Slot", (108, 6, 34, 15), 1, 999, 1, STORED_ONLY,
                           "Slot this device plays: 1 plays output01.wav.")
        label(p, "Host", (148, 5, 30, 16))
        self.host = textfield(p, "host", "Host", "127.0.0.1", (178, 4, 110, 18),
                              "Host name or IP address of the machine running fragmentd.",
                              keymode=1, lines=1)
        label(p, "Port", (294, 5, 28, 16))
        self.daemon_port = numbox(p, "daemon_port", "Daemon Port", (322, 6, 44, 15), 1, 65535,
                                  DAEMON_PORT, STORED_ONLY, "UDP port fragmentd listens on "
                                  "(osc.port in its config.toml).")
        label(p, "Reply", (372, 5, 34, 16))
        self.reply_port = numbox(p, "reply_port", "Reply Port", (406, 6, 44, 15), 0, 65535, 0,
                                 STORED_ONLY, "UDP port this device listens on; 0 = 9300 + slot. "
                                 "Every device needs its own.")
        self.reply_label = display(p, "0 = auto (9300 + slot)", (454, 5, 180, 16), "listening")
        self.link = display(p, "no answer from fragmentd yet", (6, 26, 628, 16), "link")
        self.prompt = textfield(p, "prompt", "Prompt", "", (6, 44, 400, 40),
                                "The text sent to fragmentd when you press Generate.",
                                keymode=1, wordwrap=1, hint="Type a prompt, then Generate")
        label(p, "Engine", (412, 44, 40, 16))
        self.engine_menu = p.add("umenu", 1, 3, ["int", "", ""], varname="engine_menu",
                                 items=["default"], **pres(452, 44, 110, 18),
                                 hint="Engines the daemon offers; default = the daemon's own")
        label(p, "Sec", (566, 44, 24, 16))
        self.seconds = numbox(p, "seconds", "Seconds", (590, 45, 44, 15), 0.5, 60.0, 4.0,
                              AUTOMATED, "Length asked for, in seconds (Piper: at most this).",
                              unit=UNIT_FLOAT)
        label(p, "Seed", (412, 66, 40, 16))
        self.seed = p.add("number", 1, 2, ["", "bang"], varname="seed", minimum=-1,
                          maximum=2147483647, **pres(452, 65, 80, 18),
                          hint="-1 = a new random seed each time",
                          **parameter("Seed", "Seed", BLOB, STORED_ONLY, initial=[-1],
                                      info="-1: a new random seed each take; any other value "
                                           "repeats a take."))
        self.reuse = button(p, "reuse_seed", "Reuse Seed", "last seed", (536, 65, 56, 18),
                            "Copy the seed of the last take into Seed.", visibility=HIDDEN)
        label(p, "Bars", (594, 66, 22, 16))
        self.bars = numbox(p, "bars", "Bars", (618, 66, 16, 15), 0, 64, 0, STORED_ONLY,
                           "0: the length is Sec. 1 or more: the fragment lasts exactly that "
                           "many bars at Live's tempo, and loops seamlessly when Loop is on.")
        self.generate_button = button(p, "generate", "Generate", "Generate", (412, 88, 98, 22),
                                      "Send the prompt to fragmentd for this slot.")
        self.next_button = button(p, "next_take", "Next Take", "Next", (514, 88, 48, 22),
                                  "Swap in the next-ranked variation of this slot at once "
                                  "(ask for them with variations=N).")
        self.cancel = button(p, "cancel", "Cancel", "Cancel", (566, 88, 68, 22),
                             "Cancel this device's latest prompt.")
        self.status = display(p, "idle", (6, 88, 400, 16), "status")
        self.progress = p.add("live.numbox", 1, 2, ["", "float"], varname="progress",
                              appearance=2, ignoreclick=1, textcolor=[0.0, 0.0, 0.0, 0.0],
                              **pres(6, 106, 400, 8),
                              **parameter("Progress", "Progress", FLOAT, HIDDEN,
                                          parameter_mmin=0.0, parameter_mmax=1.0,
                                          parameter_unitstyle=UNIT_FLOAT))
        self.take_prompt = display(p, "no take loaded yet", (6, 116, 340, 16), "take_prompt")
        self.quality = display(p, "", (350, 116, 56, 16), "quality")
        self.take_info = display(p, "", (412, 114, 222, 16), "take_info")
        self.play = button(p, "play", "Play", "Play", (6, 138, 48, 24),
                           "Play the slot from its start (on the next bar when Bar is on).")
        self.stop = button(p, "stop", "Stop", "Stop", (58, 138, 48, 24), "Stop the slot.")
        self.loop = button(p, "loop", "Loop", "Loop", (110, 138, 44, 24),
                           "Loop the fragment.", toggle=True)
        self.bar = button(p, "quantise", "Quantise", "Bar", (158, 138, 44, 24),
                          "Start, stop and swap on Live's next bar while the transport runs.",
                          toggle=True)
        self.hold = button(p, "hold", "Hold", "Hold", (206, 138, 44, 24),
                           "While playing, keep the current take until Hold is released.",
                           toggle=True)
        self.gain = p.add("live.gain~", 2, 5, ["signal", "signal", "", "float", "list"],
                          varname="gain", channels=2, orientation=1, showname=0,
                          **pres(256, 136, 150, 28),
                          **parameter("Gain", "Gain", FLOAT, AUTOMATED, initial=[0.0],
                                      info="Level of the fragment.", parameter_mmin=-70.0,
                                      parameter_mmax=6.0, parameter_unitstyle=UNIT_DB))
        label(p, "Track", (412, 134, 34, 14))
        self.clip_track = numbox(p, "clip_track", "Clip Track", (446, 134, 34, 15), 0, 999, 0,
                                 STORED_ONLY, "Track for To clip: 0 = this track, 1 = the "
                                 "first track.")
        label(p, "Scene", (484, 134, 36, 14))
        self.clip_scene = numbox(p, "clip_scene", "Clip Scene", (520, 134, 34, 15), 1, 999, 1,
                                 STORED_ONLY, "Scene (clip slot row) for To clip.")
        self.clip_button = button(p, "to_clip", "Send to Clip", "To clip", (558, 132, 76, 20),
                                  "Place the playing take in the Session clip slot above "
                                  "(Live 12.0.5 or later, audio track, empty slot).")
        self.clip_status = display(p, "", (412, 152, 222, 16), "clip_status")

    # --- udpsend / udpreceive, host and ports -------------------------------------------------

    def network(self) -> None:
        p = self.p
        p.column(260, 20)
        p.comment("network: host, daemon port, reply port")
        self.udpsend = p.obj(f"udpsend 127.0.0.1 {DAEMON_PORT}", 1, 0)
        self.udpreceive = p.obj("udpreceive", 1, 1)  # the port comes from the Reply Port box
        # host: textedit -> "text 127.0.0.1" -> host 127.0.0.1
        host_text = self.host.to(p.obj("route text", 2, 2))
        host_word = host_text.to(p.obj("sel bang", 2, 2, ["bang", ""]), 0, 0)
        host_t = host_word.to(p.obj("t b a", 1, 2, ["bang", ""]), 1, 0)
        host_t.to(p.obj("prepend host", 1, 1), 1).to(self.udpsend)
        self.hello_now = p.obj("t b", 1, 1, ["bang"])  # every reason to say hello ends here
        host_t.to(self.hello_now, 0)
        # daemon port
        dport = self.daemon_port.to(p.obj("i", 2, 1, ["int"]))
        dport_t = dport.to(p.obj("t b i", 1, 2, ["bang", "int"]))
        dport_t.to(p.obj("prepend port", 1, 1), 1).to(self.udpsend)
        dport_t.to(self.hello_now, 0)
        # slot (also shown big) and reply port: 0 means 9300 + slot
        slot_i = self.slot.to(p.obj("i", 2, 1, ["int"]))
        self.slot_t = slot_i.to(p.obj("t i i i i", 1, 4, ["int"] * 4))
        self.slot_t.to(p.obj("sprintf set SLOT %ld", 1, 1), 0).to(self.slot_title)
        reply = self.reply_port.to(p.obj("i", 2, 1, ["int"]))
        pair = reply.to(p.obj("pak 0 1", 2, 1))
        self.slot_t.to(pair, 3, 1)
        port = pair.to(p.obj(f"expr ($i1 == 0) * ({REPLY_BASE} + $i2) + ($i1 != 0) * $i1", 2, 1))
        changed = port.to(p.obj("change", 1, 3, ["", "int", "int"]))
        self.port_t = changed.to(p.obj("t b i b i", 1, 4, ["bang", "int", "bang", "int"]))
        self.port_t.to(p.msg("port $1"), 3).to(self.udpreceive)
        self.port_t.to(p.obj("sprintf set listening on %ld", 1, 1), 3).to(self.reply_label)

    def registration(self) -> None:
        """/frag/hello on every change and every 5 s; /frag/bye for a port given up."""
        p = self.p
        p.column(500, 20)
        p.comment("registration: /frag/hello, /frag/bye, link watchdog")
        old_port = p.obj("i", 2, 1, ["int"])
        current = p.obj("i", 2, 1, ["int"])
        self.port_t.to(old_port, 2)
        old_port.to(p.obj("sel 0", 2, 2, ["bang", ""])).to(p.msg("/frag/bye $1"), 1).to(
            self.udpsend)
        self.port_t.to(old_port, 1, 1)
        self.port_t.to(current, 1, 1)
        self.port_t.to(self.hello_now, 0)
        self.hello_now.to(current)
        current.to(p.obj("sel 0", 2, 2, ["bang", ""])).to(p.msg("/frag/hello $1"), 1).to(
            self.udpsend)
        self.metro = p.obj(f"metro {HELLO_MS}", 2, 1, ["bang"])
        self.metro.to(self.hello_now)
        # replies: one route on every address this device understands
        self.addresses = self.udpreceive.to(p.obj(
            "route /frag/hello/ok /frag/engine/list/reply /frag/queued /frag/progress "
            "/frag/error /frag/cancelled /frag/ready /frag/state /frag/quality", 10, 10))
        # /frag/hello/ok version slots reply_port: every device on this host hears every
        # device's; only the one naming this device's port counts (version and slots are
        # kept aside while the port is compared)
        hello_ok = self.addresses.to(p.obj("t a a", 1, 2, ["", ""]), 0)
        kept = p.obj("zl.reg", 2, 2)
        hello_ok.to(p.obj("zl.slice 2", 2, 2), 1).to(kept, 0, 1)
        mine = hello_ok.to(p.obj("zl.slice 2", 2, 2), 0).to(p.obj("==", 2, 1, ["int"]), 1)
        current.to(mine, 0, 1)
        mine.to(p.obj("sel 1", 2, 2, ["bang", ""])).to(kept)
        ok = kept.to(p.obj("t b b a", 1, 3, ["bang", "bang", ""]))
        ok.to(p.obj("prepend set connected to fragmentd", 1, 1), 2).to(
            p.obj("append slots", 1, 1)).to(self.link)
        watchdog = ok.to(p.obj(f"delay {LINK_TIMEOUT_MS}", 2, 1, ["bang"]), 1)
        lost = watchdog.to(p.obj("t b b", 1, 2, ["bang", "bang"]))
        link_up = p.obj("i", 2, 1, ["int"])
        lost.to(p.msg("0"), 1).to(link_up, 0, 1)
        lost.to(p.msg("set no answer from fragmentd - is it running? check host and ports"),
                0).to(self.link)
        ok.to(link_up, 0)
        came_up = link_up.to(p.obj("sel 0", 2, 2, ["bang", ""])).to(
            p.obj("t b b", 1, 2, ["bang", "bang"]))
        came_up.to(p.msg("1"), 1).to(link_up, 0, 1)
        self.engine_list_request = p.msg("/frag/engine/list")
        came_up.to(self.engine_list_request, 0)
        self.engine_list_request.to(self.udpsend)
        # what the slot holds already (a set reopened, a daemon restarted): asked when the
        # link comes up and when Slot changes; the answer is a /frag/ready like any other
        query = p.msg("/frag/slot/query $1")
        slot_now = p.obj("i", 2, 1, ["int"])
        self.slot_t.to(slot_now, 1, 1)
        came_up.to(slot_now, 0)
        slot_now.to(query)
        self.slot_t.to(query, 0)
        query.to(self.udpsend)
        state = self.addresses.to(p.obj("prepend set daemon:", 1, 1), 7)
        state.to(self.status)
        # Next: the next-ranked variation of this slot, swapped in by the daemon at once; the
        # answer is a /frag/ready like any other
        slot_held = p.obj("i", 2, 1, ["int"])
        self.slot_t.to(slot_held, 1, 1)
        self.next_button.to(p.obj("sel 1", 2, 2, ["bang", ""])).to(slot_held).to(
            p.msg("/frag/variation/next $1")).to(self.udpsend)

    def engines(self) -> None:
        """Fill the engine menu from /frag/engine/list/reply; the choice is saved (pattr)."""
        p = self.p
        p.column(740, 20)
        p.comment("engine menu: filled by the daemon, choice saved with the set")
        self.engine = p.obj("pattr engine @parameter_enable 1", 1, 3, varname="engine",
                            saved_object_attributes={"parameter_enable": 1,
                                                     "parameter_mappable": 0},
                            **{k: v for k, v in parameter(
                                "Engine", "Engine", BLOB, STORED_ONLY, initial=["default"],
                                info="Engine asked for; default = the daemon's default "
                                     "engine.").items() if k != "parameter_enable"})
        reply = self.addresses.to(p.obj("t b a b", 1, 3, ["bang", "", "bang"]), 1)
        reply.to(p.msg("clear, append default"), 2).to(self.engine_menu)
        pairs = reply.to(p.obj("zl.slice 1", 2, 2), 1).to(p.obj("zl.iter 2", 2, 2), 1, 0)
        pairs.to(p.obj("zl.slice 1", 2, 2)).to(p.obj("prepend append", 1, 1)).to(
            self.engine_menu)
        # after a refill, show the saved choice again (setsymbol selects without output)
        reselect = reply.to(p.obj("t b b b", 1, 3, ["bang"] * 3), 0)
        show = p.obj("gate 1 0", 2, 1)
        reselect.to(p.msg("1"), 2).to(show)
        reselect.to(self.engine, 1)
        reselect.to(p.msg("0"), 0).to(show)
        self.engine.to(show, 0, 1)
        show.to(p.obj("prepend setsymbol", 1, 1)).to(self.engine_menu)
        self.engine_menu.to(p.obj("tosymbol", 1, 1), 1).to(self.engine)

    # --- /frag/generate -----------------------------------------------------------------------

    def generate(self) -> None:
        p = self.p
        p.column(980, 20)
        p.comment("generate: one OSC string for the prompt, a job id unique to this device")
        # deferred: the Live API (the tempo) answers only on the low-priority thread, and a
        # press from a MIDI mapping arrives on the high-priority one
        press = self.generate_button.to(p.obj("sel 1", 2, 2, ["bang", ""])).to(
            p.obj("deferlow", 1, 1))
        steps = press.to(p.obj("t b b b b b b b", 1, 7, ["bang"] * 7))
        # id slot prompt engine seconds seed bpm bars loop
        self.job = p.obj("pack s 0 s s 0. 0 0. 0 0", 9, 1)
        self.slot_t.to(self.job, 2, 1)
        send = p.obj("gate 1 0", 2, 1)  # closed while the prompt is empty
        # the message: 1 engine named, 2 the daemon's default; +2 with a bar length
        which = p.obj("gate 4 1", 2, 4)
        variant = p.obj("expr $i1 + 2 * ($i2 > 0)", 2, 1)
        variant.to(which)
        # 6: bars (0: none) and the Loop switch
        bars = p.obj("i", 2, 1, ["int"])
        self.bars.to(bars, 0, 1)
        steps.to(bars, 6)
        bars_t = bars.to(p.obj("t i i", 1, 2, ["int", "int"]))
        bars_t.to(variant, 1, 1)
        bars_t.to(self.job, 0, 7)
        looping = p.obj("i", 2, 1, ["int"])
        self.loop.to(looping, 0, 1)
        steps.to(looping, 6)
        looping.to(self.job, 0, 8)
        # 5: Live's tempo, asked of the Live API at the press
        song = p.obj("live.path", 1, 3)
        live_set = steps.to(p.obj("t b b", 1, 2, ["bang", "bang"]), 5)
        live_set.to(p.msg("path live_set"), 1).to(song)
        tempo = p.obj("live.object", 2, 1)
        song.to(p.obj("route id", 2, 2), 0).to(p.obj("prepend id", 1, 1)).to(tempo, 0, 1)
        live_set.to(p.msg("get tempo"), 0).to(tempo)
        tempo.to(p.obj("route tempo", 2, 2)).to(self.job, 0, 6)
        # 4: engine ("default" = name none)
        steps.to(self.engine, 4)
        named = self.engine.to(p.obj("tosymbol", 1, 1)).to(p.obj("sel default", 2, 2,
                                                                 ["bang", ""]))
        named.to(p.msg("2"), 0).to(variant)
        chosen = named.to(p.obj("t b s", 1, 2, ["bang", ""]), 1)
        chosen.to(self.job, 1, 3)
        chosen.to(p.msg("1"), 0).to(variant)
        # 3: prompt, as one symbol however many words it has; an empty prompt sends nothing
        steps.to(self.prompt, 3)
        words = self.prompt.to(p.obj("route text", 2, 2)).to(p.obj("sel bang", 2, 2,
                                                                   ["bang", ""]))
        empty = words.to(p.obj("t b b", 1, 2, ["bang", "bang"]), 0)
        empty.to(p.msg("0"), 1).to(send)
        empty.to(p.msg("set type a prompt first"), 0).to(self.status)
        typed = words.to(p.obj("t b a", 1, 2, ["bang", ""]), 1)
        typed.to(p.obj("tosymbol", 1, 1), 1).to(self.job, 0, 2)
        typed.to(p.msg("1"), 0).to(send)
        # 2, 1: seconds and seed
        steps.to(self.seconds, 2)
        self.seconds.to(self.job, 0, 4)
        steps.to(self.seed, 1)
        self.seed.to(self.job, 0, 5)
        # 0: tell the performer, then a new id; the pack sends
        go = steps.to(send, 0, 1).to(p.obj("t b b", 1, 2, ["bang", "bang"]))
        go.to(p.msg("set sending..."), 1).to(self.status)
        go.to(p.msg("set 0"), 1).to(self.progress)
        counter = go.to(p.obj("counter 1 999999", 5, 4, ["int", "", "", "int"]), 0)
        job_id = counter.to(p.obj("sprintf symout ---job%ld", 1, 1)).to(
            p.obj("t s s", 1, 2, ["", ""]))
        self.latest = p.obj("zl.reg", 2, 2)
        job_id.to(self.latest, 1, 1)
        job_id.to(self.job, 0, 0)
        sent = self.job.to(p.obj("t a a", 1, 2, ["", ""]))
        # the latest job is the only one in the coll; job_filter looks ids up in it
        sent.to(p.msg("clear, store $1 1"), 1).to(p.obj("coll ---current 1", 1, 4))
        sent.to(which, 0, 1)
        which.to(p.msg("/frag/generate $1 $2 $3 engine $4 seconds $5 seed $6"), 0).to(
            self.udpsend)
        which.to(p.msg("/frag/generate $1 $2 $3 seconds $5 seed $6"), 1).to(self.udpsend)
        which.to(p.msg("/frag/generate $1 $2 $3 engine $4 seed $6 bpm $7 bars $8 loop $9"),
                 2).to(self.udpsend)
        which.to(p.msg("/frag/generate $1 $2 $3 seed $6 bpm $7 bars $8 loop $9"), 3).to(
            self.udpsend)
        # cancel the latest job
        self.cancel.to(p.obj("sel 1", 2, 2, ["bang", ""])).to(self.latest).to(
            p.obj("tosymbol", 1, 1)).to(p.msg("/frag/cancel $1")).to(self.udpsend)
        # reuse the seed of the last take
        self.last_seed = p.obj("i", 2, 1, ["int"])
        self.reuse.to(p.obj("sel 1", 2, 2, ["bang", ""])).to(self.last_seed).to(self.seed)

    def job_filter(self, outlet: int) -> Box:
        """Pass the arguments of an event only when its id is this device's latest job."""
        p = self.p
        split = self.addresses.to(p.obj("zl.slice 1", 2, 2), outlet)
        rest = split.to(p.obj("zl.reg", 2, 2), 1, 1)
        split.to(p.obj("coll ---current 1", 1, 4), 0).to(p.obj("t b", 1, 1, ["bang"])).to(rest)
        return rest

    def job_events(self) -> None:
        p = self.p
        p.column(1220, 20)
        p.comment("events of this device's latest job: status line and progress bar")
        queued = self.job_filter(2).to(p.obj("sel 0", 2, 2, ["bang", ""]))
        queued.to(p.msg("set starting now"), 0).to(self.status)
        queued.to(p.obj("sprintf set queued - position %ld", 1, 1), 1).to(self.status)
        progress = self.job_filter(3).to(p.obj("t b f", 1, 2, ["bang", "float"]))
        progress.to(p.obj("prepend set", 1, 1), 1).to(self.progress)
        progress.to(p.msg("set generating..."), 0).to(self.status)
        self.job_filter(4).to(p.obj("prepend set error:", 1, 1)).to(self.status)
        self.job_filter(5).to(p.obj("prepend set cancelled:", 1, 1)).to(self.status)

    def quality_events(self) -> None:
        """/frag/quality id slot take score issues, for this slot: the score on the face, and
        the verdict (with the issues the gate found) on the status line."""
        p = self.p
        p.column(1340, 20)
        p.comment("quality gate verdict for this slot: score, issues")
        fields = self.addresses.to(p.obj("zl.slice 1", 2, 2), 8).to(
            p.obj("t l l", 1, 2, ["", ""]), 1)
        mine = fields.to(p.obj("zl.slice 1", 2, 2), 1).to(p.obj("== 1", 2, 1, ["int"]))
        self.slot_t.to(mine, 1, 1)
        take = p.obj("gate 1 0", 2, 1)
        mine.to(take)
        fields.to(take, 0, 1)
        parts = take.to(p.obj("unpack 0 0 0. s", 1, 4, ["int", "int", "float", ""]))
        verdict = p.obj("sprintf set take %ld - quality %.0f %s", 3, 1)
        parts.to(verdict, 3, 2)
        parts.to(verdict, 2, 1)
        parts.to(verdict, 1, 0)
        verdict.to(self.status)
        parts.to(p.obj("sprintf set q %.0f", 1, 1), 2).to(self.quality)

    # --- /frag/ready: load into the idle buffer -----------------------------------------------

    def ready(self) -> None:
        p = self.p
        p.column(1460, 20)
        p.comment("ready for this slot: load the new take into the idle buffer")
        # id | slot path seed seconds take engine prompt; the id does not matter here: a take
        # for this slot is loaded whoever asked for it
        fields = self.addresses.to(p.obj("zl.slice 1", 2, 2), 6).to(
            p.obj("t l l", 1, 2, ["", ""]), 1)
        mine = fields.to(p.obj("zl.slice 1", 2, 2), 1).to(p.obj("== 1", 2, 1, ["int"]))
        self.slot_t.to(mine, 1, 1)
        take = p.obj("gate 1 0", 2, 1)
        mine.to(take)
        fields.to(take, 0, 1)
        parts = take.to(p.obj("unpack 0 s 0 0. 0 s s", 1, 7,
                              ["int", "", "int", "float", "int", "", ""]))
        # unpack fires right to left, so the seed (leftmost placeholder) comes last
        info = p.obj("sprintf set seed %ld | %.2f s | take %ld | %s", 4, 1)
        parts.to(info, 5, 3)
        parts.to(info, 4, 2)
        parts.to(info, 3, 1)
        parts.to(info, 2, 0)
        parts.to(self.last_seed, 2, 1)
        info.to(self.take_info)
        # what the swap copies into "current": path take seed, and the prompt
        self.pending_info = p.obj("zl.reg", 2, 2)
        self.pending_prompt = p.obj("zl.reg", 2, 2)
        prompt = parts.to(p.obj("t s s", 1, 2, ["", ""]), 6)
        prompt.to(self.pending_prompt, 1, 1)
        # shown as one symbol: fromsymbol would split a prompt at its commas
        prompt.to(p.obj("prepend set", 1, 1), 0).to(self.take_prompt)
        keep = p.obj("pack s 0 0", 3, 1)
        parts.to(keep, 4, 1)
        parts.to(keep, 2, 2)
        path = parts.to(p.obj("t s s", 1, 2, ["", ""]), 1)
        path.to(keep, 1, 0)
        keep.to(self.pending_info, 0, 1)
        load = path.to(p.obj("t b s", 1, 2, ["bang", ""]), 0)
        self.load_gate = p.obj("gate 2 1", 2, 2)
        load.to(p.obj("conformpath max absolute", 1, 2, ["", "int"]), 1).to(
            p.obj("prepend replace", 1, 1)).to(p.obj("deferlow", 1, 1)).to(self.load_gate, 0, 1)
        self.expect_load = p.obj("gate 1 0", 2, 1)
        self.not_pending = p.msg("0")   # a take on its way is not pending yet
        load.to(p.msg("1"), 0).to(self.expect_load)
        load.to(self.not_pending, 0)

    # --- swapping the two buffers -------------------------------------------------------------

    def swap(self) -> None:
        p = self.p
        p.column(1700, 20)
        p.comment("swap: now, on the next bar (Bar), or when Hold is released")
        self.buffer_a = p.obj("buffer~ ---fragA 1000 2", 1, 2, ["float", "bang"])
        self.buffer_b = p.obj("buffer~ ---fragB 1000 2", 1, 2, ["float", "bang"])
        self.load_gate.to(self.buffer_a, 0)
        self.load_gate.to(self.buffer_b, 1)
        # a buffer's "read done" counts only for the idle buffer, and only when we loaded it
        idle_a = self.buffer_a.to(p.obj("gate 1 0", 2, 1), 1, 1)
        idle_b = self.buffer_b.to(p.obj("gate 1 0", 2, 1), 1, 1)
        idle_a.to(self.expect_load, 0, 1)
        idle_b.to(self.expect_load, 0, 1)
        loaded = self.expect_load.to(p.obj("t b b b", 1, 3, ["bang"] * 3))
        loaded.to(p.msg("0"), 2).to(self.expect_load)
        self.pending = p.obj("i", 2, 1, ["int"])       # a loaded take waits to be swapped in
        self.pending_guard = p.obj("i", 2, 1, ["int"])
        is_pending = p.msg("1")
        loaded.to(is_pending, 1)
        for value in (is_pending, self.not_pending):
            value.to(self.pending, 0, 1)
            value.to(self.pending_guard, 0, 1)
        self.swap_at_bar = p.obj("gate 1 0", 2, 1)
        self.disarm_swap = p.msg("0")
        self.not_pending.to(self.swap_at_bar)
        self.disarm_swap.to(self.swap_at_bar)
        # 0 nothing, 1 swap now, 2 wait for the bar, 3 held (pending, playing, hold, bar)
        decide = p.obj("expr $i1 * ((1 - $i2) + $i2 * ((1 - $i3) * (1 + $i4) + $i3 * 3))", 4, 1)
        self.decide = decide
        loaded.to(self.pending, 0)
        self.pending.to(decide)
        choice = decide.to(p.obj("sel 1 2 3", 4, 4, ["bang", "bang", "bang", ""]))
        self.swap_now = p.obj("t b", 1, 1, ["bang"])
        choice.to(self.swap_now, 0)
        wait = choice.to(p.obj("t b b", 1, 2, ["bang", "bang"]), 1)
        wait.to(p.msg("1"), 1).to(self.swap_at_bar)
        wait.to(p.msg("set new take waits for the next bar"), 0).to(self.status)
        choice.to(p.msg("set new take held - release Hold to hear it"), 2).to(self.status)
        # the swap itself, only if a take is still pending
        do = self.swap_now.to(self.pending_guard).to(p.obj("sel 1", 2, 2, ["bang", ""])).to(
            p.obj("t b b b b", 1, 4, ["bang"] * 4))
        do.to(self.disarm_swap, 3)
        do.to(self.not_pending, 3)
        self.current = p.obj("i", 2, 1, ["int"])
        flipped = do.to(self.current, 2).to(p.obj("!- 1", 2, 1, ["int"]))
        self.cur_t = flipped.to(p.obj("t i i i i i", 1, 5, ["int"] * 5))
        self.cur_t.to(self.current, 4, 1)
        self.current_info = p.obj("zl.reg", 2, 2)
        self.current_prompt = p.obj("zl.reg", 2, 2)
        self.has_take = p.obj("i", 2, 1, ["int"])
        copy = do.to(p.obj("t b b 1", 1, 3, ["bang", "bang", "int"]), 1)
        copy.to(self.has_take, 2, 1)
        copy.to(self.pending_info, 1).to(self.current_info, 0, 1)
        copy.to(self.pending_prompt, 0).to(self.current_prompt, 0, 1)
        self.announce = do.to(p.obj("t b", 1, 1, ["bang"]), 0)
        # which buffer loads next, and which "read done" counts
        self.cur_t.to(p.obj("expr 2 - $i1", 1, 1), 3).to(self.load_gate)
        self.cur_t.to(idle_a, 2)
        self.cur_t.to(p.obj("== 0", 2, 1, ["int"]), 2).to(idle_b)
        self.cur_plus_one = self.cur_t.to(p.obj("+ 1", 2, 1, ["int"]), 1)

    # --- Bar quantise and transport (plugsync~) -----------------------------------------------

    def transport(self) -> None:
        p = self.p
        p.column(1940, 20)
        p.comment("transport: plugsync~ bar count; armed actions fire on the next bar")
        sync = p.obj("plugsync~", 1, 9, ["int", "int", "int", "float", "list", "float", "float",
                                          "int", "int"])
        self.sync = sync
        running = sync.to(p.obj("change", 1, 3, ["", "int", "int"]), 0).to(
            p.obj("t i i", 1, 2, ["int", "int"]))
        bar_on = self.bar.to(p.obj("i", 2, 1, ["int"]))
        both = bar_on.to(p.obj("pak 0 0", 2, 1))
        running.to(both, 1, 1)
        quantised = both.to(p.obj("expr $i1 && $i2", 2, 1)).to(p.obj("t i i", 1, 2,
                                                                     ["int", "int"]))
        quantised.to(self.decide, 1, 3)
        self.route_by_bar = quantised.to(p.obj("+ 1", 2, 1, ["int"]), 0)
        tick = sync.to(p.obj("change", 1, 3, ["", "int", "int"]), 1).to(
            p.obj("t b b b", 1, 3, ["bang"] * 3))
        running.to(p.obj("sel 0", 2, 2, ["bang", ""]), 0).to(tick)  # stopped: fire at once
        self.bar_swap = tick.to(self.swap_at_bar, 2, 1).to(p.obj("t b b", 1, 2,
                                                                 ["bang", "bang"]))
        self.bar_swap.to(self.disarm_swap, 1)
        self.bar_swap.to(self.swap_now, 0)
        self.play_at_bar = p.obj("gate 1 0", 2, 1)
        self.stop_at_bar = p.obj("gate 1 0", 2, 1)
        tick.to(self.play_at_bar, 1, 1)
        tick.to(self.stop_at_bar, 0, 1)

    def armed(self, gate: Box, other: Box, now: Box, what: str) -> Box:
        """Request entry for play or stop: at once, or armed for the next bar."""
        p = self.p
        request = p.obj("gate 2 1", 2, 2)
        self.route_by_bar.to(request)
        request.to(now, 0)
        arm = request.to(p.obj("t b b b", 1, 3, ["bang"] * 3), 1)
        arm.to(p.msg("0"), 2).to(other)
        arm.to(p.msg("1"), 1).to(gate)
        arm.to(p.msg(f"set {what} on the next bar"), 0).to(self.status)
        fire = gate.to(p.obj("t b b", 1, 2, ["bang", "bang"]))
        fire.to(p.msg("0"), 1).to(gate)
        fire.to(now, 0)
        return request

    def playback(self) -> None:
        p = self.p
        p.column(2180, 20)
        p.comment("playback: Play, Stop, MIDI notes, Loop, Hold")
        self.playing = p.obj("i", 2, 1, ["int"])
        playing_t = p.obj("t i i", 1, 2, ["int", "int"])
        playing_t.to(self.playing, 1, 1)
        playing_t.to(self.decide, 0, 1)
        self.position = p.msg("0")              # back to the start of the take
        self.envelope = p.obj("line~", 2, 2, ["signal", "bang"])
        play_now = p.obj("t b b 1", 1, 3, ["bang", "bang", "int"])
        play_now.to(playing_t, 2)
        play_now.to(self.position, 1)
        play_now.to(p.msg("1 5"), 0).to(self.envelope)
        play_now.to(p.msg("set playing"), 0).to(self.status)
        stop_now = p.obj("t b b 0", 1, 3, ["bang", "bang", "int"])
        stop_now.to(playing_t, 2)
        stop_now.to(p.msg("0 20"), 1).to(self.envelope)
        stop_now.to(p.msg("set stopped"), 1).to(self.status)
        stop_now.to(self.pending, 0)            # a held take comes in once stopped
        play_req = self.armed(self.play_at_bar, self.stop_at_bar, play_now, "play")
        stop_req = self.armed(self.stop_at_bar, self.play_at_bar, stop_now, "stop")
        self.play.to(p.obj("sel 1", 2, 2, ["bang", ""])).to(play_req, 0, 1)
        self.stop.to(p.obj("sel 1", 2, 2, ["bang", ""])).to(stop_req, 0, 1)
        # MIDI notes (instrument build): any note-on plays at once; Live already timed it
        notes = p.obj("notein", 1, 3, ["int", "int", "int"])
        notes.to(p.obj("sel 0", 2, 2, ["bang", ""]), 1).to(play_now, 1)
        # Hold: engaging it disarms a bar swap, releasing it brings a held take in
        hold = self.hold.to(p.obj("t b i i", 1, 3, ["bang", "int", "int"]))
        hold.to(self.decide, 2, 2)
        hold.to(p.obj("sel 1", 2, 2, ["bang", ""]), 1).to(self.disarm_swap)
        hold.to(self.pending, 0)
        self.loop_msg = self.loop.to(p.msg("loop $1"))
        # after a swap: restart the new take if the slot is playing
        after = self.announce.to(self.playing).to(p.obj("sel 0 1", 3, 3, ["bang", "bang", ""]))
        after.to(p.msg("set new take loaded - press Play"), 0).to(self.status)
        restart = after.to(p.obj("t b b", 1, 2, ["bang", "bang"]), 1)
        self.restart_new = restart.to(p.msg("0"), 1)
        restart.to(p.msg("set new take playing"), 0).to(self.status)

    # --- audio ---------------------------------------------------------------------------------

    def signal(self) -> None:
        p = self.p
        p.column(2420, 20)
        p.comment("audio: two players, 10 ms crossfade, play envelope, gain, track audio through")
        speed = p.obj("sig~ 1", 1, 1, ["signal"])
        players = []
        for name in ("A", "B"):
            player = p.obj(f"groove~ ---frag{name} 2", 3, 3, ["signal"] * 3)
            speed.to(player)
            self.position.to(player)
            self.loop_msg.to(player)
            players.append(player)
        restart = p.obj("gate 2 1", 2, 2)
        self.cur_plus_one.to(restart)
        self.restart_new.to(restart, 0, 1)
        restart.to(players[0], 0)
        restart.to(players[1], 1)
        fades = []
        for which in (0, 1):
            fade = p.obj("line~", 2, 2, ["signal", "bang"])
            self.cur_t.to(p.obj(f"== {which}", 2, 1, ["int"]), 0).to(p.msg("$1 10")).to(fade)
            fades.append(fade)
        sums = [p.obj("+~", 2, 1, ["signal"]) for _ in range(2)]
        for index, (player, fade) in enumerate(zip(players, fades)):
            for channel in (0, 1):
                faded = player.to(p.obj("*~", 2, 1, ["signal"]), channel)
                fade.to(faded, 0, 1)
                faded.to(sums[channel], 0, index)
        track_in = p.obj("plugin~", 2, 2, ["signal", "signal"])
        out = p.obj("plugout~", 2, 2, ["signal", "signal"])
        for channel in (0, 1):
            shaped = sums[channel].to(p.obj("*~", 2, 1, ["signal"]))
            self.envelope.to(shaped, 0, 1)
            shaped.to(self.gain, 0, channel)
            mix = self.gain.to(p.obj("+~", 2, 1, ["signal"]), channel)
            track_in.to(mix, channel, 1)
            mix.to(out, 0, channel)

    # --- Send to clip (Live 12.0.5+: ClipSlot.create_audio_clip) ------------------------------

    def send_to_clip(self) -> None:
        p = self.p
        p.column(2660, 20)
        p.comment("to clip: copy the playing take to a file, then create_audio_clip")
        where = p.obj("pack 0 0 0", 3, 1)          # track (0 = this one), track index, scene
        self.track_store = p.obj("i", 2, 1, ["int"])  # read when To clip is pressed
        self.clip_track.to(self.track_store, 0, 1)
        track = self.track_store.to(p.obj("t i i", 1, 2, ["int", "int"]))
        track.to(p.obj("- 1", 2, 1, ["int"]), 1).to(where, 0, 1)
        track.to(where, 0, 0)
        self.clip_scene.to(p.obj("i", 2, 1, ["int"])).to(p.obj("- 1", 2, 1, ["int"])).to(
            where, 0, 2)
        asked = self.clip_button.to(p.obj("sel 1", 2, 2, ["bang", ""])).to(self.has_take)
        ready = asked.to(p.obj("sel 0 1", 3, 3, ["bang", "bang", ""]))
        ready.to(p.msg("set no take loaded yet"), 0).to(self.clip_status)
        steps = ready.to(p.obj("deferlow", 1, 1), 1).to(p.obj("t b b b", 1, 3, ["bang"] * 3))
        # 2: find the clip slot
        path = p.obj("live.path", 1, 3)
        steps.to(self.track_store, 2)
        target = where.to(p.obj("route 0", 2, 2))
        target.to(p.msg("path this_device canonical_parent clip_slots $2"), 0).to(path)
        target.to(p.msg("path live_set tracks $2 clip_slots $3"), 1).to(path)
        slot = p.obj("live.object", 2, 1)
        found = path.to(p.obj("route id", 2, 2), 0)
        found.to(p.obj("prepend id", 1, 1)).to(slot, 0, 1)
        found.to(p.obj("sel 0", 2, 2, ["bang", ""])).to(
            p.msg("set no such track or scene (tracks count from 1)")).to(self.clip_status)
        # 1: ask whether the slot is empty (phase 1), later whether the clip arrived (phase 2)
        phase = p.obj("gate 2 1", 2, 2)
        steps.to(p.msg("1"), 1).to(phase)
        has_clip = p.msg("get has_clip")
        steps.to(has_clip, 0)
        has_clip.to(slot)
        answers = slot.to(p.obj("route has_clip clip", 3, 3))
        answers.to(phase, 0, 1)
        before = phase.to(p.obj("sel 0 1", 3, 3, ["bang", "bang", ""]), 0)
        before.to(p.msg("set that clip slot is not empty"), 1).to(self.clip_status)
        after = phase.to(p.obj("sel 0 1", 3, 3, ["bang", "bang", ""]), 1)
        after.to(p.msg("set no clip: needs Live 12.0.5+ and an audio track"), 0).to(
            self.clip_status)
        # the slot is empty: write the take beside the slot file, then create the clip
        go = before.to(p.obj("t b b b b", 1, 4, ["bang"] * 4), 0)
        parts = go.to(self.current_info, 3).to(p.obj("unpack s 0 0", 1, 3, ["", "int", "int"]))
        copy_name = p.obj("sprintf symout %s-take%ld.wav", 2, 1)
        parts.to(copy_name, 1, 1)
        clip_name = p.obj("sprintf symout %s - seed %ld", 2, 1)
        parts.to(clip_name, 2, 1)
        parts.to(copy_name, 0, 0)
        go.to(self.current_prompt, 2).to(p.obj("tosymbol", 1, 1)).to(clip_name)  # after seed
        name = p.obj("zl.reg", 2, 2)
        clip_name.to(name, 0, 1)
        copy = copy_name.to(p.obj("t s s", 1, 2, ["", ""]))
        create = p.obj("zl.reg", 2, 2)
        copy.to(p.obj("prepend call create_audio_clip", 1, 1), 1).to(create, 0, 1)
        writer = p.obj("gate 2 1", 2, 2)
        self.cur_plus_one.to(writer)
        copy.to(p.obj("conformpath max absolute", 1, 2, ["", "int"]), 0).to(
            p.obj("prepend writewave", 1, 1)).to(writer, 0, 1)
        writer.to(self.buffer_a, 0)
        writer.to(self.buffer_b, 1)
        go.to(p.msg("2"), 1).to(phase)
        later = go.to(p.obj(f"delay {CLIP_WRITE_MS}", 2, 1, ["bang"]), 0).to(
            p.obj("t b b", 1, 2, ["bang", "bang"]))
        later.to(create, 1).to(slot)
        later.to(has_clip, 0)
        # the clip is there: name it after the prompt and seed
        clip = p.obj("live.object", 2, 1)
        named = after.to(p.obj("t b b b", 1, 3, ["bang"] * 3), 1)
        named.to(p.msg("get clip"), 2).to(slot)
        answers.to(clip, 1, 1)
        named.to(name, 1).to(p.msg("set name $1")).to(clip)
        named.to(p.msg("set sent to the clip slot"), 0).to(self.clip_status)

    # --- start-up ------------------------------------------------------------------------------

    def init(self) -> None:
        """live.thisdevice bangs once Live has restored the parameters."""
        p = self.p
        p.column(20, 700)
        p.comment("start: once Live has restored the parameters")
        packets = p.msg("maxpacketsize 8192")  # a long prompt needs more than the default
        order = [p.msg("0"), packets, self.slot, self.loop, self.bar, self.hold,
                 self.clip_track, self.clip_scene, self.host, self.daemon_port, self.reply_port,
                 p.msg("1"), self.engine_list_request]
        start = p.obj("live.thisdevice", 1, 3, ["bang", "int", "int"]).to(
            p.obj("t" + " b" * len(order), 1, len(order), ["bang"] * len(order)))
        for outlet, target in enumerate(reversed(order)):  # a trigger fires right to left
            start.to(target, outlet)
        order[0].to(self.cur_t)                      # buffer A plays first, B loads first
        packets.to(self.udpsend)
        order[-2].to(self.metro)

    def document(self) -> dict:
        p = self.p
        patcher = {
            "fileversion": 1, "appversion": APPVERSION, "classnamespace": "box",
            "rect": [40.0, 80.0, 1400.0, 820.0], "openrect": [0.0, 0.0, DEVICE_WIDTH,
                                                            DEVICE_HEIGHT],
            "openinpresentation": 1, "devicewidth": DEVICE_WIDTH,
            "default_fontname": "Arial", "default_fontsize": 10.0, "default_fontface": 0,
            "gridsize": [8.0, 8.0], "gridonopen": 1, "gridsnaponopen": 1,
            "description": "fragmentd slot: prompts over OSC, plays the slot file",
            "digest": "fragmentd slot device", "tags": "fragmentd osc",
            "boxes": [{"box": b.data} for b in p.boxes], "lines": lines_json(p.lines),
            "parameters": parameter_table(p.boxes), "dependency_cache": [], "latency": 0,
            "is_mpe": 0, "minimum_live_version": "", "minimum_max_version": "",
            "platform_compatibility": 0, "autosave": 0,
        }
        return {"patcher": patcher}


def render() -> str:
    """The .maxpat text."""
    return dumps(SlotDevice().build())


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if MAXPAT.read_text(encoding="utf-8") != text:
            print(f"{MAXPAT.name} differs from slot_patch.py: run python max4live/slot_patch.py",
                  file=sys.stderr)
            return 1
        return 0
    MAXPAT.write_text(text, encoding="utf-8")
    print(f"wrote {MAXPAT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
