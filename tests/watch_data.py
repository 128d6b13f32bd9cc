"""A watched folder page and its versions, for the tests of page revisions (written for the tests)."""

from __future__ import annotations

import os
import time
from pathlib import Path

PAGE = (
    "Nepal asks Moscow to return its citizens\n\nNepal's foreign ministry said on Monday that 200 Nepali citizens were serving"
    " in the Russian army. Foreign Minister Narayan Prakash Saud told reporters in Kathmandu that Nepal wanted them home.\n\n"
    "Publish date : 2024-06-03\n"
)
REVISED = PAGE.replace("200 Nepali", "260 Nepali")


def poll_versions(corpus, folder: Path, texts: list[str]) -> list[str]:
    """Write each text in turn as the folder's one page and poll the folder after each; the page's current
    document after each poll."""
    from threadline import watchlist
    from threadline.watch import Watcher

    folder.mkdir(exist_ok=True)
    listed = watchlist.load([str(folder)])
    current = []
    for n, text in enumerate(texts):
        page = folder / "a.txt"
        page.write_text(text)
        os.utime(page, (time.time() + n, time.time() + n))  # a new modification time, however fast the polls come
        watcher = Watcher(corpus, listed)
        watcher.poll()
        watcher.close()
        current.append(corpus.store.scalar("SELECT doc_id FROM document_versions ORDER BY version DESC LIMIT 1"))
    return current
