"""A daemon with its web panel, and a headless Chromium (Debian's, driven by Playwright).

Playwright's own browser download is never used: Chromium is the distribution's
(``/usr/bin/chromium``, installed by ``scripts/setup.sh --test``).
"""

from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path
from typing import Any, Iterator

from tests.e2e.harness import Daemon

PANEL_URL = re.compile(r"panel: serving on (\S+)")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--autoplay-policy=no-user-gesture-required", "--mute-audio"]
SETUP_HINT = ("run scripts/setup.sh --test: it installs Debian's chromium and the playwright "
              "Python package the panel tests drive it with")

# Records every media element that is asked to play (Gradio's player keeps its <audio> out of
# the DOM), so a test can read its ``paused`` and ``currentTime``.
RECORD_MEDIA = """
window.__media = [];
const play = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function (...args) {
  if (!window.__media.includes(this)) window.__media.push(this);
  return play.apply(this, args);
};
"""


def panel_daemon(root: Path, **overrides: dict) -> Daemon:
    """A harness Daemon with the panel on a free port (``panel`` overrides merge in)."""
    panel = {"enabled": True, "port": 0, **overrides.pop("panel", {})}
    return Daemon(root, panel=panel, **overrides)


def panel_url(daemon: Daemon, timeout: float = 30.0) -> str:
    """The URL the daemon logged for its panel ("panel: serving on URL")."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in list(daemon.lines):
            match = PANEL_URL.search(line)
            if match:
                return match.group(1)
            if "panel: cannot start" in line:
                raise RuntimeError(f"the panel did not start:\n{daemon.log()}")
        time.sleep(0.1)
    raise TimeoutError(f"the daemon logged no panel URL within {timeout} s:\n{daemon.log()}")


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing; {SETUP_HINT}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"the playwright package is missing; {SETUP_HINT}"
    return None


@contextlib.contextmanager
def chromium(viewport: tuple[int, int] = (1440, 1100)) -> Iterator[Any]:
    """A page in a fresh headless Chromium; it records media elements that play."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            page.add_init_script(RECORD_MEDIA)
            page.set_default_timeout(30_000)
            yield page
        finally:
            browser.close()


def field(page: Any, elem_id: str) -> Any:
    """The text field inside a Gradio component (a textarea or an input)."""
    return page.locator(f"#{elem_id} textarea, #{elem_id} input").first


def choose(page: Any, elem_id: str, option: str) -> None:
    """Pick ``option`` (its label) in the Gradio dropdown ``elem_id``."""
    page.locator(f"#{elem_id} input").first.click()
    page.get_by_role("option", name=option, exact=True).click()


def open_tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name).click()
