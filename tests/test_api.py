"""The public Python API is small and locked."""

from __future__ import annotations

import threadline

from .conftest import ARTICLE_TXT


def test_api_exported_members_are_locked():
    assert sorted(threadline.__all__) == sorted(
        [
            "ConfigError",
            "Corpus",
            "Document",
            "InputError",
            "RunSummary",
            "SearchHit",
            "StoreError",
            "ThreadlineError",
            "TimePoint",
            "__version__",
            "open",
        ]
    )
    for name in threadline.__all__:
        assert hasattr(threadline, name)


def test_api_notebook_flow(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    with threadline.open(tmp_path / "nb.db") as corpus:
        summary = corpus.run([str(tmp_path / "a.txt")], report=str(tmp_path / "r.md"))
        assert summary.ingest.added == 1
        assert [h.doc for h in corpus.search("Avdiivka")] == [d.id for d in corpus.documents()]
        assert (tmp_path / "r.md").read_text().startswith("# Threadline dossier")
        counts = corpus.export(tmp_path / "e.json")
        assert counts["documents"] == 1
