"""Every workbench page and its JSON twin, in process, on the example corpus plus a planted article."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from threadline.read.entities import find_entity
from threadline.store import Store

from .conftest import ARTICLE_TXT
from .workbench_data import Client

PAGES = ["/", "/search?q=recruits", "/documents", "/entities", "/entities?type=PERSON", "/figures", "/timeline", "/network", "/map", "/stories", "/sources", "/rejected", "/alerts"]


@pytest.fixture(scope="module")
def client(workbench):
    return Client(workbench["db"])


@pytest.fixture(scope="module")
def store(workbench):
    s = Store(workbench["db"], readonly=True)
    yield s
    s.close()


def entity_id(store, name):
    found = find_entity(store, name)
    assert found, name
    return found["id"]


def twin(path):
    base, _, query = path.partition("?")
    return (base.rstrip("/") or "/index") + ".json" + (f"?{query}" if query else "")


def all_pages(workbench, store):
    return PAGES + [f"/documents/{workbench['doc']}", f"/entities/{entity_id(store, 'Uzbekistan')}"]


def test_serve_every_page_has_a_json_twin(client, workbench, store):
    for path in all_pages(workbench, store):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        assert "<h1>" in page.text and f'href="{twin(path)}"' in page.text.replace("&amp;", "&")
        data = client.get(twin(path))
        assert data.status_code == 200 and data.headers["content-type"] == "application/json", path
        negotiated = client.get(path, accept="application/json")
        assert negotiated.headers["content-type"] == "application/json"
        assert negotiated.json() == data.json(), path


def test_serve_overview_counts_match_the_store(client, store):
    data = client.get("/index.json").json()
    assert data["counts"]["documents"] == store.scalar("SELECT count(*) FROM documents") == 17
    assert data["counts"]["mentions"] == store.scalar("SELECT count(*) FROM records WHERE kind = 'mention'")
    assert data["counts"]["figures"] >= 2 and data["counts"]["events"] >= 2
    assert data["top_actors"][0]["name"] == "Russia"
    assert [e["time"]["value"] for e in data["latest_events"]] == sorted((e["time"]["value"] for e in data["latest_events"]), reverse=True)
    assert data["stories"] and all(s["origins"] for s in data["stories"])
    assert client.get("/.json").json() == data


def test_serve_document_highlights_every_kind(client, workbench):
    doc = workbench["doc"]
    data = client.get(f"/documents/{doc}.json").json()
    spans = data["spans"]
    assert {k: len(v) >= 2 for k, v in spans.items()} == dict.fromkeys(spans, True)
    text = data["document"]["text"]
    for kind, items in spans.items():
        for item in items:
            assert text[item["start"] : item["end"]] == item["text"], kind
    html = client.get(f"/documents/{doc}").text
    for kind in ("mention", "attribution", "timex", "figure", "event", "indicator"):
        assert f'id="t-{kind}" checked' in html and f"k-{kind}" in html
    segment = re.search(r'<span class="s[^"]*k-figure[^"]*" data-ids="([^"]*)" title="([^"]*)">at least 40</span>', html)
    assert segment and workbench["figure"] in segment.group(1).split()
    assert "figure: at least 40" in segment.group(2)
    claim = spans["attribution"][0]
    assert claim["speaker"]["name"] == "Alisher Karimov" and claim["cue"]["text"] == "said"


def test_serve_evidence_link_highlights_its_sentence(client, workbench):
    figures = client.get("/figures.json").json()
    planted = next(f for g in figures["groups"] for f in g["figures"] if f["id"] == workbench["figure"])
    ev = planted["evidence"]
    assert ev["url"] == f"/documents/{workbench['doc']}?hl={ev['start']}-{ev['end']}#evidence"
    page = client.get(ev["url"].split("#")[0])
    assert page.status_code == 200
    anchored = re.search(r'id="evidence"[^>]*>([^<]*)<', page.text)
    assert anchored and anchored.group(1) == "The "
    data = client.get(f"/documents/{workbench['doc']}.json?hl={ev['start']}-{ev['end']}").json()
    sentence = data["document"]["text"][data["highlight"]["start"] : data["highlight"]["end"]]
    assert sentence.startswith("The Uzbek prosecutor") and sentence.endswith("online ads.") and planted["text"] in sentence


def test_serve_any_fact_reaches_its_sentence_in_two_clicks(client, workbench, store):
    """From the page listing a number, quote, edge or event, one link opens the document at its sentence."""
    def lands_on(url, needle):
        page = client.get(url.split("#")[0])
        hl = re.search(r"hl=(\d+)-(\d+)", url)
        text = client.get(url.split("?")[0] + ".json").json()["document"]["text"]
        assert needle in text[int(hl[1]) : int(hl[2])] and 'id="evidence"' in page.text

    figures_html = client.get("/figures").text
    planted = next(f for g in client.get("/figures.json").json()["groups"] for f in g["figures"] if f["id"] == workbench["figure"])
    assert f'href="{planted["evidence"]["url"]}"'.replace("&", "&amp;") in figures_html
    lands_on(planted["evidence"]["url"], "at least 40")

    doc_json = client.get(f"/documents/{workbench['doc']}.json").json()
    quote_item = next(a for a in doc_json["spans"]["attribution"] if a["id"] == workbench["quote"])
    lands_on(quote_item["evidence"]["url"], "They took our passports")

    network = client.get("/network.json?limit=2000").json()
    russia = entity_id(store, "Russia")
    edge = next(e for e in network["edges"] if russia in (e["source"], e["target"]))
    assert edge["evidence"]
    lands_on(edge["evidence"][0]["url"], "Russia")

    timeline = client.get("/timeline.json").json()
    event = next(e for e in timeline["events"] if e["id"] == workbench["event"])
    assert event["evidence"]["url"] in client.get("/timeline").text.replace("&amp;", "&")
    lands_on(event["evidence"]["url"], "signed contracts")


def test_serve_search_finds_a_country_by_its_people_and_marks_whole_words(client, store):
    untitled = store.scalar("SELECT id FROM documents WHERE title IS NULL AND text LIKE '%Nepalis%'")
    data = client.get("/search.json?q=Nepal").json()
    found = {d["id"]: d for d in data["documents"]}
    assert untitled in found  # it says "Nepalis", "Nepali", "Nepalese", never "Nepal"
    assert found[untitled]["title"] is None and found[untitled]["heading"].startswith("Former foreign minister says")
    marks = [p["text"] for d in data["documents"] + data["quotes"] for p in d["snippet"] if p["mark"]]
    assert {"Nepalis", "Nepali"} & set(marks) and all(re.fullmatch(r"\w+", m) for m in marks)
    for q in data["quotes"]:
        text = "".join(p["text"] for p in q["snippet"])
        for m in (p["text"] for p in q["snippet"] if p["mark"]):
            assert re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text), m  # never cut inside a word
    nepalese = {d["id"] for d in client.get("/search.json?q=Nepalese").json()["documents"]}
    assert len(nepalese) >= 2  # the other Nepal articles, which never say "Nepalese"
    assert untitled in client.get("/documents").text and "Former foreign minister says" in client.get(f"/documents/{untitled}").text
    # stemmed: a plural finds the past tense
    recruited = {d["id"] for d in client.get("/search.json?q=recruits").json()["documents"]}
    only_past = store.scalar("SELECT count(*) FROM documents WHERE text LIKE '%recruited%' AND text NOT LIKE '%recruits%' AND lower(coalesce(title, '')) NOT LIKE '%recruits%'")
    assert only_past and len(recruited) > store.scalar("SELECT count(*) FROM documents WHERE text LIKE '%recruits%' OR title LIKE '%recruits%'")
    from threadline.read.terms import alternatives

    assert alternatives("in") == ("in",) and alternatives("us") == ("us",)  # a short word is not a country code
    assert {"nepal", "nepali", "nepalese"} <= set(alternatives("Nepalis"))


def test_serve_search_covers_documents_entities_quotes_and_figures(client, workbench):
    data = client.get("/search.json?q=passports").json()
    assert workbench["doc"] in [d["id"] for d in data["documents"]]
    assert workbench["quote"] in [q["id"] for q in data["quotes"]]
    assert all(any(p["mark"] and p["text"].lower().startswith("passport") for p in q["snippet"]) for q in data["quotes"])
    assert any(p["mark"] for d in data["documents"] for p in d["snippet"])
    assert client.get("/search.json?q=Karimov").json()["entities"][0]["name"] == "Alisher Karimov"
    figures = client.get("/search.json?q=" + quote("1,500")).json()["figures"]
    assert "about 1,500" in [f["text"] for f in figures] and all("1,500" in f["text"] for f in figures)
    by_measure = client.get("/search.json?q=citizens%20who%20signed").json()["figures"]
    assert [f["text"] for f in by_measure] == ["about 1,500"]  # found through its measure text
    empty = client.get("/search.json?q=").json()
    assert empty == {"q": "", "documents": [], "entities": [], "quotes": [], "figures": []}
    assert client.get('/search.json?q="unbalanced AND (').status_code == 200


def test_search_reads_a_bounded_number_of_documents_newest_first(store, monkeypatch):
    """Documents are the best ranked of the latest RANKED that hold the words; quotes and figures come
    from the latest SCANNED documents that may hold the query, newest first."""
    from threadline.read import queries
    from threadline.read.records import Lookup

    def rowid(doc):
        return store.scalar("SELECT rowid FROM documents WHERE id = ?", (doc,))

    holding = [r[0] for r in store.query("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'recruits' ORDER BY rowid DESC")]
    whole = queries.search(Lookup(store), "recruits")
    assert len(holding) > 4 and whole["quotes"]
    quoted = [rowid(q["doc"]) for q in whole["quotes"]]
    assert quoted == sorted(quoted, reverse=True)  # newest document first
    monkeypatch.setattr(queries, "RANKED", 3)
    monkeypatch.setattr(queries, "SCANNED", 2)
    bounded = queries.search(Lookup(store), "recruits")
    assert {rowid(d["id"]) for d in bounded["documents"]} <= set(holding[:3]) and len(bounded["documents"]) == 3
    assert bounded["quotes"] and {rowid(q["doc"]) for q in bounded["quotes"]} <= set(holding[:2])
    assert [q["id"] for q in bounded["quotes"]] == [q["id"] for q in whole["quotes"] if rowid(q["doc"]) in holding[:2]]


def test_serve_entity_page_gathers_its_facts(client, store, workbench):
    uz = entity_id(store, "Uzbekistan")
    data = client.get(f"/entities/{uz}.json").json()
    assert data["entity"]["name"] == "Uzbekistan" and data["entity"]["country"] == "UZ"
    assert sum(p["mentions"] for p in data["mentions_over_time"]) == data["entity"]["mentions"]
    assert workbench["event"] in [e["id"] for e in data["events"]]
    assert any(r["name"] == "Russia" for r in data["related"])
    assert all(m["evidence"]["url"].startswith(f"/documents/{m['doc']}?hl=") for m in data["mentions"])
    html = client.get(f"/entities/{uz}").text
    assert "<svg" in html and "Mentions over time" in html


def test_serve_figures_group_by_measure_with_charts(client, workbench):
    data = client.get("/figures.json").json()
    group = next(g for g in data["groups"] if any(f["id"] == workbench["figure"] for f in g["figures"]))
    assert group["key"] == "people sent from Uzbekistan to fight for Russia"
    assert sorted(f["value"] for f in group["figures"]) == [40, 1500]
    assert all(f["as_of"]["value"] for f in group["figures"])
    forty = next(f for f in group["figures"] if f["value"] == 40)
    assert "Karimov" in forty["claimant"]["name"]  # the attribution around it, not the outlet
    html = client.get("/figures").text
    assert html.count('class="evidence-link" data-record=') >= 2 and 'class="range open"' in html
    only = client.get("/figures.json?measure=Uzbekistan").json()
    assert [g["key"] for g in only["groups"]] == [group["key"]]
    assert client.get("/figures.json?measure=no%20such%20measure").json()["groups"] == []


def test_serve_figures_one_currency_per_axis_full_names_findings_that_matter_and_pages(client):
    from threadline.serve.charts import wrap

    html = client.get("/figures?limit=500").text
    payment = html[html.index("federal payment") :]
    payment = payment[: payment.index("</svg>")]
    assert "US dollars" in payment and "195,000 roubles = $2,160 (the article’s conversion)" in payment
    assert not re.search(r'class="tick"[^>]*>\d', payment.split("US dollars", 1)[1])  # every tick is in dollars
    # a claimant's name is never cut without the whole of it at hand
    for label in re.findall(r"<text x=[^>]*><title>([^<]*)</title>", html):
        name = label.rsplit(" · ", 1)[0]
        assert len(name) <= 60 or "…" in "".join(wrap(name))
    assert wrap("Former foreign minister Narayan Prakash Saud") == ["Former foreign minister", "Narayan Prakash Saud"]
    # findings: conflicts in sight, the rest (updates, consistent) counted in a closed box
    data = client.get("/figures.json?limit=500").json()
    noisy = next(g for g in data["groups"] if g["finding_counts"].get("update", 0) >= 5 and not g["conflict"])
    section = html[html.index(f">{noisy['measure']} ") :]
    section = section[: section.index("</section>")]
    n = noisy["finding_counts"]["update"]
    summary = re.search(r'<details class="items small"><summary>Other ledger findings: ([^<]*)</summary>', section)
    assert summary and f"{n} updates" in summary[1].split(", ")
    conflicted = next(g for g in data["groups"] if g["conflict"])
    section = html[html.index(f">{conflicted['measure']} ") :]
    assert '<ul class="plain small findings"><li><span class="tag conflict">' in section[: section.index("</section>")]
    # pages of quantities
    first, second = client.get("/figures.json?limit=5").json(), client.get("/figures.json?limit=5&offset=5").json()
    assert first["more"] and [g["quantity"] for g in first["groups"] + second["groups"]] == [g["quantity"] for g in data["groups"][:10]]
    assert "offset=5" in client.get("/figures?limit=5").text and "← previous" in client.get("/figures?limit=5&offset=5").text


def test_serve_timeline_filters_by_type_and_actor(client, store, workbench):
    data = client.get("/timeline.json").json()
    values = [e["time"]["value"] for e in data["events"] if e["time"]["value"]]
    assert values == sorted(values) and data["publications"]
    only = client.get("/timeline.json?type=recruitment").json()
    assert only["events"] and {e["type"] for e in only["events"]} == {"recruitment"}
    by_actor = client.get(f"/timeline.json?actor={entity_id(store, 'Uzbekistan')}").json()
    assert workbench["event"] in [e["id"] for e in by_actor["events"]]
    assert client.get("/timeline.json?actor=Nobody%20At%20All").json()["events"] == []
    html = client.get("/timeline").text
    assert re.search(r'<svg class="chart timeline-chart".*?<circle class="mark', html, re.S)


def test_serve_timeline_range_ignores_a_stray_date_and_filters_live_in_the_url(client):
    from threadline.serve.charts import core_days

    assert core_days([(0, 1), (10, 11), (20, 21)]) == (0, 21)  # a few even marks: nothing is stray
    assert core_days([(0, 1), *[(20000 + i, 20001 + i) for i in range(0, 400, 20)]]) == (20000, 20381)
    data = client.get("/timeline.json").json()
    assert data["range"]["first"] == "1961-01-01" and data["range"]["from"] >= "2021" and data["range"]["outside"] >= 1
    html = client.get("/timeline").text
    assert "outside this range" in html and "since=1961-01-01" in html
    assert 'href="/timeline?since=' in html  # zoom and move links
    # one page of the table, grouped by story, and the next page
    assert data["total"] > data["page"]["rows"] == 50
    assert html.count('<tr><td class="when">') == 50 and "next →" in html
    assert re.search(r'<h3><a href="/stories#S[0-9a-f]+">', html) and "In no story" in html
    second = client.get("/timeline?offset=50").text
    assert second.count('<tr><td class="when">') == 50 and "← previous" in second
    # filters by modality and dates, all in the query string
    shown = client.get("/timeline.json?modality=reported&since=2024-06&until=2024-12").json()
    assert shown["events"] and all(e["modality"] == "reported" for e in shown["events"])
    assert all("2024-06" <= (e["time"]["value"] or "")[:7] <= "2024-12" or len(e["time"]["value"]) == 4 for e in shown["events"])
    assert shown["range"]["from"] >= "2024-06-01" and shown["range"]["to"] <= "2024-12-31"
    assert shown["filters"] == {"type": [], "actor": None, "modality": ["reported"], "since": "2024-06", "until": "2024-12"}
    assert client.get("/timeline.json?since=2024-13").status_code == 400


def test_serve_large_pages_read_only_what_they_show(client, store, monkeypatch):
    """An entity named in more documents than the page reads, a timeline and a ledger longer than
    their limit: the page says how many there are and shows the latest or best-sourced."""
    from threadline.read import queries

    russia = entity_id(store, "Russia")
    whole = client.get(f"/entities/{russia}.json").json()
    assert whole["documents_read"] == whole["documents"] > 2
    monkeypatch.setattr(queries, "ENTITY_PAGE_DOCUMENTS", 2)
    part = client.get(f"/entities/{russia}.json").json()
    assert part["documents"] == whole["documents"] and part["documents_read"] == 2
    latest = {r[0] for r in store.query(
        "SELECT me.doc_id FROM mention_entities me JOIN documents d ON d.id = me.doc_id WHERE me.entity_id = ?"
        " GROUP BY me.doc_id ORDER BY max(d.published) IS NULL, max(d.published) DESC, me.doc_id LIMIT 2", (russia,))}
    assert {e["doc"] for e in part["events"]} <= latest and {a["doc"] for a in part["said_about"]} <= latest
    assert "from the latest 2" in client.get(f"/entities/{russia}").text

    full = client.get("/timeline.json").json()
    assert full["total"] == len(full["events"]) > 3
    three = client.get("/timeline.json?limit=3").json()
    assert three["total"] == full["total"] and len(three["events"]) == 3
    best = sorted(full["events"], key=lambda e: (-(e["corroboration"] or {}).get("independent_sources", 0), -(e["corroboration"] or {}).get("sources", 0), e["time"]["value"] is None, e["id"]))
    assert {e["id"] for e in three["events"]} == {e["id"] for e in best[:3]}
    assert "the 3 with the most independent sources shown" in client.get("/timeline?limit=3").text

    ledger = client.get("/figures.json?limit=500").json()["groups"]
    assert [g["quantity"] for g in client.get("/figures.json?limit=4").json()["groups"]] == [g["quantity"] for g in ledger[:4]]
    from threadline.read import features

    monkeypatch.setattr(features, "FIGURES_PER_GROUP", 1)
    big = next(g for g in ledger if g["quantity"] and g["total_figures"] >= 2)
    capped = next(g for g in client.get("/figures.json?limit=500").json()["groups"] if g["quantity"] == big["quantity"])
    assert capped["total_figures"] == big["total_figures"] and len(capped["figures"]) == 1
    assert (capped["sources"], capped["independent_sources"]) == (big["sources"], big["independent_sources"])
    if big["conflict"]:
        assert capped["figures"][0]["conflict"]
    assert f"{big['total_figures']} figures (the 1 shown" in client.get("/figures?limit=500").text


def test_serve_ledger_read_in_batches_is_the_ledger_read_at_once(client, monkeypatch):
    """The ledger page reads its figures, their records, documents and entities in batches of
    keys; small batches give the same page."""
    from threadline import store as store_module

    whole = client.get("/figures.json?limit=500").json()
    assert sum(len(g["figures"]) for g in whole["groups"]) > 4
    monkeypatch.setattr(store_module, "KEYS_PER_QUERY", 2)
    assert client.get("/figures.json?limit=500").json() == whole


def test_serve_network_filters_by_type_and_time(client):
    full = client.get("/network.json?limit=2000").json()
    assert "co-occurrence" in full["edge_types"] and full["total_edges"] == len(full["edges"])
    ids = {n["id"] for n in full["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids and e["evidence"] for e in full["edges"])
    typed = client.get("/network.json?type=co-occurrence&limit=2000").json()
    assert typed["edges"] and {e["type"] for e in typed["edges"]} == {"co-occurrence"}
    recent = client.get("/network.json?since=2025-01&limit=2000").json()
    assert 0 < len(recent["edges"]) < len(full["edges"])
    assert len(client.get("/network.json?limit=5").json()["edges"]) == 5


def test_serve_network_strongest_edges_communities_and_ego_view(client, store):
    first = client.get("/network.json").json()
    weights = [e["weight"] for e in first["edges"]]
    assert len(weights) == 40 < first["total_edges"] and weights == sorted(weights, reverse=True)
    groups = {c["id"]: set(c["members"]) for c in first["communities"]}
    assert len(groups) >= 2 and set().union(*groups.values()) == {n["id"] for n in first["nodes"]}
    assert all(n["id"] in groups[n["community"]] for n in first["nodes"])
    # a community holds more of its own links than it would by chance
    inside = sum(1 for e in first["edges"] if next(n["community"] for n in first["nodes"] if n["id"] == e["source"]) == next(n["community"] for n in first["nodes"] if n["id"] == e["target"]))
    assert inside > len(first["edges"]) / 2
    edge = first["edges"][0]
    ev = edge["evidence"][0]
    text = client.get(f"/documents/{ev['doc']}.json").json()["document"]["text"]
    assert edge["sentences"][0].rstrip("…") in " ".join(text[ev["start"] : ev["end"]].split())
    html = client.get("/network").text
    for t in {e["type"] for e in first["edges"]}:
        assert f'data-edge-type="{t}"' in html  # a coloured legend entry for every link type shown
    assert all(f'data-community="{c["id"]}"' in html for c in first["communities"][:8])
    # ego view: the actor, its neighbours and the links among them; its own links first
    russia = entity_id(store, "Russia")
    ego = client.get(f"/network.json?actor={russia}&limit=2000").json()
    assert ego["ego"]["id"] == russia and ego["edges"]
    around = {e["target"] if e["source"] == russia else e["source"] for e in ego["edges"] if russia in (e["source"], e["target"])}
    assert all({e["source"], e["target"]} <= around | {russia} for e in ego["edges"])
    own = [russia in (e["source"], e["target"]) for e in ego["edges"]]
    assert own == sorted(own, reverse=True) and not all(own)
    assert client.get("/network.json?actor=russia&limit=2000").json()["ego"]["id"] == russia
    nobody = client.get("/network?actor=Nobody%20At%20All")
    assert nobody.status_code == 200 and "No actor of the graph is called" in nobody.text


def test_serve_map_sizes_places_and_draws_flows(client):
    data = client.get("/map.json").json()
    uz = next(c for c in data["countries"] if c["code"] == "UZ")
    assert uz["numeric"] == "860" and uz["mentions"] > 0
    assert all(p["lat"] is not None for p in data["places"])
    flow = next(f for f in data["flows"] if (f["origin"]["name"], f["destination"]["name"]) == ("Uzbekistan", "Russia"))
    assert flow["events"] >= 1 and all(e["url"].startswith("/documents/") for e in flow["evidence"])
    # most recruitment sentences name one end: the other comes from the sentence or the document
    to_russia = {f["origin"]["name"]: f for f in data["flows"] if f["destination"]["name"] == "Russia"}
    assert {"India", "Nepal", "Cuba", "North Korea", "Sri Lanka", "Central Asia"} <= set(to_russia)
    assert to_russia["Nepal"]["events"] > to_russia["Nepal"]["inferred"]  # "recruited into the Russian army" names both
    assert to_russia["Sri Lanka"]["inferred"] == to_russia["Sri Lanka"]["events"] >= 1
    assert all(f["origin"]["lat"] is not None and f["destination"]["lon"] is not None for f in data["flows"])
    assert not any(f["origin"]["name"] == "Russia" for f in data["flows"])  # "up to 20,000 Cuban men ... recruited" is not Russia's
    html = client.get("/map").text
    assert html.count('<tr id="flow-') == len(data["flows"])
    assert '<svg id="map"' in html and "/static/vendor/d3-geo/d3-geo.min.js" in html


def test_serve_stories_sources_and_rejected(client):
    stories = client.get("/stories.json").json()
    assert stories["total"] == len(stories["stories"]) > 0
    copies = [s for s in stories["stories"] if s["level"] == "near-duplicate"]
    assert copies and all(len(s["origins"]) < s["size"] for s in copies)
    outlets = client.get("/sources.json").json()["outlets"]
    assert sum(o["documents"] for o in outlets) == 17 and sum(o["copies"] for o in outlets) >= 1
    rejected = client.get("/rejected.json").json()["rejected"]
    assert [r["code"] for r in rejected] == ["R103"]


def test_serve_pages_show_empty_states_before_analysis(tmp_path):
    import threadline

    (tmp_path / "a.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    with threadline.open(tmp_path / "fresh.db") as corpus:
        corpus.ingest([str(tmp_path / "a.txt")])
    client = Client(tmp_path / "fresh.db")
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, path
    assert 'class="empty"' in client.get("/figures").text
    assert "not been extracted yet" in client.get("/timeline").text
    assert client.get("/network.json").json()["edges"] == []
    assert client.get("/figures.json").json()["groups"] == []


def test_serve_command_binds_to_localhost_by_default(workbench, monkeypatch, capsys, tmp_path):
    import uvicorn

    from threadline.cli import main

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    assert main(["--db", str(workbench["db"]), "serve", "--port", "8899"]) == 0
    app, kw = calls[0]
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8899 and app.state.db_path == workbench["db"]
    assert "http://127.0.0.1:8899/" in capsys.readouterr().out
    assert main(["--db", str(tmp_path / "missing.db"), "serve"]) == 1
    assert "no store" in capsys.readouterr().err


def test_serve_figures_show_each_quantity_frame_and_relations_in_plain_sentences(client):
    """The Nepal quantity of the example corpus: its frame in one line, its conflict said in one sentence."""
    groups = client.get("/figures.json?conflicts=true").json()["groups"]
    nepal = next(g for g in groups if g["frame"] and g["frame"].startswith("recruits (NP)"))
    conflict = next(f for f in nepal["findings"] if f["kind"] == "conflict")
    assert "they cannot both hold at the same time" in conflict["text"] and len(conflict["figures"]) == 2
    page = client.get("/figures?conflicts=true").text
    assert "Measures: recruits (NP), recruited, people" in page and "they cannot both hold at the same time" in page
