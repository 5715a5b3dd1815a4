#!/usr/bin/env python3
"""Take the README's screenshot of the web panel (docs/images/panel.png).

Starts `fragmentd serve --panel` on free ports with its folders in a temp directory, makes a
few takes (Piper voices over OSC, test signals, one prompt typed into the panel), leaves a long
take running and one waiting so the queue shows, and photographs the Perform tab with Debian's
headless Chromium (driven by Playwright; no browser download). Needs `scripts/setup.sh --test`.

    .venv/bin/python scripts/screenshot-panel.py [--output docs/images/panel.png] [--keep]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from osc.client import OscClient  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--mute-audio", "--hide-scrollbars"]
CONFIG = """\
[daemon]
default_engine = "piper"
[osc]
port = 0
[fragments]
folder = "slots"
archive = "archive"
[panel]
enabled = true
port = 0
[engines.piper]
enabled = true
preload = true
[engines.testsignal]
enabled = true
"""
# (slot, prompt, extra key/values): what the cards will hold
TAKES = [
    (1, "Good evening. The doors are closing, the lights go down.", ()),
    (2, "sweep", ("engine", "testsignal", "seconds", 4.0, "level_db", -14.0)),
    (3, "Somewhere below the city, a train is humming in the dark.", ()),
    (4, "pink", ("engine", "testsignal", "seconds", 3.0)),
    (6, "Count with me: one, two, three, four.", ()),
]
LONG = " ".join(f"Verse {i}: the tide comes in, and the tide goes out again." for i in range(33))


class Serve:
    """`fragmentd serve` in a temp folder; its log names the OSC port and the panel URL."""

    def __init__(self, folder: Path) -> None:
        config = folder / "config.toml"
        config.write_text(CONFIG)
        fragmentd = Path(sys.executable).parent / "fragmentd"
        self.proc = subprocess.Popen([str(fragmentd), "serve", "--config", str(config)],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    def wait_for(self, pattern: str, timeout: float = 90.0) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if match := re.search(pattern, line):
                    return match
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise SystemExit(f"fragmentd did not log {pattern!r}:\n{''.join(self.lines)}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def make_takes(osc: OscClient) -> None:
    osc.hello()
    for slot, prompt, extra in TAKES:
        osc.send("/frag/generate", f"shot-{slot}", slot, prompt, *extra)
    waiting = {f"shot-{slot}" for slot, _, _ in TAKES}
    while waiting:
        address, args = osc.wait_for(lambda a, v: bool(v) and v[0] in waiting, 120)
        if address in ("/frag/ready", "/frag/error", "/frag/cancelled"):
            if address != "/frag/ready":
                raise SystemExit(f"{args[0]} did not become a take: {args}")
            waiting.discard(args[0])


def photograph(url: str, osc: OscClient, output: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000}, device_scale_factor=1)
        page.set_default_timeout(60_000)
        page.goto(url)
        expect(page.locator("#status-state")).to_have_text("WARM")
        page.locator("#prompt textarea").fill("Hold on. Breathe in. Here it comes.")
        page.locator("#seed textarea, #seed input").first.fill("1234")
        page.locator("#slot input").first.click()
        page.get_by_role("option", name="slot 5", exact=True).click()
        page.click("#generate")  # from the panel, into slot 5
        expect(page.locator("#slot-info-5 .card-info[data-take]")).to_have_count(1,
                                                                                 timeout=120_000)
        page.wait_for_function("() => document.querySelectorAll('.spectrogram img').length >= 6")
        osc.send("/frag/generate", "osc-long", 7, LONG)
        osc.send("/frag/generate", "osc-next", 8, "sine", "engine", "testsignal")
        page.locator("#prompt textarea").fill("a slow cello drone under falling glass")
        page.locator("#seed textarea, #seed input").first.fill("")
        expect(page.locator("#queue [data-job='osc-long'] .job-state")).to_contain_text("%")
        page.wait_for_function("() => parseInt(document.querySelector(\"#queue [data-job='osc-long']"
                               " .job-state\").innerText) >= 10")
        output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(output), full_page=True)
        browser.close()
    osc.send("/frag/cancel", "*")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "images" / "panel.png")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (takes, log)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="fragmentd-screenshot-"))
    serve = Serve(folder)
    try:
        osc_port = int(serve.wait_for(r"listening for OSC on udp \S+:(\d+)").group(1))
        url = serve.wait_for(r"panel: serving on (\S+)").group(1)
        serve.wait_for(r"state BOOTING -> WARM")
        with OscClient("127.0.0.1", osc_port) as osc:
            make_takes(osc)
            photograph(url, osc, args.output)
        print(f"wrote {args.output}")
    finally:
        serve.stop()
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
