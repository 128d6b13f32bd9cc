"""Who the chains serve on the timeline: a pronoun argument or source is the entity its chain names, in the JSON and the CLI."""

from __future__ import annotations

import json

import pytest

from threadline.cli import main

REPORT = (
    "Border guards say smugglers lured Moldovans to the front\n\n"
    "Publish date : 2024-05-14\n\n"
    "KYIV — Colonel Ruslan Bondar, a spokesman for the State Border Guard Service, said on Monday that a smuggling ring "
    "had recruited 40 men from Moldova for the Russian army.\n\n"
    'He said the men had been promised work on building sites. "Most of them did not know where they were going," he told reporters.\n\n'
    "Bondar said his officers detained two recruiters near Odesa last week. They had signed up the men in Chisinau, he said.\n\n"
    "Moldova's interior ministry said on Friday that it had arrested a third recruiter in Balti.\n"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    root = tmp_path_factory.mktemp("chains")
    (root / "in").mkdir()
    (root / "in" / "bondar.txt").write_text(REPORT, encoding="utf-8")
    path = str(root / "t.db")
    assert main(["--db", path, "run", str(root / "in"), "--report", str(root / "r.html")]) == 0
    return path


def test_a_pronoun_argument_is_the_entity_its_chain_names(db, tmp_path):
    out = tmp_path / "export.json"
    assert main(["--db", db, "export", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    bondar = next(e["id"] for e in data["entities"] if e["name"] == "Ruslan Bondar")
    events = data["events"]  # every report, not only each happening's representative
    said = [e for e in events if e["type"] == "statement" and e["args"].get("agent", {}).get("text") == "He"]
    assert said and all(e["args"]["agent"]["entity"] == bondar and e["args"]["agent"]["resolved_by"] == "coreference" for e in said)
    promised = next(e for e in events if e["trigger"]["text"] == "promised")
    assert promised["claimant"]["text"] == "He" and promised["claimant"]["entity"] == bondar


def test_the_timeline_names_a_pronoun_source_and_argument_by_their_entity(db, capsys):
    assert main(["--db", db, "timeline"]) == 0
    out = capsys.readouterr().out
    assert "agent: it [Moldova's interior ministry]" in out
    assert "claimant: He" not in out and "claimant: he" not in out
    promised = next(line for line in out.splitlines() if "[promised]" in line)
    after = out.splitlines()[out.splitlines().index(promised) + 1]
    assert "claimant: Ruslan Bondar;" in after
