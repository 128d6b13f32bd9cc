"""Screenshots of every workbench page at 1366 and 390 pixels wide, for a reviewer to look at.

Usage: python scripts/screenshots.py OUT_DIR [--db STORE] [--axe]

Without --db it builds a store from examples/corpus in a temporary folder. With
--axe it also runs axe-core (tests/vendor) on each page and prints its serious
and critical violations. Needs Debian's chromium and Playwright.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
WIDTHS = (1366, 390)
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"


def pages(db: Path) -> dict[str, str]:
    from threadline.store import Store

    with Store(db, readonly=True) as store:
        doc = store.scalar("SELECT id FROM documents ORDER BY published DESC, rowid LIMIT 1")
        entity = store.scalar("SELECT id FROM entities WHERE type IN ('PERSON', 'ORG', 'GPE') ORDER BY mentions DESC, id LIMIT 1")
    found = {
        "overview": "/", "search": "/search?q=Nepal", "documents": "/documents", "entities": "/entities",
        "figures": "/figures", "timeline": "/timeline", "network": "/network", "map": "/map",
        "stories": "/stories", "sources": "/sources", "rejected": "/rejected", "alerts": "/alerts", "review": "/review",
    }
    if doc:
        found["document"] = f"/documents/{doc}"
    if entity:
        found["entity"] = f"/entities/{entity}"
        found["review-form"] = f"/review/new?target={entity}"
    return found


def serve(db: Path) -> tuple[str, object, threading.Thread]:
    import uvicorn

    from threadline.serve.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("the workbench did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--axe", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            import threadline

            db = Path(tmp) / "examples.db"
            with threadline.open(db) as corpus:
                corpus.run([str(ROOT / "examples" / "corpus")], report=str(Path(tmp) / "report.html"))
        elif not db.is_file():
            print(f"no store at {db}", file=sys.stderr)
            return 2
        args.out.mkdir(parents=True, exist_ok=True)
        base, server, thread = serve(db)
        failures = 0
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                for width in WIDTHS:
                    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600, has_touch=width < 600)
                    pg = context.new_page()
                    for name, path in pages(db).items():
                        pg.goto(base + path)
                        if name == "map":
                            pg.wait_for_selector('#map[data-ready="true"]')
                        if name == "network":
                            pg.wait_for_function("window.threadlineNetwork && window.threadlineNetwork.nodes().length > 0")
                        shot = args.out / f"{name}-{width}.png"
                        pg.screenshot(path=str(shot), full_page=True)
                        overflow = pg.evaluate("document.documentElement.scrollWidth") - width
                        print(f"{shot.name}: {'wider than the screen by ' + str(overflow) + ' px' if overflow > 0 else 'fits'}")
                        if args.axe:
                            pg.evaluate(AXE.read_text("utf-8"))
                            found = pg.evaluate(
                                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                                ".filter(v => ['serious', 'critical'].includes(v.impact))"
                                ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))}))"
                            )
                            failures += len(found)
                            for v in found:
                                print("   axe:", json.dumps(v))
                    context.close()
                browser.close()
        finally:
            server.should_exit = True  # type: ignore[attr-defined]
            thread.join(timeout=10)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
