"""Who the chains serve, and one name for a claimant in every view: a pronoun argument or source is the entity its chain names (JSON, CLI, pages); an unnamed outlet is named alike everywhere."""

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
    "Moldova's interior ministry said on Friday that it had arrested a third recruiter in Balti.\n\n"
    "The former Moldovan president said on Saturday that the guards deserved praise.\n\n"
    "Moldova has sent about 1,200 of its own police officers to the border since the war began.\n\n"
    "The deputy commander of the border guard, Andriy Demchenko, said on Sunday that 12 more men had been turned back.\n\n"
    "Moscow is said to be recruiting in Transnistria as well, offering cash bonuses to young men.\n"
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
    # a description that carries a name in apposition is that person, its words kept
    assert "agent: The deputy commander [Andriy Demchenko]" in out
    # hearsay with no one named ("is said to"): said so, as `threadline quotes` says it
    offering = next(line for line in out.splitlines() if "[bonuses]" in line or "[offering" in line or "[recruiting]" in line)
    after = out.splitlines()[out.splitlines().index(offering) + 1]
    assert "claimant: (no named source);" in after and "claimant: ?" not in out


def test_the_workbench_reads_arguments_as_the_timeline_does(db):
    """The pages' event records take an argument's entity the same way: its own mention, else its chain, and a
    demonym inside a description ("The former Moldovan president") is not the argument's entity."""
    from threadline.read.records import Lookup, event
    from threadline.store import Store

    store = Store(db, readonly=True)
    lk = Lookup(store)
    rows = store.query("SELECT * FROM records WHERE kind = 'event'")
    events = [event(lk, r) for r in rows]
    by_trigger = {(e["trigger"]["text"], (e["args"].get("agent") or {}).get("text")): e for e in events}
    arrested = by_trigger[("arrested", "it")]
    assert arrested["args"]["agent"]["entity"]["name"] == "Moldova's interior ministry"
    assert arrested["args"]["agent"]["resolved_by"] == "coreference"
    president = by_trigger[("said", "The former Moldovan president")]
    assert president["args"]["agent"]["entity"] is None


def test_an_unnamed_outlets_own_figure_has_one_name_in_every_view(db, capsys):
    from threadline.read.records import Lookup, figure
    from threadline.store import Store
    from threadline.words import UNNAMED_OUTLET

    assert main(["--db", db, "figures"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "1,200" in x)
    assert UNNAMED_OUTLET in line
    store = Store(db, readonly=True)
    lk = Lookup(store)
    pages = {f["text"]: f for f in (figure(lk, r) for r in store.query("SELECT * FROM records WHERE kind = 'figure'"))}
    assert pages["about 1,200"]["claimant"]["name"] == UNNAMED_OUTLET, pages


FAR_SOURCE = (
    "Cuba's foreign ministry said on Monday that it had uncovered a trafficking ring that sent Cuban men to fight for Russia.\n\n"
    "The ring's organisers had promised construction jobs. Many of the men were in their twenties. Some had debts at home. "
    "Their families were told little. A few sent messages from the front. One described trenches near Bakhmut. Another "
    "said his passport was taken. Relatives gathered outside a church in Havana. Prices for flights to Moscow rose. "
    "Lawyers offered help.\n\n"
    "Any suggestion that Cubans fight in Ukraine hurts Havana's image, the ministry said.\n"
)


def test_an_argument_that_is_a_resolved_source_is_the_sources_entity(tmp_path):
    """Where coreference makes no link (the ministry is named ten sentences back), the named mention the
    attribution resolved its source to stands for the same words as the event's argument: the claim's
    source and the event's agent are one entity."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "far.txt").write_text(FAR_SOURCE, encoding="utf-8")
    db, out = str(tmp_path / "t.db"), tmp_path / "x.json"
    assert main(["--db", db, "run", str(tmp_path / "in"), "--report", str(tmp_path / "r.html")]) == 0
    assert main(["--db", db, "export", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    ministry = next(e["id"] for e in data["entities"] if e["name"] == "Cuba's foreign ministry")
    source = next(a for a in data["attributions"] if (a.get("source") or {}).get("text") == "the ministry")
    assert source["source"]["entity"] == ministry
    said = next(e for e in data["events"] if (e["args"].get("agent") or {}).get("text") == "the ministry")
    assert said["args"]["agent"]["entity"] == ministry and said["args"]["agent"]["resolved_by"] == "source"
