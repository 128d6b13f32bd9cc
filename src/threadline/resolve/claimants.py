"""Who claims a span of a document: the innermost attribution covering it, and the chain it is nested in.

Pure functions over one document's attribution records (in seq order), shared by the
claims step (`resolve/claims.py`) and the read side (`read/attributions.py`, `read/events.py`).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Sequence
from typing import Any

from ..extract.attribution_sources import SHARE_SOURCE
from ..pipeline import Record, record_id
from ..store import Store


def _depth(attributions: list[Record], seq: int) -> int:
    """How deep attribution `seq` is nested (0 for one reported by the outlet itself)."""
    d, parent, seen = 0, attributions[seq].data.get("parent"), set()
    while parent is not None and parent not in seen and 0 <= parent < len(attributions):
        seen.add(parent)
        d += 1
        parent = attributions[parent].data.get("parent")
    return d


class Coverage:
    """Which of one document's attributions cover an offset, found by bisection over their starts
    (with the furthest end reached so far) instead of a scan of them all: a document of thousands of
    attributions asked about thousands of offsets costs n log n, not their product."""

    def __init__(self, attributions: list[Record]) -> None:
        self.attributions = attributions
        self.order = sorted(range(len(attributions)), key=lambda seq: attributions[seq].start)
        self.starts = [attributions[seq].start for seq in self.order]
        self.reach: list[int] = []
        furthest = -1
        for seq in self.order:
            furthest = max(furthest, attributions[seq].end)
            self.reach.append(furthest)

    def covering(self, offset: int) -> list[int]:
        """Seqs of the attributions whose content covers `offset`."""
        out = []
        i = bisect.bisect_right(self.starts, offset)
        while i > 0 and self.reach[i - 1] > offset:
            i -= 1
            if self.attributions[self.order[i]].end > offset:
                out.append(self.order[i])
        return out


def claims_at(rec: Record, offset: int, text: str | None) -> bool:
    """Whether attribution `rec` claims what is at `offset`: its content covers it, the offset is not in its
    own source phrase ("according to a poll of [400] voters": the 400 describes the source) nor in what a
    naming verb judges (`judged`: "sees [six million migrants] as recruits"), and its
    source is not a share of a population (`SHARE_SOURCE`)."""
    if not rec.start <= offset < rec.end:
        return False
    source = rec.data.get("source")
    if source and source[0] <= offset < source[1]:
        return False
    judged = rec.data.get("judged")
    if judged and judged[0] <= offset < judged[1]:
        return False  # "Russia sees [six million migrants] as recruits": the count is the report's, not Russia's
    return not (text is not None and source and SHARE_SOURCE.match(text, source[0]))


def claimant_at(attributions: list[Record], offset: int, coverage: Coverage | None = None, text: str | None = None) -> int | None:
    """Seq of the innermost attribution that claims what is at `offset` (`claims_at`; the most
    deeply nested one, then the shortest), or None when the outlet speaks. Only the
    covering attributions' depths are walked; `coverage` (of these attributions) finds
    them without a scan. Without the document's `text`, a source is not read for a share."""
    best: tuple[int, int, int] | None = None
    covering: Sequence[int] = range(len(attributions)) if coverage is None else coverage.covering(offset)
    for seq in covering:
        rec = attributions[seq]
        if claims_at(rec, offset, text):
            key = (-_depth(attributions, seq), rec.end - rec.start, seq)
            if best is None or key < best:
                best = key
    return None if best is None else best[2]


def chain(attributions: list[Record], seq: int) -> list[int]:
    """Seqs from the outermost attribution down to `seq`."""
    out, seen = [seq], {seq}
    parent = attributions[seq].data.get("parent")
    while parent is not None and parent not in seen and 0 <= parent < len(attributions):
        out.append(parent)
        seen.add(parent)
        parent = attributions[parent].data.get("parent")
    return out[::-1]


def claimant_in(
    doc_id: str,
    attributions: list[Record],
    offset: int,
    text: str,
    outlet: str | None,
    entity_of: Callable[[int], str | None],
    coverage: Coverage | None = None,
) -> dict[str, Any]:
    """`claimant` over one document's attributions (in seq order) already in memory;
    `entity_of(seq)` is the entity of attribution `seq`'s source mention; `coverage`
    (of these attributions) for a caller asking about many offsets."""
    seq = claimant_at(attributions, offset, coverage, text)
    if seq is None:
        return {"kind": "outlet", "outlet": outlet}
    source = attributions[seq].data.get("source")
    return {
        "kind": "attribution",
        "attribution": record_id("attribution", doc_id, seq),
        "entity": entity_of(seq) if source else None,
        "text": text[source[0] : source[1]] if source else None,
        "chain": [record_id("attribution", doc_id, s) for s in chain(attributions, seq)],
    }


def load_attributions(store: Store, doc_id: str) -> list[Record]:
    """One document's attribution records, in seq order."""
    return [
        Record("attribution", r["start"], r["end"], json.loads(r["data"]))
        for r in store.query("SELECT start, end, data FROM records WHERE doc_id = ? AND kind = 'attribution' ORDER BY seq", (doc_id,))
    ]
