"""The address table is the one source of truth: code, events and docs all agree with it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

from daemon import events
from daemon.errors import ERROR_CODES as DAEMON_CODES
from osc.server import OscServer
from osc.table import (ERROR_CODES, PUSH_BY_EVENT, PUSH_BY_PATH, PUSHES, REQUESTS,
                       render_markdown)

ROOT = Path(__file__).resolve().parents[2]


def test_docs_osc_md_is_generated_from_the_table():
    docs = (ROOT / "docs" / "osc.md").read_text()
    assert docs == render_markdown(), "regenerate: python -m osc.table > docs/osc.md"


def test_python_m_osc_table_prints_the_page():
    out = subprocess.run([sys.executable, "-m", "osc.table"], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert out == render_markdown()


def test_every_request_has_a_handler_and_documented_replies():
    paths = [a.path for a in REQUESTS]
    assert len(paths) == len(set(paths))
    for address in REQUESTS:
        assert callable(getattr(OscServer, f"_on_{address.handler}", None)), address.path
        for reply in address.reply:
            assert reply in PUSH_BY_PATH, (address.path, reply)
        assert address.path not in PUSH_BY_PATH  # requests and pushes never share a path


def test_every_event_has_a_push_whose_fields_exist():
    event_classes = [cls for cls in vars(events).values()
                     if dataclasses.is_dataclass(cls) and cls.__module__ == events.__name__]
    assert {cls.__name__ for cls in event_classes} == set(PUSH_BY_EVENT)
    for cls in event_classes:
        push = PUSH_BY_EVENT[cls.__name__]
        names = {f.name for f in dataclasses.fields(cls)}
        assert set(push.fields) <= names and len(push.fields) == len(push.args), cls


def test_error_codes_include_the_daemons_and_ours():
    assert set(DAEMON_CODES) <= set(ERROR_CODES)
    assert {"too_many_clients", "internal_error"} <= set(ERROR_CODES)
    docs = render_markdown()
    for code in ERROR_CODES:
        assert f"| `{code}` |" in docs


def test_docs_name_every_address():
    docs = render_markdown()
    for item in (*REQUESTS, *PUSHES):
        assert f"| `{item.path}` |" in docs
