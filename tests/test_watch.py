"""`threadline watch` against a local HTTP server: feeds, a sitemap, pages that fail in every usual way, versions, resuming, alerts and the webhook."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import threadline
from threadline import alerts, config, watchlist
from threadline.fetch import Fetcher, FetchSettings
from threadline.watch import Watcher, seconds

FAST = {"timeout": 0.4, "retries": 0, "backoff": 0.01, "host_delay": 0.0, "max_mb": 1, "max_redirects": 3}


def page(title: str, *paragraphs: str, published: str = "2024-06-03") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{published}T09:00:00+00:00"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


ARTICLES = {
    "/news/kathmandu.html": page(
        "Nepal asks Moscow to return its citizens",
        "Nepal's foreign ministry said on Monday that 200 Nepali citizens were serving in the Russian army and asked Moscow to send them home.",
        "“We want our people back with their families,” Foreign Minister Narayan Prakash Saud told reporters in Kathmandu.",
        "Relatives of the recruits said manpower agents had promised the men jobs as security guards in Moscow.",
    ),
    "/news/delhi.html": page(
        "India says recruits were misled",
        "India's external affairs ministry said on Tuesday that agents had misled Indian nationals into joining the Russian army as helpers.",
        "The ministry said 35 Indian nationals had been recruited through agents who promised them well paid work abroad.",
        "Officials said the government was pressing Moscow for the early discharge of every Indian citizen in the army.",
        published="2024-06-04",
    ),
    "/private/memo.html": page(
        "An internal memo",
        "This page sits under a path that the robots file disallows, so a polite crawler never fetches it at all, whatever it says.",
        "It talks about recruiters and contracts at length so that it would be long enough to keep if it were ever fetched.",
    ),
    "/news/colombo.html": page(
        "Sri Lanka counts its citizens in the war",
        "Sri Lanka's defence ministry said on Wednesday that 455 Sri Lankans had joined the Russian army through illegal recruiters.",
        "Police said they had arrested two retired soldiers accused of running the recruitment ring from Colombo.",
        published="2024-06-05",
    ),
}


def rss(*paths: str) -> bytes:
    items = "".join(f"<item><title>{p}</title><link>{{base}}{p}</link><pubDate>Mon, 03 Jun 2024 09:00:00 GMT</pubDate></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>{{base}}/</link>{items}</channel></rss>'.encode()


class Site:
    """Mutable routes served by a threaded http.server on 127.0.0.1 at an ephemeral port."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = dict(ARTICLES)
        self.pages["/robots.txt"] = b"User-agent: *\nDisallow: /private/\n"
        self.pages["/feed.xml"] = rss("/news/kathmandu.html", "/private/memo.html", "/missing.html", "/slow.html", "/loop/a")
        self.pages["/bad.xml"] = b"<rss><channel><item><title>broken"
        self.pages["/sitemap.xml"] = (
            b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            b"<url><loc>{base}/news/delhi.html</loc><news:news><news:publication_date>2024-06-04</news:publication_date>"
            b"<news:title>India says recruits were misled</news:title></news:news></url></urlset>"
        )
        self.hits: dict[str, int] = {}
        self.hook: list[tuple[dict[str, str], bytes]] = []
        self.hook_failures = 0
        self.unavailable: dict[str, int] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?")[0]
                site.hits[path] = site.hits.get(path, 0) + 1
                if path == "/slow.html":
                    time.sleep(1.0)
                if path.startswith("/loop/"):
                    self.send_response(302)
                    self.send_header("Location", "/loop/b" if path == "/loop/a" else "/loop/a")
                    self.end_headers()
                    return
                if site.unavailable.get(path, 0) > 0:
                    site.unavailable[path] -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                body = site.pages.get(path)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                body = body.replace(b"{base}", site.base.encode())
                etag = '"' + hashlib.sha256(body).hexdigest()[:12] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/xml" if path.endswith(".xml") else "text/html; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if site.hook_failures > 0:
                    site.hook_failures -= 1
                    self.send_response(500)
                    self.end_headers()
                    return
                site.hook.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(204)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture
def make_corpus(tmp_path):
    opened = []

    def make(**alerts_cfg: object):
        cfg = config.load(overrides={"store.db": str(tmp_path / "w.db"), "analyze.workers": 1})
        cfg["watch"].update(FAST)
        cfg["alerts"].update(alerts_cfg)
        corpus = threadline.open(config=cfg)
        opened.append(corpus)
        return corpus

    yield make
    for c in opened:
        c.close()


def sources_file(tmp_path: Path, site: Site, **watch: object) -> str:
    lines = [
        f'[[source]]\nname = "wire"\nurl = "{site.base}/feed.xml"\ntags = ["wire"]\n',
        f'[[source]]\nname = "map"\nurl = "{site.base}/sitemap.xml"\ntags = ["official"]\n',
        f'[[source]]\nname = "broken"\nurl = "{site.base}/bad.xml"\n',
        f'[[source]]\nname = "gone"\nurl = "{site.base}/nowhere.xml"\n',
    ]
    body = "\n".join(lines) + "\n[watch]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in watch.items())
    path = tmp_path / "sources.toml"
    path.write_text(body)
    return str(path)


def by_name(summary, name):
    return next(s for s in summary.sources if s.name == name)


def test_poll_follows_feeds_and_sitemaps_and_reports_every_failure(site, make_corpus, tmp_path):
    corpus = make_corpus()
    listed = watchlist.load([sources_file(tmp_path, site)])
    watcher = Watcher(corpus, listed)
    first = watcher.poll()
    wire, smap, broken, gone = (by_name(first, n) for n in ("wire", "map", "broken", "gone"))
    assert (wire.status, wire.kind, wire.listed, wire.new) == ("ok", "feed", 5, 1)
    failures = {f["url"].replace(site.base, ""): (f["status"], f["error"]) for f in wire.failed}
    assert failures["/private/memo.html"][0] == "robots"
    assert failures["/missing.html"] == ("error", "HTTP 404")
    assert "timed out" in failures["/slow.html"][1]
    assert "redirect loop" in failures["/loop/a"][1]
    assert "/private/memo.html" not in site.hits
    assert (smap.status, smap.kind, smap.new) == ("ok", "sitemap", 1)
    assert broken.status == "error" and "malformed feed" in broken.error
    assert gone.status == "error" and "404" in gone.error
    assert first.ingest.added == 2
    health = {r["name"]: r for r in corpus.store.query("SELECT * FROM watch_sources")}
    assert health["broken"]["failures"] == 1 and health["wire"]["status"] == "ok"

    # Second poll: nothing new; the pages answer 304 to the conditional GET.
    second = watcher.poll()
    assert second.ingest.added == 0
    assert by_name(second, "wire").new == 0 and by_name(second, "wire").unchanged == 1
    assert corpus.store.scalar("SELECT count(*) FROM document_versions") == 2

    # A third article appears in the feed: only it is added.
    site.pages["/feed.xml"] = rss("/news/kathmandu.html", "/news/colombo.html")
    third = watcher.poll()
    assert third.ingest.added == 1 and by_name(third, "wire").new == 1
    assert corpus.store.scalar("SELECT count(*) FROM documents") == 3
    watcher.close()


def test_changed_page_is_a_new_version_and_its_revision_an_alert(site, make_corpus, tmp_path):
    corpus = make_corpus()
    site.pages["/feed.xml"] = rss("/news/kathmandu.html")
    watcher = Watcher(corpus, watchlist.load([f"{site.base}/feed.xml"]))
    watcher.poll()
    first_doc = corpus.store.scalar("SELECT doc_id FROM document_versions")
    site.pages["/news/kathmandu.html"] = ARTICLES["/news/kathmandu.html"].replace(b"200 Nepali", b"260 Nepali")
    polled = watcher.poll()
    assert by_name(polled, f"{site.base}/feed.xml").versions == 1
    rows = corpus.store.query("SELECT version, doc_id, previous FROM document_versions ORDER BY version")
    assert [r["version"] for r in rows] == [1, 2] and rows[1]["previous"] == first_doc
    assert corpus.store.scalar("SELECT count(*) FROM documents") == 2  # both versions kept
    revisions = [a for a in alerts.listing(corpus.store) if a["kind"] == "revision"]
    assert len(revisions) == 1
    change = revisions[0]["items"][0]["changes"][0]
    assert change["what"] == "figure" and any("260" in t for t in change["added"]) and any("200" in t for t in change["removed"])
    assert any(e["link"].startswith(f"/documents/{rows[1]['doc_id']}?hl=") for e in revisions[0]["evidence"])
    # the earlier version is history: the ledger holds the new version's figures only, so 200 and 260 are no conflict
    ledger_docs = {r[0] for r in corpus.store.query("SELECT DISTINCT doc_id FROM figure_facts")}
    assert first_doc not in ledger_docs and rows[1]["doc_id"] in ledger_docs
    assert not corpus.store.scalar("SELECT count(*) FROM quantities WHERE json_extract(findings, '$') LIKE '%conflict%'")
    # and its analysis is set aside once the revision is told: its text stays, its mentions count no more
    assert corpus.store.scalar("SELECT count(*) FROM records WHERE doc_id = ?", (first_doc,)) == 0
    assert corpus.store.scalar("SELECT count(*) FROM entity_documents WHERE doc_id = ?", (first_doc,)) == 0
    assert corpus.store.scalar("SELECT count(*) FROM documents WHERE id = ?", (first_doc,)) == 1
    assert corpus.analyze().get("documents", 0) == 0  # and analysis does not take it up again
    watcher.poll()  # nothing changed: no alert fires twice
    assert len([a for a in alerts.listing(corpus.store) if a["kind"] == "revision"]) == 1
    from threadline.exports.sections import versions

    assert [(v["version"], v["previous"]) for v in versions(corpus.store)] == [(1, None), (2, first_doc)]
    watcher.close()


def test_killed_poll_resumes_where_it_stopped(site, make_corpus, tmp_path):
    corpus = make_corpus()
    site.pages["/feed.xml"] = rss("/news/kathmandu.html", "/news/colombo.html")
    watcher = Watcher(corpus, watchlist.load([f"{site.base}/feed.xml"]))
    calls = []
    real = watcher._fetch_one

    def dies_on_second(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    watcher._fetch_one = dies_on_second  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        watcher.poll()
    assert corpus.store.scalar("SELECT count(*) FROM watch_urls WHERE pending = 1") == 1
    assert corpus.store.scalar("SELECT count(*) FROM documents") == 1
    watcher._fetch_one = real  # type: ignore[method-assign]
    resumed = watcher.poll()
    assert resumed.ingest.added == 1
    assert corpus.store.scalar("SELECT count(*) FROM documents") == 2
    assert corpus.store.scalar("SELECT count(*) FROM watch_urls WHERE pending = 1") == 0
    report = resumed.sources[0]
    assert (report.new, report.unchanged) == (1, 1)  # the page finished before the kill answered 304
    watcher.close()


def test_folder_source_adds_new_and_changed_files(make_corpus, tmp_path):
    from tests.conftest import article

    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "a.txt").write_text(article(1))
    corpus = make_corpus()
    watcher = Watcher(corpus, watchlist.load([str(folder)]))
    assert watcher.poll().ingest.added == 1
    assert watcher.poll().ingest.added == 0
    (folder / "b.txt").write_text(article(2))
    (folder / "a.txt").write_text(article(3))
    polled = watcher.poll()
    report = polled.sources[0]
    assert (report.new, report.versions, polled.ingest.added) == (1, 1, 2)
    watcher.close()


def test_alerts_fire_once_and_reach_the_webhook_signed(site, make_corpus, tmp_path):
    site.hook_failures = 1  # the first POST fails: the delivery is retried
    corpus = make_corpus(webhook=f"{site.base}/hook", webhook_secret="s3cret", webhook_retries=2, webhook_backoff=0.01)
    listed = watchlist.load([sources_file(tmp_path, site, entities=["Nepal"], measures=["recruits"], mention_threshold=2)])
    watcher = Watcher(corpus, listed)
    first = watcher.poll()
    assert first.alerts > 0 and first.delivered == first.alerts
    fired = alerts.listing(corpus.store)
    kinds = {a["kind"] for a in fired}
    assert "measure" in kinds and "threshold" in kinds
    assert all(a["evidence"] and a["evidence"][0]["link"].startswith("/documents/") for a in fired)
    assert len(site.hook) == 1
    headers, body = site.hook[0]
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["x-threadline-signature"] == expected
    assert {a["id"] for a in json.loads(body)["alerts"]} == {a["id"] for a in fired}
    again = watcher.poll()
    assert again.alerts == 0 and len(site.hook) == 1
    ids = [a["id"] for a in alerts.listing(corpus.store)]
    assert len(ids) == len(set(ids)) == len(fired)
    watcher.close()


def test_webhook_failure_keeps_alerts_for_the_next_delivery(site):
    from threadline import webhook

    site.hook_failures = 5
    slept: list[float] = []
    error = webhook.post(f"{site.base}/hook", [{"id": "x"}], secret="k", retries=2, backoff=0.5, sleep=slept.append)
    assert error == "HTTP 500" and slept == [0.5, 1.0] and not site.hook


def test_fetcher_retries_backs_off_and_spaces_requests_to_a_host(site):
    site.unavailable["/news/delhi.html"] = 1
    slept: list[float] = []
    settings = FetchSettings(timeout=2, retries=2, backoff=0.25, host_delay=5.0)
    clock = iter(range(0, 1000, 1))
    with Fetcher(settings, sleep=slept.append, clock=lambda: float(next(clock))) as f:
        got = f.get(f"{site.base}/news/delhi.html")
        again = f.get(f"{site.base}/news/delhi.html", etag=got.etag)
        big = Fetcher(FetchSettings(max_bytes=100, host_delay=0))
        too_big = big.get(f"{site.base}/news/delhi.html")
        big.close()
    assert got.status == "ok" and got.etag and b"misled" in got.body
    assert again.status == "unchanged" and again.code == 304
    assert 0.25 in slept  # one retry after the 503, after the backoff
    assert [s for s in slept if s != 0.25] and all(s <= 5.0 for s in slept)  # requests to the host spaced
    assert too_big.status == "error" and "larger than" in too_big.error


def test_watch_file_errors_are_clear(tmp_path):
    bad = tmp_path / "w.toml"
    bad.write_text('[[source]]\nname = "x"\n')
    with pytest.raises(threadline.errors.ConfigError, match="exactly one of url or path"):
        watchlist.load([str(bad)])
    bad.write_text('[[source]]\nurl = "ftp://x"\n')
    with pytest.raises(threadline.errors.ConfigError, match="http"):
        watchlist.load([str(bad)])
    with pytest.raises(threadline.errors.ConfigError, match="not a folder"):
        watchlist.load([str(tmp_path / "nope")])
    assert seconds("15m") == 900 and seconds("90s") == 90 and seconds("2") == 2
    with pytest.raises(threadline.errors.ConfigError):
        seconds("soon")


def test_cli_watch_once_and_alerts(site, tmp_path):
    from threadline.cli import main

    db = str(tmp_path / "c.db")
    site.pages["/feed.xml"] = rss("/news/kathmandu.html")
    cfg = tmp_path / "threadline.toml"
    cfg.write_text("[analyze]\nworkers = 1\n[watch]\n" + "".join(f"{k} = {v}\n" for k, v in FAST.items()))
    assert main(["--db", db, "--config", str(cfg), "watch", "--once", f"{site.base}/feed.xml", f"{site.base}/bad.xml"]) == 0
    assert main(["--db", db, "alerts", "--since", "2000-01-01", "--json"]) == 0
    assert main(["--db", db, "watch", "--once", "ftp://example.org/feed"]) == 1


def test_alerts_page_json_twin_atom_feed_and_source_health(site, make_corpus, tmp_path):
    from xml.etree import ElementTree as ET

    from .workbench_data import Client

    corpus = make_corpus()
    watcher = Watcher(corpus, watchlist.load([sources_file(tmp_path, site, measures=["recruits"])]))
    watcher.poll()
    watcher.close()
    fired = alerts.listing(corpus.store)
    assert fired
    client = Client(corpus.path)
    data = client.get("/alerts.json").json()
    assert [a["id"] for a in data["alerts"]] == [a["id"] for a in fired]
    assert client.get("/alerts.json?since=2999-01-01").json()["alerts"] == []
    assert client.get("/alerts.json?since=yesterday").status_code == 400
    html = client.get("/alerts").text
    assert fired[0]["title"] in html.replace("&#39;", "'") and 'href="/alerts.atom"' in html
    atom = client.get("/alerts.atom")
    assert atom.headers["content-type"].startswith("application/atom+xml")
    entries = ET.fromstring(atom.content).findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == len(fired)
    assert entries[0].find("{http://www.w3.org/2005/Atom}link").get("href").startswith("http://testserver/documents/")
    watched = {w["name"]: w for w in client.get("/sources.json").json()["watched"]}
    assert watched["broken"]["status"] == "error" and "malformed" in watched["broken"]["error"]
    assert watched["wire"]["status"] == "ok" and watched["wire"]["failing"] == 4 and watched["wire"]["tags"] == ["wire"]
    assert "Watched sources" in client.get("/sources").text


def test_alerts_group_per_subject_and_fold_the_rest_of_a_poll_into_a_digest(site, make_corpus, tmp_path):
    corpus = make_corpus()
    listed = watchlist.load([sources_file(tmp_path, site, measures=["recruits", "citizens"], mention_threshold=1, max_alerts=2)])
    assert listed.max_alerts == 2
    watcher = Watcher(corpus, listed)
    first = watcher.poll()
    fired = alerts.listing(corpus.store)
    assert first.alerts == len(fired) == 3  # two alerts, then the digest of the rest
    rest = next(a for a in fired if a["kind"] == "digest")
    shown = [a for a in fired if a["kind"] != "digest"]
    changes = corpus.store.scalar("SELECT count(*) FROM alert_changes")
    assert sum(a["count"] for a in shown) + rest["count"] == changes > len(fired)
    assert sum(n["changes"] for n in rest["by_kind"].values()) == rest["count"]
    assert rest["by_kind"]["threshold"]["alerts"] == rest["by_kind"]["threshold"]["changes"] > 1  # one alert per actor
    assert [a["kind"] for a in shown] == ["measure", "measure"]  # watched measures rank before the rest
    assert all(a["count"] == len(a["items"]) and a["evidence"] for a in shown)
    assert watcher.poll().alerts == 0
    watcher.close()


def test_threshold_alerts_fire_when_a_poll_makes_an_actor_cross_it(make_corpus, tmp_path):
    """An actor already past the threshold before the watch began raises no alert; one the poll takes past it does."""
    before, incoming = tmp_path / "before", tmp_path / "incoming"
    before.mkdir()
    incoming.mkdir()
    (before / "a.txt").write_text(
        "Nepal asks Moscow to return its citizens\n\nNepal's foreign ministry said on Monday that 200 Nepali citizens were serving"
        " in the Russian army. Foreign Minister Narayan Prakash Saud told reporters in Kathmandu that Nepal wanted them home."
        " Saud said Nepal had written to Moscow twice.\n\nPublish date : 2024-06-03\n"
    )
    (incoming / "b.txt").write_text(
        "India says recruits were misled\n\nIndia's external affairs ministry said on Tuesday that agents had misled Indian nationals"
        " into joining the Russian army. Officials in New Delhi said Nepal and India would press Moscow together, and Saud"
        " said Kathmandu agreed.\n\nPublish date : 2024-06-04\n"
    )
    corpus = make_corpus()
    corpus.run([str(before)])
    counts = {r["id"]: r["mentions"] for r in corpus.store.query("SELECT id, mentions FROM entities")}
    threshold = 2
    listed = watchlist.load([str(incoming)])
    watcher = Watcher(corpus, type(listed)(listed.sources, mention_threshold=threshold))
    watcher.poll()
    crossed = {a["entity"] for a in alerts.listing(corpus.store) if a["kind"] == "threshold"}
    now = {r["id"]: r["mentions"] for r in corpus.store.query("SELECT id, mentions FROM entities")}
    assert crossed == {e for e, n in now.items() if counts.get(e, 0) < threshold <= n}
    already = {e for e, n in counts.items() if n >= threshold}
    assert crossed and already and not crossed & already
    watcher.close()


def test_a_revised_page_is_counted_once_toward_a_threshold(make_corpus, tmp_path):
    """A page's new version replaces the old one's mentions: an actor does not cross the threshold by a revision alone."""
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    text = (
        "Nepal asks Moscow to return its citizens\n\nNepal's foreign ministry said on Monday that 200 Nepali citizens were serving"
        " in the Russian army. Foreign Minister Narayan Prakash Saud told reporters in Kathmandu that Nepal wanted them home."
        " Saud said Nepal had written to Moscow twice.\n\nPublish date : 2024-06-03\n"
    )
    (incoming / "a.txt").write_text(text)
    corpus = make_corpus()
    listed = watchlist.load([str(incoming)])
    watcher = Watcher(corpus, type(listed)(listed.sources, mention_threshold=100))
    watcher.poll()
    saud = next(r["id"] for r in corpus.store.query("SELECT id FROM entities WHERE name LIKE '%Saud'"))
    once = corpus.store.scalar("SELECT mentions FROM entities WHERE id = ?", (saud,))
    watcher.close()
    (incoming / "a.txt").write_text(text.replace("200 Nepali", "260 Nepali"))
    watcher = Watcher(corpus, type(listed)(listed.sources, mention_threshold=once + 1))  # two versions would make it 2 x once
    polled = watcher.poll()
    assert polled.sources[0].versions == 1 and polled.stages["retire"]["earlier versions set aside"] == 1
    assert not [a for a in alerts.listing(corpus.store) if a["kind"] == "threshold" and a["entity"] == saud]
    assert [a["kind"] for a in alerts.listing(corpus.store)].count("revision") == 1
    assert corpus.store.scalar("SELECT mentions FROM entities WHERE id = ?", (saud,)) == once  # the page counted once
    watcher.close()


def test_a_pages_earlier_text_come_back_is_current_again(make_corpus, tmp_path):
    """A page revised and then put back as it was: the first text is the page's current version again, analysed and
    in the ledger; the middle one is set aside."""
    from threadline.read.queries import page_versions

    from .watch_data import PAGE, REVISED, poll_versions

    corpus = make_corpus()
    first, middle, last = poll_versions(corpus, tmp_path / "incoming", [PAGE, REVISED, PAGE])
    assert first == last != middle
    assert {r[0] for r in corpus.store.query("SELECT doc_id FROM superseded")} == {middle}
    assert corpus.store.scalar("SELECT count(*) FROM records WHERE doc_id = ? AND kind = 'figure'", (first,)) > 0
    assert corpus.store.scalar("SELECT count(*) FROM records WHERE doc_id = ?", (middle,)) == 0
    assert {r[0] for r in corpus.store.query("SELECT DISTINCT doc_id FROM figure_facts")} == {first}
    assert not corpus.store.query("SELECT story_id FROM story_documents WHERE doc_id = ?", (middle,))  # no copy of the page in a story
    assert page_versions(corpus.store, first)["replaced_by"] is None and page_versions(corpus.store, first)["version"] == 3
    assert page_versions(corpus.store, middle)["replaced_by"] == first


def test_removing_a_pages_current_version_makes_the_one_it_replaced_current(make_corpus, tmp_path):
    from threadline.removal import remove_documents

    from .watch_data import PAGE, REVISED, poll_versions

    corpus = make_corpus()
    first, second = poll_versions(corpus, tmp_path / "incoming", [PAGE, REVISED])
    assert corpus.store.scalar("SELECT count(*) FROM records WHERE doc_id = ?", (first,)) == 0
    remove_documents(corpus.store, [second])
    assert not corpus.store.query("SELECT doc_id FROM superseded")
    corpus.analyze()
    corpus.resolve()
    assert corpus.store.scalar("SELECT count(*) FROM records WHERE doc_id = ? AND kind = 'figure'", (first,)) > 0
    assert {r[0] for r in corpus.store.query("SELECT DISTINCT doc_id FROM figure_facts")} == {first}


def test_digest_groups_changes_by_kind_and_subject():
    def change(kind: str, subject: str, n: int) -> alerts.Change:
        head = {"quantity": subject, "measure": subject} if kind == "finding" else {"entity": subject, "name": subject, "threshold": 5}
        item = {"finding": "conflict", "text": "", "evidence": [alerts.evidence(f"d{n}")]} if kind == "finding" else {"evidence": [alerts.evidence(f"d{n}")]}
        return alerts.Change(alerts.alert_id(kind, subject, n), kind, subject, head, item)

    changes = [change("finding", "q1", i) for i in range(3)] + [change("finding", "q2", 9)] + [change("threshold", f"e{i}", i) for i in range(4)]
    rows = alerts.digest(changes, 2)
    assert [(kind, data["count"]) for _, kind, _, data, _ in rows] == [("finding", 3), ("finding", 1), ("digest", 4)]
    assert rows[0][2] == "3 findings (3 conflict): q1" and rows[1][2] == "conflict: q2"
    assert rows[2][3]["by_kind"] == {"threshold": {"alerts": 4, "changes": 4}}
    assert sorted(c for row in rows for c in row[4]) == sorted(c.id for c in changes)  # every change reported once
    assert alerts.digest(list(reversed(changes)), 2) == rows  # order of discovery does not matter
    assert len(alerts.digest(changes, 50)) == 6


def test_a_revision_does_not_raise_again_the_findings_it_leaves_unchanged(site, make_corpus, tmp_path):
    corpus = make_corpus()
    site.pages["/news/rights.html"] = page(
        "Rights group puts Nepali recruits higher",
        "A rights group in Kathmandu said on Monday that 260 Nepali citizens were serving in the Russian army, more than officials admit.",
        "The group said families of the recruits had given it the names of men who left for Moscow through manpower agents.",
    )
    site.pages["/feed.xml"] = rss("/news/kathmandu.html", "/news/rights.html")
    watcher = Watcher(corpus, watchlist.load([f"{site.base}/feed.xml"]))
    watcher.poll()
    conflicts = [a for a in alerts.listing(corpus.store) if a["kind"] == "finding"]
    assert [i["finding"] for a in conflicts for i in a["items"]] == ["conflict"]
    # the ministry's page is revised, its count unchanged: the conflict is the one reported, not a new one
    site.pages["/news/kathmandu.html"] = ARTICLES["/news/kathmandu.html"].replace(b"told reporters", b"told journalists")
    polled = watcher.poll()
    assert by_name(polled, f"{site.base}/feed.xml").versions == 1
    assert [a for a in alerts.listing(corpus.store) if a["kind"] == "finding"] == conflicts
    # a revision that changes the count is a revision, and its new conflict a new finding
    site.pages["/news/kathmandu.html"] = ARTICLES["/news/kathmandu.html"].replace(b"200 Nepali", b"210 Nepali")
    watcher.poll()
    kinds = [a["kind"] for a in alerts.listing(corpus.store)]
    assert kinds.count("finding") == 2 and kinds.count("revision") == 1
    watcher.close()


@pytest.mark.parametrize("findings", [[], ["update"]])
def test_finding_alerts_are_of_the_watched_kinds(site, make_corpus, tmp_path, findings):
    """Another source's count for the same day conflicts with the first: a conflict alert by default, none when only
    updates are watched (a page's own corrected figure is a revision, not a conflict: the test above)."""
    corpus = make_corpus()
    watcher = Watcher(corpus, watchlist.load([sources_file(tmp_path, site, findings=findings)]))
    watcher.poll()
    site.pages["/news/rights.html"] = page(
        "Rights group puts Nepali recruits higher",
        "A rights group in Kathmandu said on Monday that 260 Nepali citizens were serving in the Russian army, more than officials admit.",
        "The group said families of the recruits had given it the names of men who left for Moscow through manpower agents.",
    )
    site.pages["/feed.xml"] = rss("/news/kathmandu.html", "/news/rights.html")
    watcher.poll()
    watcher.close()
    stored = {f["kind"] for r in corpus.store.query("SELECT findings FROM quantities") for f in json.loads(r["findings"])}
    found = [i["finding"] for a in alerts.listing(corpus.store) if a["kind"] == "finding" for i in a["items"]]
    assert "conflict" in stored
    assert found == (["conflict"] if not findings else [])
