"""`threadline entities` and `threadline entity`."""

from __future__ import annotations

import click

from ..read.attributions import said_about, said_by
from ..read.entities import entity_detail, find_entity, list_entities
from ..errors import ThreadlineError
from . import _corpus, _echo_json, cli
from .attributions import format_attribution


@cli.command("entities")
@click.option("--type", "etype", default=None, help="Only this type (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, LAW).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100000))
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def entities_cmd(ctx: click.Context, etype: str | None, limit: int, as_json: bool) -> None:
    """Canonical entities, most mentioned first."""
    with _corpus(ctx, readonly=True) as corpus:
        rows = list_entities(corpus.store, etype=etype, limit=limit)
    if as_json:
        _echo_json(rows)
        return
    for e in rows:
        extra = f" [{e['country']}]" if e["country"] else ""
        aliases = f"  aka {', '.join(e['aliases'][:6])}" if e["aliases"] else ""
        click.echo(f"{e['mentions']:>5}  {e['type']:<7} {e['name']}{extra}  ({e['id']}){aliases}")
    if not rows:
        click.echo("no entities" + (f" of type {etype}" if etype else "") + " yet")


@cli.command("entity")
@click.argument("name_or_id")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def entity_cmd(ctx: click.Context, name_or_id: str, as_json: bool) -> None:
    """One entity: aliases, its mentions with document and snippet, what it said and what others said about it."""
    with _corpus(ctx, readonly=True) as corpus:
        ent = find_entity(corpus.store, name_or_id)
        if ent is None:
            raise ThreadlineError(f"no entity named or with id {name_or_id!r}", code="T005")
        detail = entity_detail(corpus.store, ent["id"])
        detail["said"] = said_by(corpus.store, ent["id"])
        detail["said_about"] = said_about(corpus.store, ent["id"])
    if as_json:
        _echo_json(detail)
        return
    click.echo(f"{detail['name']}  ({detail['id']}, {detail['type']}{', ' + detail['country'] if detail['country'] else ''})")
    if detail["aliases"]:
        click.echo(f"  aliases: {', '.join(detail['aliases'])}")
    if detail["lat"] is not None:
        click.echo(f"  at: {detail['lat']:.3f}, {detail['lon']:.3f}")
    click.echo(f"  mentions: {detail['mentions']}")
    for m in detail["mention_list"]:
        click.echo(f"  - {m['doc']} [{m['start']}:{m['end']}] {m['snippet']}")
    for title, key in (("said", "said"), ("said about it", "said_about")):
        if detail[key]:
            click.echo(f"  {title}: {len(detail[key])}")
        for a in detail[key]:
            click.echo("  - " + format_attribution(a).replace("\n", "\n  "))
