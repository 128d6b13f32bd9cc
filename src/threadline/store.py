"""The SQLite store: schema migrations, one writer, read-only readers."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import StoreError
from .migrations import MIGRATIONS


class Store:
    """One SQLite file. Writes go through this object's single connection."""

    def __init__(self, path: str | Path, *, readonly: bool = False, lock_wait: float = 30.0) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock: WriterLock | None = None
        check_file(self.path)
        if readonly:
            if not self.path.is_file():
                raise StoreError(f"no store at {self.path}; run `threadline run` or `ingest` first")
            try:
                self.db = _open_readonly(self.path)
            except sqlite3.OperationalError as exc:
                raise StoreError(f"cannot open {self.path}: {exc}") from None
            except sqlite3.DatabaseError as exc:
                raise damaged(self.path, exc) from None
        else:
            if self.path.parent and not self.path.parent.exists():
                raise StoreError(f"directory does not exist: {self.path.parent}")
            self._lock = WriterLock(self.path, wait=lock_wait)
            try:
                self.db = sqlite3.connect(self.path, isolation_level=None)
            except sqlite3.Error as exc:
                self._lock.release()
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
        except sqlite3.OperationalError as exc:  # locked, read-only, full, I/O: the file may be fine
            self.close()
            raise write_failure(self.path, exc) or StoreError(f"cannot open {self.path}: {exc}") from None
        except sqlite3.DatabaseError as exc:
            self.close()
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
        if self._lock is not None:
            self._lock.release()
            self._lock = None

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


def _open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection; on a read-only folder (no `-shm` can be made) the file is read as immutable."""
    db = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True, check_same_thread=False)
    try:
        db.execute("PRAGMA user_version").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
        if os.access(path.parent, os.W_OK):
            raise
    return sqlite3.connect(f"file:{path.resolve()}?mode=ro&immutable=1", uri=True, check_same_thread=False)


class WriterLock:
    """One writing process per store: an exclusive lock on `<store>-lock`, waited for at most `wait` seconds.

    Readers never take it. The lock file holds the writer's process id, for the message
    a second writer prints; the lock goes when the process ends, however it ends.
    """

    def __init__(self, store: Path, *, wait: float) -> None:
        self.path = store.with_name(store.name + "-lock")
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise read_only(store, exc.strerror) from None
        deadline = time.monotonic() + wait
        told = False
        while not self._try():
            holder = self._holder()
            if time.monotonic() >= deadline:
                os.close(self.fd)
                raise StoreError(
                    f"{store} is being written by another threadline process{holder}; waited {wait:g} s "
                    "(store.lock_wait). Run again when it has finished.",
                    code="T005",
                )
            if not told:
                print(f"threadline: waiting for another threadline process{holder} writing {store}", file=sys.stderr)
                told = True
            time.sleep(0.2)
        os.ftruncate(self.fd, 0)
        os.write(self.fd, f"{os.getpid()}\n".encode())

    def _try(self) -> bool:
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _holder(self) -> str:
        pid = os.pread(self.fd, 32, 0).decode("ascii", "replace").strip()
        return f" (pid {pid})" if pid.isdigit() else ""

    def release(self) -> None:
        os.close(self.fd)  # closing the descriptor drops the lock


DISK_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


def is_disk_full(exc: BaseException) -> bool:
    """A write failed for want of space (or a file size limit): the machine's fault, never a document's."""
    return isinstance(exc, OSError) and exc.errno in DISK_FULL


def read_only(path: Path, why: str | None) -> StoreError:
    return StoreError(
        f"{path} cannot be written ({why or 'read-only'}): the store or its folder is read-only. "
        "Commands that only read it still work (stats, search, show, export, report, serve).",
        code="T006",
    )


def write_failure(path: Path, exc: sqlite3.OperationalError) -> StoreError | None:
    """The one message for a store that cannot be written now: read-only, full disk, or busy (else None)."""
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return read_only(path, text)
    if "locked" in text or "busy" in text:
        return StoreError(f"{path} is locked by another program writing to it ({text}); run again when it has finished", code="T005")
    if "full" in text or "disk I/O" in text:
        return disk_full(path, text)
    return None


def disk_full(path: Path | str, why: str) -> StoreError:
    return StoreError(
        f"cannot write {path}: {why} (the disk is full, or a file size limit was reached). "
        "Everything committed before is kept; free some space and run the command again.",
        code="T007",
    )


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


# A document whose claims resolve must attach again from new records (analysed again, a record withheld
# or restored by a review): its earlier claims cannot stand for the new ones (`records_kept` 0, migration 20).
CLAIMS_PENDING_NEW_RECORDS = (
    "INSERT INTO claims_pending(doc_id) SELECT id FROM documents WHERE id = ? ON CONFLICT(doc_id) DO UPDATE SET records_kept = 0"
)
KEYS_PER_QUERY = 400  # keys per batched read: with two parameters each, under SQLite's smallest limit (999)


def batches(keys: list[Any]) -> Iterator[list[Any]]:
    """`keys` in runs of `KEYS_PER_QUERY`, one query each."""
    for i in range(0, len(keys), KEYS_PER_QUERY):
        yield keys[i : i + KEYS_PER_QUERY]


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(value: Any) -> str:
    """Deterministic JSON for stored columns. One encoder serves every call (`json.dumps` with
    options builds a new one each time: a tenth of its cost for a record's small mapping)."""
    return _ENCODER.encode(value)
