"""bench/components.py on two articles of the example corpus: every component is timed on its own (a
figure printed, not asserted: speed is measured by the benchmark, never by a test)."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import bench_script

ROOT = Path(__file__).resolve().parent.parent


def test_components_bench_times_each_component_alone(capsys):
    module = bench_script("components")
    assert module.main([str(ROOT / "examples" / "corpus"), "--limit", "2", "--repeat", "2", "--only", "events", "coreference"]) == 0
    out = capsys.readouterr().out
    assert re.match(r"[1-9]\d* English documents, parsed once", out)
    timed = re.findall(r"^  (\w+) +[\d.]+ s   \(([\d.]+), ([\d.]+)\)$", out, re.MULTILINE)
    assert [name for name, *_ in timed] == ["coreference", "events"]  # pipeline order, only those asked for


def test_components_bench_samples_where_the_time_goes(capsys):
    module = bench_script("components")
    assert module.main([str(ROOT / "examples" / "corpus"), "--limit", "2", "--repeat", "1", "--only", "coreference", "--sample", "5"]) == 0
    out = capsys.readouterr().out
    head, _, listing = out.partition("CPU-time samples with the function on the stack:\n")
    assert re.search(r"share of \d+ $", head)
    rows = re.findall(r"^  +([\d.]+)%  (\S+\.py):\d+\((\w+|<\w+>)\)$", listing, re.MULTILINE)
    assert 0 < len(rows) <= 5
    shares = [float(share) for share, *_ in rows]
    assert shares == sorted(shares, reverse=True) and shares[0] <= 100
