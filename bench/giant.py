"""One giant single-line document among ordinary articles: analysed in parser windows, time and peak memory.

Usage: python bench/giant.py [--mb 20] [--window-chars 50000] [--max-document-mb M] [--work DIR]
       python bench/giant.py --mb 20 --write FOLDER   (only write the folder, to run `threadline run` on it by hand)

Writes a folder holding three short articles and one single-line text file of
--mb MiB (sentences written for this benchmark, their numbers varied so no two
windows are alike), then runs `threadline run` on it in a fresh subprocess and
prints the wall and CPU seconds (with pool workers'), the peak resident memory
(VmHWM, or the largest worker's) and the run summary; as a baseline in the same run, the same command on the folder without
the giant file. With the default `analyze.max_document_mb` (1) a 20 MiB file
is quarantined unread (R201); `--max-document-mb 32` lets it be analysed until
its time budget (`analyze.document_seconds`) quarantines it (R203). Nothing is
asserted: the figures are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "Officials in Kathmandu said on Tuesday that {n:,} workers had left for the Gulf states in {month}.",
    "The labour ministry in Dhaka reported {n:,} new work permits, a rise of {p} percent on the year.",
    "Maria Lindqvist, who chairs the Harbour Council in Tromsø, told reporters the ferries would run all winter.",
    "Rain fell across the coast overnight and forecasters expect a mild weekend inland.",
    "According to the Central Bank of Kenya, remittances reached {n:,} million shillings in {month}.",
    "Erik Dahl, a geography teacher at the University of Tromsø, said the council had met {p} times.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
ARTICLES = {
    "council.txt": "Harbour council picks a new chair\n\nMaria Lindqvist was chosen as chair of the Harbour Council in Tromsø, "
    "taking over from Erik Dahl, who stepped down after a long spell in the post.\n\nLindqvist grew up in Bergen and ran the "
    "ferry company before joining the council.\n",
    "permits.txt": "Dhaka issues more permits\n\nThe labour ministry in Dhaka said on Monday that it had issued 3,400 new work "
    "permits in March, most of them for construction jobs in Qatar and Saudi Arabia.\n\nOfficials said the figure was "
    "a rise of 12 percent on the year.\n",
    "weather.txt": "Mild week ahead with showers on the coast\n\nForecasters expect a mild week with light showers along the "
    "coast and dry, bright spells inland. Temperatures will stay close to the seasonal average.\n\nRain should clear by "
    "the weekend, when sunshine returns to most places.\n",
}


def giant_text(chars: int) -> str:
    """A single line of at least `chars` characters, no two sentences alike in their numbers."""
    parts: list[str] = []
    size, k = 0, 0
    while size < chars:
        sentence = SENTENCES[k % len(SENTENCES)].format(n=1000 + (k * 37) % 90000, p=2 + k % 40, month=MONTHS[k % 12])
        parts.append(sentence)
        size += len(sentence) + 1
        k += 1
    return " ".join(parts)


def write_folder(folder: Path, giant_chars: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    if giant_chars:
        (folder / "giant.txt").write_text(giant_text(giant_chars), encoding="utf-8")
    return folder


def _child(db: str, folder: str, window: int, max_mb: str) -> None:
    """In a fresh process: run the main job and report seconds, CPU and the high-water mark of memory."""
    os.environ["THREADLINE_ANALYZE_WINDOW_CHARS"] = str(window)
    if max_mb:
        os.environ["THREADLINE_ANALYZE_MAX_DOCUMENT_MB"] = max_mb
    from threadline.cli import cli

    t0, c0 = time.perf_counter(), _cpu()
    cli.main(["--db", db, "run", folder, "--json", "-o", db + ".html"], prog_name="threadline", standalone_mode=False)
    took, cpu = time.perf_counter() - t0, _cpu() - c0
    hwm = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": took, "cpu": cpu, "peak_mb": max(hwm / 1024, workers)}), file=sys.stderr)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (pool workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(work: Path, name: str, giant_chars: int, window: int, max_mb: str) -> dict[str, float]:
    folder = write_folder(work / name, giant_chars)
    db = work / f"{name}.db"
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(db), str(folder), str(window), max_mb], capture_output=True, text=True, check=True
    )
    summary = json.loads(proc.stdout)
    figures = json.loads(proc.stderr.strip().splitlines()[-1])
    print(f"{name}: {figures['seconds']:.1f} s wall, {figures['cpu']:.1f} s CPU, peak {figures['peak_mb']:.0f} MB; "
          f"analyze {summary['stages']['analyze']}")
    return figures


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--window-chars", type=int, default=50_000)
    ap.add_argument("--max-document-mb", default="", help="analyze.max_document_mb for both runs (default: the configured one)")
    ap.add_argument("--work", default=None)
    ap.add_argument("--write", default=None, help="only write the folder here")
    args = ap.parse_args()
    chars = int(args.mb * 2**20)
    if args.write:
        print(f"wrote {write_folder(Path(args.write), chars)}: three articles and giant.txt, {chars:,} characters on one line")
        return
    work = Path(args.work or tempfile.mkdtemp(prefix="giant-"))
    print(f"giant document: {chars:,} characters on one line, windows of {args.window_chars:,}; work in {work}")
    base = measure(work, "baseline", 0, args.window_chars, args.max_document_mb)
    big = measure(work, "giant", chars, args.window_chars, args.max_document_mb)
    print(f"giant / baseline: {big['cpu'] / base['cpu']:.1f}x CPU, {big['seconds'] / base['seconds']:.1f}x wall, "
          f"{big['peak_mb'] / base['peak_mb']:.2f}x peak memory; the giant document at "
          f"{(big['cpu'] - base['cpu']) / (chars / 2**20):.0f} CPU s per MiB")


if __name__ == "__main__":
    main()
