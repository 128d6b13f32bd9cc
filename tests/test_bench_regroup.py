"""bench/regroup.py on the workbench store: each step grouped again on a copy, its figures printed, the store
left as it was (figures printed, not asserted: speed and memory are measured by the benchmark, never by a test)."""

from __future__ import annotations

import hashlib
import re

import pytest

from .conftest import bench_script


@pytest.mark.parametrize("step", ["happenings", "quantities", "stories"])
def test_regroup_bench_groups_a_copy_again_as_the_store_holds_it(workbench, capsys, step):
    module = bench_script("regroup")
    before = hashlib.sha256(workbench["db"].read_bytes()).hexdigest()
    stored = module.digest(workbench["db"], step)
    assert module.main([str(workbench["db"]), "--step", step]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"^{step}: [\d.]+ s of CPU, peak RSS \d+ MB \(\d+ MB before the step\)$", out, re.MULTILINE)
    # grouped again from scratch, the copy's tables are the ones the store holds, and the store is untouched
    assert f"digest: {stored}" in out
    assert hashlib.sha256(workbench["db"].read_bytes()).hexdigest() == before


def test_regroup_bench_refuses_a_missing_store(tmp_path, capsys):
    assert bench_script("regroup").main([str(tmp_path / "none.db"), "--step", "happenings"]) == 2
    assert "no store" in capsys.readouterr().err
