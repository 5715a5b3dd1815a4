"""The panel's look: dark (a stage is dark), big slot cards, errors that cannot be missed.

Fonts are the system's and Gradio's bundled ones: the page loads nothing from the internet.
"""

from __future__ import annotations

from typing import Any

CSS = """
.gradio-container { max-width: 1600px !important; }
.status-bar { display: flex; flex-wrap: wrap; gap: 18px; align-items: center; font-size: 1.05rem;
  padding: 8px 14px; border-radius: 10px; background: #111827; border: 1px solid #1f2937; }
.status-bar .clock { margin-left: auto; font-family: var(--font-mono); font-size: 1.2rem;
  color: #e5e7eb; }
.status-bar .lost { display: none; }
.stale .status-bar { background: #7f1d1d; border-color: #ef4444; }
.stale .status-bar .lost { display: inline; font-weight: 800; color: #fff; }
.stale .status-bar .clock { color: #fca5a5; text-decoration: line-through; }
.status-bar .brand { font-weight: 700; letter-spacing: .04em; color: #fbbf24; }
.pill { display: inline-block; padding: 1px 10px; border-radius: 999px; font-weight: 600;
  font-size: .9em; background: #374151; color: #e5e7eb; }
.pill.st-warm, .pill.st-ok { background: #065f46; color: #d1fae5; }
.pill.st-busy, .pill.st-booting { background: #92400e; color: #fef3c7; }
.pill.st-bad, .pill.st-quitting { background: #991b1b; color: #fee2e2; }
.pill.st-off, .pill.st-offline { background: #374151; color: #9ca3af; }
.muted { color: #9ca3af; }
.msg { padding: 8px 12px; border-radius: 8px; margin: 6px 0; font-size: 1.02rem; }
.msg-ok { background: #052e1b; border: 1px solid #047857; color: #a7f3d0; }
.msg-error { background: #3b0a0a; border: 1px solid #dc2626; color: #fecaca; font-weight: 600; }
.msg-info { background: #0f172a; border: 1px solid #334155; color: #cbd5e1; }
.msg ul { margin: 6px 0 0 18px; font-weight: 400; }
.side h3 { margin: 4px 0; }
.queue.empty, .activity.empty, .card-info.empty { color: #6b7280; font-style: italic; }
.job { border: 1px solid #1f2937; border-radius: 8px; padding: 6px 8px; margin-bottom: 6px;
  background: #0b1220; }
.job-head { display: flex; gap: 8px; align-items: center; flex-wrap: nowrap; }
.job-id { font-family: var(--font-mono); color: #fbbf24; }
.job-what { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.job-meta { color: #9ca3af; font-size: .9em; white-space: nowrap; }
.job-state { font-weight: 700; min-width: 64px; text-align: right; }
.job button.cancel { background: #7f1d1d; color: #fee2e2; border: 1px solid #b91c1c;
  border-radius: 6px; padding: 1px 10px; cursor: pointer; font-size: .85rem !important;
  font-weight: 500 !important; margin: 0 !important; line-height: 1.5; }
.bar { height: 6px; background: #1f2937; border-radius: 3px; margin-top: 5px; overflow: hidden; }
.bar .fill { height: 100%; background: #f59e0b; transition: width .3s; }
.job-publishing .bar .fill { background: #10b981; }
.activity { max-height: 320px; overflow-y: auto; }
.entry { display: flex; gap: 10px; padding: 3px 0; border-bottom: 1px solid #111827; }
.entry .when { font-family: var(--font-mono); color: #6b7280; }
.entry .times { color: #fbbf24; font-weight: 700; }
.entry-error .text { color: #fca5a5; font-weight: 600; }
.entry-ready .text { color: #a7f3d0; }
.entry-warning .text { color: #fcd34d; }
.quality-ok { color: #a7f3d0; }
.quality-bad { color: #fcd34d; font-weight: 600; }
.entry-cancelled .text { color: #d1d5db; }
.slot-card { border: 1px solid #263041 !important; border-radius: 12px !important;
  padding: 10px !important; background: #0d1422 !important; }
.card-title { display: flex; align-items: baseline; gap: 12px; }
.card-title .slot-no { font-size: 2.2rem; font-weight: 800; color: #fbbf24; line-height: 1; }
.card-title .take { font-size: 1.05rem; color: #9ca3af; }
.card-info .prompt { font-size: 1.2rem; font-weight: 600; line-height: 1.3; margin: 4px 0;
  overflow-wrap: anywhere; display: -webkit-box; -webkit-box-orient: vertical;
  -webkit-line-clamp: 4; overflow: hidden; }
.slot-card > * { flex-grow: 0 !important; }
.slot-card > .card-grow { flex-grow: 1 !important; }
.slot-card .spectrogram { height: 110px !important; }
.card-info .meta { display: flex; flex-wrap: wrap; gap: 12px; color: #9ca3af; }
.card-info .meta b { color: #e5e7eb; }
.card-info .engine { color: #93c5fd; }
.spectrogram img { object-fit: fill !important; }
table.grid { width: 100%; border-collapse: collapse; font-size: .98rem; border: none !important; }
table.grid th, table.grid td { border: none !important; padding: 6px !important; }
table.grid th { text-align: left; color: #9ca3af; border-bottom: 1px solid #374151 !important; }
table.grid td { border-bottom: 1px solid #1f2937 !important; vertical-align: top; }
table.grid td.num { font-family: var(--font-mono); text-align: right; }
table.grid td.prompt { max-width: 520px; overflow-wrap: anywhere; }
table.grid td.actions { white-space: nowrap; }
table.grid td.actions button { margin-right: 4px; padding: 2px 10px; border-radius: 6px;
  font-size: .9rem; font-weight: 500;
  border: 1px solid #4b5563; background: #1f2937; color: #e5e7eb; cursor: pointer; }
table.grid td.actions button[data-action=republish] { border-color: #b45309; color: #fde68a; }
pre.toml { max-height: 640px; overflow: auto; font-size: .9rem; padding: 10px;
  background: #0b1220; border: 1px solid #1f2937; border-radius: 8px; }
.settings-where code { font-size: 1rem; color: #fbbf24; }
"""


def theme() -> Any:
    import gradio as gr

    return gr.themes.Base(primary_hue="amber", secondary_hue="slate", neutral_hue="slate",
                          text_size="lg", radius_size="md")
