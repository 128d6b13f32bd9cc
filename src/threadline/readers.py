"""Find input documents in files, directories, JSON Lines, WARC and stdin.

Yields `RawItem` for every candidate article and `Rejection` for every input
that cannot be one; nothing here raises for a bad document.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from charset_normalizer import from_bytes

from .errors import REJECT


@dataclass(frozen=True)
class RawItem:
    """One candidate article before cleaning."""

    path: str
    kind: str  # txt | html | jsonl | warc
    text: str | None = None
    html: str | None = None
    line: int | None = None
    offset: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rejection:
    path: str
    code: str
    detail: str = ""
    line: int | None = None
    offset: int | None = None

    @property
    def reason(self) -> str:
        base = REJECT[self.code]
        return f"{base}: {self.detail}" if self.detail else base


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 64 * 2**20
    max_decompressed_bytes: int = 256 * 2**20


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
_HTML_HINTS = ("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p ")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def iter_inputs(paths: list[str], limits: Limits = Limits(), skip: frozenset[Path] = frozenset()) -> Iterator[RawItem | Rejection]:
    """Walk `paths` in a deterministic order and yield items and rejections; a folder's files in
    `skip` (the store's own files and its report, which a run may write inside the folder it reads)
    are passed over."""
    for given in paths:
        if given == "-":
            data = sys.stdin.buffer.read(limits.max_file_bytes + 1)
            if len(data) > limits.max_file_bytes:
                yield Rejection("<stdin>", "R108")
                continue
            yield from _from_bytes("<stdin>", data, limits)
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, limits, skip)
        elif path.is_file():
            yield from _from_file(path, limits)
        elif path.exists():
            yield Rejection(str(path), "R114")
        else:
            yield Rejection(str(path), "R114", "no such file")


def _walk(root: Path, limits: Limits, skip: frozenset[Path]) -> Iterator[RawItem | Rejection]:
    for found in walk_files(root, skip):
        if isinstance(found, Rejection):
            yield found
        else:
            yield from _from_file(found, limits)


def walk_files(root: Path, skip: frozenset[Path] = frozenset()) -> Iterator[Path | Rejection]:
    """The visible files under `root` in sorted order, each directory's files before its subdirectories'
    (hidden names and the paths in `skip` left out), and a rejection for each unreadable directory."""
    skipped_names = {p.name for p in skip}
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not _skipped(Path(dirpath) / d, skip, skipped_names))
        while errors:
            err = errors.pop(0)
            yield Rejection(str(err.filename), "R110", err.strerror or "")
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if _skipped(path, skip, skipped_names):
                continue
            yield path
    for err in errors:
        yield Rejection(str(err.filename), "R110", err.strerror or "")


def _skipped(path: Path, skip: frozenset[Path], names: set[str]) -> bool:
    return path.name in names and path.resolve() in skip


def _from_file(path: Path, limits: Limits) -> Iterator[RawItem | Rejection]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            yield Rejection(name, "R108", f"{size} bytes")
            return
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(b"WARC/") or _is_gzipped_warc(path, head):
                fh.seek(0)
                yield from _warc(name, fh, limits)
                return
            fh.seek(0)
            data = fh.read()
    except PermissionError as exc:
        yield Rejection(name, "R110", exc.strerror or "")
        return
    except OSError as exc:
        yield Rejection(name, "R114", exc.strerror or str(exc))
        return
    yield from _from_bytes(name, data, limits)


def _is_gzipped_warc(path: Path, head: bytes) -> bool:
    if not head.startswith(b"\x1f\x8b"):
        return False
    if ".warc" in path.name.lower():
        return True
    try:
        with gzip.open(path, "rb") as gz:
            return gz.read(5) == b"WARC/"
    except (OSError, EOFError, zlib.error):
        return False


def _gunzip(data: bytes, limit: int) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
        while chunk := gz.read(1 << 20):
            out.write(chunk)
            if out.tell() > limit:
                raise OverflowError
    return out.getvalue()


def _from_bytes(name: str, data: bytes, limits: Limits) -> Iterator[RawItem | Rejection]:
    lname = name.lower()
    if data.startswith(b"\x1f\x8b"):
        try:
            data = _gunzip(data, limits.max_decompressed_bytes)
        except OverflowError:
            yield Rejection(name, "R109", f"over {limits.max_decompressed_bytes} bytes")
            return
        except (OSError, EOFError, zlib.error) as exc:
            yield Rejection(name, "R107", str(exc))
            return
        if lname.endswith(".gz"):
            lname = lname[:-3]
        if data.startswith(b"WARC/"):
            yield from _warc(name, io.BytesIO(data), limits)
            return
    if data.startswith(b"%PDF"):
        yield Rejection(name, "R103")
        return
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        yield Rejection(name, "R102")
        return
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield Rejection(name, "R101", "NUL bytes")
        return
    text = decode(data)
    if text is None:
        yield Rejection(name, "R105", "no charset fits")
        return
    if _control_ratio(text) > 0.02:
        yield Rejection(name, "R101", "control characters")
        return
    stripped = text.lstrip("\ufeff \t\r\n")
    if lname.endswith(_JSONL_SUFFIXES) or (stripped.startswith("{") and _first_line_is_json(stripped)):
        yield from _jsonl(name, text)
    elif lname.endswith(_HTML_SUFFIXES) or _looks_like_html(stripped):
        yield RawItem(name, "html", html=text)
    else:
        yield RawItem(name, "txt", text=text)


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) first, then the best charset guess."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best)


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_BAD_CONTROL.findall(sample)) / len(sample)


_BAD_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # C0 controls but tab, line feed, form feed, return


def _first_line_is_json(text: str) -> bool:
    first = text.split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return any(h in head for h in _HTML_HINTS) and head.count("<") >= 3


def _jsonl(name: str, text: str) -> Iterator[RawItem | Rejection]:
    # Lines end at "\n" only: U+2028 and other breaks `str.splitlines` knows may stand inside a JSON string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield Rejection(name, "R106", f"line {number}: {exc.msg}", line=number)
            continue
        if not isinstance(obj, dict):
            yield Rejection(name, "R106", f"line {number}: not an object", line=number)
            continue
        meta = {k: obj[k] for k in ("url", "title", "author", "published", "outlet") if isinstance(obj.get(k), str)}
        if isinstance(obj.get("text"), str) and obj["text"].strip():
            yield RawItem(name, "jsonl", text=obj["text"], line=number, meta=meta)
        elif isinstance(obj.get("html"), str) and obj["html"].strip():
            yield RawItem(name, "jsonl", html=obj["html"], line=number, meta=meta)
        else:
            yield Rejection(name, "R113", f"line {number}", line=number)


def _warc(name: str, fh: BinaryIO, limits: Limits) -> Iterator[RawItem | Rejection]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    total = declared = 0
    try:
        records = ArchiveIterator(fh)
        for record in records:
            # Every record is inflated to be passed over, so the cap counts the declared length of all of them.
            declared += _declared_length(record)
            if declared > limits.max_decompressed_bytes:
                yield Rejection(name, "R109", f"records declare over {limits.max_decompressed_bytes} bytes", offset=records.get_record_offset())
                return
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            date = record.rec_headers.get_header("WARC-Date") or ""
            body = record.content_stream().read(limits.max_file_bytes + 1)
            offset = records.get_record_offset()
            if len(body) > limits.max_file_bytes:
                yield Rejection(name, "R108", f"record {uri or offset} over {limits.max_file_bytes} bytes", offset=offset)
                continue
            total += len(body)
            if total > limits.max_decompressed_bytes:
                yield Rejection(name, "R109", f"over {limits.max_decompressed_bytes} bytes", offset=offset)
                return
            if ctype and "html" not in ctype.lower():
                continue
            html = decode(body)
            if html is None:
                yield Rejection(name, "R105", uri, offset=offset)
                continue
            meta = {"url": uri} if uri else {}
            if date:
                meta["crawled"] = date
            yield RawItem(name, "warc", html=html, offset=offset, meta=meta)
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
        yield Rejection(name, "R112", str(exc)[:200])


def _declared_length(record: Any) -> int:
    value = record.rec_headers.get_header("Content-Length") or "0"
    return int(value) if value.isdigit() else 0
