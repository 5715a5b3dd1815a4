"""The panel's page (Gradio Blocks): Perform, Archive, Engines and Settings tabs.

One timer per browser asks for what changed every half second; unchanged parts answer
``gr.skip()``, so a card's player is only reloaded when its slot holds a new take and never
interrupts a take being auditioned. Element ids (``elem_id``) are the page's stable interface
for tests and scripts; docs/panel.md lists them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from daemon.panel_actions import PanelActions
from daemon.panel_render import (archive_html, card_info, card_title, engines_html, log_html,
                                 message, queue_html, settings_html, status_line)
from daemon.panel_state import PanelState

log = logging.getLogger("daemon.panel")

MAX_CARDS = 32  # a ring larger than this shows its first 32 slots as cards
CARD_PARTS = 7  # title, player, spectrogram, info, regenerate, preview, message
CARDS_PER_ROW = 4
REFRESH_S = 0.5
ENGINES_REFRESH_S = 2.0
_UNSEEN = object()

# Clicks inside HTML tables become one Gradio event carrying the button's data attributes.
QUEUE_JS = ("element.addEventListener('click', (e) => { const b = e.target.closest('[data-cancel]');"
            " if (b) trigger('click', {job: b.dataset.cancel}); });")
ARCHIVE_JS = ("element.addEventListener('click', (e) => { const b = e.target.closest("
              "'[data-action]'); if (b) trigger('click', {action: b.dataset.action, "
              "take: b.dataset.take}); });")
# The status bar changes every second (its clock); when it stops, the page has lost the daemon.
WATCHDOG_JS = ("let last = Date.now(); watch('value', () => { last = Date.now(); "
               "element.classList.remove('stale'); }); setInterval(() => "
               "element.classList.toggle('stale', Date.now() - last > 4000), 1000);")
DARK_JS = "() => { document.body.classList.add('dark'); }"  # a stage is dark: always


SCENE_STARTER = """\
name = "storm"
seconds = 20.0
target_lufs = -16.0

[[layer]]
prompt = "steady rain"
gain_db = -2.0
loop = true
seconds = 20.0

[[layer]]
prompt = "distant thunder"
gain_db = -6.0
pan = 0.4
start_s = 4.0
"""


@dataclass(frozen=True)
class PageInfo:
    """What the page shows that does not change while the daemon runs."""

    version: str
    osc: str  # "udp 127.0.0.1:9178"
    slot_count: int
    engines: list[str]  # enabled engines, for the choosers
    default_engine: str
    can_preview: bool


class PanelPage:
    """Builds the Blocks and holds its handlers (each runs on a Gradio worker thread)."""

    def __init__(self, actions: PanelActions, state: PanelState, info: PageInfo) -> None:
        self.actions, self.state, self.info = actions, state, info
        self.cards = list(range(1, min(info.slot_count, MAX_CARDS) + 1))
        self.slot_choices = [("next in the ring", 0)] + [(f"slot {n}", n)
                                                         for n in range(1, info.slot_count + 1)]

    def build(self) -> gr.Blocks:
        with gr.Blocks(title="fragmentd", analytics_enabled=False) as demo:
            status = gr.HTML(elem_id="status", js_on_load=WATCHDOG_JS)
            seen = gr.State({})
            with gr.Tabs(elem_id="tabs"):
                with gr.Tab("Perform", id="perform", elem_id="tab-perform"):
                    live = self._perform_tab()
                with gr.Tab("Archive", id="archive", elem_id="tab-archive") as archive_tab:
                    archive_table = self._archive_tab()
                with gr.Tab("Layers", id="layers", elem_id="tab-layers") as layers_tab:
                    scene_choice = self._layers_tab()
                with gr.Tab("Engines", id="engines", elem_id="tab-engines"):
                    engines_table, engines_seen = self._engines_tab()
                with gr.Tab("Settings", id="settings", elem_id="tab-settings") as settings_tab:
                    settings = self._settings_tab()
            outputs = [status, *live, seen]
            timer = gr.Timer(REFRESH_S)
            timer.tick(self.refresh, seen, outputs, show_progress="hidden", concurrency_limit=None)
            demo.load(self.refresh, seen, outputs, show_progress="hidden", concurrency_limit=None)
            engines_timer = gr.Timer(ENGINES_REFRESH_S)
            for trigger in (engines_timer.tick, demo.load):
                trigger(self.refresh_engines, engines_seen, [engines_table, engines_seen],
                        show_progress="hidden", concurrency_limit=None)
            archive_tab.select(self.archive_table, self._search, archive_table,
                               show_progress="hidden")
            demo.load(self.archive_table, self._search, archive_table, show_progress="hidden")
            demo.load(self.default_engine, None, self._engine_choice, show_progress="hidden")
            layers_tab.select(self.scene_choices, None, scene_choice, show_progress="hidden")
            for trigger in (settings_tab.select, demo.load):
                trigger(self.settings, None, settings, show_progress="hidden")
        return demo

    # ---- Perform ----
    def _perform_tab(self) -> list[Any]:
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                self._prompt_form()
            with gr.Column(scale=2, elem_classes=["side"]):
                gr.HTML("<h3>Queue</h3>")
                queue = gr.HTML(queue_html([]), elem_id="queue", js_on_load=QUEUE_JS)
                with gr.Row():
                    cancel_all = gr.Button("Cancel all", variant="stop", size="sm",
                                           elem_id="cancel-all")
                    stop = gr.Button("Stop preview", size="sm", elem_id="preview-stop",
                                     interactive=self.info.can_preview)
                queue_msg = gr.HTML(elem_id="queue-message")
                preview = gr.HTML(self._preview_note(""), elem_id="preview-state")
                gr.HTML("<h3>Activity</h3>")
                activity = gr.HTML(log_html([]), elem_id="activity")
        queue.click(self.cancel_clicked, None, queue_msg, show_progress="hidden")
        cancel_all.click(lambda: self.actions.cancel("*"), None, queue_msg, show_progress="hidden")
        stop.click(self.actions.preview_stop, None, queue_msg, show_progress="hidden")
        cards = self._cards()
        return [queue, activity, preview, *cards]

    def _prompt_form(self) -> None:
        prompt = gr.Textbox(label="Prompt", lines=2, elem_id="prompt", autofocus=True,
                            placeholder="what should the next fragment be?")
        with gr.Row():
            engine = gr.Dropdown(self.info.engines, value=self.info.default_engine,
                                 label="Engine", elem_id="engine", filterable=False)
            seconds = gr.Textbox(label="Seconds", placeholder="engine's own length",
                                 elem_id="seconds")
            seed = gr.Textbox(label="Seed", placeholder="random", elem_id="seed")
            slot = gr.Dropdown(self.slot_choices, value=0, label="Target slot", elem_id="slot",
                               filterable=False)
        extra = gr.Textbox(label="More parameters", elem_id="params",
                           placeholder="key=value … (e.g. signal=sweep freq=220)")
        generate = gr.Button("Generate", variant="primary", size="lg", elem_id="generate")
        perform_msg = gr.HTML(elem_id="perform-message")
        inputs = [prompt, engine, seconds, seed, slot, extra]
        self._engine_choice = engine
        for trigger in (generate.click, prompt.submit):
            trigger(self.actions.generate, inputs, perform_msg, concurrency_limit=None,
                    show_progress="hidden")

    def default_engine(self) -> Any:
        """A page opened later starts with the engine made default since the daemon started."""
        name = self.state.snapshot().default_engine
        return name if name in self.info.engines else gr.skip()

    def _cards(self) -> list[Any]:
        parts: list[Any] = []
        for first in range(0, len(self.cards), CARDS_PER_ROW):
            with gr.Row(equal_height=True):
                for slot in self.cards[first:first + CARDS_PER_ROW]:
                    parts += self._card(slot)
        if self.info.slot_count > MAX_CARDS:
            gr.HTML(message("info", f"slots {MAX_CARDS + 1}..{self.info.slot_count} have no "
                                    "card here; the Archive tab republishes into any slot"))
        return parts

    def _card(self, slot: int) -> list[Any]:
        with gr.Column(elem_id=f"slot-card-{slot}", elem_classes=["slot-card"], min_width=240):
            title = gr.HTML(card_title(slot, None), elem_id=f"slot-title-{slot}")
            audio = gr.Audio(type="filepath", interactive=False, show_label=False,
                             label=f"slot {slot}", elem_id=f"slot-audio-{slot}",
                             buttons=["download"], visible=False)
            picture = gr.Image(type="filepath", interactive=False, show_label=False,
                               label=f"spectrogram of slot {slot}", height=110, buttons=[],
                               elem_id=f"slot-spectrogram-{slot}", elem_classes=["spectrogram"],
                               visible=False)
            info = gr.HTML(card_info(None), elem_id=f"slot-info-{slot}",
                           elem_classes=["card-grow"])
            with gr.Row():
                again = gr.Button("Regenerate", size="sm", elem_id=f"slot-regenerate-{slot}",
                                  interactive=False, min_width=90)
                speakers = gr.Button("▶ Speakers", size="sm", min_width=90,
                                     elem_id=f"slot-preview-{slot}", interactive=False)
                following = gr.Button("Next take", size="sm", min_width=80,
                                      elem_id=f"slot-variation-{slot}")
            note = gr.HTML(elem_id=f"slot-message-{slot}")
        following.click(lambda: self.actions.variation_next(slot), None, note,
                        concurrency_limit=None, show_progress="hidden")
        again.click(lambda: self.actions.regenerate(slot), None, note, concurrency_limit=None,
                    show_progress="hidden")
        speakers.click(lambda: self.actions.preview(slot), None, note, concurrency_limit=None,
                       show_progress="hidden")
        return [title, audio, picture, info, again, speakers, note]

    def cancel_clicked(self, evt: gr.EventData) -> str:
        job = (getattr(evt, "_data", None) or {}).get("job")
        return self.actions.cancel(str(job)) if job else message("error", "no job to cancel")

    def _preview_note(self, text: str) -> str:
        if not self.info.can_preview:
            return message("info", "preview on speakers: not available in this fragmentd")
        return message("info", text) if text else ""

    def refresh(self, seen: dict | None) -> list[Any]:
        """Every part of the Perform tab and the status bar that changed since ``seen``."""
        seen, out = dict(seen or {}), []
        try:
            snap = self.state.snapshot()
        except Exception:  # noqa: BLE001 - never an error box on a timer
            log.exception("panel: refresh failed")
            return [gr.skip()] * (4 + CARD_PARTS * len(self.cards)) + [seen]
        running = next((j.job_id for j in snap.jobs if j.state == "running"), "")

        def put(key: str, html: str) -> None:
            out.append(gr.skip() if seen.get(key, _UNSEEN) == html else html)
            seen[key] = html

        put("status", status_line(snap, self.info.version, self.info.osc, running))
        put("queue", queue_html(snap.jobs))
        put("log", log_html(snap.log))
        put("preview", self._preview_note(snap.preview))
        for slot in self.cards:
            view = snap.slots.get(slot)
            key = (view.take, view.path, view.at, view.spectrogram) if view else None
            if seen.get(f"slot-{slot}", _UNSEEN) == key:
                out += [gr.skip()] * CARD_PARTS
                continue
            seen[f"slot-{slot}"] = key
            out += self._card_parts(slot, view)
        return out + [seen]

    def _card_parts(self, slot: int, view: Any) -> list[Any]:
        audio = view.path if view and Path(view.path).is_file() else None
        picture = view.spectrogram if view and view.spectrogram else None
        return [card_title(slot, view), gr.update(value=audio, visible=audio is not None),
                gr.update(value=picture, visible=picture is not None), card_info(view),
                gr.update(interactive=view is not None),
                gr.update(interactive=view is not None and self.info.can_preview),
                ""]  # a new take: the card's last message is about the old one

    # ---- Archive ----
    def _archive_tab(self) -> Any:
        with gr.Row():
            self._search = gr.Textbox(label="Search", scale=4, elem_id="archive-search",
                                      placeholder="words of the prompt, an engine, a date "
                                                  "(2025-06-01) or a time (21:30)")
            search = gr.Button("Search", scale=1, elem_id="archive-search-button")
        with gr.Row(equal_height=True):
            take = gr.Textbox(label="Take", placeholder="take number", elem_id="archive-take")
            target = gr.Dropdown(self.slot_choices, value=1 if self.info.slot_count else 0,
                                 label="Republish to", elem_id="archive-slot", filterable=False)
            play = gr.Button("Play", elem_id="archive-play")
            republish = gr.Button("Republish", variant="primary", elem_id="archive-republish")
            export = gr.Button("Export", elem_id="archive-export")
        note = gr.HTML(elem_id="archive-message")
        with gr.Row(equal_height=False):
            player = gr.Audio(type="filepath", interactive=False, autoplay=True,
                              label="archived take (raw, as the engine made it)",
                              elem_id="archive-audio", buttons=["download"])
            picture = gr.Image(type="filepath", interactive=False, label="spectrogram",
                               height=140, buttons=[], elem_id="archive-spectrogram")
            file = gr.File(label="export", interactive=False, elem_id="archive-file")
        table = gr.HTML(elem_id="archive-table", js_on_load=ARCHIVE_JS)
        for trigger in (search.click, self._search.submit):
            trigger(self.archive_table, self._search, table)
        play.click(self.play_take, take, [player, picture, note])
        republish.click(self.actions.republish, [take, target], note, show_progress="hidden")
        export.click(self.export_take, take, [file, note])
        table.click(self.archive_clicked, target, [take, player, picture, file, note])
        return table

    def archive_table(self, query: str) -> str:
        try:
            records = self.actions.archive(query)
        except Exception as exc:  # noqa: BLE001 - a locked or damaged index: say so
            log.exception("panel: archive search failed")
            return message("error", f"cannot read the archive index: {exc}")
        return archive_html(records, len(records), (query or "").strip())

    def play_take(self, take: Any) -> tuple[Any, Any, str]:
        path, note = self.actions.raw_take(take)
        if path is None:
            return gr.skip(), gr.skip(), note
        return path, self.actions.picture(take), note

    def export_take(self, take: Any) -> tuple[Any, str]:
        path, note = self.actions.export(take)
        return (path if path else gr.skip()), note

    def archive_clicked(self, target: Any, evt: gr.EventData) -> list[Any]:
        data = getattr(evt, "_data", None) or {}
        action, take = data.get("action"), str(data.get("take", ""))
        skip = gr.skip()
        if action == "play":
            return [take, *self._play_parts(take)]
        if action == "republish":
            return [take, skip, skip, skip, self.actions.republish(take, target)]
        if action == "export":
            path, note = self.actions.export(take)
            return [take, skip, skip, path if path else skip, note]
        return [skip] * 5

    def _play_parts(self, take: str) -> list[Any]:
        player, picture, note = self.play_take(take)
        return [player, picture, gr.skip(), note]

    # ---- Layers ----
    def _layers_tab(self) -> Any:
        gr.HTML('<div class="muted">A scene is layers mixed into one fragment (docs/mixes.md). '
                'Layers are cached by what made them: a new gain, pan or start re-mixes at '
                'once, a new prompt or seed generates that layer again. Scenes mixed here are '
                'kept in the archive\'s scenes folder.</div>')
        with gr.Row(equal_height=True):
            choice = gr.Dropdown([], label="Scene from config.toml", elem_id="scene-name",
                                 filterable=False, scale=3)
            load = gr.Button("Edit it below", size="sm", elem_id="scene-load", scale=1)
        text = gr.Textbox(value=SCENE_STARTER, label="Scene (TOML)", lines=18, max_lines=60,
                          elem_id="scene-toml")
        with gr.Row(equal_height=True):
            target = gr.Dropdown([("archive only", -1)] + self.slot_choices, value=-1,
                                 label="Mix into", elem_id="scene-slot", filterable=False)
            mix = gr.Button("Mix", variant="primary", elem_id="scene-mix")
        note = gr.HTML(elem_id="scene-message")
        load.click(self.scene_text, [choice, text], [text, note], show_progress="hidden")
        mix.click(self.actions.mix, [text, target], note, concurrency_limit=None,
                  show_progress="hidden")
        return choice

    def scene_choices(self) -> Any:
        names = self.actions.scene_names()
        return gr.update(choices=names, value=names[0] if names else None)

    def scene_text(self, name: str | None, current: str) -> tuple[str, str]:
        if not name:
            return current, message("error", "config.toml has no [scenes.<name>] to load")
        text = self.actions.scene_text(name)
        if text is None:
            return current, message("error", f"scene {name!r} is no longer in config.toml")
        return text, message("ok", f"scene {name!r} loaded: edit it, then Mix")

    # ---- Engines ----
    def _engines_tab(self) -> tuple[Any, Any]:
        table = gr.HTML(engines_html([]), elem_id="engines-table")
        seen = gr.State("")
        with gr.Row(equal_height=True):
            name = gr.Dropdown(self.info.engines, value=self.info.default_engine, label="Engine",
                               elem_id="engine-name", filterable=False)
            buttons = [(gr.Button(label, variant=variant, elem_id=f"engine-{action}"), action)
                       for action, label, variant in (("load", "Load", "primary"),
                                                      ("unload", "Unload", "secondary"),
                                                      ("select", "Make default", "secondary"))]
        note = gr.HTML(elem_id="engine-message")
        for button, action in buttons:
            button.click(lambda n, a=action: self.actions.engine(a, n), name, note,
                         show_progress="hidden")
        return table, seen

    def refresh_engines(self, seen: str) -> tuple[Any, str]:
        try:
            html = engines_html(self.actions.engine_rows())
        except Exception:  # noqa: BLE001
            log.exception("panel: engines refresh failed")
            return gr.skip(), seen
        return (gr.skip() if html == seen else html), html

    # ---- Settings ----
    def _settings_tab(self) -> list[Any]:
        where = gr.HTML(elem_id="settings-path")
        errors = gr.HTML(elem_id="settings-errors")
        again = gr.Button("Read the file again", size="sm", elem_id="settings-refresh")
        text = gr.HTML(elem_id="settings-config")
        parts = [where, errors, text]
        again.click(self.settings, None, parts)
        return parts

    def settings(self) -> list[str]:
        facts = self.actions.settings()
        if facts is None:
            return [message("error", "the daemon did not answer"), "", ""]
        return settings_html(facts, self.info.osc)
