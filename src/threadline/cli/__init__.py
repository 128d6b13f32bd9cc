"""The `threadline` command: argument parsing only; the work is in the library.

Commands for each stage live in their own module in this package and register
themselves on `cli` when imported at the bottom of this file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from .. import config as config_mod
from ..corpus import Corpus, RunSummary
from ..errors import ThreadlineError


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def _corpus(ctx: click.Context, *, readonly: bool = False, domain: str | None = None) -> Corpus:
    obj = ctx.find_root().obj
    cfg = config_mod.load(obj["config"], overrides={"store.db": obj["db"], "analyze.domain": domain})
    return Corpus(config=cfg, readonly=readonly)


def _check_paths(paths: tuple[str, ...], *, uris: bool = False) -> list[str]:
    for p in paths:
        if p != "-" and not (uris and "://" in p) and not Path(p).exists():
            raise click.BadParameter(f"no such file or directory: {p}", param_hint="PATH")
    return list(paths)


def _progress() -> bool:
    return sys.stderr.isatty()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="Store file (default ./threadline.db, env THREADLINE_DB).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="Configuration file (TOML).")
@click.version_option(package_name="threadline")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config_file: str | None) -> None:
    """Threadline: news articles in, an evidence-grounded knowledge base out."""
    ctx.obj = {"db": db, "config": config_file}


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None, help="Where to write the HTML/Markdown report.")
@click.option("--domain", default=None, help="Domain pack: recruitment (default), generic, or a TOML file.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True, help="Where ingest and analysis run (docs/scale.md).")
@click.option("--address", default=None, help="Ray cluster to join: auto or HOST:PORT (default: start Ray on this machine).")
@click.option("--work", default=None, help="Ray engine's shard directory or URI (default: <db>.shards).")
@click.option("--keep-shards", is_flag=True, help="Keep the Ray engine's Parquet shards after the merge.")
@click.pass_context
def run(
    ctx: click.Context, paths: tuple[str, ...], report_path: str | None, domain: str | None, as_json: bool,
    engine: str, address: str | None, work: str | None, keep_shards: bool,
) -> None:
    """The main job: ingest PATHS, analyse, resolve, and write the report.

    Example: threadline run examples/corpus
    """
    if engine != "ray" and (address or work or keep_shards):
        raise click.UsageError("--address, --work and --keep-shards need --engine ray")
    checked = _check_paths(paths, uris=engine == "ray")
    with _corpus(ctx, domain=domain) as corpus:
        if engine == "ray":
            from ..engines import ray_engine

            summary = ray_engine.run(
                corpus, checked, address=address, work=work, keep_shards=keep_shards, report=report_path, progress=_progress()
            )
        else:
            summary = corpus.run(checked, progress=_progress(), report=report_path)
    if as_json:
        _echo_json(summary.to_json())
    else:
        _print_summary(summary)


def _print_summary(summary: RunSummary) -> None:
    ing = summary.ingest
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(ing.kinds.items())) or "none"
    click.echo(f"Documents added: {ing.added} ({kinds}); duplicates: {len(ing.duplicates)}; rejected: {len(ing.rejected)}")
    for r in ing.rejected:
        where = f"{r.path}:{r.line}" if r.line else r.path
        click.echo(f"  rejected {where}: [{r.code}] {r.reason}")
    for name, counts in summary.stages.items():
        if isinstance(counts, dict):
            rendered = ", ".join(f"{k} {v}" for k, v in counts.items())
        else:
            rendered = str(counts)
        click.echo(f"{name.capitalize()}: {rendered}")
    if summary.report:
        click.echo(f"Report: {summary.report}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], as_json: bool) -> None:
    """Read PATHS (files, directories, JSONL, HTML, WARC, '-' for stdin) into the store."""
    checked = _check_paths(paths)
    with _corpus(ctx) as corpus:
        summary = corpus.ingest(checked)
    if as_json:
        _echo_json(summary.to_json())
    else:
        _print_summary(RunSummary(ingest=summary))


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
    """Inputs that were rejected, with their reasons."""
    with _corpus(ctx, readonly=True) as corpus:
        rows = corpus.rejections()
    if as_json:
        _echo_json(rows)
        return
    for r in rows:
        where = f"{r['path']}:{r['line']}" if r["line"] else r["path"]
        click.echo(f"{where}: [{r['code']}] {r['reason']}")
    if not rows:
        click.echo("no rejected inputs")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "parquet", "graphml", "ftm"]), default="json", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(), help="File to write (a directory for csv and parquet).")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str) -> None:
    """Export the store: JSON (docs/export.md); CSV or Parquet per table, GraphML, FollowTheMoney (docs/exports.md)."""
    with _corpus(ctx, readonly=True) as corpus:
        counts = corpus.export(output, fmt)
    click.echo(f"Wrote {output}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="File to write (default from config).")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), default=None, help="Default: from the file suffix.")
@click.pass_context
def report(ctx: click.Context, output: str | None, fmt: str | None) -> None:
    """Write the self-contained dossier report."""
    from ..report import write_report

    with _corpus(ctx, readonly=True) as corpus:
        path = write_report(corpus, output or corpus.config["report"]["path"], fmt)
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
@click.pass_context
def analyze(ctx: click.Context, workers: int | None, domain: str | None) -> None:
    """Parse and extract every document not yet analysed by the current extractor versions."""
    with _corpus(ctx, domain=domain) as corpus:
        counts = corpus.analyze(workers=workers, progress=_progress())
    click.echo("Analyze: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@cli.command()
@click.pass_context
def resolve(ctx: click.Context) -> None:
    """Corpus-level steps: canonical entities and what later stages add."""
    with _corpus(ctx) as corpus:
        counts = corpus.resolve()
    click.echo("Resolve: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def main(argv: list[str] | None = None) -> int:
    """Entry point: one-line errors and non-zero exits."""
    try:
        cli.main(args=argv, prog_name="threadline", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("threadline: aborted", err=True)
        return 130
    except click.ClickException as exc:
        click.echo(f"threadline: error: {exc.format_message()}", err=True)
        return exc.exit_code
    except ThreadlineError as exc:
        click.echo(f"threadline: error: {exc}", err=True)
        return 1
    except BrokenPipeError:
        return 0
    return 0


# Stage commands register themselves on `cli` (one line per module).
from . import entities as _entities  # noqa: E402,F401
from . import attributions as _attributions  # noqa: E402,F401
from . import stories as _stories  # noqa: E402,F401
from . import events as _events  # noqa: E402,F401
from . import serve as _serve  # noqa: E402,F401
from . import figures as _figures  # noqa: E402,F401
from . import watch as _watch  # noqa: E402,F401

if __name__ == "__main__":
    sys.exit(main())
