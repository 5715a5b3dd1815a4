"""The panel's HTML pieces and form parsing: pure functions of plain values, no I/O.

Every interactive element carries a stable ``id`` or ``data-*`` attribute: the performer's
browser, the tests and the screenshot script find them by those, never by layout.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from typing import Any, Iterable

from daemon.panel_state import JobView, LogEntry, SlotView, Snapshot

STATE_CLASS = {"warm": "ok", "busy": "busy", "loading": "busy", "starting": "busy",
               "crashed": "bad", "disabled": "off", "offline": "off", "unloaded": "off"}


def message(kind: str, text: str) -> str:
    """A persistent message under a form: kind is ok, error or info."""
    icon = {"ok": "✓", "error": "⚠", "info": "•"}.get(kind, "•")
    return f'<div class="msg msg-{kind}" data-kind="{kind}">{icon} {escape(text)}</div>'


def refusal(code: str, text: str) -> str:
    """A request the daemon refused: its own message, and its code for the curious."""
    return message("error", f"{text} [{code}]")


def status_line(snap: Snapshot, version: str, osc: str, running: str) -> str:
    waiting = sum(1 for j in snap.jobs if j.state == "queued")
    state = snap.lifecycle or "?"
    return (f'<div id="status-bar" class="status-bar"><span class="brand">fragmentd {version}'
            f'</span><span class="pill st-{escape(state.lower())}" id="status-state">'
            f'{escape(state)}</span><span>default engine <b>{escape(snap.default_engine)}</b>'
            f'</span><span id="status-queue">{waiting} waiting</span><span>running: '
            f'<b id="status-running">{escape(running or "—")}</b></span>'
            f'<span class="muted">OSC {escape(osc)}</span><span class="clock" id="status-clock">'
            f'{dt.datetime.fromtimestamp(snap.stamp).strftime("%H:%M:%S")}</span>'
            f'<span class="lost">NO CONTACT WITH THE DAEMON</span></div>')


def queue_html(jobs: list[JobView]) -> str:
    if not jobs:
        return '<div id="queue-list" class="queue empty">Nothing queued.</div>'
    rows = [_job_row(job) for job in jobs]
    return f'<div id="queue-list" class="queue">{"".join(rows)}</div>'


def _job_row(job: JobView) -> str:
    jid = escape(job.job_id, quote=True)
    if job.kind == "republish":
        what, label, cancel = escape(job.prompt or "republish"), "publishing", ""
    else:
        what = escape(job.prompt or "(prompt not known yet)")
        label = {"queued": f"waiting #{job.position}" if job.position else "waiting",
                 "running": f"{job.progress:.0%}", "publishing": "publishing"}[job.state]
        cancel = (f'<button class="cancel" data-cancel="{jid}" title="cancel {jid}">Cancel'
                  f'</button>' if job.state != "publishing" else "")
    target = f"slot {job.slot}" if job.slot else "next slot"
    width = 100 if job.state == "publishing" else round(job.progress * 100)
    return (f'<div class="job job-{job.state}" data-job="{jid}"><div class="job-head">'
            f'<span class="job-id">{jid}</span><span class="job-what">{what}</span>'
            f'<span class="job-meta">{escape(job.engine)} → {target}</span>'
            f'<span class="job-state">{label}</span>{cancel}</div>'
            f'<div class="bar"><div class="fill" style="width:{width}%"></div></div></div>')


def log_html(entries: list[LogEntry], limit: int = 12) -> str:
    if not entries:
        return '<div id="activity-list" class="activity empty">No activity yet.</div>'
    rows = []
    for entry in entries[:limit]:
        when = dt.datetime.fromtimestamp(entry.at).strftime("%H:%M:%S")
        times = f' <span class="times">×{entry.count}</span>' if entry.count > 1 else ""
        rows.append(f'<div class="entry entry-{entry.kind}"><span class="when">{when}</span>'
                    f'<span class="text">{escape(entry.text)}{times}</span></div>')
    return f'<div id="activity-list" class="activity">{"".join(rows)}</div>'


def card_title(slot: int, view: SlotView | None) -> str:
    take = f'<span class="take">take {view.take}</span>' if view else '<span class="take">empty</span>'
    return f'<div class="card-title" data-slot="{slot}"><span class="slot-no">{slot}</span>{take}</div>'


def card_info(view: SlotView | None) -> str:
    if view is None:
        return '<div class="card-info empty">No take yet.</div>'
    landed = (dt.datetime.fromtimestamp(view.at).strftime("%H:%M:%S") if view.at else "before start")
    return (f'<div class="card-info" data-take="{view.take}" data-seed="{view.seed}">'
            f'<div class="prompt" title="{escape(view.prompt, quote=True)}">{escape(view.prompt)}'
            f'</div><div class="meta">'
            f'<span>seed <b class="seed">{view.seed}</b></span>'
            f'<span class="engine">{escape(view.engine)}</span>'
            f'<span>{view.seconds:.2f} s</span>{_score(view.score, view.issues)}'
            f'<span class="muted">{landed}</span></div></div>')


def _score(score: float | None, issues: str) -> str:
    """The quality gate's verdict: the score, and the issues it found."""
    if score is None:
        return ""
    names = escape(issues.replace(",", ", "))
    kind = "quality-bad" if issues else "quality-ok"
    return (f'<span class="quality {kind}" data-score="{score:.1f}" title="quality score'
            f'{": " + names if names else ": no issue found"}">q {score:.0f}'
            f'{" · " + names if names else ""}</span>')


def engines_html(rows: list[dict[str, Any]]) -> str:
    head = ("<tr><th>engine</th><th>state</th><th>device</th><th>memory</th><th>default</th>"
            "<th>what it does</th></tr>")
    body = []
    for row in rows:
        state = row["state"]
        body.append(f'<tr data-engine="{escape(row["name"], quote=True)}"><td><b>'
                    f'{escape(row["name"])}</b></td><td><span class="pill st-{STATE_CLASS.get(state, "busy")}"'
                    f' data-state="{escape(state)}">{escape(state)}</span></td>'
                    f'<td>{escape(row["device"])}</td><td>{escape(row["memory"])}</td>'
                    f'<td>{"★" if row["default"] else ""}</td><td class="muted">'
                    f'{escape(row["summary"])}</td></tr>')
    return f'<table id="engines-list" class="grid">{head}{"".join(body)}</table>'


def archive_html(records: Iterable[Any], total_shown: int, query: str) -> str:
    """The archive as a table, one row per take with play / republish / export buttons."""
    rows = []
    for rec in records:
        when = dt.datetime.fromtimestamp(rec.created_at).strftime("%Y-%m-%d %H:%M:%S")
        slot = str(rec.slot) if rec.slot is not None else "—"
        take = rec.take
        rows.append(
            f'<tr data-take="{take}"><td class="num">{take}</td><td>{when}</td>'
            f'<td>{escape(rec.engine)}</td><td class="prompt">{escape(rec.prompt)}</td>'
            f'<td class="num">{rec.seed}</td><td class="num">{rec.raw_seconds:.2f}</td>'
            f'<td class="num">{slot}</td><td>{_score(rec.quality_score, rec.quality_issues)}</td>'
            f'<td class="actions">'
            f'<button data-action="play" data-take="{take}">Play</button>'
            f'<button data-action="republish" data-take="{take}">To slot</button>'
            f'<button data-action="export" data-take="{take}">Export</button></td></tr>')
    if not rows:
        found = f" matching {query!r}" if query else ""
        return f'<div id="archive-list" class="empty">No takes{escape(found)} in the archive.</div>'
    head = ("<tr><th>take</th><th>date</th><th>engine</th><th>prompt</th><th>seed</th>"
            "<th>seconds</th><th>last slot</th><th>quality</th><th></th></tr>")
    return (f'<div id="archive-list"><div class="muted">{total_shown} take(s), newest first'
            f'</div><table class="grid">{head}{"".join(rows)}</table></div>')


def settings_html(facts: dict[str, Any], osc: str) -> list[str]:
    """Where the config lives, what is wrong with the file now, and the config in force."""
    folders = "".join(f'<div>{name} folder: <code id="folder-{name}">{escape(path)}</code></div>'
                      for name, path in facts["folders"].items())
    where = (f'<div class="settings-where"><div>Config file: <code id="config-path">'
             f'{escape(facts["path"])}</code></div>{folders}<div>OSC: <code>{escape(osc)}</code>'
             f'</div><div class="muted">Read-only here: edit the file; live keys apply when it '
             f'is saved, the others at the next start.</div></div>')
    errors = facts["errors"]
    if errors:
        items = "".join(f"<li>{escape(e)}</li>" for e in errors)
        problems = (f'<div class="msg msg-error" id="config-errors">The file has {len(errors)} '
                    f'problem(s); the config below stays in force:<ul>{items}</ul></div>')
    else:
        problems = message("ok", "the file is valid")
    return [where, problems, f'<pre id="config-toml" class="toml">{escape(facts["toml"])}</pre>']


def matches(record: Any, query: str) -> bool:
    """Every word of ``query`` is in the prompt, the engine or the date (``2025-06-01 21:30``)."""
    when = dt.datetime.fromtimestamp(record.created_at).strftime("%Y-%m-%d %H:%M")
    haystack = f"{record.prompt}\n{record.engine}\n{when}\ntake {record.take}".casefold()
    return all(word in haystack for word in query.casefold().split())


# ---- form parsing: shape only; the daemon checks meaning and answers with its own message ----

def parse_number(text: Any) -> Any:
    """Text from a form field as int or float when it reads as one, else the text itself
    (the daemon then names what is wrong with it); ``None`` for an empty field."""
    if text is None:
        return None
    if isinstance(text, (int, float)):
        return text
    text = str(text).strip()
    if not text:
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


_PAIR = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


def parse_params(text: str) -> dict[str, Any]:
    """``"signal=sweep freq=220, level_db=-12"`` → typed values; ValueError names a bad pair."""
    params: dict[str, Any] = {}
    for item in re.split(r"[\s,;]+", (text or "").strip()):
        if not item:
            continue
        match = _PAIR.match(item)
        if match is None:
            raise ValueError(f"{item!r} is not a key=value pair (e.g. freq=440 signal=sweep)")
        key, value = match.groups()
        lowered = value.lower()
        params[key] = (lowered == "true" if lowered in ("true", "false")
                       else parse_number(value) if value else "")
    return params
