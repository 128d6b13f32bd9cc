"""The scale benchmarks' generator (bench/synth.py) keeps working: cloned records verify and `resolve` runs on them.

Builds a base from two example articles with the real pipeline, clones 200
documents from it, and checks them; no timings are asserted.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from types import ModuleType

import pytest

import threadline

from .conftest import bench_script

ROOT = Path(__file__).resolve().parents[1]
FILES = [
    ROOT / "examples" / "corpus" / "nepal-recruits-kathmandu-ledger.txt",
    ROOT / "examples" / "corpus" / "russia-contract-recruits-231000-frontline-digest.txt",
]


def _synth() -> ModuleType:
    return bench_script("synth")


@pytest.fixture(scope="module")
def synth() -> ModuleType:
    return _synth()


@pytest.fixture(scope="module")
def base(synth: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synth.build_base(tmp_path_factory.mktemp("base"), files=FILES)  # the real pipeline, once


def test_cloned_store_verifies_and_resolves(synth: ModuleType, base: Path, tmp_path: Path) -> None:
    store = tmp_path / "cloned.db"
    stats = synth.write_store(store, 200, 7, base)  # every record is checked as it is cloned
    assert stats["documents"] == 200
    for edit in ("names replaced", "figures changed", "words replaced", "mentions dropped", "copys", "rewrites"):
        assert stats[edit] > 0, edit
    checked = synth.verify_store(store)
    assert checked["documents checked"] == 200
    assert checked["records checked"] > 200 * 20
    assert checked["documents analyze would re-run"] == 0
    with threadline.open(store) as corpus:
        counts = corpus.resolve()
        assert counts["entities"] > 0 and counts["quantities"] > 0
        assert corpus.store.scalar("SELECT count(*) FROM stories") > 0
    # deterministic, and a shorter run is a prefix of a longer one
    db = sqlite3.connect(store)
    stored = [r[0] for r in db.execute("SELECT id FROM documents ORDER BY rowid LIMIT 40")]
    db.close()
    again = [d.id for d in synth.generate(synth.Corpus(synth.load_bases(base)), 40, 7)]
    assert again == stored


def test_a_moved_offset_is_caught(synth: ModuleType, base: Path, tmp_path: Path) -> None:
    store = tmp_path / "cloned.db"
    synth.write_store(store, 5, 1, base)
    db = sqlite3.connect(store)
    doc, seq = db.execute("SELECT doc_id, seq FROM records WHERE kind = 'mention' LIMIT 1").fetchone()
    db.execute("UPDATE records SET start = start - 1 WHERE doc_id = ? AND kind = 'mention' AND seq = ?", (doc, seq))
    db.commit()
    db.close()
    try:
        synth.verify_store(store)
    except AssertionError:
        return
    raise AssertionError("verify_store accepted a mention whose start was moved")


def test_the_aggregates_benchmark_reads_the_computed_graph_from_the_store(synth: ModuleType, base: Path, tmp_path: Path, capsys) -> None:
    """bench/aggregates.py on a resolved cloned store: the graph read from the co-occurrence aggregate
    and the timeline page read from the happenings (built from scratch there) are the ones computed from
    every mention and every event, and each read is timed three ways."""
    store = tmp_path / "cloned.db"
    synth.write_store(store, 200, 3, base)
    with threadline.open(store) as corpus:
        corpus.resolve()
    module = bench_script("aggregates")
    assert module.main([str(store)]) == 0
    out = capsys.readouterr().out
    assert "store: 200 documents" in out and out.count("report ") == 3
    assert "happenings: the latest 2 documents redone" in out and "rows unchanged: True" in out
    assert "graph read from the aggregate == computed graph: True" in out
    assert "timeline page read from the happenings == computed timeline page: True" in out
