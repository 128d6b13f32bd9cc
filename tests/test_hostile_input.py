"""Hostile input: every reader fuzzed with hypothesis, and the known attacks written out.

A bad document is rejected with a reason code and the batch goes on; nothing
here may raise, hang or read past the configured limits.
"""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threadline.errors import REJECT
from threadline.ingest import ingest, prepare
from threadline.readers import Limits, RawItem, Rejection, decode, iter_inputs
from threadline.store import Store

from .conftest import ARTICLE_HTML, ARTICLE_TXT

ROOT = Path(__file__).resolve().parents[1]
FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
SMALL = Limits(max_file_bytes=2**20, max_decompressed_bytes=4 * 2**20)
SUFFIXES = ["txt", "html", "htm", "jsonl", "ndjson", "warc", "warc.gz", "gz", "txt.gz", "json", "md", "pdf", "png", ""]
PARAGRAPH = "Recruiters in Kathmandu promised young men jobs abroad, the foreign ministry said on Tuesday. "
BIDI_AND_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\x00\x01\x1b\x7f"


def read_all(path: Path, limits: Limits = SMALL) -> list[RawItem | Rejection]:
    """What ingest reads from `path`, each candidate prepared: documents and rejections only."""
    out: list = []
    for item in iter_inputs([str(path)], limits):
        out.append(item if isinstance(item, Rejection) else prepare(item))
    return out


def assert_well_formed(results: list) -> None:
    for r in results:
        if isinstance(r, Rejection):
            assert r.code in REJECT and r.reason and r.path
            continue
        assert r.text and len(r.text) >= 200
        for value in (r.text, r.title or "", r.author or "", r.outlet or "", r.url or ""):
            assert not [c for c in value if c not in "\n" and unicodedata.category(c) in ("Cc", "Cf")], repr(value[:80])


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# -- fuzzing -----------------------------------------------------------------------
@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_hostile_any_bytes_under_any_name_are_read_or_rejected(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("bytes")
    assert_well_formed(read_all(write(folder, f"input.{suffix}".rstrip("."), data)))


@FUZZ
@given(data=st.binary(max_size=2048), cut=st.integers(min_value=0, max_value=4096), suffix=st.sampled_from(["txt.gz", "gz", "warc.gz"]))
def test_hostile_gzip_truncated_anywhere_is_rejected_not_raised(tmp_path_factory, data, cut, suffix):
    packed = gzip.compress((PARAGRAPH * 4).encode() + data)
    results = read_all(write(tmp_path_factory.mktemp("gz"), f"input.{suffix}", packed[: min(cut, len(packed) - 1)]))
    assert_well_formed(results)
    assert all(isinstance(r, Rejection) for r in results) or cut >= len(packed) - 8


html_tags = st.sampled_from(["div", "p", "article", "main", "span", "a", "b", "script", "style", "table", "td", "h1", "nav", "iframe", "svg", "meta", "title"])
attributes = st.dictionaries(
    st.sampled_from(["href", "class", "id", "content", "property", "name", "style", "onclick", "src", "title"]),
    st.text(max_size=40), max_size=3,
)


def _element(children):
    def build(tag, attrs, kids):
        rendered = "".join(f' {k}="{v}"' for k, v in attrs.items())
        return f"<{tag}{rendered}>{''.join(kids)}</{tag}>"

    return st.builds(build, html_tags, attributes, st.lists(children, max_size=4))


html_trees = st.recursive(st.one_of(st.text(max_size=80), st.just(PARAGRAPH)), _element, max_leaves=40)


@FUZZ
@given(body=html_trees, broken=st.integers(min_value=0, max_value=400))
def test_hostile_html_of_any_shape_is_read_or_rejected(tmp_path_factory, body, broken):
    page = f"<!doctype html><html><head><title>t</title></head><body>{body}{PARAGRAPH * 3}</body></html>"
    page = page[: len(page) - broken]  # cut anywhere, tags left open
    assert_well_formed(read_all(write(tmp_path_factory.mktemp("html"), "page.html", page.encode("utf-8", "surrogatepass"))))


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=60)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=10,
)
json_objects = st.fixed_dictionaries(
    {},
    optional={
        "text": st.one_of(st.text(max_size=300), st.just(PARAGRAPH * 4), json_values),
        "html": st.one_of(st.text(max_size=300), st.just(ARTICLE_HTML), json_values),
        "title": json_values, "url": json_values, "author": json_values, "published": json_values, "outlet": json_values,
    },
)
jsonl_lines = st.one_of(json_objects.map(lambda o: json.dumps(o, ensure_ascii=False)), json_values.map(json.dumps),
                        st.text(max_size=80).filter(lambda s: "\n" not in s))


@FUZZ
@given(lines=st.lists(jsonl_lines, min_size=1, max_size=8))
def test_hostile_json_lines_each_line_is_one_document_or_one_rejection(tmp_path_factory, lines):
    path = write(tmp_path_factory.mktemp("jsonl"), "batch.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))
    results = read_all(path)
    assert_well_formed(results)
    if not any(isinstance(r, Rejection) and r.line is None for r in results):  # the file as a whole was readable
        assert len(results) == sum(1 for line in lines if line.strip()), lines


@FUZZ
@given(
    records=st.lists(
        st.tuples(st.sampled_from(["response", "request", "resource", "metadata"]),
                  st.sampled_from(["text/html", "text/plain", "application/pdf", "image/png", ""]),
                  st.one_of(st.binary(max_size=400), st.just(ARTICLE_HTML.encode()))),
        min_size=1, max_size=4),
    compress=st.booleans(),
    damage=st.one_of(st.none(), st.integers(min_value=0, max_value=3000)),
)
def test_hostile_warc_records_of_any_kind_and_damage_are_read_or_rejected(tmp_path_factory, records, compress, damage):
    data = warc(records, compress)
    if damage is not None:
        data = data[: damage % max(1, len(data))] + b"\x00garbage" + data[damage % max(1, len(data)) + 8 :]
    path = write(tmp_path_factory.mktemp("warc"), "crawl.warc.gz" if compress else "crawl.warc", data)
    assert_well_formed(read_all(path))


encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "cp1251", "koi8-r", "shift_jis", "gb18030", "iso-8859-7"])


@FUZZ
@given(text=st.text(min_size=1, max_size=400), encoding=encodings)
def test_hostile_text_in_any_encoding_decodes_or_is_rejected(tmp_path_factory, text, encoding):
    try:
        data = (PARAGRAPH * 3 + text).encode(encoding)
    except UnicodeEncodeError:
        data = (PARAGRAPH * 3 + text).encode(encoding, "replace")
    assert_well_formed(read_all(write(tmp_path_factory.mktemp("enc"), "article.txt", data)))
    if encoding in ("utf-8", "utf-8-sig"):
        assert decode(data) == PARAGRAPH * 3 + text


def warc(records: list[tuple[str, str, bytes]], compress: bool) -> bytes:
    """WARC/1.0 records written out by hand (one gzip member each when compressed)."""
    out = io.BytesIO()
    for i, (kind, ctype, body) in enumerate(records):
        if kind == "response":
            block = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
            wtype = "application/http; msgtype=response"
        elif kind == "request":
            block, wtype = b"GET /" + str(i).encode() + b" HTTP/1.1\r\nHost: news.example\r\n\r\n", "application/http; msgtype=request"
        else:
            block, wtype = body, ctype or "application/octet-stream"
        head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://news.example/{i}\r\nWARC-Date: 2024-05-14T10:00:00Z\r\n"
                f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\nContent-Type: {wtype}\r\nContent-Length: {len(block)}\r\n\r\n")
        record = head.encode() + block + b"\r\n\r\n"
        out.write(gzip.compress(record) if compress else record)
    return out.getvalue()


# -- the known attacks ---------------------------------------------------------------
def gzip_bomb(inflated_mib: int) -> bytes:
    """A few kilobytes per 10 MiB of zeros: the same gzip member repeated (readers inflate every member)."""
    member = gzip.compress(bytes(10 * 2**20), compresslevel=9)
    return member * max(1, inflated_mib // 10)


def test_hostile_gzip_bomb_is_capped_not_read(tmp_path):
    bomb = gzip_bomb(2048)  # 2 GiB of zeros
    assert len(bomb) < 3 * 2**20
    results = read_all(write(tmp_path, "bomb.txt.gz", bomb), Limits(max_file_bytes=4 * 2**20, max_decompressed_bytes=16 * 2**20))
    assert [r.code for r in results] == ["R109"]


def test_hostile_warc_bomb_is_capped_before_its_records_are_inflated(tmp_path):
    huge = b"x" * (8 * 2**20)
    records = [("resource", "application/octet-stream", huge), ("response", "text/html", ARTICLE_HTML.encode())]
    results = read_all(write(tmp_path, "bomb.warc.gz", warc(records, True)), Limits(max_file_bytes=2**20, max_decompressed_bytes=4 * 2**20))
    assert [r.code for r in results] == ["R109"]
    one_big = read_all(write(tmp_path, "big.warc.gz", warc([("response", "text/html", huge)], True)), Limits(max_file_bytes=2**20, max_decompressed_bytes=64 * 2**20))
    assert [r.code for r in one_big] == ["R108"]


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("nested.html", "<html><body>" + "<div>" * 20_000 + PARAGRAPH * 5 + "</div>" * 20_000 + "</body></html>"),
        ("unclosed.html", "<html><body>" + "<b><i>" * 20_000 + PARAGRAPH * 5 + "</body></html>"),
        ("attribute.html", f"<html><body><article><p title='{'x' * 2**20}'>{PARAGRAPH * 5}</p></article></body></html>"),
        ("links.html", "<html><body><article>" + PARAGRAPH * 5 + "".join(f"<a href='/l{i}'>link {i}</a> " for i in range(10_000)) + "</article></body></html>"),
    ],
)
def test_hostile_html_shapes_are_read_or_rejected(tmp_path, name, page):
    results = read_all(write(tmp_path, name, page.encode()), Limits())
    assert len(results) == 1
    assert_well_formed(results)


@pytest.mark.slow
def test_hostile_a_page_of_100000_links_is_read_or_rejected(tmp_path):
    page = "<html><body><article>" + PARAGRAPH * 5 + "".join(f"<a href='/l{i}'>link {i}</a> " for i in range(100_000)) + "</article></body></html>"
    results = read_all(write(tmp_path, "links.html", page.encode()), Limits())
    assert len(results) == 1
    assert_well_formed(results)


def test_hostile_nul_bytes_and_bidi_overrides_never_reach_the_store(tmp_path):
    sneaky = ARTICLE_TXT.replace("Nepal's", "Ne\x00pal's\u202e").replace("Kathmandu", "Kath\u2066mandu\u2069")
    text_file = write(tmp_path, "late-nul.txt", ("x" * 9000 + "\n\n" + sneaky).encode())
    line = json.dumps({"text": sneaky + "\u2028" + PARAGRAPH, "title": "Ti\x00tle \u202egnirts", "author": "A\u200fB", "url": "https://a.example/\x00x"})
    jsonl = write(tmp_path, "sneaky.jsonl", (line + "\n").encode())
    for path in (text_file, jsonl):
        results = read_all(path, Limits())
        assert len(results) == 1 and not isinstance(results[0], Rejection), results
        assert_well_formed(results)
    doc = read_all(jsonl, Limits())[0]
    assert doc.title == "Title gnirts" and "Kathmandu" in doc.text


def test_hostile_one_bad_document_never_stops_a_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a-good.txt", ARTICLE_TXT.encode())
    write(folder, "b-bomb.txt.gz", gzip_bomb(64))
    write(folder, "c-binary.txt", bytes(range(256)) * 10)
    write(folder, "d-half.jsonl", (json.dumps({"text": PARAGRAPH * 4}) + "\n{not json\n" + json.dumps({"html": ARTICLE_HTML}) + "\n").encode())
    write(folder, "e-cut.html.gz", gzip.compress(ARTICLE_HTML.encode())[:40])
    write(folder, "f-good.html", ARTICLE_HTML.encode())
    with Store(tmp_path / "s.db") as store:
        summary = ingest(store, [str(folder)], limits=Limits(max_decompressed_bytes=8 * 2**20), batch_size=2)
    assert summary.added == 3 and len(summary.duplicates) == 1  # two good JSON lines, the text; the HTML page is the second line's copy
    assert sorted(r.code for r in summary.rejected) == ["R101", "R106", "R107", "R109"]


def test_hostile_a_reader_that_raises_rejects_that_document_only(tmp_path, monkeypatch):
    from threadline import metadata

    real = metadata.from_html

    def fragile(html, url=None):
        if "Steppe Courier" in html:
            raise RecursionError("maximum recursion depth exceeded")
        return real(html, url=url)

    monkeypatch.setattr(metadata, "from_html", fragile)
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.html", ARTICLE_HTML.encode())
    write(folder, "b.txt", ARTICLE_TXT.encode())
    with Store(tmp_path / "s.db") as store:
        summary = ingest(store, [str(folder)])
        stored = store.query("SELECT code, reason FROM rejections")
    assert summary.added == 1 and [r.code for r in summary.rejected] == ["R115"]
    assert [tuple(r) for r in stored] == [("R115", "the document could not be cleaned (a reader failed on it): RecursionError: maximum recursion depth exceeded")]


def test_hostile_a_full_disk_while_reading_rejects_nothing_and_the_rerun_reads_all(tmp_path, monkeypatch, capsys):
    """A library that writes a temporary file while a document is read (the language model is unpacked
    to one) meets a full disk: that is the machine's fault, not the document's. The command stops with
    [T007] and records no rejection, so the rerun reads every document."""
    import errno

    from threadline import metadata
    from threadline.cli import main

    real = metadata.language

    def full(text):
        raise OSError(errno.EFBIG, "File too large", "/tmp/model.tmp")

    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.html", ARTICLE_HTML.encode())
    write(folder, "b.txt", ARTICLE_TXT.encode())
    db = str(tmp_path / "s.db")
    monkeypatch.setattr(metadata, "language", full)
    assert main(["--db", db, "ingest", str(folder)]) == 1
    assert "[T007] cannot write /tmp/model.tmp: File too large" in capsys.readouterr().err
    monkeypatch.setattr(metadata, "language", real)
    assert main(["--db", db, "ingest", str(folder)]) == 0
    with Store(tmp_path / "s.db") as store:
        assert store.scalar("SELECT count(*) FROM rejections") == 0 and store.scalar("SELECT count(*) FROM documents") == 2


def test_hostile_every_pattern_finishes_on_adversarial_strings():
    """bench/patterns.py collects every regular expression Threadline compiles while doing its whole job and runs
    each on adversarial strings in a worker; the 60 CPU seconds per pattern are a hang guard only (times are
    printed, not asserted: `python bench/patterns.py` prints their growth)."""
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "patterns.py"), "--check", "--budget", "60"],
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    checked = int(done.stdout.split("checked ")[1].split()[0])
    assert checked >= 150, done.stdout
