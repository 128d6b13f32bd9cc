"""bench/run.py with --repeat on a small corpus written here: bare nlp.pipe and the run take turns, and the end gives
each side's runs, median and minimum, and the ratios (figures printed, not asserted: speed is measured by the
benchmark, never by a test)."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import bench_script

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "a.txt": "Harbour cranes stood idle on Tuesday as the strike at the northern port entered its third day.\n\n"
    "The port authority said 14 ships were waiting offshore, and a spokesman, Dara Quill, told reporters that the "
    "queue would clear by Friday if the talks went well. He added that the dockers had been offered a new contract.\n\n"
    "The union has not said whether it will accept the offer, which its members will discuss on Thursday.",
    "b.txt": "The county council approved a budget of 3.2 million pounds for the new library on Monday evening.\n\n"
    "Councillor Ines Marrow said the building would open next spring, two years later than first planned. She called "
    "the delay regrettable but said the design had been improved.\n\n"
    "Residents who spoke at the meeting asked for longer opening hours and a reading room for the schools nearby.",
}


def bench(corpus: Path):
    """bench/run.py loaded as a module, with the articles above written under `corpus`."""
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, "utf-8")
    return bench_script("run")


def test_run_bench_takes_turns_and_summarises(tmp_path, capsys):
    module = bench(tmp_path)
    assert module.main([str(tmp_path), "--workers", "1", "--repeat", "2"]) == 0
    out = capsys.readouterr().out
    assert "corpus: 2 files, 2 English documents" in out
    turns = re.findall(r"^(bare nlp\.pipe|run, 1 worker): .* load average [\d.]+, steal [\d.]+ s$", out, re.MULTILINE)
    assert turns == ["bare nlp.pipe", "run, 1 worker", "run, 1 worker", "bare nlp.pipe"]  # bare first, then last
    batches = re.findall(
        r"^    CPU of each batch of 32: ([\d. ]+) s; threads (\d+) \(all but the main one: [\d.]+ s\); cyclic collector ([\d.]+) s;"
        r" peak RSS \d+ MB, minor page faults \d+$", out, re.MULTILINE,
    )
    assert len(batches) == 2 and all(len(times.split()) == 1 and int(threads) >= 1 for times, threads, _ in batches)  # two texts: one batch
    for side in ("bare nlp.pipe", "run, 1 worker"):
        m = re.search(rf"^{side}, 2 runs: wall ([\d.]+) ([\d.]+) s \(median ([\d.]+), min ([\d.]+)\); CPU .*\(median [\d.]+, min [\d.]+\)$", out, re.MULTILINE)
        assert m, side
        a, b, _median, least = (float(x) for x in m.groups())
        assert least == min(a, b)
    assert re.search(r"ratio to bare of the minimums: wall [\d.]+, CPU [\d.]+; of the medians: wall [\d.]+, CPU [\d.]+ \(target >= 0\.8\)$", out, re.MULTILINE)


def test_run_bench_one_round_keeps_its_stage_lines(tmp_path, capsys):
    module = bench(tmp_path)
    assert module.main([str(tmp_path), "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^run, 1 worker: .* ratio to bare [\d.]+ \(target >= 0\.8\), by CPU time [\d.]+$", out, re.MULTILINE)
    assert re.search(r"^    stages: ingest [\d.]+ s \(\d+%\), analyze [\d.]+ s", out, re.MULTILINE)
    assert "runs: wall" not in out  # no summary for one round
