"""The `threadline` command: argument parsing only; the work is in the library.

Commands for each stage live in their own module in this package and register
themselves on `cli` when imported at the bottom of this file.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from .. import config as config_mod
from .. import words
from ..corpus import Corpus
from ..errors import ThreadlineError
from ..store import disk_full, is_disk_full, write_failure


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def _corpus(ctx: click.Context, *, readonly: bool = False, domain: str | None = None, outlet: str | None = None) -> Corpus:
    obj = ctx.find_root().obj
    cfg = config_mod.load(obj["config"], overrides={"store.db": obj["db"], "analyze.domain": domain, "ingest.outlet": outlet})
    obj["store"] = cfg["store"]["db"]
    return Corpus(config=cfg, readonly=readonly)


def _check_paths(paths: tuple[str, ...], *, uris: bool = False) -> list[str]:
    for p in paths:
        if p != "-" and not (uris and "://" in p) and not Path(p).exists():
            raise click.BadParameter(f"no such file or directory: {p}", param_hint="PATH")
    return list(paths)


def _progress() -> bool:
    return sys.stderr.isatty()


class WholeHelpGroup(click.Group):
    """A group whose command list shows each command's first sentence whole, wrapped, never cut."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=WholeHelpGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="Store file (default ./threadline.db, env THREADLINE_DB).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="Configuration file (TOML).")
@click.version_option(package_name="threadline")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config_file: str | None) -> None:
    """Threadline: news articles in, an evidence-grounded knowledge base out."""
    ctx.ensure_object(dict).update(db=db, config=config_file)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--report", "report_path", type=click.Path(dir_okay=False), default=None,
    help="Report file, HTML or Markdown by suffix (default: beside the store).",
)
@click.option("--domain", default=None, help="Domain pack: recruitment (default), generic, or a TOML file.")
@click.option("--outlet", default=None, help="The outlet of articles that name none (a folder of one outlet's text files).")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Also print every stage's counters.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True, help="Where ingest and analysis run (docs/scale.md).")
@click.option("--address", default=None, help="Ray cluster to join: auto or HOST:PORT (default: start Ray on this machine).")
@click.option("--work", default=None, help="Ray engine's shard directory or URI (default: <db>.shards).")
@click.option("--keep-shards", is_flag=True, help="Keep the Ray engine's Parquet shards after the merge.")
@click.pass_context
def run(
    ctx: click.Context, paths: tuple[str, ...], report_path: str | None, domain: str | None, outlet: str | None, as_json: bool,
    verbose: bool, engine: str, address: str | None, work: str | None, keep_shards: bool,
) -> None:
    """The main job: ingest PATHS, analyse, resolve, and write the report.

    Example: threadline run examples/corpus
    """
    if engine != "ray" and (address or work or keep_shards):
        raise click.UsageError("--address, --work and --keep-shards need --engine ray")
    checked = _check_paths(paths, uris=engine == "ray")
    with _corpus(ctx, domain=domain, outlet=outlet) as corpus:
        if engine == "ray":
            from ..engines import ray_engine

            summary = ray_engine.run(
                corpus, checked, address=address, work=work, keep_shards=keep_shards, report=report_path, progress=_progress()
            )
        else:
            summary = corpus.run(checked, progress=_progress(), report=report_path)
        totals = corpus.totals()
    if as_json:
        _echo_json({**summary.to_json(), "totals": totals})
        return
    _print_ingest(summary.ingest)
    held = (summary.stages.get("analyze") or {}).get("quarantined", 0)
    if held:
        click.echo(f"{words.count(held, 'document')} quarantined, not analysed: `threadline rejects` lists them with the reason")
    if verbose:
        for name, counters in summary.stages.items():
            _print_counters(name, counters)
    click.echo(_held(totals) + (f" · report: {summary.report}" if summary.report else ""))


def _print_ingest(ing: Any) -> None:
    """ "16 articles read (2 html, 3 jsonl, 11 txt) · 1 already in the store · 1 rejected", then each rejection."""
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(ing.kinds.items()))
    parts = [f"{words.count(ing.added, 'article')} read" + (f" ({kinds})" if kinds else "")]
    if ing.duplicates:
        parts.append(f"{len(ing.duplicates):,} already in the store")
    if ing.rejected:
        parts.append(f"{len(ing.rejected):,} rejected")
    click.echo(" · ".join(parts))
    for r in ing.rejected:
        where = f"{r.path}:{r.line}" if r.line else r.path
        click.echo(f"  rejected {where}: [{r.code}] {r.reason}")


def _held(t: dict[str, int]) -> str:
    """ "16 articles · 172 actors · 102 figures, 1 conflict · 287 events · 3 stories"."""
    figures = words.count(t["figures"], "figure")
    if t["conflicts"]:
        figures += f", {words.count(t['conflicts'], 'conflict')}"
    return " · ".join([
        words.count(t["articles"], "article"), words.count(t["actors"], "actor"), figures,
        words.count(t["events"], "event"), words.count(t["stories"], "story"),
    ])


def _print_counters(stage: str, counters: Any) -> None:
    if isinstance(counters, dict):
        rendered = ", ".join(f"{k} {v}" for k, v in counters.items() if v) or "nothing to do"
    else:
        rendered = str(counters)
    click.echo(f"{stage.capitalize()}: {rendered}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--outlet", default=None, help="The outlet of articles that name none (a folder of one outlet's text files).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], outlet: str | None, as_json: bool) -> None:
    """Read PATHS (files, directories, JSONL, HTML, WARC, '-' for stdin) into the store."""
    checked = _check_paths(paths)
    with _corpus(ctx, outlet=outlet) as corpus:
        summary = corpus.ingest(checked)
    if as_json:
        _echo_json(summary.to_json())
    else:
        _print_ingest(summary)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of what the store holds."""
    with _corpus(ctx, readonly=True) as corpus:
        data = corpus.stats()
    if as_json:
        _echo_json(data)
        return
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        click.echo(f"{key:>12}: {value}")
    if not data["documents"]:
        click.echo("no documents yet: `threadline run PATH...` adds some")


@cli.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def search(ctx: click.Context, query: str, limit: int, as_json: bool) -> None:
    """Full-text search over documents, with snippets."""
    with _corpus(ctx, readonly=True) as corpus:
        hits = corpus.search(query, limit=limit)
    if as_json:
        _echo_json([h.__dict__ for h in hits])
        return
    for h in hits:
        click.echo(f"{h.doc}  {h.title or ''}\n    {h.snippet}")
    if not hits:
        click.echo("no matches")


@cli.command()
@click.argument("doc_id")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def show(ctx: click.Context, doc_id: str, as_json: bool) -> None:
    """One document's metadata and cleaned text (DOC_ID may be a unique prefix)."""
    with _corpus(ctx, readonly=True) as corpus:
        doc = corpus.document(doc_id)
    if doc is None:
        raise ThreadlineError(f"no document with id {doc_id}", code="T004")
    if as_json:
        _echo_json(doc.to_json())
        return
    data = doc.to_json()
    text = data.pop("text")
    for key, value in data.items():
        if isinstance(value, dict):
            value = f"{value['value']} ({value['precision']})"
        click.echo(f"{key:>12}: {value if value is not None else '-'}")
    click.echo("")
    click.echo(text)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_context
def rejects(ctx: click.Context, as_json: bool) -> None:
    """Inputs that were rejected, and documents quarantined at analysis, with their reasons."""
    with _corpus(ctx, readonly=True) as corpus:
        rows = corpus.rejections()
        held = corpus.quarantined()
    if as_json:
        _echo_json(rows + [{"line": None, "offset": None, **q} for q in held])
        return
    for r in rows:
        where = f"{r['path']}:{r['line']}" if r["line"] else r["path"]
        click.echo(f"{where}: [{r['code']}] {r['reason']}")
    if not rows:
        click.echo("no rejected inputs")
    for q in held:
        click.echo(f"quarantined {q['doc']} ({q['path']}): [{q['code']}] {q['reason']}")
    if held:
        click.echo("`threadline analyze --retry-failed` tries them again; `threadline remove DOC...` removes them")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "parquet", "graphml", "ftm"]), default="json", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(), help="File to write (a directory for csv and parquet).")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str) -> None:
    """Export the store: JSON (docs/export.md); CSV or Parquet per table, GraphML, FollowTheMoney (docs/exports.md)."""
    with _corpus(ctx, readonly=True) as corpus:
        counts = corpus.export(output, fmt)
    click.echo(f"Wrote {output}: " + (", ".join(f"{n} {k}" for k, n in counts.items()) or "nothing yet"))


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="File to write (default: beside the store).")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default=None, help="Default: from the file suffix.")
@click.pass_context
def report(ctx: click.Context, output: str | None, fmt: str | None) -> None:
    """Write the self-contained dossier report."""
    from ..report import write_report

    with _corpus(ctx, readonly=True) as corpus:
        path = write_report(corpus, output or corpus.report_path(), fmt)
    click.echo(f"Report: {path}")


@cli.group("config")
def config_group() -> None:
    """Configuration."""


@config_group.command("show")
@click.pass_context
def config_show(ctx: click.Context) -> None:
    """Print the effective configuration (defaults < file < env < flags)."""
    obj = ctx.find_root().obj
    cfg = config_mod.load(obj["config"], overrides={"store.db": obj["db"]})
    click.echo(config_mod.dumps(cfg), nl=False)


@cli.command()
@click.option("--workers", type=click.IntRange(0, 256), default=None, help="Worker processes (0 = one per core).")
@click.option("--domain", default=None, help="Domain pack: recruitment (default), generic, or a TOML file.")
@click.option("--retry-failed", is_flag=True, help="Try quarantined documents and failed components again.")
@click.pass_context
def analyze(ctx: click.Context, workers: int | None, domain: str | None, retry_failed: bool) -> None:
    """Parse and extract every document not yet analysed by the current extractor versions.

    Quarantined documents (too long, failed, over their time budget) are left alone;
    --retry-failed tries them again, with the components that failed on a document."""
    with _corpus(ctx, domain=domain) as corpus:
        counts = corpus.analyze(workers=workers, progress=_progress(), retry_failed=retry_failed)
    _print_counters("analyze", counts)


@cli.command()
@click.argument("doc_ids", nargs=-1, required=True)
@click.pass_context
def remove(ctx: click.Context, doc_ids: tuple[str, ...]) -> None:
    """Remove documents (ids or unique id prefixes) and everything derived from them, then resolve again.

    Example: threadline remove 3f2a9c
    """
    with _corpus(ctx) as corpus:
        done = corpus.remove(list(doc_ids))
    click.echo(f"Removed {words.count(done['removed'], 'document')}")
    _print_counters("resolve", done["resolve"])


@cli.command()
@click.pass_context
def resolve(ctx: click.Context) -> None:
    """Corpus-level steps: canonical entities and what later stages add."""
    with _corpus(ctx) as corpus:
        counts = corpus.resolve()
    _print_counters("resolve", counts)


def main(argv: list[str] | None = None) -> int:
    """Entry point: one-line errors and non-zero exits."""
    state: dict[str, Any] = {}  # the command records the store it opened here, for the messages below

    def store() -> Path:
        return Path(state.get("store") or "the store")

    try:
        cli.main(args=argv, prog_name="threadline", standalone_mode=False, obj=state)
    except click.exceptions.Abort:
        click.echo("threadline: aborted", err=True)
        return 130
    except click.ClickException as exc:
        click.echo(f"threadline: error: {exc.format_message()}", err=True)
        return exc.exit_code
    except ThreadlineError as exc:
        click.echo(f"threadline: error: {exc}", err=True)
        return 1
    except sqlite3.OperationalError as exc:  # the store cannot be written now: read-only, full, busy
        failure = write_failure(store(), exc)
        if failure is None:
            raise
        click.echo(f"threadline: error: {failure}", err=True)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if not is_disk_full(exc):
            raise
        click.echo(f"threadline: error: {disk_full(exc.filename or store(), exc.strerror or str(exc))}", err=True)
        return 1
    return 0


# Stage commands register themselves on `cli` (one line per module).
from . import entities as _entities  # noqa: E402,F401
from . import attributions as _attributions  # noqa: E402,F401
from . import stories as _stories  # noqa: E402,F401
from . import events as _events  # noqa: E402,F401
from . import serve as _serve  # noqa: E402,F401
from . import figures as _figures  # noqa: E402,F401
from . import review as _review  # noqa: E402,F401
from . import watch as _watch  # noqa: E402,F401

if __name__ == "__main__":
    sys.exit(main())
