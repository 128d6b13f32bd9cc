"""The SQLite store: schema migrations, one writer, read-only readers."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import StoreError
from .migrations import MIGRATIONS


class Store:
    """One SQLite file. Writes go through this object's single connection."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        check_file(self.path)
        if readonly:
            if not self.path.is_file():
                raise StoreError(f"no store at {self.path}; run `threadline run` or `ingest` first")
            uri = f"file:{self.path.resolve()}?mode=ro"
            self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            if self.path.parent and not self.path.parent.exists():
                raise StoreError(f"directory does not exist: {self.path.parent}")
            try:
                self.db = sqlite3.connect(self.path, isolation_level=None)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open {self.path}: {exc}") from None
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 10000")
            self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                self.migrate()
            version = self.schema_version()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            if isinstance(exc, sqlite3.OperationalError):  # locked, read-only, I/O: the file may be fine
                raise StoreError(f"cannot open {self.path}: {exc}") from None
            raise damaged(self.path, exc) from None
        if version > MIGRATIONS[-1][0]:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this Threadline "
                f"({MIGRATIONS[-1][0]}); upgrade Threadline"
            )

    # -- schema ---------------------------------------------------------
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        current = self.schema_version()
        for version, _name, script in MIGRATIONS:
            if version <= current:
                continue
            try:
                self.db.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
            except BaseException:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    # -- transactions ---------------------------------------------------
    def transaction(self) -> "_Tx":
        return _Tx(self.db)

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return self.db.execute(sql, tuple(params)).fetchall()

    def scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self.db.execute(sql, tuple(params)).fetchone()
        return None if row is None else row[0]

    def iter_rows(self, sql: str, params: Iterable[Any] = ()) -> Iterator[sqlite3.Row]:
        yield from self.db.execute(sql, tuple(params))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Tx:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def damaged(path: Path, reason: object) -> StoreError:
    """The one error for a store SQLite cannot read: it names the file and what is wrong."""
    return StoreError(f"{path} is damaged or not a Threadline store ({reason}); restore it from a copy, or use a new --db")


def is_damage(exc: BaseException) -> bool:
    """SQLite found the file corrupt or not a database (not locked, read-only or out of space)."""
    return isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)


def check_file(path: Path) -> None:
    """Refuse, before SQLite opens it, a file that is not a SQLite database or is shorter than its
    own header says (a truncated copy): SQLite itself would only fail on the first missing page."""
    try:
        with path.open("rb") as f:
            header = f.read(100)
            size = f.seek(0, 2)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    if size == 0:
        return  # a new store
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise damaged(path, "not a SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96]  # the page count is valid only when written with this change counter
    if counted and pages * page_size > size:
        raise damaged(path, f"truncated: {size} bytes, its header says {pages * page_size}")


KEYS_PER_QUERY = 400  # keys per batched read: with two parameters each, under SQLite's smallest limit (999)


def batches(keys: list[Any]) -> Iterator[list[Any]]:
    """`keys` in runs of `KEYS_PER_QUERY`, one query each."""
    for i in range(0, len(keys), KEYS_PER_QUERY):
        yield keys[i : i + KEYS_PER_QUERY]


def dumps(value: Any) -> str:
    """Deterministic JSON for stored columns."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
