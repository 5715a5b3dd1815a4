"""The web panel in a real browser: headless Chromium (Debian's) driven by Playwright opens the
panel served by a running daemon and does what a performer does minutes before a show."""

from __future__ import annotations

import http.cookiejar
import re
import socket
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.e2e.harness import collect
from tests.panel.helpers import (chromium, choose, field, missing_browser, open_tab,
                                 panel_daemon, panel_url)

pytestmark = pytest.mark.e2e
LONG_TEXT = " ".join(f"Sentence {i} keeps the voice busy for a good while." for i in range(30))
QUICK = {"engines.piper": {"enabled": False}, "daemon": {"default_engine": "testsignal"}}


@pytest.fixture
def browser_ok() -> None:
    problem = missing_browser()
    if problem:
        pytest.fail(problem)


def generate(page, prompt: str, *, engine: str = "testsignal", seconds: str = "",
             seed: str = "", slot: str = "next in the ring", extra: str = "") -> str:
    """Fill the Perform form, press Generate; return the message shown under it."""
    field(page, "prompt").fill(prompt)
    choose(page, "engine", engine)
    field(page, "seconds").fill(seconds)
    field(page, "seed").fill(seed)
    choose(page, "slot", slot)
    field(page, "params").fill(extra)
    return press(page, "#generate", "#perform-message")


def press(page, button: str, answer: str) -> str:
    """Click ``button``; return the new message that appears in ``answer``."""
    message = f"{answer} .msg"
    before = page.inner_text(message) if page.locator(message).count() else ""
    page.click(button)
    return page.wait_for_function("([sel, old]) => { const m = document.querySelector(sel);"
                                  " return m && m.innerText !== old && m.innerText; }",
                                  arg=[message, before]).json_value()


def job_id(text: str) -> str:
    match = re.search(r"panel-\d+", text)
    assert match, f"no job id in {text!r}"
    return match.group(0)


def start_playing(page, button: str, tries: int = 6) -> None:
    """Press a player's Play until a media element runs. On a loaded machine the player can
    still be decoding its waveform when the button appears, and then ignores the press."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(tries):
        page.click(button)
        try:
            page.wait_for_function("() => window.__media.some(m => m.currentTime > 0 || "
                                   "!m.paused)", timeout=5_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"{button}: no media element played after {tries} presses")


def card_take(page, slot: int) -> int:
    return int(page.get_attribute(f"#slot-info-{slot} .card-info", "data-take"))


def test_a_performer_drives_the_daemon_from_the_panel(tmp_path, artifacts, browser_ok):
    from playwright.sync_api import expect

    with panel_daemon(tmp_path) as daemon, daemon.client() as osc, chromium() as page:
        page.goto(panel_url(daemon))
        expect(page.locator("#status-state")).to_have_text("WARM")

        # a prompt from the panel, and one over OSC meanwhile: both cards update
        said = generate(page, "sweep from the panel", seconds="2", seed="4242", slot="slot 2")
        assert "queued for slot 2" in said, said
        osc.send("/frag/generate", "osc-1", 3, "pink from osc", "engine", "testsignal",
                 "seconds", 0.5, "seed", 777)
        for slot, prompt, seed in ((2, "sweep from the panel", "4242"), (3, "pink from osc", "777")):
            info = page.locator(f"#slot-info-{slot}")
            expect(info).to_contain_text(prompt, timeout=60_000)
            expect(info.locator(".seed")).to_have_text(seed)
            expect(info.locator(".engine")).to_have_text("testsignal")
        panel_take = card_take(page, 2)
        expect(page.locator("#slot-spectrogram-2 img")).to_be_visible()

        # play the card: its media element runs
        start_playing(page, "#slot-audio-2 button[aria-label='Play']")

        # preview on speakers: accepted; what follows depends on this machine's sound card
        said = press(page, "#slot-preview-2", "#slot-message-2")
        assert "previewing slot 2" in said, said
        expect(page.locator("#preview-state")).to_contain_text("preview ")
        assert "stopped" in press(page, "#preview-stop", "#queue-message")

        # bad input: the daemon's own message, and the page keeps working
        said = generate(page, "too long", seconds="9999", slot="slot 4")
        assert "seconds must be at most 600" in said and "bad_param" in said, said
        said = generate(page, "no such engine", extra="frequency=440", slot="slot 4")
        assert "unknown parameter 'frequency'" in said and "did you mean" in said, said
        expect(page.locator("#activity")).to_contain_text("unknown parameter 'frequency'")

        # cancel from the queue: a long take runs, one waits behind it; cancel both
        busy = job_id(generate(page, LONG_TEXT, engine="piper", slot="slot 6"))
        expect(page.locator("#status-running")).to_have_text(busy, timeout=30_000)
        waiting = job_id(generate(page, "never made", seconds="1", slot="slot 7"))
        page.click(f"#queue [data-cancel='{waiting}']")
        expect(page.locator("#activity")).to_contain_text(f"{waiting} cancelled (request)")
        expect(page.locator(f"#queue [data-job='{waiting}']")).to_have_count(0)
        page.click("#cancel-all")
        expect(page.locator("#activity")).to_contain_text(f"{busy} cancelled (request)",
                                                          timeout=60_000)
        expect(page.locator("#slot-info-7")).to_contain_text("No take yet")

        # the archive: find the panel's take, play it, republish it into slot 5, export it
        open_tab(page, "Archive")
        field(page, "archive-search").fill("sweep panel")
        page.click("#archive-search-button")
        row = page.locator(f"#archive-table tr[data-take='{panel_take}']")
        expect(row).to_contain_text("sweep from the panel")
        expect(page.locator("#archive-table tr[data-take]")).to_have_count(1)
        page.wait_for_function("() => (window.__played = window.__media.length) >= 0")
        row.locator("[data-action=play]").click()
        expect(page.locator("#archive-message")).to_contain_text(f"take {panel_take}")
        page.wait_for_function("() => window.__media.length > window.__played || "
                               "window.__media.some(m => !m.paused)")
        field(page, "archive-take").fill(str(panel_take))
        choose(page, "archive-slot", "slot 5")
        page.click("#archive-republish")
        expect(page.locator("#archive-message")).to_contain_text(f"take {panel_take} → slot 5")
        page.click("#archive-export")
        link = page.locator(f"#archive-file a[href$='/take{panel_take:03d}-testsignal-sweep-from-"
                            "the-panel.wav']")
        expect(link).to_have_count(1)
        download = page.request.get(link.get_attribute("href"))
        assert download.ok and download.body()[:4] == b"RIFF"
        page.screenshot(path=str(artifacts / "panel-archive.png"), full_page=True)
        open_tab(page, "Perform")
        expect(page.locator("#slot-info-5")).to_contain_text("sweep from the panel")
        assert card_take(page, 5) == panel_take
        assert (daemon.slots / "output05.wav").is_file()

        # regenerate: the card's prompt again with a new seed, into the same slot
        osc_take = card_take(page, 3)
        said = press(page, "#slot-regenerate-3", "#slot-message-3")
        assert "slot 3 again with a new seed" in said, said
        page.wait_for_function("t => Number(document.querySelector('#slot-info-3 .card-info')"
                               "?.dataset.take) > t", arg=osc_take)
        expect(page.locator("#slot-info-3")).to_contain_text("pink from osc")

        # engines: states, and a new default engine shows in the status bar
        open_tab(page, "Engines")
        expect(page.locator("#engines-list tr[data-engine=piper] [data-state]")).to_have_text("warm")
        expect(page.locator("#engines-list tr[data-engine=musicgen] [data-state]")).to_have_text(
            "disabled")
        choose(page, "engine-name", "testsignal")
        said = press(page, "#engine-select", "#engine-message")
        assert "default engine is now testsignal" in said, said
        expect(page.locator("#status-bar")).to_contain_text("default engine testsignal")
        said = press(page, "#engine-load", "#engine-message")
        assert "loading testsignal" in said, said

        # settings: the file, read-only, with the errors a bad edit brings
        open_tab(page, "Settings")
        expect(page.locator("#config-path")).to_have_text(str(daemon.config_path.resolve()))
        expect(page.locator("#settings-errors")).to_contain_text("the file is valid")
        expect(page.locator("#config-toml")).to_contain_text("[panel]")
        with daemon.config_path.open("a") as config:
            config.write("\n[fragmentz]\nfade_ms = 5\n")
        page.click("#settings-refresh")
        expect(page.locator("#config-errors")).to_contain_text(
            "fragmentz: unknown section; did you mean 'fragments'?")
        page.screenshot(path=str(artifacts / "panel-settings.png"), full_page=True)
        open_tab(page, "Perform")
        page.screenshot(path=str(artifacts / "panel-perform.png"), full_page=True)

        # the daemon stops with the page open: it stops cleanly, and the page says so
        assert daemon.stop() == 0, daemon.log()
        expect(page.locator("#status .stale")).to_have_count(1, timeout=15_000)
        expect(page.locator("#status-bar")).to_contain_text("NO CONTACT WITH THE DAEMON")
    # neither the panel nor its web server reported a problem (an open page cut short at
    # shutdown is said at INFO): shown from the first such line on
    lines = daemon.log().splitlines()
    noisy = [n for n, line in enumerate(lines) if "Traceback" in line or (
        ("uvicorn" in line or "daemon.panel" in line) and (" ERROR " in line or " WARNING " in line))]
    assert not noisy, "\n".join(lines[noisy[0]:noisy[0] + 60]) if noisy else ""


def test_a_password_keeps_strangers_out(tmp_path):
    with panel_daemon(tmp_path, panel={"password": "sesame"}, **QUICK) as daemon, \
            daemon.client() as osc:
        url = panel_url(daemon)
        osc.send("/frag/generate", "made", 1, "pink", "seconds", 0.2)
        assert collect(osc, "made")[-1][0] == "/frag/ready"
        slot_file = "gradio_api/file=" + urllib.parse.quote(str(daemon.slots / "output01.wav"))
        for path in ("config", "gradio_api/info", slot_file):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(url + path, timeout=10)
            assert refused.value.code == 401, path
        cookies = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))

        def login(password: str) -> int:
            form = urllib.parse.urlencode({"username": "fragmentd", "password": password})
            try:
                return opener.open(url + "login", form.encode(), timeout=10).status
            except urllib.error.HTTPError as exc:
                return exc.code

        assert login("wrong") in (400, 401)
        with pytest.raises(urllib.error.HTTPError):
            opener.open(url + "config", timeout=10)
        assert login("sesame") == 200
        assert opener.open(url + "config", timeout=10).status == 200
        assert opener.open(url + slot_file, timeout=10).read(4) == b"RIFF"


def test_a_panel_that_cannot_start_leaves_osc_serving(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        with panel_daemon(tmp_path, panel={"port": port}, **QUICK) as daemon:
            assert daemon.status()[0] == "WARM"
            assert f"panel: cannot start: RuntimeError: cannot listen on 127.0.0.1:{port}" in \
                daemon.log()


def test_after_a_restart_the_cards_show_what_the_slots_hold(tmp_path, browser_ok):
    from playwright.sync_api import expect

    with panel_daemon(tmp_path, panel={"enabled": False}, **QUICK) as daemon, \
            daemon.client() as osc:
        osc.send("/frag/generate", "before", 4, "sweep before the restart", "seconds", 0.5,
                 "seed", 31)
        assert collect(osc, "before")[-1][0] == "/frag/ready"
    with panel_daemon(tmp_path, **QUICK) as daemon, chromium() as page:
        page.goto(panel_url(daemon))
        info = page.locator("#slot-info-4")
        expect(info).to_contain_text("sweep before the restart")
        expect(info.locator(".seed")).to_have_text("31")
        expect(page.locator("#slot-spectrogram-4 img")).to_be_visible()
        expect(page.locator("#slot-info-1")).to_contain_text("No take yet")


SCENE = """name = "drone"
seconds = 2.0
target_lufs = -20.0

[[layer]]
prompt = "pink bed"
engine = "testsignal"
seed = 8
seconds = 2.0
gain_db = {gain}

[[layer]]
prompt = "sine tone"
engine = "testsignal"
seed = 9
seconds = 1.0
start_s = 0.5
"""


def test_layers_mix_into_a_slot_and_a_card_swaps_in_its_next_variation(tmp_path, browser_ok):
    from playwright.sync_api import expect

    with panel_daemon(tmp_path, **QUICK) as daemon, daemon.client() as osc, \
            chromium() as page:
        with daemon.config_path.open("a") as config:
            config.write('\n[scenes.storm]\nseconds = 1.0\n[[scenes.storm.layer]]\n'
                         'prompt = "pink storm"\nengine = "testsignal"\nseconds = 1.0\n')
        daemon.wait_log("scenes")
        page.goto(panel_url(daemon))
        open_tab(page, "Layers")
        choose(page, "scene-name", "storm")
        said = press(page, "#scene-load", "#scene-message")
        assert "scene 'storm' loaded" in said, said
        expect(field(page, "scene-toml")).to_have_value(re.compile('prompt = "pink storm"'))

        field(page, "scene-toml").fill(SCENE.format(gain="-3.0").replace("gain_db", "gain"))
        said = press(page, "#scene-mix", "#scene-message")
        assert "layer 1" in said and "did you mean 'gain_db'" in said, said

        field(page, "scene-toml").fill(SCENE.format(gain="-3.0"))
        choose(page, "scene-slot", "slot 4")
        said = press(page, "#scene-mix", "#scene-message")
        assert "mix of 'drone' (2 layers) queued for slot 4" in said, said
        open_tab(page, "Perform")
        expect(page.locator("#slot-info-4")).to_contain_text("mix: drone", timeout=60_000)
        assert (daemon.archive / "scenes" / "drone.toml").is_file()  # the edit is kept

        # a prompt with variations, then the card's Next take swaps without generating
        osc.send("/frag/generate", "v", 2, "pink", "engine", "testsignal", "variations", 2,
                 "seconds", 0.5)
        assert collect(osc, "v")[-1][0] == "/frag/ready"
        daemon.wait_log("2 variations ranked for slot 2")
        expect(page.locator("#slot-info-2 .quality")).to_have_count(1)
        first = card_take(page, 2)
        said = press(page, "#slot-variation-2", "#slot-message-2")
        assert "next variation" in said, said
        page.wait_for_function("t => Number(document.querySelector('#slot-info-2 .card-info')"
                               "?.dataset.take) !== t", arg=first)
        said = press(page, "#slot-variation-3", "#slot-message-3")
        assert "no other variation" in said and "no_variations" in said, said
