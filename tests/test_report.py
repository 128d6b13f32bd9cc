"""The dossier report: every section filled from the store, self-contained, hostile text inert."""

from __future__ import annotations

import re

import pytest

import threadline
from threadline.cli import main
from threadline.report import md, notable_quotes, render

SECTIONS = ["Key figures", "Timeline", "Top actors", "Notable quotes", "Network", "Stories and source independence",
            "Coercion indicators", "How this was produced", "Documents"]


@pytest.fixture(scope="module")
def html(workbench):
    with threadline.open(workbench["db"], readonly=True) as corpus:
        return render(corpus, "html")


@pytest.fixture(scope="module")
def markdown(workbench):
    with threadline.open(workbench["db"], readonly=True) as corpus:
        return render(corpus, "md")


def section(html, number):
    start = html.index(f'<h2 id="{["figures", "timeline", "actors", "quotes", "network", "stories", "indicators", "method", "documents"][number]}">')
    end = html.find("<h2 ", start + 5)
    return html[start : end if end > 0 else None]


def test_report_html_has_every_section_filled(html, workbench):
    assert re.findall(r'<h2 id="\w+">\d\. ([^<]+)</h2>', html) == SECTIONS
    for i, name in enumerate(SECTIONS):
        assert 'class="empty"' not in section(html, i), name
    figures = section(html, 0)
    assert f'<tr id="{workbench["figure"]}">' in figures and f'href="#{workbench["figure"]}"' in figures
    assert "at least 40 men had been sent to Russia" in figures  # the evidence sentence is quoted
    assert f'<tr id="{workbench["event"]}">' in section(html, 1)
    assert "<svg" in section(html, 4) and "Russia" in section(html, 4)
    assert "Retention of identity documents" in section(html, 6)
    method = section(html, 7)
    assert f"Threadline {threadline.__version__}" in method and "recruitment" in method and "17 documents" in method


def test_report_html_is_self_contained(html):
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert not re.search(r"""\b(src|href)\s*=\s*["'](?!#)""", html)
    assert "default-src 'none'" in html
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html and "<svg onload" not in html


def test_report_markdown_escapes_and_covers_sections(markdown):
    assert markdown.startswith("# Threadline dossier")
    assert re.findall(r"^## \d\. (.+)$", markdown, re.M) == SECTIONS
    assert not re.search(r"(?<!\\)<(script|img|svg|a)\b", markdown)  # every < from the data is escaped
    assert r'\<script\>alert("title")\</script\>' in markdown


def test_report_md_filter_keeps_one_line_and_escapes_markup():
    assert md("a | b\n<c> *d* [e](f)") == r"a \| b \<c\> \*d\* \[e\](f)"
    assert md(None) == ""


def test_report_notable_quotes_prefer_named_speakers_one_each():
    def q(i, speaker, text, kind="direct"):
        return {"id": f"a-d-{i}", "text": text, "type": kind, "speaker": {"id": speaker, "name": speaker} if speaker else None, "source": None}

    quotes = [q(1, "A", "x" * 50), q(2, "A", "y" * 80), q(3, None, "z" * 90), q(4, "B", "w" * 60, "indirect"), q(5, "C", "v" * 70)]
    assert [a["id"] for a in notable_quotes(quotes, limit=4)] == ["a-d-2", "a-d-5", "a-d-4", "a-d-3"]


def test_report_notable_quotes_fill_with_second_quotes_best_first():
    def q(i, speaker, length, kind="direct"):
        return {"id": f"a-d-{i}", "text": "x" * length, "type": kind, "speaker": {"id": speaker} if speaker else None, "source": None}

    # two speakers, many quotes each: after one quote per speaker come the best remaining ones
    quotes = [q(i, "AB"[i % 2], 40 + 7 * i, "direct" if i % 3 else "indirect") for i in range(40)]
    picked = [a["id"] for a in notable_quotes(quotes, limit=6)]
    ranked = sorted(quotes, key=lambda a: (a["type"] not in ("direct", "mixed"), not 40 <= len(a["text"]) <= 400, -min(len(a["text"]), 400), a["id"]))
    firsts = [next(a for a in ranked if a["speaker"]["id"] == s) for s in ("A", "B")]
    firsts.sort(key=ranked.index)
    expected = firsts + [a for a in ranked if a not in firsts][:4]
    assert picked == [a["id"] for a in expected]
    assert len(notable_quotes(quotes, limit=100)) == 40 and notable_quotes([], limit=3) == []


def test_report_command_writes_both_formats(workbench, tmp_path, capsys):
    for name in ("dossier.html", "dossier.md"):
        assert main(["--db", str(workbench["db"]), "report", "-o", str(tmp_path / name)]) == 0
        assert f"Report: {tmp_path / name}" in capsys.readouterr().out
    assert (tmp_path / "dossier.md").read_text(encoding="utf-8").startswith("# Threadline dossier")
    assert main(["--db", str(workbench["db"]), "report", "-o", str(tmp_path / "forced.txt"), "--format", "md"]) == 0
    assert (tmp_path / "forced.txt").read_text(encoding="utf-8").startswith("# Threadline dossier")


def test_report_large_corpus_keeps_the_most_telling_items_and_says_how_many(workbench, monkeypatch):
    import threadline.report as report

    for key in report.LIMITS:
        monkeypatch.setitem(report.LIMITS, key, 2)
    with threadline.open(workbench["db"], readonly=True) as corpus:
        ctx = report.context(corpus)
        total_events = ctx["totals"]["events"]
        out = render(corpus, "html")
        md_out = render(corpus, "md")
    assert len(ctx["figure_groups"]) == 2 < ctx["totals"]["figure_groups"]
    assert ctx["figure_groups"][0]["conflict"]  # conflicts come first
    assert all(len(g["figures"]) <= 2 for g in ctx["figure_groups"])
    assert len(ctx["timeline"]["events"]) == 2 < total_events
    assert f"best-corroborated of {total_events} events" in out
    # only the cited documents are listed, and the report says so
    assert {d.id for d in ctx["documents"]} == set(ctx["cited"])
    assert f"of {ctx['totals']['documents']} in the store" in out and f"of {ctx['totals']['documents']} in the store" in md_out


def test_report_quotes_ranked_on_outlines_are_those_ranked_on_full_views(workbench):
    from threadline.read import features, records

    with threadline.open(workbench["db"], readonly=True) as corpus:
        lk = records.Lookup(corpus.store)
        full = features.quotes(lk)
        outlines = [records.attribution_outline(lk, row) for row in records.rows(corpus.store, "attribution")]
        assert full and len(outlines) == len(full)
        for outline, view in zip(sorted(outlines, key=lambda a: a["id"]), sorted(full, key=lambda a: a["id"])):
            assert outline == {k: view[k] for k in outline}
        assert [a["id"] for a in notable_quotes(outlines, limit=5)] == [a["id"] for a in notable_quotes(full, limit=5)]


def test_report_templates_load_without_the_web_framework():
    import subprocess
    import sys

    code = "import sys, threadline.report as r; r._env('html'); r._env('md'); print('fastapi' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
