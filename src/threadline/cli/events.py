"""`threadline timeline` and `threadline indicators`."""

from __future__ import annotations

import click

from ..read.entities import find_entity
from ..errors import ThreadlineError
from ..read.events import SOURCE_WORDS, indicators, timeline
from ..resolve.claims import entity_names, speaker_name
from ..timeml import in_words
from ..words import NO_SOURCE, UNNAMED_OUTLET
from . import _corpus, _echo_json, cli


def _claimant_text(claimant: dict, names: dict[str, tuple[str, str]]) -> str:
    """The claimant as the ledger names it: its entity where its source resolves to one ("he" -> "Andriy Yusov",
    "U.S. officials [United States]"), else its words."""
    if claimant.get("kind") == "attribution":
        entity = names.get(claimant.get("entity") or "")
        return (speaker_name(claimant.get("text"), *entity) if entity else claimant.get("text")) or NO_SOURCE
    return claimant.get("outlet") or UNNAMED_OUTLET


def _arg_text(arg: dict, names: dict[str, tuple[str, str]]) -> str:
    """An argument's words, with the entity coreference linked them to ("He [Andriy Yusov]", "the ministry
    [Cuba's foreign ministry]") or a description names in apposition ("The former Russian president [Dmitry
    Medvedev]"); a name is shown as written."""
    name = names.get(arg.get("entity") or "", ("", ""))[0]
    if not name or name.lower() in arg["text"].lower():
        return arg["text"]  # its own name, or words that hold it ("Tennakoon", "the Russian army")
    described = arg["text"].split(" ", 1)[0].lower() in ("the", "a", "an")
    return f"{arg['text']} [{name}]" if arg.get("resolved_by") in ("coreference", "source") or described else arg["text"]


@cli.command("timeline")
@click.option("--entity", default=None, help="Only events with this entity (name, alias or id) as an argument.")
@click.option("--type", "etype", default=None, help="Only this event type (see the domain pack).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def timeline_cmd(ctx: click.Context, entity: str | None, etype: str | None, as_json: bool) -> None:
    """Real-world events ordered by time, with date source, modality, claimant and corroboration; the reports of
    one happening in several sentences or articles are one entry."""
    with _corpus(ctx, readonly=True) as corpus:
        entity_id = None
        if entity:
            found = find_entity(corpus.store, entity)
            if found is None:
                raise ThreadlineError(f"no entity named or with id {entity!r}", code="T005")
            entity_id = found["id"]
        rows = timeline(corpus.store, entity=entity_id, etype=etype, happenings=True)
        names = entity_names(corpus.store, [*(e["claimant"].get("entity") for e in rows), *(a["entity"] for e in rows for a in e["args"].values())])
    if as_json:
        _echo_json(rows)
        return
    for e in rows:
        t = e["time"]
        when = f"{in_words(t['value'])}{' (' + SOURCE_WORDS.get(t['fallback'], t['fallback']) + ')' if t['fallback'] != 'timex' else ''}" if t["value"] else "undated"
        args = "; ".join(f"{role}: {_arg_text(a, names)}" for role, a in e["args"].items())
        modality = e["modality"] + (", caption" if e["caption"] else "")
        click.echo(f"{when:<40} {e['type']:<20} [{e['trigger']['text']}] {modality:<12} {args}")
        click.echo(
            f"{'':<40} claimant: {_claimant_text(e['claimant'], names)}; sources {e['sources']} "
            f"(independent {e['independent_sources']}); {e['id']}"
            + (f"; {len(e['reports'])} reports: {', '.join(r for r in e['reports'] if r != e['id'])}" if len(e["reports"]) > 1 else "")
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
