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
