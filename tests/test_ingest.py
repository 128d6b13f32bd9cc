"""Ingest: every input kind, every bad-input kind, metadata, idempotence."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from threadline.readers import Limits, Rejection, iter_inputs

from .conftest import ARTICLE_HTML, ARTICLE_TXT, article


def _codes(summary):
    return sorted(r.code for r in summary.rejected)


def test_ingest_plain_text_metadata(corpus, tmp_path):
    p = tmp_path / "nepal.txt"
    p.write_text(ARTICLE_TXT, encoding="utf-8")
    summary = corpus.ingest([str(p)])
    assert summary.added == 1 and not summary.rejected
    doc = next(corpus.documents())
    assert doc.title == "Kathmandu Tightens Rules After Recruits Die on the Front"
    assert doc.url == "https://www.himalaya-wire.example/nepal-russia-recruits"
    assert doc.outlet == "himalaya-wire.example"
    assert doc.author == "Sita Gurung"
    assert doc.published.value == "2024-01-10T08:15" and doc.published.precision == "minute"
    assert doc.language == "en"
    assert "Exit mobile version" not in doc.text and "Source link" not in doc.text
    assert doc.text.count("Kathmandu Tightens Rules") == 1


def test_ingest_html_with_trafilatura(corpus, tmp_path):
    p = tmp_path / "page.html"
    p.write_text(ARTICLE_HTML, encoding="utf-8")
    summary = corpus.ingest([str(p)])
    assert summary.added == 1, summary.to_json()
    doc = next(corpus.documents())
    assert doc.kind == "html"
    assert "sentenced a man to five years" in doc.text
    assert "Cookies help us" not in doc.text and "Sport" not in doc.text
    assert doc.outlet == "Steppe Courier"
    assert doc.author == "Aziz Karimov"
    assert doc.published.value.startswith("2024-05-14")
    assert doc.url == "https://steppe-courier.example/news/uzbek-court-recruiter"


def test_ingest_html_detected_by_content_without_suffix(corpus, tmp_path):
    p = tmp_path / "download"
    p.write_text(ARTICLE_HTML, encoding="utf-8")
    corpus.ingest([str(p)])
    assert next(corpus.documents()).kind == "html"


def test_ingest_jsonl_with_line_numbers_and_bad_lines(corpus, tmp_path):
    lines = [
        json.dumps({"text": article(1), "url": "https://a.example/1", "title": "One", "published": "2024-02-03", "outlet": "A Wire"}),
        "{not json",
        json.dumps({"html": ARTICLE_HTML, "url": "https://b.example/2"}),
        json.dumps({"title": "no body"}),
    ]
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = corpus.ingest([str(p)])
    assert summary.added == 2
    rejected = {(r.code, r.line) for r in summary.rejected}
    assert rejected == {("R106", 2), ("R113", 4)}
    docs = list(corpus.documents())
    assert docs[0].title == "One" and docs[0].outlet == "A Wire" and docs[0].published.value == "2024-02-03"
    assert docs[0].source() == f"{p}:1"
    assert docs[1].source() == f"{p}:3" and docs[1].kind == "jsonl"


def test_ingest_gzip_transparent(corpus, tmp_path):
    p = tmp_path / "nepal.txt.gz"
    p.write_bytes(gzip.compress(ARTICLE_TXT.encode("utf-8")))
    assert corpus.ingest([str(p)]).added == 1


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # warcio's writer in the test
def test_ingest_warc_response_records(corpus, tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    p = tmp_path / "crawl.warc.gz"
    with p.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, html in enumerate([ARTICLE_HTML, ARTICLE_HTML.replace("five years", "six years")]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://steppe-courier.example/{i}", "response", payload=io.BytesIO(html.encode()), http_headers=headers
            )
            writer.write_record(record)
    summary = corpus.ingest([str(p)])
    assert summary.added == 2, summary.to_json()
    docs = list(corpus.documents())
    assert all(d.kind == "warc" and d.source_offset is not None for d in docs)
    assert docs[0].source_offset == 0 and docs[1].source_offset > 0


def test_ingest_stdin(corpus, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ARTICLE_TXT.encode())))
    assert corpus.ingest(["-"]).added == 1
    assert next(corpus.documents()).source_path == "<stdin>"


def test_ingest_non_utf8_text_uses_charset_detection(corpus, tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes(ARTICLE_TXT.replace("Kathmandu", "Kathmandú").encode("cp1252"))
    assert corpus.ingest([str(p)]).added == 1
    assert "Kathmandú" in next(corpus.documents()).text


def test_ingest_non_english_is_kept_and_marked(corpus, tmp_path):
    text = (
        "El Ministerio del Interior de Cuba informó que desmanteló una red que reclutaba a ciudadanos cubanos "
        "para combatir en Ucrania. Según el comunicado, varias personas fueron detenidas y se abrieron procesos "
        "penales contra los implicados en estas actividades ilegales en La Habana y otras provincias del país."
    )
    p = tmp_path / "es.txt"
    p.write_text(text, encoding="utf-8")
    corpus.ingest([str(p)])
    assert next(corpus.documents()).language == "es"


@pytest.mark.parametrize(
    ("name", "payload", "code"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "R102"),
        ("scan.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "R102"),
        ("paper.pdf", b"%PDF-1.7\n%binary", "R103"),
        ("blob.bin", bytes(range(256)) * 8, "R101"),
        ("empty.txt", b"", "R104"),
        ("short.txt", b"Too short to be an article.", "R104"),
        ("cut.txt.gz", gzip.compress(ARTICLE_TXT.encode())[:-20], "R107"),
        ("page.html", b"<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>", "R111"),
    ],
)
def test_ingest_rejects_bad_input_and_goes_on(corpus, tmp_path, name, payload, code):
    (tmp_path / name).write_bytes(payload)
    (tmp_path / "good.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    summary = corpus.ingest([str(tmp_path)])
    assert summary.added == 1
    assert _codes(summary) == [code]
    assert [r["code"] for r in corpus.rejections()] == [code]


def test_ingest_rejects_oversized_file(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(article(1) * 50, encoding="utf-8")
    out = list(iter_inputs([str(p)], Limits(max_file_bytes=1000)))
    assert [r.code for r in out if isinstance(r, Rejection)] == ["R108"]


def test_ingest_guards_decompressed_size(tmp_path):
    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"a" * 5_000_000))
    out = list(iter_inputs([str(p)], Limits(max_file_bytes=10**6, max_decompressed_bytes=10**6)))
    assert [r.code for r in out] == ["R109"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any directory")
def test_ingest_unreadable_directory(corpus, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(ARTICLE_TXT)
    locked.chmod(0)
    try:
        summary = corpus.ingest([str(tmp_path)])
    finally:
        locked.chmod(0o755)
    assert _codes(summary) == ["R110"]


def test_ingest_unreadable_directory_reported(monkeypatch, tmp_path):
    """The walk's error callback becomes a rejection (simulated: tests run as root)."""
    import threadline.readers as readers

    def fake_walk(root, onerror):
        onerror(PermissionError(13, "Permission denied", str(root / "locked")))
        return iter([(str(root), [], [])])

    monkeypatch.setattr(readers.os, "walk", fake_walk)
    out = list(readers.iter_inputs([str(tmp_path)]))
    assert [(r.code, r.path) for r in out] == [("R110", str(tmp_path / "locked"))]


def test_ingest_twice_is_a_noop_reported_as_duplicate(corpus, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    first = corpus.ingest([str(tmp_path)])
    assert first.added == 1 and len(first.duplicates) == 1
    before = corpus.store.query("SELECT * FROM documents")
    second = corpus.ingest([str(tmp_path)])
    assert second.added == 0 and len(second.duplicates) == 2
    assert [tuple(r) for r in corpus.store.query("SELECT * FROM documents")] == [tuple(r) for r in before]


def test_ingest_document_id_is_hash_of_cleaned_text(corpus, tmp_path):
    import hashlib

    (tmp_path / "a.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    corpus.ingest([str(tmp_path)])
    doc = next(corpus.documents())
    assert doc.id == hashlib.sha256(doc.text.encode()).hexdigest()[:16]


def test_ingest_undated_document_has_no_published(corpus, tmp_path):
    (tmp_path / "a.txt").write_text(article(3).replace("Publish date : 2024-03-04", ""), encoding="utf-8")
    corpus.ingest([str(tmp_path)])
    assert next(corpus.documents()).published is None


def test_ingest_outlet_for_documents_that_name_none(tmp_path):
    from threadline.cli import main

    plain = tmp_path / "in" / "market-report.txt"
    plain.parent.mkdir()
    plain.write_text(article(7), encoding="utf-8")
    named = tmp_path / "in" / "wire.jsonl"
    named.write_text(json.dumps({"text": article(8), "outlet": "A Wire"}) + "\n", encoding="utf-8")
    db = tmp_path / "t.db"
    assert main(["--db", str(db), "ingest", "--outlet", "Evening Ledger", str(plain.parent)]) == 0
    import threadline

    with threadline.open(db) as corpus:
        outlets = sorted(d.outlet for d in corpus.documents())
    assert outlets == ["A Wire", "Evening Ledger"]  # a document's own outlet wins


def test_clearly_english_text_is_english_without_the_identifier():
    from threadline import metadata

    english = (
        "The ministry said on Tuesday that the new rules would take effect next month, and officials from three"
        " regions have been told that the payments which were promised are not yet ready but they expect them soon."
    )
    french = (
        "Le ministère a annoncé mardi que les nouvelles règles entreraient en vigueur le mois prochain, et les"
        " responsables de trois régions ont appris que les paiements promis ne sont pas encore prêts, mais ils les attendent."
    )
    dutch = (
        "Het ministerie zei dinsdag dat de nieuwe regels volgende maand ingaan, en dat het geld er is, maar het was"
        " nog niet klaar voor de boeren in drie regio's die er al maanden op wachten, zei een woordvoerder van de minister."
    )
    assert metadata.clearly_english(english) and metadata.language(english) == "en"
    assert not metadata.clearly_english(french) and metadata.language(french) == "fr"
    assert not metadata.clearly_english(dutch) and metadata.language(dutch) == "nl"
    assert not metadata.clearly_english("The ministry said it would act.")  # too short to tell: the identifier decides


def test_a_folder_holding_the_store_and_its_report_reads_only_the_articles(tmp_path):
    """A run started inside the folder it reads writes its store and report there; reading the folder
    again passes over them (no rejection, no report read as an article), while other files are read."""
    import threadline
    from threadline.engines.ray_engine import list_inputs
    from threadline.listings import folder_entries

    (tmp_path / "a.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(article(2), encoding="utf-8")
    corpus = threadline.open(tmp_path / "t.db")
    try:
        first = corpus.ingest([str(tmp_path)])
        corpus.report_path().write_text("<html><body><p>" + ARTICLE_TXT * 2 + "</p></body></html>", encoding="utf-8")
        (tmp_path / "t.db.shards").mkdir()
        (tmp_path / "t.db.shards" / "part.txt").write_text(article(3), encoding="utf-8")
        second = corpus.ingest([str(tmp_path)])
        own = corpus.own_files()
        listed = [Path(e.url).name for e in folder_entries(str(tmp_path), own)]
        entries = [Path(e["path"]).name for e in list_inputs([str(tmp_path)], Limits(), 200, skip=own)]
    finally:
        corpus.close()
    assert (tmp_path / "t.db-wal").exists() or (tmp_path / "t.db-lock").exists()
    assert first.added == 2 and _codes(first) == []
    assert second.added == 0 and len(second.duplicates) == 2 and _codes(second) == []
    assert listed == entries == ["a.txt", "b.txt"]
    # without the skip, the same walk reads the store's files and the report
    assert len(list(iter_inputs([str(tmp_path)]))) > 2
