"""What the panel's buttons do: thin shells that call the daemon on its event loop thread.

Gradio runs handlers on its own worker threads. Every call into the daemon goes through
:class:`LoopBridge` (``asyncio.run_coroutine_threadsafe``), so the daemon is only ever touched
from its loop thread, exactly as an OSC datagram touches it. Refusals come back as the daemon's
own :class:`RequestError` message; nothing a performer types can raise out of a handler.
The archive is read through the panel's own :class:`TakeIndex` connection.
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import itertools
import logging
import re
import shutil
import threading
from pathlib import Path
from typing import Any, Callable

from daemon import config as configmod
from daemon.errors import RequestError
from daemon.panel_render import message, parse_number, parse_params, refusal
from daemon.panel_media import Media
from daemon.panel_state import JobInfo, PanelState
from daemon.service import GenerateCommand

log = logging.getLogger("daemon.panel")

ARCHIVE_ROWS = 200  # rows shown at once; a search narrows them down
ARCHIVE_SCAN = 20_000  # newest takes searched by date or word


class LoopBridge:
    """Run ``fn(*args)`` on the daemon's loop thread; wait for its result (await it if it is
    a coroutine). Raises what ``fn`` raised, or TimeoutError."""

    def __init__(self, loop: asyncio.AbstractEventLoop, timeout_s: float = 10.0) -> None:
        self.loop, self.timeout_s = loop, timeout_s

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        async def run() -> Any:
            result = fn(*args)
            return await result if inspect.isawaitable(result) else result

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(self.timeout_s)


class PanelActions:
    """The panel's requests to the daemon, each answered with a message for the page."""

    def __init__(self, daemon: Any, bridge: LoopBridge, state: PanelState, index: Any,
                 media: Media, exports: Path) -> None:
        self.daemon, self.bridge, self.state = daemon, bridge, state
        self.index, self.media, self.exports = index, media, exports
        self.scenes = Path(media.archive_folder) / "scenes"  # scenes edited in the panel
        self._ids = itertools.count(1)
        self._ids_lock = threading.Lock()

    def _new_id(self) -> str:
        with self._ids_lock:
            return f"panel-{next(self._ids)}"

    def _ask(self, what: str, fn: Callable[..., Any], *args: Any) -> tuple[bool, Any]:
        """``(True, result)``, or ``(False, message html)`` naming why the daemon refused."""
        try:
            return True, self.bridge.call(fn, *args)
        except RequestError as exc:
            self.state.note("error", f"{what}: {exc.message} [{exc.code}]")
            return False, refusal(exc.code, exc.message)
        except TimeoutError:
            return False, message("error", f"{what}: the daemon did not answer within "
                                           f"{self.bridge.timeout_s:g} s")
        except RuntimeError as exc:  # the loop is closed: the daemon is stopping
            return False, message("error", f"{what}: the daemon is not running ({exc})")
        except Exception as exc:  # noqa: BLE001 - a bug here must not take the page down
            log.exception("panel: %s failed", what)
            return False, message("error", f"{what}: internal error {type(exc).__name__}: {exc}")

    # ---- Perform ----
    def generate(self, prompt: str, engine: str | None, seconds: Any, seed: Any, slot: Any,
                 extra: str) -> str:
        try:
            params = parse_params(extra)
        except ValueError as exc:
            return message("error", f"more parameters: {exc}")
        if engine:
            params["engine"] = engine
        for key, value in (("seconds", parse_number(seconds)), ("seed", parse_number(seed))):
            if value is not None:
                params[key] = value
        slot = int(slot or 0)
        command = GenerateCommand(self._new_id(), slot, prompt or "", params)
        ok, answer = self._ask("generate", self._submit, command)
        if not ok:
            return answer
        where = f"slot {slot}" if slot else "the next slot"
        return message("ok", f"{command.job_id} queued for {where}: {_place(answer)}")

    def _submit(self, command: GenerateCommand) -> int:  # on the loop thread
        engine = command.params.get("engine") or self.daemon.default_engine
        self.state.expect(JobInfo(command.job_id, command.prompt.strip(), str(engine),
                                  command.slot))
        try:
            return self.daemon.submit_generate(command, None)
        except BaseException:
            self.state.forget(command.job_id)
            raise

    def regenerate(self, slot: int) -> str:
        """The card's prompt again, same engine and parameters, a new seed, into the same slot."""
        view = self.state.slot(slot)
        if view is None:
            return message("error", f"slot {slot} holds no take yet: nothing to regenerate")
        record = self.index.get(view.take)
        params = dict(record.params) if record is not None else {}
        params = {k: v for k, v in params.items() if v is not None and k != "seed"}
        params["engine"] = view.engine
        command = GenerateCommand(self._new_id(), slot, view.prompt, params)
        ok, answer = self._ask(f"regenerate slot {slot}", self._submit, command)
        if not ok:
            return answer
        return message("ok", f"{command.job_id}: slot {slot} again with a new seed, "
                             f"{_place(answer)}")

    def variation_next(self, slot: int) -> str:
        ok, answer = self._ask(f"next variation of slot {slot}", self.daemon.variation_next,
                               slot, None)
        return message("ok", f"slot {slot}: the next variation is swapping in") if ok else answer

    # ---- Layers ----
    def scene_names(self) -> list[str]:
        ok, names = self._ask("scenes", lambda: list(self.daemon.config.scenes))
        return names if ok else []

    def scene_text(self, name: str) -> str | None:
        """A [scenes.<name>] of config.toml as scene TOML, to edit here; None when gone."""
        from fragments.mix import scene_toml

        ok, scene = self._ask("scene", lambda: self.daemon.config.scenes.get(name))
        return scene_toml(scene) if ok and scene is not None else None

    def mix(self, text: str, slot: Any) -> str:
        """Mix the scene in ``text`` (scene TOML). It is kept as archive/scenes/<name>.toml, so
        an edit made here is never lost, and queued like /frag/mix with that file."""
        import tomllib

        from fragments.mix import parse_scene

        try:
            data = tomllib.loads(text or "")
        except tomllib.TOMLDecodeError as exc:
            return message("error", f"the scene is not valid TOML: {exc}")
        name = str(data.get("name") or "panel-scene")
        try:
            scene = parse_scene(data, name)
        except ValueError as exc:
            return message("error", f"scene {name!r}: {exc}")
        slug = re.sub(r"[^A-Za-z0-9_-]+", "-", scene.name).strip("-")[:60] or "scene"
        path = self.scenes / f"{slug}.toml"
        try:
            self.scenes.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            return message("error", f"the scene cannot be saved as {path}: {exc}")
        slot = int(slot if slot is not None else -1)
        job_id = self._new_id()
        ok, answer = self._ask("mix", self._submit_mix, job_id, slot, str(path), scene.name)
        if not ok:
            return answer
        where = {-1: "the archive only", 0: "the next slot"}.get(slot, f"slot {slot}")
        return message("ok", f"{job_id}: mix of {scene.name!r} ({len(scene.layers)} layers) "
                             f"queued for {where}: {_place(answer)}")

    def _submit_mix(self, job_id: str, slot: int, path: str, name: str) -> int:  # loop thread
        self.state.expect(JobInfo(job_id, f"mix: {name}", "mix", max(slot, 0)))
        try:
            return self.daemon.submit_mix(job_id, slot, path, None)
        except BaseException:
            self.state.forget(job_id)
            raise

    def cancel(self, job_id: str) -> str:
        ok, answer = self._ask(f"cancel {job_id}", self.daemon.cancel, job_id, None)
        if not ok:
            return answer
        return message("ok", f"cancelling {', '.join(answer)}")

    @property
    def can_preview(self) -> bool:
        return callable(getattr(self.daemon, "preview", None))

    def preview(self, slot: int) -> str:
        if not self.can_preview:
            return message("error", "preview on speakers is not available in this fragmentd")
        ok, answer = self._ask(f"preview slot {slot}", self.daemon.preview, slot, None, None)
        return message("ok", f"previewing slot {slot} on the speakers") if ok else answer

    def preview_stop(self) -> str:
        if not callable(getattr(self.daemon, "preview_stop", None)):
            return message("error", "preview on speakers is not available in this fragmentd")
        ok, answer = self._ask("stop preview", self.daemon.preview_stop, None)
        return message("ok", "preview stopped") if ok else answer

    # ---- Archive ----
    def archive(self, query: str) -> list[Any]:
        from daemon.panel_render import matches

        query = (query or "").strip()
        if not query:
            return self.index.list_takes(ARCHIVE_ROWS)
        found = (r for r in self.index.list_takes(ARCHIVE_SCAN) if matches(r, query))
        return list(itertools.islice(found, ARCHIVE_ROWS))

    def raw_take(self, take: Any) -> tuple[str | None, str]:
        """The archived file of ``take`` and a message (an error when there is none)."""
        number = _take_number(take)
        if number is None:
            return None, message("error", f"{take!r} is not a take number")
        record = self.index.get(number)
        if record is None or not Path(record.raw_path).is_file():
            return None, message("error", f"the archive holds no take {number}")
        return record.raw_path, message("ok", f"take {number}: {record.prompt}")

    def picture(self, take: Any) -> str | None:
        """The spectrogram of an archived take (made now if it has none yet)."""
        number = _take_number(take)
        return self.media.spectrogram(number) if number is not None else None

    def republish(self, take: Any, slot: Any) -> str:
        number = _take_number(take)
        if number is None:
            return message("error", f"{take!r} is not a take number")
        slot, job_id = int(slot or 0), self._new_id()
        label = f"take {number} → {'slot ' + str(slot) if slot else 'next slot'}"
        ok, answer = self._ask(f"republish take {number}", self._republish, job_id, number, slot,
                               label)
        return message("ok", f"{job_id}: publishing {label}") if ok else answer

    def _republish(self, job_id: str, take: int, slot: int, label: str) -> None:  # loop thread
        self.state.expect(JobInfo(job_id, label, "archive", slot), kind="republish")
        try:
            self.daemon.republish(job_id, take, slot, None)
        except BaseException:
            self.state.forget(job_id)
            raise

    def export(self, take: Any) -> tuple[str | None, str]:
        """A copy of the raw take with a name that says what it is, for the browser to save."""
        path, answer = self.raw_take(take)
        if path is None:
            return None, answer
        record = self.index.get(_take_number(take))
        slug = re.sub(r"[^A-Za-z0-9]+", "-", record.prompt).strip("-")[:40] or "take"
        target = self.exports / f"take{record.take:03d}-{record.engine}-{slug}.wav"
        self.exports.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        return str(target), message("ok", f"take {record.take} ready to download: {target.name}")

    # ---- Engines ----
    def engine(self, action: str, name: str) -> str:
        if not name:
            return message("error", "choose an engine first")
        ok, answer = self._ask(f"{action} {name}", self.daemon.engine_command, action, name, None)
        if not ok:
            return answer
        done = {"load": "loading", "unload": "unloading", "select": "default engine is now"}[action]
        return message("ok", f"{done} {name} (state: {answer})")

    def engine_rows(self) -> list[dict[str, Any]]:
        ok, facts = self._ask("engines", self._engine_facts)
        if not ok:
            return []
        return [self.media.engine_row(fact) for fact in facts]

    def _engine_facts(self) -> list[dict[str, Any]]:  # on the loop thread
        daemon = self.daemon
        entries = getattr(getattr(daemon, "keeper", None), "entries", {})
        facts = []
        for name, state in daemon.engine_states().items():
            eng, supervisor = daemon.config.engines[name], daemon.supervisors.get(name)
            entry = entries.get(name)
            facts.append({"name": name, "state": state, "device": eng.device,
                          "pid": supervisor.pid if supervisor else None,
                          "memory_gb": entry.memory_gb if entry else eng.memory_gb,
                          "default": name == daemon.default_engine})
        return facts

    # ---- Settings ----
    def settings(self) -> dict[str, Any] | None:
        """The config file's path, its validation errors now, the config in force (its
        password masked) and the folders it names; None when the daemon does not answer."""
        from daemon.configdoc import render_toml

        ok, config = self._ask("settings", lambda: self.daemon.config)
        if not ok:
            return None
        path = config.path
        shown = dataclasses.replace(config, panel={**config.panel, "password": (
            "********" if config.panel.get("password") else "")})
        return {"path": str(path) if path else "(none: built-in defaults)",
                "errors": configmod.read(path).errors if path else [],
                "toml": render_toml(shown),
                "folders": {"slots": str(config.folder("folder")),
                            "archive": str(config.folder("archive"))}}


def _place(position: int) -> str:
    return {0: "starts now", 1: "next up"}.get(position, f"number {position} in the queue")


def _take_number(take: Any) -> int | None:
    value = parse_number(take)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None
