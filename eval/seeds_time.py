"""Check what a reader sees of time on a folder of articles: no raw TimeML code, and captures dated from the text.

Usage: python eval/seeds_time.py SEEDS_DIR

The articles are run into a temporary store. Then every view a reader meets
is rendered: `threadline timeline`, `threadline figures`, the HTML and
Markdown reports, the workbench's timeline, figures and document pages, and
the export's labels (`time.words`, `as_of_words`, timex `words`, quantity
findings). A page is checked as shown: its markup and attributes, not the
JSON handed to its scripts, which carries each TimeML value beside its words. Printed: each raw code found in them (an underspecified date such
as `XXXX-WXX-7` or `XXXX-08`, an ISO week `2024-W12`, a quarter `2023-Q3`, a
duration `P1Y`, a `_REF`), with its view; then every capture event with its
date, the date's source and its words, and the figures' as-of dates by source.
Exit status 1 when a raw code was found.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tempfile
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

import threadline
from threadline.cli import main as cli

SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)
RAW = re.compile(r"XXXX[-\w]*|\b\d{4}-W\d{2}(?:-\w+)?\b|\b\d{4}-Q[1-4]\b|\b\d{4}-H[12]\b|\bP(?:T)?\d+[YMWDH]\b|\b[A-Z]+_REF\b")


def _cli(db: str, *argv: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        cli(["--db", db, *argv])
    return out.getvalue()


def _pages(db: Path) -> dict[str, str]:
    from fastapi.testclient import TestClient

    from threadline.serve.app import create_app

    client = TestClient(create_app(db))
    paths = ["/", "/timeline", "/figures"] + [f"/documents/{d['id']}" for d in client.get("/documents.json").json().get("documents", [])]
    # what the page shows: its markup and attributes, not the data handed to its scripts (values beside their words)
    return {path: SCRIPT.sub("", client.get(path).text) for path in paths}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("seeds_dir")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.db"
        with threadline.open(db) as corpus:
            corpus.run([args.seeds_dir], report=str(Path(tmp) / "report.html"))
        views = {"timeline (CLI)": _cli(str(db), "timeline"), "figures (CLI)": _cli(str(db), "figures")}
        for fmt in ("html", "md"):
            _cli(str(db), "report", "--format", fmt, "-o", str(Path(tmp) / f"report.{fmt}"))
            views[f"report ({fmt})"] = (Path(tmp) / f"report.{fmt}").read_text("utf-8")
        _cli(str(db), "export", "--format", "json", "-o", str(Path(tmp) / "export.json"))
        data = json.loads((Path(tmp) / "export.json").read_text("utf-8"))
        views["export labels"] = "\n".join(
            [e["time"]["words"] for e in data["events"]] + [f["as_of_words"] for f in data["figures"]]
            + [t["words"] for t in data["timexes"]] + [f["text"] for q in data["quantities"] for f in q["findings"]]
        )
        try:
            views.update({f"page {path}": html for path, html in _pages(db).items()})
        except ImportError as exc:  # the workbench's extras are not installed
            print(f"pages not checked: {exc}")
    found = 0
    for view, text in views.items():
        for m in sorted(set(RAW.findall(text))):
            found += 1
            print(f"raw date code in {view}: {m}")
    print(f"views checked: {len(views)}; raw date codes: {found}")
    print("== captures")
    for e in data["events"]:
        if e["type"] == "capture":
            t = e["time"]
            print(f"  {e['id']}  [{e['trigger']['text']}]  {t['value']} from {t['fallback']}: {t['words']}")
    print("== figures' as-of sources:", dict(Counter(f["as_of_source"] for f in data["figures"])))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
