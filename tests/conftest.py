"""Shared fixtures: small articles written for the tests, and a fresh store."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

# No property test has a time limit per example: hypothesis's default deadline (200 ms) is a timed
# assertion, and it failed a ledger invariant on a machine busy with other work (280 ms).
settings.register_profile("threadline", deadline=None)
settings.load_profile("threadline")


def bench_script(name: str) -> ModuleType:
    """A benchmark script of `bench/` loaded by its path as the module `bench_<name>` (they are run by path,
    not installed; `bench/profile.py` would shadow the standard library's `profile` on `sys.path`)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", Path(__file__).resolve().parents[1] / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # a dataclass looks its module up by name
    spec.loader.exec_module(module)
    return module

ARTICLE_TXT = """Kathmandu Tightens Rules After Recruits Die on the Front

Kathmandu Tightens Rules After Recruits Die on the Front

Nepal's foreign ministry said on Tuesday that it had asked Moscow to send home Nepali citizens serving in the Russian army, after relatives reported that several of them had been killed near Avdiivka.

“We have requested the Russian side not to recruit our nationals,” the ministry's spokesperson told reporters in Kathmandu.

Officials said manpower agencies had charged young men up to 1.5 million rupees for the trip, promising work as security guards.

Source link : https://www.himalaya-wire.example/nepal-russia-recruits

Author : Sita Gurung

Publish date : 2024-01-10 08:15:00

Exit mobile version
"""

ARTICLE_HTML = """<!doctype html>
<html><head><title>Uzbek court jails recruiter | Steppe Courier</title>
<meta property="og:site_name" content="Steppe Courier">
<meta name="author" content="Aziz Karimov">
<meta property="article:published_time" content="2024-05-14T10:00:00+05:00">
<link rel="canonical" href="https://steppe-courier.example/news/uzbek-court-recruiter">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Uzbek court jails recruiter</h1>
<p>A court in Tashkent has sentenced a man to five years in prison for persuading migrant workers to sign contracts with the Russian army, prosecutors said on Monday.</p>
<p>According to the prosecutor's office, the man approached construction workers in Moscow and promised them residence papers and a monthly salary of 200,000 roubles.</p>
<p>Uzbekistan treats service in foreign armed forces as mercenarism, a crime punishable by up to ten years in prison under its criminal code.</p>
<p>Rights groups say the men are often unaware that the contracts send them to the front line in Ukraine within weeks of signing.</p>
</article>
<footer>Cookies help us deliver our services. <a href="/privacy">Privacy</a></footer>
</body></html>
"""


def article(n: int, words: int = 60) -> str:
    """A distinct, valid plain-text article number `n`."""
    body = " ".join(f"Recruiters in district {n} contacted {n + i} workers about contracts." for i in range(words // 8))
    return f"Recruitment report number {n}\n\n{body}\n\nPublish date : 2024-03-{1 + n % 28:02d}\n"


def table_rows(store, tables: dict[str, str]) -> dict[str, list[tuple]]:
    """Every row of each table, ordered by its key (`tables`: table -> ORDER BY columns)."""
    return {table: [tuple(r) for r in store.query(f"SELECT * FROM {table} ORDER BY {order}")] for table, order in tables.items()}


def rebuilt_rows(store, tables: dict[str, str], pending: str, update) -> dict[str, list[tuple]]:
    """The rows of an aggregate's `tables` that one `update` over every document makes, with every document
    listed in its `pending` table; the rows the store held are put back after."""
    grown = table_rows(store, tables)
    with store.transaction() as db:
        for table in tables:
            db.execute(f"DELETE FROM {table}")
        db.execute(f"INSERT OR IGNORE INTO {pending}(doc_id) SELECT id FROM documents")
    update(store)
    once = table_rows(store, tables)
    with store.transaction() as db:
        for table, content in grown.items():
            db.execute(f"DELETE FROM {table}")
            if content:
                db.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(content[0]))})", content)
    return once


def drop_tables_after(db, version: int) -> None:
    """Drop the tables, indexes and triggers that migrations after `version` create, so a test can make a store
    of that version (the columns later migrations add are the test's own to drop)."""
    import re

    from threadline.migrations import MIGRATIONS

    made = {number: re.findall(r"CREATE (?:VIRTUAL )?TABLE (\w+)", script) for number, _name, script in MIGRATIONS}
    earlier = {table for number, tables in made.items() if number <= version for table in tables}
    for number, _name, script in MIGRATIONS:
        if number > version:
            for index in re.findall(r"CREATE INDEX (\w+)", script):
                db.execute(f"DROP INDEX IF EXISTS {index}")
            for trigger in re.findall(r"CREATE TRIGGER (\w+)", script):
                db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for number, tables in made.items():
        if number > version:
            for table in tables:
                if table not in earlier:  # a later migration may make an older table anew (the full-text index)
                    db.execute(f"DROP TABLE IF EXISTS {table}")


# the columns of `figure_facts` that migration 24 adds (their indexes go with `drop_tables_after`)
DROP_CLUSTER_COLUMNS = "".join(f"ALTER TABLE figure_facts DROP COLUMN {c};" for c in ("cluster", "scope_end", "money_sum"))


def store_of_version(path, version: int) -> None:
    """Make the store at `path` one of schema `version`: the tables later migrations create dropped,
    and the columns of `claims_pending` and `figure_facts` that migrations 20 and 24 add with them."""
    import sqlite3

    db = sqlite3.connect(path)
    drop_tables_after(db, version)
    if version < 20:
        db.execute("ALTER TABLE claims_pending DROP COLUMN records_kept")
    if version < 24:
        db.executescript(DROP_CLUSTER_COLUMNS)
    db.execute(f"PRAGMA user_version = {int(version)}")
    db.commit()
    db.close()


def resolved_texts(corpus, folder, texts: dict[str, str]):
    """The corpus with `texts` (file name -> text) written to `folder`, ingested, analysed and resolved."""
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    corpus.ingest([str(folder)])
    corpus.analyze(workers=1)
    corpus.resolve()
    return corpus


@pytest.fixture
def corpus(tmp_path_factory):
    import threadline

    c = threadline.open(tmp_path_factory.mktemp("store") / "t.db")
    yield c
    c.close()


@pytest.fixture(scope="session")
def workbench(tmp_path_factory):
    """The example corpus plus a hostile article with planted records of every kind: one store per session."""
    from pathlib import Path

    import threadline

    from .workbench_data import plant_records, write_hostile_inputs

    folder = tmp_path_factory.mktemp("workbench")
    inputs = write_hostile_inputs(folder / "hostile")
    examples = Path(__file__).resolve().parent.parent / "examples" / "corpus"
    with threadline.open(folder / "workbench.db") as corpus:
        corpus.run([str(examples), str(inputs)], report=str(folder / "run-report.html"))
        ids = plant_records(corpus.store)
        corpus.resolve()
    return {"db": folder / "workbench.db", "dir": folder, **ids}


def killed_at_call(patcher, owner, name: str, n: int, error: type[BaseException] = KeyboardInterrupt) -> None:
    """Make `owner.name` raise `error` at its `n`-th call (a run killed there), calling through before it."""
    real = getattr(owner, name)
    calls = 0

    def killed(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == n:
            raise error
        return real(*args, **kwargs)

    patcher.setattr(owner, name, killed)
