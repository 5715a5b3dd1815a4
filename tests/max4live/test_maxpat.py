"""Static checks of the Max for Live patchers: Max cannot run here, so the patch is read as data.

Each kind of check is a function returning a list of problems; the real patcher must have none,
and a deliberately broken copy must have at least one (so every check can fail).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from pathlib import Path
from typing import Callable, Iterator

import pytest

from daemon.requests import COMMON_PARAMS
from osc.table import PUSH_BY_PATH, REQUEST_BY_PATH

ROOT = Path(__file__).resolve().parents[2]
MAX4LIVE = ROOT / "max4live"
PATCHERS = sorted(MAX4LIVE.glob("*.maxpat"))
SLOT = MAX4LIVE / "fragment-slot.maxpat"
DEVICE_HEIGHT = 169.0


def load_module(name: str):
    spec = importlib.util.spec_from_file_location(f"max4live_{name}", MAX4LIVE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- reading a patcher -----------------------------------------------------------------------

def patchers(doc: dict) -> Iterator[dict]:
    """The top patcher and every subpatcher inside it."""
    stack = [doc["patcher"]]
    while stack:
        patcher = stack.pop()
        yield patcher
        for entry in patcher.get("boxes", []):
            if isinstance(entry.get("box", {}).get("patcher"), dict):
                stack.append(entry["box"]["patcher"])


class Graph:
    """Boxes by id and cords of one patcher window."""

    def __init__(self, patcher: dict):
        self.patcher = patcher
        self.boxes = {e["box"]["id"]: e["box"] for e in patcher["boxes"]}
        self.lines = [(line["patchline"]["source"][0], line["patchline"]["source"][1],
                       line["patchline"]["destination"][0], line["patchline"]["destination"][1])
                      for line in patcher["lines"]]

    def into(self, box_id: str, inlet: int) -> list[tuple[str, int]]:
        return [(s, o) for s, o, d, i in self.lines if d == box_id and i == inlet]

    def out_of(self, box_id: str, outlet: int | None = None) -> list[tuple[str, int]]:
        return [(d, i) for s, o, d, i in self.lines
                if s == box_id and (outlet is None or o == outlet)]

    def reachable(self, start: str, outlet: int | None = None) -> set[str]:
        seen: set[str] = set()
        todo = [d for d, _ in self.out_of(start, outlet)]
        while todo:
            box_id = todo.pop()
            if box_id not in seen:
                seen.add(box_id)
                todo.extend(d for d, _ in self.out_of(box_id))
        return seen


def words(box: dict) -> list[str]:
    return str(box.get("text", "")).split()


def cls(box: dict) -> str:
    return words(box)[0] if box["maxclass"] == "newobj" and words(box) else box["maxclass"]


def find(graph: Graph, predicate: Callable[[dict], bool]) -> list[dict]:
    return [b for b in graph.boxes.values() if predicate(b)]


# --- 1. boxes, lines, ids --------------------------------------------------------------------

def structure_problems(doc: dict) -> list[str]:
    problems = []
    if not isinstance(doc.get("patcher"), dict):
        return ["no top-level patcher"]
    for patcher in patchers(doc):
        if not isinstance(patcher.get("boxes"), list) or not isinstance(patcher.get("lines"),
                                                                        list):
            problems.append("a patcher without boxes and lines lists")
            continue
        ids = [e.get("box", {}).get("id") for e in patcher["boxes"]]
        problems += [f"duplicate box id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
        names = [e["box"]["varname"] for e in patcher["boxes"] if "varname" in e.get("box", {})]
        problems += [f"scripting name {n!r} used twice"
                     for n in sorted({n for n in names if names.count(n) > 1})]
        boxes = {e["box"]["id"]: e["box"] for e in patcher["boxes"] if "id" in e.get("box", {})}
        for box_id, box in boxes.items():
            for key in ("maxclass", "numinlets", "numoutlets", "patching_rect"):
                if key not in box:
                    problems.append(f"{box_id} has no {key}")
            rect = box.get("patching_rect")
            if not (isinstance(rect, list) and len(rect) == 4
                    and all(isinstance(v, (int, float)) for v in rect)):
                problems.append(f"{box_id} patching_rect is not 4 numbers")
            if box.get("numoutlets", 0) and len(box.get("outlettype", [])) != box["numoutlets"]:
                problems.append(f"{box_id} outlettype does not list {box['numoutlets']} outlets")
        seen = set()
        for entry in patcher["lines"]:
            line = entry["patchline"]
            (src, outlet), (dst, inlet) = line["source"], line["destination"]
            if (src, outlet, dst, inlet) in seen:
                problems.append(f"duplicate cord {src}:{outlet} -> {dst}:{inlet}")
            seen.add((src, outlet, dst, inlet))
            if src not in boxes or dst not in boxes:
                problems.append(f"cord {src} -> {dst} names a missing box")
                continue
            if not 0 <= outlet < boxes[src]["numoutlets"]:
                problems.append(f"cord from {src} outlet {outlet}: it has "
                                f"{boxes[src]['numoutlets']} outlets")
            if not 0 <= inlet < boxes[dst]["numinlets"]:
                problems.append(f"cord to {dst} inlet {inlet}: it has "
                                f"{boxes[dst]['numinlets']} inlets")
    return problems


# --- 2. known objects and their inlet/outlet counts ------------------------------------------
# Counts are Max 8.6 / 9 (what Live 12 bundles): route and select take one inlet per argument
# plus one, like the patchers Max itself saves. None: not fixed, or not known for sure.

def _n(args: list[str]) -> int:
    return len(args)


def _sprintf_inlets(args: list[str]) -> int:
    return max(1, len(re.findall(r"%[-+ #0-9.]*l?[dfscxX]", " ".join(args))))


def _expr_inlets(args: list[str]) -> int:
    found = [int(n) for n in re.findall(r"\$[ifs](\d)", " ".join(args))]
    return max(found, default=1)


KNOWN: dict[str, Callable[[list[str]], tuple[int | None, int | None]]] = {
    "udpsend": lambda a: (1, 0), "udpreceive": lambda a: (1, 1),
    "route": lambda a: (_n(a) + 1, _n(a) + 1), "sel": lambda a: (_n(a) + 1, _n(a) + 1),
    "select": lambda a: (_n(a) + 1, _n(a) + 1),
    "t": lambda a: (1, _n(a)), "trigger": lambda a: (1, _n(a)),
    "pack": lambda a: (max(_n(a), 2), 1), "pak": lambda a: (max(_n(a), 2), 1),
    "unpack": lambda a: (1, max(_n(a), 2)),
    "prepend": lambda a: (1, 1), "append": lambda a: (1, 1),
    "tosymbol": lambda a: (1, 1), "fromsymbol": lambda a: (1, 1),
    "sprintf": lambda a: (_sprintf_inlets(a), 1), "expr": lambda a: (_expr_inlets(a), 1),
    "i": lambda a: (2, 1), "int": lambda a: (2, 1), "f": lambda a: (2, 1),
    "float": lambda a: (2, 1),
    "+": lambda a: (2, 1), "-": lambda a: (2, 1), "*": lambda a: (2, 1), "/": lambda a: (2, 1),
    "!-": lambda a: (2, 1), "==": lambda a: (2, 1), "!=": lambda a: (2, 1),
    "change": lambda a: (1, 3), "gate": lambda a: (2, int(a[0]) if a else 1),
    "zl.slice": lambda a: (2, 2), "zl.reg": lambda a: (2, 2), "zl.iter": lambda a: (2, 2),
    "coll": lambda a: (1, 4), "counter": lambda a: (5, 4), "pattr": lambda a: (1, 3),
    "metro": lambda a: (2, 1), "delay": lambda a: (2, 1), "deferlow": lambda a: (1, 1),
    "conformpath": lambda a: (None, 2),
    "live.thisdevice": lambda a: (1, 3), "live.path": lambda a: (1, 3),
    "live.object": lambda a: (2, 1),
    "plugsync~": lambda a: (1, 9), "plugin~": lambda a: (2, 2), "plugout~": lambda a: (2, 2),
    "notein": lambda a: (1, 3),
    "buffer~": lambda a: (1, 2), "groove~": lambda a: (3, (int(a[1]) if len(a) > 1 else 1) + 1),
    "sig~": lambda a: (1, 1), "line~": lambda a: (2, 2), "*~": lambda a: (2, 1),
    "+~": lambda a: (2, 1),
}
UI = {"message": (2, 1), "comment": (1, 0), "live.comment": (1, 0), "live.numbox": (1, 2),
      "live.text": (1, 2), "textedit": (1, 4), "umenu": (1, 3), "number": (1, 2)}


def object_problems(doc: dict) -> list[str]:
    problems = []
    for patcher in patchers(doc):
        for entry in patcher["boxes"]:
            box = entry["box"]
            if box["maxclass"] == "newobj":
                name, args = words(box)[0], words(box)[1:]
                if name not in KNOWN:
                    problems.append(f"{box['id']}: unknown object {name!r}")
                    continue
                expected = KNOWN[name](args)
            elif box["maxclass"] == "live.gain~":
                channels = box.get("channels", 2)
                expected = (channels, channels + 3)
            elif box["maxclass"] in UI:
                expected = UI[box["maxclass"]]
            else:
                problems.append(f"{box['id']}: unknown box class {box['maxclass']!r}")
                continue
            got = (box["numinlets"], box["numoutlets"])
            for what, want, have in zip(("inlets", "outlets"), expected, got):
                if want is not None and want != have:
                    problems.append(f"{box['id']} {box.get('text', box['maxclass'])!r}: "
                                    f"{have} {what}, expected {want}")
    return problems


# --- 3. OSC sent: every address a request of the table, with matching argument types --------

def literal_type(word: str) -> str:
    if re.fullmatch(r"-?\d+", word):
        return "i"
    if re.fullmatch(r"-?\d*\.\d*(e-?\d+)?", word) and word not in (".", "-."):
        return "f"
    return "s"


def arg_type(word: str) -> str:
    return {"s": "s", "symbol": "s", "i": "i", "int": "i", "f": "f", "float": "f"}.get(
        word, literal_type(word))


def outlet_types(graph: Graph, box_id: str, outlet: int, seen: frozenset = frozenset()
                 ) -> list[str] | None:
    """The OSC type of each atom a box sends from ``outlet``, or None when not known."""
    if (box_id, outlet) in seen:
        return None
    seen = seen | {(box_id, outlet)}
    box = graph.boxes[box_id]
    name, args = cls(box), words(box)[1:]

    def through(inlet: int) -> list[str] | None:
        found = [outlet_types(graph, s, o, seen) for s, o in graph.into(box_id, inlet)]
        return found[0] if found and all(f == found[0] for f in found) else None

    if name in ("pack", "pak"):
        return [arg_type(a) for a in args]
    if name in ("i", "int") or box["maxclass"] == "number":
        return ["i"]
    if name in ("f", "float") or box["maxclass"] == "live.numbox":
        return ["f"]
    if name == "tosymbol" or (name == "sprintf" and args[:1] == ["symout"]):
        return ["s"]
    if name in ("t", "trigger"):
        kind = args[outlet]
        return {"i": ["i"], "f": ["f"], "s": ["s"]}.get(kind) or (
            through(0) if kind in ("l", "a") else None)
    if name in ("sel", "select") and outlet == box["numoutlets"] - 1:
        return through(0)
    if name == "gate":
        return through(1)
    if name == "change" and outlet == 0:
        return through(0)
    types = box.get("outlettype", [])
    return {"int": ["i"], "float": ["f"]}.get(types[outlet] if outlet < len(types) else "")


def symbol_sources_ok(graph: Graph, box_id: str, inlet: int) -> bool:
    """A symbol inlet must get one atom: from tosymbol, sprintf symout, or a t ... s outlet."""
    for src, outlet in graph.into(box_id, inlet):
        box = graph.boxes[src]
        name, args = cls(box), words(box)[1:]
        one = (name == "tosymbol" or (name == "sprintf" and args[:1] == ["symout"])
               or (name in ("t", "trigger") and args[outlet] == "s"))
        if not one:
            return False
    return bool(graph.into(box_id, inlet))


def upstream_packs(graph: Graph, box_id: str, inlet: int, seen: set) -> set[str]:
    """pack/pak boxes whose lists reach ``box_id`` through triggers and gates."""
    found = set()
    for src, outlet in graph.into(box_id, inlet):
        if src in seen:
            continue
        seen.add(src)
        box = graph.boxes[src]
        name = cls(box)
        if name in ("pack", "pak"):
            found.add(src)
        elif name in ("t", "trigger") and words(box)[1 + outlet] in ("l", "a"):
            found |= upstream_packs(graph, src, 0, seen)
        elif name == "gate":
            found |= upstream_packs(graph, src, 1, seen)
    return found


def check_request(address: str, types: list[str], keys: list[str | None]) -> list[str]:
    """``types`` of the arguments after ``address``; ``keys`` the literal words (None for $n)."""
    spec = REQUEST_BY_PATH.get(address)
    if spec is None:
        return [f"{address} is not a request in osc.table"]
    problems = []
    fixed = len(spec.args)
    if len(types) < fixed or (len(types) > fixed and spec.pairs is None):
        return [f"{address}: {len(types)} argument(s), the table says {spec.signature}"]
    for position, (arg, sent) in enumerate(zip(spec.args, types), 1):
        if sent not in arg.types and not (sent == "i" and "f" in arg.types):
            problems.append(f"{address} argument {position} ({arg.name}) sent as {sent!r}, "
                            f"the table wants {arg.types!r}")
    rest, rest_keys = types[fixed:], keys[fixed:]
    if len(rest) % 2:
        problems.append(f"{address}: key value pairs are not paired")
    names = [k for k in rest_keys[0::2]]
    for key, value in zip(names, rest[1::2]):
        if key is None or key not in COMMON_PARAMS:
            problems.append(f"{address}: parameter key {key!r} is not one of {COMMON_PARAMS}")
        if value not in spec.pairs.value.types:
            problems.append(f"{address}: value of {key} sent as {value!r}")
    if len(set(names)) != len(names):
        problems.append(f"{address}: a parameter key is sent twice")
    return problems


def message_problems(graph: Graph, box: dict) -> list[str]:
    problems = []
    for part in str(box.get("text", "")).split(","):
        tokens = part.split()
        if not tokens or not tokens[0].startswith("/"):
            continue
        known = [None] * 10
        sources = graph.into(box["id"], 0)
        found = [outlet_types(graph, s, o) for s, o in sources]
        if found and all(f == found[0] for f in found) and found[0] is not None:
            known = found[0] + [None] * 10
        types, keys = [], []
        for token in tokens[1:]:
            dollar = re.fullmatch(r"\$(\d)", token)
            if dollar:
                sent = known[int(dollar.group(1)) - 1]
                if sent is None:
                    problems.append(f"{box['id']} {part.strip()!r}: type of {token} unknown")
                    sent = "?"
                types.append(sent)
                keys.append(None)
            else:
                types.append(literal_type(token))
                keys.append(token)
        problems += check_request(tokens[0], types, keys)
        for pack_id in upstream_packs(graph, box["id"], 0, set()):
            for inlet, word in enumerate(words(graph.boxes[pack_id])[1:]):
                if arg_type(word) == "s" and not symbol_sources_ok(graph, pack_id, inlet):
                    problems.append(f"{pack_id} inlet {inlet}: a symbol for {tokens[0]} must "
                                    "come from tosymbol (one OSC string)")
    return problems


def sent_problems(doc: dict) -> list[str]:
    problems = []
    for patcher in patchers(doc):
        graph = Graph(patcher)
        senders = {b["id"] for b in find(graph, lambda b: cls(b) == "udpsend")}
        for box in graph.boxes.values():
            text = str(box.get("text", ""))
            if box["maxclass"] == "message" and re.search(r"(^|,\s*)/", text):
                problems += message_problems(graph, box)
                if not {d for d, _ in graph.out_of(box["id"])} & senders:
                    problems.append(f"{box['id']} {text!r} is not connected to udpsend")
            if cls(box) == "sprintf" and any(w.startswith("/") for w in words(box)[1:3]):
                fmt = [w for w in words(box)[1:] if w != "symout"]
                types = [{"d": "i", "f": "f", "s": "s"}[m[-1]]
                         for m in re.findall(r"%[-+ #0-9.]*l?[dfs]", " ".join(fmt[1:]))]
                problems += check_request(fmt[0], types, [None] * len(types))
        for sender in senders:
            for src, _ in graph.into(sender, 0):
                source = graph.boxes[src]
                first = (words(source) or [""])[0] if source["maxclass"] == "message" else \
                    " ".join(words(source)[:2])
                if not (first.startswith("/frag/") or first in (
                        "prepend host", "prepend port", "maxpacketsize")):
                    problems.append(f"udpsend gets {source.get('text')!r}, not an OSC request")
    return problems


# --- 4. OSC received: routed addresses are pushes, handlers read the arguments right ---------

PASS = {"zl.reg"}


def consumer_problems(graph: Graph, start: str, outlet: int, address: str, offset: int,
                      seen: set) -> list[str]:
    """Follow one routed push to the objects that read its arguments, checking their types."""
    types = [a.types for a in PUSH_BY_PATH[address].args]
    problems = []
    for dst, inlet in graph.out_of(start, outlet):
        if (dst, inlet, offset) in seen:
            continue
        seen.add((dst, inlet, offset))
        box = graph.boxes[dst]
        name, args = cls(box), words(box)[1:]
        here = types[offset:]
        if name == "zl.slice":
            n = int(args[0])
            problems += consumer_problems(graph, dst, 1, address, offset + n, seen)
        elif name in ("t", "trigger"):
            for out, kind in enumerate(args):
                if kind in ("l", "a"):
                    problems += consumer_problems(graph, dst, out, address, offset, seen)
                elif kind in ("i", "f", "s") and here and kind not in here[0] and not (
                        kind == "f" and "i" in here[0]):
                    problems.append(f"{address}: {dst} reads argument {offset + 1} as {kind!r},"
                                    f" the table sends {here[0]!r}")
        elif name == "gate" and inlet == 1:
            for out in range(box["numoutlets"]):
                problems += consumer_problems(graph, dst, out, address, offset, seen)
        elif name in PASS and inlet == 1:
            problems += consumer_problems(graph, dst, 0, address, offset, seen)
        elif name in ("sel", "select"):
            problems += consumer_problems(graph, dst, box["numoutlets"] - 1, address, offset,
                                          seen)
        elif name == "unpack":
            if len(args) != len(here):
                problems.append(f"{address}: {dst} unpacks {len(args)} values, the table sends "
                                f"{len(here)} after argument {offset}")
            for k, (word, sent) in enumerate(zip(args, here), offset + 1):
                if arg_type(word) not in sent:
                    problems.append(f"{address}: {dst} reads argument {k} as "
                                    f"{arg_type(word)!r}, the table sends {sent!r}")
        elif name == "sprintf":
            wanted = [{"d": "i", "f": "f", "s": "s"}[m[-1]]
                      for m in re.findall(r"%[-+ #0-9.]*l?[dfs]", " ".join(args))]
            for k, (want, sent) in enumerate(zip(wanted, here), offset + 1):
                if want not in sent:
                    problems.append(f"{address}: {dst} formats argument {k} as {want!r}, the "
                                    f"table sends {sent!r}")
    return problems


def received_problems(doc: dict) -> list[str]:
    problems = []
    for patcher in patchers(doc):
        graph = Graph(patcher)
        for receiver in find(graph, lambda b: cls(b) == "udpreceive"):
            routes = [graph.boxes[d] for d, _ in graph.out_of(receiver["id"])]
            if not routes:
                problems.append("udpreceive is not connected")
            for route in routes:
                if cls(route) != "route":
                    problems.append(f"udpreceive feeds {route.get('text')!r}, not a route")
                    continue
                for outlet, address in enumerate(words(route)[1:]):
                    if address not in PUSH_BY_PATH:
                        problems.append(f"route {address} is not a reply or push in osc.table")
                        continue
                    problems += consumer_problems(graph, route["id"], outlet, address, 0, set())
    return problems


# --- 5. Live parameters ----------------------------------------------------------------------

def valueof(box: dict) -> dict:
    return box.get("saved_attribute_attributes", {}).get("valueof", {})


def parameter_problems(doc: dict) -> list[str]:
    patcher = doc["patcher"]
    problems, names, table = [], [], {}
    for entry in patcher["boxes"]:
        box = entry["box"]
        enabled = box.get("parameter_enable") or box.get("saved_object_attributes", {}).get(
            "parameter_enable")
        if not enabled:
            continue
        longname = valueof(box).get("parameter_longname")
        if not longname:
            problems.append(f"{box['id']} is a parameter without parameter_longname")
            continue
        names.append(longname)
        table[box["id"]] = [longname, valueof(box).get("parameter_shortname"), 0]
    problems += [f"parameter long name {n!r} used twice"
                 for n in sorted({n for n in names if names.count(n) > 1})]
    listed = {k: v for k, v in patcher.get("parameters", {}).items()
              if k not in ("parameterbanks", "inherited_shortname")}
    if listed != table:
        problems.append("the patcher's parameters table does not match its parameter boxes")
    return problems


# --- 6. the device face ----------------------------------------------------------------------

# what the issue asks a performer to see and touch (varnames in the patch)
REQUIRED = {"slot": "slot number", "host": "daemon host", "daemon_port": "daemon port",
            "reply_port": "reply port", "prompt": "prompt text", "engine_menu": "engine menu",
            "seconds": "seconds", "seed": "seed", "generate": "Generate button",
            "status": "status line", "progress": "progress bar",
            "take_prompt": "prompt of the loaded take", "take_info": "seed and length",
            "play": "play button", "stop": "stop button", "loop": "loop toggle",
            "quantise": "bar quantise", "hold": "hold switch", "gain": "gain",
            "to_clip": "send to clip", "clip_track": "clip track", "clip_scene": "clip scene",
            "link": "connection line"}
SAVED = {"slot", "host", "daemon_port", "reply_port", "prompt", "seconds", "seed", "gain",
         "loop", "quantise", "hold", "clip_track", "clip_scene", "engine"}


def presentation_problems(doc: dict) -> list[str]:
    patcher = doc["patcher"]
    problems = []
    width = patcher.get("devicewidth", 0)
    if patcher.get("openinpresentation") != 1:
        problems.append("the device does not open in presentation mode")
    by_name = {e["box"].get("varname"): e["box"] for e in patcher["boxes"]}
    for name, what in REQUIRED.items():
        box = by_name.get(name)
        if box is None or not box.get("presentation"):
            problems.append(f"no {what} ({name}) in presentation mode")
    shown = [e["box"] for e in patcher["boxes"] if e["box"].get("presentation")]
    for box in shown:
        x, y, w, h = box["presentation_rect"]
        if x < 0 or y < 0 or x + w > width or y + h > DEVICE_HEIGHT:
            problems.append(f"{box['id']} ({box.get('varname', box['maxclass'])}) lies outside "
                            f"the {width}x{DEVICE_HEIGHT:g} device")
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            ax, ay, aw, ah = a["presentation_rect"]
            bx, by, bw, bh = b["presentation_rect"]
            if ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah:
                problems.append(f"{a['id']} and {b['id']} overlap on the device face")
    for name in SAVED:
        box = by_name.get(name)
        if box is None or valueof(box).get("parameter_invisible") not in (0, 1):
            problems.append(f"{name} is not saved with the Live set")
    return problems


CHECKS = [structure_problems, object_problems, sent_problems, received_problems,
          parameter_problems, presentation_problems]


# --- the committed patchers pass -------------------------------------------------------------

@pytest.fixture(scope="module")
def slot() -> dict:
    return json.loads(SLOT.read_text(encoding="utf-8"))


def test_there_are_patchers():
    assert SLOT in PATCHERS


@pytest.mark.parametrize("path", PATCHERS, ids=lambda p: p.name)
@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_committed_patcher_passes(path, check):
    assert check(json.loads(path.read_text(encoding="utf-8"))) == []


def test_maxpat_is_the_generators_output():
    assert SLOT.read_text(encoding="utf-8") == load_module("slot_patch").render(), \
        "run python max4live/slot_patch.py"


def test_generator_check_mode_fails_on_a_stale_file(tmp_path, monkeypatch):
    module = load_module("slot_patch")
    stale = tmp_path / "fragment-slot.maxpat"
    stale.write_text(SLOT.read_text(encoding="utf-8").replace("SLOT 1", "SLOT 2"))
    monkeypatch.setattr(module, "MAXPAT", stale)
    assert module.main(["--check"]) == 1
    monkeypatch.setattr(module, "MAXPAT", SLOT)
    assert module.main(["--check"]) == 0


def test_picture_is_drawn_from_the_patcher():
    render = load_module("render")
    assert render.TARGET.read_text(encoding="utf-8") == render.render(), \
        "run python max4live/render.py"
    assert "not a screenshot" in render.render()


# --- behaviour the issue asks for, read from the graph ---------------------------------------

def ids_where(graph: Graph, predicate: Callable[[dict], bool]) -> list[str]:
    return [b["id"] for b in find(graph, predicate)]


def test_hello_is_repeated_by_a_metro(slot):
    graph = Graph(slot["patcher"])
    hello = ids_where(graph, lambda b: str(b.get("text", "")).startswith("/frag/hello"))
    metros = ids_where(graph, lambda b: cls(b) == "metro")
    assert hello and any(set(hello) & graph.reachable(m) for m in metros)


def test_buffers_reload_only_after_ready_for_this_slot(slot):
    graph = Graph(slot["patcher"])
    route = find(graph, lambda b: cls(b) == "route" and "/frag/ready" in words(b))[0]
    after_ready = graph.reachable(route["id"], words(route)[1:].index("/frag/ready"))
    loaders = ids_where(graph, lambda b: "replace" in words(b))
    assert loaders and set(loaders) <= after_ready
    compare = find(graph, lambda b: cls(b) == "==" and b["id"] in after_ready)
    assert compare, "ready is not compared with this device's slot"


def test_the_quality_verdict_shows_only_for_this_slot_and_next_asks_for_this_slot(slot):
    graph = Graph(slot["patcher"])
    route = find(graph, lambda b: cls(b) == "route" and "/frag/quality" in words(b))[0]
    after = graph.reachable(route["id"], words(route)[1:].index("/frag/quality"))
    shown = find(graph, lambda b: b.get("varname") == "quality")[0]
    assert shown["id"] in after, "the score never reaches the quality display"
    assert find(graph, lambda b: cls(b) == "==" and b["id"] in after), \
        "the verdict is not compared with this device's slot"
    ask = find(graph, lambda b: words(b)[:1] == ["/frag/variation/next"])[0]
    next_button = find(graph, lambda b: b.get("varname") == "next_take")[0]
    assert ask["id"] in graph.reachable(next_button["id"])


def test_generate_sends_bars_at_lives_tempo_when_bars_is_set(slot):
    graph = Graph(slot["patcher"])
    press = find(graph, lambda b: b.get("varname") == "generate")[0]
    after_press = graph.reachable(press["id"])
    with_bars = find(graph, lambda b: words(b)[:1] == ["/frag/generate"] and "bpm" in words(b))
    assert len(with_bars) == 2 and all(b["id"] in after_press for b in with_bars)
    for box in with_bars:  # a bar length replaces seconds: the daemon sizes the take itself
        assert "seconds" not in words(box) and words(box)[-6:] == [
            "bpm", "$7", "bars", "$8", "loop", "$9"]
    tempo = find(graph, lambda b: words(b) == ["get", "tempo"])[0]
    assert tempo["id"] in after_press
    bars = find(graph, lambda b: b.get("varname") == "bars")[0]
    into = list(graph.out_of(bars["id"]))
    assert into and all(inlet == 1 for _, inlet in into), \
        "turning Bars must only be stored (a cold inlet), never send a prompt by itself"


def test_job_ids_are_unique_to_the_device(slot):
    graph = Graph(slot["patcher"])
    formats = [words(b) for b in find(graph, lambda b: cls(b) == "sprintf"
                                      and "symout" in words(b) and "job" in str(b["text"]))]
    assert formats and all(w[2].startswith("---") for w in formats)


def test_every_instance_owns_its_buffers_and_colls(slot):
    graph = Graph(slot["patcher"])
    named = find(graph, lambda b: cls(b) in ("buffer~", "groove~", "coll"))
    assert named and all(words(b)[1].startswith("---") for b in named)


# --- every check can fail: a broken copy of the patcher for each ----------------------------

def box_by(doc: dict, predicate: Callable[[dict], bool]) -> dict:
    return next(e["box"] for e in doc["patcher"]["boxes"] if predicate(e["box"]))


def text_is(text: str) -> Callable[[dict], bool]:
    return lambda b: b.get("text") == text


def starts(prefix: str) -> Callable[[dict], bool]:
    return lambda b: str(b.get("text", "")).startswith(prefix)


def break_duplicate_id(doc):
    doc["patcher"]["boxes"][1]["box"]["id"] = doc["patcher"]["boxes"][0]["box"]["id"]


def break_dangling_line(doc):
    doc["patcher"]["lines"][0]["patchline"]["destination"][0] = "obj-nowhere"


def break_outlet_range(doc):
    doc["patcher"]["lines"][0]["patchline"]["source"][1] = 99


def break_inlet_range(doc):
    doc["patcher"]["lines"][0]["patchline"]["destination"][1] = 99


def break_duplicate_varname(doc):
    box_by(doc, lambda b: b.get("varname") == "stop")["varname"] = "play"


def break_no_rect(doc):
    del doc["patcher"]["boxes"][0]["box"]["patching_rect"]


def break_unknown_object(doc):
    box_by(doc, text_is("deferlow"))["text"] = "deferlower"


def break_counts(doc):
    box_by(doc, starts("route /frag/"))["numoutlets"] = 5


def break_address(doc):
    box_by(doc, starts("/frag/hello"))["text"] = "/frag/helo $1"


def break_arity(doc):
    box_by(doc, starts("/frag/generate $1 $2 $3 seconds"))["text"] = "/frag/generate $1 $2"


def break_types(doc):
    box_by(doc, starts("pack s 0 s s"))["text"] = "pack s 0 0 s 0. 0"


def break_param_key(doc):
    box = box_by(doc, starts("/frag/generate $1 $2 $3 seconds"))
    box["text"] = box["text"].replace("seconds", "secs")


def break_multiword_prompt(doc):
    box_by(doc, lambda b: cls(b) == "tosymbol" and b["id"] in {
        s for s, o, d, i in Graph(doc["patcher"]).lines
        if d == box_by(doc, starts("pack s 0 s s"))["id"] and i == 2})["text"] = "prepend text"


def break_unconnected_request(doc):
    box = box_by(doc, starts("/frag/cancel"))
    doc["patcher"]["lines"] = [e for e in doc["patcher"]["lines"]
                               if e["patchline"]["source"][0] != box["id"]]


def break_routed_address(doc):
    box = box_by(doc, starts("route /frag/"))
    box["text"] += " /frag/nonsense"
    box["numinlets"] += 1
    box["numoutlets"] += 1
    box["outlettype"].append("")


def break_ready_types(doc):
    box_by(doc, text_is("unpack 0 s 0 0. 0 s s"))["text"] = "unpack 0 s 0 0 0 s s"


def break_queued_types(doc):
    box_by(doc, starts("sprintf set queued"))["text"] = "sprintf set queued - position %s"


def break_duplicate_longname(doc):
    valueof(box_by(doc, lambda b: b.get("varname") == "stop"))["parameter_longname"] = "Play"


def break_parameter_table(doc):
    table = doc["patcher"]["parameters"]
    table.pop(next(k for k in table if k.startswith("obj-")))


def break_missing_control(doc):
    box_by(doc, lambda b: b.get("varname") == "hold")["presentation"] = 0


def break_outside(doc):
    box_by(doc, lambda b: b.get("varname") == "gain")["presentation_rect"][1] = 160.0


def break_overlap(doc):
    box_by(doc, lambda b: b.get("varname") == "stop")["presentation_rect"][0] = 20.0


def break_not_saved(doc):
    valueof(box_by(doc, lambda b: b.get("varname") == "slot"))["parameter_invisible"] = 2


BROKEN = [
    (break_duplicate_id, structure_problems), (break_dangling_line, structure_problems),
    (break_outlet_range, structure_problems), (break_inlet_range, structure_problems),
    (break_no_rect, structure_problems), (break_duplicate_varname, structure_problems),
    (break_unknown_object, object_problems), (break_counts, object_problems),
    (break_address, sent_problems), (break_arity, sent_problems), (break_types, sent_problems),
    (break_param_key, sent_problems), (break_multiword_prompt, sent_problems),
    (break_unconnected_request, sent_problems),
    (break_routed_address, received_problems), (break_ready_types, received_problems),
    (break_queued_types, received_problems),
    (break_duplicate_longname, parameter_problems), (break_parameter_table, parameter_problems),
    (break_missing_control, presentation_problems), (break_outside, presentation_problems),
    (break_overlap, presentation_problems), (break_not_saved, presentation_problems),
]


@pytest.mark.parametrize("breaker, check", BROKEN, ids=lambda f: f.__name__)
def test_each_check_catches_a_broken_copy(slot, breaker, check):
    broken = copy.deepcopy(slot)
    breaker(broken)
    assert check(broken), f"{check.__name__} did not notice {breaker.__name__}"


def test_every_check_has_a_broken_copy():
    assert {check for _, check in BROKEN} == set(CHECKS)
