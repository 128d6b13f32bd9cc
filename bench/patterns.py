"""Every regular expression Threadline compiles, timed on adversarial strings of growing length.

Usage: python bench/patterns.py [--sizes 256 1024 4096 16384] [--budget 20] [--check] [--show N]

The patterns are collected, not listed: `re`'s compile step is wrapped before
Threadline is imported, the package's modules are imported, and the example
corpus goes through the whole job (ingest, analyze with one worker, resolve,
report, every export, every workbench page), so a pattern built at run time
from a data file or written inline in a function is collected too. A pattern
is Threadline's when the code that compiled it is in the `threadline` package.

Each pattern is then run (`finditer` to the end, then `fullmatch`) on every
adversarial family below at each size, in a worker process; a pattern that
uses more than `--budget` CPU seconds is ended by the kernel (RLIMIT_CPU),
reported as a hang, and its worker replaced. For each pattern the script prints the family with the worst growth:
the ratio of its time at the largest size to its time at the one before (the
sizes grow 4x, so a linear pattern shows ~4, a quadratic one ~16, a
catastrophic one hangs), and its time at the largest size.

`--check` (used by the test suite): small sizes, no table; exits 1 when a
pattern hangs. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = {
    # characters that many patterns repeat, alone and with a character that makes the match fail at the end
    "letters": ("a", "!"), "capitals": ("A", "!"), "digits": ("1", "x"), "spaces": (" ", "x"), "newlines": ("\n", "x"),
    "dots": (".", "a"), "dashes": ("-", "a"), "commas": (",", "a"), "quotes": ('"', "a"), "curly": ("“", "a"),
    "tabs-nbsp": ("\t\u00a0", "x"),
    # repeated units: words, numbers with separators, names, dates, markup
    "words": ("said the ", "!"), "capital words": ("Aa ", "1"), "initials": ("A. ", "1"), "titled": ("Mr Aa ", "1"),
    "numbers": ("1,", "x"), "decimals": ("1.1 ", "x"), "digit words": ("1 a ", "!"), "ranges": ("1-", "x"),
    "money": ("$1 ", "x"), "percents": ("1% ", "x"), "hyphen words": ("a-", "!"), "apostrophes": ("a'", "!"),
    "dates": ("1 May ", "x"), "years": ("2024 ", "x"), "urls": ("http://a.b/", " "), "tags": ("<a>", "<"),
    "mixed space": (" \n ", "x"), "quote open": ("“a ", "x"), "parens": ("(a ", "x"),
}


def collect() -> dict[tuple[str, int], int]:
    """Every (pattern, flags) that Threadline code compiles while doing its whole job, with the longest text
    it was run on then (0: compiled, not run on the example corpus)."""
    import re as re_module

    longest: dict[tuple[str, int], int] = {}
    original = re_module._compile  # type: ignore[attr-defined]

    def recording(pattern, flags):  # type: ignore[no-untyped-def]
        compiled = original(pattern, flags)
        if isinstance(pattern, str) and _from_threadline():
            key = (pattern, int(flags))
            longest.setdefault(key, 0)
            return _Watched(compiled, key, longest)
        return compiled

    re_module._compile = recording  # type: ignore[attr-defined]
    try:
        _exercise()
    finally:
        re_module._compile = original  # type: ignore[attr-defined]
    return longest


class _Watched:
    """A compiled pattern that notes the longest text each of its matching methods is given."""

    def __init__(self, compiled: re.Pattern[str], key: tuple[str, int], longest: dict[tuple[str, int], int]) -> None:
        self._compiled, self._key, self._longest = compiled, key, longest

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._compiled, name)

    def _note(self, string: str, pos: int = 0, endpos: int | None = None) -> None:
        end = len(string) if endpos is None else min(endpos, len(string))
        self._longest[self._key] = max(self._longest[self._key], end - pos)

    def match(self, string, pos=0, endpos=sys.maxsize):  # type: ignore[no-untyped-def]
        self._note(string, pos, endpos)
        return self._compiled.match(string, pos, endpos)

    def search(self, string, pos=0, endpos=sys.maxsize):  # type: ignore[no-untyped-def]
        self._note(string, pos, endpos)
        return self._compiled.search(string, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):  # type: ignore[no-untyped-def]
        self._note(string, pos, endpos)
        return self._compiled.fullmatch(string, pos, endpos)

    def finditer(self, string, pos=0, endpos=sys.maxsize):  # type: ignore[no-untyped-def]
        self._note(string, pos, endpos)
        return self._compiled.finditer(string, pos, endpos)

    def findall(self, string, pos=0, endpos=sys.maxsize):  # type: ignore[no-untyped-def]
        self._note(string, pos, endpos)
        return self._compiled.findall(string, pos, endpos)

    def sub(self, repl, string, count=0):  # type: ignore[no-untyped-def]
        self._note(string)
        return self._compiled.sub(repl, string, count)

    def subn(self, repl, string, count=0):  # type: ignore[no-untyped-def]
        self._note(string)
        return self._compiled.subn(repl, string, count)

    def split(self, string, maxsplit=0):  # type: ignore[no-untyped-def]
        self._note(string)
        return self._compiled.split(string, maxsplit)


def _from_threadline() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module.startswith("threadline"):
            return True
        if not (module == "re" or module.startswith(("re.", "functools", "enum", "sre_"))):
            return False
        frame = frame.f_back  # type: ignore[assignment]
    return False


def _exercise() -> None:
    import importlib
    import pkgutil

    import threadline

    for info in pkgutil.walk_packages(threadline.__path__, "threadline."):
        if not info.name.endswith(("__main__", "ray_engine")):
            importlib.import_module(info.name)
    import asyncio

    import httpx

    from threadline import config
    from threadline.serve.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        cfg = config.load(None, overrides={"analyze.workers": 1})
        with threadline.open(Path(tmp) / "p.db", config=cfg) as corpus:
            corpus.run([str(ROOT / "examples" / "corpus")], report=str(Path(tmp) / "r.html"))
            for fmt in ("json", "csv", "graphml", "ftm"):
                corpus.export(Path(tmp) / f"e.{fmt}", fmt)
            asyncio.run(_pages(httpx.ASGITransport(app=create_app(corpus.path))))


async def _pages(transport) -> None:  # type: ignore[no-untyped-def]
    import httpx

    async with httpx.AsyncClient(transport=transport, base_url="http://workbench") as client:
        doc = (await client.get("/documents.json")).json()["documents"][0]["id"]
        entity = (await client.get("/entities.json")).json()["entities"][0]["id"]
        for path in ("/", "/documents", f"/documents/{doc}", f"/documents/{doc}?hl=0-40", "/entities", f"/entities/{entity}",
                     "/figures", "/timeline", "/network", "/map", "/stories", "/sources", "/rejected", "/search?q=recruiters"):
            (await client.get(path)).raise_for_status()


def attack(unit: str, tail: str, size: int) -> str:
    return unit * max(1, size // len(unit)) + tail


def _measure(pattern: str, flags: int, sizes: list[int], repeats: int) -> dict[str, list[float]]:
    """CPU seconds per family and size (the best of `repeats`), so other work on the machine counts little."""
    compiled = re.compile(pattern, flags)
    times: dict[str, list[float]] = {}
    for family, (unit, tail) in FAMILIES.items():
        row = []
        for size in sizes:
            text = attack(unit, tail, size)
            best = float("inf")
            for _ in range(repeats):
                started = time.process_time()
                for _ in compiled.finditer(text):
                    pass
                compiled.fullmatch(text)
                best = min(best, time.process_time() - started)
                if best > 0.5:
                    break
            row.append(best)
        times[family] = row
    return times


def _worker(conn, sizes: list[int], repeats: int, budget: float) -> None:  # type: ignore[no-untyped-def]
    """Measures the patterns it is sent. Each may use `budget` CPU seconds: past that the kernel ends the
    worker (RLIMIT_CPU), so the guard holds however busy the machine is, even inside a C-level match."""
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    while True:
        job = conn.recv()
        if job is None:
            return
        usage = resource.getrusage(resource.RUSAGE_SELF)
        limit = int(usage.ru_utime + usage.ru_stime + budget) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (limit, resource.RLIM_INFINITY))
        conn.send(_measure(*job, sizes, repeats))


def measure_all(patterns: list[tuple[str, int]], sizes: list[int], budget: float, repeats: int = 3, progress: bool = False):  # type: ignore[no-untyped-def]
    """Yield (pattern, flags, times by family or None for a hang), each pattern in a worker with a CPU-time guard."""
    ctx = get_context("spawn")
    worker = conn = None
    for i, (pattern, flags) in enumerate(patterns):
        if worker is None:
            conn, child = ctx.Pipe()
            worker = ctx.Process(target=_worker, args=(child, sizes, repeats, budget), daemon=True)
            worker.start()
            child.close()  # the worker's end: once it dies, `recv` here raises EOFError instead of waiting
        if progress:
            print(f"\r{i + 1}/{len(patterns)}", end="", file=sys.stderr, flush=True)
        conn.send((pattern, flags))
        try:
            yield pattern, flags, conn.recv()  # the worker answers, or dies at its CPU limit (EOFError)
            continue
        except EOFError:
            pass
        worker.join()
        worker = None
        yield pattern, flags, None
    if worker is not None:
        conn.send(None)
        worker.join()
    if progress:
        print(file=sys.stderr)


FLOOR = 2e-4  # seconds: below this a time is mostly the clock's and the call's own cost


def growth(times: dict[str, list[float]]) -> tuple[str, float, float]:
    """The family whose time grows the most from the second-largest to the largest size: (family, ratio, seconds).
    Times under `FLOOR` count as `FLOOR`, so a pattern that stays fast shows a ratio near 1."""
    def ratio(row: list[float]) -> float:
        return max(row[-1], FLOOR) / max(row[-2], FLOOR) if len(row) > 1 else 1.0

    family = max(times, key=lambda f: (ratio(times[f]), times[f][-1]))
    return family, ratio(times[family]), times[family][-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[256, 1024, 4096, 16384])
    parser.add_argument("--budget", type=float, default=20.0, help="CPU seconds per pattern before it counts as a hang")
    parser.add_argument("--check", action="store_true", help="small sizes, no table; exit 1 when a pattern hangs")
    parser.add_argument("--show", type=int, default=25, help="patterns to print, worst growth first")
    args = parser.parse_args(argv)
    sizes = [256, 1024] if args.check else args.sizes
    longest = collect()
    patterns = list(longest)
    print(f"patterns: {len(patterns)} compiled by threadline; families: {len(FAMILIES)}; sizes: {sizes}")
    hung, rows = [], []
    repeats = 1 if args.check else 3
    for pattern, flags, times in measure_all(patterns, sizes, args.budget, repeats, progress=not args.check):
        if times is None:
            hung.append(pattern)
            print(f"HANG (> {args.budget:g} CPU s): {pattern!r}")
        else:
            rows.append((growth(times), pattern, longest[pattern, flags]))
    if not args.check:
        rows.sort(key=lambda r: (r[0][1], r[0][2]), reverse=True)
        print("growth: time at the largest size / time at the one before (4x longer); longest text: the longest")
        print("string the pattern was given while the example corpus went through the whole job")
        print(f"{'growth':>7} {'ms at ' + str(sizes[-1]):>12} {'longest text':>12}  family         pattern")
        for (family, ratio, seconds), pattern, seen in rows[: args.show]:
            shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."
            print(f"{ratio:7.1f} {seconds * 1000:12.2f} {seen:12d}  {family:<14} {shown!r}")
        quadratic = [r for r in rows if r[0][1] > 8]
        print(f"patterns growing faster than linearly (growth > 8): {len(quadratic)}, of which run on whole texts "
              f"(longest text > 1,000 characters): {sum(1 for r in quadratic if r[2] > 1000)}")
        worst = max((r[0][2] for r in rows), default=0.0)
        print(f"slowest pattern at {sizes[-1]} characters: {worst * 1000:.1f} ms; hangs: {len(hung)}")
    else:
        print(f"checked {len(rows)} patterns; hangs: {len(hung)}")
    return 1 if hung else 0


if __name__ == "__main__":
    sys.exit(main())
