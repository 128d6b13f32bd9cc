"""The command line: exit codes, one-line errors, and the commands' output."""

from __future__ import annotations

import json

import pytest

from threadline.cli import main

from .conftest import ARTICLE_TXT


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.db")


@pytest.fixture
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "nepal.txt").write_text(ARTICLE_TXT, encoding="utf-8")
    (d / "bad.pdf").write_bytes(b"%PDF-1.5 nothing")
    return str(d)


@pytest.mark.parametrize(
    "argv",
    [["ingest", "/no/such/path"], ["run", "--no-such-option", "x"], ["no-such-command"], ["ingest"], ["search"]],
)
def test_cli_bad_arguments_exit_nonzero_with_one_line(argv, db, capsys):
    assert main(["--db", db, *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("threadline: error:") and "\n" not in err


def test_cli_ingest_then_query_commands(db, inputs, capsys, tmp_path):
    assert main(["--db", db, "ingest", inputs]) == 0
    out = capsys.readouterr().out
    assert "Documents added: 1" in out and "rejected" in out and "R103" in out

    assert main(["--db", db, "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"] == 1 and stats["rejected"] == 1

    assert main(["--db", db, "search", "security guards", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 1 and "[security]" in hits[0]["snippet"]

    assert main(["--db", db, "search", 'unbalanced "quote AND (', "--json"]) == 0
    capsys.readouterr()

    doc_id = hits[0]["doc"]
    assert main(["--db", db, "show", doc_id[:8]]) == 0
    assert "Sita Gurung" in capsys.readouterr().out

    assert main(["--db", db, "rejects", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["code"] == "R103"

    out_file = tmp_path / "export.json"
    assert main(["--db", db, "export", "--format", "json", "-o", str(out_file)]) == 0
    data = json.loads(out_file.read_text())
    assert [d["id"] for d in data["documents"]] == [doc_id]
    assert data["rejected"][0]["path"].endswith("bad.pdf")


def test_cli_show_unknown_id_fails(db, inputs, capsys):
    main(["--db", db, "ingest", inputs])
    capsys.readouterr()
    assert main(["--db", db, "show", "ffffffff"]) == 1
    assert "no document" in capsys.readouterr().err


def test_cli_query_without_store_fails_cleanly(db, capsys):
    assert main(["--db", db, "stats"]) == 1
    assert "no store" in capsys.readouterr().err


def test_cli_run_prints_summary_and_writes_report(db, inputs, capsys, tmp_path):
    report = tmp_path / "r.html"
    assert main(["--db", db, "run", inputs, "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "Documents added: 1" in out and f"Report: {report}" in out
    html = report.read_text()
    assert "Kathmandu Tightens Rules" in html and "bad.pdf" in html


def test_cli_config_show_precedence(tmp_path, monkeypatch, capsys):
    cfg = tmp_path / "t.toml"
    cfg.write_text("[ingest]\nmin_chars = 50\nbatch_size = 7\n")
    monkeypatch.setenv("THREADLINE_INGEST_BATCH_SIZE", "9")
    monkeypatch.setenv("THREADLINE_DB", str(tmp_path / "env.db"))
    assert main(["--config", str(cfg), "config", "show"]) == 0
    out = capsys.readouterr().out
    assert "min_chars = 50" in out  # file over default
    assert "batch_size = 9" in out  # env over file
    assert f'db = "{tmp_path / "env.db"}"' in out
    assert main(["--config", str(cfg), "--db", "flag.db", "config", "show"]) == 0
    assert 'db = "flag.db"' in capsys.readouterr().out  # flag over env


def test_cli_config_errors(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[ingest]\nno_such = 1\n")
    assert main(["--config", str(bad), "config", "show"]) == 1
    assert "unknown setting ingest.no_such" in capsys.readouterr().err
    assert main(["--config", str(tmp_path / "missing.toml"), "config", "show"]) == 1
