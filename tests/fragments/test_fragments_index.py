"""The take index: round trip, search, ring bookkeeping, schema versioning, threads."""

import sqlite3
import threading

import numpy as np
import pytest

from fragments.index import SCHEMA_VERSION, TakeIndex, TakeRecord


def record(take, prompt="dusty vinyl drums", engine="stable-audio", **extra):
    return TakeRecord(take=take, created_at=1700000000.0 + take, job_id=f"job{take}", prompt=prompt,
                      engine=engine, params={"steps": 50, "cfg": 7.0}, seed=1234 + take,
                      raw_path=f"/archive/output{take:03d}.wav", raw_sample_rate=44100,
                      raw_seconds=47.0, checksum="ab" * 32, **extra)


@pytest.fixture
def index(tmp_path):
    idx = TakeIndex(tmp_path / "index.sqlite")
    yield idx
    idx.close()


def test_round_trip_of_every_field(index):
    rec = record(1, client="127.0.0.1:9000", generate_s=3.5,
                 report={"gain_db": 1.5, "true_peak_db": None})
    rec.params = {"steps": np.int64(50), "cfg": np.float32(7.5), "bars": [1, 2], "nested": {"a": 1}}
    index.add(rec)
    back = index.get(1)
    assert back.params == {"steps": 50, "cfg": 7.5, "bars": [1, 2], "nested": {"a": 1}}
    rec.params = back.params
    assert back == rec


def test_get_of_a_missing_take_is_none(index):
    assert index.get(5) is None


def test_a_take_number_is_never_reused(index):
    index.add(record(1))
    with pytest.raises(sqlite3.IntegrityError):
        index.add(record(1, prompt="other"))
    assert index.get(1).prompt == "dusty vinyl drums"


def test_mark_published_records_where_the_fragment_went(index):
    index.add(record(1))
    index.mark_published(1, 3, "/slots/output03.wav", 12.5, 0.04, 0.03, {"gain_db": -2.0}, ring=True)
    rec = index.get(1)
    assert (rec.slot, rec.published_path, rec.published_seconds) == (3, "/slots/output03.wav", 12.5)
    assert (rec.postprocess_s, rec.publish_s, rec.report) == (0.04, 0.03, {"gain_db": -2.0})


def test_published_slots_is_the_take_each_slot_got_last(index):
    for take in (1, 2, 3, 4):
        index.add(record(take, prompt=f"p{take}"))
    index.mark_published(3, 3, "/slots/output03.wav", 1.0, 0.0, 0.0, {})
    index.mark_published(2, 5, "/slots/output05.wav", 2.0, 0.0, 0.0, {})
    index.mark_published(1, 3, "/slots/output03.wav", 3.0, 0.0, 0.0, {})  # later, lower number
    held = index.published_slots()
    assert sorted(held) == [3, 5]  # take 4 was never published
    assert (held[3].take, held[3].prompt, held[3].published_seconds) == (1, "p1", 3.0)
    assert held[5].take == 2


def test_mark_published_of_an_unknown_take_raises(index):
    with pytest.raises(KeyError):
        index.mark_published(9, 1, "p", 1.0, 0.0, 0.0, {})


def test_list_is_newest_first_and_limited(index):
    for take in range(1, 8):
        index.add(record(take))
    assert [r.take for r in index.list_takes()] == [7, 6, 5, 4, 3, 2, 1]
    assert [r.take for r in index.list_takes(limit=3)] == [7, 6, 5]


def test_search_matches_prompt_or_engine_in_any_case(index):
    index.add(record(1, prompt="Warm Analog PAD"))
    index.add(record(2, prompt="kick drum", engine="musicgen"))
    index.add(record(3, prompt="Große Straße ambience"))
    index.add(record(4, prompt="100% wet_reverb"))
    assert [r.take for r in index.list_takes(search="analog pad")] == [1]
    assert [r.take for r in index.list_takes(search="MUSICGEN")] == [2]
    assert [r.take for r in index.list_takes(search="STRASSE")] == [3], "Unicode case folding"
    assert [r.take for r in index.list_takes(search="% wet_")] == [4], "% and _ are literal"
    assert [r.take for r in index.list_takes(search="stable")] == [4, 3, 1]
    assert index.list_takes(search="no such thing") == []


def test_max_take(index):
    assert index.max_take() == 0
    index.add(record(3))
    index.add(record(12))
    assert index.max_take() == 12


def test_last_ring_slot_ignores_publishes_to_a_chosen_slot(index):
    assert index.last_ring_slot() is None
    for take in (1, 2, 3):
        index.add(record(take))
    index.mark_published(1, 1, "p", 1.0, 0.0, 0.0, {}, ring=True)
    index.mark_published(2, 2, "p", 1.0, 0.0, 0.0, {}, ring=True)
    index.mark_published(3, 7, "p", 1.0, 0.0, 0.0, {}, ring=False)  # the performer picked slot 7
    assert index.last_ring_slot() == 2


def test_everything_survives_reopening(tmp_path):
    first = TakeIndex(tmp_path / "index.sqlite")
    first.add(record(1))
    first.mark_published(1, 4, "p", 1.0, 0.0, 0.0, {}, ring=True)
    first.close()
    again = TakeIndex(tmp_path / "index.sqlite")
    try:
        assert again.get(1).slot == 4 and again.last_ring_slot() == 4 and again.max_take() == 1
    finally:
        again.close()


def test_schema_is_versioned_and_wal(tmp_path):
    TakeIndex(tmp_path / "index.sqlite").close()
    conn = sqlite3.connect(tmp_path / "index.sqlite")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_an_index_from_a_newer_fragmentd_is_refused(tmp_path):
    conn = sqlite3.connect(tmp_path / "index.sqlite")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(RuntimeError, match="newer fragmentd"):
        TakeIndex(tmp_path / "index.sqlite")


def test_reads_from_another_thread_while_writing(index):
    errors, seen = [], []

    def reader():
        try:
            for _ in range(200):
                seen.append(len(index.list_takes(limit=1000, search="drums")))
                index.max_take()
        except Exception as exc:  # reported below
            errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    for take in range(1, 201):
        index.add(record(take))
        index.mark_published(take, 1, "p", 1.0, 0.0, 0.0, {}, ring=True)
    thread.join()
    assert not errors and seen == sorted(seen) and index.max_take() == 200


V1_SCHEMA = """
CREATE TABLE takes (take INTEGER PRIMARY KEY, created_at REAL NOT NULL, job_id TEXT NOT NULL,
    prompt TEXT NOT NULL, engine TEXT NOT NULL, params TEXT NOT NULL, seed INTEGER NOT NULL,
    raw_path TEXT NOT NULL, raw_sample_rate INTEGER NOT NULL, raw_seconds REAL NOT NULL,
    checksum TEXT NOT NULL, slot INTEGER, ring INTEGER NOT NULL DEFAULT 0, published_path TEXT,
    published_seconds REAL, published_at REAL, generate_s REAL, postprocess_s REAL,
    publish_s REAL, client TEXT NOT NULL DEFAULT '', report TEXT NOT NULL DEFAULT '{}');
INSERT INTO takes (take, created_at, job_id, prompt, engine, params, seed, raw_path,
    raw_sample_rate, raw_seconds, checksum) VALUES (1, 1.0, 'old', 'an old take', 'piper', '{}',
    5, '/a/output001.wav', 22050, 2.0, 'cd');
PRAGMA user_version = 1;
"""


def test_an_index_from_before_the_quality_gate_is_upgraded_and_keeps_its_takes(tmp_path):
    path = tmp_path / "index.sqlite"
    con = sqlite3.connect(path)
    con.executescript(V1_SCHEMA)
    con.close()
    idx = TakeIndex(path)
    try:
        old = idx.get(1)
        assert old.prompt == "an old take" and old.quality_score is None and old.quality == {}
        idx.add(record(2))
        idx.set_quality(2, 42.5, ("clipping", "hf_noise"), {"clip_ratio": 0.02})
        new = idx.get(2)
        assert (new.quality_score, new.quality_issues) == (42.5, "clipping,hf_noise")
        assert new.quality == {"clip_ratio": 0.02}
    finally:
        idx.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    con.close()


def test_variations_and_the_layer_cache_are_kept_per_slot_and_key(index):
    from fragments.index import Variation

    for take in (1, 2, 3):
        index.add(record(take))
    ranked = [Variation(4, rank, take, score, f"/p/{take}.wav", "v1")
              for rank, (take, score) in enumerate(((2, 90.0), (1, 70.0), (3, 12.0)), start=1)]
    index.set_variations(4, ranked)
    index.set_variations(5, ranked[:1])
    assert index.variations(4) == ranked and len(index.variations()) == 4
    index.set_variations(4, [])
    assert index.variations(4) == [] and len(index.variations(5)) == 1
    assert index.layer_take("k1") is None
    index.set_layer_take("k1", 2)
    index.set_layer_take("k1", 3)  # made again: the newest take holds the layer
    assert index.layer_take("k1") == 3
    with pytest.raises(KeyError):
        index.set_quality(99, 1.0, (), {})
