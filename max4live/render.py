"""Draw the device face (the patcher's presentation mode) as an SVG for the documentation.

    python max4live/render.py            # write docs/images/fragment-slot.svg
    python max4live/render.py --check    # exit 1 if the committed picture is out of date

Max cannot run where this project is built, so the picture is drawn from the .maxpat's
presentation rectangles and initial values, not taken from Live: shapes, positions and labels
are the patch's own, colours and fonts are an approximation of Live's default theme.
"""

from __future__ import annotations

import json
import sys
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "fragment-slot.maxpat"
TARGET = HERE.parent / "docs" / "images" / "fragment-slot.svg"
TITLE_BAR = 18.0
BG, FIELD, CONTROL, TEXT, DIM, ACCENT = ("#3b3b3b", "#1f1f1f", "#575757", "#e8e8e8", "#9a9a9a",
                                        "#ffaa33")


def num(value: float) -> str:
    return f"{value:g}"


def text(x: float, y: float, content: str, size: float = 9.0, colour: str = TEXT,
         anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" fill="{colour}" '
            f'text-anchor="{anchor}"{weight}>{escape(content)}</text>')


def rect(x: float, y: float, w: float, h: float, fill: str, radius: float = 0.0,
         stroke: str = "none") -> str:
    return (f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" '
            f'rx="{num(radius)}" fill="{fill}" stroke="{stroke}"/>')


def initial(box: dict) -> list:
    valueof = box.get("saved_attribute_attributes", {}).get("valueof", {})
    return valueof.get("parameter_initial", [])


def number_text(box: dict) -> str:
    values = initial(box)
    value = values[0] if values else 0
    unit = box.get("saved_attribute_attributes", {}).get("valueof", {}).get(
        "parameter_unitstyle", 0)
    return f"{value:.2f}" if unit == 1 else str(int(value))


def draw_box(box: dict) -> list[str]:
    x, y, w, h = box["presentation_rect"]
    y += TITLE_BAR
    kind = box["maxclass"]
    mid = y + h / 2 + 3.5
    if kind in ("comment", "live.comment"):
        size = box.get("fontsize", 10.0 if kind == "comment" else 9.0)
        colour = TEXT if kind == "comment" else DIM
        return [text(x + 2, y + size + 1, box.get("text", ""), size, colour,
                     bold=box.get("fontface") == 1)]
    if kind == "live.numbox" and box.get("appearance") == 2:  # the progress bar
        return [rect(x, y, w, h, FIELD, 2)]
    if kind in ("live.numbox", "number"):
        return [rect(x, y, w, h, FIELD, 2), text(x + w - 3, mid, number_text(box), 9,
                                                 ACCENT, "end")]
    if kind == "textedit":
        content = box.get("text") or box.get("hint", "")
        colour = TEXT if box.get("text") else DIM
        return [rect(x, y, w, h, FIELD, 2, CONTROL), text(x + 4, y + 12, content, 9, colour)]
    if kind == "umenu":
        return [rect(x, y, w, h, CONTROL, 2), text(x + 5, mid, box["items"][0], 9),
                text(x + w - 6, mid, "\u25be", 9, TEXT, "end")]
    if kind == "live.text":
        return [rect(x, y, w, h, CONTROL, 3), text(x + w / 2, mid, box["text"], 9, TEXT,
                                                   "middle")]
    if kind == "live.gain~":
        lo, hi = -70.0, 6.0
        at = x + w * (initial(box)[0] - lo) / (hi - lo)
        return [rect(x, y + 4, w, h - 14, FIELD, 1), rect(x, y + 4, at - x, 4, "#7ccf5a"),
                rect(at - 2, y + 2, 4, h - 10, ACCENT, 1),
                text(x + w, y + h - 1, "Gain 0.0 dB", 8, DIM, "end")]
    raise ValueError(f"render.py cannot draw a {kind} yet")


def render(source: Path = SOURCE) -> str:
    patcher = json.loads(source.read_text(encoding="utf-8"))["patcher"]
    width = patcher["devicewidth"]
    height = patcher["openrect"][3] + TITLE_BAR
    shown = [b["box"] for b in patcher["boxes"] if b["box"].get("presentation")]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(width * 2)}" '
             f'height="{num(height * 2)}" viewBox="0 0 {num(width)} {num(height)}" '
             f'font-family="Arial, Helvetica, sans-serif">',
             "<title>fragment slot device, drawn from fragment-slot.maxpat (presentation mode);"
             " not a screenshot</title>",
             rect(0, 0, width, height, BG), rect(0, 0, width, TITLE_BAR, "#2a2a2a"),
             text(6, 13, "fragment-slot", 10, TEXT, bold=True)]
    for box in shown:
        parts.extend(draw_box(box))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    svg = render()
    if "--check" in argv:
        if not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != svg:
            print(f"{TARGET} is out of date: run python max4live/render.py", file=sys.stderr)
            return 1
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(svg, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
