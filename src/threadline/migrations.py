"""Numbered schema migrations: append only, never edit one that has shipped."""

from __future__ import annotations

M001_DOCUMENTS = """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            title TEXT,
            url TEXT,
            outlet TEXT,
            author TEXT,
            published TEXT,
            published_precision TEXT,
            language TEXT,
            kind TEXT NOT NULL,
            source_path TEXT NOT NULL,
            source_line INTEGER,
            source_offset INTEGER,
            cleaning TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE document_sources (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            source_path TEXT NOT NULL,
            source_line INTEGER NOT NULL DEFAULT 0,
            source_offset INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (doc_id, source_path, source_line, source_offset)
        );
        CREATE TABLE rejections (
            key TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            line INTEGER,
            offset INTEGER,
            code TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT,
            summary TEXT
        );
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text)
            VALUES (new.rowid, coalesce(new.title, ''), new.text);
        END;
        CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
        END;
"""

# (version, name, SQL script). Each runs in one transaction with the version bump.
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "documents", M001_DOCUMENTS),
]
