"""`threadline quotes`: who said what, with speaker, cue and content."""

from __future__ import annotations

from typing import Any

import click

from ..read.attributions import quotes
from ..words import NO_SOURCE
from . import _corpus, _echo_json, cli


def format_attribution(a: dict[str, Any], width: int = 240) -> str:
    """One attribution on two lines: speaker and cue, then the content."""
    speaker = a["speaker"] or NO_SOURCE
    if a["source"] and a["source"]["text"] != speaker:
        speaker += f" ({a['source']['text']})"
    if a["source"] and not a["source"]["resolved"]:
        speaker += " [unresolved]"
    content = " ".join(a["content"]["text"].split())
    if len(content) > width:
        content = content[: width - 1] + "…"
    nested = f" within {a['parent']}" if a["parent"] else ""
    return f"{a['id']} {a['kind']}{nested}: {speaker} — {a['cue']['text']}\n    {content}"


@cli.command("quotes")
@click.option("--speaker", default=None, help="Only this speaker: an entity name, alias or id, or words of the source.")
@click.option("--doc", "doc_id", default=None, help="Only this document (id or unique prefix).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def quotes_cmd(ctx: click.Context, speaker: str | None, doc_id: str | None, as_json: bool) -> None:
    """Quotations and reported speech with their speakers, nested ones linked to the report they sit in."""
    with _corpus(ctx, readonly=True) as corpus:
        rows = quotes(corpus.store, speaker=speaker, doc=doc_id)
    if as_json:
        _echo_json(rows)
        return
    for a in rows:
        click.echo(format_attribution(a))
    if not rows:
        click.echo("no attributions")
