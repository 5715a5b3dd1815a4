"""The web panel: a Gradio page served by the daemon itself (``fragmentd serve --panel``).

Same process, same scheduler as OSC: a prompt from the panel is a :class:`GenerateCommand`
submitted exactly like ``/frag/generate``, and every take, whoever asked for it, reaches the
panel as the same events OSC clients hear.

Threads. The daemon builds :class:`Panel` on its event loop thread (cheap: subscribe to the
event bus, read what the slots hold), then calls :meth:`Panel.start` in an executor thread:
that imports Gradio, builds the page and serves it with uvicorn on a thread of its own, and
returns the URL once the socket accepts connections. Gradio runs handlers on its worker
threads; they reach the daemon only through ``asyncio.run_coroutine_threadsafe``
(:class:`daemon.panel_actions.LoopBridge`) and read the panel's own
:class:`daemon.panel_state.PanelState`, which bus callbacks update on the loop thread.
Spectrograms are drawn on one more worker thread. Nothing here blocks the event loop.

Security: bound to 127.0.0.1 by default. ``panel.password`` turns on Gradio's login (user
``fragmentd``); a host other than loopback without a password is refused (config validation
says so first). Gradio's analytics are off and the page loads nothing from the internet.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import socket
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from daemon.panel_state import JobInfo, PanelState, SlotView

log = logging.getLogger("daemon.panel")

USER = "fragmentd"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
SYNC_S = 0.5  # how often the queue order and running job are read from the scheduler
START_TIMEOUT_S = 60.0
GRACEFUL_S = 5.0  # open requests get this long to end once the daemon stops
SPECTROGRAM_WAIT_S = 2.0  # give the publisher's own picture this long before drawing one


class Panel:
    """The panel's lifecycle: built on the loop thread, started and closed from executors."""

    def __init__(self, daemon: Any, loop: asyncio.AbstractEventLoop) -> None:
        settings = daemon.config.panel
        self.daemon, self.loop = daemon, loop
        self.host, self.port, self.password = settings["host"], settings["port"], settings["password"]
        self.slots_folder = daemon.config.folder("folder")
        self.archive_folder = daemon.config.folder("archive")
        self.index_path = Path(daemon.publisher.index.path)
        self.page_facts = _page_facts(daemon)
        self.state = PanelState()
        self.state.set_engines(daemon.engine_states())
        for slot in range(1, daemon.slot_count + 1):
            held = daemon.slot_holds(slot)
            if held is not None:
                self.state.set_slot(SlotView(held.slot, held.take, held.path, held.seed,
                                             held.seconds, held.engine, held.prompt))
        self.url: str | None = None
        self._closed = False
        self._media: Any = None
        self._index: Any = None
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._http_loop: asyncio.AbstractEventLoop | None = None
        self._app: Any = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._folder: Path | None = None
        self._drawing = ThreadPoolExecutor(1, thread_name_prefix="panel-spectrogram")
        self._sync()  # also schedules the next one
        self._unsubscribe = daemon.bus.subscribe(self._on_event)

    # ---- on the loop thread ----
    def _on_event(self, event: Any) -> None:
        self.state.apply(event)
        if type(event).__name__ == "JobReady":
            self._draw(event.slot, event.take)

    def _sync(self) -> None:
        if self._closed:
            return
        try:
            status, scheduler = self.daemon.status(), self.daemon.scheduler
            running = scheduler.running
            self.state.sync(status.state, status.engine, _info(running) if running else None,
                            [_info(job) for job in scheduler.queued_jobs()])
        except Exception:  # noqa: BLE001 - the page may lag; the show goes on
            log.exception("panel: reading the scheduler failed")
        self._timer = self.loop.call_later(SYNC_S, self._sync)

    def _detach(self) -> None:
        self._closed = True
        self._timer.cancel()
        try:
            self._unsubscribe()
        except ValueError:  # already unsubscribed
            pass

    def _draw(self, slot: int, take: int) -> None:
        """The card's picture: the publisher's, or drawn here from the archived take (which,
        unlike the slot file, cannot be replaced by the next take meanwhile)."""
        if self._media is None or self._closed:
            return
        media, state = self._media, self.state

        def draw() -> None:
            png = media.spectrogram(take, None, SPECTROGRAM_WAIT_S)
            if png is not None:
                state.set_spectrogram(slot, take, png)

        try:
            self._drawing.submit(draw)
        except RuntimeError:  # shut down: the panel is closing
            pass

    # ---- in an executor thread ----
    def start(self) -> str:
        """Serve the page; return its URL once the socket accepts connections."""
        try:
            return self._start()
        except BaseException:
            self._release()
            raise

    def _start(self) -> str:
        if self.host not in LOOPBACK and not self.password:
            raise RuntimeError(f"panel.host is {self.host!r} (not loopback): set panel.password")
        sock = _bind(self.host, self.port)  # first: a taken port fails before Gradio loads
        self._folder = Path(tempfile.mkdtemp(prefix="fragmentd-panel-"))
        os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported: no network
        os.environ["GRADIO_TEMP_DIR"] = str(self._folder / "cache")  # removed at close
        self._thread = threading.Thread(target=self._serve_forever, args=(sock,),
                                        name="panel-http", daemon=True)
        self._thread.start()
        if not self._ready.wait(START_TIMEOUT_S):
            raise RuntimeError(f"the web server did not start within {START_TIMEOUT_S:g} s")
        if self._failure is not None:
            raise self._failure
        if self._server is None or not self._server.started:
            raise RuntimeError("the web server did not start (see the log above)")
        port = sock.getsockname()[1]
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.url = f"http://{host}:{port}/"
        for slot, view in self.state.snapshot().slots.items():
            self.loop.call_soon_threadsafe(self._draw, slot, view.take)
        return self.url

    # ---- on the panel-http thread: Gradio and uvicorn live on its own event loop ----
    def _serve_forever(self, sock: socket.socket) -> None:
        try:
            asyncio.run(self._serve(sock))
        except BaseException as exc:  # noqa: BLE001 - reported by start()
            self._failure = self._failure or exc
        finally:
            sock.close()
            self._ready.set()

    async def _serve(self, sock: socket.socket) -> None:
        import uvicorn

        self._http_loop = asyncio.get_running_loop()
        self._app = self._build_app()
        config = uvicorn.Config(self._app, log_config=None, log_level="warning",
                                access_log=False, lifespan="on", ws="none",
                                timeout_graceful_shutdown=GRACEFUL_S)
        self._server = uvicorn.Server(config)
        announce = asyncio.create_task(self._announce())
        try:
            await self._server.serve(sockets=[sock])
        finally:
            announce.cancel()

    async def _announce(self) -> None:
        while not self._server.started:
            await asyncio.sleep(0.02)
        self._ready.set()

    def _stop_serving(self) -> None:
        """End Gradio's open streams (heartbeats, queue), then uvicorn: open pages disconnect
        at once instead of holding the shutdown for the graceful timeout."""
        blocks = getattr(self, "_blocks", None)
        if blocks is not None:
            blocks.is_running = False
            queue = getattr(blocks, "_queue", None)
            if queue is not None:
                queue.close()
        for route in getattr(self._app, "routes", ()):
            stop = getattr(getattr(route, "app", None), "stop_event", None)
            if stop is not None:
                stop.set()
        uvicorn_log = logging.getLogger("uvicorn.error")
        if not any(isinstance(f, _ClosingWithPagesOpen) for f in uvicorn_log.filters):
            uvicorn_log.addFilter(_ClosingWithPagesOpen())
        self._server.should_exit = True

    def _build_app(self) -> Any:
        import fastapi
        import gradio as gr

        from daemon.panel_actions import LoopBridge, PanelActions
        from daemon.panel_media import Media
        from daemon.panel_style import CSS, theme
        from daemon.panel_ui import DARK_JS, PageInfo, PanelPage
        from fragments.index import TakeIndex

        self._index = TakeIndex(self.index_path)  # the panel's own connection
        self._media = Media(self.archive_folder, self._index)
        actions = PanelActions(self.daemon, LoopBridge(self.loop), self.state, self._index,
                               self._media, self._folder / "exports")
        info = PageInfo(can_preview=actions.can_preview, **self.page_facts)
        blocks = self._blocks = PanelPage(actions, self.state, info).build()
        app = fastapi.FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
        return gr.mount_gradio_app(
            app, blocks, path="/", auth=(USER, self.password) if self.password else None,
            auth_message="fragmentd panel: user fragmentd, the password from config.toml",
            allowed_paths=[str(self.slots_folder), str(self.archive_folder), str(self._folder)],
            footer_links=[], run_history=False, ssr_mode=False, mcp_server=False,
            show_error=True, theme=theme(), css=CSS, js=DARK_JS)

    def close(self) -> None:
        """Stop serving (open pages lose their connection) and remove the panel's files."""
        if self._server is not None and self._http_loop is not None:
            try:
                self._http_loop.call_soon_threadsafe(self._stop_serving)
            except RuntimeError:  # its loop has ended already
                pass
        if self._thread is not None:
            self._thread.join(10.0)
            if self._thread.is_alive():
                log.warning("panel: the web server did not stop within 10 s")
        self._release()

    def _release(self) -> None:
        try:
            self.loop.call_soon_threadsafe(self._detach)
        except RuntimeError:  # the loop is already closed
            self._closed = True
        self._drawing.shutdown(wait=True, cancel_futures=True)
        if self._index is not None:
            self._index.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)


def _info(job: Any) -> JobInfo:
    return JobInfo(job.job_id, job.prompt, job.engine, job.slot)


def _page_facts(daemon: Any) -> dict[str, Any]:
    """What the page shows that is fixed at start (daemon.panel_ui.PageInfo), read on the loop
    thread."""
    host, port = daemon.address or ("?", 0)
    return dict(version=daemon.version, osc=f"udp {host}:{port}", slot_count=daemon.slot_count,
                engines=[n for n, e in daemon.config.engines.items() if e.enabled],
                default_engine=daemon.default_engine)


def _bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket; port 0 picks a free one (the URL names the real port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    address = "127.0.0.1" if host == "localhost" else host
    try:
        return socket.create_server((address, port), family=family, backlog=128)
    except OSError as exc:
        raise RuntimeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


class _ClosingWithPagesOpen(logging.Filter):
    """Stopping with pages open is the normal case, not an error: uvicorn cuts the requests
    still running after GRACEFUL_S (an open page's stream, a slow machine) and logs that, and
    each cut request's CancelledError, at ERROR. Say it once at INFO instead; any other error
    passes through as it is."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = str(record.msg)
        if text.startswith("Cancel %s running task(s)"):
            log.info("panel: %s request(s) still open after %.0f s were cut short at shutdown",
                     record.args[0] if record.args else "some", GRACEFUL_S)
            return False
        if text.startswith("Exception in ASGI application") and record.exc_info:
            return not isinstance(record.exc_info[1], asyncio.CancelledError)
        return True
