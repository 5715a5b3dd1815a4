"""The take index: one SQLite row per take (what was asked, by whom, where it went, how long).

Thread-safe: one connection shared behind a lock, so the publisher's worker thread writes while
the panel or OSC thread lists takes. WAL mode lets readers in other processes (a backup, the
sqlite3 shell) read without blocking the show.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np

SCHEMA_VERSION = 2

# Version 2: the quality gate's verdict on each take, the ranked variations a slot can swap in,
# and the cache of a scene's layers (what made a layer -> the take that holds it).
_V2_TABLES = (
    "CREATE TABLE IF NOT EXISTS variations (slot INTEGER NOT NULL, rank INTEGER NOT NULL, "
    "take INTEGER NOT NULL, score REAL, prepared_path TEXT NOT NULL, job_id TEXT NOT NULL, "
    "PRIMARY KEY (slot, rank))",
    "CREATE TABLE IF NOT EXISTS layers (key TEXT PRIMARY KEY, take INTEGER NOT NULL, "
    "created_at REAL NOT NULL)",
)
_V1_TO_V2 = (
    "ALTER TABLE takes ADD COLUMN quality_score REAL",
    "ALTER TABLE takes ADD COLUMN quality_issues TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE takes ADD COLUMN quality TEXT NOT NULL DEFAULT '{}'",
) + _V2_TABLES

_SCHEMA = """
CREATE TABLE IF NOT EXISTS takes (
    take INTEGER PRIMARY KEY,
    created_at REAL NOT NULL,
    job_id TEXT NOT NULL,
    prompt TEXT NOT NULL,
    engine TEXT NOT NULL,
    params TEXT NOT NULL,
    seed INTEGER NOT NULL,
    raw_path TEXT NOT NULL,
    raw_sample_rate INTEGER NOT NULL,
    raw_seconds REAL NOT NULL,
    checksum TEXT NOT NULL,
    slot INTEGER,
    ring INTEGER NOT NULL DEFAULT 0,
    published_path TEXT,
    published_seconds REAL,
    published_at REAL,
    generate_s REAL,
    postprocess_s REAL,
    publish_s REAL,
    client TEXT NOT NULL DEFAULT '',
    report TEXT NOT NULL DEFAULT '{}',
    quality_score REAL,
    quality_issues TEXT NOT NULL DEFAULT '',
    quality TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS takes_ring ON takes (ring, take);
""" + "".join(f"{statement};\n" for statement in _V2_TABLES)


@dataclass
class TakeRecord:
    """One archived take and, once published, where its fragment went."""

    take: int
    created_at: float
    job_id: str
    prompt: str
    engine: str
    params: dict
    seed: int
    raw_path: str
    raw_sample_rate: int
    raw_seconds: float
    checksum: str
    slot: int | None = None
    published_path: str | None = None
    published_seconds: float | None = None
    generate_s: float | None = None
    postprocess_s: float | None = None
    publish_s: float | None = None
    client: str = ""
    report: dict = field(default_factory=dict)
    quality_score: float | None = None  # 0..100 from fragments.quality; None: not assessed
    quality_issues: str = ""  # comma-separated issue names, "" when clean
    quality: dict = field(default_factory=dict)  # the measures behind the score


@dataclass(frozen=True)
class Variation:
    """One ranked take a slot can swap in at once: its fragment is already post-processed."""

    slot: int
    rank: int  # 1 = the best score
    take: int
    score: float | None
    prepared_path: str
    job_id: str


_COLUMNS = [f.name for f in fields(TakeRecord)]


def _json_default(value):
    """Engine parameters may hold numpy scalars or paths; metadata must never fail a publish."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)


def _dumps(value: dict) -> str:
    return json.dumps(value, default=_json_default)


class TakeIndex:
    """SQLite index of takes (schema versioned with ``PRAGMA user_version``, created if missing)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10.0)
        try:
            self._setup()
        except BaseException:
            self._conn.close()
            raise

    def _setup(self) -> None:
        conn = self._conn
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a crash of fragmentd loses nothing; a power cut may lose the last
        # rows, never the raw files (fsynced) nor the numbering (derived from the files too).
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.create_function("casefold", 1, lambda s: s.casefold() if s else "", deterministic=True)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"{self.path} has schema version {version}; this fragmentd knows "
                               f"{SCHEMA_VERSION}: it was written by a newer fragmentd")
        if version == 1:  # an archive from before the quality gate: keep every take
            with conn:
                for statement in _V1_TO_V2:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        elif version < SCHEMA_VERSION:
            with conn:
                conn.executescript(_SCHEMA)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def add(self, rec: TakeRecord) -> None:
        """Insert a new take; a number already in the index raises ``sqlite3.IntegrityError``."""
        row = {name: getattr(rec, name) for name in _COLUMNS}
        row["params"], row["report"] = _dumps(rec.params), _dumps(rec.report)
        row["quality"] = _dumps(rec.quality)
        names = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        with self._lock, self._conn:
            self._conn.execute(f"INSERT INTO takes ({names}) VALUES ({marks})", row)

    def mark_published(self, take: int, slot: int, published_path: str, published_seconds: float,
                       postprocess_s: float, publish_s: float, report: dict,
                       ring: bool = False) -> None:
        """Record where take ``take`` was published; ``ring`` = the slot was chosen by the ring."""
        with self._lock, self._conn:
            cur = self._conn.execute(
                "UPDATE takes SET slot=?, ring=?, published_path=?, published_seconds=?, "
                "published_at=?, postprocess_s=?, publish_s=?, report=? WHERE take=?",
                (slot, int(ring), published_path, published_seconds, time.time(), postprocess_s,
                 publish_s, _dumps(report), take))
        if cur.rowcount != 1:
            raise KeyError(f"take {take} is not in the index")

    def get(self, take: int) -> TakeRecord | None:
        """The record of take ``take``, or None."""
        rows = self._select("WHERE take = ?", (take,))
        return rows[0] if rows else None

    def list_takes(self, limit: int = 50, search: str | None = None) -> list[TakeRecord]:
        """Newest first; ``search`` keeps takes whose prompt or engine contains it (any case)."""
        if search:
            # instr, not LIKE: % and _ in a search are literal; casefold: any language, any case
            needle = search.casefold()
            return self._select("WHERE instr(casefold(prompt), ?) > 0"
                                " OR instr(casefold(engine), ?) > 0"
                                " ORDER BY take DESC LIMIT ?", (needle, needle, limit))
        return self._select("ORDER BY take DESC LIMIT ?", (limit,))

    def published_slots(self) -> dict[int, TakeRecord]:
        """Slot → the take published into it last (what the slot file holds, unless the file
        was changed outside the daemon)."""
        rows = self._select("WHERE take IN (SELECT take FROM (SELECT take, MAX(published_at) "
                            "FROM takes WHERE published_at IS NOT NULL GROUP BY slot)) "
                            "ORDER BY take", ())
        return {row.slot: row for row in rows if row.slot is not None}

    def max_take(self) -> int:
        """The highest take number in the index; 0 when empty."""
        with self._lock:
            return self._conn.execute("SELECT COALESCE(MAX(take), 0) FROM takes").fetchone()[0]

    def last_ring_slot(self) -> int | None:
        """The slot of the most recent publish whose slot the ring chose (requested as slot 0)."""
        with self._lock:
            row = self._conn.execute("SELECT slot FROM takes WHERE ring = 1 AND slot IS NOT NULL "
                                     "ORDER BY take DESC LIMIT 1").fetchone()
        return None if row is None else row[0]

    def set_quality(self, take: int, score: float, issues: tuple[str, ...] | list[str],
                    measures: dict) -> None:
        """Record the quality gate's verdict on take ``take``."""
        with self._lock, self._conn:
            cur = self._conn.execute(
                "UPDATE takes SET quality_score=?, quality_issues=?, quality=? WHERE take=?",
                (float(score), ",".join(issues), _dumps(measures), take))
        if cur.rowcount != 1:
            raise KeyError(f"take {take} is not in the index")

    def set_variations(self, slot: int, variations: list[Variation]) -> None:
        """Replace the ranked variations slot ``slot`` can swap in (an empty list clears them)."""
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM variations WHERE slot = ?", (slot,))
            self._conn.executemany(
                "INSERT INTO variations (slot, rank, take, score, prepared_path, job_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(slot, v.rank, v.take, v.score, v.prepared_path, v.job_id) for v in variations])

    def variations(self, slot: int | None = None) -> list[Variation]:
        """The ranked variations of ``slot`` (every slot when None), best first."""
        where, args = ("WHERE slot = ?", (slot,)) if slot is not None else ("", ())
        with self._lock:
            rows = self._conn.execute(
                "SELECT slot, rank, take, score, prepared_path, job_id FROM variations "
                f"{where} ORDER BY slot, rank", args).fetchall()
        return [Variation(*row) for row in rows]

    def layer_take(self, key: str) -> int | None:
        """The take that holds the layer made by ``key`` (fragments.mix.Layer.key), or None."""
        with self._lock:
            row = self._conn.execute("SELECT take FROM layers WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def set_layer_take(self, key: str, take: int) -> None:
        with self._lock, self._conn:
            self._conn.execute("INSERT OR REPLACE INTO layers (key, take, created_at) "
                               "VALUES (?, ?, ?)", (key, take, time.time()))

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            self._conn.close()

    def _select(self, where: str, args: tuple) -> list[TakeRecord]:
        with self._lock:
            rows = self._conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM takes {where}",
                                      args).fetchall()
        records = []
        for row in rows:
            values = dict(zip(_COLUMNS, row))
            values["params"] = json.loads(values["params"])
            values["report"] = json.loads(values["report"])
            values["quality"] = json.loads(values["quality"])
            records.append(TakeRecord(**values))
        return records
