"""The ``fragmentd`` command: serve, send, status, config, archive, docs."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import uuid
from pathlib import Path
from typing import Any

import click

from daemon import __version__
from daemon import config as configmod

CONFIG_HELP = ("config.toml to use (default: $FRAGMENTD_CONFIG, ./config.toml, "
               "~/.config/fragmentd/config.toml, else built-in defaults)")


def _load_or_exit(path: str | None) -> configmod.Config:
    file = configmod.find_config_file(path)
    try:
        return configmod.load(file)
    except configmod.ConfigError as exc:
        click.echo(f"fragmentd: invalid config: {exc}", err=True)
        sys.exit(2)


@click.group()
@click.version_option(__version__, prog_name="fragmentd")
def main() -> None:
    """fragmentd: text-to-audio engines kept warm, prompts over OSC, fragments in a slot ring."""


@main.command()
@click.option("--config", "config_path", help=CONFIG_HELP)
@click.option("--host", help="Override osc.host.")
@click.option("--port", type=int, help="Override osc.port (0: any free port).")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]))
@click.option("--panel/--no-panel", default=None,
              help="Serve the web panel (default: panel.enabled in config.toml).")
@click.option("--panel-port", type=int, help="Override panel.port (0: any free port).")
def serve(config_path: str | None, host: str | None, port: int | None,
          log_level: str | None, panel: bool | None, panel_port: int | None) -> None:
    """Run the daemon until SIGINT or SIGTERM."""
    config = _load_or_exit(config_path)
    if panel is not None:
        config.panel["enabled"] = panel
    if panel_port is not None:
        config.panel["port"] = panel_port
    if host is not None:
        config.osc["host"] = host
    if port is not None:
        config.osc["port"] = port
    level = (log_level or config.daemon["log_level"]).upper()
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    logging.getLogger("daemon").info("config: %s", config.path or "built-in defaults")
    from daemon.app import Daemon  # imported here: `fragmentd config` must stay light

    try:
        code = asyncio.run(Daemon(config).run())
    except OSError as exc:  # e.g. the port is taken: a daemon-level error, stop at start
        click.echo(f"fragmentd: cannot start: {exc}", err=True)
        code = 1
    sys.exit(code)


def _client_target(config_path: str | None, host: str | None, port: int | None) -> tuple[str, int]:
    config = configmod.read(configmod.find_config_file(config_path))
    target = host or config.osc["host"]
    if target in ("0.0.0.0", "::"):
        target = "127.0.0.1"
    return target, port or config.osc["port"]


def _target_options(fn: Any) -> Any:
    fn = click.option("--config", "config_path", help=CONFIG_HELP)(fn)
    fn = click.option("--host", help="Daemon host (default: osc.host).")(fn)
    return click.option("--port", type=int, help="Daemon port (default: osc.port).")(fn)


@main.group()
def send() -> None:
    """Send a request to a running daemon over OSC."""


def _parse_value(text: str) -> Any:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text.lower(), text)


@send.command("generate")
@click.argument("prompt")
@click.option("--slot", type=int, default=0, show_default=True, help="1..slots; 0 = next in the ring.")
@click.option("--engine", help="Engine (default: the daemon's default engine).")
@click.option("--seed", type=int, help="Seed; -1 or absent: random.")
@click.option("--seconds", type=float, help="Length in seconds (Piper: at most this long).")
@click.option("--loop", is_flag=True, default=None, help="Make the fragment loop seamlessly.")
@click.option("--bpm", type=float, help="Tempo; with --bars the fragment lasts exactly that long.")
@click.option("--bars", type=float, help="Length in bars at --bpm.")
@click.option("--variations", type=int, help="Takes from as many seeds; the best is published.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Engine parameter, repeatable (e.g. -p length_scale=1.2).")
@click.option("--id", "job_id", help="Request id (default: a new random id).")
@click.option("--wait/--no-wait", default=False, help="Wait for /frag/ready and print the path.")
@click.option("--timeout", type=float, default=300.0, show_default=True)
@_target_options
def send_generate(prompt: str, slot: int, engine: str | None, seed: int | None,
                  seconds: float | None, loop: bool | None, bpm: float | None,
                  bars: float | None, variations: int | None, params: tuple[str, ...],
                  job_id: str | None, wait: bool, timeout: float, config_path: str | None,
                  host: str | None, port: int | None) -> None:
    """Send PROMPT to /frag/generate; with --wait, print the published file's path."""
    from osc.client import OscClient

    pairs: list[Any] = []
    for key, value in (("engine", engine), ("seed", seed), ("seconds", seconds), ("loop", loop),
                       ("bpm", bpm), ("bars", bars), ("variations", variations)):
        if value is not None:
            pairs += [key, value]
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        pairs += [key, _parse_value(value)]
    job_id = job_id or uuid.uuid4().hex[:12]
    with OscClient(*_client_target(config_path, host, port)) as client:
        client.send("/frag/generate", job_id, slot, prompt, *pairs)
        sys.exit(_follow(client, job_id, wait, timeout))


def _follow(client: Any, job_id: str, wait: bool, timeout: float) -> int:
    """Print what the daemon says about ``job_id``; return the exit code."""
    final = {"/frag/ready", "/frag/error", "/frag/cancelled"}
    try:
        while True:
            address, args = client.wait_for(
                lambda a, v: bool(v) and v[0] == job_id and a in (final | {"/frag/queued",
                                                                        "/frag/progress"}),
                timeout)
            if address == "/frag/queued":
                click.echo(f"{job_id}: queued at position {args[1]}", err=True)
                if not wait:
                    return 0
            elif address == "/frag/progress":
                click.echo(f"{job_id}: {args[1] * 100:5.1f} %", err=True)
            elif address == "/frag/ready":
                _, slot, path, seed, seconds, take = args[:6]
                said = f"{job_id}: slot {slot}, take {take}, seed {seed}, {seconds:.2f} s"
                try:  # the gate's verdict follows the ready at once
                    _, quality = client.wait_for(
                        lambda a, v: a == "/frag/quality" and list(v[:1]) == [job_id], 0.5)
                    said += f", quality {quality[3]:.0f}" + (f" ({quality[4]})" if quality[4] else "")
                except TimeoutError:
                    pass
                click.echo(said, err=True)
                click.echo(path)
                return 0
            elif address == "/frag/error":
                click.echo(f"{job_id}: error {args[1]}: {args[2]}", err=True)
                return 1
            else:  # /frag/cancelled
                click.echo(f"{job_id}: cancelled ({args[1] if len(args) > 1 else ''})", err=True)
                return 1
    except TimeoutError as exc:
        click.echo(f"fragmentd: {exc} (is the daemon running?)", err=True)
        return 3


@send.command("republish")
@click.argument("take", type=int)
@click.option("--slot", type=int, default=0, show_default=True, help="1..slots; 0 = next in the ring.")
@click.option("--id", "job_id", help="Request id (default: a new random id).")
@click.option("--wait/--no-wait", default=True, help="Wait for /frag/ready and print the path.")
@click.option("--timeout", type=float, default=60.0, show_default=True)
@_target_options
def send_republish(take: int, slot: int, job_id: str | None, wait: bool, timeout: float,
                   config_path: str | None, host: str | None, port: int | None) -> None:
    """Publish archived TAKE (see `fragmentd archive list`) into a slot again."""
    from osc.client import OscClient

    job_id = job_id or uuid.uuid4().hex[:12]
    with OscClient(*_client_target(config_path, host, port)) as client:
        client.send("/frag/republish", job_id, take, slot)
        sys.exit(_follow(client, job_id, wait, timeout))


@send.command("variation-next")
@click.argument("slot", type=int)
@click.option("--timeout", type=float, default=10.0, show_default=True)
@_target_options
def send_variation_next(slot: int, timeout: float, config_path: str | None, host: str | None,
                        port: int | None) -> None:
    """Swap the next-ranked variation into SLOT at once; print the slot file's path."""
    from osc.client import OscClient

    with OscClient(*_client_target(config_path, host, port)) as client:
        client.send("/frag/variation/next", slot)
        try:
            address, args = client.wait_for(
                lambda a, v: (a == "/frag/ready" and list(v[:2]) == ["", slot])
                or (a == "/frag/error" and list(v[:1]) == [""]), timeout)
        except TimeoutError as exc:
            click.echo(f"fragmentd: {exc} (is the daemon running?)", err=True)
            sys.exit(3)
        if address == "/frag/error":
            click.echo(f"error {args[1]}: {args[2]}", err=True)
            sys.exit(1)
        click.echo(f"slot {slot}: take {args[5]}, seed {args[3]}, {args[4]:.2f} s", err=True)
        click.echo(args[2])


@main.command("mix")
@click.argument("scene")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Copy the mix to this WAV file (32-bit float).")
@click.option("--slot", type=int, default=-1, show_default=True,
              help="Also publish into this slot (0: next in the ring; -1: no slot).")
@click.option("--id", "job_id", help="Request id (default: a new random id).")
@click.option("--timeout", type=float, default=3600.0, show_default=True)
@_target_options
def mix_cmd(scene: str, output: Path | None, slot: int, job_id: str | None, timeout: float,
            config_path: str | None, host: str | None, port: int | None) -> None:
    """Mix SCENE (a scene TOML file, or a [scenes.<name>] of the daemon's config.toml) on the
    running daemon: layers are generated or taken from its cache; progress is shown; the mix,
    its stems and the scene are archived, and with -o copied to OUTPUT."""
    import shutil

    from osc.client import OscClient

    if Path(scene).suffix == ".toml":  # sent as text: the daemon reads no file from afar
        scene = _scene_text(Path(scene))
    job_id = job_id or uuid.uuid4().hex[:12]
    with OscClient(*_client_target(config_path, host, port)) as client:
        client.send("/frag/mix", job_id, slot, scene)
        finals = {"/frag/mix/done", "/frag/error", "/frag/cancelled"}
        bar = _ProgressBar(f"mix {job_id}")
        try:
            while True:
                address, args = client.wait_for(
                    lambda a, v: bool(v) and v[0] == job_id and a in finals | {
                        "/frag/progress", "/frag/queued"}, timeout)
                if address == "/frag/progress":
                    bar.show(args[1])
                elif address in finals:
                    if address == "/frag/mix/done":
                        bar.show(1.0)
                    break
            if address == "/frag/mix/done" and slot != -1:
                client.wait_for(lambda a, v: a in ("/frag/ready", "/frag/error")
                                and list(v[:1]) == [job_id], 60.0)
        except TimeoutError as exc:
            click.echo(f"fragmentd: {exc} (is the daemon running?)", err=True)
            sys.exit(3)
        finally:
            bar.close()
    if address == "/frag/error":
        click.echo(f"{job_id}: error {args[1]}: {args[2]}", err=True)
        sys.exit(1)
    if address == "/frag/cancelled":
        click.echo(f"{job_id}: cancelled ({args[1]})", err=True)
        sys.exit(1)
    _, path, seconds, lufs, peak, folder = args[:6]
    click.echo(f"{job_id}: {seconds:.2f} s at {lufs:.1f} LUFS, true peak {peak:.2f} dBTP; "
               f"stems in {folder}", err=True)
    if output is not None:
        shutil.copyfile(path, output)
        path = str(output)
    click.echo(path)


def _scene_text(path: Path) -> str:
    """A scene file's TOML, checked here (errors name the file), with its name made explicit."""
    import tomllib

    from fragments.mix import load_scene

    try:
        text = path.read_text(encoding="utf-8")
        load_scene(path)
    except (OSError, ValueError) as exc:
        raise click.BadParameter(str(exc), param_hint="SCENE") from None
    if "name" not in tomllib.loads(text):
        text = f"name = {json.dumps(path.stem)}\n{text}"
    if len(text.encode()) > 7000:  # one OSC datagram (osc.max_packet_bytes, 8192 by default)
        raise click.BadParameter(f"{path} is too long to send in one datagram; put it in "
                                 "config.toml as [scenes.<name>] and mix it by name",
                                 param_hint="SCENE")
    return text if "\n" in text else text + "\n"


class _ProgressBar:
    """A progress bar on stderr: redrawn in place on a terminal, a line per tenth otherwise
    (a log file or a pipe gets readable lines, not carriage returns)."""

    WIDTH = 30

    def __init__(self, label: str) -> None:
        self.label, self.tty, self.shown = label, sys.stderr.isatty(), -1

    def show(self, fraction: float) -> None:
        percent = max(0, min(100, int(fraction * 100)))
        if self.tty:
            filled = percent * self.WIDTH // 100
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'-' * (self.WIDTH - filled)}] "
                             f"{percent:3d}%")
            sys.stderr.flush()
        elif percent // 10 > self.shown // 10 or (percent == 100 and self.shown < 100):
            click.echo(f"{self.label}: {percent:3d}%", err=True)
        self.shown = percent

    def close(self) -> None:
        if self.tty and self.shown >= 0:
            sys.stderr.write("\n")


@send.command("cancel")
@click.argument("job_id")
@_target_options
def send_cancel(job_id: str, config_path: str | None, host: str | None, port: int | None) -> None:
    """Cancel a job by id, or every job with '*'."""
    from osc.client import OscClient

    with OscClient(*_client_target(config_path, host, port)) as client:
        client.send("/frag/cancel", job_id)
        try:
            address, args = client.wait_for(
                lambda a, v: a in ("/frag/cancelled", "/frag/error"), 5.0)
        except TimeoutError as exc:
            click.echo(f"fragmentd: {exc}", err=True)
            sys.exit(3)
        click.echo(f"{address} {' '.join(map(str, args))}")
        sys.exit(0 if address == "/frag/cancelled" else 1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--timeout", type=float, default=3.0, show_default=True)
@_target_options
def status(as_json: bool, timeout: float, config_path: str | None, host: str | None,
           port: int | None) -> None:
    """Ask a running daemon for its state, default engine, queue and engines."""
    from osc.client import OscClient

    with OscClient(*_client_target(config_path, host, port)) as client:
        try:
            client.send("/frag/status")
            _, s = client.wait_for(lambda a, v: a == "/frag/status/reply", timeout)
            client.send("/frag/engine/list")
            _, e = client.wait_for(lambda a, v: a == "/frag/engine/list/reply", timeout)
        except TimeoutError as exc:
            click.echo(f"fragmentd: {exc} (is the daemon running?)", err=True)
            sys.exit(3)
    engines = dict(zip(e[1::2], e[2::2]))
    info = {"state": s[0], "engine": s[1], "queued": s[2], "running": s[3], "engines": engines}
    if as_json:
        click.echo(json.dumps(info))
        return
    click.echo(f"state {s[0]}, default engine {s[1]}, {s[2]} queued, running: {s[3] or '-'}")
    for name, state in engines.items():
        click.echo(f"  {name:12} {state}")


@main.command("config")
@click.option("--config", "config_path", help=CONFIG_HELP)
@click.option("--defaults", is_flag=True, help="Print the documented defaults (the shipped file).")
def config_cmd(config_path: str | None, defaults: bool) -> None:
    """Print the effective config, every key documented, errors inline; exit 1 if invalid."""
    from daemon.configdoc import render_toml

    if defaults:
        click.echo(render_toml(), nl=False)
        return
    file = configmod.find_config_file(config_path)
    config = configmod.read(file)
    click.echo(f"# file: {file.resolve() if file else '(none: built-in defaults)'}")
    click.echo(render_toml(config), nl=False)
    if config.errors:
        click.echo(f"fragmentd: {len(config.errors)} problem(s) in the config:", err=True)
        for error in config.errors:
            click.echo(f"  {error}", err=True)
        sys.exit(1)


@main.group()
def archive() -> None:
    """The archive of raw takes and its index."""


@archive.command("list")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--search", help="Only takes whose prompt or engine contains this text.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--config", "config_path", help=CONFIG_HELP)
def archive_list(limit: int, search: str | None, as_json: bool, config_path: str | None) -> None:
    """List archived takes, newest first."""
    from fragments.index import TakeIndex

    config = _load_or_exit(config_path)
    path = config.folder("archive") / "index.sqlite"
    if not path.exists():
        click.echo(f"no archive index yet at {path}", err=True)
        return
    index = TakeIndex(path)
    try:
        for rec in index.list_takes(limit=limit, search=search):
            if as_json:
                click.echo(json.dumps({k: v for k, v in vars(rec).items()}, default=str))
            else:
                slot = f"slot {rec.slot}" if rec.slot else "unpublished"
                score = "  -" if rec.quality_score is None else f"{rec.quality_score:3.0f}"
                issues = f" [{rec.quality_issues}]" if rec.quality_issues else ""
                click.echo(f"{rec.take:5d}  {rec.engine:10} seed {rec.seed:<11d} "
                           f"{rec.raw_seconds:6.2f} s  {slot:11}  q {score}  "
                           f"{rec.prompt[:60]}{issues}")
    finally:
        index.close()


@main.command()
@click.argument("what", type=click.Choice(["osc", "config"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
def docs(what: str, output: Path | None) -> None:
    """Print (or write) docs/osc.md or docs/config.md, generated from the code."""
    if what == "osc":
        from osc.table import render_markdown
    else:
        from daemon.configdoc import render_markdown
    text = render_markdown()
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


# --- preview ---------------------------------------------------------------------------------

_PREVIEW_FINAL = ("finished", "stopped", "error")


@main.command()
@click.option("--config", "config_path", help=CONFIG_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per device).")
def devices(config_path: str | None, as_json: bool) -> None:
    """List the output devices a preview can play on (no daemon needed).

    `*` marks the system default output, `>` the one preview.device chooses. Exit 1 when
    preview.device matches no output device, 2 when PortAudio is missing.
    """
    from daemon.preview import PreviewError, output_devices, portaudio, resolve_device

    config = _load_or_exit(config_path)
    try:
        found = output_devices(portaudio())
    except PreviewError as exc:
        click.echo(f"fragmentd: {exc.code}: {exc.message}", err=True)
        sys.exit(2)
    spec = config.preview["device"]
    try:
        chosen: Any = resolve_device(spec, found)
        problem = ""
    except PreviewError as exc:
        chosen, problem = None, exc.message
    if as_json:
        for device in found:
            click.echo(json.dumps({**device.as_dict(),
                                   "preview": chosen is not None and device == chosen}))
    else:
        for device in found:
            mark = ("*" if device.default else " ") + (">" if device == chosen else " ")
            click.echo(f"{mark} {device.index:3d}  {device.name}  ({device.hostapi}, "
                       f"{device.channels} out, {device.default_rate:g} Hz)")
        if not found:
            click.echo("no output devices (PortAudio sees no sound card)")
        shown = repr(spec) if spec else "empty: the system default"
        click.echo(f"* system default output   > preview.device ({shown})")
    if problem:
        click.echo(f"fragmentd: preview.device: {problem}", err=True)
        sys.exit(1)


def _preview_session(client: Any, request: tuple, wait: bool, timeout: float) -> int:
    """Send a preview request; print the preview states until it ends (or, without ``wait``,
    until it plays); Ctrl-C stops it. Return the exit code."""
    client.send(*request)
    stopping = request[0] == "/frag/preview/stop"
    playing = False
    try:
        idle = 0.0
        while True:
            reply = client.recv(timeout=1.0)
            if reply is None:
                idle += 1.0
                if not playing and idle >= timeout:
                    click.echo(f"fragmentd: no answer to {request[0]} within {timeout:g} s "
                               "(is the daemon running?)", err=True)
                    return 3
                if playing and idle >= 5.0:  # a long take: is the daemon still there?
                    client.send("/frag/ping", "preview")
                    try:
                        client.wait_for(lambda a, v: a == "/frag/pong", 5.0)
                    except TimeoutError:
                        click.echo("fragmentd: the daemon stopped answering", err=True)
                        return 3
                    idle = 0.0
                continue
            idle = 0.0
            address, args = reply
            if address == "/frag/error" and args and args[0] == "":
                click.echo(f"fragmentd: error {args[1]}: {args[2]}", err=True)
                return 1
            if address != "/frag/preview/state":
                continue
            state, slot, take, message = args[:4]
            click.echo(f"{state}: {message}")
            if state == "error":
                continue  # /frag/error "" code message follows: it carries the code
            if state == "playing":
                playing = True
                if not wait:
                    return 0
            elif state in _PREVIEW_FINAL and (playing or stopping):
                return 0
    except KeyboardInterrupt:
        client.send("/frag/preview/stop")
        try:
            client.wait_for(lambda a, v: a == "/frag/preview/state" and v[0] == "stopped", 5.0)
        except TimeoutError:
            pass
        click.echo("stopped", err=True)
        return 130


@main.command()
@click.argument("slot", type=int, required=False)
@click.option("--take", type=int, help="Play this archived raw take instead of a slot.")
@click.option("--stop", is_flag=True, help="Stop the preview that plays.")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Wait until the preview ends (Ctrl-C stops it).")
@click.option("--timeout", type=float, default=30.0, show_default=True,
              help="Seconds to wait for the preview to start.")
@_target_options
def preview(slot: int | None, take: int | None, stop: bool, wait: bool, timeout: float,
            config_path: str | None, host: str | None, port: int | None) -> None:
    """Play SLOT (or --take N) on the daemon's preview output, or --stop it.

    The running daemon plays it on preview.device at preview.level_db; this prints each state
    (playing, stopping, stopped, finished, error). Exit 1 on an error, 3 without an answer.
    """
    from osc.client import OscClient

    if stop + (slot is not None) + (take is not None) != 1:
        raise click.UsageError("give one of SLOT, --take N or --stop")
    request: tuple = (("/frag/preview/stop",) if stop else ("/frag/preview/take", take)
                      if take is not None else ("/frag/preview", slot))
    with OscClient(*_client_target(config_path, host, port)) as client:
        try:
            client.hello(timeout=min(timeout, 5.0))  # so stops by other clients are heard too
        except TimeoutError as exc:
            click.echo(f"fragmentd: {exc} (is the daemon running?)", err=True)
            sys.exit(3)
        code = _preview_session(client, request, wait, timeout)
        client.send("/frag/bye", client.port)
    sys.exit(code)


@main.command()
@click.argument("signal", type=click.Choice(["sine", "sweep", "pink"]), default="sine")
@click.option("--slot", type=int, default=0, help="Slot to write the test signal into "
              "(default: the last slot).")
@click.option("--seconds", type=float, default=5.0, show_default=True)
@click.option("--level-db", type=float, help="RMS level of the signal in dBFS (engine default "
              "-18; the preview adds preview.level_db).")
@click.option("--freq", type=float, help="Sine frequency, or where the sweep starts, in Hz.")
@click.option("--preview/--no-preview", "play", default=True, show_default=True,
              help="Play it on the preview output once it is in the slot.")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Wait until the preview ends (Ctrl-C stops it).")
@click.option("--timeout", type=float, default=60.0, show_default=True)
@_target_options
def soundcheck(signal: str, slot: int, seconds: float, level_db: float | None,
               freq: float | None, play: bool, wait: bool, timeout: float,
               config_path: str | None, host: str | None, port: int | None) -> None:
    """Generate a calibrated SIGNAL (engine testsignal) into a slot and preview it.

    Needs engines.testsignal.enabled in the daemon's config. The slot is overwritten like any
    published take (the take is archived).
    """
    from osc.client import OscClient

    pairs: list[Any] = ["engine", "testsignal", "signal", signal, "seconds", float(seconds)]
    for key, value in (("level_db", level_db), ("freq", freq)):
        if value is not None:
            pairs += [key, float(value)]
    job_id = f"soundcheck-{uuid.uuid4().hex[:8]}"
    with OscClient(*_client_target(config_path, host, port)) as client:
        try:
            _, hello = client.hello(timeout=5.0)
        except TimeoutError as exc:
            click.echo(f"fragmentd: {exc} (is the daemon running?)", err=True)
            sys.exit(3)
        slot = slot or int(hello[1])
        click.echo(f"{job_id}: {signal}, {seconds:g} s into slot {slot}", err=True)
        client.send("/frag/generate", job_id, slot, f"{signal} sound check", *pairs)
        code = _follow(client, job_id, True, timeout)
        if code == 0 and play:
            code = _preview_session(client, ("/frag/preview", slot), wait, timeout)
        client.send("/frag/bye", client.port)
    sys.exit(code)
