"""A small writer for Max patcher JSON (.maxpat), used by slot_patch.py.

Boxes are numbered obj-1, obj-2, ... in creation order and every object's inlet and outlet
counts are written by the caller, next to the object, so a reader of slot_patch.py sees the
shape of each box where it is made. The output is deterministic: the same calls give the same
bytes (sorted keys, tab indentation, no dates), which build.py and the tests rely on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

APPVERSION = {"major": 8, "minor": 6, "revision": 5, "architecture": "x64", "modernui": 1}

# Live parameter visibility (parameter_invisible): what Live keeps of a control.
AUTOMATED = 0      # saved with the set, automatable, MIDI-mappable
STORED_ONLY = 1    # saved with the set, not automatable
HIDDEN = 2         # neither (displays such as the progress bar)

FLOAT, INT, ENUM, BLOB = 0, 1, 2, 3  # parameter_type
UNIT_INT, UNIT_FLOAT, UNIT_DB = 0, 1, 4  # parameter_unitstyle


@dataclass
class Box:
    """One box; ``patch`` is kept so ``box.to(other)`` can draw a patch cord."""

    patch: "Patch"
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return self.data["id"]

    def to(self, other: "Box", outlet: int = 0, inlet: int = 0) -> "Box":
        """Cord from this box's ``outlet`` to ``other``'s ``inlet``; returns ``other``."""
        self.patch.connect(self, outlet, other, inlet)
        return other


@dataclass
class Patch:
    """Boxes and cords of one patcher window, laid out in columns for the patching view."""

    boxes: list[Box] = field(default_factory=list)
    lines: list[tuple[str, int, str, int]] = field(default_factory=list)
    _column: tuple[float, float] = (20.0, 20.0)

    def column(self, x: float, y: float = 20.0) -> None:
        """Place the following boxes one under the other from (x, y) in the patching view."""
        self._column = (x, y)

    def _place(self, width: float, height: float) -> list[float]:
        x, y = self._column
        self._column = (x, y + height + 8.0)
        return [float(x), float(y), float(width), float(height)]

    def add(self, maxclass: str, inlets: int, outlets: int, outlettype: list[str] | None = None,
            *, width: float | None = None, height: float = 22.0, **attrs: Any) -> Box:
        text = attrs.get("text", "")
        if width is None:
            width = max(30.0, 7.0 * len(str(text)) + 14.0)
        outlettype = list(outlettype) if outlettype is not None else [""] * outlets
        if len(outlettype) != outlets:
            raise ValueError(f"{maxclass} {text!r}: {outlets} outlets but types {outlettype}")
        data = {"id": f"obj-{len(self.boxes) + 1}", "maxclass": maxclass, "numinlets": inlets,
                "numoutlets": outlets, "patching_rect": self._place(width, height), **attrs}
        if outlets:
            data["outlettype"] = outlettype
        box = Box(self, data)
        self.boxes.append(box)
        return box

    def obj(self, text: str, inlets: int, outlets: int, outlettype: list[str] | None = None,
            **attrs: Any) -> Box:
        """An object box ("newobj"): ``text`` is the class and its arguments."""
        return self.add("newobj", inlets, outlets, outlettype, text=text, **attrs)

    def msg(self, text: str, **attrs: Any) -> Box:
        """A message box: two inlets (trigger, set), one outlet."""
        return self.add("message", 2, 1, [""], text=text, **attrs)

    def comment(self, text: str, **attrs: Any) -> Box:
        return self.add("comment", 1, 0, text=text, **attrs)

    def connect(self, src: Box, outlet: int, dst: Box, inlet: int) -> None:
        if not 0 <= outlet < src.data["numoutlets"]:
            raise ValueError(f"{src.id} {src.data.get('text')!r} has no outlet {outlet}")
        if not 0 <= inlet < dst.data["numinlets"]:
            raise ValueError(f"{dst.id} {dst.data.get('text')!r} has no inlet {inlet}")
        self.lines.append((src.id, outlet, dst.id, inlet))


def parameter(longname: str, shortname: str, ptype: int, visibility: int, *,
              initial: list[Any] | None = None, info: str = "", **extra: Any) -> dict[str, Any]:
    """The attributes that make a box a Live parameter (``parameter_enable`` plus its valueof)."""
    valueof: dict[str, Any] = {"parameter_longname": longname, "parameter_shortname": shortname,
                               "parameter_type": ptype, "parameter_invisible": visibility,
                               "parameter_modmode": 0}
    if initial is not None:
        valueof["parameter_initial_enable"] = 1
        valueof["parameter_initial"] = initial
    if info:
        valueof["parameter_info"] = info
    valueof.update(extra)
    return {"parameter_enable": 1, "saved_attribute_attributes": {"valueof": valueof}}


def parameter_table(boxes: list[Box]) -> dict[str, Any]:
    """The patcher-level ``parameters`` dict Max writes: box id -> [longname, shortname, 0]."""
    table: dict[str, Any] = {}
    for box in boxes:
        valueof = box.data.get("saved_attribute_attributes", {}).get("valueof")
        if valueof and "parameter_longname" in valueof:
            table[box.id] = [valueof["parameter_longname"], valueof["parameter_shortname"], 0]
    table["inherited_shortname"] = 1
    return table


def dumps(document: dict[str, Any]) -> str:
    """The file text: sorted keys and tabs, so a rebuild is byte-identical and diffs are small."""
    return json.dumps(document, indent="\t", sort_keys=True, ensure_ascii=False) + "\n"


def lines_json(lines: list[tuple[str, int, str, int]]) -> list[dict[str, Any]]:
    return [{"patchline": {"source": [s, o], "destination": [d, i]}} for s, o, d, i in lines]
