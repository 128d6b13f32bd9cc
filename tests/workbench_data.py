"""A hostile document for the workbench tests, and hand-made records of every kind planted on it.

The article's title, outlet, author, URL and text carry script tags, attribute
break-outs and `javascript:` URLs; the rejected input's file name does too.
The records follow the stored schemas of attributions, timexes, figures,
events and indicators, so every page has something of each kind to show.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from threadline.pipeline import Record, make_record, record_id
from threadline.store import Store, dumps

HOSTILE_TEXT = (
    "Recruiters in Tashkent <script>alert('text')</script> promised jobs abroad to young men from the Fergana valley.\n\n"
    "The Uzbek prosecutor Alisher Karimov said on Monday that at least 40 men had been sent to Russia after answering online ads.\n\n"
    "“They took our passports,” one returning worker told the Steppe Courier. \"><img src=x onerror=alert(4)>\n\n"
    "A leaflet urged readers to visit javascript:alert(5) for details, and another read <a href=\"javascript:alert(6)\">apply</a>.\n\n"
    "Uzbekistan said about 1,500 of its citizens had signed contracts in Russia since January.\n"
)
HOSTILE = {
    "text": HOSTILE_TEXT,
    "title": '<script>alert("title")</script>Recruiters "><img src=x onerror=alert(1)> in Tashkent',
    "url": "javascript:alert(document.domain)",
    "outlet": '"><svg onload=alert(2)>',
    "author": "<img src=x onerror=alert(3)>",
    "published": "2024-05-14",
}
HOSTILE_FILE_NAME = '"><img src=x onerror=alert(7)>.pdf'
PLANTED_KINDS = ("attribution", "timex", "figure", "event", "indicator")


def write_hostile_inputs(folder: Path) -> Path:
    """The hostile article as a JSON line, and a PDF with a hostile name (rejected at ingest)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.jsonl").write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    (folder / HOSTILE_FILE_NAME).write_bytes(b"%PDF-1.4 not an article")
    return folder


def _span(text: str, part: str, after: str = "") -> tuple[int, int]:
    start = text.index(part, text.index(after) if after else 0)
    return start, start + len(part)


def attribution(text: str, span: tuple[int, int], data: dict) -> Record:
    """An attribution record (its data has a `kind` key, which `make_record` takes as the record kind)."""
    checked = make_record("attribution", text, *span)
    return Record("attribution", checked.start, checked.end, data)


def hostile_doc_id(store: Store) -> str:
    return store.scalar("SELECT id FROM documents WHERE title = ?", (HOSTILE["title"],))


def plant_records(store: Store) -> dict[str, str]:
    """Replace the hostile document's records of the later kinds with hand-made ones; return their ids by name."""
    doc = hostile_doc_id(store)
    text = store.scalar("SELECT text FROM documents WHERE id = ?", (doc,))

    def mention_seq(surface: str, after: str = "") -> int | None:
        s, e = _span(text, surface, after)
        return store.scalar("SELECT seq FROM records WHERE doc_id = ? AND kind = 'mention' AND start <= ? AND end >= ?", (doc, s, e))

    t_monday, t_january = _span(text, "on Monday"), _span(text, "since January")
    timexes = [
        make_record("timex", text, *t_monday, type="date", value="2024-05-13", precision="day", anchor="2024-05-14", resolved=True),
        make_record("timex", text, *t_january, type="date", value="2024-01", precision="month", anchor="2024-05-14", resolved=True),
    ]
    karimov = _span(text, "The Uzbek prosecutor Alisher Karimov")
    said = _span(text, "said", "Karimov")
    claim = _span(text, "at least 40 men had been sent to Russia after answering online ads")
    quote = _span(text, "“They took our passports,”")
    told = _span(text, "told", "passports")
    worker = _span(text, "one returning worker")
    attributions = [
        attribution(text, claim, {"kind": "indirect", "cue": list(said), "source": list(karimov),
                                  "source_mention": mention_seq("Alisher Karimov"), "resolved": True, "parent": None}),
        attribution(text, quote, {"kind": "direct", "cue": list(told), "source": list(worker),
                                  "source_mention": None, "resolved": False, "parent": None}),
    ]
    forty, fifteen_hundred = _span(text, "at least 40"), _span(text, "about 1,500")
    measure = "people sent from Uzbekistan to fight for Russia"
    figures = [
        make_record("figure", text, *forty, value=40, low=None, high=None, unit="people", qualifier="at least",
                    measure=list(_span(text, "men had been sent to Russia")), measure_text="men sent to Russia",
                    measure_key=measure, currency=None, usd=None, timex=0),
        make_record("figure", text, *fifteen_hundred, value=1500, low=None, high=None, unit="people", qualifier="about",
                    measure=list(_span(text, "citizens had signed contracts")), measure_text="citizens who signed contracts",
                    measure_key=measure, currency=None, usd=None, timex=1),
    ]
    sent_sentence = _span(text, "The Uzbek prosecutor Alisher Karimov said on Monday that at least 40 men had been sent to Russia after answering online ads.")
    signed_sentence = _span(text, "Uzbekistan said about 1,500 of its citizens had signed contracts in Russia since January.")
    russia_1, russia_2 = _span(text, "Russia", "sent to"), _span(text, "Russia", "contracts in")
    uzbekistan = _span(text, "Uzbekistan")
    events = [
        make_record("event", text, *sent_sentence, type="deployment", trigger=list(_span(text, "sent", "had been")),
                    args={"patient": {"start": forty[0], "end": forty[1] + 4, "mention": None},
                          "destination": {"start": russia_1[0], "end": russia_1[1], "mention": mention_seq("Russia", "sent to")}},
                    time={"value": "2024-05-13", "precision": "day", "fallback": "timex"}, modality="reported"),
        make_record("event", text, *signed_sentence, type="recruitment", trigger=list(_span(text, "signed contracts")),
                    args={"origin": {"start": uzbekistan[0], "end": uzbekistan[1], "mention": mention_seq("Uzbekistan")},
                          "destination": {"start": russia_2[0], "end": russia_2[1], "mention": mention_seq("Russia", "contracts in")}},
                    time={"value": "2024-01", "precision": "month", "fallback": "timex"}, modality="reported"),
    ]
    indicators = [
        make_record("indicator", text, *_span(text, "took our passports"), indicator="ilo.retention_of_documents",
                    label="Retention of identity documents", event=None),
        make_record("indicator", text, *_span(text, "online ads"), indicator="channel.online_ads",
                    label="Recruitment channel: online advertising", event=0),
    ]
    planted = {"timex": timexes, "attribution": attributions, "figure": figures, "event": events, "indicator": indicators}
    with store.transaction() as db:
        for kind, records in planted.items():
            db.execute("DELETE FROM records WHERE doc_id = ? AND kind = ?", (doc, kind))
            for seq, rec in enumerate(records):
                db.execute(
                    "INSERT INTO records(doc_id, kind, seq, start, end, component, version, data) VALUES (?,?,?,?,?,?,?,?)",
                    (doc, kind, seq, rec.start, rec.end, "planted", 1, dumps(rec.data)),
                )
        db.execute("INSERT OR IGNORE INTO claims_pending(doc_id) VALUES (?)", (doc,))  # as the analyze stage's writer marks it
    return {
        "doc": doc,
        "figure": record_id("figure", doc, 0),
        "quote": record_id("attribution", doc, 1),
        "claim": record_id("attribution", doc, 0),
        "event": record_id("event", doc, 1),
        "indicator": record_id("indicator", doc, 0),
    }


class Client:
    """In-process HTTP against the workbench app (httpx over ASGI), synchronous for tests."""

    def __init__(self, db: Path, raise_errors: bool = True, **app_options: Any) -> None:
        from threadline.serve.app import create_app

        self.app = create_app(db, **app_options)
        self.raise_errors = raise_errors

    def get(self, path: str, **headers: str) -> Any:
        return self.request("GET", path, headers=headers)

    def request(self, method: str, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any) -> Any:
        """`kwargs` go to httpx (`content`, `data`, `cookies`)."""
        return asyncio.run(self._request(method, path, headers or {}, kwargs))

    async def _request(self, method: str, path: str, headers: dict[str, str], kwargs: dict[str, Any]) -> Any:
        import httpx

        transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=self.raise_errors)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver", cookies=kwargs.pop("cookies", None)) as client:
            return await client.request(method, path, headers=headers, **kwargs)


@contextlib.contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port in a thread; yields its base URL."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
