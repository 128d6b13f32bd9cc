"""`threadline figures`: the ledger of claimed numbers, by quantity, claimant and date."""

from __future__ import annotations

from typing import Any

import click

from ..read.ledger import ledger
from .. import words
from ..timeml import in_words
from . import _corpus, _echo_json, cli


def _amount(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def format_value(c: dict[str, Any]) -> str:
    """ "about 280,000 people", "495,000 RUB = $5,130 (article)"."""
    if c["low"] is not None and c["high"] is not None:
        core = f"{_amount(c['low'])}–{_amount(c['high'])}"
    else:
        core = _amount(c["value"])
    q = c["qualifier"]
    text = f"{'' if q in (None, 'exact') else q + ' '}{core} {c['unit'] or ''}".strip()
    usd = c.get("usd")
    if usd and c.get("currency") and c["currency"] != "USD":
        if usd.get("value") is not None:
            hedge = f"{usd['qualifier']} " if usd.get("qualifier") else ""
            text += f" = {hedge}${_amount(usd['value'])} ({usd['source']})"
        else:
            text += f" (no USD value: {usd.get('reason')})"
    return text


def format_quantity(q: dict[str, Any], width: int = 90) -> str:
    flags = []
    if q["conflict"]:
        flags.append("CONFLICT")
    if q["updates"]:
        flags.append(words.count(q["updates"], "update"))
    head = f"{q['id']}  {q['measure_key']} — {q['measure']}  [{q['unit'] or '-'}]"
    lines = [head + (f"  {', '.join(flags)}" if flags else "") + f"  ({words.count(len(q['claims']), 'claim')}, {words.count(q['claimants'], 'claimant')})"]
    if q.get("frame_text"):
        lines.append(f"  measures: {q['frame_text']}")
    for c in q["claims"]:
        who = c["claimant_detail"]["name"] or ""
        who = who if len(who) <= 48 else who[:47] + "…"
        if c["claimant_detail"]["kind"] == "outlet":
            who = f"{who} (outlet)" if who else words.UNNAMED_OUTLET
        elif c["claimant_detail"]["kind"] == "context":
            who = f"{who} (in context)"
        elif not who:
            who = words.NO_SOURCE  # "12 are reportedly from Somalia": reported, no one named
        when = in_words(c["as_of"])
        context = c["snippet"] if len(c["snippet"]) <= width else c["snippet"][:width - 1] + "…"
        lines.append(f"  {when:<24} {who:<48} {format_value(c)}")
        lines.append(f"  {'':<24} {c['id']}: {context}")
    for f in q["findings"]:
        lines.append(f"  ! {f['kind']}: {f['text']}")
    return "\n".join(lines)


@cli.command("figures")
@click.option("--measure", default=None, help="Only quantities whose measure key or text contains this.")
@click.option("--conflicts", is_flag=True, help="Only quantities whose claims conflict.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def figures_cmd(ctx: click.Context, measure: str | None, conflicts: bool, as_json: bool) -> None:
    """The ledger: claimed figures grouped by what they measure, with claimant, as-of date and conflicts.

    \b
    Examples:
      threadline figures --measure recruits
      threadline figures --conflicts --json
    """
    with _corpus(ctx, readonly=True) as corpus:
        rows = ledger(corpus.store, measure=measure, conflicts_only=conflicts)
    if as_json:
        _echo_json(rows)
        return
    for q in rows:
        click.echo(format_quantity(q))
        click.echo("")
    if not rows:
        click.echo("no figures" + (" with conflicts" if conflicts else "") + (f" measuring {measure!r}" if measure else ""))
