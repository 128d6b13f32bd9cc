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
    assert "1 article read (1 txt) · 1 rejected" in out and "R103" in out

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
    assert main(["--db", db, "run", inputs, "-o", str(report)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "1 article read (1 txt) · 1 rejected"
    assert out[-1].startswith("1 article · ") and out[-1].endswith(f" · report: {report}")
    assert not [line for line in out if line.startswith(("Analyze:", "Resolve:"))]  # counters only with --verbose
    html = report.read_text()
    assert "Kathmandu Tightens Rules" in html and "bad.pdf" in html


def test_cli_run_writes_the_report_beside_its_store(inputs, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = tmp_path / "stores" / "nepal.db"
    store.parent.mkdir()
    assert main(["--db", str(store), "run", inputs, "--verbose"]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "stores" / "nepal-report.html").exists() and not list(tmp_path.glob("*.html"))
    assert "Analyze: " in out and "Resolve: " in out
    assert main(["--db", str(store), "run", inputs, "-v"]) == 0  # a rerun: nothing new, said in words
    out = capsys.readouterr().out
    assert "0 articles read · 1 already in the store · 1 rejected" in out and "Analyze: nothing to do" in out
    assert main(["--db", str(store), "report"]) == 0
    assert f"Report: {tmp_path / 'stores' / 'nepal-report.html'}" in capsys.readouterr().out


def test_cli_run_json_summary_has_totals(db, inputs, capsys, tmp_path):
    assert main(["--db", db, "run", inputs, "-o", str(tmp_path / "r.md"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["articles"] == 1 and data["ingest"]["added"] == 1 and data["report"].endswith("r.md")
    assert set(data["totals"]) == {"articles", "actors", "figures", "quantities", "conflicts", "events", "stories"}


def _commands(group, prefix=""):
    import click

    for name, cmd in sorted(group.commands.items()):
        yield f"{prefix}{name}", cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, f"{prefix}{name} ")


def test_cli_help_lists_every_command_whole(capsys, monkeypatch):
    from threadline.cli import cli

    monkeypatch.setenv("COLUMNS", "80")
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name, cmd in _commands(cli):
        short = cmd.get_short_help_str(limit=10_000)
        assert not short.endswith("...") and short.count("(") == short.count(")"), name
    listed = " ".join(out.split("Commands:")[1].split())
    for name in cli.commands:
        assert " ".join(cli.commands[name].get_short_help_str(limit=10_000).split()) in listed, name


def test_cli_readme_table_has_every_command():
    from pathlib import Path

    from threadline.cli import cli

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [name for name, _ in _commands(cli) if f"`threadline {name}" not in readme]
    assert not missing, f"commands missing from README's table: {missing}"


@pytest.mark.parametrize(("n", "noun", "expected"), [(1, "claim", "1 claim"), (19, "update", "19 updates"), (0, "story", "0 stories"),
                                                     (2, "quantity", "2 quantities"), (3, "match", "3 matches"), (1_500, "figure", "1,500 figures")])
def test_cli_counts_in_words(n, noun, expected):
    from threadline.words import count

    assert count(n, noun) == expected


@pytest.mark.parametrize(("n", "kind", "expected"), [(6, "part of", "6 parts of a whole"), (1, "corroborates", "1 corroboration"),
                                                     (2, "undetermined", "2 pairs left undetermined"), (3, "update", "3 updates")])
def test_ledger_findings_counted_in_words(n, kind, expected):
    from threadline.words import findings

    assert findings(n, kind) == expected


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
