"""`threadline stories`."""

from __future__ import annotations

import click

from ..read.stories import list_stories
from . import _corpus, _echo_json, cli


@cli.command("stories")
@click.option("--level", type=click.Choice(["near-duplicate", "same-event"]), default=None, help="Only this level.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def stories_cmd(ctx: click.Context, level: str | None, as_json: bool) -> None:
    """Clusters of documents (copies and same-event reports) with their independent origins."""
    with _corpus(ctx, readonly=True) as corpus:
        rows = list_stories(corpus.store, level)
    if as_json:
        _echo_json(rows)
        return
    for s in rows:
        click.echo(f"{s['id']}  {s['level']:<14} {len(s['documents'])} documents, {len(s['origins'])} independent origins  {s['title']}")
        for d in s["documents"]:
            mark = "" if d["origin"] == d["id"] else f"  (copy of {d['origin']})"
            click.echo(f"    {d['id']}  {d['published'] or 'undated':<16} {d['outlet'] or '-':<28} {d['title'] or ''}{mark}")
    if not rows:
        click.echo("no stories")
