"""Article-text extraction quality on the ScrapingHub article-extraction benchmark.

Usage: python eval/extraction.py DATA_DIR   (DATA_DIR holds ground-truth.json and html/)

Scores Threadline's HTML path (trafilatura + Threadline's cleaning) and bare
trafilatura side by side, the way the benchmark does: word 4-gram shingles of
the extracted body against `articleBody`, precision and recall per article,
averaged over articles, F1 from the averages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

from threadline.clean import clean_text
from threadline.metadata import from_html

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall((text or "").lower())
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def prf(true: str, pred: str) -> tuple[float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    precision = tp / sum(p.values()) if p else (1.0 if not t else 0.0)
    recall = tp / sum(t.values()) if t else 1.0
    return precision, recall


def threadline_body(html: str, url: str) -> str:
    extracted = from_html(html, url=url)
    return clean_text(extracted["text"]).text if extracted else ""


def bare_trafilatura(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="folder with ground-truth.json and html/ID.html.gz")
    args = ap.parse_args(argv)
    truth = json.loads((args.data / "ground-truth.json").read_text("utf-8"))
    systems = {"threadline": threadline_body, "trafilatura (bare)": bare_trafilatura}
    scores: dict[str, list[tuple[float, float]]] = {name: [] for name in systems}
    for key, item in sorted(truth.items()):
        raw = gzip.decompress((args.data / "html" / f"{key}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        for name, fn in systems.items():
            scores[name].append(prf(item["articleBody"], fn(html, item.get("url"))))
    print(f"article extraction, {len(truth)} pages ({args.data})")
    print(f"{'system':<22}{'precision':>10}{'recall':>10}{'F1':>10}")
    for name, values in scores.items():
        p = statistics.mean(v[0] for v in values)
        r = statistics.mean(v[1] for v in values)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<22}{p:>10.3f}{r:>10.3f}{f:>10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
