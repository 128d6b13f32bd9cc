"""Threadline's errors and rejection reasons, each with a stable code.

Exception hierarchy::

    ThreadlineError            base of everything raised on purpose
    ├── ConfigError            a bad configuration file, value or flag
    ├── StoreError             the store cannot be opened or is of a newer schema
    ├── InputError             a path given on the command line cannot be read at all
    └── ReviewError            an analyst correction that cannot be stored or read as given

A bad *document* is not an exception: it becomes a `Rejection` (see
`threadline.ingest`) carrying one of the reason codes below, and the batch goes on.
"""

from __future__ import annotations


class ThreadlineError(Exception):
    """Base class; `code` is stable and searchable (e.g. ``T101``)."""

    code = "T000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class ConfigError(ThreadlineError):
    code = "T001"


class StoreError(ThreadlineError):
    code = "T002"


class InputError(ThreadlineError):
    code = "T003"


class ReviewError(ThreadlineError):
    code = "T030"


# Rejection reasons for documents: code -> human description.
REJECT = {
    "R101": "binary content",
    "R102": "image file",
    "R103": "PDF file (no PDF text extraction)",
    "R104": "empty or too short after cleaning",
    "R105": "undecodable bytes",
    "R106": "malformed JSON line",
    "R107": "truncated or corrupt gzip stream",
    "R108": "file larger than the configured limit",
    "R109": "decompressed size larger than the configured limit",
    "R110": "permission denied",
    "R111": "no article text found in HTML",
    "R112": "unreadable WARC record or file",
    "R113": "JSON line without `text` or `html`",
    "R114": "not a file or directory",
    "R115": "the document could not be cleaned (a reader failed on it)",
}

# Reasons a document is quarantined at analysis (kept, not analysed; see `threadline.analyze`).
QUARANTINE = {
    "R201": "longer than the configured maximum for analysis",
    "R202": "analysis failed",
    "R203": "analysis took longer than its time budget",
}
