"""The dossier report: one self-contained HTML (or Markdown) file, no external requests."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from . import __version__

if TYPE_CHECKING:
    from .corpus import Corpus


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("threadline", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "j2"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def context(corpus: "Corpus") -> dict[str, Any]:
    docs = [d for d in corpus.documents()]
    return {
        "version": __version__,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "stats": corpus.stats(),
        "documents": docs,
        "rejections": corpus.rejections(),
    }


def render(corpus: "Corpus", fmt: str = "html") -> str:
    template = "report.md.j2" if fmt == "md" else "report.html.j2"
    env = _env()
    if fmt == "md":
        env.autoescape = False
    return env.get_template(template).render(**context(corpus))


def write_report(corpus: "Corpus", path: str | Path, fmt: str | None = None) -> Path:
    """Write the report atomically; the format follows the suffix unless given."""
    target = Path(path)
    fmt = fmt or ("md" if target.suffix.lower() in {".md", ".markdown"} else "html")
    tmp = target.with_name(target.name + ".part")
    tmp.write_text(render(corpus, fmt), encoding="utf-8")
    tmp.replace(target)
    return target
