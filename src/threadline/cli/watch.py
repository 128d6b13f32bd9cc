"""`threadline watch` (poll sources, grow the store, alert) and `threadline alerts`."""

from __future__ import annotations

import click

from .. import alerts as alerts_mod
from .. import watchlist
from ..watch import PollSummary, Watcher, run, seconds
from . import _corpus, _echo_json, cli


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--every", default=None, help="Time between polls (90s, 15m, 2h; default watch.every).")
@click.option("--once", is_flag=True, help="Poll once and exit.")
@click.option("--json", "as_json", is_flag=True, help="Print each poll's summary as JSON.")
@click.pass_context
def watch(ctx: click.Context, sources: tuple[str, ...], every: str | None, once: bool, as_json: bool) -> None:
    """Follow SOURCES (folders, RSS/Atom feed URLs, sitemap URLs, watch files *.toml): each poll
    adds what is new or changed, runs the pipeline on it and records alerts (docs/watch.md).

    Example: threadline watch sources.toml --every 15m
    """
    listed = watchlist.load(list(sources))
    with _corpus(ctx) as corpus:
        interval = seconds(every or corpus.config["watch"]["every"])
        watcher = Watcher(corpus, listed)

        def show(summary: PollSummary) -> None:
            if as_json:
                _echo_json(summary.to_json())
            else:
                _print_poll(summary)

        try:
            run(watcher, every=interval, once=once, on_poll=show)
        except KeyboardInterrupt:
            click.echo("watch stopped; the next run resumes where this one stopped", err=True)
        finally:
            watcher.close()


def _print_poll(summary: PollSummary) -> None:
    for s in summary.sources:
        head = f"{s.name} [{s.kind}]: "
        if s.status != "ok":
            head += f"ERROR {s.error}; "
        click.echo(head + f"listed {s.listed}, fetched {s.fetched}, new {s.new}, new versions {s.versions}, unchanged {s.unchanged}, failed {len(s.failed)}")
        for f in s.failed:
            click.echo(f"  {f['status']} {f['url']}: {f['error']}")
    ing = summary.ingest
    click.echo(f"Documents added: {ing.added}; duplicates: {len(ing.duplicates)}; rejected: {len(ing.rejected)}")
    click.echo(f"Alerts: {summary.alerts} new" + (f", {summary.delivered} delivered" if summary.delivered else ""))
    if summary.webhook_error:
        click.echo(f"webhook: not delivered ({summary.webhook_error}); sent again after the next poll", err=True)


@cli.command()
@click.option("--since", default=None, help="Only alerts created at or after this date or time (ISO, e.g. 2026-12-01).")
@click.option("--limit", default=500, show_default=True, type=click.IntRange(1, 100000))
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def alerts(ctx: click.Context, since: str | None, limit: int, as_json: bool) -> None:
    """Alerts recorded by `threadline watch`, newest first, each with its evidence links."""
    with _corpus(ctx, readonly=True) as corpus:
        rows = alerts_mod.listing(corpus.store, since, limit)
    if as_json:
        _echo_json(rows)
        return
    for a in rows:
        click.echo(f"{a['created']}  [{a['kind']}] {a['title']}")
        for e in a.get("evidence", []):
            click.echo(f"    {e['link']}" + (f"  {e['text']!r}" if e.get("text") else ""))
    if not rows:
        click.echo("no alerts")
