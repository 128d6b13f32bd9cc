"""`threadline serve`: the workbench web UI and JSON API."""

from __future__ import annotations

import click

from . import _corpus, cli


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (only this machine unless told otherwise).")
@click.option("--port", default=8787, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--token", envvar="THREADLINE_TOKEN", default=None,
    help="Token that allows corrections (review), as SECRET or NAME:SECRET; env THREADLINE_TOKEN (default: a new one, printed). "
    "Required with a --host other than loopback, where every request needs it.",
)
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, token: str | None) -> None:
    """Serve the workbench: every page also as JSON (path + `.json`).

    Example: threadline serve --port 8787, then open http://127.0.0.1:8787/
    """
    import uvicorn

    from ..review import local_author
    from ..serve.app import create_app
    from ..serve.auth import Access
    from ..serve.guard import is_loopback, refusal

    refused = refusal(host, token)
    if refused:
        raise click.UsageError(refused)

    with _corpus(ctx, readonly=True) as corpus:
        path, config = corpus.path, corpus.config
    try:
        access = Access.parse(token, local_author()) if token else Access.generate(local_author())
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--token") from None
    guard = not is_loopback(host)
    app = create_app(path, access=access, config=config, guard_reads=guard)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {path} on http://{shown}:{port}/" + (" (every request needs the token)" if guard else "") + " (Ctrl-C to stop)")
    if token:
        click.echo(f"Corrections: sign in at http://{host}:{port}/login with the given token (reviews signed as {access.name})")
    else:
        click.echo(f"Corrections: sign in at http://{host}:{port}/login with the token {access.token} (reviews signed as {access.name})")
    uvicorn.run(app, host=host, port=port, log_level="warning")
