"""bench/components.py on two articles of the example corpus: every component is timed on its own (a
figure printed, not asserted: speed is measured by the benchmark, never by a test)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_components_bench_times_each_component_alone(capsys):
    spec = importlib.util.spec_from_file_location("bench_components", ROOT / "bench" / "components.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(ROOT / "examples" / "corpus"), "--limit", "2", "--repeat", "2", "--only", "events", "coreference"]) == 0
    out = capsys.readouterr().out
    assert re.match(r"[1-9]\d* English documents, parsed once", out)
    timed = re.findall(r"^  (\w+) +[\d.]+ s   \(([\d.]+), ([\d.]+)\)$", out, re.MULTILINE)
    assert [name for name, *_ in timed] == ["coreference", "events"]  # pipeline order, only those asked for
