"""`threadline review`: correct the machine (merge, split, retype, reject, fix a claimant, explain a conflict)."""

from __future__ import annotations

from typing import Any

import click

from .. import review, words
from ..read.entities import find_entity
from . import _corpus, _echo_json, cli


@cli.group("review")
def review_group() -> None:
    """Analyst corrections kept in the store and applied on every run (docs/workbench.md)."""


def _store_and_apply(ctx: click.Context, kind: str, target: str, data: dict[str, Any], reason: str, author: str | None) -> None:
    with _corpus(ctx) as corpus:
        if kind in review.ENTITY_KINDS:
            data = review.canonical_entities(corpus.store, kind, data, find_entity)
        elif kind == "explain":
            for fid in data["figures"]:
                review.record_target(corpus.store, fid, ("figure",))
        if kind in ("reject", "claimant"):
            data = {**review.record_target(corpus.store, target, ("figure",) if kind == "claimant" else ("figure", "attribution", "event")), **data}
        made = review.add(corpus.store, kind, target, data, reason, author=author)
        corpus.resolve()
    click.echo(f"Review {made.id}: {kind} {target} ({made.reason}), applied")


_reason = click.option("--reason", required=True, help="Why: kept in the audit trail.")
_author = click.option("--author", default=None, help="Who (default: the local user).")


@review_group.command("merge")
@click.argument("entity")
@click.argument("others", nargs=-1, required=True)
@_reason
@_author
@click.pass_context
def merge_cmd(ctx: click.Context, entity: str, others: tuple[str, ...], reason: str, author: str | None) -> None:
    """Merge ENTITY and OTHERS (names, aliases or ids) into one."""
    _store_and_apply(ctx, "merge", entity, {"entities": [entity, *others]}, reason, author)


@review_group.command("split")
@click.argument("entity")
@click.argument("alias")
@_reason
@_author
@click.pass_context
def split_cmd(ctx: click.Context, entity: str, alias: str, reason: str, author: str | None) -> None:
    """Move the mentions written ALIAS out of ENTITY into their own entity."""
    _store_and_apply(ctx, "split", entity, {"entity": entity, "alias": alias}, reason, author)


@review_group.command("rename")
@click.argument("entity")
@click.argument("name")
@_reason
@_author
@click.pass_context
def rename_cmd(ctx: click.Context, entity: str, name: str, reason: str, author: str | None) -> None:
    """Give ENTITY the canonical NAME."""
    _store_and_apply(ctx, "rename", entity, {"entity": entity, "name": name}, reason, author)


@review_group.command("retype")
@click.argument("entity")
@click.option("--type", "etype", type=click.Choice(review.ENTITY_TYPES), default=None, help="The entity's type.")
@click.option("--country", default=None, help="The entity's country (ISO 3166 alpha-2 code).")
@_reason
@_author
@click.pass_context
def retype_cmd(ctx: click.Context, entity: str, etype: str | None, country: str | None, reason: str, author: str | None) -> None:
    """Fix ENTITY's type or country."""
    _store_and_apply(ctx, "retype", entity, {"entity": entity, "type": etype, "country": country}, reason, author)


@review_group.command("not-an-entity")
@click.argument("names", nargs=-1, required=True)
@_reason
@_author
@click.pass_context
def not_entity_cmd(ctx: click.Context, names: tuple[str, ...], reason: str, author: str | None) -> None:
    """Drop mentions written NAMES (page furniture, credits) from the entities."""
    _store_and_apply(ctx, "not-an-entity", names[0], {"names": list(names)}, reason, author)


@review_group.command("reject")
@click.argument("record")
@_reason
@_author
@click.pass_context
def reject_cmd(ctx: click.Context, record: str, reason: str, author: str | None) -> None:
    """Reject a figure, quotation or event by its id (f-..., a-..., e-...)."""
    _store_and_apply(ctx, "reject", record, {}, reason, author)


@review_group.command("claimant")
@click.argument("figure")
@click.argument("name")
@_reason
@_author
@click.pass_context
def claimant_cmd(ctx: click.Context, figure: str, name: str, reason: str, author: str | None) -> None:
    """Set the claimant of FIGURE (an id f-...) to NAME (an entity's name or the source's words)."""
    _store_and_apply(ctx, "claimant", figure, {"name": name}, reason, author)


@review_group.command("explain")
@click.argument("figures", nargs=-1, required=True)
@_reason
@_author
@click.pass_context
def explain_cmd(ctx: click.Context, figures: tuple[str, ...], reason: str, author: str | None) -> None:
    """Mark the conflict between FIGURES (ids f-...) as explained."""
    _store_and_apply(ctx, "explain", figures[0], {"figures": sorted(set(figures))}, reason, author)


@review_group.command("withdraw")
@click.argument("review_id")
@_reason
@_author
@click.pass_context
def withdraw_cmd(ctx: click.Context, review_id: str, reason: str, author: str | None) -> None:
    """Withdraw a review (REVIEW_ID or a unique prefix); the trail keeps both."""
    with _corpus(ctx) as corpus:
        made = review.withdraw(corpus.store, review_id, reason, author=author)
        corpus.resolve()
    click.echo(f"Review {made.id}: withdrew {made.target}, applied")


@review_group.command("list")
@click.option("--all", "everything", is_flag=True, help="The whole audit trail, withdrawn reviews and withdrawals too.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def list_cmd(ctx: click.Context, everything: bool, as_json: bool) -> None:
    """Corrections in force (or the whole audit trail), oldest first."""
    with _corpus(ctx, readonly=True) as corpus:
        rows = review.trail(corpus.store) if everything else review.active(corpus.store)
    if as_json:
        _echo_json([r.to_json() for r in rows])
        return
    for r in rows:
        state = f" (withdrawn by {r.withdrawn_by})" if r.withdrawn_by else ""
        click.echo(f"{r.id}  {r.created}  {r.author}  {r.kind} {r.target}{state}: {r.reason}")
    if not rows:
        click.echo("no reviews")


@review_group.command("export")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="JSON Lines file to write.")
@click.pass_context
def export_cmd(ctx: click.Context, output: str) -> None:
    """Write the audit trail as JSON Lines, to import into another store."""
    with _corpus(ctx, readonly=True) as corpus:
        n = review.export_file(corpus.store, output)
    click.echo(f"Wrote {output}: {words.count(n, 'review')}")


@review_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def import_cmd(ctx: click.Context, path: str) -> None:
    """Add the reviews of a file written by `review export` (those already here are skipped) and apply them."""
    with _corpus(ctx) as corpus:
        n = review.import_file(corpus.store, path)
        corpus.resolve()
    click.echo(f"Imported {words.count(n, 'new review')} from {path}, applied" if n else f"No new reviews in {path}: all are here already")
