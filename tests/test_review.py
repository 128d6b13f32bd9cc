"""Analyst review: corrections kept in the store, applied on every run and after re-analysis, with an audit trail."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from threadline import review
from threadline.cli import main
from threadline.errors import ReviewError
from threadline.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"
FILES = ["nepal-lawmaker-15000-claim-himalaya-wire.txt", "nepal-recruits-kathmandu-ledger.txt", "north-korea-treaty-signed-pacific-rim-dispatch.txt"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review-inputs")
    for name in FILES:
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def built(inputs, tmp_path_factory):
    db = tmp_path_factory.mktemp("review-store") / "base.db"
    assert main(["--db", str(db), "run", str(inputs), "-o", str(db.with_suffix(".html"))]) == 0
    return db


@pytest.fixture
def db(built, tmp_path):
    """A private copy of the built store, so each test corrects its own."""
    target = tmp_path / "t.db"
    shutil.copy(built, target)
    return target


def run(db: Path, *argv: str) -> int:
    return main(["--db", str(db), *argv])


def export(db: Path, tmp_path: Path) -> dict:
    out = tmp_path / "all.json"
    assert run(db, "export", "-o", str(out)) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def entity(data: dict, name: str) -> dict:
    return next(e for e in data["entities"] if e["name"] == name or name in e["aliases"])


def figure(data: dict, text: str) -> dict:
    return next(f for f in data["figures"] if f["text"] == text)


def reanalyse(db: Path, inputs: Path) -> None:
    """Analysis from scratch (as after an extractor upgrade), then a run."""
    with Store(db) as store, store.transaction() as tx:
        tx.execute("DELETE FROM analyses")
    assert run(db, "run", str(inputs), "-o", str(db.with_suffix(".html"))) == 0


def test_review_entity_corrections_survive_reruns_and_reanalysis(db, inputs, tmp_path, capsys):
    before = export(db, tmp_path)
    square = entity(before, "Kim Il Sung Square")
    assert square["country"] != "KP"  # the gazetteer does not know the square: the review gives its country
    assert run(db, "review", "retype", "Kim Il Sung Square", "--country", "KP", "--reason", "Pyongyang's main square") == 0
    assert run(db, "review", "rename", "Narayan Prakash Saud", "Narayan Prakash Saud (foreign minister)", "--reason", "role") == 0
    for _ in range(2):
        after = export(db, tmp_path)
        assert entity(after, "Kim Il Sung Square")["country"] == "KP"
        assert any(e["name"] == "Narayan Prakash Saud (foreign minister)" for e in after["entities"])
        reanalyse(db, inputs)
    capsys.readouterr()
    assert run(db, "review", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["kind"] for r in listed] == ["retype", "rename"] and all(r["author"] and r["created"] for r in listed)


def test_review_merge_and_split_move_mentions(db, tmp_path):
    before = export(db, tmp_path)
    names = {e["name"]: e for e in before["entities"]}
    assert "Nepal" in names and "Russia" in names
    assert run(db, "review", "merge", "Nepal", "Russia", "--reason", "test of a merge") == 0
    merged = export(db, tmp_path)
    assert len(merged["entities"]) == len(before["entities"]) - 1
    target = next(e for e in merged["entities"] if e["name"] in ("Nepal", "Russia"))
    assert target["mentions"] == names["Nepal"]["mentions"] + names["Russia"]["mentions"]
    alias = next(a for a in names["Nepal"]["aliases"])
    assert run(db, "review", "split", target["name"], alias, "--reason", "a place, not the country") == 0
    split = export(db, tmp_path)
    assert any(e["name"] == alias and e["mentions"] >= 1 for e in split["entities"])


def test_review_reject_leaves_every_view_and_withdraw_restores_it(db, inputs, tmp_path, capsys):
    before = export(db, tmp_path)
    bad = figure(before, "between 14,000 and 15,000")
    assert run(db, "review", "reject", bad["id"], "--reason", "the same claim as the 15,000 figure") == 0
    for _ in range(2):
        after = export(db, tmp_path)
        assert all(f["text"] != bad["text"] for f in after["figures"])
        assert all(bad["id"] not in q["figure_ids"] for q in after["quantities"])
        reanalyse(db, inputs)
    rid = review.active(Store(db, readonly=True))[0].id
    assert run(db, "review", "withdraw", rid[:8], "--reason", "rejected by mistake") == 0
    restored = export(db, tmp_path)
    assert figure(restored, "between 14,000 and 15,000")["start"] == bad["start"]
    capsys.readouterr()
    assert run(db, "review", "list", "--all") == 0
    trail = capsys.readouterr().out
    assert "withdrawn by" in trail and "rejected by mistake" in trail


def test_review_claimant_and_explained_conflict(db, tmp_path, capsys):
    before = export(db, tmp_path)
    conflicted = next(q for q in before["quantities"] if q["conflict"])
    pairs = [f["figures"] for f in conflicted["findings"] if f["kind"] == "conflict"]
    assert run(db, "review", "explain", *pairs[0], "--reason", "not all of them") == 0
    partly = next(q for q in export(db, tmp_path)["quantities"] if set(pairs[0]) <= set(q["figure_ids"]))
    assert partly["conflict"] == (len(pairs) > 1)  # a conflict left unexplained keeps the quantity in conflict
    pair = sorted({fid for p in pairs for fid in p})
    assert run(db, "review", "explain", *pair, "--reason", "one counts registered recruits, the other everyone") == 0
    after = export(db, tmp_path)
    explained = next(q for q in after["quantities"] if set(pair) <= set(q["figure_ids"]))
    assert not explained["conflict"]
    assert any(f["kind"] == "explained" and "registered recruits" in f["text"] for f in explained["findings"])

    fig = figure(after, "as many as 15,000")
    assert run(db, "review", "claimant", fig["id"], "Narayan Prakash Saud", "--reason", "test") == 0
    corrected = figure(export(db, tmp_path), "as many as 15,000")
    assert corrected["claimant"] == entity(after, "Narayan Prakash Saud")["id"]


def test_review_export_import_round_trip(db, built, tmp_path, capsys):
    assert entity(export(db, tmp_path), "Kim Il Sung Square")["country"] != "KP"  # the machine does not know it
    assert run(db, "review", "retype", "Kim Il Sung Square", "--country", "KP", "--reason", "Pyongyang's main square") == 0
    trail = tmp_path / "reviews.jsonl"
    assert run(db, "review", "export", "-o", str(trail)) == 0
    fresh = tmp_path / "fresh.db"
    shutil.copy(built, fresh)
    capsys.readouterr()
    assert run(fresh, "review", "import", str(trail)) == 0
    assert "Imported 1 new review" in capsys.readouterr().out
    assert run(fresh, "review", "import", str(trail)) == 0
    assert "No new reviews in" in capsys.readouterr().out
    assert entity(export(fresh, tmp_path), "Kim Il Sung Square")["country"] == "KP"


@pytest.mark.parametrize(
    ("kind", "target", "data", "reason", "message"),
    [
        ("delete", "x", {}, "r", "unknown review kind"),
        ("rename", "Nepal", {"entity": "Nepal", "name": "N"}, "  ", "needs a reason"),
        ("merge", "Nepal", {"entities": ["Nepal"]}, "r", "two or more"),
        ("retype", "Nepal", {"entity": "Nepal", "type": "PLANET"}, "r", "entity type must be"),
        ("claimant", "f-1-2", {"doc": "1", "start": 0, "end": 1}, "r", "needs name"),
    ],
)
def test_review_refuses_incomplete_corrections(kind, target, data, reason, message):
    with pytest.raises(ReviewError, match=message):
        review.validate(kind, target, data, reason)


def test_review_cli_errors_are_one_line(db, capsys):
    assert run(db, "review", "reject", "f-0000000000000000-9", "--reason", "x") == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("threadline: error: [T030]") and "\n" not in err
    bad = db.with_name("bad.jsonl")
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    assert run(db, "review", "import", str(bad)) == 1
    assert "bad.jsonl:1: not a review" in capsys.readouterr().err


# -- the workbench's writes -------------------------------------------------------
class Session:
    """In-process HTTP against the workbench (httpx over ASGI) that keeps its cookies, like a browser."""

    def __init__(self, app) -> None:
        import httpx

        self.app, self.cookies = app, httpx.Cookies()

    def request(self, method: str, path: str, **kwargs):
        import asyncio

        import httpx

        async def go():
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver", cookies=self.cookies) as c:
                response = await c.request(method, path, **kwargs)
                self.cookies.update(c.cookies)
                return response

        return asyncio.run(go())

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, *, follow_redirects: bool = False, **kwargs):
        response = self.request("POST", path, **kwargs)
        if follow_redirects and response.status_code == 303:
            return self.get(response.headers["location"])
        return response


@pytest.fixture
def client(db):
    from threadline.serve.app import create_app
    from threadline.serve.auth import Access

    return Session(create_app(db, access=Access("review-token-1", "analyst")))


def test_review_writes_need_the_token_and_the_form_field(client):
    form = {"kind": "retype", "target": "Kim Il Sung Square", "country": "KP", "reason": "Pyongyang's main square"}
    assert client.post("/review", data=form).status_code == 401
    assert client.post("/login", data={"token": "not-the-token"}).status_code == 401
    assert client.post("/login", data={"token": "review-token-1", "next": "//evil.example/"}).headers["location"] == "/review"
    page = client.get("/review/new", params={"target": "Kim Il Sung Square"}).text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    assert client.post("/review", data=form).status_code == 403  # signed in, but no anti-forgery field
    assert client.post("/review", data={**form, "csrf": csrf}, headers={"origin": "http://elsewhere.example"}).status_code == 403
    made = client.post("/review", data={**form, "csrf": csrf})
    assert made.status_code == 303
    trail = client.get("/review.json").json()
    assert trail["active"] == 1 and trail["reviews"][0]["author"] == "analyst"
    ent = next(e for e in client.get("/entities.json", params={"limit": 500}).json()["entities"] if e["name"] == "Kim Il Sung Square")
    assert ent["country"] == "KP"
    assert client.get(f"/entities/{ent['id']}.json").json()["reviews"][0]["reason"] == "Pyongyang's main square"


def test_review_api_takes_a_bearer_token(client, db, tmp_path):
    fig = figure(export(db, tmp_path), "about 200")
    headers = {"authorization": "Bearer review-token-1"}
    made = client.post("/review", json={"kind": "reject", "target": fig["id"], "reason": "not a figure"}, headers=headers)
    assert made.status_code == 201 and made.json()["review"]["data"]["doc"] == fig["doc"]
    assert client.post("/review", json={"kind": "reject", "target": fig["id"], "reason": "x"}, headers={"authorization": "Bearer nope"}).status_code == 401
    assert client.post("/review", json={"kind": "reject", "target": fig["id"], "reason": "x"}, headers=headers).status_code == 404  # withheld now
    other = figure(export(db, tmp_path), "as many as 15,000")
    assert client.post("/review", json={"kind": "explain", "target": other["id"], "reason": "x"}, headers=headers).status_code == 400


@pytest.mark.browser
def test_review_in_the_browser_sticks_after_a_rerun(db, inputs, tmp_path):
    """Sign in, retype an entity through its form, re-run the job: the page still shows the correction, marked reviewed."""
    from playwright.sync_api import sync_playwright

    from threadline.serve.app import create_app
    from threadline.serve.auth import Access

    from .test_serve_browser import ARGS, CHROMIUM, SHOTS
    from .workbench_data import live_server

    with live_server(create_app(db, access=Access("browser-token-1", "analyst"))) as base:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(f"{base}/review/new?target=Kim%20Il%20Sung%20Square")
            page.click("text=sign in with the serve token")
            page.fill("input[name=token]", "browser-token-1")
            page.click("button:has-text('Sign in')")
            page.wait_for_url("**/review/new?target=*")
            form = page.locator("#form-retype")
            form.locator("input[name=country]").fill("kp")
            form.locator("input[name=reason]").fill("the main square of Pyongyang")
            form.locator("button").click()
            page.wait_for_load_state()
            assert "/entities/" in page.url, (page.url, page.inner_text("main")[:500])
            assert "Country: KP" in page.inner_text("main") and page.locator("h1 .tag.reviewed").count() == 1
            entity_url = page.url
            assert run(db, "run", str(inputs), "-o", str(tmp_path / "r.html")) == 0  # the job again, as after new articles
            page.goto(entity_url)
            assert "Country: KP" in page.inner_text("main") and page.locator("h1 .tag.reviewed").count() == 1
            page.goto(f"{base}/review")
            assert "the main square of Pyongyang" in page.inner_text("main") and "analyst" in page.inner_text("main")
            SHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SHOTS / "review.png"), full_page=True)
            browser.close()
