"""bench/own.py on two articles of the example corpus: a run's CPU time split into spaCy's and Threadline's own,
by stage and by component (figures printed, not asserted: speed is measured by the benchmark, never by a test)."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import bench_script

ROOT = Path(__file__).resolve().parent.parent


def test_own_bench_splits_a_run_into_spacy_and_threadline(capsys):
    module = bench_script("own")
    assert module.main([str(ROOT / "examples" / "corpus"), "--limit", "2", "--repeat", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("machine: ") and "2 files, 1 worker" in lines[0]
    runs = [re.search(r"run +([\d.]+) s +parse +([\d.]+) +model load ([\d.]+) +own +([\d.]+)", line) for line in lines[1:]]
    assert len(runs) == 2 and all(runs)
    for m in runs:
        run, parse, load, own = (float(x) for x in m.groups())
        assert parse > 0 and abs(run - parse - load - own) < 0.02  # own is what the run spent beyond spaCy
    assert all(re.search(r"components [\d.]+ \(mentions [\d.]+, coreference [\d.]+, attributions [\d.]+, timexes [\d.]+, figures [\d.]+, events [\d.]+\)", line) for line in lines[1:])


def test_own_bench_prints_the_sql_statements_by_cpu_time(capsys):
    module = bench_script("own")
    assert module.main([str(ROOT / "examples" / "corpus"), "--limit", "2", "--sql", "40"]) == 0
    lines = capsys.readouterr().out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("    SQL on the store's connection: "))
    total, calls = re.search(r"([\d.]+) s of CPU in (\d+) calls", lines[head]).groups()
    listed = [re.match(r" +([\d.]+) s +(\d+)x  (.+)$", line) for line in lines[head + 1 :]]
    assert 0 < len(listed) <= 40 and all(listed)
    assert sum(int(m.group(2)) for m in listed) <= int(calls) and sum(float(m.group(1)) for m in listed) <= float(total) + 0.01 * len(listed)
    seconds = [float(m.group(1)) for m in listed]
    assert seconds == sorted(seconds, reverse=True)  # the dearest first
    # the analysis writes each document's records of a kind with one statement: two documents, several kinds
    records = [m for m in listed if m.group(3).startswith("INSERT INTO records(")]
    assert len(records) == 1 and int(records[0].group(2)) >= 2
