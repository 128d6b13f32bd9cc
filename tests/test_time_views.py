"""No raw date code reaches a reader: the CLI, the report and the export's labels show dates in words."""

from __future__ import annotations

import json
import re

import pytest

from threadline.cli import main

RAW = re.compile(r"XXXX|\b\d{4}-W\d{2}\b|\bP\d+[YMWD]\b|\b\d{4}-Q\d\b|_REF\b")

UNDATED = (
    "Recruiters tighten their grip on migrant workers\n\n"
    "The former president said on Sunday that some 90,000 men had been recruited into the army since the start "
    "of the year, up from about 70,000 men in August.\n\n"
    "Officials in the region said on Monday that the police detained 14 recruiters in a raid last week.\n"
)


CAPTURE = (
    "Border guards say a second recruit has been taken prisoner\n\n"
    "KYIV, Oct. 6 (Wire) - Border guards reported a clash near the river.\n\n"
    "In March 2024, the army announced the capture of a man from Santiago. The man, a cook who thought he had signed "
    "up for building work, was captured when he walked into the wrong trench.\n\n"
    "The guards detained two smugglers near the crossing. They said 14 more smugglers had crossed the river.\n"
)


@pytest.fixture
def store(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (folder / "capture.jsonl").write_text(json.dumps({"text": CAPTURE, "published": "2025-10-08"}) + "\n", encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert main(["--db", db, "run", str(folder), "--report", str(tmp_path / "r.html")]) == 0
    return db, tmp_path


def test_underspecified_dates_are_words_in_every_view(store, capsys):
    db, tmp = store
    capsys.readouterr()
    shown = []
    for argv in (["timeline"], ["figures"]):
        assert main(["--db", db, *argv]) == 0
        shown.append(capsys.readouterr().out)
    for fmt in ("html", "md"):
        assert main(["--db", db, "report", "--format", fmt, "-o", str(tmp / f"report.{fmt}")]) == 0
        shown.append((tmp / f"report.{fmt}").read_text("utf-8"))
    assert main(["--db", db, "export", "--format", "json", "-o", str(tmp / "e.json")]) == 0
    exported = json.loads((tmp / "e.json").read_text("utf-8"))
    words = [e["time"]["words"] for e in exported["events"]]
    shown.extend(words)
    text = "\n".join(shown)
    assert "a Sunday, week unknown" in text and "August, year unknown" in text
    assert not RAW.search(text), RAW.search(text)
    raw_values = {e["time"]["value"] for e in exported["events"]}
    assert any(v and "X" in v for v in raw_values)  # the export keeps the TimeML value beside its words


def test_event_dated_from_the_paragraph_then_the_dateline(store, capsys):
    db, tmp = store
    assert main(["--db", db, "export", "--format", "json", "-o", str(tmp / "e.json")]) == 0
    events = json.loads((tmp / "e.json").read_text("utf-8"))["events"]
    captured = [e for e in events if e["trigger"]["text"] == "captured"]
    assert [(e["time"]["value"], e["time"]["fallback"]) for e in captured] == [("2024-03", "context")]
    assert captured[0]["time"]["words"] == "March 2024"
    detained = [e for e in events if e["trigger"]["text"] == "detained" and "smugglers" in e["args"]["patient"]["text"]]
    assert [(e["time"]["value"], e["time"]["fallback"]) for e in detained] == [("2025-10-06", "dateline")]
    # the announcement's "capture" and the later "was captured" are one happening, dated from the text
    announced = next(e for e in events if e["trigger"]["text"] == "capture")
    assert captured[0]["happening"] == announced["happening"] == announced["id"]
    capsys.readouterr()
    assert main(["--db", db, "timeline", "--json", "--type", "capture"]) == 0
    shown = json.loads(capsys.readouterr().out)
    row = next(e for e in shown if e["id"] == announced["id"])
    assert row["time"]["value"] == "2024-03" and captured[0]["id"] in row["reports"]
    assert captured[0]["id"] not in {e["id"] for e in shown}


def test_figure_as_of_from_the_dateline_with_its_source(store):
    db, tmp = store
    assert main(["--db", db, "export", "--format", "json", "-o", str(tmp / "f.json")]) == 0
    figures = json.loads((tmp / "f.json").read_text("utf-8"))["figures"]
    more = next(f for f in figures if f["text"] == "14")
    assert (more["as_of"], more["as_of_source"], more["as_of_precision"], more["as_of_words"]) == (
        "2025-10-06", "dateline", "day", "6 October 2025")
