"""Engines for the main job: `local` (in-process, `Corpus.run`) and `ray` (scale-out, `ray_engine`).

Every engine ends with the same store. The scale-out engine writes Parquet
shards (`shards`) that `merge` loads through the store's single writer; Ray
itself is imported only when the `ray` engine runs.
"""

from __future__ import annotations

from ..errors import ThreadlineError

ENGINES = ("local", "ray")


class EngineUnavailable(ThreadlineError):
    """An engine whose optional dependencies are not installed."""

    code = "T010"
