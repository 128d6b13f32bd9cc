"""The workbench in a real browser: Debian's Chromium driven by Playwright against a live server.

One server and one browser for the module; screenshots go to test-output/.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from threadline.read.entities import find_entity
from threadline.store import Store

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parent.parent / "test-output"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def server(workbench):
    from threadline.serve.app import create_app

    from .workbench_data import live_server

    with live_server(create_app(workbench["db"])) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: scripts/test.sh installs Debian's chromium")
    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems = []  # console errors, page errors, dialogs
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))

    def on_dialog(dialog):
        pg.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()


@pytest.fixture(scope="module")
def ids(workbench):
    with Store(workbench["db"], readonly=True) as store:
        return {name: find_entity(store, name)["id"] for name in ("Russia", "Uzbekistan")}


def shot(pg, name):
    pg.screenshot(path=str(SHOTS / f"workbench-{name}.png"), full_page=True)


def every_page(workbench, ids):
    return {
        "overview": "/",
        "search": "/search?q=recruits",
        "documents": "/documents",
        "document": f"/documents/{workbench['doc']}",
        "entities": "/entities",
        "entity": f"/entities/{ids['Uzbekistan']}",
        "figures": "/figures",
        "timeline": "/timeline",
        "network": "/network",
        "map": "/map",
        "stories": "/stories",
        "sources": "/sources",
        "rejected": "/rejected",
        "alerts": "/alerts",
        "review": "/review",
        "review-form": f"/review/new?target={ids['Uzbekistan']}",
    }


def serious_violations(pg, rules: list[str] | None = None) -> list[dict]:
    """axe-core's serious and critical accessibility violations on the page (run through the
    DevTools protocol, which the page's Content-Security-Policy does not govern); only `rules` if given."""
    if not pg.evaluate("typeof window.axe !== 'undefined'"):
        pg.evaluate(AXE.read_text("utf-8"))
    found = pg.evaluate(
        """async rules => (await axe.run(document, rules ? {resultTypes: ['violations'], runOnly: {type: 'rule', values: rules}}
                                                        : {resultTypes: ['violations']})).violations
             .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""",
        rules,
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


def ready(pg, name):
    if name == "map":
        pg.wait_for_selector('#map[data-ready="true"]')
    if name == "network":
        pg.wait_for_function("window.threadlineNetwork && window.threadlineNetwork.nodes().length > 0")


def test_serve_browser_every_page_loads_cleanly_and_passes_axe(page, server, workbench, ids):
    problems = {}
    for name, path in every_page(workbench, ids).items():
        response = page.goto(server + path)
        assert response.status == 200, path
        ready(page, name)
        assert page.locator("h1").first.is_visible()
        shot(page, name)
        if found := serious_violations(page):
            problems[path] = found
    assert problems == {}
    assert page.problems == []


def test_serve_browser_small_screen_never_scrolls_sideways(browser, server, workbench, ids):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True, has_touch=True)
    pg = context.new_page()
    wide = {}
    for name, path in every_page(workbench, ids).items():
        pg.goto(server + path)
        ready(pg, name)
        width = pg.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[path] = width
        # chart text stays readable: no SVG text drawn smaller than 9 px on screen
        small = pg.evaluate(
            """() => [...document.querySelectorAll('main svg text')].filter(t => t.getBoundingClientRect().height > 0)
                 .map(t => t.getBoundingClientRect().height).filter(h => h < 9).length"""
        )
        assert small == 0, (path, small)
        # what a narrow layout can break (axe's default rules): boxes that scroll, contrast, links told apart
        assert serious_violations(pg, ["scrollable-region-focusable", "color-contrast", "link-in-text-block"]) == [], path
    assert wide == {}
    context.close()


def test_serve_browser_figure_dot_opens_its_evidence_sentence(page, server, workbench):
    page.goto(server + "/figures")
    # the findings a quantity's chart leaves out are counted in words ("2 corroborations", not "2 corroborates")
    summaries = page.locator("details.items > summary").all_inner_texts()
    others = [t for t in summaries if t.startswith("Other ledger findings")]
    assert any("corroboration" in t for t in others), others
    assert not [t for t in others if re.search(r"\b(?:corroborates|part ofs|undetermineds?)\b", t)], others
    page.locator(f'svg a[data-record="{workbench["figure"]}"] circle').click()
    page.wait_for_url("**/documents/**")
    assert "hl=" in page.url and page.url.endswith("#evidence")
    sentence = page.locator(".k-evidence")
    assert "at least 40" in " ".join(sentence.all_text_contents())
    assert page.locator("#evidence").is_visible()
    assert "The Uzbek prosecutor" in page.locator(".evidence-note").inner_text()
    shot(page, "evidence")
    assert page.problems == []


def test_serve_browser_network_node_opens_entity_and_ego_view_and_edge_lists_evidence(page, server, ids):
    page.goto(server + "/network")
    page.wait_for_function("window.threadlineNetwork && window.threadlineNetwork.nodes().length > 0")
    assert page.locator("#cy canvas").count() > 0
    assert page.evaluate("window.threadlineNetwork.edges().length") == 40
    # node and edge colours are the legends' colours
    colours = page.evaluate(
        """() => { const cy = window.threadlineNetwork;
                   const swatch = sel => getComputedStyle(document.querySelector(sel)).backgroundColor;
                   const e = cy.edges()[0], n = cy.nodes()[0];
                   return [e.style('line-color'), swatch(`[data-edge-type="${e.data('type')}"]`), n.data('colour')]; }"""
    )
    assert colours[0].replace(" ", "") == colours[1].replace(" ", "") and colours[2].startswith("rgb")
    # labels: the main actors' always, the others on hover
    hidden = page.evaluate("window.threadlineNetwork.nodes().filter(n => !n.hasClass('hub'))[0].id()")
    assert page.evaluate(f"window.threadlineNetwork.getElementById('{hidden}').style('min-zoomed-font-size')") != "0px"
    shot(page, "network-graph")
    x, y = page.evaluate(
        """id => { const cy = window.threadlineNetwork; const n = cy.getElementById(id);
                   cy.nodes().not(n).style('display', 'none');  // nothing else under the pointer
                   const p = n.renderedPosition(); const box = cy.container().getBoundingClientRect();
                   return [box.left + p.x, box.top + p.y]; }""",
        ids["Russia"],
    )
    page.mouse.move(x, y)
    assert page.evaluate(f"window.threadlineNetwork.getElementById('{ids['Russia']}').hasClass('hover')")
    page.mouse.click(x, y)
    page.locator("#details-body a.ego-link").click()
    page.wait_for_url(f"**/network?actor={ids['Russia']}")
    assert page.locator("h1").inner_text().startswith("Network: Russia")
    page.wait_for_function("window.threadlineNetwork && window.threadlineNetwork.nodes().length > 0")
    x, y = page.evaluate(
        """id => { const cy = window.threadlineNetwork; const n = cy.getElementById(id);
                   cy.nodes().not(n).style('display', 'none');
                   const p = n.renderedPosition(); const box = cy.container().getBoundingClientRect();
                   return [box.left + p.x, box.top + p.y]; }""",
        ids["Russia"],
    )
    page.mouse.click(x, y)
    page.locator("#details-body a.entity-link").click()
    page.wait_for_url(f"**/entities/{ids['Russia']}")
    assert page.locator("h1").inner_text().startswith("Russia")

    page.goto(server + "/network")
    page.wait_for_function("window.threadlineNetwork && window.threadlineNetwork.edges().length > 0")
    page.evaluate("() => { window.threadlineNetwork.edges()[0].emit('tap'); }")
    link = page.locator("#details-body a.evidence-link").first
    sentence = link.inner_text()
    assert len(sentence) > 20 and not sentence.startswith("sentence in")  # the sentence itself
    link.click()
    page.wait_for_url("**/documents/**#evidence")
    assert sentence[:40] in " ".join("".join(page.locator(".k-evidence").all_text_contents()).split())
    assert page.problems == []


def test_serve_browser_timeline_and_map_render(page, server):
    page.goto(server + "/timeline")
    marks = page.locator("#timeline svg .mark")
    assert marks.count() > 2
    box = page.locator("#timeline svg").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 40
    shot(page, "timeline-chart")
    # brush: drag across the middle of the chart to show those dates only (in the URL, to share)
    y = box["y"] + box["height"] - 12
    page.mouse.move(box["x"] + box["width"] * 0.45, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=4)
    page.mouse.up()
    page.wait_for_url("**/timeline?since=*&until=*")
    since, until = page.url.split("since=")[1].split("&until=")
    assert since < until and page.locator(".zoom span").first.inner_text().startswith(since[:4])
    page.locator("nav.zoom a", has_text="zoom in").click()
    page.wait_for_load_state()
    narrowed = page.url.split("since=")[1].split("&until=")
    assert since <= narrowed[0] < narrowed[1] <= until
    page.goto(server + "/map")
    page.wait_for_selector('#map[data-ready="true"]')
    assert page.locator("#map path.land").count() > 100
    assert page.locator("#map path.land.hit").count() >= 10
    assert page.locator("#map circle.place").count() > 10
    assert page.locator("#map path.flow").count() >= 6  # India, Nepal, Cuba, North Korea, Sri Lanka, Central Asia → Russia
    widths = {float(w) for w in page.eval_on_selector_all("#map path.flow", "ps => ps.map(p => p.getAttribute('stroke-width'))")}
    assert len(widths) > 1  # weighted by events
    page.locator("#map a path.flow").first.dispatch_event("click")
    page.wait_for_url("**/map#flow-1")
    assert page.locator("tr#flow-1 a.evidence-link").count() >= 1
    shot(page, "map-chart")
    assert page.problems == []


def test_serve_browser_document_details_and_toggles(page, server, workbench):
    page.goto(server + f"/documents/{workbench['doc']}")
    figure = page.locator(".doctext .k-figure").first
    before = figure.evaluate("e => getComputedStyle(e).backgroundColor")
    figure.click()
    details = page.locator("#details-body")
    assert "figure" in details.inner_text() and details.locator("a", has_text="in the figures ledger").count() == 1
    page.locator('label[for="t-figure"]').click()
    after = figure.evaluate("e => getComputedStyle(e).backgroundColor")
    assert before == "rgb(200, 240, 207)" and after != before  # the figure colour is gone (a quote around it may remain)
    assert page.problems == []


def test_serve_browser_xss_probes_fire_nothing(page, server, workbench):
    probes = [
        f"/documents/{workbench['doc']}",
        f"/documents/{workbench['doc']}?hl=0-60",
        "/rejected",
        "/figures",
        "/timeline",
        "/sources",
        "/",
        *[f"/search?q={quote(q)}" for q in ('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert(1)")],
    ]
    for path in probes:
        page.goto(server + path)
        assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0, path
        assert page.evaluate("[...document.querySelectorAll('a')].filter(a => a.protocol === 'javascript:').length") == 0, path
    page.goto(server + f"/documents/{workbench['doc']}")
    for segment in page.locator(".doctext .s").all()[:20]:
        segment.click()
    shot(page, "hostile-document")
    assert page.problems == []


def test_serve_browser_pages_read_without_javascript(browser, server, workbench):
    context = browser.new_context(java_script_enabled=False)
    pg = context.new_page()
    pg.goto(server + f"/documents/{workbench['doc']}")
    assert "Uzbekistan said about 1,500" in pg.locator(".doctext").inner_text()
    assert pg.locator("#items-figure td").count() > 0
    pg.goto(server + "/figures")
    assert pg.locator("svg.figure-chart circle.dot").count() >= 2
    pg.goto(server + "/network")
    assert pg.locator("table tr").count() > 5
    context.close()


def test_serve_browser_report_opens_offline_with_every_section(browser, workbench):
    import threadline
    from threadline.report import write_report

    report = SHOTS / "report.html"
    with threadline.open(workbench["db"], readonly=True) as corpus:
        write_report(corpus, report)
    context = browser.new_context(offline=True)
    pg = context.new_page()
    outside = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file:") else None)
    pg.goto(report.as_uri())
    sections = pg.locator("h2").all_inner_texts()
    assert len(sections) == 9
    for anchor in ("figures", "timeline", "actors", "quotes", "network", "stories", "indicators", "method", "documents"):
        empty = pg.evaluate(
            """id => { let n = document.getElementById(id).nextElementSibling, found = 0, items = 0;
                       while (n && n.tagName !== 'H2') { if (n.matches('.empty')) found++; items += n.querySelectorAll('tr, li, blockquote, svg').length + (n.matches('tr, li, blockquote, svg, table, ul') ? 1 : 0); n = n.nextElementSibling; }
                       return [found, items]; }""",
            anchor,
        )
        assert empty[0] == 0 and empty[1] > 0, anchor
    assert pg.locator("svg.network-picture circle").count() > 10
    pg.screenshot(path=str(SHOTS / "report.png"), full_page=True)
    assert outside == []
    context.close()


def test_serve_browser_search_marks_whole_words_and_figures_read_in_one_currency(page, server):
    page.goto(server + "/search?q=Nepal")
    marks = page.locator("main section:not(:last-of-type) mark").all_inner_texts()  # documents, entities, quotes (a figure marks itself)
    assert "Nepalis" in marks or "Nepali" in marks
    assert all(m.isalpha() for m in marks)  # whole words, never "Nepal" cut from "Nepali"
    titles = page.locator("main section:first-of-type li > a").all_inner_texts()
    assert any(t.startswith("Former foreign minister says") for t in titles)  # the untitled article, by its first line
    page.goto(server + "/figures?measure=federal%20payment")
    chart = page.locator("svg.figure-chart").first
    assert "US dollars" in chart.locator("text.axis-unit").text_content()
    assert all(t.startswith("$") for t in chart.locator("text.tick:not(.axis-unit)").all_text_contents())
    assert "195,000 roubles = $2,160" in chart.locator("a.evidence-link title").first.text_content()
    page.goto(server + "/figures?limit=3")
    assert page.locator("nav.pager a", has_text="next").count() == 1
    label = page.locator("svg.figure-chart text:has(tspan)").first
    assert label.locator("title").text_content().startswith(" ".join(label.locator("tspan:not(.when)").all_text_contents()).rstrip("…")[:20])
    assert page.problems == []


def test_serve_browser_a_revised_page_links_its_versions(page, tmp_path):
    """A watched page's two versions: the earlier one says it was replaced and links the new one, which links back."""
    import threadline
    from threadline import config
    from threadline.serve.app import create_app

    from .watch_data import PAGE, REVISED, poll_versions
    from .workbench_data import live_server

    db = tmp_path / "w.db"
    with threadline.open(config=config.load(overrides={"store.db": str(db), "analyze.workers": 1})) as corpus:
        old, new = poll_versions(corpus, tmp_path / "incoming", [PAGE, REVISED])
    with live_server(create_app(db)) as base:
        page.goto(f"{base}/documents/{old}")
        note = page.locator("#versions")
        assert "Version 1 of a watched page" in note.inner_text() and "no longer in the ledger" in note.inner_text()
        assert "set aside when a later version" in page.locator("#items-figure").text_content()
        note.locator("a", has_text="version 2").click()
        page.wait_for_url(f"**/documents/{new}")
        assert "replaces version 1" in page.locator("#versions").inner_text()
        assert page.locator(".doctext .k-figure", has_text="260").count() == 1
    assert page.problems == []
