"""`threadline timeline` and `threadline indicators`."""

from __future__ import annotations

import click

from ..read.entities import find_entity
from ..errors import ThreadlineError
from ..read.events import indicators, timeline
from . import _corpus, _echo_json, cli


def _claimant_text(claimant: dict) -> str:
    if claimant.get("kind") == "attribution":
        return claimant.get("text") or "?"
    return claimant.get("outlet") or "the outlet"


@cli.command("timeline")
@click.option("--entity", default=None, help="Only events with this entity (name, alias or id) as an argument.")
@click.option("--type", "etype", default=None, help="Only this event type (see the domain pack).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def timeline_cmd(ctx: click.Context, entity: str | None, etype: str | None, as_json: bool) -> None:
    """Events ordered by time, with precision, modality, claimant and corroboration."""
    with _corpus(ctx, readonly=True) as corpus:
        entity_id = None
        if entity:
            found = find_entity(corpus.store, entity)
            if found is None:
                raise ThreadlineError(f"no entity named or with id {entity!r}", code="T005")
            entity_id = found["id"]
        rows = timeline(corpus.store, entity=entity_id, etype=etype)
    if as_json:
        _echo_json(rows)
        return
    for e in rows:
        t = e["time"]
        when = f"{t['value']} ({t['precision']}{', ' + t['fallback'] if t['fallback'] != 'timex' else ''})" if t["value"] else "undated"
        args = "; ".join(f"{role}: {a['text']}" for role, a in e["args"].items())
        click.echo(f"{when:<34} {e['type']:<20} [{e['trigger']['text']}] {e['modality']:<12} {args}")
        click.echo(
            f"{'':<34} claimant: {_claimant_text(e['claimant'])}; sources {e['sources']} "
            f"(independent {e['independent_sources']}); {e['id']}"
        )
    if not rows:
        click.echo("no events")


@cli.command("indicators")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def indicators_cmd(ctx: click.Context, as_json: bool) -> None:
    """Domain indicators, such as the ILO forced-labour indicators, with their evidence."""
    with _corpus(ctx, readonly=True) as corpus:
        rows = indicators(corpus.store)
    if as_json:
        _echo_json(rows)
        return
    for i in rows:
        click.echo(f"{i['label']:<45} {i['doc']}  {i['snippet']}")
    if not rows:
        click.echo("no indicators")
